"""List pages (any rows, paged), the documents pages, and the list of every file of the backup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from .. import fmt
from ..books import queries
from ..records import DocumentEntry, EntryRecord
from .paths import chunks, numbered, pager, pages_needed, partner_page, voucher_href, voucher_page
from .site import Site
from .views import Views, cell


def write_list(site: Site, base: str, template_args: dict[str, Any], columns: list[tuple[str, bool]],
               total: int, rows: Iterable[list[dict[str, Any]]], per_page: int) -> int:
    """A list of ``total`` rows on pages ``base.html``, ``base-2.html``, ...; returns the page count."""
    pages = pages_needed(total, per_page)
    written = 0
    for page_no, chunk in enumerate(chunks(rows, per_page), 1):
        site.write(numbered(base, page_no), "list.html", columns=columns, rows=chunk, first=(page_no - 1) * per_page,
                   pager=pager(lambda k: numbered(base, k), page_no, pages), **template_args)
        written += 1
    if not written:
        site.write(numbered(base, 1), "list.html", columns=columns, rows=[], first=0,
                   pager=pager(lambda k: numbered(base, k), 1, 1), **template_args)
    return pages


def document_list(site: Site, views: Views) -> None:
    """Every document with its copy, original, and what it belongs to."""
    documents, books = views.documents, views.books
    total = len(documents.items)
    pages = pages_needed(total, documents.per_page)
    for page_no in range(1, pages + 1):
        start = (page_no - 1) * documents.per_page
        items = []
        for ord_ in range(start, min(total, start + documents.per_page)):
            view = documents.view(ord_)
            view["vouchers"] = [
                {"text": f"Bilag {r['number']}" if r["number"] is not None else f"Bilag id {r['id']}",
                 "href": voucher_href(r["year"], r["page"], r["id"]) if r["page"] else None}
                for r in queries.document_vouchers(books, ord_)]
            view["partners"] = [{"text": r["name"] or f"Partner {r['target']}", "href": partner_page(r["target"])}
                                for r in queries.document_partners(books, ord_)]
            view["orders"] = [order_text(r) for r in queries.document_orders(books, ord_)]
            view["posts"] = [
                {"text": posting_text(r),
                 "href": f"{voucher_page(r['year'], r['page'])}#p{r['seq']}" if r["page"] else None}
                for r in queries.document_postings(books, ord_)]
            items.append(view)
        site.write(numbered("index/dokumenter", page_no), "documents.html", title="Dokumenter", documents=items,
                   total=total, pager=pager(lambda k: numbered("index/dokumenter", k), page_no, pages))


def order_text(order: Any) -> str:
    """An order as a reader knows it: ``Faktura 1001 til Bøgh & Søn ApS (ordre 2001)``."""
    number = f"ordre {order['number']}" if order["number"] else f"ordre med id {order['id']}"
    if order["invoice"]:
        return f"{order['invoice']} ({number})"
    return f"{number} til {order['name']}" if order["name"] else number


def posting_text(posting: Any) -> str:
    """A posting as a reader knows it: ``postering på bilag 12, konto 5600``."""
    if posting["seq"] is None:
        return f"postering med id {posting['target']} (findes ikke i LedgerPostDto)"
    voucher = f"på bilag {posting['vnum']}" if posting["vnum"] is not None else "uden bilag"
    return f"postering {voucher}, konto {posting['account']}"


def entry_rows(entries: list[EntryRecord]) -> Iterator[list[dict[str, Any]]]:
    roles = {"table": "tabel", "document": "dokument", "other": "andet"}
    for e in sorted(entries, key=lambda e: e.zip_name):
        yield [cell(e.zip_name, e.original, file=True), cell(roles.get(e.role, e.role)),
               cell(fmt.size(e.size), num=True), cell(e.sha256, code=True),
               cell(" ".join(f.render("da") for f in (e.outcome, *e.notes)))]


def documents_by_format(documents: list[DocumentEntry]) -> list[dict[str, Any]]:
    counts: Counter[tuple[str, str]] = Counter()
    formats = set()
    for d in documents:
        name = d.format or "ukendt"
        formats.add(name)
        counts[name, "all"] += 1
        counts[name, "pdfa"] += 1 if d.pdfa else 0
    return [{"format": f, "count": counts[f, "all"], "pdfa": counts[f, "pdfa"],
             "kept": counts[f, "all"] - counts[f, "pdfa"]} for f in sorted(formats)]
