"""The stages of a conversion, in the order they run.

    list and check the zip -> extract originals -> sort entries (tables | documents | other)
    -> tables (scan, JSONL) -> documents -> index of the books -> tables (workbooks) -> report
    -> index front pages -> bag -> one rename into out/

The workbooks are written by pool workers from the moment the tables are scanned, beside the
JSONL, the documents and the index's pages of the books, which need only the JSONL.

Everything is written into a temporary sibling of ``out/``; only a complete bag is renamed into
place, so an interrupted or failed run never leaves an ``out/`` that looks whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from . import __version__, catalogue
from .documents import DocumentJob, DocumentPool, DocumentResult
from ._exec.lifetime import die_with_parent
from .documents.model import Attachment
from .errors import OutputProblem, UsageError
from .links import DocumentRow, Links, document_links, document_rows, match_files
from .report import EntryRecord, Report
from .source import Entry, Extracted, Limits, Listing, sha256_file
from .tables.convert import (
    Prepared, TableResult, convert_table, prepare_table, summary, table_result, write_table_jsonl, write_table_xlsx,
)
from .tables.jsonl import JsonlResult
from .tables.table import TableSource
from .tables.xlsx import XlsxResult
from .tables.xml_reader import root_name

UBL_NAMESPACES = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
)
TABLE_SUFFIXES = (".csv", ".xml")
DOCUMENTS = "documents"
ARCHIVE_DOCUMENTS = "ArchiveDocuments"


@dataclass(frozen=True)
class Options:
    """How a conversion runs; every field has a command-line flag."""

    force: bool = False
    jobs: int = max(os.cpu_count() or 1, 1)
    limits: Limits = field(default_factory=Limits)
    progress: Callable[[str], None] = lambda message: None


@dataclass
class Sorted:
    """The extracted entries, by what will be done with them (everything not a table is a document)."""

    tables: dict[str, list[TableSource]]
    documents: list[Extracted]
    notes: dict[str, list[str]]  # per entry path


def check_output(out: Path, force: bool) -> None:
    """Refuse to write over anything unless asked to (after putting back an archive a killed
    ``--force`` run had moved aside)."""
    restore_replaced(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(f"{out} is not empty; choose an empty folder or add --force to replace it")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _left_by_dead_runs(out: Path, suffix: str) -> list[Path]:
    """The folders ``.<out>.xena2archive-<pid><suffix>`` beside ``out`` whose run is gone (or is
    this process: a pid is reused only once its first owner is dead)."""
    found = []
    for path in sorted(out.absolute().parent.glob(f".{out.name}.xena2archive-*{suffix}")):
        pid = path.name.removesuffix(suffix).rsplit("-", 1)[-1]
        if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
            found.append(path)
    return found


def restore_replaced(out: Path) -> None:
    """Undo the half of a ``--force`` replacement that a killed run left done.

    ``publish`` moves the old archive aside (``.<out>.xena2archive-<pid>.tmp.old``), renames the
    new one into place and deletes the old. A run killed between the two renames leaves no
    ``out/`` and the old archive aside: it is put back, as that run never said it finished.
    With ``out/`` in place, an old archive left aside is deleted (the replacement had happened).
    """
    for aside in _left_by_dead_runs(out, ".tmp.old"):
        if out.exists() or out.is_symlink():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(aside, out)


def staging_dir(out: Path) -> Path:
    """A fresh temporary folder beside ``out`` (same file system, so the final rename is atomic).

    Folders left by a run that was killed (its process is gone) are removed first.
    """
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in _left_by_dead_runs(out, ".tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = parent / f".{out.name}.xena2archive-{os.getpid()}.tmp"
    staging.mkdir()
    return staging


def check_space(listing: Listing, where: Path) -> None:
    """Fail early when the disk cannot hold originals, tables and documents (about 3x the input).

    ``where`` is the staging folder beside out/; the message names the folder the user chose."""
    needed = listing.total_bytes * 3 + 64 * 1024**2
    free = shutil.disk_usage(where).free
    if free < needed:
        raise OutputProblem(
            f"not enough free disk space in {where.parent} for the archive: about {needed // 1024**2:,} MB "
            f"needed, {free // 1024**2:,} MB free. Free some space, or write the archive to another disk"
        )


def table_name(stem: str) -> str:
    """The catalogue's spelling of a table name if it knows the name in any case."""
    known = {name.casefold(): name for name in catalogue.load()}
    return known.get(stem.casefold(), stem)


