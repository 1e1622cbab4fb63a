"""The text of every document as a plain UTF-8 file of its own, for any tool (a search page, grep).

* A document with a copy: the text of its PDF/A copy, whatever made it: a PDF's own text, the
  words OCR laid under a picture, the page of an e-mail, office document or OIOUBL rendering.
  Read by PDFium (``pypdfium2``, Chromium's PDF engine) in the worker: C++ in process, a few
  milliseconds a page, and already there for OCRmyPDF, which rasterises with it. pdfminer.six
  reads the same text in pure Python many times slower, and stays the tests' independent
  reader; Poppler's ``pdftotext`` would be one more program to box, probe and install.
* A document without a copy: the text of its original where that is text (its format's
  ``text_of`` in the registry: a text or HTML file, an e-mail's header fields and body, the words
  of XML such as an OIOUBL invoice), if it can be read and is not larger than
  ``MAX_ORIGINAL_BYTES``; otherwise it has no text file.

The file is plain and predictable: UTF-8 without a byte-order mark; lines end with ``\\n``, with
no spaces at their end; no control characters but tab and line feed; and every page followed by
a form feed (``\\f``), as ``pdftotext`` writes it, so the n-th page is the n-th piece ending in
``\\f`` (a page without text is a lone ``\\f``; an original without pages is one piece).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Final

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.model import DocumentJob, DocumentResult

MAX_ORIGINAL_BYTES: Final = 32 * 1024 * 1024
_TRAILING: Final = re.compile(r"[ \t]+$", re.MULTILINE)


def write(job: DocumentJob, result: DocumentResult, text_of: Callable[[Path, str], str] | None) -> tuple[
        Path | None, Finding | None]:  # fmt: skip
    """Write the document's text to ``job.text``. Returns the file (None if it has no text) and,
    should the copy's text not be readable, why (for its reasons)."""
    if job.text is None:
        return None, None
    if result.pdfa is not None:
        try:
            pages = _pages(result.pdfa)
        except Exception as error:  # PDFium's errors on a file that has just passed the gate: unforeseen
            return None, F.DOC_TEXT_UNREADABLE("", error=f"{type(error).__name__}: {error}")
    elif text_of is not None and result.size <= MAX_ORIGINAL_BYTES:
        try:
            pages = [text_of(job.original, result.format)]
        except Exception:  # the original is damaged: it has no text to give, as it has no copy
            return None, None
    else:
        return None, None
    job.text.parent.mkdir(parents=True, exist_ok=True)
    job.text.write_text("".join(f"{_clean(page)}\f" for page in pages), encoding="utf-8", newline="")
    return job.text, None


def _pages(pdf: Path) -> list[str]:
    """Each page's text, as PDFium reads it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            text = page.get_textpage()
            pages.append(text.get_text_range())
            text.close()
            page.close()
        return pages
    finally:
        document.close()


def _clean(text: str) -> str:
    """``text`` with ``\\n`` line ends, no spaces at the ends of lines, no control characters but
    tab and line feed, and a line feed at its end unless it is empty."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    text = _TRAILING.sub("", text).strip("\n")
    return f"{text}\n" if text else ""
