"""A workbook made fit for printing (no LibreOffice needed): read back with openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from office_inputs import LONG_TEXT, xlsx

from xena2archive.documents.model import NotConvertible
from xena2archive.documents.sheets import MAX_WIDTH, fit_for_print


def test_columns_fit_their_text_cells_wrap_and_nothing_is_hidden(tmp_path: Path) -> None:
    source = xlsx(tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(source)
    book["Moms"].sheet_state = "hidden"
    book["Bilag"].print_area = "A1:A2"
    book.save(source)
    notes = fit_for_print(source, tmp_path / "out.xlsx")
    fitted = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = fitted["Bilag"]
    assert sheet["B2"].value == LONG_TEXT and sheet["C2"].value == 1234.5  # values untouched
    assert sheet.column_dimensions["B"].width >= min(len(LONG_TEXT), MAX_WIDTH)
    assert sheet.column_dimensions["A"].width >= 8  # never narrower than Excel's default
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)
    assert not sheet.row_dimensions[3].hidden
    assert fitted["Moms"].sheet_state == "visible" and not sheet.print_area
    said = [note.phrase for note in notes]
    assert "hidden parts are shown in the copy: 1 row, 0 columns, 1 sheet" in said
    assert any("print areas" in note for note in said)


def test_damaged_workbook_xml_is_a_finding(tmp_path: Path) -> None:
    source = xlsx(tmp_path / "in.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(broken, "w") as bad:
        for info in good.infolist():
            data = good.read(info)
            bad.writestr(info, data[:40] if info.filename == "xl/styles.xml" else data)
    with pytest.raises(NotConvertible, match=r"styles\.xml is not readable XML"):
        fit_for_print(broken, tmp_path / "out.xlsx")
