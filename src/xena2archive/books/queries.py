"""What the index's pages show, asked of the books' database: every query, and the derived tables
the pages need, in one place.

The index only renders what these return. ``plan_vouchers`` cuts each year's vouchers into pages
(the index's page sizes are its to choose) and must run before any page is written, as a posting's
link to its voucher names the voucher's page; ``IndexWriter`` runs it first. ``vat_overview`` finds
the VAT settlement vouchers once (table ``vat_vouchers``) on its first call. Everything else only
reads, so pages may be written in any order.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .audit import UNRELATED_DOCUMENTS, VOUCHER_SELECT, WITHOUT_DOCUMENT, without_voucher
from .load import Books
from .model import NO_YEAR, Account, Balance, Opening, YearOf, account_slug, account_sort
from .money import EXACT, ZERO, Sums

# The columns every posting query selects, in this order (the index's ``Views.posting`` unpacks them).
POST_SELECT = """
SELECT p.seq, p.id, p.voucher_id, p.vnum, p.date, p.year, p.amount, p.raw, p.account, p.text, p.vat,
       p.partner_id, coalesce(pa.name, p.partner_name) AS partner_name, p.currency, p.currency_amount,
       p.arank, p.prank, a.number AS account_number, a.name AS account_name, a.slug AS account_slug,
       vp.year AS vyear, vp.page AS vpage, p.vat_amount, p.entered
FROM posts p
LEFT JOIN accounts a ON a.key = p.account
LEFT JOIN partners pa ON pa.id = p.partner_id
LEFT JOIN vpage vp ON vp.voucher_id = p.voucher_id
"""
POST_COLUMNS = 24


@dataclass
class VoucherPage:
    year: str
    page: int
    first: Any
    last: Any
    vouchers: int


def plan_vouchers(books: Books, rows: int, vouchers: int) -> dict[str, list[VoucherPage]]:
    """Cut each year's vouchers (by number) into pages of about ``rows`` postings and at most
    ``vouchers`` vouchers.

    A voucher stays on one page unless it alone has more postings than a page holds; then it is
    continued over as many pages as it needs. Writes ``vseg`` (what goes on each page) and
    ``vpage`` (where each voucher starts).
    """
    db = books.db
    db.executescript("""
        CREATE TABLE vseg(year TEXT, page INTEGER, ord INTEGER, voucher_id INTEGER, off INTEGER,
                          n INTEGER, part INTEGER, parts INTEGER);
        CREATE TABLE vpage(voucher_id INTEGER PRIMARY KEY, year TEXT, page INTEGER);
    """)
    plan: dict[str, list[VoucherPage]] = {}
    ord_ = 0
    for year in books.year_slugs():
        pages: list[VoucherPage] = []
        page, count_rows, count = 1, 0, 0
        segments: list[tuple[Any, ...]] = []
        starts: list[tuple[Any, ...]] = []
        cursor = db.execute(
            "SELECT v.id, v.number, coalesce(s.n, 0) FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id"
            " WHERE v.year = ? ORDER BY v.number, v.id", (year,))
        for voucher_id, number, n in cursor:
            parts = [(offset, min(rows, n - offset)) for offset in range(0, n, rows)] or [(0, 0)]
            for part, (offset, k) in enumerate(parts, 1):
                if count and (count_rows + k > rows or count >= vouchers):
                    page, count_rows, count = page + 1, 0, 0
                if not count:
                    pages.append(VoucherPage(year, page, number, number, 0))
                if part == 1:
                    starts.append((voucher_id, year, page))
                    pages[-1].vouchers += 1
                pages[-1].last = number
                segments.append((year, page, ord_, voucher_id, offset, k, part, len(parts)))
                ord_ += 1
                count_rows += k
                count += 1
            if len(segments) >= 5000:
                db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
                db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
                segments.clear()
                starts.clear()
        db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
        db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
        if pages:
            plan[year] = pages
    db.execute("CREATE INDEX vseg_page ON vseg(year, page, ord)")
    db.execute("CREATE INDEX vseg_voucher ON vseg(voucher_id, off)")  # a posting's page (``search_postings``)
    db.commit()
    return plan


# -- accounts --------------------------------------------------------------------------------------

def chart(books: Books) -> Iterator[tuple[sqlite3.Row, dict[str, tuple[int, Sums]]]]:
    """Every account of the chart (and every account only postings name), with its totals per year."""
    cursor = books.db.execute(
        "SELECT a.key, a.number, a.name, a.kind, a.in_chart, a.slug, y.year, y.n, y.tot"
        " FROM accounts a LEFT JOIN acc_year y ON y.account = a.key ORDER BY a.sort, a.key, y.year")
    for _key, group in itertools.groupby(cursor, key=lambda r: r["key"]):
        found = list(group)
        years = {r["year"]: (r["n"], Sums.parse(r["tot"])) for r in found if r["year"] is not None}
        yield found[0], years


@dataclass(frozen=True)
class AccountYear:
    """One account's line of a year's trial balance: primo, debet, kredit, ultimo (``balance``)."""

    account: Account  # ``in_chart`` false for an account only postings name, or the archive's result account
    slug: str  # the account's name in file names
    postings: int  # the year's postings on it (with a readable amount in the year)
    balance: Balance


def openings(books: Books) -> list[Opening]:
    """How each fiscal year opened (basis ``xena``, ``carried`` or ``none``, the prior result and where it
    went), in year order (``balances``)."""
    return list(books.balances.openings)


def opening(books: Books, year: str) -> Opening:
    """How the fiscal year ``year`` (a slug) opened."""
    return next(o for o in books.balances.openings if o.year == year)


def year_balances(books: Books, year: str) -> list[AccountYear]:
    """The trial balance of fiscal year ``year`` (a slug) as primo, debet, kredit, ultimo: every account
    with postings in the year or a balance at its start or end, in the chart's order."""
    balances = books.balances
    index = books.year_by_slug[year].index
    counts = {r[0]: r[1] for r in books.db.execute(
        "SELECT account, count(*) FROM posts WHERE year = ? AND saft_amount IS NOT NULL GROUP BY account", (year,))}
    found = []
    for key, years in balances.accounts.items():
        balance = years[index]
        if counts.get(key) or balance.opening != ZERO or balance.closing != ZERO:
            found.append(AccountYear(balances.chart[key], account_slug(key), counts.get(key, 0), balance))
    return sorted(found, key=lambda a: account_sort(a.account.key))


