"""What the libraries say while one document is converted, caught and turned into notes.

Pillow, fontTools (under pikepdf's PDF/A checks), WeasyPrint, extract-msg and the C libraries
below them (libheif, Pango, fontconfig) speak in three ways: Python warnings, log records, and
text written straight to the process's standard error. Left alone, all three reach the user's
terminal raw ("too much 'hmtx' table data"), without saying which file they are about. Here each
is caught for the one document being converted and handed back as sentences that the result's
reasons carry into the report, with the document named there.

Messages that mean nothing for the archive are dropped: WeasyPrint's "failed to load" for a URL
our offline fetcher refused (the rendering's own note lists those), log records below WARNING,
and the warnings Python itself hides by default (deprecations, unclosed files: for developers).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from typing import Final

from xena2archive import findings as F
from xena2archive.findings import Finding
_MAX_NOTES: Final = 8
_MAX_LENGTH: Final = 300
_DEVELOPERS_ONLY: Final = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
_MEANINGLESS: Final = ("xena2archive fetches nothing", "Relative URI reference without a base URI")


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a library's malformed log call must not stop the conversion
            text = str(record.msg)
        self.sink.append(f"{record.name.split('.')[0]}: {text}")


@contextlib.contextmanager
def captured(notes: list[Finding], *, replace: tuple[tuple[str, str], ...] = ()) -> Iterator[None]:
    """Catch warnings, log records (WARNING and up) and standard-error output in the block, and
    append them to ``notes`` as distinct sentences (at most a few; the rest counted).
    ``replace``: (text, by) pairs applied to each message, e.g. a temporary path by the
    document's name."""
    said: list[str] = []
    handler = _Collect(said)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught, _stderr_into(said):
            warnings.simplefilter("always")
            for chatter in _DEVELOPERS_ONLY:  # ignored by Python's default filters too
                warnings.simplefilter("ignore", chatter)
            yield
    finally:
        root.removeHandler(handler)
        said.extend(f"{w.category.__name__}: {w.message}" for w in caught)
        notes.extend(_sentences(said, replace))


def _sentences(said: list[str], replace: tuple[tuple[str, str], ...]) -> list[Finding]:
    distinct: list[str] = []
    for text in said:
        for old, new in replace:
            text = text.replace(old, new)
        text = " ".join(text.split())
        if not text or any(m in text for m in _MEANINGLESS) or text in distinct:
            continue
        distinct.append(text[:_MAX_LENGTH] + ("..." if len(text) > _MAX_LENGTH else ""))
    shown = [F.DOC_LIBRARY_SAID("", message=text) for text in distinct[:_MAX_NOTES]]
    if len(distinct) > _MAX_NOTES:
        shown.append(F.DOC_LIBRARY_MORE("", count=len(distinct) - _MAX_NOTES))
    return shown


@contextlib.contextmanager
def _stderr_into(said: list[str]) -> Iterator[None]:
    """Point file descriptor 2 at a temporary file for the block: C libraries write there
    directly, past Python's ``sys.stderr``. Each non-empty line becomes a message."""
    with tempfile.TemporaryFile() as sink:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read(64 * 1024).decode("utf-8", errors="replace")
            said.extend(line.strip() for line in text.splitlines() if line.strip())


def silenced() -> contextlib.AbstractContextManager[None]:
    """For checks whose verdict is all that counts (``verify``): library chatter is dropped."""
    return captured([])
