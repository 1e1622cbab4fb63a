"""OCR: a text layer for every page of a copy that is a picture of text, by Tesseract through
OCRmyPDF, the field's reference for it. A step of the tail every format shares (``convert.py``),
between "PDF made" and the gate.

* Which pages: those that draw an image and show no text (``pdfcheck.page_marks``): phone
  photos, scans, image-only PDF pages, the pages of a fax TIFF, whatever format the copy came
  from. A page with text is left exactly as it is (OCRmyPDF is told only the other pages, and
  skips one that has text besides); a page drawn without an image (lines, a blank page) is not
  taken for a picture of text.
* How: OCRmyPDF as a library, in the document's worker, one page at a time (a worker is one of
  ``--jobs`` already), PDFium rasterising, Tesseract reading Danish and English. Its output is
  an ordinary PDF: the gate makes the PDF/A. Nothing that would change how a page looks is
  asked for (no optimisation, deskewing, rotation or cleaning): OCRmyPDF adds the words, in
  render mode 3 (invisible), drawn under the page's picture, and leaves the picture alone.
* Tesseract is run through this package's plugin (``ocr_plugin.py``): boxed, one thread, a
  memory limit, a deadline (``Limits``), its hOCR kept for the confidences.
* Confidence: the mean of Tesseract's word confidences (hOCR ``x_wconf``, 0-100) over every word
  read on the document's pages, to one decimal. Below ``LOW_CONFIDENCE`` (60), or with no word
  read at all, the report has a finding ``ocr-low-confidence``.
* Same input, same bytes: OCRmyPDF names the text layer's form at random
  (``/OCR-<random>``); here it is renamed ``/OCR-text``. Dates and file ids are the gate's.
* OCR that cannot be done (Tesseract or its Danish data missing, the document's time over, an
  error of OCRmyPDF's) leaves the copy as it was, without a text layer: the result says why.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, Final

import pikepdf
from lxml import etree
from pikepdf import Name

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive._exec import tesseract
from xena2archive._exec._probe import ProgramMissing
from xena2archive.documents import ocr_plugin
from xena2archive.documents.model import OCR_FAILED, OCR_NOT_NEEDED, OCR_OFF, OCR_RAN, DocumentJob, Limits, Ocr
from xena2archive.documents.pdfa import Provenance
from xena2archive.documents.pdfcheck import page_marks

LANGUAGES: Final = ("dan", "eng")
_PACKAGES: Final = {"dan": "tesseract-ocr-dan", "eng": "tesseract-ocr-eng"}
_LAYER: Final = "/OCR-text"
_CONFIDENCE: Final = re.compile(r"\bx_wconf (\d+)")
_WORD: Final = "ocrx_word"


@dataclass
class Layered:
    """What the OCR step gives the gate: the PDF with its text layer (None: go on with the PDF
    as it was), what OCR did, the provenance to write, and notes for the report."""

    pdf: pikepdf.Pdf | None
    ocr: Ocr
    provenance: Provenance
    notes: tuple[Finding, ...] = ()


def text_layer(pdf: pikepdf.Pdf, job: DocumentJob, provenance: Provenance, work: Path, started: float) -> Layered:
    """``pdf`` with a text layer on its pictures of text, made in ``work``. ``started`` is the
    ``time.monotonic()`` the document's conversion began, from which its deadline counts."""
    if not job.ocr:
        return Layered(None, Ocr(OCR_OFF), provenance)
    pictures = [number for number, mark in enumerate(page_marks(pdf), start=1) if mark.image and not mark.text]
    if not pictures:
        return Layered(None, Ocr(OCR_NOT_NEEDED), provenance)
    try:
        engine = _engine()
    except ProgramMissing as error:
        return Layered(None, Ocr(OCR_FAILED), provenance,
                       (F.DOC_NO_TEXT_LAYER("", why=F.DOC_PROGRAM_MISSING("", program="Tesseract", error=str(error))),))
    deadline = started + job.limits.watchdog_s - job.limits.timeout_s
    before, after, kept = work / "ocr-in.pdf", work / "ocr-out.pdf", work / "hocr"
    kept.mkdir()
    names = {number: set(_xobjects(pdf.pages[number - 1]).keys()) for number in pictures}
    pdf.save(before)
    try:
        version = _run(before, after, pictures, kept, deadline, job.limits)
    except MemoryError:
        return Layered(None, Ocr(OCR_FAILED), provenance,
                       (F.DOC_NO_TEXT_LAYER("", why=F.DOC_OUT_OF_MEMORY("", program="OCR",
                                                                         limit=job.limits.memory_mb)),))
    except Exception as error:  # OCRmyPDF's, Tesseract's and our plugin's many ways to fail
        return Layered(None, Ocr(OCR_FAILED), provenance,
                       (F.DOC_NO_TEXT_LAYER("", why=_failure(error)),))
    layered = pikepdf.open(after)
    _stable_names(layered, names)
    hocr = sorted(kept.glob("*.hocr"))
    confidences = [value for page in hocr for value in _confidences(page)]
    mean = (Decimal(sum(confidences)) / len(confidences)).quantize(Decimal("0.1"), ROUND_HALF_EVEN) \
        if confidences else None  # fmt: skip
    languages = "+".join(LANGUAGES)
    return Layered(
        layered, Ocr(OCR_RAN, pages=len(hocr), engine=engine, languages=languages, words=len(confidences),
                     confidence=mean),
        dataclasses.replace(provenance, text_layer=(f"OCRmyPDF {version}", f"{engine} ({languages})")),
    )  # fmt: skip


