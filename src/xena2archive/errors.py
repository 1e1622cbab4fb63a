"""Typed failures, each with the exit code the CLI returns and a message a bookkeeper can act on.

Only problems that stop the whole run are exceptions. A bad value, a ragged row or a document that
cannot become PDF/A is not an exception: it is a finding in the report, and the run goes on.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What the process exit status means (documented in ``--help`` and the README)."""

    ok = 0  # archive written, nothing to report
    findings = 1  # archive written and complete, but the report lists findings to read
    usage = 2  # wrong arguments, or the output folder is not empty
    input_refused = 3  # the backup zip is unreadable or hostile; nothing was written
    output_problem = 4  # the output could not be written (disk full, permissions)
    verify_failed = 5  # `verify`: the bag is damaged or incomplete
    interrupted = 130  # stopped by the user; nothing was written
    internal = 70  # a bug in xena2archive; nothing was written


class XenaArchiveError(Exception):
    """Base of every failure that ends a run. ``str(error)`` is meant for the user."""

    exit_code: ExitCode = ExitCode.internal


class UsageError(XenaArchiveError):
    """The command line asks for something that cannot be done."""

    exit_code = ExitCode.usage


class InputRefused(XenaArchiveError):
    """The backup zip is not something we can convert safely (corrupt, hostile, not a zip)."""

    exit_code = ExitCode.input_refused

    def __init__(self, message: str, *, entry: str | None = None) -> None:
        self.entry = entry
        super().__init__(f"{entry}: {message}" if entry else message)


class OutputProblem(XenaArchiveError):
    """Writing the archive failed for a reason outside the input (disk, permissions)."""

    exit_code = ExitCode.output_problem


class VerifyFailed(XenaArchiveError):
    """A bag did not pass `xena2archive verify`."""

    exit_code = ExitCode.verify_failed
