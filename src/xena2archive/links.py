"""Which document file is which ``DocumentDto`` row, and what each document belongs to.

The zip's folder layout is not published, so a file is matched to its row by what the row says
about it, most certain first: the file's GUID (``LastFileId``) anywhere in its path; then its
file name (``LastFileName``), if exactly one row has that name; then the row's ``Id`` as a folder
name. What refers to a document: ``DocumentRelationDto`` (a voucher, partner, order or ledger
post by ``Type`` + ``RelationId``), ``VoucherDto.FirstDocumentId`` and
``OrderJournalEntryDto.DocumentId`` (the PDFs Xena generated).

Everything is read from the JSONL the table stage wrote; only the three small link tables and the
document rows are held in memory (one entry per document, not per posting).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

# DocumentRelationDto.Type values (case-insensitive, prefix ignored) -> the kind of thing linked
_RELATION_KINDS = {"voucher": "vouchers", "partner": "partners", "order": "orders", "ledgerpost": "ledger_posts",
                   "post": "ledger_posts", "customer": "partners", "supplier": "partners"}


@dataclass
class DocumentRow:
    """What ``DocumentDto`` says about one document."""

    id: int
    file_name: str
    file_id: str
    content_type: str | None
    content_length: int | None
    description: str
    created: str | None  # LastCreated, ISO date-time


@dataclass
class Links:
    """What one document belongs to."""

    vouchers: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)
    orders: list[int] = field(default_factory=list)
    ledger_posts: list[int] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # relations of a type we do not know

    def add(self, kind: str, value: int) -> None:
        target: list[int] = getattr(self, kind)
        if value not in target:
            target.append(value)

    @property
    def empty(self) -> bool:
        return not (self.vouchers or self.partners or self.orders or self.ledger_posts or self.other)

    def to_json(self) -> dict[str, list[Any]]:
        return {k: sorted(v) if k != "other" else v for k, v in vars(self).items()}


def jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a written table, one at a time (nothing when the table is absent)."""
    if path.is_file():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def document_rows(tables: Path) -> list[DocumentRow]:
    rows = []
    for row in jsonl_rows(tables / "DocumentDto.jsonl"):
        if type(row.get("Id")) is not int:
            continue
        length = row.get("LastContentLength")
        rows.append(DocumentRow(
            row["Id"], unicodedata.normalize("NFC", str(row.get("LastFileName") or "")),
            str(row.get("LastFileId") or "").lower(), row.get("LastContentType"),
            length if type(length) is int else None, str(row.get("Description") or ""), row.get("LastCreated"),
        ))
    return rows


def match_files(paths: list[str], rows: list[DocumentRow]) -> dict[str, DocumentRow]:
    """Each document file's row, by GUID in the path, then unique file name, then Id folder."""
    by_guid = {r.file_id: r for r in rows if r.file_id and r.file_id != "00000000-0000-0000-0000-000000000000"}
    names: dict[str, list[DocumentRow]] = defaultdict(list)
    for r in rows:
        if r.file_name:
            names[r.file_name.casefold()].append(r)
    by_id = {str(r.id): r for r in rows}
    matched: dict[str, DocumentRow] = {}
    taken: set[int] = set()
    for path in paths:
        lowered = path.lower()
        row = next((r for guid, r in by_guid.items() if guid in lowered), None)
        if row is None:
            same = names.get(PurePosixPath(path).name.casefold(), [])
            row = same[0] if len(same) == 1 else None
        if row is None:
            row = next((by_id[p] for p in PurePosixPath(path).parts[:-1] if p in by_id), None)
        if row is not None and row.id not in taken:
            matched[path] = row
            taken.add(row.id)
    return matched


def _kind(relation_type: str) -> str | None:
    word = relation_type.rsplit("_", 1)[-1].replace("Type", "").casefold()
    return _RELATION_KINDS.get(word)


def document_links(tables: Path) -> dict[int, Links]:
    """What every document id belongs to, from the three tables that refer to documents."""
    links: dict[int, Links] = defaultdict(Links)
    for row in jsonl_rows(tables / "DocumentRelationDto.jsonl"):
        document, related = row.get("DocumentId"), row.get("RelationId")
        if type(document) is not int or type(related) is not int:
            continue
        kind = _kind(str(row.get("Type") or ""))
        if kind:
            links[document].add(kind, related)
        else:
            links[document].other.append(f"{row.get('Type')} {related}")
    for row in jsonl_rows(tables / "VoucherDto.jsonl"):
        if type(row.get("FirstDocumentId")) is int and type(row.get("Id")) is int:
            links[row["FirstDocumentId"]].add("vouchers", row["Id"])
    for row in jsonl_rows(tables / "OrderJournalEntryDto.jsonl"):
        if type(row.get("DocumentId")) is int and type(row.get("OrderId")) is int:
            links[row["DocumentId"]].add("orders", row["OrderId"])
    return dict(links)
