"""LibreOffice, headless, as a converter: one office document in, one PDF/A-2 file out.

``Office`` is a session owned by one worker: a private folder with the LibreOffice user profile
(two soffice processes on one profile clash), used by one ``soffice`` at a time, and removed when
the session ends. The profile is written before the first run with the settings an archive needs:
macros never run (highest macro security and macro execution switched off; a conversion from the
command line loads documents without running their macros in any case), no backups, no
recovery of earlier sessions, no fetching of linked images or data from outside the document,
and a Danish locale for numbers whose cell has no format of its own.

Each conversion is one ``soffice --convert-to`` run in the process box (``_box``): a process group
of its own killed at the deadline, a CPU and memory limit, HOME and TMPDIR inside the session's
folder. The document is given to LibreOffice as a copy under a fixed name, so nothing in its
original name can be read as an option and the output's name is known.

LibreOffice's exit status proves little: a file it cannot read (a password, damage) makes it
print "source file could not be loaded" and exit 0 without output. Callers check the output.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path
from typing import Final

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe, Program, ProgramMissing

PROBE: Final = Probe(
    title="LibreOffice",
    names=("soffice", "libreoffice"),
    package="libreoffice-writer-nogui",
    version_pattern=r"LibreOffice ([\d.]+)",
    env_var="XENA2ARCHIVE_SOFFICE",
)

# PDF export filters, by the kind of document LibreOffice loads the file as. Version 2 is
# PDF/A-2b.
WRITER: Final = "writer_pdf_Export"
CALC: Final = "calc_pdf_Export"
IMPRESS: Final = "impress_pdf_Export"

# The user profile's settings (LibreOffice's configuration layer). MacroSecurityLevel 3 is "very
# high": only macros from trusted locations, of which there are none; DisableMacrosExecution
# switches macros off altogether. BlockUntrustedRefererLinks keeps LibreOffice from loading
# images and other data that a document links to outside itself. The locale is Danish, as the
# bookkeeper's own machine most likely was: a number in a "General" cell is printed as Excel
# showed it there (1234,5), whatever the locale of the machine that makes the archive.
_SETTINGS: Final = (
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", "da-DK"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
    ("/org.openoffice.Office.Common/Save/Document", "CreateBackup", "false"),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
    ("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled", "false"),
)
_UNREADABLE: Final = "source file could not be loaded"


class OfficeFailed(Exception):
    """LibreOffice ran but left no output. ``unreadable`` when it said it could not load the
    document (damage, a password, a format it does not know)."""

    def __init__(self, message: str, *, unreadable: bool, output: str) -> None:
        super().__init__(message)
        self.unreadable = unreadable
        self.output = output


@functools.cache
def locate() -> Program:
    """soffice and its version (cached per process). Raises ProgramMissing."""
    return PROBE.locate()


def pdf_filter(export: str) -> str:
    """The ``--convert-to`` argument for a PDF/A-2b copy with ``export`` (WRITER, CALC, IMPRESS).
    A spreadsheet gets each sheet on one page of its own size, so no column or row is cut off
    at a page edge."""
    options = ['"SelectPdfVersion":{"type":"long","value":"2"}']
    if export == CALC:
        options.append('"SinglePageSheets":{"type":"boolean","value":"true"}')
    return f"pdf:{export}:{{{','.join(options)}}}"


class Office:
    """A worker's LibreOffice: its private profile folder, created on first use, and the runs.

    Use as a context manager (or call ``close``); the folder goes with it.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _home(self) -> Path:
        """The session's folder, with a profile that has our settings, made on first use."""
        if self._folder is None:
            folder = Path(tempfile.mkdtemp(prefix="xena2archive-office-"))
            user = folder / "profile" / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(_registry(), encoding="utf-8")
            (folder / "tmp").mkdir()
            self._folder = folder
        return self._folder

    def convert(
        self, source: Path, suffix: str, target_filter: str, work: Path, *, timeout_s: float, memory_mb: int
    ) -> tuple[Path, str]:
        """Convert ``source`` with ``--convert-to target_filter`` (``pdf_filter(...)`` or e.g.
        ``xlsx``) into ``work``. ``suffix`` (".docx") is the name LibreOffice sees the copy
        under. Returns the output file and LibreOffice's messages.

        Raises ProgramMissing, _box.ProgramTimeout, OfficeFailed.
        """
        soffice = locate()
        home = self._home()
        inbox = work / "office-in"
        outbox = work / "office-out"
        inbox.mkdir(exist_ok=True)
        outbox.mkdir(exist_ok=True)
        document = inbox / f"document{suffix}"
        shutil.copyfile(source, document)
        extension = target_filter.split(":", 1)[0]
        output = outbox / f"document.{extension}"
        output.unlink(missing_ok=True)
        command = [
            soffice.executable,
            f"-env:UserInstallation={(home / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", target_filter, "--outdir", str(outbox), str(document),
        ]  # fmt: skip
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "TMPDIR": str(home / "tmp"),
            "LANG": "C.UTF-8",
            "SAL_DISABLE_JAVALDX": "1",
        }
        try:
            done = _box.run(
                command, _box.Box(memory_mb=memory_mb, cpu_s=int(timeout_s) + 5),
                cwd=home, timeout_s=timeout_s, env=env,
            )  # fmt: skip
        except OSError as error:
            raise ProgramMissing(f"could not start LibreOffice: {error}") from error
        finally:
            document.unlink(missing_ok=True)
        messages = _quiet(done.stdout)
        if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
            unreadable = _UNREADABLE in messages
            what = "could not read the document" if unreadable else f"{done.ended} and wrote no output"
            raise OfficeFailed(f"LibreOffice {what}: {_last(messages)}", unreadable=unreadable, output=messages)
        return output, messages


def _registry() -> str:
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in _SETTINGS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n"
    )


def _quiet(text: str) -> str:
    """LibreOffice's messages without its chatter about Java (which we do not use)."""
    return "\n".join(line for line in text.splitlines() if "javaldx" not in line and line.strip())


def _last(text: str) -> str:
    lines = text.splitlines()
    return lines[-1][:300] if lines else "no message"
