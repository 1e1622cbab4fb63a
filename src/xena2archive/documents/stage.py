"""The documents stage of a conversion: each document file tied to its ``DocumentDto`` row and to
what refers to it, converted in the pool, and described by an entry for the report (``entries``),
from which the run builds the archive's own table of documents (``archive_documents``)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from ..layout import Layout, original_of
from ..links import DocumentRow, Links, document_links, document_rows, match_files
from ..progress import Progress
from ..records import DocumentEntry
from ..source import Entry, Extracted, sha256_file
from . import preview, pronom
from .model import FLAVOUR, OCR_RAN, VALIDATOR, Asked, Attachment, DocumentJob, DocumentResult, Limits, Ocr
from .pool import DocumentPool



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
    text: str | None = None  # path of its text under data/
    text_sha256: str | None = None
    pdfa_pronom: str | None = None  # the copy's PRONOM id, by Siegfried
    previews: list[str] = field(default_factory=list)  # pictures of the copy's first pages, under data/


# An e-mail attached to an e-mail attached to ... : its attachments are set apart this deep, no deeper.
MAX_ATTACHMENT_DEPTH = 4


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
    def entries(self) -> list[DocumentEntry]:
        """The report's entry of each document (the index shows them before the report is complete)."""
        return document_entries(self.outcomes)


def ask_ahead(files: list[Path], siegfried: pronom.Apart | None, workers: int) -> list[Asked]:
    """What ``siegfried`` says of each document's file, asked ahead of ``convert_documents`` (the
    run asks while its tables are read, when its own process only waits); then its process is made
    ``fresh``, so that its signatures are gone while the workers convert. Nothing without files."""
    if not files or siegfried is None:
        return []
    answers = siegfried.ask(files, workers)
    siegfried.fresh()
    return answers


def convert_documents(items: list[Extracted], asked: list[Asked], layout: Layout, when: dt.datetime,
                      pool: DocumentPool | None, siegfried: pronom.Apart | None, limits: Limits, progress: Progress,
                      *, ocr: bool = True) -> Documents:
    """Convert every document to PDF/A-2b in ``pool`` and tie it to its row and what refers to it.
    ``asked`` is what Siegfried said of each (``ask_ahead``); ``siegfried`` identifies what the
    conversions make (there must be a pool and Siegfried if there are documents). ``ocr``: pictures
    of text get a text layer.

    The attachments an e-mail's conversion sets apart (in ``<mail>.attachments/`` beside the
    e-mail's original) are converted next, in rounds, as documents of their own, linked to the
    e-mail and to what it belongs to. The outcomes are in input order, each e-mail followed by its attachments.
    After each round, ``siegfried`` identifies the next round's documents (the attachments) and the
    copies the round made; then its process is made ``fresh``, so that its signatures are gone
    while the workers convert (the workers themselves never load them: each job carries the
    answer). Both are closed when done with: ``pool`` when the last round is converted, before the
    last copies are identified, and ``siegfried`` then.
    """
    rows = document_rows(layout.tables)
    matched = match_files([i.entry.path for i in items], rows)
    links = document_links(layout.tables)
    if not items:
        return Documents([], rows)
    if pool is None or siegfried is None:
        raise ValueError("documents to convert, but no pool to convert them in or no Siegfried to identify them")
    children: dict[str, list[DocumentOutcome]] = defaultdict(list)
    first: list[DocumentOutcome] = []
    batch: list[tuple[Extracted, DocumentOutcome | None, str | None]] = [(item, None, None) for item in items]
    answers = list(asked)  # of the round's documents
    for depth in itertools.count():  # a round per depth of attachments
        jobs_ = [_document_job(item, layout, matched.get(item.entry.path) if parent is None else None,
                               timestamp or when.isoformat(), limits, attachments=depth < MAX_ATTACHMENT_DEPTH,
                               ocr=ocr, asked=answer)
                 for (item, parent, timestamp), answer in zip(batch, answers, strict=True)]
        what = "documents to PDF/A" if depth == 0 else "e-mail attachments to PDF/A"
        with progress.counting(what, len(jobs_)) as advance:
            results = pool.convert_all(jobs_, done=advance)
        next_batch: list[tuple[Extracted, DocumentOutcome | None, str | None]] = []
        copies: list[tuple[DocumentOutcome, Path]] = []
        for (item, parent, _), job, result in zip(batch, jobs_, results, strict=True):
            row = matched.get(item.entry.path) if parent is None else None
            outcome = DocumentOutcome(
                item, row, result, parent.links if parent else links.get(row.id, Links()) if row else Links(),
                layout.of(job.target) if result.pdfa else None,
                sha256_file(job.target) if result.pdfa else None,
                attached_to=original_of(parent.item.entry.path) if parent else None,
                text=layout.of(result.text) if result.text else None,
                text_sha256=sha256_file(result.text) if result.text else None,
                previews=[layout.of(path) for path in result.previews])
            if result.pdfa:
                copies.append((outcome, job.target))
            if result.text is None and job.text is not None:
                job.text.unlink(missing_ok=True)  # what a worker wrote before it was stopped
            if job.preview is not None:
                for number in range(len(result.previews) + 1, preview.MAX_PAGES + 1):
                    preview.name(job.preview, number).unlink(missing_ok=True)  # likewise
            (children[parent.item.entry.path] if parent else first).append(outcome)
            _keep_listed(job.attachments, result)
            if result.attachments and job.attachments is not None:
                next_batch.extend((_attachment_item(item, job.attachments, a), outcome, job.timestamp)
                                  for a in result.attachments)
        batch = next_batch
        if not batch:
            pool.close()  # its workers end before Siegfried loads its signatures for the last copies
        # the next round's documents and this round's copies, in one question
        paths = [item.file for item, _, _ in batch] + [copy for _, copy in copies]
        found = siegfried.ask(paths, pool.workers) if paths else []
        for (outcome, _), answer in zip(copies, found[len(batch):], strict=True):
            outcome.pdfa_pronom = answer.match.puid if answer.match else None
        if not batch:
            siegfried.close()
            break
        siegfried.fresh()  # its signatures go before the workers convert
        answers = found[:len(batch)]
    with_file = {o.row.id for o in first if o.row}
    return Documents(_with_attachments(first, children), [r for r in rows if r.id not in with_file])


