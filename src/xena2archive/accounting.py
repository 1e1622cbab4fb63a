"""The report's accounting: every table and document the stages return, with a finding for each
thing a reader of the archive must look at."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from . import __version__
from . import findings as F
from .findings import sentence
from .layout import TABLES, original_of
from .documents.model import LOW_CONFIDENCE, Ocr
from .documents.stage import Documents
from .records import EntryRecord
from .report import BackupInput, Report
from .source import ZIP, Listing, identifier
from .tables.convert import Agreement, TableResult
from .tables.table import SOURCE_COLUMN


def account_tables(report: Report, results: list[TableResult], by_entry: dict[str, EntryRecord]) -> None:
    """Put the tables into the report, with a finding for everything that needs a reader's eye."""
    for result in results:
        report.tables.append(result)
        where = result.source
        if result.entry in by_entry:
            by_entry[result.entry].outcome = (f"table {result.table}: {result.rows_written:,} rows as JSONL, schema "
                                              "and xlsx")
        if not result.known:
            report.add(F.TABLE_UNKNOWN(where, f"table {result.table} is not in Xena's catalogue; column types "
                                              "inferred"))
        if result.broken:
            report.add(F.TABLE_DAMAGED(where, f"{result.broken}. The original file is kept"))
        if result.header_problem:
            report.add(F.TABLE_HEADER(where, result.header_problem))
        if not result.columns and not result.broken and result.format == "csv":  # an empty XML table is fine
            report.add(F.TABLE_EMPTY(where, "the file has no header row and no data: no table could be made of it "
                                            "(the original is kept)"))
        if result.rejects:
            report.add(F.ROWS_REJECTED(where, f"{result.rejects} row(s) could not be read; kept raw in "
                                              f"{TABLES}/{result.outputs['rejects']} with their line numbers; first at "
                                              f"{result.first_reject}"))
        if result.kept_as_text:
            first = result.examples[0]
            report.add(F.VALUES_KEPT_AS_TEXT(
                where, f"{result.kept_as_text} value(s) did not match their column's type and are kept as text, "
                       f"first at line {first.line}{f' of {first.file}' if first.file else ''}, "
                       f"column {first.column}: {first.text!r}"))
        if result.duplicate_key_count:
            report.add(F.KEY_REPEATED(where, f"{result.duplicate_key_count} repeated value(s) of key {result.key}, "
                                             f"e.g. {result.duplicate_keys[:5]}"))
        for agreement in result.agreement:
            by_entry[agreement.other_entry].outcome = f"table {result.table}: compared with {where}"
            _account_agreement(report, result, agreement)
        for note in result.notes:
            report.add(F.TABLE_NOTE(where, note))


def _account_agreement(report: Report, result: TableResult, agreement: Agreement) -> None:
    """What the comparison of a table's two files found: every difference is a finding."""
    other, where = agreement.other, result.source
    if agreement.agrees:
        report.add(F.SOURCES_AGREE(other, f"agrees with {where}: {agreement.rows[1]:,} rows, " + (
            f"same count ({agreement.unmatched})" if agreement.unmatched else "same keys and values")))
        return
    if agreement.unmatched:
        report.add(F.SOURCES_UNMATCHED(
            other, f"differs from {where} (converted): rows {agreement.rows[0]:,} vs {agreement.rows[1]:,}, "
                   f"and {agreement.unmatched}; table {result.table} holds the rows of {where} only, "
                   "this file is kept as an original."))
    if agreement.only_in_other_count:
        report.add(F.ROWS_ONLY_IN_OTHER(
            other, f"{agreement.only_in_other_count:,} row(s) are only in this file, not in {where} "
                   f"(keys {_examples(agreement.only_in_other, agreement.only_in_other_count)}); "
                   f"{agreement.added_rows:,} were written to table {result.table} from this file, "
                   f"where column {SOURCE_COLUMN} names it."))
    if agreement.only_in_converted_count:
        report.add(F.ROWS_MISSING_IN_OTHER(
            other, f"{agreement.only_in_converted_count:,} row(s) of {where} are missing from this file "
                   f"(keys {_examples(agreement.only_in_converted, agreement.only_in_converted_count)})."))
    if agreement.differing_rows:
        columns = ", ".join(f"{name} ({count:,})" for name, count in agreement.differing_columns.items())
        report.add(F.VALUES_DIFFER(
            other, f"{agreement.differing_rows:,} row(s) hold other values here than in {where}, whose "
                   f"values table {result.table} keeps; differing columns (rows): {columns}."))
        for difference in agreement.differences:
            report.add(F.VALUE_DIFFERENCE(other, f"{result.key} {difference.key}, column {difference.column}: "
                                                 f"{difference.converted!r} in {where}, {difference.other!r} here."))
    if agreement.missing_columns:
        report.add(F.COLUMNS_ONLY_IN_OTHER(other, "columns not in the converted file (kept in the original): "
                                              + ", ".join(agreement.missing_columns[:12])))


