"""The sample backup (documents, responsible users, CreatedAt) through the CLI: every SAF-T file valid
against the shared 2.1 XSD; SourceDocumentID, SourceID and the entry dates recomputed from the archive's
JSONL tables; and ``xena2archive saft`` writing the same bytes from the archive alone, documents'
links included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import SampleBag
from shared import assert_valid_2_1

from xena2archive.cli import main

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"


def _rows(data: Path, table: str) -> list[dict[str, Any]]:
    path = data / "tables" / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def sample(sample_bag: SampleBag) -> Path:
    assert sample_bag.code == 1  # the sample's one deliberate flaw
    return sample_bag.bag


def test_source_document_ids_users_and_dates_come_from_the_tables(sample: Path) -> None:
    data = sample / "data"
    vouchers = {v["Id"]: v for v in _rows(data, "VoucherDto")}
    posts = _rows(data, "LedgerPostDto")
    voucher_of = {p["Id"]: p["VoucherId"] for p in posts}
    linked: dict[int, list[tuple[str, str, int]]] = {}  # voucher -> (zip name, path, DocumentId) of its documents
    for d in _rows(data, "ArchiveDocuments"):
        if d["DocumentId"] is None:
            continue
        owners = set(d["VoucherIds"] or []) | {voucher_of[p] for p in d["LedgerPostIds"] or [] if p in voucher_of}
        owners |= {v for v, row in vouchers.items() if row.get("FirstDocumentId") == d["DocumentId"]}
        for voucher in owners:
            linked.setdefault(voucher, []).append((d["OriginalName"], d["OriginalPath"], d["DocumentId"]))
    files = sorted((data / "saft").glob("*.xml"))
    assert files
    with_document = 0
    for path in files:
        root = assert_valid_2_1(path)
        for transaction in root.iter(f"{NS}Transaction"):
            voucher = int(transaction.findtext(f"{NS}SystemID"))
            expected = str(min(linked[voucher])[2]) if voucher in linked else None
            found = {line.findtext(f"{NS}SourceDocumentID") for line in transaction.iter(f"{NS}Line")}
            assert found == {expected}, voucher
            with_document += expected is not None
            row = vouchers[voucher]
            user = row.get("ResponsibleName") or row.get("ResponsibleId")
            assert transaction.findtext(f"{NS}SourceID") == (str(user) if user not in (None, "") else None)
            created = next(p["CreatedAt"][:10] for p in posts if p["VoucherId"] == voucher and p.get("CreatedAt"))
            assert transaction.findtext(f"{NS}SystemEntryDate") == transaction.findtext(f"{NS}GLPostingDate") == \
                created
    assert with_document > 0


def test_the_saft_command_gives_the_same_bytes_documents_included(sample: Path, tmp_path: Path) -> None:
    assert main(["saft", str(sample), "--to", str(tmp_path / "again")]) == 0
    written = sorted(p.name for p in (sample / "data" / "saft").iterdir())
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == written
    for name in written:
        assert (tmp_path / "again" / name).read_bytes() == (sample / "data" / "saft" / name).read_bytes(), name
