"""The customers and suppliers: one page per partner with its postings and documents, and the list."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from .. import fmt
from ..books.ledger import Ledger, Sums
from .paths import chunks, pager, pages_needed, partner_page
from .site import Site
from .views import POST_SELECT, Views, cell


def write_partner_pages(site: Site, views: Views) -> None:
    ledger, per_page = views.ledger, views.limits.rows
    db = ledger.db
    db.executescript("""
        INSERT OR IGNORE INTO partners SELECT DISTINCT target, NULL, NULL, NULL, NULL, 0
               FROM doc_links WHERE kind = 'p';
        CREATE TABLE psum AS SELECT partner_id, count(*) AS n, dtot(amount) AS tot FROM posts
               WHERE partner_id IS NOT NULL GROUP BY partner_id;
        CREATE UNIQUE INDEX psum_id ON psum(partner_id);
    """)

    def write(ident: int, group: Iterable[sqlite3.Row]) -> None:
        partner = db.execute("SELECT * FROM partners WHERE id = ?", (ident,)).fetchone()
        found = db.execute("SELECT n, tot FROM psum WHERE partner_id = ?", (ident,)).fetchone()
        n, sums = (found[0], Sums.parse(found[1])) if found else (0, Sums())
        docs = views.documents_of("SELECT DISTINCT ord FROM doc_links WHERE kind = 'p' AND target = ? ORDER BY ord",
                                  ident)
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

    cursor = db.execute(POST_SELECT + " WHERE p.partner_id IS NOT NULL ORDER BY p.partner_id, p.date, p.vnum, p.seq")
    for ident, group in itertools.groupby(cursor, key=lambda r: r["partner_id"]):
        write(ident, group)
    for (ident,) in db.execute(
            "SELECT DISTINCT target FROM doc_links WHERE kind = 'p' AND target NOT IN (SELECT partner_id FROM psum)"
            " ORDER BY target").fetchall():
        write(ident, [])


def partner_list_rows(ledger: Ledger) -> Iterator[list[dict[str, Any]]]:
    cursor = ledger.db.execute(
        "SELECT pa.id, pa.number, pa.name, pa.kind, pa.cvr, coalesce(s.n, 0) AS n, s.tot,"
        " EXISTS (SELECT 1 FROM doc_links l WHERE l.kind = 'p' AND l.target = pa.id) AS docs"
        " FROM partners pa LEFT JOIN psum s ON s.partner_id = pa.id"
        " ORDER BY pa.number IS NULL, length(pa.number), pa.number, pa.name, pa.id")
    for r in cursor:
        href = partner_page(r["id"]) if r["n"] or r["docs"] else None
        sums = Sums.parse(r["tot"])
        yield [cell(r["number"] or ""), cell(r["name"] or f"id {r['id']}", href), cell(r["kind"] or ""),
               cell(r["cvr"] or ""), cell(fmt.integer(r["n"]), num=True),
               cell(fmt.money(sums.balance) if r["n"] else "", num=True)]