def account_balance(books: Books, key: str, year: str) -> Balance:
    """One account's primo, debet, kredit and ultimo in fiscal year ``year`` (a slug)."""
    return books.balances.accounts[key][books.year_by_slug[year].index]


def trial_balance(books: Books, year: str) -> list[sqlite3.Row]:
    """The accounts with postings in ``year``: key, number, name, slug, n, tot."""
    return books.db.execute(
        "SELECT a.key, a.number, a.name, a.slug, y.n, y.tot FROM acc_year y JOIN accounts a ON a.key = y.account"
        " WHERE y.year = ? ORDER BY a.sort, a.key", (year,)).fetchall()


def unreadable_in_year(books: Books, year: str) -> int:
    return books.count("SELECT count(*) FROM posts WHERE year = ? AND amount IS NULL", year)


def account(books: Books, key: str) -> sqlite3.Row:
    return books.db.execute("SELECT * FROM accounts WHERE key = ?", (key,)).fetchone()


def account_year(books: Books, key: str, year: str) -> tuple[int, Sums]:
    n, tot = books.db.execute("SELECT n, tot FROM acc_year WHERE account = ? AND year = ?", (key, year)).fetchone()
    return n, Sums.parse(tot)


def account_postings(books: Books) -> sqlite3.Cursor:
    """Every posting (``POST_SELECT``), by account and year, in date order."""
    return books.db.execute(POST_SELECT + " ORDER BY p.account, p.year, p.date, p.vnum, p.seq")


# -- vouchers --------------------------------------------------------------------------------------

def voucher_segments(books: Books, year: str, page: int) -> list[sqlite3.Row]:
    """The vouchers (or parts of one) on a page, with their sums and problems."""
    return books.db.execute(
        "SELECT s.ord, s.off, s.n AS seg_n, s.part, s.parts, u.problems, v.* FROM vseg s"
        f" JOIN ({VOUCHER_SELECT}) v ON v.id = s.voucher_id LEFT JOIN unbalanced u ON u.voucher_id = v.id"
        " WHERE s.year = ? AND s.page = ? ORDER BY s.ord", (year, page)).fetchall()


def voucher_page_postings(books: Books, year: str, page: int) -> sqlite3.Cursor:
    """The postings of a voucher page (``POST_SELECT``), by voucher and place in it."""
    return books.db.execute(
        POST_SELECT.replace("FROM posts p", "FROM vseg s JOIN posts p ON p.voucher_id = s.voucher_id"
                            " AND p.vrank >= s.off AND p.vrank < s.off + s.n")
        + " WHERE s.year = ? AND s.page = ? ORDER BY s.ord, p.vrank", (year, page))


def voucher_page_documents(books: Books, year: str, page: int) -> sqlite3.Cursor:
    """(voucher id, document ord) of the vouchers that start on a page."""
    return books.db.execute(
        "SELECT d.voucher_id, d.ord FROM vseg s JOIN vdocs d ON d.voucher_id = s.voucher_id"
        " WHERE s.year = ? AND s.page = ? AND s.part = 1 ORDER BY s.ord, d.ord", (year, page))


# -- partners --------------------------------------------------------------------------------------

def partner(books: Books, ident: int) -> sqlite3.Row:
    return books.db.execute("SELECT * FROM partners WHERE id = ?", (ident,)).fetchone()


