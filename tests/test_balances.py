"""The opening-balance rule of ``books.balances`` on JSONL tables made here, with 2 and 3 years, with and
without Xena's opening entries (``PrimoLedgerPostDto``), a named result account and none, and a
voucher that moves the result itself.

Every expected figure is computed by the test from the rows it wrote (the rule as the issue states
it, written out here), never by the package.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from xena2archive.books import balances, open_books, queries
from xena2archive.books.balances import CARRIED, RESULT_NAME, XENA

EPOCH = dt.date(1970, 1, 1)
ACCOUNTS = {  # number -> Xena account group
    1010: "Xena_Domain_Income_Accounts_Net_Turn_Over",
    1310: "Xena_Domain_Income_Accounts_Product_Consumption",
    2750: "Xena_Domain_Income_Accounts_Housing_Costs",
    5410: "Xena_Domain_Asset_Accounts_Customer_Receivables",
    5600: "Xena_Domain_Asset_Accounts_Cash",
    6010: "Xena_Domain_Liability_Accounts_Equity",
    6020: "Xena_Domain_Liability_Accounts_Equity",
    6410: "Xena_Domain_Liability_Accounts_Trade_Payables",
    6800: "Xena_Domain_Liability_Accounts_Vat_Debt",
}
INCOME = {n for n, g in ACCOUNTS.items() if g.startswith("Xena_Domain_Income_Accounts")}
Z = Decimal("0.00")


def _days(day: dt.date) -> int:
    return (day - EPOCH).days


def _write(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


class Backup:
    """JSONL tables of ``years`` calendar years; postings random but balanced, seeded."""

    def __init__(self, folder: Path, years: int, seed: int) -> None:
        self.folder, self.years = folder, [2022 + i for i in range(years)]
        folder.mkdir(exist_ok=True)
        self.rng = random.Random(seed)
        self.posts: list[dict[str, Any]] = []
        self.primo: list[dict[str, Any]] = []
        self.voucher = 0

    def period(self, year: int) -> int:
        return 900 + year

    def post(self, day: dt.date, lines: list[tuple[int, Decimal]]) -> int:
        assert sum(a for _, a in lines) == 0
        self.voucher += 1
        for account, amount in lines:
            self.posts.append({"Id": 10_000 + len(self.posts), "VoucherId": 500 + self.voucher,
                               "VoucherNumber": self.voucher, "FiscalDateDays": _days(day),
                               "Amount": str(amount), "LedgerTagNumber": account})
        return self.voucher

    def random_year(self, year: int, vouchers: int = 12) -> None:
        for _ in range(vouchers):
            day = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            amount = Decimal(self.rng.randint(100, 999_999)) / 100
            income = self.rng.choice(sorted(INCOME))
            other = self.rng.choice([5410, 5600, 6410, 6800])
            sign = -1 if income == 1010 else 1
            self.post(day, [(income, sign * amount), (other, -sign * amount)])

    def opening_entries(self, year: int, amounts: dict[int, str]) -> None:
        for account, total in amounts.items():
            self.primo.append({"Id": len(self.primo) + 1, "FiscalPeriodId": self.period(year),
                               "LedgerTagId": 100 + account, "Total": total})

    def write(self, name: str = "tables") -> Path:
        tables = self.folder / name
        tables.mkdir()
        _write(tables, "FiscalSetupDto", [{"Id": 1, "OrgNumber": "31415926", "CurrencyAbbreviation": "DKK"}])
        _write(tables, "FiscalPeriodDto", [
            {"Id": self.period(y), "FiscalPeriodStartDays": _days(dt.date(y, 1, 1)),
             "FiscalPeriodEndDays": _days(dt.date(y, 12, 31)), "Description": f"Regnskabsår {y}"} for y in self.years])
        _write(tables, "LedgerTagDto", [{"Id": 100 + n, "Number": n, "Description": f"Konto {n}", "LedgerAccount": g}
                                        for n, g in ACCOUNTS.items()])
        _write(tables, "LedgerPostDto", self.posts)
        _write(tables, "PrimoLedgerPostDto", self.primo)
        return tables


def expected(tables: Path, result_account: int | None) -> tuple[dict[int, list[tuple[Decimal, ...]]], list[str]]:
    """(account -> per year (opening, debit, credit, closing)), and each year's basis, from the JSONL."""
    read = lambda name: [json.loads(line) for line in (tables / f"{name}.jsonl").read_text().splitlines()]  # noqa: E731
    periods = sorted(read("FiscalPeriodDto"), key=lambda p: p["FiscalPeriodStartDays"])
    tags = {t["Id"]: t["Number"] for t in read("LedgerTagDto")}
    groups = {t["Number"]: t["LedgerAccount"] for t in read("LedgerTagDto")}
    moves: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [Z, Z])
    for p in read("LedgerPostDto"):
        index = next(i for i, y in enumerate(periods)
                     if y["FiscalPeriodStartDays"] <= p["FiscalDateDays"] <= y["FiscalPeriodEndDays"])
        amount = Decimal(p["Amount"])
        moves[(p["LedgerTagNumber"], index)][0 if amount >= 0 else 1] += abs(amount)
    primo: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in read("PrimoLedgerPostDto"):
        index = next(i for i, y in enumerate(periods) if y["Id"] == row["FiscalPeriodId"])
        primo[index][tags[row["LedgerTagId"]]] = Decimal(row["Total"])
    accounts: list[Any] = [*sorted(groups), "result"]
    table: dict[Any, list[tuple[Decimal, ...]]] = {a: [] for a in accounts}
    closing = dict.fromkeys(accounts, Z)
    bases = []
    for index in range(len(periods)):
        if index in primo:
            bases.append("xena")
            opening = {a: primo[index].get(a, Z) for a in accounts}
        elif index == 0:
            bases.append("none")
            opening = dict.fromkeys(accounts, Z)
        else:
            bases.append("carried")
            result = sum((closing[a] for a in accounts if a in INCOME), Z)
            opening = {a: Z if a in INCOME else closing[a] for a in accounts}
            opening[result_account or "result"] += result
        for a in accounts:
            debit, credit = moves[(a, index)] if a != "result" else (Z, Z)
            closing[a] = opening[a] + debit - credit
            table[a].append((opening[a], debit, credit, closing[a]))
    return table, bases


