"""Headless Chromium for looking at the index: screenshots for the demo, DOM and console for tests.

Chromium is optional (``apt-get install chromium``); nothing in the conversion needs it. Each run
gets a fresh throw-away profile, no network, no first-run dialogs, and runs in the process box of
``_exec._box`` (ended with its whole process group if it does not finish in time; no memory limit,
as Chromium reserves far more address space than it uses).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe

PROBE: Final = Probe(
    title="Chromium",
    names=("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"),
    package="chromium",
    env_var="XENA2ARCHIVE_CHROMIUM",
)


class BrowserMissing(RuntimeError):
    """No Chromium on this machine."""


def find_chromium() -> str | None:
    """``$XENA2ARCHIVE_CHROMIUM``, else the first Chromium or Chrome on the PATH."""
    return PROBE.which()


@dataclass
class Run:
    stdout: str
    stderr: str
    returncode: int

    @property
    def console(self) -> list[str]:
        """The page's console messages (errors, warnings, logs) as Chromium logged them."""
        return [line for line in self.stderr.splitlines() if ":CONSOLE" in line]


def _run(html: Path, *args: str, timeout: float = 90, fragment: str = "") -> Run:
    binary = find_chromium()
    if binary is None:
        raise BrowserMissing("Chromium is not installed (apt-get install chromium)")
    address = Path(html).resolve().as_uri() + (f"#{fragment}" if fragment else "")
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


def dump_dom(html: Path, *args: str, timeout: float = 90) -> Run:
    """Load a page and return the DOM Chromium built (``stdout``) and what it logged (``console``);
    ``args`` are more of Chromium's switches."""
    return _run(html, *args, "--dump-dom", timeout=timeout)


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


def screenshots(data: Path, folder: Path) -> list[Path]:
    """The demo's pictures of an archive's index: the front page (Danish and English), the first
    voucher page and the first trial balance, as PNGs in ``folder``."""
    data, folder = Path(data), Path(folder)
    wanted = [("index.html", "forside.png"), ("index.en.html", "front-page.png")]
    vouchers = sorted((data / "index" / "bilag").glob("*/0001.html"))
    if vouchers:
        wanted.append((str(vouchers[0].relative_to(data)), "bilag.png"))
    balances = sorted((data / "index" / "raabalance").glob("*.html"))
    if balances:
        wanted.append((str(balances[0].relative_to(data)), "raabalance.png"))
    return [screenshot(data / page, folder / name) for page, name in wanted]
