"""SAF-T from tables written directly as JSONL: opening entries of a later year, rounding, the
account types, the standard account mapping, and memory that stays flat as the books grow."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from helpers import CHILD_PEAK
from xena2archive.errors import UsageError
from xena2archive.books import open_books
from xena2archive.books.load import CACHE_KIB
from xena2archive.books.model import account_type
from xena2archive.exports.saft import Kept, SaftResult, check, export, read_standard_accounts, write_saft

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"
EPOCH = dt.date(1970, 1, 1)


def _write(path: Path, rows: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _day(day: dt.date) -> dict[str, Any]:
    return {"FiscalDateDays": (day - EPOCH).days, "FiscalDateDays_date": day.isoformat()}


def books(data: Path, posts: list[tuple[int, int, str, str, int]], primo: list[tuple[int, int, str]] = ()) -> None:
    """Two calendar years 2023-2024; ``posts``: (id, voucher, ISO date, amount, account); ``primo``:
    (fiscal period id, account, total)."""
    tables = data / "tables"
    _write(tables / "FiscalSetupDto.jsonl", [{"Id": 1, "OrgNumber": "12345678", "Address.Name": "Test ApS",
                                              "CurrencyAbbreviation": "DKK"}])
    _write(tables / "FiscalPeriodDto.jsonl", [
        {"Id": 100 + i, "FiscalPeriodStartDays_date": f"{y}-01-01", "FiscalPeriodEndDays_date": f"{y}-12-31",
         "Description": str(y)} for i, y in enumerate((2023, 2024))])
    groups = {1010: "Xena_Domain_Income_Accounts_Net_Turn_Over", 5600: "Xena_Domain_Asset_Accounts_Cash",
              6020: "Xena_Domain_Liability_Accounts_Equity"}
    _write(tables / "LedgerTagDto.jsonl", [{"Id": 10 + n, "Number": n, "Description": f"Konto {n}", "LedgerAccount": g}
                                           for n, g in groups.items()])
    _write(tables / "LedgerPostDto.jsonl", [
        {"Id": i, "VoucherId": v, "VoucherNumber": v, "Amount": a, "LedgerTagNumber": n, "Description": "Salg",
         **_day(dt.date.fromisoformat(d))} for i, v, d, a, n in posts])
    _write(tables / "PrimoLedgerPostDto.jsonl", [{"Id": 900 + i, "FiscalPeriodId": p, "LedgerTagId": 10 + n,
                                                  "Total": t} for i, (p, n, t) in enumerate(primo)])
    (data / "report.json").write_text(json.dumps({"input": {"backup_time": "2025-01-31T12:00:00"}}), encoding="utf-8")


def saft(data: Path) -> SaftResult:
    """write_saft into data/saft from the books of data/tables, as the conversion does."""
    with open_books(data / "tables") as books:
        return write_saft(books, data, "2025-01-31")


def run(data: Path) -> tuple[Any, dict[str, dict[str, tuple[Decimal, Decimal]]]]:
    """write_saft into data/saft, the report updated as the conversion does; balances per year and account."""
    result = saft(data)
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    report["saft"] = result.to_json()
    (data / "report.json").write_text(json.dumps(report), encoding="utf-8")
    out = {}
    for f in result.files:
        root = ET.parse(data / f.file).getroot()
        out[f.start[:4]] = {}
        for account in root.iter(f"{NS}Account"):
            def one(which: str, a: ET.Element = account) -> Decimal:
                debit = a.findtext(f"{NS}{which}DebitBalance")
                return Decimal(debit) if debit is not None else -Decimal(a.findtext(f"{NS}{which}CreditBalance"))
            out[f.start[:4]][account.findtext(f"{NS}AccountID")] = (one("Opening"), one("Closing"))
    return result, out


SALE = [(1, 1, "2023-05-01", "1000.00", 5600), (2, 1, "2023-05-01", "-1000.00", 1010),
        (3, 2, "2024-02-01", "200.00", 5600), (4, 2, "2024-02-01", "-200.00", 1010)]


def test_a_year_without_opening_entries_moves_the_result_to_equity(tmp_path: Path) -> None:
    books(tmp_path, SALE)
    result, balances = run(tmp_path)
    assert balances["2024"]["1010"] == (Decimal("0.00"), Decimal("-200.00"))  # the income statement opens at 0
    assert balances["2024"]["5600"] == (Decimal("1000.00"), Decimal("1200.00"))
    # 2023's result, a profit of 1,000.00, on the archive's own account, as no result account was named
    assert balances["2024"]["RESULTAT-FOER-XENA"] == (Decimal("-1000.00"), Decimal("-1000.00"))
    assert balances["2023"]["RESULTAT-FOER-XENA"] == (Decimal("0.00"), Decimal("0.00"))
    assert check(tmp_path) == []
    assert not [f for f in result.findings if f.severity == "warning"]


def test_xenas_opening_entries_of_a_later_year_open_it(tmp_path: Path) -> None:
    # Xena moved 2023's result to equity: the income statement opens 2024 at zero
    books(tmp_path, SALE, primo=[(101, 5600, "1000.00"), (101, 6020, "-1000.00")])
    result, balances = run(tmp_path)
    assert balances["2024"]["1010"] == (Decimal("0.00"), Decimal("-200.00"))
    assert balances["2024"]["6020"] == (Decimal("-1000.00"), Decimal("-1000.00"))
    assert balances["2024"]["5600"] == (Decimal("1000.00"), Decimal("1200.00"))
    assert check(tmp_path) == []
    assert not [f for f in result.findings if f.severity == "warning"]


def test_stale_opening_entries_are_reported(tmp_path: Path) -> None:
    books(tmp_path, SALE, primo=[(101, 5600, "900.00"), (101, 6020, "-900.00")])
    result, balances = run(tmp_path)
    assert balances["2024"]["5600"][0] == Decimal("900.00")  # the file says what Xena says
    with open_books(tmp_path / "tables") as loaded:  # the audit of the books says so, once
        found = loaded.audit.findings()
    assert [f.code for f in found if "do not carry" in f.message and "5600" in f.message] == ["openings-not-carried"]
    assert not any("do not carry" in f.message for f in result.findings)
    assert check(tmp_path) == []  # the file is true to the tables


def test_more_than_two_decimals_are_rounded_and_the_file_still_adds_up(tmp_path: Path) -> None:
    books(tmp_path, [(1, 1, "2023-05-01", "10.005", 5600), (2, 1, "2023-05-01", "-10.005", 1010)])
    result, balances = run(tmp_path)
    assert balances["2023"]["5600"][1] == Decimal("10.00")  # half-even
    assert any(f.code == "saft-amounts-rounded" and "more than two decimals" in f.message for f in result.findings)
    assert check(tmp_path) == []


def test_account_types() -> None:
    assert account_type("Xena_Domain_Asset_Accounts_Stock") == "Asset"
    assert account_type("Xena_Domain_Liability_Accounts_Equity") == "Liability"
    assert account_type("Xena_Domain_Income_Accounts_Net_Turn_Over") == "Sale"
    assert account_type("Xena_Domain_Income_Accounts_Wages") == "Expense"
    assert account_type("Xena_Domain_Income_Accounts_System_Differences") == "Other"
    assert account_type(None) == "Other"


def test_standard_account_mapping(tmp_path: Path) -> None:
    path = tmp_path / "map.csv"
    path.write_text("Konto,Standardkonto\n\n# kommentar\n1010,1000\n5600,6710\n", encoding="utf-8")
    assert read_standard_accounts(path) == {"1010": "1000", "5600": "6710"}
    path.write_text("1010;1000\n5600\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2"):
        read_standard_accounts(path)
    with pytest.raises(UsageError, match="cannot read"):
        read_standard_accounts(tmp_path / "missing.csv")


CHILD = """
import json, sys
from pathlib import Path
from xena2archive.books import open_books
from xena2archive.exports.saft import check, write_saft
data = Path(sys.argv[1])
with open_books(data / "tables") as books:
    result = write_saft(books, data, "2025-01-31")
