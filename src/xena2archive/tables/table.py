"""One table from input to typed rows: scan the source, plan the columns, then stream typed rows.

A scan is one cheap pass over a source (CSV or XML) that finds what cannot be known from the first
line: the columns of an XML file, the file's decimal separator, the kinds of columns the catalogue
does not know, the maximum decimals per column, and the key values for the CSV/XML comparison. The
plan fixes the output columns and a converter per column; ``rows`` then yields typed rows in input
order, one at a time.
"""

from __future__ import annotations

import bisect
import json
import operator
from array import array
from collections.abc import Iterable, Iterator, Sequence
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from collections.abc import Callable

from ..model import Column, Kind, TableSpec, derived_date_name
from . import csv_reader, xml_reader
from .. import findings as F
from ..findings import Finding
from .records import Record
from .values import (
    FALLBACK, NumberStyle, canonical_decimal, converter, csv_column_reader, days_to_date,
)

# The columns that place a row in a fiscal year (Xena's posting tables have the first; some the second too)
DATE_COLUMN, PERIOD_COLUMN = "FiscalDateDays", "FiscalPeriodId"

# Kinds tried, in order of preference, for a column the catalogue does not know.
_INFERABLE = (Kind.int64, Kind.decimal, Kind.boolean, Kind.datetime, Kind.guid)
_POINT, _COMMA = NumberStyle(False), NumberStyle(True)
_INFER_BOOL_WORDS = frozenset({"true", "false", "ja", "nej"})


@dataclass(frozen=True)
class TableSource:
    """A table file found in the backup."""

    table: str  # the table's name (the catalogue's spelling when known)
    path: Path  # the extracted file
    zip_name: str  # as named in the zip, for people
    format: str  # "csv" or "xml"
    entry: str = ""  # the entry's unique path in the archive (two zip entries may share a name)
    spec_name: str = ""  # the catalogue table it is (``table`` may be ``LedgerPostDto~1`` for a second file)

    @property
    def catalogue_name(self) -> str:
        return self.spec_name or self.table


@dataclass
class _ColumnScan:
    """What the scan saw in one input column."""

    possible: set[Kind] = field(default_factory=lambda: set(_INFERABLE))
    point_scale: int = 0
    comma_scale: int = 0
    non_empty: int = 0


@dataclass
class Scan:
    """The result of one pass over a table source."""

    source: TableSource
    header: list[str]  # input column names, in output order
    rows: int = 0
    rejects: int = 0
    style: NumberStyle = _POINT
    style_votes: tuple[int, int] = (0, 0)  # (decimal point, decimal comma) evidence
    csv_format: csv_reader.CsvFormat | None = None
    xml_encoding: str | None = None
    broken: Finding | None = None  # XML damaged: what and where
    header_problem: Finding | None = None  # the CSV header row does not decode; the XML's DTD points outside
    ids: array = field(default_factory=lambda: array("q"))
    id_column: str | None = None
    columns: dict[str, _ColumnScan] = field(default_factory=dict)
    arrays: set[str] = field(default_factory=set)  # columns where the XML held a list
    # the raw (FiscalPeriodId, FiscalDateDays) pairs met, with their counts, when the table has a
    # posting date: which fiscal years' workbooks it needs (``split``)
    dated: dict[tuple[Any, Any], int] = field(default_factory=dict)

    @property
    def encoding(self) -> str:
        return self.csv_format.encoding if self.csv_format else (self.xml_encoding or "")


def _records(scan: Scan) -> Iterator[Record]:
    if scan.csv_format:
        return csv_reader.read(scan.source.path, scan.csv_format)[1]
    return xml_reader.read(scan.source.path, _arrays_of(scan.source))


def _arrays_of(source: TableSource) -> frozenset[str]:
    from ..catalogue import load

    spec = load().get(source.catalogue_name)
    return frozenset(c.name for c in spec.columns if c.kind is Kind.array) if spec else frozenset()


