"""Identification by content: magic numbers decide, names and declared types are only compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_inputs import OIOUBL_INVOICE, image_bytes, text_pdf
from PIL import Image

from xena2archive.documents.identify import identify


@pytest.mark.parametrize(
    ("fmt", "pillow", "expected", "mime", "pronom"),
    [
        ("jpeg", "JPEG", "jpeg", "image/jpeg", "fmt/43"),
        ("png", "PNG", "png", "image/png", "fmt/11"),
        ("gif", "GIF", "gif", "image/gif", "fmt/3"),  # Pillow writes GIF87a when it can
        ("bmp", "BMP", "bmp", "image/bmp", "fmt/116"),
        ("tiff", "TIFF", "tiff", "image/tiff", "fmt/353"),
    ],
)
def test_images_by_magic(
    tmp_path: Path, fmt: str, pillow: str, expected: str, mime: str, pronom: str
) -> None:
    path = tmp_path / f"picture.{fmt}"
    path.write_bytes(image_bytes(Image.new("RGB", (8, 8), "red"), pillow))
    found = identify(path, path.name)
    assert (found.format, found.mime, found.pronom, found.mismatch) == (expected, mime, pronom, None)
    assert found.size == path.stat().st_size and len(found.sha256) == 64


def test_pdf_version_gives_pronom(tmp_path: Path) -> None:
    found = identify(text_pdf(tmp_path / "a.pdf"), "a.pdf", "application/pdf")
    assert found.format == "pdf" and found.pronom == "fmt/17" and found.mismatch is None  # pikepdf writes 1.3


def test_oioubl_and_other_xml(tmp_path: Path) -> None:
    invoice = tmp_path / "invoice.xml"
    invoice.write_text(OIOUBL_INVOICE, encoding="utf-8")
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><Kontoplan><Konto/></Kontoplan>", encoding="utf-8")
    credit = tmp_path / "credit.xml"
    credit.write_text(
        '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>', encoding="utf-8"
    )
    assert identify(invoice, "invoice.xml").format == "oioubl"
    assert identify(credit, "credit.xml", "text/xml").detail == "UBL CreditNote"
    found = identify(other, "other.xml")
    assert (found.format, found.detail) == ("xml", "XML, root Kontoplan")


def test_xml_with_external_entity_is_not_fetched(tmp_path: Path, listener) -> None:
    hostile = tmp_path / "x.xml"
    hostile.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "{listener.url("r.dtd")}" '
        f'[<!ENTITY e SYSTEM "{listener.url("x")}">]><r>&e;</r>',
        encoding="utf-8",
    )
    assert identify(hostile, "x.xml").format == "xml"
    assert listener.seen() == []


def test_mismatch_reported_from_name_and_declared_type(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_bytes(Image.new("RGB", (8, 8)), "PNG"))
    found = identify(path, "Bilag/scan.pdf", "application/pdf")
    assert found.format == "png"
    assert found.mismatch == (
        "named .pdf but the content is png; declared as application/pdf but the content is png"
    )


def test_pjpeg_declared_type_is_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(image_bytes(Image.new("RGB", (8, 8)), "JPEG"))
    assert identify(path, "photo.jpg", "image/pjpeg").mismatch is None


def test_empty_and_unknown(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    office = tmp_path / "sheet.xlsx"
    office.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert identify(empty, "empty.pdf").format == "empty"
    assert identify(empty, "empty.pdf").mismatch is None
    found = identify(office, "sheet.xlsx")
    assert found.format == "unknown" and "ZIP" in (found.detail or "")


def _minimal_docx(path: Path) -> Path:
    """The parts Word needs and PRONOM's container signature looks at, nothing more."""
    import zipfile

    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        docx.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Faktura æøå</w:t></w:r></w:p></w:body></w:document>',
        )
    return path


def test_pronom_name_and_version_from_siegfried(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(image_bytes(Image.new("RGB", (8, 8), "red"), "PNG"))
    found = identify(path, path.name)
    assert (found.pronom, found.format_name, found.format_version) == ("fmt/11", "Portable Network Graphics", "1.0")
    assert found.identified_by and found.identified_by.startswith("Siegfried ") and "byte match" in found.identified_by


def test_new_formats_by_content_not_name(tmp_path: Path) -> None:
    """Every format the converters dispatch on, written here and saved under a name that says
    nothing: the short name must come from the bytes."""
    import openpyxl
    import pillow_heif

    pillow_heif.register_heif_opener()
    made = {
        "heic": lambda p: Image.new("RGB", (16, 16), "red").save(p, format="HEIF"),
        "webp": lambda p: Image.new("RGB", (16, 16), "red").save(p, format="WEBP"),
        "xlsx": lambda p: openpyxl.Workbook().save(p),
        "docx": _minimal_docx,
        "eml": lambda p: p.write_bytes(
            b"From: a@example.dk\r\nTo: b@example.dk\r\nSubject: Faktura\r\nDate: Mon, 1 May 2023 10:00:00 +0200\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej\r\n"
        ),
        "html": lambda p: p.write_bytes(b"<!DOCTYPE html><html><body><p>Bel\xf8b</p></body></html>"),
        "text": lambda p: p.write_bytes("Kvittering\nBeløb 100,00 kr\n".encode("cp1252")),
    }
    for fmt, write in made.items():
        path = tmp_path / f"upload-{fmt}"
        write(path)
        found = identify(path, "upload.bin")
        assert found.format == fmt, (fmt, found)
        assert found.pronom and found.format_name and found.identified_by.startswith("Siegfried"), found


def test_own_check_where_siegfried_is_silent(tmp_path: Path) -> None:
    # Readers accept junk before the PDF header; PRONOM's signatures do not.
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"junk" + text_pdf(tmp_path / "a.pdf").read_bytes())
    found = identify(path, path.name)
    assert found.format == "pdf" and found.detail == "PDF 1.3, header at byte 4"
    assert found.identified_by and "own content check" in found.identified_by


def test_declared_office_type_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "faktura.docx"
    path.write_bytes(image_bytes(Image.new("RGB", (8, 8)), "PNG"))
    found = identify(
        path, "faktura.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert found.format == "png"
    assert found.mismatch == (
        "named .docx but the content is png; declared as "
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document but the content is png"
    )


def test_plain_rfc5322_mail_by_our_own_check(tmp_path: Path) -> None:
    """PRONOM's MIME e-mail signature wants MIME headers; an old plain message has none."""
    path = tmp_path / "besked"
    path.write_bytes(
        b"Return-Path: <a@example.dk>\r\nReceived: from mx by mail;\r\n\tTue, 14 Mar 2023 09:30:00 +0100\r\n"
        b"From: a@example.dk\r\nTo: b@example.dk\r\nSubject: Faktura\r\n\r\nHej: se vedlagte\r\n"
    )
    found = identify(path, "besked")
    assert (found.format, found.pronom) == ("eml", "fmt/278")
    notes = tmp_path / "noter.txt"
    notes.write_bytes(b"Husk: betale faktura\nFrom: nogen\n")  # text with a colon is not an e-mail
    assert identify(notes, "noter.txt").format == "text"
