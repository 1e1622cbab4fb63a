"""The gate every copy passes (``gate``): provenance metadata, then write and validate as PDF/A-2b.

``pikepdf.pdfa.save`` validates the bytes it wrote and refuses to leave a file that does not
pass, so nothing reaches the target that the validator did not approve. The claim in the metadata
(``Pdf.pdfa_status``) is never used as proof.

The metadata says what the copy was made from (original name, its sha256) and by what, and
carries no clock time and no random id: every date is the caller's timestamp, the XMP packet is
written here from scratch (dropping Ghostscript's random ``xmpMM:DocumentID``), and the file id
is derived from the content (``deterministic_id``). Same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pikepdf
from lxml import etree
from pikepdf import Dictionary, Name, pdfa
from pikepdf.models.metadata import encode_pdf_date

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive import __version__
from xena2archive.documents import reencode
from xena2archive.documents.model import FLAVOUR, ConversionFailed

CONVERTER: Final = f"xena2archive {__version__}"

_NS: Final = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML: Final = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PACKET_BEGIN: Final = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'.encode()
_PACKET_END: Final = b'\n<?xpacket end="w"?>'
_MAX_FINDINGS: Final = 5


@dataclass(frozen=True)
class Provenance:
    """Where a copy came from, for its metadata.

    ``tools`` names what made the PDF, each with its version ("Ghostscript 10.0"), and
    ``text_layer`` what added a text layer to it (OCR), if anything did. ``title`` and ``author``
    are the original's own, kept when it had them. ``rendering`` is set when the copy is a
    rendering made here (a text, an e-mail, an e-invoice) rather than a copy of pages: the heading
    of what it shows, in Danish and English ("Faktura 7" / "Invoice 7"), empty when there is none.

    The texts the copy's metadata carries are written in Danish (the archive's first language, the
    ``x-default`` of XMP's language alternatives and the DocInfo dictionary's value) and in English.
    """

    name: str
    sha256: str
    when: dt.datetime
    tools: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    rendering: tuple[str, str] | None = None
    text_layer: tuple[str, ...] = ()

    @property
    def made_with(self) -> str:
        """The programs that made the copy, in English (the records' and PREMIS' wording)."""
        layer = f", with a text layer by {_listed(self.text_layer, 'and')}" if self.text_layer else ""
        return _listed(self.tools, "and") + layer

    @property
    def descriptions(self) -> Texts:
        """What the copy is, and from what: Danish and English."""
        layer_da = f", med et tekstlag fra {_listed(self.text_layer, 'og')}" if self.text_layer else ""
        return Texts(
            da=(f"PDF/A-{FLAVOUR}-kopi af '{self.name}' (sha256 {self.sha256}), "
                f"lavet af {CONVERTER} med {_listed(self.tools, 'og')}{layer_da}. "
                "Originalfilen er bevaret ved siden af."),
            en=(f"PDF/A-{FLAVOUR} copy of '{self.name}' (sha256 {self.sha256}), "
                f"made by {CONVERTER} with {self.made_with}. The original file is kept beside it."),
        )  # fmt: skip

    @property
    def titles(self) -> Texts:
        """The copy's title. The original's own title is its own words, in a language we do not
        know: kept as it is, with no language named (``en`` is then None). Otherwise a title made
        here says what the copy is, in Danish and English."""
        if self.rendering is not None:
            heading_da, heading_en = self.rendering
            return Texts(
                da=f"{heading_da} - læsbar gengivelse af {self.name}" if heading_da
                else f"Læsbar gengivelse af {self.name}",
                en=f"{heading_en} - readable rendering of {self.name}" if heading_en
                else f"Readable rendering of {self.name}",
            )  # fmt: skip
        if own := _clean(self.title):
            return Texts(da=own, en=None)
        return Texts(da=f"PDF/A-kopi af {self.name}", en=f"PDF/A copy of {self.name}")


@dataclass(frozen=True)
class Texts:
    """One text of the metadata in Danish and English; ``en`` None when the text is not ours to
    translate (it is then written as ``x-default`` alone)."""

    da: str
    en: str | None


def _listed(names: tuple[str, ...], conjunction: str) -> str:
    """"a", "a and b", "a, b and c"."""
    return "".join(names) if len(names) < 2 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def gate(pdf: pikepdf.Pdf, target: Path, provenance: Provenance) -> list[Finding]:
    """``save_pdfa``, with a second way for a copy the validator refuses because of its JPEG 2000
    images (it cannot read them): they are re-encoded without loss (``reencode.py``) and the copy
    goes through once more. Returns the notes of ``save_pdfa``, and of the second way if taken."""
    try:
        return save_pdfa(pdf, target, provenance)
    except ConversionFailed as first:
        if first.code != "pdfa-invalid" or "JPEG 2000" not in first.reason.message:
            raise
    reencode.reencode_jpx(pdf)
    notes = save_pdfa(pdf, target, provenance)
    return [F.DOC_JPEG2000_REENCODED(""), *notes]


def save_pdfa(pdf: pikepdf.Pdf, target: Path, provenance: Provenance) -> list[Finding]:
    """Repair what PDF/A needs, write the provenance metadata, then write and validate.

    Returns sentences about what the repair changed that a reader should know (annotations
    removed, ...). Raises ConversionFailed (code ``pdfa-invalid``) with the validator's first
    findings if the written file is not PDF/A-2b; then nothing is left at ``target``.
    """
    prepared = pdfa.prepare(pdf, FLAVOUR, output_intent="sRGB")
    # XMP notes are left out: the packet is replaced below in any case.
    notes = [
        F.DOC_PDFA_REPAIR("", message=sentence)
        for level, sentence in prepared.messages()
        if level in ("warning", "info") and "XMP" not in sentence
    ]
    # prepare() records the clock in xmp:MetadataDate and itself as producer: replace it all.
    _write_metadata(pdf, provenance)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pdfa.save(pdf, target, FLAVOUR, repair=False, deterministic_id=True)
    except pdfa.PdfaError as error:
        findings = [f"{f.rule}: {f.message}" for f in error.report.findings[:_MAX_FINDINGS]]
        more = len(error.report.findings) - len(findings)
        raise ConversionFailed("pdfa-invalid", F.DOC_PDFA_INVALID(
            "", problems=findings, more=F.DOC_AND_MORE("", count=more) if more > 0 else "")) from error
    return notes


def _write_metadata(pdf: pikepdf.Pdf, provenance: Provenance) -> None:
    """Replace XMP and DocInfo with the same, deterministic, provenance-bearing values.

    Long on purpose: XMP and DocInfo must say the same things, so both are written side by side."""
    xmp_date = provenance.when.isoformat()
    pdf_date = encode_pdf_date(provenance.when)
    titles, descriptions = provenance.titles, provenance.descriptions
    author = _clean(provenance.author)
    keywords = f"sha256:{provenance.sha256}"
    producer = f"pikepdf {pikepdf.__version__}"

    root = etree.Element(f"{{{_NS['x']}}}xmpmeta", nsmap={"x": _NS["x"]})
    rdf = etree.SubElement(root, f"{{{_NS['rdf']}}}RDF", nsmap={"rdf": _NS["rdf"]})
    description = etree.SubElement(
        rdf,
        f"{{{_NS['rdf']}}}Description",
        nsmap={k: _NS[k] for k in ("dc", "xmp", "pdf", "pdfaid")},
    )
    description.set(f"{{{_NS['rdf']}}}about", "")

    def simple(prefix: str, name: str, text: str) -> None:
        etree.SubElement(description, f"{{{_NS[prefix]}}}{name}").text = text

    def sequence(name: str, text: str) -> None:
        holder = etree.SubElement(etree.SubElement(description, f"{{{_NS['dc']}}}{name}"), f"{{{_NS['rdf']}}}Seq")
        etree.SubElement(holder, f"{{{_NS['rdf']}}}li").text = text

    def alternatives(name: str, texts: Texts) -> None:
        """A Lang Alt: x-default first (the Danish text, or the original's own words), then the
        same text under its language, then English."""
        holder = etree.SubElement(etree.SubElement(description, f"{{{_NS['dc']}}}{name}"), f"{{{_NS['rdf']}}}Alt")
        languages = [("x-default", texts.da)]
        if texts.en is not None:
            languages += [("da", texts.da), ("en", texts.en)]
        for language, text in languages:
            item = etree.SubElement(holder, f"{{{_NS['rdf']}}}li")
            item.set(_XML_LANG, language)
            item.text = _clean(text)

    simple("dc", "format", "application/pdf")
    alternatives("title", titles)
    if author:
        sequence("creator", author)
    alternatives("description", descriptions)
    simple("dc", "source", _clean(provenance.name))
    simple("xmp", "CreateDate", xmp_date)
    simple("xmp", "ModifyDate", xmp_date)
    simple("xmp", "MetadataDate", xmp_date)
    simple("xmp", "CreatorTool", CONVERTER)
    simple("pdf", "Producer", producer)
    simple("pdf", "Keywords", keywords)
    simple("pdfaid", "part", "2")
    simple("pdfaid", "conformance", "B")
    packet = _PACKET_BEGIN + etree.tostring(root, encoding="utf-8") + _PACKET_END
    pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)

    info = Dictionary(
        Title=pikepdf.String(_clean(titles.da)),  # DocInfo holds one text: XMP's x-default
        Subject=pikepdf.String(_clean(descriptions.da)),
        Keywords=pikepdf.String(keywords),
        Creator=pikepdf.String(CONVERTER),
        Producer=pikepdf.String(producer),
        CreationDate=pikepdf.String(pdf_date),
        ModDate=pikepdf.String(pdf_date),
    )
    if author:
        info.Author = pikepdf.String(author)
    pdf.trailer.Info = pdf.make_indirect(info)
    # qpdf keeps an existing first /ID element (Ghostscript's is random); without one,
    # deterministic_id derives both from the content.
    if Name.ID in pdf.trailer:
        del pdf.trailer.ID


def _clean(text: str | None) -> str:
    """Text safe for both XMP (XML characters only) and DocInfo, one line."""
    return " ".join(_NOT_XML.sub("", text or "").split())
