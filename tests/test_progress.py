"""progress.py: what a run shows of its long work, on a terminal, in a log, or nothing."""

import io

from helpers import make_zip, run_cli
from xena2archive.progress import Bars, Lines, Progress


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
    assert any(line.startswith("xena2archive: tables: JSONL and schema: 1 of 1 in ") for line in steps)
    assert any(line.startswith("xena2archive: checksums: ") for line in steps)
    assert err[-1] == f"archive written to {tmp_path / 'out'}"
