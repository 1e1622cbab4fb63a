"""The workbook: typed cells, text that never turns into a formula, exact big numbers, sheet overflow."""

import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
import xlsxwriter
from lxml import etree

from helpers import make_zip, read_jsonl, run_cli, subprocess_env, the_workbook, workbooks
from xena2archive.model import Kind
from xena2archive.tables import xlsx
from xena2archive.tables.convert import prepare_table
from xena2archive.tables.table import TableSource, TypedRow
from xena2archive.tables.table import rows as table_rows


def _convert(tmp_path, csv_text: str, name: str = "LedgerPostDto"):
    """Convert one table; exit 1, as postings without a VoucherId column are findings of the index.
    The table's workbook (of its one year, when the rows are postings of one year)."""
    backup = make_zip(tmp_path / "b.zip", {f"{name}.csv": csv_text})
    assert run_cli(backup, tmp_path / "out") == 1
    return openpyxl.load_workbook(the_workbook(tmp_path / "out/data", name))


def _workbooks(out: Path, name: str) -> list[Path]:
    return workbooks(out / "data", name)


def _data_rows(out: Path, name: str) -> list[tuple]:
    """The data rows of every sheet (the description sheet left out) of every workbook of the table."""
    return [row for path in _workbooks(out, name) for sheet in openpyxl.load_workbook(path).worksheets[:-1]
            for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_cells_are_typed(tmp_path):
    workbook = _convert(tmp_path, "Id;Amount;FiscalDateDays;CreatedAt;Description\n"
                                  "1;-1.234,50;19000;2023-01-02T10:00:00Z;Husleje\n")
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Id", "Amount", "FiscalDateDays", "FiscalDateDays_date", "CreatedAt",
                                          "Description"]
    row = list(sheet[2])
    assert row[0].value == 1 and row[0].data_type == "n"
    assert row[1].value == -1234.5 and row[1].number_format == "#,##0.00"
    assert row[3].value == dt.datetime(2022, 1, 8)
    assert row[4].value == dt.datetime(2023, 1, 2, 10, 0)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F2"
    assert workbook.sheetnames[-1] == "Om tabellen"


def test_formula_like_text_stays_text(tmp_path):
    workbook = _convert(tmp_path, "Id;Description\n1;=SUM(A1:A2)\n2;+45 1234\n3;-x\n4;@cmd\n5;#N/A\n")
    cells = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["=SUM(A1:A2)", "+45 1234", "-x", "@cmd", "#N/A"]
    assert all(c.data_type == "s" for c in cells)


def test_big_numbers_are_exact_text(tmp_path):
    workbook = _convert(tmp_path, "Id;Amount\n9223372036854775807;12345678901234567.25\n4294967297;0.10\n")
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("9223372036854775807", "12345678901234567.25")
    assert rows[1][:2] == (4294967297, 0.1)


