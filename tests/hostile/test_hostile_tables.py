"""Broken and hostile table content: the run goes on, every valid row is in the JSONL with its exact
values, every unreadable record is in the rejects file with its line, and the report says so.

Each case of ``CASES`` states its whole outcome: exit code, the rows of every table, the rejects,
and every finding (the info note about catalogue columns absent from these small inputs aside).
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from helpers import the_workbook

from hostile_support import (
    all_output_text, assert_complete, convert, findings, ledger_csv, post, rejects, rows, table, warned,
    write_zip,
)

LEDGER_CSV = "Data/LedgerPostDto.csv"
LEDGER_XML = "Data/LedgerPostDto.xml"
REJECTED = ("{n} {rows} could not be read; kept raw in tables/LedgerPostDto.rejects.jsonl with their line numbers; "
            "first at ")
WORKBOOK = ("column 'Description': some values are shown as text or shortened in the workbook (too long, control "
            "characters, or more digits than Excel keeps); the JSONL is exact")
ROWS_1_2 = [post(1, 1, "100.00", "Salg"), post(2, 1, "-100.00", "Bank")]

XML_NS = ('xmlns="http://schemas.datacontract.org/2004/07/Xena.Contracts" '
          'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')


def xml_post(id_: int, voucher: int, amount: str, description: str) -> str:
    return (f"  <LedgerPostDto><Id>{id_}</Id><VoucherId>{voucher}</VoucherId><Amount>{amount}</Amount>"
            f"<Description>{description}</Description></LedgerPostDto>\n")


def ledger_xml(*rows_: str, doctype: str = "") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + doctype
            + f"<ArrayOfLedgerPostDto {XML_NS}>\n" + "".join(rows_) + "</ArrayOfLedgerPostDto>\n")


def bad_byte(text: str, good: str, bad: bytes) -> bytes:
    """``text`` as UTF-8 with the encoding of ``good`` replaced by the invalid bytes ``bad``."""
    data = text.encode("utf-8")
    assert good.encode("utf-8") in data
    return data.replace(good.encode("utf-8"), bad)


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)]
    return ledger_xml(xml_post(1, 1, "100.00", "&lol9;"), xml_post(2, 1, "-100.00", "Bank"),
                      doctype="<!DOCTYPE ArrayOfLedgerPostDto [\n" + "\n".join(entities) + "\n]>\n")


ROWS_XML = (xml_post(1, 1, "100.00", "Salg"), xml_post(2, 1, "-100.00", "Bank"))


def cut_in_row_3(xml: str) -> str:
    """The XML cut off inside the start tag of row 3's second field (line 5)."""
    return xml[: xml.index("<Id>3</Id>") + len("<Id>3</Id><Vouc")]


UNREAD = (r"The {read} before the damage (?:is|are) read; the rest of the file, {rest} by a count "
          r"of their <LedgerPostDto> start tags, is not read and not in the table\. The original file is kept")

BIG = "æ" + "x" * (1 << 20) + "ø"  # a cell of 1 MiB and more


@dataclass
class Case:
    entries: list[tuple[str, bytes | str]]
    code: int
    rows: dict[str, list[dict[str, Any]]]  # every table's JSONL, exactly
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, where, message regex)
    rejects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    table_fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # report.json "tables" fields


