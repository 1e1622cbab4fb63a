"""Identification by content: magic numbers decide, names and declared types are only compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_inputs import OIOUBL_INVOICE, image_bytes, text_pdf
from PIL import Image

from xena2archive.documents import identify


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


def test_xml_with_external_entity_is_not_fetched(tmp_path: Path) -> None:
    hostile = tmp_path / "x.xml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "http://example.invalid/x">]><r>&e;</r>',
        encoding="utf-8",
    )
    assert identify(hostile, "x.xml").format == "xml"


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
