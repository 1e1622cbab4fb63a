"""Writing a table as an Excel workbook (openpyxl write-only, streamed, deterministic).

The workbook is a view for people; the JSONL is the record. So where Excel cannot hold a value
exactly, the cell gets the exact text instead of a rounded number: integers of 16 digits or more
and decimals with more than 15 significant digits (Excel keeps 15). Decimal cells carry the
input's exact digits in the file. Text never becomes a formula or an error value, whatever it
starts with. Control characters Excel refuses are shown as ``\\xNN``; text over Excel's cell limit
of 32,767 characters is cut there and the report says so (the JSONL holds it whole).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from ..model import Kind
from .table import Plan, Reject, TypedRow, rows

MAX_DATA_ROWS = 1_048_575  # a sheet holds 1,048,576 rows; one is the header
MAX_CELL_TEXT = 32_767
_EXACT_DIGITS = 15
_KIND_LABEL = {Kind.decimal: "decimaltal", Kind.int32: "heltal", Kind.int64: "heltal", Kind.boolean: "ja/nej",
               Kind.datetime: "tidspunkt", Kind.date_days: "dage siden 1970-01-01", Kind.date: "dato",
               Kind.guid: "GUID", Kind.string: "tekst", Kind.array: "liste (JSON)"}


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with one fixed time, so the same table gives the same bytes.

    openpyxl stamps the clock into each member of the workbook; this is the one place to stop it.
    """

    def __init__(self, path: Path, when: dt.datetime) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._when = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self._when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as source, self.open(self._info(arcname or str(filename)), "w") as sink:
            while chunk := source.read(1 << 20):
                sink.write(chunk)


@dataclass
class XlsxResult:
    """What the workbook writer did, for the report."""

    rows: int = 0
    sheets: int = 0
    notes: list[str] = field(default_factory=list)


def _text(value: str) -> tuple[str, bool]:
    """Text as Excel can hold it, and whether it had to be changed."""
    changed = False
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
        changed = True
    if len(value) > MAX_CELL_TEXT:
        value, changed = value[:MAX_CELL_TEXT], True
    return value, changed


class _Cells:
    """One reusable cell per column, styled once; each row only sets values (fast and flat)."""

    def __init__(self, sheet: WriteOnlyWorksheet, plan: Plan) -> None:
        self.columns = plan.columns
        self.cells: list[WriteOnlyCell] = []
        self.fill: list[Callable[[WriteOnlyCell, Any], bool]] = []
        for column in plan.columns:
            cell = WriteOnlyCell(sheet)
            kind = column.kind
            if kind is Kind.decimal:
                scale = plan.scale(column.name)
                cell.number_format = "#,##0" + ("." + "0" * scale if scale else "")
                self.fill.append(_decimal)
            elif kind in (Kind.int32, Kind.int64, Kind.date_days):
                cell.number_format = "0"
                self.fill.append(_integer)
            elif kind is Kind.boolean:
                self.fill.append(_plain)
            elif kind is Kind.date:
                cell.number_format = "yyyy-mm-dd"
                self.fill.append(_date)
            elif kind is Kind.datetime:
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                self.fill.append(_datetime)
            else:
                cell.alignment = Alignment(vertical="top")
                self.fill.append(_string)
            self.cells.append(cell)

    def row(self, values: dict[str, Any], kept: list[str], changed: set[str]) -> list[Any]:
        out: list[Any] = []
        for column, cell, fill in zip(self.columns, self.cells, self.fill):
            value = values[column.name]
            if value is None:
                out.append(None)
            else:
                if (_string if column.name in kept else fill)(cell, value):
                    changed.add(column.name)
                out.append(cell)
        return out


def _as_text(cell: WriteOnlyCell, value: str) -> bool:
    value, changed = _text(value)
    cell.value = None
    cell._value = value  # noqa: SLF001 - set as text without openpyxl turning '=...' into a formula
    cell.data_type = "s"
    return changed


def _string(cell: WriteOnlyCell, value: Any) -> bool:
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return _as_text(cell, value)


def _plain(cell: WriteOnlyCell, value: Any) -> bool:
    cell.value = value
    return False


