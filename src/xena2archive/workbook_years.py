"""The fiscal year of a row of a posting table, by the books' rule, for the tables' workbooks.

The table stage writes a posting table's workbooks one per fiscal year (``tables.split``) before
the books are loaded, and may not import them; the run hands it this rule, made from the same
records and functions the books use, so a row's workbook is the year the index, SAF-T and the
audit put it in:

- the fiscal years are ``books.model.read_years`` of ``FiscalPeriodDto``'s typed rows;
- a row's year is its ``FiscalPeriodId``'s, else the year ``books.model.YearOf`` finds for its
  posting date (``books.rows.day_text`` of ``FiscalDateDays``), as the books place vouchers and
  postings; rows in no year, or without a valid date, go to the workbook ``NO_YEAR`` (``uden-aar``);
- a backup without fiscal years is split by calendar year of the posting date instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import fmt
from .books.model import NO_YEAR, FiscalYear, YearOf, read_years
from .books.rows import as_int, day_text
from .tables.table import DATE_COLUMN, PERIOD_COLUMN


class BooksYear:
    """The year of a row's workbook (``tables.split.YearOfRow``); picklable, for the pool's workers."""

    def __init__(self, years: list[FiscalYear]) -> None:
        self.years = years
        self.year_of = YearOf(years)
        self.by_id: dict[int, FiscalYear] = {}
        for year in years:  # the first year with an id, as the books look it up
            if year.id is not None:
                self.by_id.setdefault(year.id, year)

    def __call__(self, values: Mapping[str, Any]) -> str:
        day = day_text(values, DATE_COLUMN)  # type: ignore[arg-type]
        if not self.years:
            return day[:4] if day else NO_YEAR
        period = as_int(values.get(PERIOD_COLUMN))
        year = (self.by_id.get(period) if period is not None else None) or self.year_of(day)
        return year.slug if year else NO_YEAR

    def order(self, years: set[str]) -> list[str]:
        """Fiscal years in date order (calendar years in number order), ``NO_YEAR`` last."""
        place = {year.slug: year.index for year in self.years}
        return sorted(years, key=lambda slug: (slug == NO_YEAR, place.get(slug, -1), slug))


    def about(self, slug: str) -> tuple[str, str]:
        """Which rows the workbook of ``slug`` holds, in Danish and in English."""
        if slug == NO_YEAR:
            return ("Rækker uden for regnskabsårene eller uden gyldig bogføringsdato",
                    "Rows in no fiscal year, or without a valid posting date")
        year = next((y for y in self.years if y.slug == slug), None)
        if year is None:  # a backup without fiscal years: split by the posting date's calendar year
            return f"Kalenderåret {slug} (bogføringsdato)", f"Calendar year {slug} (posting date)"
        span = f"{fmt.date(year.start)} – {fmt.date(year.end)}"
        named = f" ({year.description})" if year.description else ""
        return f"Regnskabsåret {span}{named}", f"Fiscal year {span}{named}"


def books_year(period_rows: list[dict[str, Any]]) -> BooksYear:
    """The rule, from the typed rows of ``FiscalPeriodDto`` (an empty list when the backup has none)."""
    return BooksYear(read_years(period_rows))
