"""``IndexWriter``: the HTML index of an archive, rendered from the audited books and the report."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import memory
from ..books import NO_YEAR, Audit, Books, Company, open_books, queries
from ..findings import WARNING, Finding
from ..layout import INDEX, PREVIEWS, TABLES
from ..report import BackupInput, Report
from ..standards import metadata_standards
from .._exec.lifetime import children_without_sigint, end_pool, spawned_pool
from ..books.queries import VoucherPage
from . import accounts, findings, lists, partners, saft, search, statements, vat, vouchers
from .paths import saft_page
from .site import CSS, Site, Tally
from .views import Documents, PageLimits, Views


APART_FROM = 5_000  # postings: from here the voucher pages and the search are written by workers


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


@dataclass(frozen=True)
class _BookPages:
    """What ``write_books`` counted, for the front page."""

    accounts: int
    partners: int
    trial_balances: dict[str, dict[str, str]]  # year -> debit, credit, balance


class IndexWriter:
    """Writes the index in two steps, so the heavy one can run while the workbooks are written.

    ``write_books`` needs only the books (loaded and audited from the JSONL tables, with the
    documents), the company and the tool's name: it writes the pages of the books (vouchers,
    accounts, partners, documents), a million postings' worth. ``finish`` needs the whole report
    and writes the pages about the archive: front pages, findings, the list of files.

    With more than one job, the voucher pages and the search (over half of the index's work) are
    written by two worker processes, one each, from the moment the writer is entered, while this
    process goes on with SAF-T, the rest of the index and the report; ``finish`` waits for them.
    Three processes on two cores share the work more evenly than two did (the one worker was the
    run's longest path by half). Books of fewer than ``apart_from`` postings are written in this
    process: starting two interpreters (about half a second each) costs more than they would take
    over. The workers read the same database, read-only: every write to it is done before they
    start (``__init__``).
    """

    def __init__(self, data: Path, books: Books, company: Company, tool: dict[str, str],
                 limits: PageLimits = PageLimits(), progress: Callable[[str], None] = lambda message: None,
                 source: BackupInput | None = None, jobs: int = 1, apart_from: int = APART_FROM) -> None:
        self.data, self.books, self.limits, self.progress = Path(data), books, limits, progress
        self.company, self.tool, self.source = company, tool, source
        self.apart = jobs > 1 and queries.totals(books)[0] >= apart_from
        self.views = Views(books, limits, Documents(books.documents, limits.documents))
        self.site = Site(self.data)
        # every page, printed, names the company and the archive's identity (the backup's checksum)
        archive = {"file": source.file, "sha256": source.sha256} if source else None
        self.site.globals.update(company=company, css=CSS, currency=books.currency, tool=tool, archive=archive)
        self._books: _BookPages | None = None
        _clear(self.data)
        # where each voucher's page is: every posting links to it, so it is known before any page
        self.plan = queries.plan_vouchers(books, limits.rows, limits.vouchers)
        queries.vat_vouchers(books)  # the last write to the books' database: a worker may read it from here on
        self._pool: ProcessPoolExecutor | None = None
        self._workers: list[Future[Tally]] = []

    def __enter__(self) -> IndexWriter:
        if self.apart:
            self.progress("index: vouchers and search, in workers")
            self._pool = spawned_pool(2)
            with children_without_sigint():  # the submits start the workers
                self._workers = [self._pool.submit(part, self.data, self.books, self.limits, self.site.globals,
                                                   self.plan) for part in (_voucher_pages_apart, _search_apart)]
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self._pool is not None:
            end_pool(self._pool, failed=kind is not None)  # failed or interrupted: its pages are not wanted
            self._pool = None

    def write_books(self) -> None:
        """The pages of the books, from the books' database (without a worker, its pages too)."""
        site, books, limits, progress, views = self.site, self.books, self.limits, self.progress, self.views
        site.copy_static("style.css", CSS)
        plan = self.plan
        years = books.year_slugs()
        if not self._workers:
            progress("index: vouchers")
            vouchers.write_voucher_pages(site, views, plan)
        site.write("index/bilag.html", "voucher_index.html", title="Bilag",
                   plan=[(y, books.year_label(y), pages) for y, pages in plan.items()])
        chart = accounts.write_chart(site, books, years)
        trial_balances = accounts.write_trial_balances(site, books, years)
        vat.write_vat_pages(site, books)
        statements.write_statements(site, books)
        progress("index: accounts")
        accounts.write_account_pages(site, views)
        progress("index: customers and suppliers")
        partners.write_partner_pages(site, views)
        partners.write_open_items(site, books)
        _postings, _vouchers, partner_count = queries.totals(books)
        lists.write_list(site, "index/partnere", {"title": "Kunder og leverandører", "intro": "partners",
                                                  "years": [(y.slug, y.label) for y in books.years]},
                         [("Nummer", False), ("Navn", False), ("Type", False), ("CVR", False), ("Posteringer", True),
                          ("Saldo", True)], partner_count, partners.partner_list_rows(books), limits.list_rows)
        progress("index: documents")
        lists.document_list(site, views)
        if not self._workers:
            progress("index: search")
            search.write_search(site, views, limits.list_rows, progress)
        self._books = _BookPages(chart, partner_count, trial_balances)

    def finish(self, report: Report) -> IndexSummary:
        """The pages about the archive, from the whole report; returns what the index holds."""
        if self._books is None:
            self.write_books()
        assert self._books is not None
        site, books, limits, audit = self.site, self.books, self.limits, self.books.audit
        self.progress("index: findings and front pages")
        own_findings = audit.findings()
        # every finding report.json will hold: the conversion's, and the audit's (the run adds those to the
        # report after the index is written), so the front page, the findings page and report.json agree
        every = [*report.findings, *(f for f in own_findings if f not in report.findings)]
        findings.write_findings(site, self.views, every, audit)
        saft.write_saft_pages(site, books, report)
        lists.write_list(site, "index/filer", {"title": "Alle filer i sikkerhedskopien", "intro": "files"},
                         [("Fil", False), ("Rolle", False), ("Størrelse", True), ("SHA-256", False),
                          ("Resultat", False)], len(report.entries), lists.entry_rows(report.entries),
                         limits.list_rows)
        postings, voucher_count, _partners = queries.totals(books)
        site.write("index/fund.html", "findings.html", title="Fund", findings=audit, own=own_findings,
                   report_findings=len(every), report_warnings=sum(1 for f in every if f.severity == WARNING))
        chart, partner_count, trial_balances = self._books.accounts, self._books.partners, self._books.trial_balances
        front = _front_page(report, every, self.views, audit, trial_balances, postings=postings,
                            vouchers=voucher_count, accounts=chart, partners=partner_count)
        front["datapackage"] = (self.data / "datapackage.json").is_file()  # linked only where it was written
        front["made"], front["standards"] = report.made[:10], metadata_standards()
        for lang, page, title in (("da", "index.html", "Arkiv af regnskabet fra Xena"),
                                  ("en", "index.en.html", "Archive of the books from Xena")):
            site.write(page, "front.html", lang=lang, title=title, **front)
        if self._workers:
            self.progress("index: waiting for the voucher pages and the search")
            memory.give_back()  # what the pages freed here, while the workers still need theirs
            for worker in self._workers:
                site.add(worker.result())
            self._workers = []
        size, largest = site.largest
        return IndexSummary(
            pages=site.pages, bytes=site.bytes, largest_page=largest, largest_page_bytes=size, postings=postings,
            vouchers=voucher_count, accounts=chart, partners=partner_count, documents=len(self.views.documents.items),
            unbalanced_vouchers=audit.unbalanced, postings_without_voucher=audit.without_voucher,
            documents_without_relation=audit.unrelated, trial_balances=trial_balances, findings=own_findings,
        )


def _voucher_pages_apart(data: Path, books: Books, limits: PageLimits, site_globals: dict[str, Any],
                         plan: dict[str, list[VoucherPage]]) -> Tally:
    """In a worker: the voucher pages; returns what was written, for the index's tally."""
    with _apart(data, books, limits, site_globals) as (site, views):
        vouchers.write_voucher_pages(site, views, plan)
    return site.tally()


def _search_apart(data: Path, books: Books, limits: PageLimits, site_globals: dict[str, Any],
                  _plan: dict[str, list[VoucherPage]]) -> Tally:
    """In a worker: the search pages and their data; returns what was written, for the index's tally."""
    with _apart(data, books, limits, site_globals) as (site, views):
        search.write_search(site, views, limits.list_rows)
    return site.tally()


@contextlib.contextmanager
def _apart(data: Path, books: Books, limits: PageLimits,
           site_globals: dict[str, Any]) -> Iterator[tuple[Site, Views]]:
    """A worker's site and views over the books (their database read-only), closed after."""
    try:
        yield Site(data, globals=site_globals), Views(books, limits, Documents(books.documents, limits.documents))
    finally:
        books.close()


def write_index(data: Path, report: Report, work: Path | None = None,
                limits: PageLimits = PageLimits(),
                progress: Callable[[str], None] = lambda message: None) -> IndexSummary:
    """Write ``data/index.html``, ``data/index.en.html`` and the pages under ``data/index/`` in one go.

    ``data`` is the bag's payload folder with ``tables/`` already written; ``report`` is the
    conversion's whole report. The books go through a temporary SQLite
    database in ``work`` (a folder outside ``data``; the system's temporary folder if None),
    deleted before returning. Same input, same bytes: nothing comes from the clock.
    ``progress`` is told what is being written (a million postings take minutes).
    """
    progress("index: reading the books")
    with open_books(Path(data) / TABLES, report.documents, work) as books:
        writer = IndexWriter(data, books, report.company, report.tool, limits, progress, report.input)
        writer.write_books()
        return writer.finish(report)


def _front_page(report: Report, every: list[Finding], views: Views, audit: Audit,
                trial_balances: dict[str, dict[str, str]], **counts: int) -> dict[str, Any]:
    documents, limits, books = views.documents, views.limits, views.books
    originals = {e.zip_name: e.original for e in report.entries if e.role == "table"}
    tables = []
    for t in sorted(report.tables, key=lambda t: t.table):
        sources = [t.source] + [a.other for a in t.agreement]
        tables.append({
            "name": t.table, "description": t.description, "known": t.known, "rows": t.rows_written,
            "rejects": t.rejects, "kept_as_text": t.kept_as_text,
            "files": {k: f"{TABLES}/{v}" for k, v in t.outputs.items() if v},
            "originals": [(s.rsplit(".", 1)[-1].upper(), originals[s]) for s in sources if s in originals],
        })
    warnings = [f for f in every if f.severity == WARNING]
    not_converted = [documents.view(i) for i, d in enumerate(documents.items) if not d.converted]
    years = []
    for period in books.years:
        years.append({"slug": period.slug, "label": period.label, "start": period.start, "end": period.end,
                      "totals": trial_balances.get(period.slug)})
    return {
        "input": report.input, "saft": report.saft, "tables": tables, "years": years,
        "saft_pages": {f.file: saft_page(y.slug) for f in (report.saft.files if report.saft else [])
                       for y in books.years if (y.start, y.end) == (f.start, f.end)},
        "no_year": trial_balances.get(NO_YEAR),
        "formats": lists.documents_by_format(documents.items), "documents_total": len(documents.items),
        "not_converted": not_converted[:limits.front], "not_converted_total": len(not_converted),
        "warnings": warnings[:limits.front], "warnings_total": len(warnings), "findings": audit,
        "has_posts": books.has_posts, "counts": counts,
        "trial_balances": trial_balances,
    }


def _clear(data: Path) -> None:
    """Remove the pages of an index written before, but not the pictures of the documents' pages
    (``layout.PREVIEWS``): the documents stage made those, and the voucher pages show them."""
    index, keep = data / INDEX, data / PREVIEWS
    if not index.exists():
        return
    for path in sorted(index.iterdir()):
        if path == keep:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