def sort_entries(extracted: list[Extracted]) -> Sorted:
    """Tables by name (a CSV and an XML of one name are one table), documents, and the rest.

    An XML file is a table unless its root is an OIOUBL invoice or credit note (then a document).
    A second file of the same table in the same format is converted as a table of its own.
    """
    tables: dict[str, list[TableSource]] = defaultdict(list)
    documents: list[Extracted] = []
    notes: dict[str, list[str]] = defaultdict(list)
    spelled: dict[str, str] = {}  # unknown tables differing only by case are one table
    for item in extracted:
        path = PurePosixPath(item.entry.path)
        suffix = path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            documents.append(item)
            continue
        if suffix == ".xml" and root_name(item.file)[1] in UBL_NAMESPACES:
            documents.append(item)
            continue
        spec_name = spelled.setdefault(path.stem.casefold(), table_name(unicodedata.normalize("NFC", path.stem)))
        name, fmt = spec_name, suffix[1:]
        while any(s.format == fmt for s in tables[name]):
            notes[item.entry.path].append(f"a second {fmt.upper()} file of table {spec_name}; converted apart")
            name = f"{spec_name}~{len(tables)}"
        tables[name].append(TableSource(name, item.file, item.entry.zip_name, fmt, item.entry.path, spec_name))
    return Sorted(dict(sorted(tables.items())), documents, notes)


def layout(sorted_entries: Sorted) -> dict[str, object]:
    """What the zip's layout turned out to be (it is not published), for the report."""
    def folder(path: str) -> str:
        return str(PurePosixPath(path).parent).replace(".", "(root)", 1) if "/" in path else "(root)"

    sources = [s for group in sorted_entries.tables.values() for s in group]
    return {
        "table_folders": sorted({folder(s.zip_name) for s in sources}),
        "table_formats": {fmt: sum(1 for s in sources if s.format == fmt) for fmt in ("csv", "xml")},
        "tables_in_both_formats": sum(1 for g in sorted_entries.tables.values() if len(g) > 1),
        "document_top_folders": dict(sorted(Counter(
            d.entry.zip_name.split("/", 1)[0] if "/" in d.entry.zip_name else "(root)"
            for d in sorted_entries.documents).items())),
    }


def backup_time(listing: Listing) -> dt.datetime:
    """When the backup was made, as far as the zip tells: its newest entry's time."""
    return dt.datetime(*listing.latest_modified)


