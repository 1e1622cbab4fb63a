"""A table that fills an Excel sheet exactly: 1,048,575 rows under the header, Excel's real limit.

The workbook is read back with lxml from the sheet's XML (not with openpyxl, which wrote it), row
by row. About a minute of CPU: marked slow (``-m "not slow"`` leaves it out), and run by ``make test``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from helpers import make_zip, run_cli
from xena2archive.tables import xlsx

EXCEL_ROWS = 1_048_576  # rows in one Excel sheet (ECMA-376; Excel's specifications and limits)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_the_limit_is_excels() -> None:
    assert xlsx.MAX_DATA_ROWS == EXCEL_ROWS - 1  # one row is the header


def sheet_rows(workbook: zipfile.ZipFile, name: str) -> tuple[int, list[str], list[str], str | None]:
    """(number of rows, values of the first row, values of the last row, the range of its filter)."""
    count, first, last, filtered = 0, [], [], None
    with workbook.open(name) as stream:
        for _, element in etree.iterparse(stream, tag=(f"{MAIN}row", f"{MAIN}autoFilter")):
            if element.tag == f"{MAIN}autoFilter":
                filtered = element.get("ref")
                continue
            count += 1
            assert element.get("r") == str(count)
            values = [v.text or "" for v in element.iter(f"{MAIN}v", f"{MAIN}t")]
            first = first or values
            last = values
            element.clear()
    return count, first, last, filtered


@pytest.mark.slow
def test_a_table_of_exactly_one_full_sheet(tmp_path: Path) -> None:
    rows = EXCEL_ROWS - 1
    backup = make_zip(tmp_path / "backup.zip",
                      {"Data/VatDto.csv": "Id\n" + "".join(f"{n}\n" for n in range(1, rows + 1))})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 0  # no note about further sheets
    with zipfile.ZipFile(tmp_path / "out/data/tables/VatDto.xlsx") as workbook:
        names = sorted(n for n in workbook.namelist() if n.startswith("xl/worksheets/sheet"))
        assert names == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]  # the table, "Om tabellen"
        titles = etree.fromstring(workbook.read("xl/workbook.xml")).iter(f"{MAIN}sheet")
        assert [t.get("name") for t in titles] == ["VatDto", "Om tabellen"]
        count, header, last, filtered = sheet_rows(workbook, "xl/worksheets/sheet1.xml")
    assert (count, header, last, filtered) == (EXCEL_ROWS, ["Id"], [str(rows)], f"A1:A{EXCEL_ROWS}")
    with open(tmp_path / "out/data/tables/VatDto.jsonl", encoding="utf-8") as jsonl:
        assert sum(1 for _ in jsonl) == rows
