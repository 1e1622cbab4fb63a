"""The books: the archive's own tables loaded once into a work database, then audited.

    with open_books(data / "tables", company.years, documents, work) as books:
        books.ledger     # the database the index's pages are written from
        books.audit      # what does not add up (counts; the lists are in the database)
        books.documents  # the documents in the books' order: a document's ``ord`` is its place here

The database lives in ``work``, a folder outside the bag's payload, and is deleted on exit.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..company import FiscalYear
from ..records import DocumentEntry, document_order
from .audit import Audit, audit
from .ledger import Ledger


@dataclass(frozen=True)
class Books:
    ledger: Ledger
    audit: Audit
    documents: list[DocumentEntry]


@contextlib.contextmanager
def open_books(tables: Path, years: list[FiscalYear], documents: list[DocumentEntry],
               work: Path | None = None) -> Iterator[Books]:
    """Load the JSONL tables in ``tables`` and the ``documents`` and audit them.

    ``years`` are the company's fiscal years, used where ``tables`` has no ``FiscalPeriodDto``;
    ``work`` must be outside the payload that holds ``tables`` (None: the system's temporary folder)."""
    if work is not None:
        work = Path(work)
        if _inside(work, Path(tables).parent):
            raise ValueError(f"the books' work folder {work} must not be inside the payload {Path(tables).parent}")
        work.mkdir(parents=True, exist_ok=True)
    documents = document_order(documents)  # a document's place in this order is its ``ord`` in the database
    with tempfile.TemporaryDirectory(prefix="xena2archive-books-", dir=work) as folder:
        ledger = Ledger(Path(folder) / "books.sqlite", Path(tables), years)
        try:
            ledger.load(documents)
            yield Books(ledger, audit(ledger, documents), documents)
        finally:
            ledger.close()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


__all__ = ["Audit", "Books", "Ledger", "open_books"]
