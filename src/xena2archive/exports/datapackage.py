"""``data/datapackage.json``: every table as a Frictionless Data Package (v2), with its relations.

One resource per table: its JSONL (path, format, encoding, sha256, bytes, rows), the catalogue's
title and Danish description, and a Table Schema made from the same column model as the JSON
Schema beside the JSONL (this module reads that schema back, so the two cannot disagree): field
types, descriptions, ``missingValues``, ``primaryKey`` where the table's key is unique and never
null, and the ``foreignKeys`` that the data holds (``relations.py``). Dangling references are
findings of the report, named by table, and the report's table entry lists them.

How values map (see ``FIELD_TYPES``): the exact decimals, written as JSON strings, are Table
Schema ``number`` fields: the standard reads a number from its lexical form (``"-1234.50"``), so
no float is involved; a column where some values had to be kept as text is ``any`` (the JSON
Schema says how many). Table Schema has no constraint for "this column holds a null only where
the JSONL says so" beyond ``required``, which is set on the columns that hold no null.
``missingValues`` is empty: a missing value is a JSON ``null``, never an empty string.

Nothing is taken from the clock, and the same input gives the same bytes. There is no ``created``:
the only time known is the backup's, from the zip, which has no time zone, and the standard wants
an RFC 3339 date-time with one (``report.json`` and ``bag-info.txt`` carry the backup's time).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from .. import findings as F
from ..layout import DATAPACKAGE, TABLES
from ..model import Kind
from .relations import FileFacts, Relation, TableFile, check as check_relations, keyless_targets
from ..books.model import Company
from ..findings import Finding
from ..tables.convert import TableResult
from ..tables.schema import fragment

NAME = DATAPACKAGE
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MAX_LISTED = 5  # dangling references named in a finding (the report's table entry lists more)

# our kinds -> Table Schema type and format; bounds come from the JSON Schema fragment of the kind
FIELD_TYPES: dict[Kind, tuple[str, str | None]] = {
    Kind.int32: ("integer", None),
    Kind.int64: ("integer", None),
    Kind.date_days: ("integer", None),
    Kind.decimal: ("number", None),
    Kind.boolean: ("boolean", None),
    Kind.datetime: ("datetime", None),
    Kind.date: ("date", None),
    Kind.guid: ("string", "uuid"),
    Kind.string: ("string", None),
    Kind.array: ("array", None),
}


def _kept_as_text(body: dict[str, Any]) -> int:
    """Values kept as text in a column, as ``tables/schema.output_schema`` notes it (at any depth)."""
    return int(body.get("x-kept-as-text", 0)) + sum(_kept_as_text(b) for b in body.get("anyOf", []))


def _nullable(body: dict[str, Any]) -> bool:
    """Whether the output schema lets a column hold null (only where a null was written)."""
    kind = body.get("type")
    return (isinstance(kind, list) and "null" in kind) or any(b.get("type") == "null" for b in body.get("anyOf", []))


def table_field(name: str, body: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema field of one column, from its property in our output JSON Schema."""
    kind = Kind(body["x-xena-type"])
    kept = _kept_as_text(body)
    type_, format_ = ("any", None) if kept else FIELD_TYPES[kind]
    result: dict[str, Any] = {"name": name, "type": type_}
    if format_:
        result["format"] = format_
    if body.get("description"):
        result["description"] = body["description"]
    constraints: dict[str, Any] = {}
    if not _nullable(body):
        constraints["required"] = True
    if type_ == "integer":
        bounds = fragment(kind)
        constraints.update(minimum=bounds["minimum"], maximum=bounds["maximum"])
    if constraints:
        result["constraints"] = constraints
    result["x-xena-type"] = kind.value
    if kept:
        result["x-kept-as-text"] = kept
    return result


def _text_key_unique(path: Path, key: str) -> bool:
    """Whether a key that is not a whole number repeats (only the archive's own documents table
    has one; it is small). Whole-number keys are counted by the table stage."""
    seen: set[Any] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            value = json.loads(line).get(key)
            if value is None or value in seen:
                return False
            seen.add(value)
    return True


def _primary_key(data: Path, table: TableResult, fields: list[dict[str, Any]]) -> str | None:
    """The table's key as a primary key: only a key of a catalogue table, never null, never repeated."""
    key = table.key
    field = next((f for f in fields if f["name"] == key), None)
    if not key or not table.known or field is None or not field.get("constraints", {}).get("required"):
        return None
    if field["type"] == "integer":
        return key if not table.duplicate_key_count else None
    if field["type"] == "string":
        return key if _text_key_unique(data / TABLES / table.outputs["jsonl"], key) else None
    return None


def _foreign_key(relation: Relation) -> dict[str, Any]:
    reference: dict[str, Any] = {"fields": [relation.target_column]}
    if relation.target != relation.table:  # a reference within the table names no resource (v2)
        reference = {"resource": relation.target, **reference}
    return {"fields": [relation.column], "reference": reference}


