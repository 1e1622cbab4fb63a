"""Writing one SAF-T Financial DK file per fiscal year, streamed: constant memory for any size.

The header and master files are small: they are built as lxml elements and serialised one
account, customer or supplier at a time. The general ledger entries are written one transaction at
a time from a text template, every text escaped (building a million lines' worth of lxml elements
one by one would take most of the run; the bench compares this with bare ``lxml.etree.xmlfile``).
The totals that precede the entries come from the books' aggregate queries, and every figure in
the file is the sum of the amounts as written in it.

Elements are written without a namespace prefix inside the root, which declares
``urn:StandardAuditFile-Taxation-Financial:DK`` as the default namespace: in the file they belong
to it, and the namespace is declared once instead of on every element written.

Nothing comes from the clock: ``AuditFileDateCreated`` is the date of the backup the archive was
made from, so the conversion and a later ``xena2archive saft`` give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from ... import __version__
from ...books import Books, FiscalYear, Party, queries
from ...books.load import two_decimals
from ...books.model import BankAccount
from ...books.money import cents
from .vat import standard_tax_code

NS = "urn:StandardAuditFile-Taxation-Financial:DK"
VERSION = "2.1"  # Erhvervsstyrelsen's SAF-T Financial DK 2.1 (XSD of 2026-07-03)
JOURNAL = ("XENA", "Alle bilag fra Xena (Xena fører ingen kladder eller journaler)", "GL")
TAX_ACCOUNTING_BASIS = "Regnskab"  # free text in Denmark: the file holds the books (as Microsoft's DK export)
STANDARD_CHART, STANDARD_VERSION = "Standardkontoplanen", "20260101"  # the standard chart valid from 2026-01-01
UNKNOWN_RATE = "0"  # TaxPercentage of a code whose rate Xena does not hold: the XSD requires one; said beside it
UNKNOWN_COUNTRY = "ZZ"  # ISO 3166's user-assigned code, "unknown country" in CLDR: never a guessed country
RATE = Decimal("0.00000001")  # ExchangeRate: at most 8 decimals
_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_URI = re.compile(r"\S+")
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass
class YearFile:
    """What one written file holds (the report's ``saft.files`` entry)."""

    file: str  # path inside data/, e.g. saft/SAF-T_Financial_12345678_20240101_20241231.xml
    label: str
    start: str
    end: str
    transactions: int
    lines: int
    debit: str
    credit: str
    unbalanced: list[tuple[str, str]] = field(default_factory=list)  # (transaction id, sum)
    validation: str = ""  # against the package's XSD when written: "valid", or "invalid" (the error is a finding)

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "year": self.label, "start": self.start, "end": self.end,
                "transactions": self.transactions, "lines": self.lines, "debit": self.debit, "credit": self.credit,
                "balanced": self.balanced, "validation": self.validation,
                "unbalanced": [{"transaction": t, "sum": s} for t, s in self.unbalanced]}


class Texts:
    """Text for the file: characters XML cannot hold are dropped, lengths cut to the format's limits."""

    def __init__(self) -> None:
        self.cut: dict[str, int] = {}
        self.dropped = 0

    def __call__(self, value: Any, limit: int, what: str) -> str:
        text = "" if value is None else str(value)
        if _INVALID_XML.search(text):
            self.dropped += 1
            text = _INVALID_XML.sub("", text)
        if len(text) > limit:
            self.cut[what] = self.cut.get(what, 0) + 1
            text = text[:limit]
        return text


def file_name(cvr: str, year: FiscalYear) -> str:
    who = re.sub(r"[^0-9A-Za-z]", "", cvr) or "ukendt-CVR"
    return f"SAF-T_Financial_{who}_{year.start.replace('-', '')}_{year.end.replace('-', '')}.xml"


def money(value: Decimal) -> str:
    text = str(cents(value))
    return "0.00" if text == "-0.00" else text


