"""Pictures of text for the OCR tests, drawn with Pillow in DejaVu Sans (it has æ, ø and å):
a phone photo of a receipt, a fax, a scan inside a PDF, and pictures with nothing to read."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import pikepdf
from pikepdf import Array, Dictionary, Name
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RECEIPT = ("Kvittering", "Æblegården", "Søndergade 4", "Beløb 1.234,56 kr")
"""The receipt's lines: every Danish letter, an address and an amount."""


def text_picture(lines: tuple[str, ...], *, size: int = 44, paper: int | tuple[int, int, int] = 255,
                 ink: int | tuple[int, int, int] = 0, mode: str = "L") -> Image.Image:
    """``lines`` typeset on paper, left-aligned, about 2.2 line heights apart."""
    font = ImageFont.truetype(FONT, size)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    picture = Image.new(mode, (width, int(size * 2.2 * len(lines)) + 2 * size), paper)
    draw = ImageDraw.Draw(picture)
    for number, line in enumerate(lines):
        draw.text((size, size + int(size * 2.2) * number), line, font=font, fill=ink)
    return picture


def receipt_photo(path: Path) -> Path:
    """A phone photo of the receipt: off-white paper on a darker table, turned by 1.5 degrees,
    with sensor noise, saved as a JPEG without a resolution (as phones do)."""
    paper = text_picture(RECEIPT, paper=(236, 232, 220), ink=(40, 35, 30), mode="RGB")
    photo = paper.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(96, 84, 70))
    noise = Image.effect_noise(photo.size, 24).convert("RGB")
    photo = Image.blend(photo, noise, 0.08)
    photo.save(path, "JPEG", quality=85)
    return path


def blurred_photo(path: Path) -> Path:
    """The receipt photographed out of focus: nothing on it can be read."""
    picture = text_picture(RECEIPT, paper=(236, 232, 220), ink=(40, 35, 30), mode="RGB")
    picture.filter(ImageFilter.GaussianBlur(10)).save(path, "JPEG", quality=85)
    return path


def fax_tiff(path: Path, pages: int = 2) -> Path:
    """A fax: 1-bit pages in fax resolution (204 x 196 dpi), Group 4 compressed, one TIFF."""
    frames = []
    for number in range(1, pages + 1):
        lines = (f"Kontoudtog side {number} af {pages}", "Overførsel til Ærø Bank", f"Saldo {number}.234,50 kr")
        frames.append(text_picture(lines, size=40).convert("1"))
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(204, 196))
    return path


def scan_pdf(path: Path) -> Path:
    """A scanned page: a PDF whose one page is a greyscale image of the receipt and nothing else."""
    picture = io.BytesIO()
    text_picture(RECEIPT, size=40).save(picture, "PNG", dpi=(200, 200))
    path.write_bytes(img2pdf.convert(picture.getvalue()))
    return path


def mixed_pdf(path: Path) -> Path:
    """Page 1 set in text (Helvetica), page 2 a scan of the receipt (an image only)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    text = b"BT /F1 14 Tf 72 760 Td (Faktura 17 fra \xc6blehuset ApS) Tj ET"
    pdf.pages.append(pikepdf.Page(Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, 595, 842]), Contents=pdf.make_stream(text),
        Resources=Dictionary(Font=Dictionary(F1=font)),
    )))  # fmt: skip
    with pikepdf.open(scan_pdf(path.with_suffix(".scan.pdf"))) as scan:
        pdf.pages.append(scan.pages[0])
    pdf.save(path)
    return path


def blank_photo(path: Path) -> Path:
    """A photo of empty paper, a little noisy."""
    noise = Image.effect_noise((900, 600), 12).convert("RGB")
    Image.blend(Image.new("RGB", (900, 600), (236, 232, 220)), noise, 0.1).save(path, "JPEG", quality=85)
    return path