def resolve_header(spec: TableSpec, header: list[str], where: str = "") -> tuple[list[str], list[Finding]]:
    """Output names for the input's column names, and a note for each name that was changed.

    A CSV may flatten ``Address.Name`` as ``Address_Name`` or ``AddressName``, or change case:
    those are matched to the catalogue's name. Empty and repeated names get a unique name.
    """
    by_variant: dict[str, str] = {}
    for column in spec.columns:
        for variant in (column.name, column.name.replace(".", "_"), column.name.replace(".", "")):
            by_variant.setdefault(variant.casefold(), column.name)
    names: list[str] = []
    notes: list[Finding] = []
    seen: set[str] = set()
    for position, raw in enumerate(header, start=1):
        name = raw if raw in spec.by_name else by_variant.get(raw.casefold(), raw)
        if not name:
            name = f"Column{position}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base}~{n}", n + 1
        if name != raw:
            notes.append(F.COLUMN_RENAMED(where, position=position, raw=raw, name=name))
        seen.add(name)
        names.append(name)
    return names, notes


def scan(source: TableSource, spec: TableSpec) -> tuple[Scan, list[Finding]]:
    """One pass over the source; returns the scan and notes about the header."""
    key = spec.key or "Id"
    # the columns worth a look at every value: the key, decimals (for the separator), unknowns
    decimals = {c.name for c in spec.columns if c.kind is Kind.decimal}
    observed = lambda name: name in decimals or name not in spec.by_name  # noqa: E731
    notes: list[Finding] = []
    where = source.zip_name
    if source.format == "csv":
        fmt = csv_reader.sniff(source.path)
        raw_header, records = csv_reader.read(source.path, fmt)
        header, notes = resolve_header(spec, raw_header, where)
        result = Scan(source, header, csv_format=fmt)
        if fmt.bad_byte_lines and any("\\x" in name for name in raw_header):
            result.header_problem = F.HEADER_BAD_BYTES(where, encoding=fmt.encoding)
        watched = [(i, n, n == key, observed(n), n not in spec.by_name)
                   for i, n in enumerate(header) if n == key or observed(n)]
        dated = [header.index(n) if n in header else None for n in (PERIOD_COLUMN, DATE_COLUMN)] \
            if DATE_COLUMN in header else None
        _scan_csv(result, records, watched, dated)
        names = header
    else:
        result = Scan(source, [], xml_encoding=xml_reader.declared_encoding(source.path))
        outside = xml_reader.outside_entities(source.path)
        if outside:
            result.header_problem = F.OUTSIDE_ENTITIES(where, entities=outside[:5])
        names = _scan_xml(result, xml_reader.read(source.path, _arrays_of(source)), spec, observed, key)
        result.header, xml_notes = resolve_header(spec, _catalogue_order(spec, names), where)
        notes.extend(xml_notes)
    result.id_column = key if key in names else None
    _decide_style(result, spec)
    return result, notes


def _look(result: Scan, name: str, text: str, is_key: bool, observe: bool, infer: bool) -> None:
    if is_key:
        _collect_id(result, text)
    if observe:
        _observe(result.columns.setdefault(name, _ColumnScan()), [text], infer)


SCAN_BATCH = 1000  # CSV records looked at together, column by column


def _scan_csv(result: Scan, records: Iterator[Record], watched: list[tuple[int, str, bool, bool, bool]],
              dated: list[int | None] | None) -> None:
    """``dated``: the positions of the period and the posting date (None: not in the file), or None."""
    keys = [index for index, _name, is_key, _observe_it, _infer in watched if is_key]
    looks = [(index, name, infer) for index, name, _is_key, observe, infer in watched if observe]
    pairs: Counter[Any] = Counter()  # (period, date) texts, or the date's alone when there is no period
    pair = None if dated is None else picker([i for i in dated if i is not None])
    batch: list[list[str]] = []
    for record in records:
        if record.values is None:
            result.rejects += 1
            continue
        batch.append(record.values)  # type: ignore[arg-type]
        if len(batch) == SCAN_BATCH:
            _scan_batch(result, batch, keys, looks)
            if pair is not None:
                pairs.update(map(pair, batch))
            batch = []
    _scan_batch(result, batch, keys, looks)
    if pair is not None:
        pairs.update(map(pair, batch))
        with_period = dated is not None and dated[0] is not None
        result.dated = {texts if with_period else (None, *texts): n for texts, n in pairs.items()}


