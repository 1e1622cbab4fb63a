"""OCR: every page of a copy that is a picture of text gets an invisible text layer under the
picture, read by Tesseract in Danish and English; the copy stays valid PDF/A-2b and looks as
before; pages that carry text are left as they were.

Judged by readers other than the ones that made the copies: pdfminer.six for the text (not
Tesseract or OCRmyPDF), pikepdf's validator and pikepdf's parser for the page structure, and the
same document converted with OCR off (``--no-ocr``) for "looks exactly as before".
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pikepdf
import pytest
from doc_inputs import job, text_pdf, validates
from ocr_inputs import RECEIPT, blank_photo, blurred_photo, fax_tiff, mixed_pdf, receipt_photo, scan_pdf
from pdfminer.high_level import extract_text
from pikepdf import Name

from helpers import make_zip, missing, run_cli, said, validate_table
from xena2archive._exec import chromium, tesseract
from xena2archive.documents import CONVERTED, DocumentResult, Limits
from xena2archive.documents.convert import convert

MAKERS = {"photo.jpg": receipt_photo, "fax.tif": fax_tiff, "scan.pdf": scan_pdf, "mixed.pdf": mixed_pdf,
          "text.pdf": text_pdf, "blurred.jpg": blurred_photo, "blank.jpg": blank_photo}


def page_text(path: Path, page: int) -> str:
    """What pdfminer.six reads on one page (0-based), white space made single spaces."""
    return " ".join(extract_text(path, page_numbers=[page]).split())


class Converted(NamedTuple):
    with_ocr: DocumentResult
    without: DocumentResult
    original: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    """Each input converted with OCR and without (``--no-ocr``)."""
    folder = tmp_path_factory.mktemp("ocr")
    results = {}
    for name, make in MAKERS.items():
        original = make(folder / name)
        with_ocr = convert(job(original, folder / "on"))
        results[name] = Converted(with_ocr, convert(job(original, folder / "off", ocr=False)), original)
    return results


def test_a_photographed_receipt_is_read_in_danish(converted: dict[str, Converted]) -> None:
    result = converted["photo.jpg"].with_ocr
    assert result.status == CONVERTED and validates(result.pdfa)
    ocr = result.ocr
    assert (ocr.status, ocr.pages, ocr.languages, ocr.words) == ("ran", 1, "dan+eng", 7)
    assert re.fullmatch(r"Tesseract 5\.\d+\.\d+", ocr.engine)
    assert ocr.confidence >= 80 and not ocr.low_confidence
    assert page_text(result.pdfa, 0) == " ".join(RECEIPT)


def test_every_page_of_a_fax_is_read(converted: dict[str, Converted]) -> None:
    result = converted["fax.tif"].with_ocr
    assert (result.pages, result.ocr.status, result.ocr.pages) == (2, "ran", 2) and validates(result.pdfa)
    for page in (0, 1):
        assert page_text(result.pdfa, page) == f"Kontoudtog side {page + 1} af 2 Overførsel til Ærø Bank " \
                                               f"Saldo {page + 1}.234,50 kr"


def test_a_pdf_page_that_is_only_an_image_is_read(converted: dict[str, Converted]) -> None:
    result = converted["scan.pdf"].with_ocr
    assert (result.format, result.ocr.status, result.ocr.pages) == ("pdf", "ran", 1) and validates(result.pdfa)
    assert page_text(result.pdfa, 0) == " ".join(RECEIPT)


def test_a_pdf_with_text_is_left_as_it_was(converted: dict[str, Converted]) -> None:
    with_ocr, without, _ = converted["text.pdf"]
    assert with_ocr.ocr.status == "not-needed" and without.ocr.status == "off"
    assert with_ocr.pdfa.read_bytes() == without.pdfa.read_bytes()


def test_only_the_picture_page_of_a_mixed_pdf_is_read(converted: dict[str, Converted]) -> None:
    with_ocr, without, _ = converted["mixed.pdf"]
    assert (with_ocr.ocr.status, with_ocr.ocr.pages) == ("ran", 1) and validates(with_ocr.pdfa)
    assert page_text(with_ocr.pdfa, 0) == "Faktura 17 fra Æblehuset ApS"
    assert page_text(with_ocr.pdfa, 1) == " ".join(RECEIPT)
    with pikepdf.open(with_ocr.pdfa) as layered, pikepdf.open(without.pdfa) as plain:
        text_page, plain_text_page = layered.pages[0], plain.pages[0]
        assert _contents(text_page) == _contents(plain_text_page)  # the same content streams
        assert repr(text_page.Resources) == repr(plain_text_page.Resources)


def test_the_text_is_invisible_and_under_the_picture(converted: dict[str, Converted]) -> None:
    for name in ("photo.jpg", "fax.tif", "scan.pdf"):
        with pikepdf.open(converted[name].with_ocr.pdfa) as pdf:
            for page in pdf.pages:
                drawn = [str(i.operands[0]) for i in pikepdf.parse_content_stream(page, "Do")]
                assert drawn[0] == "/OCR-text" and len(drawn) == 2, drawn  # the text first: under the picture
                layer = page.Resources.XObject["/OCR-text"]
                assert layer.Subtype == Name.Form
                modes, shown = [], 0
                for instruction in pikepdf.parse_content_stream(layer):
                    operator = str(instruction.operator)
                    if operator == "Tr":
                        modes.append(int(instruction.operands[0]))
                    elif operator in ("Tj", "TJ", "'", '"'):
                        shown += 1
                        assert modes and modes[-1] == 3, "text drawn in a visible mode"
                assert shown > 0


def test_the_picture_is_the_one_of_the_copy_without_ocr(converted: dict[str, Converted]) -> None:
    for name in ("photo.jpg", "fax.tif", "scan.pdf", "mixed.pdf"):
        with_ocr, without, _ = converted[name]
        with pikepdf.open(with_ocr.pdfa) as layered, pikepdf.open(without.pdfa) as plain:
            assert len(layered.pages) == len(plain.pages)
            pictures = 0
            for page, plain_page in zip(layered.pages, plain.pages, strict=True):
                assert page.mediabox == plain_page.mediabox
                images, plain_images = dict(page.get_images()), dict(plain_page.get_images())
                assert set(images) == set(plain_images), name
                for key, image in images.items():
                    assert image.read_raw_bytes() == plain_images[key].read_raw_bytes(), name
                    assert repr(image.stream_dict) == repr(plain_images[key].stream_dict), name
                    pictures += 1
                assert _contents(plain_page) in _contents(page)  # the picture drawn as before
            assert pictures, name


def test_without_ocr_there_is_no_text_layer(converted: dict[str, Converted]) -> None:
    for name in ("photo.jpg", "fax.tif", "scan.pdf"):
        without = converted[name].without
        assert without.ocr.status == "off" and validates(without.pdfa)
        assert page_text(without.pdfa, 0) == ""
        with pikepdf.open(without.pdfa) as pdf:
            assert all("/OCR-text" not in page.Resources.get("/XObject", {}) for page in pdf.pages)


def test_the_same_input_gives_the_same_bytes(converted: dict[str, Converted], tmp_path: Path) -> None:
    for name in ("photo.jpg", "fax.tif", "mixed.pdf"):
        first = converted[name]
        again = convert(job(shutil.copy(first.original, tmp_path / name), tmp_path))
        assert again.ocr == first.with_ocr.ocr
        assert again.pdfa.read_bytes() == first.with_ocr.pdfa.read_bytes(), name


def test_blurred_and_empty_pictures_have_low_confidence(converted: dict[str, Converted]) -> None:
    for name in ("blurred.jpg", "blank.jpg"):
        result = converted[name].with_ocr
        assert result.status == CONVERTED and validates(result.pdfa)
        assert result.ocr.status == "ran" and result.ocr.low_confidence, result.ocr


def test_ocr_out_of_time_keeps_the_copy_without_a_text_layer(tmp_path: Path) -> None:
    # OCR gets what the watchdog leaves but one timeout_s: here nothing
    result = convert(job(receipt_photo(tmp_path / "photo.jpg"), tmp_path,
                         limits=Limits(timeout_s=60, document_timeout_s=60)))
    assert result.status == CONVERTED and validates(result.pdfa)
    assert result.ocr.status == "failed"
    assert any("no text layer" in reason and "time for OCR was over" in reason for reason in said(result))
    assert page_text(result.pdfa, 0) == ""


def test_without_danish_data_the_copy_has_no_text_layer_and_says_why(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"eng", "osd"}))
    result = convert(job(receipt_photo(tmp_path / "photo.jpg"), tmp_path))
    assert result.status == CONVERTED and result.ocr.status == "failed"
    assert any("tesseract-ocr-dan" in reason for reason in said(result))


def _contents(page: pikepdf.Page) -> bytes:
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"".join(stream.read_bytes() for stream in streams)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A backup with a receipt photo, a blurred photo and a text PDF, converted by the CLI with
    OCR and with --no-ocr."""
    folder = tmp_path_factory.mktemp("ocr-cli")
    inputs = {name: MAKERS[name](folder / name) for name in ("photo.jpg", "blurred.jpg", "text.pdf")}
    backup = make_zip(folder / "backup.zip", {f"Bilag/{name}": path.read_bytes() for name, path in inputs.items()})
    out = {}
    for run, flags in (("ocr", ()), ("no-ocr", ("--no-ocr",))):
        assert run_cli(backup, folder / run, "--quiet", "--jobs", "2", *flags) == 1  # not a Xena backup
        out[run] = folder / run / "data"
    return out


