"""Synthetic archives for the index tests: JSONL tables written directly, with exactly known figures.

``write_books`` writes a ``data/`` folder as the table stage would (``tables/<Table>.jsonl``) and
returns the report; amounts are exact decimals chosen so every voucher balances unless asked
otherwise. Used for the figure tests and, with many postings, for the scale test.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from xena2archive.books.model import Company, FiscalYear
from xena2archive.links import Links
from xena2archive.records import DocumentEntry
from xena2archive.report import BackupInput, Report
from xena2archive.tables.convert import TableResult
from xena2archive.findings import Finding

EPOCH = dt.date(1970, 1, 1)
ACCOUNTS = [(1010, "Salg af varer", "Nettoomsætning"), (2750, "Husleje", "Lokaleomkostninger"),
            (5600, "Bank", "Likvide beholdninger"), (6800, "Salgsmoms", "Moms"), (5410, "Debitorer", "Debitorer")]
YEARS = [(dt.date(2023, 1, 1), dt.date(2023, 12, 31)), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))]


def days(day: dt.date) -> int:
    return (day - EPOCH).days


def _write(path: Path, rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def post(ident: int, voucher: int | None, number: int | None, day: dt.date, amount: str, account: int,
         text: str = "Postering", partner: int | None = None) -> dict[str, Any]:
    name = next((n for a, n, _ in ACCOUNTS if a == account), f"Konto {account}")
    return {
        "Id": ident, "VoucherId": voucher, "VoucherNumber": number, "Amount": amount, "CurrencyAmount": amount,
        "CurrencyAbbreviation": "DKK", "FiscalDateDays": days(day), "FiscalDateDays_date": day.isoformat(),
        "LedgerTagId": 2210000000 + account, "LedgerTagNumber": account, "LedgerTagDescription": name,
        "Description": text, "VatAbbreviation": None, "PartnerId": partner,
        "PartnerName": None if partner is None else f"Partner {partner}",
    }


def voucher(ident: int, number: int, day: dt.date, total: str | None = None,
            period: int | None = None) -> dict[str, Any]:
    return {"Id": ident, "VoucherNumber": number, "Description": f"Bilag {number}", "FiscalDateDays": days(day),
            "FiscalDateDays_date": day.isoformat(), "DebetAmount": total, "CreditAmount": total,
            "FirstDocumentId": None, "FiscalPeriodId": period}


def base_tables(data: Path) -> None:
    tables = data / "tables"
    _write(tables / "FiscalSetupDto.jsonl", [{"Id": 1, "OrgNumber": "12345678", "Address.Name": "Test & Co ApS",
                                              "Address.Street": "Vej 1", "Address.Zip": "8000",
                                              "Address.City": "Aarhus C", "CurrencyAbbreviation": "DKK"}])
    _write(tables / "FiscalPeriodDto.jsonl", [
        {"Id": 100 + i, "FiscalPeriodStartDays": days(s), "FiscalPeriodStartDays_date": s.isoformat(),
         "FiscalPeriodEndDays": days(e), "FiscalPeriodEndDays_date": e.isoformat(),
         "Description": f"Regnskabsår {s.year}"}
        for i, (s, e) in enumerate(YEARS)])
    _write(tables / "LedgerTagDto.jsonl", [
        {"Id": 2210000000 + a, "Number": a, "Description": n, "LedgerAccountTranslated": k} for a, n, k in ACCOUNTS])
    _write(tables / "PartnerDto.jsonl", [
        {"Id": 3800000000 + i, "AccountNumber": 1000 + i, "Address.Name": f"Kunde {i} A/S", "OrgNumber": f"1000000{i}",
         "PartnerTypeTranslated": "Kunde"} for i in range(5)])


def table_result(name: str, rows: int) -> TableResult:
    """What the table stage would report of a table written here: read from XML, nothing odd."""
    return TableResult(
        table=name, description=f"Beskrivelse af {name}", known=True, source=f"Data/{name}.xml",
        entry=f"Data/{name}.xml", format="xml", encoding="utf-8", delimiter=None, decimal=None, key="Id", columns=[],
        rows_read=rows, rows_written=rows, rejects=0, first_reject=None, kept_as_text=0, examples=[],
        outputs={"jsonl": f"{name}.jsonl", "schema": f"{name}.schema.json", "xlsx": f"{name}.xlsx"},
        duplicate_keys=[], duplicate_key_count=0, broken=None, header_problem=None)


def document(zip_name: str, *, pdfa: str | None, links: Links | None = None, description: str | None = None,
             reasons: list[Finding] | None = None) -> DocumentEntry:
    """What the documents stage would report of a document: converted when it has a ``pdfa`` copy."""
    return DocumentEntry(
        zip_name=zip_name, original=f"original/{zip_name}", document_id=None, description=description,
        format=zip_name.rsplit(".")[-1], mime=None, pronom=None, format_name=None, format_version=None,
        identified_by=None, declared_type=None, mismatch=None, size=13, sha256="0" * 64, pages=None,
        status="converted" if pdfa else "not-converted", code=None if pdfa else "unreadable",
        reasons=reasons or [], removed=[], pdfa=pdfa, pdfa_sha256=None, links=links or Links())


def report_for(data: Path, documents: list[DocumentEntry] | None = None) -> Report:
    """The report of a conversion that wrote the tables under ``data/tables`` (and ``documents``);
    written to ``data/report.json`` as the conversion would."""
    tables = []
    for path in sorted((data / "tables").glob("*.jsonl")):
        name = path.name[:-len(".jsonl")]
        if name.endswith(".rejects"):
            continue
        with open(path, encoding="utf-8") as handle:
            rows = sum(1 for _ in handle)
        (data / "tables" / f"{name}.schema.json").write_text("{}\n", encoding="utf-8")
        (data / "tables" / f"{name}.xlsx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
        tables.append(table_result(name, rows))
    report = Report(
        tool={"name": "xena2archive", "version": "test"},
        input=BackupInput(file="backup.zip", kind="zip", identifier="sha256:" + "0" * 64,
                          sha256="0" * 64, size=1234, entries=0, folders=0,
                          backup_time="2025-01-31T12:00:00"),
        tables=tables, documents=documents or [],
        company=Company("Test & Co ApS", "12345678", street="Vej 1", zip="8000", city="Aarhus C",
                        years=[FiscalYear(i, str(s.year), s.isoformat(), e.isoformat(), f"Regnskabsår {s.year}")
                               for i, (s, e) in enumerate(YEARS)]),
    )
    report.write(data / "report.json")
    return report


def big_books(data: Path, n: int, accounts: int = 40, partners: int = 500) -> Report:
    """``n`` postings in balanced pairs, dated over two years, on ``accounts`` accounts; returns the report."""
    base_tables(data)
    tables = data / "tables"
    numbers = [1000 + 10 * i for i in range(accounts)]
    _write(tables / "LedgerTagDto.jsonl", [{"Id": 2210000000 + a, "Number": a, "Description": f"Konto {a}",
                                            "LedgerAccountTranslated": "Drift"} for a in numbers])

    def postings() -> Iterator[dict[str, Any]]:
        for i in range(n):
            v = i // 2
            cents = (v * 7919) % 10_000_000 + 1
            amount = Decimal(cents if i % 2 == 0 else -cents).scaleb(-2)
            day = YEARS[0][0] + dt.timedelta(days=(v * 730) // max(1, n // 2))
            account = numbers[(v + (i % 2) * 7) % accounts]
            partner = 3800000000 + v % partners if i % 2 else None
            yield post(4294967296 + i, 4294967296 + v, v + 1, day, str(amount),
                       account, f"Bilag {v + 1} – købmand Ærø", partner)

    def vouchers() -> Iterator[dict[str, Any]]:
        for v in range(n // 2):
            cents = (v * 7919) % 10_000_000 + 1
            day = YEARS[0][0] + dt.timedelta(days=(v * 730) // max(1, n // 2))
            yield voucher(4294967296 + v, v + 1, day, str(Decimal(cents).scaleb(-2)))

    _write(tables / "LedgerPostDto.jsonl", postings())
    _write(tables / "VoucherDto.jsonl", vouchers())
    _write(tables / "PartnerDto.jsonl", ({"Id": 3800000000 + i, "AccountNumber": 10000 + i,
                                          "Address.Name": f"Kunde {i}"}
                                         for i in range(partners)))
    return report_for(data)


# -- books an auditor works through: years, VAT, customers and suppliers, invoices, settlements ------

LEDGER = [  # number, name, Xena's account group, default VAT code
    (1010, "Salg", "Xena_Domain_Income_Accounts_Net_Turn_Over", "U25"),
    (1320, "Varekøb EU", "Xena_Domain_Income_Accounts_Product_Consumption", "IEUV"),
    (2750, "Husleje", "Xena_Domain_Income_Accounts_Housing_Costs", "I25"),
    (2210, "Lønninger", "Xena_Domain_Income_Accounts_Wages", None),
    (5410, "Debitorer", "Xena_Domain_Asset_Accounts_Customer_Receivables", None),
    (5600, "Bank", "Xena_Domain_Asset_Accounts_Cash", None),
    (6010, "Egenkapital", "Xena_Domain_Liability_Accounts_Equity", None),
    (6410, "Kreditorer", "Xena_Domain_Liability_Accounts_Trade_Payables", None),
    (6800, "Salgsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt", None),
    (6810, "Købsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt", None),
    (6820, "Moms af EU-køb", "Xena_Domain_Liability_Accounts_Vat_Debt", None),
    (6830, "Momsafregning", "Xena_Domain_Liability_Accounts_Vat_Debt", None),
]
GROUPS_DA = {"Net_Turn_Over": "Nettoomsætning", "Product_Consumption": "Vareforbrug",
             "Housing_Costs": "Lokaleomkostninger", "Wages": "Personaleomkostninger",
             "Customer_Receivables": "Tilgodehavender", "Cash": "Likvide beholdninger", "Equity": "Egenkapital",
             "Trade_Payables": "Leverandørgæld", "Vat_Debt": "Moms"}
VAT_CODES = [  # code, description, percentage, type, account
    ("U25", "Salgsmoms 25 %", "25.00", "VatType_Sales", 6800),
    ("I25", "Købsmoms 25 %", "25.00", "VatType_Purchase", 6810),
    ("IEUV", "Køb af varer fra EU", "25.00", "VatType_EUPurchaseGoods", 6820),
    ("U0", "Momsfrit salg", "0.00", "VatType_Exempt", None),
]
CUSTOMER, SUPPLIER = 3900000001, 3900000002


class Books:
    """Rows of every table, written by ``write``; ids and voucher numbers handed out in order."""

    def __init__(self, years: list[tuple[dt.date, dt.date]]) -> None:
        self.years = years
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.number = 0
        self.ident = 7_000_000_000

    def next_id(self) -> int:
        self.ident += 1
        return self.ident

    def voucher(self, day: dt.date, text: str, lines: list[tuple[int, str, str | None, str | None]],
                partner: int | None = None, registered: dt.date | None = None,
                invoice: tuple[str, int, str] | None = None) -> int:
        """A voucher of ``lines`` (account, amount, VAT code, VAT amount); returns its number.
        ``invoice`` (post type, partner, due days) adds the PartnerPostDto row of the partner's line."""
        self.number += 1
        voucher_id, transaction = self.next_id(), self.next_id()
        registered = registered or day + dt.timedelta(days=2)
        period = next(100 + i for i, (s, e) in enumerate(self.years) if s <= day <= e)
        total = sum(Decimal(a) for _, a, _, _ in lines if Decimal(a) > 0)
        self.tables["VoucherDto"].append({
            "Id": voucher_id, "FiscalPeriodId": period, "VoucherNumber": self.number, "Description": text,
            "ResponsibleName": "Bo Bogholder", "CreatedAt": f"{registered.isoformat()}T10:00:00Z",
            "FiscalDateDays": days(day), "FiscalDateDays_date": day.isoformat(), "DebetAmount": str(total),
            "CreditAmount": str(total), "FirstDocumentId": None})
        for account, amount, code, vat in lines:
            row = post(self.next_id(), voucher_id, self.number, day, amount, account, text,
                       partner if account in (5410, 6410) else None)
            row.update({"EconomicTransactionId": transaction, "VatAbbreviation": code, "VatAmount": vat,
                        "RegistrationDateDays": days(registered), "RegistrationDateDays_date": registered.isoformat(),
                        "CreatedAt": f"{registered.isoformat()}T10:00:00Z",
                        "LedgerAccount": next(g for n, _, g, _ in LEDGER if n == account)})
            self.tables["LedgerPostDto"].append(row)
            if invoice and account in (5410, 6410):
                kind, due = invoice[0], day + dt.timedelta(days=invoice[1])
                self.tables["PartnerPostDto"].append({
                    "Id": self.next_id(), "PartnerId": partner, "PostType": kind, "PostTypeTranslated": invoice[2],
                    "Amount": amount, "RemainingAmount": "0.00" if kind.endswith("Payment") else amount,
                    "FiscalDateDays": days(day),
                    "FiscalDateDays_date": day.isoformat(), "DueDateDays": days(due),
                    "DueDateDays_date": due.isoformat(),
                    "VoucherId": voucher_id, "VoucherNumber": self.number,
                    "SupplierInvoiceNumber": f"INV-{self.number}" if partner == SUPPLIER else None,
                    "PartnerName": f"Partner {partner}", "CurrencyAbbreviation": "DKK"})
        return self.number

    def write(self, data: Path) -> None:
        tables = data / "tables"
        for name, rows in self.tables.items():
            _write(tables / f"{name}.jsonl", rows)


