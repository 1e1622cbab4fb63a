"""The books loaded once: master data in memory, postings and vouchers streamed into a work database.

The archive's own JSONL tables (never the zip) are read once. Company, fiscal years, accounts,
partners, VAT codes and opening entries are small and held as records (``model``); the postings
and vouchers are streamed into SQLite a batch at a time, so a million postings take constant
memory, and every reader (the index, SAF-T, the audit) asks the same database. Money is stored as
its exact decimal text and summed by ``total`` (``money``); SAF-T's two-decimal form of each
amount is stored beside it, so the file's totals are sums of what it writes.

Choices (each also said where it shows):
- A posting's account: ``LedgerTagNumber``, else the account of its ``LedgerTagId``; an account only
  postings or opening entries name is added with what they say of it (``in_chart`` false).
- A posting's partner side, for SAF-T's customers and suppliers: ``C`` when its account is an asset
  (receivables), ``S`` when a liability (payables), else the partner's own type. A partner that is
  both appears in both lists.
- A posting's transaction (SAF-T groups lines by it): its voucher's id, else its voucher number,
  else the posting alone.
- A voucher's year: its ``FiscalPeriodId``'s, else the year its date falls in.
- A generated invoice (``OrderJournalEntryDto.DocumentId``) is a document of the voucher whose
  postings carry its ``TransactionId`` as ``EconomicTransactionId``, else of the one voucher with its
  ``VoucherNumber`` (none when the number is not unique).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import BOOKS_TABLES
from ..records import DocumentEntry
from .found import Audit
from .model import (
    NO_YEAR, Account, BankAccount, Company, FiscalYear, Party, VatCode, YearOf, account_slug, account_sort,
    name_of, read_account, read_bank, read_company, read_party, read_vat, read_years, standard_column,
)
from .money import EXACT, ZERO, Totals, cents
from .rows import as_int, canonical, date_part, day_text, pick, read_rows, text

if TYPE_CHECKING:
    from .model import Balances

BATCH = 5000
_TWO_DECIMALS = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]{2}")  # already as SAF-T writes it

SCHEMA = """
CREATE TABLE accounts(key TEXT PRIMARY KEY, number TEXT, name TEXT, kind TEXT, in_chart INTEGER,
                      slug TEXT, sort TEXT);
CREATE TABLE partners(id INTEGER PRIMARY KEY, number TEXT, name TEXT, kind TEXT, cvr TEXT,
                      in_table INTEGER);
CREATE TABLE vouchers(id INTEGER PRIMARY KEY, number, text TEXT, date TEXT, year TEXT, debit TEXT,
                      credit TEXT, first_doc INTEGER, known INTEGER, entered TEXT, responsible TEXT);
CREATE TABLE posts(seq INTEGER PRIMARY KEY, id INTEGER, voucher_id INTEGER, vnum, gkey TEXT, date TEXT,
                   year TEXT, amount TEXT, saft_amount TEXT, raw TEXT, account TEXT, text TEXT, vat TEXT,
                   vat_amount TEXT, partner_id INTEGER, partner_name TEXT, side TEXT, currency TEXT,
                   currency_amount TEXT, entered TEXT, arank INTEGER, prank INTEGER, vrank INTEGER, etx INTEGER);
CREATE TABLE doc_links(kind TEXT, target INTEGER, ord INTEGER);
CREATE TABLE docs(ord INTEGER PRIMARY KEY, document_id INTEGER);
CREATE TABLE orders(id INTEGER PRIMARY KEY, number TEXT, name TEXT);
CREATE TABLE vat_codes(code TEXT PRIMARY KEY, description TEXT, percentage TEXT, type TEXT, type_name TEXT,
                       account TEXT);
CREATE TABLE vat_settlements(start TEXT, end TEXT, number INTEGER, total TEXT);
CREATE TABLE pposts(seq INTEGER PRIMARY KEY, partner_id INTEGER, date TEXT, due TEXT, type TEXT, type_name TEXT,
                    invoice TEXT, amount TEXT, remaining TEXT, voucher_id INTEGER, vnum, settlement INTEGER);
