"""Plain-text and HTML receipts: decode the bytes right, then lay them out as HTML for rendering.

Encoding, in this order: a byte-order mark; for HTML, the charset the document declares (if the
bytes decode in it); UTF-8 if the bytes are valid UTF-8; otherwise the best of the single-byte
encodings Danish text comes in (Windows-1252, DOS code page 850, Mac Roman) by
``charset-normalizer``. The candidates are limited on purpose: asked to choose among all code
pages, a detector takes a short Danish receipt for Central European (cp1250) and shows "Belřb".
The encoding used is named in the report.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from charset_normalizer import from_bytes
from lxml import html as lxml_html

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents import render
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import DocumentJob, Identity, NotConvertible

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_TEXT_BYTES: Final = 2 * 1024 * 1024  # a receipt is far smaller
_SINGLE_BYTE: Final = ["cp1252", "cp850", "mac_roman"]
_DECLARED: Final = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_LABEL: Final = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "utf-32": "UTF-32",
    "cp1252": "Windows-1252", "cp850": "DOS code page 850", "mac_roman": "Mac Roman",
}  # fmt: skip

# The page every text is printed on: A4, a monospace font that has æøå, long lines wrapped.
TEXT_PAGE: Final = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4; margin: 18mm 16mm; }}
body {{ font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: inherit; }}
</style></head><body><pre>{text}</pre></body></html>"""


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read in, with how that was decided (for the report)."""

    text: str
    encoding: str
    how: Finding
    undecodable: int = 0

    @property
    def notes(self) -> tuple[Finding, ...]:
        read = F.DOC_READ_AS("", encoding=_LABEL.get(self.encoding, self.encoding), how=self.how)
        return (read, F.DOC_UNDECODABLE("", count=self.undecodable)) if self.undecodable else (read,)


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """A plain text printed as it is, or an HTML receipt rendered (offline)."""
    if identity.size > _MAX_TEXT_BYTES:
        raise NotConvertible("text-too-long", F.DOC_TEXT_TOO_LONG("", size=identity.size, limit=_MAX_TEXT_BYTES))
    html_document = identity.format == "html"
    decoded = decode(job.original.read_bytes(), html_document=html_document)
    page = decoded.text if html_document else text_page(decoded.text, job.name)
    made = render.rendered(job, identity, page, {}, has_text=bool(decoded.text.strip()))
    made.notes = (*decoded.notes, *made.notes)
    return made


def text_of(path: Path, fmt: str) -> str:
    """The text of a text file as it is, or what an HTML file shows (``fmt`` "text" or "html")."""
    decoded = decode(path.read_bytes(), html_document=fmt == "html")
    return html_text(decoded.text) if fmt == "html" else decoded.text


def html_text(markup: str) -> str:
    """What an HTML document shows as text: its elements' text, scripts and styles left out."""
    if not markup.strip():
        return ""
    document = lxml_html.document_fromstring(markup)
    for hidden in document.xpath("//script|//style|//head"):
        hidden.drop_tree()
    return str(document.text_content())


def decode(data: bytes, *, html_document: bool = False) -> Decoded:
    """The text of ``data``; never raises (undecodable bytes become U+FFFD, and the note says so)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _lenient(data, codec, F.DOC_HOW_BOM(""))
    if html_document and (declared := _DECLARED.search(data[:4096])):
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
            return Decoded(data.decode(codec), codec, F.DOC_HOW_DECLARED("", name=name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; the bytes decide below
    try:
        return Decoded(data.decode("utf-8"), "utf-8", F.DOC_HOW_UTF8(""))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_SINGLE_BYTE).best()
    codec = codecs.lookup(best.encoding).name if best else "cp1252"
    return _lenient(data, codec, F.DOC_HOW_DETECTED("") if best else F.DOC_HOW_ASSUMED(""))


def _lenient(data: bytes, codec: str, how: Finding) -> Decoded:
    text = data.decode(codec, errors="replace")
    return Decoded(text, codec, how, text.count("\ufffd"))


def text_page(text: str, title: str) -> str:
    """An HTML page that prints ``text`` as it is: every line, every space, long lines wrapped."""
    printable = "".join(ch if ch in "\n\t" or ch >= " " else "\ufffd" for ch in text.replace("\r\n", "\n"))
    return TEXT_PAGE.format(title=html.escape(title), text=html.escape(printable.replace("\r", "\n")))
