"""The text of every document is an output of its own: ``data/text/<original>.txt``, UTF-8, each
page ending in a form feed, listed with its sha256 in ``ArchiveDocuments`` and the report, and
checked by ``verify``.

Read back as plain UTF-8 (``Path.read_text``), hashed with ``hashlib``, the table validated with
``jsonschema``; the words expected are the ones each input was made with.
"""

from __future__ import annotations

import email.message
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from doc_inputs import OIOUBL_INVOICE, text_pdf
from ocr_inputs import RECEIPT, receipt_photo
from office_inputs import docx

from helpers import make_zip, run_cli, validate_table
from xena2archive.archivecheck import check_documents
from xena2archive.errors import ExitCode


LONG_TEXT = "".join(f"Linje {n}: Bøgh & Søn, beløb {n},50 kr\n" for n in range(70_000))
"""A text too long to lay out as pages (over 2 MB): no copy, but its text."""


def _mail(folder: Path) -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Ærø Købmand <faktura@aeroe.example>"
    message["To"] = "bogholder@firma.example"
    message["Subject"] = "Faktura 2024-17 for æbler og ål"
    message["Date"] = "Tue, 05 Mar 2024 10:15:00 +0100"
    message.set_content("Hej,\n\nvedhæftet faktura 2024-17. Betaling inden 14 dage.\n\nMed venlig hilsen\n"
                        "Ærø Købmand\n")
    pdf = text_pdf(folder / "vedhaeftet.pdf", 1, words="Faktura 2024-17 fra Ærø Købmand")
    message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename="faktura-2024-17.pdf")
    return message.as_bytes()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("fulltext")
    entries = {
        "Bilag/faktura.pdf": text_pdf(folder / "faktura.pdf", 3).read_bytes(),
        "Bilag/mail.eml": _mail(folder),
        "Bilag/tilbud.docx": docx(folder / "tilbud.docx", ["Tilbud til Søren Ølgaard", "Pris 4.500,00 kr"])
        .read_bytes(),
        "Bilag/efaktura.xml": OIOUBL_INVOICE.encode("utf-8"),
        "Bilag/kvittering.jpg": receipt_photo(folder / "kvittering.jpg").read_bytes(),
        "Bilag/lang.txt": LONG_TEXT,
        "Bilag/tom.pdf": b"",
    }
    backup = make_zip(folder / "backup.zip", entries)
    assert run_cli(backup, folder / "out", "--quiet", "--jobs", "2") == ExitCode.findings
    data = folder / "out" / "data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    rows = {row["OriginalName"]: row for row in validate_table(data / "tables", "ArchiveDocuments")}
    return {"out": folder / "out", "data": data, "documents": {d["zip_name"]: d for d in report["documents"]},
            "rows": rows}


def _text(archive: dict[str, Any], name: str) -> str:
    """The text file of the document named ``name`` in the zip, as any tool would read it."""
    row = archive["rows"][name]
    assert row["TextPath"] == f"text/{row['OriginalPath'].removeprefix('original/')}.txt"
    assert row["TextPath"] == archive["documents"][name]["text"]
    path = archive["data"] / row["TextPath"]
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha256 == row["TextSha256"] == archive["documents"][name]["text_sha256"]
    return path.read_text(encoding="utf-8")


def _pages(text: str) -> list[str]:
    assert text.endswith("\f") and "\r" not in text
    return text.split("\f")[:-1]


def test_a_born_digital_pdf(archive: dict[str, Any]) -> None:
    pages = _pages(_text(archive, "Bilag/faktura.pdf"))
    assert len(pages) == 3 == archive["rows"]["Bilag/faktura.pdf"]["Pages"]
    assert all("Faktura fra Æblegården ApS" in page for page in pages)


def test_an_e_mail_and_its_attachment(archive: dict[str, Any]) -> None:
    text = _text(archive, "Bilag/mail.eml")
    for words in ("Ærø Købmand", "Faktura 2024-17 for æbler og ål", "Betaling inden 14 dage", "faktura-2024-17.pdf"):
        assert words in text, words
    attachment = next(name for name in archive["rows"] if name.startswith("Bilag/mail.eml »"))
    assert "Faktura 2024-17 fra Ærø Købmand" in _text(archive, attachment)


def test_an_office_document(archive: dict[str, Any]) -> None:
    text = _text(archive, "Bilag/tilbud.docx")
    assert "Tilbud til Søren Ølgaard" in text and "Pris 4.500,00 kr" in text


def test_an_oioubl_invoice(archive: dict[str, Any]) -> None:
    text = _text(archive, "Bilag/efaktura.xml")
    for words in ("Faktura A00095678", "Æblegården Øko ApS", "Økologiske æbler", "12.345,63 DKK"):
        assert words in text, words


def test_a_photographed_receipt_read_by_ocr(archive: dict[str, Any]) -> None:
    assert _pages(_text(archive, "Bilag/kvittering.jpg")) == ["\n".join(RECEIPT) + "\n"]


def test_without_a_copy_the_text_of_an_original_that_is_text(archive: dict[str, Any]) -> None:
    assert archive["rows"]["Bilag/lang.txt"]["Code"] == "text-too-long"
    assert _pages(_text(archive, "Bilag/lang.txt")) == [LONG_TEXT]
    empty = archive["rows"]["Bilag/tom.pdf"]
    assert (empty["TextPath"], empty["TextSha256"]) == (None, None)
    assert not (archive["data"] / "text/Bilag/tom.pdf.txt").exists()


def test_verify_names_a_missing_text(archive: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("verify", archive["out"]) == ExitCode.ok
    assert "; 6 PDF/A copies; 7 texts; " in capsys.readouterr().out  # the long text has no copy
    text = archive["data"] / "text/Bilag/tilbud.docx.txt"
    kept = text.read_bytes()
    text.unlink()
    try:
        assert [(p.where, p.phrase) for p in check_documents(archive["data"])] == [
            ("data/text/Bilag/tilbud.docx.txt", "text of a document missing")]
        assert run_cli("verify", archive["out"]) == ExitCode.verify_failed
        assert "text/Bilag/tilbud.docx.txt" in capsys.readouterr().out
    finally:
        text.write_bytes(kept)
