"""A readable rendering of an OIOUBL invoice or credit note, beside the XML that stays the record.

An auditor without an e-invoice viewer must still be able to read the bill. The key content
(parties, number, dates, lines, VAT, totals, payment) is read from the UBL 2 XML and laid out as
a plain text PDF with Danish labels, using the standard Helvetica and Courier fonts with
WinAnsiEncoding (covers æ, ø, å, é, €). That PDF is not PDF/A yet (the fonts are not embedded):
it goes through the same Ghostscript path as any PDF, which embeds them.

The XML is parsed without DTD loading, entity expansion or network access; it came from outside.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name

from xena2archive import findings as F
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import DocumentJob, Identity, NotConvertible
from xena2archive.documents.pdf import ghostscript_copy
from xena2archive.documents.pdfa import Provenance
from xena2archive.documents.pdfcheck import page_marks
from xena2archive.documents.sniff import UBL_ROOTS

_CBC: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_CAC: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_NS: Final = {"cbc": _CBC, "cac": _CAC}

_PAGE_W: Final = 595.0  # A4
_PAGE_H: Final = 842.0
_MARGIN: Final = 50.0
_BODY_SIZE: Final = 9.5
_TABLE_SIZE: Final = 8.0
_TABLE_CHARS: Final = 100  # Courier is 0.6 em wide: 100 chars at 8 pt = 480 pt
_TEXT_CHARS: Final = 95  # Helvetica at 9.5 pt averages well under 5 pt a character
_FONTS: Final = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Courier"}


@dataclass(frozen=True)
class Party:
    role: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    description: str
    quantity: str
    unit: str
    price: str
    amount: str


@dataclass
class Invoice:
    """The parts of a UBL Invoice/CreditNote worth showing, as display strings."""

    kind: str  # "Invoice" or "CreditNote"
    number: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    lines: list[InvoiceLine] = field(default_factory=list)
    vat: list[tuple[str, str, str]] = field(default_factory=list)  # rate, taxable, tax
    totals: list[tuple[str, str]] = field(default_factory=list)
    payment: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "Kreditnota" if self.kind == "CreditNote" else "Faktura"

    @property
    def title_en(self) -> str:
        return "Credit note" if self.kind == "CreditNote" else "Invoice"


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """The rendering of the invoice ``job.original``, through Ghostscript like any PDF."""
    invoice = read_invoice(job.original)
    rendering = work.folder / "rendering.pdf"
    with render(invoice, job.name, identity.sha256) as pdf:
        if len(pdf.pages) > job.limits.max_pages:
            raise NotConvertible("too-many-pages",
                                 F.DOC_TOO_MANY_PAGES("", pages=len(pdf.pages), limit=job.limits.max_pages))
        marks = page_marks(pdf)
        pdf.save(rendering)
    copy, notes, gs = ghostscript_copy(rendering, marks, job, work)
    provenance = Provenance(
        name=job.name,
        sha256=identity.sha256,
        when=job.when,
        tools=(f"lxml {etree.__version__}", gs, f"pikepdf {pikepdf.__version__}"),
        rendering=(f"{invoice.title} {invoice.number}".strip(), f"{invoice.title_en} {invoice.number}".strip()),
    )
    return Made(copy, provenance, (F.DOC_OIOUBL_RENDERING(""), *notes))


def text_of(path: Path, fmt: str) -> str:
    """The words of an XML file (an OIOUBL invoice or any other), a line for each element's
    text, read as safely as the invoice is. Raises etree.XMLSyntaxError or OSError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    root = etree.parse(str(path), parser).getroot()
    return "\n".join(text.strip() for text in root.itertext() if text.strip())