def test_exact_decimal_digits_in_the_file(tmp_path):
    _convert(tmp_path, "Id;Amount\n1;0.10\n")
    sheet = zipfile.ZipFile(tmp_path / "out/data/tables/LedgerPostDto.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<v>0.10</v>" in sheet


def test_control_characters_and_long_text(tmp_path):
    long = "x" * 40_000
    workbook = _convert(tmp_path, f"Id;Description\n1;a\x01b\n2;{long}\n")
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "a\\x01b"
    assert len(rows[1][1]) == 32_767


def test_rows_continue_on_further_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_DATA_ROWS", 3)
    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": "Id\n" + "\n".join(str(i) for i in range(1, 8)) + "\n"})
    assert run_cli(backup, tmp_path / "out", "--jobs", "1") == 0
    workbook = openpyxl.load_workbook(tmp_path / "out/data/tables/VatDto.xlsx")
    assert workbook.sheetnames == ["VatDto", "VatDto (2)", "VatDto (3)", "Om tabellen"]
    ids = [r[0] for s in workbook.worksheets[:3] for r in s.iter_rows(min_row=2, values_only=True)]
    assert ids == list(range(1, 8))
    assert workbook.worksheets[1]["A1"].value == "Id"
    assert all("arket 'Om tabellen'" in sheet["A1"].comment.text for sheet in workbook.worksheets[:3])


def test_same_table_gives_same_bytes(tmp_path):
    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": "Id;Description\n1;Moms\n"})
    assert run_cli(backup, tmp_path / "a") == run_cli(backup, tmp_path / "b") == 0
    assert ((tmp_path / "a/data/tables/VatDto.xlsx").read_bytes()
            == (tmp_path / "b/data/tables/VatDto.xlsx").read_bytes())


def test_dates_before_march_1900_are_iso_text(tmp_path):
    """Excel's day count is off by one before 1900-03-01 (its 1900 leap-year bug) and cannot show
    earlier dates: such dates are shown as their ISO text and the report says so."""
    backup = make_zip(tmp_path / "b.zip", {"LedgerPostDto.csv": "Id;FiscalDateDays;CreatedAt\n"
                                                                 "1;-25568;1899-12-31T23:00:00\n"
                                                                 "2;-25500;1900-03-01T06:00:00\n"
                                                                 "3;-25508;2000-01-01T00:00:00+01:00\n"})
    assert run_cli(backup, tmp_path / "out") == 1
    assert [p.name for p in _workbooks(tmp_path / "out", "LedgerPostDto")] == [
        "LedgerPostDto.1899.xlsx", "LedgerPostDto.1900.xlsx"]  # no fiscal years: by calendar year
    rows = _data_rows(tmp_path / "out", "LedgerPostDto")
    assert rows[0][1:] == (-25568, "1899-12-31", "1899-12-31T23:00:00")
    assert rows[1][1:] == (-25500, dt.datetime(1900, 3, 9), dt.datetime(1900, 3, 1, 6))
    assert rows[2][2:] == (dt.datetime(1900, 3, 1), dt.datetime(1999, 12, 31, 23))
    report = (tmp_path / "out/data/report.json").read_text(encoding="utf-8")
    assert "column 'FiscalDateDays_date': some values are shown as text" in report
    assert "column 'CreatedAt': some values are shown as text" in report


# --------------------------------------------------------------------------------------------
# The cells as XlsxWriter itself writes them: the same rows through its public methods
# --------------------------------------------------------------------------------------------

NS = ('xmlns="http://schemas.datacontract.org/2004/07/Xena.Contracts" '
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')
# text that must stay as it is: formulas, numbers, links, XML's and Excel's special characters
TEXTS = ["Husleje", "=SUM(A1:A2)", "+45 1234", "-x", "@cmd", "#N/A", "0012", "https://example.com/a?b=1",
         " leading", "trailing ", "a & b <c> \"d\"", "_x0041_", "x\ufffey\uffffz", "Ærø – 😀", "tab\there",
         "two\nlines", ""]


def _partner_xml() -> str:
    rows = []
    for n, text in enumerate(TEXTS, start=1):
        flag = "true" if n % 2 else "false"
        tags = "".join(f"<string>{t}</string>" for t in ("a", "ø")[: n % 3])
        rows.append(f"<PartnerDto><Id>{4294967296 + n}</Id><Version>{n}</Version><IsDeactivated>{flag}</IsDeactivated>"
                    f"<CreatedAt>2023-0{1 + n % 9}-0{1 + n % 9}T1{n % 10}:2{n % 10}:3{n % 10}.{n:06d}+02:00</CreatedAt>"
                    f"<Note>{escape(text)}</Note><Tags>{tags}</Tags></PartnerDto>")
    return f'<?xml version="1.0" encoding="utf-8"?><ArrayOfPartnerDto {NS}>{"".join(rows)}</ArrayOfPartnerDto>'


def _ledger_csv() -> str:
    amounts = ["0.10", "-1234.50", "100.00", "-0.00", "123456789012.345", "7.5"]
    lines = ["Id;VoucherId;Amount;VatAmount;FiscalDateDays;CreatedAt;Description"]
    for n, text in enumerate(TEXTS[:-1], start=1):  # the empty text is null in a CSV
        lines.append(f"{n};{n // 2};{amounts[n % len(amounts)]};{n}.{n:03d};{18000 + 97 * n};"
                     f"2024-12-31T23:59:{n:02d}.{n:03d}Z;{text if chr(10) not in text else 'x'}")
    return "\n".join(lines) + "\n"


def _reference(plan, path: Path, when: dt.datetime) -> None:
    """The workbook's first sheet as XlsxWriter writes it cell by cell through its public methods."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                               "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"author": "xena2archive", "created": when})
    bold = workbook.add_format({"bold": True})
    formats: dict[str, object] = {}
    sheet = workbook.add_worksheet(plan.spec.name)
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(plan.columns):
        sheet.set_column(index, index, min(max(len(column.name) + 2, 12 if column.kind is not Kind.string else 24), 60))
        sheet.write_string(0, index, column.name, bold)
        sheet.write_comment(0, index, "a note")  # its text is in the comments part, not the sheet's
    count = 0
    for count, row in enumerate((r for r in table_rows(plan) if isinstance(r, TypedRow)), start=1):
        for index, column in enumerate(plan.columns):
            value = row.values[column.name]
            if value is None:
                continue
            number_format = {Kind.decimal: "#,##0" + ("." + "0" * plan.scale(column.name)
                                                       if plan.scale(column.name) else ""),
                             Kind.date: "yyyy-mm-dd", Kind.datetime: "yyyy-mm-dd h:mm:ss"}.get(column.kind)
            style = formats.setdefault(number_format, workbook.add_format({"num_format": number_format})) \
                if number_format else None
            if column.kind in (Kind.int32, Kind.int64, Kind.date_days):
                sheet.write_number(count, index, value)
            elif column.kind is Kind.decimal:
                sheet.write_number(count, index, Decimal(value), style)
            elif column.kind is Kind.boolean:
                sheet.write_boolean(count, index, value)
            elif column.kind is Kind.date:
                sheet.write_datetime(count, index, dt.date.fromisoformat(value), style)
            elif column.kind is Kind.datetime:
                moment = dt.datetime.fromisoformat(value)
                moment = moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
                sheet.write_datetime(count, index, moment, style)
            else:
                sheet.write_string(count, index, value if isinstance(value, str)
                                   else json.dumps(value, ensure_ascii=False))
    sheet.autofilter(0, 0, count, len(plan.columns) - 1)
    workbook.close()


@pytest.mark.parametrize("name, source", [("LedgerPostDto.csv", _ledger_csv), ("PartnerDto.xml", _partner_xml)])
def test_cells_are_the_ones_xlsxwriter_writes(tmp_path, name, source):
    """Every kind of cell the writer makes itself (numbers with the input's digits, dates, date-times,
    booleans, lists, text of every kind) is byte for byte what XlsxWriter's public methods write
    for the same values, and so are the sheet around them and the styles."""
    path = tmp_path / name
    path.write_text(source(), encoding="utf-8")
    prepared = prepare_table([TableSource(path.stem, path, name, path.suffix[1:])])
    plan = prepared.plan()
    assert {c.kind for c in plan.columns} >= ({Kind.int64, Kind.decimal, Kind.date_days, Kind.date, Kind.datetime,
                                              Kind.string} if name.endswith("csv")
                                             else {Kind.int64, Kind.int32, Kind.boolean, Kind.datetime, Kind.array,
                                                   Kind.string})
    when = dt.datetime(2025, 1, 31, 12)
    result = xlsx.write_xlsx(plan, tmp_path / "ours.xlsx", when)
    assert result.rows == prepared.chosen.rows and result.notes == []
    _reference(plan, tmp_path / "reference.xlsx", when)
    with zipfile.ZipFile(tmp_path / "ours.xlsx") as ours, zipfile.ZipFile(tmp_path / "reference.xlsx") as reference:
        for part in ("xl/worksheets/sheet1.xml", "xl/styles.xml"):
            assert ours.read(part) == reference.read(part), part


# --------------------------------------------------------------------------------------------
# Every property of the workbook, read back with openpyxl and from the sheet's XML
# --------------------------------------------------------------------------------------------

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _excel_text(raw: str) -> str:
    """A text cell's XML text as Excel reads it: ``_xHHHH_`` is the character U+HHHH (openpyxl does
    not decode it)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), raw)


