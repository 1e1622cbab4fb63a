"""``IndexWriter``: the HTML index of an archive, rendered from the audited books and the report."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..books import Audit, Books, open_books
from ..books.ledger import NO_YEAR
from ..findings import Finding
from . import accounts, findings, lists, partners, vouchers
from .site import CSS, Site
from .views import Documents, PageLimits, Views


@dataclass
class IndexSummary:
    """What the index holds; ``findings`` are the audit's."""

    pages: int
    bytes: int
    largest_page: str
    largest_page_bytes: int
    postings: int
    vouchers: int
    accounts: int
    partners: int
    documents: int
    unbalanced_vouchers: int
    postings_without_voucher: int
    documents_without_relation: int
    trial_balances: dict[str, dict[str, str]] = field(default_factory=dict)  # year -> debit, credit, balance
    findings: list[Finding] = field(default_factory=list)


class IndexWriter:
    """Writes the index in two steps, so the heavy one can run while the workbooks are written.

    ``write_books`` needs only the books (loaded and audited from the JSONL tables) and the
    documents: it writes the pages of the books (vouchers, accounts, partners, documents), a
    million postings' worth. ``finish`` needs the whole report and writes the pages about the
    archive: front pages, findings, the list of files.
    """

    def __init__(self, data: Path, early_report: dict[str, Any], books: Books, limits: PageLimits = PageLimits(),
                 progress: Callable[[str], None] = lambda message: None) -> None:
        """``early_report`` is what the report knows before the workbooks are done: its ``company``,
        ``tool`` and ``documents``."""
        self.data, self.books, self.limits, self.progress = Path(data), books, limits, progress
        self.early_report = early_report
        self.views = Views(books.ledger, limits, Documents(early_report.get("documents") or [], limits.documents))
        self.site = Site(self.data)
        self._books: dict[str, Any] | None = None  # what write_books counted, for the front page
        if (self.data / "index").exists():
            shutil.rmtree(self.data / "index")

    def write_books(self) -> None:
        """The pages of the books, from the books' database."""
        site, ledger, limits, progress, views = self.site, self.books.ledger, self.limits, self.progress, self.views
        site.globals.update(company=self.early_report.get("company") or {}, css=CSS, currency=ledger.currency,
                            tool=self.early_report.get("tool") or {})
        site.copy_static("style.css", CSS)
        plan = vouchers.plan_vouchers(ledger, limits)
        years = ledger.year_slugs()
        progress("index: vouchers")
        vouchers.write_voucher_pages(site, views, plan)
        site.write("index/bilag.html", "voucher_index.html", title="Bilag",
                   plan=[(y, ledger.year_label(y), pages) for y, pages in plan.items()])
        chart = accounts.write_chart(site, ledger, years)
        trial_balances = accounts.write_trial_balances(site, ledger, years)
        progress("index: accounts")
        accounts.write_account_pages(site, views)
        progress("index: customers and suppliers")
        partners.write_partner_pages(site, views)
        partner_count = ledger.count("SELECT count(*) FROM partners")
        lists.write_list(site, "index/partnere", {"title": "Kunder og leverandører", "intro": "partners"},
                         [("Nummer", False), ("Navn", False), ("Type", False), ("CVR", False), ("Posteringer", True),
                          ("Saldo", True)], partner_count, partners.partner_list_rows(ledger), limits.list_rows)
        progress("index: documents")
        lists.document_list(site, views)
        self._books = {"accounts": chart, "partners": partner_count, "trial_balances": trial_balances}

    def finish(self, report: dict[str, Any]) -> IndexSummary:
        """The pages about the archive, from the whole report; returns what the index holds."""
        if self._books is None:
            self.write_books()
        assert self._books is not None
        site, ledger, limits, audit = self.site, self.books.ledger, self.limits, self.books.audit
        self.progress("index: findings and front pages")
        findings.write_findings(site, self.views, report, audit)
        entries = report.get("entries") or []
        lists.write_list(site, "index/filer", {"title": "Alle filer i sikkerhedskopien", "intro": "files"},
                         [("Fil", False), ("Rolle", False), ("Størrelse", True), ("SHA-256", False),
                          ("Resultat", False)], len(entries), lists.entry_rows(report), limits.list_rows)
        own_findings = audit.findings()
        postings = ledger.count("SELECT count(*) FROM posts")
        voucher_count = ledger.count("SELECT count(*) FROM vouchers")
        site.write("index/fund.html", "findings.html", title="Fund", findings=audit, own=own_findings,
                   report_findings=len(report.get("findings") or []))
        chart, partner_count, trial_balances = (self._books[k] for k in ("accounts", "partners", "trial_balances"))
        front = _front_page(report, self.views, audit, trial_balances, postings=postings, vouchers=voucher_count,
                            accounts=chart, partners=partner_count)
        front["datapackage"] = (self.data / "datapackage.json").is_file()  # linked only where it was written
        for lang, page, title in (("da", "index.html", "Arkiv af regnskabet fra Xena"),
                                  ("en", "index.en.html", "Archive of the books from Xena")):
            site.write(page, "front.html", lang=lang, title=title, **front)
        size, largest = site.largest
        return IndexSummary(
            pages=site.pages, bytes=site.bytes, largest_page=largest, largest_page_bytes=size, postings=postings,
            vouchers=voucher_count, accounts=chart, partners=partner_count, documents=len(self.views.documents.items),
            unbalanced_vouchers=audit.unbalanced, postings_without_voucher=audit.without_voucher,
            documents_without_relation=audit.unrelated, trial_balances=trial_balances, findings=own_findings,
        )


