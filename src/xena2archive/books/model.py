"""Who and what the books are: the company, its fiscal years, accounts and partners, each read one way.

Every reader of the books (the index, SAF-T, the report, bag-info) takes these records from the one
loader (``load``), so a partner or the company has one name everywhere. The rules:

- **Names**: a partner's and the company's name is their address's name (``Address.Name``, as in
  Xena's contracts, or as a CSV flattened it), else a ``Name`` column, else the short description;
  a partner only postings name takes the postings' ``PartnerName``.
- **Account type** (SAF-T's AccountType), from Xena's account group (``LedgerTagDto.LedgerAccount``):
  asset groups ``Asset``; liability and equity groups ``Liability``; net turnover ``Sale``; the cost
  groups of the income statement ``Expense``; anything else (system differences, consolidation, an
  unknown group) ``Other``.
- **Fiscal years** from ``FiscalPeriodDto``, by start date; a period whose end is before its start is
  no year. A day belongs to the latest-starting year that holds it.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .countries import country_code
from .money import ZERO
from .rows import as_bool, as_int, canonical, date_part, day_text, pick, text

NO_YEAR = "uden-aar"  # the slug of what lies outside every fiscal year

ACCOUNT_TYPES = {  # Xena account group (LedgerAccounts in Xena's contracts) -> Danish SAF-T AccountType
    "Xena_Domain_Income_Accounts_Net_Turn_Over": "Sale",
    **{f"Xena_Domain_Income_Accounts_{g}": "Expense" for g in (
        "Product_Consumption", "Wages", "Sales_Costs", "Production_Costs", "Housing_Costs",
        "Administration_Costs", "Depreciation", "Financial_Costs", "Taxes")},
}
_ASSET, _LIABILITY = "Xena_Domain_Asset_Accounts", "Xena_Domain_Liability_Accounts"
EQUITY = "Xena_Domain_Liability_Accounts_Equity"


def account_type(group: str | None) -> str:
    """The Danish SAF-T AccountType of a Xena account group (see the module's docstring)."""
    group = group or ""
    if group.startswith(_ASSET):
        return "Asset"
    if group.startswith(_LIABILITY):
        return "Liability"
    return ACCOUNT_TYPES.get(group, "Other")


def account_slug(key: str) -> str:
    """A safe file name for an account: its number, or a short hash of an odd key."""
    if re.fullmatch(r"[0-9]{1,20}", key):
        return key
    return "k" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def account_sort(key: str) -> str:
    """Numbers in numeric order, then the other keys."""
    if re.fullmatch(r"[0-9]{1,20}", key):
        return f"0{int(key):020d}"
    return "1" + key


def address(row: dict[str, Any], part: str) -> str:
    """A part of the row's address (``Address.Name``), also as a CSV may have flattened it."""
    return text(pick(row, f"Address.{part}", f"Address_{part}", f"Address{part}"))


def name_of(row: dict[str, Any]) -> str:
    """A partner's or the company's name (see the module's docstring)."""
    return address(row, "Name") or text(pick(row, "Name", "ShortDescription"))


@dataclass(frozen=True)
class FiscalYear:
    """One fiscal year: ``index`` is its place in date order, ``slug`` its name in file names."""

    index: int
    slug: str  # the start year, or the start date when two years start in one calendar year
    start: str  # ISO dates
    end: str
    description: str  # FiscalPeriodDto.Description, as Xena has it
    id: int | None = None  # FiscalPeriodDto.Id

    @property
    def label(self) -> str:
        return self.description or f"{self.start} – {self.end}"

    def to_json(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end, "description": self.description}


@dataclass
class Company:
    """The company the books belong to (``FiscalSetupDto``)."""

    name: str = ""
    cvr: str = ""
    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = ""  # ISO 3166 code, where Xena's text gives one
    phone: str = ""
    email: str = ""
    website: str = ""
    currency: str = ""
    registered_for_vat: bool | None = None  # FiscalSetupDto.RegisteredForVat
    years: list[FiscalYear] = field(default_factory=list)
    banks: list[BankAccount] = field(default_factory=list)  # LedgerTagBankContextDto, PaymentMeansDto

    @property
    def address(self) -> list[str]:
        return [part for part in (self.street, f"{self.zip} {self.city}".strip()) if part]

    @property
    def label(self) -> str:
        """``Name (CVR 12345678)``, or what is known of it."""
        name = self.name or "Ukendt virksomhed"
        return f"{name} (CVR {self.cvr})" if self.cvr else name

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "cvr": self.cvr, "address": self.address,
                "fiscal_years": [y.to_json() for y in self.years]}


