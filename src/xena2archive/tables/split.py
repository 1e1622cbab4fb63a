"""The workbooks of a posting table, one per fiscal year: which tables, which years, which rows.

A table whose rows carry a posting date (``FiscalDateDays``: the ledger, vouchers, partner and
article postings) gets one workbook per fiscal year, as an auditor opens them, and the years'
workbooks are written by the pool's workers side by side (issue 32). Which year a row belongs to
is not decided here: the run hands the table stage the books' rule (``YearOfRow``: the year of
the row's ``FiscalPeriodId``, else of its posting date; by calendar year when the backup has no
fiscal years; rows in no year, or without a valid date, in one workbook of their own), built from
the typed rows of ``FiscalPeriodDto``.

The years a table needs are known from its scan: the distinct raw (period, date) pairs it met are
typed by the same code that types the rows (``source_rows`` of records that hold only those two
fields), and each pair's year counted. Each year's writer then reads the whole source, types the
period and date of every row, and types whole only the rows the rule gives its year
(``table.rows`` with ``keep``); the rule is a function of those typed values, so every row is in
exactly one workbook.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .records import Record
from .table import DATE_COLUMN, PERIOD_COLUMN, Keep, Plan, TypedRow, source_rows

YEARS_TABLE = "FiscalPeriodDto"  # the table the fiscal years are read from


class YearOfRow(Protocol):
    """The books' rule: the year (a name for file names) a typed row of a posting table belongs to,
    read from the row's ``table.DATED`` columns alone (the writers type only those to choose)."""

    def __call__(self, values: Mapping[str, Any]) -> str: ...

    def order(self, years: set[str]) -> list[str]:
        """``years`` in the order of time, the workbook of rows in no year last."""
        ...

    def about(self, year: str) -> tuple[str, str]:
        """Which rows the workbook of ``year`` holds, in Danish and in English (its "Om tabellen")."""
        ...


YearsFrom = Callable[[list[dict[str, Any]]], YearOfRow]
"""The run's maker of the rule, from the typed rows of ``FiscalPeriodDto`` (none when absent)."""


@dataclass(frozen=True)
class Split:
    """A table's workbooks, one per year: the rule, and the years in order with their rows (an
    estimate from the scans, exact unless a second source of the table has rows left out)."""

    year_of: YearOfRow
    years: tuple[str, ...]
    rows: tuple[int, ...]

    def keeps(self, year: str) -> Keep:
        """Whether a typed row goes in the workbook of ``year``."""
        year_of = self.year_of
        return lambda values: year_of(values) == year


def is_dated(plan: Plan) -> bool:
    """Whether the table's rows carry a posting date, so its workbooks are one per year."""
    return any(column.name == DATE_COLUMN for column in plan.columns)


def split(plan: Plan, year_of: YearOfRow) -> Split | None:
    """The years the rows of ``plan`` (its source and its other sources) fall in, by ``year_of``;
    None when it has no rows."""
    counts: Counter[str] = Counter()
    for part in (plan, *(other.plan for other in plan.others)):
        for values, rows in _typed_pairs(part):
            counts[year_of(values)] += rows
    if not counts:
        return None
    years = tuple(year_of.order(set(counts)))
    return Split(year_of, years, tuple(counts[year] for year in years))


def _typed_pairs(plan: Plan) -> Iterator[tuple[dict[str, Any], int]]:
    """Each distinct (period, date) pair of the source's scan, typed as its rows are, and its count."""
    pairs = list(plan.scan.dated.items())
    if not pairs:
        return
    if plan.scan.source.format == "csv":
        header = plan.scan.header
        where = {name: header.index(name) for name in (PERIOD_COLUMN, DATE_COLUMN) if name in header}

        def record(period: Any, day: Any) -> Record:
            values = [""] * len(header)
            for name, raw in ((PERIOD_COLUMN, period), (DATE_COLUMN, day)):
                if name in where:
                    values[where[name]] = raw
            return Record(0, values, None, None)
    else:
        def record(period: Any, day: Any) -> Record:
            return Record(0, {PERIOD_COLUMN: period, DATE_COLUMN: day}, None, None)

    typed = source_rows(plan, (record(period, day) for (period, day), _rows in pairs))
    for item, (_pair, rows) in zip(typed, pairs, strict=True):
        assert isinstance(item, TypedRow), "a record with values is typed, never rejected"
        yield item.values, rows
