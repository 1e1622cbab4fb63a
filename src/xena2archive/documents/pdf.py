"""The way of a PDF: inspected with pikepdf, copied by Ghostscript, checked against the original.

The original is inspected first (password, damage, signature, page count, active content, what
each page shows); one with an owner password, active content or hidden annotations is given to
Ghostscript as a cleaned copy made here. Ghostscript then writes a PDF/A-2 copy with every font
embedded, and that copy is checked against the original: the same pages, each still showing text
where the original did and drawing where it drew (Ghostscript writes a blank page for what it
cannot read, and exits 0). Active content left is removed, and the copy goes on to the gate.

An OIOUBL invoice's rendering takes the second half of this way too (``ghostscript_copy``).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import pdfa

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive._exec import ghostscript
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import ConversionFailed, DocumentJob, Identity, NotConvertible
from xena2archive.documents.pdfa import Provenance
from xena2archive.documents.pdfcheck import (
    Marks,
    open_made,
    open_original,
    page_marks,
    strip_active,
    survey,
    unprinted_annotations,
)


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """Ghostscript's copy of the PDF ``job.original``, checked against it."""
    notes: list[Finding] = []
    source = job.original
    with open_original(job.original, job.name) as original:
        found = survey(original)
        if found.signed:
            raise NotConvertible("signed", F.DOC_SIGNED("", signature=found.signed))
        pages = len(original.pages)
        if pages == 0:
            raise NotConvertible("no-pages", F.DOC_NO_PAGES(""))
        if pages > job.limits.max_pages:
            raise NotConvertible("too-many-pages", F.DOC_TOO_MANY_PAGES("", pages=pages, limit=job.limits.max_pages))
        if warnings := original.get_warnings():
            first = warnings[0].replace(str(job.original), job.name)[:200]
            notes.append(F.DOC_REPAIRED("", error=first))
        marks = page_marks(original)
        if unreadable := [n for n, mark in enumerate(marks, start=1) if not mark.readable]:
            notes.append(F.DOC_PAGES_UNREADABLE("", count=len(unreadable), pages=_ranges(unreadable)))
        if original.is_encrypted:
            notes.append(F.DOC_OWNER_PASSWORD(""))
        unprinted = unprinted_annotations(original)
        if original.is_encrypted or found.active or unprinted:
            # Ghostscript then gets a copy made here: decrypted, without active content, and
            # with the Print flag on visible annotations (it would drop links otherwise).
            strip_active(original)
            if unprinted:
                repaired = pdfa.repair_annotation_flags(original)
                if repaired.removed:
                    kinds = [f"{count} {kind}" for kind, count in sorted(repaired.removed.items())]
                    notes.append(F.DOC_HIDDEN_ANNOTATIONS("", kinds=kinds))
            source = work.folder / "cleaned.pdf"
            original.save(source)
        info = original.docinfo
        title, author = docinfo_text(info, "/Title"), docinfo_text(info, "/Author")
    copy, gs_notes, gs = ghostscript_copy(source, marks, job, work)
    provenance = Provenance(
        name=job.name,
        sha256=identity.sha256,
        when=job.when,
        tools=(gs, f"pikepdf {pikepdf.__version__}"),
        title=title,
        author=author,
    )
    return Made(copy, provenance, (*notes, *gs_notes), removed=tuple(sorted(found.active)))


def ghostscript_copy(source: Path, expected: list[Marks], job: DocumentJob, work: Work) -> tuple[
        pikepdf.Pdf, list[Finding], str]:  # fmt: skip
    """Ghostscript's PDF/A-2 copy of ``source`` (by the worker's session when there is one),
    checked to show on each page what ``expected`` says the original shows, and cleaned of any
    active content. Returns the open copy, Ghostscript's notable messages as notes, and which
    Ghostscript made it (for the metadata)."""
    notes, gs = _run_ghostscript(source, job, work)
    made = work.folder / "gs.pdf"
    copy = open_made(made, "ghostscript-error", "Ghostscript")
    try:
        if len(copy.pages) != len(expected):
            raise ConversionFailed("content-lost", F.DOC_PAGES_LOST(
                "", copy=len(copy.pages), original=len(expected), program="Ghostscript"))
        lost = [
            number
            for number, (want, got) in enumerate(zip(expected, page_marks(copy), strict=True), start=1)
            if (want.text and not got.text) or (want.paint and not got.paint)
        ]
        if lost:
            raise ConversionFailed("content-lost", F.DOC_PAGES_CHANGED(
                "", count=len(lost), pages=_ranges(lost), program="Ghostscript"))
        strip_active(copy)
        if left := survey(copy).active:
            raise ConversionFailed("active-content-left", F.DOC_ACTIVE_CONTENT_LEFT("", content=sorted(left)))
    except BaseException:
        copy.close()
        raise
    return copy, notes, gs


def _run_ghostscript(source: Path, job: DocumentJob, work: Work) -> tuple[list[Finding], str]:
    """Ghostscript's PDF/A-2 copy of ``source``, written to ``work.folder / "gs.pdf"``. Returns
    its notable messages as notes, and which Ghostscript it was. Messages name the document as
    ``job.name``, not by the temporary paths gs saw."""
    folder = work.folder

    def named(text: str) -> str:
        return text.replace(str(source.absolute()), job.name).replace(str(folder.absolute()), "")

    limits = job.limits
    try:
        gs = ghostscript.locate()
        messages = ghostscript.run_pdfa(
            source, folder / "gs.pdf", folder, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb,
            reuse=work.ghostscript,
        )  # fmt: skip
    except ghostscript.GhostscriptMissing as error:
        raise ConversionFailed("ghostscript-missing",
                               F.DOC_PROGRAM_MISSING("", program="Ghostscript", error=str(error))) from error
    except ghostscript.GhostscriptTimeout as error:
        timeout = F.DOC_PROGRAM_TIMEOUT("", program="Ghostscript", seconds=f"{limits.timeout_s:g}")
        raise ConversionFailed("timeout", timeout) from error
    except ghostscript.GhostscriptFailed as error:
        if error.out_of_memory:
            raise ConversionFailed("out-of-memory",
                                   F.DOC_OUT_OF_MEMORY("", program="Ghostscript", limit=limits.memory_mb)) from error
        raise ConversionFailed("ghostscript-error",
                               F.DOC_PROGRAM_FAILED("", program="Ghostscript", error=named(str(error)))) from error
    said = [F.DOC_PROGRAM_SAID("", program="Ghostscript", message=named(line))
            for line in ghostscript.notable(messages)]
    return said, gs.description


def docinfo_text(info: pikepdf.Dictionary, key: str) -> str | None:
    """A text entry of a PDF's document information (title, author), if it has one."""
    value = info.get(key)
    return str(value) if isinstance(value, pikepdf.String) and str(value).strip() else None


def _ranges(numbers: list[int], limit: int = 10) -> str:
    """Page numbers for a sentence that gives their count: the first ``limit``, then an ellipsis."""
    return ", ".join(str(n) for n in numbers[:limit]) + (", …" if len(numbers) > limit else "")