def partner_sums(books: Books, ident: int) -> tuple[int, Sums]:
    found = books.db.execute("SELECT n, tot FROM psum WHERE partner_id = ?", (ident,)).fetchone()
    return (found[0], Sums.parse(found[1])) if found else (0, Sums())


def partner_documents(books: Books, ident: int) -> list[int]:
    """The documents related to the partner, and those of the vouchers of its postings."""
    return [r[0] for r in books.db.execute(
        "SELECT ord FROM doc_links WHERE kind = 'p' AND target = ? UNION SELECT d.ord FROM vdocs d"
        " WHERE d.voucher_id IN (SELECT voucher_id FROM posts WHERE partner_id = ?) ORDER BY 1", (ident, ident))]


def partner_postings(books: Books) -> sqlite3.Cursor:
    """The postings with a partner (``POST_SELECT``), by partner, in date order."""
    return books.db.execute(POST_SELECT + " WHERE p.partner_id IS NOT NULL ORDER BY p.partner_id, p.date, p.vnum,"
                                          " p.seq")


def partners_with_documents_only(books: Books) -> list[int]:
    """Partners without postings that have documents or open-item posts (PartnerDto knows them)."""
    return [r[0] for r in books.db.execute(
        "SELECT target FROM doc_links WHERE kind = 'p' AND target NOT IN (SELECT partner_id FROM psum)"
        " UNION SELECT partner_id FROM pposts WHERE partner_id NOT IN (SELECT partner_id FROM psum)"
        " AND partner_id IN (SELECT id FROM partners) ORDER BY 1")]


def partner_list(books: Books) -> sqlite3.Cursor:
    return books.db.execute(
        "SELECT pa.id, pa.number, pa.name, pa.kind, pa.cvr, coalesce(s.n, 0) AS n, s.tot,"
        " EXISTS (SELECT 1 FROM doc_links l WHERE l.kind = 'p' AND l.target = pa.id)"
        " OR EXISTS (SELECT 1 FROM pposts q WHERE q.partner_id = pa.id) AS docs"
        " FROM partners pa LEFT JOIN psum s ON s.partner_id = pa.id"
        " ORDER BY pa.number IS NULL, length(pa.number), pa.number, pa.name, pa.id")


# -- documents -------------------------------------------------------------------------------------

def document_vouchers(books: Books, ord_: int) -> list[sqlite3.Row]:
    return books.db.execute(
        "SELECT v.id, v.number, vp.year, vp.page FROM vdocs d JOIN vouchers v ON v.id = d.voucher_id"
        " LEFT JOIN vpage vp ON vp.voucher_id = v.id WHERE d.ord = ? ORDER BY v.year, v.number, v.id",
        (ord_,)).fetchall()


def document_partners(books: Books, ord_: int) -> list[sqlite3.Row]:
    return books.db.execute(
        "SELECT l.target, pa.name FROM doc_links l LEFT JOIN partners pa ON pa.id = l.target"
        " WHERE l.kind = 'p' AND l.ord = ? ORDER BY l.target", (ord_,)).fetchall()


def document_orders(books: Books, ord_: int) -> list[sqlite3.Row]:
    """The orders a document belongs to: id, OrderDto's number and customer, and the invoice's text
    (``OrderJournalEntryDto.Description``) where the document is the order's invoice."""
    return books.db.execute(
        "SELECT l.target AS id, o.number, o.name, (SELECT min(i.text) FROM invoices i JOIN docs d"
        " ON d.document_id = i.document_id WHERE i.order_id = l.target AND d.ord = l.ord) AS invoice"
        " FROM doc_links l LEFT JOIN orders o ON o.id = l.target WHERE l.kind = 'o' AND l.ord = ?"
        " ORDER BY l.target", (ord_,)).fetchall()


def document_postings(books: Books, ord_: int) -> list[sqlite3.Row]:
    """The postings a document belongs to, with their voucher's number, account and page."""
    return books.db.execute(
        "SELECT l.target, p.seq, p.vnum, p.account, vp.year, vp.page FROM doc_links l LEFT JOIN posts p"
        " ON p.id = l.target LEFT JOIN vpage vp ON vp.voucher_id = p.voucher_id WHERE l.kind = 'l' AND l.ord = ?"
        " GROUP BY l.target ORDER BY l.target", (ord_,)).fetchall()


# -- the audit's lists -----------------------------------------------------------------------------

def unbalanced_vouchers(books: Books) -> sqlite3.Cursor:
    return books.db.execute(f"SELECT u.problems, vp.year AS vyear, vp.page, v.* FROM unbalanced u"
                            f" JOIN ({VOUCHER_SELECT}) v ON v.id = u.voucher_id"
                            " LEFT JOIN vpage vp ON vp.voucher_id = u.voucher_id ORDER BY u.ord")


