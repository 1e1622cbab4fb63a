"""HTML to PDF, offline, with WeasyPrint: the renderer of HTML receipts, text and e-mails.

WeasyPrint lays out HTML and CSS itself (no browser, no JavaScript) and embeds the fonts it uses.
Nothing is fetched: its URL fetcher here serves only ``data:`` URLs and the parts of an e-mail
named by ``cid:`` (its inline images); any other URL (http, https, file, a relative path) is
refused and counted, so a receipt cannot make the archive reach the network or read local files,
and the reader of the report learns what the copy does not show.

The PDF WeasyPrint writes (as PDF/A-2b) still goes through the gate (``pdfa.save_pdfa``). Two
things are done to it first: empty /Pattern and /Shading resource dictionaries, which WeasyPrint
writes on every page, are removed (pikepdf's validator cannot check them). A page that really
uses a gradient or shadow cannot be validated by pikepdf either, so such a page is rendered again
without CSS gradients and shadows, and the report says so.

WeasyPrint is imported on first use: it takes seconds to import, and most backups have no text,
HTML or e-mail at all.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any, Final

import pikepdf
from pikepdf import Name

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.made import Made
from xena2archive.documents.model import ConversionFailed, DocumentJob, Identity, NotConvertible
from xena2archive.documents.pdfa import Provenance
from xena2archive.documents.pdfcheck import page_marks

TOOL: Final = f"WeasyPrint {version('weasyprint')}"

# Printed when the page had gradients or shadows that the validator cannot check.
_FLAT: Final = "* { background-image: none !important; box-shadow: none !important; text-shadow: none !important; }"
_PAINT_RESOURCES: Final = (Name.Pattern, Name.Shading)


@functools.cache
def _offline_fetcher() -> type:
    """The fetcher class (it subclasses WeasyPrint's, so it is made once WeasyPrint is loaded)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Offline(URLFetcher):  # type: ignore[misc]
        """Serves ``data:`` URLs and ``cid:`` parts; refuses and records everything else."""

        def __init__(self, parts: Mapping[str, tuple[bytes, str]]) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
            self.parts = parts
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            if url.lower().startswith("cid:") and (part := self.parts.get(_content_id(url[4:]))):
                body, mime = part
                return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
            if url not in self.refused:
                self.refused.append(url)
            raise ValueError("xena2archive fetches nothing: the copy is made offline")

    return Offline


@dataclass(frozen=True)
class Rendering:
    """A rendered PDF (not yet PDF/A-checked) and what the reader of the report should know."""

    pdf: pikepdf.Pdf
    notes: tuple[Finding, ...]


def _content_id(text: str) -> str:
    return text.strip().strip("<>").strip().lower()


def content_ids(parts: Mapping[str, tuple[bytes, str]]) -> dict[str, tuple[bytes, str]]:
    """``parts`` keyed the way ``cid:`` URLs are looked up (no angle brackets, any case)."""
    return {_content_id(key): value for key, value in parts.items()}


def rendered(
    job: DocumentJob, identity: Identity, page: str, inline: Mapping[str, tuple[bytes, str]], *, has_text: bool
) -> Made:
    """The page of a text, HTML receipt or e-mail (``page``, a whole HTML document) rendered
    offline, checked to fit the page limit and to show text where the original has some."""
    try:
        rendering = html_to_pdf(page, parts=inline)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # WeasyPrint's many ways to fail on odd HTML
        raise ConversionFailed(
            "render-error", F.DOC_RENDER_ERROR("", error=f"{type(error).__name__}: {error}")
        ) from error
    pdf = rendering.pdf
    try:
        if len(pdf.pages) > job.limits.max_pages:
            raise NotConvertible("too-many-pages",
                                 F.DOC_TOO_MANY_PAGES("", pages=len(pdf.pages), limit=job.limits.max_pages))
        if has_text and not any(mark.text for mark in page_marks(pdf)):
            raise ConversionFailed("content-lost", F.DOC_TEXT_LOST("", program="WeasyPrint"))
    except BaseException:
        pdf.close()
        raise
    provenance = Provenance(
        name=job.name, sha256=identity.sha256, when=job.when, tools=(TOOL, f"pikepdf {pikepdf.__version__}"),
        rendering=("", ""),
    )  # fmt: skip
    return Made(pdf, provenance, rendering.notes)


def html_to_pdf(html: str, *, parts: Mapping[str, tuple[bytes, str]] | None = None) -> Rendering:
    """Render ``html`` (a whole document) to PDF without fetching anything.

    ``parts`` are the inline parts an e-mail's HTML may show (``cid:`` URLs), by Content-ID:
    (bytes, MIME type). Raises whatever WeasyPrint raises on input it cannot lay out; the caller
    turns that into a result.
    """
    fetcher = _offline_fetcher()(content_ids(parts or {}))
    notes: list[Finding] = []
    pdf = _render(html, fetcher)
    if _paints(pdf):
        pdf.close()
        pdf = _render(html, fetcher, _FLAT)
        notes.append(F.DOC_NO_GRADIENTS(""))
    if fetcher.refused:
        notes.append(F.DOC_NOT_FETCHED("", count=len(fetcher.refused), shown=fetcher.refused[:5]))
    return Rendering(pdf=pdf, notes=tuple(notes))


def _render(html: str, fetcher: Any, extra_css: str | None = None) -> pikepdf.Pdf:
    import weasyprint

    stylesheets = [weasyprint.CSS(string=extra_css)] if extra_css else []
    data = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
        stylesheets=stylesheets, pdf_variant="pdf/a-2b", uncompressed_pdf=False
    )
    pdf = pikepdf.open(io.BytesIO(data))
    for holder in _paint_holders(pdf):
        for key in _PAINT_RESOURCES:
            if isinstance(holder.get(key), pikepdf.Dictionary) and not len(holder[key]):
                del holder[key]
    return pdf


def _paint_holders(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every resource dictionary (of a page or a form) that names patterns or shadings."""
    found: list[pikepdf.Object] = []
    for obj in pdf.objects:
        holder = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        resources = holder.get(Name.Resources) if isinstance(holder, pikepdf.Dictionary) else None
        if isinstance(resources, pikepdf.Dictionary) and any(k in resources for k in _PAINT_RESOURCES):
            found.append(resources)
    return found


def _paints(pdf: pikepdf.Pdf) -> bool:
    """Whether anything still uses a pattern or shading (after the empty ones were removed)."""
    return bool(_paint_holders(pdf))
