"""End to end: every document of the sample becomes validated PDF/A-2b, originals kept, links tabled."""

import hashlib
import json

import pikepdf
import pytest
from pikepdf import pdfa

from helpers import SampleBag, read_jsonl, run_cli, validate_table


@pytest.fixture(scope="module")
def archive(sample_bag: SampleBag):
    # exit 1: the sample's one deliberate flaw, a PNG receipt uploaded under a .pdf name
    assert sample_bag.code == 1
    data = sample_bag.bag / "data"
    return sample_bag.facts, data, json.loads((data / "report.json").read_text(encoding="utf-8"))


def test_every_original_byte_identical(archive):
    facts, data, report = archive
    for entry, sha in facts.documents.items():
        kept = next(e for e in report["entries"] if e["zip_name"] == entry)
        assert hashlib.sha256((data / kept["original"]).read_bytes()).hexdigest() == sha


def test_every_document_has_a_valid_pdfa_copy_with_embedded_fonts(archive):
    facts, data, report = archive
    documents = {d["zip_name"]: d for d in report["documents"]}
    assert set(documents) == set(facts.documents)
    for name, document in documents.items():
        assert document["status"] == "converted", (name, document["reasons"])
        copy = data / document["pdfa"]
        assert pdfa.validate_written(copy, "2b").passed, name
        with pikepdf.open(copy) as pdf:
            assert "/JavaScript" not in pdf.Root.get("/Names", {})
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_documents_table_links_vouchers(archive):
    _, data, _ = archive
    rows = validate_table(data / "tables", "ArchiveDocuments")
    vouchers = {row["Id"] for row in read_jsonl(data / "tables/VoucherDto.jsonl")}
    linked = [row for row in rows if row["VoucherIds"]]
    assert linked and all(int(v) in vouchers for row in linked for v in row["VoucherIds"])
    assert all(row["DocumentId"] is not None for row in rows)


def test_mislabelled_file_is_reported_and_converted(archive):
    _, _, report = archive
    mislabelled = [d for d in report["documents"] if d["mismatch"]]
    assert len(mislabelled) == 1 and mislabelled[0]["format"] == "png"
    assert any("disagrees with the content" in f["message"] for f in report["findings"])


def test_verify_validates_the_pdfa_copies(archive, capsys):
    _, data, report = archive
    assert run_cli("verify", data.parent) == 0
    assert f"{len(report['documents'])} PDF/A copies" in capsys.readouterr().out
