"""The voucher pages: each year's vouchers on the pages ``books.queries.plan_vouchers`` cut, each
page written from three queries."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from ..books import queries
from ..books.money import Sums
from ..books.queries import VoucherPage
from .paths import pager, voucher_page
from .site import Site
from .views import Posting, Views


def write_voucher_pages(site: Site, views: Views, plan: dict[str, list[VoucherPage]]) -> None:
    """Each page from three queries: its vouchers, their postings (by rank within the voucher, so a
    long voucher's parts are cheap to find), and their documents."""
    for year, pages in plan.items():
        label = views.books.year_label(year)
        for info in pages:
            segments = queries.voucher_segments(views.books, year, info.page)
            postings: dict[int, list[Posting]] = {}
            for row in queries.voucher_page_postings(views.books, year, info.page):
                postings.setdefault(row[2], []).append(views.posting(row))
            documents: dict[int, list[dict[str, Any]]] = {}
            for voucher_id, ord_ in queries.voucher_page_documents(views.books, year, info.page):
                documents.setdefault(voucher_id, []).append(views.documents.view(ord_))
            vouchers = []  # attributes, not dict keys: Jinja looks up an attribute first, and a page has 250 vouchers
            anchors: set[str] = set()  # ``bilag-<number>``: the first voucher of that number on the page
            for v in segments:
                part, parts, voucher_id = v["part"], v["parts"], v["id"]
                sums = Sums.parse(v["tot"])
                lines = postings.get(voucher_id, [])
                anchor = f"bilag-{v['number']}" if v["number"] is not None and part == 1 else None
                if anchor in anchors:
                    anchor = None
                anchors.add(anchor or "")
                vouchers.append(SimpleNamespace(
                    anchor=anchor, entered=v["entered"], responsible=v["responsible"] or "",
                    id=voucher_id, number=v["number"], text=v["text"] or "", date=v["date"],
                    known=v["known"], count=v["n"], part=part, parts=parts,
                    postings=lines, documents=documents.get(voucher_id, []) if part == 1 else [],
                    images=[d for d in documents.get(voucher_id, []) if d["image"] or d["previews"]]
                    if part == 1 else [],
                    sums=sums, problems=json.loads(v["problems"]) if part == parts and v["problems"] else [],
                    first_doc=v["first_doc"], fx=any(p.foreign for p in lines),
                ))
            site.write(
                voucher_page(year, info.page), "vouchers.html",
                title=f"Bilag {info.first}–{info.last}, {label}", year=year, year_label=label,
                vouchers=vouchers, pager=pager(lambda n, y=year: voucher_page(y, n), info.page, len(pages)),
            )
