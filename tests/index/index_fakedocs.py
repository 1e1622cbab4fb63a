"""Stand-in for the documents stage's report entries, until the pipeline writes them.

Builds ``report["documents"]`` in the agreed form from the extracted originals, ``DocumentDto``
and ``DocumentRelationDto``: PDFs get a pretend PDF/A copy (a byte copy under ``documents/``),
everything else is "not-converted", so the index meets both kinds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

KINDS = {"Voucher": "vouchers", "Partner": "partners", "Order": "orders", "LedgerPost": "ledger_posts"}


def _rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fake_documents(data: Path, report: dict[str, Any]) -> list[dict[str, Any]]:
    tables = data / "tables"
    by_file_id = {str(r.get("LastFileId")): r for r in _rows(tables / "DocumentDto.jsonl")}
    relations: dict[int, dict[str, list[int]]] = {}
    for r in _rows(tables / "DocumentRelationDto.jsonl"):
        kind = KINDS.get(str(r.get("Type")))
        if kind and r.get("DocumentId") is not None and r.get("RelationId") is not None:
            relations.setdefault(r["DocumentId"], {}).setdefault(kind, []).append(r["RelationId"])
    documents = []
    for entry in report.get("entries") or []:
        if entry.get("role") != "document":
            continue
        original = PurePosixPath(entry["original"])
        row = next((by_file_id[p] for p in original.parts if p in by_file_id), None)
        ident = row.get("Id") if row else None
        suffix = original.suffix.lower().lstrip(".")
        pdfa = None
        if suffix == "pdf":
            pdfa = str(PurePosixPath("documents", *original.parts[1:]))
            (data / pdfa).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(data / original, data / pdfa)
        links = {k: sorted(v) for k, v in relations.get(ident, {}).items()} if ident is not None else {}
        documents.append({
            "zip_name": entry["zip_name"], "original": str(original), "format": suffix or "ukendt",
            "mime": None, "status": "converted" if pdfa else "not-converted", "pdfa": pdfa,
            "reasons": [] if pdfa else [f"{suffix} is not converted by this stand-in"],
            "document_id": ident, "description": (row or {}).get("Description") or "",
            "links": {k: links.get(k, []) for k in KINDS.values()},
        })
    return documents