def _scan_batch(result: Scan, batch: list[list[str]], keys: list[int], looks: list[tuple[int, str, bool]]) -> None:
    result.rows += len(batch)
    for index in keys:
        texts = [values[index] for values in batch]
        try:
            result.ids.extend(array("q", map(int, texts)))  # built whole first: nothing half-added
        except (ValueError, OverflowError):
            for text in texts:
                if text:
                    _collect_id(result, text)
    for index, name, infer in looks:
        texts = [values[index] for values in batch if values[index]]
        if texts:
            column = result.columns.get(name)
            if column is None:
                column = result.columns[name] = _ColumnScan()
            _observe(column, texts, infer)


def _scan_xml(result: Scan, records: Iterator[Record], spec: TableSpec, observed: Callable[[str], bool],
              key: str) -> list[str]:
    """Scan XML records; returns every column name met, in order of first appearance."""
    seen: dict[str, None] = {}
    pairs: Counter[tuple[Any, Any]] | None = Counter() if DATE_COLUMN in spec.by_name else None
    # a nil nested object (<Dimensions i:nil="true"/>) means its flattened columns are null
    objects = {c.name.rsplit(".", depth)[0] for c in spec.columns for depth in range(1, c.name.count(".") + 1)}
    try:
        for record in records:
            if record.values is None:
                result.rejects += 1
                continue
            result.rows += 1
            if pairs is not None:
                get = record.values.get  # type: ignore[union-attr]
                pairs[(_hashable(get(PERIOD_COLUMN)), _hashable(get(DATE_COLUMN)))] += 1
            for name, text in record.values.items():  # type: ignore[union-attr]
                if name not in seen:
                    if text is None and name in objects:
                        continue
                    seen[name] = None
                if isinstance(text, list):
                    result.arrays.add(name)
                elif text:
                    _look(result, name, text, name == key, observed(name), name not in spec.by_name)
    except xml_reader.XmlBroken as exc:
        result.broken = exc.what
    if pairs is not None and DATE_COLUMN in seen:
        result.dated = dict(pairs)
    return list(seen)


def _hashable(value: Any) -> Any:
    """An XML value as a key of ``Scan.dated``: a list as its JSON text, which its column (a day
    count or an id, never a list) keeps as text either way."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _catalogue_order(spec: TableSpec, names: list[str]) -> list[str]:
    """XML columns in the catalogue's order, then the ones it does not know in order of appearance."""
    order = {c.name: i for i, c in enumerate(spec.columns)}
    known = sorted((n for n in names if n in order), key=order.__getitem__)
    return known + [n for n in names if n not in order]


def _collect_id(result: Scan, text: str) -> None:
    try:
        result.ids.append(int(text))
    except (ValueError, OverflowError):
        pass


def _observe(column: _ColumnScan, texts: list[str], infer: bool) -> None:
    """Note the values' decimals under either separator and, for unknown columns, which kinds fit."""
    column.non_empty += len(texts)
    comma_scale, point_scale = column.comma_scale, column.point_scale
    for text in texts:
        comma, point = text.rfind(","), text.rfind(".")
        if comma > point:  # "12,50" is 12.50 with a decimal comma, or 1250 grouped with a point
            scale = len(text.rstrip()) - comma - 1
            if scale > comma_scale:
                comma_scale = scale
        elif point > comma:
            scale = len(text.rstrip()) - point - 1
            if scale > point_scale:
                point_scale = scale
    column.comma_scale, column.point_scale = comma_scale, point_scale
    if infer:
        for text in texts:
            if not column.possible:
                break
            point_value, comma_value = canonical_decimal(text, _POINT), canonical_decimal(text, _COMMA)
            column.possible -= {k for k in column.possible if not _fits(k, text, point_value, comma_value)}


