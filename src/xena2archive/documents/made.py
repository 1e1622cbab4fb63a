"""What a format's converter is given (``Work``) and what it hands on (``Made``).

Each format's entry in the registry (``formats.py``) names a converter: a function that turns the
original into an ordinary PDF that shows what the original shows, checked as far as its format
allows (the pages of a PDF against Ghostscript's copy, the text of an office document, ...).
Everything after that is the same for every format and is done once, by ``convert``: the steps
between "PDF made" and the gate, then the PDF/A gate itself (``pdfa.gate``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from xena2archive.findings import Finding
from xena2archive._exec import ghostscript
from xena2archive._exec.libreoffice import Office
from xena2archive._exec.programs import Programs
from xena2archive.documents.model import Attachment, DocumentJob, Identity
from xena2archive.documents.pdfa import Provenance


@dataclass
class Work:
    """What a converter works with besides the job and what the bytes are.

    ``folder`` is a temporary folder of this document's own. ``programs`` are the calling
    worker's Ghostscript session and LibreOffice profile (``pool.py``), or None: then Ghostscript
    runs on its own and an office document gets a profile of its own. ``attachments`` is where
    an e-mail's converter lists the files it sets apart, as it writes them, so the caller has
    them even when the e-mail's own page fails afterwards.
    """

    folder: Path
    programs: Programs | None = None
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def ghostscript(self) -> ghostscript.Reuse | None:
        """The worker's Ghostscript session, if there is one."""
        return self.programs.ghostscript if self.programs is not None else None

    @contextlib.contextmanager
    def office(self) -> Iterator[Office]:
        """The worker's LibreOffice profile, or one made for this document and removed after."""
        if self.programs is not None:
            yield self.programs.office
            return
        with Office() as own:
            yield own


@dataclass
class Made:
    """An ordinary PDF of the original, open, not yet PDF/A; what it was made from and by
    (``provenance``, for the copy's metadata); what the reader of the report should know of its
    making (``notes``); and the active content the original had that it does not (``removed``).
    Its pages are the copy's pages: the steps after it and the gate keep them."""

    pdf: pikepdf.Pdf
    provenance: Provenance
    notes: tuple[Finding, ...] = ()
    removed: tuple[str, ...] = ()


Converter = Callable[[DocumentJob, Identity, Work], Made]
"""A format's way to a PDF: raises ``NotConvertible`` or ``ConversionFailed`` with a reason."""
