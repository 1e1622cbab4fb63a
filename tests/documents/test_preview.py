"""Pictures of a copy's first pages for the index (``preview.py``): at most three, 100 dpi JPEG,
the same bytes every time, none for an original a browser shows as a picture.

The pictures are read back with Pillow; that they show the page is checked at a place of the
page the test drew itself (a blue bar), not with the renderer that made them."""

from __future__ import annotations

from pathlib import Path

from doc_inputs import job, text_pdf
from ocr_inputs import fax_tiff
from PIL import Image

from helpers import said
from xena2archive.documents import CONVERTED
from xena2archive.documents.convert import convert


def _converted(original: Path, out: Path, **kwargs: object) -> tuple[Path, ...]:
    result = convert(job(original, out, preview=out / "sider" / original.name, **kwargs))
    assert result.status == CONVERTED, said(result)
    return result.previews


def test_the_first_three_pages_of_a_longer_pdf(tmp_path: Path) -> None:
    previews = _converted(text_pdf(tmp_path / "bilag.pdf", pages=5), tmp_path / "a")
    assert [p.name for p in previews] == ["bilag.pdf.1.jpg", "bilag.pdf.2.jpg", "bilag.pdf.3.jpg"]
    assert sorted((tmp_path / "a" / "sider").iterdir()) == list(previews)
    for path in previews:
        with Image.open(path) as picture:
            assert picture.format == "JPEG" and picture.mode == "RGB"
            # an A4 page (595 x 842 points) at 100 dpi
            assert abs(picture.width - 595 * 100 / 72) <= 1 and abs(picture.height - 842 * 100 / 72) <= 1
            # text_pdf's blue bar, 60-260 points from the left, 60-80 points from the bottom
            red, green, blue = picture.getpixel((round(160 * 100 / 72), picture.height - round(70 * 100 / 72)))
            assert blue > 150 and red < 100, (red, green, blue)
            assert picture.getpixel((5, 5)) == (255, 255, 255)  # paper


def test_same_bytes_every_time(tmp_path: Path) -> None:
    original = text_pdf(tmp_path / "bilag.pdf", pages=2)
    first, second = _converted(original, tmp_path / "a"), _converted(original, tmp_path / "b")
    assert len(first) == 2 and [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_picture_a_browser_shows_gets_none_a_tiff_does(tmp_path: Path) -> None:
    png = tmp_path / "kvittering.png"
    Image.new("RGB", (300, 200), (40, 120, 200)).save(png)
    assert _converted(png, tmp_path / "png") == ()
    assert not (tmp_path / "png" / "sider").exists()
    fax = _converted(fax_tiff(tmp_path / "fax.tif", pages=2), tmp_path / "tif", ocr=False)
    assert [p.name for p in fax] == ["fax.tif.1.jpg", "fax.tif.2.jpg"]
