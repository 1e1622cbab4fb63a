"""``write_index``: the HTML index of an archive, from its written tables and its report."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import pages as P
from .ledger import Ledger
from .site import CSS, Site


@dataclass
class IndexSummary:
    """What ``write_index`` wrote and found. ``findings`` are in the report's form, for report.json."""

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
    findings: list[dict[str, str]] = field(default_factory=list)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


class IndexWriter:
    """Writes the index in two steps, so the heavy one can run while the workbooks are written.

    ``write_books`` needs only the written JSONL tables, the company and the documents: it writes
    the pages of the books (vouchers, accounts, partners, documents), a million postings' worth.
    ``finish`` needs the whole report and writes the pages about the archive: front pages,
    findings, the list of files. Use as a context manager: the work database is deleted on exit.
    """

    def __init__(self, data: Path, early_report: dict[str, Any], work: Path | None = None,
                 limits: P.Limits = P.Limits(), progress: Callable[[str], None] = lambda message: None) -> None:
        """``early_report`` is what the report knows before the workbooks are done: its ``company``,
        ``tool`` and ``documents``. ``work`` must be outside ``data`` (None: the system's temp folder)."""
        self.data = Path(data)
        if work is not None:
            work = Path(work)
            if _inside(work, self.data):
                raise ValueError(f"the index's work folder {work} must not be inside the payload {self.data}")
            work.mkdir(parents=True, exist_ok=True)
        self.work, self.limits, self.progress = work, limits, progress
        self.documents = P.Documents(early_report.get("documents") or [], limits.documents)
        self.early_report = early_report
        self.site = Site(self.data)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.ledger: Ledger | None = None
        self._books: dict[str, Any] | None = None  # what write_books counted, for the front page
        self._views: P.Views | None = None

    def __enter__(self) -> IndexWriter:
        if (self.data / "index").exists():
            shutil.rmtree(self.data / "index")
        self._tmp = tempfile.TemporaryDirectory(prefix="xena2archive-index-", dir=self.work)
        self.ledger = Ledger(Path(self._tmp.name) / "index.sqlite", self.data / "tables", self.early_report)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.ledger is not None:
            self.ledger.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def write_books(self) -> None:
        """The pages of the books, from the JSONL tables through the work database."""
        site, ledger, limits, progress = self.site, self._ledger(), self.limits, self.progress
        progress("index: reading the books")
        ledger.load(self.documents.items)
        self._views = views = P.Views(ledger, limits, self.documents)
        site.globals.update(company=self.early_report.get("company") or {}, css=CSS, currency=ledger.currency,
                            tool=self.early_report.get("tool") or {})
        site.copy_static("style.css", CSS)
        plan = P.plan_vouchers(ledger, limits)
        years = ledger.year_slugs()
        progress("index: vouchers")
        P.write_voucher_pages(site, views, plan)
        site.write("index/bilag.html", "voucher_index.html", title="Bilag",
                   plan=[(y, ledger.year_label(y), pages) for y, pages in plan.items()])
        accounts = P.write_chart(site, ledger, years)
        trial_balances = P.write_trial_balances(site, ledger, years)
        progress("index: accounts")
        P.write_account_pages(site, views)
        progress("index: customers and suppliers")
        P.write_partner_pages(site, views)
        partners = ledger.count("SELECT count(*) FROM partners")
        P.write_list(site, "index/partnere", {"title": "Kunder og leverandører", "intro": "partners"},
                     [("Nummer", False), ("Navn", False), ("Type", False), ("CVR", False), ("Posteringer", True),
                      ("Saldo", True)], partners, P.partner_list_rows(ledger), limits.list_rows)
        progress("index: documents")
        P.document_list(site, views)
        self._books = {"accounts": accounts, "partners": partners, "trial_balances": trial_balances}

    def finish(self, report: dict[str, Any]) -> IndexSummary:
        """The pages about the archive, from the whole report; returns what the index holds."""
        if self._books is None or self._views is None:
            self.write_books()
        assert self._books is not None and self._views is not None
        site, ledger, limits, views = self.site, self._ledger(), self.limits, self._views
        self.progress("index: findings and front pages")
        findings = P.Findings()
        P.write_findings(site, views, report, findings)
        entries = report.get("entries") or []
        P.write_list(site, "index/filer", {"title": "Alle filer i sikkerhedskopien", "intro": "files"},
                     [("Fil", False), ("Rolle", False), ("Størrelse", True), ("SHA-256", False), ("Resultat", False)],
                     len(entries), P.entry_rows(report), limits.list_rows)
        own_findings = findings.as_report(ledger)
        postings = ledger.count("SELECT count(*) FROM posts")
        vouchers = ledger.count("SELECT count(*) FROM vouchers")
        site.write("index/fund.html", "findings.html", title="Fund", findings=findings, own=own_findings,
                   report_findings=len(report.get("findings") or []))
        accounts, partners, trial_balances = (self._books[k] for k in ("accounts", "partners", "trial_balances"))
        front = _front_page(report, ledger, self.documents, findings, trial_balances, limits,
                            postings=postings, vouchers=vouchers, accounts=accounts, partners=partners)
        for lang, page, title in (("da", "index.html", "Arkiv af regnskabet fra Xena"),
                                  ("en", "index.en.html", "Archive of the books from Xena")):
            site.write(page, "front.html", lang=lang, title=title, **front)
        size, largest = site.largest
        return IndexSummary(
            pages=site.pages, bytes=site.bytes, largest_page=largest, largest_page_bytes=size, postings=postings,
            vouchers=vouchers, accounts=accounts, partners=partners, documents=len(self.documents.items),
            unbalanced_vouchers=findings.unbalanced, postings_without_voucher=findings.without_voucher,
            documents_without_relation=findings.unrelated, trial_balances=trial_balances, findings=own_findings,
        )

    def _ledger(self) -> Ledger:
        if self.ledger is None:
            raise RuntimeError("IndexWriter is used outside its 'with' block")
        return self.ledger


def write_index(data: Path, report: dict[str, Any], work: Path | None = None,
                limits: P.Limits = P.Limits(), progress: Callable[[str], None] = lambda message: None) -> IndexSummary:
    """Write ``data/index.html``, ``data/index.en.html`` and the pages under ``data/index/`` in one go.

    ``data`` is the bag's payload folder with ``tables/`` already written; ``report`` is the
    report as JSON data (what report.json holds). The books go through a temporary SQLite
    database in ``work`` (a folder outside ``data``; the system's temporary folder if None),
    deleted before returning. Same input, same bytes: nothing comes from the clock.
    ``progress`` is told what is being written (a million postings take minutes).
    """
    with IndexWriter(data, report, work, limits, progress) as writer:
        writer.write_books()
        return writer.finish(report)


def _front_page(report: dict[str, Any], ledger: Ledger, documents: P.Documents, findings: P.Findings,
                trial_balances: dict[str, dict[str, str]], limits: P.Limits, **counts: int) -> dict[str, Any]:
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
        "tables": tables, "years": years, "no_year": trial_balances.get(P.NO_YEAR),
        "formats": P.documents_by_format(documents.items), "documents_total": len(documents.items),
        "not_converted": not_converted[:limits.front], "not_converted_total": len(not_converted),
        "warnings": warnings[:limits.front], "warnings_total": len(warnings), "findings": findings,
        "has_posts": ledger.has_posts, "counts": counts,
        "trial_balances": trial_balances,
    }
