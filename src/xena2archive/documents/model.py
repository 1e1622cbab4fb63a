"""The values the documents stage takes in and hands back, and the problems it can meet.

Everything here is plain, frozen and picklable, so jobs and results can cross a process boundary
(see ``pool.py``) and the caller can put results straight into its report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Final

from xena2archive import findings as F
from xena2archive.findings import Finding

# What happened to a document. A small set on purpose: the pipeline decides what to do from the
# status alone and shows ``code`` and ``reasons`` to the reader of the report.
CONVERTED: Final = "converted"
"""A PDF/A-2b copy was written at ``DocumentResult.pdfa`` and passed validation."""
NOT_CONVERTED: Final = "not-converted"
"""The input itself is the reason there is no copy (empty, encrypted, signed, corrupt, ...).
Running again will not change that. Keep the original."""
FAILED: Final = "failed"
"""The tools could not make a valid copy (time-out, out of memory, validation failed, crash).
Keep the original; a person may look at it, or a later version may do better."""

STATUSES: Final = (CONVERTED, NOT_CONVERTED, FAILED)

# The PDF/A flavour of every copy, and the gate that judges it (pikepdf's rule-based PDF/A validator),
# named here so the caller can say so without importing pikepdf: it converts nothing itself.
FLAVOUR: Final = "2b"
VALIDATOR: Final = f"pikepdf.pdfa {metadata.version('pikepdf')}"

# Every ``DocumentResult.code``, with its status and its kind of the catalogue of findings (``no-copy-<code>``,
# which says what it means in Danish and English: the report's and the README's legend).
CODES: Final = {
    "empty": (NOT_CONVERTED, F.NO_COPY_EMPTY),
    "unknown-format": (NOT_CONVERTED, F.NO_COPY_UNKNOWN_FORMAT),
    "not-oioubl": (NOT_CONVERTED, F.NO_COPY_NOT_OIOUBL),
    "xml-unreadable": (NOT_CONVERTED, F.NO_COPY_XML_UNREADABLE),
    "encrypted": (NOT_CONVERTED, F.NO_COPY_ENCRYPTED),
    "signed": (NOT_CONVERTED, F.NO_COPY_SIGNED),
    "corrupt": (NOT_CONVERTED, F.NO_COPY_CORRUPT),
    "no-pages": (NOT_CONVERTED, F.NO_COPY_NO_PAGES),
    "too-many-pages": (NOT_CONVERTED, F.NO_COPY_TOO_MANY_PAGES),
    "image-too-large": (NOT_CONVERTED, F.NO_COPY_IMAGE_TOO_LARGE),
    "image-unreadable": (NOT_CONVERTED, F.NO_COPY_IMAGE_UNREADABLE),
    "ghostscript-missing": (FAILED, F.NO_COPY_GHOSTSCRIPT_MISSING),
    "ghostscript-error": (FAILED, F.NO_COPY_GHOSTSCRIPT_ERROR),
    "libreoffice-missing": (FAILED, F.NO_COPY_LIBREOFFICE_MISSING),
    "libreoffice-error": (FAILED, F.NO_COPY_LIBREOFFICE_ERROR),
    "image-error": (FAILED, F.NO_COPY_IMAGE_ERROR),
    "timeout": (FAILED, F.NO_COPY_TIMEOUT),
    "out-of-memory": (FAILED, F.NO_COPY_OUT_OF_MEMORY),
    "content-lost": (FAILED, F.NO_COPY_CONTENT_LOST),
    "active-content-left": (FAILED, F.NO_COPY_ACTIVE_CONTENT_LEFT),
    "pdfa-invalid": (FAILED, F.NO_COPY_PDFA_INVALID),
    "worker-crashed": (FAILED, F.NO_COPY_WORKER_CRASHED),
    "unreadable-file": (FAILED, F.NO_COPY_UNREADABLE_FILE),
    "mail-unreadable": (NOT_CONVERTED, F.NO_COPY_MAIL_UNREADABLE),
    "text-too-long": (NOT_CONVERTED, F.NO_COPY_TEXT_TOO_LONG),
    "render-error": (FAILED, F.NO_COPY_RENDER_ERROR),
    "internal-error": (FAILED, F.NO_COPY_INTERNAL_ERROR),
}


@dataclass(frozen=True)
class Limits:
    """Resource limits for one document.

    ``timeout_s`` bounds each Ghostscript run; in ``convert_all`` a watchdog also ends a worker
    that spends more than ``watchdog_s`` on one document (``document_timeout_s``, by default
    3 x ``timeout_s`` + 30 s: Ghostscript plus the Python-side reading, checking, validating).
    OCR may take what the watchdog leaves of that time but one ``timeout_s`` (kept for the gate):
    a document whose OCR is not done by then keeps its copy, without the text layer.
    ``memory_mb`` is the address-space limit of each Ghostscript or LibreOffice run, and what one
    document may add to its worker's address space (``pool``).
    ``max_pages`` applies to PDFs, multi-page TIFFs and OIOUBL renderings. ``max_image_pixels``
    becomes Pillow's ``Image.MAX_IMAGE_PIXELS`` while an image is read, and going over it is an
    error; the default is where Pillow itself stops with an error (twice its ``MAX_IMAGE_PIXELS``
    default, which only warns).
    """

    timeout_s: float = 120
    memory_mb: int = 2048
    max_pages: int = 2000
    max_image_pixels: int = 178_956_970
    document_timeout_s: float | None = None

    def __post_init__(self) -> None:
        numbers = (self.timeout_s, self.memory_mb, self.max_pages, self.max_image_pixels)
        if min(numbers) <= 0 or (self.document_timeout_s is not None and self.document_timeout_s <= 0):
            raise ValueError(f"limits must be positive: {self}")

    @property
    def watchdog_s(self) -> float:
        """How long a worker may spend on one document before it is killed."""
        if self.document_timeout_s is not None:
            return self.document_timeout_s
        return 3 * self.timeout_s + 30


@dataclass(frozen=True)
class Match:
    """One PRONOM identification: the id (``fmt/412``), the format's name and version as PRONOM
    spells them, its MIME type, and what the match rests on (Siegfried's "basis")."""

    puid: str
    name: str
    version: str | None
    mime: str | None
    basis: str


@dataclass(frozen=True)
class Asked:
    """What Siegfried (``tool``, as ``pronom.tool()`` names it) said of one file by its content:
    ``match`` as ``pronom.match`` gives it (None: no signature matches the bytes, or the file is
    empty), or ``error``, why it could not read the file."""

    tool: str
    match: Match | None = None
    error: str | None = None


@dataclass(frozen=True)
class DocumentJob:
    """One document to convert.

    ``timestamp`` is written as the creation, modification and metadata date of the copy. It must
    come from the input (for example the document's ``LastCreated``), never from the clock, so
    that the same input gives byte-identical output. A timestamp without a zone is taken as UTC.
    ``attachments`` is the folder an e-mail's attachments are written to (created only when
    there are some); without it they are not set apart, and the result says so. ``ocr`` False
    leaves pictures of text without a text layer (``--no-ocr``). ``text`` is where the
    document's text is written (``fulltext.py``); None: nowhere. ``preview`` is where the
    pictures of the copy's first pages go (``preview.py``: ``<preview>.1.jpg``, ...); None: nowhere.
    ``asked`` is what Siegfried said of the original, asked before the job in a process apart
    (``pronom.Apart``: the documents stage asks about a round's documents at once, so that no worker
    holds Siegfried's 80 MB of signatures); None: the job asks itself, loading them.
    """

    original: Path
    target: Path
    name: str
    declared_type: str | None = None
    timestamp: str = "2000-01-01T00:00:00Z"
    limits: Limits = field(default_factory=Limits)
    attachments: Path | None = None
    ocr: bool = True
    text: Path | None = None
    preview: Path | None = None
    asked: Asked | None = None

    def __post_init__(self) -> None:
        # A bad timestamp is the caller's bug: say so at construction, not later in a worker.
        _parse_timestamp(self.timestamp)

    @property
    def when(self) -> dt.datetime:
        """``timestamp`` as an aware datetime, whole seconds."""
        return _parse_timestamp(self.timestamp)


def _parse_timestamp(text: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"DocumentJob.timestamp is not ISO 8601: {text!r}") from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.replace(microsecond=0)


@dataclass(frozen=True)
class Identity:
    """What the bytes of a file are (``identify.identify``).

    ``format`` is the short name of its entry in the registry of formats (``formats.py``), or
    "empty" or "unknown". ``pronom``, ``format_name`` and ``format_version`` are PRONOM's id,
    name and version of the format; ``identified_by`` says who said so: Siegfried with its
    signature files, or our own content check where Siegfried was silent (then the name is ours
    and the id may be unknown). ``detail`` adds what was seen (PDF version, UBL document type,
    XML root, why unknown).
    """

    format: str
    mime: str | None
    pronom: str | None
    size: int
    sha256: str
    detail: str | None = None
    mismatch: str | None = None
    format_name: str | None = None
    format_version: str | None = None
    identified_by: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file an e-mail carried, written by the conversion to ``file`` (a name in the job's
    ``attachments`` folder). ``name`` and ``content_type`` are what the e-mail says about it."""

    file: str
    name: str
    content_type: str | None
    size: int


# What OCR did for a copy (``Ocr.status``).
OCR_RAN: Final = "ran"
"""Pages that are pictures of text got a text layer."""
OCR_NOT_NEEDED: Final = "not-needed"
"""No page of the copy is a picture of text (every page shows text, or no image)."""
OCR_OFF: Final = "off"
"""OCR was switched off (``--no-ocr``)."""
OCR_FAILED: Final = "failed"
"""OCR could not be done (Tesseract or its Danish data missing, out of time); the copy has no
text layer, and the result's reasons say why."""

LOW_CONFIDENCE: Final = Decimal(60)
"""Below this mean word confidence (Tesseract's 0-100) a text layer is too unreliable to go
unremarked: Tesseract gives the words of a clear scan or photo 85-96 on average, of a blurred or
noisy picture 30-60, and marks below 60 are mostly misread words (see ``ocr.py``)."""


@dataclass(frozen=True)
class Ocr:
    """What OCR did for one copy. ``status`` is one of ``OCR_*``; for ``ran``: ``pages`` read,
    by ``engine`` ("Tesseract 5.3.0") in ``languages`` ("dan+eng"), with ``words`` words whose
    mean confidence (0-100, one decimal) is ``confidence``, None when no word was read."""

    status: str
    pages: int = 0
    engine: str | None = None
    languages: str | None = None
    words: int = 0
    confidence: Decimal | None = None

    @property
    def low_confidence(self) -> bool:
        """OCR ran and read no word, or words it was not sure of (below ``LOW_CONFIDENCE``)."""
        return self.status == OCR_RAN and (self.confidence is None or self.confidence < LOW_CONFIDENCE)


@dataclass(frozen=True)
class DocumentResult:
    """What happened to one document. ``status`` is one of ``STATUSES``.

    ``code`` is a stable, machine-readable word for why the status is not ``converted`` (for
    example ``encrypted``, ``signed``, ``timeout``; see the README of this package), or None.
    ``reasons`` are findings (kinds ``doc-*``, nested in the report's document findings): the
    cause of a refusal or failure, and for a
    converted document what the reader should know (owner password removed, annotations removed,
    damaged file repaired). ``removed`` names the active content found in the original that the
    copy does not carry. ``mismatch`` says how the declared name or content type disagrees with
    the content. ``pdfa`` is set only for ``converted``. ``format_name``, ``format_version``
    and ``identified_by`` are PRONOM's name and version of the format and who identified it
    (see ``Identity``). ``attachments`` are the files an e-mail carried, written out
    so they can be converted as documents of their own. ``ocr`` says what OCR did for the copy
    (None without a copy). ``text`` is the file the document's text was written to, if it has
    one (``fulltext.py``). ``made_with`` names the programs that made the copy. ``previews`` are
    the pictures of the copy's first pages, if any were made (``preview.py``).
    """

    name: str
    format: str
    mime: str | None
    pronom: str | None
    size: int
    sha256: str
    status: str
    pdfa: Path | None
    pages: int | None
    reasons: tuple[Finding, ...] = ()
    removed: tuple[str, ...] = ()
    mismatch: str | None = None
    code: str | None = None
    format_name: str | None = None
    format_version: str | None = None
    identified_by: str | None = None
    attachments: tuple[Attachment, ...] = ()
    ocr: Ocr | None = None
    text: Path | None = None
    made_with: str | None = None  # the programs that made the copy, with versions (the copy's own metadata says so)
    previews: tuple[Path, ...] = ()


class DocumentProblem(Exception):
    """Why a document gets no PDF/A copy. Raised inside the stage, turned into a result by
    ``convert``; it never leaves the public API."""

    status: str = FAILED

    def __init__(self, code: str, reason: Finding) -> None:
        super().__init__(reason.message)
        self.code = code
        self.reason = reason


class NotConvertible(DocumentProblem):
    """The input is the cause (status ``not-converted``)."""

    status = NOT_CONVERTED


class ConversionFailed(DocumentProblem):
    """The tools could not make a valid copy (status ``failed``)."""

    status = FAILED