def _check(tables: Path, result_account: int | None, tmp_path: Path) -> list[Any]:
    want, bases = expected(tables, result_account)
    with open_books(tables, work=tmp_path / "work", result_account=None if result_account is None
                    else str(result_account)) as books:
        balances = books.balances
        assert [o.basis for o in queries.openings(books)] == bases
        for number in ACCOUNTS:
            got = [(b.opening, b.debit, b.credit, b.closing) for b in balances.accounts[str(number)]]
            assert got == want[number], number
        synthetic = balances.synthetic
        if any(row != (Z, Z, Z, Z) for row in want["result"]):
            assert synthetic is not None and synthetic.name == RESULT_NAME and not synthetic.in_chart
            got = [(b.opening, b.debit, b.credit, b.closing) for b in balances.accounts[synthetic.key]]
            assert got == want["result"]
        else:
            assert synthetic is None
        for year in books.years:  # each year's trial balance: primo and ultimo sum to zero, balanced books
            rows = queries.year_balances(books, year.slug)
            assert sum((r.balance.opening for r in rows), Z) == 0
            assert sum((r.balance.closing for r in rows), Z) == 0
            assert sum((r.balance.debit for r in rows), Z) == sum((r.balance.credit for r in rows), Z)
            for r in rows:
                if r.account.key in {str(n) for n in INCOME} and queries.opening(books, year.slug).basis == CARRIED:
                    assert r.balance.opening == 0
        return [(f.code, f.render("en")) for f in books.audit.findings()]


def test_two_years_without_opening_entries(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 2, seed=1)
    for year in backup.years:
        backup.random_year(year)
    findings = _check(backup.write(), None, tmp_path)
    codes = [code for code, _ in findings]
    assert "openings-none-first-year" in codes and "openings-result-separate" in codes
    text = dict(findings)["openings-result-separate"]
    assert "Regnskabsår 2023" in text and RESULT_NAME in text


def test_three_years_result_account_named(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 3, seed=2)
    for year in backup.years:
        backup.random_year(year)
    findings = _check(backup.write(), 6010, tmp_path)
    carried = [text for code, text in findings if code == "openings-result-carried"]
    assert len(carried) == 2 and all("6010 Konto 6010" in t for t in carried)