CREATE TABLE invoices(transaction_id INTEGER, number, document_id INTEGER, order_id INTEGER, text TEXT);
"""

INDEXES = """
CREATE INDEX posts_account ON posts(account, year, date, vnum, seq);
CREATE INDEX posts_partner ON posts(partner_id, date, vnum, seq);
CREATE INDEX posts_id ON posts(id);
CREATE INDEX posts_year ON posts(year, gkey, seq);
CREATE INDEX doc_links_kind ON doc_links(kind, target);
CREATE INDEX pposts_partner ON pposts(partner_id, date, seq);
"""

DERIVED = f"""
CREATE TABLE invoice_vouchers AS
       WITH by_transaction AS (SELECT etx, min(voucher_id) AS voucher_id FROM posts
                               WHERE etx IN (SELECT transaction_id FROM invoices) AND voucher_id IS NOT NULL
                               GROUP BY etx),
            by_number AS (SELECT number, min(id) AS voucher_id FROM vouchers
                          WHERE number IN (SELECT number FROM invoices) GROUP BY number HAVING count(*) = 1)
       SELECT DISTINCT i.document_id, coalesce(t.voucher_id, n.voucher_id) AS voucher_id FROM invoices i
       LEFT JOIN by_transaction t ON t.etx = i.transaction_id LEFT JOIN by_number n ON n.number = i.number
       WHERE i.document_id IS NOT NULL AND coalesce(t.voucher_id, n.voucher_id) IS NOT NULL;
CREATE TABLE vsum AS SELECT voucher_id, count(*) AS n, total(amount) AS tot,
       sum(amount IS NULL) AS bad, min(entered) AS entered FROM posts WHERE voucher_id IS NOT NULL GROUP BY voucher_id;
CREATE UNIQUE INDEX vsum_id ON vsum(voucher_id);
CREATE TABLE acc_year AS SELECT account, year, count(*) AS n, total(amount) AS tot
       FROM posts GROUP BY account, year;
CREATE UNIQUE INDEX acc_year_key ON acc_year(account, year);
CREATE TABLE vdocs AS SELECT DISTINCT voucher_id, ord FROM (
       SELECT target AS voucher_id, ord FROM doc_links WHERE kind = 'v'
       UNION ALL SELECT v.id, l.ord FROM vouchers v JOIN doc_links l
             ON l.kind = 'd' AND l.target = v.first_doc
       UNION ALL SELECT p.voucher_id, l.ord FROM doc_links l JOIN posts p ON p.id = l.target
             WHERE l.kind = 'l' AND p.voucher_id IS NOT NULL
       UNION ALL SELECT i.voucher_id, d.ord FROM invoice_vouchers i JOIN docs d ON d.document_id = i.document_id);
CREATE INDEX vdocs_voucher ON vdocs(voucher_id, ord);
CREATE INDEX vdocs_ord ON vdocs(ord, voucher_id);
INSERT OR IGNORE INTO partners SELECT DISTINCT target, NULL, NULL, NULL, NULL, 0 FROM doc_links WHERE kind = 'p';
CREATE TABLE psum AS SELECT partner_id, count(*) AS n, total(amount) AS tot FROM posts
       WHERE partner_id IS NOT NULL GROUP BY partner_id;
CREATE UNIQUE INDEX psum_id ON psum(partner_id);
CREATE TABLE groups AS SELECT year, gkey, min(date) AS day, min(seq) AS first, count(*) AS n,
       min(entered) AS entered, min(voucher_id) AS voucher_id, min(nullif(vnum, '')) AS vnum FROM posts
       WHERE year != '{NO_YEAR}' AND saft_amount IS NOT NULL GROUP BY year, gkey;