def read_company(row: dict[str, Any] | None) -> Company:
    """The company from its ``FiscalSetupDto`` row (an empty company without one)."""
    if row is None:
        return Company()
    return Company(
        name=name_of(row), cvr=text(pick(row, "OrgNumber", "VatNumber")),
        street=address(row, "Street"), zip=address(row, "Zip"), city=address(row, "City"),
        country=country_code(address(row, "CountryName")), phone=text(row.get("Phone")),
        email=text(row.get("Email")), website=text(row.get("Website")),
        currency=text(row.get("CurrencyAbbreviation")), registered_for_vat=as_bool(row.get("RegisteredForVat")))


def read_years(rows: list[dict[str, Any]]) -> list[FiscalYear]:
    """The fiscal years of ``FiscalPeriodDto`` rows, in date order, each with its slug."""
    found = []
    for row in rows:
        start, end = day_text(row, "FiscalPeriodStartDays"), day_text(row, "FiscalPeriodEndDays")
        if start and end and start <= end:
            found.append((start, end, text(row.get("Description")), as_int(row.get("Id"))))
    found.sort(key=lambda y: (y[0], y[1], y[3] if y[3] is not None else -1))
    start_years = [start[:4] for start, *_ in found]
    years, used = [], set()
    for index, (start, end, description, ident) in enumerate(found):
        slug = start[:4] if start_years.count(start[:4]) == 1 else start
        while slug in used:
            slug += "b"
        used.add(slug)
        years.append(FiscalYear(index, slug, start, end, description, ident))
    return years


class YearOf:
    """Which fiscal year holds a day: the latest-starting one that holds it, or None."""

    def __init__(self, years: list[FiscalYear]) -> None:
        self.years = years
        self._starts = [y.start for y in years]
        self._known: dict[str | None, FiscalYear | None] = {}  # a few thousand days at most

    def __call__(self, day: str | None) -> FiscalYear | None:
        if day in self._known:
            return self._known[day]
        found = None
        if day:
            index = bisect.bisect_right(self._starts, day) - 1
            while index >= 0 and found is None:
                year = self.years[index]
                found = year if year.start <= day <= year.end else None
                index -= 1
        self._known[day] = found
        return found


@dataclass
class Account:
    """An account of the chart (``LedgerTagDto``), or one only postings or opening entries name."""

    key: str  # its number, else ``id<LedgerTagId>``
    number: str
    name: str
    group: str  # Xena's account group code (LedgerAccount)
    kind: str  # the group as Xena names it in Danish (LedgerAccountTranslated), for people
    in_chart: bool = True
    standard: str = ""  # the SAF-T standard account the user set in Xena (a column ``standard_column`` finds)

    @property
    def type(self) -> str:
        return account_type(self.group)


@dataclass
class Party:
    """A customer or supplier (or both) from ``PartnerDto`` or, failing that, from its postings."""

    id: int
    number: str
    name: str
    kind: str = ""  # PartnerTypeTranslated or PartnerType, for people
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


def read_party(row: dict[str, Any]) -> Party | None:
    """A partner from its ``PartnerDto`` row (None without an id)."""
    ident = as_int(row.get("Id"))
    if ident is None:
        return None
    kind = text(pick(row, "PartnerType")) + " " + text(pick(row, "PartnerTypeTranslated"))
    folded = kind.casefold()
    return Party(
        ident, text(row.get("AccountNumber")), name_of(row),
        kind=text(pick(row, "PartnerTypeTranslated", "PartnerType")), cvr=text(row.get("OrgNumber")),
        street=address(row, "Street"), zip=address(row, "Zip"), city=address(row, "City"),
        country=country_code(address(row, "CountryName")), phone=text(row.get("PhoneNumber")),
        email=text(row.get("Email")), website=text(row.get("URL")),
        customer=bool(as_int(row.get("CustomerId"))) or "customer" in folded or "kunde" in folded,
        supplier=bool(as_int(row.get("SupplierId"))) or "supplier" in folded or "leverandør" in folded,
    )


@dataclass(frozen=True)
class BankAccount:
    """One of the company's bank accounts as Xena holds it (``LedgerTagBankContextDto``, ``PaymentMeansDto``).

    Xena's contracts give ``Account`` and ``AccountIdentifier`` without saying which is which: a value
    of IBAN form (two letters, two digits, up to 30 letters and digits) is the IBAN; otherwise
    ``Account`` is read as the account number and ``AccountIdentifier`` as the sort code (the Danish
    registration number)."""

    iban: str = ""
    number: str = ""
    sort_code: str = ""
    bic: str = ""
    name: str = ""
    account: str = ""  # the ledger account (LedgerTagNumber) that books it, where Xena names one
    source: str = ""  # the table it came from


