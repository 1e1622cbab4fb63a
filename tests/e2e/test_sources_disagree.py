"""A table whose CSV and XML disagree: the table holds the union of both, every difference is reported.

Xena's backup holds every table twice, as CSV and as XML. When one holds a row the other lacks, the
row must still reach the JSONL, the workbook and the index (taken from the file that has it, and
marked so), and when both hold a row with different values the converted file's values are kept and
each differing field is named in the report. The files are read back here by independent readers
(csv, ElementTree, jsonschema, openpyxl, bagit), not by xena2archive.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import bagit
import openpyxl
import pytest

from helpers import make_zip, read_jsonl, run_cli, validate_table, workbooks
from xena2archive.findings import KINDS

NS = ('xmlns="http://schemas.datacontract.org/2004/07/Xena.Contracts" '
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')
PARTNERS = [(n, f"{1000 + n}", f"Kunde {n} ApS", f"Østergade {n}") for n in range(1, 13)]
PARTNERS[2] = (3, "1003", "Bøgh & Søn A/S", "Åboulevarden 3")  # the XML's name; the CSV spells it otherwise
CSV_NAME_OF_3 = "Bøgh og Søn A/S"


def partner_csv() -> bytes:
    lines = ["Id;AccountNumber;Name;Address.Street;IsDeactivated"]
    for id_, account, name, street in PARTNERS:  # all 12
        lines.append(f"{id_};{account};{CSV_NAME_OF_3 if id_ == 3 else name};{street};False")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def partner_xml() -> str:
    rows = "".join(
        f"<PartnerDto><Id>{id_}</Id><AccountNumber>{account}</AccountNumber><Name>{name.replace('&', '&amp;')}</Name>"
        f"<Address><AddressDto><Street>{street}</Street></AddressDto></Address><IsDeactivated>false</IsDeactivated>"
        "</PartnerDto>"
        for id_, account, name, street in PARTNERS[:11])  # partner 12 is missing from the XML
    return f'<?xml version="1.0" encoding="utf-8"?><ArrayOfPartnerDto {NS}>{rows}</ArrayOfPartnerDto>'


POSTS = [(1, 1, "1250.00", "Salg af varer"), (2, 1, "-1250.00", "Bank"), (3, 2, "-80.50", "Kontorartikler"),
         (4, 2, "80.50", "Kasse")]
XML_ONLY_POST = (5, 3, "17.25", "Gebyr – kun i XML")


def ledger_csv() -> bytes:
    """The richer source (one more column, VatAmount), so it is the one converted; it lacks post 5."""
    lines = ["Id;VoucherId;Amount;Description;VatAmount"]
    lines += [f"{i};{v};{a.replace('.', ',')};{d};0,00" for i, v, a, d in POSTS]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def ledger_xml() -> str:
    rows = "".join(f"<LedgerPostDto><Id>{i}</Id><VoucherId>{v}</VoucherId><Amount>{a}</Amount>"
                   f"<Description>{d}</Description></LedgerPostDto>" for i, v, a, d in [*POSTS, XML_ONLY_POST])
    return f'<?xml version="1.0" encoding="utf-8"?><ArrayOfLedgerPostDto {NS}>{rows}</ArrayOfLedgerPostDto>'


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path, dict]:
    folder = tmp_path_factory.mktemp("disagree")
    backup = make_zip(folder / "backup.zip", {
        "Data/PartnerDto.csv": partner_csv(), "Data/PartnerDto.xml": partner_xml(),
        "Data/LedgerPostDto.csv": ledger_csv(), "Data/LedgerPostDto.xml": ledger_xml(),
    })
    assert run_cli(backup, folder / "out", "--quiet") == 1  # findings: the files disagree
    report = json.loads((folder / "out/data/report.json").read_text(encoding="utf-8"))
    return backup, folder / "out", report


def _csv_ids(data: bytes, encoding: str) -> set[int]:
    return {int(row["Id"]) for row in csv.DictReader(io.StringIO(data.decode(encoding)), delimiter=";")}


def _xml_ids(text: str) -> set[int]:
    return {int(e.text) for e in ET.fromstring(text).iter("{http://schemas.datacontract.org/2004/07/Xena.Contracts}Id")}


def _findings(report: dict, where: str) -> list[tuple[str, str]]:
    assert all(f["code"] in KINDS and KINDS[f["code"]].severity == f["severity"] for f in report["findings"])
    return [(f["severity"], f["message"]) for f in report["findings"] if f["where"] == where]


def _codes(report: dict, where: str) -> set[str]:
    return {f["code"] for f in report["findings"] if f["where"] == where}


@pytest.mark.parametrize("table, ids", [
    ("PartnerDto", _csv_ids(partner_csv(), "utf-8-sig") | _xml_ids(partner_xml())),
    ("LedgerPostDto", _csv_ids(ledger_csv(), "cp1252") | _xml_ids(ledger_xml())),
])
def test_each_table_holds_the_union_of_its_sources(archive, table, ids):
    _, out, report = archive
    rows = validate_table(out / "data/tables", table)  # every row against the schema, SourceFile included
    assert sorted(row["Id"] for row in rows) == sorted(ids)
    assert next(t for t in report["tables"] if t["table"] == table)["rows_written"] == len(ids)
    body = []
    for path in workbooks(out / "data", table):  # a posting table's: one per fiscal year, rows in exactly one
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        header, *rows_ = list(sheet.iter_rows(values_only=True))
        assert "SourceFile" in header
        body += [row[header.index("Id")] for row in rows_]
    assert sorted(body) == sorted(ids)


def test_a_row_only_in_the_csv_is_taken_from_it_and_marked(archive):
    _, out, report = archive
    rows = {row["Id"]: row for row in read_jsonl(out / "data/tables/PartnerDto.jsonl")}
    assert [rows[12][k] for k in ("Name", "Address.Street", "IsDeactivated", "SourceFile")] == [
        "Kunde 12 ApS", "Østergade 12", False, "Data/PartnerDto.csv"]
    assert {row["SourceFile"] for id_, row in rows.items() if id_ != 12} == {"Data/PartnerDto.xml"}
    assert ("warning", "1 row is only in this file, not in Data/PartnerDto.xml (keys 12); 1 was written to "
            "table PartnerDto from this file, where column SourceFile "
            "names it.") in _findings(report, "Data/PartnerDto.csv")
    assert _codes(report, "Data/PartnerDto.csv") == {"rows-only-in-other", "values-differ", "value-difference"}
    # the index lists the partner that only the CSV holds
    pages = "".join(p.read_text(encoding="utf-8") for p in (out / "data/index").rglob("*.html"))
    assert "Kunde 12 ApS" in pages


def test_a_row_only_in_the_xml_is_taken_from_it_with_the_columns_it_lacks_null(archive):
    _, out, report = archive
    rows = {row["Id"]: row for row in read_jsonl(out / "data/tables/LedgerPostDto.jsonl")}
    assert [rows[5][k] for k in ("VoucherId", "Amount", "Description", "VatAmount", "SourceFile")] == [
        3, "17.25", "Gebyr – kun i XML", None, "Data/LedgerPostDto.xml"]
    assert rows[1]["VatAmount"] == "0.00" and rows[1]["SourceFile"] == "Data/LedgerPostDto.csv"
    table = next(t for t in report["tables"] if t["table"] == "LedgerPostDto")
    assert (table["format"], table["agreement"][0]["added_rows"], table["agreement"][0]["agrees"]) == ("csv", 1, False)
    assert ("warning", "columns not in the converted file (kept in the original): VatAmount") not in \
        _findings(report, "Data/LedgerPostDto.xml")


def test_a_key_in_both_with_a_different_value_keeps_the_converted_value_and_names_the_field(archive):
    _, out, report = archive
    rows = {row["Id"]: row for row in read_jsonl(out / "data/tables/PartnerDto.jsonl")}
    assert rows[3]["Name"] == "Bøgh & Søn A/S"  # the XML's, which is converted
    found = _findings(report, "Data/PartnerDto.csv")
    assert ("warning", "1 row holds other values here than in Data/PartnerDto.xml, whose values table PartnerDto "
            "keeps; differing columns (rows): Name (1).") in found
    assert ("info", "Id 3, column Name: 'Bøgh & Søn A/S' in Data/PartnerDto.xml, 'Bøgh og Søn A/S' here.") in found
    agreement = next(t for t in report["tables"] if t["table"] == "PartnerDto")["agreement"][0]
    assert agreement["differences"] == [{"key": 3, "column": "Name", "converted": "Bøgh & Søn A/S",
                                         "other": "Bøgh og Søn A/S"}]


def test_the_bag_is_valid_for_an_independent_reader(archive):
    _, out, _ = archive
    bagit.Bag(str(out)).validate()
