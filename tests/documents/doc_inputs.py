"""Builders for every test input (nothing is downloaded) and independent checks on the copies.

Named so it cannot clash with another test folder's helper module.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, pdfa
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer
from PIL import Image

from xena2archive.documents import DocumentJob, DocumentResult
from xena2archive._exec import ghostscript
from xena2archive._exec.programs import Programs


def job(original: Path, out: Path, name: str | None = None, **kwargs: object) -> DocumentJob:
    return DocumentJob(
        original=original,
        target=out / f"{original.stem}.pdfa.pdf",
        name=name or original.name,
        **kwargs,  # type: ignore[arg-type]
    )


def convert_with_siegfried_refused(job: DocumentJob, programs: Programs) -> DocumentResult:
    """A worker's runner that converts as a run's worker does, with Siegfried refusing every
    question in that worker: a job that asks it there (no ``pronom`` answer) breaks the worker."""
    import pygfried

    from xena2archive.documents.convert import convert

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("Siegfried was asked in a document worker")

    pygfried.identify = pygfried.identify_many = refused
    return convert(job, programs)


def text_pdf(path: Path, pages: int = 3, *, words: str = "Faktura fra Æblegården ApS") -> Path:
    """A PDF with text on every page in Helvetica, not embedded (the common case to fix)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    for number in range(1, pages + 1):
        lines = [
            b"BT /F1 12 Tf 60 %d Td (%s side %d linje %d) Tj ET"
            % (780 - 16 * row, words.encode("cp1252"), number, row)
            for row in range(30)
        ]
        lines.append(b"0.2 0.4 0.8 rg 60 60 200 20 re f")
        page = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Contents=pdf.make_stream(b"\n".join(lines)),
            Resources=Dictionary(Font=Dictionary(F1=font)),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def pdf_with_active_content(path: Path) -> Path:
    """Document JavaScript, a JavaScript OpenAction, a Launch link and an attached file."""
    text_pdf(path, pages=2)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert('hej');")))
        pdf.Root.OpenAction = script
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([pikepdf.String("hej"), script])))
        pdf.attachments["payload.txt"] = pikepdf.AttachedFileSpec(pdf, b"not for the archive")
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([60, 60, 260, 80]),
            Border=Array([0, 0, 0]),
            A=Dictionary(S=Name.Launch, F=pikepdf.String("calc.exe")),
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(Array([pdf.make_indirect(link)]))
        pdf.save(path)
    return path


def signed_pdf(path: Path) -> Path:
    """A PDF with a filled signature field (structure only; the signature bytes are fake)."""
    text_pdf(path, pages=1)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        signature = pdf.make_indirect(
            Dictionary(
                Type=Name.Sig,
                Filter=Name("/Adobe.PPKLite"),
                SubFilter=Name("/adbe.pkcs7.detached"),
                ByteRange=Array([0, 100, 200, 300]),
                Contents=pikepdf.String(b"\x00" * 64),
            )
        )
        field = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot, Subtype=Name.Widget, FT=Name.Sig, T=pikepdf.String("Underskrift"),
                Rect=Array([0, 0, 0, 0]), F=132, V=signature, P=pdf.pages[0].obj,
            )
        )  # fmt: skip
        pdf.pages[0].obj.Annots = Array([field])
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]), SigFlags=3)
        pdf.save(path)
    return path


def png_bomb(path: Path, side: int = 100_000) -> Path:
    """A tiny PNG that claims side x side pixels: Pillow must refuse it before decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return path


def image_bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def validates(path: Path) -> bool:
    """Our own verdict on a copy, independent of what convert() said."""
    report = pdfa.validate_written(path, "2b")
    assert report.passed, report.summary()
    return True


def alive(pid: int) -> bool:
    """The process is running, not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def page_texts(path: Path) -> list[str]:
    """The text a reader sees on each page, extracted by pdfminer.six: an independent reader (the
    copies are made by Ghostscript, so Ghostscript's own text extraction would judge itself)."""
    return [
        "".join(element.get_text() for element in page if isinstance(element, LTTextContainer))
        for page in extract_pages(path)
    ]


def pdf_text(path: Path) -> str:
    """The text of every page (pdfminer.six, see ``page_texts``)."""
    return "\n".join(page_texts(path))


