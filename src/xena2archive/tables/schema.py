"""JSON Schema (draft 2020-12) for a table: the catalogue's and the one written beside each JSONL.

The catalogue schema (``schemas/<Table>.schema.json``) says what Xena's contracts promise. The output
schema says exactly what this archive's JSONL holds: only the columns met, ``null`` allowed only
where a null was written, and a text alternative only where a value had to be kept as text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Column, Kind, TableSpec, TableStats

DRAFT = "https://json-schema.org/draft/2020-12/schema"

DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)

_FRAGMENTS: dict[Kind, dict[str, Any]] = {
    Kind.int32: {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1},
    Kind.int64: {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1},
    # days since 1970-01-01, limited to the years 1..9999 so the derived date always exists
    Kind.date_days: {"type": "integer", "minimum": -719162, "maximum": 2932896},
    Kind.decimal: {"type": "string", "pattern": DECIMAL_PATTERN},
    Kind.boolean: {"type": "boolean"},
    Kind.datetime: {"type": "string", "pattern": DATETIME_PATTERN},
    Kind.date: {"type": "string", "format": "date"},
    Kind.guid: {"type": "string", "format": "uuid"},
    Kind.string: {"type": "string"},
    Kind.array: {"type": "array"},
}

_KIND_NOTES_EN = {
    Kind.decimal: "Exact decimal number written as a JSON string with a point as separator.",
    Kind.date_days: "Days since 1970-01-01 (Xena's date encoding); see the derived _date column.",
    Kind.datetime: "ISO 8601 date-time as in the input (up to 7 fractional digits).",
    Kind.date: "ISO 8601 date derived from the days column.",
}


def fragment(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one non-null value of this kind (a fresh copy the caller may extend)."""
    return dict(_FRAGMENTS[kind])


def _annotated(column: Column, body: dict[str, Any]) -> dict[str, Any]:
    body = dict(body)
    if column.description_da:
        body["description"] = column.description_da
    if column.description_en:
        body["x-description-en"] = column.description_en
    body["x-xena-type"] = column.kind.value
    if column.derived_from:
        body["x-derived-from"] = column.derived_from
    if not column.in_catalogue:
        body["x-inferred"] = True
    return body


def catalogue_schema(spec: TableSpec) -> dict[str, Any]:
    """The schema of a table as Xena's contracts describe it: every field, every one nullable."""
    properties = {}
    for column in spec.columns:
        body = fragment(column.kind)
        body["type"] = [body["type"], "null"]
        properties[column.name] = _annotated(column, body)
    return {
        "$schema": DRAFT,
        "$id": f"urn:xena2archive:catalogue:{spec.name}",
        "title": spec.name,
        "description": spec.description_da,
        "type": "object",
        "properties": properties,
        "x-key": spec.key,
    }


def output_schema(
    spec: TableSpec, columns: list[Column], stats: TableStats, *, key: str | None
) -> dict[str, Any]:
    """The schema that every row of the written JSONL validates against, and no looser."""
    properties: dict[str, Any] = {}
    for column in columns:
        seen = stats.of(column.name)
        body = fragment(column.kind)
        if seen.text_fallbacks:
            body = {"anyOf": [body, {"type": "string"}], "x-kept-as-text": seen.text_fallbacks}
        if seen.nullable:
            body = {"anyOf": [body, {"type": "null"}]} if "anyOf" in body else {
                **body,
                "type": [body["type"], "null"],
            }
        note = _KIND_NOTES_EN.get(column.kind)
        if note and not column.description_en:
            column = Column(**{**column.__dict__, "description_en": note})
        properties[column.name] = _annotated(column, body)
    return {
        "$schema": DRAFT,
        "$id": f"urn:xena2archive:table:{spec.name}",
        "title": spec.name,
        "description": spec.description_da or "Tabel ukendt for Xenas katalog (typer udledt af data).",
        "type": "object",
        "properties": properties,
        "required": [c.name for c in columns],
        "additionalProperties": False,
        "x-key": key,
        "x-known-table": spec.known,
    }


def write_schema(path: Path, schema: dict[str, Any]) -> None:
    """Write a schema as stable, readable UTF-8 JSON (sorted by our own order, not by key)."""
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
