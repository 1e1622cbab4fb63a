"""xena2archive's OCRmyPDF plugin: OCRmyPDF's own Tesseract engine, but run through ``_exec``.

OCRmyPDF finds its OCR engine through a plugin hook (``get_ocr_engine``); a plugin's engine is
asked before the built-in one. This engine is the built-in ``TesseractOcrEngine`` (how a page
image is read, its languages, its version) in all but the run of Tesseract itself, which goes
through ``_exec.tesseract``: boxed like Ghostscript, one thread, a memory limit, and the
document's deadline instead of a fixed time per page. It also keeps a copy of each page's hOCR
(the words with their confidences), which OCRmyPDF would delete with its temporary folder.

``ocr.py`` loads it (``plugins=[__name__]``) and gives it, as options OCRmyPDF passes on to
plugins, the folder for the hOCR copies (``KEEP``), the ``time.monotonic()`` by which OCR must
be done (``DEADLINE``) and each run's memory limit in MB (``MEMORY``).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any, Final

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

from xena2archive._exec import _box, tesseract

KEEP: Final = "xena2archive_keep_hocr"
DEADLINE: Final = "xena2archive_deadline"
MEMORY: Final = "xena2archive_memory_mb"


class OutOfTime(Exception):
    """The document's time for OCR is over."""


class _Engine(TesseractOcrEngine):
    """Tesseract as OCRmyPDF runs it, run by ``_exec.tesseract``; version and languages from its
    probe (asked once per worker, not once per document)."""

    @staticmethod
    def version() -> str:
        return tesseract.locate().version

    @staticmethod
    def languages(options: Any) -> set[str]:
        return set(tesseract.languages())

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: Any) -> None:
        wanted = options.extra_attrs
        left = wanted[DEADLINE] - time.monotonic()
        if left <= 0:
            raise OutOfTime("the document's time for OCR was over before every page was read")
        output_hocr = Path(output_hocr)
        try:
            tesseract.hocr(Path(input_file), output_hocr, options.languages, timeout_s=left,
                           memory_mb=wanted[MEMORY])
        except _box.ProgramTimeout as error:
            raise OutOfTime(f"the document's time for OCR was over while a page was read ({error})") from error
        output_hocr.with_suffix(".txt").replace(output_text)
        shutil.copyfile(output_hocr, Path(wanted[KEEP]) / output_hocr.name)


@hookimpl
def get_ocr_engine(options: Any) -> TesseractOcrEngine:
    """This plugin's engine, in place of the built-in one."""
    return _Engine()
