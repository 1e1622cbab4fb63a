"""The index written with a worker (voucher pages and search apart) is the index written in one process."""

from __future__ import annotations

import pickle
import subprocess
import sys
import shutil
import sqlite3
from pathlib import Path

import pytest
from index_synth import big_books

from xena2archive.books import open_books, queries
from xena2archive.index import IndexWriter


def _index(data: Path, report, work: Path, jobs: int, apart_from: int = 0):  # type: ignore[no-untyped-def]
    with open_books(data / "tables", report.documents, work) as books, \
            IndexWriter(data, books, report.company, report.tool, source=report.input, jobs=jobs,
                        apart_from=apart_from) as writer:
        assert writer.apart == (jobs > 1 and queries.totals(books)[0] >= apart_from)
        writer.write_books()
        return writer.finish(report)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_worker_writes_the_same_index(tmp_path: Path) -> None:
    alone, apart = tmp_path / "alone", tmp_path / "apart"
    report = big_books(alone, 3_000, accounts=4, partners=20)
    shutil.copytree(alone, apart)
    one = _index(alone, report, tmp_path / "work1", jobs=1)
    two = _index(apart, report, tmp_path / "work2", jobs=2)
    assert one == two and one.pages > 10
    assert _files(alone / "index") == _files(apart / "index")
    assert (alone / "index.html").read_bytes() == (apart / "index.html").read_bytes()


def test_small_books_are_written_without_workers(tmp_path: Path) -> None:
    """Below ``apart_from`` postings no worker is started: the same index, without two interpreters."""
    data = tmp_path / "data"
    report = big_books(data, 300, accounts=2, partners=5)
    said: list[str] = []
    with open_books(data / "tables", report.documents, tmp_path / "work") as books, \
            IndexWriter(data, books, report.company, report.tool, progress=said.append, source=report.input, jobs=2,
                        apart_from=301) as writer:
        writer.write_books()
        writer.finish(report)
    assert "index: vouchers and search, in workers" not in said and "index: search" in said
    assert (data / "index" / "soeg.html").is_file()


def test_books_cross_to_a_worker_read_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    big_books(data, 200, accounts=2, partners=5)
    with open_books(data / "tables", work=tmp_path / "work") as books:
        copy = pickle.loads(pickle.dumps(books))
        try:
            assert queries.totals(copy) == queries.totals(books) == (200, *queries.totals(books)[1:])
            assert copy.accounts == books.accounts and copy.audit == books.audit
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                copy.db.execute("CREATE TABLE x(a)")
        finally:
            copy.close()


def test_the_worker_loads_nothing_of_the_documents_stage() -> None:
    """The worker is a fresh interpreter that imports what its function needs: the index, not the
    document converters (pikepdf, OCRmyPDF, WeasyPrint, Pillow), which held 60 MB of it."""
    probe = ("import sys, xena2archive.index.build; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'pikepdf', 'ocrmypdf', 'weasyprint', 'PIL'}), "
             "sorted(m for m in sys.modules if m.startswith('xena2archive.documents')))")
    found = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert found.strip() == "[] []"
