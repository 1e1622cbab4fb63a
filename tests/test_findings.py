"""The catalogue of findings: one code per kind, and every kind says the same in Danish and English."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from xena2archive import findings as F
from xena2archive.findings import INFO, KINDS, WARNING

ROOT = Path(__file__).resolve().parents[1]


def _fields(template: str) -> tuple[set[str], set[str]]:
    """The names a template uses, and those of them it uses to choose a singular or plural."""
    names, counted = set(), set()
    for _text, name, _spec, _conversion in string.Formatter().parse(template):
        if name:
            base, bar, _forms = name.partition("|")
            names.add(base)
            if bar:
                counted.add(base)
    return names, counted


def test_every_kind_has_a_unique_kebab_case_code_a_severity_and_a_line_about_it_in_both_languages():
    assert len(KINDS) > 100
    for code, kind in KINDS.items():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code) and kind.code == code
        assert kind.severity in (WARNING, INFO)
        for about in (kind.about, kind.om):
            assert about and not about.endswith("."), code
        assert kind.en.strip() and kind.da.strip(), code


@pytest.mark.parametrize("code", sorted(KINDS))
def test_both_templates_name_the_same_fields_and_render_whole_sentences(code):
    kind = KINDS[code]
    (en, en_counted), (da, da_counted) = _fields(kind.en), _fields(kind.da)
    assert en == da, code
    for n in (1, 2, 1234):
        values = {name: n if name in en_counted | da_counted else f"<{name}>" for name in en}
        for lang in ("en", "da"):
            text = kind("where", **values).render(lang)
            assert text.endswith((".", "!", "?", "…")) and "{" not in text and "|" not in text, (code, lang, text)
            assert all(f"<{name}>" in text for name in en - en_counted - da_counted), (code, lang, text)


def test_numbers_amounts_plurals_and_notes_are_written_per_language():
    one, many = F.VOUCHERS_UNBALANCED("x", count=1, page="p"), F.VOUCHERS_UNBALANCED("x", count=1234, page="p")
    assert one.render("en").startswith("1 voucher does not add up") and one.render("da").startswith("1 bilag stemmer")
    assert many.render("en").startswith("1,234 vouchers do not") and many.render("da").startswith("1.234 bilag")
    equity = F.EQUITY_NOT_RESULT("x", equity=Decimal("-1234.5"), result=Decimal("10.00"))
    assert "-1,234.5" in equity.render("en") and "-1.234,5" in equity.render("da")
    nested = F.TABLE_NOTE("t", note=F.CONVERTED_FROM("t", format="XML"))
    assert nested.render("en") == "converted from XML; the other file was compared with it."
    assert nested.render("da") == "konverteret fra XML; den anden fil er sammenlignet med den."
    assert nested.to_json()["fields"] == {"note": {"code": "converted-from", "where": "t", "fields": {"format": "XML"}}}
    assert nested.to_json()["message_da"] == nested.render("da") and nested.message == nested.render("en")


def test_the_readmes_list_of_findings_is_the_catalogues():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "findings_list.py"), "--check"], cwd=ROOT)
    assert done.returncode == 0, "README.md's list of findings is out of date: run python tools/findings_list.py"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` |" in readme for code in KINDS)
