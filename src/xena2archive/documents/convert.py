"""One document in, one ``DocumentResult`` out: identify, pick the path for its format, gate.

``convert`` never raises for anything about the document: every refusal or failure becomes a
result with a status, a code and a reason. The original file is never changed; the copy is
written to ``job.target`` only after it passed validation (``pdfa.save_pdfa``).

Paths per format:

* PDF: inspected with pikepdf (password, damage, signature, page count, active content, what
  each page shows), then Ghostscript (fonts embedded), then checked against the original
  (same pages, nothing lost), cleaned of any active content left, and validated.
  A copy the validator refuses gets a second way when one is known: JPEG 2000 images the
  validator cannot read are re-encoded without loss (``reencode.py``); the result is checked
  against the original's pages again, and kept only if it validates.
* images: Pillow + img2pdf (``images.py``), then validated; no Ghostscript needed.
* OIOUBL: the XML is the record; a readable rendering (``oioubl.py``) goes the PDF way.
* office documents: printed to PDF/A-2 by LibreOffice (``office.py``, with the worker's
  profile), checked to show text where the original has text, and validated.
* text and HTML receipts: decoded (``text.py``), rendered offline with WeasyPrint (``render.py``).
* e-mails (.eml, .msg): a page of the message rendered the same way (``mail.py``); each
  attachment is written to ``job.attachments`` and listed in the result, for the caller to
  convert as a document of its own.

What the libraries print or log while a document is converted becomes part of its reasons
(``messages.py``), never raw output on the terminal.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Name, pdfa

from xena2archive._exec import ghostscript
from xena2archive._exec.libreoffice import Office
from xena2archive._exec.programs import Programs
from xena2archive.documents import images, mail, messages, office, oioubl, reencode, render, text
from xena2archive.documents.identify import IMAGE_FORMATS, MAIL_FORMATS, TEXT_FORMATS, Identity, identify
from xena2archive.documents.model import (
    CONVERTED,
    FAILED,
    Attachment,
    ConversionFailed,
    DocumentJob,
    DocumentProblem,
    DocumentResult,
    NotConvertible,
)
from xena2archive.documents.pdfa import Provenance, save_pdfa
from xena2archive.documents.pdfcheck import (
    Marks,
    open_original,
    page_marks,
    strip_active,
    survey,
    unprinted_annotations,
)

log = logging.getLogger(__name__)

_MAX_TEXT_BYTES = 2 * 1024 * 1024  # a receipt or an e-mail body is far smaller


@dataclass(frozen=True)
class _Outcome:
    pages: int
    notes: tuple[str, ...]
    removed: tuple[str, ...] = ()


def convert(job: DocumentJob, programs: Programs | None = None) -> DocumentResult:
    """Convert one document to a validated PDF/A-2b copy at ``job.target``, or say why not.

    ``programs`` are the calling worker's Ghostscript session and LibreOffice profile
    (``pool.py``); without them, Ghostscript runs on its own and an office document gets a
    LibreOffice profile of its own for this call.
    """
    try:
        identity = identify(job.original, job.name, job.declared_type)
    except OSError as error:
        return DocumentResult(
            name=job.name, format="unknown", mime=None, pronom=None, size=0, sha256="",
            status=FAILED, pdfa=None, pages=None, code="unreadable-file",
            reasons=(f"the original could not be read from disk: {error}",),
        )  # fmt: skip
    said: list[str] = []
    attachments: list[Attachment] = []
    try:
        with messages.captured(said, replace=((str(job.original), job.name),)):
            outcome = _dispatch(job, identity, attachments, programs)
    except DocumentProblem as problem:
        return _result(
            job, identity, status=problem.status, code=problem.code, reasons=(problem.reason, *said),
            attachments=tuple(attachments),
        )  # fmt: skip
    except MemoryError:
        return _result(
            job, identity, status=FAILED, code="out-of-memory",
            reasons=(f"ran out of memory (limit {job.limits.memory_mb} MB)", *said), attachments=tuple(attachments),
        )  # fmt: skip
    except Exception as error:  # a bug or an unforeseen library error: report it, go on
        return _result(
            job, identity, status=FAILED, code="internal-error",
            reasons=(f"unexpected error: {type(error).__name__}: {error}", *said), attachments=tuple(attachments),
        )  # fmt: skip
    return _result(
        job, identity, status=CONVERTED, pdfa=job.target, pages=outcome.pages,
        reasons=(*outcome.notes, *said), removed=outcome.removed, attachments=tuple(attachments),
    )  # fmt: skip


def _result(job: DocumentJob, identity: Identity, **fields: object) -> DocumentResult:
    return DocumentResult(
        name=job.name,
        format=identity.format,
        mime=identity.mime,
        pronom=identity.pronom,
        size=identity.size,
        sha256=identity.sha256,
        mismatch=identity.mismatch,
        format_name=identity.format_name,
        format_version=identity.format_version,
        identified_by=identity.identified_by,
        **{"pdfa": None, "pages": None, **fields},  # type: ignore[arg-type]
    )


def _dispatch(
    job: DocumentJob, identity: Identity, attachments: list[Attachment], programs: Programs | None
) -> _Outcome:
    """Convert by format. An e-mail's attachments are appended to ``attachments`` as they are
    written, so the caller has them even when the e-mail's own page fails. ``programs`` are the
    worker's (see ``convert``)."""
    fmt = identity.format
    if fmt == "empty":
        raise NotConvertible("empty", "the file is empty (0 bytes)")
    if fmt == "xml":
        raise NotConvertible(
            "not-oioubl", f"XML that is not an OIOUBL invoice or credit note ({identity.detail})"
        )
    if fmt in IMAGE_FORMATS:
        return _convert_image(job, identity)
    if fmt in TEXT_FORMATS:
        return _convert_text(job, identity)
    if fmt in MAIL_FORMATS:
        return _convert_mail(job, identity, attachments)
    if fmt in ("pdf", "oioubl") or fmt in office.OFFICE_FORMATS:
        with tempfile.TemporaryDirectory(prefix="xena2archive-doc-") as temp:
            reuse = programs.ghostscript if programs is not None else None
            if fmt == "pdf":
                return _convert_pdf(job, identity, Path(temp), reuse)
            if fmt in office.OFFICE_FORMATS:
                if programs is not None:
                    return _convert_office(job, identity, Path(temp), programs.office)
                with Office() as own:
                    return _convert_office(job, identity, Path(temp), own)
            return _convert_oioubl(job, identity, Path(temp), reuse)
    if fmt == "unknown":
        office.refuse_unreadable(job.original, job.name, identity.pronom)
    what = identity.detail if fmt == "unknown" else None
    named = f"{identity.format_name} ({identity.pronom})" if identity.format_name else what or fmt
    raise NotConvertible("unknown-format", f"the content is not a format we convert: {named}")