class TableWork:
    """Every table converted in a process pool, in an order that lets the rest of the run overlap.

    The workbook is the slowest output. So the biggest table's workbook starts first, on a worker
    of its own, then every JSONL (biggest first), then the other workbooks; ``wait_jsonl`` returns
    as soon as the JSONL tables are written, and the caller converts documents and writes the
    index from them while the workbooks are still being written. ``results`` waits for the rest.
    With one job everything runs in this process, one table at a time, inside ``wait_jsonl``.
    """

    def __init__(self, groups: dict[str, list[TableSource]], out: Path, when: dt.datetime, jobs: int,
                 progress: Callable[[str], None]) -> None:
        self.groups, self.out, self.when, self.jobs, self.progress = groups, out, when, jobs, progress
        # biggest first, so the long tables start early and the small ones fill the gaps
        self.order = sorted(groups, key=lambda n: (-sum(s.path.stat().st_size for s in groups[n]), n))
        self.pool: ProcessPoolExecutor | None = None
        self.prepared: dict[str, Prepared] = {}
        self.jsonl: dict[str, Future[JsonlResult]] = {}
        self.xlsx: dict[str, Future[XlsxResult]] = {}
        self.done: dict[str, TableResult] = {}

    def __enter__(self) -> TableWork:
        self.out.mkdir(parents=True, exist_ok=True)
        if self.jobs > 1 and self.order:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=die_with_parent,
                                            initargs=(os.getpid(),))
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=kind is not None)

    def wait_jsonl(self) -> None:
        """Scan every table and write its JSONL and schema; workbooks are left running."""
        if self.pool is None:
            for number, name in enumerate(self.order, start=1):
                self.progress(f"table {number}/{len(self.order)}: {name}")
                self.done[name] = convert_table(self.groups[name], self.out, self.when)
            return
        pool = self.pool
        scans = {name: pool.submit(prepare_table, self.groups[name]) for name in self.order}
        self.prepared = {name: future.result() for name, future in scans.items()}
        first, *rest = self.order
        self.xlsx[first] = pool.submit(write_table_xlsx, self.prepared[first], self.out, self.when)
        self.jsonl = {name: pool.submit(write_table_jsonl, self.prepared[name], self.out) for name in self.order}
        for name in rest:
            self.xlsx[name] = pool.submit(write_table_xlsx, self.prepared[name], self.out, self.when)
        for number, name in enumerate(self.order, start=1):
            self.progress(f"table {number}/{len(self.order)}: {name} (JSONL)")
            self.jsonl[name].result()

    def results(self) -> list[TableResult]:
        """Every table's result, in table-name order, once its workbook is written too."""
        for number, name in enumerate(self.order, start=1):
            if name not in self.done:
                self.progress(f"table {number}/{len(self.order)}: {name} (workbook)")
                self.done[name] = table_result(self.prepared[name], self.jsonl[name].result(),
                                               self.xlsx[name].result())
        return [self.done[name] for name in self.groups]


def account_tables(report: Report, results: list[TableResult], by_entry: dict[str, EntryRecord]) -> None:
    """Put the tables into the report, with a finding for everything that needs a reader's eye."""
    for result in results:
        report.tables.append(summary(result))
        where = result.source
        if result.entry in by_entry:
            by_entry[result.entry].outcome = f"table {result.table}: {result.rows_written:,} rows as JSONL, schema and xlsx"
        if not result.known:
            report.inform(where, f"table {result.table} is not in Xena's catalogue; column types inferred")
        if result.broken:
            report.warn(where, result.broken + "; the rows before it are converted, the original is kept")
        if result.header_problem:
            report.warn(where, result.header_problem)
        if not result.columns and not result.broken and result.format == "csv":  # an empty XML table is fine
            report.warn(where, "the file has no header row and no data: no table could be made of it "
                               "(the original is kept)")
        if result.rejects:
            report.warn(where, f"{result.rejects} row(s) could not be read; kept raw in "
                               f"tables/{result.outputs['rejects']} with their line numbers; first at "
                               f"{result.first_reject}")
        if result.kept_as_text:
            first = result.examples[0]
            report.warn(where, f"{result.kept_as_text} value(s) did not match their column's type and are kept "
                               f"as text, first at line {first.line}, column {first.column}: {first.text!r}")
        if result.duplicate_key_count:
            report.warn(where, f"{result.duplicate_key_count} repeated value(s) of key {result.key}, "
                               f"e.g. {result.duplicate_keys[:5]}")
        for agreement in result.agreement:
            record = by_entry[agreement.other_entry]
            record.outcome = f"table {result.table}: compared with {where}"
            if agreement.agrees:
                report.inform(agreement.other, f"agrees with {where}: {agreement.rows[1]:,} rows, same keys")
            else:
                report.warn(agreement.other, f"differs from {where} (converted): rows {agreement.rows[0]:,} vs "
                                             f"{agreement.rows[1]:,}; keys only in the converted file "
                                             f"{agreement.only_in_converted[:5]}, only here {agreement.only_in_other[:5]}")
            if agreement.missing_columns:
                report.warn(agreement.other, "columns not in the converted file (kept in the original): "
                                             + ", ".join(agreement.missing_columns[:12]))
        for note in result.notes:
            report.inform(where, note)


