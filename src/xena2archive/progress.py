"""What the terminal shows of a long run: each stage as it begins, and a count with a bar where
the total is known (table rows written of all, documents done of all, octets hashed of all).

The stages are told a ``Progress``: calling it names a step (``progress("index: vouchers")``),
and ``progress.counting(what, total)`` gives a function to call as the work advances
(``counted`` calls it for the items of a long stream, a few at a time). Which
display a run gets is chosen once, by the CLI, with ``for_stderr``: bars on a terminal (tqdm, as
OCRmyPDF shows them), plain lines when stderr is a file or a pipe (a batch's log), nothing with
``--quiet``. A leaf module: it imports nothing of the package.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

Advance = Callable[[int], None]
T = TypeVar("T")
EVERY = 10_000  # items of a stream told at once: often enough for a bar, rare enough to cost nothing


def counted(items: Iterable[T], advance: Advance | None, every: int = EVERY) -> Iterable[T]:
    """``items`` unchanged, telling ``advance`` how many have passed, ``every`` at a time and the
    rest at the end (also when the stream stops early); without ``advance``, ``items`` itself."""
    return items if advance is None else _counting(items, advance, every)


def _counting(items: Iterable[T], advance: Advance, every: int) -> Iterator[T]:
    n = 0
    try:
        for item in items:
            yield item
            n += 1
            if n == every:
                advance(n)
                n = 0
    finally:
        if n:
            advance(n)


class Progress:
    """Shows nothing: the default of a program that calls the API, and of ``--quiet``."""

    def __call__(self, step: str) -> None:
        """A stage, or a step of one, begins."""

    @contextlib.contextmanager
    def counting(self, what: str, total: int, unit: str = "", done: int = 0) -> Iterator[Advance]:
        """``advance(n)`` as ``n`` more of ``total`` are done (``unit`` "B" counts octets); ``done``
        were done before the count is shown (work that began earlier), and count in no rate."""
        yield lambda n: None

    def close(self) -> None:
        """The run is over: clear whatever is still shown."""


class Lines(Progress):
    """Plain lines, for a log: one per step, and one when a count is done with its rate."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def _say(self, text: str) -> None:
        print(f"xena2archive: {text}", file=self.stream, flush=True)

    def __call__(self, step: str) -> None:
        self._say(step)

    @contextlib.contextmanager
    def counting(self, what: str, total: int, unit: str = "", done: int = 0) -> Iterator[Advance]:
        before, started = done, time.monotonic()

        def advance(n: int) -> None:
            nonlocal done
            done += n

        yield advance
        seconds = max(time.monotonic() - started, 1e-9)
        now, rate = done - before, (done - before) / seconds
        if unit == "B":
            self._say(f"{what}: {done / 1e6:,.1f} MB in {seconds:.1f} s ({rate / 1e6:,.1f} MB/s)")
            return
        text = f"{what}: {done:,} of {total:,}"
        if before:
            text += f" ({before:,} of them earlier)" if now else " (done earlier)"
        self._say(text + (f" in {seconds:.1f} s ({rate:,.1f}/s)" if now or not before else ""))


class Bars(Progress):
    """On a terminal: the step on one line that is rewritten, and a bar for each count."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, step: str) -> None:
        print(f"\r\033[K… {step}", end="", file=self.stream, flush=True)

    @contextlib.contextmanager
    def counting(self, what: str, total: int, unit: str = "", done: int = 0) -> Iterator[Advance]:
        from tqdm import tqdm

        print("\r\033[K", end="", file=self.stream, flush=True)
        octets = unit == "B"
        with tqdm(total=total, initial=done, desc=what, unit=unit or " ", unit_scale=octets,
                  unit_divisor=1024 if octets else 1000, file=self.stream, leave=False, dynamic_ncols=True,
                  mininterval=0.2) as bar:
            yield bar.update

    def close(self) -> None:
        print("\r\033[K", end="", file=self.stream, flush=True)


def for_stderr(quiet: bool) -> Progress:
    """The display for this process's stderr: nothing, bars on a terminal, else plain lines."""
    if quiet:
        return Progress()
    return Bars(sys.stderr) if sys.stderr.isatty() else Lines(sys.stderr)