def _fits(kind: Kind, text: str, point: str | None, comma: str | None) -> bool:
    stripped = text.strip()
    if kind is Kind.int64:
        plain = stripped.lstrip("-")
        return plain.isdigit() and plain.isascii() and (plain == "0" or not plain.startswith("0")) and len(plain) < 19
    if kind is Kind.decimal:
        return (point is not None or comma is not None) and not stripped.lstrip("-").startswith("00")
    if kind is Kind.boolean:
        return stripped.lower() in _INFER_BOOL_WORDS
    return converter(kind, _POINT)(text) is not FALLBACK


def _decide_style(result: Scan, spec: TableSpec) -> None:
    """Decimal comma or point for this file, from the values that can only be read one way."""
    if result.source.format == "xml":
        return
    point_votes = comma_votes = 0
    for name, column in result.columns.items():
        if name in spec.by_name or Kind.decimal in column.possible:
            point_votes += column.point_scale > 0 and column.comma_scale == 0
            comma_votes += column.comma_scale > 0 and column.point_scale == 0
    result.style_votes = (point_votes, comma_votes)
    result.style = _COMMA if comma_votes > point_votes else _POINT


@dataclass(frozen=True)
class Slot:
    """One output column and how to fill it from a record."""

    column: Column
    source: int | str  # position in a CSV record, or the name in an XML record
    # XML: one raw value (text, list or None) -> value, None or FALLBACK; CSV: the column's fields
    # of a batch of records -> their values (CSV rows are typed a batch at a time)
    read: Callable[[Any], Any]
    # a derived column (the ISO date of a day count): the slot it is made from, whose typed value(s)
    # ``read`` is given instead of the record's fields, which are read once
    base: int | None = None


@dataclass(frozen=True)
class Plan:
    """The output columns of a table and how each is filled.

    ``others`` are the table's other sources (its CSV when the XML is converted, or the reverse),
    each read into the same columns: the rows whose key only they hold are written after the
    converted source's rows, so no row of the backup is missing from the table.
    """

    spec: TableSpec
    scan: Scan
    slots: tuple[Slot, ...]
    columns: tuple[Column, ...]  # every output column, derived ones included, in order
    notes: tuple[Finding, ...]
    others: tuple[Other, ...] = ()

    @property
    def key(self) -> str | None:
        return self.scan.id_column

    def scale(self, name: str) -> int:
        """Most decimals met in a decimal column (for the workbook's number format)."""
        column = self.scan.columns.get(name)
        if column is None:
            return 2
        return column.comma_scale if self.scan.style.decimal_comma else column.point_scale


SOURCE_COLUMN = "SourceFile"
_SOURCE_COLUMN_DA = ("Filen i sikkerhedskopien som rækken er læst fra: tabellens CSV- og XML-fil var ikke enige, "
                     "og rækker der kun findes i den ene er taget med derfra (se rapporten).")
_SOURCE_COLUMN_EN = ("The backup file this row was read from: the table's CSV and XML files disagreed, and rows "
                     "found in only one of them were taken from it (see the report).")


@dataclass(frozen=True)
class Other:
    """A second source of a table, read into the converted source's columns."""

    plan: Plan
    extra_keys: array  # sorted keys only this source holds: its rows with these keys are written too


def plan(spec: TableSpec, scan: Scan, others: Sequence[tuple[Scan, array]] = ()) -> Plan:
    """Decide the output columns: catalogue kinds where known, inferred kinds otherwise.

    ``others`` are the table's other sources with the keys only they hold. When any holds such
    keys, a ``SourceFile`` column says which file each row was read from.
    """
    main = _plan(spec, scan)
    if main.key is not None and any(len(keys) for _scan, keys in others):
        main = _with_source_column(main)
    return replace(main, others=tuple(Other(_aligned(main, s), keys) for s, keys in others if s.id_column))


def _with_source_column(main: Plan) -> Plan:
    taken = {c.name for c in main.columns}
    name, n = SOURCE_COLUMN, 2
    while name in taken:
        name, n = f"{SOURCE_COLUMN}~{n}", n + 1
    column = Column(name, Kind.string, _SOURCE_COLUMN_DA, _SOURCE_COLUMN_EN, in_catalogue=False)
    slot = _constant_slot(column, main.scan, main.scan.source.zip_name)
    return replace(main, slots=(*main.slots, slot), columns=(*main.columns, column))