def _sheet_texts(path: Path, sheet: str = "xl/worksheets/sheet1.xml") -> dict[str, str]:
    """Every inline text of a sheet by its cell reference, as the XML holds it."""
    with zipfile.ZipFile(path) as workbook:
        root = etree.fromstring(workbook.read(sheet))
    return {c.get("r"): "".join(c.itertext()) for c in root.iter(f"{MAIN}c") if c.get("t") == "inlineStr"}


def test_every_kind_reads_back_typed_with_its_format(tmp_path):
    backup = make_zip(tmp_path / "b.zip", {
        "PartnerDto.xml": f'<?xml version="1.0" encoding="utf-8"?><ArrayOfPartnerDto {NS}>'
                          "<PartnerDto><Id>1</Id><IsDeactivated>true</IsDeactivated><Tags><string>a</string>"
                          "<string>ø</string></Tags><OrgNumber>0012</OrgNumber></PartnerDto>"
                          "<PartnerDto><Id>2</Id><IsDeactivated>false</IsDeactivated><Tags/></PartnerDto>"
                          "</ArrayOfPartnerDto>",
        "LedgerPostDto.csv": "Id;Amount;VatAmount;CurrencyAmount\n1;100;1.5;2.125\n",
    })
    run_cli(backup, tmp_path / "out", "--quiet")
    partners = openpyxl.load_workbook(tmp_path / "out/data/tables/PartnerDto.xlsx").worksheets[0]
    header = [c.value for c in partners[1]]
    assert all(c.font.b for c in partners[1])  # the header is bold
    first, second = (dict(zip(header, row)) for row in partners.iter_rows(min_row=2))
    assert (first["IsDeactivated"].value, first["IsDeactivated"].data_type) == (True, "b")
    assert (second["IsDeactivated"].value, second["IsDeactivated"].data_type) == (False, "b")
    assert (first["Tags"].value, first["Tags"].data_type) == ('["a", "ø"]', "s")  # a list: its JSON
    assert second["Tags"].value == "[]"
    assert (first["OrgNumber"].value, first["OrgNumber"].data_type) == ("0012", "s")  # text stays text
    ledger = openpyxl.load_workbook(tmp_path / "out/data/tables/LedgerPostDto.xlsx").worksheets[0]
    cells = {c.value: d for c, d in zip(ledger[1], ledger[2])}
    assert [(cells[n].value, cells[n].number_format) for n in ("Amount", "VatAmount", "CurrencyAmount")] == [
        (100, "#,##0"), (1.5, "#,##0.0"), (2.125, "#,##0.000")]  # as many decimals as the column's input has