def new_report(zip_path: Path, listing: Listing, when: dt.datetime) -> Report:
    return Report(
        tool={"name": "xena2archive", "version": __version__},
        input={
            "file": zip_path.name,
            "sha256": sha256_file(zip_path),
            "size": zip_path.stat().st_size,
            "entries": len(listing.entries),
            "folders": len(listing.folders),
            "backup_time": when.isoformat(),
        },
    )


def publish(staging: Path, out: Path) -> None:
    """Move the finished bag into place: the one step that makes ``out/`` appear."""
    if out.exists():
        trash = staging.with_name(staging.name + ".old")
        os.replace(out, trash)
        os.replace(staging, out)
        shutil.rmtree(trash)
    else:
        os.replace(staging, out)


@dataclass
class DocumentOutcome:
    """One document file after the documents stage: its row, its result, what it belongs to.

    ``attached_to`` is the original path (under data/) of the e-mail a file was attached to; such
    a file has no row of its own and belongs to what the e-mail belongs to."""

    item: Extracted
    row: DocumentRow | None
    result: DocumentResult
    links: Links
    pdfa: str | None  # path of the PDF/A copy under data/
    pdfa_sha256: str | None
    attached_to: str | None = None


# An e-mail attached to an e-mail attached to ... : its attachments are set apart this deep, no deeper.
MAX_ATTACHMENT_DEPTH = 4


def _copy_name(path: str) -> str:
    """The PDF/A copy's path mirrors the original's, so its name leads back to it."""
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"


def run_documents(items: list[Extracted], data: Path, tables: Path, when: dt.datetime, pool: DocumentPool | None,
                  progress: Callable[[str], None]) -> tuple[list[DocumentOutcome], list[DocumentRow]]:
    """Convert every document to PDF/A-2b in ``pool`` (there must be one if there are documents)
    and tie it to its row and what refers to it.

    The attachments an e-mail's conversion sets apart (in ``<mail>.attachments/`` beside the
    e-mail's original) are converted next, in rounds, as documents of their own, linked to the
    e-mail and to what it belongs to. Returns the outcomes in input order, each e-mail followed by
    its attachments, and the ``DocumentDto`` rows no file was found for.
    """
    rows = document_rows(tables)
    matched = match_files([i.entry.path for i in items], rows)
    links = document_links(tables)
    progress(f"{len(items)} documents to PDF/A")
    if items and pool is None:
        raise ValueError("documents to convert, but no pool to convert them in")
    children: dict[str, list[DocumentOutcome]] = defaultdict(list)
    first: list[DocumentOutcome] = []
    batch: list[tuple[Extracted, DocumentOutcome | None, str | None]] = [(item, None, None) for item in items]
    for depth in range(MAX_ATTACHMENT_DEPTH + 1):
        if not batch:
            break
        jobs_ = [_document_job(item, data, matched.get(item.entry.path) if parent is None else None,
                               timestamp or when.isoformat(), attachments=depth < MAX_ATTACHMENT_DEPTH)
                 for item, parent, timestamp in batch]
        results = pool.convert_all(jobs_) if pool is not None else []
        next_batch: list[tuple[Extracted, DocumentOutcome | None, str | None]] = []
        for (item, parent, _), job, result in zip(batch, jobs_, results, strict=True):
            row = matched.get(item.entry.path) if parent is None else None
            outcome = DocumentOutcome(
                item, row, result, parent.links if parent else links.get(row.id, Links()) if row else Links(),
                str(job.target.relative_to(data)) if result.pdfa else None,
                sha256_file(job.target) if result.pdfa else None,
                attached_to=f"original/{parent.item.entry.path}" if parent else None)
            (children[parent.item.entry.path] if parent else first).append(outcome)
            _keep_listed(job.attachments, result)
            if result.attachments and job.attachments is not None:
                next_batch.extend((_attachment_item(item, job.attachments, a), outcome, job.timestamp)
                                  for a in result.attachments)
        if next_batch:
            progress(f"{len(next_batch)} e-mail attachments to PDF/A")
        batch = next_batch
    found = {o.row.id for o in first if o.row}
    return _with_attachments(first, children), [r for r in rows if r.id not in found]


