"""The checks of what xena2archive itself wrote into ``data/``, each ``check(data) -> problems``.

``verify`` runs them (see ``verify.ARCHIVE_CHECKS``) after the bag has been judged by BagIt's rules,
and only when ``data/`` is ours (``is_archive``). Each reads ``data/report.json`` itself, so each
can be run and tested alone; a problem names the file and, where it can, the line.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
from lxml import etree

from . import findings as F
from .findings import Finding
from .layout import FRONT_PAGE, REPORT, TABLES

__all__ = [
    "Checked",
    "check_documents",
    "check_mets",
    "check_originals",
    "check_tables",
    "is_archive",
    "pdfa_problems",
]

MAX_ROW_PROBLEMS = 20  # per table; the count is exact, the listing is not


class Checked(list[Finding]):
    """A check's problems (findings, each naming its file), and how many things it checked
    ({what: count}) for the verdict to say.

    A plain ``list[Finding]`` is a fine result too; this only adds the counts."""

    def __init__(self, problems: list[Finding], counted: dict[str, int]) -> None:
        super().__init__(problems)
        self.counted = counted


class ReportUnreadable(Exception):
    """``data/report.json`` is missing or not JSON: every check that needs it says so (``finding``)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def is_archive(data: Path) -> bool:
    """``data/`` looks like an xena2archive archive: its report and its index are there."""
    return (data / REPORT).is_file() and (data / FRONT_PAGE).is_file()


