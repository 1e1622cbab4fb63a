"""The report's accounting: every table and document the stages return, with a finding for each
thing a reader of the archive must look at."""

from __future__ import annotations

import datetime as dt

from . import __version__
from . import findings as F
from .findings import Finding
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
            by_entry[result.entry].outcome = F.OUTCOME_TABLE(where, table=result.table, rows=result.rows_written)
        if not result.known:
            report.add(F.TABLE_UNKNOWN(where, table=result.table))
        if result.broken:
            report.add(F.TABLE_DAMAGED(where, problem=result.broken))
        if result.header_problem:
            report.add(F.TABLE_HEADER(where, problem=result.header_problem))
        if not result.columns and not result.broken and result.format == "csv":  # an empty XML table is fine
            report.add(F.TABLE_EMPTY(where))
        if result.rejects and result.first_reject:
            reject = result.first_reject
            report.add(F.ROWS_REJECTED(where, count=result.rejects, file=f"{TABLES}/{result.outputs['rejects']}",
                                       line=reject.line, reason=reject.reason))
        if result.kept_as_text:
            first = result.examples[0]
            place = F.PLACE_LINE_OF(where, line=first.line, file=first.file) if first.file else \
                F.PLACE_LINE(where, line=first.line)
            report.add(F.VALUES_KEPT_AS_TEXT(where, count=result.kept_as_text, place=place, column=first.column,
                                             text=first.text))
        if result.duplicate_key_count:
            report.add(F.KEY_REPEATED(where, count=result.duplicate_key_count, key=result.key,
                                      examples=result.duplicate_keys[:5]))
        for agreement in result.agreement:
            by_entry[agreement.other_entry].outcome = F.OUTCOME_COMPARED(agreement.other, table=result.table,
                                                                         converted=where)
            _account_agreement(report, result, agreement)
        for note in result.notes:
            report.add(F.TABLE_NOTE(where, note=note))


def _account_agreement(report: Report, result: TableResult, agreement: Agreement) -> None:
    """What the comparison of a table's two files found: every difference is a finding."""
    other, where = agreement.other, result.source
    if agreement.agrees:
        if agreement.unmatched:
            report.add(F.SOURCES_AGREE_IN_COUNT(other, converted=where, rows=agreement.rows[1],
                                                reason=agreement.unmatched))
        else:
            report.add(F.SOURCES_AGREE(other, converted=where, rows=agreement.rows[1]))
        return
    if agreement.unmatched:
        report.add(F.SOURCES_UNMATCHED(other, converted=where, rows_converted=agreement.rows[0],
                                       rows_other=agreement.rows[1], reason=agreement.unmatched, table=result.table))
    if agreement.only_in_other_count:
        report.add(F.ROWS_ONLY_IN_OTHER(
            other, count=agreement.only_in_other_count, converted=where,
            keys=_examples(other, agreement.only_in_other, agreement.only_in_other_count),
            added=agreement.added_rows, table=result.table, column=SOURCE_COLUMN))
    if agreement.only_in_converted_count:
        report.add(F.ROWS_MISSING_IN_OTHER(
            other, count=agreement.only_in_converted_count, converted=where,
            keys=_examples(other, agreement.only_in_converted, agreement.only_in_converted_count)))
    if agreement.differing_rows:
        columns = [F.COLUMN_ROWS(other, column=name, rows=count) for name, count in agreement.differing_columns.items()]
        report.add(F.VALUES_DIFFER(other, count=agreement.differing_rows, converted=where, table=result.table,
                                   columns=columns))
        for difference in agreement.differences:
            report.add(F.VALUE_DIFFERENCE(other, key_name=result.key, key=difference.key, column=difference.column,
                                          converted_value=difference.converted, converted=where,
                                          other_value=difference.other))
    if agreement.missing_columns:
        report.add(F.COLUMNS_ONLY_IN_OTHER(other, columns=agreement.missing_columns[:12]))


def _examples(where: str, keys: list[int], count: int) -> list[int] | Finding:
    """The first keys of ``count``: all of them, or five and how many more."""
    return F.KEYS_SHOWN(where, keys=keys[:5], more=count - 5) if count > 5 else keys[:count]


def new_report(listing: Listing, when: dt.datetime) -> Report:
    """The report of a conversion of the backup ``listing`` lists, made at ``when`` (the backup's time)."""
    ident = identifier(listing)
    size = listing.path.stat().st_size if listing.kind == ZIP else listing.total_bytes
    report = Report(
        tool={"name": "xena2archive", "version": __version__},
        input=BackupInput(file=listing.name, kind=listing.kind, identifier=ident, sha256=ident.rpartition(":")[2],
                          size=size, entries=len(listing.entries), folders=len(listing.folders),
                          backup_time=when.isoformat(),
                          skipped=[{"name": item.name, "reason": item.reason.phrase} for item in listing.skipped]),
    )
    for skipped in listing.skipped:
        report.add(F.ENTRY_SKIPPED(skipped.name, reason=skipped.reason))
    return report


def account_documents(report: Report, documents: Documents, by_entry: dict[str, EntryRecord]) -> None:
    """Put the documents into the report, with a finding for each that needs a reader's eye."""
    report.documents.extend(documents.entries)
    for outcome in documents.outcomes:
        result, where, item = outcome.result, outcome.item.entry.zip_name, outcome.item
        if item.entry.path not in by_entry:  # set apart from an e-mail: not a file of the zip itself
            by_entry[item.entry.path] = EntryRecord(where, original_of(item.entry.path), item.entry.size,
                                                    item.sha256, "document", F.OUTCOME_KEPT(where))
            report.entries.append(by_entry[item.entry.path])
        record = by_entry[item.entry.path]
        record.role = "document"
        if outcome.pdfa:
            record.outcome = F.OUTCOME_COPY(where, copy=outcome.pdfa)
        else:
            record.outcome = F.OUTCOME_ORIGINAL_ONLY(where, code=result.code or result.status)
            report.add(F.DOCUMENT_NOT_CONVERTED(where, code=result.code, reasons=list(result.reasons)))
        if result.mismatch:
            report.add(F.type_mismatch(where, result.mismatch))
        if result.removed:
            report.add(F.DOCUMENT_CONTENT_REMOVED(where, removed=list(result.removed)))
        if outcome.pdfa and result.reasons:
            report.add(F.DOCUMENT_NOTE(where, reasons=list(result.reasons)))
        if result.ocr is not None and result.ocr.low_confidence:
            report.add(_low_confidence(where, result.ocr))
        if outcome.attached_to:
            report.add(F.DOCUMENT_ATTACHMENT(where, mail=outcome.attached_to))
        elif outcome.row is None:
            report.add(F.DOCUMENT_WITHOUT_ROW(where))
        elif outcome.links.empty:
            report.add(F.DOCUMENT_UNRELATED(where, document=outcome.row.id))
    for row in documents.missing:
        report.add(F.DOCUMENT_FILE_MISSING("DocumentDto", row=row.id, file=row.file_name, guid=row.file_id))


def _low_confidence(where: str, ocr: Ocr) -> Finding:
    """Why a document's text layer is not to be relied on."""
    said = {"engine": ocr.engine, "languages": ocr.languages, "pages": ocr.pages}
    if ocr.confidence is None:
        return F.OCR_NO_WORDS(where, **said)
    return F.OCR_LOW_CONFIDENCE(where, **said, words=ocr.words, confidence=ocr.confidence, threshold=LOW_CONFIDENCE)
