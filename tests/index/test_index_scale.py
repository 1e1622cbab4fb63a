"""The index at scale: pages stay small, long accounts are paged, and the figures still add up.

(How flat its memory stays as the books grow is measured by bench/guards.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index_synth import big_books

from xena2archive.index import write_index


@pytest.mark.slow
def test_pages_stay_small_at_scale(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = big_books(data, 32_000, accounts=3, partners=50)  # ~5,000 postings per account and year: paged
    summary = write_index(data, report, tmp_path / "work")
    assert summary.postings == 32_000 and summary.unbalanced_vouchers == 0
    for totals in summary.trial_balances.values():
        assert totals["debit"] == totals["credit"]
    pages = list((data / "index").rglob("*.html"))
    assert max(p.stat().st_size for p in pages) < 2_000_000
    assert len(list((data / "index" / "konti" / "1000").glob("2023*.html"))) >= 2  # an account over pages
