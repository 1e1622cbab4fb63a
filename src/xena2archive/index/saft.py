"""A readable page per SAF-T file (``index/saft/<year>.html``): what the file is, its totals, its opening
and closing balances and how it is checked, so nobody has to read the XML (which a browser shows raw)."""

from __future__ import annotations

import functools
from decimal import Decimal

from ..books import Books, queries
from ..books.money import EXACT, ZERO
from ..exports.saft.check import XSD
from ..report import Report
from .accounts import basis
from .paths import saft_page, trial_balance_page
from .site import Site


def _sum(values: list[Decimal]) -> Decimal:
    return functools.reduce(EXACT.add, values, ZERO)


def write_saft_pages(site: Site, books: Books, report: Report) -> None:
    """One page per SAF-T file the conversion wrote."""
    if report.saft is None:
        return
    for written in report.saft.files:
        year = next((y for y in books.years if y.start == written.start and y.end == written.end), None)
        if year is None:
            continue
        lines = queries.year_balances(books, year.slug)
        openings = [a.balance.opening for a in lines]
        closings = [a.balance.closing for a in lines]
        site.write(
            saft_page(year.slug), "saft.html", title=f"SAF-T {year.label}", year=year.slug, year_label=year.label,
            period=year, file=written, created=report.input.backup_time[:10] if report.input.backup_time else "",
            accounts=len(books.balances.chart), customers=sum(1 for p in books.parties.values() if p.customer),
            suppliers=sum(1 for p in books.parties.values() if p.supplier),
            opening_debit=_sum([v for v in openings if v > 0]), opening_credit=-_sum([v for v in openings if v < 0]),
            closing_debit=_sum([v for v in closings if v > 0]), closing_credit=-_sum([v for v in closings if v < 0]),
            basis=basis(books, year.slug), trial_balance=trial_balance_page(year.slug), xsd=XSD,
            gaps=report.saft.gaps)
