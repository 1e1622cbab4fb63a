"""Headless Chromium for looking at pages: screenshots for the demo, DOM and console for tests.

Chromium is optional (``apt-get install chromium``); nothing in the conversion needs it. Found by
its probe (``PROBE``, ``locate``) apart from running it. Each run gets a fresh throw-away
profile, no network, no first-run dialogs, and runs in the process box of ``_box`` (ended with
its whole process group if it does not finish in time; no memory limit, as Chromium reserves far
more address space than it uses).
"""

from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe, Program

PROBE: Final = Probe(
    title="Chromium",
    names=("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"),
    package="chromium",
    env_var="XENA2ARCHIVE_CHROMIUM",
)


@functools.cache
def locate() -> Program:
    """Chromium and its version (cached per process). Raises ProgramMissing."""
    return PROBE.locate()


@dataclass
class Run:
    stdout: str
    stderr: str
    returncode: int

    @property
    def console(self) -> list[str]:
        """The page's console messages (errors, warnings, logs) as Chromium logged them."""
        return [line for line in self.stderr.splitlines() if ":CONSOLE" in line]


def _run(html: Path, *args: str, timeout: float = 90, query: str = "", fragment: str = "") -> Run:
    """Run Chromium on ``html``, opened with ``?query`` (already URL-encoded) and at ``#fragment``."""
    binary = locate().executable
    address = Path(html).resolve().as_uri() + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="xena2archive-chromium-") as profile:
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-component-update", "--mute-audio", f"--user-data-dir={profile}",
            "--enable-logging=stderr", "--v=0", *args, address,
        ]
        try:
            done = _box.run(command, _box.Box(memory_mb=None, cpu_s=int(timeout) + 5), cwd=Path(profile),
                            timeout_s=timeout, stderr_apart=True, output_limit=None)
        except _box.ProgramTimeout:
            raise TimeoutError(f"Chromium did not finish {html} within {timeout} s") from None
    return Run(done.stdout, done.stderr, done.returncode)


def dump_dom(html: Path, *args: str, timeout: float = 90, query: str = "") -> Run:
    """Load a page (with ``?query``, already URL-encoded) and return the DOM Chromium built once the page
    and every script it added before its load event had loaded (``stdout``), and what it logged
    (``console``); ``args`` are more of Chromium's switches."""
    return _run(html, *args, "--dump-dom", timeout=timeout, query=query)


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 1800, timeout: float = 90) -> Path:
    """Save a PNG of the top of ``html`` as Chromium shows it in a ``width`` x ``height`` window."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    if png.exists():
        png.unlink()
    run = _run(html, f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars",
               timeout=timeout)
    if not png.is_file():
        raise RuntimeError(f"Chromium wrote no screenshot of {html} (exit {run.returncode}): {run.stderr[-2000:]}")
    return png


def print_pdf(html: Path, pdf: Path, fragment: str = "", timeout: float = 90) -> Path:
    """Print ``html`` (opened at ``#fragment``, if given) to ``pdf`` as Chromium prints it (A4 by the
    page's ``@page``, no header or footer)."""
    pdf = Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if pdf.exists():
        pdf.unlink()
    run = _run(html, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", timeout=timeout, fragment=fragment)
    if not pdf.is_file():
        raise RuntimeError(f"Chromium printed no PDF of {html} (exit {run.returncode}): {run.stderr[-2000:]}")
    return pdf
