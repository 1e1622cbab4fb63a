"""Every code the stage can produce is listed in CODES, with the status it comes with."""

from __future__ import annotations

import re
from pathlib import Path

from xena2archive import documents
from xena2archive.documents import CODES, FAILED, NOT_CONVERTED

SOURCES = Path(documents.__file__).parent


def test_every_raised_code_is_documented_with_its_status() -> None:
    found: dict[str, str] = {}
    for source in SOURCES.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for kind, code in re.findall(r'(NotConvertible|ConversionFailed)\(\s*"([a-z-]+)"', text):
            found[code] = NOT_CONVERTED if kind == "NotConvertible" else FAILED
        for code in re.findall(r'code="([a-z-]+)"', text):
            found.setdefault(code, FAILED)
        for code in re.findall(r'"(worker-crashed|timeout)"', text):
            found.setdefault(code, FAILED)
    assert len(found) >= 15
    for code, status in found.items():
        assert code in CODES, code
        assert CODES[code][0] == status, code
    for code, (_, kind) in CODES.items():  # each is a kind of the one catalogue, said in both languages
        assert kind.code == f"no-copy-{code}" and kind.severity == "warning", code
        assert kind(code).render("da") != kind(code).render("en"), code
