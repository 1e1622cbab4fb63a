"""The process box every external program runs in: a deadline that kills the whole process
group, limits set before exec, and a probe that names the package to install."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from xena2archive._exec import _box
from xena2archive._exec._probe import Probe, ProgramMissing


def test_a_program_past_its_deadline_is_killed_with_its_children(tmp_path: Path) -> None:
    """Left alone, the script would end after 30 s and leave ``ended``: that it did not shows the
    deadline killed it first (an event, not a reading of the clock)."""
    pids, ended = tmp_path / "pids", tmp_path / "ended"
    script = f"sleep 30 & echo $! > {pids}; echo $$ >> {pids}; wait; touch {ended}"
    with pytest.raises(_box.ProgramTimeout, match="took longer than 1 s"):
        _box.run(["sh", "-c", script], _box.Box(memory_mb=256, cpu_s=10), cwd=tmp_path, timeout_s=1)
    assert not ended.exists()
    for pid in map(int, pids.read_text().split()):
        time.sleep(0.1)
        assert not _alive(pid), f"process {pid} of the group is still running"


def test_output_and_exit_status_come_back(tmp_path: Path) -> None:
    done = _box.run(["sh", "-c", "echo ud; echo fejl >&2; exit 3"], _box.Box(None, 10), cwd=tmp_path, timeout_s=10)
    assert (done.returncode, done.stdout.split()) == (3, ["ud", "fejl"]) and done.ended == "exited with code 3"
    apart = _box.run(["sh", "-c", "echo ud; echo fejl >&2"], _box.Box(None, 10), cwd=tmp_path, timeout_s=10,
                     stderr_apart=True)
    assert (apart.stdout, apart.stderr) == ("ud\n", "fejl\n")


def test_the_memory_limit_applies_in_the_child(tmp_path: Path) -> None:
    done = _box.run(["sh", "-c", "ulimit -v"], _box.Box(memory_mb=300, cpu_s=10), cwd=tmp_path, timeout_s=10)
    assert done.stdout.strip() == str(300 * 1024)


def test_a_missing_program_names_its_package() -> None:
    probe = Probe(title="Nothing", names=("xena2archive-no-such-program",), package="nothing-at-all")
    assert probe.which() is None
    with pytest.raises(ProgramMissing, match="install the Debian package 'nothing-at-all'"):
        probe.locate()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        return os.path.exists(f"/proc/{pid}")