def read_invoice(path: Path) -> Invoice:
    """Parse an OIOUBL (UBL 2.0/2.1) Invoice or CreditNote. Raises NotConvertible if the XML is
    not well-formed or not one of those.

    Long on purpose: one flat read of the invoice's fields in the order the rendering shows them;
    split up, each part would only pass the same root and namespaces on."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as error:
        raise NotConvertible("xml-unreadable", F.DOC_XML_NOT_WELL_FORMED("", error=str(error))) from error
    if root.tag not in UBL_ROOTS:
        raise NotConvertible("xml-unreadable", F.DOC_NOT_UBL("", root=root.tag))
    kind = UBL_ROOTS[root.tag]
    currency = _text(root, "cbc:DocumentCurrencyCode")
    invoice = Invoice(kind=kind, number=_text(root, "cbc:ID"))
    invoice.facts = _present(
        (f"{invoice.title}nummer", invoice.number),
        ("Udstedelsesdato", _text(root, "cbc:IssueDate")),
        ("Forfaldsdato", _text(root, "cbc:DueDate") or _text(root, "cac:PaymentMeans/cbc:PaymentDueDate")),
        ("Leveringsdato", _text(root, "cac:Delivery/cbc:ActualDeliveryDate")),
        ("Periode", _period(root)),
        ("Valuta", currency),
        ("Ordrereference", _text(root, "cac:OrderReference/cbc:ID")),
        ("Købers reference", _text(root, "cbc:AccountingCost") or _text(root, "cbc:BuyerReference")),
        ("Faktura der krediteres", _text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")),
        ("Dokumenttype", _text(root, "cbc:InvoiceTypeCode") or _text(root, "cbc:CreditNoteTypeCode")),
        (
            "UBL-version / profil",
            _joined(" / ", _text(root, "cbc:UBLVersionID"), _text(root, "cbc:ProfileID")),
        ),
    )
    invoice.notes = [n for n in (_all_text(e) for e in root.findall("cbc:Note", _NS)) if n]
    for role, where in (
        ("Leverandør", "cac:AccountingSupplierParty/cac:Party"),
        ("Kunde", "cac:AccountingCustomerParty/cac:Party"),
        ("Betalingsmodtager", "cac:PayeeParty"),
        ("Leveringssted", "cac:Delivery/cac:DeliveryLocation"),
    ):
        party = root.find(where, _NS)
        if party is not None and (lines := _party_lines(party)):
            invoice.parties.append(Party(role, lines))
    invoice.lines = _lines(root, kind, currency)
    for subtotal in root.findall("cac:TaxTotal/cac:TaxSubtotal", _NS):
        percent = _text(subtotal, "cac:TaxCategory/cbc:Percent") or _text(subtotal, "cbc:Percent")
        category = _text(subtotal, "cac:TaxCategory/cbc:ID")
        rate = _joined(" ", f"{_amount(percent)} %" if percent else "", f"({category})" if category else "")
        invoice.vat.append(
            (
                rate,
                _money(subtotal, "cbc:TaxableAmount", currency),
                _money(subtotal, "cbc:TaxAmount", currency),
            )
        )
    total = root.find("cac:LegalMonetaryTotal", _NS)
    invoice.totals = _present(
        ("Linjetotal", _money(total, "cbc:LineExtensionAmount", currency)),
        ("Rabatter", _money(total, "cbc:AllowanceTotalAmount", currency)),
        ("Gebyrer", _money(total, "cbc:ChargeTotalAmount", currency)),
        (_tax_exclusive_label(root, total), _money(total, "cbc:TaxExclusiveAmount", currency)),
        ("Moms i alt", _money(root, "cac:TaxTotal/cbc:TaxAmount", currency)),
        ("Beløb inkl. moms", _money(total, "cbc:TaxInclusiveAmount", currency)),
        ("Forudbetalt", _money(total, "cbc:PrepaidAmount", currency)),
        ("Afrunding", _money(total, "cbc:PayableRoundingAmount", currency)),
        ("At betale", _money(total, "cbc:PayableAmount", currency)),
    )
    for means in root.findall("cac:PaymentMeans", _NS):
        account = means.find("cac:PayeeFinancialAccount", _NS)
        invoice.payment += _present(
            ("Betalingsmåde (kode)", _text(means, "cbc:PaymentMeansCode")),
            ("Betalings-ID", _joined(" ", _text(means, "cbc:PaymentID"), _text(means, "cbc:InstructionID"))),
            ("Reg.nr.", _text(account, "cac:FinancialInstitutionBranch/cbc:ID")),
            ("Kontonummer", _text(account, "cbc:ID")),
        )
    invoice.payment += _present(("Betalingsbetingelser", _text(root, "cac:PaymentTerms/cbc:Note")))
    return invoice


def _lines(root: etree._Element, kind: str, currency: str) -> list[InvoiceLine]:
    line_tag = "cac:CreditNoteLine" if kind == "CreditNote" else "cac:InvoiceLine"
    quantity_tag = "cbc:CreditedQuantity" if kind == "CreditNote" else "cbc:InvoicedQuantity"
    lines = []
    for line in root.findall(line_tag, _NS):
        quantity = line.find(quantity_tag, _NS)
        description = _joined(
            " - ", _text(line, "cac:Item/cbc:Name"), _text(line, "cac:Item/cbc:Description")
        )
        lines.append(
            InvoiceLine(
                number=_text(line, "cbc:ID"),
                description=description or _text(line, "cbc:Note"),
                quantity=_amount(quantity.text) if quantity is not None and quantity.text else "",
                unit=(quantity.get("unitCode") or "") if quantity is not None else "",
                price=_money(line, "cac:Price/cbc:PriceAmount", currency),
                amount=_money(line, "cbc:LineExtensionAmount", currency),
            )
        )
    return lines


def render(invoice: Invoice, source_name: str, sha256: str) -> pikepdf.Pdf:
    """Lay the invoice out on A4 pages as a text PDF (fonts not embedded; see module doc)."""
    layout = _Layout()
    layout.text(f"{invoice.title} {invoice.number}".strip(), font="F2", size=16, gap=22)
    layout.text(
        f"Læsbar gengivelse af OIOUBL-filen '{source_name}'. Originalen (XML) er bevaret og er "
        "det gældende dokument.",
        size=8,
    )
    layout.text(f"sha256 for originalen: {sha256}", size=8, gap=18)
    for label, value in invoice.facts:
        layout.text(f"{label}: {value}")
    for party in invoice.parties:
        layout.space(8)
        layout.text(party.role, font="F2")
        for line in party.lines:
            layout.text(line)
    if invoice.notes:
        layout.space(8)
        layout.text("Bemærkninger", font="F2")
        for note in invoice.notes:
            layout.text(note)
    layout.space(10)
    layout.text("Linjer", font="F2")
    layout.table(_line_rows(invoice.lines))
    if invoice.vat:
        layout.space(8)
        layout.text("Moms", font="F2")
        layout.table(
            [_columns(("Sats", "Grundlag", "Moms"), (30, 20, 20))]
            + [_columns(row, (30, 20, 20)) for row in invoice.vat]
        )
    if invoice.totals:
        layout.space(8)
        layout.text("Totaler", font="F2")
        layout.table([_columns(row, (30, 20)) for row in invoice.totals])
    if invoice.payment:
        layout.space(8)
        layout.text("Betaling", font="F2")
        for label, value in invoice.payment:
            layout.text(f"{label}: {value}")
    return layout.pdf(f"{invoice.title} {invoice.number}".strip())


def _line_rows(lines: list[InvoiceLine]) -> list[str]:
    widths = (4, 38, 10, 6, 17, 18)
    rows = [_columns(("Nr.", "Beskrivelse", "Antal", "Enhed", "Enhedspris", "Beløb"), widths, left=2)]
    for line in lines:
        wrapped = textwrap.wrap(line.description, widths[1]) or [""]
        cells = (line.number, wrapped[0], line.quantity, line.unit, line.price, line.amount)
        rows.append(_columns(cells, widths, left=2))
        rows.extend(_columns(("", more, "", "", "", ""), widths, left=2) for more in wrapped[1:])
    if not lines:
        rows.append("(ingen linjer)")
    return rows


def _columns(cells: tuple[str, ...], widths: tuple[int, ...], left: int = 1) -> str:
    """The first ``left`` columns (text) left-aligned, the rest (numbers) right-aligned; the
    tables are set in Courier, so padding with spaces lines them up."""
    parts = []
    for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        cell = cell if len(cell) <= width else cell[: width - 1] + "…"
        parts.append(cell.ljust(width) if index < left else cell.rjust(width))
    return " ".join(parts).rstrip()


def _party_lines(party: etree._Element) -> tuple[str, ...]:
    name = _text(party, "cac:PartyName/cbc:Name") or _text(party, "cac:PartyLegalEntity/cbc:RegistrationName")
    legal = _text(party, "cac:PartyLegalEntity/cbc:RegistrationName")
    address = party.find("cac:PostalAddress", _NS)
    if address is None:
        address = party.find("cac:Address", _NS)
    lines = [name]
    shown: set[str] = set()
    if legal and legal != name:
        lines.append(legal)
    if address is not None:
        lines += [
            _joined(" ", _text(address, "cbc:StreetName"), _text(address, "cbc:BuildingNumber")),
            _text(address, "cbc:AdditionalStreetName"),
            _joined(" ", _text(address, "cbc:PostalZone"), _text(address, "cbc:CityName")),
            _text(address, "cac:Country/cbc:IdentificationCode"),
        ]
    for label, path in (
        ("CVR/SE", "cac:PartyTaxScheme/cbc:CompanyID"),
        ("Virksomheds-ID", "cac:PartyLegalEntity/cbc:CompanyID"),
        ("Endpoint", "cbc:EndpointID"),
        ("ID", "cac:PartyIdentification/cbc:ID"),
        ("Kontakt", "cac:Contact/cbc:Name"),
        ("Telefon", "cac:Contact/cbc:Telephone"),
        ("E-mail", "cac:Contact/cbc:ElectronicMail"),
    ):
        value = _text(party, path)
        if value and value not in shown:  # the CVR number often appears under two elements
            shown.add(value)
            lines.append(f"{label}: {value}")
    return tuple(line for line in lines if line)


def _tax_exclusive_label(root: etree._Element, total: etree._Element | None) -> str:
    """UBL and OIOUBL 2.1 put the amount without VAT in TaxExclusiveAmount; older OIOUBL
    documents put the VAT total there. Let the document's own arithmetic pick the label."""
    exclusive = _decimal(_text(total, "cbc:TaxExclusiveAmount"))
    inclusive = _decimal(_text(total, "cbc:TaxInclusiveAmount"))
    tax = _decimal(_text(root, "cac:TaxTotal/cbc:TaxAmount"))
    if exclusive is not None and inclusive is not None and tax is not None:
        if exclusive + tax == inclusive:
            return "Beløb ekskl. moms"
        if exclusive == tax:
            return "Momsbeløb (TaxExclusiveAmount)"
    return "TaxExclusiveAmount"


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _period(root: etree._Element) -> str:
    start = _text(root, "cac:InvoicePeriod/cbc:StartDate")
    end = _text(root, "cac:InvoicePeriod/cbc:EndDate")
    return f"{start} – {end}" if start or end else ""