CASES: dict[str, Case] = {
    "ragged-rows": Case(
        [(LEDGER_CSV, ledger_csv("1;1;100,00;Salg", "2;1;-100,00", "3;2;5,00;a;b", "4;2;-5,00;ok"))], 1,
        {"LedgerPostDto": [post(1, 1, "100.00", "Salg"), post(4, 2, "-5.00", "ok")]},
        [("warning", LEDGER_CSV, re.escape(REJECTED.format(n=2, rows="rows")) + ".*")],
        {"LedgerPostDto": [{"line": 3, "reason": "3 fields where the header has 4", "code": "reject-fields",
                            "fields": ["2", "1", "-100,00"]},
                           {"line": 4, "reason": "5 fields where the header has 4", "code": "reject-fields",
                            "fields": ["3", "2", "5,00", "a", "b"]}]},
        {"LedgerPostDto": {"rows_read": 4, "rows_written": 2, "rejects": 2}},
    ),
    "invalid-utf8-byte": Case(
        [(LEDGER_CSV, bad_byte(ledger_csv("1;1;100,00;Sælg", "2;1;-100,00;Bæk", "3;2;1,00;ok"), "Bæk", b"B\xe6k"))],
        1, {"LedgerPostDto": [post(1, 1, "100.00", "Sælg"), post(3, 2, "1.00", "ok")]},
        [("warning", LEDGER_CSV, re.escape(REJECTED.format(n=1, rows="row")) + ".*")],
        {"LedgerPostDto": [{"line": 3, "reason": "bytes that are not valid utf-8", "code": "reject-bad-bytes",
                            "fields": ["2", "1", "-100,00", "B\\xe6k"]}]},
        {"LedgerPostDto": {"encoding": "utf-8"}},
    ),
    "invalid-utf8-byte-in-multiline-quoted-field": Case(
        [(LEDGER_CSV, bad_byte(ledger_csv("1;1;100,00;Sælg", '2;1;-100,00;"lang\ntekst Bæk"', "3;1;1,00;c"),
                               "Bæk", b"B\xe6k"))],
        1, {"LedgerPostDto": [post(1, 1, "100.00", "Sælg"), post(3, 1, "1.00", "c")]},
        [("warning", LEDGER_CSV, re.escape(REJECTED.format(n=1, rows="row")) + ".*")],
        {"LedgerPostDto": [{"line": 3, "reason": "bytes that are not valid utf-8", "code": "reject-bad-bytes",
                            "fields": ["2", "1", "-100,00", "lang\ntekst B\\xe6k"]}]},
    ),
    "windows-1252-not-utf8": Case(
        [(LEDGER_CSV, ledger_csv("1;1;100,00;Bæk", "2;1;-100,00;Å").encode("cp1252"))], 0,
        {"LedgerPostDto": [post(1, 1, "100.00", "Bæk"), post(2, 1, "-100.00", "Å")]},
        table_fields={"LedgerPostDto": {"encoding": "cp1252"}},
    ),
    "duplicate-ids": Case(
        [(LEDGER_CSV, ledger_csv("1;1;100,00;a", "1;1;-100,00;b", "2;1;1,00;c", "2;1;1,00;c"))], 1,
        {"LedgerPostDto": [post(1, 1, "100.00", "a"), post(1, 1, "-100.00", "b"), post(2, 1, "1.00", "c"),
                           post(2, 1, "1.00", "c")]},
        [("warning", LEDGER_CSV, re.escape("2 repeated values of key Id, e.g. 1, 2"))],
    ),
    "id-beyond-int64": Case(
        [(LEDGER_CSV, ledger_csv("99999999999999999999;1;100,00;a", "2;1;-100,00;b"))], 1,
        {"LedgerPostDto": [post("99999999999999999999", 1, "100.00", "a"), post(2, 1, "-100.00", "b")]},
        [("warning", LEDGER_CSV, re.escape("1 value did not match its column's type and is kept as text, "
                                           "first at line 2, column Id: '99999999999999999999'"))],
    ),
    "formula-strings": Case(
        [(LEDGER_CSV, ledger_csv('1;1;1,00;"=HYPERLINK(""http://x.invalid/"",""klik"")"', "2;1;1,00;=1+2",
                                 "3;1;1,00;+1+2", "4;1;1,00;-2+3", "5;1;1,00;@SUM(A1)", "6;1;1,00;#N/A",
                                 "7;1;-6,00;=cmd|' /C calc'!A0"))], 0,
        {"LedgerPostDto": [post(1, 1, "1.00", '=HYPERLINK("http://x.invalid/","klik")'),
                           post(2, 1, "1.00", "=1+2"), post(3, 1, "1.00", "+1+2"), post(4, 1, "1.00", "-2+3"),
                           post(5, 1, "1.00", "@SUM(A1)"), post(6, 1, "1.00", "#N/A"),
                           post(7, 1, "-6.00", "=cmd|' /C calc'!A0")]},
    ),
    "one-megabyte-cell": Case(
        [(LEDGER_CSV, ledger_csv(f"1;1;100,00;{BIG}", "2;1;-100,00;Bank"))], 0,
        {"LedgerPostDto": [post(1, 1, "100.00", BIG), post(2, 1, "-100.00", "Bank")]},
        [("info", LEDGER_CSV, re.escape(WORKBOOK))],
    ),
    "nul-and-control-characters": Case(
        [(LEDGER_CSV, ledger_csv("1;1;100,00;a\x00b\x07c", "2;1;-100,00;Bank"))], 0,
        {"LedgerPostDto": [post(1, 1, "100.00", "a\x00b\x07c"), post(2, 1, "-100.00", "Bank")]},
        [("info", LEDGER_CSV, re.escape(WORKBOOK))],
    ),
    "header-only": Case([(LEDGER_CSV, ledger_csv())], 0, {"LedgerPostDto": []}),
    "xml-breaks-halfway": Case(
        [(LEDGER_XML, cut_in_row_3(ledger_xml(*ROWS_XML, xml_post(3, 2, "1.00", "c"))))], 1,
        {"LedgerPostDto": ROWS_1_2},
        [("warning", LEDGER_XML,
          r"the XML is damaged at line 5: [^\n]+\. " + UNREAD.format(read="2 rows", rest="1 more row"))],
        table_fields={"LedgerPostDto": {"rows_written": 2, "broken": re.compile(r"the XML is damaged at line 5: .+")}},
    ),
    "xml-billion-laughs": Case(
        [(LEDGER_XML, billion_laughs())], 1, {"LedgerPostDto": []},
        [("warning", LEDGER_XML, r"the XML is damaged: its entities expand to far more text than the file holds "
                                 r"\(entity amplification, an 'entity bomb'\)\. "
                                 + UNREAD.format(read="0 rows", rest="2 more rows"))],
    ),
    "xml-and-csv-disagree": Case(  # row 3 is only in the CSV: written from it, and marked so
        [(LEDGER_CSV, ledger_csv("1;1;100,00;Salg", "2;1;-100,00;Bank", "3;2;7,00;kun i CSV")),
         (LEDGER_XML, ledger_xml(*ROWS_XML))], 1,
        {"LedgerPostDto": [{**row, "SourceFile": LEDGER_XML} for row in ROWS_1_2]
                          + [{**post(3, 2, "7.00", "kun i CSV"), "SourceFile": LEDGER_CSV}]},
        [("warning", LEDGER_CSV, re.escape(f"1 row is only in this file, not in {LEDGER_XML} (keys 3); 1 was "
                                           "written to table LedgerPostDto from this file, where column SourceFile "
                                           "names it.")),
         ("info", LEDGER_XML, re.escape("converted from XML; the other file was compared with it"))],
        table_fields={"LedgerPostDto": {"source": LEDGER_XML, "rows_written": 3}},
    ),
    "catalogue-table-in-other-case": Case(
        [("Data/ledgerpostdto.csv", ledger_csv("1;1;100;Salg", "2;1;-100;Bank"))], 0,
        {"LedgerPostDto": [post(1, 1, "100", "Salg"), post(2, 1, "-100", "Bank")]},
        table_fields={"LedgerPostDto": {"known": True, "source": "Data/ledgerpostdto.csv"}},
    ),
    "unknown-table": Case(
        [("Data/MysteryDto.csv", "Id;Beløb;Tidspunkt;Tekst\n1;12,50;2024-01-02T10:00:00;hej\n"
                                 "2;-3,25;2024-02-03T11:00:00;med\n")], 1,
        {"MysteryDto": [{"Id": 1, "Beløb": "12.50", "Tidspunkt": "2024-01-02T10:00:00", "Tekst": "hej"},
                        {"Id": 2, "Beløb": "-3.25", "Tidspunkt": "2024-02-03T11:00:00", "Tekst": "med"}]},
        [("info", "Data/MysteryDto.csv",
          re.escape("table MysteryDto is not in Xena's catalogue; column types inferred")),
         # exit 1: a zip without one of Xena's tables is archived, but the user is told it is no Xena backup
         ("warning", "backup.zip", re.escape("no table of Xena's (such as LedgerPostDto or PartnerDto) is in the "
                                             "backup, so it does not look like a Xena backup (Lokal kopi); its files "
                                             "are archived as they are"))],
        table_fields={"MysteryDto": {"known": False}},
    ),
    "repeated-and-empty-header-names": Case(
        # exit 1: with no VoucherId column the index reports the postings as without a voucher
        [(LEDGER_CSV, "Id;Id;Amount;;Description\n1;9;100,00;q;a\n2;8;-100,00;r;b\n")], 1,
        {"LedgerPostDto": [{"Id": 1, "Id~2": 9, "Amount": "100.00", "Column4": "q", "Description": "a"},
                           {"Id": 2, "Id~2": 8, "Amount": "-100.00", "Column4": "r", "Description": "b"}]},
        [("info", LEDGER_CSV, re.escape("column 2 'Id' written as 'Id~2'")),
         ("info", LEDGER_CSV, re.escape("column 4 '' written as 'Column4'")),
         ("info", LEDGER_CSV, re.escape("column 'Id~2' is not in Xena's catalogue; its type int64 was inferred")),
         ("info", LEDGER_CSV, re.escape("column 'Column4' is not in Xena's catalogue; its type string was inferred"))],
    ),
}