def _convert_pdf(job: DocumentJob, identity: Identity, work: Path, reuse: ghostscript.Reuse | None) -> _Outcome:
    notes: list[str] = []
    source = job.original
    with open_original(job.original, job.name) as original:
        found = survey(original)
        if found.signed:
            raise NotConvertible(
                "signed",
                f"the PDF is signed: {found.signed}. A copy would not carry a valid signature, "
                "so the original is kept as it is",
            )
        pages = len(original.pages)
        if pages == 0:
            raise NotConvertible("no-pages", "the PDF has no pages")
        if pages > job.limits.max_pages:
            raise NotConvertible(
                "too-many-pages", f"the PDF has {pages} pages, more than the limit of {job.limits.max_pages}"
            )
        if warnings := original.get_warnings():
            first = warnings[0].replace(str(job.original), job.name)[:200]
            notes.append(f"the PDF is damaged and was repaired on reading ({first})")
        marks = page_marks(original)
        if unreadable := [n for n, mark in enumerate(marks, start=1) if not mark.readable]:
            notes.append(
                f"the content of page(s) {_ranges(unreadable)} of the original cannot be read; "
                "the copy shows what Ghostscript could make of it"
            )
        if original.is_encrypted:
            notes.append(
                "the original has an owner password (restrictions on printing or copying); "
                "PDF/A does not allow encryption, so the copy has none"
            )
        unprinted = unprinted_annotations(original)
        if original.is_encrypted or found.active or unprinted:
            # Ghostscript then gets a copy made here: decrypted, without active content, and
            # with the Print flag on visible annotations (it would drop links otherwise).
            strip_active(original)
            if unprinted:
                repaired = pdfa.repair_annotation_flags(original)
                if repaired.removed:
                    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(repaired.removed.items()))
                    notes.append(f"hidden annotations are not in the copy: {kinds}")
            source = work / "cleaned.pdf"
            original.save(source)
        info = original.docinfo
        title, author = _docinfo_text(info, "/Title"), _docinfo_text(info, "/Author")
    gs_notes, gs = _run_ghostscript(source, work, job, reuse)
    provenance = Provenance(
        name=job.name,
        sha256=identity.sha256,
        when=job.when,
        tools=f"{gs} and pikepdf {pikepdf.__version__}",
        title=title,
        author=author,
    )
    notes.extend(gs_notes)
    notes.extend(_finish(work / "gs.pdf", marks, job.target, provenance))
    return _Outcome(pages=pages, notes=tuple(notes), removed=tuple(sorted(found.active)))


