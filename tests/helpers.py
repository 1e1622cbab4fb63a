"""Helpers for the tests: build backup zips, run the CLI, read the result with independent readers."""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import jsonschema
import pytest
from sample_backup import SampleFacts

import xena2archive
from xena2archive.cli import main

SRC = str(Path(xena2archive.__file__).resolve().parents[1])  # for the CLI run as a subprocess


class SampleBag(NamedTuple):
    """The bundled sample, converted (the ``sample_bag`` fixture): the CLI's exit code, the bag and
    what the sample holds."""

    code: int
    bag: Path
    facts: SampleFacts


def missing(message: str, in_ci: str | None = None) -> NoReturn:
    """What a test needs is not here (a program, a file of ../shared, root): the test fails under CI,
    which installs and lays out everything (``.ci/run`` sets CI), and is skipped elsewhere, saying what
    is missing. ``in_ci``: the failure's message, if it says more than ``message``."""
    if os.environ.get("CI"):
        pytest.fail(in_ci or message, pytrace=False)
    pytest.skip(message)


#: The source of ``peak_kb()`` for a child Python (``python -c CHILD_PEAK + code``): the peak of the
#: child's own resident memory in kB, ``VmHWM`` of /proc/self/status. Not getrusage's ``ru_maxrss``:
#: on Linux a child starts with the peak RSS of the process it was forked from (the test process,
#: 90 MB and more), so a child smaller than that measures the same at every size.
CHILD_PEAK = """
def peak_kb():
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""


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


def workbooks(data: Path, table: str) -> list[Path]:
    """The workbooks of ``table`` in the archive's ``data`` folder, as its report names them: the
    one ``xlsx``, or a posting table's one per fiscal year (``xlsx/<year>``), in the report's order."""
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    outputs = next(t["outputs"] for t in report["tables"] if t["table"] == table)
    return [data / "tables" / file for kind, file in outputs.items() if kind.split("/")[0] == "xlsx"]


def the_workbook(data: Path, table: str) -> Path:
    """The one workbook of ``table`` (a posting table whose rows all lie in one year has one too)."""
    found = workbooks(data, table)
    assert len(found) == 1, found
    return found[0]


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


def tree_files(root: Path) -> list[str]:
    """Every file under ``root``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def tree_difference(a: Path, b: Path) -> str | None:
    """None when the two trees hold the same files with the same bytes; otherwise what differs,
    naming the first differing file (in sorted order) and, for a text file, its first differing line."""
    files_a, files_b = tree_files(a), tree_files(b)
    if files_a != files_b:
        only_a, only_b = sorted(set(files_a) - set(files_b)), sorted(set(files_b) - set(files_a))
        return f"the trees hold different files: only in {a}: {only_a[:10]}; only in {b}: {only_b[:10]}"
    for name in files_a:
        bytes_a, bytes_b = (a / name).read_bytes(), (b / name).read_bytes()
        if bytes_a == bytes_b:
            continue
        differing = [n for n in files_a if (a / n).read_bytes() != (b / n).read_bytes()]
        where = f"{len(bytes_a):,} and {len(bytes_b):,} bytes"
        try:
            lines_a, lines_b = bytes_a.decode("utf-8").splitlines(), bytes_b.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            offset = _first_unequal(bytes_a, bytes_b)
            where += f", first differing byte at offset {offset}"
        else:
            number = _first_unequal(lines_a, lines_b)
            shown = [lines[number][:300] if number < len(lines) else "<end of file>" for lines in (lines_a, lines_b)]
            where += f", first differing line {number + 1}:\n  {shown[0]}\n  {shown[1]}"
        return f"first differing file: {name} ({where}); {len(differing)} file(s) differ in all: {differing[:10]}"
    return None


def _first_unequal(a: Any, b: Any) -> int:
    """The first index at which two sequences differ (the shorter one's length if one is a prefix)."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


class Listener:
    """A real HTTP server on 127.0.0.1 that records every connection made to it, and answers any GET
    with a small PNG, so a program that fetches gets what it asked for and is seen doing it.

    Use as a context manager; ``url(path)`` is an address on it, ``connections`` what reached it
    (one entry per connection: the request line, or ``"(no request)"`` for a bare connect)."""

    def __init__(self) -> None:
        import io
        import socket
        import threading

        from PIL import Image

        picture = io.BytesIO()
        Image.new("RGB", (8, 8), (0, 90, 200)).save(picture, "PNG")
        self._png = picture.getvalue()
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.settimeout(0.2)
        self.port: int = self._server.getsockname()[1]
        self.connections: list[str] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with client:
                client.settimeout(2)
                try:
                    request = client.recv(65536).decode("latin-1")
                except OSError:
                    request = ""
                line = request.split("\r\n", 1)[0] or "(no request)"
                with self._lock:
                    self.connections.append(line)
                if request:
                    head = (f"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: {len(self._png)}\r\n"
                            "Connection: close\r\n\r\n").encode("ascii")
                    with contextlib.suppress(OSError):
                        client.sendall(head + self._png)

    def seen(self) -> list[str]:
        """What reached the listener so far (a connection still in the backlog counts too)."""
        with self._lock:
            return list(self.connections)

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        self._server.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def said(result: Any) -> tuple[str, ...]:
    """What a document result's reasons say in English, each without its closing stop (its
    findings rendered by their kinds' templates)."""
    return tuple(reason.phrase for reason in result.reasons)