def is_source_column(column: Column) -> bool:
    """Whether ``column`` is the ``SourceFile`` column that ``plan`` adds (not one of the input's)."""
    return column.description_en == _SOURCE_COLUMN_EN


def _constant_slot(column: Column, scan: Scan, value: str) -> Slot:
    """A slot that writes the same text in every row (which file the row came from)."""
    if scan.source.format == "csv":
        return Slot(column, 0, lambda texts: [value] * len(texts))
    return Slot(column, column.name, lambda _raw: value)


def _aligned(main: Plan, other: Scan) -> Plan:
    """``other`` read into ``main``'s columns and kinds: a column it lacks is null, a value that does
    not fit the kind is kept as text (and reported), like any value of the converted source."""
    is_csv = other.source.format == "csv"
    position = {name: index for index, name in enumerate(other.header)}
    slots: list[Slot] = []
    for slot in main.slots:
        column = slot.column
        if slot.base is not None:
            slots.append(Slot(column, slots[slot.base].source, _dates_of if is_csv else _date_of, base=slot.base))
        elif column.name not in position:
            slots.append(_constant_slot(column, other, other.source.zip_name) if is_source_column(column)
                         else _missing_slot(column, is_csv))
        else:
            source = position[column.name] if is_csv else column.name
            read = _csv_reader_of(column.kind, other.style) if is_csv else _xml_value_reader(column.kind, other.style)
            slots.append(Slot(column, source, read))
    return Plan(main.spec, other, tuple(slots), main.columns, ())


def _missing_slot(column: Column, is_csv: bool) -> Slot:
    if is_csv:
        return Slot(column, 0, lambda texts: [None] * len(texts))
    return Slot(column, column.name, lambda _raw: None)


def _csv_reader_of(kind: Kind, style: NumberStyle) -> Callable[[Sequence[str]], list[Any]]:
    """The CSV reader of a column of ``kind``; a list column (which a CSV cannot hold) keeps its text."""
    if kind is Kind.array:
        return lambda texts: [FALLBACK if text else None for text in texts]
    return csv_column_reader(kind, style)


def _plan(spec: TableSpec, scan: Scan) -> Plan:
    slots: list[Slot] = []
    notes: list[Finding] = []
    where = scan.source.zip_name
    taken = set(scan.header)
    is_csv = scan.source.format == "csv"
    for position, name in enumerate(scan.header):
        known = spec.by_name.get(name)
        if known and known.kind is Kind.array and is_csv:
            column = replace(known, kind=Kind.string)
            notes.append(F.LIST_COLUMN_AS_TEXT(where, name=name))
        elif known and known.kind is not Kind.date:
            column = known
        else:
            column = Column(name, _inferred(scan, name), in_catalogue=False)
            if spec.known:
                notes.append(F.COLUMN_INFERRED(where, name=name, type=column.kind.value))
        source = position if is_csv else name
        read = csv_column_reader(column.kind, scan.style) if is_csv else _xml_value_reader(column.kind, scan.style)
        slots.append(Slot(column, source, read))
        if column.kind is Kind.date_days:
            derived = derived_date_name(name)
            if derived in taken:
                notes.append(F.NO_DERIVED_DATE(where, name=name, derived=derived))
                continue
            template = spec.by_name.get(derived) or Column(derived, Kind.date, derived_from=name, in_catalogue=False)
            slots.append(Slot(template, source, _dates_of if is_csv else _date_of, base=len(slots) - 1))
    missing = [c.name for c in spec.columns if c.name not in taken and c.derived_from is None]
    if missing and scan.rows:
        notes.append(F.COLUMNS_ABSENT(where, count=len(missing), columns=missing[:12],
                                      more=" …" if len(missing) > 12 else ""))
    return Plan(spec, scan, tuple(slots), tuple(slot.column for slot in slots), tuple(notes))


