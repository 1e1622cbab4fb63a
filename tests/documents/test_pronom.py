"""Siegfried through ``documents.pronom``: one call per file, and memory that does not grow with a
large text file (Siegfried reads a text file whole to tell it is text)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygfried
import pytest

from xena2archive.documents import pronom


def test_name_falls_back_on_the_name_in_one_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Konto.jsonl"
    path.write_text('{"Nummer": "1000", "Navn": "Salg af varer"}\n', encoding="utf-8")
    seen: list[str] = []
    real = pygfried.identify
    monkeypatch.setattr(pygfried, "identify", lambda p, detailed=False: seen.append(p) or real(p, detailed))
    found = pronom.name(path)
    assert found is not None and found.puid == "fmt/2054" and "extension only" in found.basis
    assert pronom.match(path) is None  # by the name alone: no match by content
    assert seen == [str(path), str(path)]  # one Siegfried call for each question


def test_a_large_text_file_is_identified_from_its_beginning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pronom, "SAMPLE", 4096)
    path = tmp_path / "Postering.csv"
    line = "Id;Dato;Tekst;Beløb\r\n1;2024-01-31;Køb af æbler;1.234,50\r\n"
    path.write_text(line * 300, encoding="utf-8")
    sizes: list[int] = []
    real = pygfried.identify
    monkeypatch.setattr(pygfried, "identify", lambda p, detailed=False: sizes.append(Path(p).stat().st_size)
                        or real(p, detailed))
    found = pronom.name(path)
    assert found is not None and found.puid == "x-fmt/18"  # Comma Separated Values, as for the whole file
    assert len(sizes) == 1 and sizes[0] <= 4096 and sizes[0] < path.stat().st_size
    cut = sizes[0]
    assert path.read_bytes()[:cut].endswith(b"\n")  # cut at a line's end, never inside a character
    assert f"identified from its first {cut:,} bytes (a text file of {path.stat().st_size:,})" in found.basis


def test_a_large_binary_file_is_given_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pronom, "SAMPLE", 4096)
    path = tmp_path / "bilag.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\0" * 10_000 + b"\n%%EOF\n")
    sizes: list[int] = []
    real = pygfried.identify
    monkeypatch.setattr(pygfried, "identify", lambda p, detailed=False: sizes.append(Path(p).stat().st_size)
                        or real(p, detailed))
    pronom.name(path)
    assert sizes == [path.stat().st_size]


def test_memory_does_not_grow_with_a_text_file(tmp_path: Path) -> None:
    """The process's peak, measured apart (a fresh interpreter), grows by far less than a 64 MB
    text file: before, Siegfried's read of it added about its size."""
    small, large = tmp_path / "lille.jsonl", tmp_path / "stor.jsonl"
    row = '{"Id": 1, "Tekst": "Køb af æbler", "Beløb": "1234.50"}\n'
    small.write_text(row, encoding="utf-8")
    with open(large, "w", encoding="utf-8") as out:
        for _ in range(64):
            out.write(row * ((1 << 20) // len(row) + 1))
    probe = ("import resource, sys; from pathlib import Path; from xena2archive.documents import pronom; "
             "pronom.name(Path(sys.argv[1])); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    peaks = [int(subprocess.run([sys.executable, "-c", probe, str(p)], check=True, capture_output=True,
                                text=True).stdout) for p in (small, large)]
    assert large.stat().st_size > 60 << 20
    assert peaks[1] - peaks[0] < 16 << 10, peaks  # KiB: Siegfried looks at a 1 MiB sample with about 8 MB


def _files(folder: Path) -> list[Path]:
    """Files of the kinds an archive holds, one larger than the (test's) sample, one with Danish
    letters in its name."""
    made = {
        "index.html": b'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Bilag</title></head>'
                      b"<body><p>K\xc3\xb8b af \xc3\xa6bler</p></body></html>\n",
        "Konto.jsonl": b'{"Nummer": "1000", "Navn": "Salg af varer"}\n',
        "Konto.schema.json": b'{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n',
        "soeg.js": b"X2A.meta({\"records\": 3});\n",
        "stor.csv": "Id;Dato;Tekst;Beløb\r\n1;2024-01-31;Køb af æbler;1.234,50\r\n".encode() * 300,
        "bilag.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "ukendt.bin": bytes(range(256)) * 4,
    }
    paths = []
    for name, data in made.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    odd = folder / "kvittering-æøå.txt"
    odd.write_bytes(b"Kvittering 19.017,47 kr.\n")
    return [*paths, odd]


