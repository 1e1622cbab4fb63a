"""The stages of a conversion, in the order they run.

    list and check the zip -> extract originals -> sort entries (tables | documents | other)
    -> tables -> documents -> report -> index -> bag -> one rename into out/

Everything is written into a temporary sibling of ``out/``; only a complete bag is renamed into
place, so an interrupted or failed run never leaves an ``out/`` that looks whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import __version__, catalogue
from .errors import OutputProblem, UsageError
from .report import EntryRecord, Report
from .source import Extracted, Limits, Listing, extract, list_backup, sha256_file
from .tables.convert import (
    TableResult, convert_table, prepare_table, summary, table_result, write_table_jsonl, write_table_xlsx,
)
from .tables.table import TableSource
from .tables.xml_reader import root_name

UBL_NAMESPACES = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
)
TABLE_SUFFIXES = (".csv", ".xml")


@dataclass(frozen=True)
class Options:
    """How a conversion runs; every field has a command-line flag."""

    force: bool = False
    jobs: int = max(os.cpu_count() or 1, 1)
    limits: Limits = field(default_factory=Limits)
    progress: Callable[[str], None] = lambda message: None


@dataclass
class Sorted:
    """The extracted entries, by what will be done with them."""

    tables: dict[str, list[TableSource]]
    documents: list[Extracted]
    other: list[Extracted]
    notes: dict[str, list[str]]  # per zip name


def check_output(out: Path, force: bool) -> None:
    """Refuse to write over anything unless asked to."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(f"{out} is not empty; choose an empty folder or add --force to replace it")


def staging_dir(out: Path) -> Path:
    """A fresh temporary folder beside ``out`` (same file system, so the final rename is atomic)."""
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{out.name}.xena2archive-{os.getpid()}.tmp"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


def check_space(listing: Listing, where: Path) -> None:
    """Fail early when the disk cannot hold originals, tables and documents (about 3x the input)."""
    needed = listing.total_bytes * 3 + 64 * 1024**2
    free = shutil.disk_usage(where).free
    if free < needed:
        raise OutputProblem(
            f"not enough free disk space in {where}: about {needed // 1024**2:,} MB needed, "
            f"{free // 1024**2:,} MB free"
        )


def table_name(stem: str) -> str:
    """The catalogue's spelling of a table name if it knows the name in any case."""
    known = {name.casefold(): name for name in catalogue.load()}
    return known.get(stem.casefold(), stem)


def sort_entries(extracted: list[Extracted]) -> Sorted:
    """Tables by name (a CSV and an XML of one name are one table), documents, and the rest.

    An XML file is a table unless its root is an OIOUBL invoice or credit note (then a document).
    A second file of the same table in the same format is converted as a table of its own.
    """
    tables: dict[str, list[TableSource]] = defaultdict(list)
    documents: list[Extracted] = []
    notes: dict[str, list[str]] = defaultdict(list)
    for item in extracted:
        path = PurePosixPath(item.entry.path)
        suffix = path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            documents.append(item)
            continue
        if suffix == ".xml" and root_name(item.file)[1] in UBL_NAMESPACES:
            documents.append(item)
            continue
        name = table_name(unicodedata.normalize("NFC", path.stem))
        fmt = suffix[1:]
        while any(s.format == fmt for s in tables[name]):
            notes[item.entry.zip_name].append(f"a second {fmt.upper()} file of table {name}; converted apart")
            name = f"{name}~{len(tables)}"
        tables[name].append(TableSource(name, item.file, item.entry.zip_name, fmt))
    return Sorted(dict(sorted(tables.items())), documents, [], notes)


def layout(sorted_entries: Sorted) -> dict[str, object]:
    """What the zip's layout turned out to be (it is not published), for the report."""
    def folder(path: str) -> str:
        return str(PurePosixPath(path).parent).replace(".", "(root)", 1) if "/" in path else "(root)"

    sources = [s for group in sorted_entries.tables.values() for s in group]
    return {
        "table_folders": sorted({folder(s.zip_name) for s in sources}),
        "table_formats": {fmt: sum(1 for s in sources if s.format == fmt) for fmt in ("csv", "xml")},
        "tables_in_both_formats": sum(1 for g in sorted_entries.tables.values() if len(g) > 1),
        "document_top_folders": dict(sorted(Counter(
            d.entry.zip_name.split("/", 1)[0] if "/" in d.entry.zip_name else "(root)"
            for d in sorted_entries.documents).items())),
    }


