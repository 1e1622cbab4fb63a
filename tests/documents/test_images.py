"""Images to PDF/A-2b: every format, alpha on white, EXIF orientation, TIFF pages, bombs refused."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from doc_inputs import image_bytes, job, png_bomb, validates
from PIL import Image

from xena2archive.documents import CONVERTED, NOT_CONVERTED, Limits

from xena2archive.documents.convert import convert
from helpers import said


def page_image(path: Path, page: int = 0) -> Image.Image:
    """The (first) image drawn on a page of the copy, decoded."""
    with pikepdf.open(path) as pdf:
        xobject = next(iter(pdf.pages[page].get_images().values()))
        return pikepdf.PdfImage(xobject).as_pil_image().copy()


def page_size(path: Path, page: int = 0) -> tuple[float, float]:
    with pikepdf.open(path) as pdf:
        box = [float(v) for v in pdf.pages[page].mediabox]
        return box[2] - box[0], box[3] - box[1]


@pytest.mark.parametrize(
    ("name", "image", "fmt", "options"),
    [
        ("photo.jpg", Image.new("RGB", (64, 48), (200, 30, 30)), "JPEG", {"dpi": (150, 150)}),
        ("gray.jpg", Image.new("L", (64, 48), 90), "JPEG", {}),
        ("cmyk.jpg", Image.new("CMYK", (64, 48), (0, 200, 200, 0)), "JPEG", {}),
        ("scan.png", Image.new("RGB", (64, 48), (30, 200, 30)), "PNG", {"dpi": (300, 300)}),
        ("palette.png", Image.new("RGB", (64, 48), "navy").convert("P"), "PNG", {}),
        ("deep.png", Image.new("I;16", (64, 48), 40000), "PNG", {}),
        ("bilevel.png", Image.new("1", (64, 48), 1), "PNG", {}),
        ("logo.gif", Image.new("P", (64, 48), 3), "GIF", {}),
        ("old.bmp", Image.new("RGB", (64, 48), (10, 20, 30)), "BMP", {}),
        ("fax.tif", Image.new("1", (64, 48), 0), "TIFF", {"compression": "group4"}),
        ("cmyk.tif", Image.new("CMYK", (64, 48), (0, 0, 0, 255)), "TIFF", {}),
    ],
)  # fmt: skip
def test_each_image_kind_converts_and_validates(
    tmp_path: Path, name: str, image: Image.Image, fmt: str, options: dict[str, object]
) -> None:
    original = tmp_path / name
    original.write_bytes(image_bytes(image, fmt, **options))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED, said(result)
    assert result.pages == 1 and result.pdfa is not None and validates(result.pdfa)
    assert page_image(result.pdfa).size == (64, 48)


def test_untouched_jpeg_goes_in_byte_for_byte(tmp_path: Path) -> None:
    original = tmp_path / "photo.jpg"
    original.write_bytes(image_bytes(Image.new("RGB", (64, 48), "teal"), "JPEG", dpi=(72, 72)))
    result = convert(job(original, tmp_path))
    assert result.pdfa is not None
    with pikepdf.open(result.pdfa) as pdf:
        xobject = next(iter(pdf.pages[0].get_images().values()))
        assert xobject.Filter == pikepdf.Name.DCTDecode
        assert xobject.read_raw_bytes() == original.read_bytes()
    assert page_size(result.pdfa) == pytest.approx((64.0, 48.0))  # 72 dpi: one point a pixel


def test_png_alpha_is_flattened_onto_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))  # fully transparent black...
    image.paste((200, 0, 0, 255), (0, 0, 20, 40))  # ...with an opaque red left half
    original = tmp_path / "logo.png"
    original.write_bytes(image_bytes(image, "PNG"))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    assert "transparency flattened onto white" in said(result)
    shown = page_image(result.pdfa).convert("RGB")
    assert shown.getpixel((30, 20)) == (255, 255, 255)
    assert shown.getpixel((5, 20)) == (200, 0, 0)
    with pikepdf.open(result.pdfa) as pdf:
        assert pikepdf.Name.SMask not in next(iter(pdf.pages[0].get_images().values()))


def test_jpeg_exif_orientation_is_honoured(tmp_path: Path) -> None:
    image = Image.new("RGB", (80, 40), "white")
    image.paste((0, 0, 255), (0, 0, 10, 40))  # blue stripe on the left edge as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: display rotated 90 degrees clockwise
    original = tmp_path / "phone.jpg"
    original.write_bytes(image_bytes(image, "JPEG", exif=exif, quality=95))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    assert "turned upright as its EXIF orientation 6 says" in said(result)
    width, height = page_size(result.pdfa)
    assert height > width  # portrait, as the phone showed it
    shown = page_image(result.pdfa)
    assert shown.size == (40, 80)
    red, _green, blue = shown.getpixel((20, 3))  # the left edge is now the top
    assert blue > 200 and red < 60


def test_three_page_tiff_gives_three_pages(tmp_path: Path) -> None:
    pages = [Image.new("L", (50, 70), shade) for shade in (0, 120, 240)]
    original = tmp_path / "scan.tiff"
    pages[0].save(original, "TIFF", save_all=True, append_images=pages[1:])
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pages == 3
    assert result.pdfa is not None and validates(result.pdfa)
    with pikepdf.open(result.pdfa) as pdf:
        assert len(pdf.pages) == 3
    assert [page_image(result.pdfa, n).getpixel((1, 1)) for n in range(3)] == [0, 120, 240]


def test_tiff_page_limit(tmp_path: Path) -> None:
    pages = [Image.new("L", (8, 8), shade) for shade in (0, 1, 2)]
    original = tmp_path / "scan.tif"
    pages[0].save(original, "TIFF", save_all=True, append_images=pages[1:])
    result = convert(job(original, tmp_path, limits=Limits(max_pages=2)))
    assert (result.status, result.code) == (NOT_CONVERTED, "too-many-pages")


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    """Refused from its header: decoding 10^10 pixels would need some 30 GB (how quickly it is
    refused: bench/guards.py)."""
    original = png_bomb(tmp_path / "bomb.png")
    pillow_default = Image.MAX_IMAGE_PIXELS
    result = convert(job(original, tmp_path))
    assert (result.status, result.code, result.pdfa) == (NOT_CONVERTED, "image-too-large", None)
    assert "too large" in said(result)[0]
    assert Image.MAX_IMAGE_PIXELS == pillow_default  # the process-wide setting is restored


def test_pixel_limit_is_the_jobs(tmp_path: Path) -> None:
    original = tmp_path / "big.png"
    original.write_bytes(image_bytes(Image.new("RGB", (100, 100)), "PNG"))
    result = convert(job(original, tmp_path, limits=Limits(max_image_pixels=5000)))
    assert (result.status, result.code) == (NOT_CONVERTED, "image-too-large")


def test_mislabelled_png_named_pdf_is_converted_as_image(tmp_path: Path) -> None:
    original = tmp_path / "Bilag 12.pdf"
    original.write_bytes(image_bytes(Image.new("RGB", (30, 30), "orange"), "PNG"))
    result = convert(job(original, tmp_path, declared_type="application/pdf"))
    assert result.format == "png" and result.status == CONVERTED
    assert result.mismatch is not None and "named .pdf but the content is png" in result.mismatch
    assert result.pdfa is not None and validates(result.pdfa)


def test_damaged_image_is_a_reason_not_an_exception(tmp_path: Path) -> None:
    whole = image_bytes(Image.effect_noise((200, 200), 60).convert("RGB"), "PNG")
    original = tmp_path / "cut.png"
    original.write_bytes(whole[: len(whole) // 3])
    result = convert(job(original, tmp_path))
    assert (result.status, result.code) == (NOT_CONVERTED, "image-unreadable")


def _rotated_heic(path: Path) -> Path:
    """An iPhone-like photo: HEIC, landscape pixels with EXIF orientation 6 (turn 90° clockwise),
    camera make and model in EXIF; a red band on the left of the stored pixels."""
    from PIL import ImageDraw

    stored = Image.new("RGB", (200, 100), "white")
    ImageDraw.Draw(stored).rectangle((0, 0, 49, 99), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112], exif[0x010F], exif[0x0110] = 6, "Apple", "iPhone 12"
    stored.save(path, format="HEIF", exif=exif.tobytes(), quality=90)
    return path


def test_iphone_heic_with_exif_rotation(tmp_path: Path) -> None:
    result = convert(job(_rotated_heic(tmp_path / "IMG_0001.HEIC"), tmp_path))
    assert result.status == CONVERTED, said(result)
    assert result.format == "heic" and result.pages == 1 and result.pdfa is not None and validates(result.pdfa)
    assert "turned upright as its EXIF orientation 6 says" in said(result)
    shown = page_image(result.pdfa).convert("RGB")
    assert shown.size == (100, 200)  # upright: portrait
    top_left, bottom_right = shown.getpixel((50, 10)), shown.getpixel((50, 190))
    assert top_left[0] > 200 and top_left[1] < 60, top_left  # the red band is now on top
    assert min(bottom_right) > 200, bottom_right


@pytest.mark.parametrize("lossless", [False, True])
def test_webp_converts(tmp_path: Path, lossless: bool) -> None:
    original = tmp_path / "kvittering.webp"
    original.write_bytes(image_bytes(Image.new("RGB", (64, 48), (30, 90, 200)), "WEBP", lossless=lossless))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pdfa is not None and validates(result.pdfa)
    with pikepdf.open(result.pdfa) as pdf:
        xobject = next(iter(pdf.pages[0].get_images().values()))
        assert (xobject.get("/Filter") == pikepdf.Name.DCTDecode) is not lossless  # lossy stays JPEG
    assert page_image(result.pdfa).size == (64, 48)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "TIFF"])
def test_every_frame_is_a_page(tmp_path: Path, fmt: str) -> None:
    colours = [(255, 0, 0), (0, 160, 0), (0, 0, 255)]
    frames = [Image.new("RGB", (40, 30), colour) for colour in colours]
    original = tmp_path / f"frames.{fmt.lower()}"
    original.write_bytes(image_bytes(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100))
    result = convert(job(original, tmp_path))
    assert result.status == CONVERTED and result.pages == 3, said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    for page, colour in enumerate(colours):
        shown = page_image(result.pdfa, page).convert("RGB").getpixel((20, 15))
        assert all(abs(a - b) < 40 for a, b in zip(shown, colour, strict=True)), (page, shown)
