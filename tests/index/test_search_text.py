"""The search's reading of words, against values written out by hand (folding, amounts, dates)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xena2archive.index.search_text import amount_terms, clauses, date_term, fold, number_terms, terms


@pytest.mark.parametrize(("text", "folded"), [
    ("Æblet", "aeblet"), ("Åbyhøj", "aabyhoej"), ("AABYHØJ", "aabyhoej"), ("Søren Ærø", "soeren aeroe"),
    ("Crème Brûlée", "creme brulee"), ("Müller", "muller"), ("a\u030a", "aa"),  # å written as a + ring
    ("ÆØÅ æøå", "aeoeaa aeoeaa"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(("typed", "readings"), [
    ("19.017,47", ["19017.47"]), ("19017,47", ["19017.47"]), ("19017.47", ["19017.47"]),
    ("19,017.47", ["19017.47"]), ("1.234.567,89", ["1234567.89"]), ("1,234,567.89", ["1234567.89"]),
    ("19017,50", ["19017.5"]), ("100,00", ["100"]), ("0,50", ["0.5"]), ("000100", ["000100", "100"]),
    ("1.234", ["1.234", "1234"]), ("1,234", ["1.234", "1234"]),  # a thousands mark or a decimal one
    ("1,5", ["1.5"]), ("12.34.56", []), ("1,234,5", []), ("1.234,5.6", []), ("12.3456", ["12.3456"]),
    ("abc", []), ("", []),
])
def test_number_readings(typed: str, readings: list[str]) -> None:
    assert number_terms(typed) == readings


@pytest.mark.parametrize(("exact", "found"), [
    ("-19017.47", ["19017.47", "-19017.47"]), ("19017.470", ["19017.47"]), ("100.00", ["100"]),
    ("-0.00", ["0"]), ("0.5", ["0.5"]), (Decimal("-1E+3"), ["1000", "-1000"]),
])
def test_amounts_of_the_books(exact: str | Decimal, found: list[str]) -> None:
    assert amount_terms(exact) == found


@pytest.mark.parametrize(("typed", "date"), [
    ("2024-06-10", "2024-06-10"), ("10-06-2024", "2024-06-10"), ("10.06.2024", "2024-06-10"),
    ("10/6/2024", "2024-06-10"), ("1-1-2025", "2025-01-01"), ("2024-6-1", "2024-06-01"),
    ("32-01-2024", None), ("10-13-2024", None), ("10-06-24", None), ("20240610", None),
])
def test_dates(typed: str, date: str | None) -> None:
    assert date_term(typed) == date


def test_terms_of_a_text() -> None:
    assert terms("Faktura 17 fra Åbyhøj Tømrer ApS, i alt -19.017,47 kr. den 10-06-2024.") == {
        "faktura", "17", "fra", "aabyhoej", "toemrer", "aps", "i", "alt", "kr", "den",
        "19017.47", "-19017.47", "19", "017", "47",  # the amount, with and without its minus, and its pieces
        "2024-06-10", "10", "06", "2024",  # the date, and its pieces
    }
    assert terms("Kunde-5 A/S") == {"kunde", "5", "a", "s"}


def test_what_is_typed() -> None:
    assert clauses("aeblet 19.017,47") == [(["aeblet"], True), (["19017.47"], False)]
    assert clauses("-19.017,47") == [(["-19017.47"], False)]
    assert clauses("1.234") == [(["1.234", "1234"], False)]
    assert clauses("Bilag 10-06-2024") == [(["bilag"], True), (["2024-06-10"], False)]
    assert clauses("ab c 12") == [(["ab"], False), (["c"], False), (["12"], False)]  # short words: whole only
    assert clauses(" , - ") == []
