"""OIOUBL: the XML stays the record; the copy is a readable PDF/A rendering of its key content."""

from __future__ import annotations

from pathlib import Path

from doc_inputs import OIOUBL_INVOICE, fonts_embedded, job, pdf_text, validates

from xena2archive.documents import CONVERTED, NOT_CONVERTED

from xena2archive.documents.convert import convert
from helpers import said


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_invoice_rendering_shows_supplier_lines_and_total(tmp_path: Path) -> None:
    original = write(tmp_path, "faktura.xml", OIOUBL_INVOICE)
    before = original.read_bytes()
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED, said(result)
    assert result.format == "oioubl" and result.pdfa is not None and validates(result.pdfa)
    assert fonts_embedded(result.pdfa)
    text = pdf_text(result.pdfa)
    for expected in (
        "Faktura A00095678",
        "Æblegården Øko ApS",  # supplier
        "Kunde & Co. A/S",  # customer
        "2024-03-15",  # issue date
        "Økologiske æbler",  # line description
        "2.500,00 DKK",  # unit price
        "7.500,00 DKK",  # line amount
        "25 %",  # VAT rate
        "At betale",
        "12.345,63 DKK",  # payable total
        "1234567890",  # account
        result.sha256,  # which XML this is a rendering of
    ):
        assert expected in text, expected
    assert original.read_bytes() == before


def test_credit_note(tmp_path: Path) -> None:
    credit = (
        OIOUBL_INVOICE.replace("Invoice-2", "CreditNote-2")
        .replace("<Invoice ", "<CreditNote ")
        .replace("</Invoice>", "</CreditNote>")
        .replace("InvoiceLine>", "CreditNoteLine>")
        .replace("InvoicedQuantity", "CreditedQuantity")
        .replace("<cbc:InvoiceTypeCode", "<cbc:CreditNoteTypeCode")
        .replace("</cbc:InvoiceTypeCode>", "</cbc:CreditNoteTypeCode>")
    )
    result = convert(job(write(tmp_path, "kredit.xml", credit), tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None
    text = pdf_text(result.pdfa)
    assert "Kreditnota A00095678" in text and "12,5" in text


def test_other_xml_is_kept_not_converted(tmp_path: Path) -> None:
    result = convert(job(write(tmp_path, "data.xml", "<Kontoplan/>"), tmp_path))
    assert (result.status, result.code, result.format) == (NOT_CONVERTED, "not-oioubl", "xml")


def test_broken_oioubl_is_a_reason(tmp_path: Path) -> None:
    broken = OIOUBL_INVOICE[: len(OIOUBL_INVOICE) // 2]
    result = convert(job(write(tmp_path, "half.xml", broken), tmp_path))
    assert (result.status, result.code) == (NOT_CONVERTED, "xml-unreadable")


def test_entities_are_not_expanded_nor_fetched(tmp_path: Path, listener) -> None:
    hostile = OIOUBL_INVOICE.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE Invoice SYSTEM "{listener.url("invoice.dtd")}" [<!ENTITY secret SYSTEM "file:///etc/passwd">'
        f'<!ENTITY remote SYSTEM "{listener.url("x")}">]>',
    ).replace("Tak for handlen", "&secret;&remote;Tak for handlen")
    result = convert(job(write(tmp_path, "hostile.xml", hostile), tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None
    text = pdf_text(result.pdfa)
    assert "root:" not in text and "Tak for handlen" in text
    assert listener.seen() == []
