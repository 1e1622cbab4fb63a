"""The report: every input entry accounted for, every choice made, every finding, as data.

It is built from what the stages return (never from global state) and written as
``data/report.json``; the CLI prints its short summary, and the index renders it for people.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .findings import WARNING, Finding


@dataclass
class EntryRecord:
    """What happened to one file of the zip."""

    zip_name: str
    original: str  # path of the kept original inside the bag's data/
    size: int
    sha256: str
    role: str  # table | document | other
    outcome: str  # what was made of it
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The whole report of one conversion."""

    tool: dict[str, str]
    input: dict[str, Any]
    entries: list[EntryRecord] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    company: dict[str, Any] = field(default_factory=dict)
    saft: dict[str, Any] = field(default_factory=dict)  # the SAF-T files and their gaps (saft/)

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
            "rows_written": sum(t["rows_written"] for t in self.tables),
            "rows_rejected": sum(t["rejects"] for t in self.tables),
            "values_kept_as_text": sum(t["kept_as_text"] for t in self.tables),
            "documents": len(self.documents),
            "documents_as_pdfa": sum(1 for d in self.documents if d.get("pdfa")),
            "warnings": len(self.warnings),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "input": self.input,
            "company": self.company,
            "summary": self.summary(),
            "findings": [asdict(f) for f in self.findings],
            "tables": self.tables,
            "documents": self.documents,
            "saft": self.saft,
            "entries": [asdict(e) for e in self.entries],
        }

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