def fonts_embedded(path: Path) -> list[str]:
    """Names of the fonts in the file, asserting each has its program embedded."""
    names = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.get(Name.Font, Dictionary()).values():
                fonts = font.DescendantFonts if Name.DescendantFonts in font else [font]
                for each in fonts:
                    descriptor = each.FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                        each.BaseFont
                    )
                    names.append(str(each.BaseFont))
    return names


OIOUBL_INVOICE = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.0</cbc:UBLVersionID>
  <cbc:CustomizationID>OIOUBL-2.02</cbc:CustomizationID>
  <cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.2"
    >Procurement-BilSim-1.0</cbc:ProfileID>
  <cbc:ID>A00095678</cbc:ID>
  <cbc:IssueDate>2024-03-15</cbc:IssueDate>
  <cbc:InvoiceTypeCode listAgencyID="320" listID="urn:oioubl:codelist:invoicetypecode-1.1"
    >380</cbc:InvoiceTypeCode>
  <cbc:Note>Tak for handlen &amp; på gensyn</cbc:Note>
  <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>
  <cac:OrderReference><cbc:ID>PO-4711</cbc:ID></cac:OrderReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeAgencyID="9" schemeID="GLN">5798000012345</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Æblegården Øko ApS</cbc:Name></cac:PartyName>
    <cac:PostalAddress>
      <cbc:StreetName>Ågade</cbc:StreetName><cbc:BuildingNumber>12</cbc:BuildingNumber>
      <cbc:CityName>Århus C</cbc:CityName><cbc:PostalZone>8000</cbc:PostalZone>
      <cac:Country><cbc:IdentificationCode>DK</cbc:IdentificationCode></cac:Country>
    </cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID schemeID="DK:SE">DK12345678</cbc:CompanyID>
      <cac:TaxScheme><cbc:ID>63</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Æblegården Øko ApS</cbc:RegistrationName>
      <cbc:CompanyID schemeID="DK:CVR">DK12345678</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="DK:CVR">DK87654321</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Kunde &amp; Co. A/S</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>Vestergade</cbc:StreetName><cbc:BuildingNumber>1</cbc:BuildingNumber>
      <cbc:CityName>København K</cbc:CityName><cbc:PostalZone>1456</cbc:PostalZone></cac:PostalAddress>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:Delivery><cbc:ActualDeliveryDate>2024-03-14</cbc:ActualDeliveryDate></cac:Delivery>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>2024-04-14</cbc:PaymentDueDate>
    <cac:PayeeFinancialAccount><cbc:ID>1234567890</cbc:ID>
      <cac:FinancialInstitutionBranch><cbc:ID>1234</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="DKK">2469.13</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="DKK">9876.50</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="DKK">2469.13</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>StandardRated</cbc:ID><cbc:Percent>25</cbc:Percent>
        <cac:TaxScheme><cbc:ID>63</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="DKK">9876.50</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="DKK">2469.13</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="DKK">12345.63</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="DKK">12345.63</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="EA">3</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="DKK">7500.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Description>Økologiske æbler, kasse à 20 kg</cbc:Description>
      <cbc:Name>Æbler</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="DKK">2500.00</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
  <cac:InvoiceLine>
    <cbc:ID>2</cbc:ID>
    <cbc:InvoicedQuantity unitCode="KGM">12.5</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="DKK">2376.50</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Pærer</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="DKK">190.12</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
