"""The books: the archive's own tables loaded once into a work database, audited once, read by all.

    with open_books(layout.tables, documents, layout.work) as books:
        books.company, books.years, books.accounts, books.parties   # the records (model)
        books.db         # postings, vouchers, documents and their totals (load)
        books.audit      # what does not add up, found once (audit); its findings go to the report
        queries.*        # what the index's pages show, asked of the database (queries)
        books.balances   # opening, debit, credit, closing per account and year, and how each year
                         # opened (balances: one rule for the index, SAF-T and the audit)

The index, SAF-T and the report read the same records, so a partner, an account or a year has one
name and one balance everywhere. The database lives in ``work``, a folder outside the bag's
payload, and is deleted on exit.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..records import DocumentEntry, document_order
from .audit import audit
from .balances import compute
from .found import Audit
from .load import Books, load
from .model import NO_YEAR, Account, Company, FiscalYear, Party


@contextlib.contextmanager
def open_books(tables: Path, documents: list[DocumentEntry] = (), work: Path | None = None, *,  # type: ignore[assignment]
               postings: bool = True, result_account: str | None = None) -> Iterator[Books]:
    """Load the JSONL tables in ``tables`` and the ``documents``, compute the balances and audit them.

    ``work`` must be outside the payload that holds ``tables`` (None: the system's temporary
    folder). ``result_account`` is the account the user named for the result of a year whose
    successor has no opening entries in Xena (``balances``). Without ``postings`` only the master
    data is loaded, and nothing is computed or audited."""
    if work is not None:
        work = Path(work)
        if _inside(work, Path(tables).parent):
            raise ValueError(f"the books' work folder {work} must not be inside the payload {Path(tables).parent}")
        work.mkdir(parents=True, exist_ok=True)
    ordered = document_order(list(documents))  # a document's place in this order is its ``ord`` in the database
    with tempfile.TemporaryDirectory(prefix="xena2archive-books-", dir=work) as folder:
        books = load(Path(tables), Path(folder) / "books.sqlite", ordered, postings=postings)
        try:
            if postings:
                books.result_account = result_account
                books.computed = compute(books, result_account)
                books.found = audit(books)
            yield books
        finally:
            books.close()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


__all__ = ["NO_YEAR", "Account", "Audit", "Books", "Company", "FiscalYear", "Party", "open_books"]
