"""The table of country names (``books.countries``): Danish and English names to ISO 3166-1 codes."""

from __future__ import annotations

import pytest

from xena2archive.books.countries import NAMES, country_code


@pytest.mark.parametrize(("text", "code"), [
    ("Tyskland", "DE"), ("Sverige", "SE"), ("Norge", "NO"), ("Danmark", "DK"), ("  danmark ", "DK"),
    ("Holland", "NL"), ("Nederlandene", "NL"), ("Storbritannien", "GB"), ("UK", "GB"), ("United  Kingdom", "GB"),
    ("Frankrig", "FR"), ("Østrig", "AT"), ("Færøerne", "FO"), ("Grønland", "GL"), ("USA", "US"), ("Kina", "CN"),
    ("Polen", "PL"), ("Island", "IS"), ("Schweiz", "CH"), ("de", "DE"), ("SE", "SE"),
    ("Atlantis", ""), ("", ""), ("Tysk land", ""),
])
def test_country_names_to_codes(text: str, code: str) -> None:
    assert country_code(text) == code


def test_every_name_is_one_country_and_every_code_iso_shaped() -> None:
    seen: dict[str, str] = {}
    for code, names in NAMES.items():
        assert len(code) == 2 and code.isupper() and code != "UK"  # ISO says GB
        for name in names:
            assert name == name.casefold().strip() and seen.setdefault(name, code) == code, name
