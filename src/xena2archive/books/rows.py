"""Reading the archive's own JSONL tables back, one row at a time, and the values in them.

A leaf of the books package (standard library, msgspec, ``fmt`` and the table stage's decimal form
only).
The table stage wrote these rows, so ids are JSON integers and money is canonical decimal text;
the helpers still accept what a hand-made or older archive may hold (an id as text, a decimal
with a comma), and answer None for what is no value of the kind asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec

from ..fmt import to_decimal
from ..tables.values import CANONICAL_DECIMAL

_CANONICAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_CANONICAL_TEXT = re.compile(CANONICAL_DECIMAL)  # as the JSONL writes decimals
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# msgspec reads a line in a third of the standard library's time (a million postings: 1.8 s against
# 4.9 s of CPU), with the same values: integers of any size, a JSON number with a fraction as an exact
# Decimal, the last of two equal keys
_FAST = msgspec.json.Decoder(float_hook=Decimal)
_DECODER = json.JSONDecoder(parse_float=Decimal)  # one decoder: json.loads would build one per line


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL table one at a time (decimals stay exact); nothing if the file is absent."""
    if not path.is_file():
        return
    with open(path, "rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                row = _FAST.decode(line)
            except msgspec.DecodeError:
                yield from (row for row in _as_text(line) if isinstance(row, dict))
                continue
            if isinstance(row, dict):
                yield row


def _as_text(line: bytes) -> list[Any]:
    """What msgspec refuses, read as the standard library reads a text file: decoded, cut at a bare
    ``\\r`` too, each part by ``json``. So a lone surrogate escape (``"\\ud800"``) is read, and what
    is no JSON raises as it always did (``JSONDecodeError``, ``UnicodeDecodeError``)."""
    return [_DECODER.decode(part) for part in io.StringIO(line.decode("utf-8"), newline=None) if part.strip()]


def pick(row: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` that the row holds with a value."""
    for name in names:
        value = row.get(name)
        if value is not None and value != "":
            return value
    return None


def as_int(value: Any) -> int | None:
    """An int64 id or number, from an int or its text; None for anything else."""
    if type(value) is int:
        return value
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,19}", value.strip()):
        number = int(value)
        return number if -(2**63) <= number < 2**63 else None
    return None


def as_bool(value: Any) -> bool | None:
    """A boolean as the tables hold it (``true``, ``True``, ``1``, ``Ja``, ...); None for anything else."""
    if isinstance(value, bool):
        return value
    folded = text(value).casefold()
    return True if folded in ("true", "1", "ja", "yes") else False if folded in ("false", "0", "nej", "no") else None


def text(value: Any) -> str:
    """A value as stripped text ('' for none)."""
    return "" if value is None else str(value).strip()


def canonical(value: Any) -> str | None:
    """A decimal amount as exact text (``-1234.50``), or None if the value is no number."""
    if isinstance(value, str) and _CANONICAL_TEXT.fullmatch(value):
        return value  # as the JSONL writes decimals: already what the slow way below gives
    number = to_decimal(value)
    if number is None:
        return None
    written = format(number, "f")
    return written if _CANONICAL.match(written) else None


def day_text(row: dict[str, Any], name: str) -> str | None:
    """The ISO date of a ``...Days`` field: the derived ``_date`` column, else from the integer."""
    value = row.get(f"{name}_date")
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    days = as_int(row.get(name))
    if days is not None and -719162 <= days <= 2932896:
        return (dt.date(1970, 1, 1) + dt.timedelta(days=days)).isoformat()
    return None


def date_part(value: Any) -> str | None:
    """The date of an ISO date-time (``CreatedAt``), if it is one."""
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return value[:10]
    return None
