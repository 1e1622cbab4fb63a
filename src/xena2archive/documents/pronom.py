"""Ask Siegfried (through ``pygfried``) what PRONOM says a file is.

Siegfried is the maintained PRONOM identifier used by archives (DROID's signatures, with the
container signatures that tell a .docx from any other ZIP and a .doc from an .msg). It is linked
into the ``pygfried`` extension, with its signature file built in: no network, no external program.

Siegfried also looks at the file name's extension, and falls back on it when no signature
matches. Archives identify by content, so a match that rests on the name alone counts as no
match here (the caller then uses its own content check), and the declared-vs-actual comparison
is the caller's as well.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Final

import pygfried

from .._exec.lifetime import children_without_sigint, end_pool, spawned_pool
from .model import Asked, Match

# Siegfried's Go runtime takes a soft memory limit from the environment its process started with
# (not from a change made after). Without one, its heap grows with the files it has identified until
# it settles about 65 MB above the loaded signatures (after some thousands: a million postings' index
# is 8,000 files), and Go keeps what it has grown. Under 100 MiB, which the signatures and a batch's
# work fit in, it stays about 15 MB above them, and is no slower (bench/RESULTS.md); under 80 MiB it
# collects all the time. Set here for the processes that identify (``Apart``, and a document worker
# given a job nobody asked about), which are started after this; a limit the caller set is kept.
os.environ.setdefault("GOMEMLIMIT", "100MiB")

# Siegfried's warnings that mean the match rests on the file name, not the bytes.
_NAME_ONLY: Final = ("match on extension only", "match on filename only", "match on filename and extension only")
SAMPLE: Final = 1 << 20  # bytes of a large text file that Siegfried is given (see _matches)
_TEXT_PROBE: Final = 64 << 10  # a file with a NUL byte in its first bytes is not text


@functools.cache
def tool() -> str:
    """Which Siegfried and signature files identify, for the report (e.g. "Siegfried 1.11.9
    (DROID_SignatureFile_V125.xml; container-signature-20260119.xml)")."""
    return f"Siegfried {pygfried.version()} ({_signatures()})"


@functools.cache
def _signatures() -> str:
    # The signature names only come with a detailed result; any small readable file gives one.
    result = pygfried.identify(__file__, detailed=True)
    return "; ".join(i.get("details", "") for i in result.get("identifiers", [])) or "default signatures"


def name(path: Path) -> Match | None:
    """PRONOM's identification of ``path`` by its content or, where no signature matches, by its
    name (``basis`` then says so): for the archive's own files, whose names xena2archive chose for
    their format (a JSON Lines file has no signature). None where neither tells.

    Raises OSError if the file cannot be read.
    """
    return _by_content_or_name(_matches(path))


BATCH: Final = 500  # files handed to Siegfried in one call by ``names``: its answer for them is held at once


def names(paths: Sequence[Path], workers: int = 1) -> list[Match | None]:
    """``name`` of each of ``paths`` (files that are not empty), in their order. The files no larger
    than ``SAMPLE`` go to Siegfried ``BATCH`` at a time, identified by ``workers`` Go threads at once
    (``identify_many``): the archive's thousands of index pages are identified at its very end, with
    nothing else left to run beside them. The same matches as one ``name`` each: a file Siegfried
    could not read in a batch (or whose batch it refused) is asked about alone, which raises OSError
    as ``name`` does."""
    found = _batched(paths, workers)
    return [_by_content_or_name(found[at]) if at in found else name(path) for at, path in enumerate(paths)]


def ask(paths: Sequence[Path], workers: int = 1) -> list[Asked]:
    """``match`` of each of ``paths``, in their order, batched as ``names`` batches them; a file
    that cannot be read is an answer with its ``error``, not an OSError for all of them. For the
    documents stage, which asks in a process apart (``Apart.ask``) so that its workers need not
    each load Siegfried's signatures."""
    said = tool()
    found = _batched(paths, workers)
    answers = []
    for at, path in enumerate(paths):
        try:
            if at in found:
                answer = _first(found[at], by_name=False)
            elif path.stat().st_size == 0:  # Siegfried refuses an empty file; nothing matches it
                answer = None
            else:
                answer = match(path)  # asked alone, as ``names`` asks ``name``
        except OSError as error:
            answers.append(Asked(said, error=str(error)))
            continue
        answers.append(Asked(said, answer))
    return answers


def _batched(paths: Sequence[Path], workers: int) -> dict[int, list[dict[str, Any]]]:
    """Siegfried's matches for the files of ``paths`` (by their place) that are not empty and no
    larger than ``SAMPLE``, ``BATCH`` at a time by ``workers`` Go threads; a file missing from the
    answer could not be read in its batch (or its batch was refused) and is for the caller to ask
    about alone."""
    found: dict[int, list[dict[str, Any]]] = {}
    small = []
    for at, path in enumerate(paths):
        with contextlib.suppress(OSError):  # asked about alone, which says why
            if 0 < path.stat().st_size <= SAMPLE:
                small.append(at)
    for start in range(0, len(small), BATCH):
        batch = small[start:start + BATCH]
        try:
            result = pygfried.identify_many([str(paths[at]) for at in batch], workers=workers)
        except (pygfried.GoError, ValueError):  # a name it cannot take, say: each file of the batch alone
            continue
        answers = {entry["filename"]: entry for entry in result.get("files") or []}
        for at in batch:
            entry = answers.get(str(paths[at]))
            if entry is not None and not entry.get("errors"):
                found[at] = [dict(m) for m in entry.get("matches") or []]
    return found


class Apart:
    """Siegfried in a process of its own: ``tool``, ``names`` and ``ask`` are answered there. Its
    signatures and Go heap (80 MB, then up to 15 MB more, never given back) end with the process:
    loaded into the run's own process, they would sit on top of what the books and the index left
    there while PREMIS, METS and the bag are written; loaded into each document worker, once per
    worker while the documents are converted.

    The process is started at once and waits as a bare interpreter (about 10 MB): the first question
    loads the signatures (a tenth of a second), so it can be started ahead of its questions, as the
    document workers are. ``fresh`` ends the process, with its signatures, and starts a bare one in
    its place: for the documents stage, whose workers convert between its questions."""

    def __init__(self) -> None:
        self._pool, self._up = self._waiting()

    @staticmethod
    def _waiting() -> tuple[ProcessPoolExecutor, Future[int]]:
        pool = spawned_pool(1)
        with children_without_sigint():  # the first submit starts the process
            up = pool.submit(os.getpid)
        return pool, up

    def ready(self) -> None:
        """Wait until the process is up, its signatures not loaded yet (for a benchmark that times
        what comes after, as the CLI starts it well ahead of its questions)."""
        self._up.result()

    def __enter__(self) -> Apart:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        end_pool(self._pool, failed=kind is not None)

    def fresh(self) -> None:
        """End the process, its signatures and heap with it, and start a bare one in its place."""
        self.close()
        self._pool, self._up = self._waiting()

    def close(self) -> None:
        """End the process, its signatures and heap with it (closing again does nothing)."""
        end_pool(self._pool, failed=False)

    def tool(self) -> str:
        """``tool()``, asked there."""
        return self._pool.submit(tool).result()

    def names(self, paths: Sequence[Path], workers: int = 1) -> list[Match | None]:
        """``names(paths, workers)``, asked there."""
        return self._pool.submit(names, list(paths), workers).result()

    def ask(self, paths: Sequence[Path], workers: int = 1) -> list[Asked]:
        """``ask(paths, workers)``, asked there."""
        return self._pool.submit(ask, list(paths), workers).result()


def match(path: Path) -> Match | None:
    """PRONOM's identification of ``path`` by its content, or None if no signature matches the
    bytes (unknown, or known only by its name). ``path`` must not be empty (Siegfried refuses).

    Raises OSError if the file cannot be read.
    """
    return _first(_matches(path), by_name=False)


def _by_content_or_name(matches: list[dict[str, Any]]) -> Match | None:
    """The first match by content, else the first by name (``name``'s rule)."""
    return _first(matches, by_name=False) or _first(matches, by_name=True)


def _first(matches: list[dict[str, Any]], by_name: bool) -> Match | None:
    """The first PRONOM match; one that rests on the name alone only if ``by_name``."""
    for found in matches:
        puid = found.get("id") or ""
        warning = found.get("warning") or ""
        if found.get("ns") != "pronom" or puid in ("", "UNKNOWN"):
            continue
        if not by_name and any(w in warning for w in _NAME_ONLY):
            continue
        return Match(
            puid=puid,
            name=found.get("format") or puid,
            version=found.get("version") or None,
            mime=(found.get("mime") or "").split(",")[0].strip() or None,
            basis="; ".join(b for b in (found.get("basis"), found.get("warning") if by_name else None) if b),
        )
    return None


def _matches(path: Path) -> list[dict[str, Any]]:
    """Siegfried's matches for ``path``. Siegfried reads a text file whole into memory to tell
    that it is text (a million postings' JSONL is 720 MB, and so was the process's growth); a
    text file larger than ``SAMPLE`` is identified from its beginning instead, cut at a line's end
    and copied under its own name, and every match's basis says so. A text format's signatures
    are at its beginning; binary files (PDF, ZIP containers) are read where their signatures
    point, so they are always given whole."""
    size = path.stat().st_size
    if size <= SAMPLE:  # most files: Siegfried reads them, this process does not
        return _identify(str(path))
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE)
    if b"\0" in head[:_TEXT_PROBE]:
        return _identify(str(path))
    cut = head.rfind(b"\n") + 1 or SAMPLE
    with tempfile.TemporaryDirectory(prefix="pronom-") as folder:
        sample = Path(folder) / path.name
        sample.write_bytes(head[:cut])
        matches = _identify(str(sample))
    note = f"identified from its first {cut:,} bytes (a text file of {size:,})"
    return [{**m, "basis": "; ".join(b for b in (m.get("basis"), note) if b)} for m in matches]


def _identify(path: str) -> list[dict[str, Any]]:
    try:
        result = pygfried.identify(path, detailed=True)
    except pygfried.GoError as error:  # Siegfried's own read errors
        raise OSError(f"Siegfried could not read the file: {error}") from error
    files = result.get("files") or []
    return [dict(found) for found in files[0].get("matches") or []] if files else []
