"""The documents the documents benchmark converts (``bench/documents.py``), generated: dense text
PDFs, a bookkeeping backup's vouchers, a small business's mixed uploads, and pictures of text for
OCR. Text is in Helvetica, not embedded, so Ghostscript has fonts to embed."""

from __future__ import annotations

import email.message
import io
import sys
from pathlib import Path

import pikepdf
import pillow_heif
import img2pdf
from pikepdf import Array, Dictionary, Name
from PIL import Image, ImageDraw, ImageFont

# The office documents are made as the tests make them (from their XML parts, and with openpyxl).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "documents"))
import office_inputs


def make_pdf(path: Path, pages: int, seed: int, lines: int = 52) -> None:
    """A text PDF: ``lines`` lines a page in Helvetica, not embedded (Ghostscript embeds it)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    for page in range(pages):
        text = [
            b"BT /F1 10 Tf 50 %d Td (Bilag %d side %d linje %d: "
            b"K\xf8b hos \xc6blehuset ApS, bel\xf8b %d,%02d kr.) Tj ET"
            % (790 - 14 * row, seed, page + 1, row, (seed * 7919 + row * 31) % 100000, row % 100)
            for row in range(lines)
        ]
        page_dict = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Contents=pdf.make_stream(b"\n".join(text)),
            Resources=Dictionary(Font=Dictionary(F1=font)),
        )
        pdf.pages.append(pikepdf.Page(page_dict))
    pdf.save(path)


def make_scan(path: Path, seed: int) -> None:
    """A scanned receipt: one A4 page holding a greyscale JPEG (150 dpi) and no text."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(60):
        draw.text((120, 100 + 26 * row), f"Kvittering {seed} linje {row}: {(seed * 7919 + row * 31) % 100000} kr",
                  fill=(seed + row) % 90)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=75)
    pdf = pikepdf.new()
    picture = pikepdf.Stream(pdf, b"")
    picture.write(jpeg.getvalue(), filter=Name.DCTDecode)
    picture.stream_dict.update({"/Type": Name.XObject, "/Subtype": Name.Image, "/Width": 1240,
                                "/Height": 1754, "/ColorSpace": Name.DeviceGray, "/BitsPerComponent": 8})
    page_dict = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Contents=pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
        Resources=Dictionary(XObject=Dictionary(Im0=picture)),
    )
    pdf.pages.append(pikepdf.Page(page_dict))
    pdf.save(path)


def make_photo(path: Path, seed: int) -> None:
    """A phone photo of a receipt, 1600 x 1200, as JPEG or (by the suffix) HEIC."""
    image = Image.new("RGB", (1600, 1200), (230, 225, 210))
    draw = ImageDraw.Draw(image)
    for row in range(40):
        draw.text((200, 60 + 27 * row), f"Kvittering {seed} linje {row}: {(seed * 7919 + row * 31) % 100000} kr",
                  fill=((seed + row) % 90, 40, 40))
    if path.suffix == ".heic":
        pillow_heif.from_pillow(image).save(path, quality=80)
    else:
        image.save(path, "JPEG", quality=85)


def make_mail(path: Path, seed: int) -> None:
    """An e-mail from a supplier with its invoice attached as a one-page PDF."""
    invoice = path.with_suffix(".invoice.pdf")
    make_pdf(invoice, 1, seed, lines=30)
    message = email.message.EmailMessage()
    message["From"] = "Ærø Købmand <faktura@aeroe-koebmand.dk>"
    message["To"] = "bogholder@eksempel.dk"
    message["Subject"] = f"Faktura {seed} for æbler og ål"
    message["Date"] = "Tue, 05 Mar 2024 10:15:00 +0100"
    message.set_content(
        f"Hej,\n\nvedhæftet faktura {seed}. Betaling inden 14 dage.\n\nMed venlig hilsen\nÆrø Købmand\n"
    )
    message.add_attachment(invoice.read_bytes(), maintype="application", subtype="pdf", filename=f"faktura-{seed}.pdf")
    invoice.unlink()
    path.write_bytes(message.as_bytes())