def test_the_table_of_documents_says_what_ocr_did(archives: dict[str, Path]) -> None:
    rows = {row["OriginalName"]: row for row in validate_table(archives["ocr"] / "tables", "ArchiveDocuments")}
    photo, blurred, text = rows["Bilag/photo.jpg"], rows["Bilag/blurred.jpg"], rows["Bilag/text.pdf"]
    assert (photo["Ocr"], photo["OcrPages"], photo["OcrLanguages"], photo["OcrWords"]) == ("ran", 1, "dan+eng", 7)
    assert photo["OcrEngine"].startswith("Tesseract 5.") and 80 <= float(photo["OcrConfidence"]) <= 100
    assert (blurred["Ocr"], blurred["OcrWords"], blurred["OcrConfidence"]) == ("ran", 0, None)
    assert (text["Ocr"], text["OcrPages"], text["OcrEngine"], text["OcrConfidence"]) == ("not-needed", None, None, None)
    plain = validate_table(archives["no-ocr"] / "tables", "ArchiveDocuments")
    assert {row["Ocr"] for row in plain} == {"off"}
    assert all(row[column] is None for row in plain for column in ("OcrPages", "OcrEngine", "OcrConfidence"))


def test_low_confidence_is_a_finding_for_that_document_only(archives: dict[str, Path]) -> None:
    report = json.loads((archives["ocr"] / "report.json").read_text(encoding="utf-8"))
    low = [f for f in report["findings"] if f["code"] in ("ocr-no-words", "ocr-low-confidence")]
    assert [f["where"] for f in low] == ["Bilag/blurred.jpg"] and low[0]["severity"] == "warning"
    assert low[0]["code"] == "ocr-no-words" and "found no word" in low[0]["message"]
    assert report["software"]["Tesseract"].startswith("5.")
    plain = json.loads((archives["no-ocr"] / "report.json").read_text(encoding="utf-8"))
    assert not [f for f in plain["findings"] if f["code"].startswith("ocr-")]
    assert "Tesseract" not in plain["software"]


