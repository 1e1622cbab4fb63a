"""One table, all its outputs: choose the source, compare the other, write JSONL, schema and workbook.

When a table comes as CSV and as XML, both are scanned. The richer one is converted: readable
beats damaged, more columns beat fewer, fewer rejects beat more, and on a tie XML wins (it tells
null from empty, nests objects explicitly, and has no delimiter or decimal-separator guesswork).
The other is compared with it by key, and its rows whose key the converted one lacks are written
too (typed by the same columns, with a ``SourceFile`` column naming the file), so the table holds
the union of its sources. Rows both hold are compared value by value (``compare.py``); where they
differ the converted source's values are kept, and every difference is reported.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import catalogue
from .. import findings as F
from ..findings import Finding
from ..model import TableSpec
from ..progress import Advance
from .compare import FieldDifference, ValueDifferences, compare_values
from .jsonl import JsonlResult, KeptAsText, write_jsonl
from .schema import output_schema, write_schema
from .table import Plan, Reject, Scan, TableSource, plan, scan
from .split import Split, YearOfRow, is_dated, split
from .xlsx import XlsxResult, merged, write_xlsx

MAX_ID_EXAMPLES = 20


@dataclass
class Agreement:
    """How a second source of the same table compares with the one converted."""

    other: str  # zip name of the other source
    other_entry: str  # its unique path in the archive
    rows: tuple[int, int]  # (converted, other)
    only_in_converted: list[int]  # first keys of each kind; the counts below are exact
    only_in_other: list[int]
    missing_columns: list[str]  # columns the other source has and the converted one lacks
    only_in_converted_count: int = 0
    only_in_other_count: int = 0
    added_rows: int = 0  # rows only the other source holds, written to the table from it
    unmatched: Finding | None = None  # why the rows could not be matched by key, if they could not
    differing_rows: int = 0  # keys both hold whose values differ (the converted values are kept)
    differing_columns: dict[str, int] = field(default_factory=dict)
    differences: list[FieldDifference] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return (self.rows[0] == self.rows[1] and not self.only_in_converted_count and not self.only_in_other_count
                and not self.differing_rows)

    def with_values(self, found: ValueDifferences) -> Agreement:
        return replace(self, differing_rows=found.rows, differing_columns=found.columns,
                       differences=found.examples)


@dataclass
class TableResult:
    """Everything the report says about one table."""

    table: str
    description: str
    known: bool
    source: str
    entry: str
    format: str
    encoding: str
    delimiter: str | None
    decimal: str | None
    key: str | None
    columns: list[tuple[str, str]]
    rows_read: int
    rows_written: int
    rejects: int
    first_reject: Reject | None
    kept_as_text: int
    examples: list[KeptAsText]
    outputs: dict[str, str]
    duplicate_keys: list[int]
    duplicate_key_count: int
    broken: Finding | None
    header_problem: Finding | None
    notes: list[Finding] = field(default_factory=list)
    agreement: list[Agreement] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report's entry of the table (what the findings say, in English)."""
        first = self.first_reject
        return {**asdict(self), "first_reject": f"line {first.line}: {first.reason.phrase}" if first else None,
                "broken": self.broken.phrase if self.broken else None,
                "header_problem": self.header_problem.phrase if self.header_problem else None,
                "notes": [note.phrase for note in self.notes],
                "agreement": [{**asdict(a), "unmatched": a.unmatched.phrase if a.unmatched else None,
                               "agrees": a.agrees} for a in self.agreement]}


def _choose(scans: list[Scan]) -> Scan:
    return max(scans, key=lambda s: (s.broken is None, len(s.header), -s.rejects, s.source.format == "xml"))


def _sorted_ids(scan_: Scan) -> array:
    return array("q", sorted(scan_.ids))


def _difference(a: array, b: array) -> tuple[array, array]:
    """The values of sorted ``a`` not in sorted ``b``, and of ``b`` not in ``a``, by one merge walk."""
    only_a, only_b = array("q"), array("q")
    i = j = 0
    while i < len(a) or j < len(b):
        if j == len(b) or (i < len(a) and a[i] < b[j]):
            only_a.append(a[i])
            i += 1
        elif i == len(a) or b[j] < a[i]:
            only_b.append(b[j])
            j += 1
        else:
            i += 1
            j += 1
    return only_a, only_b


def _duplicates(ids: array) -> tuple[list[int], int]:
    examples: list[int] = []
    count = 0
    for index in range(1, len(ids)):
        if ids[index] == ids[index - 1]:
            count += 1
            if len(examples) < MAX_ID_EXAMPLES and (not examples or examples[-1] != ids[index]):
                examples.append(ids[index])
    return examples, count


