"""Writing a table as an Excel workbook (XlsxWriter in constant-memory mode: streamed, deterministic).

The workbook is a view for people; the JSONL is the record. So where Excel cannot hold a value
exactly, the cell gets the exact text instead of a rounded number: integers of 16 digits or more
and decimals with more than 15 significant digits (Excel keeps 15). Decimal cells carry the
input's exact digits in the file. Text never becomes a formula or an error value, whatever it
starts with. Control characters Excel refuses are shown as ``\\xNN``; text over Excel's cell limit
of 32,767 characters (UTF-16 units, as Excel counts) is cut there and the report says so (the
JSONL holds it whole).

XlsxWriter writes the package: sheets, styles, the frozen header, the filter, the document
properties (dated with the backup's time, never the clock's, so the same table gives the same
bytes), and the zip. The data rows of a table are many, and all of one column are alike; so each
column makes its cells' XML itself from what it fixed once (its letter, style, type), the way
XlsxWriter writes them (``tests/test_xlsx.py`` compares the two byte for byte), and the sheet takes
each row's XML whole. Escaping as XlsxWriter and Excel do: ``& < >`` as entities, a text that
reads as Excel's own escape (``_x0041_``) escaped once more (``_x005F_x0041_``) so Excel shows it
as it is, U+FFFE and U+FFFF (which XML cannot hold) as ``_xFFFE_``/``_xFFFF_``. One difference: a
carriage return is the character reference ``&#13;``, which every XML reader gives back exactly
(XlsxWriter's ``_x000D_`` is read back by Excel and LibreOffice only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from .. import __version__
from .. import findings as F
from ..findings import Finding
from ..model import Column, Kind
from ..progress import Advance, counted
from .table import Plan, Reject, TypedRow, picker, rows

MAX_DATA_ROWS = 1_048_575  # a sheet holds 1,048,576 rows; one is the header
MAX_CELL_TEXT = 32_767  # in UTF-16 units, as Excel counts
MAX_TITLE = 31  # a sheet's name, in UTF-16 units
ABOUT_SHEET = "Om tabellen"
AUTHOR = "xena2archive"  # the workbook's and its notes' author
_NOTE_WIDTH = 300  # a header note's box, in pixels
_EXACT_DIGITS = 15
_EXACT_LIMIT = 10**_EXACT_DIGITS
# Excel counts days from 1899-12-30 and wrongly holds 1900 a leap year: before March 1900 its dates
# are off by one, so earlier dates are shown as their ISO text.
_FIRST_EXCEL_DAY = dt.date(1900, 3, 1)
_EXCEL_EPOCH = dt.datetime(1899, 12, 31)  # XlsxWriter's; day 60 (the 29th of February 1900 Excel believes in) added
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30).toordinal()  # from 1900-03-01 on
_KIND_LABEL = {Kind.decimal: "decimaltal", Kind.int32: "heltal", Kind.int64: "heltal", Kind.boolean: "ja/nej",
               Kind.datetime: "tidspunkt", Kind.date_days: "dage siden 1970-01-01", Kind.date: "dato",
               Kind.guid: "GUID", Kind.string: "tekst", Kind.array: "liste (JSON)"}

# The control characters that XML 1.0 cannot hold (tab, line feed and carriage return it can)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What a text cell's XML must escape, or mark: entities, a carriage return, Excel's own escape
# written literally, the two non-characters, leading or trailing white space (as XlsxWriter tests it)
_SPECIAL = re.compile(r"[&<>\r\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_EXCEL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_EDGE_SPACE = re.compile(r"^\s|\s$")
# A text that goes into its cell as it is: nothing above to escape, mark or replace
_PLAIN_TEXT = re.compile(r"(?!\s)(?:(?!_x[0-9a-fA-F]{4}_)[^\x00-\x1f&<>\ufffe\uffff])*(?<!\s)")
_SHORT_TEXT = MAX_CELL_TEXT // 2  # a text this long cannot pass Excel's limit, even all in emoji
_TITLE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\[\]:*?/\\]")  # Excel's rules for a sheet's name, and XML's


@dataclass
class XlsxResult:
    """What the workbook writer did, for the report."""

    rows: int = 0
    sheets: int = 0
    notes: list[Finding] = field(default_factory=list)


def _utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def _cut(value: str, limit: int) -> str:
    """The longest start of ``value`` of at most ``limit`` UTF-16 units, no character split."""
    if len(value) <= limit // 2 or _utf16_length(value) <= limit:
        return value
    value = value[:limit]
    while _utf16_length(value) > limit:
        value = value[:-1]
    return value


def _text(value: str) -> tuple[str, bool]:
    """Text as Excel can hold it, and whether it had to be changed."""
    changed = False
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
        changed = True
    if len(value) > MAX_CELL_TEXT // 2:
        cut = _cut(value, MAX_CELL_TEXT)
        value, changed = cut, changed or len(cut) < len(value)
    return value, changed


def _inline_string(value: str) -> str:
    """The ``<is>`` element of a text cell: ``value`` (already within Excel's limits) escaped."""
    if not _SPECIAL.search(value):
        return f"<is><t>{value}</t></is>"
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(value) else ""
    value = _EXCEL_ESCAPE.sub(r"_x005F\1", value).replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return f"<is><t{space}>{value}</t></is>"


class _TableSheet(Worksheet):
    """A constant-memory worksheet that also takes data rows as ready cell XML (``write_rows``).

    The header goes in through XlsxWriter's own methods; then each data row's ``<c>`` elements,
    in row order, straight into the sheet's row data, with the sheet's extent kept as XlsxWriter
    keeps it. The attributes used are XlsxWriter 3's (the range pyproject.toml allows); the tests
    compare the result with the same rows written cell by cell through its public methods.
    """

    previous_row: int  # XlsxWriter's: the last row written, or whose cells wait to be

    def write_rows(self, first: int, rows: list[str]) -> None:
        """Rows ``first``, ``first + 1``, ... (zero-based, after every row written before) holding
        the cells ``rows``; a row without a cell is not written, as XlsxWriter does not write one."""
        if first > self.previous_row:
            self._write_single_row(first)  # the row the methods wrote last (the header)
        last = None
        out = []
        for number, cells in enumerate(rows, start=first + 1):
            if cells:
                out.append(f'<row r="{number}">{cells}</row>')
                last = number - 1
        if last is not None:
            self.fh.write("".join(out))
            self.dim_rowmax = last
            self.previous_row = last

    def abandon(self) -> None:
        """Close the row data file after a failure (the garbage collector would, and print its error raw)."""
        handle = getattr(self, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(Exception):
                handle.close()


APPLICATION = f"xena2archive {__version__}"  # what docProps/app.xml says wrote the workbook
_APP_PART = "docProps/app.xml"
# What XlsxWriter writes there of every file: that Excel made it, and which version of Excel
_EXCEL_CLAIM = ("<Application>Microsoft Excel</Application>", "<AppVersion>12.0000</AppVersion>")


class _Packager(Packager):
    """XlsxWriter's packager, with the extended properties naming the software that wrote the workbook.

    XlsxWriter's ``docProps/app.xml`` says every file was written by Microsoft Excel 12 (2007), a
    claim a reader of the archive would take at its word. The part is written as XlsxWriter writes
    it; then its ``Application`` names this program and its version, and ``AppVersion`` (which the
    standard wants as Excel's ``XX.YYYY`` and which is optional) is left out. Should XlsxWriter
    ever write the two elements differently, this fails rather than leave the claim in.
    """

    def _write_app_file(self) -> None:
        super()._write_app_file()
        written, part, _in_memory = self.filenames[-1]
        if part != _APP_PART or not isinstance(written, str):
            raise RuntimeError(f"XlsxWriter did not write {_APP_PART} as expected")
        path = Path(written)
        xml = path.read_bytes()
        application, version = (claim.encode() for claim in _EXCEL_CLAIM)
        if xml.count(application) != 1 or xml.count(version) != 1:
            raise RuntimeError(f"XlsxWriter's {_APP_PART} is not what this module knows: {xml[:300]!r}")
        ours = f"<Application>{APPLICATION}</Application>".encode()
        path.write_bytes(xml.replace(application, ours).replace(version, b""))


class _Workbook(xlsxwriter.Workbook):
    """A workbook packaged by ``_Packager`` (XlsxWriter's ``_get_packager`` is there to be overridden)."""

    def _get_packager(self) -> Packager:
        return _Packager()


class _Target(io.FileIO):
    """The workbook's file, as XlsxWriter's zip writes it.

    Once a write has failed (a full disk), or the writing was given up, the file goes inert: the
    zip that XlsxWriter leaves open on an error would otherwise write to it again when it is
    collected, and print that error raw on the terminal.
    """

    inert = False

    def write(self, data: Any) -> int:
        if self.inert:
            return len(memoryview(data))
        try:
            return super().write(data)
        except OSError:
            self.inert = True
            raise

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0 if self.inert else super().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self.inert else super().tell()

    def flush(self) -> None:
        if not self.inert:
            super().flush()


class _Column:
    """Makes the ``<c>`` elements of one column of the sheet from its JSONL values, a batch of
    rows at a time (``cells``): one comprehension per column and batch, not a call per value.

    Text is stored as an inline string: never a formula or an error value, whatever it starts
    with. Dates go in as Excel serial numbers with a date format, as XlsxWriter writes a date.
    """

    def __init__(self, name: str, index: int, kind: Kind, style: Format | None) -> None:
        self.name = name
        letter = xl_col_to_name(index)
        self.start = f'<c r="{letter}'  # the row's number follows
        self.text_tail = '" t="inlineStr">'
        styled = f' s="{style._get_xf_index()}"' if style is not None else ""
        self.number_tail = f'"{styled}><v>'
        self.boolean_tail = f'"{styled} t="b"><v>'
        self.changed = False  # some value was shown differently from the JSONL (reported once)
        batches: dict[Kind, Callable[[list[str], Sequence[Any]], list[str]]] = {
            Kind.decimal: self._decimals, Kind.int32: self._integers, Kind.int64: self._integers,
            Kind.date_days: self._integers, Kind.boolean: self._booleans, Kind.date: self._dates,
            Kind.datetime: self._datetimes,
        }
        self.cells: Callable[[list[str], Sequence[Any]], list[str]] = batches.get(kind, self._texts)
        """The cells of a batch: the rows' numbers (as Excel counts), their values; "" for a null."""

    def text(self, row: str, value: Any) -> str:
        """Text within Excel's limits (JSON for a list)."""
        if not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        if len(value) > MAX_CELL_TEXT // 2 or _ILLEGAL.search(value):
            value, changed = _text(value)
            self.changed |= changed
        return f"{self.start}{row}{self.text_tail}{_inline_string(value)}</c>"

    def _texts(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        start, tail, plain, text = self.start, self.text_tail, _PLAIN_TEXT.fullmatch, self.text
        return ["" if value is None
                else f"{start}{row}{tail}<is><t>{value}</t></is></c>"
                if type(value) is str and len(value) <= _SHORT_TEXT and plain(value) else text(row, value)
                for row, value in zip(rows, values)]

    def _integers(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        start, tail, inexact = self.start, self.number_tail, self._inexact
        return ["" if value is None
                else f"{start}{row}{tail}{value}</v></c>" if -_EXACT_LIMIT < value < _EXACT_LIMIT
                else inexact(row, str(value))  # Excel would round it: exact digits as text
                for row, value in zip(rows, values)]

    def _decimals(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        """The input's exact digits, never through a float; with more than Excel keeps, as text."""
        start, tail, inexact = self.start, self.number_tail, self._inexact
        return ["" if value is None
                else f"{start}{row}{tail}{value}</v></c>" if len(value) <= _EXACT_DIGITS or _exact(value)
                else inexact(row, value)
                for row, value in zip(rows, values)]

    def _booleans(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        start, tail = self.start, self.boolean_tail
        return ["" if value is None else f"{start}{row}{tail}{1 if value else 0}</v></c>"
                for row, value in zip(rows, values)]

    def _dates(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        start, tail, day = self.start, self.number_tail, _excel_day
        return ["" if value is None else f"{start}{row}{tail}{number}</v></c>"
                if (number := day(value)) is not None else self._inexact(row, value)
                for row, value in zip(rows, values)]

    def _datetimes(self, rows: list[str], values: Sequence[Any]) -> list[str]:
        """Excel has no time zones: a time with an offset is shown in UTC (the JSONL keeps it)."""
        start, tail, moment = self.start, self.number_tail, _excel_moment
        return ["" if value is None else f"{start}{row}{tail}{number}</v></c>"
                if (number := moment(value)) is not None else self._inexact(row, value)
                for row, value in zip(rows, values)]

    def _inexact(self, row: str, value: str) -> str:
        """A value Excel cannot show exactly as a number or a date: its text, and a note in the report."""
        self.changed = True
        return self.text(row, value)


def _exact(decimal: str) -> bool:
    """Whether Excel holds the decimal exactly: at most 15 significant digits."""
    return len(decimal.replace("-", "").replace(".", "").lstrip("0")) <= _EXACT_DIGITS


def _excel_day(value: str) -> str | None:
    """Excel's serial number of an ISO date, or None before 1900-03-01."""
    day = dt.date.fromisoformat(value)
    return None if day < _FIRST_EXCEL_DAY else str(day.toordinal() - _EXCEL_DAY_ZERO)


def _excel_moment(value: str) -> str | None:
    """Excel's serial number of an ISO date-time (in UTC if it has an offset), or None before 1900-03-01."""
    body, zone = value, ""
    if body.endswith("Z"):
        body, zone = body[:-1], "+00:00"
    elif len(body) > 19 and body[-6] in "+-":
        body, zone = body[:-6], body[-6:]
    base, _, fraction = body.partition(".")
    moment = dt.datetime.fromisoformat(f"{base}.{fraction[:6].ljust(6, '0')}{zone}")  # .NET has 7 digits
    if moment.tzinfo:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return None if moment.date() < _FIRST_EXCEL_DAY else f"{serial(moment):.16G}"


def serial(moment: dt.datetime) -> float:
    """Excel's serial number of a moment from 1900-03-01 on, computed as XlsxWriter computes it."""
    delta = moment - _EXCEL_EPOCH
    return delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / (60 * 60 * 24) + 1


class _Sheets:
    """The workbook's formats, and the sheets of the table as they fill."""

    def __init__(self, workbook: xlsxwriter.Workbook, plan: Plan) -> None:
        self.workbook, self.plan = workbook, plan
        self.bold = workbook.add_format({"bold": True})
        self.bold._get_xf_index()  # the header's style first, as if every cell were written by XlsxWriter
        formats: dict[str, Format] = {}

        def style(number_format: str) -> Format:
            if number_format not in formats:
                formats[number_format] = workbook.add_format({"num_format": number_format})
            return formats[number_format]

        self.columns = []
        for index, column in enumerate(plan.columns):
            number_format = {Kind.decimal: "#,##0" + ("." + "0" * plan.scale(column.name) if plan.scale(column.name)
                                                       else ""),
                             Kind.date: "yyyy-mm-dd", Kind.datetime: "yyyy-mm-dd h:mm:ss"}.get(column.kind)
            self.columns.append(_Column(column.name, index, column.kind,
                                        style(number_format) if number_format else None))
        self.pick = picker([column.name for column in self.columns])
        self.by_name = {column.name: index for index, column in enumerate(self.columns)}
        self.taken: set[str] = {ABOUT_SHEET.casefold()}

    def title(self, number: int) -> str:
        """The name of the table's ``number``th sheet: the table's, within Excel's rules, unique."""
        base = _TITLE_FORBIDDEN.sub("_", self.plan.spec.name).strip("'") or "Tabel"
        if base.casefold() == "history":  # a name Excel keeps for itself
            base += "_"
        name = _cut(base, MAX_TITLE) if number == 1 else f"{_cut(base, MAX_TITLE - 5)} ({number})"
        extra = 1
        while name.casefold() in self.taken:
            extra += 1
            suffix = f" ({number}.{extra})" if number > 1 else f" ({extra})"
            name = f"{_cut(base, MAX_TITLE - len(suffix))}{suffix}"
        self.taken.add(name.casefold())
        return name

    def new(self, number: int) -> _TableSheet:
        """A data sheet with its header: Xena's field names (what the JSONL and the schema call the
        columns), each with a note (Excel's red corner, shown on pointing at the cell) giving its
        Danish description and where every column is described, so the header stays row 1."""
        sheet: _TableSheet = self.workbook.add_worksheet(self.title(number), worksheet_class=_TableSheet)
        sheet.freeze_panes(1, 0)
        sheet.set_comments_author(AUTHOR)
        for index, column in enumerate(self.plan.columns):
            width = min(max(len(column.name) + 2, 12 if column.kind is not Kind.string else 24), 60)
            sheet.set_column(index, index, width)
            sheet.write_string(0, index, _text(column.name)[0], self.bold)
            note = header_note(column)
            sheet.write_comment(0, index, note, {"width": _NOTE_WIDTH, "height": _note_height(note)})
        return sheet

    def write(self, sheet: _TableSheet, before: int, batch: list[TypedRow]) -> None:
        """The rows of ``batch`` to ``sheet``, after the ``before`` data rows it holds."""
        if not batch:
            return
        numbers = [str(number) for number in range(before + 2, before + 2 + len(batch))]  # as Excel counts
        values: list[Sequence[Any]] = list(zip(*map(self.pick, [item.values for item in batch])))
        kept = [(index, item) for index, item in enumerate(batch) if item.kept_as_text]
        if kept:  # values that did not parse as their column's type: left out here, their text below
            for column in {self.by_name[name] for _index, item in kept for name in item.kept_as_text}:
                values[column] = list(values[column])
            for index, item in kept:
                for name in item.kept_as_text:
                    values[self.by_name[name]][index] = None  # type: ignore[index]
        columns = [column.cells(numbers, of_column) for column, of_column in zip(self.columns, values)]
        for index, item in kept:
            for name in item.kept_as_text:
                column = self.by_name[name]
                columns[column][index] = self.columns[column].text(numbers[index], item.values[name])
        sheet.write_rows(before + 1, ["".join(cells) for cells in zip(*columns)] if columns else [])

    def close(self, sheet: _TableSheet, rows_written: int) -> None:
        sheet.autofilter(0, 0, rows_written, max(len(self.plan.columns), 1) - 1)

    def changed(self) -> set[str]:
        return {column.name for column in self.columns if column.changed}


def header_note(column: Column) -> str:
    """The note on a data sheet's header cell: the column's Danish description and where the
    Danish descriptions of all columns are. Within Excel's limit for a note's text."""
    said = f"{column.name}: {column.description_da}" if column.description_da \
        else f"{column.name}: ikke beskrevet i Xenas kontrakter"  # fmt: skip
    return _text(f"{said}\n\nAlle kolonner på dansk og engelsk: arket '{ABOUT_SHEET}'.")[0]


def _note_height(note: str) -> int:
    """A note box tall enough for its text at about 40 characters a line, in pixels."""
    lines = sum(max(1, -(-len(line) // 40)) for line in note.split("\n"))
    return min(16 * lines + 12, 400)


def _about_sheet(workbook: xlsxwriter.Workbook, plan: Plan, bold: Format, about: tuple[str, str] | None) -> None:
    """A last sheet saying what each column is, in Danish and English, for a reader without docs;
    a year's workbook says which rows it holds (``about``, Danish and English) beside the title."""
    sheet = workbook.add_worksheet(ABOUT_SHEET, worksheet_class=_TableSheet)
    for index, width in enumerate((32, 22, 60, 60)):
        sheet.set_column(index, index, width)
    sheet.write_string(0, 0, _text(f"{plan.spec.name}: {plan.spec.description_da}".strip(": "))[0])
    for index, text in zip((2, 3), about or ()):
        sheet.write_string(0, index, _text(text)[0], bold)
    for index, heading in enumerate(("Kolonne", "Type", "Beskrivelse", "Description")):
        sheet.write_string(1, index, heading, bold)
    for row, column in enumerate(plan.columns, start=2):
        for index, text in enumerate((column.name, _KIND_LABEL[column.kind], column.description_da,
                                      column.description_en)):
            if text:
                sheet.write_string(row, index, _text(text)[0])


def write_xlsx(plan: Plan, path: Path, when: dt.datetime, advance: Advance | None = None,
               keep: Callable[[dict[str, Any]], bool] | None = None, rejects: bool = True,
               about: tuple[str, str] | None = None) -> XlsxResult:
    """Write every row of the plan's source to ``path`` (more sheets past Excel's row limit), or
    the rows whose typed values ``keep`` keeps; telling ``advance`` of the rows as they pass, and
    of the rejects (which no workbook holds) if ``rejects``. ``about`` says which rows a year's
    workbook holds, in Danish and English, on its "Om tabellen" sheet."""
    scratch = Path(tempfile.mkdtemp(prefix="xena2archive-xlsx-"))  # XlsxWriter's row data and parts
    target = _Target(path, "w")
    workbook = _Workbook(target, {
        "constant_memory": True, "tmpdir": str(scratch), "use_zip64": True,
        # a text is a text: never a number, a formula or a link
        "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
    })
    try:
        result = _write(workbook, plan, when, _typed_rows(plan, advance, keep, rejects), about)
        try:
            workbook.close()
        except FileCreateError as error:  # XlsxWriter's wrapping of an OSError (a full disk)
            raise error.args[0] from None
        return result
    except BaseException:
        target.inert = True
        for sheet in workbook.worksheets():
            if isinstance(sheet, _TableSheet):
                sheet.abandon()
        raise
    finally:
        target.close()
        shutil.rmtree(scratch, ignore_errors=True)


BATCH_ROWS = 500  # rows made into XML together, column by column


def _write(workbook: xlsxwriter.Workbook, plan: Plan, when: dt.datetime, typed: Iterator[TypedRow],
           about: tuple[str, str] | None) -> XlsxResult:
    result = XlsxResult()
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.set_properties({"author": AUTHOR, "created": when})
    sheets = _Sheets(workbook, plan)
    sheet = sheets.new(1)
    result.sheets = 1
    on_sheet = 0  # data rows on the sheet
    batch: list[TypedRow] = []
    for item in typed:
        if on_sheet == MAX_DATA_ROWS:
            sheets.write(sheet, on_sheet - len(batch), batch)
            batch = []
            sheets.close(sheet, on_sheet)
            result.sheets += 1
            sheet = sheets.new(result.sheets)
            on_sheet = 0
        batch.append(item)
        on_sheet += 1
        result.rows += 1
        if len(batch) == BATCH_ROWS:
            sheets.write(sheet, on_sheet - len(batch), batch)
            batch = []
    sheets.write(sheet, on_sheet - len(batch), batch)
    sheets.close(sheet, on_sheet)
    _about_sheet(workbook, plan, sheets.bold, about)
    where = plan.scan.source.zip_name
    if result.sheets > 1:
        result.notes.append(F.WORKBOOK_SHEETS(where, sheets=result.sheets))
    for name in sorted(sheets.changed()):
        result.notes.append(F.WORKBOOK_SHOWN_AS_TEXT(where, column=name))
    return result


def _typed_rows(plan: Plan, advance: Advance | None, keep: Callable[[dict[str, Any]], bool] | None,
                rejects: bool) -> Iterator[TypedRow]:
    items: Iterable[TypedRow | Reject] = rows(plan, keep)
    if not rejects:  # one year's workbook of several: the rejects are counted by another
        items = (item for item in items if type(item) is not Reject)
    for item in counted(items, advance):
        if not isinstance(item, Reject):
            yield item


def merged(results: list[XlsxResult]) -> XlsxResult:
    """The results of a table's workbooks (one per year) as one: rows and sheets summed, each note once."""
    notes: dict[str, Finding] = {}
    for result in results:
        notes.update((note.phrase, note) for note in result.notes if note.phrase not in notes)
    return XlsxResult(sum(r.rows for r in results), sum(r.sheets for r in results), list(notes.values()))