def sentences(parts: tuple[str, ...] | list[str]) -> str:
    """Reasons joined as whole sentences, each ending with a stop."""
    return " ".join(sentence(p) for p in parts if p.strip())


def _examples(keys: list[int], count: int) -> str:
    shown = ", ".join(map(str, keys[:5]))
    return shown + (f" and {count - 5:,} more" if count > 5 else "")


def new_report(listing: Listing, when: dt.datetime) -> Report:
    """The report of a conversion of the backup ``listing`` lists, made at ``when`` (the backup's time)."""
    ident = identifier(listing)
    size = listing.path.stat().st_size if listing.kind == ZIP else listing.total_bytes
    report = Report(
        tool={"name": "xena2archive", "version": __version__},
        input=BackupInput(file=listing.path.name, kind=listing.kind, identifier=ident, sha256=ident.rpartition(":")[2],
                          size=size, entries=len(listing.entries), folders=len(listing.folders),
                          backup_time=when.isoformat(), skipped=[asdict(s) for s in listing.skipped]),
    )
    for skipped in listing.skipped:
        report.add(F.ENTRY_SKIPPED(skipped.name, f"{skipped.reason}; it is not in the archive"))
    return report


def account_documents(report: Report, documents: Documents, by_entry: dict[str, EntryRecord]) -> None:
    """Put the documents into the report, with a finding for each that needs a reader's eye."""
    report.documents.extend(documents.entries)
    for outcome in documents.outcomes:
        result, where, item = outcome.result, outcome.item.entry.zip_name, outcome.item
        if item.entry.path not in by_entry:  # set apart from an e-mail: not a file of the zip itself
            by_entry[item.entry.path] = EntryRecord(where, original_of(item.entry.path), item.entry.size,
                                                    item.sha256, "document", "")
            report.entries.append(by_entry[item.entry.path])
        record = by_entry[item.entry.path]
        record.role = "document"
        if outcome.pdfa:
            record.outcome = f"PDF/A-2b copy: {outcome.pdfa}"
        else:
            record.outcome = f"kept as original only ({result.code or result.status})"
            report.add(F.DOCUMENT_NOT_CONVERTED(where, f"no PDF/A copy ({result.code}): {sentences(result.reasons)} "
                                                       "The original is kept."))
        if result.mismatch:
            report.add(F.DOCUMENT_TYPE_MISMATCH(where, "name or declared type disagrees with the content: "
                                                       f"{result.mismatch}"))
        if result.removed:
            report.add(F.DOCUMENT_CONTENT_REMOVED(
                where, "the PDF/A copy does not carry: " + ", ".join(result.removed) + " (the original does)"))
        if outcome.pdfa and result.reasons:
            report.add(F.DOCUMENT_NOTE(where, sentences(result.reasons)))
        if result.ocr is not None and result.ocr.low_confidence:
            report.add(F.OCR_LOW_CONFIDENCE(where, _low_confidence(result.ocr)))
        if outcome.attached_to:
            report.add(F.DOCUMENT_ATTACHMENT(where, f"attached to the e-mail {outcome.attached_to}; set apart as a "
                                                    "document of its own"))
        elif outcome.row is None:
            report.add(F.DOCUMENT_WITHOUT_ROW(where, "no DocumentDto row names this file"))
        elif outcome.links.empty:
            report.add(F.DOCUMENT_UNRELATED(where, f"document {outcome.row.id}: no voucher, partner, order or posting "
                                                   "refers to it"))
    for row in documents.missing:
        report.add(F.DOCUMENT_FILE_MISSING("DocumentDto", f"row {row.id} names the file '{row.file_name}' "
                                                          f"({row.file_id}), which is not in the zip"))


def _low_confidence(ocr: Ocr) -> str:
    """Why a text layer is not to be relied on, for its finding."""
    read = f"OCR ({ocr.engine}, {ocr.languages}) read {ocr.pages} page(s) of pictures of text"
    if ocr.confidence is None:
        return f"{read} and found no word in them: the copy has no text where the picture may show some"
    return (f"{read}: {ocr.words} word(s) with a mean confidence of {ocr.confidence} of 100, below "
            f"{LOW_CONFIDENCE}; the text may be misread, the picture in the copy is what counts")
