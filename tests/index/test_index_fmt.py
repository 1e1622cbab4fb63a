"""Danish number and date formats."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from xena2archive import fmt


@pytest.mark.parametrize(("value", "expected"), [
    ("1234567.89", "1.234.567,89"),
    ("-1234.5", "-1.234,50"),
    ("-1234.50", "-1.234,50"),
    (Decimal("-1234.5"), "-1.234,50"),
    ("0", "0,00"),
    ("0.00", "0,00"),
    ("-0.00", "0,00"),
    (Decimal("-0"), "0,00"),
    ("999.99", "999,99"),
    ("1000", "1.000,00"),
    ("-100000", "-100.000,00"),
    ("0.125", "0,125"),  # never rounded
    ("-0.5", "-0,50"),
    ("12345678901234567890.12", "12.345.678.901.234.567.890,12"),
    (Decimal("-98765432109876.54"), "-98.765.432.109.876,54"),
    (5, "5,00"),
    (-1234, "-1.234,00"),
])
def test_money(value: object, expected: str) -> None:
    assert fmt.money(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), ("12,50", "12,50"), ("abc", "abc"), ("1e5", "1e5"), (1.5, "1.5"), (True, "True"),
])
def test_money_leaves_what_is_no_number_alone(value: object, expected: str) -> None:
    """Text kept as text is shown as it is; a float is never taken for an amount."""
    assert fmt.money(value) == expected


def test_money_fast_path_agrees_with_decimal_path() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        cents = rng.randrange(-10**15, 10**15)
        text = str(Decimal(cents).scaleb(-2))
        assert fmt.money(text) == fmt.money(Decimal(text)), text


def test_blank_zero() -> None:
    assert fmt.money("0.00", blank_zero=True) == ""
    assert fmt.money("1.00", blank_zero=True) == "1,00"


@pytest.mark.parametrize(("value", "expected"), [
    (0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"), (-1234567, "-1.234.567"), (None, ""),
])
def test_integer(value: object, expected: str) -> None:
    assert fmt.integer(value) == expected


def test_dates() -> None:
    assert fmt.date("2023-01-13") == "13-01-2023"
    assert fmt.date(dt.date(2024, 2, 29)) == "29-02-2024"
    assert fmt.date("2023-01-13T10:00:00Z") == "13-01-2023"
    assert fmt.date(None) == ""
    assert fmt.date("ukendt") == "ukendt"
    assert fmt.datetime("2025-01-31T12:00:00") == "31-01-2025 kl. 12:00"
    assert fmt.datetime("2025-01-31T12:00:00", "en") == "31-01-2025 12:00"
    assert fmt.datetime("2025-01-31") == "31-01-2025"


def test_size() -> None:
    assert fmt.size(999) == "999 bytes"
    assert fmt.size(212347) == "212,3 kB"
    assert fmt.size(212347, "en") == "212.3 kB"
    assert fmt.size(5_300_000_000) == "5,3 GB"


def test_canonical_amounts_take_the_short_way_to_the_same_text():
    """JSONL decimals are canonical text already and skip Decimal; every other spelling goes the long
    way; both give what the long way gives."""
    from decimal import Decimal

    from xena2archive.books.rows import canonical

    assert [canonical(v) for v in ("-0.00", "0.10", "10", "1234.50", "-7")] == ["-0.00", "0.10", "10", "1234.50", "-7"]
    assert [canonical(v) for v in ("007.5", "1e2", "+3", " 4 ", Decimal("1.5E+1"), 12)] == [
        "7.5", None, "3", "4", "15", "12"]
    assert [canonical(v) for v in ("", "abc", "NaN", None, True, 1.5)] == [None] * 6
