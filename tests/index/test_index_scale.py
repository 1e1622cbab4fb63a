"""The index at scale: pages stay small and memory stays flat as the books grow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from index_synth import big_books

CHILD = """
import json, resource, sys
from pathlib import Path
from xena2archive.index import write_index
data = Path(sys.argv[1])
report = json.loads((data / "report.json").read_text(encoding="utf-8"))
summary = write_index(data, report, Path(sys.argv[2]))
print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "pages": summary.pages,
                  "largest": summary.largest_page_bytes, "unbalanced": summary.unbalanced_vouchers,
                  "balances": summary.trial_balances}))
"""


def run_index(data: Path, work: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(data), str(work)], capture_output=True, text=True,
                          env=env, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pages_stay_small_and_memory_flat(tmp_path: Path) -> None:
    small = tmp_path / "small" / "data"
    big = tmp_path / "big" / "data"
    big_books(small, 4_000, accounts=3, partners=50)
    big_books(big, 32_000, accounts=3, partners=50)  # ~5,000 postings per account and year: paged
    first = run_index(small, tmp_path / "work")
    second = run_index(big, tmp_path / "work")
    assert second["unbalanced"] == 0
    for totals in second["balances"].values():
        assert totals["debit"] == totals["credit"]
    assert second["largest"] < 2_000_000
    pages = list((big / "index").rglob("*.html"))
    assert max(p.stat().st_size for p in pages) < 2_000_000
    assert len(list((big / "index" / "konti" / "1000").glob("2023*.html"))) >= 2  # an account over pages
    # eight times the postings: the peak memory grows by far less than holding the rows would take
    assert second["rss_kb"] - first["rss_kb"] < 24 * 1024, (first, second)