_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def read_bank(row: dict[str, Any], source: str) -> BankAccount | None:
    """A bank account from a ``LedgerTagBankContextDto`` or ``PaymentMeansDto`` row (None: no number)."""
    account, identifier = text(row.get("Account")), text(row.get("AccountIdentifier"))
    compact = {value: re.sub(r"\s", "", value).upper() for value in (account, identifier)}
    iban = next((c for c in compact.values() if _IBAN.fullmatch(c)), "")
    if not (iban or account):
        return None
    return BankAccount(iban=iban, number="" if iban else account, sort_code="" if iban else identifier,
                       bic=text(row.get("BankBIC")), name=text(row.get("BankName")),
                       account=text(row.get("LedgerTagNumber")), source=source)


@dataclass(frozen=True)
class VatCode:
    """A VAT code (``VatDto``): ``kind`` is Xena's VatType, ``standard`` the SAF-T standard VAT code the
    user set in Xena (a column ``standard_column`` finds), ``created`` the date it was created."""

    code: str
    description: str = ""
    percentage: Decimal | None = None
    kind: str = ""
    standard: str = ""
    created: str | None = None


def read_vat(row: dict[str, Any], standard: str | None) -> VatCode | None:
    code = text(row.get("Abbreviation"))
    if not code:
        return None
    percentage = canonical(row.get("Percentage"))
    return VatCode(code, text(pick(row, "Description", "ShortDescription")),
                   None if percentage is None else Decimal(percentage), text(row.get("VatType")),
                   text(row.get(standard)) if standard else "", date_part(row.get("CreatedAt")))


_STANDARD = re.compile(r"standard|saf-?t", re.IGNORECASE)
_SUBJECTS = {"account": re.compile(r"account|konto", re.IGNORECASE),
             "vat": re.compile(r"vat|moms|tax", re.IGNORECASE)}


def standard_column(columns: Any, subject: str) -> str | None:
    """The column in which Xena keeps the user's SAF-T standard account (``subject`` "account") or VAT
    code ("vat"): Xena's published contracts predate these fields, so they are found by name (Standard
    or SafT, with Account/Konto or Vat/Moms/Tax); the first in sorted order when several fit."""
    found = sorted(c for c in columns if _STANDARD.search(c) and _SUBJECTS[subject].search(c)
                   and not c.endswith(("_date", "Translated")))
    return found[0] if found else None


def read_account(row: dict[str, Any], standard: str | None = None) -> tuple[Account, int | None] | None:
    """An account of the chart from its ``LedgerTagDto`` row, with its Id (None without a key);
    ``standard`` is the column of the SAF-T standard account, if the table has one."""
    number, ident = pick(row, "Number"), as_int(row.get("Id"))
    key = text(number) if number is not None else (f"id{ident}" if ident is not None else "")
    if not key:
        return None
    kind = text(pick(row, "LedgerAccountTranslated", "LedgerTagTypeTranslated", "LedgerAccount"))
    return Account(key, text(number), text(row.get("Description")), text(row.get("LedgerAccount")), kind,
                   standard=text(row.get(standard)) if standard else ""), ident


# -- what ``balances`` computes once per run: records, here so that the loader can hold them


@dataclass(frozen=True)
class Balance:
    """One account's (or partner's) year: ``closing = opening + debit - credit``.

    ``opening`` and ``closing`` are signed (debit positive, credit negative); ``debit`` and ``credit``
    are the year's movements, each as a positive amount."""

    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


@dataclass(frozen=True)
class Opening:
    """How one fiscal year opened (see ``balances``' docstring)."""

    year: str  # the year's slug
    basis: str  # balances.XENA, CARRIED or NONE
    result: Decimal = ZERO  # R: the previous year's result put into ``result_account``'s opening (CARRIED)
    result_account: str | None = None  # the key of the account R went into (CARRIED, when R was applied)
    moved_by: tuple[str, ...] = ()  # the vouchers of the year that already move the result (R not applied)
    previous_result: Decimal = ZERO  # the previous year's result, whether applied or not (CARRIED)
    unclassified: tuple[str, ...] = ()  # accounts neither balance sheet nor income statement, carried (CARRIED)


@dataclass
class Balances:
    """Every account's balances per fiscal year (in ``books.years`` order), and how each year opened.

    ``chart`` is the books' accounts, plus the synthetic result account when a year needed it;
    ``result_account`` the account the user named, if it could be used (else ``unusable`` says why)."""

    openings: list[Opening]
    accounts: dict[str, list[Balance]]
    chart: dict[str, Account]
    synthetic: Account | None = None
    result_account: str | None = None
    unusable: str = ""  # why the named result account was not used: "missing" or "not-balance-sheet"
    parties: dict[tuple[int, str], list[Balance]] = field(default_factory=dict)

    def year(self, index: int) -> dict[str, Balance]:
        """Every account's balance in the year at ``index``."""
        return {key: years[index] for key, years in self.accounts.items()}
