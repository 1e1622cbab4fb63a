"""The pinned bags of ``tests/e2e/test_pinned_bag.py``: how they are made, what they are compared by,
and ``make repin``, which pins them anew.

Each pinned bag is a conversion of a generated sample backup (``LAYOUTS``). What is pinned, in
``tests/e2e/pinned/<name>/``, are the bag's ``manifest-sha256.txt`` (every payload file and its
checksum), ``bag-info.txt`` and ``tagmanifest-sha256.txt`` (which covers the tag files, so every
byte of the bag is pinned); ``tests/e2e/pinned/versions.txt`` records the versions of the
libraries and programs that made them. When the test fails it prints the payload files added,
removed and changed, each with the tools that made it, and the versions then and now.

To re-pin, after a change that is meant to move bytes or after a library or program update::

    make repin                      # or: .venv/bin/python tools/repin.py [name ...]
    git diff tests/e2e/pinned/      # review: which files moved, and why

and commit the new files with the change, saying why they moved.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sample_backup import SampleFacts, SampleLayout, write_sample_backup

ROOT = Path(__file__).resolve().parents[1]
PINNED = ROOT / "tests" / "e2e" / "pinned"
VERSIONS = PINNED / "versions.txt"
PINNED_FILES = ("manifest-sha256.txt", "bag-info.txt", "tagmanifest-sha256.txt")
SOURCE_DATE_EPOCH = "1738324800"  # 2025-01-31 12:00 UTC: when the pinned bags are made (bag-info, PREMIS)
EXPECTED_EXIT = 1  # the sample's PNG receipt named .pdf is a finding

#: name -> (layout, posts)
LAYOUTS: dict[str, tuple[SampleLayout, int]] = {
    "sample": (SampleLayout(), 400),
    "cp1252-decimal-comma": (SampleLayout(tables_folder="", delimiter=",", encoding="cp1252", decimal_comma=True,
                                          nested="_", bools=("Ja", "Nej")), 300),
}

# the Python distributions whose code decides bytes of an archive (versions.txt names each)
PACKAGES = ("lxml", "pikepdf", "xlsxwriter", "msgspec", "weasyprint", "pydyf", "fonttools", "pillow", "img2pdf",
            "pillow-heif", "pygfried", "jinja2", "extract-msg", "xena2archive")

# what makes each kind of document's PDF/A copy (pikepdf fixes and checks every copy)
_MAKERS = {
    "pdf": ("ghostscript", "pikepdf"),
    "oioubl": ("weasyprint", "pydyf", "fonttools", "pikepdf"),
    "html": ("weasyprint", "pydyf", "fonttools", "pikepdf"),
    "txt": ("weasyprint", "pydyf", "fonttools", "pikepdf"),
    "eml": ("weasyprint", "pydyf", "fonttools", "pikepdf"),
    "msg": ("extract-msg", "weasyprint", "pydyf", "fonttools", "pikepdf"),
    "heic": ("pillow-heif", "pillow", "img2pdf", "pikepdf"),
}
_IMAGES = ("jpeg", "png", "gif", "bmp", "tiff", "webp")
_OFFICE = ("docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "rtf")


def convert(name: str, folder: Path) -> tuple[int, Path, SampleFacts]:
    """Write the backup of layout ``name`` into ``folder`` and convert it as the test does (in this
    process, two workers); the exit code, the bag and what the sample holds."""
    from xena2archive.cli import main

    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH  # the pinned bags' Bagging-Date and event dates
    layout, posts = LAYOUTS[name]
    facts = write_sample_backup(folder / "backup.zip", layout, posts=posts)
    out = folder / "out"
    code = main([str(folder / "backup.zip"), str(out), "--quiet", "--jobs", "2"])
    return code, out, facts


def _program_version(command: Sequence[str]) -> str:
    if shutil.which(command[0]) is None:
        return "not installed"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        return f"did not answer ({error})"
    lines = [line for line in done.stdout.splitlines() if line.strip() and "javaldx" not in line]
    return lines[0].strip() if lines else f"no version (exit {done.returncode})"


def tool_versions() -> dict[str, str]:
    """The versions of what makes an archive's bytes: Python, the libraries and the programs."""
    versions = {"python": sys.version.split()[0]}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "not installed"
    with contextlib.suppress(ImportError):
        from lxml import etree

        versions["libxml2"] = ".".join(map(str, etree.LIBXML_VERSION))
    with contextlib.suppress(ImportError, AttributeError):
        import pikepdf

        versions["qpdf"] = str(pikepdf.__libqpdf_version__)
    versions["ghostscript"] = _program_version(["gs", "--version"])
    versions["libreoffice"] = _program_version(["soffice", "--version"])
    return versions


def read_versions(path: Path = VERSIONS) -> dict[str, str]:
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line and not line.startswith("#"))


