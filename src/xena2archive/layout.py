"""Where everything is in an archive: one record, carried by the run and handed to the stages.

A leaf (standard library only). The archive is a BagIt bag; its payload ``data/`` holds:

    original/        every file of the backup, byte for byte, under its safe name
    tables/          every table: <Table>.jsonl, .schema.json, .xlsx (and .rejects.jsonl); a posting
                     table's workbooks one per fiscal year: <Table>.<year>.xlsx, <Table>.uden-aar.xlsx
    documents/       the PDF/A copies, paths mirroring the originals'
    text/            the text of every document, UTF-8: <path of the original>.txt
    saft/            the SAF-T Financial DK files, one per fiscal year
    report.json      everything the conversion did and found
    datapackage.json the tables as a Frictionless Data Package
    index.html, index.en.html, index/   the HTML index; index/sider/ holds pictures of the
                     copies' first pages, which the voucher pages show (<path of the original>.1.jpg)

Paths inside the report, the data package and the index are relative to ``data/`` and written
with ``/``: ``Layout.of`` gives that form of a path. ``work/`` beside ``data/`` is scratch space,
removed before the bag is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DATA = "data"
ORIGINAL = "original"
TABLES = "tables"
DOCUMENTS = "documents"
TEXT = "text"
SAFT = "saft"
INDEX = "index"
PREVIEWS = f"{INDEX}/sider"
REPORT = "report.json"
DATAPACKAGE = "datapackage.json"
FRONT_PAGE, FRONT_PAGE_EN = "index.html", "index.en.html"
# The index's two files written as the program holds them (not made from the books), and the
# folder of the search page's data (made from the books and the documents' text).
INDEX_STYLE, SEARCH_SCRIPT = f"{INDEX}/style.css", f"{INDEX}/soeg.js"
SEARCH_DATA = f"{INDEX}/soeg"
WORK = "work"

# The index's lists of what the audit of the books found, named in the findings that count them.
UNBALANCED_PAGE = f"{INDEX}/fund/bilag-stemmer-ikke.html"
WITHOUT_VOUCHER_PAGE = f"{INDEX}/fund/posteringer-uden-bilag.html"
UNRELATED_PAGE = f"{INDEX}/fund/dokumenter-uden-relation.html"
WITHOUT_DOCUMENT_PAGE = f"{INDEX}/fund/bilag-uden-dokument.html"


@dataclass(frozen=True)
class Layout:
    """The folders and files of one archive, whose bag is at ``root`` (the staging folder while it
    is written, ``out/`` after)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / DATA

    @property
    def original(self) -> Path:
        return self.data / ORIGINAL

    @property
    def tables(self) -> Path:
        return self.data / TABLES

    @property
    def documents(self) -> Path:
        return self.data / DOCUMENTS

    @property
    def text(self) -> Path:
        return self.data / TEXT

    @property
    def saft(self) -> Path:
        return self.data / SAFT

    @property
    def previews(self) -> Path:
        return self.data / PREVIEWS

    @property
    def report(self) -> Path:
        return self.data / REPORT

    @property
    def datapackage(self) -> Path:
        return self.data / DATAPACKAGE

    @property
    def work(self) -> Path:
        """Scratch space outside the payload, removed before bagging."""
        return self.root / WORK

    def of(self, path: Path) -> str:
        """``path`` as the report, the data package and the index name it: relative to ``data/``."""
        return PurePosixPath(Path(path).relative_to(self.data)).as_posix()


def original_of(entry_path: str) -> str:
    """Where a backup file with the safe path ``entry_path`` is kept, relative to ``data/``."""
    return f"{ORIGINAL}/{entry_path}"