def _check_case(capsys, tmp_path: Path, case: Case) -> tuple[dict[str, Any], Path]:
    backup = write_zip(tmp_path / "backup.zip", case.entries)
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out)
    assert (code, err) == (case.code, "")
    report = assert_complete(capsys, backup, out)
    for name, expected in case.rows.items():
        assert rows(out, name) == expected, name
        assert rejects(out, name) == case.rejects.get(name, []), name
        summary = table(report, name)
        assert summary["rows_written"] == len(expected)
        for key, value in case.table_fields.get(name, {}).items():
            assert value.fullmatch(summary[key]) if isinstance(value, re.Pattern) else summary[key] == value, key
    _match_findings(findings(report), case.findings)
    return report, out


def _match_findings(actual: list[tuple[str, str, str]], expected: list[tuple[str, str, str]]) -> None:
    """Every expected finding matches one actual finding and none is left over (order aside). A
    pattern is the message up to its closing stop, which every message must have."""
    left = list(actual)
    for severity, where, pattern in expected:
        whole = pattern if pattern.endswith((r"\.", "…")) else rf"(?:{pattern})\."
        hit = next((f for f in left if f[:2] == (severity, where) and re.fullmatch(whole, f[2])), None)
        assert hit is not None, f"no {severity} for {where} matching {pattern!r} in {left}"
        left.remove(hit)
    assert left == [], f"findings not expected: {left}"


