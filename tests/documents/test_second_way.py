"""A PDF whose Ghostscript copy the validator refuses gets a second way: JPEG 2000 images
re-encoded without loss; the copy is kept only when it validates and carries the pages."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import pikepdf
from doc_inputs import job, validates
from PIL import Image, ImageDraw

from xena2archive.documents import CONVERTED

from xena2archive.documents.convert import convert
from helpers import said


def jpx_pdf(path: Path) -> tuple[Path, Image.Image]:
    """A scanned receipt as a PDF holding one JPEG 2000 image (img2pdf embeds JP2 as it is)."""
    picture = Image.new("RGB", (240, 160), (245, 245, 240))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((10, 10, 230, 60), fill=(20, 60, 160))
    draw.ellipse((90, 80, 150, 140), fill=(200, 40, 40))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG2000", irreversible=False)  # the reversible (lossless) wavelet
    path.write_bytes(img2pdf.convert(buffer.getvalue()))
    with pikepdf.open(path) as pdf:
        assert pdf.pages[0].get_images()["/Im0"].Filter == pikepdf.Name.JPXDecode
    return path, picture


def test_pdf_with_a_jpeg2000_image_is_re_encoded_and_validates(tmp_path: Path) -> None:
    source, picture = jpx_pdf(tmp_path / "scan.pdf")
    result = convert(job(source, tmp_path))
    assert (result.status, result.pages) == (CONVERTED, 1), said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    assert any("JPEG 2000" in reason for reason in said(result))
    with pikepdf.open(result.pdfa) as copy:
        images = list(copy.pages[0].get_images().values())
        assert len(images) == 1 and images[0].Filter != pikepdf.Name.JPXDecode
        shown = pikepdf.PdfImage(images[0]).as_pil_image().convert("RGB")
    # the same pixels: Ghostscript and the re-encoding may keep or change the size, not the picture
    assert shown.resize(picture.size).getpixel((120, 110)) == picture.getpixel((120, 110))
    assert shown.resize(picture.size).getpixel((120, 30)) == picture.getpixel((120, 30))