CREATE INDEX groups_year ON groups(year, day, first);
CREATE UNIQUE INDEX groups_key ON groups(year, gkey);
"""


def two_decimals(exact: str) -> str:
    """An exact amount as SAF-T writes it: two decimals, half-even."""
    if _TWO_DECIMALS.fullmatch(exact) and exact != "-0.00":
        return exact
    return str(cents(Decimal(exact)))


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


@dataclass
class Counts:
    """What loading met that a reader of the books must be told of."""

    bad_amounts: int = 0  # postings whose amount is no number (left out of every sum)
    outside: int = 0  # postings dated outside every fiscal year (with a readable amount)
    rounded: int = 0  # amounts in the years with more than two decimals (SAF-T rounds them)
    primo_unplaced: int = 0  # opening entries that name no known year, account or partner, or no amount


@dataclass
class Books:
    """The books of one archive, loaded: the records, the database, and what loading met."""

    tables: Path
    db: sqlite3.Connection
    company: Company
    years: list[FiscalYear]
    accounts: dict[str, Account]
    parties: dict[int, Party]
    vat: dict[str, VatCode]  # by code
    primo_accounts: dict[tuple[str, str], Decimal]  # (year slug, account key) -> opening entries' total
    primo_parties: dict[tuple[str, int, str], Decimal]  # (year slug, partner id, side) -> total
    counts: Counts
    documents: list[DocumentEntry] = field(default_factory=list)  # in the books' order: ``ord`` is the place
    has_posts: bool = False
    has_vouchers: bool = False
    found: Audit | None = None  # the audit's, once ``open_books`` has run it
    result_account: str | None = None  # the account the user named for prior years' result (``balances``)
    standard_columns: dict[str, str] = field(default_factory=dict)  # table -> the SAF-T standard column found
    computed: Balances | None = None  # ``open_books`` computes them once the postings are loaded
    database: Path | None = None  # the file of ``db`` (``load``), for a worker that reads the same books

    @property
    def balances(self) -> Balances:
        """Every account's opening, movements and closing per year, and how each year opened."""
        if self.computed is None:
            raise RuntimeError("the books were loaded without their postings, so they have no balances")
        return self.computed

    @property
    def audit(self) -> Audit:
        """What the audit of these books found (``open_books`` audits them when they are loaded)."""
        if self.found is None:
            raise RuntimeError("the books were loaded without their postings, so they were not audited")
        return self.found

    @property
    def currency(self) -> str:
        return self.company.currency or "DKK"

    @cached_property
    def year_by_slug(self) -> dict[str, FiscalYear]:
        return {y.slug: y for y in self.years}

    def year_label(self, slug: str) -> str:
        year = self.year_by_slug.get(slug)
        return year.label if year else "Uden for regnskabsårene"

    def year_slugs(self) -> list[str]:
        """The fiscal years in order, and ``NO_YEAR`` last if any posting or voucher needs it."""
        lost = self.db.execute(
            "SELECT 1 FROM posts WHERE year = ? UNION SELECT 1 FROM vouchers WHERE year = ? LIMIT 1",
            (NO_YEAR, NO_YEAR)).fetchone()
        return [*(y.slug for y in self.years), *([NO_YEAR] if lost else [])]

    def years_with_openings(self) -> set[str]:
        """The years for which Xena holds the accounts' opening balances (``PrimoLedgerPostDto``)."""
        return {year for year, _key in self.primo_accounts}

    def count(self, sql: str, *args: Any) -> int:
        return int(self.db.execute(sql, args).fetchone()[0] or 0)

    def close(self) -> None:
        self.db.close()

    def __getstate__(self) -> dict[str, Any]:
        """The books for a worker process: the records, and where the database is (a connection cannot
        cross processes; ``__setstate__`` opens the same file, read-only, so the loaded database must
        not be written any more while a worker reads it)."""
        if self.database is None:
            raise TypeError("books without their database's file cannot be read by another process")
        return {name: value for name, value in self.__dict__.items() if name != "db"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, db=connect(state["database"], read_only=True))


CACHE_KIB = 16 * 1024
"""SQLite's page cache, and with it each sort's memory: the books' memory is bounded by this whatever
the number of postings, and the memory tests allow for it."""


