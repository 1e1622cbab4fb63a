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
from ...books.money import cents

NS = "urn:StandardAuditFile-Taxation-Financial:DK"
JOURNAL = ("XENA", "Alle bilag fra Xena (Xena fører ingen kladder eller journaler)", "Finans")
TAX_ACCOUNTING_BASIS = "Regnskab"  # free text in Denmark: the file holds the books (as Microsoft's DK export)
NOT_USED = "NotUsed"  # what the Danish format writes for a contact person's name that is not known
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

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "year": self.label, "start": self.start, "end": self.end,
                "transactions": self.transactions, "lines": self.lines, "debit": self.debit, "credit": self.credit,
                "balanced": self.balanced,
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
    """Writes the files of one set of books; ``gaps`` and ``texts`` collect what it had to leave out."""

    def __init__(self, books: Books, created: str, standard: dict[str, str]) -> None:
        self.books = books
        self.created = created
        self.standard = standard  # account number -> Erhvervsstyrelsen's standard account
        self.texts = Texts()
        self.currency = books.company.currency if re.fullmatch(r"[A-Z]{3}", books.company.currency) else "DKK"
        self.accounts = books.balances.accounts
        self.parties = books.balances.parties
        self.ids = _party_ids(books.parties.values())
        self.entry_dates_missing = 0
        self.bad_currencies = 0
        self.long_record_ids = 0

    def write(self, year: FiscalYear, path: Path) -> YearFile:
        books, t = self.books, self.texts
        transactions, lines, sums = queries.year_totals(books, year.slug)
        debit, credit = sums.debit, -sums.credit
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<AuditFile xmlns=\"{NS}\">\n")
            out.write(_xml(self._header(year)))
            out.write("<MasterFiles>\n")
            self._master_files(out, year)
            out.write("</MasterFiles>\n<GeneralLedgerEntries>\n")
            out.write(f"<NumberOfEntries>{transactions}</NumberOfEntries>\n<TotalDebit>{money(debit)}</TotalDebit>\n"
                      f"<TotalCredit>{money(credit)}</TotalCredit>\n")
            if transactions:
                journal_id, description, kind = JOURNAL
                out.write(f"<Journal>\n<JournalID>{t(journal_id, 18, 'JournalID')}</JournalID>\n"
                          f"<Description>{t(description, 256, 'Description')}</Description>\n"
                          f"<Type>{t(kind, 9, 'Type')}</Type>\n")
                current = None
                for row in queries.year_lines(books, year.slug):
                    if row["gkey"] != current:
                        out.write(self._transaction(year, row) if current is None
                                  else "</Transaction>\n" + self._transaction(year, row))
                        current = row["gkey"]
                    out.write(self._line(row))
                out.write("</Transaction>\n</Journal>\n")
            out.write("</GeneralLedgerEntries>\n</AuditFile>\n")
        unbalanced = [(tid, money(sums.balance)) for tid, sums in queries.year_unbalanced(books, year.slug)]
        return YearFile(f"saft/{path.name}", year.label, year.start, year.end, transactions, lines,
                        money(debit), money(credit), unbalanced)

    # -- header ---------------------------------------------------------------------------------

    def _header(self, year: FiscalYear) -> Any:
        c, t = self.books.company, self.texts
        header = etree.Element("Header")
        _sub(header, "AuditFileVersion", "1.0")
        _sub(header, "AuditFileCountry", "DK")
        _sub(header, "AuditFileDateCreated", self.created)
        _sub(header, "SoftwareCompanyName", "xena2archive")
        _sub(header, "SoftwareID", "xena2archive (konvertering af Xena-sikkerhedskopi)")
        _sub(header, "SoftwareVersion", t(__version__, 18, "SoftwareVersion"))
        company = _sub(header, "Company")
        _sub(company, "RegistrationNumber", t(c.cvr, 35, "RegistrationNumber"))
        _sub(company, "Name", t(c.name, 70, "Name"))
        self._address(company, c.street, c.city, c.zip, c.country)
        self._contact(company, NOT_USED, c.phone, c.email, c.website)
        _sub(header, "DefaultCurrencyCode", self.currency)
        selection = _sub(header, "SelectionCriteria")
        _sub(selection, "SelectionStartDate", year.start)
        _sub(selection, "SelectionEndDate", year.end)
        _sub(header, "TaxAccountingBasis", TAX_ACCOUNTING_BASIS)
        return header

    def _address(self, parent: Any, street: str, city: str, zip_code: str, country: str) -> None:
        t = self.texts
        address = _sub(parent, "Address")
        for tag, value, limit in (("StreetName", street, 70), ("City", city, 35), ("PostalCode", zip_code, 18),
                                  ("Country", country, 2)):
            if value:
                _sub(address, tag, t(value, limit, tag))

    def _contact(self, parent: Any, last_name: str, phone: str, email: str, website: str) -> None:
        t = self.texts
        contact = _sub(parent, "Contact")
        person = _sub(contact, "ContactPerson")
        _sub(person, "FirstName", NOT_USED)
        _sub(person, "LastName", t(last_name, 70, "LastName"))
        if phone:
            _sub(contact, "Telephone", t(phone, 18, "Telephone"))
        if email:
            _sub(contact, "Email", t(email, 70, "Email"))
        if website and _URI.fullmatch(website):
            _sub(contact, "Website", t(website, 1000, "Website"))

    # -- master files -----------------------------------------------------------------------------

    def _master_files(self, out: Any, year: FiscalYear) -> None:
        books, t = self.books, self.texts
        if books.accounts:
            out.write("<GeneralLedgerAccounts>\n")
            for account in sorted(books.balances.chart.values(), key=lambda a: _order(a.key)):
                element = etree.Element("Account")
                _sub(element, "AccountID", t(account.key, 70, "AccountID"))
                _sub(element, "AccountDescription", t(account.name, 256, "AccountDescription"))
                standard = self.standard.get(account.number or account.key)
                if standard:
                    _sub(element, "StandardAccountID", standard)
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
        codes = sorted(set(books.vat) | set(self._used_vat_codes()))
        if codes:
            table = etree.Element("TaxTable")
            entry = _sub(table, "TaxTableEntry")
            _sub(entry, "TaxType", "VAT")
            _sub(entry, "Description", "Moms")
            for code in codes:
                details = _sub(entry, "TaxCodeDetails")
                _sub(details, "TaxCode", t(code, 35, "TaxCode"))
                description, percentage = books.vat.get(code, ("", None))
                if description:
                    _sub(details, "Description", t(description, 256, "TaxDescription"))
                if percentage is not None:
                    _sub(details, "TaxPercentage", str(percentage))
                _sub(details, "Country", "DK")
            out.write(_xml(table))

    def _used_vat_codes(self) -> list[str]:
        query = "SELECT DISTINCT vat FROM posts WHERE vat IS NOT NULL AND vat != '' AND saft_amount IS NOT NULL"
        return [r[0] for r in self.books.db.execute(query)]

    def _party(self, party: Party, tag: str, id_tag: str, opening: Decimal, closing: Decimal) -> Any:
        t = self.texts
        element = etree.Element(tag)
        if party.cvr:
            _sub(element, "RegistrationNumber", t(party.cvr, 35, "RegistrationNumber"))
        _sub(element, "Name", t(party.name, 70, "Name"))
        self._address(element, party.street, party.city, party.zip, party.country)
        if party.phone or party.email or party.website:
            self._contact(element, NOT_USED, party.phone, party.email, party.website)
        _sub(element, id_tag, t(self.ids[party.id], 35, id_tag))
        _balances(element, opening, closing)
        return element

    # -- entries ----------------------------------------------------------------------------------

    def _transaction(self, year: FiscalYear, first: Any) -> str:
        """The head of a transaction (up to its first line), from its first line's row: formatted from a
        template (a million lines' worth of lxml elements built one by one would take most of the run);
        every text goes through ``Texts`` and ``_escape``."""
        t = self.texts
        day = first["day"]
        number = first["number"] or (first["gkey"][1:] if first["gkey"][0] == "v" else f"postering {first['id']}")
        entered = first["entered"] or first["post_entered"]
        if not entered:
            self.entry_dates_missing += 1
        return (f"<Transaction>\n  <TransactionID>{_escape(t(number, 70, 'TransactionID'))}</TransactionID>\n"
                f"  <Period>{_period(year.start, day)}</Period>\n  <PeriodYear>{year.start[:4]}</PeriodYear>\n"
                f"  <TransactionDate>{day}</TransactionDate>\n"
                f"  <Description>{_escape(t(first['vtext'] or first['text'] or '', 256, 'Description'))}"
                "</Description>\n"
                f"  <SystemEntryDate>{entered or day}</SystemEntryDate>\n  <GLPostingDate>{day}</GLPostingDate>\n")

    def _line(self, row: Any) -> str:
        t = self.texts
        record = str(row["id"]) if row["id"] is not None else f"r{row['seq']}"
        if len(record) > 18:
            self.long_record_ids += 1
        parts = [f"  <Line>\n    <RecordID>{record[:18]}</RecordID>\n"
                 f"    <AccountID>{_escape(t(row['account'], 70, 'AccountID'))}</AccountID>\n"]
        if row["partner"] is not None:
            tag = "CustomerID" if row["side"] == "C" else "SupplierID"
            parts.append(f"    <{tag}>{_escape(t(self.ids[row['partner']], 35, 'PartyID'))}</{tag}>\n")
        parts.append(f"    <Description>{_escape(t(row['text'] or '', 256, 'Description'))}</Description>\n")
        amount = row["amount"]
        debit = not amount.startswith("-")
        side = "DebitAmount" if debit else "CreditAmount"
        parts.append(f"    <{side}>\n      <Amount>{amount if debit else amount[1:]}</Amount>\n")
        currency = row["currency"]
        if currency and currency != self.currency and row["currency_amount"] is not None:
            if _CURRENCY.fullmatch(currency):
                foreign = two_decimals(row["currency_amount"]).lstrip("-")
                parts.append(f"      <CurrencyCode>{currency}</CurrencyCode>\n"
                             f"      <CurrencyAmount>{foreign}</CurrencyAmount>\n")
            else:
                self.bad_currencies += 1
        parts.append(f"    </{side}>\n")
        if row["vat"] and row["vat_amount"] is not None:
            percentage = self.books.vat.get(row["vat"], ("", None))[1]
            vat = Decimal(row["vat_amount"])
            parts.append(
                f"    <TaxInformation>\n      <TaxType>VAT</TaxType>\n"
                f"      <TaxCode>{_escape(t(row['vat'], 35, 'TaxCode'))}</TaxCode>\n"
                + (f"      <TaxPercentage>{percentage}</TaxPercentage>\n" if percentage is not None else "")
                + f"      <TaxAmount>\n        <Amount>{money(vat if debit else -vat)}</Amount>\n      </TaxAmount>\n"
                "    </TaxInformation>\n")
        parts.append("  </Line>\n")
        return "".join(parts)


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


__all__ = ["NS", "YearFile", "YearWriter", "file_name", "money"]