def postings_without_voucher(books: Books) -> sqlite3.Cursor:
    """(``POST_SELECT``) The postings without a voucher, in input order."""
    joined = POST_SELECT.replace("FROM posts p", "FROM posts p LEFT JOIN vouchers v ON v.id = p.voucher_id")
    return books.db.execute(joined + f" WHERE {without_voucher(books)} ORDER BY p.seq")


def vouchers_without_document(books: Books) -> sqlite3.Cursor:
    """(``VOUCHER_SELECT`` and the voucher's page) The vouchers no document belongs to, by year and number."""
    return books.db.execute(f"SELECT vp.year AS vyear, vp.page, v.* FROM ({WITHOUT_DOCUMENT}) w"
                            f" JOIN ({VOUCHER_SELECT}) v ON v.id = w.id LEFT JOIN vpage vp ON vp.voucher_id = w.id"
                            " ORDER BY v.year, v.number, v.id")


def unrelated_documents(books: Books) -> list[int]:
    return [r[0] for r in books.db.execute(UNRELATED_DOCUMENTS)]


def totals(books: Books) -> tuple[int, int, int]:
    """(postings, vouchers, partners) in the books."""
    return (books.count("SELECT count(*) FROM posts"), books.count("SELECT count(*) FROM vouchers"),
            books.count("SELECT count(*) FROM partners"))


# -- search: every voucher and posting once, in the order the search numbers them ------------------

def search_vouchers(books: Books) -> sqlite3.Cursor:
    """Every voucher with its sums and the page it starts on (``plan_vouchers`` first), page by page."""
    return books.db.execute(f"SELECT v.*, vp.year AS vyear, vp.page AS vpage FROM ({VOUCHER_SELECT}) v"
                            " LEFT JOIN vpage vp ON vp.voucher_id = v.id ORDER BY vp.year, vp.page, v.number, v.id")


def search_postings(books: Books) -> sqlite3.Cursor:
    """Every posting (``POST_SELECT``, then ``syear``, ``spage``: the voucher page its row is on, where
    ``plan_vouchers`` put it), in input order."""
    return books.db.execute(
        POST_SELECT.replace("\nFROM posts p", ", s.year AS syear, s.page AS spage\nFROM posts p")
        + " LEFT JOIN vseg s ON s.voucher_id = p.voucher_id AND p.vrank >= s.off AND p.vrank < s.off + s.n"
        " ORDER BY p.seq")


# -- SAF-T: a year's transactions, as SAF-T writes them (two-decimal amounts) ------------------------

def year_totals(books: Books, year: str) -> tuple[int, int, Sums]:
    """(transactions, lines, debit and credit) of a fiscal year, in SAF-T's amounts."""
    n = books.count("SELECT count(*) FROM groups WHERE year = ?", year)
    lines, tot = books.db.execute("SELECT count(*), total(saft_amount) FROM posts WHERE year = ?"
                                  " AND saft_amount IS NOT NULL", (year,)).fetchone()
    return n, int(lines), Sums.parse(tot)


def year_unbalanced(books: Books, year: str) -> list[tuple[str, Sums]]:
    """(transaction id, sums) of the year's transactions whose lines do not sum to zero."""
    found = []
    for row in books.db.execute(
            "SELECT g.gkey, coalesce(v.number, g.vnum) AS number, total(p.saft_amount) AS tot FROM groups g"
            " JOIN posts p ON p.year = g.year AND p.gkey = g.gkey LEFT JOIN vouchers v ON v.id = g.voucher_id"
            " WHERE g.year = ? AND p.saft_amount IS NOT NULL GROUP BY g.gkey ORDER BY g.gkey", (year,)):
        sums = Sums.parse(row["tot"])
        if sums.balance != 0:
            found.append((str(row["number"] if row["number"] is not None else row["gkey"]), sums))
    return found


def year_lines(books: Books, year: str) -> sqlite3.Cursor:
    """The year's postings, each with its transaction's fields, grouped by transaction (``gkey``) and
    ordered by date, voucher number and input order: a cursor, so even a voucher of a million lines
    is never held in memory. ``document`` is the DocumentDto Id of the voucher's first archived
    document, ``responsible`` the voucher's responsible user (its name, else its id)."""
    return books.db.execute(
        "SELECT g.gkey, g.day, g.entered AS post_entered, coalesce(v.number, g.vnum) AS number, v.text AS vtext,"
        " v.entered, v.responsible, g.voucher_id, p.seq, p.id, p.account, p.saft_amount AS amount, p.text,"
        " p.partner_id AS partner, p.side, p.currency, p.currency_amount, p.vat, p.vat_amount,"
        " (SELECT d.document_id FROM vdocs x JOIN docs d ON d.ord = x.ord WHERE x.voucher_id = g.voucher_id"
        "  AND d.document_id IS NOT NULL ORDER BY x.ord LIMIT 1) AS document FROM groups g"
        " JOIN posts p ON p.year = g.year AND p.gkey = g.gkey LEFT JOIN vouchers v ON v.id = g.voucher_id"
        " WHERE g.year = ? AND p.saft_amount IS NOT NULL"
        " ORDER BY g.day, CAST(coalesce(v.number, g.vnum) AS INTEGER), coalesce(v.number, g.vnum), g.first, p.seq",
        (year,))