def _integer(cell: WriteOnlyCell, value: int) -> bool:
    if abs(value) >= 10**_EXACT_DIGITS:
        return _as_text(cell, str(value))
    cell.value = value
    return False


def _decimal(cell: WriteOnlyCell, value: str) -> bool:
    digits = len(value.replace("-", "").replace(".", "").lstrip("0"))
    if digits > _EXACT_DIGITS:
        return _as_text(cell, value)
    cell.value = None
    cell._value = value  # noqa: SLF001 - exact digits into the file; openpyxl would go through float
    cell.data_type = "n"
    return False


def _date(cell: WriteOnlyCell, value: str) -> bool:
    cell.value = dt.date.fromisoformat(value)
    return False


def _datetime(cell: WriteOnlyCell, value: str) -> bool:
    """Excel has no time zones: a time with an offset is shown in UTC (the JSONL keeps the offset)."""
    text = value.replace("Z", "+00:00")
    base, dot, rest = text.partition(".")
    if dot:
        digits = "".join(ch for ch in rest if ch.isdigit())
        text = f"{base}.{digits[:6]}{rest[len(digits):]}"
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if moment.year < 1900:
        return _as_text(cell, value)
    cell.value = moment
    return False


def _header(sheet: WriteOnlyWorksheet, plan: Plan) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for column in plan.columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = bold
        cells.append(cell)
    return cells


def _new_sheet(workbook: Workbook, plan: Plan, number: int) -> WriteOnlyWorksheet:
    title = plan.spec.name[:31] if number == 1 else f"{plan.spec.name[:26]} ({number})"
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(plan.columns, start=1):
        width = min(max(len(column.name) + 2, 12 if column.kind is not Kind.string else 24), 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(_header(sheet, plan))
    return sheet


def _close_sheet(sheet: WriteOnlyWorksheet, width: int, rows_written: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(width, 1))}{rows_written + 1}"


def _about_sheet(workbook: Workbook, plan: Plan) -> None:
    """A last sheet saying what each column is, in Danish and English, for a reader without docs."""
    sheet = workbook.create_sheet("Om tabellen")
    bold = Font(bold=True)
    heading = []
    for text in ("Kolonne", "Type", "Beskrivelse", "Description"):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        heading.append(cell)
    for letter, width in zip("ABCD", (32, 22, 60, 60)):
        sheet.column_dimensions[letter].width = width
    sheet.append([f"{plan.spec.name}: {plan.spec.description_da}".strip(": ")])
    sheet.append(heading)
    for column in plan.columns:
        sheet.append([column.name, _KIND_LABEL[column.kind], column.description_da, column.description_en])


def write_xlsx(plan: Plan, path: Path, when: dt.datetime) -> XlsxResult:
    """Write every row of the plan's source to ``path`` (more sheets past Excel's row limit)."""
    result = XlsxResult()
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "xena2archive"
    workbook.properties.created = workbook.properties.modified = when
    sheet = _new_sheet(workbook, plan, 1)
    result.sheets = 1
    cells = _Cells(sheet, plan)
    on_sheet = 0
    changed: set[str] = set()
    for item in _typed_rows(plan):
        if on_sheet == MAX_DATA_ROWS:
            _close_sheet(sheet, len(plan.columns), on_sheet)
            result.sheets += 1
            sheet = _new_sheet(workbook, plan, result.sheets)
            cells = _Cells(sheet, plan)
            on_sheet = 0
        sheet.append(cells.row(item.values, item.kept_as_text, changed))
        on_sheet += 1
        result.rows += 1
    _close_sheet(sheet, len(plan.columns), on_sheet)
    _about_sheet(workbook, plan)
    if result.sheets > 1:
        result.notes.append(f"more rows than one Excel sheet holds: continued on {result.sheets} sheets")
    for name in sorted(changed):
        result.notes.append(
            f"column '{name}': some values are shown as text or shortened in the workbook "
            "(too long, control characters, or more digits than Excel keeps); the JSONL is exact"
        )
    archive = _FixedTimeZip(path, when)
    try:
        ExcelWriter(workbook, archive).save()
    finally:
        archive.close()
    return result


def _typed_rows(plan: Plan) -> Iterator[TypedRow]:
    for item in rows(plan):
        if not isinstance(item, Reject):
            yield item