def _convert_image(job: DocumentJob, identity: Identity) -> _Outcome:
    made = images.image_to_pdf(job.original, identity.format, job.limits)
    provenance = Provenance(name=job.name, sha256=identity.sha256, when=job.when, tools=images.TOOLS)
    with made.pdf as pdf:
        if len(pdf.pages) != made.pages:
            raise ConversionFailed(
                "content-lost", f"the PDF has {len(pdf.pages)} pages, the image {made.pages}"
            )
        notes = save_pdfa(pdf, job.target, provenance)
    return _Outcome(pages=made.pages, notes=(*made.notes, *notes))


def _convert_text(job: DocumentJob, identity: Identity) -> _Outcome:
    if identity.size > _MAX_TEXT_BYTES:
        raise NotConvertible(
            "text-too-long",
            f"{identity.size} bytes of text or HTML, more than the {_MAX_TEXT_BYTES} bytes laid out as pages",
        )
    decoded = text.decode(job.original.read_bytes(), html_document=identity.format == "html")
    page = decoded.text if identity.format == "html" else text.text_page(decoded.text, job.name)
    outcome = _save_rendering(job, identity, page, {}, has_text=bool(decoded.text.strip()))
    return _Outcome(pages=outcome.pages, notes=(decoded.note, *outcome.notes))


def _convert_mail(job: DocumentJob, identity: Identity, attachments: list[Attachment]) -> _Outcome:
    try:
        message = mail.read(job.original, identity.format)
    except mail.MailUnreadable as error:
        raise NotConvertible("mail-unreadable", f"the e-mail cannot be read: {error}") from error
    notes = list(message.notes)
    if message.parts and job.attachments is not None:
        attachments.extend(mail.write_attachments(message, job.attachments))
        notes.append(f"{len(attachments)} attachment(s) set apart, each converted as a document of its own")
    elif message.parts:
        notes.append(f"{len(message.parts)} attachment(s) are only in the original (no folder to set them apart)")
    page = mail.page(message, attachments, job.name)
    outcome = _save_rendering(job, identity, page, message.inline, has_text=True)  # the headers are text
    return _Outcome(pages=outcome.pages, notes=(*notes, *outcome.notes))


