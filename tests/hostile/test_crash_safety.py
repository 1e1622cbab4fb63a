"""Crash safety: a conversion killed with SIGKILL at any moment leaves no ``out/`` or a complete one,
and a later run is not blocked or changed by what the killed run left behind.

The CLI runs as a subprocess (in its own process group, so its workers can be found and cleaned up)
on a generated backup that takes a few seconds. It is killed at moments in time and at moments
marked by the files of its staging folder (``.out.xena2archive-<pid>.tmp``): extracting, tables,
documents, report, bag manifests, and the rename into place. A kill that comes after the run has
ended would pass as well, so the kills that landed are counted, and most must land.
"""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import bagit
import pytest

from helpers import leftovers, make_zip, run_cli, subprocess_env
from sample_backup import SampleLayout, write_sample_backup

POSTS = 1000  # about 3 s with two workers, documents included (4-5 s on a busy machine)
POLL = 0.002


@dataclass
class Baseline:
    backup: Path
    out: Path  # a complete run, left untouched
    code: int
    seconds: float


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Baseline:
    folder = tmp_path_factory.mktemp("crash")
    backup = folder / "backup.zip"
    write_sample_backup(backup, SampleLayout(formats=("csv",)), posts=POSTS)
    out = folder / "reference"
    started = time.monotonic()
    done = subprocess.run(_command(backup, out), env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the sample's PNG receipt named .pdf is a finding
    return Baseline(backup, out, done.returncode, time.monotonic() - started)


def _command(backup: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "xena2archive", str(backup), str(out), "--quiet", "--jobs", "2"]


def _staging(out: Path, pid: int) -> Path:
    return out.parent / f".{out.name}.xena2archive-{pid}.tmp"


def _any_jsonl(folder: Path) -> bool:
    try:
        return any(entry.name.endswith(".jsonl") for entry in os.scandir(folder))
    except FileNotFoundError:
        return False


# name -> (when to kill: f(staging, out, seconds since start, seconds a whole run takes), must the kill
# come before the end?). Kill points marked by files fire once the file is there, a little later if
# the poll misses the moment: never earlier.
Trigger = Callable[[Path, Path, float, float], bool]
KILL_POINTS: dict[str, tuple[Trigger, bool]] = {
    "after-0.3s": (lambda s, o, t, whole: t >= 0.3, True),
    "staging-created": (lambda s, o, t, whole: s.exists(), True),
    "extracting-originals": (lambda s, o, t, whole: (s / "data/original").exists(), True),
    "tables-being-written": (lambda s, o, t, whole: _any_jsonl(s / "data/tables"), True),
    "after-1.5s": (lambda s, o, t, whole: t >= 1.5, False),
    "documents-being-converted": (lambda s, o, t, whole: (s / "data/documents").exists(), False),
    "report-written": (lambda s, o, t, whole: (s / "data/report.json").exists(), False),
    "bag-manifest-written": (lambda s, o, t, whole: (s / "manifest-sha256.txt").exists(), False),
    "just-before-the-end": (lambda s, o, t, whole: t >= 0.9 * whole, False),
    "out-renamed-into-place": (lambda s, o, t, whole: o.exists(), False),
}


def _group_alive(group: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    alive = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _reap_group(group: int) -> None:
    """Kill what is left of a process group we started (pool workers, Ghostscript) and wait for it."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 5
    while _group_alive(group) and time.monotonic() < deadline:
        time.sleep(0.01)


def kill_at(backup: Path, out: Path, trigger: Trigger, whole: float, *, reap: bool = True
            ) -> tuple[subprocess.Popen, bool]:
    """Start a conversion, SIGKILL its main process when ``trigger`` fires; (process, killed before the end).

    Then, unless ``reap`` is false, kill what the run left running (its workers, Ghostscript): they
    are processes this test started.
    """
    process = subprocess.Popen(_command(backup, out), env=subprocess_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if _wait_for(process, out, trigger, whole):
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    except BaseException:
        _reap_group(process.pid)
        raise
    if reap:
        _reap_group(process.pid)
    return process, process.returncode == -signal.SIGKILL


def _wait_for(process: subprocess.Popen, out: Path, trigger: Trigger, whole: float) -> bool:
    """Poll until ``trigger`` fires (True) or the run ends (False)."""
    staging = _staging(out, process.pid)
    started = time.monotonic()
    while process.poll() is None:
        if trigger(staging, out, time.monotonic() - started, whole):
            return True
        if time.monotonic() - started > 120:
            pytest.fail("the conversion did not end within 120 s")
        time.sleep(POLL)
    return False


def assert_absent_or_complete(capsys, out: Path, reference: Path) -> str:
    """``out`` is missing, or a whole bag identical to the reference run; returns which."""
    if not out.exists():
        return "absent"
    capsys.readouterr()
    assert run_cli("verify", out) == 0, capsys.readouterr().out
    bagit.Bag(str(out)).validate()
    assert_same_tree(out, reference)
    return "complete"


def assert_same_tree(a: Path, b: Path) -> None:
    files_a = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    files_b = sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    _, mismatch, errors = filecmp.cmpfiles(a, b, files_a, shallow=False)
    assert (mismatch, errors) == ([], [])


#: kill point -> whether its kill landed (the run died of SIGKILL) in this session's runs
LANDED: dict[str, bool] = {}
#: of the ten kill points, how many must land: the four that come before the end always do; of the
#: six that may come too late on a fast machine (the run ends between two polls), most land here
MIN_LANDED = 8


def kill_and_check(tmp_path: Path, capsys, baseline: Baseline, point: str) -> bool:
    """Kill a run at ``point``; the outcome must be no out/ or a complete one. Whether the kill landed."""
    trigger, must_hit = KILL_POINTS[point]
    out = tmp_path / "out"
    process, killed = kill_at(baseline.backup, out, trigger, baseline.seconds)
    if must_hit:
        assert killed, f"the run ended (exit {process.returncode}) before the kill point {point}"
    state = assert_absent_or_complete(capsys, out, baseline.out)
    if not killed:
        assert (process.returncode, state) == (baseline.code, "complete")
    LANDED[point] = killed
    return killed


#: the kill points ``make test`` tries (one early, one late); ``.ci/run`` tries every one (``slow``)
QUICK_POINTS = ("tables-being-written", "bag-manifest-written")


@pytest.mark.parametrize("point", [pytest.param(point, marks=[] if point in QUICK_POINTS else [pytest.mark.slow])
                                   for point in KILL_POINTS])
def test_killed_run_leaves_no_out_or_a_complete_one(tmp_path, capsys, baseline, point):
    kill_and_check(tmp_path, capsys, baseline, point)


@pytest.mark.slow
def test_most_kills_landed_before_the_run_ended(tmp_path, capsys, baseline):
    """A kill that comes after the run ended proves nothing: the runs above pass either way. So count
    the kills that landed (kill points the session did not run are run here) and require a floor."""
    for point in KILL_POINTS:
        if point not in LANDED:
            kill_and_check(tmp_path / point, capsys, baseline, point)
    landed = sorted(point for point, killed in LANDED.items() if killed)
    print(f"kills landed: {len(landed)} of {len(KILL_POINTS)}; missed: {sorted(set(KILL_POINTS) - set(landed))}")
    assert len(landed) >= MIN_LANDED, f"only {len(landed)} of {len(KILL_POINTS)} kills landed: {LANDED}"


@pytest.fixture
def small(tmp_path) -> tuple[Path, Path]:
    """A small backup and its archive made in a clean folder: what a later run into ``out`` must give."""
    backup = make_zip(tmp_path / "small.zip", {"Data/LedgerPostDto.csv": "Id;VoucherId;Amount\n1;1;1,00\n2;1;-1,00\n",
                                                "Bilag/a.txt": "bilag"})
    reference = tmp_path / "clean" / "out"
    assert run_cli(backup, reference, "--quiet") == 1  # a.txt cannot become PDF/A: a finding
    return backup, reference


def _kill_runs(baseline: Baseline, out: Path, points: tuple[str, ...]) -> list[str]:
    """Kill one run at each point; the staging folders they leave beside ``out``."""
    for point in points:
        _process, killed = kill_at(baseline.backup, out, KILL_POINTS[point][0], baseline.seconds)
        assert killed and not out.exists(), point
    return leftovers(out)


@pytest.mark.slow
def test_run_after_killed_runs_succeeds_unchanged(tmp_path, capsys, baseline, small):
    """A killed run leaves its staging folder until the next run, which neither fails nor mixes it in
    (each run first removes the folders of runs that are gone, so two killed runs leave one)."""
    out = tmp_path / "out"
    assert len(_kill_runs(baseline, out, ("tables-being-written", "documents-being-converted"))) == 1
    backup, reference = small
    assert run_cli(backup, out, "--quiet") == run_cli(backup, tmp_path / "again", "--quiet")
    assert assert_absent_or_complete(capsys, out, reference) == "complete"


@pytest.mark.slow
def test_run_after_a_killed_run_removes_its_staging_folder(tmp_path, baseline, small):
    out = tmp_path / "out"
    assert len(_kill_runs(baseline, out, ("tables-being-written",))) == 1
    assert run_cli(small[0], out, "--quiet") == 1
    assert leftovers(out) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the process group")
def test_workers_do_not_outlive_a_killed_run(tmp_path, baseline):
    out = tmp_path / "out"
    process, killed = kill_at(baseline.backup, out, KILL_POINTS["tables-being-written"][0], baseline.seconds,
                              reap=False)
    try:
        assert killed
        # without PR_SET_PDEATHSIG they would wait for work forever; the bound is for a busy machine
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_alive(process.pid) == []
    finally:
        _reap_group(process.pid)


def test_archive_moved_aside_by_a_killed_force_run_is_put_back(tmp_path, capsys):
    """Killed between publish's two renames, a --force run leaves no out/ and the old archive
    aside under a hidden name; the next run puts it back before it looks at out/."""
    backup = make_zip(tmp_path / "backup.zip", {"LedgerPostDto.csv": "Id;Amount\n1;1,00\n"})
    out = tmp_path / "out"
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    aside = tmp_path / f".out.xena2archive-{dead}.tmp.old"
    (aside / "data").mkdir(parents=True)
    (aside / "data/report.json").write_text("the archive of last year", encoding="utf-8")
    assert run_cli(backup, out) == 2  # out/ is back and not empty: nothing replaced without --force
    assert (out / "data/report.json").read_text(encoding="utf-8") == "the archive of last year"
    assert not aside.exists()

    (aside / "data").mkdir(parents=True)  # left aside again, but this time out/ is in place
    assert run_cli(backup, out, "--force") == 1  # a posting without a voucher is a finding
    assert not aside.exists()
    bagit.Bag(str(out)).validate()


@pytest.mark.parametrize("to, point", [
    ("the-process-group", "documents-being-converted"),
    pytest.param("the-main-process", "documents-being-converted", marks=pytest.mark.slow),
    pytest.param("the-process-group", "tables-being-written", marks=pytest.mark.slow),
    pytest.param("the-main-process", "tables-being-written", marks=pytest.mark.slow),
])
def test_interrupted_run_exits_130_and_leaves_nothing(tmp_path, baseline, to, point):
    """Ctrl-C in a terminal sends SIGINT to the whole process group (the CLI and its workers);
    ``kill -INT`` to the CLI alone. Either way: exit 130, one line saying so, no out/, no staging
    folder, and no process of the run left."""
    out = tmp_path / "out"
    process = subprocess.Popen(_command(baseline.backup, out), env=subprocess_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert _wait_for(process, out, KILL_POINTS[point][0], baseline.seconds), "the run ended first"
        if to == "the-process-group":
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 130, err
        assert err == "\nxena2archive: interrupted; nothing was written\n"
        assert not out.exists() and leftovers(out) == []
        # workers die with the CLI (PR_SET_PDEATHSIG), which the kernel delivers as it exits: allow it
        # a moment, as the killed-run test does, on a machine that may be busy
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_alive(process.pid) == []
    finally:
        _reap_group(process.pid)