def _agreement(chosen: Scan, chosen_ids: array, other: Scan) -> tuple[Agreement, array]:
    """How ``other`` compares with ``chosen`` by key, and the keys only ``other`` holds (its rows
    with those keys are written to the table too)."""
    missing = [name for name in other.header if name not in set(chosen.header)]
    agreement = Agreement(other.source.zip_name, other.source.entry, (chosen.rows, other.rows), [], [], missing)
    if chosen.id_column is None or other.id_column is None:
        no_key = F.NO_KEY_CONVERTED if chosen.id_column is None else F.NO_KEY_OTHER
        agreement.unmatched = no_key(other.source.zip_name)
        return agreement, array("q")
    other_ids = _sorted_ids(other)
    only_c, only_o = (array("q"), array("q")) if chosen_ids == other_ids else _difference(chosen_ids, other_ids)
    agreement.only_in_converted, agreement.only_in_converted_count = only_c[:MAX_ID_EXAMPLES].tolist(), len(only_c)
    agreement.only_in_other, agreement.only_in_other_count = only_o[:MAX_ID_EXAMPLES].tolist(), len(only_o)
    return agreement, only_o


def table_spec(name: str) -> TableSpec:
    """The catalogue's spec of a table, or an empty one to infer from data."""
    return catalogue.load().get(name) or catalogue.unknown_spec(name)


@dataclass
class Prepared:
    """A table after its scans: what to convert and how it compares. Small and picklable, so the
    JSONL and the workbook can be written by two processes at once."""

    table: str
    spec_name: str
    chosen: Scan  # without its key values, which stay in the process that compared them
    notes: list[Finding]
    agreements: list[Agreement]
    duplicate_keys: list[int]
    duplicate_key_count: int
    others: list[tuple[Scan, array]] = field(default_factory=list)  # other sources, keys only they hold
    split: Split | None = None  # a posting table's workbooks, one per fiscal year (``split``)

    def plan(self) -> Plan:
        return plan(table_spec(self.spec_name), self.chosen, self.others)

    @property
    def rows(self) -> int:
        """The rows and rejects the writers will pass: the converted source's, then the other
        sources' rows whose keys it lacks."""
        return self.chosen.rows + self.chosen.rejects + sum(len(keys) for _scan, keys in self.others)

    @property
    def workbooks(self) -> list[str | None]:
        """The table's workbooks: each fiscal year's of a posting table, else the one (None)."""
        return list(self.split.years) if self.split else [None]

    def workbook(self, year: str | None) -> str:
        """The file name of the workbook of ``year`` (None: the table's one workbook)."""
        return f"{self.table}.xlsx" if year is None else f"{self.table}.{year}.xlsx"

    @property
    def outputs(self) -> dict[str, str]:
        """The table's files by kind; a year's workbook is ``xlsx/<year>``, the one workbook ``xlsx``."""
        return {"jsonl": f"{self.table}.jsonl", "schema": f"{self.table}.schema.json",
                **{"xlsx" if year is None else f"xlsx/{year}": self.workbook(year) for year in self.workbooks}}

    def by_year(self, year_of: YearOfRow) -> Prepared:
        """The table with a workbook per fiscal year by ``year_of``, when its rows carry a posting date."""
        table_plan = self.plan()
        found = split(table_plan, year_of) if is_dated(table_plan) else None
        return replace(self, split=found) if found else self  # no rows: the one workbook, of the header


def prepare_table(sources: list[TableSource]) -> Prepared:
    """Scan every source of one table, choose the one to convert, compare the others with it."""
    name, spec_name = sources[0].table, sources[0].catalogue_name
    spec = table_spec(spec_name)
    scans: list[Scan] = []
    header_notes: dict[str, list[Finding]] = {}
    for source in sources:
        found, found_notes = scan(source, spec)
        scans.append(found)
        header_notes[source.entry] = found_notes
    chosen = _choose(scans)
    notes = list(header_notes[chosen.source.entry])
    chosen_ids = _sorted_ids(chosen)
    agreements, others = [], []
    for other in scans:
        if other is not chosen:
            agreement, extra = _agreement(chosen, chosen_ids, other)
            agreements.append(agreement)
            if agreement.unmatched is None:
                others.append((replace(other, ids=array("q")), extra))
    duplicate_examples, duplicate_count = _duplicates(chosen_ids)
    if len(scans) > 1:
        notes.append(F.CONVERTED_FROM(chosen.source.zip_name, format=chosen.source.format.upper()))
    chosen = replace(chosen, ids=array("q"))
    notes.extend(plan(spec, chosen).notes)
    return Prepared(name, spec_name, chosen, notes, agreements, duplicate_examples, duplicate_count, others)


