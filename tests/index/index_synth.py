"""Synthetic archives for the index tests: JSONL tables written directly, with exactly known figures.

``write_books`` writes a ``data/`` folder as the table stage would (``tables/<Table>.jsonl``) and
returns the report; amounts are exact decimals chosen so every voucher balances unless asked
otherwise. Used for the figure tests and, with many postings, for the scale test.
"""

from __future__ import annotations

import datetime as dt
import json
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
