"""The checks of what xena2archive itself wrote into ``data/``, each ``check(data) -> problems``.

``verify`` runs them (see ``verify.ARCHIVE_CHECKS``) after the bag has been judged by BagIt's rules,
and only when ``data/`` is ours (``is_archive``). Each reads ``data/report.json`` itself, so each
can be run and tested alone; a problem names the file and, where it can, the line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from .layout import FRONT_PAGE, REPORT, TABLES

__all__ = [
    "Checked",
    "check_documents",
    "check_originals",
    "check_tables",
    "is_archive",
    "pdfa_problems",
]

MAX_ROW_PROBLEMS = 20  # per table; the count is exact, the listing is not


class Checked(list[str]):
    """A check's problems, and how many things it checked ({what: count}) for the verdict to say.

    A plain ``list[str]`` is a fine result too; this only adds the counts."""

    def __init__(self, problems: list[str], counted: dict[str, int]) -> None:
        super().__init__(problems)
        self.counted = counted


class ReportUnreadable(Exception):
    """``data/report.json`` is missing or not JSON: every check that needs it says so."""


def is_archive(data: Path) -> bool:
    """``data/`` looks like an xena2archive archive: its report and its index are there."""
    return (data / REPORT).is_file() and (data / FRONT_PAGE).is_file()


def _report(data: Path) -> dict[str, Any]:
    try:
        report = json.loads((data / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportUnreadable(f"data/report.json: unreadable ({exc})") from exc
    if not isinstance(report, dict):
        raise ReportUnreadable("data/report.json: not a JSON object")
    return report


def check_originals(data: Path) -> Checked:
    """Every file of the zip is kept under ``data/original/``, as the report lists it."""
    problems = []
    entries = _report(data).get("entries", [])
    for entry in entries:
        if not (data / entry["original"]).is_file():
            problems.append(f"data/{entry['original']}: original of {entry['zip_name']} missing")
    return Checked(problems, {"originals": len(entries)})


def check_tables(data: Path) -> Checked:
    """Every JSONL row validates against its schema; row and reject counts match the report."""
    problems: list[str] = []
    tables = _report(data).get("tables", [])
    rows = 0
    for table in tables:
        name = table["table"]
        jsonl = data / TABLES / table["outputs"]["jsonl"]
        schema_path = data / TABLES / table["outputs"]["schema"]
        shown = f"data/tables/{table['outputs']['jsonl']}"
        if not jsonl.is_file() or not schema_path.is_file():
            problems.append(f"data/tables/{name}: JSONL or schema missing")
            continue
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        bad = count = 0
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
                        problems.append(f"{shown} line {number}: {_short(error)}")
        if bad > MAX_ROW_PROBLEMS:
            problems.append(f"{shown}: {bad} rows fail the schema in all")
        rows += count
        if count != table["rows_written"]:
            problems.append(f"{shown}: {count} rows, the report says {table['rows_written']}")
        rejects = table["outputs"].get("rejects")
        if table["rejects"] and (
            not rejects or _count_lines(data / TABLES / rejects) != table["rejects"]
        ):
            problems.append(f"data/tables/{name}: rejects file does not hold the "
                            f"{table['rejects']} rejected records the report lists")
    return Checked(problems, {"tables": len(tables), "rows": rows})


def check_documents(data: Path) -> Checked:
    """Every PDF/A copy the report lists is there and still valid PDF/A-2b, and every text file
    it lists is there (their bytes are the manifests' to check)."""
    problems = []
    documents = _report(data).get("documents", [])
    copies = [d for d in documents if d.get("pdfa")]
    for document in copies:
        path = data / document["pdfa"]
        if not path.is_file():
            problems.append(f"data/{document['pdfa']}: PDF/A copy missing")
            continue
        for problem in pdfa_problems(path):
            problems.append(f"data/{document['pdfa']}: no longer valid PDF/A: {problem}")
    texts = [d["text"] for d in documents if d.get("text")]
    problems.extend(f"data/{text}: text of a document missing" for text in texts if not (data / text).is_file())
    return Checked(problems, {"PDF/A copies": len(copies), "texts": len(texts)})


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


def _count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _short(error: Any) -> str:
    message = getattr(error, "message", str(error))
    return message if len(message) < 200 else message[:200] + "..."