def write_table_jsonl(prepared: Prepared, out_dir: Path, advance: Advance | None = None) -> JsonlResult:
    """The JSONL, its rejects, and the schema written from what the JSONL turned out to hold;
    ``advance`` is told of the rows as they are written."""
    table_plan = prepared.plan()
    outputs = prepared.outputs
    written = write_jsonl(table_plan, out_dir / outputs["jsonl"], out_dir / f"{prepared.table}.rejects.jsonl",
                          advance)
    schema = output_schema(table_plan.spec, list(table_plan.columns), written.stats, key=table_plan.key)
    write_schema(out_dir / outputs["schema"], schema)
    return written


def write_table_xlsx(prepared: Prepared, out_dir: Path, when: dt.datetime, advance: Advance | None = None,
                     year: str | None = None) -> XlsxResult:
    """The workbook of the table, or of one ``year`` of a table split by year (every year's when
    None); ``advance`` is told of the rows as they are written (a year's rejects by the first year)."""
    if prepared.split is None:
        return write_xlsx(prepared.plan(), out_dir / prepared.workbook(None), when, advance)
    every = prepared.split.years
    return merged([write_xlsx(prepared.plan(), out_dir / prepared.workbook(each), when, advance,
                              keep=prepared.split.keeps(each), rejects=each == every[0],
                              about=prepared.split.year_of.about(each))
                   for each in (every if year is None else (year,))])


def compare_table(prepared: Prepared, scratch: Path) -> list[ValueDifferences]:
    """The rows both sources hold, compared value by value (one entry per other source)."""
    return compare_values(prepared.plan(), scratch)


def table_result(prepared: Prepared, written: JsonlResult, workbook: XlsxResult,
                 differences: list[ValueDifferences] | None = None) -> TableResult:
    """Everything the report says about one converted table."""
    table_plan = prepared.plan()
    chosen = prepared.chosen
    outputs = prepared.outputs
    if written.rejects:
        outputs["rejects"] = f"{prepared.table}.rejects.jsonl"
    fmt = chosen.csv_format
    return TableResult(
        table=prepared.table,
        description=table_plan.spec.description_da,
        known=table_plan.spec.known,
        source=chosen.source.zip_name,
        entry=chosen.source.entry,
        format=chosen.source.format,
        encoding=chosen.encoding,
        delimiter=fmt.delimiter_label if fmt else None,
        decimal=chosen.style.label if fmt else None,
        key=table_plan.key,
        columns=[(c.name, c.kind.value) for c in table_plan.columns],
        rows_read=chosen.rows + chosen.rejects,
        rows_written=written.rows,
        rejects=written.rejects,
        first_reject=written.first_reject,
        kept_as_text=written.kept_as_text,
        examples=written.examples,
        outputs=outputs,
        duplicate_keys=prepared.duplicate_keys,
        duplicate_key_count=prepared.duplicate_key_count,
        broken=chosen.broken,
        header_problem=chosen.header_problem,
        notes=prepared.notes + workbook.notes,
        agreement=_agreements(prepared, written, differences or []),
    )


def _agreements(prepared: Prepared, written: JsonlResult, differences: list[ValueDifferences]) -> list[Agreement]:
    """The agreements with what writing and comparing found: rows added from each other source,
    and the values that differ (in ``prepared.others``' order, which ``differences`` follows)."""
    found = dict(zip((scan.source.entry for scan, _keys in prepared.others), differences))
    agreements = []
    for agreement in prepared.agreements:
        if agreement.other_entry in found:
            agreement = agreement.with_values(found[agreement.other_entry])
        agreements.append(replace(agreement, added_rows=written.added.get(agreement.other, 0)))
    return agreements


def convert_table(sources: list[TableSource], out_dir: Path, when: dt.datetime, scratch: Path) -> TableResult:
    """Convert one table in this process (the pipeline runs the same steps in parallel); ``scratch``
    is a folder outside the archive for the comparison of its sources."""
    prepared = prepare_table(sources)
    return table_result(prepared, write_table_jsonl(prepared, out_dir), write_table_xlsx(prepared, out_dir, when),
                        compare_table(prepared, scratch))
