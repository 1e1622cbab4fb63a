"""The report: every input entry accounted for, every choice made, every finding, as data.

It is built from what the stages return (never from global state) and written as
``data/report.json``; the CLI prints its short summary, and the index renders it for people.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .books.model import Company
from .findings import WARNING, Finding
from .records import DocumentEntry, EntryRecord
from .exports.relations import Relation
from .exports.saft import SaftResult
from .tables.convert import TableResult


@dataclass
class BackupInput:
    """The backup that was converted: a zip, or the folder it was unpacked to."""

    file: str  # its name
    kind: str  # zip | folder
    identifier: str  # sha256:<the zip's>, or manifest-sha256:<the folder's> (source.identifier)
    sha256: str  # the hex digest of the identifier
    size: int  # bytes: of the zip, or of the folder's files
    entries: int  # files in it
    folders: int
    backup_time: str  # ISO date-time of its newest entry: the archive's time, never the clock's
    layout: dict[str, Any] = field(default_factory=dict)  # how its tables were laid out (discover.layout)
    skipped: list[dict[str, str]] = field(default_factory=list)  # a folder's links, devices, system files


@dataclass
class Report:
    """The whole report of one conversion: the typed records each stage returned.

    ``relations`` are what ``datapackage`` found between the tables; ``report.json`` lists a
    table's relations under its entry (``foreign_keys``)."""

    tool: dict[str, str]
    input: BackupInput
    entries: list[EntryRecord] = field(default_factory=list)
    tables: list[TableResult] = field(default_factory=list)
    documents: list[DocumentEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    company: Company = field(default_factory=Company)
    saft: SaftResult | None = None  # the SAF-T files and their gaps
    relations: list[Relation] = field(default_factory=list)
    software: dict[str, str] = field(default_factory=dict)  # what made the archive, with versions (software.py)
    made: str = ""  # when the archive was made, ISO 8601 UTC (clock.archive_time: SOURCE_DATE_EPOCH or the clock)

    def add(self, *found: Finding) -> None:
        """Add findings, each made by its kind (``findings.ROWS_REJECTED(where, message)``)."""
        self.findings.extend(found)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def summary(self) -> dict[str, Any]:
        return {
            "entries": len(self.entries),
            "tables": len(self.tables),
            "rows_written": sum(t.rows_written for t in self.tables),
            "rows_rejected": sum(t.rejects for t in self.tables),
            "values_kept_as_text": sum(t.kept_as_text for t in self.tables),
            "documents": len(self.documents),
            "documents_as_pdfa": sum(1 for d in self.documents if d.pdfa),
            "warnings": len(self.warnings),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "made": self.made,
            "software": self.software,
            "input": asdict(self.input),
            "company": self.company.to_json(),
            "summary": self.summary(),
            "findings": [f.to_json() for f in self.findings],
            "tables": [self._table_json(t) for t in self.tables],
            "documents": [d.to_json() for d in self.documents],
            "saft": self.saft.to_json() if self.saft else {},
            "entries": [e.to_json() for e in self.entries],
        }

    def _table_json(self, table: TableResult) -> dict[str, Any]:
        """A table's entry, with its relations to other tables where it has any."""
        own = [r.to_json() for r in self.relations if r.table == table.table]
        return {**table.to_json(), "foreign_keys": own} if own else table.to_json()

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def text_summary(self) -> str:
        """A few lines for the terminal."""
        s = self.summary()
        lines = [
            f"{s['entries']} files in the backup; {s['tables']} tables, {s['rows_written']:,} rows written"
            f" ({s['rows_rejected']:,} rejected, {s['values_kept_as_text']:,} values kept as text);"
            f" {s['documents']} documents, {s['documents_as_pdfa']} as PDF/A.",
        ]
        if self.warnings:
            lines.append(f"{len(self.warnings)} finding(s) to read in report.json, e.g.:")
            lines.extend(f"  - {f.where}: {f.message}" for f in self.warnings[:8])
        return "\n".join(lines)