def _save_rendering(
    job: DocumentJob, identity: Identity, page: str, inline: dict[str, tuple[bytes, str]], *, has_text: bool
) -> _Outcome:
    """Render ``page`` offline, check it shows text where the original has some, and pass it
    through the gate."""
    try:
        rendering = render.html_to_pdf(page, parts=inline)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # WeasyPrint's many ways to fail on odd HTML
        raise ConversionFailed(
            "render-error", f"WeasyPrint could not lay out the page: {type(error).__name__}: {error}"
        ) from error
    provenance = Provenance(
        name=job.name, sha256=identity.sha256, when=job.when, tools=f"{render.TOOL} and pikepdf {pikepdf.__version__}",
        title=f"læsbar gengivelse af {job.name}",
    )  # fmt: skip
    with rendering.pdf as pdf:
        pages = len(pdf.pages)
        if pages > job.limits.max_pages:
            raise NotConvertible(
                "too-many-pages", f"the rendering needs {pages} pages, more than the limit of {job.limits.max_pages}"
            )
        if has_text and not any(mark.text for mark in page_marks(pdf)):
            raise ConversionFailed("content-lost", "the rendering shows no text, but the original has some")
        notes = save_pdfa(pdf, job.target, provenance)
    return _Outcome(pages=pages, notes=(*rendering.notes, *notes))


def _convert_oioubl(job: DocumentJob, identity: Identity, work: Path, reuse: ghostscript.Reuse | None) -> _Outcome:
    invoice = oioubl.read_invoice(job.original)
    rendering = work / "rendering.pdf"
    with oioubl.render(invoice, job.name, identity.sha256) as pdf:
        if len(pdf.pages) > job.limits.max_pages:
            raise NotConvertible(
                "too-many-pages",
                f"the rendering needs {len(pdf.pages)} pages, more than the limit of {job.limits.max_pages}",
            )
        marks = page_marks(pdf)
        pdf.save(rendering)
    notes, gs = _run_ghostscript(rendering, work, job, reuse)
    provenance = Provenance(
        name=job.name,
        sha256=identity.sha256,
        when=job.when,
        tools=f"lxml, {gs} and pikepdf {pikepdf.__version__}",
        title=f"{invoice.title} {invoice.number} - læsbar gengivelse af {job.name}",
    )
    notes.extend(_finish(work / "gs.pdf", marks, job.target, provenance))
    notes.insert(0, "readable rendering of the OIOUBL XML; the XML itself is the original")
    return _Outcome(pages=len(marks), notes=tuple(notes))


def _convert_office(job: DocumentJob, identity: Identity, work: Path, session: Office) -> _Outcome:
    printed = office.to_pdf(job, identity.format, work, session)
    try:
        copy = pikepdf.open(printed.pdf)
    except pikepdf.PdfError as error:
        raise ConversionFailed("libreoffice-error", f"LibreOffice's output cannot be read: {error}") from error
    with copy:
        pages = len(copy.pages)
        if pages > job.limits.max_pages:
            raise NotConvertible(
                "too-many-pages", f"the copy has {pages} pages, more than the limit of {job.limits.max_pages}"
            )
        marks = page_marks(copy)
        if not any(mark.paint for mark in marks):
            raise ConversionFailed("content-lost", "LibreOffice's copy shows nothing on any page")
        if office.shows_text(job.original, identity.format) and not any(mark.text for mark in marks):
            raise ConversionFailed("content-lost", "the original has text, LibreOffice's copy has none")
        # LibreOffice's own checksum entry and its "open at page 1" action are not part of
        # PDF/A-2b as the validator reads it; neither changes what the pages show.
        if Name.DocChecksum in copy.trailer:
            del copy.trailer.DocChecksum
        if Name.OpenAction in copy.Root:
            del copy.Root.OpenAction
        strip_active(copy)
        if left := survey(copy).active:
            raise ConversionFailed("active-content-left", f"the copy still has {', '.join(sorted(left))}")
        provenance = Provenance(
            name=job.name,
            sha256=identity.sha256,
            when=job.when,
            tools=f"{printed.tools} and pikepdf {pikepdf.__version__}",
            title=_docinfo_text(copy.docinfo, "/Title"),
            author=_docinfo_text(copy.docinfo, "/Author"),
        )
        notes = save_pdfa(copy, job.target, provenance)
    return _Outcome(pages=pages, notes=(*printed.notes, *notes))


