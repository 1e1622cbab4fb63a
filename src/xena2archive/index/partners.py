"""The customers and suppliers: one page per partner with its postings and documents, and the list."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from .. import fmt
from ..books import Books, queries
from ..books.money import Sums
from .paths import chunks, pager, pages_needed, partner_page
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
        pages = chunks(group, per_page) if n else iter([[]])
        for page_no, chunk in enumerate(pages, 1):
            postings = [views.posting(r) for r in chunk]
            site.write(partner_page(ident, page_no), "partner.html", title=name, partner=view, count=n, sums=sums,
                       documents=docs if page_no == 1 else [], postings=postings,
                       fx=any(p.foreign for p in postings),
                       last=page_no == total, pager=pager(lambda k: partner_page(ident, k), page_no, total))

    for ident, group in itertools.groupby(queries.partner_postings(books), key=lambda r: r["partner_id"]):
        write(ident, group)
    for ident in queries.partners_with_documents_only(books):
        write(ident, [])


def partner_list_rows(books: Books) -> Iterator[list[dict[str, Any]]]:
    for r in queries.partner_list(books):
        href = partner_page(r["id"]) if r["n"] or r["docs"] else None
        sums = Sums.parse(r["tot"])
        yield [cell(r["number"] or ""), cell(r["name"] or f"id {r['id']}", href), cell(r["kind"] or ""),
               cell(r["cvr"] or ""), cell(fmt.integer(r["n"]), num=True),
               cell(fmt.money(sums.balance) if r["n"] else "", num=True)]
