"""Is a program installed, and which version? Asked once per process, apart from running it.

Probing answers "can we use it" (and names the version for the copies' metadata) without
converting anything; running is ``_box.run``. A missing program is a typed error whose message
says which Debian package brings it, so the report can tell the reader what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass


class ProgramMissing(Exception):
    """The program is not installed, or does not answer its version question."""


@dataclass(frozen=True)
class Program:
    """A located program: its path and the version it reports."""

    executable: str
    version: str


@dataclass(frozen=True)
class Probe:
    """How to find a program: ``$env_var`` if set, else the first of ``names`` on the PATH;
    ``version_args`` ask it for its version, ``version_pattern``'s first group takes it out."""

    title: str
    names: tuple[str, ...]
    package: str
    version_args: tuple[str, ...] = ("--version",)
    version_pattern: str = r"(\d+(?:\.\d+)*)"
    env_var: str | None = None

    def which(self) -> str | None:
        """The executable's path, without running it."""
        chosen = os.environ.get(self.env_var) if self.env_var else None
        if chosen:
            return chosen
        for name in self.names:
            if found := shutil.which(name):
                return found
        return None

    def locate(self) -> Program:
        """The program and its version. Raises ProgramMissing (naming the package to install)."""
        executable = self.which()
        if executable is None:
            raise ProgramMissing(f"{self.title} is not installed; install the Debian package '{self.package}'")
        try:
            done = subprocess.run(
                [executable, *self.version_args],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=60,
                check=True,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise ProgramMissing(f"{executable} {' '.join(self.version_args)} did not work: {error}") from error
        found = re.search(self.version_pattern, done.stdout)
        if found is None:
            raise ProgramMissing(f"{executable} gave no version: {done.stdout.strip()[:200]!r}")
        return Program(executable=executable, version=found.group(1))