def audit_books(data: Path, years: int, seed: int = 29) -> Books:
    """``years`` fiscal years (calendar years from 2022) of sales, purchases, EU purchases, wages,
    payments and quarterly VAT settlements, random amounts from ``seed``. The first year's VAT
    periods are half-years named by ``VatSettlementTransactionDto``; later years have no settlement
    rows (their periods are quarters). The last two sales of every year are left unpaid, and Xena's
    own invoice of the first sale of every year is linked only through ``OrderJournalEntryDto``."""
    rng = random.Random(seed)
    spans = [(dt.date(2022 + i, 1, 1), dt.date(2022 + i, 12, 31)) for i in range(years)]
    books = Books(spans)
    base_tables(data)
    books.tables["FiscalPeriodDto"] = [
        {"Id": 100 + i, "FiscalPeriodStartDays": days(s), "FiscalPeriodStartDays_date": s.isoformat(),
         "FiscalPeriodEndDays": days(e), "FiscalPeriodEndDays_date": e.isoformat(),
         "Description": f"Regnskabsår {s.year}"}
        for i, (s, e) in enumerate(spans)]
    books.tables["LedgerTagDto"] = [
        {"Id": 2210000000 + n, "Number": n, "Description": name, "LedgerAccount": group,
         "LedgerAccountTranslated": GROUPS_DA[group.split("Accounts_")[1]], "DefaultVatAbbreviation": code}
        for n, name, group, code in LEDGER]
    books.tables["VatDto"] = [
        {"Id": 88000000 + i, "Abbreviation": c, "Description": d, "Percentage": p, "VatType": t,
         "VatTypeTranslated": t.removeprefix("VatType_"), "LedgerAccount": a}
        for i, (c, d, p, t, a) in enumerate(VAT_CODES)]
    books.tables["PartnerDto"] = [
        {"Id": CUSTOMER, "AccountNumber": 1001, "Address.Name": "Kunde Ærø A/S", "PartnerType": "Customer",
         "CustomerId": 1},
        {"Id": SUPPLIER, "AccountNumber": 5001, "Address.Name": "Leverandør Øst ApS", "PartnerType": "Supplier",
         "SupplierId": 1}]

    def money(low: int, high: int) -> Decimal:
        return Decimal(rng.randrange(low * 100, high * 100)).scaleb(-2)

    for y, (start, end) in enumerate(spans):
        sales = []
        for month in range(1, 13):
            day = dt.date(start.year, month, rng.randrange(1, 28))
            net = money(1000, 90000)
            vat = (net / 4).quantize(Decimal("0.01"))
            number = books.voucher(day, f"Faktura {start.year}-{month}", [
                (1010, str(-net), "U25", str(-vat)), (6800, str(-vat), None, None), (5410, str(net + vat), None, None)],
                CUSTOMER, invoice=("PartnerPostType_CustomerInvoice", 30, "Faktura"))
            sales.append((number, net + vat, day, books.tables["PartnerPostDto"][-1]))
            if month == 1:  # Xena's own invoice: OrderJournalEntryDto only
                transaction = books.tables["LedgerPostDto"][-1]["EconomicTransactionId"]
                order = 5400000000 + start.year
                books.tables["OrderDto"].append({"Id": order, "OrderNumber": 2000 + y, "PartnerName": "Kunde Ærø A/S"})
                books.tables["OrderJournalEntryDto"].append({
                    "Id": books.next_id(), "OrderId": order, "Description": f"Faktura {900 + y}",
                    "DocumentId": 6600000000 + y, "TransactionId": transaction, "VoucherNumber": number})
            rent = money(500, 20000)
            rent_vat = (rent / 4).quantize(Decimal("0.01"))
            books.voucher(day + dt.timedelta(days=1), f"Husleje {month}", [
                (2750, str(rent), "I25", str(rent_vat)), (6810, str(rent_vat), None, None),
                (6410, str(-(rent + rent_vat)), None, None)], SUPPLIER,
                registered=day + dt.timedelta(days=rng.choice([1, 40])),
                invoice=("PartnerPostType_SupplierInvoice", 14, "Faktura"))
            if month < 12:  # December's rent is still owed at the year's end
                books.tables["PartnerPostDto"][-1]["RemainingAmount"] = "0.00"
                books.voucher(day + dt.timedelta(days=1), f"Betaling husleje {month}", [
                    (6410, str(rent + rent_vat), None, None), (5600, str(-(rent + rent_vat)), None, None)], SUPPLIER,
                    invoice=("PartnerPostType_SupplierPayment", 0, "Betaling"))
            wages = money(10000, 40000)
            books.voucher(day, f"Løn {month}", [(2210, str(wages), None, None), (5600, str(-wages), None, None)])
            if month % 4 == 2:
                eu = money(1000, 30000)
                eu_vat = (eu / 4).quantize(Decimal("0.01"))
                books.voucher(day, f"EU-køb {month}", [
                    (1320, str(eu), "IEUV", str(eu_vat)), (6820, str(-eu_vat), None, None),
                    (6810, str(eu_vat), None, None), (5600, str(-eu), None, None)])
            if month == 3:  # a correction straight on the sales VAT account, without a code
                books.voucher(day, "Rettelse salgsmoms", [(6800, "-100.00", None, None), (5600, "100.00", None, None)])
            if month % 5 == 0:
                exempt = money(100, 5000)
                books.voucher(day, f"Momsfrit salg {month}", [
                    (1010, str(-exempt), "U0", "0.00"), (5600, str(exempt), None, None)])
        for number, gross, day, invoice in sales[:-2]:
            books.voucher(day + dt.timedelta(days=20), f"Indbetaling faktura {number}", [
                (5600, str(gross), None, None), (5410, str(-gross), None, None)], CUSTOMER,
                invoice=("PartnerPostType_CustomerPayment", 0, "Indbetaling"))
            invoice["RemainingAmount"] = "0.00"
        if y < years - 1:  # November's invoice is paid in the next year: open at this year's end
            number, gross, day, invoice = sales[-2]
            books.voucher(dt.date(start.year + 1, 1, 10), f"Indbetaling faktura {number}", [
                (5600, str(gross), None, None), (5410, str(-gross), None, None)], CUSTOMER,
                invoice=("PartnerPostType_CustomerPayment", 0, "Indbetaling"))
            invoice["RemainingAmount"] = "0.00"
            invoice["SettlementId"] = books.tables["PartnerPostDto"][-1]["SettlementId"] = 8000 + y
        # VAT settlements: half-years named by VatSettlementTransactionDto in the first year, quarters after
        cuts = [(1, 6), (7, 12)] if y == 0 else [(1, 3), (4, 6), (7, 9), (10, 12)]
        for first, last in cuts:
            p_start = dt.date(start.year, first, 1)
            p_end = (dt.date(start.year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1))
            balance: dict[int, Decimal] = defaultdict(Decimal)
            for row in books.tables["LedgerPostDto"]:
                day = dt.date.fromisoformat(row["FiscalDateDays_date"])
                if row["LedgerTagNumber"] in (6800, 6810, 6820) and p_start <= day <= p_end:
                    balance[row["LedgerTagNumber"]] += Decimal(row["Amount"])
            lines = [(a, str(-b), None, None) for a, b in sorted(balance.items()) if b]
            owed = sum(balance.values(), Decimal(0))
            number = books.voucher(p_end, f"Momsafregning {p_start.isoformat()}",
                                   [*lines, (6830, str(owed), None, None)])
            if y == 0:
                books.tables["VatSettlementTransactionDto"].append({
                    "Id": books.next_id(), "VatPeriodStartDays": days(p_start),
                    "VatPeriodStartDays_date": p_start.isoformat(),
                    "VatPeriodEndDays": days(p_end), "VatPeriodEndDays_date": p_end.isoformat(),
                    "SettlementVoucherNumber": number, "HasBeenCanceled": False, "TotalSettled": str(-owed)})
        books.voucher(end, f"Kapital {start.year}", [(5600, "100000.00", None, None), (6010, "-100000.00", None, None)])
    books.write(data)
    return books
