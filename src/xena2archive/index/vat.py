"""The VAT pages: per fiscal year, each VAT period's codes, the VAT accounts and the settlements, and
a legend of the codes (``index/moms.html``). Every figure comes from ``books.queries.vat_overview``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..books import Books, queries
from ..books.model import account_slug
from ..books.money import EXACT
from .paths import account_page, vat_page, voucher_href
from .site import Site


def write_vat_pages(site: Site, books: Books) -> None:
    """``index/moms.html`` (the years and the legend of the codes) and ``index/moms/<year>.html``."""
    legend = [{"code": r["code"], "description": r["description"] or "", "percentage": r["percentage"],
               "type": r["type_name"] or "", "account": r["account"] or "", "account_name": r["account_name"] or ""}
              for r in queries.vat_codes(books)]
    years = [(y.slug, y.label) for y in books.years]
    for year in books.years:
        periods = []
        for p in queries.vat_overview(books, year.slug):
            periods.append({
                "start": p.start, "end": p.end, "named": p.named, "codes": p.codes, "codes_net": p.codes_net,
                "accounts": [{"key": k, "name": books.accounts[k].name if k in books.accounts else "",
                              "movement": m, "href": account_page(account_slug(k), year.slug)}
                             for k, m in p.accounts],
                "accounts_total": p.accounts_total, "difference": p.difference, "movement": p.movement,
                "settlements": [_settlement(s, p.movement) for s in p.settlements],
            })
        site.write(vat_page(year.slug), "vat.html", title=f"Moms {year.label}", year=year.slug,
                   year_label=year.label, period=year, periods=periods, legend=legend, years=years)
    site.write("index/moms.html", "vat.html", title="Moms", year=None, period=None, periods=[], legend=legend,
               years=years)


def _settlement(s: queries.VatSettlement, movement: Decimal) -> dict[str, Any]:
    """A settlement voucher against its period: it should post the period's VAT back (minus the movement)."""
    expected = -movement
    return {"number": s.number, "date": s.date, "named": s.named, "posted": s.posted, "expected": expected,
            "difference": EXACT.subtract(s.posted, expected), "xena_total": s.xena_total,
            "href": voucher_href(s.vyear, s.vpage, s.voucher_id) if s.vyear and s.vpage else None}