def _sub(parent: Any, tag: str, text: str | None = None) -> Any:
    child = etree.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def _balances(parent: Any, opening: Decimal, closing: Decimal) -> None:
    _sub(parent, "OpeningDebitBalance" if opening >= 0 else "OpeningCreditBalance", money(abs(opening)))
    _sub(parent, "ClosingDebitBalance" if closing >= 0 else "ClosingCreditBalance", money(abs(closing)))


class YearWriter:
    """Writes the files of one set of books; its counters and ``texts`` collect what it had to leave out
    or fill otherwise than Xena's data says."""

    def __init__(self, books: Books, created: str, standard: dict[str, str], banks: list[BankAccount], *,
                 publisher: str = "", standard_version: str = STANDARD_VERSION) -> None:
        self.books = books
        self.created = created
        self.standard = standard  # account number -> Erhvervsstyrelsen's standard account (the user's mapping)
        self.publisher = publisher  # SoftwareCompanyName: whom the package's metadata names, '' when no one
        self.standard_version = standard_version  # the list StandardAccountID's numbers belong to
        self.banks = books.company.banks or banks  # Xena's, else the ones the user gave
        self.texts = Texts()
        self.currency = books.company.currency if _CURRENCY.fullmatch(books.company.currency) else "DKK"
        self.accounts = books.balances.accounts
        self.parties = books.balances.parties
        self.ids = _party_ids(books.parties.values())
        self.entry_dates_missing = 0
        self.bad_currencies = 0
        self.long_record_ids = 0
        self.long_system_ids = 0
        self.no_rate = 0  # foreign lines whose currency amount is zero: no exchange rate can be given
        self.addresses_incomplete: set[str] = set()  # who has an address part Xena does not hold
        self.unmapped_vat: set[str] = set()  # VAT codes without a standard VAT code
        self.effective_unknown: set[str] = set()  # VAT codes without a creation date
        self.rate_unknown: set[str] = set()  # VAT codes without a percentage in Xena (only on postings, or empty)
        self.no_vat_codes = False  # neither VatDto nor a posting names a VAT code: the placeholder entry

    def write(self, year: FiscalYear, path: Path, comment: str) -> YearFile:
        books = self.books
        transactions, lines, sums = queries.year_totals(books, year.slug)
        debit, credit = sums.debit, -sums.credit
        path.parent.mkdir(parents=True, exist_ok=True)
        shared = queries.year_shared_numbers(books, year.slug)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<AuditFile xmlns=\"{NS}\">\n")
            out.write(_xml(self._header(year, comment)))
            out.write("<MasterFiles>\n")
            self._master_files(out, year)
            out.write("</MasterFiles>\n<GeneralLedgerEntries>\n")
            out.write(f"<NumberOfEntries>{transactions}</NumberOfEntries>\n<TotalDebit>{money(debit)}</TotalDebit>\n"
                      f"<TotalCredit>{money(credit)}</TotalCredit>\n")
            journal_id, description, kind = JOURNAL
            out.write(f"<Journal>\n<JournalID>{journal_id}</JournalID>\n<Description>{_escape(description)}"
                      f"</Description>\n<Type>{kind}</Type>\n")
            current = None
            for row in queries.year_lines(books, year.slug):
                if row["gkey"] != current:
                    out.write(self._transaction(year, row, shared) if current is None
                              else "</Transaction>\n" + self._transaction(year, row, shared))
                    current = row["gkey"]
                out.write(self._line(row))
            out.write(("</Transaction>\n" if current is not None else "") + "</Journal>\n")
            out.write("</GeneralLedgerEntries>\n</AuditFile>\n")
        unbalanced = [(tid, money(sums.balance)) for tid, sums in queries.year_unbalanced(books, year.slug)]
        return YearFile(f"saft/{path.name}", year.label, year.start, year.end, transactions, lines,
                        money(debit), money(credit), unbalanced)

    # -- header ---------------------------------------------------------------------------------

    def _header(self, year: FiscalYear, comment: str) -> Any:
        c, t = self.books.company, self.texts
        header = etree.Element("Header")
        _sub(header, "AuditFileVersion", VERSION)
        _sub(header, "AuditFileCountry", "DK")
        _sub(header, "AuditFileDateCreated", self.created)
        _sub(header, "SoftwareCompanyName", t(self.publisher, 70, "SoftwareCompanyName"))
        _sub(header, "SoftwareID", "xena2archive (konvertering af Xena-sikkerhedskopi)")
        _sub(header, "SoftwareVersion", t(__version__, 18, "SoftwareVersion"))
        company = _sub(header, "Company")
        cvr = cvr_number(c.cvr)
        if cvr:
            _sub(company, "CVR", cvr)
        else:
            _sub(company, "RegistrationNumber", t(c.cvr, 35, "RegistrationNumber"))
        _sub(company, "Name", t(c.name, 70, "Name"))
        self._address(company, "the company", c.street, c.city, c.zip, c.country or ("DK" if cvr else ""))
        self._contact(company, c.phone, c.email, c.website)
        if c.registered_for_vat and cvr:
            registration = _sub(company, "TaxRegistration")
            _sub(registration, "TaxRegistrationNumber", f"DK{cvr}")
            _sub(registration, "TaxType", "VAT")
            _sub(registration, "Country", "DK")
        for bank in self.banks or [BankAccount()]:  # none known: the one the format requires, empty
            self._bank(company, bank)
        _sub(header, "DefaultCurrencyCode", self.currency)
        selection = _sub(header, "SelectionCriteria")
        _sub(selection, "SelectionStartDate", year.start)
        _sub(selection, "SelectionEndDate", year.end)
        if comment:
            _sub(header, "HeaderComment", t(comment, 256, "HeaderComment"))
        _sub(header, "TaxAccountingBasis", TAX_ACCOUNTING_BASIS)
        _sub(header, "TaxEntity", t(c.name or c.cvr, 70, "TaxEntity"))
        return header

    def _bank(self, parent: Any, bank: BankAccount) -> None:
        t = self.texts
        element = _sub(parent, "BankAccount")
        if bank.iban:
            _sub(element, "IBANNumber", t(bank.iban, 35, "IBANNumber"))
        else:
            _sub(element, "BankAccountNumber", t(bank.number, 35, "BankAccountNumber"))
            if bank.name:
                _sub(element, "BankAccountName", t(bank.name, 70, "BankAccountName"))
            _sub(element, "SortCode", t(bank.sort_code, 18, "SortCode"))
        if bank.bic:
            _sub(element, "BIC", t(bank.bic, 18, "BIC"))
        if bank.account and bank.account in self.books.balances.chart:
            _sub(element, "AccountID", t(bank.account, 70, "AccountID"))

    def _address(self, parent: Any, who: str, street: str, city: str, zip_code: str, country: str) -> None:
        """An address: every part the format requires, empty where Xena holds none (counted), the
        country ``ZZ`` (ISO 3166's code for an unknown country) where Xena's text names none."""
        t = self.texts
        if not (street and city and zip_code and country):
            self.addresses_incomplete.add(who)
        address = _sub(parent, "Address")
        _sub(address, "StreetName", t(street, 70, "StreetName"))
        _sub(address, "City", t(city, 35, "City"))
        _sub(address, "PostalCode", t(zip_code, 18, "PostalCode"))
        _sub(address, "Country", country or UNKNOWN_COUNTRY)

    def _contact(self, parent: Any, phone: str, email: str, website: str) -> None:
        t = self.texts
        website = website if _URI.fullmatch(website) else ""
        if not (phone or email or website):
            return
        contact = _sub(parent, "Contact")
        if phone:
            _sub(contact, "Telephone", t(phone, 18, "Telephone"))
        if email:
            _sub(contact, "Email", t(email, 70, "Email"))
        if website:
            _sub(contact, "Website", t(website, 1000, "Website"))

    # -- master files -----------------------------------------------------------------------------

    def _master_files(self, out: Any, year: FiscalYear) -> None:
        books, t = self.books, self.texts
        chart = books.balances.chart
        out.write(f"<GeneralLedgerAccounts>\n<NameOfStandardAccount>{STANDARD_CHART}</NameOfStandardAccount>\n"
                  f"<VersionOfStandardAccount>{self.standard_version}</VersionOfStandardAccount>\n")
        for account in sorted(chart.values(), key=lambda a: _order(a.key)):
            element = etree.Element("Account")
            _sub(element, "AccountID", t(account.key, 70, "AccountID"))
            _sub(element, "AccountDescription", t(account.name, 256, "AccountDescription"))
            standard = account.standard or self.standard.get(account.number or account.key)
            if standard:
                _sub(element, "StandardAccountID", t(standard, 35, "StandardAccountID"))
            _sub(element, "AccountType", account.type)
            balance = self.accounts[account.key][year.index]
            _balances(element, balance.opening, balance.closing)
            out.write(_xml(element))
        out.write("</GeneralLedgerAccounts>\n")
        for side, group, tag, id_tag in (("C", "Customers", "Customer", "CustomerID"),
                                         ("S", "Suppliers", "Supplier", "SupplierID")):
            parties = sorted((p for p in books.parties.values() if (p.id, side) in self.parties),
                             key=lambda p: (_order(self.ids[p.id]), p.id))
            if not parties:
                continue
            out.write(f"<{group}>\n")
            for party in parties:
                balance = self.parties[(party.id, side)][year.index]
                out.write(_xml(self._party(party, tag, id_tag, balance.opening, balance.closing)))
            out.write(f"</{group}>\n")
        self._tax_table(out, year)

    def _tax_table(self, out: Any, year: FiscalYear) -> None:
        """The VAT codes of VatDto and of the postings. The 2.1 XSD requires the table, at least one code,
        and a rate for each: a code whose rate Xena does not hold gets TaxPercentage 0 with its Description
        saying so; books with no VAT code at all get one empty code saying that (both reported)."""
        books, t = self.books, self.texts
        codes = sorted(set(books.vat) | set(self._used_vat_codes()))
        table = etree.Element("TaxTable")
        entry = _sub(table, "TaxTableEntry")
        _sub(entry, "TaxType", "VAT")
        _sub(entry, "Description", "VAT")
        if not codes:
            self.no_vat_codes = True
            details = _sub(entry, "TaxCodeDetails")
            _sub(details, "TaxCode", "")
            _sub(details, "EffectiveDate", year.start)
            _sub(details, "Description", "Ingen momskoder i Xena (VatDto og posteringerne nævner ingen); "
                                         "pladsholder, da formatet kræver én")
            _sub(details, "TaxPercentage", UNKNOWN_RATE)
            _sub(details, "Country", "DK")
        for code in codes:
            vat = books.vat.get(code)
            details = _sub(entry, "TaxCodeDetails")
            _sub(details, "TaxCode", t(code, 9, "TaxCode"))
            standard, _source = standard_tax_code(vat)
            if standard:
                _sub(details, "StandardTaxCode", t(standard, 9, "StandardTaxCode"))
            else:
                self.unmapped_vat.add(code)
            if vat is None or vat.created is None:
                self.effective_unknown.add(code)
            _sub(details, "EffectiveDate", vat.created if vat is not None and vat.created else year.start)
            description = (vat.description if vat else "") or code
            if vat is not None and vat.percentage is not None:
                _sub(details, "Description", t(description, 256, "TaxDescription"))
                _sub(details, "TaxPercentage", str(vat.percentage))
            else:
                self.rate_unknown.add(code)
                where = ("Xenas momskode har ingen sats" if vat is not None
                         else "koden står kun på posteringer, ikke i Xenas momskoder")
                _sub(details, "Description", t(f"{description} (sats ukendt: {where}; 0 er en pladsholder)", 256,
                                               "TaxDescription"))
                _sub(details, "TaxPercentage", UNKNOWN_RATE)
            _sub(details, "Country", "DK")
        out.write(_xml(table))

    def _used_vat_codes(self) -> list[str]:
        query = "SELECT DISTINCT vat FROM posts WHERE vat IS NOT NULL AND vat != '' AND saft_amount IS NOT NULL"
        return [r[0] for r in self.books.db.execute(query)]

    def _party(self, party: Party, tag: str, id_tag: str, opening: Decimal, closing: Decimal) -> Any:
        t = self.texts
        element = etree.Element(tag)
        _sub(element, id_tag, t(self.ids[party.id], 35, id_tag))
        cvr = cvr_number(party.cvr) if party.country in ("", "DK") else ""
        if cvr:
            _sub(element, "CVR", cvr)
        elif party.cvr:
            _sub(element, "RegistrationNumber", t(party.cvr, 35, "RegistrationNumber"))
        _sub(element, "Name", t(party.name, 70, "Name"))
        self._address(element, f"{tag} {self.ids[party.id]}", party.street, party.city, party.zip, party.country)
        self._contact(element, party.phone, party.email, party.website)
        _balances(element, opening, closing)
        return element

    # -- entries ----------------------------------------------------------------------------------

    def _transaction(self, year: FiscalYear, first: Any, shared: set[str]) -> str:
        """The head of a transaction (up to its first line), from its first line's row: formatted from a
        template (a million lines' worth of lxml elements built one by one would take most of the run);
        every text goes through ``Texts`` and ``_escape``."""
        t = self.texts
        day = first["day"]
        voucher = first["voucher_id"]
        number = first["number"]
        if number is None:
            number = str(voucher) if voucher is not None else f"postering {first['id']}"
        elif str(number) in shared:
            number = f"{number}/{voucher if voucher is not None else first['gkey']}"
        entered = first["post_entered"] or first["entered"]  # the posting's CreatedAt, else the voucher's
        if not entered:
            self.entry_dates_missing += 1
        system = str(voucher) if voucher is not None else first["gkey"]
        if len(system) > 18:
            self.long_system_ids += 1
        source = (f"  <SourceID>{_escape(t(first['responsible'], 35, 'SourceID'))}</SourceID>\n"
                  if first["responsible"] else "")
        return (f"<Transaction>\n  <TransactionID>{_escape(t(number, 70, 'TransactionID'))}</TransactionID>\n"
                f"  <Period>{_period(year.start, day)}</Period>\n  <PeriodYear>{year.start[:4]}</PeriodYear>\n"
                f"  <TransactionDate>{day}</TransactionDate>\n{source}"
                f"  <Description>{_escape(t(first['vtext'] or first['text'] or '', 256, 'Description'))}"
                "</Description>\n"
                f"  <SystemEntryDate>{entered or day}</SystemEntryDate>\n"
                f"  <GLPostingDate>{entered or day}</GLPostingDate>\n"
                f"  <SystemID>{_escape(system[:18])}</SystemID>\n")

    def _amount(self, amount: str, currency: str | None, currency_amount: str | None, pad: str = "      ") -> str:
        """An amount block (``amount`` without sign): Amount, CurrencyCode, CurrencyAmount and ExchangeRate,
        in the company's currency (rate 1) or, for a foreign line, in its own."""
        code, foreign, rate = self.currency, amount, "1"
        if currency and currency != self.currency and currency_amount is not None:
            if _CURRENCY.fullmatch(currency):
                code, foreign, rate = currency, two_decimals(currency_amount).lstrip("-"), "0"
                if Decimal(foreign):
                    rate = str((Decimal(amount) / Decimal(foreign)).quantize(RATE))
                else:
                    self.no_rate += 1
            else:
                self.bad_currencies += 1
        return (f"{pad}<Amount>{amount}</Amount>\n{pad}<CurrencyCode>{code}</CurrencyCode>\n"
                f"{pad}<CurrencyAmount>{foreign}</CurrencyAmount>\n{pad}<ExchangeRate>{rate}</ExchangeRate>\n")

    def _line(self, row: Any) -> str:
        t = self.texts
        record = str(row["id"]) if row["id"] is not None else f"r{row['seq']}"
        if len(record) > 18:
            self.long_record_ids += 1
        parts = [f"  <Line>\n    <RecordID>{record[:18]}</RecordID>\n"
                 f"    <AccountID>{_escape(t(row['account'], 70, 'AccountID'))}</AccountID>\n"]
        if row["document"] is not None:
            parts.append(f"    <SourceDocumentID>{row['document']}</SourceDocumentID>\n")
        if row["partner"] is not None:
            tag = "CustomerID" if row["side"] == "C" else "SupplierID"
            parts.append(f"    <{tag}>{_escape(t(self.ids[row['partner']], 35, 'PartyID'))}</{tag}>\n")
        parts.append(f"    <Description>{_escape(t(row['text'] or '', 256, 'Description'))}</Description>\n")
        amount = row["amount"]
        debit = not amount.startswith("-")
        side = "DebitAmount" if debit else "CreditAmount"
        parts.append(f"    <{side}>\n{self._amount(amount.lstrip('-'), row['currency'], row['currency_amount'])}"
                     f"    </{side}>\n")
        if row["vat"] and row["vat_amount"] is not None:
            parts.append(self._tax(row, amount.lstrip("-"), debit))
        parts.append("  </Line>\n")
        return "".join(parts)

    def _tax(self, row: Any, base: str, debit: bool) -> str:
        """A line's TaxInformation: TaxAmount in the line's direction (a debit line's VAT positive, as a
        credit line's is), TaxBase where the line's amount is the base (its VAT is the percentage of it)."""
        t = self.texts
        vat = self.books.vat.get(row["vat"])
        percentage = vat.percentage if vat is not None else None
        amount = money(Decimal(row["vat_amount"]) if debit else -Decimal(row["vat_amount"]))
        standard, _source = standard_tax_code(vat)
        parts = [f"    <TaxInformation>\n      <TaxType>VAT</TaxType>\n"
                 f"      <TaxCode>{_escape(t(row['vat'], 9, 'TaxCode'))}</TaxCode>\n"]
        if standard:
            parts.append(f"      <StandardTaxCode>{_escape(t(standard, 9, 'StandardTaxCode'))}</StandardTaxCode>\n")
        if percentage is not None:
            parts.append(f"      <TaxPercentage>{percentage}</TaxPercentage>\n")
            if cents(Decimal(base) * percentage / 100) == abs(Decimal(amount)):
                parts.append(f"      <TaxBase>{base}</TaxBase>\n")
        parts.append(f"      <TaxAmount>\n{self._amount(amount, None, None, ' ' * 8)}      </TaxAmount>\n"
                     "    </TaxInformation>\n")
        return "".join(parts)