@pytest.mark.parametrize("name", list(CASES))
def test_table_case(tmp_path, capsys, name):
    _check_case(capsys, tmp_path, CASES[name])


def test_formulas_stay_text_in_the_workbook(tmp_path, capsys):
    """No cell of the workbook is a formula: text that looks like one is stored as text."""
    _, out = _check_case(capsys, tmp_path, CASES["formula-strings"])
    with zipfile.ZipFile(the_workbook(out / "data", "LedgerPostDto")) as workbook:
        sheets = [n for n in workbook.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(workbook.read(n).decode("utf-8") for n in sheets)
        names = workbook.namelist()
        shared = workbook.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in names else ""
    assert "<f>" not in xml and "<f " not in xml
    assert 't="e"' not in xml  # '#N/A' is text, not an error value
    assert "=cmd|" in xml + shared and "=HYPERLINK(" in (xml + shared).replace("&quot;", '"')


def test_megabyte_cell_cut_to_the_excel_limit_in_the_workbook_only(tmp_path, capsys):
    import openpyxl

    _, out = _check_case(capsys, tmp_path, CASES["one-megabyte-cell"])
    sheet = openpyxl.load_workbook(the_workbook(out / "data", "LedgerPostDto"), read_only=True)["LedgerPostDto"]
    header, first = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    cell = first[header.index("Description")]
    assert cell == BIG[:32_767]


# --------------------------------------------------------------------------------------------
# XML entities and DTDs: nothing is fetched or read from outside the zip, nothing blows up
# --------------------------------------------------------------------------------------------


def _entity_doctypes(secret: Path, dtd: Path, port: int) -> dict[str, str]:
    return {
        "external-general-entity-file": f'<!DOCTYPE ArrayOfLedgerPostDto [<!ENTITY xxe SYSTEM "file://{secret}">]>\n',
        "external-parameter-entity-file": (f'<!DOCTYPE ArrayOfLedgerPostDto [<!ENTITY % pe SYSTEM "file://{dtd}"> '
                                           '%pe;]>\n'),
        "external-entity-http": (f'<!DOCTYPE ArrayOfLedgerPostDto [<!ENTITY xxe SYSTEM '
                                 f'"http://127.0.0.1:{port}/secret">]>\n'),
    }


@pytest.mark.parametrize("kind", ["external-general-entity-file", "external-parameter-entity-file",
                                  "external-entity-http"])
def test_xml_external_entity_is_not_read(tmp_path, capsys, listener, kind):
    port = listener.port  # a real HTTP listener (conftest.py) that records every connection
    token = f"HEMMELIGT-{uuid.uuid4().hex}"
    secret = tmp_path / "secret.txt"
    secret.write_text(token, encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY xxe "{token}">', encoding="utf-8")
    xml = ledger_xml(xml_post(1, 1, "100.00", "&xxe;"), xml_post(2, 1, "-100.00", "Bank"),
                     doctype=_entity_doctypes(secret, dtd, port)[kind])
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_XML, xml)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")  # the row that uses the entity is a reject
    assert_complete(capsys, backup, out)
    assert token not in all_output_text(out)
    assert listener.seen() == []
    # the row that uses the entity cannot be read whole: a reject with its reason, never a value
    # with the reference quietly left out; the other row is converted
    assert rows(out, "LedgerPostDto") == [post(2, 1, "-100.00", "Bank")]
    [reject] = rejects(out, "LedgerPostDto")
    assert reject["line"] == 4 and "&xxe;" in reject["reason"] and "&xxe;" in reject["fields"][0]


def test_xml_external_entity_is_reported_not_silently_emptied(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("hemmeligt", encoding="utf-8")
    xml = ledger_xml(xml_post(1, 1, "100.00", "&xxe;"), xml_post(2, 1, "-100.00", "Bank"),
                     doctype=f'<!DOCTYPE ArrayOfLedgerPostDto [<!ENTITY xxe SYSTEM "file://{secret}">]>\n')
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_XML, xml)])
    out = tmp_path / "out"
    code, _ = convert(capsys, backup, out)
    report = assert_complete(capsys, backup, out)
    assert code == 1 and LEDGER_XML in warned(report)
    assert any("entities that come from outside the file" in m and "xxe (file://" in m and "rejects file" in m
               for _, _, m in findings(report, LEDGER_XML))
    assert post(1, 1, "100.00", "") not in rows(out, "LedgerPostDto")


