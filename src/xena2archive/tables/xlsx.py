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
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
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


class _Cell(Cell):
    """A reusable cell for the few values openpyxl cannot be handed plainly.

    openpyxl's write-only sheet first tries a value as a plain value and builds an error message
    with the cell's ``repr`` before accepting it as a cell; a cheap ``repr`` keeps that fast.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<xena2archive cell>"


def _text(value: str) -> tuple[str, bool]:
    """Text as Excel can hold it, and whether it had to be changed."""
    changed = False
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
        changed = True
    if len(value) > MAX_CELL_TEXT:
        value, changed = value[:MAX_CELL_TEXT], True
    return value, changed


class _Column:
    """Turns one column's JSONL values into what the sheet gets: mostly plain values, which
    openpyxl writes fastest, and a reusable styled cell where a plain value would be wrong."""

    def __init__(self, sheet: WriteOnlyWorksheet, kind: Kind, scale: int) -> None:
        self.cell = _Cell(sheet)
        self.changed = False  # some value was shown differently from the JSONL (reported once)
        self.fill: Callable[[Any], Any] = {
            Kind.decimal: self._decimal, Kind.int32: self._integer, Kind.int64: self._integer,
            Kind.date_days: self._integer, Kind.boolean: self._plain, Kind.date: self._date,
            Kind.datetime: self._datetime,
        }.get(kind, self.text)
        if kind is Kind.decimal:
            self.cell.number_format = "#,##0" + ("." + "0" * scale if scale else "")

    def text(self, value: Any) -> Any:
        """Text, never turned into a formula or error value, within Excel's limits."""
        if not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        if value[:1] != "=" and value not in ERROR_CODES and len(value) <= MAX_CELL_TEXT \
                and not ILLEGAL_CHARACTERS_RE.search(value):
            return value
        value, changed = _text(value)
        self.changed |= changed
        cell = self.cell
        cell._value = value  # noqa: SLF001 - stored as text; openpyxl would make '=...' a formula
        cell.data_type = "s"
        cell.number_format = "General"
        return cell

    @staticmethod
    def _plain(value: Any) -> Any:
        return value

    def _integer(self, value: int) -> Any:
        if abs(value) < 10**_EXACT_DIGITS:
            return value
        self.changed = True
        return str(value)  # Excel would round it: exact digits as text

    def _decimal(self, value: str) -> Any:
        if len(value.replace("-", "").replace(".", "").lstrip("0")) > _EXACT_DIGITS:
            self.changed = True
            return value
        cell = self.cell
        cell._value = value  # noqa: SLF001 - the input's exact digits; openpyxl would go through float
        cell.data_type = "n"
        return cell

    @staticmethod
    def _date(value: str) -> Any:
        return dt.date.fromisoformat(value)

    def _datetime(self, value: str) -> Any:
        """Excel has no time zones: a time with an offset is shown in UTC (the JSONL keeps it)."""
        body, zone = value, ""
        if body.endswith("Z"):
            body, zone = body[:-1], "+00:00"
        elif len(body) > 19 and body[-6] in "+-":
            body, zone = body[:-6], body[-6:]
        base, _, fraction = body.partition(".")
        text = f"{base}.{fraction[:6].ljust(6, '0')}{zone}"  # Python keeps microseconds, .NET 7 digits
        moment = dt.datetime.fromisoformat(text)
        if moment.tzinfo:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        if moment.year < 1900:
            self.changed = True
            return value
        return moment


class _Cells:
    """The converters of every column of one sheet."""

    def __init__(self, sheet: WriteOnlyWorksheet, plan: Plan) -> None:
        self.names = [c.name for c in plan.columns]
        self.columns = [_Column(sheet, c.kind, plan.scale(c.name)) for c in plan.columns]

    def row(self, values: dict[str, Any], kept: list[str]) -> list[Any]:
        out: list[Any] = []
        append = out.append
        for name, column in zip(self.names, self.columns):
            value = values[name]
            if value is None:
                append(None)
            elif kept and name in kept:
                append(column.text(value))
            else:
                append(column.fill(value))
        return out

    def changed(self) -> set[str]:
        return {name for name, column in zip(self.names, self.columns) if column.changed}


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
            changed |= cells.changed()
            result.sheets += 1
            sheet = _new_sheet(workbook, plan, result.sheets)
            cells = _Cells(sheet, plan)
            on_sheet = 0
        sheet.append(cells.row(item.values, item.kept_as_text))
        on_sheet += 1
        result.rows += 1
    _close_sheet(sheet, len(plan.columns), on_sheet)
    changed |= cells.changed()
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
