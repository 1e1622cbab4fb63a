"""A small Xena backup written for the SAF-T tests, with every figure known in advance.

Three fiscal years: 2022 has opening entries (ledger and partner) and no postings, 2023 and 2024
have postings. Partners: a customer, a German supplier paid in EUR, and one that is both customer
and supplier. VAT on sales and purchases, one voucher that does not balance, Danish text with
``&``, ``<`` and æøå. Tables are CSV (``;``, point decimals), as a Xena backup may hold them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

EPOCH = dt.date(1970, 1, 1)
CVR = "31415926"
COMPANY = "Æblegårdens Frugt & Grønt <Øst> ApS"
YEARS = ((2022, "Regnskabsår 2022"), (2023, "Regnskabsår 2023"), (2024, "Regnskabsår 2024"))
ACCOUNTS = (  # number, name, Xena account group
    (1010, "Salg af frugt & grønt", "Xena_Domain_Income_Accounts_Net_Turn_Over"),
    (1310, "Varekøb <EU>", "Xena_Domain_Income_Accounts_Product_Consumption"),
    (2750, "Husleje, Åbyhøj", "Xena_Domain_Income_Accounts_Housing_Costs"),
    (5410, "Debitorer", "Xena_Domain_Asset_Accounts_Customer_Receivables"),
    (5600, "Bank", "Xena_Domain_Asset_Accounts_Cash"),
    (6010, "Egenkapital", "Xena_Domain_Liability_Accounts_Equity"),
    (6410, "Kreditorer", "Xena_Domain_Liability_Accounts_Trade_Payables"),
    (6800, "Salgsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt"),
    (6810, "Købsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt"),
    (9999, "Systemdifferencer", "Xena_Domain_Income_Accounts_System_Differences"),
)
CUSTOMER, SUPPLIER, BOTH = 7001, 7002, 7003
PARTNERS = (  # id, account number, name, type, supplier id, street, zip, city, country
    (CUSTOMER, 101, "Søren Ærø & Co", "ContextType_Customer", "", "Østergade 1", "8000", "Aarhus C", "Danmark"),
    (SUPPLIER, 201, "Obst <Süd> GmbH", "ContextType_Supplier", "55", "Hauptstraße 5", "80331", "München", "DE"),
    (BOTH, 102, "Grøn & Frisk I/S", "ContextType_Customer", "56", "Åvej 2", "8200", "Aarhus N", "Danmark"),
)
# voucher number -> (date, text, lines: (post id, account, amount, vat code, vat amount, partner, currency amount))
VOUCHERS: dict[int, tuple[dt.date, str, list[tuple[Any, ...]]]] = {
    1: (dt.date(2023, 2, 1), "Faktura 1 Søren Ærø & Co <æøå>", [
        (5_000_000_001, 5410, "1250.00", None, None, CUSTOMER, None),
        (5_000_000_002, 1010, "-1000.00", "U25", "-250.00", None, None),
        (5_000_000_003, 6800, "-250.00", None, None, None, None)]),
    2: (dt.date(2023, 3, 15), "Køb af æbler i EUR, Obst <Süd> GmbH", [
        (5_000_000_004, 1310, "745.53", "I25", "186.38", None, None),
        (5_000_000_005, 6810, "186.38", None, None, None, None),
        (5_000_000_006, 6410, "-931.91", None, None, SUPPLIER, "-125.00")]),
    3: (dt.date(2023, 5, 10), "Salg til Grøn & Frisk", [
        (5_000_000_007, 5410, "500.00", None, None, BOTH, None),
        (5_000_000_008, 1010, "-400.00", "U25", "-100.00", None, None),
        (5_000_000_009, 6800, "-100.00", None, None, None, None)]),
    4: (dt.date(2023, 5, 11), "Køb hos Grøn & Frisk", [
        (5_000_000_010, 1310, "80.00", "I25", "20.00", None, None),
        (5_000_000_011, 6810, "20.00", None, None, None, None),
        (5_000_000_012, 6410, "-100.00", None, None, BOTH, None)]),
    5: (dt.date(2023, 6, 30), "Husleje juni – stemmer ikke", [
        (5_000_000_013, 2750, "6000.00", None, None, None, None),
        (5_000_000_014, 5600, "-5999.00", None, None, None, None)]),
    6: (dt.date(2024, 1, 20), "Indbetaling Søren Ærø & Co", [
        (5_000_000_015, 5600, "3750.00", None, None, None, None),
        (5_000_000_016, 5410, "-3750.00", None, None, CUSTOMER, None)]),
    7: (dt.date(2024, 8, 31), "Betaling Obst <Süd> GmbH", [
        (5_000_000_017, 6410, "931.91", None, None, SUPPLIER, "125.00"),
        (5_000_000_018, 5600, "-931.91", None, None, None, None)]),
}
UNBALANCED = {5: Decimal("1.00")}
PRIMO_LEDGER = ((5600, "10000.00"), (5410, "2500.00"), (6010, "-12500.00"))  # 2022's opening entries
PRIMO_PARTNER = ((CUSTOMER, "2500.00"),)


def days(day: dt.date) -> int:
    return (day - EPOCH).days


def _csv(header: str, rows: list[list[Any]]) -> str:
    return header + "\n" + "".join(";".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def tables() -> dict[str, str]:
    """The backup's zip entries (name -> CSV text)."""
    period_ids = {year: 900 + i for i, (year, _) in enumerate(YEARS)}
    tag_ids = {number: 3000 + number for number, _, _ in ACCOUNTS}
    vat_ids = {"U25": 41, "I25": 42}
    partner_names = {p[0]: p[2] for p in PARTNERS}
    partner_numbers = {p[0]: p[1] for p in PARTNERS}
    entries = {
        "Data/FiscalSetupDto.csv": _csv(
            "Id;OrgNumber;Address.Name;Address.Street;Address.Zip;Address.City;Address.CountryName;Phone;Email;"
            "CurrencyAbbreviation",
            [[1, CVR, COMPANY, "Æblevej 7", "8230", "Åbyhøj", "Danmark", "+45 86 12 34 56", "bogholderi@aeble.example",
              "DKK"]]),
        "Data/FiscalPeriodDto.csv": _csv(
            "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description",
            [[period_ids[y], days(dt.date(y, 1, 1)), days(dt.date(y, 12, 31)), label] for y, label in YEARS]),
        "Data/LedgerTagDto.csv": _csv(
            "Id;Number;Description;LedgerAccount",
            [[tag_ids[n], n, name, group] for n, name, group in ACCOUNTS]),
        "Data/VatDto.csv": _csv(
            "Id;Abbreviation;Description;Percentage",
            [[41, "U25", "Salgsmoms 25 %", "25.00"], [42, "I25", "Købsmoms 25 % & fradrag", "25.00"]]),
        "Data/PartnerDto.csv": _csv(
            "Id;AccountNumber;Address.Name;PartnerType;SupplierId;Address.Street;Address.Zip;Address.City;"
            "Address.CountryName;OrgNumber",
            [[*p, f"1234567{i}"] for i, p in enumerate(PARTNERS)]),
        "Data/PrimoLedgerPostDto.csv": _csv(
            "Id;FiscalPeriodId;LedgerTagId;PrimoValue;Adjustment;Total;Description",
            [[800 + i, period_ids[2022], tag_ids[n], amount, "0.00", amount, "Primo"]
             for i, (n, amount) in enumerate(PRIMO_LEDGER)]),
        "Data/PrimoPartnerPostDto.csv": _csv(
            "Id;FiscalPeriodId;PartnerId;Amount;ContextType;FiscalDateDays",
            [[850 + i, period_ids[2022], p, amount, "ContextType_Customer", days(dt.date(2022, 1, 1))]
             for i, (p, amount) in enumerate(PRIMO_PARTNER)]),
    }
    vouchers, posts = [], []
    for number, (day, text, lines) in VOUCHERS.items():
        voucher_id = 6_000_000_000 + number
        vouchers.append([voucher_id, number, text, days(day), period_ids[day.year], f"{day.isoformat()}T09:30:00"])
        for post_id, account, amount, vat, vat_amount, partner, currency_amount in lines:
            currency = "EUR" if currency_amount is not None else "DKK"
            posts.append([post_id, voucher_id, number, amount, currency, currency_amount or amount, days(day),
                          tag_ids[account], account, text, vat, vat_ids.get(vat), vat_amount, partner,
                          partner_names.get(partner), partner_numbers.get(partner),
                          f"{day.isoformat()}T10:00:00"])
    entries["Data/VoucherDto.csv"] = _csv("Id;VoucherNumber;Description;FiscalDateDays;FiscalPeriodId;CreatedAt",
                                          vouchers)
    entries["Data/LedgerPostDto.csv"] = _csv(
        "Id;VoucherId;VoucherNumber;Amount;CurrencyAbbreviation;CurrencyAmount;FiscalDateDays;LedgerTagId;"
        "LedgerTagNumber;Description;VatAbbreviation;VatId;VatAmount;PartnerId;PartnerName;PartnerAccountNumber;"
        "CreatedAt", posts)
    return entries
