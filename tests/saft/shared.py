"""Files of ``shared/saft/`` (Erhvervsstyrelsen's published standards, public copies) as the tests read them.

CI lays ``shared/`` beside the checkout; a git worktree may sit a level deeper, so every folder above
the checkout is tried. Absent, a test skips with the reason, and fails instead under ``CI``. The
project commits no copy of them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from helpers import missing

XSD = "Danish_SAF-T_Financial_Schema_v_2_1.xsd"
CHART = "standardkontoplan-2026.json"


def shared_saft(name: str) -> Path | None:
    checkout = Path(__file__).resolve().parents[2]
    return next((p / "shared" / "saft" / name for p in checkout.parents if (p / "shared" / "saft" / name).is_file()),
                None)


def required(name: str, what: str) -> Path:
    """``shared/saft/<name>``, or skip (fail under CI) saying what is missing."""
    path = shared_saft(name)
    if path is None:
        message = f"shared/saft/{name} ({what}) is not beside the checkout or above it"
        missing(message, f"{message}; CI lays shared/ beside the checkout")
    return path


@cache
def _schema(path: Path) -> Any:
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid_2_1(path: Path) -> Any:
    """The file at ``path`` parsed with lxml and valid against the shared 2.1 XSD; its root."""
    xsd = _schema(required(XSD, "Erhvervsstyrelsen's SAF-T Financial DK 2.1 XSD"))
    document = etree.parse(str(path))
    assert xsd.validate(document), (path.name, [str(e) for e in xsd.error_log])
    return document.getroot()


def standard_chart() -> dict[int, str]:
    """Erhvervsstyrelsen's standard chart of accounts valid from 2026-01-01: posting account number -> name."""
    found = json.loads(required(CHART, "Erhvervsstyrelsen's standard chart of accounts 2026").read_text("utf-8"))
    return {int(a["kontonummer"]): a["navn"].strip() for group in found["Kontoplan"] for a in group.get("konti", [])}
