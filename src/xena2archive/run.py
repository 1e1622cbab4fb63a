"""One conversion, as one call per stage over a ``Run``: the order of the work is read here.

    zip ─▶ originals ─▶ discover ─▶ tables (JSONL; workbooks go on) ─▶ documents (PDF/A)
        ─▶ company ─▶ index of the books ─▶ accounting (report) ─▶ index front pages ─▶ bag

Each stage returns typed records and none reaches back into an earlier one. Three overlaps keep
the run fast: the document workers start, and Siegfried identifies the documents, while the
tables are read; the workbooks are written by pool workers while the documents and the index are
done; and the index's voucher pages and search are written by workers of their own while SAF-T,
the rest of the index and the report are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import accounting, archive_documents, catalogue, discover, memory
from .exports import datapackage
from . import findings as F
from .bag.write import BagInfo, write_bag
from .books import Company, open_books
from .documents import pronom
from .documents.pool import DocumentPool
from .documents.stage import ask_ahead, convert_documents
from .index import IndexWriter
from .layout import Layout, original_of
from .options import About, Options
from .readme import write_readmes
from .records import EntryRecord
from .report import Report
from .exports.mets import package_files, write_package
from .exports.saft import Kept, write_saft
from .software import bag_info_lines, software
from .standards import metadata_standards
from .source import Listing, extract
from .tables.work import TableWork
from .workbook_years import books_year


@dataclass
class Run:
    """What the stages of one conversion share. The report is filled from what the stages return,
    by ``convert`` and the accounting stage; no stage reaches into it."""

    listing: Listing  # the backup (a zip or a folder), checked
    layout: Layout  # the archive, in the hidden folder beside out/ that becomes out/
    options: Options
    report: Report = field(init=False)
    records: dict[str, EntryRecord] = field(default_factory=dict)  # by the entry's unique path

    def __post_init__(self) -> None:
        self.when = discover.backup_time(self.listing)  # the backup's time, never the clock's
        self.report = accounting.new_report(self.listing, self.when)


def convert(listing: Listing, staging: Path, options: Options, made: dt.datetime,
            standard_accounts: dict[str, str] | None = None) -> Report:
    """The whole conversion of the backup ``listing`` lists into ``staging``; the caller renames it
    into place. ``made`` is when the archive is made (``clock.archive_time``): the bag's date and
    the events'; every file made from the backup is dated with the backup's own time instead, so it
    stays the same whenever it is made. ``standard_accounts`` maps account numbers to
    Erhvervsstyrelsen's standard accounts, for the SAF-T files."""
    layout = Layout(staging)
    run = Run(listing, layout, options)
    run.report.made = made.isoformat().replace("+00:00", "Z")
    contents = _originals_and_contents(run)
    with contextlib.ExitStack() as stack:
        pool, siegfried = (stack.enter_context(DocumentPool(min(options.jobs, len(contents.documents)))),
                           stack.enter_context(pronom.Apart())) if contents.documents else (None, None)
        # the document workers and Siegfried's process start while the tables are read
        tables = stack.enter_context(TableWork(contents.tables, layout.tables, run.when, options.jobs,
                                               options.progress, layout.work, years=books_year))
        # Siegfried identifies the documents while the tables are read
        asked = ask_ahead([item.file for item in contents.documents], siegfried, options.jobs)
        tables.wait_jsonl()  # the workbooks go on being written while documents and index are done
        documents = convert_documents(contents.documents, asked, layout, run.when, pool, siegfried,
                                      options.documents, options.progress, ocr=options.ocr)
        documents_table = archive_documents.write_table(documents.entries, layout.tables, run.when, layout.work)
        options.progress("the books")
        with (open_books(layout.tables, documents.entries, layout.work,
                         result_account=options.result_account) as books,  # loaded and audited once
              IndexWriter(layout.data, books, books.company, run.report.tool, options.pages, progress=options.progress,
                          source=run.report.input, jobs=options.jobs) as index_writer):  # its worker starts here
            company = run.report.company = books.company
            memory.give_back()  # what loading the books freed, now that the index's workers run beside this one
            options.progress("SAF-T")  # one file per fiscal year
            saft = write_saft(books, layout.data, run.report.input.backup_time[:10], standard=standard_accounts,
                              kept=Kept(result_account=options.result_account, bank_accounts=options.bank_accounts,
                                        standard_version=options.standard_version))
            run.report.saft = saft
            run.report.add(*saft.findings, *(F.SAFT_GAP("SAF-T", gap=gap) for gap in saft.gaps))
            index_writer.write_books()
            accounting.account_tables(run.report, tables.results(), run.records)
            accounting.account_documents(run.report, documents, run.records)
            run.report.tables.append(documents_table)
            package = datapackage.write(layout.data, run.report.tables, company)
            run.report.relations = package.relations
            run.report.add(*package.findings)  # its dangling references reach the index through the report
            index_writer.finish(run.report)
            audit = books.audit
    run.report.add(*audit.findings())  # the audit of the books last: the front page shows the conversion's own
    shutil.rmtree(layout.work)
    memory.give_back()  # what the books and the index freed, before Siegfried's process starts beside this one
    with pronom.Apart() as siegfried:  # its signatures and heap leave with its process, before PREMIS and METS
        run.report.software = software(siegfried=siegfried.tool(), documents=bool(contents.documents),
                                       ocr=options.ocr)
        run.report.write(layout.report)
        files = package_files(layout.data, run.report, siegfried.names, workers=options.jobs)
    write_package(layout.data, run.report, made, options.about.operator, files)  # METS, PREMIS
    write_readmes(staging, company, run.report.input, made)
    write_bag(staging, bag_info(company, run.report, made, options.about), workers=options.jobs,
              progress=options.progress)
    return run.report