def make_mixed(folder: Path, n: int) -> tuple[Path, int]:
    """The ``n``-th upload of a small business: in every ten, three invoice PDFs, a scanned
    receipt, a JPEG and a HEIC photo, an e-mail with an invoice attached, a Word file, an Excel
    file and a long PDF."""
    slot = n % 10
    if slot == 5:
        path = folder / f"mail-{n:03d}.eml"
        make_mail(path, n)
        return path, 2
    if slot in (4, 6):
        path = folder / f"foto-{n:03d}.{'heic' if slot == 6 else 'jpg'}"
        make_photo(path, n)
        return path, 1
    if slot == 7:
        lines = [f"Faktura {n} fra Ærø Købmand", f"Beløb: {n * 37},50 kr. for æbler og ål"] * 8
        return office_inputs.docx(folder / f"faktura-{n:03d}.docx", lines, office_inputs.red_png()), 1
    if slot == 8:
        return office_inputs.xlsx(folder / f"regnskab-{n:03d}.xlsx"), 2
    path = folder / f"bilag-{n:03d}.pdf"
    if slot == 3:
        make_scan(path, n)
        return path, 1
    count = 8 if slot == 9 else 1 + n % 2
    make_pdf(path, count, n, lines=40 if slot == 9 else 35)
    return path, count


def make_corpus(kind: str, folder: Path, files: int, pages: int) -> int:
    """Write ``files`` documents into ``folder``; returns their pages. ``text``: dense text PDFs of
    ``pages`` to ``pages + 4`` pages, the hardest case for us (the validator reads every glyph).
    ``vouchers``: what a bookkeeping backup mostly holds, in turn three one- or two-page invoices,
    a scanned receipt, and every tenth an eight-page document. ``mixed``: see ``make_mixed``."""
    total = 0
    for n in range(files):
        path = folder / f"bilag-{n:03d}.pdf"
        if kind == "mixed":
            count = make_mixed(folder, n)[1]
        elif kind == "text":
            count = pages + n % 5
            make_pdf(path, count, n)
        elif n % 10 == 9:
            count = 8
            make_pdf(path, count, n, lines=40)
        elif n % 4 == 3:
            count = 1
            make_scan(path, n)
        else:
            count = 1 + n % 2
            make_pdf(path, count, n, lines=35)
        total += count
    return total


def make_pictures(folder: Path, files: int) -> int:
    """``files`` pictures of text in ``folder``, in turn a phone photo (JPEG), a scan (an A4 PDF
    holding one greyscale image, 200 dpi) and a fax (a TIFF of two 1-bit pages, 204 x 196 dpi);
    returns their pages."""
    pages = 0
    for n in range(files):
        if n % 3 == 0:
            _sheet(n, (1600, 1200), 20, mode="RGB").save(folder / f"foto-{n:03d}.jpg", "JPEG", quality=85)
            pages += 1
        elif n % 3 == 1:
            scan = io.BytesIO()
            _sheet(n, (1654, 2339), 40).save(scan, "PNG", dpi=(200, 200))
            (folder / f"scan-{n:03d}.pdf").write_bytes(img2pdf.convert(scan.getvalue()))
            pages += 1
        else:
            first, second = (_sheet(n, (1728, 2200), 40, page).convert("1") for page in (1, 2))
            first.save(folder / f"fax-{n:03d}.tif", "TIFF", save_all=True, append_images=[second],
                       compression="group4", dpi=(204, 196))
            pages += 2
    return pages


def _sheet(n: int, size: tuple[int, int], lines: int, page: int = 1, mode: str = "L") -> Image.Image:
    """A page of ``lines`` lines of Danish bookkeeping text in DejaVu Sans, 30 px."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    picture = Image.new(mode, size, 255 if mode == "L" else (236, 232, 220))
    draw = ImageDraw.Draw(picture)
    for row in range(lines):
        draw.text((90, 80 + 48 * row), f"Bilag {n} side {page} linje {row}: Æblegården, Søndergade {row + 1}, "
                  f"beløb {(n * 7919 + row * 31) % 100000},{row % 100:02d} kr", font=font,
                  fill=0 if mode == "L" else (40, 35, 30))
    return picture
