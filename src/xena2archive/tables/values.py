"""Raw text to typed values, exactly: no float anywhere, and a failure is a result, not an exception.

``parse(kind, text)`` returns the typed value, or ``FALLBACK`` when the text is not a valid value of
that kind; the caller then keeps the text as it was and reports it. Empty text is ``None`` (null).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from collections.abc import Callable

from ..model import Kind

FALLBACK: Any = object()  # "this text is not a valid value of the column's kind"

EPOCH = dt.date(1970, 1, 1)
_MIN_DAYS, _MAX_DAYS = -719162, 2932896  # 0001-01-01 .. 9999-12-31
_INT_RANGES = {Kind.int32: (-(2**31), 2**31 - 1), Kind.int64: (-(2**63), 2**63 - 1),
               Kind.date_days: (_MIN_DAYS, _MAX_DAYS)}

_PLAIN_POINT = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]+))?\Z")
_GROUPED_POINT = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?\Z")
_PLAIN_COMMA = re.compile(r"([+-]?)([0-9]*)(?:,([0-9]+))?\Z")
_GROUPED_COMMA = re.compile(r"([+-]?)([0-9]{1,3}(?:\.[0-9]{3})+)(?:,([0-9]+))?\Z")
_EXPONENT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+\Z")

_TRUE = frozenset({"true", "1", "ja", "yes", "sand", "j", "y"})
_FALSE = frozenset({"false", "0", "nej", "no", "falsk", "n"})

_ISO_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,7}))?)?)?"
    r"\s*(Z|[+-][0-9]{2}:?[0-9]{2})?\Z"
)
_DANISH_DATETIME = re.compile(
    r"([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})(?:[ T]([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?)?\Z"
)


@dataclass(frozen=True)
class NumberStyle:
    """How a file writes decimal numbers, decided once per file from what it holds."""

    decimal_comma: bool = False

    @property
    def label(self) -> str:
        return "decimal comma" if self.decimal_comma else "decimal point"


def canonical_decimal(text: str, style: NumberStyle) -> str | None:
    """Exact decimal text in canonical form (``-1234.50``), or None when it is not a number.

    Thousands separators are accepted only in proper groups of three, so ``1.234,5`` is read as
    1234.5 under a decimal comma, while ``1.5`` under a decimal comma is not a number (kept as text).
    The number of decimals written is kept: ``100.00`` stays ``100.00``.
    """
    text = text.strip().replace("\u00a0", "").replace("\u2212", "-")
    patterns = (_PLAIN_COMMA, _GROUPED_COMMA) if style.decimal_comma else (_PLAIN_POINT, _GROUPED_POINT)
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            sign, whole, fraction = match.groups()
            whole = whole.replace(".", "").replace(",", "")
            if not whole and not fraction:
                return None
            whole = whole.lstrip("0") or "0"
            sign = "-" if sign == "-" else ""
            return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
    if _EXPONENT.match(text) and not style.decimal_comma:
        return _expand_exponent(text)
    return None


def _expand_exponent(text: str) -> str:
    """``1.5E-05`` (as .NET writes a double) to plain exact decimal text, by string arithmetic."""
    mantissa, exponent = re.split("[eE]", text)
    sign = "-" if mantissa.startswith("-") else ""
    mantissa = mantissa.lstrip("+-")
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent)
    if point <= 0:
        digits, point = "0" * (1 - point) + digits, 1
    elif point > len(digits):
        digits += "0" * (point - len(digits))
    whole, fraction = digits[:point].lstrip("0") or "0", digits[point:]
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def parse_int(text: str, kind: Kind) -> Any:
    try:
        value = int(text)  # accepts surrounding blanks and a sign, as wanted
    except ValueError:
        return FALLBACK
    if "_" in text or not text.isascii():  # int() also takes "1_000" and non-ASCII digits
        return FALLBACK
    low, high = _INT_RANGES[kind]
    return value if low <= value <= high else FALLBACK


def parse_bool(text: str) -> Any:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return FALLBACK


def canonical_datetime(text: str) -> str | None:
    """ISO 8601 date-time text (``2023-03-04T10:11:12.1234567Z``) from ISO or Danish day-first text.

    Fractions keep all their digits (.NET writes seven, more than Python's datetime holds), so this
    works on the text and uses ``datetime`` only to check that the date and time exist.
    """
    text = text.strip()
    match = _ISO_DATETIME.match(text)
    if match:
        year, month, day, hour, minute, second, fraction, zone = match.groups()
    else:
        match = _DANISH_DATETIME.match(text)
        if not match:
            return None
        day, month, year, hour, minute, second = match.groups()
        fraction = zone = None
    try:
        dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    result = f"{year}-{int(month):02d}-{int(day):02d}T{int(hour or 0):02d}:{minute or '00'}:{second or '00'}"
    if fraction:
        result += "." + fraction
    if zone and zone != "Z":
        zone = zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
    return result + (zone or "")


@lru_cache(maxsize=1 << 16)
def days_to_date(days: int) -> str:
    """ISO date of Xena's day count (days since 1970-01-01); cached, as books repeat their dates."""
    return (EPOCH + dt.timedelta(days=days)).isoformat()


def parse_guid(text: str) -> Any:
    text = text.strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return FALLBACK


def csv_field_reader(kind: Kind, style: NumberStyle) -> Callable[[str], Any]:
    """The function that reads one CSV field of ``kind``: empty is null (CSV cannot tell empty from
    missing), else ``converter``'s value."""
    if kind is Kind.string:
        return _text_or_null
    convert = converter(kind, style)
    return lambda text: convert(text) if text else None


def _text_or_null(text: str) -> str | None:
    return text or None


def csv_column_reader(kind: Kind, style: NumberStyle) -> Callable[[Sequence[str]], list[Any]]:
    """Like ``csv_field_reader``, for many fields of one column at once (a batch of rows).

    Same values, fewer Python steps: a column of well-formed integers, or of text, is read by
    built-ins in one sweep, and any batch with something unusual in it (a blank, a sign, a
    non-ASCII digit, a value out of range) is read again value by value by ``csv_field_reader``.
    """
    one = csv_field_reader(kind, style)
    if kind in _INT_RANGES:
        low, high = _INT_RANGES[kind]

        def read_ints(texts: Sequence[str]) -> list[Any]:
            if "" not in texts:
                try:
                    values = list(map(int, texts))
                except ValueError:
                    return list(map(one, texts))
                joined = "".join(texts)
                if values and joined.isascii() and "_" not in joined and low <= min(values) and max(values) <= high:
                    return values
            return list(map(one, texts))

        return read_ints
    if kind is Kind.string:
        return lambda texts: [text or None for text in texts] if "" in texts else list(texts)
    if kind is Kind.decimal:
        # every field empty or already canonical but for the decimal comma: just swap the comma
        canonical = _CANONICAL_COMMA_LINES if style.decimal_comma else _CANONICAL_POINT_LINES

        def read_decimals(texts: Sequence[str]) -> list[Any]:
            if not _each_matches(canonical, texts):
                return list(map(one, texts))
            values = [text.replace(",", ".") for text in texts] if style.decimal_comma else list(texts)
            return [value or None for value in values] if "" in texts else values

        return read_decimals
    if kind is Kind.datetime:

        def read_datetimes(texts: Sequence[str]) -> list[Any]:
            if "" not in texts and _each_matches(_CANONICAL_DATETIME_LINES, texts):
                try:
                    for text in texts:
                        dt.datetime.fromisoformat(text[:19])  # the date and time exist
                except ValueError:
                    return list(map(one, texts))
                return list(texts)
            return list(map(one, texts))

        return read_datetimes
    return lambda texts: list(map(one, texts))


def _lines_of(pattern: str) -> re.Pattern[str]:
    """Matches newline-joined fields that are each empty or match ``pattern``."""
    return re.compile(f"(?:{pattern})?(?:\n(?:{pattern})?)*")


def _each_matches(lines: re.Pattern[str], texts: Sequence[str]) -> bool:
    """Whether every field is empty or matches (``lines`` from ``_lines_of``), in one regex run; a
    field holding a newline never counts as matching."""
    joined = "\n".join(texts)
    return joined.count("\n") == len(texts) - 1 and lines.fullmatch(joined) is not None


# The form of a decimal in the JSONL: canonical_decimal gives it back unchanged (no sign but '-',
# no leading zeros); with a comma for the point, it gives it back with the point.
CANONICAL_DECIMAL = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
_CANONICAL_POINT_LINES = _lines_of(CANONICAL_DECIMAL)
_CANONICAL_COMMA_LINES = _lines_of(r"-?(?:0|[1-9][0-9]*)(?:,[0-9]+)?")
# and canonical_datetime these
_CANONICAL_DATETIME_LINES = _lines_of(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?(?:Z|[+-][0-9]{2}:[0-9]{2})?")


def converter(kind: Kind, style: NumberStyle) -> Callable[[str], Any]:
    """The function that turns one non-empty raw text into a value of ``kind`` (or FALLBACK)."""
    if kind in _INT_RANGES:
        return lambda text: parse_int(text, kind)
    if kind is Kind.decimal:
        return lambda text: _or_fallback(canonical_decimal(text, style))
    if kind is Kind.boolean:
        return parse_bool
    if kind is Kind.datetime:
        return lambda text: _or_fallback(canonical_datetime(text))
    if kind is Kind.guid:
        return parse_guid
    if kind is Kind.date:
        return lambda text: _or_fallback(_iso_date(text))
    return str  # string and array (an array met as text in a CSV stays that text)


def _iso_date(text: str) -> str | None:
    full = canonical_datetime(text)
    return full[:10] if full and full.endswith("T00:00:00") else None


def _or_fallback(value: str | None) -> Any:
    return FALLBACK if value is None else value