def test_text_reads_back_as_it_is(tmp_path):
    """Line breaks, carriage returns, tabs, spaces at the ends, XML's special characters, emoji
    read back exactly with openpyxl; a text that looks like Excel's escape and the two
    non-characters XML cannot hold (so only a CSV can bring them) are written as Excel reads
    them back."""
    texts = ["a\r\nb", "tab\there", "  two spaces  ", "a & b <c>", "Ærø 😀", "_x0041_"]
    backup = make_zip(tmp_path / "b.zip", {
        "PartnerDto.xml": (f'<?xml version="1.0" encoding="utf-8"?><ArrayOfPartnerDto {NS}>'
                           + "".join(f"<PartnerDto><Id>{n}</Id><Note>{escape(t).replace(chr(13), '&#13;')}</Note>"
                                     "</PartnerDto>" for n, t in enumerate(texts, start=1))
                           + "</ArrayOfPartnerDto>"),
        "VatDto.csv": "Id;Description\n1;x\ufffey\n2;\uffff\n"})
    assert run_cli(backup, tmp_path / "out", "--quiet") in (0, 1)
    out = tmp_path / "out/data/tables"
    assert [row["Note"] for row in read_jsonl(out / "PartnerDto.jsonl")] == texts
    sheet = openpyxl.load_workbook(out / "PartnerDto.xlsx").worksheets[0]
    column = [c.value for c in sheet[1]].index("Note")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)][:5] == texts[:5]
    written = _sheet_texts(out / "PartnerDto.xlsx")
    letter = xlsxwriter.utility.xl_col_to_name(column)
    assert written[f"{letter}7"] == "_x005F_x0041_"
    assert [_excel_text(written[f"{letter}{n}"]) for n in range(2, 8)] == texts
    assert [_sheet_texts(out / "VatDto.xlsx")[cell] for cell in ("B2", "B3")] == ["x_xFFFE_y", "_xFFFF_"]
    assert "shown as text or shortened" not in (tmp_path / "out/data/report.json").read_text(encoding="utf-8")


