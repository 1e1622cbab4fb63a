import pytest

from xena2archive.model import Kind
from xena2archive.tables.values import (
    FALLBACK, NumberStyle, canonical_datetime, canonical_decimal, converter, csv_column_reader, csv_field_reader,
    days_to_date, parse_bool, parse_int,
)

POINT, COMMA = NumberStyle(False), NumberStyle(True)


def test_decimal_point_keeps_exact_digits():
    assert canonical_decimal("1234.50", POINT) == "1234.50"
    assert canonical_decimal("-0.10", POINT) == "-0.10"
    assert canonical_decimal("1,234,567.89", POINT) == "1234567.89"
    assert canonical_decimal("12345678901234567890.123456789", POINT) == "12345678901234567890.123456789"
    assert canonical_decimal("+007", POINT) == "7"


def test_decimal_comma_and_grouping():
    assert canonical_decimal("1.234,50", COMMA) == "1234.50"
    assert canonical_decimal("-1234,5", COMMA) == "-1234.5"
    assert canonical_decimal("1.234.567,89", COMMA) == "1234567.89"
    assert canonical_decimal("1.5", COMMA) is None  # not a proper group: kept as text by the caller
    assert canonical_decimal("1,5", POINT) is None


def test_decimal_rejects_non_numbers():
    for text in ("", "abc", "1.2.3", "NaN", "Infinity", "1e", "--1"):
        assert canonical_decimal(text, POINT) is None


def test_exponent_expanded_without_float():
    assert canonical_decimal("1.5E-05", POINT) == "0.000015"
    assert canonical_decimal("2E3", POINT) == "2000"


def test_int_ranges():
    assert parse_int("2147483647", Kind.int32) == 2147483647
    assert parse_int("2147483648", Kind.int32) is FALLBACK
    assert parse_int("9223372036854775807", Kind.int64) == 2**63 - 1
    assert parse_int("4294967297", Kind.int64) == 4294967297
    assert parse_int("1.0", Kind.int64) is FALLBACK


def test_bools_in_every_spelling():
    for text in ("true", "True", "1", "Ja", "JA"):
        assert parse_bool(text) is True
    for text in ("false", "False", "0", "Nej"):
        assert parse_bool(text) is False
    assert parse_bool("maybe") is FALLBACK


def test_datetimes_iso_and_danish():
    assert canonical_datetime("2023-03-04T10:11:12.1234567Z") == "2023-03-04T10:11:12.1234567Z"
    assert canonical_datetime("2023-03-04 10:11:12") == "2023-03-04T10:11:12"
    assert canonical_datetime("2023-03-04T10:11:12+0100") == "2023-03-04T10:11:12+01:00"
    assert canonical_datetime("04-03-2023 10:11:12") == "2023-03-04T10:11:12"
    assert canonical_datetime("4.3.2023") == "2023-03-04T00:00:00"
    assert canonical_datetime("2023-02-30T00:00:00") is None


def test_days_and_guid():
    assert days_to_date(0) == "1970-01-01"
    assert days_to_date(19000) == "2022-01-08"
    assert days_to_date(-1) == "1969-12-31"
    guid = converter(Kind.guid, POINT)
    assert guid("{6F9619FF-8B86-D011-B42D-00C04FC964FF}") == "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    assert guid("nope") is FALLBACK


TRICKY = [
    "", "0", "-0", "00", "007", "12", "-12", " 12", "12 ", "+12", "1_000", "١٢", "2147483647", "2147483648",
    "-2147483649", "9223372036854775807", "9223372036854775808", "1.234,50", "1,234.50", "1234,5", "1234.5",
    "-1234,50", "0,00", "-0,00", ",5", "5,", "1.5", "1,5", "12\n34", "1,2\n3", "1e5", "1.5E-05", "abc", "\u22121,00",
    "1\u00a0234,00", "2023-01-13T10:11:12.1234567Z", "2023-02-30T10:11:12Z", "2023-01-13T10:11:12+01:00",
    "2023-01-13T10:11:12+0100", "2023-01-13 10:11:12", "13-01-2023 10:11", "2023-01-13", "2023-01-13T24:00:00",
    "2023-01-13T10:11:12.12345678Z", "2023-01-13T10:11:12Z\n2023-01-13T10:11:12Z", "true", "Ja", "nej",
    "0f8fad5b-d9cb-469f-a165-70867728950e", "[1, 2]",
]


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("comma", [False, True])
def test_batch_reader_reads_exactly_as_the_field_reader(kind, comma):
    """The column-at-once readers take shortcuts for common batches; they must never change a value."""
    style = NumberStyle(decimal_comma=comma)
    one, many = csv_field_reader(kind, style), csv_column_reader(kind, style)
    batches = [TRICKY, [t for t in TRICKY if t], *([t] for t in TRICKY),
               ["12", "-3", "0", ""], ["1234,50", "-0,10", ""], ["1234.50", "-0.10", "7"],
               ["2023-01-13T10:11:12.1234567Z", "2024-02-29T00:00:00+02:00"], ["2147483647", "2147483648"]]
    for batch in batches:
        assert many(tuple(batch)) == [one(text) for text in batch], batch