def _engine() -> str:
    """"Tesseract 5.3.0", if it is installed with every language we read. Raises ProgramMissing."""
    found = tesseract.locate()
    if missing := [language for language in LANGUAGES if language not in tesseract.languages()]:
        packages = ", ".join(_PACKAGES[language] for language in missing)
        raise ProgramMissing(f"Tesseract has no data for {'+'.join(missing)}; install the Debian package(s) {packages}")
    return f"Tesseract {found.version}"


def _run(before: Path, after: Path, pages: list[int], kept: Path, deadline: float, limits: Limits) -> str:
    """OCRmyPDF on ``pages`` of ``before``, written to ``after``; returns its version. Imported
    here, on first use: it takes a second to import, and many backups have no picture of text."""
    import ocrmypdf

    for_plugin: dict[str, Any] = {ocr_plugin.KEEP: str(kept), ocr_plugin.DEADLINE: deadline,
                                  ocr_plugin.MEMORY: limits.memory_mb}
    ocrmypdf.ocr(
        before, after, language=list(LANGUAGES), output_type="pdf", mode="skip",
        pages=",".join(str(number) for number in pages),
        optimize=0, deskew=False, rotate_pages=False, clean=False, clean_final=False, remove_background=False,
        pdf_renderer="fpdf2", rasterizer="pypdfium", jobs=1, use_threads=True, progress_bar=False,
        max_image_mpixels=limits.max_image_pixels / 1_000_000, fast_web_view=999_999,
        plugins=[ocr_plugin.__name__], **for_plugin,
    )  # fmt: skip
    return ocrmypdf.__version__


def _xobjects(page: pikepdf.Page) -> pikepdf.Dictionary:
    resources = page.obj.get(Name.Resources)
    xobjects = resources.get(Name.XObject) if isinstance(resources, pikepdf.Dictionary) else None
    return xobjects if isinstance(xobjects, pikepdf.Dictionary) else pikepdf.Dictionary()


def _stable_names(pdf: pikepdf.Pdf, before: dict[int, set[str]]) -> None:
    """Rename the form OCRmyPDF added to each page it read (its name is random) to ``_LAYER``,
    in the page's resources and where the page's content draws it."""
    for number, names in before.items():
        page = pdf.pages[number - 1]
        xobjects = _xobjects(page)
        for added in sorted(set(xobjects.keys()) - names):
            stable, n = _LAYER, 1
            while stable in xobjects:
                n += 1
                stable = f"{_LAYER}-{n}"
            xobjects[stable] = xobjects[added]
            del xobjects[added]
            page.contents_coalesce()
            content = page.obj.Contents.read_bytes()
            page.obj.Contents.write(content.replace(f"{added} Do".encode(), f"{stable} Do".encode()))


def _confidences(hocr: Path) -> list[int]:
    """Tesseract's confidence (0-100) in each word it read on one page, from its hOCR."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.parse(str(hocr), parser).getroot()
    found = []
    for element in root.iter():
        if element.get("class") == _WORD and "".join(element.itertext()).strip():
            if confidence := _CONFIDENCE.search(element.get("title") or ""):
                found.append(int(confidence.group(1)))
    return found


def _failure(error: BaseException) -> Finding:
    """Why OCR gave no text layer: the document's time was over (the plugin says so, whatever
    OCRmyPDF wrapped it in), or the error's own words."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ocr_plugin.OutOfTime):
            return F.DOC_OCR_OUT_OF_TIME("")
        cause = cause.__cause__ or cause.__context__
    return F.DOC_OCR_FAILED("", error=_reason(error))


def _reason(error: BaseException) -> str:
    """A failure in one sentence: the error's own words, or its kind when it has none."""
    text = " ".join(str(error).split())[:300]
    return text or type(error).__name__