def test_xml_internal_entity_is_expanded(tmp_path, capsys):
    xml = ledger_xml(xml_post(1, 1, "100.00", "&co; &amp; Søn"), xml_post(2, 1, "-100.00", "Bank"),
                     doctype='<!DOCTYPE ArrayOfLedgerPostDto [<!ENTITY co "Bøgh">]>\n')
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_XML, xml)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (0, "")
    assert_complete(capsys, backup, out)
    assert rows(out, "LedgerPostDto") == [post(1, 1, "100.00", "Bøgh & Søn"), post(2, 1, "-100.00", "Bank")]


def test_xml_billion_laughs_is_not_expanded(tmp_path, capsys):
    """How long the refusal takes is measured in bench/guards.py, not here."""
    _report, out = _check_case(capsys, tmp_path, CASES["xml-billion-laughs"])
    assert "lollollol" not in all_output_text(out)
    assert sum(p.stat().st_size for p in (out / "data/tables").iterdir()) < 1 << 20


def test_xml_dtd_is_neither_loaded_nor_fetched(tmp_path, capsys, listener):
    """A DOCTYPE pointing at a local file or a URL: not read (its default attribute would add a column),
    not fetched, and the rows convert as if it were not there."""
    port = listener.port  # a real HTTP listener (conftest.py) that records every connection
    local = tmp_path / "xena.dtd"
    local.write_text('<!ATTLIST LedgerPostDto Injected CDATA "INJECTED">', encoding="utf-8")
    ledger = ledger_xml(*ROWS_XML, doctype=f'<!DOCTYPE ArrayOfLedgerPostDto SYSTEM "file://{local}">\n')
    partners = (f'<?xml version="1.0"?>\n<!DOCTYPE ArrayOfPartnerDto SYSTEM "http://127.0.0.1:{port}/x.dtd">\n'
                f"<ArrayOfPartnerDto {XML_NS}><PartnerDto><Id>5</Id></PartnerDto></ArrayOfPartnerDto>\n")
    entries = [("Data/LedgerPostDto.xml", ledger), ("Data/PartnerDto.xml", partners)]
    backup = write_zip(tmp_path / "backup.zip", entries)
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (0, "")
    report = assert_complete(capsys, backup, out)
    assert rows(out, "LedgerPostDto") == ROWS_1_2
    assert rows(out, "PartnerDto") == [{"Id": 5}]
    assert findings(report) == []
    assert listener.seen() == []