def year_shared_numbers(books: Books, year: str) -> set[str]:
    """The voucher numbers two or more of the year's transactions share (SAF-T's TransactionID must be
    unique in a file: those transactions are told apart by their voucher id)."""
    return {str(r[0]) for r in books.db.execute(
        "SELECT coalesce(v.number, g.vnum) AS number FROM groups g LEFT JOIN vouchers v ON v.id = g.voucher_id"
        " WHERE g.year = ? AND coalesce(v.number, g.vnum) IS NOT NULL GROUP BY number HAVING count(*) > 1",
        (year,))}


# -- VAT: per VAT period and code, reconciled with the VAT accounts and the settlements ---------------

VAT_GROUP = "Xena_Domain_Liability_Accounts_Vat_Debt"
REVERSE_CHARGE = ("EUPurchase", "ReverseCharge")  # VatType parts: VAT owed and deducted at once (nets to 0)


@dataclass
class VatCodeLine:
    code: str
    description: str
    reverse: bool  # reverse charge (erhvervelsesmoms): owed and deducted, so it nets to zero on the accounts
    postings: int
    base: Decimal  # the postings' amounts, as posted (credit negative)
    vat: Decimal  # their VatAmount


@dataclass
class VatSettlement:
    voucher_id: int
    number: Any
    date: str
    named: bool  # named by VatSettlementTransactionDto (else found by its postings)
    posted: Decimal  # what the voucher posts on the VAT accounts
    xena_total: Decimal | None  # VatSettlementTransactionDto.TotalSettled
    vyear: str | None
    vpage: int | None


@dataclass
class VatPeriod:
    start: str
    end: str
    named: bool  # a period of Xena's VAT settlements (else a calendar quarter)
    codes: list[VatCodeLine] = field(default_factory=list)
    accounts: list[tuple[str, Decimal]] = field(default_factory=list)  # (account key, movement w/o settlements)
    settlements: list[VatSettlement] = field(default_factory=list)
    movement: Decimal = ZERO  # the VAT accounts' movement in the whole period, without settlements

    @property
    def codes_net(self) -> Decimal:
        """The VAT the codes put on the VAT accounts: every code's VAT but reverse charge's, which nets out."""
        return functools.reduce(EXACT.add, (c.vat for c in self.codes if not c.reverse), ZERO)

    @property
    def accounts_total(self) -> Decimal:
        return functools.reduce(EXACT.add, (m for _, m in self.accounts), ZERO)

    @property
    def difference(self) -> Decimal:
        return EXACT.subtract(self.accounts_total, self.codes_net)


class _VatPeriods:
    """A day's VAT period: the settlement period of Xena's that holds it, else its calendar quarter."""

    def __init__(self, named: list[tuple[str, str]]) -> None:
        self.named = sorted(set(named))

    def __call__(self, day: str | None) -> str | None:
        if not day:
            return None
        for start, end in self.named:
            if start <= day <= end:
                return f"{start}|{end}|1"
        year, month = int(day[:4]), int(day[5:7])
        first = (month - 1) // 3 * 3 + 1
        last = dt.date(year + (first == 10), (first + 3) % 12 or 12, 1) - dt.timedelta(days=1)
        return f"{year:04d}-{first:02d}-01|{last.isoformat()}|0"


def vat_codes(books: Books) -> list[sqlite3.Row]:
    """The VAT codes (legend): code, description, percentage, type name, account with its name."""
    return books.db.execute(
        "SELECT c.code, c.description, c.percentage, c.type, c.type_name, c.account, a.name AS account_name,"
        " a.slug FROM vat_codes c LEFT JOIN accounts a ON a.key = c.account ORDER BY c.code").fetchall()


def _vat_periods(books: Books) -> _VatPeriods:
    return _VatPeriods([(r[0], r[1]) for r in books.db.execute("SELECT start, end FROM vat_settlements")])


