"""Writing one SAF-T Financial DK file per fiscal year, streamed with ``lxml.etree.xmlfile``.

The header and master files are small; the general ledger entries are written one transaction at
a time (a small element tree each), so a year of a million postings takes constant memory. The
totals that precede the entries come from the books' aggregate queries, and every figure in the
file is the sum of the amounts as written in it.

Elements are created without a namespace and written inside the root, which declares
``urn:StandardAuditFile-Taxation-Financial:DK`` as the default namespace: in the file they belong
to it, and the namespace is declared once instead of on every transaction.

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

from .. import __version__
from .books import Books, Party, Year, cents

NS = "urn:StandardAuditFile-Taxation-Financial:DK"
JOURNAL = ("XENA", "Alle bilag fra Xena (Xena fører ingen kladder eller journaler)", "Finans")
TAX_ACCOUNTING_BASIS = "Regnskab"
NOT_USED = "NotUsed"  # what the Danish format writes for a contact person's name that is not known
_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_URI = re.compile(r"\S+")


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

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "year": self.label, "start": self.start, "end": self.end,
                "transactions": self.transactions, "lines": self.lines, "debit": self.debit, "credit": self.credit,
                "balanced": self.debit == self.credit,
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


def file_name(cvr: str, year: Year) -> str:
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

    def __init__(self, books: Books, created: str) -> None:
        self.books = books
        self.created = created
        self.texts = Texts()
        self.currency = books.company.currency if re.fullmatch(r"[A-Z]{3}", books.company.currency) else "DKK"
        self.accounts = books.account_balances()
        self.parties = books.party_balances()
        self.ids = _party_ids(books.parties.values())
        self.entry_dates_missing = 0
        self.bad_currencies = 0
        self.long_record_ids = 0

    def write(self, year: Year, path: Path) -> YearFile:
        books, t = self.books, self.texts
        transactions, lines, debit, credit = books.year_totals(year.index)
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("AuditFile", nsmap={None: NS}):
                xf.write("\n")
                xf.write(self._header(year), pretty_print=True)
                with xf.element("MasterFiles"):
                    xf.write("\n")
                    self._master_files(xf, year)
                xf.write("\n")
                with xf.element("GeneralLedgerEntries"):
                    xf.write("\n")
                    entries = etree.Element("x")
                    _sub(entries, "NumberOfEntries", str(transactions))
                    _sub(entries, "TotalDebit", money(debit))
                    _sub(entries, "TotalCredit", money(credit))
                    for element in entries:
                        xf.write(element, pretty_print=True)
                    if transactions:
                        with xf.element("Journal"):
                            xf.write("\n")
                            head = etree.Element("x")
                            for tag, text in zip(("JournalID", "Description", "Type"), JOURNAL, strict=True):
                                _sub(head, tag, t(text, {"JournalID": 18, "Description": 256, "Type": 9}[tag], tag))
                            for element in head:
                                xf.write(element, pretty_print=True)
                            for voucher, rows in books.transactions(year.index):
                                xf.write(self._transaction(year, voucher, rows), pretty_print=True)
                        xf.write("\n")
                xf.write("\n")
        unbalanced = [(str(tid), money(total)) for tid, total in books.unbalanced(year.index)]
        return YearFile(f"saft/{path.name}", year.label, year.start, year.end, transactions, lines,
                        money(debit), money(credit), unbalanced)

    # -- header ---------------------------------------------------------------------------------

    def _header(self, year: Year) -> Any:
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

    def _master_files(self, xf: Any, year: Year) -> None:
        books, t = self.books, self.texts
        if books.accounts:
            with xf.element("GeneralLedgerAccounts"):
                xf.write("\n")
                for account in sorted(books.accounts.values(), key=lambda a: _order(a.key)):
                    element = etree.Element("Account")
                    _sub(element, "AccountID", t(account.key, 70, "AccountID"))
                    _sub(element, "AccountDescription", t(account.name, 256, "AccountDescription"))
                    standard = books.standard.get(account.number or account.key)
                    if standard:
                        _sub(element, "StandardAccountID", standard)
                    _sub(element, "AccountType", account.type)
                    _balances(element, *self.accounts[account.key][year.index])
                    xf.write(element, pretty_print=True)
            xf.write("\n")
        for side, group, tag, id_tag in (("C", "Customers", "Customer", "CustomerID"),
                                         ("S", "Suppliers", "Supplier", "SupplierID")):
            parties = sorted((p for p in books.parties.values() if (p.id, side) in self.parties),
                             key=lambda p: (_order(self.ids[p.id]), p.id))
            if not parties:
                continue
            with xf.element(group):
                xf.write("\n")
                for party in parties:
                    xf.write(self._party(party, tag, id_tag, *self.parties[(party.id, side)][year.index]),
                             pretty_print=True)
            xf.write("\n")
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
            xf.write(table, pretty_print=True)

    def _used_vat_codes(self) -> list[str]:
        return [r[0] for r in self.books.db.execute("SELECT DISTINCT vat FROM posts WHERE vat IS NOT NULL AND vat != ''")]

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

    def _transaction(self, year: Year, voucher: Any, rows: list[Any]) -> Any:
        t = self.texts
        day = voucher["day"]
        element = etree.Element("Transaction")
        number = voucher["number"] or (voucher["gkey"][1:] if voucher["gkey"][0] == "v" else f"postering {rows[0]['id']}")
        _sub(element, "TransactionID", t(number, 70, "TransactionID"))
        _sub(element, "Period", str(_period(year.start, day)))
        _sub(element, "PeriodYear", year.start[:4])
        _sub(element, "TransactionDate", day)
        _sub(element, "Description", t(voucher["vtext"] or rows[0]["text"] or "", 256, "Description"))
        entered = voucher["entered"] or voucher["post_entered"]
        if not entered:
            self.entry_dates_missing += 1
        _sub(element, "SystemEntryDate", entered or day)
        _sub(element, "GLPostingDate", day)
        for row in rows:
            self._line(element, row)
        return element

    def _line(self, transaction: Any, row: Any) -> None:
        t = self.texts
        line = _sub(transaction, "Line")
        record = str(row["id"]) if row["id"] is not None else f"r{row['seq']}"
        if len(record) > 18:
            self.long_record_ids += 1
        _sub(line, "RecordID", record[:18])
        _sub(line, "AccountID", t(row["account"], 70, "AccountID"))
        if row["partner"] is not None:
            _sub(line, "CustomerID" if row["side"] == "C" else "SupplierID", t(self.ids[row["partner"]], 35, "PartyID"))
        _sub(line, "Description", t(row["text"] or "", 256, "Description"))
        amount = Decimal(row["amount"])
        debit = amount >= 0
        side = _sub(line, "DebitAmount" if debit else "CreditAmount")
        _sub(side, "Amount", money(abs(amount)))
        currency = row["currency"]
        if currency and currency != self.currency and row["currency_amount"] is not None:
            if re.fullmatch(r"[A-Z]{3}", currency):
                _sub(side, "CurrencyCode", currency)
                _sub(side, "CurrencyAmount", money(abs(Decimal(row["currency_amount"]))))
            else:
                self.bad_currencies += 1
        if row["vat"] and row["vat_amount"] is not None:
            tax = _sub(line, "TaxInformation")
            _sub(tax, "TaxType", "VAT")
            _sub(tax, "TaxCode", t(row["vat"], 35, "TaxCode"))
            percentage = self.books.vat.get(row["vat"], ("", None))[1]
            if percentage is not None:
                _sub(tax, "TaxPercentage", str(percentage))
            vat = Decimal(row["vat_amount"])
            _sub(_sub(tax, "TaxAmount"), "Amount", money(vat if debit else -vat))


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