def _originals_and_contents(run: Run) -> discover.Contents:
    """Extract every file as the kept original, record it in the report, and sort the files into
    tables and documents."""
    run.options.progress(f"extracting {len(run.listing.entries)} files")
    extracted = extract(run.listing, run.layout.original)
    run.layout.work.mkdir()
    report = run.report
    for item in extracted:
        record = EntryRecord(item.entry.zip_name, original_of(item.entry.path), item.entry.size,
                             item.sha256, "other", F.OUTCOME_KEPT(item.entry.zip_name), list(item.entry.notes))
        report.entries.append(record)
        run.records[item.entry.path] = record
        for note in item.entry.notes:
            report.add(F.ENTRY_NAME(item.entry.zip_name, note=note))
    contents = discover.discover(extracted)
    if not any(catalogue.is_xena_table(source.catalogue_name)
               for sources in contents.tables.values() for source in sources):
        report.add(F.NOT_A_XENA_BACKUP(run.listing.name))
    report.input.layout = discover.layout(contents)
    for path, notes in contents.notes.items():
        run.records[path].notes.extend(notes)
        report.add(*notes)
    for sources in contents.tables.values():
        for source in sources:
            run.records[source.entry].role = "table"
    return contents


def bag_info(company: Company, report: Report, made: dt.datetime, about: About) -> BagInfo:
    """What ``bag-info.txt`` says: who, what, from which input, when it was made (``made``, BagIt's
    Bagging-Date; the backup's own date is ``Xena-Backup-Date``), whom to ask (``about``), and the
    metadata standards the archive follows."""
    years = tuple(("Xena-Fiscal-Period", f"{y.start}/{y.end}") for y in company.years)
    standards = tuple(("Metadata-Standard", f"{s.name}: {s.where}") for s in metadata_standards())
    return BagInfo(
        source_organization=company.label,
        external_description=(
            f"Arkiv af regnskabet for {company.name or 'virksomheden'} fra Xena (Lokal kopi): alle tabeller som "
            "JSON Lines med JSON Schema og Excel, alle filer i original, dokumenter som PDF/A, rapport og indeks."
        ),
        external_identifier=report.input.identifier,
        bagging_date=made.date(),
        extra=(*about.bag_info(), ("Internal-Sender-Identifier", report.input.file),
               ("Xena-Backup-Date", report.input.backup_time[:10]), *years, *standards,
               *bag_info_lines(report.software)),
    )
