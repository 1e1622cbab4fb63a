"""The one wrapper around the Ghostscript binary: paths in, a finished run or a typed error out.

Ghostscript embeds every font (which pikepdf cannot do) and writes PDF/A-2. Its exit status
proves little: on input it cannot read it may still exit 0 and write a blank page, so callers
check the output themselves (``convert.py``) and validate it (``pdfa.py``).

Each run is boxed: argument list (no shell), ``-dSAFER`` with read permission for exactly the ICC
profile, its own session so a time-out kills the whole process group, an address-space and CPU
limit set in the child before ``exec``, no core dumps, and a working directory of its own.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import importlib.resources
import os
import re
import resource
import select
import shutil
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xena2archive.documents.lifetime import die_with_parent

_ICC_CANDIDATES: Final = (
    "/usr/share/color/icc/ghostscript/srgb.icc",  # Debian, Ubuntu
    "/usr/share/ghostscript/*/iccprofiles/srgb.icc",  # Fedora, Arch, upstream install
    "/usr/local/share/ghostscript/*/iccprofiles/srgb.icc",  # built from source
    "/opt/homebrew/share/ghostscript/*/iccprofiles/srgb.icc",  # macOS
)
_OUTPUT_LIMIT: Final = 256 * 1024
_BANNER: Final = re.compile(r"^(GPL )?Ghostscript [\d.]+:\s*")
_MEMORY_TROUBLE: Final = re.compile(
    r"VMerror|failed to map segment|out of memory|Cannot allocate memory", re.I
)

# Our own prefix file. Debian's sample PDFA_def.ps works out /N at run time and, with
# -sColorConversionStrategy=RGB on gs 10.0, silently fails to read the profile. We always convert
# to RGB, so /N is 3. Without ``stopped`` around the read, a missing profile makes gs exit non-zero.
_PDFA_DEF: Final = """%!
% Written by xena2archive: PDF/A output intent with an sRGB profile.
/ICCProfile ({icc}) def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} << /N 3 >> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent
  /S /GTS_PDFA1
  /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB)
>> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFA}} ] >> /PUT pdfmark
"""


class GhostscriptError(Exception):
    """Ghostscript did not produce an output file we can look at."""


class GhostscriptMissing(GhostscriptError):
    """No ``gs`` on PATH, or no sRGB ICC profile to go with it."""


class GhostscriptTimeout(GhostscriptError):
    """The run took longer than allowed and was killed (with its process group)."""


class GhostscriptFailed(GhostscriptError):
    """Ghostscript exited non-zero, was killed by a signal, or wrote nothing.

    ``out_of_memory`` is True when the memory limit is the likely cause: gs reported a VMerror
    or could not map memory, or it was killed by a signal the limit typically brings.
    """

    def __init__(self, message: str, *, returncode: int, output: str) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.output = output
        self.out_of_memory = returncode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT) or bool(
            _MEMORY_TROUBLE.search(output)
        )


@dataclass(frozen=True)
class Ghostscript:
    """A located Ghostscript: the binary, its version and the sRGB profile to use."""

    executable: str
    version: str
    icc: Path

    @property
    def description(self) -> str:
        return f"Ghostscript {self.version}"


@functools.cache
def locate() -> Ghostscript:
    """Find ``gs`` and an sRGB ICC profile (cached per process). Raises GhostscriptMissing."""
    executable = shutil.which("gs")
    if executable is None:
        raise GhostscriptMissing("Ghostscript (gs) is not installed; install the 'ghostscript' package")
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GhostscriptMissing(f"{executable} --version did not work: {error}") from error
    return Ghostscript(executable=executable, version=done.stdout.strip(), icc=_find_icc(executable))


def _find_icc(executable: str) -> Path:
    """The sRGB profile Ghostscript ships, wherever this system put it; else pikepdf's copy."""
    prefix = Path(executable).resolve().parent.parent
    patterns = (*_ICC_CANDIDATES, str(prefix / "share/ghostscript/*/iccprofiles/srgb.icc"))
    for pattern in patterns:
        for candidate in sorted(glob.glob(pattern), reverse=True):  # newest version first
            if Path(candidate).is_file():
                return Path(candidate).resolve()
    bundled = importlib.resources.files("pikepdf") / "pdfa" / "data" / "sRGB.icc"
    if bundled.is_file():
        return Path(str(bundled)).resolve()
    raise GhostscriptMissing("no sRGB ICC profile found for Ghostscript's PDF/A output intent")


def write_pdfa_def(gs: Ghostscript, directory: Path) -> Path:
    """Write the PDF/A prefix file, holding the absolute ICC path, into ``directory``."""
    escaped = str(gs.icc).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    path = directory / "PDFA_def.ps"
    path.write_text(_PDFA_DEF.format(icc=escaped), encoding="latin-1")
    return path


