"""A table's other source compared with the converted one, value by value.

The scan compares the two sources' keys; here the rows both hold are compared field by field,
typed by the same columns, so a difference is one of value and not of spelling (``12,50`` in the
CSV and ``12.50`` in the XML are the same amount). A CSV cannot tell an empty text from a null,
so the two are equal here.

Memory stays flat whatever the table's size: each source's rows go into a scratch SQLite file
as (key, the compared values as JSON), and SQL hands back only the rows that differ.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Kind
from .table import Other, Plan, TypedRow, is_source_column, source_rows

MAX_EXAMPLES = 20  # differing fields listed one by one per source; the counts are exact


@dataclass
class FieldDifference:
    """One field of one row that the two sources hold differently."""

    key: int
    column: str
    converted: Any  # the value written to the table
    other: Any  # the other source's value (in its original file only)


@dataclass
class ValueDifferences:
    """How the rows that both sources hold differ."""

    rows: int = 0  # rows (keys) holding at least one differing value
    columns: dict[str, int] = field(default_factory=dict)  # differing rows per column
    examples: list[FieldDifference] = field(default_factory=list)


def compare_values(plan: Plan, scratch: Path) -> list[ValueDifferences]:
    """For each of the plan's other sources, how the rows it shares with the converted one differ."""
    return [_compare(plan, other, scratch) for other in plan.others]


def _compared_columns(plan: Plan, other: Other) -> list[str]:
    """The columns both sources hold with a comparable value: not the key, not a derived date, not
    the ``SourceFile`` column, and not a list, which a CSV holds as text and an XML as a list."""
    present = set(other.plan.scan.header)
    return [c.name for c in plan.columns
            if c.name in present and c.name != plan.key and c.derived_from is None and not is_source_column(c)
            and plan.spec.by_name.get(c.name, c).kind is not Kind.array]


def _compare(plan: Plan, other: Other, scratch: Path) -> ValueDifferences:
    columns = _compared_columns(plan, other)
    result = ValueDifferences()
    if not columns or plan.key is None:
        return result
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        db = sqlite3.connect(Path(folder) / "compare.sqlite")
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16000", "temp_store=FILE"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("CREATE TABLE converted (k INTEGER, v TEXT)")
            db.execute("CREATE TABLE other (k INTEGER, v TEXT)")
            db.executemany("INSERT INTO converted VALUES (?, ?)", _keyed(source_rows(plan), plan.key, columns))
            db.executemany("INSERT INTO other VALUES (?, ?)", _keyed(source_rows(other.plan), plan.key, columns))
            db.execute("CREATE INDEX other_k ON other (k)")
            counts: Counter[str] = Counter()
            query = ("SELECT c.k, c.v, o.v FROM converted c JOIN other o ON o.k = c.k WHERE c.v <> o.v "
                     "ORDER BY c.k, c.rowid, o.rowid")
            for key, mine, theirs in db.execute(query):
                result.rows += 1
                for name, a, b in zip(columns, json.loads(mine), json.loads(theirs)):
                    if a != b:
                        counts[name] += 1
                        if len(result.examples) < MAX_EXAMPLES:
                            result.examples.append(FieldDifference(key, name, a, b))
            result.columns = {name: counts[name] for name in columns if counts[name]}
        finally:
            db.close()
    return result


def _keyed(items: Iterator[Any], key: str, columns: list[str]) -> Iterator[tuple[int, str]]:
    """(key, the compared values as JSON) of every typed row with an integer key."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for item in items:
        if type(item) is not TypedRow:
            continue
        values = item.values
        number = values[key]
        if type(number) is int:
            yield number, encode([None if (value := values[name]) == "" else value for name in columns])
