"""Writing a table as an Excel workbook (openpyxl write-only, streamed, deterministic).

The workbook is a view for people; the JSONL is the record. So where Excel cannot hold a value
exactly, the cell gets the exact text instead of a rounded number: integers of 16 digits or more
and decimals with more than 15 significant digits (Excel keeps 15). Decimal cells carry the
input's exact digits in the file. Text never becomes a formula or an error value, whatever it
starts with. Control characters Excel refuses are shown as ``\\xNN``; text over Excel's cell limit
of 32,767 characters is cut there and the report says so (the JSONL holds it whole).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from .. import findings as F
from ..findings import Finding
from ..model import Kind
from ..progress import Advance, counted
from .table import Plan, Reject, TypedRow, rows

MAX_DATA_ROWS = 1_048_575  # a sheet holds 1,048,576 rows; one is the header
MAX_CELL_TEXT = 32_767
_EXACT_DIGITS = 15
# Excel counts days from 1899-12-30 and wrongly holds 1900 a leap year: before March 1900 its dates
# are off by one, so earlier dates are shown as their ISO text.
_FIRST_EXCEL_DAY = dt.date(1900, 3, 1)
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
    notes: list[Finding] = field(default_factory=list)


class _Cell(Cell):
    """A cell of one column of the sheet, reused for every row: its type and style are fixed.

    openpyxl would make a new cell per value, work out its type, and look its style up in the
    workbook's style list; for a column whose type is known all of that is done once here.
    """

    __slots__ = ("_fixed_style_id", "_styled")

    def __init__(self, sheet: WriteOnlyWorksheet, column: int, data_type: str, number_format: str = "General") -> None:
        super().__init__(sheet, column=column)
        # openpyxl's Cell keeps these in its own __slots__; its stubs do not say so
        self.number_format = number_format  # type: ignore[misc]
        self.data_type = data_type  # type: ignore[misc]
        self._styled = any(self._style)
        self._fixed_style_id = sheet.parent._cell_styles.add(self._style)

    @property
    def style_id(self) -> int:
        return self._fixed_style_id

    @property
    def has_style(self) -> bool:
        return self._styled

    def holding(self, value: Any) -> _Cell:
        self._value = value  # type: ignore[misc]  # a slot of openpyxl's Cell
        return self


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
    """Turns one column's JSONL values into cells of the sheet.

    Text is stored as text: never a formula or an error value, whatever it starts with. Dates go
    in as Excel serial numbers with a date format, as openpyxl itself writes a ``date``.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, name: str, index: int, kind: Kind, scale: int) -> None:
        self.name = name
        self.text_cell = _Cell(sheet, index, "s")
        self.changed = False  # some value was shown differently from the JSONL (reported once)
        fills: dict[Kind, Callable[[Any], _Cell]] = {
            Kind.decimal: self._decimal, Kind.int32: self._integer, Kind.int64: self._integer,
            Kind.date_days: self._integer, Kind.boolean: self._boolean, Kind.date: self._date,
            Kind.datetime: self._datetime,
        }
        self.fill: Callable[[Any], _Cell] = fills.get(kind, self.text)
        number_format = {Kind.decimal: "#,##0" + ("." + "0" * scale if scale else ""),
                         Kind.date: "yyyy-mm-dd", Kind.datetime: "yyyy-mm-dd h:mm:ss"}.get(kind, "General")
        self.number = _Cell(sheet, index, "b" if kind is Kind.boolean else "n", number_format)

    def text(self, value: Any) -> _Cell:
        """Text within Excel's limits (JSON for a list)."""
        if not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        if len(value) > MAX_CELL_TEXT or ILLEGAL_CHARACTERS_RE.search(value):
            value, changed = _text(value)
            self.changed |= changed
        return self.text_cell.holding(value)

    def _boolean(self, value: bool) -> _Cell:
        return self.number.holding(value)

    def _integer(self, value: int) -> _Cell:
        if abs(value) < 10**_EXACT_DIGITS:
            return self.number.holding(value)
        self.changed = True
        return self.text_cell.holding(str(value))  # Excel would round it: exact digits as text

    def _decimal(self, value: str) -> _Cell:
        if len(value.replace("-", "").replace(".", "").lstrip("0")) > _EXACT_DIGITS:
            self.changed = True
            return self.text_cell.holding(value)
        return self.number.holding(value)  # the input's exact digits; openpyxl would go through float

    def _date(self, value: str) -> _Cell:
        day = dt.date.fromisoformat(value)
        if day < _FIRST_EXCEL_DAY:
            self.changed = True
            return self.text_cell.holding(value)
        return self.number.holding(to_excel(day))

    def _datetime(self, value: str) -> _Cell:
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
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        if moment.date() < _FIRST_EXCEL_DAY:
            self.changed = True
            return self.text_cell.holding(value)
        return self.number.holding(to_excel(moment))


