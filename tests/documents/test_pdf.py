"""PDFs through Ghostscript: valid PDF/A-2b, fonts embedded, pages kept, hostile input refused."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from doc_inputs import (
    fonts_embedded,
    job,
    page_texts,
    pdf_text,
    pdf_with_active_content,
    signed_pdf,
    text_pdf,
    validates,
)
from pikepdf import Name

from xena2archive.documents import CONVERTED, FAILED, NOT_CONVERTED, Limits

from xena2archive.documents.convert import convert
from xena2archive._exec import ghostscript
from xena2archive.documents import pdfa as gate
from xena2archive.documents.model import ConversionFailed
from xena2archive.documents.pdfcheck import open_made, survey
from helpers import said


def test_text_pdf_becomes_valid_pdfa_with_fonts_embedded(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "bilag.pdf", pages=4)
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED, said(result)
    assert result.pages == 4 and result.code is None and result.removed == ()
    assert result.pdfa is not None and validates(result.pdfa)
    assert fonts_embedded(result.pdfa) and all("Helvetica" in f for f in fonts_embedded(result.pdfa))
    assert "Æblegården ApS side 4" in pdf_text(result.pdfa)
    with pikepdf.open(result.pdfa) as copy:
        assert len(copy.pages) == 4
        assert not copy.is_encrypted
        meta = copy.open_metadata()
        assert meta["dc:source"] == "bilag.pdf"
        assert result.sha256 in meta["pdf:Keywords"]
        assert "Ghostscript" in str(copy.docinfo.Subject)
        assert str(copy.docinfo.CreationDate).startswith("D:20000101000000")


def test_metadata_dates_come_from_the_job(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "a.pdf", pages=1)
    result = convert(job(original, tmp_path, timestamp="2023-05-17T08:30:00+02:00"))
    assert result.pdfa is not None
    with pikepdf.open(result.pdfa) as copy:
        meta = copy.open_metadata()
        assert meta["xmp:CreateDate"] == meta["xmp:MetadataDate"] == "2023-05-17T08:30:00+02:00"
        assert str(copy.docinfo.ModDate).startswith("D:20230517083000+02'00")


def test_user_password_is_not_converted(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "locked.pdf", pages=1)
    with pikepdf.open(original, allow_overwriting_input=True) as pdf:
        pdf.save(original, encryption=pikepdf.Encryption(user="hemmelig", owner="ejer"))
    result = convert(job(original, tmp_path))
    assert (result.status, result.code, result.pdfa) == (NOT_CONVERTED, "encrypted", None)
    assert "password" in said(result)[0]
    assert not (tmp_path / "locked.pdfa.pdf").exists()


def test_owner_password_only_is_converted_without_encryption(tmp_path: Path) -> None:
    """Decision: an owner password only restricts printing/copying; anyone can read the file.
    PDF/A forbids encryption, so the copy has none, and the report says so."""
    original = text_pdf(tmp_path / "restricted.pdf", pages=2)
    with pikepdf.open(original, allow_overwriting_input=True) as pdf:
        pdf.save(
            original,
            encryption=pikepdf.Encryption(
                user="", owner="ejer", allow=pikepdf.Permissions(extract=False, print_highres=False)
            ),
        )
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    assert any("owner password" in reason for reason in said(result))
    with pikepdf.open(result.pdfa) as copy:
        assert not copy.is_encrypted and len(copy.pages) == 2


def test_active_content_is_removed_and_reported(tmp_path: Path) -> None:
    original = pdf_with_active_content(tmp_path / "active.pdf")
    with pikepdf.open(original) as pdf:
        assert {"JavaScript", "OpenAction", "EmbeddedFiles", "Launch"} <= survey(pdf).active
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    assert {"JavaScript", "OpenAction", "EmbeddedFiles", "Launch"} <= set(result.removed)
    with pikepdf.open(result.pdfa) as copy:
        assert survey(copy).active == frozenset()
        assert Name.OpenAction not in copy.Root
        assert not copy.attachments
        names = copy.Root.get(Name.Names, pikepdf.Dictionary())
        assert Name.JavaScript not in names and Name.EmbeddedFiles not in names
        raw = copy.Root.Metadata.read_bytes()  # a cheap extra look: no script text anywhere
    assert b"app.alert" not in result.pdfa.read_bytes() and b"app.alert" not in raw
    assert b"not for the archive" not in result.pdfa.read_bytes()


def test_signed_pdf_is_kept_as_it_is(tmp_path: Path) -> None:
    original = signed_pdf(tmp_path / "signed.pdf")
    before = original.read_bytes()
    result = convert(job(original, tmp_path))
    assert (result.status, result.code, result.pdfa) == (NOT_CONVERTED, "signed", None)
    assert "signed" in said(result)[0]
    assert original.read_bytes() == before


def test_corrupt_and_empty_pdfs(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    broken = convert(job(corrupt, tmp_path))
    assert (broken.status, broken.code, broken.format) == (NOT_CONVERTED, "corrupt", "pdf")
    assert "cannot be read" in said(broken)[0]
    nothing = convert(job(empty, tmp_path))
    assert (nothing.status, nothing.code, nothing.format, nothing.size) == (
        NOT_CONVERTED,
        "empty",
        "empty",
        0,
    )


def test_truncated_pdf_keeps_the_pages_that_survive(tmp_path: Path) -> None:
    """Cut in half, a six-page PDF keeps the objects of pages 1 and 2 only: qpdf repairs it, and the
    copy has six pages, the text of the first two and nothing on the others, as the original shows."""
    whole = text_pdf(tmp_path / "whole.pdf", pages=6).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole[: len(whole) // 2])
    result = convert(job(truncated, tmp_path))
    assert (result.status, result.code, result.pages) == (CONVERTED, None, 6)
    assert said(result) == (
        "the PDF is damaged and was repaired on reading (truncated.pdf: file is damaged)",
        "Ghostscript reported: Error: Page drawing error occurred. Output may be incorrect",
    )
    assert result.pdfa is not None and validates(result.pdfa)
    texts = page_texts(result.pdfa)
    assert len(texts) == 6
    for number in (1, 2):
        assert f"Æblegården ApS side {number} linje 29" in texts[number - 1]
    assert [t.strip() for t in texts[2:]] == ["", "", "", ""]


def objstm_pdf_with_wrong_startxref(path: Path, pages: int) -> Path:
    """A PDF whose objects sit in object streams, with its ``startxref`` pointing nowhere: qpdf
    rebuilds the cross-reference table and reads every page; Ghostscript 10.0 cannot, and writes
    one blank page and exits 0."""
    with pikepdf.open(text_pdf(path.with_suffix(".src.pdf"), pages=pages)) as pdf:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = path.read_bytes()
    found = re.search(rb"startxref\s+(\d+)", data)
    assert found is not None
    path.write_bytes(data[: found.start(1)] + b"9" * len(found.group(1)) + data[found.end(1):])
    return path


def test_a_pdf_ghostscript_cannot_read_is_caught_by_the_blank_output_guard(tmp_path: Path) -> None:
    """A real file, no simulation: Ghostscript's blank copy never passes as a conversion."""
    three = objstm_pdf_with_wrong_startxref(tmp_path / "tre.pdf", pages=3)
    with pikepdf.open(three) as pdf:  # qpdf reads it whole
        assert len(pdf.pages) == 3
    work = tmp_path / "gs"
    work.mkdir()
    ghostscript.run_pdfa(three, work / "copy.pdf", work, timeout_s=60, memory_mb=1024)  # no error raised
    assert [t.strip() for t in page_texts(work / "copy.pdf")] == [""]  # one blank page
    result = convert(job(three, tmp_path))
    assert (result.status, result.code, result.pdfa) == (FAILED, "content-lost", None)
    assert said(result)[0] == ("the copy has 1 page where the original has 3: Ghostscript could not read "
                               "all of it")
    one = convert(job(objstm_pdf_with_wrong_startxref(tmp_path / "en.pdf", pages=1), tmp_path))
    assert (one.status, one.code, one.pdfa) == (FAILED, "content-lost", None)
    assert said(one)[0] == ("1 page of the copy (1) lost text or drawing the original has: Ghostscript could "
                            "not read it")
    assert not (tmp_path / "tre.pdfa.pdf").exists() and not (tmp_path / "en.pdfa.pdf").exists()