def backup_time(listing: Listing) -> dt.datetime:
    """When the backup was made, as far as the zip tells: its newest entry's time."""
    return dt.datetime(*listing.latest_modified)


def run_tables(groups: dict[str, list[TableSource]], out: Path, when: dt.datetime, jobs: int,
               progress: Callable[[str], None]) -> list[TableResult]:
    """Convert every table; results in table-name order whatever order the work finished in.

    With more than one worker, a table's JSONL and its workbook are written by two processes at
    once (each reads the source itself), so the slowest part, the workbook, sets the pace.
    """
    out.mkdir(parents=True, exist_ok=True)
    names = list(groups)
    if jobs <= 1:
        results = []
        for number, name in enumerate(names, start=1):
            progress(f"table {number}/{len(names)}: {name}")
            results.append(convert_table(groups[name], out, when))
        return results
    # biggest first, so the long tables start early and the small ones fill the gaps
    order = sorted(names, key=lambda n: (-sum(s.path.stat().st_size for s in groups[n]), n))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        prepared = {name: pool.submit(prepare_table, groups[name]) for name in order}
        writers = {}
        for name in order:
            ready = prepared[name].result()
            writers[name] = (pool.submit(write_table_jsonl, ready, out),
                             pool.submit(write_table_xlsx, ready, out, when))
        results = {}
        for number, name in enumerate(order, start=1):
            progress(f"table {number}/{len(order)}: {name}")
            jsonl_future, xlsx_future = writers[name]
            results[name] = table_result(prepared[name].result(), jsonl_future.result(), xlsx_future.result())
    return [results[name] for name in names]


def account_tables(report: Report, results: list[TableResult], by_zip: dict[str, EntryRecord]) -> None:
    """Put the tables into the report, with a finding for everything that needs a reader's eye."""
    for result in results:
        report.tables.append(summary(result))
        where = result.source
        by_zip[where].outcome = f"table {result.table}: {result.rows_written:,} rows as JSONL, schema and xlsx"
        if not result.known:
            report.inform(where, f"table {result.table} is not in Xena's catalogue; column types inferred")
        if result.broken:
            report.warn(where, result.broken + "; the rows before it are converted, the original is kept")
        if result.rejects:
            report.warn(where, f"{result.rejects} row(s) could not be read; kept raw in "
                               f"tables/{result.outputs['rejects']} with their line numbers")
        if result.kept_as_text:
            first = result.examples[0]
            report.warn(where, f"{result.kept_as_text} value(s) did not match their column's type and are kept "
                               f"as text, first at line {first.line}, column {first.column}: {first.text!r}")
        if result.duplicate_key_count:
            report.warn(where, f"{result.duplicate_key_count} repeated value(s) of key {result.key}, "
                               f"e.g. {result.duplicate_keys[:5]}")
        for agreement in result.agreement:
            record = by_zip[agreement.other]
            record.outcome = f"table {result.table}: compared with {where}"
            if agreement.agrees:
                report.inform(agreement.other, f"agrees with {where}: {agreement.rows[1]:,} rows, same keys")
            else:
                report.warn(agreement.other, f"differs from {where} (converted): rows {agreement.rows[0]:,} vs "
                                             f"{agreement.rows[1]:,}; keys only in the converted file "
                                             f"{agreement.only_in_converted[:5]}, only here {agreement.only_in_other[:5]}")
            if agreement.missing_columns:
                report.warn(agreement.other, "columns not in the converted file (kept in the original): "
                                             + ", ".join(agreement.missing_columns[:12]))
        for note in result.notes:
            report.inform(where, note)


def new_report(zip_path: Path, listing: Listing, when: dt.datetime) -> Report:
    return Report(
        tool={"name": "xena2archive", "version": __version__},
        input={
            "file": zip_path.name,
            "sha256": sha256_file(zip_path),
            "size": zip_path.stat().st_size,
            "entries": len(listing.entries),
            "folders": len(listing.folders),
            "backup_time": when.isoformat(),
        },
    )


def publish(staging: Path, out: Path) -> None:
    """Move the finished bag into place: the one step that makes ``out/`` appear."""
    if out.exists():
        trash = staging.with_name(staging.name + ".old")
        os.replace(out, trash)
        os.replace(staging, out)
        shutil.rmtree(trash)
    else:
        os.replace(staging, out)
