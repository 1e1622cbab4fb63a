"""Every way a conversion ends, each on a run that really ends that way: the exit code, the one
line it prints, and what it leaves behind (a failed run leaves no ``out/`` and no hidden staging
folder; with ``--force`` the old archive is left as it was).

Exit 3 (a refused zip) has its cases in tests/hostile/test_hostile_zip.py, exit 5 (``verify``) in
tests/e2e/test_bag_verify.py, exit 130 (interrupted) in tests/hostile/test_crash_safety.py, where a
real run is stopped mid-way. The disk-full cases fill a real (small) disk: a tmpfs mounted in a
mount namespace of their own (see ``full_disk_run.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import bagit
import pytest

from helpers import leftovers, make_zip, missing, run_cli, subprocess_env
from xena2archive import discover, run

CLEAN = {"Data/VatDto.csv": "Id;Abbreviation;Description\n1;I25;Indgående moms\n2;U25;Udgående moms\n"}
DRIVER = Path(__file__).with_name("full_disk_run.py")


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A backup that converts with nothing to report (exit 0)."""
    return make_zip(tmp_path / "backup.zip", CLEAN)


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    code = run_cli(*args)
    return code, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256: to show an archive was left exactly as it was."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_module(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``python -m xena2archive ARGS`` as a process of its own, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "xena2archive", *args], env=subprocess_env(), capture_output=True,
                          text=True, timeout=300, **kwargs)  # type: ignore[call-overload]


# --------------------------------------------------------------------------------------------
# 2: wrong arguments, out/ not empty, out/ not a folder
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    ((), "the following arguments are required: backup, out"),
    (("backup.zip", "out", "--jobs", "two"), "argument --jobs: invalid int value: 'two'"),
    (("backup.zip", "out", "--max-total-size", "lots"), "argument --max-total-size: invalid _size value: 'lots'"),
    (("backup.zip", "out", "--colour"), "unrecognized arguments: --colour"),
    (("verify",), "the following arguments are required: bag"),
])
def test_wrong_arguments_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = run_module(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("usage: xena2archive") and done.stderr.endswith(f": error: {message}\n")
    assert done.stdout == "" and list(tmp_path.iterdir()) == []


def test_out_not_empty_exit_2_and_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str], backup: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("not an archive", encoding="utf-8")
    assert cli(capsys, backup, out) == (
        2, f"xena2archive: {out} is not empty; choose an empty folder or add --force to replace it\n")
    assert snapshot(out) == {"mine.txt": hashlib.sha256(b"not an archive").hexdigest()}
    assert leftovers(out) == []


def test_out_is_a_file_exit_2_and_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str], backup: Path) -> None:
    out = tmp_path / "out"
    out.write_text("a file", encoding="utf-8")
    assert cli(capsys, backup, out, "--force") == (2, f"xena2archive: {out} exists and is not a folder\n")
    assert out.read_text(encoding="utf-8") == "a file" and leftovers(out) == []


