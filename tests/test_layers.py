"""The house's rules, read from the code's own imports: a stated layer rule or leaf broken fails here.

The conversion flows one way (source -> tables -> documents -> books -> exports -> index -> bag),
the command line's one door is ``api``, external programs sit behind ``_exec``, and a module that
says it is a leaf imports nothing of the package but what it names. ``IMPORTS`` is read with
``ast`` from every module under ``src/xena2archive`` (imports inside functions too), relative
imports resolved.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "xena2archive"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The modules of the package ``path`` imports (a name imported from a package counts as the
    package's submodule where one has that name)."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if _exists(sub) else target)
    return {name for name in found if name != module}


def _exists(module: str) -> bool:
    path = SRC.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


IMPORTS = {_module(p): _imports(p) for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _in(name: str, *prefixes: str) -> bool:
    return any(name == f"{PACKAGE}.{p}" or name.startswith(f"{PACKAGE}.{p}.") for p in prefixes)


# A leaf imports nothing of the package but the modules named here (the package root gives __version__).
LEAVES = {
    "errors": set(), "findings": set(), "fmt": set(), "layout": set(), "model": set(), "progress": set(),
    "links": set(), "records": {"links", "findings"}, "bag.names": set(), "source.model": {"findings", "fmt"},
    "books.money": set(),
    "books.rows": {"fmt", "tables.values"}, "index.paths": set(),
}

# Stage -> what it must not import: no stage reaches into a later one, the report, or the door.
LATER = ("run", "api", "cli", "accounting", "verify", "batch")
NOT_IMPORTED = {
    "source": ("tables", "documents", "books", "saft", "index", "datapackage", "relations", "report", *LATER),
    "tables": ("documents", "books", "saft", "index", "datapackage", "relations", "report", *LATER),
    "documents": ("tables", "books", "saft", "index", "datapackage", "relations", "report", *LATER),
    "books": ("tables.table", "tables.convert", "documents", "saft", "index", "datapackage", "relations", "report",
              *LATER),
    "saft": ("tables.table", "tables.convert", "documents", "index", "datapackage", "report", *LATER),
    "datapackage": ("documents", "saft", "index", *LATER),
    # any module of documents loads the package, and with it the converters (pikepdf, OCRmyPDF, WeasyPrint):
    # the index's worker process would hold them for nothing (60 MB, a second to start)
    "index": ("tables.table", "tables.convert", "documents", "saft.write", *LATER),
    "_exec": ("source", "tables", "documents", "books", "saft", "index", "report", "bag", *LATER),
    "bag": ("source", "tables", "documents", "books", "saft", "index", "report", *LATER),
    # PREMIS and METS read the finished report's records and the files; Siegfried (documents.pronom) is
    # their one tool from another package
    "exports.premis": ("tables", "documents.convert", "documents.stage", "books", "index", "bag", *LATER),
    "exports.mets": ("tables", "documents", "books", "index", "bag", *LATER),
}


def test_the_rules_see_the_whole_package():
    assert len(IMPORTS) > 80 and f"{PACKAGE}.cli" in IMPORTS
    assert IMPORTS[f"{PACKAGE}.cli"] >= {f"{PACKAGE}.api"}


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_a_leaf_imports_only_what_it_names(leaf):
    allowed = {f"{PACKAGE}.{name}" for name in LEAVES[leaf]} | {PACKAGE}
    assert IMPORTS[f"{PACKAGE}.{leaf}"] <= allowed, IMPORTS[f"{PACKAGE}.{leaf}"] - allowed


def test_the_command_line_goes_through_the_one_door():
    allowed = {f"{PACKAGE}.{name}" for name in ("api", "errors", "progress")} | {PACKAGE}
    assert IMPORTS[f"{PACKAGE}.cli"] <= allowed, IMPORTS[f"{PACKAGE}.cli"] - allowed
    doors = {name for name, imported in IMPORTS.items() if f"{PACKAGE}.run" in imported}
    assert doors == {f"{PACKAGE}.api"}


@pytest.mark.parametrize("stage", sorted(NOT_IMPORTED))
def test_no_stage_reaches_into_a_later_one(stage):
    broken = sorted(f"{module} imports {imported}" for module, imports in IMPORTS.items() if _in(module, stage)
                    for imported in imports if _in(imported, *NOT_IMPORTED[stage]))
    assert not broken, broken


def test_external_programs_are_started_only_behind_exec():
    starters = sorted(module for module, path in ((_module(p), p) for p in (SRC / PACKAGE).rglob("*.py"))
                      if "subprocess" in _stdlib_imports(path) and not _in(module, "_exec"))
    assert not starters, starters


def _stdlib_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names