def _xml_value_reader(kind: Kind, style: NumberStyle) -> Callable[[Any], Any]:
    """The function that reads one raw XML value of a column, with XML's null rules: unlike CSV
    (``values.csv_column_reader``: empty is null) it tells them apart: an element with
    ``nil="true"`` or no element is null, an empty element is the empty string in a text column.
    """
    convert = converter(kind, style)

    def read_xml(text: Any) -> Any:
        if text is None:
            return None
        if type(text) is list:
            return text if kind is Kind.array else FALLBACK
        if kind is Kind.string:
            return text
        if kind is Kind.array:
            return FALLBACK if text else []
        return convert(text) if text else None

    return read_xml


def _date_of(days: Any) -> str | None:
    """The ISO date derived from a day count (null when the day count is not a valid one)."""
    return days_to_date(days) if type(days) is int else None


def _dates_of(days: Sequence[Any]) -> list[str | None]:
    """``_date_of`` for a batch of CSV rows' day counts."""
    return list(map(_date_of, days))


def _inferred(scan: Scan, name: str) -> Kind:
    if name in scan.arrays:
        return Kind.array
    column = scan.columns.get(name)
    if column is None or not column.non_empty:
        return Kind.string
    for kind in _INFERABLE:
        if kind in column.possible:
            if kind is Kind.decimal and (column.comma_scale if scan.style.decimal_comma else column.point_scale) == 0:
                continue  # integers with a separator in them are not evidence of a decimal column
            return kind
    return Kind.string


@dataclass(slots=True)
class TypedRow:
    """A row ready for the writers, and the values that had to be kept as text."""

    line: int
    values: dict[str, Any]
    kept_as_text: list[str]  # column names


def _reject(record: Record) -> Reject:
    """The reject of a record the reader could not read as a row (it says why)."""
    assert record.reject is not None, "a reader yields a record without values only with its reason"
    return Reject(record.line, record.reject, record.raw or [])


@dataclass(slots=True)
class Reject:
    """A record that could not be read as a row; kept raw in the rejects file."""

    line: int
    reason: Finding
    raw: list[Any]

    def to_json(self) -> str:
        return json.dumps({"line": self.line, "reason": self.reason.phrase, "code": self.reason.code,
                           "fields": self.raw}, ensure_ascii=False)


Keep = Callable[[dict[str, Any]], bool]
"""Which typed rows to yield, by their period and posting date alone (``DATED``): one fiscal year's."""
DATED = (PERIOD_COLUMN, DATE_COLUMN, derived_date_name(DATE_COLUMN))  # all a ``Keep`` may read of a row


def rows(plan: Plan, keep: Keep | None = None) -> Iterator[TypedRow | Reject]:
    """Typed rows and rejects of the plan's source, in input order, one at a time; then the rows
    of its other sources whose keys the converted source lacks (their rejects are not repeated).
    With ``keep``, only the rows it keeps (and every reject)."""
    yield from source_rows(plan, keep=keep)
    key = plan.key
    for other in plan.others:
        keys = other.extra_keys
        if not len(keys):
            continue
        for item in source_rows(other.plan, keep=keep):
            if type(item) is TypedRow and _holds(keys, item.values[key]):  # type: ignore[index]
                yield item


def _holds(keys: array, value: Any) -> bool:
    """Whether the sorted ``keys`` hold ``value`` (an int; anything else is not a key)."""
    if type(value) is not int:
        return False
    index = bisect.bisect_left(keys, value)
    return index < len(keys) and keys[index] == value


