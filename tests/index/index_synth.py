"""Synthetic archives for the index tests: JSONL tables written directly, with exactly known figures.

``write_books`` writes a ``data/`` folder as the table stage would (``tables/<Table>.jsonl``) and
returns the report dict; amounts are exact decimals chosen so every voucher balances unless asked
otherwise. Used for the figure tests and, with many postings, for the scale test.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

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


def report_for(data: Path, documents: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    tables = []
    for path in sorted((data / "tables").glob("*.jsonl")):
        name = path.name[:-len(".jsonl")]
        if name.endswith(".rejects"):
            continue
        with open(path, encoding="utf-8") as handle:
            rows = sum(1 for _ in handle)
        (data / "tables" / f"{name}.schema.json").write_text("{}\n", encoding="utf-8")
        (data / "tables" / f"{name}.xlsx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
        tables.append({"table": name, "description": f"Beskrivelse af {name}", "known": True,
                       "source": f"Data/{name}.xml", "rows_written": rows, "rejects": 0, "kept_as_text": 0,
                       "outputs": {"jsonl": f"{name}.jsonl", "schema": f"{name}.schema.json", "xlsx": f"{name}.xlsx"}})
    report = {
        "tool": {"name": "xena2archive", "version": "test"},
        "input": {"file": "backup.zip", "sha256": "0" * 64, "size": 1234, "entries": 0,
                  "backup_time": "2025-01-31T12:00:00"},
        "company": {"name": "Test & Co ApS", "cvr": "12345678", "address": ["Vej 1", "8000 Aarhus C"],
                    "fiscal_years": [{"start": s.isoformat(), "end": e.isoformat(),
                                      "description": f"Regnskabsår {s.year}"}
                                     for s, e in YEARS]},
        "summary": {}, "findings": [], "tables": tables, "documents": documents or [], "entries": [],
    }
    (data / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def big_books(data: Path, n: int, accounts: int = 40, partners: int = 500) -> dict[str, Any]:
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
