"""The one wrapper around the Ghostscript binary: paths in, a finished run or a typed error out.

Ghostscript embeds every font (which pikepdf cannot do) and writes PDF/A-2. Its exit status
proves little: on input it cannot read it may still exit 0 and write a blank page, so callers
check the output themselves (``convert.py``) and validate it (``pdfa.py``).

Each run is boxed (``_box``): argument list (no shell), ``-dSAFER`` with read permission for
exactly the ICC profile (and a session's own folder), its own process session so a time-out kills
the whole process group, an address-space and CPU limit set in the child before ``exec``, no core
dumps, and a working directory of its own. A time-out is wall-clock, per document.

Starting Ghostscript costs about as much CPU as converting a short voucher with it, so with a
``Reuse`` (each worker of ``pool.py`` owns one) one Ghostscript process converts document after
document (``_Session``). The session is only a faster way to the same bytes: it runs nothing but
the PDF interpreter, and only on files that start with the PDF header (which a Ghostscript of
their own would read with that same interpreter). Anything other than a clean finish (an error, a
crash, no output) ends the session and the document is run again in a Ghostscript of its own,
whose result and messages are then the ones reported.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import importlib.resources
import os
import re
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe, ProgramMissing

PROBE: Final = Probe(title="Ghostscript (gs)", names=("gs",), package="ghostscript")

_ICC_CANDIDATES: Final = (
    "/usr/share/color/icc/ghostscript/srgb.icc",  # Debian, Ubuntu
    "/usr/share/ghostscript/*/iccprofiles/srgb.icc",  # Fedora, Arch, upstream install
    "/usr/local/share/ghostscript/*/iccprofiles/srgb.icc",  # built from source
    "/opt/homebrew/share/ghostscript/*/iccprofiles/srgb.icc",  # macOS
)
_OUTPUT_LIMIT: Final = _box.OUTPUT_LIMIT
_BANNER: Final = re.compile(r"^(GPL )?Ghostscript [\d.]+:\s*")
_MEMORY_TROUBLE: Final = re.compile(
    r"VMerror|failed to map segment|out of memory|Cannot allocate memory", re.I
)
# gs keeps caches from every document it reads (about 0.5 MB for a 14-page text PDF), so a
# session is replaced after this many documents, which keeps it small and its start-up cheap.
_JOBS_PER_SESSION: Final = 25
# gs stamps the clock into the output; SOURCE_DATE_EPOCH keeps it still. The dates are rewritten
# afterwards anyway (pdfa.py), this only keeps the intermediate file repeatable.
_SOURCE_DATE_EPOCH: Final = "946684800"

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
    try:
        gs = PROBE.locate()
    except ProgramMissing as error:
        raise GhostscriptMissing(str(error)) from error
    return Ghostscript(executable=gs.executable, version=gs.version, icc=_find_icc(gs.executable))


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
    path = directory / "PDFA_def.ps"
    path.write_text(_PDFA_DEF.format(icc=_ps_string(gs.icc)), encoding="latin-1")
    return path


def _ps_string(path: Path) -> str:
    """``path`` as the inside of a PostScript string literal."""
    return str(path).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdfa_command(gs: Ghostscript, pdfa_def: Path, source: Path, output: Path) -> list[str]:
    """The Ghostscript command line for a PDF/A-2 copy of ``source``.

    ``%`` in the output name is a page-number template to gs, so it is doubled. Paths are made
    absolute so none can be read as an option.
    """
    return [
        *_options(gs),
        "-dBATCH",
        "-sOutputFile=" + str(output.absolute()).replace("%", "%%"),
        str(pdfa_def.absolute()),
        str(source.absolute()),
    ]


def _options(gs: Ghostscript) -> list[str]:
    """What every run of ours starts with: PDF/A-2, RGB, safe mode with read permission for the
    ICC profile. ``-dAutoRotatePages=/None`` keeps each page's rotation as the original has it
    (gs would otherwise turn pages to follow the text)."""
    return [
        gs.executable,
        "-dPDFA=2",
        "-dPDFACompatibilityPolicy=1",
        "-dNOPAUSE",
        "-dQUIET",
        "-dSAFER",
        "-dAutoRotatePages=/None",
        "-sDEVICE=pdfwrite",
        "-sColorConversionStrategy=RGB",
        f"--permit-file-read={gs.icc}",
    ]


def run_pdfa(
    source: Path, output: Path, workdir: Path, *, timeout_s: float, memory_mb: int, reuse: Reuse | None = None
) -> str:
    """Run Ghostscript to write a PDF/A-2 copy of ``source`` to ``output``.

    Returns Ghostscript's messages (see ``notable``). Raises GhostscriptMissing,
    GhostscriptTimeout or GhostscriptFailed; a zero exit with an output file is not proof of a
    good copy. With ``reuse`` the copy is made by its Ghostscript session when it can be; the
    result is the same.
    """
    gs = locate()
    if reuse is not None and _starts_as_pdf(source):
        try:
            return reuse.session(gs, memory_mb=memory_mb, timeout_s=timeout_s).run(source, output, timeout_s)
        except _SessionEnded:
            reuse.end()  # and run it again on its own, below
        except BaseException:  # a time-out, or the worker is being stopped: gs may be busy
            reuse.end(kill=True)
            raise
    return _run_alone(gs, source, output, workdir, timeout_s=timeout_s, memory_mb=memory_mb)


def _starts_as_pdf(source: Path) -> bool:
    """True if the file starts with the PDF header: then Ghostscript's ``run`` (what a run alone
    uses) hands it straight to ``runpdf`` (what a session uses). Anything else (PostScript, bytes
    before the header) is read by ``run`` in other ways, so it is never given to a session."""
    try:
        with source.open("rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False


def _run_alone(
    gs: Ghostscript, source: Path, output: Path, workdir: Path, *, timeout_s: float, memory_mb: int
) -> str:
    """One Ghostscript process for one document, with ``workdir`` as its working folder."""
    pdfa_def = write_pdfa_def(gs, workdir)
    command = pdfa_command(gs, pdfa_def, source, output)
    try:
        done = _box.run(
            command,
            _box.Box(memory_mb=memory_mb, cpu_s=int(timeout_s) + 5),
            cwd=workdir,
            timeout_s=timeout_s,
            env={**os.environ, "SOURCE_DATE_EPOCH": _SOURCE_DATE_EPOCH},
        )
    except OSError as error:
        raise GhostscriptMissing(f"could not start Ghostscript: {error}") from error
    except _box.ProgramTimeout as error:
        raise _timeout(timeout_s) from error
    text = done.stdout
    if done.returncode != 0:
        raise GhostscriptFailed(
            f"Ghostscript {done.ended}: {_last_error(text)}", returncode=done.returncode, output=text
        )
    if not output.is_file() or output.stat().st_size == 0:
        raise GhostscriptFailed(
            f"Ghostscript wrote no output: {_last_error(text)}", returncode=0, output=text
        )
    return text


def _timeout(timeout_s: float) -> GhostscriptTimeout:
    return GhostscriptTimeout(f"Ghostscript took longer than {timeout_s:g} s and was stopped")


class Reuse:
    """One Ghostscript process kept for document after document, by whoever owns this: a worker
    that converts many documents one at a time. ``current`` is the running session, if any.

    Use as a context manager (or call ``end``): the process is ended when the block is left.
    """

    def __init__(self) -> None:
        self.current: _Session | None = None

    def __enter__(self) -> Reuse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.end()

    def session(self, gs: Ghostscript, *, memory_mb: int, timeout_s: float) -> _Session:
        """The session for these limits, started (or replaced) when needed."""
        if self.current is not None and not self.current.fits(memory_mb, timeout_s):
            self.end()
        if self.current is None:
            self.current = _Session(gs, memory_mb=memory_mb, timeout_s=timeout_s)
        return self.current

    def end(self, *, kill: bool = False) -> None:
        """End the session: ``kill`` it if it may be busy."""
        if self.current is not None:
            self.current.close(kill=kill)
            self.current = None


class _SessionEnded(Exception):
    """The session did not finish the document cleanly; it is ended and the document run alone."""


class _Session:
    """One Ghostscript process that converts document after document, told what to do on stdin.

    It reads and writes only in a folder of its own: each source is linked (or copied) in as
    ``in.pdf``, its copy is written there as ``out.pdf`` and then moved to where the caller wants
    it. Each document is read with ``runpdf``, Ghostscript's PDF interpreter, which runs no
    PostScript: what a file holds cannot change how the session treats the next one. After each
    document the output is switched to a spare file, which closes the copy. A random token marks
    the end of each document's messages and says whether it finished.
    """

    def __init__(self, gs: Ghostscript, *, memory_mb: int, timeout_s: float) -> None:
        self.limits = (memory_mb, timeout_s)
        self.documents = 0
        self.folder = Path(tempfile.mkdtemp(prefix="xena2archive-gs-"))
        self.source = self.folder / "in.pdf"
        self.output = self.folder / "out.pdf"
        self.token = secrets.token_hex(16)
        self.end = re.compile(rb"\n" + self.token.encode() + rb" (done|failed)\n\Z")
        spare = self.folder / "spare.pdf"
        self.command = (
            f"{{ << /OutputFile ({_ps_string(self.output)}) >> setpagedevice "
            f"({_ps_string(write_pdfa_def(gs, self.folder))}) run "
            f"({_ps_string(self.source)}) (r) file runpdf "
            f"<< /OutputFile ({_ps_string(spare)}) >> setpagedevice }} stopped "
            f"{{ (\\n{self.token} failed\\n) }} {{ (\\n{self.token} done\\n) }} ifelse print flush\n"
        ).encode()
        try:
            self.process = _box.start(
                [
                    *_options(gs),
                    "-dNOPROMPT",
                    f"--permit-file-read={self.folder}/",
                    f"--permit-file-write={self.folder}/",
                    "-sOutputFile=" + str(spare).replace("%", "%%"),
                ],
                _box.Box(memory_mb=memory_mb, cpu_s=(int(timeout_s) + 5) * _JOBS_PER_SESSION),
                cwd=self.folder,
                env={**os.environ, "SOURCE_DATE_EPOCH": _SOURCE_DATE_EPOCH},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise _SessionEnded(f"could not start Ghostscript: {error}") from error

    def fits(self, memory_mb: int, timeout_s: float) -> bool:
        return (
            self.limits == (memory_mb, timeout_s)
            and self.documents < _JOBS_PER_SESSION
            and self.process.poll() is None
        )

    def run(self, source: Path, output: Path, timeout_s: float) -> str:
        """Ghostscript's copy of ``source`` at ``output``, and its messages with the paths it saw
        put back to the caller's. Raises GhostscriptTimeout, or _SessionEnded for anything else."""
        self.documents += 1
        try:
            try:
                os.link(source, self.source)
            except OSError:
                shutil.copyfile(source, self.source)
            assert self.process.stdin is not None
            self.process.stdin.write(self.command)
            self.process.stdin.flush()
            text = self._messages(time.monotonic() + timeout_s, timeout_s)
            self.source.unlink()
            shutil.move(self.output, output)
        except OSError as error:
            raise _SessionEnded(str(error)) from error
        return text.replace(str(self.source), str(source.absolute())).replace(
            str(self.output), str(output.absolute())
        )

    def _messages(self, deadline: float, timeout_s: float) -> str:
        """What gs printed for this document, once the token says it finished cleanly."""
        assert self.process.stdout is not None
        answer = bytearray()
        while (found := self.end.search(answer, max(0, len(answer) - 100))) is None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.process.stdout], [], [], left)[0]:
                raise _timeout(timeout_s)
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise _SessionEnded("Ghostscript ended")
            answer += chunk
            if len(answer) > 2 * _OUTPUT_LIMIT:  # a flood of messages: keep the start and the end
                del answer[_OUTPUT_LIMIT:-200]
        if found.group(1) != b"done" or not self.output.is_file() or self.output.stat().st_size == 0:
            raise _SessionEnded("the document did not finish")
        return bytes(answer[: min(found.start(), _OUTPUT_LIMIT)]).decode("utf-8", errors="replace")

    def close(self, *, kill: bool) -> None:
        """End gs: ``kill`` it (it may be busy), or let it quit (it is idle, or already gone),
        killing it only if it does not. Its folder goes with it."""
        assert self.process.stdin is not None and self.process.stdout is not None
        if not kill:
            with contextlib.suppress(OSError):
                self.process.stdin.write(b"quit\n")
                self.process.stdin.flush()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                kill = True
        if kill:
            _box.kill_group(self.process)
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        shutil.rmtree(self.folder, ignore_errors=True)


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


def _last_error(text: str) -> str:
    """The most telling line of Ghostscript's output, for a one-line reason."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "error" in line.lower():
            return line[:300]
    return lines[-1][:300] if lines else "no message"