def write_index(data: Path, report: dict[str, Any], work: Path | None = None,
                limits: PageLimits = PageLimits(),
                progress: Callable[[str], None] = lambda message: None) -> IndexSummary:
    """Write ``data/index.html``, ``data/index.en.html`` and the pages under ``data/index/`` in one go.

    ``data`` is the bag's payload folder with ``tables/`` already written; ``report`` is the
    report as JSON data (what report.json holds). The books go through a temporary SQLite
    database in ``work`` (a folder outside ``data``; the system's temporary folder if None),
    deleted before returning. Same input, same bytes: nothing comes from the clock.
    ``progress`` is told what is being written (a million postings take minutes).
    """
    progress("index: reading the books")
    with open_books(Path(data) / "tables", report, report.get("documents") or [], work) as books:
        writer = IndexWriter(data, report, books, limits, progress)
        writer.write_books()
        return writer.finish(report)


def _front_page(report: dict[str, Any], views: Views, audit: Audit, trial_balances: dict[str, dict[str, str]],
                **counts: int) -> dict[str, Any]:
    documents, limits, ledger = views.documents, views.limits, views.ledger
    originals = {e.get("zip_name"): e.get("original") for e in report.get("entries") or [] if e.get("role") == "table"}
    tables = []
    for t in sorted(report.get("tables") or [], key=lambda t: str(t.get("table"))):
        outputs = t.get("outputs") or {}
        sources = [t.get("source")] + [a.get("other") for a in t.get("agreement") or []]
        tables.append({
            "name": t.get("table") or "", "description": t.get("description") or "", "known": t.get("known", True),
            "rows": t.get("rows_written") or 0, "rejects": t.get("rejects") or 0,
            "kept_as_text": t.get("kept_as_text") or 0,
            "files": {k: f"tables/{v}" for k, v in outputs.items() if v},
            "originals": [(str(s).rsplit(".", 1)[-1].upper(), originals[s]) for s in sources if originals.get(s)],
        })
    warnings = [f for f in report.get("findings") or [] if f.get("severity") == "warning"]
    not_converted = [documents.view(i) for i, d in enumerate(documents.items) if d.get("status") != "converted"]
    years = []
    for period in ledger.periods:
        years.append({"slug": period.slug, "label": period.label, "start": period.start, "end": period.end,
                      "totals": trial_balances.get(period.slug)})
    return {
        "report": report, "input": report.get("input") or {}, "summary": report.get("summary") or {},
        "tables": tables, "years": years, "no_year": trial_balances.get(NO_YEAR),
        "formats": lists.documents_by_format(documents.items), "documents_total": len(documents.items),
        "not_converted": not_converted[:limits.front], "not_converted_total": len(not_converted),
        "warnings": warnings[:limits.front], "warnings_total": len(warnings), "findings": audit,
        "has_posts": ledger.has_posts, "counts": counts,
        "trial_balances": trial_balances,
    }