def _document_job(item: Extracted, data: Path, row: DocumentRow | None, timestamp: str, *,
                  attachments: bool) -> DocumentJob:
    """The job of one document; ``timestamp`` is used where its row gives no creation time (an
    attachment has the time of its e-mail). With ``attachments``, an e-mail's are set apart."""
    created = (_seconds(row.created) if row else None) or timestamp
    folder = None
    if attachments:
        folder, n = item.file.with_name(f"{item.file.name}.attachments"), 2
        while folder.exists():  # the zip itself may hold a folder of that name
            folder, n = item.file.with_name(f"{item.file.name}.attachments~{n}"), n + 1
    return DocumentJob(original=item.file, target=data / DOCUMENTS / _copy_name(item.entry.path),
                       name=item.entry.zip_name, declared_type=row.content_type if row else None,
                       timestamp=created, attachments=folder)


def _keep_listed(folder: Path | None, result: DocumentResult) -> None:
    """Remove from an e-mail's attachments folder what its result does not list: files a worker
    wrote before it was stopped (time-out, crash). They are in the e-mail's original all the same."""
    if folder is None or not folder.is_dir():
        return
    listed = {attachment.file for attachment in result.attachments}
    for path in folder.iterdir():
        if path.name not in listed:
            path.unlink()
    if not listed:
        folder.rmdir()


def _attachment_item(mail: Extracted, folder: Path, attachment: Attachment) -> Extracted:
    """An attachment an e-mail's conversion wrote, as an entry of its own (its name says whose)."""
    path = f"{PurePosixPath(mail.entry.path).parent / folder.name / attachment.file}".removeprefix("./")
    entry = Entry(zip_name=f"{mail.entry.zip_name} » {attachment.name or attachment.file}", path=path,
                  size=attachment.size, compressed_size=attachment.size, modified=mail.entry.modified)
    return Extracted(entry, folder / attachment.file, sha256_file(folder / attachment.file))


def _with_attachments(outcomes: list[DocumentOutcome],
                      children: dict[str, list[DocumentOutcome]]) -> list[DocumentOutcome]:
    """Each outcome followed by its attachments (and theirs), depth first."""
    ordered = []
    for outcome in outcomes:
        ordered.append(outcome)
        ordered.extend(_with_attachments(children.get(outcome.item.entry.path, []), children))
    return ordered


def _seconds(created: str | None) -> str | None:
    """An ISO date-time cut to whole seconds (with its zone; UTC when it has none)."""
    if not isinstance(created, str) or len(created) < 19:
        return None
    zone = "Z" if created.endswith("Z") else created[-6:] if created[-6] in "+-" else "Z"
    return created[:19] + zone


def _document_fields(outcome: DocumentOutcome) -> list[tuple[str, object]]:
    result, row, links = outcome.result, outcome.row, outcome.links
    return [
        ("DocumentId", row.id if row else None), ("Description", row.description if row else None),
        ("OriginalName", outcome.item.entry.zip_name), ("OriginalPath", f"original/{outcome.item.entry.path}"),
        ("Size", result.size), ("Sha256", result.sha256), ("Format", result.format), ("Mime", result.mime),
        ("Pronom", result.pronom), ("FormatName", result.format_name), ("FormatVersion", result.format_version),
        ("IdentifiedBy", result.identified_by), ("DeclaredType", row.content_type if row else None),
        ("Mismatch", result.mismatch),
        ("Pages", result.pages), ("Status", result.status), ("Code", result.code),
        ("Reasons", " ".join(result.reasons) or None), ("RemovedContent", ", ".join(result.removed) or None),
        ("PdfaPath", outcome.pdfa), ("PdfaSha256", outcome.pdfa_sha256), ("AttachedTo", outcome.attached_to),
        ("VoucherIds", sorted(links.vouchers)), ("PartnerIds", sorted(links.partners)),
        ("OrderIds", sorted(links.orders)), ("LedgerPostIds", sorted(links.ledger_posts)),
    ]