def test_page_limit(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "long.pdf", pages=5)
    result = convert(job(original, tmp_path, limits=Limits(max_pages=4)))
    assert (result.status, result.code) == (NOT_CONVERTED, "too-many-pages")


def test_default_page_limit_refuses_2001_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused before Ghostscript is started (how quickly: bench/guards.py)."""

    def no_ghostscript(*args: object, **kwargs: object) -> str:
        raise AssertionError("Ghostscript was started for a PDF over the page limit")

    monkeypatch.setattr(ghostscript, "run_pdfa", no_ghostscript)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    for _ in range(2000):
        pdf.pages.append(page)
    pdf.save(tmp_path / "huge.pdf")
    result = convert(job(tmp_path / "huge.pdf", tmp_path))
    assert (result.status, result.code) == (NOT_CONVERTED, "too-many-pages")
    assert said(result) == ("2,001 pages, more than the limit of 2,000 pages",)


def test_ghostscript_time_out_kills_it(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "slow.pdf", pages=40)
    result = convert(job(original, tmp_path, limits=Limits(timeout_s=0.01)))
    assert (result.status, result.code, result.pdfa) == (FAILED, "timeout", None)


def test_blank_output_from_ghostscript_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ghostscript 10.0 writes one blank page, exit 0, for input it cannot read. Simulate it."""

    def blank_page(source: Path, output: Path, workdir: Path, **limits: object) -> str:
        blank = pikepdf.new()
        blank.add_blank_page()
        blank.save(output)
        return ""

    monkeypatch.setattr(ghostscript, "run_pdfa", blank_page)
    one_page = convert(job(text_pdf(tmp_path / "one.pdf", pages=1), tmp_path))
    assert (one_page.status, one_page.code) == (FAILED, "content-lost")
    assert "1 page of the copy (1)" in said(one_page)[0]
    three = convert(job(text_pdf(tmp_path / "three.pdf", pages=3), tmp_path))
    assert (three.status, three.code) == (FAILED, "content-lost")
    assert "1 page where the original has 3" in said(three)[0]


