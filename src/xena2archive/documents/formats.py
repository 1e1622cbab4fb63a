"""The registry of document formats: one entry per format, saying what identifies it and how it
converts. Identification (``identify.py``) and conversion (``convert.py``) both read it here, so a
new format is one entry (and its converter), not a change in several places.

An entry names:

* ``name``, the short name ``Identity.format`` takes, and ``mime``, the MIME type the report
  gives when Siegfried gives none;
* ``pronom_mimes`` and ``puids``: what Siegfried's answer says when it is this format. PRONOM
  gives most formats a MIME type, and several types may name one format; a PRONOM id without a
  MIME type in PRONOM is listed by id;
* ``sniff``: how our own content check knows it where Siegfried is silent (``sniff.py``), if it
  does; the entries' order is the order the checks are tried in;
* ``extensions`` and ``declared``: the file-name extensions and content types that say a file
  is this format (``declared`` beside ``pronom_mimes``), to report a name or declared type that
  disagrees with the content;
* ``to_pdf``: the converter that makes an ordinary PDF of it (``made.Converter``); everything
  after that is common to all formats (``convert.py``);
* ``text_of``: how to read the text of the original itself where it is text (a text or HTML
  file, an e-mail, XML), for a document that gets no copy (``fulltext.py``); the text of every
  other document is read from its copy.

"empty" and "unknown" are the two values of ``Identity.format`` without an entry: neither has a
way to a PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xena2archive import findings as F
from xena2archive.documents import images, mail, office, oioubl, pdf, sniff, text
from xena2archive.documents.made import Converter, Made, Work
from xena2archive.documents.model import DocumentJob, Identity, NotConvertible
from xena2archive.documents.sniff import Sniff


@dataclass(frozen=True)
class Format:
    """One format the documents stage identifies; see the module's docstring for each field."""

    name: str
    mime: str
    to_pdf: Converter
    pronom_mimes: tuple[str, ...] = ()
    puids: tuple[str, ...] = ()
    sniff: Sniff | None = None
    extensions: tuple[str, ...] = ()
    declared: tuple[str, ...] = ()
    text_of: Callable[[Path, str], str] | None = None


def _not_oioubl(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """XML that is not an invoice: the XML is the record, and there is nothing to lay out."""
    raise NotConvertible("not-oioubl", F.DOC_NOT_OIOUBL("", detail=identity.detail))


def _office(name: str, mime: str, *also: str) -> Format:
    return Format(name, mime, office.to_pdf, pronom_mimes=(mime, *also), extensions=(f".{name}",))


# A text type is often declared for any text, so "text/plain" is no disagreement for XML or HTML.
FORMATS: Final = (
    Format("pdf", "application/pdf", pdf.to_pdf, ("application/pdf", "application/x-pdf"), sniff=sniff.pdf,
           extensions=(".pdf",)),
    Format("jpeg", "image/jpeg", images.to_pdf, ("image/jpeg",), sniff=sniff.jpeg,
           extensions=(".jpg", ".jpeg", ".jpe", ".jfif", ".pjpeg"), declared=("image/jpg", "image/pjpeg")),
    Format("png", "image/png", images.to_pdf, ("image/png",), sniff=sniff.png, extensions=(".png",),
           declared=("image/x-png",)),
    Format("gif", "image/gif", images.to_pdf, ("image/gif",), sniff=sniff.gif, extensions=(".gif",)),
    Format("bmp", "image/bmp", images.to_pdf, ("image/bmp", "image/x-ms-bmp"), sniff=sniff.bmp,
           extensions=(".bmp", ".dib"), declared=("image/x-bmp",)),
    Format("tiff", "image/tiff", images.to_pdf, ("image/tiff",), sniff=sniff.tiff, extensions=(".tif", ".tiff"),
           declared=("image/tif",)),
    Format("heic", "image/heif", images.to_pdf, ("image/heif", "image/heic", "image/heic-sequence",
                                                  "image/heif-sequence"), sniff=sniff.heic,
           extensions=(".heic", ".heif")),
    Format("webp", "image/webp", images.to_pdf, ("image/webp",), sniff=sniff.webp, extensions=(".webp",)),
    Format("eml", "message/rfc822", mail.to_pdf, ("message/rfc822",), sniff=sniff.mail, extensions=(".eml",),
           text_of=mail.text_of),
    Format("msg", "application/vnd.ms-outlook", mail.to_pdf, ("application/vnd.ms-outlook", "application/x-msg"),
           puids=("x-fmt/430", "fmt/1144"), extensions=(".msg",), text_of=mail.text_of),
    Format("oioubl", "application/xml", oioubl.to_pdf, sniff=sniff.oioubl, extensions=(".xml",),
           declared=("application/xml", "text/xml", "text/plain"), text_of=oioubl.text_of),
    Format("xml", "application/xml", _not_oioubl, ("text/xml", "application/xml"), puids=("fmt/101",),
           sniff=sniff.xml, extensions=(".xml",), declared=("text/plain",), text_of=oioubl.text_of),
    Format("html", "text/html", text.to_pdf, ("text/html", "application/xhtml+xml"), extensions=(".htm", ".html"),
           declared=("text/plain",), text_of=text.text_of),
    Format("text", "text/plain", text.to_pdf, ("text/plain",), puids=("x-fmt/111",), extensions=(".txt",),
           text_of=text.text_of),
    _office("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    _office("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    _office("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    _office("odt", "application/vnd.oasis.opendocument.text"),
    _office("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    _office("doc", "application/msword", "application/vnd.ms-word"),
    _office("xls", "application/vnd.ms-excel"),
    _office("rtf", "application/rtf", "text/rtf"),
)  # fmt: skip

BY_NAME: Final = {entry.name: entry for entry in FORMATS}
SNIFFS: Final = tuple(entry.sniff for entry in FORMATS if entry.sniff is not None)
"""The checks of our own content check, in the order they are tried."""

_BY_PUID: Final = {puid: entry.name for entry in FORMATS for puid in entry.puids}
_BY_PRONOM_MIME: Final = {mime: entry.name for entry in FORMATS for mime in entry.pronom_mimes}
_BY_EXTENSION: Final = {
    extension: frozenset(entry.name for entry in FORMATS if extension in entry.extensions)
    for entry in FORMATS for extension in entry.extensions
}  # fmt: skip
_DECLARING: Final = {
    declared: frozenset(entry.name for entry in FORMATS if declared in (*entry.pronom_mimes, *entry.declared))
    for entry in FORMATS for declared in (*entry.pronom_mimes, *entry.declared)
}  # fmt: skip


def mime(name: str) -> str | None:
    """The MIME type of the format ``name`` (None for "empty" and "unknown")."""
    entry = BY_NAME.get(name)
    return entry.mime if entry else None


def from_pronom(puid: str, pronom_mime: str | None) -> str:
    """The format Siegfried's PRONOM id and MIME type name; "unknown" for one without an entry
    (its PRONOM id and name still go into the report)."""
    return _BY_PUID.get(puid) or _BY_PRONOM_MIME.get((pronom_mime or "").lower(), "unknown")


def named_by_extension(extension: str) -> frozenset[str] | None:
    """The formats a file-name extension (".pdf", lower case) says, or None if it says nothing."""
    return _BY_EXTENSION.get(extension)


def named_by_type(content_type: str) -> frozenset[str] | None:
    """The formats a declared content type (lower case, no parameters) says, or None."""
    return _DECLARING.get(content_type)
