"""The findings pages: what the audit of the books found, and the report's findings, as lists.

Nothing is counted or judged here: the counts and the list of vouchers that do not add up come
from the audit (``books.audit``), which ran before any page was written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .. import fmt
from ..books import queries
from ..books import Audit
from ..books.money import Sums
from ..findings import WARNING, Finding
from ..layout import UNBALANCED_PAGE, UNRELATED_PAGE, WITHOUT_DOCUMENT_PAGE, WITHOUT_VOUCHER_PAGE
from .lists import write_list
from .paths import voucher_href
from .site import Site
from .views import Views, cell, files_cell

DOCUMENT_COLUMNS = [("Fil", False), ("Beskrivelse", False), ("Format", False), ("Status", False),
                    ("Filer", False), ("Bemærkning", False)]


def write_findings(site: Site, views: Views, every: list[Finding], audit: Audit) -> None:
    """The lists under ``index/fund/``: vouchers that do not add up, postings without a voucher,
    documents without a relation or a PDF/A copy, and ``every`` finding of the report."""
    limits = views.limits
    write_list(site, UNBALANCED_PAGE.removesuffix(".html"), {"title": "Bilag der ikke stemmer", "intro": "unbalanced"},
               [("Regnskabsår", False), ("Bilag", False), ("Dato", False), ("Tekst", False), ("Posteringer", True),
                ("Sum", True), ("Hvad er galt", False)], audit.unbalanced, _unbalanced_rows(views), limits.list_rows)
    write_list(site, WITHOUT_VOUCHER_PAGE.removesuffix(".html"),
               {"title": "Posteringer uden bilag", "intro": "without_voucher"},
               [("Dato", False), ("Bilag", False), ("Konto", False), ("Tekst", False), ("Beløb", True),
                ("Hvad er galt", False)], audit.without_voucher, _without_voucher_rows(views), limits.list_rows)
    write_list(site, WITHOUT_DOCUMENT_PAGE.removesuffix(".html"),
               {"title": "Bilag uden dokument", "intro": "without_document"},
               [("Regnskabsår", False), ("Bilag", False), ("Dato", False), ("Tekst", False), ("Posteringer", True),
                ("Beløb", True)], audit.without_document, _without_document_rows(views), limits.list_rows)
    write_list(site, UNRELATED_PAGE.removesuffix(".html"), {"title": "Dokumenter uden relation", "intro": "unrelated"},
               DOCUMENT_COLUMNS, audit.unrelated,
               _document_rows(views, queries.unrelated_documents(views.books)),
               limits.list_rows)
    not_converted = (i for i, d in enumerate(views.documents.items) if not d.converted)
    write_list(site, "index/fund/ikke-konverteret", {"title": "Dokumenter uden PDF/A-kopi", "intro": "not_converted"},
               DOCUMENT_COLUMNS, audit.not_converted, _document_rows(views, not_converted), limits.list_rows)
    found = sorted(every, key=lambda f: (f.severity != WARNING, f.where, f.message))
    write_list(site, "index/fund/rapport", {"title": "Rapportens bemærkninger", "intro": "report"},
               [("Alvor", False), ("Slags", False), ("Hvor", False), ("Bemærkning", False)], len(found),
               ([cell("advarsel" if f.severity == WARNING else "oplysning"), _kind_cell(f), cell(f.where),
                 cell(f.render("da"))] for f in found), limits.list_rows)


def _kind_cell(finding: Finding) -> dict[str, Any]:
    """What kind of finding it is, in Danish, with its code (the report's and the README's name for it)."""
    return {"parts": [{"text": finding.kind.om, "href": None, "file": False}], "num": False, "code": False,
            "lang": None, "note": finding.code}


def _voucher_cells(views: Views, v: Any) -> list[dict[str, Any]]:
    """The cells both voucher lists begin with: year, number (linked to its page), date, text, postings."""
    href = voucher_href(v["vyear"], v["page"], v["id"]) if v["page"] is not None else None
    return [cell(views.books.year_label(v["year"])), cell(v["number"] if v["number"] is not None else "", href),
            cell(fmt.date(v["date"])), cell(v["text"] or ""), cell(fmt.integer(v["n"]), num=True)]


def _unbalanced_rows(views: Views) -> Iterator[list[dict[str, Any]]]:
    for v in queries.unbalanced_vouchers(views.books):
        yield [*_voucher_cells(views, v), cell(fmt.money(Sums.parse(v["tot"]).balance), num=True),
               cell("; ".join(json.loads(v["problems"])))]


def _without_document_rows(views: Views) -> Iterator[list[dict[str, Any]]]:
    for v in queries.vouchers_without_document(views.books):
        yield [*_voucher_cells(views, v), cell(fmt.money(Sums.parse(v["tot"]).debit), num=True)]


def _without_voucher_rows(views: Views) -> Iterator[list[dict[str, Any]]]:
    for r in queries.postings_without_voucher(views.books):
        p = views.posting(r)
        reason = "intet bilags-id" if r["voucher_id"] is None else f"bilag {r['voucher_id']} findes ikke i VoucherDto"
        yield [cell(p.date), cell(p.vnum, p.voucher_href),
               cell(f"{p.account} {p.account_name}".strip(), p.account_href),
               cell(p.text), cell(fmt.money(p.amount) if p.amount is not None else p.raw, num=True), cell(reason)]


def _document_rows(views: Views, ords: Iterable[int]) -> Iterator[list[dict[str, Any]]]:
    for ord_ in ords:
        d = views.documents.view(ord_)
        files = [("PDF/A", d["pdfa"])] if d["pdfa"] else []
        if d["original"]:
            files.append(("original", d["original"]))
        yield [cell(d["zip_name"], d["href"]), cell(d["description"]), cell(d["format"]),
               cell(d["status_da"]), files_cell(files), cell("; ".join(d["notes"]), lang="en")]
