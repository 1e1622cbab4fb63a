"""Each year's income statement and balance sheet (``index/regnskab/<year>.html``), by Xena's account
groups, with the year's result and the balance sheet's check. Figures from ``books.queries.statements``."""

from __future__ import annotations

from typing import Any

from ..books import Books, queries
from ..books.money import EXACT
from .accounts import basis
from .charts import month_charts
from .paths import account_page, statements_page, trial_balance_page
from .site import Site


def _groups(items: list[queries.StatementGroup], sign: int, year: str) -> list[dict[str, Any]]:
    """Groups with their accounts; ``sign`` -1 shows credit balances as positive amounts."""
    return [{"name": g.name, "total": sign * g.closing, "lines": [
        {"number": a.account.number or a.account.key, "name": a.account.name, "amount": sign * a.balance.closing,
         "href": account_page(a.slug, year) if a.postings else None} for a in g.lines]} for g in items]


def write_statements(site: Site, books: Books) -> None:
    """``index/regnskab/<year>.html`` for every fiscal year."""
    for year in books.years:
        found = queries.statements(books, year.slug)

        unclassified = [{"number": a.account.number or a.account.key, "name": a.account.name,
                         "amount": -a.balance.closing} for a in found.unclassified]
        site.write(statements_page(year.slug), "statements.html", title=f"Resultatopgørelse og balance {year.label}",
                   year=year.slug, year_label=year.label, period=year, basis=basis(books, year.slug),
                   income=_groups(found.income, -1, year.slug), result=found.result,
                   assets=_groups(found.assets, 1, year.slug), liabilities=_groups(found.liabilities, -1, year.slug),
                   unclassified=unclassified,
                   assets_total=found.assets_total, liabilities_total=found.liabilities_total,
                   difference=EXACT.subtract(found.assets_total, found.liabilities_total),
                   trial_balance=trial_balance_page(year.slug),
                   years=[(y.slug, y.label) for y in books.years],
                   charts=month_charts(queries.months(books, year.slug)))