def _text(element: etree._Element | None, path: str) -> str:
    """The whitespace-normalised text at ``path``, or ''."""
    found = element.find(path, _NS) if element is not None else None
    return _all_text(found) if found is not None else ""


def _all_text(element: etree._Element) -> str:
    """All text in ``element``, whitespace-normalised. An entity is never expanded: it shows as
    its reference (``&name;``)."""
    return " ".join("".join(element.itertext()).split())


def _money(element: etree._Element | None, path: str, currency: str) -> str:
    """An amount in Danish notation with its currency (the element's own, else the invoice's)."""
    node = element.find(path, _NS) if element is not None else None
    if node is None or not (node.text or "").strip():
        return ""
    return f"{_amount(node.text)} {node.get('currencyID') or currency}".strip()


def _present(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """The (label, value) pairs that have a value."""
    return [(label, value) for label, value in pairs if value]


def _joined(separator: str, *parts: str) -> str:
    return separator.join(part for part in parts if part)


def _amount(text: str | None) -> str:
    """A decimal in Danish notation (1.234,50), every digit kept, never through float."""
    raw = (text or "").strip()
    value = _decimal(raw)
    if value is None:
        return raw
    return f"{value:,f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


class _Layout:
    """Lines of text placed top-down on A4 pages, with a page footer added at the end."""

    def __init__(self) -> None:
        self._pages: list[list[tuple[str, float, float, float, str]]] = [[]]
        self._y = _PAGE_H - _MARGIN

    def space(self, points: float) -> None:
        self._y -= points

    def text(
        self, text: str, *, font: str = "F1", size: float = _BODY_SIZE, gap: float | None = None
    ) -> None:
        width = int(_TEXT_CHARS * _BODY_SIZE / size)
        for line in textwrap.wrap(text, width) or [""]:
            self._line(line, font, size, gap or size * 1.35)

    def table(self, rows: list[str]) -> None:
        for row in rows:
            self._line(row[:_TABLE_CHARS], "F3", _TABLE_SIZE, _TABLE_SIZE * 1.35)

    def _line(self, text: str, font: str, size: float, advance: float) -> None:
        if self._y - advance < _MARGIN + 20:
            self._pages.append([])
            self._y = _PAGE_H - _MARGIN
        self._y -= advance
        self._pages[-1].append((font, size, _MARGIN, self._y, text))

    def pdf(self, footer: str) -> pikepdf.Pdf:
        pdf = pikepdf.new()
        fonts = Dictionary(
            {
                f"/{key}": pdf.make_indirect(
                    Dictionary(
                        Type=Name.Font,
                        Subtype=Name.Type1,
                        BaseFont=Name(f"/{base}"),
                        Encoding=Name.WinAnsiEncoding,
                    )
                )
                for key, base in _FONTS.items()
            }
        )
        total = len(self._pages)
        for number, items in enumerate(self._pages, start=1):
            items = [*items, ("F1", 8.0, _MARGIN, _MARGIN - 10, f"{footer} - side {number} af {total}")]
            content = b"\n".join(
                b"BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET" % (font.encode(), size, x, y, _pdf_string(text))
                for font, size, x, y, text in items
            )
            page = Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, _PAGE_W, _PAGE_H]),
                Contents=pdf.make_stream(content),
                Resources=Dictionary(Font=fonts),
            )
            pdf.pages.append(pikepdf.Page(page))
        return pdf


def _pdf_string(text: str) -> bytes:
    """Text as a WinAnsi literal string; characters outside it become '?'."""
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