def write_versions(versions: dict[str, str], path: Path = VERSIONS) -> None:
    lines = ["# written by `make repin` (tools/repin.py): what made the pinned bags"]
    lines += [f"{key}: {value}" for key, value in versions.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def manifest(text: str) -> dict[str, str]:
    """A manifest's lines as {path: checksum}."""
    entries = {}
    for line in text.splitlines():
        if line.strip():
            checksum, path = line.split(maxsplit=1)
            entries[path] = checksum
    return entries


def made_by(path: str, report: dict) -> tuple[str, ...]:
    """The tools whose output a payload file is (besides xena2archive itself)."""
    relative = path.removeprefix("data/")
    if relative.startswith("original/"):
        return ("the zip, copied byte for byte",)
    if relative.startswith("documents/"):
        formats = [d.get("format") for d in report.get("documents", []) if d.get("pdfa") == relative]
        fmt = formats[0] if formats else None
        if fmt in _IMAGES:
            return ("pillow", "img2pdf", "pikepdf")
        if fmt in _OFFICE:
            return ("libreoffice", "pikepdf")
        return _MAKERS.get(str(fmt), ("ghostscript", "weasyprint", "libreoffice", "pikepdf"))
    if relative.endswith(".xlsx"):
        return ("xlsxwriter",)
    if relative.startswith("saft/"):
        return ("lxml",)
    if relative.startswith("index") or relative.endswith(".html"):
        return ("jinja2",)
    if relative == "report.json":
        return ("pygfried", "every converter's messages")
    return ("xena2archive",)


def _with_versions(tools: tuple[str, ...], versions: dict[str, str]) -> str:
    return ", ".join(f"{tool} {versions[tool]}" if tool in versions else tool for tool in tools)


def _lines_changed(expected: str, actual: str) -> list[str]:
    old, new = expected.splitlines(), actual.splitlines()
    return [f"- {line}" for line in old if line not in new] + [f"+ {line}" for line in new if line not in old]


def difference(name: str, bag: Path, pinned: Path | None = None) -> str | None:
    """None when ``bag`` is the pinned one; otherwise what moved, for a reviewer."""
    pinned = pinned or PINNED / name
    missing = [f for f in PINNED_FILES if not (pinned / f).is_file()]
    if missing:
        return f"{pinned} lacks {', '.join(missing)}: run `make repin`"
    actual = {f: (bag / f).read_text(encoding="utf-8") for f in PINNED_FILES}
    expected = {f: (pinned / f).read_text(encoding="utf-8") for f in PINNED_FILES}
    if actual == expected:
        return None
    report = json.loads((bag / "data/report.json").read_text(encoding="utf-8"))
    now = tool_versions()
    then = read_versions()
    old, new = manifest(expected["manifest-sha256.txt"]), manifest(actual["manifest-sha256.txt"])
    shown = pinned.relative_to(ROOT) if pinned.is_relative_to(ROOT) else pinned
    out = [f"the {name} bag is not the pinned one ({shown}):"]
    for label, paths in (("added", sorted(set(new) - set(old))), ("removed", sorted(set(old) - set(new))),
                         ("changed", sorted(p for p in set(old) & set(new) if old[p] != new[p]))):
        for path in paths:
            out.append(f"  {label}: {path}  (made by {_with_versions(made_by(path, report), now)})")
    if actual["bag-info.txt"] != expected["bag-info.txt"]:
        out.append("  bag-info.txt:")
        out += [f"    {line}" for line in _lines_changed(expected["bag-info.txt"], actual["bag-info.txt"])]
    derived = ("bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt")  # their change is shown above
    old_tags, new_tags = manifest(expected["tagmanifest-sha256.txt"]), manifest(actual["tagmanifest-sha256.txt"])
    for tag in sorted(set(old_tags) | set(new_tags)):
        if tag not in derived and old_tags.get(tag) != new_tags.get(tag):
            out.append(f"  tag file {tag}: {'changed' if tag in old_tags and tag in new_tags else 'added or removed'}")
    out.append("tool versions (pinned with -> now):")
    for key in sorted(set(now) | set(then)):
        mark = "   " if then.get(key) == now.get(key) else " * "
        out.append(f" {mark}{key}: {then.get(key, '?')} -> {now.get(key, '?')}")
    out.append("If the change is meant: `make repin`, review `git diff tests/e2e/pinned/`, commit it with the reason.")
    return "\n".join(out)


def repin(names: Sequence[str]) -> int:
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"repin-{name}-") as folder:
            with contextlib.redirect_stderr(io.StringIO()) as said:
                code, bag, _facts = convert(name, Path(folder))
            if code != EXPECTED_EXIT:
                print(f"{name}: the conversion exited {code}, not {EXPECTED_EXIT}; nothing pinned\n{said.getvalue()}",
                      file=sys.stderr)
                return 1
            target = PINNED / name
            before = difference(name, bag, target) if target.is_dir() else "new"
            target.mkdir(parents=True, exist_ok=True)
            for file in PINNED_FILES:
                shutil.copyfile(bag / file, target / file)
            files = len(manifest((bag / "manifest-sha256.txt").read_text(encoding="utf-8")))
            print(f"{name}: {'unchanged' if before is None else 're-pinned'} ({files} payload files) in "
                  f"{target.relative_to(ROOT)}")
            if before not in (None, "new"):
                print(re.sub(r"(?m)^", "  ", str(before)))
    write_versions(tool_versions())
    print(f"versions in {VERSIONS.relative_to(ROOT)}; review with `git diff tests/e2e/pinned/`")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert the pinned layouts and pin their bags anew "
                                                 "(tests/e2e/pinned/); then review `git diff tests/e2e/pinned/`.")
    parser.add_argument("names", nargs="*", metavar="name",
                        help=f"layouts to re-pin (default all: {', '.join(LAYOUTS)})")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(LAYOUTS))
    if unknown:
        parser.error(f"no such layout: {', '.join(unknown)}")
    return repin(args.names or list(LAYOUTS))


if __name__ == "__main__":
    sys.exit(main())
