"""The sample backup converted by the CLI, shared by the index's end-to-end and browser tests.

The tests judge the pages exactly as the CLI left them in the bag: nothing here writes or
rewrites a page.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from xena2archive.cli import main
from sample_backup import write_sample_backup


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Sample zip -> ``xena2archive backup.zip out``; the bag, its payload, report and the sample's facts."""
    root = tmp_path_factory.mktemp("index-e2e")
    facts = write_sample_backup(root / "backup.zip")
    # exit 1: the sample's one deliberate flaw, a PNG receipt uploaded under a .pdf name
    assert main([str(root / "backup.zip"), str(root / "out"), "--quiet"]) == 1
    data = root / "out" / "data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    return {"root": root, "bag": root / "out", "data": data, "report": report, "facts": facts}