def test_three_years_xena_opening_entries_first_year_only(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 3, seed=3)
    backup.opening_entries(2022, {5600: "10000.00", 5410: "2500.50", 6010: "-12500.50"})
    for year in backup.years:
        backup.random_year(year)
    tables = backup.write()
    _, bases = expected(tables, 6020)
    assert bases == [XENA, CARRIED, CARRIED]
    findings = _check(tables, 6020, tmp_path)
    assert "openings-none-first-year" not in [code for code, _ in findings]


def test_two_years_xena_opening_entries_both(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 2, seed=4)
    backup.opening_entries(2022, {5600: "100.00", 6010: "-100.00"})
    backup.opening_entries(2023, {5410: "75.25", 6010: "-75.25"})
    backup.random_year(2022)
    backup.random_year(2023)
    tables = backup.write()
    want, bases = expected(tables, None)
    assert bases == [XENA, XENA]
    findings = _check(tables, None, tmp_path)  # 2023's opening entries move nothing: the audit says so
    assert "openings-not-carried" in [code for code, _ in findings]
    assert want[5600][1][0] == 0  # Xena's (absent) entry rules, not the previous closing


def test_voucher_moving_the_result_is_not_applied_twice(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 2, seed=5)
    backup.random_year(2022)
    want, _ = expected(backup.write("2022-only"), None)
    closing = {n: want[n][0][3] for n in INCOME}
    result = sum(closing.values(), Z)
    assert result != 0
    # a closing entry posted in 2023: every income account back to zero, the result to equity 6020
    lines = [(n, -c) for n, c in closing.items() if c] + [(6020, result)]
    number = backup.post(dt.date(2023, 1, 2), lines)
    backup.random_year(2023, 3)
    tables = backup.write()
    with open_books(tables, work=tmp_path / "work") as books:
        opening = queries.opening(books, "2023")
        assert opening.basis == CARRIED and opening.moved_by == (str(number),)
        assert opening.result == 0 and opening.previous_result == result and books.balances.synthetic is None
        for n in ACCOUNTS:  # every account opens at its 2022 closing, the income statement's too
            assert books.balances.accounts[str(n)][1].opening == want[n][0][3]
        found = {f.code: f for f in books.audit.findings()}
        assert "openings-result-moved" in found and str(number) in found["openings-result-moved"].render("da")
        assert "openings-result-separate" not in found


@pytest.mark.parametrize(("named", "code"), [(1010, "result-account-not-balance"), (4242, "result-account-missing")])
def test_unusable_result_account(tmp_path: Path, named: int, code: str) -> None:
    backup = Backup(tmp_path / "data", 2, seed=6)
    for year in backup.years:
        backup.random_year(year)
    tables = backup.write()
    want, _ = expected(tables, None)  # the result goes to the archive's own account, as if none were named
    with open_books(tables, work=tmp_path / "work", result_account=str(named)) as books:
        synthetic = books.balances.synthetic
        assert synthetic is not None
        assert [b.closing for b in books.balances.accounts[synthetic.key]] == [r[3] for r in want["result"]]
        assert code in {f.code for f in books.audit.findings()}


def test_first_year_alone_without_opening_entries(tmp_path: Path) -> None:
    backup = Backup(tmp_path / "data", 1, seed=7)
    backup.random_year(2022)
    findings = _check(backup.write(), None, tmp_path)
    assert [code for code, _ in findings if code.startswith("openings")] == ["openings-none-first-year"]


def _steps_to_compute(folder: Path, vouchers: int, tmp_path: Path) -> int:
    """SQLite's virtual machine steps (in thousands) that computing the balances of two years takes,
    the second carrying the first's result (so the vouchers that move it are looked for)."""
    backup = Backup(folder, 2, seed=7)
    for year in backup.years:
        backup.random_year(year, vouchers)
    with open_books(backup.write(), work=tmp_path / f"{folder.name}-work") as books:
        assert queries.opening(books, books.years[1].slug).basis == CARRIED
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        books.db.set_progress_handler(count, 1000)
        balances.compute(books)
        books.db.set_progress_handler(None, 0)
    return steps[0]


def test_the_balances_take_work_in_proportion_to_the_postings(tmp_path: Path) -> None:
    """Four times the postings, about four times the work, counted in SQLite's steps, not timed:
    looking for the vouchers that move the result joined every posting to every transaction of its
    year (no index on the transactions' keys), which at a million postings ran for hours."""
    small = _steps_to_compute(tmp_path / "small", 300, tmp_path)
    large = _steps_to_compute(tmp_path / "large", 1200, tmp_path)
    assert large < 6 * small, (small, large)
