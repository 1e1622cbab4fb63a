"""Running an external program in a box: its own process group, limits, a deadline, no orphans.

Every program we start (Ghostscript, LibreOffice, Chromium) gets the same treatment:

* an argument list, never a shell;
* a session (process group) of its own, so that on a time-out the whole group is killed,
  including helpers the program started itself (LibreOffice's ``soffice.bin``, Chromium's
  renderers);
* limits set in the child between fork and exec: address space (optional: Chromium reserves
  far more than it uses), CPU time as a backstop for the wall-clock deadline, no core dumps;
* death with the process that started it (``lifetime.die_with_parent``): a session of its own
  means a kill of the caller's group would not reach it.

``start`` gives the running process to callers that talk to it (the Ghostscript session);
``run`` waits for it, kills the group at the deadline and hands back what it printed.
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import signal
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from xena2archive._exec.lifetime import die_with_parent

OUTPUT_LIMIT: Final = 256 * 1024


class ProgramTimeout(Exception):
    """The program ran past its deadline; it was killed with its whole process group."""


@dataclass(frozen=True)
class Box:
    """The limits a program runs under. ``memory_mb`` None leaves the address space alone."""

    memory_mb: int | None
    cpu_s: int

    def preexec(self) -> Callable[[], None]:
        """The function the child runs between fork and exec to put itself in the box."""
        memory = None if self.memory_mb is None else self.memory_mb * 1024 * 1024
        cpu_s = self.cpu_s
        parent = os.getpid()

        def apply() -> None:
            if memory is not None:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            die_with_parent(parent)

        return apply


@dataclass(frozen=True)
class Finished:
    """A program that ended before its deadline: its exit status (negative: killed by that
    signal) and the start of what it printed: ``stdout`` holds stderr too unless it was asked
    for apart."""

    returncode: int
    stdout: str
    stderr: str = ""

    @property
    def ended(self) -> str:
        """How it ended, for a message: 'exited with code 3', 'was killed by signal SIGKILL'."""
        if self.returncode < 0:
            try:
                return f"was killed by signal {signal.Signals(-self.returncode).name}"
            except ValueError:
                return f"was killed by signal {-self.returncode}"
        return f"exited with code {self.returncode}"


def start(
    command: Sequence[str],
    box: Box,
    *,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    stdin: int | IO[bytes] | None = subprocess.DEVNULL,
    stdout: int | IO[bytes] | None = None,
    stderr: int | IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``command`` in its box, in a process group of its own. Raises OSError."""
    return subprocess.Popen(
        list(command),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        cwd=cwd,
        env=dict(os.environ if env is None else env),
        start_new_session=True,
        preexec_fn=box.preexec(),
    )


def run(
    command: Sequence[str],
    box: Box,
    *,
    cwd: Path,
    timeout_s: float,
    env: Mapping[str, str] | None = None,
    stderr_apart: bool = False,
    output_limit: int | None = OUTPUT_LIMIT,
) -> Finished:
    """Run ``command`` to its end or its deadline. What it prints goes to files (a pipe could
    fill up and stall it); the first ``output_limit`` bytes of each come back (all with None).

    Raises OSError if it cannot be started, ProgramTimeout (after killing the group) at the
    deadline. Anything that interrupts the wait (the worker being stopped) kills the group too.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = start(
            command, box, cwd=cwd, env=env, stdout=out, stderr=err if stderr_apart else subprocess.STDOUT
        )
        try:
            returncode = wait(process, timeout_s)
        except BaseException:
            kill_group(process)
            raise
        if returncode is None:
            kill_group(process)
            raise ProgramTimeout(f"{Path(command[0]).name} took longer than {timeout_s:g} s and was stopped")
        return Finished(returncode, _read(out, output_limit), _read(err, output_limit))


def _read(file: IO[bytes], limit: int | None) -> str:
    file.seek(0)
    return file.read(-1 if limit is None else limit).decode("utf-8", errors="replace")


def wait(process: subprocess.Popen[bytes], timeout_s: float) -> int | None:
    """The exit status, or None after ``timeout_s``. ``Popen.wait(timeout)`` polls with sleeps
    of up to 50 ms, which costs a third of a short Ghostscript run; a pidfd wakes us the moment
    the program exits."""
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


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the program's whole process group and reap the program."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
