"""One run of a batch: ``--summary-json`` lines for every outcome, and "already archived" on a rerun."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
from pathlib import Path

import pytest

from helpers import make_zip, run_cli
from xena2archive import __version__
from xena2archive.batch import RunSummary
from sample_backup import MIN_POSTS, SampleLayout, write_sample_backup


def summary_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A backup converted once with --summary-json: (zip, out, its summary line)."""
    folder = tmp_path_factory.mktemp("summary")
    backup = folder / "Bageriet Ærø.zip"
    write_sample_backup(backup, SampleLayout(documents=False), posts=MIN_POSTS)
    out, summary = folder / "archive", folder / "first.jsonl"
    code = run_cli(backup, out, "--jobs", "1", "--quiet", "--summary-json", summary)
    [line] = summary_lines(summary)
    assert line["exit_code"] == code
    return backup, out, line


def test_a_converted_backup_gets_one_line_with_what_a_runner_needs(archived):
    backup, out, line = archived
    report = json.loads((out / "data/report.json").read_text(encoding="utf-8"))
    # 1: without its documents, the backup's DocumentDto rows name files the zip does not hold
    assert line["exit_code"] == 1 and line["status"] == "archived" and line["message"] is None
    assert line["backup"] == str(backup) and line["out"] == str(out)
    assert line["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()
    assert line["counts"] == report["summary"] and line["counts"]["rows_written"] > 0
    assert line["findings"] == len(report["findings"])
    assert len(line["first_warnings"]) == min(3, report["summary"]["warnings"])
    assert line["company"] == {"name": report["company"]["name"], "cvr": report["company"]["cvr"]}
    assert line["tool"] == line["archived_by"] == f"xena2archive {__version__}"
    assert line["seconds"] > 0 and line["finished"].endswith("+00:00")


def test_a_rerun_is_a_no_op_that_says_already_archived(archived, tmp_path, capsys):
    backup, out, first = archived
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    summary = tmp_path / "again.jsonl"
    for check in ("full", "quick"):
        assert run_cli(backup, out, "--summary-json", summary, "--resume-check", check) == 0
        assert "already archived" in capsys.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    for line in summary_lines(summary):
        assert (line["exit_code"], line["status"], line["message"]) == (0, "already archived", None)
        assert (line["sha256"], line["counts"], line["findings"]) == (
            first["sha256"], first["counts"], first["findings"])


def test_an_archive_of_another_backup_in_out_is_refused_as_before(archived, tmp_path):
    _, out, _ = archived
    other = tmp_path / "other.zip"
    write_sample_backup(other, SampleLayout(documents=False), posts=MIN_POSTS, seed=7)
    summary = tmp_path / "s.jsonl"
    assert run_cli(other, out, "--summary-json", summary) == 2
    [line] = summary_lines(summary)
    assert line["status"] == "failed" and "holds the archive of another backup" in line["message"]
    assert "--force" in line["message"] and line["sha256"] == hashlib.sha256(other.read_bytes()).hexdigest()


def test_a_damaged_archive_of_this_backup_is_reported_not_rebuilt(archived, tmp_path):
    backup, out, _ = archived
    copy = shutil.copytree(out, tmp_path / "copy")
    victim = copy / "data/tables/LedgerPostDto.jsonl"
    content = victim.read_bytes()
    victim.write_bytes(content[:-2] + b"X\n")  # same size, other content
    summary = tmp_path / "s.jsonl"
    # quick trusts the sizes (that is its limit); the default, a full verify, finds the change
    assert run_cli(backup, copy, "--summary-json", summary, "--resume-check", "quick") == 0
    assert run_cli(backup, copy, "--summary-json", summary) == 5
    victim.write_bytes(content[:-2])  # shorter: quick sees it too
    assert run_cli(backup, copy, "--summary-json", summary, "--resume-check", "quick") == 5
    lines = summary_lines(summary)
    assert [line["exit_code"] for line in lines] == [0, 5, 5]
    assert "LedgerPostDto.jsonl" in lines[1]["message"] and "fails verification" in lines[1]["message"]
    assert "Payload-Oxum" in lines[2]["message"]
    assert victim.read_bytes() == content[:-2]  # left as found, for someone to look at


def test_force_converts_again(archived, tmp_path):
    backup, out, _ = archived
    copy = shutil.copytree(out, tmp_path / "copy")
    summary = tmp_path / "s.jsonl"
    assert run_cli(backup, copy, "--force", "--jobs", "1", "--quiet", "--summary-json", summary) == 1  # as before
    assert summary_lines(summary)[0]["status"] == "archived"


def test_a_refused_backup_gets_a_line_saying_why(tmp_path):
    bad = make_zip(tmp_path / "x.zip", {"../escape.txt": "no"})
    summary = tmp_path / "deep/folder/s.jsonl"  # made when missing
    assert run_cli(bad, tmp_path / "out", "--summary-json", summary) == 3
    [line] = summary_lines(summary)
    assert line["exit_code"] == 3 and line["status"] == "failed" and "../escape.txt" in line["message"]
    assert line["sha256"] == hashlib.sha256(bad.read_bytes()).hexdigest() and line["counts"] == {}
    missing = tmp_path / "missing.zip"
    assert run_cli(missing, tmp_path / "out", "--summary-json", summary) == 3
    assert summary_lines(summary)[1]["sha256"] is None
    assert not (tmp_path / "out").exists()


def test_an_unwritable_summary_file_stops_the_run_before_any_work(tmp_path, capsys):
    backup = make_zip(tmp_path / "b.zip", {"LedgerPostDto.csv": "Id;Amount\n1;2,00\n"})
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert run_cli(backup, tmp_path / "out", "--summary-json", blocker / "s.jsonl") == 4
    assert "summary file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _append(args: tuple[Path, int]) -> None:
    path, n = args
    for i in range(20):
        run = RunSummary(Path(f"backup-{n}-{i}.zip"), Path("out"))
        run.message = f"{n}:" + "æ" * 40_000  # far over PIPE_BUF: one write is what keeps it whole
        run.open_summary(path)
        run.finish(2)


def test_parallel_runs_appending_to_one_file_never_mix_their_lines(tmp_path):
    summary = tmp_path / "s.jsonl"
    with multiprocessing.get_context("fork").Pool(6) as pool:
        pool.map(_append, [(summary, n) for n in range(6)])
    lines = summary_lines(summary)
    assert len(lines) == 120
    assert sorted(line["backup"] for line in lines) == sorted(
        str(Path(f"backup-{n}-{i}.zip").absolute()) for n in range(6) for i in range(20))
    assert all(line["message"].endswith("æ" * 40_000) for line in lines)