def _report(data: Path) -> dict[str, Any]:
    try:
        report = json.loads((data / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportUnreadable(F.ARCHIVE_REPORT_UNREADABLE("data/report.json", error=str(exc))) from exc
    if not isinstance(report, dict):
        raise ReportUnreadable(F.ARCHIVE_REPORT_NOT_OBJECT("data/report.json"))
    return report


def check_originals(data: Path) -> Checked:
    """Every file of the zip is kept under ``data/original/``, as the report lists it: there, and
    with the size and sha256 the report records (a bag re-hashed after an original was changed
    is a valid bag, so only this can tell)."""
    problems: list[Finding] = []
    entries = _report(data).get("entries", [])
    for entry in entries:
        path = data / entry["original"]
        shown = f"data/{entry['original']}"
        if not path.is_file():
            problems.append(F.ARCHIVE_ORIGINAL_MISSING(shown, name=entry["zip_name"]))
        elif "size" in entry and path.stat().st_size != entry["size"]:
            problems.append(F.ARCHIVE_ORIGINAL_SIZE(shown, size=path.stat().st_size, recorded=entry["size"],
                                                    name=entry["zip_name"]))
        elif "sha256" in entry and _sha256(path) != entry["sha256"]:
            problems.append(F.ARCHIVE_ORIGINAL_CHANGED(shown, name=entry["zip_name"]))
    return Checked(problems, {"originals": len(entries)})


METS = "METS.xml"
_METS_NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}


def check_mets(data: Path) -> Checked:
    """Every file ``data/METS.xml`` lists (and the PREMIS file it refers to) is there, with the size
    and SHA-256 the METS records, and every file of ``data/`` but the METS itself is listed. An
    archive made before the METS existed has none: nothing to check then."""
    path = data / METS
    if not path.is_file():
        return Checked([], {})
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return Checked([F.METS_NOT_XML(f"data/{METS}", error=str(error))], {})
    problems: list[Finding] = []
    listed = set()
    references = [(ref, ref.get(f"{{{_METS_NS['xlink']}}}href")) for ref in tree.iterfind(".//mets:mdRef", _METS_NS)]
    references += [(file, location.get(f"{{{_METS_NS['xlink']}}}href"))
                   for file in tree.iterfind(".//mets:file", _METS_NS)
                   for location in file.iterfind("mets:FLocat", _METS_NS)]
    for element, href in references:
        listed.add(href)
        shown = f"data/{href}"
        target = data / str(href)
        if not href or not target.is_file():
            problems.append(F.METS_FILE_MISSING(shown, line=element.sourceline))
        elif element.get("CHECKSUMTYPE") != "SHA-256":
            problems.append(F.METS_CHECKSUM_TYPE(f"data/{METS}", line=element.sourceline,
                                                 type=element.get("CHECKSUMTYPE")))
        elif str(target.stat().st_size) != element.get("SIZE"):
            problems.append(F.METS_SIZE(shown, size=target.stat().st_size, line=element.sourceline,
                                        recorded=element.get("SIZE")))
        elif _sha256(target) != element.get("CHECKSUM"):
            problems.append(F.METS_CHANGED(shown, line=element.sourceline))
    unlisted = sorted(p.relative_to(data).as_posix() for p in data.rglob("*")
                      if p.is_file() and p.relative_to(data).as_posix() not in listed | {METS})
    problems += [F.METS_UNLISTED(f"data/{p}") for p in unlisted]
    return Checked(problems, {"files in METS.xml": len(references)})


def check_tables(data: Path) -> Checked:
    """Every JSONL row validates against its schema; row and reject counts match the report."""
    problems: list[Finding] = []
    tables = _report(data).get("tables", [])
    rows = 0
    for table in tables:
        name = table["table"]
        jsonl = data / TABLES / table["outputs"]["jsonl"]
        schema_path = data / TABLES / table["outputs"]["schema"]
        shown = f"data/tables/{table['outputs']['jsonl']}"
        missing = [f"data/tables/{table['outputs'][kind]}" for kind, path in (("jsonl", jsonl), ("schema", schema_path))
                   if not path.is_file()]
        if missing:
            problems.extend(F.ARCHIVE_TABLE_FILE_MISSING(shown, table=name) for shown in missing)
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
                        problems.append(F.ARCHIVE_ROW_INVALID(shown, line=number, error=_short(error)))
        if bad > MAX_ROW_PROBLEMS:
            problems.append(F.ARCHIVE_ROWS_INVALID(shown, count=bad))
        rows += count
        if count != table["rows_written"]:
            problems.append(F.ARCHIVE_ROW_COUNT(shown, count=count, recorded=table["rows_written"]))
        if table["rejects"]:
            problems.extend(_rejects_problems(data, table))
    return Checked(problems, {"tables": len(tables), "rows": rows})


def check_documents(data: Path) -> Checked:
    """Every PDF/A copy the report lists is there, is the copy the report records (its sha256),
    and is still valid PDF/A-2b; every text of a document it lists is there and is the one it records."""
    problems: list[Finding] = []
    documents = _report(data).get("documents", [])
    copies = [d for d in documents if d.get("pdfa")]
    for document in copies:
        path = data / document["pdfa"]
        if not path.is_file():
            problems.append(F.ARCHIVE_COPY_MISSING(f"data/{document['pdfa']}"))
            continue
        if document.get("pdfa_sha256") and _sha256(path) != document["pdfa_sha256"]:
            problems.append(F.ARCHIVE_COPY_CHANGED(f"data/{document['pdfa']}", name=document["zip_name"]))
        for problem in pdfa_problems(path):
            problems.append(F.ARCHIVE_COPY_INVALID(f"data/{document['pdfa']}", problem=problem))
    texts = [d for d in documents if d.get("text")]
    for document in texts:
        path = data / document["text"]
        if not path.is_file():
            problems.append(F.ARCHIVE_TEXT_MISSING(f"data/{document['text']}"))
        elif _sha256(path) != document.get("text_sha256"):
            problems.append(F.ARCHIVE_TEXT_CHANGED(f"data/{document['text']}", name=document["zip_name"]))
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


def _rejects_problems(data: Path, table: dict[str, Any]) -> list[Finding]:
    """The rejects file holds exactly the records the report counts, each a whole JSON line (a
    file cut short in the middle of a record is caught too)."""
    rejects = table["outputs"].get("rejects") or f"{table['table']}.rejects.jsonl"
    shown = f"data/tables/{rejects}"
    path = data / TABLES / rejects
    if not path.is_file():
        return [F.ARCHIVE_REJECTS_MISSING(shown, count=table["rejects"])]
    problems = []
    count = 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            count += 1
            try:
                whole = line.endswith(b"\n") and isinstance(json.loads(line), dict)
            except ValueError:
                whole = False
            if not whole:
                problems.append(F.ARCHIVE_REJECT_CUT(shown, line=number))
    if count != table["rejects"]:
        problems.append(F.ARCHIVE_REJECT_COUNT(shown, count=count, recorded=table["rejects"]))
    return problems


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _short(error: Any) -> str:
    message = getattr(error, "message", str(error))
    return message if len(message) < 200 else message[:200] + "..."
