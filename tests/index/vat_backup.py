"""A Xena backup of a company that settles VAT quarterly, for the VAT page's settlements.

One fiscal year (2025), VAT codes on sales (U25, account 6800) and purchases (I25, account 6810),
a settlement account in Xena's VAT group (6830 Momsafregning) that no code points to, and two
settlements named by ``VatSettlementTransactionDto``, made as Xena makes them: the settlement
voucher moves the VAT accounts' balances as they stood that day onto 6830, and a payment voucher
later moves 6830 to the bank.

- Q1 is settled on the period's last day, after every posting of the quarter: it matches.
- Q2 is settled ten days after the quarter (dated in July). A purchase invoice dated in June was
  registered only after that (``RegistrationDateDays`` in late July), so its input VAT was not in
  the balances the settlement moved: the settlement is off by that invoice's VAT.

Tables are CSV (``;``, point decimals), as a Xena backup may hold them. The test reads its
figures back from the archive's JSONL, not from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

EPOCH = dt.date(1970, 1, 1)
PERIOD_ID = 910
ACCOUNTS = (  # number, name, Xena account group
    (1010, "Salg af varer", "Xena_Domain_Income_Accounts_Net_Turn_Over"),
    (1310, "Varekøb", "Xena_Domain_Income_Accounts_Product_Consumption"),
    (2750, "Husleje", "Xena_Domain_Income_Accounts_Housing_Costs"),
    (5410, "Debitorer", "Xena_Domain_Asset_Accounts_Customer_Receivables"),
    (5600, "Bank", "Xena_Domain_Asset_Accounts_Cash"),
    (6010, "Egenkapital", "Xena_Domain_Liability_Accounts_Equity"),
    (6410, "Kreditorer", "Xena_Domain_Liability_Accounts_Trade_Payables"),
    (6800, "Salgsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt"),
    (6810, "Købsmoms", "Xena_Domain_Liability_Accounts_Vat_Debt"),
    (6830, "Momsafregning", "Xena_Domain_Liability_Accounts_Vat_Debt"),
)
VAT_CODES = (  # id, code, description, percentage, type, account
    (41, "U25", "Salgsmoms 25 %", "25.00", "VatType_Sales", 6800),
    (42, "I25", "Købsmoms 25 %", "25.00", "VatType_Purchase", 6810),
)
# number -> (date, registered, text, lines: (account, amount, vat code, vat amount))
VOUCHERS: dict[int, tuple[dt.date, dt.date, str, list[tuple[int, str, str | None, str | None]]]] = {
    1: (dt.date(2025, 1, 2), dt.date(2025, 1, 2), "Indskud af kapital", [
        (5600, "50000.00", None, None), (6010, "-50000.00", None, None)]),
    2: (dt.date(2025, 1, 15), dt.date(2025, 1, 15), "Faktura 1001", [
        (5410, "12531.25", None, None), (1010, "-10025.00", "U25", "-2506.25"), (6800, "-2506.25", None, None)]),
    3: (dt.date(2025, 2, 20), dt.date(2025, 2, 21), "Faktura 1002", [
        (5410, "4987.50", None, None), (1010, "-3990.00", "U25", "-997.50"), (6800, "-997.50", None, None)]),
    4: (dt.date(2025, 3, 5), dt.date(2025, 3, 6), "Køb af varer, Grossisten", [
        (1310, "2011.60", "I25", "502.90"), (6810, "502.90", None, None), (6410, "-2514.50", None, None)]),
    5: (dt.date(2025, 3, 31), dt.date(2025, 3, 31), "Momsafregning 1. kvartal 2025", [
        (6800, "3503.75", None, None), (6810, "-502.90", None, None), (6830, "-3000.85", None, None)]),
    6: (dt.date(2025, 4, 10), dt.date(2025, 4, 10), "Faktura 1003", [
        (5410, "9875.00", None, None), (1010, "-7900.00", "U25", "-1975.00"), (6800, "-1975.00", None, None)]),
    7: (dt.date(2025, 5, 12), dt.date(2025, 5, 13), "Husleje maj", [
        (2750, "1200.00", "I25", "300.00"), (6810, "300.00", None, None), (5600, "-1500.00", None, None)]),
    8: (dt.date(2025, 6, 1), dt.date(2025, 6, 1), "Betaling af moms 1. kvartal 2025", [
        (6830, "3000.85", None, None), (5600, "-3000.85", None, None)]),
    9: (dt.date(2025, 7, 10), dt.date(2025, 7, 10), "Momsafregning 2. kvartal 2025", [
        (6800, "1975.00", None, None), (6810, "-300.00", None, None), (6830, "-1675.00", None, None)]),
    # dated in June (Q2), registered after Q2 was settled
    10: (dt.date(2025, 6, 20), dt.date(2025, 7, 24), "Køb af varer, Grossisten (bogført sent)", [
        (1310, "987.60", "I25", "246.90"), (6810, "246.90", None, None), (6410, "-1234.50", None, None)]),
}
SETTLEMENTS = (  # id, period start, end, due, voucher number, payment voucher number, total settled
    (7701, dt.date(2025, 1, 1), dt.date(2025, 3, 31), dt.date(2025, 6, 2), 5, 8, "3000.85"),
    (7702, dt.date(2025, 4, 1), dt.date(2025, 6, 30), dt.date(2025, 9, 1), 9, None, "1675.00"),
)


def days(day: dt.date) -> int:
    return (day - EPOCH).days


def _csv(header: str, rows: list[list[Any]]) -> str:
    return header + "\n" + "".join(";".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def voucher_id(number: int) -> int:
    return 6_100_000_000 + number


def tables() -> dict[str, str]:
    """The backup's zip entries (name -> CSV text)."""
    tag_ids = {number: 3000 + number for number, _, _ in ACCOUNTS}
    vat_ids = {code: ident for ident, code, *_ in VAT_CODES}
    entries = {
        "Data/FiscalSetupDto.csv": _csv("Id;OrgNumber;Address.Name;CurrencyAbbreviation",
                                        [[1, "27182818", "Momsfirmaet Ærø ApS", "DKK"]]),
        "Data/FiscalPeriodDto.csv": _csv(
            "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description",
            [[PERIOD_ID, days(dt.date(2025, 1, 1)), days(dt.date(2025, 12, 31)), "Regnskabsår 2025"]]),
        "Data/LedgerTagDto.csv": _csv("Id;Number;Description;LedgerAccount",
                                      [[tag_ids[n], n, name, group] for n, name, group in ACCOUNTS]),
        "Data/VatDto.csv": _csv("Id;Abbreviation;Description;Percentage;VatType;VatTypeTranslated;LedgerAccount",
                                [[i, c, d, p, t, {"VatType_Sales": "Salg", "VatType_Purchase": "Køb"}[t], a]
                                 for i, c, d, p, t, a in VAT_CODES]),
        "Data/VatSettlementTransactionDto.csv": _csv(
            "Id;VatPeriodStartDays;VatPeriodEndDays;DueDateDays;SettlementTransactionId;HasBeenCanceled;"
            "SettlementVoucherNumber;PaymentVoucherNumber;TotalSettled",
            [[i, days(start), days(end), days(due), 8_000_000 + number, "false", number, payment, total]
             for i, start, end, due, number, payment, total in SETTLEMENTS]),
    }
    vouchers, posts = [], []
    post_id = 5_100_000_000
    for number, (day, registered, text, lines) in VOUCHERS.items():
        vouchers.append([voucher_id(number), number, text, days(day), days(registered), PERIOD_ID,
                         f"{registered.isoformat()}T09:30:00"])
        for account, amount, vat, vat_amount in lines:
            post_id += 1
            posts.append([post_id, voucher_id(number), number, amount, "DKK", amount, days(day), days(registered),
                          tag_ids[account], account, text, vat, vat_ids.get(vat) if vat else None, vat_amount,
                          8_000_000 + number, f"{registered.isoformat()}T10:00:00"])
    entries["Data/VoucherDto.csv"] = _csv(
        "Id;VoucherNumber;Description;FiscalDateDays;RegistrationDateDays;FiscalPeriodId;CreatedAt", vouchers)
    entries["Data/LedgerPostDto.csv"] = _csv(
        "Id;VoucherId;VoucherNumber;Amount;CurrencyAbbreviation;CurrencyAmount;FiscalDateDays;RegistrationDateDays;"
        "LedgerTagId;LedgerTagNumber;Description;VatAbbreviation;VatId;VatAmount;EconomicTransactionId;CreatedAt",
        posts)
    return entries
