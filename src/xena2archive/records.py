"""What the report records of each file of the zip and of each document: plain records.

A leaf beside ``links`` and ``findings``: the documents stage makes ``DocumentEntry`` records, and
the books, the index and the report read them, so they live below all of those and import none of
them. Their
``to_json`` is what ``report.json`` holds; every other reader uses the fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from .findings import Finding
from .links import Links, jsonl_rows


@dataclass
class EntryRecord:
    """What happened to one file of the backup."""

    zip_name: str
    original: str  # path of the kept original inside the bag's data/
    size: int
    sha256: str
    role: str  # table | document | other
    outcome: Finding  # what was made of it
    notes: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "outcome": self.outcome.phrase, "notes": [note.phrase for note in self.notes]}


# Originals a browser shows as they are: the index shows the original itself, and the documents
# stage draws no picture of it. Here, not in ``documents``, so the index needs nothing of that stage.
BROWSER_IMAGES: Final = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"})


@dataclass(frozen=True)
class DocumentEntry:
    """One document file as the archive holds it: what it is, what became of it, what it belongs to.

    Paths are inside the bag's ``data/``. ``attached_to`` is the original of the e-mail the file
    was attached to, ``attachments`` the originals of the files an e-mail carried. ``ocr`` says
    what OCR did for the copy (ran, not-needed, off, failed; None without a copy) and, where it
    ran, on how many pages, with which engine and languages, how many words it read and their
    mean confidence (0-100, exact decimal text). ``text`` is the document's text (UTF-8, pages
    ending in a form feed), read from its copy or from an original that is text. ``validation``
    is the gate's verdict on the copy, by ``validated_by`` against ``validation_profile``: every kept
    copy passed; a copy that failed was not kept (``code`` ``pdfa-invalid``)."""

    zip_name: str
    original: str
    document_id: int | None  # the DocumentDto row's Id, when a row names the file
    description: str | None
    format: str
    mime: str | None
    pronom: str | None
    format_name: str | None
    format_version: str | None
    identified_by: str | None
    declared_type: str | None  # the row's content type
    mismatch: str | None
    size: int
    sha256: str
    pages: int | None
    status: str  # converted | not-converted | failed
    code: str | None
    reasons: list[Finding]
    removed: list[str]
    pdfa: str | None
    pdfa_sha256: str | None
    links: Links
    attached_to: str | None = None
    attachments: list[str] = field(default_factory=list)
    ocr: str | None = None
    ocr_pages: int | None = None
    ocr_engine: str | None = None
    ocr_languages: str | None = None
    ocr_words: int | None = None
    ocr_confidence: str | None = None
    text: str | None = None
    text_sha256: str | None = None
    made_with: str | None = None  # the programs that made the copy, with versions
    pdfa_pronom: str | None = None  # the copy's PRONOM id, by Siegfried (fmt/477: PDF/A-2b)
    validated_by: str | None = None  # the validator and its version, where a copy reached it
    validation_profile: str | None = None  # what it validated against (PDF/A-2b)
    validation: str | None = None  # passed | failed (the copy was not kept); None: no copy reached it
    previews: list[str] = field(default_factory=list)  # pictures of the copy's first pages (index/sider/)

    @property
    def converted(self) -> bool:
        return self.status == "converted"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "links": self.links.to_json(), "reasons": [r.message for r in self.reasons],
                "reasons_da": [r.message_da for r in self.reasons]}


def document_order(documents: list[DocumentEntry]) -> list[DocumentEntry]:
    """The documents in the books' order (by zip name): a document's ``ord`` in the books and on
    the index's pages is its place here."""
    return sorted(documents, key=lambda d: (d.zip_name, d.original))


def documents_of_archive(tables: Path) -> list[DocumentEntry]:
    """The documents as an archive's own table of them keeps them (``ArchiveDocuments.jsonl``): what the books
    need to link documents to vouchers and postings when the SAF-T files are written again from the archive
    (ids, names and links; ``other`` relations and the reasons, findings of the run that made the archive,
    are not in the table as such, and no export needs them)."""
    def ints(value: Any) -> list[int]:
        return [v for v in value if type(v) is int] if isinstance(value, list) else []

    found = []
    for row in jsonl_rows(Path(tables) / "ArchiveDocuments.jsonl"):
        get = row.get
        found.append(DocumentEntry(
            zip_name=str(get("OriginalName") or ""), original=str(get("OriginalPath") or ""),
            document_id=get("DocumentId") if type(get("DocumentId")) is int else None,
            description=get("Description"), format=str(get("Format") or ""), mime=get("Mime"), pronom=get("Pronom"),
            format_name=get("FormatName"), format_version=get("FormatVersion"), identified_by=get("IdentifiedBy"),
            declared_type=get("DeclaredType"), mismatch=get("Mismatch"), size=int(get("Size") or 0),
            sha256=str(get("Sha256") or ""), pages=get("Pages"), status=str(get("Status") or ""), code=get("Code"),
            reasons=[], removed=[], pdfa=get("PdfaPath"),
            pdfa_sha256=get("PdfaSha256"), attached_to=get("AttachedTo"),
            links=Links(vouchers=ints(get("VoucherIds")), partners=ints(get("PartnerIds")),
                        orders=ints(get("OrderIds")), ledger_posts=ints(get("LedgerPostIds")))))
    return found
