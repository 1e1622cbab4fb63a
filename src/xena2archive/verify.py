"""``xena2archive verify out/``: re-check a bag years later, with nothing but this tool.

Four things must hold: the bag is complete and every checksum matches (both algorithms); every
JSONL row validates against its schema; every PDF/A copy still validates; and the report's counts
match the files. The verdict names every file that fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from .bag import check_bag

MAX_ROW_PROBLEMS = 20  # per table; the count is exact, the listing is not


@dataclass
class Verdict:
    """The outcome of a verification: problems (empty = all good) and what was checked."""

    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        counts = ", ".join(f"{n:,} {what}" for what, n in self.checked.items())
        if self.ok:
            return f"OK: the bag is complete and intact ({counts})."
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        return f"FAILED: {len(self.problems)} problem(s) ({counts}):\n{shown}{more}"


def _count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _check_tables(data: Path, report: dict[str, Any], verdict: Verdict) -> None:
    rows = 0
    tables = report.get("tables", [])
    for table in tables:
        name = table["table"]
        jsonl = data / "tables" / table["outputs"]["jsonl"]
        schema_path = data / "tables" / table["outputs"]["schema"]
        if not jsonl.is_file() or not schema_path.is_file():
            verdict.problems.append(f"tables/{name}: JSONL or schema missing")
            continue
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        bad = 0
        count = 0
        with open(jsonl, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                count += 1
                try:
                    error = jsonschema.exceptions.best_match(validator.iter_errors(json.loads(line)))
                except json.JSONDecodeError as exc:
                    error = exc
                if error is not None:
                    bad += 1
                    if bad <= MAX_ROW_PROBLEMS:
                        verdict.problems.append(f"{jsonl.relative_to(data.parent)} line {number}: {_short(error)}")
        if bad > MAX_ROW_PROBLEMS:
            verdict.problems.append(f"{jsonl.relative_to(data.parent)}: {bad} rows fail the schema in all")
        if count != table["rows_written"]:
            verdict.problems.append(f"{jsonl.relative_to(data.parent)}: {count} rows, the report says "
                                    f"{table['rows_written']}")
        rejects = table["outputs"].get("rejects")
        if table["rejects"] and (not rejects or _count_lines(data / "tables" / rejects) != table["rejects"]):
            verdict.problems.append(f"tables/{name}: rejects file does not hold the {table['rejects']} "
                                    "rejected records the report lists")
        rows += count
    verdict.checked["tables"] = len(tables)
    verdict.checked["rows"] = rows


def _short(error: Any) -> str:
    message = getattr(error, "message", str(error))
    return message if len(message) < 200 else message[:200] + "..."


def _check_entries(data: Path, report: dict[str, Any], verdict: Verdict) -> None:
    entries = report.get("entries", [])
    for entry in entries:
        if not (data / entry["original"]).is_file():
            verdict.problems.append(f"data/{entry['original']}: original of {entry['zip_name']} missing")
    verdict.checked["originals"] = len(entries)


def _check_documents(data: Path, report: dict[str, Any], verdict: Verdict,
                     validate_pdfa: Callable[[Path], list[str]] | None) -> None:
    copies = [d for d in report.get("documents", []) if d.get("pdfa")]
    for document in copies:
        path = data / document["pdfa"]
        if not path.is_file():
            verdict.problems.append(f"data/{document['pdfa']}: PDF/A copy missing")
        elif validate_pdfa is not None:
            for problem in validate_pdfa(path):
                verdict.problems.append(f"data/{document['pdfa']}: no longer valid PDF/A: {problem}")
    verdict.checked["PDF/A copies"] = len(copies)


def pdfa_problems(path: Path) -> list[str]:
    """Why a file is not (or no longer) valid PDF/A-2b, by pikepdf's rule-based validator. What
    the libraries say while reading fonts ("too much 'hmtx' table data") is dropped: only the
    verdict counts here."""
    from pikepdf import pdfa

    from .documents.messages import silenced

    try:
        with silenced():
            report = pdfa.validate_written(path, "2b")
    except Exception as exc:  # a damaged file is a finding here, whatever pikepdf raises
        return [f"cannot be read ({type(exc).__name__}: {exc})"]
    return [] if report.passed else [str(v) for v in report.violations[:5]] or [str(report.verdict)]


def verify(bag: Path, *, validate_pdfa: Callable[[Path], list[str]] | None = pdfa_problems) -> Verdict:
    """Check everything in a bag written by xena2archive; never raises for a damaged bag."""
    bag = Path(bag)
    verdict = Verdict()
    if not (bag / "bagit.txt").is_file():
        verdict.problems.append(f"{bag}: not a BagIt bag (no bagit.txt)")
        return verdict
    verdict.problems.extend(str(p) for p in check_bag(bag))
    data = bag / "data"
    try:
        report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        verdict.problems.append(f"data/report.json: unreadable ({exc})")
        return verdict
    _check_entries(data, report, verdict)
    _check_tables(data, report, verdict)
    _check_documents(data, report, verdict, validate_pdfa)
    return verdict
