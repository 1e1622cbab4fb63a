"""The index's search page: ``index/soeg.html`` (Danish), ``index/soeg.en.html`` (English), and the
search data beside them, cut so that a query loads only the parts it needs.

A browser opening the archive from a disk (``file://``) refuses ``fetch``, but runs ``<script src>``
files; so the data is JavaScript files that hand their contents to ``soeg.js``:

    index/soeg.js             the page's script (static; reads only the files below)
    index/soeg/meta.js        how many records, how many per record file, the first term of each term file
    index/soeg/t/<n>.js       terms in code point order, each with the ids of the records that hold it
    index/soeg/r/<n>.js       the records ``n * PER_FILE`` ..., each [kind, link, title, excerpt]

A record is one place a hit leads to: an account (its page), a customer or supplier (its page),
a document (its row on the documents page), a voucher (its section on its page) or a posting (its
row on its voucher's page). Ids are given in that order, so the first hits shown are the accounts,
partners and documents, then vouchers, then postings in input order. Term files are cut where they
pass ``TERM_FILE_BYTES`` (a term whose list alone is larger gets a file of its own), so a word
loads one file, a beginning of a word the files its terms are in. A term's list is the gaps between
its ids (how many ids each skips), in base 36, comma-separated (``4,0,0,y`` is 4, 5, 6, 41).

The terms are what ``search_text`` makes of each field; the (term, id) pairs go through a work
database beside the books' and come back sorted, so memory stays flat with a million postings.
Same books, same bytes.
"""

from __future__ import annotations

import io
import json
import posixpath
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import fmt
from ..layout import SEARCH_DATA, SEARCH_SCRIPT
from ..books import Books, queries
from ..books.money import Sums
from ..records import DocumentEntry
from .paths import account_page, numbered, partner_page, voucher_href, voucher_page
from .search_text import amount_terms, field_terms, terms
from .site import Site, relative_url
from .views import Views

PAGE = "index/soeg.html"
PAGE_EN = "index/soeg.en.html"
SCRIPT = SEARCH_SCRIPT
FOLDER = SEARCH_DATA
PER_FILE = 500  # records per record file: the first hits of a query are mostly in one
TERM_FILE_BYTES = 64 * 1024
DOCUMENT_EXCERPT = 20_000  # characters of a document's text kept for its excerpt (every word is searched)
BATCH = 20_000

ACCOUNT, PARTNER, DOCUMENT, VOUCHER, POSTING = "k", "p", "d", "b", "x"


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


_SMALL = [_base36(n) for n in range(36 * 36)]  # most gaps between ids are small


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _join(*parts: object) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


