"""Many backups, one run each: what a batch runner needs from a single run, and no scheduler.

An accounting firm converts hundreds of backups with a runner it already has (``xargs -P``, GNU
``parallel``, a Kubernetes Indexed Job). Each run stays one backup; this module gives a run the
two things such a runner needs:

- ``--summary-json FILE``: one JSON line appended to FILE at the end of every run, whatever its
  outcome, so the runner (or ``tools/summaries``) can list what is done, what needs a look and
  what failed, and why. The line is written with one ``write`` on a file opened with
  ``O_APPEND``: parallel runs appending to one file on a local disk never mix their lines. (Over
  NFS, ``O_APPEND`` is not atomic between machines: there, give each run its own file.)
- **already archived**: a run whose ``out/`` already holds the archive of the *same* backup (the
  bag's ``External-Identifier`` is the zip's ``sha256:``, or the folder's ``manifest-sha256:``, and
  xena2archive made it) and that
  archive verifies does nothing and exits 0. A batch resumed after a crash thus redoes only the
  backups whose archive is missing (a killed run never leaves an ``out/``, see ``output``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, output
from .bag.check import check_complete, read_bag_info
from .errors import OutputProblem, UsageError, VerifyFailed, XenaArchiveError
from .layout import Layout
from .report import Report
from .source import FOLDER_IDENTIFIER, ZIP_IDENTIFIER, backup_identifier

SUMMARY_VERSION = 1  # bumped when a field of the summary line changes meaning
FINDINGS_SHOWN = 3  # warnings quoted in a summary line, so an overview can say why to look
DONE, ALREADY, FAILED = "archived", "already archived", "failed"


def already_archived(backup: Path, out: Path, *, quick: bool = False) -> dict[str, Any] | None:
    """The report of the archive in ``out`` if it is this backup's and it verifies; else None.

    None means "not an archive of ours at all" (missing, empty, or some other folder): the
    conversion then goes on and refuses a non-empty ``out`` as it always has. An archive of
    *another* zip is refused (exit 2), and an archive of this zip that fails verification is
    reported (exit 5) rather than silently rebuilt: something damaged it, and someone should know.
    ``quick`` checks only that every file is there with its size (Payload-Oxum), not the content.
    """
    output.restore_replaced(out)  # an archive a killed --force run had moved aside is put back
    if not (out / "bagit.txt").is_file():
        return None
    info = read_bag_info(out)
    identifier = info.get("External-Identifier", "")
    if not identifier.startswith((ZIP_IDENTIFIER, FOLDER_IDENTIFIER)) or \
            not info.get("Bag-Software-Agent", "").startswith("xena2archive"):
        return None
    try:
        ours = backup_identifier(backup)
    except (OSError, XenaArchiveError):
        return None  # the conversion names the unreadable backup as it always has
    if identifier != ours:
        raise UsageError(f"{out} holds the archive of another backup ({identifier}, made from "
                         f"{info.get('Internal-Sender-Identifier', 'an unknown file')}); choose another folder, "
                         "or add --force to replace it")
    if quick:
        problems = [str(p) for p in check_complete(out)]
    else:
        from .verify import verify

        problems = verify(out).problems
    report: dict[str, Any] = {}
    if not problems:
        try:
            report = json.loads((Layout(out).report).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems = [f"data/report.json: unreadable ({error})"]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise VerifyFailed(f"{out} holds the archive of this backup, but it fails verification: {problems[0]}{more}. "
                           f"See `xena2archive verify {out}`; add --force to build it again.")
    return report


@dataclass
class RunSummary:
    """What one run's summary line says, filled in as the run goes; written by :meth:`finish`."""

    backup: Path
    out: Path
    started: float = field(default_factory=time.monotonic)
    status: str = FAILED
    message: str | None = None
    report: dict[str, Any] = field(default_factory=dict)
    _fd: int | None = None

    def open_summary(self, path: Path | None) -> None:
        """Open the summary file now, so that a wrong path fails before the work, not after it."""
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputProblem(f"cannot write the summary file {path}: {error.strerror}") from error

    def converted(self, report: Report) -> None:
        self.status, self.report = DONE, report.to_json()

    def already(self, report: dict[str, Any]) -> None:
        self.status, self.report = ALREADY, report

    def record(self, exit_code: int) -> dict[str, Any]:
        """The summary line as data."""
        source = self.report.get("input", {})
        findings = self.report.get("findings", [])
        warnings = [f"{f['where']}: {f['message']}" for f in findings if f.get("severity") == "warning"]
        company = self.report.get("company", {})
        tool = self.report.get("tool") or {}
        return {
            "summary_version": SUMMARY_VERSION,
            "backup": str(self.backup.absolute()),
            "sha256": source.get("sha256") or _sha256_or_none(self.backup),
            "exit_code": exit_code,
            "status": self.status if exit_code <= 1 else FAILED,
            "message": self.message,
            "out": str(self.out.absolute()),
            "company": {"name": company.get("name"), "cvr": company.get("cvr")},
            "counts": self.report.get("summary", {}),
            "findings": len(findings),
            "first_warnings": warnings[:FINDINGS_SHOWN],
            "seconds": round(time.monotonic() - self.started, 3),
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tool": f"xena2archive {__version__}",
            "archived_by": f"{tool.get('name')} {tool.get('version')}" if tool else None,
        }

    def finish(self, exit_code: int) -> None:
        """Append the line (one ``os.write``, so parallel runs never interleave) and close."""
        if self._fd is None:
            return
        try:
            line = json.dumps(self.record(exit_code), ensure_ascii=False) + "\n"
            data = line.encode("utf-8")
            if os.write(self._fd, data) != len(data):
                raise OSError("the summary line was written only in part (disk full?)")
        finally:
            os.close(self._fd)
            self._fd = None


def _sha256_or_none(path: Path) -> str | None:
    """The backup's sha256 (a folder's: of its manifest) for a run that failed before reading it."""
    try:
        return backup_identifier(path).rpartition(":")[2]
    except (OSError, XenaArchiveError):
        return None