def documents_table(outcomes: list[DocumentOutcome], work: Path) -> TableSource:
    """The archive's own table of documents, written as XML so it goes through the table stage
    (JSONL, schema and workbook) like every table of the backup."""
    nil = "{http://www.w3.org/2001/XMLSchema-instance}nil"
    path = work / f"{ARCHIVE_DOCUMENTS}.xml"
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"ArrayOf{ARCHIVE_DOCUMENTS}", nsmap={"i": "http://www.w3.org/2001/XMLSchema-instance"}):
            for outcome in outcomes:
                record = etree.Element(ARCHIVE_DOCUMENTS)
                for name, value in _document_fields(outcome):
                    field_ = etree.SubElement(record, name)
                    if value is None:
                        field_.set(nil, "true")
                    elif isinstance(value, list):
                        for item in value:
                            etree.SubElement(field_, "long").text = str(item)
                    else:
                        field_.text = str(value)
                xf.write(record)
    return TableSource(ARCHIVE_DOCUMENTS, path, f"{ARCHIVE_DOCUMENTS}.xml (made by xena2archive)", "xml")


def document_entries(outcomes: list[DocumentOutcome]) -> list[dict[str, Any]]:
    """The report's entry of each document (the index shows them before the report is complete)."""
    entries = []
    attachments: dict[str, list[str]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.attached_to:
            attachments[outcome.attached_to].append(f"original/{outcome.item.entry.path}")
    for outcome in outcomes:
        result = outcome.result
        fields = dict(_document_fields(outcome))
        entries.append({
            "zip_name": outcome.item.entry.zip_name, "original": fields["OriginalPath"],
            "document_id": fields["DocumentId"], "description": fields["Description"], "format": result.format,
            "mime": result.mime, "pronom": result.pronom, "format_name": result.format_name,
            "format_version": result.format_version, "identified_by": result.identified_by, "declared_type": fields["DeclaredType"],
            "mismatch": result.mismatch, "size": result.size, "sha256": result.sha256, "pages": result.pages,
            "status": result.status, "code": result.code, "reasons": list(result.reasons),
            "removed": list(result.removed), "pdfa": outcome.pdfa, "pdfa_sha256": outcome.pdfa_sha256,
            "links": outcome.links.to_json(), "attached_to": outcome.attached_to,
            "attachments": attachments.get(fields["OriginalPath"], []),
        })
    return entries


def account_documents(report: Report, outcomes: list[DocumentOutcome], entries: list[dict[str, Any]],
                      missing: list[DocumentRow], by_entry: dict[str, EntryRecord]) -> None:
    """Put the documents (``entries``: their ``document_entries``) into the report, with a finding
    for each that needs a reader's eye."""
    report.documents.extend(entries)
    for outcome in outcomes:
        result, where, item = outcome.result, outcome.item.entry.zip_name, outcome.item
        if item.entry.path not in by_entry:  # set apart from an e-mail: not a file of the zip itself
            by_entry[item.entry.path] = EntryRecord(where, f"original/{item.entry.path}", item.entry.size,
                                                    item.sha256, "document", "")
            report.entries.append(by_entry[item.entry.path])
        record = by_entry[item.entry.path]
        record.role = "document"
        if outcome.pdfa:
            record.outcome = f"PDF/A-2b copy: {outcome.pdfa}"
        else:
            record.outcome = f"kept as original only ({result.code or result.status})"
            report.warn(where, f"no PDF/A copy ({result.code}): {' '.join(result.reasons)} The original is kept.")
        if result.mismatch:
            report.warn(where, f"name or declared type disagrees with the content: {result.mismatch}")
        if result.removed:
            report.inform(where, "the PDF/A copy does not carry: " + ", ".join(result.removed) + " (the original does)")
        if outcome.pdfa and result.reasons:
            report.inform(where, "; ".join(result.reasons))
        if outcome.attached_to:
            report.inform(where, f"attached to the e-mail {outcome.attached_to}; set apart as a document of its own")
        elif outcome.row is None:
            report.warn(where, "no DocumentDto row names this file")
        elif outcome.links.empty:
            report.warn(where, f"document {outcome.row.id}: no voucher, partner, order or posting refers to it")
    for row in missing:
        report.warn("DocumentDto", f"row {row.id} names the file '{row.file_name}' ({row.file_id}), "
                                   "which is not in the zip")