report = json.loads((data / "report.json").read_text(encoding="utf-8"))
report["saft"] = result.to_json()
(data / "report.json").write_text(json.dumps(report), encoding="utf-8")
problems = [p.message for p in check(data)]
print(json.dumps({"rss_kb": peak_kb(), "problems": problems,
                  "files": [f.to_json() for f in result.files]}))
"""


def big(data: Path, n: int) -> None:
    """``n`` postings in balanced pairs over two years, half of them with a partner."""
    def posts() -> Any:
        for i in range(n):
            v = i // 2
            cents = (v * 7919) % 10_000_000 + 1
            day = dt.date(2023, 1, 1) + dt.timedelta(days=(v * 730) // max(1, n // 2))
            yield {"Id": 4_294_967_296 + i, "VoucherId": 4_294_967_296 + v, "VoucherNumber": v + 1,
                   "Amount": str(Decimal(cents if i % 2 == 0 else -cents).scaleb(-2)),
                   "LedgerTagNumber": 1000 + 10 * ((v + 7 * (i % 2)) % 40), "Description": f"Bilag {v} – Ærø & Co",
                   "PartnerId": 3_800_000_000 + v % 500 if i % 2 else None, **_day(day)}
    books(data, [])
    _write(data / "tables" / "LedgerPostDto.jsonl", posts())


def saft_child(data: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-c", CHILD_PEAK + CHILD, str(data)], capture_output=True, text=True,
                          env=env,
                          timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_memory_stays_flat_as_the_books_grow(tmp_path: Path) -> None:
    """Sixteen times the postings may fill SQLite's page cache (empty at the small size) and a little
    more; holding 64 000 postings as Python rows would take several times that allowance.

    Measured on 2026-12-07 (books, audit and SAF-T in one child): 4k 32 MB, 16k 37, 64k 53, 256k 61,
    1M 68 MB peak: the growth levels off once the cache is full."""
    big(tmp_path / "small", 4_000)
    big(tmp_path / "large", 64_000)
    small, large = saft_child(tmp_path / "small"), saft_child(tmp_path / "large")
    assert small["problems"] == [] and large["problems"] == []
    assert sum(f["lines"] for f in large["files"]) == 64_000
    assert all(f["debit"] == f["credit"] for f in large["files"])
    assert large["rss_kb"] - small["rss_kb"] < CACHE_KIB + 8 * 1024, (small["rss_kb"], large["rss_kb"])


def test_texts_xml_cannot_hold_or_too_long_are_cleaned_and_counted(tmp_path: Path) -> None:
    books(tmp_path, [(1, 1, "2023-05-01", "10.00", 5600), (2, 1, "2023-05-01", "-10.00", 1010)])
    posts = tmp_path / "tables" / "LedgerPostDto.jsonl"
    rows = [json.loads(line) for line in posts.read_text(encoding="utf-8").splitlines()]
    rows[0]["Description"] = "Bell\x07 & <tag> " + "æ" * 300
    _write(posts, rows)
    result, _ = run(tmp_path)
    assert check(tmp_path) == []
    root = ET.parse(tmp_path / result.files[0].file).getroot()
    texts = [line.findtext(f"{NS}Description") for line in root.iter(f"{NS}Line")]
    assert texts[0].startswith("Bell & <tag> æ") and len(texts[0]) == 256
    assert any("characters XML cannot hold" in gap.message for gap in result.gaps)
    assert any("Description text was longer" in gap.message or "Description texts were longer" in gap.message
               for gap in result.gaps)


def test_transactions_without_a_voucher_row_or_without_a_voucher(tmp_path: Path) -> None:
    books(tmp_path, [(1, 7, "2023-05-01", "10.00", 5600), (2, 7, "2023-05-01", "-10.00", 1010)])
    posts = tmp_path / "tables" / "LedgerPostDto.jsonl"
    with open(posts, "a", encoding="utf-8") as out:  # a posting with neither voucher id nor number
        out.write(json.dumps({"Id": 3, "Amount": "5.00", "LedgerTagNumber": 5600, "Description": "Løs",
                              **_day(dt.date(2023, 6, 1))}) + "\n")
    result, _ = run(tmp_path)
    root = ET.parse(tmp_path / result.files[0].file).getroot()
    assert [t.findtext(f"{NS}TransactionID") for t in root.iter(f"{NS}Transaction")] == ["7", "postering 3"]
    assert root.findtext(f".//{NS}NumberOfEntries") == "2"
    assert check(tmp_path) == []


def test_no_fiscal_years_no_files(tmp_path: Path) -> None:
    _write(tmp_path / "tables" / "LedgerPostDto.jsonl", [{"Id": 1, "Amount": "1.00"}])
    result = saft(tmp_path)
    assert (result.files, result.gaps) == ([], [])
    assert [(f.code, f.severity) for f in result.findings] == [("saft-no-years", "info")]
    assert not (tmp_path / "saft").exists()


def test_the_result_account_named_is_kept_and_the_saft_command_uses_it(tmp_path: Path) -> None:
    books(tmp_path, SALE)
    with open_books(tmp_path / "tables", result_account="6020") as loaded:
        write_saft(loaded, tmp_path, "2025-01-31", kept=Kept(result_account="6020"))
    assert json.loads((tmp_path / "saft" / "options.json").read_text(encoding="utf-8")) == {"result_account": "6020"}
    name = "SAF-T_Financial_12345678_20240101_20241231.xml"
    root = ET.parse(tmp_path / "saft" / name).getroot()
    ids = {a.findtext(f"{NS}AccountID"): a for a in root.iter(f"{NS}Account")}
    assert "RESULTAT-FOER-XENA" not in ids
    assert ids["6020"].findtext(f"{NS}OpeningCreditBalance") == "1000.00"  # 2023's profit, 1,000.00
    assert ids["1010"].findtext(f"{NS}OpeningDebitBalance") == "0.00"
    again = tmp_path / "again"
    archive = tmp_path / "archive"
    shutil.copytree(tmp_path, archive / "data", ignore=shutil.ignore_patterns("archive"))
    export(archive, again)
    assert (again / name).read_bytes() == (tmp_path / "saft" / name).read_bytes()
    export(archive, tmp_path / "other", given=Kept(result_account="6010"))  # given now: beats what the archive keeps
    other = ET.parse(tmp_path / "other" / name).getroot()
    assert {a.findtext(f"{NS}AccountID"): a.findtext(f"{NS}OpeningCreditBalance")
            for a in other.iter(f"{NS}Account")}.get("RESULTAT-FOER-XENA") == "1000.00"  # 6010 is no account here


def test_each_file_is_validated_as_written_and_an_invalid_one_is_a_finding(tmp_path: Path, monkeypatch) -> None:
    """The outcome each file records (report.json, the PREMIS validation event) is the XSD's verdict:
    "valid" with the package's XSD; with an XSD that allows no such file, "invalid" and a finding."""
    from lxml import etree

    import xena2archive.exports.saft as saft_stage

    books(tmp_path, SALE)
    result = saft(tmp_path)
    assert [f.validation for f in result.files] == ["valid", "valid"]
    assert not [f for f in result.findings if f.code == "saft-check-invalid"]
    other = etree.XMLSchema(etree.fromstring(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace='
                                             b'"urn:StandardAuditFile-Taxation-Financial:DK"><xs:element name="Other"/>'
                                             b'</xs:schema>'))
    monkeypatch.setattr(saft_stage, "schema", lambda: other)
    result = saft(tmp_path)
    assert [f.validation for f in result.files] == ["invalid", "invalid"]
    assert sorted(f.where for f in result.findings if f.code == "saft-check-invalid") == [f.file for f in result.files]
    assert all(f["validation"] == "invalid" for f in result.to_json()["files"])