"""


ENDLESS_POSTSCRIPT = b"%!PS\n{ 1 pop } loop\n"


def run_endless_ghostscript(job: DocumentJob, programs: Programs) -> DocumentResult:
    """Worker runner: note the worker's pid in ``job.target``, then run a Ghostscript that never
    ends on its own (``job.original`` holds ``ENDLESS_POSTSCRIPT``)."""
    job.target.write_text(str(os.getpid()))
    work = job.target.parent / "work"
    work.mkdir()
    ghostscript.run_pdfa(job.original, work / "out.pdf", work, timeout_s=600, memory_mb=512)
    raise AssertionError("Ghostscript ended on its own")


def outlook_msg(
    path: Path,
    *,
    subject: str,
    body: str,
    sender: str,
    to: str,
    when: dt.datetime,
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
) -> Path:
    """An Outlook .msg (MS-OXMSG): the compound file is written by extract-msg's OleWriter, the
    property streams here (message class IPM.Note, subject, plain body, sender, display-to,
    submit time, one recipient, attachments by value with long file name and MIME type)."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()

    def entry(tag: int, value: bytes) -> bytes:
        return struct.pack("<II", tag, 6) + value  # flags: readable and writable

    def stream(storage: list[str], tag: int, data: bytes) -> bytes:
        writer.addEntry([*storage, f"__substg1.0_{tag:08X}"], data)
        return entry(tag, struct.pack("<II", len(data), 0))

    def text(storage: list[str], tag: int, value: str) -> bytes:
        return stream(storage, tag, value.encode("utf-16-le"))

    def number(tag: int, value: int) -> bytes:
        return entry(tag, struct.pack("<II", value, 0))

    filetime = int((when - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10_000_000)
    top = [
        text([], 0x001A001F, "IPM.Note"), text([], 0x0037001F, subject), text([], 0x1000001F, body),
        text([], 0x0C1A001F, sender), text([], 0x0E04001F, to), number(0x0E070003, 1),
        entry(0x00390040, struct.pack("<Q", filetime)), entry(0x0E060040, struct.pack("<Q", filetime)),
    ]  # fmt: skip
    recipient = ["__recip_version1.0_#00000000"]
    props = [text(recipient, 0x3001001F, to), text(recipient, 0x39FE001F, to), number(0x0C150003, 1)]
    writer.addEntry([*recipient, "__properties_version1.0"], b"\x00" * 8 + b"".join(props))
    for number_, (name, data, mime) in enumerate(attachments):
        storage = [f"__attach_version1.0_#{number_:08X}"]
        props = [
            number(0x37050003, 1), text(storage, 0x3707001F, name), stream(storage, 0x37010102, data),
            text(storage, 0x370E001F, mime),
        ]  # fmt: skip
        writer.addEntry([*storage, "__properties_version1.0"], b"\x00" * 8 + b"".join(props))
    for kind in ("00020102", "00030102", "00040102"):
        writer.addEntry(["__nameid_version1.0", f"__substg1.0_{kind}"], b"")
    header = b"\x00" * 8 + struct.pack("<IIII", 1, len(attachments), 1, len(attachments)) + b"\x00" * 8
    writer.addEntry(["__properties_version1.0"], header + b"".join(top))
    with path.open("wb") as out:
        writer.write(out)
    return path


def plain_text(path: Path) -> str:
    """The text of a PDF as pdfminer.six reads it (independent of Ghostscript and of our
    converters), white space collapsed."""
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(path)).split())


def odd_font_pdf(path: Path) -> Path:
    """A PDF whose embedded TrueType font has 16 bytes too many in its 'hmtx' table: fontTools
    logs "too much 'hmtx' table data" whenever it reads it (the validator does)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({65: "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 700))
    pen.closePath()
    builder.setupGlyf({".notdef": pen.glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Odd", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    good = io.BytesIO()
    builder.save(good)
    font = TTFont(io.BytesIO(good.getvalue()))
    hmtx = DefaultTable("hmtx")
    hmtx.data = font.reader["hmtx"] + b"\x00" * 16
    font["hmtx"] = hmtx
    odd = io.BytesIO()
    font.save(odd)
    data = odd.getvalue()
    pdf = pikepdf.new()
    descriptor = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/Odd"), Flags=32, FontBBox=Array([0, 0, 500, 700]), ItalicAngle=0,
        Ascent=800, Descent=-200, CapHeight=700, StemV=80, FontFile2=pdf.make_stream(data, Length1=len(data)),
    ))  # fmt: skip
    truetype = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/Odd"), FirstChar=65, LastChar=65,
        Widths=Array([600]), FontDescriptor=descriptor, Encoding=Name.WinAnsiEncoding,
    ))  # fmt: skip
    page = Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, 300, 300]), Resources=Dictionary(Font=Dictionary(F1=truetype)),
        Contents=pdf.make_stream(b"BT /F1 24 Tf 50 150 Td (AAA) Tj ET"),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path
