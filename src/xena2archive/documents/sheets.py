"""A spreadsheet made fit for printing, so its PDF copy shows every cell's text whole.

Printed as it is, a spreadsheet cuts a cell's text off at the next filled cell, shows ``###`` for
a number wider than its column, and leaves out hidden rows, columns and sheets and whatever lies
outside a print area. An archive copy must show it all. So before LibreOffice prints it, a copy
of the workbook (xlsx; other spreadsheet formats are first saved as xlsx by LibreOffice) is
changed here, at the level of its XML parts, leaving everything else (charts, images, formulas,
number formats) as it was:

* every column is made as wide as its longest line of text (up to ``MAX_WIDTH`` characters);
* every cell wraps its text, and rows take the height their content needs, so text longer than
  ``MAX_WIDTH`` is shown on several lines instead of being cut;
* hidden rows, columns and sheets are shown, and print areas are dropped.

Each sheet then becomes one page of its own size (``libreoffice.pdf_filter``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Final

from lxml import etree

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.model import NotConvertible

MAX_WIDTH: Final = 60  # characters; wider text wraps
_MIN_WIDTH: Final = 8.43  # Excel's default column width
_MAX_PART: Final = 64 * 1024 * 1024  # a sheet's XML larger than this is left as it is
_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_M: Final = f"{{{_MAIN}}}"
_CELL_REF: Final = re.compile(r"([A-Z]+)(\d+)")
_PARSER: Final = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def fit_for_print(source: Path, target: Path) -> list[Finding]:
    """Write the changed copy of the xlsx ``source`` to ``target``. Returns notes for the report.

    Raises NotConvertible (``corrupt``) if the workbook's XML cannot be read.
    """
    notes = [F.DOC_FITTED_FOR_PRINT("")]
    shown = {"rows": 0, "columns": 0, "sheets": 0}
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        names = package.namelist()
        shared = _shared_string_widths(package) if "xl/sharedStrings.xml" in names else []
        for info in package.infolist():
            data = package.read(info)
            path = PurePosixPath(info.filename)
            if info.filename == "xl/styles.xml":
                data = _wrap_all(data)
            elif info.filename == "xl/workbook.xml":
                data, sheets, areas = _show_sheets(data)
                shown["sheets"] += sheets
                if areas:
                    notes.append(F.DOC_PRINT_AREAS(""))
            elif path.parent == PurePosixPath("xl/worksheets") and path.suffix == ".xml":
                if len(data) > _MAX_PART:
                    notes.append(F.DOC_SHEET_TOO_LARGE("", sheet=path.name))
                else:
                    data, rows, columns = _fit_sheet(data, shared)
                    shown["rows"] += rows
                    shown["columns"] += columns
            copy.writestr(info, data)
    if any(shown.values()):
        notes.append(F.DOC_HIDDEN_SHOWN("", **shown))
    return notes


def _parse(data: bytes, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise NotConvertible("corrupt", F.DOC_PART_NOT_XML("", part=part, error=str(error))) from error


def _shared_string_widths(package: zipfile.ZipFile) -> list[int]:
    """The width (longest line, in characters) of each shared string, in order."""
    widths: list[int] = []
    with package.open("xl/sharedStrings.xml") as stream:
        for _event, item in etree.iterparse(
            stream, events=("end",), tag=f"{_M}si", resolve_entities=False, load_dtd=False, no_network=True
        ):
            widths.append(_width("".join(item.itertext())))
            item.clear()
    return widths


def _width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _wrap_all(data: bytes) -> bytes:
    """Every cell format wraps its text (kept: its other alignment settings)."""
    root = _parse(data, "xl/styles.xml")
    for xf in root.iterfind(f"{_M}cellXfs/{_M}xf"):
        alignment = xf.find(f"{_M}alignment")
        if alignment is None:
            alignment = etree.Element(f"{_M}alignment")
            xf.insert(0, alignment)  # the schema puts it first
        alignment.set("wrapText", "1")
        alignment.attrib.pop("shrinkToFit", None)
        xf.set("applyAlignment", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _show_sheets(data: bytes) -> tuple[bytes, int, bool]:
    """Hidden sheets made visible, print areas dropped. Returns the part, how many sheets were
    hidden, and whether there was a print area."""
    root = _parse(data, "xl/workbook.xml")
    hidden = 0
    for sheet in root.iterfind(f"{_M}sheets/{_M}sheet"):
        if sheet.get("state") in ("hidden", "veryHidden"):
            sheet.set("state", "visible")
            hidden += 1
    areas = False
    for name in list(root.iterfind(f"{_M}definedNames/{_M}definedName")):
        if name.get("name") == "_xlnm.Print_Area":
            name.getparent().remove(name)
            areas = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), hidden, areas


def _fit_sheet(data: bytes, shared: list[int]) -> tuple[bytes, int, int]:
    """Columns as wide as their text, rows free to grow, nothing hidden. Returns the part and
    how many rows and columns were hidden."""
    root = _parse(data, "worksheet")
    sheet_data = root.find(f"{_M}sheetData")
    if sheet_data is None:
        return data, 0, 0
    longest: dict[int, int] = {}
    hidden_rows = 0
    for row in sheet_data.iterfind(f"{_M}row"):
        if row.get("hidden") in ("1", "true"):
            hidden_rows += 1
        for attribute in ("hidden", "ht", "customHeight"):
            row.attrib.pop(attribute, None)
        for column, width in _cell_widths(row, shared):
            longest[column] = max(longest.get(column, 0), width)
    hidden_columns = _set_columns(root, sheet_data, longest)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), hidden_rows, hidden_columns


def _cell_widths(row: etree._Element, shared: list[int]) -> Iterator[tuple[int, int]]:
    """(column number, width in characters) of each cell of ``row`` that shows something."""
    position = 0
    for cell in row.iterfind(f"{_M}c"):
        found = _CELL_REF.match(cell.get("r", ""))
        position = _column_number(found.group(1)) if found else position + 1
        kind = cell.get("t")
        if kind == "inlineStr":
            text_width = _width("".join(cell.find(f"{_M}is").itertext())) if cell.find(f"{_M}is") is not None else 0
            yield position, text_width
            continue
        value = cell.find(f"{_M}v")
        if value is None or value.text is None:
            continue
        if kind == "s":
            index = int(value.text) if value.text.strip().isdigit() else -1
            yield position, shared[index] if 0 <= index < len(shared) else 0
        elif kind in ("str", "e"):
            yield position, _width(value.text)
        else:  # a number (or a date, or a boolean): room for its format's separators and sign
            yield position, len(value.text) + 4


def _set_columns(root: etree._Element, sheet_data: etree._Element, longest: dict[int, int]) -> int:
    """Rewrite ``<cols>``: one entry per column, as wide as its text (never narrower than it
    was), shown. Returns how many columns were hidden."""
    old = root.find(f"{_M}cols")
    widths: dict[int, float] = {}
    styles: dict[int, str] = {}
    hidden = 0
    if old is not None:
        for col in old.iterfind(f"{_M}col"):
            low, high = int(col.get("min", "1")), int(col.get("max", "1"))
            if col.get("hidden") in ("1", "true"):
                hidden += high - low + 1
            for number in range(low, min(high, 16384) + 1):
                if col.get("width"):
                    widths[number] = float(col.get("width"))
                if col.get("style"):
                    styles[number] = col.get("style")
        root.remove(old)
    for number, width in longest.items():
        wanted = min(width, MAX_WIDTH) * 1.1 + 2  # a little room for the font's wider letters
        widths[number] = max(widths.get(number, _MIN_WIDTH), wanted)
    if not widths:
        return hidden
    cols = etree.Element(f"{_M}cols")
    for number in sorted(widths):
        col = etree.SubElement(cols, f"{_M}col", min=str(number), max=str(number))
        col.set("width", f"{widths[number]:.2f}")
        col.set("customWidth", "1")
        if number in styles:
            col.set("style", styles[number])
    sheet_data.addprevious(cols)  # the schema puts <cols> right before <sheetData>
    return hidden


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