def source_rows(plan: Plan, records: Iterable[Record] | None = None, keep: Keep | None = None
                ) -> Iterator[TypedRow | Reject]:
    """Typed rows and rejects of the plan's own source only, in input order; of ``records`` instead
    of the source's when given (records as the source's reader makes them); with ``keep``, only the
    rows it keeps (and every reject)."""
    if records is None:
        records = _records(plan.scan)
    if plan.scan.source.format == "csv":
        yield from _csv_rows(plan, records, keep)
        return
    # an XML record's fields are found by name (a CSV record's by position, in ``_csv_rows``)
    getters = [(slot.column.name, str(slot.source), slot.read,
                None if slot.base is None else plan.slots[slot.base].column.name) for slot in plan.slots]
    try:
        for record in records:
            values = record.values
            if values is None:
                yield _reject(record)
                continue
            get = values.get  # type: ignore[union-attr]
            out: dict[str, Any] = {}
            for name, source, read, base in getters:
                out[name] = read(get(source) if base is None else out[base])
            kept: list[str] = []
            if FALLBACK in out.values():
                for name, source, _read, _base in getters:
                    if out[name] is FALLBACK:
                        text = get(source)
                        out[name] = text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
                        kept.append(name)
            if keep is None or keep(out):
                yield TypedRow(record.line, out, kept)
    except xml_reader.XmlBroken:
        return  # already reported by the scan


def picker(keys: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """The items at ``keys`` of a record or row, as a tuple (looked up in C, not in a Python loop)."""
    if len(keys) == 1:
        return lambda values: (values[keys[0]],)
    return operator.itemgetter(*keys) if keys else lambda values: ()


BATCH_ROWS = 500  # CSV rows typed together, column by column


def _csv_rows(plan: Plan, records: Iterable[Record], keep: Keep | None) -> Iterator[TypedRow | Reject]:
    """The CSV rows, typed a batch at a time: each column of the batch by one call of its reader.
    With ``keep``, the columns it reads are typed first, and only the rows it keeps are typed whole."""
    names = [slot.column.name for slot in plan.slots]
    sources = [slot.source for slot in plan.slots]
    readers = [(slot.read, slot.base) for slot in plan.slots]
    batch: list[Record] = []
    pick = picker(sources)
    dated = [index for index, name in enumerate(names) if name in DATED]  # a derived column after its base

    pick_dated = picker(dated)

    def wanted(keep: Keep, fields: list[tuple[Any, ...]]) -> list[bool]:
        """Whether ``keep`` keeps each row, from its dated columns typed as below (a value kept as
        text too): each distinct set of their texts in the batch (a few days) typed and asked once."""
        texts = list(map(pick_dated, fields))
        distinct = list(dict.fromkeys(texts))
        columns: list[list[Any]] = []
        for at, index in enumerate(dated):
            read, base = readers[index]
            columns.append(read([row[at] for row in distinct] if base is None else columns[dated.index(base)]))
        answer = {raw: keep({names[index]: raw[at] if value is FALLBACK else value
                             for at, (index, value) in enumerate(zip(dated, typed_values))})
                  for raw, typed_values in zip(distinct, zip(*columns))}
        return [answer[raw] for raw in texts]

    def typed() -> Iterator[TypedRow]:
        if not names:
            yield from (TypedRow(record.line, {}, []) for record in batch if keep is None or keep({}))
            return
        fields = [pick(record.values) for record in batch]
        chosen = batch
        if keep is not None:
            wants = wanted(keep, fields)
            chosen = [record for record, want in zip(batch, wants) if want]
            fields = [row for row, want in zip(fields, wants) if want]
        columns: list[list[Any]] = []
        for (read, base), texts in zip(readers, zip(*fields)):
            columns.append(read(texts if base is None else columns[base]))
        if not any(FALLBACK in column for column in columns):  # the usual batch: every value typed
            for record, values in zip(chosen, zip(*columns)):
                yield TypedRow(record.line, dict(zip(names, values)), [])
            return
        for record, raw, values in zip(chosen, fields, zip(*columns)):
            kept: list[str] = []
            out = dict(zip(names, values))
            if FALLBACK in values:
                for index, name in enumerate(names):
                    if values[index] is FALLBACK:
                        out[name] = raw[index]  # the text as it is: kept, and reported
                        kept.append(name)
            yield TypedRow(record.line, out, kept)

    for record in records:
        if record.values is None:
            yield from typed()
            batch.clear()
            yield _reject(record)
            continue
        batch.append(record)
        if len(batch) == BATCH_ROWS:
            yield from typed()
            batch.clear()
    yield from typed()
