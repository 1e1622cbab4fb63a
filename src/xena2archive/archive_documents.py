"""The archive's own table of documents (``ArchiveDocuments``): one row per document, from the entry
the documents stage returned, written by the table stage like every table of the backup (JSONL,
schema, workbook). The run builds it; neither stage knows the other.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from .catalogue import ARCHIVE_DOCUMENTS
from .records import DocumentEntry
from .tables.convert import TableResult, convert_table
from .tables.table import TableSource


def write_table(entries: list[DocumentEntry], tables: Path, when: dt.datetime, work: Path) -> TableResult:
    """The table of ``entries``, written to ``tables``; ``work`` holds its source on the way."""
    return convert_table([_source(entries, work)], tables, when, work)


def _table_row(d: DocumentEntry) -> list[tuple[str, object]]:
    """A document's row of the archive's own table of documents: its entry, in the table's columns."""
    links = d.links
    return [
        ("DocumentId", d.document_id), ("Description", d.description), ("OriginalName", d.zip_name),
        ("OriginalPath", d.original), ("Size", d.size), ("Sha256", d.sha256), ("Format", d.format), ("Mime", d.mime),
        ("Pronom", d.pronom), ("FormatName", d.format_name), ("FormatVersion", d.format_version),
        ("IdentifiedBy", d.identified_by), ("DeclaredType", d.declared_type), ("Mismatch", d.mismatch),
        ("Pages", d.pages), ("Status", d.status), ("Code", d.code),
        ("Reasons", " ".join(r.message for r in d.reasons) or None), ("RemovedContent", ", ".join(d.removed) or None),
        ("PdfaPath", d.pdfa), ("PdfaSha256", d.pdfa_sha256), ("AttachedTo", d.attached_to),
        ("VoucherIds", sorted(links.vouchers)), ("PartnerIds", sorted(links.partners)),
        ("OrderIds", sorted(links.orders)), ("LedgerPostIds", sorted(links.ledger_posts)),
        ("Ocr", d.ocr), ("OcrPages", d.ocr_pages), ("OcrEngine", d.ocr_engine), ("OcrLanguages", d.ocr_languages),
        ("OcrWords", d.ocr_words), ("OcrConfidence", d.ocr_confidence), ("TextPath", d.text),
        ("TextSha256", d.text_sha256), ("MadeWith", d.made_with), ("PdfaPronom", d.pdfa_pronom),
        ("ValidatedBy", d.validated_by), ("ValidationProfile", d.validation_profile), ("Validation", d.validation),
    ]


def _source(entries: list[DocumentEntry], work: Path) -> TableSource:
    """The table as XML, in the catalogue's columns, so it goes through the table stage like every
    table of the backup."""
    nil = "{http://www.w3.org/2001/XMLSchema-instance}nil"
    path = work / f"{ARCHIVE_DOCUMENTS}.xml"
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"ArrayOf{ARCHIVE_DOCUMENTS}", nsmap={"i": "http://www.w3.org/2001/XMLSchema-instance"}):
            for entry in entries:
                record = etree.Element(ARCHIVE_DOCUMENTS)
                for name, value in _table_row(entry):
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