def vat_vouchers(books: Books) -> None:
    """``vat_vouchers``: the VAT settlement vouchers, each with the period it settles. Those
    ``VatSettlementTransactionDto`` names (the first voucher of its number dated in or after the
    period), and any voucher that posts both on a VAT code's account and on another account of
    Xena's VAT group (the settlement account). Written once, by ``vat_overview`` or before it (the
    index writes it before a worker reads the books)."""
    db = books.db
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'vat_vouchers'").fetchone():
        return
    periods = _vat_periods(books)
    db.execute("CREATE TABLE vat_vouchers(voucher_id INTEGER PRIMARY KEY, period TEXT, named INTEGER, total TEXT)")
    for start, end, number, total in db.execute("SELECT start, end, number, total FROM vat_settlements").fetchall():
        found = db.execute("SELECT id FROM vouchers WHERE number = ? AND date >= ? ORDER BY date, id LIMIT 1",
                           (number, start)).fetchone()
        if found:
            db.execute("INSERT OR IGNORE INTO vat_vouchers VALUES (?,?,?,?)", (found[0], f"{start}|{end}|1", 1, total))
    coded = {r[0] for r in db.execute("SELECT account FROM vat_codes WHERE account IS NOT NULL")}
    settling = [k for k, a in books.accounts.items() if a.group == VAT_GROUP and k not in coded]
    if coded and settling:
        marks = ",".join("?" * len(settling))
        for voucher_id, day in db.execute(
                f"SELECT v.id, v.date FROM vouchers v WHERE v.id IN (SELECT voucher_id FROM posts WHERE account IN"
                f" ({marks})) AND v.id IN (SELECT voucher_id FROM posts WHERE account IN"
                f" ({','.join('?' * len(coded))}))", (*settling, *sorted(coded))).fetchall():
            db.execute("INSERT OR IGNORE INTO vat_vouchers VALUES (?,?,?,?)", (voucher_id, periods(day), 0, None))


def vat_overview(books: Books, year: str) -> list[VatPeriod]:
    """The VAT of ``year`` per VAT period: per code the base and the VAT, the VAT accounts' movement
    without the settlements, and each settlement voucher of the period."""
    db = books.db
    db.create_function("vat_period", 1, _vat_periods(books), deterministic=True)
    vat_vouchers(books)
    reverse = {code for code, kind in db.execute("SELECT code, type FROM vat_codes")
               if any(part in (kind or "") for part in REVERSE_CHARGE)}
    described = {r[0]: r[1] or "" for r in db.execute("SELECT code, description FROM vat_codes")}
    found: dict[str, VatPeriod] = {}

    def period(key: str) -> VatPeriod:
        if key not in found:
            start, end, named = key.split("|")
            found[key] = VatPeriod(start, end, named == "1")
        return found[key]

    for key, code, n, tot, vat in db.execute(
            "SELECT vat_period(date) AS period, vat, count(*), total(amount), total(vat_amount) FROM posts"
            " WHERE year = ? AND vat IS NOT NULL AND vat != '' GROUP BY period, vat ORDER BY period, vat", (year,)):
        period(key).codes.append(VatCodeLine(code, described.get(code, ""), code in reverse, n,
                                             Sums.parse(tot).balance, Sums.parse(vat).balance))
    moving = ("FROM posts p WHERE p.account IN (SELECT account FROM vat_codes) AND (p.voucher_id IS NULL"
              " OR p.voucher_id NOT IN (SELECT voucher_id FROM vat_vouchers))")
    for key, account_key, tot in db.execute(
            f"SELECT vat_period(p.date) AS period, p.account, total(p.amount) {moving} AND p.year = ?"
            " GROUP BY period, p.account ORDER BY period, p.account", (year,)):
        period(key).accounts.append((account_key, Sums.parse(tot).balance))
    for row in db.execute(
            "SELECT w.voucher_id, w.period, w.named, w.total, v.number, v.date, vp.year AS vyear, vp.page,"
            " (SELECT total(p.amount) FROM posts p WHERE p.voucher_id = w.voucher_id AND p.account IN"
            " (SELECT account FROM vat_codes)) AS posted FROM vat_vouchers w JOIN vouchers v ON v.id = w.voucher_id"
            " LEFT JOIN vpage vp ON vp.voucher_id = w.voucher_id WHERE v.year = ? ORDER BY v.date, v.number",
            (year,)).fetchall():
        period(row["period"]).settlements.append(VatSettlement(
            row["voucher_id"], row["number"], row["date"], bool(row["named"]), Sums.parse(row["posted"]).balance,
            None if row["total"] is None else Decimal(row["total"]), row["vyear"], row["page"]))
    for item in found.values():  # the whole period's movement (it may reach into another fiscal year)
        tot = db.execute(f"SELECT total(p.amount) {moving} AND p.date BETWEEN ? AND ?", (item.start, item.end))
        item.movement = Sums.parse(tot.fetchone()[0]).balance
    return [found[k] for k in sorted(found)]


# -- a year's statements and its months (from the balances' rule) -------------------------------------