@pytest.mark.parametrize("workers", [1, 2])
def test_names_gives_each_file_what_name_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """Many files in batches (of two here, so a batch boundary falls inside), in their order, each
    matched as ``name`` matches it alone: by content, by name, or from a large text's beginning."""
    monkeypatch.setattr(pronom, "SAMPLE", 4096)
    monkeypatch.setattr(pronom, "BATCH", 2)
    paths = _files(tmp_path)
    assert pronom.names(paths, workers) == [pronom.name(path) for path in paths]
    assert pronom.names(paths, workers)[0].puid.startswith("fmt/")  # HTML by its content


def test_a_file_a_batch_cannot_read_is_asked_about_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Siegfried's refusal of a whole batch costs no file its identification, and one it could not
    read in a batch is identified alone (where it raises as ``name`` does)."""
    paths = _files(tmp_path)
    expected = [pronom.name(path) for path in paths]

    def refused(batch: list[str], workers: int = 1) -> dict[str, object]:
        raise pygfried.GoError("refused")

    monkeypatch.setattr(pygfried, "identify_many", refused)
    assert pronom.names(paths) == expected

    def with_errors(batch: list[str], workers: int = 1) -> dict[str, object]:
        return {"files": [{"filename": path, "errors": "open: permission denied", "matches": []} for path in batch]}

    monkeypatch.setattr(pygfried, "identify_many", with_errors)
    assert pronom.names(paths) == expected


def test_siegfried_s_memory_settles_under_its_limit(tmp_path: Path) -> None:
    """Identifying thousands of files (the index of a million postings is 8,000) keeps Siegfried's
    Go heap near its signatures in a process started after pronom was imported, as the document
    workers and ``Apart`` are: measured in a fresh interpreter started from one without a limit of
    its own. Without the limit pronom sets, 6,000 identifications grew that process by about 60 MB."""
    for n in range(1500):
        (tmp_path / f"side-{n}.html").write_text(
            f'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Bilag {n}</title></head>'
            f"<body><table>{'<tr><td>Køb af æbler</td><td>1.234,50</td></tr>' * (n % 40)}</table></body></html>\n",
            encoding="utf-8")
    identify = ("import sys; from pathlib import Path; from xena2archive.documents import pronom\n"
                "def pss():\n"
                "    return next(int(l.split()[1]) for l in open('/proc/self/smaps_rollup') if l.startswith('Pss:'))\n"
                "paths = sorted(Path(sys.argv[1]).iterdir()); pronom.tool(); loaded = pss()\n"
                "for _ in range(4):\n"
                "    assert all(m is not None for m in pronom.names(paths, 2))\n"
                "print(pss() - loaded)")
    starter = ("import subprocess, sys; from xena2archive.documents import pronom; "
               "subprocess.run([sys.executable, '-c', sys.argv[1], sys.argv[2]], check=True)")
    environment = {k: v for k, v in os.environ.items() if k not in ("GOMEMLIMIT", "GOGC")}
    grown = int(subprocess.run([sys.executable, "-c", starter, identify, str(tmp_path)], check=True,
                               capture_output=True, text=True, env=environment).stdout)
    assert grown < 32 << 10, grown  # KiB


def test_apart_answers_as_siegfried_here(tmp_path: Path) -> None:
    """``Apart`` asks Siegfried in a process of its own: the same tool name and the same matches."""
    paths = _files(tmp_path)
    with pronom.Apart() as siegfried:
        assert siegfried.tool() == pronom.tool()
        assert siegfried.names(paths, 2) == pronom.names(paths, 2)


@pytest.mark.parametrize("workers", [1, 2])
def test_ask_gives_each_file_what_match_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """The documents stage's question, in batches (of two here): each file's match by its content
    alone, as ``match`` gives it, with the tool that said so; an empty file matches nothing, and a
    file that cannot be read is an answer that says why, not an error for all of them."""
    monkeypatch.setattr(pronom, "SAMPLE", 4096)
    monkeypatch.setattr(pronom, "BATCH", 2)
    paths = _files(tmp_path)
    empty, gone = tmp_path / "tom.pdf", tmp_path / "væk.pdf"
    empty.write_bytes(b"")
    asked = pronom.ask([*paths, empty, gone], workers)
    assert [a.match for a in asked[:len(paths)]] == [pronom.match(path) for path in paths]
    assert asked[0].match is not None and asked[0].match.puid.startswith("fmt/")  # HTML by its content
    assert asked[1].match is None  # Konto.jsonl: known by its name alone, which does not count here
    assert asked[-2].match is None and asked[-2].error is None
    assert asked[-1].match is None and asked[-1].error is not None and "væk.pdf" in asked[-1].error
    assert {a.tool for a in asked} == {pronom.tool()}
    with pronom.Apart() as siegfried:
        assert siegfried.ask([*paths, empty, gone], workers) == pronom.ask([*paths, empty, gone], workers)
