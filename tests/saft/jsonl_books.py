"""Books written directly as the archive's JSONL tables, for SAF-T tests that read the files back.

Every figure a test expects is computed by the test from the rows written here (``rows`` reads a table
back with the stdlib ``json``), never with the package's code.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

EPOCH = dt.date(1970, 1, 1)
GROUPS = {  # account number -> Xena account group
    1010: "Xena_Domain_Income_Accounts_Net_Turn_Over",
    1310: "Xena_Domain_Income_Accounts_Product_Consumption",
    2750: "Xena_Domain_Income_Accounts_Housing_Costs",
    5410: "Xena_Domain_Asset_Accounts_Customer_Receivables",
    5600: "Xena_Domain_Asset_Accounts_Cash",
    5610: "Xena_Domain_Asset_Accounts_Cash",
    6020: "Xena_Domain_Liability_Accounts_Equity",
    6800: "Xena_Domain_Liability_Accounts_Vat_Debt",
}
INCOME = {n for n, g in GROUPS.items() if g.startswith("Xena_Domain_Income")}


def write(path: Path, rows: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def rows(data: Path, table: str) -> list[dict[str, Any]]:
    path = data / "tables" / f"{table}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def days(day: dt.date) -> int:
    return (day - EPOCH).days


def books(data: Path, years: list[tuple[str, str]], posts: list[dict[str, Any]], *,
          vouchers: list[dict[str, Any]] = (), primo: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
          vat: list[dict[str, Any]] = (), banks: dict[str, list[dict[str, Any]]] | None = None,  # type: ignore[assignment]
          tag_extra: dict[int, dict[str, Any]] | None = None, groups: dict[int, str] = GROUPS) -> None:
    """``years``: (start, end) ISO dates, periods 100, 101, ...; ``posts``: LedgerPostDto rows (a ``day``
    key, an ISO date, becomes FiscalDateDays); ``primo``: (period id, account, total)."""
    tables = data / "tables"
    write(tables / "FiscalSetupDto.jsonl", [{"Id": 1, "OrgNumber": "12345678", "Address.Name": "Test ApS",
                                             "CurrencyAbbreviation": "DKK", "RegisteredForVat": True}])
    write(tables / "FiscalPeriodDto.jsonl", [
        {"Id": 100 + i, "FiscalPeriodStartDays": days(dt.date.fromisoformat(s)),
         "FiscalPeriodEndDays": days(dt.date.fromisoformat(e)), "Description": f"{s[:4]}/{e[:4]}"}
        for i, (s, e) in enumerate(years)])
    write(tables / "LedgerTagDto.jsonl", [{"Id": 10_000 + n, "Number": n, "Description": f"Konto {n}",
                                           "LedgerAccount": g, **(tag_extra or {}).get(n, {})}
                                          for n, g in groups.items()])
    write(tables / "LedgerPostDto.jsonl", [
        {k: v for k, v in {**p, "FiscalDateDays": days(dt.date.fromisoformat(p["day"]))}.items() if k != "day"}
        for p in posts])
    write(tables / "VoucherDto.jsonl", vouchers)
    write(tables / "VatDto.jsonl", vat)
    write(tables / "PrimoLedgerPostDto.jsonl", [{"Id": 900 + i, "FiscalPeriodId": p, "LedgerTagId": 10_000 + n,
                                                 "Total": t} for i, (p, n, t) in enumerate(primo)])
    for table, found in (banks or {}).items():
        write(tables / f"{table}.jsonl", found)
    (data / "report.json").write_text(json.dumps({"input": {"backup_time": "2025-01-31T12:00:00"}}), encoding="utf-8")


def sale(ident: int, voucher: int, day: str, amount: str, account: int = 1010, bank: int = 5600,
         **extra: Any) -> list[dict[str, Any]]:
    """A balanced voucher of two lines: ``amount`` debit on ``bank``, credit on ``account``."""
    return [{"Id": ident, "VoucherId": voucher, "VoucherNumber": voucher, "Amount": amount, "LedgerTagNumber": bank,
             "Description": "Salg", "day": day, **extra},
            {"Id": ident + 1, "VoucherId": voucher, "VoucherNumber": voucher, "Amount": f"-{amount}",
             "LedgerTagNumber": account, "Description": "Salg", "day": day, **extra}]
