"""Danish display formats: money ``1.234.567,89``, whole numbers ``1.234``, dates ``dd-mm-åååå``.

Money is formatted from ``Decimal`` or from its canonical text (``-1234.5``), never via float, and
never rounded: an amount with three decimals keeps them; fewer than two are padded to two.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any


def shown(text: str) -> str:
    """Text read with ``surrogateescape`` (a file name, a CSV field) as the report and the pages can
    write it: its bytes that are no UTF-8, which Python holds as lone surrogates, as ``\\xNN`` escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _group(digits: str) -> str:
    """``1234567`` -> ``1.234.567``."""
    if len(digits) <= 3:  # most amounts of a page, quickly
        return digits
    if digits[0] != "0":  # no leading zeros to keep: the C-level grouping of int's format
        return f"{int(digits):,}".replace(",", ".")
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def to_decimal(value: Any) -> Decimal | None:
    """A finite ``Decimal`` from a Decimal, an int or a canonical decimal string, else None."""
    if value is None or isinstance(value, bool) or isinstance(value, float):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or any(c not in "0123456789.-+" for c in text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


_TWO_DECIMALS = re.compile(r"(-?)([0-9]+)\.([0-9]{2})")


def money(value: Any, blank_zero: bool = False) -> str:
    """``Decimal("-1234.5")`` -> ``-1.234,50``; text that is no number is shown as it is."""
    if isinstance(value, str) and not blank_zero:
        two = _TWO_DECIMALS.fullmatch(value)
        if two and (len(two[2]) == 1 or two[2][0] != "0"):  # the common case, without Decimal
            sign, whole, fraction = two.groups()
            if sign and whole == "0" and fraction == "00":
                sign = ""
            return f"{sign}{_group(whole)},{fraction}"
    number = to_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if blank_zero and number == 0:
        return ""
    if number.as_tuple().exponent > -2:  # type: ignore[operator]
        number = number.quantize(Decimal("0.01"))
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    if sign and not whole.strip("0") and not fraction.strip("0"):
        sign = ""  # -0,00 is 0,00
    return f"{sign}{_group(whole)},{fraction}"


def integer(value: Any) -> str:
    """``1234567`` -> ``1.234.567``; anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "" if value is None else str(value)
    return ("-" if value < 0 else "") + _group(str(abs(value)))


def date(value: Any) -> str:
    """``2023-01-13`` (or a date) -> ``13-01-2023``; anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        return f"{text[8:10]}-{text[5:7]}-{text[0:4]}"
    return text


def datetime(value: Any, lang: str = "da") -> str:
    """``2025-01-31T12:00:00`` -> ``31-01-2025 kl. 12:00`` (``31-01-2025 12:00`` in English)."""
    if not value:
        return ""
    text = str(value)
    day = date(text[:10])
    if len(text) >= 16 and text[10] in "T ":
        return f"{day} kl. {text[11:16]}" if lang == "da" else f"{day} {text[11:16]}"
    return day


def size(value: Any, lang: str = "da") -> str:
    """Bytes for people: ``1,2 MB`` (``1.2 MB`` in English)."""
    if not isinstance(value, int):
        return ""
    units = ["bytes", "kB", "MB", "GB", "TB"]
    amount = float(value)  # a display approximation, never a booked amount
    unit = 0
    while amount >= 1000 and unit < len(units) - 1:
        amount /= 1000
        unit += 1
    if unit == 0:
        return f"{integer(value) if lang == 'da' else format(value, ',')} bytes"
    text = f"{amount:.1f}"
    return f"{text.replace('.', ',') if lang == 'da' else text} {units[unit]}"