def _document_job(item: Extracted, layout: Layout, row: DocumentRow | None, timestamp: str, limits: Limits, *,
                  attachments: bool, ocr: bool, asked: Asked) -> DocumentJob:
    """The job of one document; ``timestamp`` is used where its row gives no creation time (an
    attachment has the time of its e-mail). With ``attachments``, an e-mail's are set apart.
    ``asked`` is what Siegfried said of it."""
    created = (_seconds(row.created) if row else None) or timestamp
    folder = None
    if attachments:
        folder, n = item.file.with_name(f"{item.file.name}.attachments"), 2
        while folder.exists():  # the zip itself may hold a folder of that name
            folder, n = item.file.with_name(f"{item.file.name}.attachments~{n}"), n + 1
    return DocumentJob(original=item.file, target=layout.documents / _copy_name(item.entry.path),
                       name=item.entry.zip_name, declared_type=row.content_type if row else None,
                       timestamp=created, limits=limits, attachments=folder, ocr=ocr,
                       text=layout.text / f"{item.entry.path}.txt", preview=layout.previews / item.entry.path,
                       asked=asked)


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


def document_entries(outcomes: list[DocumentOutcome]) -> list[DocumentEntry]:
    """The report's entry of each document (the index shows them before the report is complete)."""
    attachments: dict[str, list[str]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.attached_to:
            attachments[outcome.attached_to].append(original_of(outcome.item.entry.path))
    entries = []
    for outcome in outcomes:
        result, row, original = outcome.result, outcome.row, original_of(outcome.item.entry.path)
        entries.append(DocumentEntry(
            zip_name=outcome.item.entry.zip_name, original=original, document_id=row.id if row else None,
            description=row.description if row else None, format=result.format, mime=result.mime,
            pronom=result.pronom, format_name=result.format_name, format_version=result.format_version,
            identified_by=result.identified_by, declared_type=row.content_type if row else None,
            mismatch=result.mismatch, size=result.size, sha256=result.sha256, pages=result.pages,
            status=result.status, code=result.code, reasons=list(result.reasons), removed=list(result.removed),
            pdfa=outcome.pdfa, pdfa_sha256=outcome.pdfa_sha256, links=outcome.links,
            attached_to=outcome.attached_to, attachments=attachments.get(original, []), **_ocr_fields(result.ocr),
            text=outcome.text, text_sha256=outcome.text_sha256, made_with=result.made_with,
            pdfa_pronom=outcome.pdfa_pronom, previews=list(outcome.previews), **_validation(result),
        ))
    return entries


def _validation(result: DocumentResult) -> dict[str, Any]:
    """The gate's verdict on the copy: passed for every kept copy, failed for a copy it refused
    (``pdfa-invalid``); nothing where no copy reached it."""
    if result.pdfa is not None:
        verdict = "passed"
    elif result.code == "pdfa-invalid":
        verdict = "failed"
    else:
        return {}
    return {"validated_by": VALIDATOR, "validation_profile": f"PDF/A-{FLAVOUR}", "validation": verdict}


def _ocr_fields(ocr: Ocr | None) -> dict[str, Any]:
    """What OCR did, as the entry's fields (the counts and names only where it ran)."""
    if ocr is None:
        return {}
    if ocr.status != OCR_RAN:
        return {"ocr": ocr.status}
    return {"ocr": ocr.status, "ocr_pages": ocr.pages, "ocr_engine": ocr.engine, "ocr_languages": ocr.languages,
            "ocr_words": ocr.words, "ocr_confidence": None if ocr.confidence is None else str(ocr.confidence)}