def test_missing_ghostscript_is_a_clear_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = text_pdf(tmp_path / "a.pdf", pages=1)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    ghostscript.locate.cache_clear()
    try:
        result = convert(job(original, tmp_path))
    finally:
        ghostscript.locate.cache_clear()
    assert (result.status, result.code) == (FAILED, "ghostscript-missing")
    assert "Ghostscript" in said(result)[0]


def test_ghostscript_memory_limit_is_applied(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "a.pdf", pages=1)
    result = convert(job(original, tmp_path, limits=Limits(memory_mb=8)))
    assert (result.status, result.code, result.pdfa) == (FAILED, "out-of-memory", None)
    assert "8 MB" in said(result)[0]


def test_copy_that_fails_validation_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate trusts only the validator: slip a forbidden JavaScript action in after every
    other check, and the copy must be refused and not left at the target."""
    write_metadata = gate._write_metadata

    def sneak_in_javascript(pdf: pikepdf.Pdf, provenance: gate.Provenance) -> None:
        write_metadata(pdf, provenance)
        pdf.Root.OpenAction = pikepdf.Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))

    monkeypatch.setattr(gate, "_write_metadata", sneak_in_javascript)
    original = text_pdf(tmp_path / "a.pdf", pages=1)
    result = convert(job(original, tmp_path))
    assert (result.status, result.code, result.pdfa) == (FAILED, "pdfa-invalid", None)
    assert "did not pass PDF/A-2b validation" in said(result)[0]
    assert not (tmp_path / "a.pdfa.pdf").exists()


def test_unknown_security_handler_is_encrypted_and_messages_use_the_name(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    text_pdf(locked, pages=1)
    with pikepdf.open(locked, allow_overwriting_input=True) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="a", owner="b"))
    locked.write_bytes(locked.read_bytes().replace(b"/Filter /Standard", b"/Filter /FooBar"))
    result = convert(job(locked, tmp_path, name="Bilag/locked.pdf"))
    assert (result.status, result.code) == (NOT_CONVERTED, "encrypted")
    assert str(tmp_path) not in said(result)[0] and "Bilag/locked.pdf" in said(result)[0]


def test_a_converters_unreadable_output_is_that_programs_failure(tmp_path: Path) -> None:
    """What Ghostscript or LibreOffice wrote is not a PDF: the copy failed (not the original), with
    the program's code and a reason that names it."""
    written = tmp_path / "gs.pdf"
    written.write_bytes(b"GPL Ghostscript: Unrecoverable error\n")
    with pytest.raises(ConversionFailed) as failed:
        open_made(written, "ghostscript-error", "Ghostscript")
    assert (failed.value.status, failed.value.code) == (FAILED, "ghostscript-error")
    assert failed.value.reason.code == "doc-output-unreadable" and "Ghostscript" in failed.value.reason.message