GROUP_NAMES = {  # Xena's income statement groups (LedgerAccounts), in the order of an income statement
    "Net_Turn_Over": "Nettoomsætning", "Product_Consumption": "Vareforbrug", "Wages": "Lønninger",
    "Sales_Costs": "Salgsomkostninger", "Production_Costs": "Produktionsomkostninger",
    "Housing_Costs": "Lokaleomkostninger", "Administration_Costs": "Administrationsomkostninger",
    "System_Differences": "Systemdifferencer", "Depreciation": "Afskrivninger",
    "Consolidation_Result": "Resultat af kapitalandele", "Financial_Costs": "Finansielle poster", "Taxes": "Skat",
    # the balance sheet's, for a chart without Xena's Danish names
    "Tangible_Fixed_Asset": "Materielle anlægsaktiver", "Stock": "Varebeholdninger",
    "Customer_Receivables": "Tilgodehavender fra salg", "Cash": "Likvide beholdninger", "Equity": "Egenkapital",
    "Provisions": "Hensatte forpligtelser", "Long_Term_Debt": "Langfristet gæld",
    "Trade_Payables": "Leverandører af varer og tjenesteydelser", "Other_Short_Term_Debt": "Anden kortfristet gæld",
    "Vat_Debt": "Moms", "UnPaid_Stock": "Ikke indbetalt selskabskapital",
}
REVENUE = "Xena_Domain_Income_Accounts_Net_Turn_Over"
CASH = "Xena_Domain_Asset_Accounts_Cash"


@dataclass
class StatementGroup:
    group: str  # Xena's group code
    name: str  # Danish: Xena's own translation where the chart has it, else ours
    lines: list[AccountYear] = field(default_factory=list)

    @property
    def closing(self) -> Decimal:
        return functools.reduce(EXACT.add, (a.balance.closing for a in self.lines), ZERO)


@dataclass
class Statements:
    """A year's income statement and balance sheet, by Xena's account groups; signed as posted
    (debit positive, credit negative), so the result is minus the income statement's sum."""

    income: list[StatementGroup]
    assets: list[StatementGroup]
    liabilities: list[StatementGroup]  # equity and debt
    unclassified: list[AccountYear]

    @property
    def result(self) -> Decimal:
        """The year's result, a profit positive."""
        return -functools.reduce(EXACT.add, (g.closing for g in self.income), ZERO)

    @property
    def assets_total(self) -> Decimal:
        return functools.reduce(EXACT.add, (g.closing for g in self.assets), ZERO)

    @property
    def liabilities_total(self) -> Decimal:
        """Equity and debt as a positive amount, the year's result and the unclassified accounts included."""
        rest = functools.reduce(EXACT.add, (a.balance.closing for a in self.unclassified), ZERO)
        return EXACT.add(-functools.reduce(EXACT.add, (g.closing for g in self.liabilities), rest), self.result)


def _group_name(group: str, accounts: list[AccountYear]) -> str:
    named = next((a.account.kind for a in accounts if a.account.kind), "")
    suffix = group.rsplit("Accounts_", 1)[-1]
    return named or GROUP_NAMES.get(suffix, "") or suffix.replace("_", " ")


def statements(books: Books, year: str) -> Statements:
    """The income statement and balance sheet of fiscal year ``year`` (a slug), from ``year_balances``."""
    by_group: dict[str, list[AccountYear]] = {}
    unclassified = []
    for line in year_balances(books, year):
        group = line.account.group
        if group.startswith(("Xena_Domain_Income_Accounts", "Xena_Domain_Asset_Accounts",
                             "Xena_Domain_Liability_Accounts")):
            by_group.setdefault(group, []).append(line)
        else:
            unclassified.append(line)
    order = list(GROUP_NAMES)

    def groups(prefix: str) -> list[StatementGroup]:
        found = [StatementGroup(g, _group_name(g, lines), lines)
                 for g, lines in by_group.items() if g.startswith(prefix)]
        suffix = len(prefix)
        return sorted(found, key=lambda g: (order.index(g.group[suffix:]) if g.group[suffix:] in order else 99,
                                            min(account_sort(a.account.key) for a in g.lines)))

    return Statements(groups("Xena_Domain_Income_Accounts_"), groups("Xena_Domain_Asset_Accounts_"),
                      groups("Xena_Domain_Liability_Accounts_"), unclassified)


@dataclass
class Month:
    month: str  # yyyy-mm
    revenue: Decimal  # net turnover, positive
    costs: Decimal  # the income statement's other groups, a cost positive
    cash: Decimal  # the cash accounts' (bank and cash) balance at the month's end, from the year's opening

    @property
    def result(self) -> Decimal:
        return EXACT.subtract(self.revenue, self.costs)