def cvr_number(text: str) -> str:
    """A Danish CVR number as SAF-T's CVR element takes it (eight digits, not starting with 0), from
    ``12345678``, ``DK12345678`` or ``DK 12 34 56 78``; '' for anything else."""
    compact = re.sub(r"[\s-]", "", text).upper().removeprefix("DK")
    return compact if re.fullmatch(r"[1-9][0-9]{7}", compact) else ""


def _escape(text: str) -> str:
    """Element text as XML: ``&``, ``<`` and ``>`` as entities (``Texts`` has dropped what XML cannot hold)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _xml(element: Any) -> str:
    return etree.tostring(element, encoding="unicode", pretty_print=True)


def _period(start: str, day: str) -> int:
    """The month of the fiscal year (1 = its first month) that ``day`` falls in."""
    return (int(day[:4]) * 12 + int(day[5:7])) - (int(start[:4]) * 12 + int(start[5:7])) + 1


def _order(key: str) -> tuple[int, int, str]:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def _party_ids(parties: Any) -> dict[int, str]:
    """Each partner's CustomerID/SupplierID: its account number when no other partner has it, else its Id."""
    parties = list(parties)
    counts: dict[str, int] = {}
    for p in parties:
        if p.number:
            counts[p.number] = counts.get(p.number, 0) + 1
    return {p.id: p.number if p.number and counts[p.number] == 1 else str(p.id) for p in parties}


__all__ = ["NS", "VERSION", "YearFile", "YearWriter", "cvr_number", "file_name", "money"]