def pdfa_command(gs: Ghostscript, pdfa_def: Path, source: Path, output: Path) -> list[str]:
    """The Ghostscript command line for a PDF/A-2 copy of ``source``.

    ``-dAutoRotatePages=/None`` keeps each page's rotation as the original has it (gs would
    otherwise turn pages to follow the text). ``%`` in the output name is a page-number template
    to gs, so it is doubled. Paths are made absolute so none can be read as an option.
    """
    return [
        gs.executable,
        "-dPDFA=2",
        "-dPDFACompatibilityPolicy=1",
        "-dBATCH",
        "-dNOPAUSE",
        "-dQUIET",
        "-dSAFER",
        "-dAutoRotatePages=/None",
        "-sDEVICE=pdfwrite",
        "-sColorConversionStrategy=RGB",
        f"--permit-file-read={gs.icc}",
        "-sOutputFile=" + str(output.absolute()).replace("%", "%%"),
        str(pdfa_def.absolute()),
        str(source.absolute()),
    ]


def run_pdfa(source: Path, output: Path, workdir: Path, *, timeout_s: float, memory_mb: int) -> str:
    """Run Ghostscript to write a PDF/A-2 copy of ``source`` to ``output``.

    Returns Ghostscript's messages (see ``notable``). Raises GhostscriptMissing,
    GhostscriptTimeout or GhostscriptFailed; a zero exit with an output file is not proof of a
    good copy.
    """
    gs = locate()
    pdfa_def = write_pdfa_def(gs, workdir)
    command = pdfa_command(gs, pdfa_def, source, output)
    log_path = workdir / "gs-output.txt"
    # gs stamps the clock into the output; SOURCE_DATE_EPOCH keeps it still. The dates are
    # rewritten afterwards anyway (pdfa.py), this only keeps the intermediate file repeatable.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "946684800"}
    with log_path.open("wb") as log:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                env=env,
                start_new_session=True,
                preexec_fn=_limit_child(memory_mb, timeout_s),  # noqa: PLW1509 - workers have no threads
            )
        except OSError as error:
            raise GhostscriptMissing(f"could not start Ghostscript: {error}") from error
        try:
            returncode = _wait(process, timeout_s)
        except BaseException:
            _kill_group(process)
            raise
        if returncode is None:
            _kill_group(process)
            raise GhostscriptTimeout(f"Ghostscript took longer than {timeout_s:g} s and was stopped")
    text = _read_log(log_path)
    if returncode != 0:
        if returncode < 0:
            what = f"was killed by signal {signal.Signals(-returncode).name}"
        else:
            what = f"exited with code {returncode}"
        raise GhostscriptFailed(
            f"Ghostscript {what}: {_last_error(text)}", returncode=returncode, output=text
        )
    if not output.is_file() or output.stat().st_size == 0:
        raise GhostscriptFailed(
            f"Ghostscript wrote no output: {_last_error(text)}", returncode=0, output=text
        )
    return text


def notable(text: str, limit: int = 8) -> list[str]:
    """Ghostscript's messages that tell the reader something was lost or repaired: content
    dropped because PDF/A does not permit it, and errors in the input it worked around.
    A message may span lines; continuation lines start with white space."""
    messages: list[str] = []
    for raw in text.splitlines():
        if raw[:1].isspace() and messages:
            messages[-1] += " " + raw.strip()
        elif raw.strip():
            messages.append(_BANNER.sub("", raw.strip()))
    keep: list[str] = []
    for message in messages:
        message = " ".join(message.replace("****", "").split())[:300]
        lowered = message.lower()
        if message in keep or "DOCINFO" in message:  # the metadata is rewritten anyway (pdfa.py)
            continue
        if "pdf/a" in lowered or "error" in lowered or "will not be present" in lowered:
            keep.append(message)
        if len(keep) == limit:
            break
    return keep


def _limit_child(memory_mb: int, timeout_s: float) -> Callable[[], None]:
    """Limits applied in the child between fork and exec. The CPU limit is a backstop for the
    wall-clock time-out; the address-space limit keeps a hostile file from eating the machine;
    and gs dies with the process that started it (it is in a session of its own, so a kill of
    the caller's process group would not reach it)."""
    memory = memory_mb * 1024 * 1024
    cpu = int(timeout_s) + 5
    parent = os.getpid()

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        die_with_parent(parent)

    return apply


def _wait(process: subprocess.Popen[bytes], timeout_s: float) -> int | None:
    """The exit status, or None after ``timeout_s``. ``Popen.wait(timeout)`` polls with sleeps
    of up to 50 ms, which costs a third of a typical run; a pidfd wakes us the moment gs exits."""
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # not Linux >= 5.3
        try:
            return process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return None
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout_s)
    finally:
        os.close(pidfd)
    return process.wait() if ready else None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _read_log(path: Path) -> str:
    with path.open("rb") as log:
        data = log.read(_OUTPUT_LIMIT)
    return data.decode("utf-8", errors="replace")


def _last_error(text: str) -> str:
    """The most telling line of Ghostscript's output, for a one-line reason."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "error" in line.lower():
            return line[:300]
    return lines[-1][:300] if lines else "no message"