def months(books: Books, year: str) -> list[Month]:
    """The months of fiscal year ``year``: revenue, costs, result and the cash balance at each month's end
    (the cash accounts are those of Xena's group ``Asset_Accounts_Cash``, opening at the year's primo)."""
    period = books.year_by_slug[year]
    balances = books.balances
    index = period.index
    cash_keys = {k for k, a in balances.chart.items() if a.group == CASH}
    cash = functools.reduce(EXACT.add, (balances.accounts[k][index].opening for k in cash_keys), ZERO)
    moves: dict[str, list[Decimal]] = {}
    for month, account, tot in books.db.execute(
            "SELECT substr(date, 1, 7) AS month, account, total(saft_amount) FROM posts WHERE year = ?"
            " AND saft_amount IS NOT NULL GROUP BY month, account", (year,)):
        amount = Sums.parse(tot).balance
        group = balances.chart[account].group if account in balances.chart else ""
        line = moves.setdefault(month, [ZERO, ZERO, ZERO])
        if group == REVENUE:
            line[0] = EXACT.subtract(line[0], amount)
        elif group.startswith("Xena_Domain_Income_Accounts"):
            line[1] = EXACT.add(line[1], amount)
        if account in cash_keys:
            line[2] = EXACT.add(line[2], amount)
    found = []
    day = dt.date.fromisoformat(period.start).replace(day=1)
    while day.isoformat() <= period.end:
        key = day.isoformat()[:7]
        revenue, costs, cash_move = moves.get(key, [ZERO, ZERO, ZERO])
        cash = EXACT.add(cash, cash_move)
        found.append(Month(key, revenue, costs, cash))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return found


# -- the customers' and suppliers' open-item ledger (PartnerPostDto) ---------------------------------

@dataclass
class PartnerLine:
    date: str | None
    due: str | None
    type: str  # Xena's Danish name of the post type
    invoice: str | None
    vnum: Any
    voucher_id: int | None
    amount: Decimal | None
    remaining: Decimal | None  # still open (at the backup's time)
    balance: Decimal  # running, from the year's primo


@dataclass
class PartnerYear:
    year: str  # a fiscal year's slug, or NO_YEAR
    opening: Decimal
    lines: list[PartnerLine] = field(default_factory=list)
    closing: Decimal = ZERO


def partner_ledger(books: Books, ident: int) -> list[PartnerYear]:
    """A partner's ``PartnerPostDto`` rows per fiscal year with a running balance: every year opens at
    the previous year's closing plus the partner's opening entries (``PrimoPartnerPostDto``) of the year;
    posts dated outside every year come last, from zero."""
    year_of = YearOf(books.years)
    by_year: dict[str, list[sqlite3.Row]] = {}
    for row in books.db.execute("SELECT * FROM pposts WHERE partner_id = ? ORDER BY date, seq", (ident,)):
        found = year_of(row["date"])
        by_year.setdefault(found.slug if found else NO_YEAR, []).append(row)
    result, closing = [], ZERO
    for year in [*(y.slug for y in books.years), NO_YEAR]:
        primo = ZERO
        if year != NO_YEAR:
            for (slug, partner, _side), value in books.primo_parties.items():
                if slug == year and partner == ident:
                    primo = EXACT.add(primo, value)
        opening = EXACT.add(closing, primo) if year != NO_YEAR else ZERO
        if year not in by_year and (year == NO_YEAR or (opening == ZERO and closing == ZERO)):
            continue
        item, balance = PartnerYear(year, opening), opening
        for row in by_year.get(year, []):
            amount = None if row["amount"] is None else Decimal(row["amount"])
            if amount is not None:
                balance = EXACT.add(balance, amount)
            item.lines.append(PartnerLine(row["date"], row["due"], row["type_name"], row["invoice"], row["vnum"],
                                          row["voucher_id"], amount,
                                          None if row["remaining"] is None else Decimal(row["remaining"]), balance))
        item.closing = balance
        if year != NO_YEAR:
            closing = balance
        result.append(item)
    return result


@dataclass
class OpenItem:
    row: sqlite3.Row  # the PartnerPostDto row (``pposts``) with the partner's name and number, voucher page
    open: Decimal  # what was open at the year's end


def open_items(books: Books, year: str) -> list[OpenItem]:
    """The customers' and suppliers' items open at the end of fiscal year ``year`` (a slug): dated by then,
    and either still open in Xena (``RemainingAmount`` not 0; that amount is open) or settled by a
    settlement (``SettlementId``) whose latest post is dated after the year's end (all of it was open).
    By partner, then date."""
    end = books.year_by_slug[year].end
    found = []
    for row in books.db.execute(
            "SELECT q.*, pa.name, pa.number AS partner_number, vp.year AS vyear, vp.page,"
            " q.settlement IN (SELECT settlement FROM pposts WHERE settlement IS NOT NULL GROUP BY settlement"
            " HAVING max(date) > ?) AS settled_later FROM pposts q LEFT JOIN partners pa ON pa.id = q.partner_id"
            " LEFT JOIN vpage vp ON vp.voucher_id = q.voucher_id WHERE q.date <= ? AND q.amount IS NOT NULL"
            " ORDER BY pa.number IS NULL, length(pa.number), pa.number, q.partner_id, q.date, q.seq", (end, end)):
        remaining = Decimal(row["remaining"]) if row["remaining"] is not None else ZERO
        if remaining != 0:
            found.append(OpenItem(row, remaining))
        elif row["settled_later"]:
            found.append(OpenItem(row, Decimal(row["amount"])))
    return found
