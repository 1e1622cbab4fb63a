"""The voucher pages: each year's vouchers cut into pages, each page written from three queries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..books.ledger import VOUCHER_SELECT, Ledger, Sums
from .paths import pager, voucher_page
from .site import Site
from .views import POST_SELECT, PageLimits, Posting, Views


@dataclass
class VoucherPage:
    year: str
    page: int
    first: Any
    last: Any
    vouchers: int


def plan_vouchers(ledger: Ledger, limits: PageLimits) -> dict[str, list[VoucherPage]]:
    """Cut each year's vouchers (by number) into pages of about ``limits.rows`` postings.

    A voucher stays on one page unless it alone has more postings than a page holds; then it is
    continued over as many pages as it needs. Writes ``vseg`` (what goes on each page) and
    ``vpage`` (where each voucher starts).
    """
    db = ledger.db
    db.executescript("""
        CREATE TABLE vseg(year TEXT, page INTEGER, ord INTEGER, voucher_id INTEGER, off INTEGER,
                          n INTEGER, part INTEGER, parts INTEGER);
        CREATE TABLE vpage(voucher_id INTEGER PRIMARY KEY, year TEXT, page INTEGER);
    """)
    plan: dict[str, list[VoucherPage]] = {}
    ord_ = 0
    for year in ledger.year_slugs():
        pages: list[VoucherPage] = []
        page, rows, count = 1, 0, 0
        segments: list[tuple[Any, ...]] = []
        starts: list[tuple[Any, ...]] = []
        cursor = db.execute(
            "SELECT v.id, v.number, coalesce(s.n, 0) FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id"
            " WHERE v.year = ? ORDER BY v.number, v.id", (year,))
        for voucher_id, number, n in cursor:
            parts = [(offset, min(limits.rows, n - offset)) for offset in range(0, n, limits.rows)] or [(0, 0)]
            for part, (offset, k) in enumerate(parts, 1):
                if count and (rows + k > limits.rows or count >= limits.vouchers):
                    page, rows, count = page + 1, 0, 0
                if not count:
                    pages.append(VoucherPage(year, page, number, number, 0))
                if part == 1:
                    starts.append((voucher_id, year, page))
                    pages[-1].vouchers += 1
                pages[-1].last = number
                segments.append((year, page, ord_, voucher_id, offset, k, part, len(parts)))
                ord_ += 1
                rows += k
                count += 1
            if len(segments) >= 5000:
                db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
                db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
                segments.clear()
                starts.clear()
        db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
        db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
        if pages:
            plan[year] = pages
    db.execute("CREATE INDEX vseg_page ON vseg(year, page, ord)")
    db.commit()
    return plan


def write_voucher_pages(site: Site, views: Views, plan: dict[str, list[VoucherPage]]) -> None:
    """Each page from three queries: its vouchers, their postings (by rank within the voucher, so a
    long voucher's parts are cheap to find), and their documents."""
    db = views.ledger.db
    for year, pages in plan.items():
        label = views.ledger.year_label(year)
        for info in pages:
            key = (year, info.page)
            segments = db.execute(
                "SELECT s.ord, s.off, s.n AS seg_n, s.part, s.parts, u.problems, v.* FROM vseg s"
                f" JOIN ({VOUCHER_SELECT}) v ON v.id = s.voucher_id LEFT JOIN unbalanced u ON u.voucher_id = v.id"
                " WHERE s.year = ? AND s.page = ? ORDER BY s.ord",
                key).fetchall()
            postings: dict[int, list[Posting]] = {}
            for row in db.execute(
                    POST_SELECT.replace("FROM posts p", "FROM vseg s JOIN posts p ON p.voucher_id = s.voucher_id"
                                        " AND p.vrank >= s.off AND p.vrank < s.off + s.n")
                    + " WHERE s.year = ? AND s.page = ? ORDER BY s.ord, p.vrank", key):
                postings.setdefault(row[2], []).append(views.posting(row))
            documents: dict[int, list[dict[str, Any]]] = {}
            for voucher_id, ord_ in db.execute(
                    "SELECT d.voucher_id, d.ord FROM vseg s JOIN vdocs d ON d.voucher_id = s.voucher_id"
                    " WHERE s.year = ? AND s.page = ? AND s.part = 1 ORDER BY s.ord, d.ord", key):
                documents.setdefault(voucher_id, []).append(views.documents.view(ord_))
            vouchers = []
            for v in segments:
                part, parts, voucher_id = v["part"], v["parts"], v["id"]
                sums = Sums.parse(v["tot"])
                lines = postings.get(voucher_id, [])
                vouchers.append({
                    "id": voucher_id, "number": v["number"], "text": v["text"] or "", "date": v["date"],
                    "known": v["known"], "count": v["n"], "part": part, "parts": parts,
                    "postings": lines, "documents": documents.get(voucher_id, []) if part == 1 else [],
                    "sums": sums, "problems": json.loads(v["problems"]) if part == parts and v["problems"] else [],
                    "first_doc": v["first_doc"], "fx": any(p.foreign for p in lines),
                })
            site.write(
                voucher_page(year, info.page), "vouchers.html",
                title=f"Bilag {info.first}–{info.last}, {label}", year=year, year_label=label,
                vouchers=vouchers, pager=pager(lambda n, y=year: voucher_page(y, n), info.page, len(pages)),
            )
