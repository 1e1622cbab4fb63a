"""The one entry point for programs: ``convert(zip, out)``. The CLI is a thin layer over this."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from . import pipeline
from .bag import BagInfo, write_bag
from .company import Company, read_company
from .documents import DocumentPool
from .pipeline import Options
from .index import IndexWriter
from .report import EntryRecord, Finding, Report
from .saft import read_standard_accounts, write_saft
from .source import extract, list_backup
from .tables.convert import convert_table, summary

ORIGINALS = "original"
TABLES = "tables"


def convert(zip_path: Path, out: Path, options: Options = Options()) -> Report:
    """Turn a Xena backup zip into a complete archive in ``out``, or raise and leave no ``out``.

    Raises a ``XenaArchiveError`` subclass for input that is refused and for output that cannot be
    written; problems inside the data are findings in the returned report, not exceptions.
    """
    zip_path, out = Path(zip_path), Path(out)
    pipeline.check_output(out, options.force)
    standard_accounts = read_standard_accounts(options.saft_accounts) if options.saft_accounts else None
    listing = list_backup(zip_path, options.limits)  # refuses hostile zips before anything is written
    staging = pipeline.staging_dir(out)
    try:
        pipeline.check_space(listing, staging)
        data = staging / "data"
        options.progress(f"extracting {len(listing.entries)} files")
        extracted = extract(zip_path, listing, data / ORIGINALS)
        when = pipeline.backup_time(listing)
        report = pipeline.new_report(zip_path, listing, when)
        by_entry = {}  # by the entry's unique path: a zip may hold one name twice
        for item in extracted:
            record = EntryRecord(item.entry.zip_name, f"{ORIGINALS}/{item.entry.path}", item.entry.size,
                                 item.sha256, "other", "kept as original", list(item.entry.notes))
            report.entries.append(record)
            by_entry[item.entry.path] = record
            for note in item.entry.notes:
                report.warn(item.entry.zip_name, note)
        if not extracted:
            report.warn(zip_path.name, "the zip holds no files")
        sorted_entries = pipeline.sort_entries(extracted)
        report.input["layout"] = pipeline.layout(sorted_entries)
        for path, notes in sorted_entries.notes.items():
            by_entry[path].notes.extend(notes)
            for note in notes:
                report.warn(by_entry[path].zip_name, note)
        for sources in sorted_entries.tables.values():
            for source in sources:
                by_entry[source.entry].role = "table"
        work = staging / "work"  # scratch space outside the payload, removed before bagging
        work.mkdir()
        with contextlib.ExitStack() as stack:
            # the document workers start now, so their start-up overlaps the reading of the tables
            pool = (stack.enter_context(DocumentPool(min(options.jobs, len(sorted_entries.documents))))
                    if sorted_entries.documents else None)
            tables = stack.enter_context(
                pipeline.TableWork(sorted_entries.tables, data / TABLES, when, options.jobs, options.progress))
            tables.wait_jsonl()  # the workbooks go on being written while documents and index are done
            outcomes, rows_without_file = pipeline.run_documents(
                sorted_entries.documents, data, data / TABLES, when, pool, options.progress)
            if pool is not None:
                pool.close()  # its workers and their Ghostscript are not needed any more
            documents_table = convert_table([pipeline.documents_table(outcomes, work)], data / TABLES, when)
            company = read_company(data / TABLES)
            report.company = company.to_json()
            # -- SAF-T Financial DK: one file per fiscal year in data/saft/, from the JSONL (issue 15) --
            options.progress("SAF-T")
            saft = write_saft(data, report.input["backup_time"][:10], standard=standard_accounts, work=work)
            report.saft = saft.to_json()
            report.findings.extend(Finding(*finding) for finding in saft.findings)
            report.findings.extend(Finding("info", "SAF-T", gap) for gap in saft.gaps)
            # -- end of SAF-T --
            options.progress("index")
            documents = pipeline.document_entries(outcomes)
            early = {**report.to_json(), "documents": documents}
            with IndexWriter(data, early, work, progress=options.progress) as index_writer:
                index_writer.write_books()
                pipeline.account_tables(report, tables.results(), by_entry)
                pipeline.account_documents(report, outcomes, documents, rows_without_file, by_entry)
                report.tables.append(summary(documents_table))
                index = index_writer.finish(report.to_json())
        for finding in index.findings:
            report.findings.append(Finding(**finding))
        shutil.rmtree(work)
        report.write(data / "report.json")
        options.progress("checksums")
        write_bag(staging, bag_info(company, report), workers=options.jobs)
        pipeline.publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def bag_info(company: Company, report: Report) -> BagInfo:
    """What ``bag-info.txt`` says: who, what, from which input, when; nothing from the clock."""
    years = tuple(("Xena-Fiscal-Period", f"{y.start}/{y.end}") for y in company.years)
    return BagInfo(
        source_organization=company.label,
        external_description=(
            f"Arkiv af regnskabet for {company.name or 'virksomheden'} fra Xena (Lokal kopi): alle tabeller som "
            "JSON Lines med JSON Schema og Excel, alle filer i original, dokumenter som PDF/A, rapport og indeks."
        ),
        external_identifier=f"sha256:{report.input['sha256']}",
        bagging_date=report.input["backup_time"][:10],
        extra=(("Internal-Sender-Identifier", report.input["file"]), *years),
    )
