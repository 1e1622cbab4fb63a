"""progress.py: what a run shows of its long work, on a terminal, in a log, or nothing."""

import io

import pytest

from helpers import make_zip, run_cli
from xena2archive.progress import Bars, Lines, Progress, counted


def test_plain_lines_for_a_log_one_per_step_and_one_per_count():
    stream = io.StringIO()
    shown = Lines(stream)
    shown("index: vouchers")
    with shown.counting("documents to PDF/A", 3) as advance:
        advance(1)
        advance(2)
    with shown.counting("checksums", 5_000_000, "B") as advance:
        advance(5_000_000)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "xena2archive: index: vouchers"
    assert lines[1].startswith("xena2archive: documents to PDF/A: 3 of 3 in ")
    assert lines[2].startswith("xena2archive: checksums: 5.0 MB in ")


def test_bars_on_a_terminal_count_to_the_total_and_leave_the_line_clean():
    stream = io.StringIO()
    shown = Bars(stream)
    with shown.counting("documents to PDF/A", 2) as advance:
        advance(1)
        advance(1)
    shown.close()
    assert "documents to PDF/A" in stream.getvalue() and stream.getvalue().endswith("\r\033[K")


def test_the_default_shows_nothing():
    with Progress().counting("anything", 1) as advance:
        advance(1)


def test_a_run_in_a_log_says_its_stages_in_plain_lines(tmp_path, capsys):
    """stderr is not a terminal here: every stage is one plain line, before the summary."""
    backup = make_zip(tmp_path / "b.zip", {"Data/LedgerPostDto.csv": "Id;VoucherId;Amount\n1;1;10,00\n2;1;-10,00\n"})
    assert run_cli(backup, tmp_path / "out", "--jobs", "2") == 0
    err = capsys.readouterr().err.splitlines()
    steps = [line for line in err if line.startswith("xena2archive: ")]
    assert steps[0] == "xena2archive: extracting 1 files"
    # "2 of 2 in 0.0 s", or "2 of 2 (done earlier)" when the worker wrote both rows before the CLI
    # began to follow it (a loaded machine)
    assert any(line.startswith("xena2archive: table rows to JSONL: 2 of 2") for line in steps)
    assert any(line.startswith("xena2archive: table rows to workbooks: 2 of 2") for line in steps)
    assert any(line.startswith("xena2archive: checksums: ") for line in steps)
    assert err[-1] == f"archive written to {tmp_path / 'out'}"


def test_counted_passes_every_item_and_tells_them_in_steps_and_the_rest_at_the_end():
    told: list[int] = []
    assert list(counted(range(25), told.append, every=10)) == list(range(25))
    assert told == [10, 10, 5]
    told.clear()
    stream = counted(iter(range(25)), told.append, every=10)
    assert [next(stream) for _ in range(13)] == list(range(13))
    stream.close()  # a writer that stops early (a full disk) still tells what it is done with:
    assert told == [10, 2]  # the 13th item was handed over, but the writer never came back for more
    items = [1, 2]
    assert counted(items, None) is items  # nothing to tell: the stream itself, no layer in between


def test_a_count_begun_late_says_what_was_done_before_it_and_rates_only_its_own():
    stream = io.StringIO()
    shown = Lines(stream)
    with shown.counting("table rows to workbooks", 100, done=100):
        pass
    with shown.counting("table rows to workbooks", 100, done=40) as advance:
        advance(60)
    first, second = stream.getvalue().splitlines()
    assert first == "xena2archive: table rows to workbooks: 100 of 100 (done earlier)"
    assert second.startswith("xena2archive: table rows to workbooks: 100 of 100 (40 of them earlier) in ")
    bars = io.StringIO()
    with Bars(bars).counting("table rows to workbooks", 100, done=40) as advance:
        advance(60)
    assert "40/100" in bars.getvalue()  # the bar starts where the earlier work left it


@pytest.mark.slow
def test_rows_are_counted_as_the_pool_writes_them(tmp_path, capsys):
    """Two tables of known size, converted by pool workers: the counts of rows written to JSONL
    and to the workbooks reach every row and reject, across the processes."""
    postings = "Id;VoucherId;Amount\n" + "".join(f"{i};{i // 2};{'10,00' if i % 2 else '-10,00'}\n"
                                                  for i in range(1, 30_001))
    backup = make_zip(tmp_path / "b.zip", {"Data/LedgerPostDto.csv": postings + "x;y\n",
                                           "Data/PartnerDto.csv": "Id;Name\n1;Ærø A/S\n2;Øster ApS\n"})
    assert run_cli(backup, tmp_path / "out", "--jobs", "2") == 1  # the reject and the unbalanced vouchers
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith("xena2archive: table rows to JSONL: 30,003 of 30,003 in ") for line in err), err
    assert any(line.startswith("xena2archive: table rows to workbooks: 30,003 of 30,003") for line in err), err