class _SheetRows:
    """Feeds typed rows to one sheet as ready cells.

    openpyxl's write-only sheet turns each appended row into cells with ``_values_to_row``; this
    sheet's rows are already typed, so that step is replaced by one that hands over the columns'
    reused cells (openpyxl writes each cell out before asking for the next). That method is private
    to openpyxl 3.1, the range pyproject.toml allows; the workbook tests read every kind back.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, plan: Plan) -> None:
        self.sheet = sheet
        self.columns = [_Column(sheet, c.name, index, c.kind, plan.scale(c.name))
                        for index, c in enumerate(plan.columns, start=1)]
        sheet._values_to_row = self._cells  # type: ignore[method-assign]

    def append(self, row: TypedRow) -> None:
        self.sheet.append([row])

    def _cells(self, appended: list[TypedRow], row_idx: int) -> Iterator[Cell]:
        values, kept = appended[0].values, appended[0].kept_as_text
        for column in self.columns:
            value = values[column.name]
            if value is None:
                continue
            cell = column.text(value) if kept and column.name in kept else column.fill(value)
            cell.row = row_idx
            yield cell

    def changed(self) -> set[str]:
        return {column.name for column in self.columns if column.changed}


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


def write_xlsx(plan: Plan, path: Path, when: dt.datetime, advance: Advance | None = None) -> XlsxResult:
    """Write every row of the plan's source to ``path`` (more sheets past Excel's row limit),
    telling ``advance`` of the rows (and rejects, which the workbook leaves out) as they pass."""
    workbook = Workbook(write_only=True)
    try:
        return _write(workbook, plan, path, when, advance)
    except BaseException:
        _abandon(workbook)
        raise


def _abandon(workbook: Workbook) -> None:
    """Close what openpyxl leaves open when writing fails (a full disk, an interrupt): its sheets'
    row writers, which the garbage collector would otherwise close and print their errors raw to
    the terminal, and their temporary files (a pool worker never runs openpyxl's clean-up at exit)."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for generator in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _write(workbook: Workbook, plan: Plan, path: Path, when: dt.datetime, advance: Advance | None) -> XlsxResult:
    result = XlsxResult()
    workbook.properties.creator = "xena2archive"
    workbook.properties.created = workbook.properties.modified = when
    sheet = _new_sheet(workbook, plan, 1)
    result.sheets = 1
    cells = _SheetRows(sheet, plan)
    on_sheet = 0
    changed: set[str] = set()
    for item in _typed_rows(plan, advance):
        if on_sheet == MAX_DATA_ROWS:
            _close_sheet(sheet, len(plan.columns), on_sheet)
            changed |= cells.changed()
            result.sheets += 1
            sheet = _new_sheet(workbook, plan, result.sheets)
            cells = _SheetRows(sheet, plan)
            on_sheet = 0
        cells.append(item)
        on_sheet += 1
        result.rows += 1
    _close_sheet(sheet, len(plan.columns), on_sheet)
    changed |= cells.changed()
    _about_sheet(workbook, plan)
    where = plan.scan.source.zip_name
    if result.sheets > 1:
        result.notes.append(F.WORKBOOK_SHEETS(where, sheets=result.sheets))
    for name in sorted(changed):
        result.notes.append(F.WORKBOOK_SHOWN_AS_TEXT(where, column=name))
    archive = _FixedTimeZip(path, when)
    try:
        ExcelWriter(workbook, archive).save()
    finally:
        archive.close()
    return result


def _typed_rows(plan: Plan, advance: Advance | None) -> Iterator[TypedRow]:
    for item in counted(rows(plan), advance):
        if not isinstance(item, Reject):
            yield item
