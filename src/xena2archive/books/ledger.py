"""The books in a temporary SQLite database: one load from the JSONL tables, then sorted, grouped queries.

The JSONL tables are streamed into the database once (batches of rows, never a whole table in
Python); every page is then written from a query. Money is stored as its canonical decimal text
and summed by ``dtot``, an SQL aggregate written in Python that adds ``Decimal`` values exactly
(SQLite's own ``sum`` would go through floating point). The database lives in a work folder
outside the bag and is deleted afterwards.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..company import FiscalYear
from ..fmt import to_decimal
from ..records import DocumentEntry
from ..tables.values import CANONICAL_DECIMAL

NO_YEAR = "uden-aar"  # slug of postings dated outside every fiscal year
BATCH = 5000

# Exact arithmetic: any rounding would raise instead of silently changing a sum.
EXACT = Context(prec=400, traps=[InvalidOperation, Inexact, Rounded, Overflow])
_CANONICAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_CANONICAL_TEXT = re.compile(CANONICAL_DECIMAL)  # as the JSONL writes decimals
_DECODER = json.JSONDecoder(parse_float=Decimal)  # one decoder: json.loads would build one per line


def insert_batched(db: sqlite3.Connection, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """``executemany`` a batch at a time: rows streamed from a table are never all in memory."""
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            db.executemany(sql, batch)
            batch.clear()
    if batch:
        db.executemany(sql, batch)


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL table one at a time (decimals stay exact); nothing if the file is absent."""
    if not path.is_file():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = _DECODER.decode(line)
                if isinstance(row, dict):
                    yield row


