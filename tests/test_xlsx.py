"""The workbook: typed cells, text that never turns into a formula, exact big numbers, sheet overflow."""

import datetime as dt

import openpyxl

from helpers import make_zip, run_cli
from xena2archive.tables import xlsx


def _convert(tmp_path, csv_text: str, name: str = "LedgerPostDto"):
    """Convert one table; exit 1, as postings without a VoucherId column are findings of the index."""
    backup = make_zip(tmp_path / "b.zip", {f"{name}.csv": csv_text})
    assert run_cli(backup, tmp_path / "out") == 1
    return openpyxl.load_workbook(tmp_path / "out/data/tables" / f"{name}.xlsx")


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
    import zipfile

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


def test_same_table_gives_same_bytes(tmp_path):
    backup = make_zip(tmp_path / "b.zip", {"VatDto.csv": "Id;Description\n1;Moms\n"})
    assert run_cli(backup, tmp_path / "a") == run_cli(backup, tmp_path / "b") == 0
    assert ((tmp_path / "a/data/tables/VatDto.xlsx").read_bytes()
            == (tmp_path / "b/data/tables/VatDto.xlsx").read_bytes())


def test_dates_before_march_1900_are_iso_text(tmp_path):
    """Excel's day count is off by one before 1900-03-01 (its 1900 leap-year bug) and cannot show
    earlier dates: such dates are shown as their ISO text and the report says so."""
    workbook = _convert(tmp_path, "Id;FiscalDateDays;CreatedAt\n1;-25568;1899-12-31T23:00:00\n"
                                  "2;-25500;1900-03-01T06:00:00\n3;-25508;2000-01-01T00:00:00+01:00\n")
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][1:] == (-25568, "1899-12-31", "1899-12-31T23:00:00")
    assert rows[1][1:] == (-25500, dt.datetime(1900, 3, 9), dt.datetime(1900, 3, 1, 6))
    assert rows[2][2:] == (dt.datetime(1900, 3, 1), dt.datetime(1999, 12, 31, 23))
    report = (tmp_path / "out/data/report.json").read_text(encoding="utf-8")
    assert "column 'FiscalDateDays_date': some values are shown as text" in report
    assert "column 'CreatedAt': some values are shown as text" in report
