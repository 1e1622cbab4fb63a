"""One document in, one ``DocumentResult`` out: identify, take its format's way to a PDF, then
the way every format shares to the gate.

``convert`` never raises for anything about the document: every refusal or failure becomes a
result with a status, a code and a reason. The original file is never changed; the copy is
written to ``job.target`` only after it passed validation (``pdfa.gate``).

Every document's path:

    identify ─▶ its format's converter (``formats.py``) ─▶ PDF made ─▶ steps ─▶ PDF/A gate

* identify (``identify.py``): what the bytes are, by PRONOM (Siegfried) or our own check;
* the converter named by the format's entry in the registry (``formats.py``) makes an ordinary
  PDF that shows what the original shows, checked as far as its format allows: a PDF by
  Ghostscript checked page by page against the original (``pdf.py``), images by Pillow and
  img2pdf (``images.py``), an OIOUBL invoice's rendering the PDF way (``oioubl.py``), office
  documents by LibreOffice (``office.py``), text and HTML receipts and e-mails rendered offline
  by WeasyPrint (``text.py``, ``mail.py``, ``render.py``); an e-mail's attachments are written
  to ``job.attachments`` and listed in the result, for the caller to convert as documents of
  their own;
* the steps between "PDF made" and the gate, the same for every format (``_finish``): OCR,
  which gives the pages that are pictures of text a text layer (``ocr.py``);
* the gate (``pdfa.gate``): provenance metadata, PDF/A-2b written and validated; a copy the
  validator refuses for its JPEG 2000 images gets them re-encoded without loss, and is
  validated once more;
* the document's text, from its copy (or, without one, from an original that is text), to
  ``job.text`` (``fulltext.py``);
* pictures of the copy's first pages, for the index, where a browser cannot show the original as
  a picture (``preview.py``).

What the libraries print or log while a document is converted becomes part of its reasons
(``messages.py``), never raw output on the terminal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive._exec.programs import Programs
from xena2archive.documents import formats, fulltext, messages, ocr, office, preview
from xena2archive.documents.identify import identify
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import (
    CONVERTED,
    FAILED,
    DocumentJob,
    DocumentProblem,
    DocumentResult,
    Identity,
    NotConvertible,
    Ocr,
)
from xena2archive.documents.pdfa import gate


@dataclass(frozen=True)
class _Outcome:
    pages: int
    notes: tuple[Finding, ...]
    removed: tuple[str, ...]
    ocr: Ocr
    made_with: str


def convert(job: DocumentJob, programs: Programs | None = None) -> DocumentResult:
    """Convert one document to a validated PDF/A-2b copy at ``job.target``, or say why not.

    ``programs`` are the calling worker's Ghostscript session and LibreOffice profile
    (``pool.py``); without them, Ghostscript runs on its own and an office document gets a
    LibreOffice profile of its own for this call.
    """
    started = time.monotonic()
    try:
        identity = identify(job.original, job.name, job.declared_type, job.asked)
    except OSError as error:
        return DocumentResult(
            name=job.name, format="unknown", mime=None, pronom=None, size=0, sha256="",
            status=FAILED, pdfa=None, pages=None, code="unreadable-file",
            reasons=(F.DOC_FILE_UNREADABLE("", error=str(error)),),
        )  # fmt: skip
    said: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="xena2archive-doc-") as temp:
        with messages.captured(said, replace=((str(job.original), job.name),)):
            result = _converted(job, identity, Work(Path(temp), programs), started)
            entry = formats.BY_NAME.get(identity.format)
            text, unread = fulltext.write(job, result, entry.text_of if entry else None)
            pictures, unpictured = preview.write(job, result)
    notes = [note for note in (unread, unpictured) if note]
    return dataclasses.replace(result, reasons=(*result.reasons, *notes, *said), text=text, previews=pictures)


def _converted(job: DocumentJob, identity: Identity, work: Work, started: float) -> DocumentResult:
    """The document's way to its copy, and its result."""
    try:
        outcome = _finish(_made(job, identity, work), job, work, started)
    except DocumentProblem as problem:
        return _result(job, identity, status=problem.status, code=problem.code, reasons=(problem.reason,),
                       attachments=tuple(work.attachments))
    except MemoryError:
        return _result(job, identity, status=FAILED, code="out-of-memory",
                       reasons=(F.DOC_OUT_OF_MEMORY("", program="xena2archive", limit=job.limits.memory_mb),),
                       attachments=tuple(work.attachments))
    except Exception as error:  # a bug or an unforeseen library error: report it, go on
        return _result(job, identity, status=FAILED, code="internal-error",
                       reasons=(F.DOC_INTERNAL_ERROR("", error=f"{type(error).__name__}: {error}"),),
                       attachments=tuple(work.attachments))
    return _result(
        job, identity, status=CONVERTED, pdfa=job.target, pages=outcome.pages, reasons=outcome.notes,
        removed=outcome.removed, attachments=tuple(work.attachments), ocr=outcome.ocr, made_with=outcome.made_with,
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


def _made(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """The PDF the format's converter makes, or NotConvertible for a file without a format
    that has one (empty, unknown)."""
    entry = formats.BY_NAME.get(identity.format)
    if entry is not None:
        return entry.to_pdf(job, identity, work)
    if identity.format == "empty":
        raise NotConvertible("empty", F.DOC_EMPTY(""))
    office.refuse_unreadable(job.original, job.name, identity.pronom)
    named = f"{identity.format_name} ({identity.pronom})" if identity.format_name else identity.detail or "unknown"
    raise NotConvertible("unknown-format", F.DOC_UNKNOWN_FORMAT("", format=named))


def _finish(made: Made, job: DocumentJob, work: Work, started: float) -> _Outcome:
    """The way every format shares from "PDF made" to the copy: the steps (OCR), then the gate.
    ``started`` is when the document's conversion began (its deadline counts from there)."""
    with contextlib.ExitStack() as stack:
        pdf = stack.enter_context(made.pdf)
        pages = len(pdf.pages)
        layered = ocr.text_layer(pdf, job, made.provenance, work.folder, started)
        if layered.pdf is not None:
            pdf = stack.enter_context(layered.pdf)
        notes = gate(pdf, job.target, layered.provenance)
    return _Outcome(pages, (*made.notes, *layered.notes, *notes), made.removed, layered.ocr,
                    layered.provenance.made_with)
