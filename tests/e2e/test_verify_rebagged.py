"""``verify``'s archive checks, each shown to fail: an archive is broken the way a re-bagging archive
would break it, and the bag is then re-hashed with bagit-python, so the bag itself is valid again
(bagit-python says so) and only the checks of what xena2archive wrote can tell.

Each case asserts the exit code (5) and that the message names the damaged file, and which check
named it (``verify --json``), so a check that stops looking is caught even where another check
happens to notice the same damage (a JSONL line removed also moves the data package's sha256).
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bagit
import pikepdf
import pytest
from lxml import etree
from pikepdf import Array, Dictionary, Name

from helpers import make_zip, run_cli
from xena2archive.errors import ExitCode

LEDGER = ("Id;VoucherId;Amount;Description;FiscalDateDays\n"
          "1;1;100,00;Salg;19400\n2;1;-100,00;Bank;19400\n"
          "3;2;5,00;a;b;c\n"  # six fields where the header has five: a reject
          "4;2;1\n"  # three fields: a reject
          "5;2;5,00;Kaffe;19401\n6;2;-5,00;Kasse;19401\n")
COPY = "data/documents/Bilag/faktura.pdf"
OTHER_COPY = "data/documents/Bilag/kvittering.pdf"
PDFA_ID = "http://www.aiim.org/pdfa/ns/id/"


def text_pdf(words: str) -> bytes:
    """A one-page PDF with a line of text in (not embedded) Helvetica: no metadata, no PDF/A claim."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))
    page = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 595, 842]),
                      Contents=pdf.make_stream(b"BT /F1 14 Tf 60 760 Td (%s) Tj ET" % words.encode("cp1252")),
                      Resources=Dictionary(Font=Dictionary(F1=font)))
    pdf.pages.append(pikepdf.Page(page))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A small archive with two PDF/A copies, a table with two rejects and a SAF-T file."""
    folder = tmp_path_factory.mktemp("rebagged")
    backup = make_zip(folder / "backup.zip", {
        "Data/FiscalSetupDto.csv": "Id;OrgNumber;Address.Name\n1;12345678;Bøgh & Søn ApS\n",
        "Data/FiscalPeriodDto.csv": "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description\n1;19358;19722;2023\n",
        "Data/VoucherDto.csv": "Id;FiscalPeriodId;VoucherNumber;FiscalDateDays\n1;1;1;19400\n2;1;2;19401\n",
        "Data/LedgerPostDto.csv": LEDGER,
        "Bilag/faktura.pdf": text_pdf("Faktura 17 fra Ærø Købmand"),
        "Bilag/kvittering.pdf": text_pdf("Kvittering fra Café Østergård"),
    })
    out = folder / "out"
    assert run_cli(backup, out, "--quiet", "--jobs", "1") == ExitCode.findings  # the rejects, the unnamed files
    report = json.loads((out / "data/report.json").read_text(encoding="utf-8"))
    assert {d["pdfa"] for d in report["documents"]} == {COPY.removeprefix("data/"), OTHER_COPY.removeprefix("data/")}
    [ledger] = [t for t in report["tables"] if t["table"] == "LedgerPostDto"]
    assert (ledger["rows_written"], ledger["rejects"]) == (4, 2)
    assert list((out / "data/saft").glob("*.xml"))
    return out


# -- the breaks ------------------------------------------------------------------------------------


def xmp_pdfa_part(pdf_bytes: bytes) -> str | None:
    """The PDF/A part the file's XMP metadata claims (``pdfaid:part``), read with lxml; None when
    there is no XMP or no claim. pikepdf only hands out the catalog's metadata stream here: its
    PDF/A validator, which is the product's own gate, is not asked."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/Metadata" not in pdf.Root:
            return None
        xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
    for element in xmp.iter():
        part = element.get(f"{{{PDFA_ID}}}part")
        if part is not None:
            return part
        if element.tag == f"{{{PDFA_ID}}}part":
            return element.text
    return None


def replace_with_plain_pdf(data: Path) -> None:
    copy = data.parent / COPY
    assert xmp_pdfa_part(copy.read_bytes()) == "2"  # it was PDF/A-2 ...
    plain = text_pdf("Faktura 17 fra Ærø Købmand")
    assert xmp_pdfa_part(plain) is None and b"pdfaid" not in plain  # ... and the replacement claims nothing
    copy.write_bytes(plain)


def swap_copies(data: Path) -> None:
    """Each copy replaced by the other one: both still valid PDF/A, only not the copies the report lists."""
    one, other = data.parent / COPY, data.parent / OTHER_COPY
    first = one.read_bytes()
    one.write_bytes(other.read_bytes())
    other.write_bytes(first)


def drop_last_line(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]))