def test_xml_deeply_nested_field_is_rejected_not_a_crash(tmp_path, capsys):
    deep = "<a>" * 1500 + "x" + "</a>" * 1500
    xml = ledger_xml(xml_post(1, 1, "100.00", "Salg"), f"  <LedgerPostDto><Id>2</Id><Description>{deep}</Description>"
                     "</LedgerPostDto>\n", xml_post(3, 2, "1.00", "c"))
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_XML, xml)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    written = {r["Id"]: r for r in rows(out, "LedgerPostDto")}
    assert written[1] == post(1, 1, "100.00", "Salg") and written[3] == post(3, 2, "1.00", "c")
    assert len(written) + len(rejects(out, "LedgerPostDto")) == 3
    assert LEDGER_XML in warned(report)


# --------------------------------------------------------------------------------------------
# CSV files without a header, or broken at the end
# --------------------------------------------------------------------------------------------

NO_HEADER = {"empty-file": b"", "bom-only": b"\xef\xbb\xbf", "only-blank-lines": b"\n\r\n\n\r\n"}


@pytest.mark.parametrize("content", list(NO_HEADER.values()), ids=list(NO_HEADER))
def test_table_file_without_header_is_kept_and_valid(tmp_path, capsys, content):
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_CSV, content), ("Data/PartnerDto.csv", "Id\n5\n")])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")  # a table file without a header is a finding
    assert_complete(capsys, backup, out)
    assert rows(out, "LedgerPostDto") == [] and rejects(out, "LedgerPostDto") == []
    assert rows(out, "PartnerDto") == [{"Id": 5}]


@pytest.mark.parametrize("content", list(NO_HEADER.values()), ids=list(NO_HEADER))
def test_table_file_without_header_is_reported(tmp_path, capsys, content):
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_CSV, content)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    assert LEDGER_CSV in warned(report)


def test_unterminated_quote_at_end_of_file_is_reported(tmp_path, capsys):
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_CSV, ledger_csv("1;1;100,00;Salg", '2;1;-100,00;"åben',
                                                                         "3;1;1,00;c"))])
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out)
    report = assert_complete(capsys, backup, out)
    assert (code, err) == (1, "")
    assert any("quote" in m for s, _, m in findings(report, LEDGER_CSV) if s == "warning")
    written = rows(out, "LedgerPostDto")
    assert written[0] == post(1, 1, "100.00", "Salg")
    assert not any("\n" in (r["Description"] or "") for r in written)  # no row swallowed the lines after it
    kept = [r["Id"] for r in written] + [" ".join(map(str, r["fields"])) for r in rejects(out, "LedgerPostDto")]
    assert 3 in kept or any("3;1;1,00;c" in str(k) for k in kept)


