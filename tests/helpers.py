"""Helpers for the tests: build backup zips, run the CLI, read the result with independent readers."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import jsonschema

import xena2archive
from xena2archive.cli import main

SRC = str(Path(xena2archive.__file__).resolve().parents[1])  # for the CLI run as a subprocess


def make_zip(path: Path, entries: dict[str, bytes | str], *, when=(2025, 1, 31, 12, 0, 0)) -> Path:
    """A zip holding ``entries`` (name -> bytes; str is written as UTF-8)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run_cli(*args: str | Path) -> int:
    return main([str(a) for a in args])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def validate_table(tables: Path, name: str) -> list[dict[str, Any]]:
    """Every row of a table's JSONL against its schema, with the format checker; returns the rows."""
    schema = json.loads((tables / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    rows = read_jsonl(tables / f"{name}.jsonl")
    for row in rows:
        validator.validate(row)
    return rows


def subprocess_env() -> dict[str, str]:
    """The environment for running this very package as ``python -m xena2archive``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, env.get("PYTHONPATH", "")) if p)
    env.pop("XENA2ARCHIVE_DEBUG", None)
    return env


def leftovers(out: Path) -> list[str]:
    """Hidden folders a run left beside ``out`` (its staging folder is ``.<out>.xena2archive-<pid>.tmp``)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}"))
