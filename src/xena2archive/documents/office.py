"""Office documents (Word, Excel, PowerPoint, OpenDocument text and spreadsheets, RTF) to PDF by LibreOffice.

Before LibreOffice sees a file it is checked here, so that the report can say what is wrong in
words a bookkeeper can act on: a password-protected document (an Office file encrypted with a
password is an OLE2 container holding an ``EncryptedPackage``; an encrypted OpenDocument lists
``encryption-data`` in its manifest) is kept as it is and reported; a zip-based document whose
package cannot be read is reported as damaged. Spreadsheets are made fit for printing first
(``sheets.py``). What LibreOffice writes is checked here to show what the original shows, and
then goes through the gate like any other copy.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

import pikepdf
from lxml import etree
from pikepdf import Name

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive._exec import _box, libreoffice
from xena2archive._exec._probe import ProgramMissing
from xena2archive.documents import sheets
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import ConversionFailed, DocumentJob, Identity, NotConvertible
from xena2archive.documents.pdf import docinfo_text
from xena2archive.documents.pdfa import Provenance
from xena2archive.documents.pdfcheck import open_made, page_marks, strip_active, survey


# The fonts LibreOffice embeds carry a zero creation and modification time in their 'head'
# table; fontTools (reading them for the validator) logs a warning for each. It says nothing
# about the archive's copy, so it is not let through to the terminal.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


@dataclass(frozen=True)
class _Kind:
    suffix: str  # the name LibreOffice sees the document under
    export: str  # libreoffice.WRITER, CALC or IMPRESS
    package: bool  # a zip package (OOXML, ODF), as opposed to an older binary or text format


# Identity.format -> how LibreOffice reads and prints it.
OFFICE_FORMATS: Final = {
    "docx": _Kind(".docx", libreoffice.WRITER, package=True),
    "odt": _Kind(".odt", libreoffice.WRITER, package=True),
    "doc": _Kind(".doc", libreoffice.WRITER, package=False),
    "rtf": _Kind(".rtf", libreoffice.WRITER, package=False),
    "xlsx": _Kind(".xlsx", libreoffice.CALC, package=True),
    "ods": _Kind(".ods", libreoffice.CALC, package=True),
    "xls": _Kind(".xls", libreoffice.CALC, package=False),
    "pptx": _Kind(".pptx", libreoffice.IMPRESS, package=True),
}
# PRONOM's "Microsoft Office Encrypted Document": any Office file protected by a password.
_ENCRYPTED_PUID: Final = "fmt/494"
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE: Final = "EncryptedPackage".encode("utf-16-le")
# Where a zip-based document keeps the text a reader sees (the shared strings hold a
# spreadsheet's text; its numbers are in the sheets).
_TEXT_PARTS: Final = {
    "docx": re.compile(r"word/document\.xml"),
    "xlsx": re.compile(r"xl/(sharedStrings|worksheets/[^/]+)\.xml"),
    "pptx": re.compile(r"ppt/slides/slide\d+\.xml"),
    "odt": re.compile(r"content\.xml"),
    "ods": re.compile(r"content\.xml"),
}
_TEXT_TAGS: Final = frozenset({
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t",
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t",
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v",
    "{http://schemas.openxmlformats.org/drawingml/2006/main}t",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}h",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}span",
})  # fmt: skip


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """LibreOffice's PDF/A-2 print of the office document ``job.original``, checked to show
    something, and text where the original has text. Raises NotConvertible (encrypted, corrupt,
    too-many-pages) or ConversionFailed."""
    with work.office() as session:
        printed, notes = _print(job, identity.format, work.folder, session)
    copy = open_made(printed, "libreoffice-error", "LibreOffice")
    try:
        _check(copy, job, identity.format)
    except BaseException:
        copy.close()
        raise
    provenance = Provenance(
        name=job.name,
        sha256=identity.sha256,
        when=job.when,
        tools=(f"LibreOffice {libreoffice.locate().version}", f"pikepdf {pikepdf.__version__}"),
        title=docinfo_text(copy.docinfo, "/Title"),
        author=docinfo_text(copy.docinfo, "/Author"),
    )
    return Made(copy, provenance, tuple(notes))


def _print(job: DocumentJob, fmt: str, work: Path, office: libreoffice.Office) -> tuple[Path, list[Finding]]:
    """LibreOffice's PDF/A-2 print of the document (format ``fmt``), in ``work``, and what to say
    about it."""
    kind = OFFICE_FORMATS[fmt]
    _refuse_protected(job.original, kind)
    source, suffix, notes = job.original, kind.suffix, []
    try:
        if kind.export == libreoffice.CALC:
            if fmt != "xlsx":  # fitting the columns works on xlsx: let LibreOffice write one first
                source = _run(office, source, suffix, "xlsx", work, job)
                suffix = ".xlsx"
            fitted = work / "fitted.xlsx"
            notes = sheets.fit_for_print(source, fitted)
            source = fitted
        pdf = _run(office, source, suffix, libreoffice.pdf_filter(kind.export), work, job)
    except zipfile.BadZipFile as error:
        raise NotConvertible("corrupt", F.DOC_DAMAGED("", error=str(error))) from error
    return pdf, notes


def _check(copy: pikepdf.Pdf, job: DocumentJob, fmt: str) -> None:
    """LibreOffice's print must show something, and text where the original has text; what
    PDF/A-2b does not allow is taken out of it."""
    pages = len(copy.pages)
    if pages > job.limits.max_pages:
        raise NotConvertible("too-many-pages", F.DOC_TOO_MANY_PAGES("", pages=pages, limit=job.limits.max_pages))
    marks = page_marks(copy)
    if not any(mark.paint for mark in marks):
        raise ConversionFailed("content-lost", F.DOC_BLANK_COPY("", program="LibreOffice"))
    if shows_text(job.original, fmt) and not any(mark.text for mark in marks):
        raise ConversionFailed("content-lost", F.DOC_TEXT_LOST("", program="LibreOffice"))
    # LibreOffice's own checksum entry and its "open at page 1" action are not part of
    # PDF/A-2b as the validator reads it; neither changes what the pages show.
    if Name.DocChecksum in copy.trailer:
        del copy.trailer.DocChecksum
    if Name.OpenAction in copy.Root:
        del copy.Root.OpenAction
    strip_active(copy)
    if left := survey(copy).active:
        raise ConversionFailed("active-content-left", F.DOC_ACTIVE_CONTENT_LEFT("", content=sorted(left)))


def _run(office: libreoffice.Office, source: Path, suffix: str, target: str, work: Path, job: DocumentJob) -> Path:
    limits = job.limits
    step = work / f"step-{target.split(':', 1)[0]}"
    step.mkdir(exist_ok=True)
    try:
        output, _messages = office.convert(
            source, suffix, target, step, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb
        )
    except ProgramMissing as error:
        raise ConversionFailed("libreoffice-missing",
                               F.DOC_PROGRAM_MISSING("", program="LibreOffice", error=str(error))) from error
    except _box.ProgramTimeout as error:
        raise ConversionFailed(
            "timeout", F.DOC_PROGRAM_TIMEOUT("", program="LibreOffice", seconds=f"{limits.timeout_s:g}")
        ) from error
    except libreoffice.OfficeFailed as error:
        if error.unreadable:
            raise NotConvertible("corrupt", F.DOC_OFFICE_UNREADABLE("")) from error
        raise ConversionFailed("libreoffice-error",
                               F.DOC_PROGRAM_FAILED("", program="LibreOffice", error=str(error))) from error
    return output


def refuse_unreadable(path: Path, name: str, pronom: str | None) -> None:
    """For a file not identified as an office document: NotConvertible when it is one that is
    protected with a password, or when its name says it is a zip-based office document and
    the package is damaged (say so, rather than "not a format we convert")."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if pronom == _ENCRYPTED_PUID:
        raise NotConvertible("encrypted", F.DOC_PASSWORD(""))
    kind = OFFICE_FORMATS.get(suffix.removeprefix("."))
    if kind is not None and kind.package:
        _refuse_protected(path, kind)


