"""Reading one CSV table file: sniff its encoding and delimiter, then yield raw records with lines.

Encoding: a BOM decides (UTF-8, UTF-16); otherwise the file is UTF-8 if it decodes as UTF-8, or
Windows-1252 if it holds no valid UTF-8 multi-byte sequence at all. A UTF-8 file with a few
undecodable lines stays UTF-8 and those records become rejects. Delimiter: the one of ``; , TAB |``
that occurs most often in the header line outside quotes (header names never contain it).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .. import findings as F
from ..fmt import shown
from .records import Record

csv.field_size_limit(1 << 30)

_DELIMITERS = (";", ",", "\t", "|")
_BAD_BYTES = re.compile("[\udc80-\udcff]")
_SNIFF_CHUNK = 1 << 20


@dataclass(frozen=True)
class CsvFormat:
    """What was found out about a CSV file, recorded in the report."""

    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16, cp1252
    delimiter: str
    bad_byte_lines: int  # lines that do not decode in ``encoding``

    @property
    def delimiter_label(self) -> str:
        return {"\t": "TAB"}.get(self.delimiter, self.delimiter)


def _encoding(path: Path) -> tuple[str, int]:
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", 0
        else:
            encoding = "utf-8"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_SNIFF_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding, 0
        except UnicodeDecodeError:
            pass
        handle.seek(0)
        valid_multibyte = bad_lines = 0
        for line in handle:
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                bad_lines += 1
                continue
            if not text.isascii():
                valid_multibyte += 1
    if valid_multibyte:
        return encoding, bad_lines
    return "cp1252", _cp1252_bad_lines(path)


def _cp1252_bad_lines(path: Path) -> int:
    """Lines holding one of the five bytes Windows-1252 leaves undefined."""
    undefined = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
    with open(path, "rb") as handle:
        return sum(1 for line in handle if undefined.search(line))


def _delimiter(header_line: str) -> str:
    outside_quotes = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside_quotes.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def sniff(path: Path) -> CsvFormat:
    """Decide encoding and delimiter of a CSV file."""
    encoding, bad_lines = _encoding(path)
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as handle:
        header_line = handle.readline()
    return CsvFormat(encoding, _delimiter(header_line), bad_lines)


def _reader(handle: TextIO, fmt: CsvFormat) -> Any:
    # strict: a quote left open at the end of the file is an error we can see, not a field that
    # silently swallows every line after it
    return csv.reader(handle, delimiter=fmt.delimiter, quotechar='"', doublequote=True, strict=True)


def read(path: Path, fmt: CsvFormat) -> tuple[list[str], Iterator[Record]]:
    """The header row and an iterator of the records after it (blank lines skipped).

    A record whose field count differs from the header's, or that holds bytes that do not decode,
    comes back as a reject with its raw fields, never silently dropped. A quote that is never
    closed makes its first line a reject, and the lines after it are read again as records.
    """
    handle = open(path, encoding=fmt.encoding, errors="surrogateescape", newline="")
    reader = _reader(handle, fmt)
    header: list[str]
    try:
        header = next(reader, [])
    except csv.Error:
        header = []
    # a header name with bytes that do not decode is shown with \\xNN escapes (the record reject rule
    # cannot apply: without the header there is no table)
    header = [shown(name).strip().lstrip("\ufeff") for name in header]
    return header, _records(path, handle, reader, len(header), fmt, 0)


def _records(path: Path, handle: TextIO, reader: Any, width: int, fmt: CsvFormat,
             offset: int) -> Iterator[Record]:
    """Records of ``reader``; ``offset`` lines come before its first line in the file."""
    check_bytes = fmt.bad_byte_lines > 0
    with handle:
        line = reader.line_num + 1
        while True:
            try:
                for fields in reader:  # a for loop: a million rows pay for no try and next() each
                    start, line = line, reader.line_num + 1
                    if not fields or (fields == [""] and width != 1):
                        continue
                    if check_bytes and any(_BAD_BYTES.search(f) for f in fields):
                        raw = [shown(f) for f in fields]
                        yield Record(offset + start, None, F.REJECT_BAD_BYTES(str(path), encoding=fmt.encoding), raw)
                    elif len(fields) != width:
                        yield Record(offset + start, None, F.REJECT_FIELDS(str(path), count=len(fields), width=width),
                                     fields)
                    else:
                        yield Record(offset + start, fields, None, None)
                return
            except csv.Error as exc:  # raised by the reader only: the loop goes on after the bad record
                if "unexpected end of data" not in str(exc):
                    yield Record(offset + line, None, F.REJECT_CSV_SYNTAX(str(path), error=str(exc)), [])
                    line = reader.line_num + 1
                    continue
                rest = _lines_from(path, fmt, offset + line)
                yield Record(offset + line, None, F.REJECT_OPEN_QUOTE(str(path)), [rest[0] if rest else ""])
                again = io.StringIO("".join(rest[1:]), newline="")
                yield from _records(path, again, _reader(again, fmt), width, fmt, offset + line)
                return


def _lines_from(path: Path, fmt: CsvFormat, first: int) -> list[str]:
    """The file's physical lines from line ``first`` (1-based) to its end (only after a broken quote)."""
    with open(path, encoding=fmt.encoding, errors="surrogateescape", newline="") as handle:
        return list(itertools.islice(handle, first - 1, None))
