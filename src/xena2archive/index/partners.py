"""The customers and suppliers: one page per partner with its postings and documents, and the list."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from .. import fmt
from ..books import Books, queries
from ..books.money import Sums
from .paths import chunks, open_items_page, pager, pages_needed, partner_page, voucher_href
from .site import Site
from .views import Views, cell


def write_partner_pages(site: Site, views: Views) -> None:
    books, per_page = views.books, views.limits.rows

    def write(ident: int, group: Iterable[sqlite3.Row]) -> None:
        partner = queries.partner(books, ident)
        n, sums = queries.partner_sums(books, ident)
        docs = [views.documents.view(ord_) for ord_ in queries.partner_documents(books, ident)]
        total = pages_needed(n, per_page)
        name = partner["name"] or f"Partner {ident}"
        view = {"id": ident, "number": partner["number"] or "", "name": name, "kind": partner["kind"] or "",
                "cvr": partner["cvr"] or "", "in_table": partner["in_table"]}
        ledger, shown = [], 0
        for item in queries.partner_ledger(books, ident):
            lines = item.lines[:max(0, per_page - shown)]
            shown += len(lines)
            ledger.append({"label": books.year_label(item.year), "opening": item.opening, "closing": item.closing,
                           "count": len(item.lines), "cut": len(lines) < len(item.lines), "lines": [
                               {"line": line, "href": _voucher_href(views, line.voucher_id)} for line in lines]})
        pages = chunks(group, per_page) if n else iter([[]])
        for page_no, chunk in enumerate(pages, 1):
            postings = [views.posting(r) for r in chunk]
            site.write(partner_page(ident, page_no), "partner.html", title=name, partner=view, count=n, sums=sums,
                       documents=docs if page_no == 1 else [], postings=postings,
                       ledger=ledger if page_no == 1 else [],
                       fx=any(p.foreign for p in postings),
                       last=page_no == total, pager=pager(lambda k: partner_page(ident, k), page_no, total))

    for ident, group in itertools.groupby(queries.partner_postings(books), key=lambda r: r["partner_id"]):
        write(ident, group)
    for ident in queries.partners_with_documents_only(books):
        write(ident, [])


def _voucher_href(views: Views, voucher_id: int | None) -> str | None:
    if voucher_id is None:
        return None
    found = views.books.db.execute("SELECT year, page FROM vpage WHERE voucher_id = ?", (voucher_id,)).fetchone()
    return voucher_href(found[0], found[1], voucher_id) if found else None


def write_open_items(site: Site, books: Books) -> None:
    """``index/aabne-poster/<year>.html``: the customers' and suppliers' items open at each year's end."""
    for year in books.years:
        items: list[dict[str, Any]] = []
        totals: dict[str, Decimal] = {}
        for item in queries.open_items(books, year.slug):
            r = item.row
            side = "Leverandører" if "Supplier" in (r["type"] or "") else "Kunder"
            totals[side] = totals.get(side, Decimal(0)) + item.open
            items.append({"side": side, "partner": r["name"] or f"id {r['partner_id']}",
                          "number": r["partner_number"] or "", "href": partner_page(r["partner_id"]),
                          "date": r["date"], "due": r["due"], "type": r["type_name"], "invoice": r["invoice"] or "",
                          "vnum": r["vnum"] if r["vnum"] is not None else "",
                          "vhref": voucher_href(r["vyear"], r["page"], r["voucher_id"]) if r["page"] else None,
                          "open": item.open})
        site.write(open_items_page(year.slug), "open_items.html", title=f"Åbne poster ultimo {year.label}",
                   year=year.slug, year_label=year.label, period=year, items=items, totals=sorted(totals.items()),
                   years=[(y.slug, y.label) for y in books.years])


def partner_list_rows(books: Books) -> Iterator[list[dict[str, Any]]]:
    for r in queries.partner_list(books):
        href = partner_page(r["id"]) if r["n"] or r["docs"] else None
        sums = Sums.parse(r["tot"])
        yield [cell(r["number"] or ""), cell(r["name"] or f"id {r['id']}", href), cell(r["kind"] or ""),
               cell(r["cvr"] or ""), cell(fmt.integer(r["n"]), num=True),
               cell(fmt.money(sums.balance) if r["n"] else "", num=True)]