def test_out_whose_path_is_no_utf8_exit_2_and_nothing_written(tmp_path: Path, backup: Path) -> None:
    """A folder name of Latin-1 bytes for out/: refused at once with the path shown, not an internal
    error (exit 70) once the libraries were asked to write there. The process as a user runs it, so
    the name reaches it as bytes."""
    out = os.fsencode(tmp_path) + b"/arkiv-\xe6"
    done = subprocess.run([sys.executable, "-m", "xena2archive", os.fsencode(backup), out], env=subprocess_env(),
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode() == (f"xena2archive: the path of {tmp_path}/arkiv-\\xe6 holds bytes that are no UTF-8 "
                                    "(shown as \\x escapes); the programs and libraries the archive is made with "
                                    "cannot all write there: choose a folder whose path is UTF-8\n")
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [b"backup.zip"]


def test_a_backup_whose_name_is_no_utf8_is_converted_and_shown_escaped(tmp_path: Path, backup: Path) -> None:
    """The backup's own name (a zip or folder of Latin-1 bytes) is shown with \\x escapes in the
    report and on the pages, where it stopped the index being written (exit 70)."""
    odd = os.fsencode(tmp_path) + b"/sikkerhedskopi-\xe6.zip"
    os.rename(backup, odd)
    done = subprocess.run([sys.executable, "-m", "xena2archive", odd, os.fsencode(tmp_path / "out"), "--quiet"],
                          env=subprocess_env(), capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out/data/report.json").read_text(encoding="utf-8"))
    assert report["input"]["file"] == "sikkerhedskopi-\\xe6.zip"
    assert "sikkerhedskopi-\\xe6.zip" in (tmp_path / "out/data/index.html").read_text(encoding="utf-8")
    bagit.Bag(str(tmp_path / "out")).validate()


@pytest.mark.parametrize("flag, value, message", [
    ("--jobs", "0", "--jobs must be at least 1, not 0"),
    ("--max-ratio", "0", "--max-ratio must be positive, not 0"),
    ("--document-timeout", "0", "--document-timeout must be positive, not 0"),
    ("--document-memory", "-5", "--document-memory must be positive, not -5"),
    ("--max-pages", "0", "--max-pages must be positive, not 0"),
])
def test_a_limit_no_run_can_use_exit_2_naming_its_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       backup: Path, flag: str, value: str, message: str) -> None:
    """Every limit the user can set is checked in one place (Options), before anything is written."""
    out = tmp_path / "out"
    assert cli(capsys, backup, out, flag, value) == (2, f"xena2archive: {message}\n")
    assert not out.exists() and leftovers(out) == []


# --------------------------------------------------------------------------------------------
# 4: the output cannot be written
# --------------------------------------------------------------------------------------------


def test_out_below_a_file_exit_4(tmp_path: Path, capsys: pytest.CaptureFixture[str], backup: Path) -> None:
    """The folder out/ should go in is a file: it cannot be made."""
    (tmp_path / "arkiv").write_text("a file", encoding="utf-8")
    out = tmp_path / "arkiv" / "out"
    code, err = cli(capsys, backup, out)
    assert code == 4
    assert re.fullmatch(rf"xena2archive: cannot write the archive: \[Errno 17\] File exists: "
                        rf"'{re.escape(str(tmp_path / 'arkiv'))}'\. Nothing was written\.\n", err), err
    assert (tmp_path / "arkiv").read_text(encoding="utf-8") == "a file"


def test_permission_denied_exit_4(tmp_path: Path, backup: Path) -> None:
    """out/'s folder is read-only to the user who runs the conversion. Root writes anywhere: when the
    suite runs as root, the CLI runs without the capabilities that let root ignore permissions."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    command = [sys.executable, "-m", "xena2archive", str(backup), str(locked / "out"), "--quiet"]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
    try:
        done = subprocess.run(command, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 4, done.stderr
    assert re.fullmatch(rf"xena2archive: cannot write the archive: \[Errno 13\] Permission denied: "
                        rf"'{re.escape(str(locked))}/\.out\.xena2archive-\d+\.tmp'\. Nothing was written\.\n",
                        done.stderr), done.stderr
    assert list(locked.iterdir()) == []


def _private_tmpfs_works() -> str | None:
    """None if a tmpfs can be mounted in a mount namespace of its own here; else why not."""
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(["unshare", "--mount", "--propagation", "private", "mount", "-t", "tmpfs", "-o",
                               "size=1m", "tmpfs", folder], capture_output=True, text=True, timeout=60)
    return None if done.returncode == 0 else f"cannot mount a tmpfs in a mount namespace: {done.stderr.strip()}"


@pytest.fixture(scope="module")
def full_disk():
    """Runs ``full_disk_run.py`` on a fresh 80 MB tmpfs that only that process and its children see."""
    problem = _private_tmpfs_works()
    if problem:
        missing(f"the disk-full tests need root: {problem}", f"the disk-full tests need root in CI: {problem}")

    def run(disk: Path, backup: Path, moment: str, *args: str) -> tuple[dict[str, object], str]:
        disk.mkdir()
        script = 'mount -t tmpfs -o size=80m tmpfs "$1" && shift && exec "$@"'
        done = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(disk),
             sys.executable, str(DRIVER), str(disk), str(backup), moment, *args],
            env=subprocess_env(), capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout), done.stderr

    return run


def test_disk_full_in_a_table_worker_exit_4(tmp_path: Path, full_disk) -> None:
    """The disk fills up while the pool's workers write the tables: a worker meets the full disk, the
    run ends with exit 4 and a message naming the folder the user chose, and nothing is left.
    (Filled before a workbook, the main process could meet the full disk first, writing the index.)"""
    backup = make_zip(tmp_path / "backup.zip", {**CLEAN, "Data/CurrencyDto.csv": "Id;Abbreviation\n1;DKK\n"})
    result, err = full_disk(tmp_path / "disk", backup, "worker", "--jobs", "2")
    assert "a table worker met a full disk" in err
    assert "Traceback" not in err and "Exception ignored" not in err  # nothing raw from openpyxl or lxml
    disk = tmp_path / "disk"
    assert err.endswith(f"xena2archive: the disk holding {disk} became full while the archive was written. Nothing "
                        "was written; free some space, or write the archive to another disk.\n"), err
    assert result == {"code": 4, "left": ["filler"], "before": None, "after": None}


def test_disk_full_while_bagging_with_force_keeps_the_old_archive(tmp_path: Path, full_disk) -> None:
    """An archive is in out/; a --force run over it meets a full disk while it writes the bag's
    manifests: exit 4, and the old archive is there, byte for byte."""
    result, err = full_disk(tmp_path / "disk", make_zip(tmp_path / "backup.zip", CLEAN), "bag", "--force")
    disk = tmp_path / "disk"
    assert err.endswith(f"xena2archive: the disk holding {disk} became full while the archive was written. Nothing "
                        "was written; free some space, or write the archive to another disk.\n"), err
    assert result["code"] == 4 and result["left"] == ["filler", "out"]
    assert result["before"] and result["after"] == result["before"]


# --------------------------------------------------------------------------------------------
# 70: a bug
# --------------------------------------------------------------------------------------------


def _break(monkeypatch: pytest.MonkeyPatch, where: object, name: str, error: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(where, name, broken)


@pytest.mark.parametrize("stage", ["discover", "write_bag"])
def test_internal_error_exit_70_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch, backup: Path, stage: str) -> None:
    """A bug early (sorting the entries into tables and documents) or at the very end (the bag): exit 70, a plain
    message, and neither out/ nor the staging folder with all that was written before it."""
    monkeypatch.delenv("XENA2ARCHIVE_DEBUG", raising=False)
    _break(monkeypatch, discover if stage == "discover" else run, stage, KeyError("Id"))
    out = tmp_path / "out"
    assert cli(capsys, backup, out, "--quiet") == (
        70, "xena2archive: internal error (KeyError: 'Id'); nothing was written. Run again with "
            "XENA2ARCHIVE_DEBUG=1 and report the output.\n")
    assert not out.exists() and leftovers(out) == []


def test_internal_error_shows_its_traceback_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       backup: Path) -> None:
    monkeypatch.setenv("XENA2ARCHIVE_DEBUG", "1")
    _break(monkeypatch, run, "write_bag", KeyError("Id"))
    with pytest.raises(KeyError, match="Id"):
        run_cli(backup, tmp_path / "out")
    assert leftovers(tmp_path / "out") == []


def test_out_of_memory_exit_70(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                               backup: Path) -> None:
    _break(monkeypatch, discover, "discover", MemoryError())
    out = tmp_path / "out"
    assert cli(capsys, backup, out, "--quiet") == (70, "xena2archive: out of memory; try --jobs 1. Nothing was "
                                                       "written.\n")
    assert not out.exists() and leftovers(out) == []


# --------------------------------------------------------------------------------------------
# --force: the old archive survives a new run that fails
# --------------------------------------------------------------------------------------------


def test_force_keeps_the_old_archive_when_the_zip_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             backup: Path) -> None:
    out = tmp_path / "out"
    assert cli(capsys, backup, out, "--quiet") == (0, "")
    before = snapshot(out)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(backup.read_bytes()[:-30])
    code, err = cli(capsys, damaged, out, "--force", "--quiet")
    assert code == 3 and err.startswith(f"xena2archive: {damaged}: not a readable zip file"), err
    assert snapshot(out) == before and leftovers(out) == []
    bagit.Bag(str(out)).validate()


def test_force_keeps_the_old_archive_when_the_run_fails_at_the_end(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, backup: Path) -> None:
    """Everything of the new archive is written but its bag when the run fails."""
    out = tmp_path / "out"
    assert cli(capsys, backup, out, "--quiet") == (0, "")
    before = snapshot(out)
    _break(monkeypatch, run, "write_bag", RuntimeError("the new run fails"))
    other = make_zip(tmp_path / "other.zip", {"Data/VatDto.csv": "Id;Abbreviation\n7;I0\n"})
    assert cli(capsys, other, out, "--force", "--quiet") == (
        70, "xena2archive: internal error (RuntimeError: the new run fails); nothing was written. Run again with "
            "XENA2ARCHIVE_DEBUG=1 and report the output.\n")
    assert snapshot(out) == before and leftovers(out) == []
    bagit.Bag(str(out)).validate()
