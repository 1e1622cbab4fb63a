"""The books as SAF-T needs them, read from the archive's own JSONL tables (never from the zip).

Master data (company, fiscal years, accounts, partners, VAT codes, opening entries) is small and
held in memory. The postings are not: they are streamed once into a SQLite database in a work
folder, so that each year's transactions can be read back grouped by voucher and in date order
with constant memory, and so that the totals the file states *before* its lines (number of
transactions, total debit and credit, every account's and partner's balances) come from cheap
aggregate queries instead of a second copy of the postings in Python.

Amounts are exact ``Decimal`` values from the JSONL's decimal strings. SAF-T's monetary type has
two decimals: an amount with more is rounded half-even for the file and counted (the JSONL keeps
it exact); every total and balance in the file is the sum of the amounts as written, so the file
adds up by itself.

Choices (each also listed in the report):
- Account type: from Xena's account group (``LedgerTagDto.LedgerAccount``, the same code on the
  postings): asset groups -> ``Asset``, liability and equity groups -> ``Liability``, net turnover
  -> ``Sale``, the cost groups of the income statement (consumption, wages, sales, production,
  housing, administration, depreciation, financial items, taxes) -> ``Expense``, anything else
  (system differences, consolidation, an unknown group) -> ``Other``.
- Opening balances of accounts: Xena keeps each fiscal year's opening balances as opening entries
  (``PrimoLedgerPostDto``, per year and account; it recalculates them when an earlier year
  changes). A year with such entries opens with them (the income statement's accounts then open at
  zero, as Xena moved the result to equity). A year without any opens with the previous year's
  closing balances, every account carried, the income statement's too: moving a result to equity
  ourselves would invent an entry. Partners open with the previous closing plus their opening
  entries (``PrimoPartnerPostDto``, which Xena takes only in the first year).
- Customer or supplier: a posting with a partner counts on the customer side when its account is
  an asset (receivables), on the supplier side when it is a liability (payables), and otherwise on
  the side of the partner's own type. A partner that is both appears in both lists.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..books.ledger import EXACT, as_int, canonical, day_text, insert_batched, pick, read_rows

CENT = Decimal("0.01")
_TWO_DECIMALS = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]{2}")  # already as the file writes it
ZERO = Decimal("0.00")

ACCOUNT_TYPES = {  # Xena account group (LedgerAccounts in Xena's contracts) -> Danish SAF-T AccountType
    "Xena_Domain_Income_Accounts_Net_Turn_Over": "Sale",
    **{f"Xena_Domain_Income_Accounts_{g}": "Expense" for g in (
        "Product_Consumption", "Wages", "Sales_Costs", "Production_Costs", "Housing_Costs",
        "Administration_Costs", "Depreciation", "Financial_Costs", "Taxes")},
}
_ASSET, _LIABILITY = "Xena_Domain_Asset_Accounts", "Xena_Domain_Liability_Accounts"


def account_type(group: str | None) -> str:
    """The Danish SAF-T AccountType of a Xena account group (see the module's docstring)."""
    group = group or ""
    if group.startswith(_ASSET):
        return "Asset"
    if group.startswith(_LIABILITY):
        return "Liability"
    return ACCOUNT_TYPES.get(group, "Other")


def cents(value: Decimal) -> Decimal:
    """The amount as the file writes it: two decimals, half-even."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


class _Sum:
    """SQL aggregate ``csum(text)``: the exact sum of two-decimal amounts, as text."""

    def __init__(self) -> None:
        self.total = ZERO

    def step(self, value: str | None) -> None:
        if value is not None:
            self.total = EXACT.add(self.total, Decimal(value))

    def finalize(self) -> str:
        return str(self.total)


@dataclass(frozen=True)
class Year:
    index: int
    start: str  # ISO date
    end: str
    label: str
    id: int | None


@dataclass
class Party:
    """A customer or supplier (or both) from ``PartnerDto`` or, failing that, from its postings."""

    id: int
    number: str
    name: str
    cvr: str = ""
    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    customer: bool = False
    supplier: bool = False
    in_table: bool = True


@dataclass
class Account:
    key: str
    number: str
    name: str
    group: str
    type: str
    in_chart: bool = True


@dataclass
class Company:
    name: str = ""
    cvr: str = ""
    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    currency: str = ""


def country_code(name: str) -> str:
    """An ISO country code from Xena's country text: a two-letter code as it is, Denmark by name."""
    text = name.strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    return "DK" if text.casefold() in ("danmark", "denmark") else ""


def read_standard_accounts(path: Path) -> dict[str, str]:
    """``account number -> standard account id`` from a CSV of two columns (``;``, ``,`` or TAB).

    A first row of two non-numeric cells is a header; empty lines and lines starting with ``#`` are
    skipped. A line that does not fit stops with a message naming the file and line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the standard account mapping ({error})") from error
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise UsageError(f"{path} line {number}: expected 'account number{delimiter}standard account id'")
        if not mapping and not re.search(r"[0-9]", cells[0] + cells[1]):
            continue  # a header
        if len(cells[1]) > 35:
            raise UsageError(f"{path} line {number}: standard account id {cells[1]!r} is longer than 35 characters")
        if cells[0] in mapping and mapping[cells[0]] != cells[1]:
            raise UsageError(f"{path} line {number}: account {cells[0]} is mapped twice")
        mapping[cells[0]] = cells[1]
    return mapping


def standard_accounts_csv(mapping: dict[str, str]) -> str:
    """The mapping as the archive keeps it (``data/saft/standard-accounts.csv``), in account order."""
    rows = sorted(mapping.items(), key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0, kv[0]))
    return "konto;standardkonto\n" + "".join(f"{a};{s}\n" for a, s in rows)


SCHEMA = """
CREATE TABLE posts(seq INTEGER PRIMARY KEY, year INTEGER, gkey TEXT, vnum TEXT, day TEXT, id INTEGER,
                   account TEXT, amount TEXT, text TEXT, partner INTEGER, side TEXT, currency TEXT,
                   currency_amount TEXT, vat TEXT, vat_amount TEXT, entered TEXT);
CREATE TABLE vouchers(gkey TEXT PRIMARY KEY, number TEXT, text TEXT, entered TEXT);
"""


class Books:
    """The books of an archive, loaded for SAF-T. Use as a context manager (closes the database)."""

    def __init__(self, tables: Path, database: Path, standard: dict[str, str] | None = None) -> None:
        self.tables = tables
        self.standard = dict(standard or {})
        self.db = sqlite3.connect(database)
        self.db.row_factory = sqlite3.Row
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16384", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.create_aggregate("csum", 1, _Sum)  # type: ignore[arg-type]  # typeshed wants a protocol _Sum meets
        self.db.executescript(SCHEMA)
        self.company = Company()
        self.years: list[Year] = []
        self.accounts: dict[str, Account] = {}
        self.parties: dict[int, Party] = {}
        self.vat: dict[str, tuple[str, Decimal | None]] = {}  # code -> (description, percentage)
        self.rounded = 0  # amounts with more than two decimals
        self.unreadable = 0  # postings whose amount is no number
        self.outside = 0  # postings dated outside every fiscal year
        self.primo_accounts: dict[tuple[int, str], Decimal] = {}
        self.primo_parties: dict[tuple[int, int, str], Decimal] = {}
        self.primo_unplaced = 0
        self._tag_keys: dict[int, str] = {}
        self._year_of: dict[str | None, int] = {}  # a few thousand days at most
        self._dates: dict[str, str | None] = {}  # CreatedAt's date part -> checked ISO date

    def __enter__(self) -> Books:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    # -- loading ----------------------------------------------------------------------------

    def load_master(self) -> Books:
        """Everything but the postings and vouchers: company, years, accounts, partners, VAT, openings."""
        self._company()
        self._years()
        self._accounts()
        self._parties()
        self._vat()
        self._primo()
        return self

    def load(self) -> Books:
        self.load_master()
        self._vouchers()
        self._posts()
        self.db.execute("CREATE INDEX posts_year ON posts(year, gkey, seq)")
        self.db.execute(
            "CREATE TABLE groups AS SELECT year, gkey, min(day) AS day, min(seq) AS first, count(*) AS n,"
            " min(entered) AS entered FROM posts WHERE year >= 0 GROUP BY year, gkey")
        self.db.execute("CREATE INDEX groups_year ON groups(year, day, first)")
        self.db.commit()
        return self

    def _company(self) -> None:
        for row in read_rows(self.tables / "FiscalSetupDto.jsonl"):
            c = self.company
            c.name = _text(pick(row, "Address.Name", "Address_Name", "AddressName", "Name"))
            c.cvr = _text(pick(row, "OrgNumber", "VatNumber"))
            c.street = _text(pick(row, "Address.Street", "Address_Street", "AddressStreet"))
            c.zip = _text(pick(row, "Address.Zip", "Address_Zip", "AddressZip"))
            c.city = _text(pick(row, "Address.City", "Address_City", "AddressCity"))
            c.country = country_code(_text(pick(row, "Address.CountryName", "Address_CountryName",
                                                "AddressCountryName")))
            c.phone = _text(pick(row, "Phone"))
            c.email = _text(pick(row, "Email"))
            c.website = _text(pick(row, "Website"))
            c.currency = _text(pick(row, "CurrencyAbbreviation"))
            break

    def _years(self) -> None:
        found = []
        for row in read_rows(self.tables / "FiscalPeriodDto.jsonl"):
            start, end = day_text(row, "FiscalPeriodStartDays"), day_text(row, "FiscalPeriodEndDays")
            if start and end and start <= end:
                found.append((start, end, _text(row.get("Description")), as_int(row.get("Id"))))
        found.sort(key=lambda y: (y[0], y[1]))
        self.years = [Year(i, s, e, d or f"{s} – {e}", ident) for i, (s, e, d, ident) in enumerate(found)]
        self._starts = [y.start for y in self.years]
        self._period_index = {y.id: y.index for y in self.years if y.id is not None}

    def year_of(self, day: str | None) -> int:
        """The index of the fiscal year holding ``day``, or -1 (years may overlap: the later wins)."""
        found = self._year_of.get(day)
        if found is None:
            found = next((y.index for y in reversed(self.years) if day and y.start <= day <= y.end), -1)
            self._year_of[day] = found
        return found

    def _accounts(self) -> None:
        for row in read_rows(self.tables / "LedgerTagDto.jsonl"):
            number, ident = pick(row, "Number"), as_int(row.get("Id"))
            key = _text(number) if number is not None else (f"id{ident}" if ident is not None else "")
            if not key:
                continue
            if ident is not None:
                self._tag_keys.setdefault(ident, key)
            group = _text(pick(row, "LedgerAccount"))
            self.accounts.setdefault(key, Account(key, _text(number), _text(pick(row, "Description")), group,
                                                  account_type(group)))

    def _parties(self) -> None:
        for row in read_rows(self.tables / "PartnerDto.jsonl"):
            ident = as_int(row.get("Id"))
            if ident is None:
                continue
            kind = _text(pick(row, "PartnerType")) + " " + _text(pick(row, "PartnerTypeTranslated"))
            party = Party(
                ident, _text(pick(row, "AccountNumber")),
                _text(pick(row, "Address.Name", "Address_Name", "AddressName", "Name", "ShortDescription")),
                cvr=_text(pick(row, "OrgNumber")),
                street=_text(pick(row, "Address.Street", "Address_Street", "AddressStreet")),
                zip=_text(pick(row, "Address.Zip", "Address_Zip", "AddressZip")),
                city=_text(pick(row, "Address.City", "Address_City", "AddressCity")),
                country=country_code(_text(pick(row, "Address.CountryName", "Address_CountryName",
                                                "AddressCountryName"))),
                phone=_text(pick(row, "PhoneNumber")), website=_text(pick(row, "URL")),
                customer=bool(as_int(row.get("CustomerId"))) or "customer" in kind.casefold()
                or "kunde" in kind.casefold(),
                supplier=bool(as_int(row.get("SupplierId"))) or "supplier" in kind.casefold()
                or "leverandør" in kind.casefold(),
            )
            self.parties.setdefault(ident, party)

    def _vat(self) -> None:
        for row in read_rows(self.tables / "VatDto.jsonl"):
            code = _text(pick(row, "Abbreviation"))
            if code and code not in self.vat:
                pct = canonical(row.get("Percentage"))
                self.vat[code] = (_text(pick(row, "Description")), None if pct is None else Decimal(pct))

    def _vouchers(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            for row in read_rows(self.tables / "VoucherDto.jsonl"):
                ident = as_int(row.get("Id"))
                if ident is not None:
                    yield (f"v{ident}", _text(row.get("VoucherNumber")), _text(pick(row, "Description")),
                           _date(row.get("CreatedAt")))

        self._insert("INSERT OR IGNORE INTO vouchers VALUES (?,?,?,?)", rows())

    def _posts(self) -> None:
        def rows() -> Iterator[tuple[Any, ...]]:
            dates = self._dates
            for seq, row in enumerate(read_rows(self.tables / "LedgerPostDto.jsonl")):
                get = row.get  # a million rows: every call saved counts
                exact = canonical(get("Amount"))
                if exact is None:
                    self.unreadable += 1
                    continue
                day = day_text(row, "FiscalDateDays")
                year = self._year_of.get(day)
                if year is None:
                    year = self.year_of(day)
                if year < 0:
                    self.outside += 1
                    continue
                key = self._account_key(row)
                partner = _int(get("PartnerId"))
                side = self._side(key, partner, row) if partner is not None else None
                voucher, vnum = _int(get("VoucherId")), get("VoucherNumber")
                gkey = (f"v{voucher}" if voucher is not None else
                        f"n{vnum}" if isinstance(vnum, int | str) and str(vnum) else f"p{seq}")
                vat = _text(get("VatAbbreviation"))
                created = get("CreatedAt")
                entered = dates.get(created[:10]) if isinstance(created, str) else None
                if entered is None:
                    entered = dates.setdefault(created[:10], _date(created)) if isinstance(created, str) else None
                yield (seq, year, gkey, _text(vnum) or None, day, _int(get("Id")), key, self._money(exact),
                       _text(get("Description")), partner, side, _text(get("CurrencyAbbreviation")),
                       self._money(canonical(get("CurrencyAmount"))), vat,
                       self._money(canonical(get("VatAmount"))) if vat else None,
                       entered or day_text(row, "RegistrationDateDays"))

        self._insert("INSERT INTO posts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows())
        # vouchers known only from their postings: their number as the postings give it
        self.db.execute("INSERT OR IGNORE INTO vouchers SELECT gkey, min(vnum), NULL, NULL FROM posts"
                        " WHERE gkey NOT LIKE 'p%' GROUP BY gkey")

    def _account_key(self, row: dict[str, Any]) -> str:
        number = row.get("LedgerTagNumber")
        if type(number) is int and str(number) in self.accounts:  # the usual case, quickly
            return str(number)
        number, tag = pick(row, "LedgerTagNumber"), as_int(row.get("LedgerTagId"))
        key = _text(number) if number is not None else (self._tag_keys.get(tag, f"id{tag}") if tag is not None else "?")
        if key not in self.accounts:
            group = _text(pick(row, "LedgerAccount"))
            self.accounts[key] = Account(key, _text(number), _text(pick(row, "LedgerTagDescription")), group,
                                         account_type(group), in_chart=False)
        return key

    def _side(self, key: str, partner: int, row: dict[str, Any]) -> str:
        """``C`` customer or ``S`` supplier, by the account's type, else the partner's own type."""
        party = self.parties.get(partner)
        if party is None:
            party = self.parties[partner] = Party(partner, _text(pick(row, "PartnerAccountNumber")),
                                                  _text(pick(row, "PartnerName")), in_table=False)
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

    def _money(self, exact: str | None) -> str | None:
        if exact is None:
            return None
        if _TWO_DECIMALS.fullmatch(exact) and exact != "-0.00":
            return exact
        value = Decimal(exact)
        written = cents(value)
        if written != value:
            self.rounded += 1
        return str(written)

    def _year_index(self, row: dict[str, Any]) -> int:
        """The index of the fiscal year a row's FiscalPeriodId names, or -1."""
        period = as_int(row.get("FiscalPeriodId"))
        return -1 if period is None else self._period_index.get(period, -1)

    def _primo(self) -> None:
        for row in read_rows(self.tables / "PrimoLedgerPostDto.jsonl"):
            year = self._year_index(row)
            total = canonical(row.get("Total"))
            if total is None:
                value, adjustment = canonical(row.get("PrimoValue")), canonical(row.get("Adjustment"))
                if value is not None or adjustment is not None:
                    total = str(EXACT.add(Decimal(value or 0), Decimal(adjustment or 0)))
            tag = as_int(row.get("LedgerTagId"))
            if year < 0 or total is None or tag is None:
                self.primo_unplaced += 1
                continue
            key = self._tag_keys.get(tag, f"id{tag}")
            if key not in self.accounts:
                group = _text(pick(row, "LedgerAccount"))
                self.accounts[key] = Account(key, "", "", group, account_type(group), in_chart=False)
            amount = Decimal(self._money(total) or 0)
            self.primo_accounts[(year, key)] = EXACT.add(self.primo_accounts.get((year, key), ZERO), amount)
        for row in read_rows(self.tables / "PrimoPartnerPostDto.jsonl"):
            year = self._year_index(row)
            if year < 0:
                year = self.year_of(day_text(row, "FiscalDateDays"))
            partner, text = as_int(row.get("PartnerId")), canonical(row.get("Amount"))
            if year < 0 or partner is None or text is None:
                self.primo_unplaced += 1
                continue
            context = _text(row.get("ContextType")).casefold()
            party = self.parties.get(partner)
            if party is None:
                party = self.parties[partner] = Party(partner, _text(pick(row, "PartnerAccountNumber")),
                                                      _text(pick(row, "PartnerName")), in_table=False)
            side = "S" if "supplier" in context or (not context and party.supplier and not party.customer) else "C"
            if side == "C":
                party.customer = True
            else:
                party.supplier = True
            key3 = (year, partner, side)
            self.primo_parties[key3] = EXACT.add(self.primo_parties.get(key3, ZERO), Decimal(self._money(text) or 0))

    def _insert(self, sql: str, rows: Iterator[tuple[Any, ...]]) -> None:
        insert_batched(self.db, sql, rows)

    # -- questions ----------------------------------------------------------------------------

    def account_balances(self) -> dict[str, list[tuple[Decimal, Decimal]]]:
        """Every account's (opening, closing) per year, in year order (see the module's docstring)."""
        moves: dict[tuple[str, int], Decimal] = {}
        for r in self.db.execute("SELECT account, year, csum(amount) FROM posts GROUP BY account, year"):
            moves[(r[0], r[1])] = Decimal(r[2])
        opened = self.years_with_openings()
        result = {}
        for key in self.accounts:
            out, closing = [], ZERO
            for year in self.years:
                primo = self.primo_accounts.get((year.index, key), ZERO)
                opening = primo if year.index in opened else closing
                closing = EXACT.add(opening, moves.get((key, year.index), ZERO))
                out.append((opening, closing))
            result[key] = out
        return result

    def years_with_openings(self) -> set[int]:
        """The years for which Xena holds the accounts' opening balances (``PrimoLedgerPostDto``)."""
        return {year for year, _key in self.primo_accounts}

    def party_balances(self) -> dict[tuple[int, str], list[tuple[Decimal, Decimal]]]:
        """Every (partner, side)'s (opening, closing) per year; side ``C`` customer, ``S`` supplier."""
        moves: dict[tuple[int, str, int], Decimal] = {}
        for r in self.db.execute("SELECT partner, side, year, csum(amount) FROM posts WHERE partner IS NOT NULL"
                                 " GROUP BY partner, side, year"):
            moves[(r[0], r[1], r[2])] = Decimal(r[3])
        result = {}
        for party in self.parties.values():
            for side, has in (("C", party.customer), ("S", party.supplier)):
                if has:
                    out, closing = [], ZERO
                    for year in self.years:
                        opening = EXACT.add(closing, self.primo_parties.get((year.index, party.id, side), ZERO))
                        closing = EXACT.add(opening, moves.get((party.id, side, year.index), ZERO))
                        out.append((opening, closing))
                    result[(party.id, side)] = out
        return result

    def year_totals(self, year: int) -> tuple[int, int, Decimal, Decimal]:
        """(transactions, lines, total debit, total credit as a positive number) of a year."""
        n = self.db.execute("SELECT count(*) FROM groups WHERE year = ?", (year,)).fetchone()[0]
        r = self.db.execute("SELECT count(*), csum(CASE WHEN amount NOT LIKE '-%' THEN amount END),"
                            " csum(CASE WHEN amount LIKE '-%' THEN amount END) FROM posts WHERE year = ?",
                            (year,)).fetchone()
        return int(n), int(r[0]), Decimal(r[1] or 0), -Decimal(r[2] or 0)

    def unbalanced(self, year: int) -> list[tuple[str, Decimal]]:
        """(transaction id, sum) of the year's transactions whose lines do not sum to zero."""
        out = []
        for r in self.db.execute("SELECT p.gkey, v.number, csum(p.amount) AS s FROM posts p LEFT JOIN vouchers v"
                                 " ON v.gkey = p.gkey WHERE p.year = ? GROUP BY p.gkey HAVING s + 0 != 0", (year,)):
            total = Decimal(r["s"])
            if total != 0:
                out.append((r["number"] or r["gkey"], total))
        return out

    def lines(self, year: int) -> sqlite3.Cursor:
        """The year's postings, each with its transaction's fields, grouped by transaction (``gkey``) and
        ordered by date, voucher number and input order: a cursor, so even a voucher of a million
        lines is never held in memory."""
        return self.db.execute(
            "SELECT g.gkey, g.day, g.entered AS post_entered, v.number, v.text AS vtext, v.entered,"
            " p.seq, p.id, p.account, p.amount, p.text, p.partner, p.side, p.currency, p.currency_amount, p.vat,"
            " p.vat_amount FROM groups g JOIN posts p ON p.year = g.year AND p.gkey = g.gkey"
            " LEFT JOIN vouchers v ON v.gkey = g.gkey WHERE g.year = ?"
            " ORDER BY g.day, CAST(v.number AS INTEGER), v.number, g.first, p.seq", (year,))


def _int(value: Any) -> int | None:
    return value if type(value) is int else as_int(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> str | None:
    """The date part of an ISO date-time, if it is one."""
    if isinstance(value, str) and re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return value[:10]
    return None
