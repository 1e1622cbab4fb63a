"""The copies' metadata speaks Danish first: dc:title and dc:description are XMP language
alternatives with the Danish text as x-default (and under ``da``) and an English one under ``en``;
the DocInfo dictionary holds the x-default, as a reader that knows no XMP shows it.

Read with lxml from the XMP packet's bytes as pikepdf hands them over (pikepdf only as a PDF
reader, not its metadata model), and the copies validated as PDF/A-2b as every other test does."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from doc_inputs import OIOUBL_INVOICE, job, text_pdf, validates
from lxml import etree
from ocr_inputs import receipt_photo
from PIL import Image

from helpers import said
from xena2archive.documents import CONVERTED
from xena2archive.documents.convert import convert

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _alternatives(copy: pikepdf.Pdf, name: str) -> list[tuple[str, str]]:
    """The (language, text) items of the dc property ``name``'s rdf:Alt, in the packet's order."""
    root = etree.fromstring(copy.Root.Metadata.read_bytes())
    (holder,) = root.iter(f"{{{DC}}}{name}")
    (alt,) = holder.iter(f"{{{RDF}}}Alt")
    return [(item.get(LANG), item.text) for item in alt.iter(f"{{{RDF}}}li")]


def _copy(original: Path, tmp_path: Path, **kwargs: object) -> tuple[Path, str]:
    result = convert(job(original, tmp_path, **kwargs))
    assert result.status == CONVERTED and result.pdfa is not None, said(result)
    assert validates(result.pdfa)
    return result.pdfa, result.sha256


def _plain_image(path: Path) -> Path:
    Image.new("RGB", (300, 200), (40, 120, 200)).save(path, "PNG")
    return path


@pytest.mark.parametrize("case", ["image", "invoice", "receipt"])
def test_title_and_description_in_danish_with_english_beside(tmp_path: Path, case: str) -> None:
    if case == "image":  # no title of its own: a title made here
        original = _plain_image(tmp_path / "kvittering.png")
        title = ("PDF/A-kopi af kvittering.png", "PDF/A copy of kvittering.png")
        tools = ("med Pillow ", "with Pillow ")
    elif case == "invoice":  # a rendering made here: what it shows, in both languages
        original = tmp_path / "faktura.xml"
        original.write_text(OIOUBL_INVOICE, encoding="utf-8")
        title = ("Faktura A00095678 - læsbar gengivelse af faktura.xml",
                 "Invoice A00095678 - readable rendering of faktura.xml")
        tools = ("med lxml ", "with lxml ")
    else:  # a photographed receipt read by OCR: the text layer is named in both languages
        original = receipt_photo(tmp_path / "bon.jpg")
        title = ("PDF/A-kopi af bon.jpg", "PDF/A copy of bon.jpg")
        tools = (", med et tekstlag fra OCRmyPDF ", ", with a text layer by OCRmyPDF ")
    path, sha256 = _copy(original, tmp_path)
    with pikepdf.open(path) as copy:
        titles, descriptions = _alternatives(copy, "title"), _alternatives(copy, "description")
        info = {key: str(value) for key, value in copy.docinfo.items()}
    assert titles == [("x-default", title[0]), ("da", title[0]), ("en", title[1])]
    assert [language for language, _ in descriptions] == ["x-default", "da", "en"]
    danish, english = descriptions[1][1], descriptions[2][1]
    assert descriptions[0][1] == danish
    assert danish.startswith(f"PDF/A-2b-kopi af '{original.name}' (sha256 {sha256}), lavet af xena2archive ")
    assert danish.endswith(". Originalfilen er bevaret ved siden af.") and tools[0] in danish
    assert english.startswith(f"PDF/A-2b copy of '{original.name}' (sha256 {sha256}), made by xena2archive ")
    assert english.endswith(". The original file is kept beside it.") and tools[1] in english
    for word in (" og ", " med "):  # the programs are listed in Danish in the Danish text...
        assert word in danish and word not in english
    for word in (" and ", " with ", "copy", "made by", "kept"):  # ... and no English word is left in it
        assert word not in danish, word
    # DocInfo (one text per key) holds what XMP's x-default says
    assert info["/Title"] == title[0] and info["/Subject"] == danish


def test_an_own_title_is_kept_as_it_is_with_no_language_claimed(tmp_path: Path) -> None:
    """The original's own title is its author's words in a language we do not know: it stays the
    title, alone as x-default; the description is still ours, in Danish and English."""
    original = text_pdf(tmp_path / "bilag.pdf", pages=1)
    with pikepdf.open(original, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = "Invoice 4711 from Æblegården"
        pdf.save(original)
    path, _ = _copy(original, tmp_path)
    with pikepdf.open(path) as copy:
        assert _alternatives(copy, "title") == [("x-default", "Invoice 4711 from Æblegården")]
        assert [language for language, _ in _alternatives(copy, "description")] == ["x-default", "da", "en"]
        assert str(copy.docinfo["/Title"]) == "Invoice 4711 from Æblegården"
        assert "lavet af xena2archive" in str(copy.docinfo["/Subject"])
