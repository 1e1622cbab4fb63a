"""``books.rows.read_rows`` reads the archive's JSONL with msgspec; every line must give what the
standard library's ``json`` gave, read from a text file, as the books read it before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from xena2archive.books.rows import read_rows


def _as_json_reads(path: Path) -> Iterator[dict[str, Any]]:
    """The reading before msgspec, written out: a text file, line by line, ``json`` with exact decimals."""
    decoder = json.JSONDecoder(parse_float=Decimal)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = decoder.decode(line)
                if isinstance(row, dict):
                    yield row


def _outcome(reader: Any, path: Path) -> object:
    try:
        return [(row, [(key, type(value)) for key, value in row.items()]) for row in reader(path)]
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both
        return type(exc)


@pytest.mark.parametrize("content", [
    '{"Id": 4294967296, "Amount": "-1234.50", "Text": "Bilag 1 – købmand Ærø"}\n',
    '{"big": 123456789012345678901234567890, "neg": -9223372036854775809}\n',
    '{"fraction": 1.10, "small": -0.000001}\n',  # a number with a fraction: an exact Decimal
    '{"exp": 1e400}\n',
    '{"a": 1, "a": 2}\n',  # the last of two equal keys
    '{"a": "\\ud800", "b": "\\u00e6\\n"}\n',  # a lone surrogate escape: msgspec refuses it, json reads it
    '\n  \n{"a": 1}\n[1, 2]\n"text"\nnull\n{"b": 2}',  # blank lines and values that are no row skipped
    '{"a": 1}\r\n{"b": 2}\r\n',  # Windows line ends
    '{"a": 1}\r{"b": 2}\r',  # a bare carriage return ends a line of a text file too
    '\x1c\n{"a": 1}\n',  # a line of a Unicode blank only
    '\ufeff{"a": 1}\n',  # a byte order mark is no JSON
    '{"a": 1}\n{"a": \n',  # a broken line after a good one
    '{"a": 1}\n\udcff\n',  # bytes that are no UTF-8
])
def test_every_line_reads_as_json_reads_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "T.jsonl"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert _outcome(read_rows, path) == _outcome(_as_json_reads, path)


def test_a_missing_table_has_no_rows(tmp_path: Path) -> None:
    assert list(read_rows(tmp_path / "absent.jsonl")) == []