def connect(database: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """The books' database at ``database``; ``read_only`` for a worker that reads the books loaded by
    another process (it can never lock the database against the loader's own connection)."""
    db = sqlite3.connect(Path(database).resolve().as_uri() + "?mode=ro", uri=True) if read_only \
        else sqlite3.connect(database)
    db.row_factory = sqlite3.Row
    for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{CACHE_KIB}", "temp_store=FILE"):
        db.execute(f"PRAGMA {pragma}")
    db.create_aggregate("total", 1, Totals)  # type: ignore[arg-type]  # typeshed wants a protocol Totals meets
    return db


def load(tables: Path, database: Path, documents: list[DocumentEntry] = (), *,  # type: ignore[assignment]
         postings: bool = True) -> Books:
    """The books of the JSONL tables in ``tables``, in a new database at ``database``.

    Without ``postings`` only the master data is loaded (company, years, accounts, partners, VAT,
    opening entries): what checking an archive's SAF-T files against its tables needs."""
    books = _Loader(Path(tables), connect(database)).load(list(documents), postings)
    books.database = Path(database)
    return books


class _Loader:
    """Reads the tables into a ``Books``; each ``_`` step reads one table once."""

    def __init__(self, tables: Path, db: sqlite3.Connection) -> None:
        self.tables, self.db = tables, db
        self.counts = Counts()
        self.accounts: dict[str, Account] = {}
        self.parties: dict[int, Party] = {}
        self.tag_keys: dict[int, str] = {}
        self.primo_accounts: dict[tuple[str, str], Decimal] = {}
        self.primo_parties: dict[tuple[str, int, str], Decimal] = {}
        self.dates: dict[str, str | None] = {}  # CreatedAt's date part -> checked ISO date

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        assert table in BOOKS_TABLES, f"{table}: read by the books but not named in catalogue.BOOKS_TABLES"
        return read_rows(self.tables / f"{table}.jsonl")

    def load(self, documents: list[DocumentEntry], postings: bool) -> Books:
        self.db.executescript(SCHEMA)
        company = read_company(next(self.rows("FiscalSetupDto"), None))
        company.years = read_years(list(self.rows("FiscalPeriodDto")))
        self.years = company.years
        self.year_of = YearOf(self.years)
        company.banks = self._banks()
        self.standard_columns: dict[str, str] = {}
        self._accounts()
        self._parties()
        vat = self._vat()
        self._primo()
        has_posts = (self.tables / "LedgerPostDto.jsonl").is_file()
        has_vouchers = (self.tables / "VoucherDto.jsonl").is_file()
        if postings:
            self._vouchers()
            self._posts()
            self._invoices()
            self._partner_posts()
            self._documents(documents)
            self.db.executescript(INDEXES)
            self._derive()
        self._flush_accounts_and_partners()
        self.db.commit()
        books = Books(self.tables, self.db, company, self.years, self.accounts, self.parties, vat, self.primo_accounts,
                      self.primo_parties, self.counts, documents, has_posts, has_vouchers)
        books.standard_columns = self.standard_columns
        return books

    # -- master data ---------------------------------------------------------------------------

    def _standard(self, table: str, row: dict[str, Any], subject: str) -> str | None:
        """The column of ``table`` holding the user's SAF-T standard value (the first row's columns say)."""
        if table not in self.standard_columns:
            self.standard_columns[table] = standard_column(row, subject) or ""
        return self.standard_columns[table] or None

    def _banks(self) -> list[BankAccount]:
        found: list[BankAccount] = []
        for table in ("LedgerTagBankContextDto", "PaymentMeansDto"):
            for row in self.rows(table):
                bank = read_bank(row, table)
                if bank is not None and not any((b.iban, b.number, b.sort_code) == (bank.iban, bank.number,
                                                                                    bank.sort_code) for b in found):
                    found.append(bank)
        return found

    def _accounts(self) -> None:
        for row in self.rows("LedgerTagDto"):
            found = read_account(row, self._standard("LedgerTagDto", row, "account"))
            if found is None:
                continue
            account, ident = found
            if ident is not None:
                self.tag_keys.setdefault(ident, account.key)
            self.accounts.setdefault(account.key, account)

    def _parties(self) -> None:
        for row in self.rows("PartnerDto"):
            party = read_party(row)
            if party is not None:
                self.parties.setdefault(party.id, party)

    def _vat(self) -> dict[str, VatCode]:
        """The VAT codes (``VatDto``, with the standard VAT code the user set in Xena; also into
        ``vat_codes`` with their type and account, for the index) and the VAT settlements
        (``VatSettlementTransactionDto``, those not cancelled: period, voucher, total)."""
        vat: dict[str, VatCode] = {}
        for row in self.rows("VatDto"):
            code = read_vat(row, self._standard("VatDto", row, "vat"))
            if code is not None and code.code not in vat:
                vat[code.code] = code
                account = pick(row, "LedgerAccount")
                self.db.execute("INSERT INTO vat_codes VALUES (?,?,?,?,?,?)", (
                    code.code, text(row.get("Description")), canonical(row.get("Percentage")),
                    text(row.get("VatType")), text(pick(row, "VatTypeTranslated", "VatType")),
                    None if account is None else text(account)))
        for row in self.rows("VatSettlementTransactionDto"):
            start, end = day_text(row, "VatPeriodStartDays"), day_text(row, "VatPeriodEndDays")
            if start and end and start <= end and str(row.get("HasBeenCanceled")).casefold() not in ("true", "1"):
                self.db.execute("INSERT INTO vat_settlements VALUES (?,?,?,?)", (
                    start, end, as_int(row.get("SettlementVoucherNumber")), canonical(row.get("TotalSettled"))))
        return vat

    def _year_of_period(self, row: dict[str, Any]) -> FiscalYear | None:
        period = as_int(row.get("FiscalPeriodId"))
        return next((y for y in self.years if period is not None and y.id == period), None)

    def _rounded(self, exact: str) -> Decimal:
        """SAF-T's two-decimal form of an exact amount of the years, counted when it rounds."""
        written = two_decimals(exact)
        if Decimal(written) != Decimal(exact):
            self.counts.rounded += 1
        return Decimal(written)

    def _primo(self) -> None:
        for row in self.rows("PrimoLedgerPostDto"):
            year = self._year_of_period(row)
            total = canonical(row.get("Total"))
            if total is None:
                value, adjustment = canonical(row.get("PrimoValue")), canonical(row.get("Adjustment"))
                if value is not None or adjustment is not None:
                    total = str(EXACT.add(Decimal(value or 0), Decimal(adjustment or 0)))
            tag = as_int(row.get("LedgerTagId"))
            if year is None or total is None or tag is None:
                self.counts.primo_unplaced += 1
                continue
            key = self.tag_keys.get(tag, f"id{tag}")
            if key not in self.accounts:
                group = text(row.get("LedgerAccount"))
                self.accounts[key] = Account(key, "", "", group, "", in_chart=False)
            place = (year.slug, key)
            self.primo_accounts[place] = EXACT.add(self.primo_accounts.get(place, ZERO), self._rounded(total))
        for row in self.rows("PrimoPartnerPostDto"):
            year = self._year_of_period(row) or self.year_of(day_text(row, "FiscalDateDays"))
            partner, amount = as_int(row.get("PartnerId")), canonical(row.get("Amount"))
            if year is None or partner is None or amount is None:
                self.counts.primo_unplaced += 1
                continue
            context = text(row.get("ContextType")).casefold()
            party = self._party(partner, row)
            side = "S" if "supplier" in context or (not context and party.supplier and not party.customer) else "C"
            if side == "C":
                party.customer = True
            else:
                party.supplier = True
            place3 = (year.slug, partner, side)
            self.primo_parties[place3] = EXACT.add(self.primo_parties.get(place3, ZERO), self._rounded(amount))

    def _party(self, ident: int, row: dict[str, Any]) -> Party:
        """The partner ``ident``, added with what ``row`` (a posting) says of it if PartnerDto lacks it."""
        party = self.parties.get(ident)
        if party is None:
            party = self.parties[ident] = Party(ident, text(row.get("PartnerAccountNumber")),
                                                text(row.get("PartnerName")), in_table=False)
        return party

    def _flush_accounts_and_partners(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO accounts VALUES (?,?,?,?,?,?,?)", [
            (a.key, a.number or None, a.name or None, a.kind or None, int(a.in_chart), account_slug(a.key),
             account_sort(a.key)) for a in self.accounts.values()])
        self.db.executemany("INSERT OR IGNORE INTO partners VALUES (?,?,?,?,?,?)", [
            (p.id, p.number or None, p.name or None, p.kind or None, p.cvr or None, int(p.in_table))
            for p in self.parties.values()])

    # -- vouchers and postings -----------------------------------------------------------------

    def _vouchers(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            for row in self.rows("VoucherDto"):
                ident = as_int(row.get("Id"))
                if ident is None:
                    continue
                day = day_text(row, "FiscalDateDays")
                year = self._year_of_period(row) or self.year_of(day)
                number = row.get("VoucherNumber")
                yield (ident, number if isinstance(number, int | str) else None, pick(row, "Description"), day,
                       year.slug if year else NO_YEAR, canonical(row.get("DebetAmount")),
                       canonical(row.get("CreditAmount")), as_int(row.get("FirstDocumentId")), 1,
                       date_part(row.get("CreatedAt")), text(pick(row, "ResponsibleName", "ResponsibleId")) or None)

        insert_batched(self.db, "INSERT OR IGNORE INTO vouchers VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows())

    def _account_key(self, row: dict[str, Any]) -> str:
        number = row.get("LedgerTagNumber")
        if type(number) is int and str(number) in self.accounts:  # the usual case, quickly
            return str(number)
        number, tag = pick(row, "LedgerTagNumber"), as_int(row.get("LedgerTagId"))
        key = text(number) if number is not None else (self.tag_keys.get(tag, f"id{tag}") if tag is not None else "?")
        if key not in self.accounts:
            self.accounts[key] = Account(key, text(number), text(row.get("LedgerTagDescription")),
                                         text(row.get("LedgerAccount")), text(row.get("LedgerAccountTranslated")),
                                         in_chart=False)
        return key

    def _side(self, key: str, party: Party) -> str:
        """``C`` customer or ``S`` supplier, by the account's type, else the partner's own type."""
        kind = self.accounts[key].type
        if kind in ("Asset", "Liability"):
            side = "C" if kind == "Asset" else "S"
        else:
            side = "S" if party.supplier and not party.customer else "C"
        if side == "C":
            party.customer = True
        else:
            party.supplier = True
        return side

    def _entered(self, created: Any) -> str | None:
        if not isinstance(created, str):
            return None
        if created[:10] not in self.dates:
            self.dates[created[:10]] = date_part(created)
        return self.dates[created[:10]]

    def _posts(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            for seq, row in enumerate(self.rows("LedgerPostDto")):
                get = row.get  # a million rows: every call saved counts
                amount = canonical(get("Amount"))
                raw = None
                if amount is None:
                    self.counts.bad_amounts += 1
                    raw = None if get("Amount") is None else str(get("Amount"))
                day = day_text(row, "FiscalDateDays")
                year = self.year_of(day)
                key = self._account_key(row)
                partner = as_int(get("PartnerId"))
                side = None
                if partner is not None:
                    side = self._side(key, self._party(partner, row))
                voucher, vnum = as_int(get("VoucherId")), get("VoucherNumber")
                vnum = vnum if isinstance(vnum, int | str) else None
                gkey = f"v{voucher}" if voucher is not None else f"n{vnum}" if text(vnum) else f"p{seq}"
                vat = pick(row, "VatAbbreviation")
                vat_amount = canonical(get("VatAmount")) if vat else None
                currency_amount = canonical(get("CurrencyAmount"))
                saft_amount = None
                if amount is not None and year is not None:
                    saft_amount = str(self._rounded(amount))
                    for other in (vat_amount, currency_amount):
                        if other is not None:
                            self._rounded(other)
                elif amount is not None:
                    self.counts.outside += 1
                currency = pick(row, "CurrencyAbbreviation")
                yield (seq, as_int(get("Id")), voucher, vnum, gkey, day, year.slug if year else NO_YEAR, amount,
                       saft_amount, raw, key, pick(row, "Description"), vat, vat_amount, partner,
                       pick(row, "PartnerName"), side, None if currency is None else str(currency), currency_amount,
                       self._entered(get("CreatedAt")) or day_text(row, "RegistrationDateDays"), None, None, None,
                       as_int(get("EconomicTransactionId")))

        insert_batched(self.db, "INSERT INTO posts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows())

    def _partner_posts(self) -> None:
        """The customers' and suppliers' open-item ledger (``PartnerPostDto``): type, invoice number
        (``SupplierInvoiceNumber``, else ``PaymentIdentification``), due date, amount, what is still open
        (``RemainingAmount``) and the settlement it belongs to."""
        def rows() -> Iterator[tuple[Any, ...]]:
            for seq, row in enumerate(self.rows("PartnerPostDto")):
                partner = as_int(row.get("PartnerId"))
                if partner is None:
                    continue
                number = row.get("VoucherNumber")
                yield (seq, partner, day_text(row, "FiscalDateDays"), day_text(row, "DueDateDays"),
                       text(row.get("PostType")), text(pick(row, "PostTypeTranslated", "PostType")),
                       text(pick(row, "SupplierInvoiceNumber", "PaymentIdentification")) or None,
                       canonical(row.get("Amount")), canonical(row.get("RemainingAmount")),
                       as_int(row.get("VoucherId")), number if isinstance(number, int | str) else None,
                       as_int(row.get("SettlementId")))

        insert_batched(self.db, "INSERT INTO pposts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows())

    def _invoices(self) -> None:
        """Xena's own invoices (``OrderJournalEntryDto``: the posted invoice's document, transaction and
        voucher number) and the orders they belong to (``OrderDto``: number and customer), so a
        generated invoice PDF is the document of its voucher and a page can name an order."""
        insert_batched(self.db, "INSERT INTO invoices VALUES (?,?,?,?,?)", (
            (as_int(row.get("TransactionId")), as_int(row.get("VoucherNumber")), as_int(row.get("DocumentId")),
             as_int(row.get("OrderId")), pick(row, "Description")) for row in self.rows("OrderJournalEntryDto")))
        insert_batched(self.db, "INSERT OR IGNORE INTO orders VALUES (?,?,?)", (
            (ident, text(row.get("OrderNumber")) or None, name_of(row) or pick(row, "PartnerName"))
            for row in self.rows("OrderDto") if (ident := as_int(row.get("Id"))) is not None))

    def _documents(self, documents: list[DocumentEntry]) -> None:
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

        insert_batched(self.db, "INSERT INTO doc_links VALUES (?,?,?)", rows())
        insert_batched(self.db, "INSERT INTO docs VALUES (?,?)", ((n, d.document_id) for n, d in enumerate(documents)))

    def _derive(self) -> None:
        """Vouchers known only from postings, ranks for paging, totals per voucher, account and partner,
        SAF-T's transactions per year."""
        db = self.db
        self._flush_accounts_and_partners()
        db.create_function("year_of", 1, lambda day: getattr(self.year_of(day), "slug", NO_YEAR), deterministic=True)
        db.execute(
            "INSERT INTO vouchers SELECT voucher_id, min(vnum), NULL, min(date), year_of(min(date)), NULL, NULL,"
            " NULL, 0, NULL, NULL FROM posts WHERE voucher_id IS NOT NULL"
            " AND voucher_id NOT IN (SELECT id FROM vouchers) GROUP BY voucher_id")
        for rank, partition, order, where in (
                ("arank", "account, year", "date, vnum, seq", ""),
                ("vrank", "voucher_id", "seq", "WHERE voucher_id IS NOT NULL"),
                ("prank", "partner_id", "date, vnum, seq", "WHERE partner_id IS NOT NULL")):
            # the ranks applied in the table's own order: each page of postings is rewritten once, not
            # once for each of its rows met in the window's order (a million postings: 1.3 s, not 3.4 s)
            db.execute(f"UPDATE posts SET {rank} = r.rk FROM (SELECT seq, row_number() OVER (PARTITION BY {partition}"
                       f" ORDER BY {order}) - 1 AS rk FROM posts {where} ORDER BY seq) AS r WHERE posts.seq = r.seq")
            if rank == "vrank":
                db.execute("CREATE INDEX posts_voucher ON posts(voucher_id, vrank)")
        db.executescript(DERIVED)