def test_invalid_byte_in_header_is_a_finding_not_a_crash(tmp_path, capsys):
    data = bad_byte(ledger_csv("1;1;100,00;Sælg", "2;1;-100,00;Bank", header="Id;VoucherId;Amount;Tekstæ"),
                    "Tekstæ", b"Tekst\xe6")
    backup = write_zip(tmp_path / "backup.zip", [(LEDGER_CSV, data)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    written = rows(out, "LedgerPostDto")
    assert [(r["Id"], r["VoucherId"], r["Amount"]) for r in written] == [(1, 1, "100.00"), (2, 1, "-100.00")]
    assert LEDGER_CSV in warned(report)


# --------------------------------------------------------------------------------------------
# One table in several files, tables that differ only by case
# --------------------------------------------------------------------------------------------


def test_same_table_in_two_folders_both_converted(tmp_path, capsys):
    backup = write_zip(tmp_path / "backup.zip", [
        (LEDGER_CSV, ledger_csv("1;1;100,00;Salg", "2;1;-100,00;Bank")),
        ("Gammel/LedgerPostDto.csv", ledger_csv("7;3;1,00;x"))])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    assert rows(out, "LedgerPostDto") == ROWS_1_2
    second = [t for t in report["tables"] if t["source"] == "Gammel/LedgerPostDto.csv"]
    assert len(second) == 1 and rows(out, second[0]["table"]) == [post(7, 3, "1.00", "x")]
    assert ("warning", "Gammel/LedgerPostDto.csv",
            "a second CSV file of table LedgerPostDto; converted apart.") in findings(report)


def test_second_file_of_a_catalogue_table_keeps_the_catalogue_types(tmp_path, capsys):
    header = "Id;VoucherId;Amount;FiscalDateDays"
    backup = write_zip(tmp_path / "backup.zip", [
        (LEDGER_CSV, ledger_csv("1;1;100;19723", header=header)),
        ("Gammel/LedgerPostDto.csv", ledger_csv("7;3;5;19723", header=header))])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    expected = {"VoucherId": 3, "Amount": "5", "FiscalDateDays": 19723, "FiscalDateDays_date": "2024-01-01"}
    second = next(t for t in report["tables"] if t["source"] == "Gammel/LedgerPostDto.csv")
    assert rows(out, second["table"]) == [{"Id": 7, **expected}]
    assert not any("not in Xena's catalogue" in m for _, _, m in findings(report))


def test_tables_differing_only_by_case_get_distinct_outputs(tmp_path, capsys):
    backup = write_zip(tmp_path / "backup.zip", [("Data/MysteryDto.csv", "Id;T\n1;a\n"),
                                                 ("Gammel/mysterydto.csv", "Id;T\n2;b\n")])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    assert ("warning", "Gammel/mysterydto.csv", "a second CSV file of table MysteryDto; converted apart.") in findings(
        report)
    payload = [str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()]
    assert len({p.casefold() for p in payload}) == len(payload)


# --------------------------------------------------------------------------------------------
# Findings of the index stage: unbalanced vouchers, rows that refer to missing rows
# --------------------------------------------------------------------------------------------

INDEX_CASES = {
    "unbalanced-voucher": (
        [(LEDGER_CSV, ledger_csv("1;1;100,00;Salg", "2;1;-90,00;Bank"))],
        ("LedgerPostDto/VoucherDto", "1 voucher does not add up (postings not summing to 0, or not matching the "
                                     "voucher's debit/credit); listed in index/fund/bilag-stemmer-ikke.html."),
        "index/fund/bilag-stemmer-ikke.html", "summer til 10,00, ikke 0,00"),
    "posting-of-missing-voucher": (
        [(LEDGER_CSV, ledger_csv("1;1;100,00;Salg", "2;1;-100,00;Bank")),
         ("Data/VoucherDto.csv", "Id;VoucherNumber\n99;1\n")],
        ("LedgerPostDto", "2 postings without a voucher; listed in index/fund/posteringer-uden-bilag.html."),
        "index/fund/posteringer-uden-bilag.html", "findes ikke i VoucherDto"),
}


@pytest.mark.parametrize("name", list(INDEX_CASES))
def test_index_stage_findings(tmp_path, capsys, name):
    """The index's finding is in the report, and the page it names is in the bag and shows it."""
    entries, (where, message), page, shown = INDEX_CASES[name]
    backup = write_zip(tmp_path / "backup.zip", entries)
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    warnings = [f for f in report["findings"] if f["severity"] == "warning"]
    # a posting of a voucher that is not there is also a dangling foreign key of the data package
    dangling = [f["where"] for f in warnings if f["code"] == "relation-dangling"]
    assert dangling == (["LedgerPostDto"] if name == "posting-of-missing-voucher" else [])
    assert [(f["where"], f["message"]) for f in warnings if f["code"] != "relation-dangling"] == [(where, message)]
    assert shown in (out / "data" / page).read_text(encoding="utf-8")
