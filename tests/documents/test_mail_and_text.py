"""E-mails, text and HTML receipts: decoded right, rendered offline, validated, text kept;
attachments set apart; library chatter caught as notes."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import warnings
from email.message import EmailMessage
from pathlib import Path

import pikepdf
import pytest
from doc_inputs import job, odd_font_pdf, outlook_msg, plain_text, text_pdf, validates
from PIL import Image

from xena2archive.documents import CONVERTED, NOT_CONVERTED, mail, messages, text

from xena2archive.documents.convert import convert
from helpers import said
from xena2archive.findings import Finding


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Beløb: 100,00 kr\nTak for købet\n".encode("cp1252"), "cp1252"),
        ("Smørrebrød 45,00\nØl 30,00\nÅbent hver dag\n".encode("cp850"), "cp850"),
        ("Beløb æøå\n".encode(), "utf-8"),
        ("\ufeffBeløb æøå\n".encode("utf-8"), "utf-8-sig"),
        ("Beløb æøå\n".encode("utf-16"), "utf-16"),
    ],
)
def test_text_encodings(data: bytes, encoding: str) -> None:
    decoded = text.decode(data)
    assert decoded.encoding == encoding
    assert "ø" in decoded.text.lower() and "\ufffd" not in decoded.text


def test_html_declared_charset_is_used_when_it_fits_and_ignored_when_it_does_not() -> None:
    right = '<meta charset="windows-1252"><p>Beløb</p>'.encode("cp1252")
    assert text.decode(right, html_document=True).how.phrase == "declared in the HTML as windows-1252"
    wrong = '<meta charset="utf-8"><p>Beløb i alt for købet</p>'.encode("cp1252")
    decoded = text.decode(wrong, html_document=True)
    assert decoded.encoding == "cp1252" and "Beløb" in decoded.text


def test_text_receipt_in_cp1252(tmp_path: Path) -> None:
    original = tmp_path / "kvittering.txt"
    original.write_bytes("KVITTERING\nBager Åsted\n2 rugbrød   58,00\nI alt      58,00 kr\n".encode("cp1252"))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.format == "text" and result.pronom == "x-fmt/111"
    assert result.pdfa is not None and validates(result.pdfa)
    assert "read as Windows-1252 (detected by charset-normalizer)" in said(result)
    assert "2 rugbrød 58,00" in plain_text(result.pdfa)


def test_html_receipt_renders_offline(tmp_path: Path, listener) -> None:
    """A stylesheet, a tracker picture and an object on a real local HTTP listener, and a local file:
    none is fetched (the listener sees no connection) or read, and each is listed as not fetched."""
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMMELIGT", encoding="utf-8")
    logo = io.BytesIO()
    Image.new("RGB", (30, 10), (200, 0, 0)).save(logo, "PNG")
    import base64

    inline = base64.b64encode(logo.getvalue()).decode()
    original = tmp_path / "kvittering.html"
    original.write_bytes(
        (
            '<!DOCTYPE html><html><head><meta charset="windows-1252">'
            f'<link rel="stylesheet" href="{listener.url("style.css")}"></head><body>'
            "<h1>Kvittering</h1><p>Café Østergård: 245,00 kr</p>"
            f'<img src="data:image/png;base64,{inline}">'
            f'<img src="{secret.as_uri()}"><iframe src="{secret.as_uri()}"></iframe>'
            f'<img src="{listener.url("pixel.gif")}" width="1" height="1">'
            f'<object data="{listener.url("x.svg")}"></object></body></html>'
        ).encode("cp1252")
    )
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.format == "html", said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    words = plain_text(result.pdfa)
    assert "Café Østergård: 245,00 kr" in words and "HEMMELIGT" not in words
    refused = next(r for r in said(result) if "not fetched" in r)
    assert listener.url("style.css") in refused and listener.url("pixel.gif") in refused
    assert secret.as_uri() in refused
    assert listener.seen() == []
    with pikepdf.open(result.pdfa) as pdf:  # the data: image is in, the file: one is not
        assert len(pdf.pages[0].get_images()) == 1


def test_css_gradient_is_flattened_and_said(tmp_path: Path) -> None:
    original = tmp_path / "flot.html"
    original.write_text(
        '<html><body><div style="background: linear-gradient(red, blue)">Beløb 10,00</div></body></html>',
        encoding="utf-8",
    )
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    assert any("gradients" in r for r in said(result))


def _eml(path: Path, *, html_body: bool = True) -> Path:
    message = EmailMessage()
    message["From"] = "=?utf-8?q?=C3=86blig=C3=A5rden?= <a@example.dk>"
    message["To"] = "b@example.dk"
    message["Date"] = "Tue, 14 Mar 2023 09:30:00 +0100"
    message["Subject"] = "=?utf-8?q?Faktura_p=C3=A5_=C3=A6bler?="
    message.set_content("Hej, faktura vedhæftet.\n")
    if html_body:
        message.add_alternative(
            '<p>Hej, <b>faktura</b> vedhæftet.</p><img src="cid:logo@x"><script>alert(1)</script>', subtype="html"
        )
        logo = io.BytesIO()
        Image.new("RGB", (20, 20), "green").save(logo, "PNG")
        message.get_payload()[1].add_related(logo.getvalue(), "image", "png", cid="<logo@x>")
    message.add_attachment(text_pdf(path.with_suffix(".pdf"), pages=1).read_bytes(), maintype="application",
                           subtype="pdf", filename="../../etc/faktura.pdf")  # fmt: skip
    path.write_bytes(bytes(message))
    return path


def test_eml_page_and_attachments(tmp_path: Path) -> None:
    original = _eml(tmp_path / "mail.eml")
    folder = tmp_path / "mail.eml.attachments"
    result = convert(job(original, tmp_path, attachments=folder))
    assert result.status == CONVERTED and result.format == "eml", said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    words = plain_text(result.pdfa)
    for expected in ("Æbligården", "Faktura på æbler", "14 Mar 2023", "faktura vedhæftet"):
        assert expected in words, (expected, words)
    assert "alert" not in words
    names = [(a.file, a.name, a.content_type) for a in result.attachments]
    # the inline logo has no name (one from its type), the PDF's name holds no folder any more
    assert names == [("01-del-1.png", "", "image/png"), ("02-faktura.pdf", "../../etc/faktura.pdf", "application/pdf")]
    assert sorted(p.name for p in folder.iterdir()) == [n[0] for n in names]  # nothing outside the folder
    assert (folder / "02-faktura.pdf").read_bytes() == original.with_suffix(".pdf").read_bytes()
    with pikepdf.open(result.pdfa) as pdf:  # the cid: logo is shown
        assert len(pdf.pages[0].get_images()) == 1


def test_eml_without_folder_keeps_attachments_in_the_original_only(tmp_path: Path) -> None:
    result = convert(job(_eml(tmp_path / "mail.eml", html_body=False), tmp_path))
    assert result.status == CONVERTED and result.attachments == ()
    assert any("only in the original" in r for r in said(result))


def test_outlook_msg(tmp_path: Path) -> None:
    original = outlook_msg(
        tmp_path / "faktura.msg", subject="Faktura 42 fra Ærø Tømrer", body="Hej\nHermed faktura på 500,00 kr.\n",
        sender="Ærø Tømrer", to="Bogholderi", when=dt.datetime(2023, 3, 14, 9, 30, tzinfo=dt.UTC),
        attachments=[("faktura.txt", "Faktura 42 Ærø".encode("cp1252"), "text/plain")],
    )  # fmt: skip
    result = convert(job(original, tmp_path, attachments=tmp_path / "att"))
    assert (result.status, result.format, result.pronom) == (CONVERTED, "msg", "x-fmt/430"), said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    words = plain_text(result.pdfa)
    for expected in ("Faktura 42 fra Ærø Tømrer", "Ærø Tømrer", "Bogholderi", "2023-03-14", "500,00 kr", "faktura.txt"):
        assert expected in words, expected
    assert [a.file for a in result.attachments] == ["01-faktura.txt"]


def test_damaged_mail_is_a_reason(tmp_path: Path) -> None:
    original = tmp_path / "broken.msg"
    original.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(mail.MailUnreadable):
        mail.read(original, "msg")
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01 not a mail at all")
    with pytest.raises(mail.MailUnreadable):
        mail.read(junk, "eml")


def test_library_chatter_becomes_notes(tmp_path: Path) -> None:
    notes: list[Finding] = []
    with messages.captured(notes, replace=(("/tmp/x/original", "bilag.pdf"),)):
        logging.getLogger("fontTools.ttLib.tables._h_m_t_x").warning("too much 'hmtx' table data")
        logging.getLogger("weasyprint").info("Step 1 - Fetching and parsing HTML")  # below WARNING
        warnings.warn("Image appears to be malformed", UserWarning, stacklevel=1)
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        os.write(2, b"Fontconfig warning: /tmp/x/original: no font\n")
    assert [note.phrase for note in notes] == [
        "a library reported: fontTools: too much 'hmtx' table data",
        "a library reported: Fontconfig warning: bilag.pdf: no font",
        "a library reported: UserWarning: Image appears to be malformed",
    ]


def test_css_warning_of_a_receipt_is_a_note_not_output(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    original = tmp_path / "odd.html"
    original.write_text("<html><body><p style='colour: red; width: banana'>Beløb 5,00</p></body></html>",
                        encoding="utf-8")  # fmt: skip
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED
    assert any(r.startswith("a library reported: weasyprint:") for r in said(result)), said(result)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_too_long_text_is_kept_as_original(tmp_path: Path) -> None:
    original = tmp_path / "log.txt"
    original.write_bytes(b"linje\n" * 400_000)
    result = convert(job(original, tmp_path))
    assert (result.status, result.code) == (NOT_CONVERTED, "text-too-long")


def test_plain_message_without_mime_headers(tmp_path: Path) -> None:
    original = tmp_path / "besked.eml"
    original.write_bytes(
        "From: Søren <s@example.dk>\nTo: b@example.dk\nSubject: Kvittering\nDate: Tue, 14 Mar 2023 09:30:00 +0100\n"
        "\nBeløb 120,00 kr betalt.\n".encode("cp1252")
    )
    result = convert(job(original, tmp_path, attachments=tmp_path / "att"))
    assert (result.status, result.format) == (CONVERTED, "eml"), said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    words = plain_text(result.pdfa)
    assert "Beløb 120,00 kr betalt." in words and "Kvittering" in words
    assert result.attachments == () and not (tmp_path / "att").exists()


def test_font_table_warning_is_a_note_not_output(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """fontTools logs "too much 'hmtx' table data" when the validator reads such a font; Python
    prints an unhandled log record on stderr, unnamed. Here it becomes a note of the document."""
    result = convert(job(odd_font_pdf(tmp_path / "bilag.pdf"), tmp_path))
    assert result.status == CONVERTED, said(result)
    assert "a library reported: fontTools: too much 'hmtx' table data" in said(result)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