class _Writer:
    """Numbers the records, writes them a file at a time, and puts their terms in a work database of
    its own beside the books' (a small page cache: the sort's memory stays a few MB)."""

    def __init__(self, data: Path, work: Path) -> None:
        self.data = data
        self.db = sqlite3.connect(work / "search.sqlite")
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-4096", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE pairs(term TEXT, rid INTEGER)")
        self.records: list[list[str]] = []
        self.pairs: list[tuple[str, int]] = []
        self.count = self.files = self.bytes = 0
        self.firsts: list[str] = []  # the first term of each term file
        self.lines: list[str] = []  # the term file being filled
        self.size = 0
        (data / FOLDER / "r").mkdir(parents=True, exist_ok=True)
        (data / FOLDER / "t").mkdir(parents=True, exist_ok=True)

    def write(self, path: str, text: str) -> None:
        target = self.data / path
        with open(target, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        self.files += 1
        self.bytes += target.stat().st_size

    def add(self, kind: str, target: str, title: str, excerpt: str, found: Iterable[str]) -> None:
        rid = self.count
        self.count += 1
        self.records.append([kind, relative_url(PAGE, target), title, excerpt])
        self.pairs.extend((term, rid) for term in found)
        if len(self.pairs) >= BATCH:
            self.db.executemany("INSERT INTO pairs VALUES (?, ?)", self.pairs)
            self.pairs.clear()
        if len(self.records) == PER_FILE:
            self._flush_records()

    def _flush_records(self) -> None:
        if self.records:
            number = (self.count - 1) // PER_FILE
            self.write(f"{FOLDER}/r/{number}.js", f"X2A.r({number},{_js(self.records)});\n")
            self.records.clear()

    def _term(self, term: str, gaps: str) -> None:
        line = f"{term}\t{gaps}\n"
        if self.lines and self.size + len(line) > TERM_FILE_BYTES:
            self._flush_terms()
        if not self.lines:
            self.firsts.append(term)
        self.lines.append(line)
        self.size += len(line)

    def _flush_terms(self) -> None:
        if self.lines:
            number = len(self.firsts) - 1
            self.write(f"{FOLDER}/t/{number}.js", f"X2A.t({number},{_js(''.join(self.lines))});\n")
            self.lines.clear()
            self.size = 0

    def finish(self) -> None:
        """The last record file, the term files and ``meta.js``."""
        self._flush_records()
        self.db.executemany("INSERT INTO pairs VALUES (?, ?)", self.pairs)
        self.pairs.clear()
        term, gaps, previous = None, io.StringIO(), -1
        for found, rid in self.db.execute("SELECT term, rid FROM pairs ORDER BY term, rid"):
            if found != term:
                if term is not None:
                    self._term(term, gaps.getvalue())
                term, gaps, previous = found, io.StringIO(), -1
            else:
                gaps.write(",")
            gap = rid - previous - 1
            gaps.write(_SMALL[gap] if gap < len(_SMALL) else _base36(gap))
            previous = rid
        if term is not None:
            self._term(term, gaps.getvalue())
        self._flush_terms()
        self.db.close()
        meta = {"records": self.count, "per": PER_FILE, "terms": self.firsts}
        self.write(f"{FOLDER}/meta.js", f"X2A.meta({_js(meta)});\n")


def write_search(site: Site, views: Views, list_rows: int, progress: Callable[[str], None] = lambda m: None) -> int:
    """The search pages and their data; returns the bytes of the data and the script."""
    with tempfile.TemporaryDirectory(prefix="search-", dir=_work_folder(views.books)) as work:
        records = _write_records(_Writer(site.data, Path(work)), site, views, list_rows, progress)
    site.copy_static("soeg.js", SCRIPT)
    for lang, page in (("da", PAGE), ("en", PAGE_EN)):
        site.write(page, "soeg.html", lang=lang, title="Søg i arkivet" if lang == "da" else "Search the archive",
                   records=records.count)
    site.bytes += records.bytes
    return records.bytes


def _work_folder(books: Books) -> str | None:
    """The folder of the books' work database (the system's temporary folder if it has none)."""
    file = books.db.execute("PRAGMA database_list").fetchone()[2]
    return str(Path(file).parent) if file else None


def _write_records(writer: _Writer, site: Site, views: Views, list_rows: int,
                   progress: Callable[[str], None]) -> _Writer:
    """Every record, in the order of their ids; returns the finished writer."""
    books, documents = views.books, views.documents
    years = books.year_slugs()
    for account, totals in queries.chart(books):
        number = account["number"] or account["key"]
        with_posts = [y for y in years if y in totals]
        target = account_page(account["slug"], with_posts[-1]) if with_posts else "index/kontoplan.html"
        writer.add(ACCOUNT, target, f"{number} {account['name'] or ''}".strip(), account["kind"] or "",
                   {"konto"} | terms(_join(number, account["name"], account["kind"])))
    for row_number, partner in enumerate(queries.partner_list(books)):
        target = (partner_page(partner["id"]) if partner["n"] or partner["docs"]
                  else numbered("index/partnere", row_number // list_rows + 1))
        name = partner["name"] or f"id {partner['id']}"
        writer.add(PARTNER, target, name, _join(partner["number"], partner["cvr"] and f"CVR {partner['cvr']}",
                                                partner["kind"]),
                   terms(_join(name, partner["number"], partner["cvr"], partner["kind"])))
    for ord_, document in enumerate(documents.items):
        title, text = _document(site.data, document)
        shown = _join(posixpath.basename(document.zip_name), " ".join(text[:DOCUMENT_EXCERPT].split()))
        writer.add(DOCUMENT, documents.href(ord_), title, shown, terms(_join(title, document.zip_name, text)))
    progress("index: search, vouchers")
    for voucher in queries.search_vouchers(books):
        number = voucher["number"] if voucher["number"] is not None else f"id {voucher['id']}"
        debit = Sums.parse(voucher["tot"]).debit
        target = (voucher_href(voucher["vyear"], voucher["vpage"], voucher["id"]) if voucher["vpage"]
                  else "index/bilag.html")
        found = {"bilag", *field_terms(str(number)), *field_terms(voucher["text"] or ""), *amount_terms(debit)}
        if voucher["date"]:
            found.add(voucher["date"])
        writer.add(VOUCHER, target, str(number), _join(fmt.date(voucher["date"]), voucher["text"], fmt.money(debit)),
                   found)
    progress("index: search, postings")
    for row in queries.search_postings(books):
        p = views.posting(row)
        found = set().union(*(field_terms(field) for field in (p.vnum, p.account, p.account_name, p.text, p.partner,
                                                               p.vat, row["currency"] or "")))
        if row["amount"] is not None:
            found.update(amount_terms(row["amount"]))
        if row["currency_amount"] is not None and p.foreign:
            found.update(amount_terms(row["currency_amount"]))
        if row["date"]:
            found.add(row["date"])
        amount = fmt.money(row["amount"]) if row["amount"] is not None else p.raw
        target = f"{voucher_page(row['syear'], row['spage'])}#p{p.seq}" if row["spage"] else p.account_href
        writer.add(POSTING, target, p.vnum,
                   _join(p.date, f"{p.account} {p.account_name}".strip(), p.text, p.partner, amount,
                         p.foreign), found)
    progress("index: search, terms")
    writer.finish()
    return writer


def _document(data: Path, document: DocumentEntry) -> tuple[str, str]:
    """A document's title and its text (empty where it has none)."""
    title = document.description or posixpath.basename(document.zip_name) or document.zip_name
    text = ""
    if document.text and (data / document.text).is_file():
        text = (data / document.text).read_text(encoding="utf-8", errors="replace")
    return title, text
