"""The documents stage of a conversion: each document file tied to its ``DocumentDto`` row and to
what refers to it, converted in the pool, and described in the archive's own table of documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from ..catalogue import ARCHIVE_DOCUMENTS
from ..links import DocumentRow, Links, document_links, document_rows, match_files
from ..source import Extracted, sha256_file
from ..tables.convert import TableResult, convert_table
from ..tables.table import TableSource
from .model import DocumentJob, DocumentResult
from .pool import DocumentPool

DOCUMENTS = "documents"


@dataclass
class DocumentOutcome:
    """One document file after the documents stage: its row, its result, what it belongs to."""

    item: Extracted
    row: DocumentRow | None
    result: DocumentResult
    links: Links
    pdfa: str | None  # path of the PDF/A copy under data/
    pdfa_sha256: str | None


def _copy_name(path: str) -> str:
    """The PDF/A copy's path mirrors the original's, so its name leads back to it."""
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"


@dataclass
class Documents:
    """What the documents stage returns: every document file's outcome, in input order, and the
    ``DocumentDto`` rows no file was found for."""

    outcomes: list[DocumentOutcome]
    missing: list[DocumentRow]

    @cached_property
    def entries(self) -> list[dict[str, Any]]:
        """The report's entry of each document (the index shows them before the report is complete)."""
        return document_entries(self.outcomes)

    def table(self, tables: Path, when: dt.datetime, work: Path) -> TableResult:
        """The archive's own table of documents, written to ``tables`` like every table of the backup."""
        return convert_table([documents_table(self.outcomes, work)], tables, when, work)


def convert_documents(items: list[Extracted], data: Path, tables: Path, when: dt.datetime, pool: DocumentPool | None,
                      progress: Callable[[str], None]) -> Documents:
    """Convert every document to PDF/A-2b in ``pool`` (there must be one if there are documents)
    and tie it to its row and what refers to it."""
    rows = document_rows(tables)
    matched = match_files([i.entry.path for i in items], rows)
    links = document_links(tables)
    jobs_: list[DocumentJob] = []
    for item in items:
        row = matched.get(item.entry.path)
        created = (_seconds(row.created) if row else None) or when.isoformat()
        jobs_.append(DocumentJob(original=item.file, target=data / DOCUMENTS / _copy_name(item.entry.path),
                                 name=item.entry.zip_name, declared_type=row.content_type if row else None,
                                 timestamp=created))
    progress(f"{len(jobs_)} documents to PDF/A")
    if jobs_ and pool is None:
        raise ValueError("documents to convert, but no pool to convert them in")
    results = pool.convert_all(jobs_) if pool is not None else []
    outcomes = []
    for item, job, result in zip(items, jobs_, results):
        row = matched.get(item.entry.path)
        pdfa = str(job.target.relative_to(data)) if result.pdfa else None
        outcomes.append(DocumentOutcome(item, row, result, links.get(row.id, Links()) if row else Links(),
                                        pdfa, sha256_file(job.target) if result.pdfa else None))
    found = {o.row.id for o in outcomes if o.row}
    return Documents(outcomes, [r for r in rows if r.id not in found])


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
        ("Pronom", result.pronom), ("DeclaredType", row.content_type if row else None), ("Mismatch", result.mismatch),
        ("Pages", result.pages), ("Status", result.status), ("Code", result.code),
        ("Reasons", " ".join(result.reasons) or None), ("RemovedContent", ", ".join(result.removed) or None),
        ("PdfaPath", outcome.pdfa), ("PdfaSha256", outcome.pdfa_sha256),
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
    for outcome in outcomes:
        result = outcome.result
        fields = dict(_document_fields(outcome))
        entries.append({
            "zip_name": outcome.item.entry.zip_name, "original": fields["OriginalPath"],
            "document_id": fields["DocumentId"], "description": fields["Description"], "format": result.format,
            "mime": result.mime, "pronom": result.pronom, "declared_type": fields["DeclaredType"],
            "mismatch": result.mismatch, "size": result.size, "sha256": result.sha256, "pages": result.pages,
            "status": result.status, "code": result.code, "reasons": list(result.reasons),
            "removed": list(result.removed), "pdfa": outcome.pdfa, "pdfa_sha256": outcome.pdfa_sha256,
            "links": outcome.links.to_json(),
        })
    return entries