def _run_ghostscript(
    source: Path, work: Path, job: DocumentJob, reuse: ghostscript.Reuse | None
) -> tuple[list[str], str]:
    """Ghostscript's PDF/A-2 copy of ``source``, written to ``work / "gs.pdf"`` (by the worker's
    session ``reuse`` when there is one). Returns its notable messages as notes, and which
    Ghostscript it was (for the metadata). Messages name the document as ``job.name``, not by
    the temporary paths gs saw."""

    def named(text: str) -> str:
        return text.replace(str(source.absolute()), job.name).replace(str(work.absolute()), "")

    limits = job.limits
    try:
        gs = ghostscript.locate()
        messages = ghostscript.run_pdfa(
            source, work / "gs.pdf", work, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb, reuse=reuse
        )
    except ghostscript.GhostscriptMissing as error:
        raise ConversionFailed("ghostscript-missing", str(error)) from error
    except ghostscript.GhostscriptTimeout as error:
        raise ConversionFailed("timeout", str(error)) from error
    except ghostscript.GhostscriptFailed as error:
        if error.out_of_memory:
            raise ConversionFailed(
                "out-of-memory", named(f"{error} (the memory limit is {limits.memory_mb} MB)")
            ) from error
        raise ConversionFailed("ghostscript-error", named(str(error))) from error
    return [f"Ghostscript: {named(line)}" for line in ghostscript.notable(messages)], gs.description


def _finish(made: Path, expected: list[Marks], target: Path, provenance: Provenance) -> list[str]:
    """Check Ghostscript's output against the original, clean it, and pass it through the gate.
    A copy the validator refuses because of its JPEG 2000 images gets them re-encoded, and is
    checked and passed through the gate once more."""
    try:
        return _check_and_save(made, expected, target, provenance, second_way=False)
    except ConversionFailed as first:
        if first.code != "pdfa-invalid" or "JPEG 2000" not in first.reason:
            raise
    notes = _check_and_save(made, expected, target, provenance, second_way=True)
    return ["JPEG 2000 images were re-encoded without loss (Flate) so that the copy can be validated", *notes]


def _check_and_save(
    made: Path, expected: list[Marks], target: Path, provenance: Provenance, *, second_way: bool
) -> list[str]:
    try:
        copy = pikepdf.open(made)
    except pikepdf.PdfError as error:
        raise ConversionFailed(
            "ghostscript-error", f"Ghostscript's output cannot be read: {error}"
        ) from error
    with copy:
        if second_way:
            reencode.reencode_jpx(copy)
        if len(copy.pages) != len(expected):
            raise ConversionFailed(
                "content-lost",
                f"the copy has {len(copy.pages)} pages where the original has {len(expected)}: "
                "Ghostscript could not read all of it",
            )
        lost = [
            number
            for number, (want, got) in enumerate(zip(expected, page_marks(copy), strict=True), start=1)
            if (want.text and not got.text) or (want.paint and not got.paint)
        ]
        if lost:
            raise ConversionFailed(
                "content-lost",
                f"page(s) {_ranges(lost)} of the copy lost text or drawing the original has: "
                "Ghostscript could not read them",
            )
        strip_active(copy)
        left = survey(copy).active
        if left:
            raise ConversionFailed("active-content-left", f"the copy still has {', '.join(sorted(left))}")
        return save_pdfa(copy, target, provenance)


def _docinfo_text(info: pikepdf.Dictionary, key: str) -> str | None:
    value = info.get(key)
    return str(value) if isinstance(value, pikepdf.String) and str(value).strip() else None


def _ranges(numbers: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")
