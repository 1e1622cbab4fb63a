"""How a conversion runs: one options object for every limit the user can set, checked in one place.

The limits belong to the stages that apply them (the zip reader's ``ZipLimits``, a document's
``DocumentLimits``, the index's ``PageLimits``); this object gathers them, and ``check`` says in
the words of the command line what is wrong with a value before anything is read or written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .documents.model import Limits as DocumentLimits
from .errors import UsageError
from .index.views import PageLimits
from .progress import Progress
from .source import ZipLimits


def document_limits(*, timeout_s: float, memory_mb: int, max_pages: int) -> DocumentLimits:
    """A document's limits from the command line's values, each refused with its flag when no run
    can use it (``DocumentLimits`` itself would only raise a ValueError, a bug's exit code)."""
    for value, flag in ((timeout_s, "--document-timeout"), (memory_mb, "--document-memory"),
                        (max_pages, "--max-pages")):
        if value <= 0:
            raise UsageError(f"{flag} must be positive, not {value:g}")
    return DocumentLimits(timeout_s=timeout_s, memory_mb=memory_mb, max_pages=max_pages)


@dataclass(frozen=True)
class Options:
    """How a conversion runs; the CLI sets the fields its flags name."""

    force: bool = False
    jobs: int = max(os.cpu_count() or 1, 1)
    zip: ZipLimits = field(default_factory=ZipLimits)
    documents: DocumentLimits = field(default_factory=DocumentLimits)
    pages: PageLimits = field(default_factory=PageLimits)
    saft_accounts: Path | None = None  # CSV: account number -> Erhvervsstyrelsen's standard account id
    result_account: str | None = None  # the equity account of prior years' result (``books.balances``)
    progress: Progress = field(default_factory=Progress)  # what the terminal shows; nothing by default

    def check(self) -> None:
        """Refuse (``UsageError``, exit 2) a value no run can use, naming its flag."""
        if self.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {self.jobs}")
        for name, flag in (("max_total_bytes", "--max-total-size"), ("max_ratio", "--max-ratio"),
                           ("max_entries", "--max-entries")):
            if getattr(self.zip, name) < 1:
                raise UsageError(f"{flag} must be positive, not {getattr(self.zip, name)}")
        for limits in (self.pages,):
            for item in fields(limits):
                if getattr(limits, item.name) < 1:
                    raise UsageError(f"the index's page size {item.name} must be positive")
        if self.saft_accounts is not None and not self.saft_accounts.is_file():
            raise UsageError(f"--saft-accounts: {self.saft_accounts} is not a file")
