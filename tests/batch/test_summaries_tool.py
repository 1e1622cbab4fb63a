"""tools/summaries: summary lines in, a CSV and an HTML overview out, read back independently."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "summaries"


def line(backup: str, code: int, *, status: str = "archived", warnings: int = 0, message: str | None = None,
         finished: str = "2026-01-01T10:00:00+00:00", company: str = "Firma ApS") -> dict:
    archived = code in (0, 1)
    return {"summary_version": 1, "backup": f"/in/{backup}", "sha256": "ab" * 32, "exit_code": code,
            "status": status if archived else "failed", "message": message, "out": f"/out/{backup[:-4]}",
            "company": {"name": company if archived else None, "cvr": "12345678" if archived else None},
            "counts": {"rows_written": 10, "documents": 2, "warnings": warnings} if archived else {},
            "findings": warnings, "first_warnings": [f"LedgerPostDto.csv line {n}: odd" for n in range(warnings)][:3],
            "seconds": 1.5, "finished": finished, "tool": "xena2archive 0.1.0", "archived_by": None}


class Table(HTMLParser):
    """The page's table cells and its link targets, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.title = ""
        self._where: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "h1"):
            self._where = tag
            if tag == "td":
                self.rows[-1].append("")
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "h1"):
            self._where = None

    def handle_data(self, data):
        if self._where == "td":
            self.rows[-1][-1] += data
        elif self._where == "h1":
            self.title += data


def run(tmp_path: Path, *inputs: Path | str) -> tuple[list[dict], Table]:
    out_csv, out_html = tmp_path / "o.csv", tmp_path / "site" / "o.html"
    out_html.parent.mkdir()
    subprocess.run([sys.executable, SCRIPT, *inputs, "--csv", out_csv, "--html", out_html], check=True,
                   capture_output=True, text=True)
    with open(out_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    page = Table()
    page.feed(out_html.read_text(encoding="utf-8"))
    return rows, page


def test_each_backup_is_done_needs_a_look_or_failed_with_the_reason(tmp_path):
    shared = tmp_path / "all.jsonl"
    shared.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in [
        line("a.zip", 0),
        line("b.zip", 1, warnings=5),
        line("c.zip", 3, message="c.zip: not a readable zip file"),
        line("d.zip", 70, message="internal error", finished="2026-01-01T09:00:00+00:00"),
        line("d.zip", 0, finished="2026-01-01T11:00:00+00:00"),  # the rerun after the failure counts
        line("e.zip", 0, status="already archived", warnings=2),  # its archive has findings to read
    ]), encoding="utf-8")
    rows, page = run(tmp_path, shared)
    states = {Path(r["backup"]).name: (r["state"], r["why"]) for r in rows}
    assert states == {
        "a.zip": ("done", ""),
        "b.zip": ("needs a look", "LedgerPostDto.csv line 0: odd; LedgerPostDto.csv line 1: odd; "
                                  "LedgerPostDto.csv line 2: odd"),
        "c.zip": ("failed", "c.zip: not a readable zip file"),
        "d.zip": ("done", ""),
        "e.zip": ("needs a look", "LedgerPostDto.csv line 0: odd; LedgerPostDto.csv line 1: odd"),
    }
    assert [r["state"] for r in rows] == ["failed", "needs a look", "needs a look", "done", "done"]
    assert page.title == "5 backups: 1 failed, 2 needs a look, 2 done"
    assert [cells[:2] for cells in page.rows[1:]] == [[r["state"], r["backup"]] for r in rows]
    assert len(page.links) == 4  # the archives, each linked from the page's own folder
    assert os.path.relpath("/out/a/data/index.html", tmp_path / "site") in page.links


def test_text_from_the_backup_is_escaped_in_the_page_and_inert_in_the_spreadsheet(tmp_path):
    folder = tmp_path / "summaries"
    (folder / "kunder").mkdir(parents=True)
    hostile = '<script>alert("x")</script> & Co'
    (folder / "kunder" / "x.jsonl").write_text(
        json.dumps(line("x.zip", 1, warnings=1, company=hostile)) + "\n"
        + json.dumps(line("=cmd.zip", 2, message="=HYPERLINK(\"http://evil\")")) + "\n", encoding="utf-8")
    rows, page = run(tmp_path, folder)  # a folder: every *.jsonl under it
    html_text = (tmp_path / "site" / "o.html").read_text(encoding="utf-8")
    assert "<script>" not in html_text and [c[2] for c in page.rows[1:]] == ["", hostile]
    assert rows[0]["why"] == "'=HYPERLINK(\"http://evil\")" and rows[1]["company"] == hostile


def test_a_backup_of_the_batch_without_any_line_is_failed_too(tmp_path):
    summary, expected = tmp_path / "s.jsonl", tmp_path / "backups.txt"
    summary.write_text(json.dumps(line("kunder/a.zip", 0)) + "\n", encoding="utf-8")
    expected.write_text("kunder/a.zip\n./b.zip\n\n", encoding="utf-8")  # b was killed: no line
    rows, page = run(tmp_path, summary, "--expect", expected)
    assert [(r["state"], r["backup"], r["why"]) for r in rows] == [
        ("failed", "./b.zip", "no summary line: the run never finished"), ("done", "/in/kunder/a.zip", "")]
    assert page.title == "2 backups: 1 failed, 0 needs a look, 1 done"


def test_a_line_that_is_not_json_is_named(tmp_path):
    bad = tmp_path / "s.jsonl"
    bad.write_text(json.dumps(line("a.zip", 0)) + "\n{cut off\n", encoding="utf-8")
    done = subprocess.run([sys.executable, SCRIPT, bad, "--csv", tmp_path / "o.csv", "--html", tmp_path / "o.html"],
                          capture_output=True, text=True)
    assert done.returncode == 1 and f"{bad} line 2 is not JSON" in done.stderr