def test_text_is_cut_at_excels_limit_in_utf16_units(tmp_path):
    """Excel counts a cell's 32,767 characters in UTF-16 units: an emoji is two, and never split."""
    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": f"Id;Description\n1;{'😀' * 20_000}\n2;{'x' * 32_767}\n"})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 0
    rows = list(openpyxl.load_workbook(tmp_path / "out/data/tables/VatDto.xlsx").worksheets[0]
                .iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "😀" * 16_383  # 32,766 units: one more emoji would be 32,768
    assert rows[1][1] == "x" * 32_767  # exactly at the limit: whole
    report = (tmp_path / "out/data/report.json").read_text(encoding="utf-8")
    assert "column 'Description': some values are shown as text or shortened" in report


def test_numbers_excel_cannot_hold_exactly_are_noted(tmp_path):
    """15 significant digits go in as a number with the input's digits; more are text, and the
    report names the column; the JSONL keeps every value exact."""
    workbook = _convert(tmp_path, "Id;Amount;VatAmount\n1;1234567890123.45;0.5\n"
                                  "999999999999999;123456789012.3456;1000000000000000\n")
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == (1, 1234567890123.45, 0.5)
    assert rows[1][:3] == (999999999999999, "123456789012.3456", "1000000000000000")
    sheet = zipfile.ZipFile(tmp_path / "out/data/tables/LedgerPostDto.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<v>1234567890123.45</v>" in sheet and b"<v>999999999999999</v>" in sheet
    report = (tmp_path / "out/data/report.json").read_text(encoding="utf-8")
    assert "column 'Id': some values" not in report
    assert "column 'Amount': some values are shown as text" in report
    assert "column 'VatAmount': some values are shown as text" in report
    assert [r["VatAmount"] for r in read_jsonl(tmp_path / "out/data/tables/LedgerPostDto.jsonl")] == [
        "0.5", "1000000000000000"]


def test_no_links_and_no_formulas_anywhere(tmp_path):
    _convert(tmp_path, "Id;Description\n1;https://example.com/x\n2;=HYPERLINK(\"http://x\")\n3;mailto:a@b.dk\n")
    with zipfile.ZipFile(tmp_path / "out/data/tables/LedgerPostDto.xlsx") as workbook:
        names = workbook.namelist()
        sheets = b"".join(workbook.read(n) for n in names if n.startswith("xl/worksheets/sheet"))
        relations = b"".join(workbook.read(n) for n in names if "_rels/sheet" in n)
    assert b"hyperlink" not in relations.lower()  # the sheets relate to their notes only
    assert b"TargetMode" not in relations  # nothing outside the workbook
    assert b"<f>" not in sheets and b"<hyperlink" not in sheets


def test_the_description_sheet_in_danish_and_english(tmp_path):
    workbook = _convert(tmp_path, "Id;Amount;FiscalDateDays;Extra\n1;1.50;19000;x\n")
    about = workbook["Om tabellen"]
    rows = list(about.iter_rows(values_only=True))
    assert rows[0][0] == "LedgerPostDto: Finansposteringer"
    assert rows[1] == ("Kolonne", "Type", "Beskrivelse", "Description") and all(c.font.b for c in about[2])
    described = {row[0]: row[1:] for row in rows[2:]}
    assert list(described) == ["Id", "Amount", "FiscalDateDays", "FiscalDateDays_date", "Extra"]
    assert described["Amount"] == ("decimaltal", "Beløb i regnskabsvaluta (negativt = kredit)",
                                   "Amount in the books' currency (negative = credit)")
    assert described["FiscalDateDays"][0] == "dage siden 1970-01-01" and described["FiscalDateDays_date"][0] == "dato"
    assert described["Extra"] == ("tekst", None, None)  # not in Xena's catalogue: no description
    assert workbook.sheetnames == ["LedgerPostDto", "Om tabellen"]


def test_header_notes_point_to_the_danish_names(tmp_path):
    """Row 1 stays the header of Xena's field names, frozen and filtered; each header cell carries
    a note (what Excel shows on pointing at the cell) with the column's Danish description, the
    same as the 'Om tabellen' sheet gives, and says that sheet describes every column."""
    workbook = _convert(tmp_path, "Id;Amount;FiscalDateDays;Extra\n1;1.50;19000;x\n2;-1.50;19001;y\n")
    data = workbook["LedgerPostDto"]
    header = [cell.value for cell in data[1]]
    assert header == ["Id", "Amount", "FiscalDateDays", "FiscalDateDays_date", "Extra"]
    assert data.freeze_panes == "A2" and data.auto_filter.ref == "A1:E3"
    assert [row[0] for row in data.iter_rows(min_row=2, values_only=True)] == [1, 2]
    danish = {row[0]: row[2] for row in workbook["Om tabellen"].iter_rows(min_row=3, values_only=True)}
    notes = {cell.value: cell.comment for cell in data[1]}
    assert all(note is not None and note.author == "xena2archive" for note in notes.values())
    assert notes["Amount"].text.startswith("Amount: Beløb i regnskabsvaluta (negativt = kredit)\n")
    for name, note in notes.items():
        first, _, last = note.text.partition("\n\n")
        assert first == (f"{name}: {danish[name]}" if danish[name] else f"{name}: ikke beskrevet i Xenas kontrakter")
        assert last == "Alle kolonner på dansk og engelsk: arket 'Om tabellen'."
    assert notes["FiscalDateDays_date"].text.startswith("FiscalDateDays_date: ") and danish["Extra"] is None
    # only the header has notes; the data cells have none
    assert not any(cell.comment for row in data.iter_rows(min_row=2) for cell in row)


def test_document_properties_carry_the_backups_time(tmp_path):
    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": "Id\n1\n"}, when=(2024, 6, 30, 23, 59, 58))
    assert run_cli(backup, tmp_path / "out", "--quiet") == 0
    properties = openpyxl.load_workbook(tmp_path / "out/data/tables/VatDto.xlsx").properties
    assert properties.creator == "xena2archive"
    assert properties.created == properties.modified == dt.datetime(2024, 6, 30, 23, 59, 58)


def test_same_bytes_in_every_time_zone(tmp_path):
    """Two runs in processes of their own, in time zones 13 h 45 min and 3 h 30 min from UTC."""
    backup = make_zip(tmp_path / "b.zip", {"LedgerPostDto.csv": "Id;Amount;FiscalDateDays;CreatedAt\n"
                                                                 "1;-1.50;19000;2023-01-02T10:00:00+01:00\n"})
    made = []
    for zone in ("Pacific/Chatham", "America/St_Johns"):
        out = tmp_path / zone.replace("/", "-")
        done = subprocess.run([sys.executable, "-m", "xena2archive", str(backup), str(out), "--quiet"],
                              env={**subprocess_env(), "TZ": zone}, capture_output=True, check=False)
        assert done.returncode == 1, done.stderr  # postings without vouchers are findings
        made.append((out / "data/tables/LedgerPostDto.2022.xlsx").read_bytes())
    assert made[0] == made[1]


def test_sheet_names_excel_refuses_are_made_fit(tmp_path):
    """Excel refuses [ ] : * ? / \\ in a sheet's name, an apostrophe at either end, and the name
    History; a table named like the description sheet gets a sheet of its own too."""
    tables = {"Foo[1]": "Foo_1_", "'Citat'": "Citat", "History": "History_", "Om tabellen": "Om tabellen (2)",
              "Et_meget_langt_tabelnavn_over_31_tegn": "Et_meget_langt_tabelnavn_over_3"}
    backup = make_zip(tmp_path / "b.zip", {f"{name}.csv": "Id\n1\n" for name in tables})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 1  # a warning: no table of Xena's
    for table, sheet in tables.items():
        workbook = openpyxl.load_workbook(tmp_path / f"out/data/tables/{table}.xlsx")
        assert workbook.sheetnames == [sheet, "Om tabellen"]
        assert workbook[sheet]["A2"].value == 1


def test_a_failed_workbook_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "VatDto.csv"
    path.write_text("Id;Description\n" + "".join(f"{n};tekst {n}\n" for n in range(1, 2000)), encoding="utf-8")
    plan = prepare_table([TableSource("VatDto", path, path.name, "csv")]).plan()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    calls = 0
    texts = xlsx._Column._texts

    def failing(self, rows, values):
        nonlocal calls
        calls += 1
        if calls == 3:  # rows of two batches are in the row data already
            raise OSError(28, "No space left on device")
        return texts(self, rows, values)

    monkeypatch.setattr(xlsx._Column, "_texts", failing)
    with pytest.raises(OSError, match="No space"):
        xlsx.write_xlsx(plan, tmp_path / "VatDto.xlsx", dt.datetime(2025, 1, 31, 12))
    assert list((tmp_path / "tmp").iterdir()) == []


def test_values_kept_as_text_in_every_row_of_many_batches(tmp_path):
    """Values that did not parse as their column's type are text cells with their text, beside
    typed cells of the same rows, in every row of several batches of the writer."""
    rows = 2 * xlsx.BATCH_ROWS + 7
    backup = make_zip(tmp_path / "b.zip", {"LedgerPostDto.csv": "Id;Amount;FiscalDateDays\n" + "".join(
        f"{n};{n}.25;dag {n}\n" if n % 3 else f"x{n};ikke et tal;{19000 + n}\n" for n in range(1, rows + 1))})
    assert run_cli(backup, tmp_path / "out") == 1
    # the rows with a day count by calendar year (no fiscal years), those without in the named workbook
    assert [p.name for p in _workbooks(tmp_path / "out", "LedgerPostDto")] == [
        "LedgerPostDto.2022.xlsx", "LedgerPostDto.2023.xlsx", "LedgerPostDto.2024.xlsx", "LedgerPostDto.uden-aar.xlsx"]
    by_id = {row[0]: row for row in _data_rows(tmp_path / "out", "LedgerPostDto")}
    assert len(by_id) == rows
    for n in range(1, rows + 1):
        row = by_id[n if n % 3 else f"x{n}"]
        if n % 3:
            assert row == (n, n + 0.25, f"dag {n}", None)
        else:
            assert row == (f"x{n}", "ikke et tal", 19000 + n, dt.datetime(1970, 1, 1) + dt.timedelta(days=19000 + n))


def test_the_extended_properties_name_this_program_not_excel(tmp_path):
    """XlsxWriter's docProps/app.xml says Microsoft Excel 12 wrote the file: ours names this program."""
    from xena2archive import __version__

    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": "Id\n1\n"})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 0
    with zipfile.ZipFile(tmp_path / "out/data/tables/VatDto.xlsx") as workbook:
        app = etree.fromstring(workbook.read("docProps/app.xml"))
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
          "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}
    assert app.findtext("ep:Application", namespaces=ns) == f"xena2archive {__version__}"
    assert app.find("ep:AppVersion", ns) is None
    assert b"Microsoft" not in etree.tostring(app)
    assert app.xpath("ep:TitlesOfParts/vt:vector/vt:lpstr/text()", namespaces=ns) == ["VatDto", "Om tabellen"]
    assert openpyxl.load_workbook(tmp_path / "out/data/tables/VatDto.xlsx")["VatDto"]["A2"].value == 1