def pick(row: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` that the row holds with a value (CSV spellings of nested names vary)."""
    for name in names:
        value = row.get(name)
        if value is not None and value != "":
            return value
    return None


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,19}", value.strip()):
        number = int(value)
        return number if -(2**63) <= number < 2**63 else None
    return None


def canonical(value: Any) -> str | None:
    """A decimal amount as exact text (``-1234.50``), or None if the value is no number."""
    if isinstance(value, str) and _CANONICAL_TEXT.fullmatch(value):
        return value  # as the JSONL writes decimals: already what the slow way below gives
    number = to_decimal(value)
    if number is None:
        return None
    text = format(number, "f")
    return text if _CANONICAL.match(text) else None


def day_text(row: dict[str, Any], name: str) -> str | None:
    """The ISO date of a ``...Days`` field: the derived ``_date`` column, else from the integer."""
    value = row.get(f"{name}_date")
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return value
    days = as_int(row.get(name))
    if days is not None and -719162 <= days <= 2932896:
        return (dt.date(1970, 1, 1) + dt.timedelta(days=days)).isoformat()
    return None


class Totals:
    """SQL aggregate ``dtot(amount)``: ``"<debit>|<credit>"``, exact, credit negative."""

    def __init__(self) -> None:
        self.debit = Decimal(0)
        self.credit = Decimal(0)

    def step(self, value: str | None) -> None:
        if value is None:
            return
        number = Decimal(value)
        if number >= 0:
            self.debit = EXACT.add(self.debit, number)
        else:
            self.credit = EXACT.add(self.credit, number)

    def finalize(self) -> str:
        return f"{self.debit}|{self.credit}"


@dataclass(frozen=True)
class Sums:
    """Debit (>= 0), credit (<= 0) and their sum, the balance."""

    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)

    @property
    def balance(self) -> Decimal:
        return EXACT.add(self.debit, self.credit)

    @classmethod
    def parse(cls, text: str | None) -> Sums:
        if not text:
            return cls()
        debit, credit = text.split("|")
        return cls(Decimal(debit), Decimal(credit))

    def __add__(self, other: Sums) -> Sums:
        return Sums(EXACT.add(self.debit, other.debit), EXACT.add(self.credit, other.credit))


def add(a: Decimal, b: Decimal) -> Decimal:
    return EXACT.add(a, b)


@dataclass(frozen=True)
class Period:
    slug: str  # file-name part: the start year, or the start date when two years start in one year
    start: str | None
    end: str | None
    label: str
    id: int | None = None


def read_periods(tables: Path, years: list[FiscalYear]) -> list[Period]:
    """The fiscal years, from ``FiscalPeriodDto`` (or, where it has none, the company's ``years``), by
    start date."""
    found: list[tuple[str, str, str, int | None]] = []
    for row in read_rows(tables / "FiscalPeriodDto.jsonl"):
        start, end = day_text(row, "FiscalPeriodStartDays"), day_text(row, "FiscalPeriodEndDays")
        if start and end:
            found.append((start, end, str(row.get("Description") or ""), as_int(row.get("Id"))))
    if not found:
        found.extend((year.start, year.end, year.description, None) for year in years if year.start and year.end)
    found.sort(key=lambda y: (y[0], y[1], y[3] if y[3] is not None else -1))
    start_years = [start[:4] for start, *_ in found]
    periods = []
    used: set[str] = set()
    for start, end, description, ident in found:
        slug = start[:4] if start_years.count(start[:4]) == 1 else start
        while slug in used:
            slug += "b"
        used.add(slug)
        periods.append(Period(slug, start, end, description or f"{start} – {end}", ident))
    return periods


def account_slug(key: str) -> str:
    """A safe file name for an account: its number, or a short hash of an odd key."""
    if re.fullmatch(r"[0-9]{1,20}", key):
        return key
    return "k" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def account_sort(key: str) -> str:
    if re.fullmatch(r"[0-9]{1,20}", key):
        return f"0{int(key):020d}"
    return "1" + key


SCHEMA = """
CREATE TABLE accounts(key TEXT PRIMARY KEY, number TEXT, name TEXT, kind TEXT, in_chart INTEGER,
                      slug TEXT, sort TEXT);
CREATE TABLE partners(id INTEGER PRIMARY KEY, number TEXT, name TEXT, kind TEXT, cvr TEXT,
                      in_table INTEGER);
CREATE TABLE vouchers(id INTEGER PRIMARY KEY, number, text TEXT, date TEXT, year TEXT, debit TEXT,
                      credit TEXT, first_doc INTEGER, known INTEGER);
CREATE TABLE posts(seq INTEGER PRIMARY KEY, id INTEGER, voucher_id INTEGER, vnum, date TEXT,
                   year TEXT, amount TEXT, raw TEXT, account TEXT, text TEXT, vat TEXT,
                   partner_id INTEGER, partner_name TEXT, currency TEXT, currency_amount TEXT,
                   arank INTEGER, prank INTEGER, vrank INTEGER);
CREATE TABLE doc_links(kind TEXT, target INTEGER, ord INTEGER);
CREATE TABLE docs(ord INTEGER PRIMARY KEY, document_id INTEGER);
"""

INDEXES = """
CREATE INDEX posts_account ON posts(account, year, date, vnum, seq);
CREATE INDEX posts_partner ON posts(partner_id, date, vnum, seq);
CREATE INDEX posts_id ON posts(id);
CREATE INDEX doc_links_kind ON doc_links(kind, target);
"""


class Ledger:
    """The database and the loading of it. Queries are plain SQL on ``self.db``."""

    def __init__(self, path: Path, tables: Path, years: list[FiscalYear]) -> None:
        self.tables = tables
        self.db = sqlite3.connect(path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-16384")  # 16 MB of page cache, whatever the data size
        self.db.execute("PRAGMA temp_store=FILE")
        self.db.create_aggregate("dtot", 1, Totals)  # type: ignore[arg-type]  # typeshed wants a protocol Totals meets
        self.db.executescript(SCHEMA)
        self.periods = read_periods(tables, years)
        self.period_by_slug = {p.slug: p for p in self.periods}
        self._starts = [p.start or "" for p in self.periods]
        self.db.create_function("year_of", 1, self.year_of, deterministic=True)
        self.currency = "DKK"
        self.has_posts = (tables / "LedgerPostDto.jsonl").is_file()
        self.has_vouchers = (tables / "VoucherDto.jsonl").is_file()
        self.bad_amounts = 0

    def close(self) -> None:
        self.db.close()

    # -- periods --------------------------------------------------------------------------

    @lru_cache(maxsize=8192)  # noqa: B019 - one Ledger per run; dates repeat a lot
    def year_of(self, day: str | None) -> str:
        """The slug of the fiscal year holding ``day`` (ISO), or ``NO_YEAR``."""
        if not day:
            return NO_YEAR
        index = bisect.bisect_right(self._starts, day) - 1
        while index >= 0:
            period = self.periods[index]
            if period.start and period.end and period.start <= day <= period.end:
                return period.slug
            index -= 1
        return NO_YEAR

    def year_label(self, slug: str) -> str:
        period = self.period_by_slug.get(slug)
        return period.label if period else "Uden for regnskabsårene"

    def year_slugs(self) -> list[str]:
        """The fiscal years in order, and ``NO_YEAR`` last if any posting or voucher needs it."""
        slugs = [p.slug for p in self.periods]
        lost = self.db.execute(
            "SELECT 1 FROM posts WHERE year = ? UNION SELECT 1 FROM vouchers WHERE year = ? LIMIT 1",
            (NO_YEAR, NO_YEAR)).fetchone()
        return [*slugs, NO_YEAR] if lost else slugs

    # -- loading --------------------------------------------------------------------------

    def load(self, documents: list[DocumentEntry]) -> None:
        for row in read_rows(self.tables / "FiscalSetupDto.jsonl"):
            self.currency = str(row.get("CurrencyAbbreviation") or "DKK")
            break
        tag_keys = self._load_accounts()
        self._load_partners()
        self._load_vouchers()
        self._load_posts(tag_keys)
        self._load_documents(documents)
        self.db.executescript(INDEXES)
        self._derive()
        self.db.commit()

    def _insert(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        insert_batched(self.db, sql, rows)

    def _load_accounts(self) -> dict[int, str]:
        """The chart of accounts; returns LedgerTagDto.Id -> account key (the chart is small)."""
        tag_keys: dict[int, str] = {}

        def rows() -> Iterator[tuple[Any, ...]]:
            for row in read_rows(self.tables / "LedgerTagDto.jsonl"):
                number = pick(row, "Number")
                ident = as_int(row.get("Id"))
                key = str(number) if number is not None else (f"id{ident}" if ident is not None else None)
                if key is None:
                    continue
                if ident is not None:
                    tag_keys.setdefault(ident, key)
                kind = pick(row, "LedgerAccountTranslated", "LedgerTagTypeTranslated", "LedgerAccount")
                yield (key, None if number is None else str(number), pick(row, "Description"), kind, 1,
                       account_slug(key), account_sort(key))

        self._insert("INSERT OR IGNORE INTO accounts VALUES (?,?,?,?,?,?,?)", rows())
        return tag_keys

    def _load_partners(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            for row in read_rows(self.tables / "PartnerDto.jsonl"):
                ident = as_int(row.get("Id"))
                if ident is None:
                    continue
                number = pick(row, "AccountNumber")
                name = pick(row, "Name", "Address.Name", "Address_Name", "AddressName", "ShortDescription")
                kind = pick(row, "PartnerTypeTranslated", "PartnerType")
                cvr = pick(row, "OrgNumber")
                yield (ident, None if number is None else str(number), name, kind,
                       None if cvr is None else str(cvr), 1)

        self._insert("INSERT OR IGNORE INTO partners VALUES (?,?,?,?,?,?)", rows())

    def _load_vouchers(self) -> None:
        period_slugs = {p.id: p.slug for p in self.periods if p.id is not None}

        def rows() -> Iterator[tuple[Any, ...]]:
            for row in read_rows(self.tables / "VoucherDto.jsonl"):
                ident = as_int(row.get("Id"))
                if ident is None:
                    continue
                day = day_text(row, "FiscalDateDays")
                year = period_slugs.get(as_int(row.get("FiscalPeriodId"))) or self.year_of(day)  # type: ignore[arg-type]
                number = row.get("VoucherNumber")
                yield (ident, number if isinstance(number, int | str) else None, pick(row, "Description"), day,
                       year, canonical(row.get("DebetAmount")), canonical(row.get("CreditAmount")),
                       as_int(row.get("FirstDocumentId")), 1)

        self._insert("INSERT OR IGNORE INTO vouchers VALUES (?,?,?,?,?,?,?,?,?)", rows())

    def _load_posts(self, tag_keys: dict[int, str]) -> None:
        seen_accounts: set[str] = set()
        new_accounts: list[tuple[Any, ...]] = []
        seen_partners: set[int] = set()
        new_partners: list[tuple[Any, ...]] = []

        def rows() -> Iterator[tuple[Any, ...]]:
            for seq, row in enumerate(read_rows(self.tables / "LedgerPostDto.jsonl")):
                number = pick(row, "LedgerTagNumber")
                tag_id = as_int(row.get("LedgerTagId"))
                if number is not None:
                    key = str(number)
                elif tag_id is not None:
                    key = tag_keys.get(tag_id, f"id{tag_id}")
                else:
                    key = "?"
                if key not in seen_accounts:
                    seen_accounts.add(key)
                    new_accounts.append((key, None if number is None else str(number),
                                         pick(row, "LedgerTagDescription"), pick(row, "LedgerAccountTranslated"),
                                         0, account_slug(key), account_sort(key)))
                partner = as_int(row.get("PartnerId"))
                if partner is not None and partner not in seen_partners:
                    seen_partners.add(partner)
                    account_number = pick(row, "PartnerAccountNumber")
                    new_partners.append((partner, None if account_number is None else str(account_number),
                                         pick(row, "PartnerName"), None, None, 0))
                amount = canonical(row.get("Amount"))
                raw = None
                if amount is None:
                    self.bad_amounts += 1
                    raw = None if row.get("Amount") is None else str(row.get("Amount"))
                day = day_text(row, "FiscalDateDays")
                currency = pick(row, "CurrencyAbbreviation")
                vnum = row.get("VoucherNumber")
                yield (seq, as_int(row.get("Id")), as_int(row.get("VoucherId")),
                       vnum if isinstance(vnum, int | str) else None, day, self.year_of(day), amount, raw, key,
                       pick(row, "Description"), pick(row, "VatAbbreviation"), partner, pick(row, "PartnerName"),
                       None if currency is None else str(currency), canonical(row.get("CurrencyAmount")),
                       None, None, None)
                if len(new_accounts) >= BATCH or len(new_partners) >= BATCH:
                    self._flush_new(new_accounts, new_partners)

        self._insert("INSERT INTO posts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows())
        self._flush_new(new_accounts, new_partners)

    def _flush_new(self, accounts: list[tuple[Any, ...]], partners: list[tuple[Any, ...]]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO accounts VALUES (?,?,?,?,?,?,?)", accounts)
        self.db.executemany("INSERT OR IGNORE INTO partners VALUES (?,?,?,?,?,?)", partners)
        accounts.clear()
        partners.clear()

    def _load_documents(self, documents: list[DocumentEntry]) -> None:
        """``doc_links``: v voucher, p partner, o order, l ledger post, x other, d DocumentDto id -> ``ord``."""
        kinds = {"vouchers": "v", "partners": "p", "orders": "o", "ledger_posts": "l"}

        def rows() -> Iterator[tuple[Any, ...]]:
            for ord_, document in enumerate(documents):
                if document.document_id is not None:
                    yield ("d", document.document_id, ord_)
                links = document.links
                for name, kind in kinds.items():
                    for target in sorted(set(getattr(links, name))):
                        yield (kind, target, ord_)
                if links.other:  # relations of a kind Xena's tables did not name: still relations
                    yield ("x", None, ord_)

        self._insert("INSERT INTO doc_links VALUES (?,?,?)", rows())
        self._insert("INSERT INTO docs VALUES (?,?)",
                     ((ord_, d.document_id) for ord_, d in enumerate(documents)))

    def _derive(self) -> None:
        """Vouchers known only from postings, ranks for paging, totals per voucher and account."""
        db = self.db
        db.execute(
            "INSERT INTO vouchers SELECT voucher_id, min(vnum), NULL, min(date), year_of(min(date)), NULL, NULL,"
            " NULL, 0 FROM posts WHERE voucher_id IS NOT NULL AND voucher_id NOT IN (SELECT id FROM vouchers)"
            " GROUP BY voucher_id")
        db.execute(
            "UPDATE posts SET arank = r.rk FROM (SELECT seq, row_number() OVER"
            " (PARTITION BY account, year ORDER BY date, vnum, seq) - 1 AS rk FROM posts) AS r"
            " WHERE posts.seq = r.seq")
        db.execute(
            "UPDATE posts SET vrank = r.rk FROM (SELECT seq, row_number() OVER"
            " (PARTITION BY voucher_id ORDER BY seq) - 1 AS rk FROM posts"
            " WHERE voucher_id IS NOT NULL) AS r WHERE posts.seq = r.seq")
        db.execute("CREATE INDEX posts_voucher ON posts(voucher_id, vrank)")
        db.execute(
            "UPDATE posts SET prank = r.rk FROM (SELECT seq, row_number() OVER"
            " (PARTITION BY partner_id ORDER BY date, vnum, seq) - 1 AS rk FROM posts"
            " WHERE partner_id IS NOT NULL) AS r WHERE posts.seq = r.seq")
        db.executescript("""
            CREATE TABLE vsum AS SELECT voucher_id, count(*) AS n, dtot(amount) AS tot,
                   sum(amount IS NULL) AS bad FROM posts WHERE voucher_id IS NOT NULL GROUP BY voucher_id;
            CREATE UNIQUE INDEX vsum_id ON vsum(voucher_id);
            CREATE TABLE acc_year AS SELECT account, year, count(*) AS n, dtot(amount) AS tot
                   FROM posts GROUP BY account, year;
            CREATE UNIQUE INDEX acc_year_key ON acc_year(account, year);
            CREATE TABLE vdocs AS SELECT DISTINCT voucher_id, ord FROM (
                   SELECT target AS voucher_id, ord FROM doc_links WHERE kind = 'v'
                   UNION ALL SELECT v.id, l.ord FROM vouchers v JOIN doc_links l
                         ON l.kind = 'd' AND l.target = v.first_doc
                   UNION ALL SELECT p.voucher_id, l.ord FROM doc_links l JOIN posts p ON p.id = l.target
                         WHERE l.kind = 'l' AND p.voucher_id IS NOT NULL);
            CREATE INDEX vdocs_voucher ON vdocs(voucher_id, ord);
            CREATE INDEX vdocs_ord ON vdocs(ord, voucher_id);
        """)

    # -- questions asked by several pages ---------------------------------------------------

    def count(self, sql: str, *args: Any) -> int:
        return int(self.db.execute(sql, args).fetchone()[0] or 0)


# A voucher with its postings' count and sums, as the audit and the voucher pages read it.
VOUCHER_SELECT = """
SELECT v.id, v.number, v.text, v.date, v.year, v.debit, v.credit, v.known, v.first_doc,
       coalesce(s.n, 0) AS n, s.tot, coalesce(s.bad, 0) AS bad
FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id
"""