def _refuse_protected(path: Path, kind: _Kind) -> None:
    """NotConvertible for a password-protected document or an unreadable package."""
    with path.open("rb") as file:
        head = file.read(8)
    if head == _OLE2:
        if kind.package and _contains(path, _ENCRYPTED_PACKAGE):
            raise NotConvertible("encrypted", F.DOC_PASSWORD(""))
        return
    if not kind.package:
        return
    try:
        with zipfile.ZipFile(path) as package:
            damaged = package.testzip()
            manifest = package.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in package.namelist() else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise NotConvertible("corrupt", F.DOC_PACKAGE_UNREADABLE("", error=str(error))) from error
    if damaged is not None:
        raise NotConvertible("corrupt", F.DOC_PART_UNREADABLE("", part=damaged))
    if b"encryption-data" in manifest:
        raise NotConvertible("encrypted", F.DOC_PASSWORD(""))


def shows_text(path: Path, fmt: str) -> bool:
    """True if the zip-based document ``path`` has text a reader would see, so its copy must
    show text too. False for other formats (not looked into) and for packages without text."""
    pattern = _TEXT_PARTS.get(fmt)
    if pattern is None:
        return False
    try:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if pattern.fullmatch(name) and _has_text(package, name):
                    return True
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError):
        return False
    return False


def _has_text(package: zipfile.ZipFile, name: str) -> bool:
    with package.open(name) as stream:
        for _event, element in etree.iterparse(
            stream, events=("end",), resolve_entities=False, load_dtd=False, no_network=True
        ):
            if element.tag in _TEXT_TAGS and (element.text or "").strip():
                return True
            element.clear()
    return False


def _contains(path: Path, needle: bytes) -> bool:
    """Whether ``needle`` occurs in the file, read a megabyte at a time."""
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False