@dataclass
class Written:
    """What ``write`` found: the relations between the tables (the report shows them by table), and a
    finding for each that dangles or is not declared."""

    relations: list[Relation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _describe(company: Company) -> dict[str, Any]:
    name = company.name or "virksomheden"
    cvr = "".join(ch for ch in company.cvr if ch.isalnum()).lower()
    return {
        "$schema": PROFILE,
        "name": f"xena-{cvr}" if cvr else "xena",
        "title": f"Regnskabet for {name} fra Xena",
        "description": ("Alle tabeller fra sikkerhedskopien (»Lokal kopi«) som JSON Lines, hver med sit "
                        "skema, sin nøgle og sine henvisninger til andre tabeller."),
    }


def write(data: Path, tables: list[TableResult], company: Company) -> Written:
    """Check the relations in the data, write ``data/datapackage.json``, and return the relations and
    a finding for each that dangles or is not declared.

    ``tables`` must be every table, the archive's own documents table included.
    """
    schemas: dict[str, tuple[dict[str, Any], list[dict[str, Any]], str | None]] = {}
    files: list[TableFile] = []
    written = Written()
    for table in tables:
        name, outputs = table.table, table.outputs
        schema = json.loads((data / TABLES / outputs["schema"]).read_text(encoding="utf-8"))
        fields = [table_field(column, body) for column, body in schema["properties"].items()]
        key = _primary_key(data, table, fields)
        schemas[name] = (schema, fields, key)
        files.append(TableFile(name, data / TABLES / outputs["jsonl"],
                               {f["name"]: Kind(f["x-xena-type"]) for f in fields}, key, table.known))
    relations, facts = check_relations(files)
    for name, column, target in keyless_targets({f.name: f for f in files}):
        written.findings.append(F.RELATION_NOT_DECLARED(name, column=column, target=target,
                                                        reason=F.TARGET_WITHOUT_KEY(name, table=target)))
    by_table: dict[str, list[Relation]] = {}
    for relation in relations:
        by_table.setdefault(relation.table, []).append(relation)
    resources = []
    for table in sorted(tables, key=lambda t: t.table):
        name = table.table
        schema, fields, key = schemas[name]
        own = by_table.get(name, [])
        table_schema: dict[str, Any] = {"fields": fields, "missingValues": []}
        if key:
            table_schema["primaryKey"] = [key]
        declared = [_foreign_key(r) for r in own if r.declared]
        if declared:
            table_schema["foreignKeys"] = declared
        resources.append({"name": name, **_location(f"{TABLES}/{table.outputs['jsonl']}", facts[name], fields),
                          "title": name, "description": schema.get("description", ""), "schema": table_schema})
        written.findings.extend(_account(own))
    package = {**_describe(company), "resources": resources}
    (data / NAME).write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.relations = relations
    return written


def _location(path: str, file: FileFacts, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """Where a resource's rows are: its JSONL, or, for a table without rows, the standard's inline form.

    A JSONL file with no lines is a valid empty table, but frictionless 5 cannot open it (its reader
    stops before the first row: ``source-error``). So a table without rows is given inline as its header
    row alone (``data``), which every reader of the standard opens as an empty table of those columns;
    ``x-path`` names its JSONL (empty, beside its schema and workbook). A file without columns is no
    table at all (a CSV with neither header nor rows): it is a plain file resource."""
    if file.rows:
        return {"type": "table", "path": path, "format": "jsonl", "encoding": "utf-8", "hash": f"sha256:{file.sha256}",
                "bytes": file.bytes, "rows": file.rows}
    if not fields:
        return {"type": "file", "path": path, "format": "jsonl", "mediatype": "application/jsonl",
                "hash": f"sha256:{file.sha256}", "bytes": file.bytes}
    return {"type": "table", "data": [[f["name"] for f in fields]], "x-path": path, "rows": 0}


def _account(relations: list[Relation]) -> list[Finding]:
    """A finding for every declared relation with dangling references, and for every naming
    candidate the data does not hold (so a reader knows why it is not declared)."""
    found = []
    for r in relations:
        target = f"{r.target}.{r.target_column}"
        if r.declared and r.dangling:
            listed = [F.LINE_VALUE(r.table, line=line, value=value) for line, value in r.examples[:MAX_LISTED]]
            more = ["…"] if r.dangling > MAX_LISTED else []
            found.append(F.RELATION_DANGLING(r.table, dangling=r.dangling, references=r.references, column=r.column,
                                             target=target, examples=listed + more))
        elif not r.declared and r.references:
            found.append(F.RELATION_NOT_DECLARED(r.table, column=r.column, target=target,
                                                 reason=F.NO_VALUE_A_KEY(r.table, references=r.references)))
    return found


def _lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _resources(data: Path) -> Iterator[dict[str, Any]]:
    package = json.loads((data / NAME).read_text(encoding="utf-8"))
    yield from package.get("resources", [])


def check(data: Path) -> list[Finding]:
    """What in ``datapackage.json`` disagrees with the files: missing paths, sizes, hashes, rows."""
    where = f"data/{NAME}"
    try:
        resources = list(_resources(data))
    except (OSError, ValueError) as exc:
        return [F.PACKAGE_UNREADABLE(where, error=str(exc))]
    problems: list[Finding] = []
    for resource in resources:
        inline = "data" in resource
        relative = str(resource.get("x-path" if inline else "path", ""))
        path = data / relative
        named = {"resource": str(resource.get("name")), "path": relative}
        if PurePosixPath(relative).is_absolute() or ".." in PurePosixPath(relative).parts or not path.is_file():
            problems.append(F.PACKAGE_FILE_MISSING(where, **named))
            continue
        if inline:  # a table without rows: its JSONL is empty, its inline data the header alone
            fields = [f.get("name") for f in resource.get("schema", {}).get("fields", [])]
            if path.stat().st_size or resource.get("data") != [fields]:
                problems.append(F.PACKAGE_NOT_EMPTY(where, **named, size=path.stat().st_size))
            continue
        if path.stat().st_size != resource.get("bytes"):
            problems.append(F.PACKAGE_SIZE(where, **named, size=path.stat().st_size, recorded=resource.get("bytes")))
        if f"sha256:{_sha256(path)}" != resource.get("hash"):
            problems.append(F.PACKAGE_HASH(where, **named))
        if "rows" in resource and _lines(path) != resource.get("rows"):
            problems.append(F.PACKAGE_ROWS(where, **named, rows=_lines(path), recorded=resource.get("rows")))
    return problems
