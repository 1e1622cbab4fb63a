"""Writing a table as JSON Lines, its rejects beside it, and counting what the schema must allow.

One UTF-8 JSON object per line, keys in column order, rows in input order. This pass also counts,
per column, whether it holds nulls and how many values were kept as text: the output schema is
written from those counts, so it is exactly as strict as the data allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import msgspec

from ..model import TableStats
from ..progress import Advance, counted
from .table import Plan, Reject, is_source_column, picker, rows

MAX_LISTED = 100  # values kept as text listed one by one in the report, per table


@dataclass
class KeptAsText:
    """A value that did not parse as its column's type; the JSONL holds its text unchanged."""

    line: int
    column: str
    text: str
    file: str | None = None  # set when the row came from another source of the table than the converted one


@dataclass
class JsonlResult:
    """What the JSONL writer did, for the report and the schema."""

    rows: int = 0
    rejects: int = 0
    stats: TableStats = field(default_factory=TableStats)
    kept_as_text: int = 0
    first_reject: Reject | None = None  # for the report
    examples: list[KeptAsText] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)  # rows taken from another source of the table, per file


def write_jsonl(plan: Plan, path: Path, rejects_path: Path, advance: Advance | None = None) -> JsonlResult:
    """Write rows to ``path`` and rejects to ``rejects_path`` (created only if there are any),
    telling ``advance`` of the rows and rejects as they are written."""
    result = JsonlResult()
    names = [c.name for c in plan.columns]
    unseen_null = list(names)  # columns not yet known to hold a null: the only ones still checked
    unseen_of = picker(unseen_null)
    nullable: set[str] = set()
    fallbacks = dict.fromkeys(names, 0)
    # rows from another source of the table (``table.Plan.others``) carry its name in this column
    source_column = next((c.name for c in plan.columns if is_source_column(c)), None)
    converted_file = plan.scan.source.zip_name
    reject_file = None
    try:
        with open(path, "wb") as out, LineWriter(out) as lines:
            for item in counted(rows(plan), advance):
                if isinstance(item, Reject):
                    if reject_file is None:
                        reject_file = open(rejects_path, "w", encoding="utf-8", newline="\n")
                    reject_file.write(item.to_json() + "\n")
                    result.rejects += 1
                    result.first_reject = result.first_reject or item
                    continue
                values = item.values
                lines.write(values)
                result.rows += 1
                if unseen_null and None in unseen_of(values):
                    nullable.update(name for name in unseen_null if values[name] is None)
                    unseen_null = [name for name in unseen_null if name not in nullable]
                    unseen_of = picker(unseen_null)
                other_file = None
                if source_column is not None and values[source_column] != converted_file:
                    other_file = values[source_column]
                    result.added[other_file] = result.added.get(other_file, 0) + 1
                for name in item.kept_as_text:
                    fallbacks[name] += 1
                    result.kept_as_text += 1
                    if len(result.examples) < MAX_LISTED:
                        result.examples.append(KeptAsText(item.line, name, str(values[name])[:200], other_file))
    finally:
        if reject_file is not None:
            reject_file.close()
    for name in names:
        stats = result.stats.of(name)
        stats.nullable, stats.text_fallbacks = name in nullable, fallbacks[name]
    return result


class LineWriter:
    """Rows as JSON lines into a binary file: ``json.dumps(row, ensure_ascii=False,
    separators=(",", ":"))`` and a line feed, in UTF-8, byte for byte (tests/test_table.py checks
    every code point, integers past 64 bits, nulls, lists and nested objects).

    msgspec encodes each row straight into one buffer, written out every 64 kB: a fifth of the
    time the standard library's C encoder takes, which also builds a str that the file then
    encodes again. Keys keep their order; exact decimals are strings already. A value that JSON
    cannot hold exactly is never in a row (there are no floats: decimals are text).
    """

    FLUSH = 1 << 16

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.buffer = bytearray()
        self.encode_into = msgspec.json.Encoder().encode_into

    def write(self, row: dict[str, Any]) -> None:
        buffer = self.buffer
        self.encode_into(row, buffer, -1)
        buffer += b"\n"
        if len(buffer) >= self.FLUSH:
            self.out.write(buffer)
            buffer.clear()

    def __enter__(self) -> LineWriter:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.out.write(self.buffer)
        self.buffer.clear()