def cut_short(path: Path, keep: float = 0.8) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def edit_report(data: Path, change: Callable[[dict], None]) -> None:
    path = data / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    change(report)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def more_rows(report: dict) -> None:
    [ledger] = [t for t in report["tables"] if t["table"] == "LedgerPostDto"]
    ledger["rows_written"] += 1


def other_checksum(report: dict) -> None:
    [entry] = [e for e in report["entries"] if e["zip_name"] == "Data/VoucherDto.csv"]
    entry["sha256"] = "0" * 64


def edit_original(data: Path) -> None:
    path = data / "original/Data/LedgerPostDto.csv"
    path.write_bytes(path.read_bytes().replace(b"Salg", b"SALG"))  # same size: only the checksum tells


@dataclass(frozen=True)
class Break:
    damage: Callable[[Path], None]  # applied to data/
    check: str  # the archive check that must name the file
    file: str  # the file named, as verify names it
    says: str  # a part of that check's message


BREAKS: dict[str, Break] = {
    "pdfa-copy-replaced-by-a-plain-pdf": Break(replace_with_plain_pdf, "PDF/A copies", COPY, "no longer valid PDF/A"),
    "pdfa-copies-swapped": Break(swap_copies, "PDF/A copies", OTHER_COPY, "sha256 differs"),
    "pdfa-copy-deleted": Break(lambda d: (d.parent / COPY).unlink(), "PDF/A copies", COPY, "PDF/A copy missing"),
    "jsonl-line-removed": Break(lambda d: drop_last_line(d / "tables/LedgerPostDto.jsonl"),
                                "tables against their schemas", "data/tables/LedgerPostDto.jsonl",
                                "3 rows, data/report.json says 4"),
    "rejects-record-removed": Break(lambda d: drop_last_line(d / "tables/LedgerPostDto.rejects.jsonl"),
                                    "tables against their schemas", "data/tables/LedgerPostDto.rejects.jsonl",
                                    "1 rejected record, data/report.json says 2"),
    "rejects-cut-in-a-record": Break(lambda d: cut_short(d / "tables/LedgerPostDto.rejects.jsonl"),
                                     "tables against their schemas", "data/tables/LedgerPostDto.rejects.jsonl",
                                     "line 2: not a whole JSON record"),
    "schema-deleted": Break(lambda d: (d / "tables/LedgerPostDto.schema.json").unlink(),
                            "tables against their schemas", "data/tables/LedgerPostDto.schema.json", "missing"),
    "report-row-count-edited": Break(lambda d: edit_report(d, more_rows), "tables against their schemas",
                                     "data/tables/LedgerPostDto.jsonl", "4 rows, data/report.json says 5"),
    "report-checksum-edited": Break(lambda d: edit_report(d, other_checksum), "originals",
                                    "data/original/Data/VoucherDto.csv", "sha256 differs"),
    "report-cut-short": Break(lambda d: cut_short(d / "report.json"), "originals", "data/report.json",
                              "unreadable"),
    "original-edited": Break(edit_original, "originals", "data/original/Data/LedgerPostDto.csv", "sha256 differs"),
}


def rebag(bag: Path) -> None:
    """What an archive's tool does after changing files: manifests and Payload-Oxum made anew."""
    bagit.Bag(str(bag)).save(manifests=True)
    bagit.Bag(str(bag)).validate()  # the bag is valid again: its checksums cannot tell


def test_the_unbroken_archive_passes_after_rebagging(tmp_path, archive, capsys):
    """The control: re-hashing alone (bagit-python rewrites bag-info.txt and every manifest) breaks nothing."""
    bag = shutil.copytree(archive, tmp_path / "bag")
    rebag(bag)
    capsys.readouterr()
    assert run_cli("verify", bag) == ExitCode.ok, capsys.readouterr().out


@pytest.mark.parametrize("name", list(BREAKS))
def test_verify_names_the_file_a_rebagged_archive_broke(tmp_path, archive, capsys, name):
    case = BREAKS[name]
    bag = shutil.copytree(archive, tmp_path / "bag")
    case.damage(bag / "data")
    rebag(bag)
    capsys.readouterr()
    assert run_cli("verify", bag) == ExitCode.verify_failed
    out = capsys.readouterr().out
    assert out.startswith("FAILED") and case.file in out, out
    assert run_cli("verify", "--json", bag) == ExitCode.verify_failed
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["verdict"] == "damaged" and verdict["xena2archive_archive"] is True
    assert [p for p in verdict["problems"] if p["check"] == "bag"] == []  # the bag itself is sound
    named = [p["message"] for p in verdict["problems"] if p["check"] == case.check and case.file in p["file"]]
    assert any(case.says in message for message in named), verdict["problems"]