def test_the_text_of_a_photo_is_what_ocr_read(archives: dict[str, Path]) -> None:
    assert (archives["ocr"] / "text/Bilag/photo.jpg.txt").read_text(encoding="utf-8") == "\n".join(RECEIPT) + "\n\f"
    assert (archives["no-ocr"] / "text/Bilag/photo.jpg.txt").read_text(encoding="utf-8") == "\f"  # a page, no text


def test_the_search_finds_what_ocr_read(archives: dict[str, Path]) -> None:
    """OCR, the text of the document, the index's search: the receipt's Danish words typed plainly
    (``aeblegaarden`` for "Æblegården") with its amount typed another way lead to the photo's row on
    the documents page (the text PDF says "Æblegården" too, but not the rest)."""
    if chromium.PROBE.which() is None:
        missing("Chromium is not installed (apt-get install chromium)",
                "Chromium is needed in CI (apt-get install chromium)")
    found = {}
    for run in ("ocr", "no-ocr"):
        page = archives[run] / "index" / "soeg.html"
        dom = chromium.dump_dom(page, query="q=aeblegaarden+soendergade+1234.56").stdout
        found[run] = re.findall(r'<li class="hit-d">[^<]*<a href="([^"]+)">', dom)
    documents = (archives["ocr"] / "index" / "dokumenter.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="(d[0-9]+)"><th scope="row">[^<]*<br><span class="file">Bilag/photo.jpg<', documents)
    assert row and found == {"ocr": [f"dokumenter.html#{row[1]}"], "no-ocr": []}
