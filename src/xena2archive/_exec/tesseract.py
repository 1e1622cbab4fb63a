"""Tesseract, the OCR engine: found and asked for its version and languages apart from running it
(``PROBE``, ``locate``, ``languages``), and run on one page image in the process box (``hocr``).

OCRmyPDF decides which pages to read, renders them and lays the text under the picture
(``documents/ocr.py``); the one program it starts for that, Tesseract, it starts through here
(``documents/ocr_plugin.py``), so that each run is boxed like Ghostscript's: an argument list, a
process group of its own killed at the deadline, a memory and CPU limit, death with its worker.

One thread (``OMP_THREAD_LIMIT=1``): a worker is one of ``--jobs`` already, and Tesseract's
results need not be the same with another number of threads. Same input, same words.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe, Program, ProgramMissing

PROBE: Final = Probe(
    title="Tesseract",
    names=("tesseract",),
    package="tesseract-ocr",
    version_pattern=r"tesseract (\d+(?:\.\d+)*)",
    env_var="XENA2ARCHIVE_TESSERACT",
)


class TesseractFailed(Exception):
    """Tesseract ran but wrote no hOCR, or said it failed."""


@functools.cache
def locate() -> Program:
    """Tesseract and its version (cached per process). Raises ProgramMissing."""
    return PROBE.locate()


@functools.cache
def languages() -> frozenset[str]:
    """The languages whose data Tesseract has (``dan``, ``eng``, ...). Raises ProgramMissing."""
    try:
        done = subprocess.run(
            [locate().executable, "--list-langs"], capture_output=True, text=True, errors="replace",
            timeout=60, check=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as error:
        raise ProgramMissing(f"tesseract --list-langs did not work: {error}") from error
    lines = done.stdout.splitlines()[1:]  # the first says where the data is
    return frozenset(line.strip() for line in lines if line.strip())


def hocr(image: Path, output: Path, langs: Sequence[str], *, timeout_s: float, memory_mb: int) -> None:
    """Read the page ``image``; write the words with their boxes and confidences to ``output``
    (a ``.hocr`` file) and the plain text beside it (``.txt``).

    Raises ProgramMissing, _box.ProgramTimeout (after killing it), TesseractFailed.
    """
    prefix = output.with_suffix("")  # Tesseract adds .hocr and .txt itself
    command = [locate().executable, "-l", "+".join(langs), str(image), str(prefix), "hocr", "txt"]
    env = {"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1", "LANG": "C.UTF-8"}
    if data := os.environ.get("TESSDATA_PREFIX"):  # language data installed elsewhere than the package's
        env["TESSDATA_PREFIX"] = data
    box = _box.Box(memory_mb=memory_mb, cpu_s=int(timeout_s) + 5)
    try:
        done = _box.run(command, box, cwd=output.parent, timeout_s=timeout_s, env=env)
    except OSError as error:
        raise ProgramMissing(f"could not start Tesseract: {error}") from error
    if done.returncode != 0 or not output.is_file():
        last = done.stdout.strip().splitlines()[-1:] or ["no message"]
        raise TesseractFailed(f"Tesseract {done.ended} and wrote no hOCR: {last[0][:300]}")
