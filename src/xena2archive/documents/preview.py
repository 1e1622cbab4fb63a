"""Pictures of a copy's first pages, so that a voucher's page in the index (and its printout)
shows the receipt itself where a browser cannot show the original as a picture: a PDF, an
e-mail, an office document, an OIOUBL invoice, a TIFF or HEIC photo.

The pictures are of the PDF/A copy (what the archive keeps), at most ``MAX_PAGES`` pages at
``DPI`` dots per inch (a page bigger than A3 is scaled down to ``MAX_SIDE`` pixels), as JPEG.
Rendered by PDFium (``pypdfium2``) in the worker, as the document's text is read
(``fulltext.py``): in process, about 50 ms a page on the sample, no program to start. A PDF/A
copy embeds all its fonts, so a picture depends on no font of the machine; PDFium and Pillow
(libjpeg-turbo, no metadata written) give the same bytes for the same copy.

A picture is a view for people, like the index: a copy it cannot be made of gets none, and its
result says why; the copy is the record.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.model import DocumentJob, DocumentResult
from xena2archive.records import BROWSER_IMAGES

MAX_PAGES: Final = 3
DPI: Final = 100
MAX_SIDE: Final = 1654  # pixels: an A3 page's longer side at 100 dpi
QUALITY: Final = 80


def name(prefix: Path, page: int) -> Path:
    """The picture of page ``page`` (from 1) of the copy whose pictures start with ``prefix``."""
    return prefix.with_name(f"{prefix.name}.{page}.jpg")


def write(job: DocumentJob, result: DocumentResult) -> tuple[tuple[Path, ...], Finding | None]:
    """Pictures of the first pages of the copy ``result.pdfa`` at ``job.preview``'s names, unless
    the original is a picture a browser shows. Returns the pictures written and, if they could not
    be made, why (for the document's reasons)."""
    if job.preview is None or result.pdfa is None or result.mime in BROWSER_IMAGES:
        return (), None
    written: list[Path] = []
    try:
        for number, picture in enumerate(_pictures(result.pdfa), start=1):
            path = name(job.preview, number)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(picture)
            written.append(path)
    except Exception as error:  # PDFium's errors on a file that has just passed the gate: unforeseen
        for path in written:
            path.unlink(missing_ok=True)
        return (), F.DOC_PREVIEW_FAILED("", error=f"{type(error).__name__}: {error}")
    return tuple(written), None


def _pictures(pdf: Path) -> list[bytes]:
    """The JPEG of each of the first ``MAX_PAGES`` pages."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        pictures = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            try:
                width, height = page.get_size()  # in points, rotation applied
                scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
                image: Image.Image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, "JPEG", quality=QUALITY, optimize=True)
            pictures.append(out.getvalue())
        return pictures
    finally:
        document.close()
