"""The VAT page against Xena's VAT settlements (momsafregninger), end to end: a backup of two
quarters settled through ``VatSettlementTransactionDto`` (``vat_backup.py``), converted by the
CLI. One settlement matches its quarter, the other is off by the VAT of a purchase registered
after it. Every figure is computed here from the archive's JSONL with the standard library.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from vat_backup import tables

from helpers import make_zip, run_cli
from index_html import dk
from xena2archive.errors import ExitCode



def dk_date(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%d-%m-%Y")


def rows(data: Path, table: str) -> list[dict[str, Any]]:
    text = (data / "tables" / f"{table}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vat")
    backup = make_zip(root / "backup.zip", tables())
    # exit 1: findings (the vouchers have no documents), never an error
    assert run_cli(backup, root / "out", "--quiet", "--jobs", "1") == ExitCode.findings
    return root / "out" / "data"


def period_html(data: Path, start: str) -> str:
    page = (data / "index" / "moms" / "2025.html").read_text(encoding="utf-8")
    html = page[page.index(f'id="periode-{start}"'):]
    return html[:html.index("</section>")]


def test_each_settlement_against_its_period(data: Path) -> None:
    posts = rows(data, "LedgerPostDto")
    vouchers = {v["VoucherNumber"]: v for v in rows(data, "VoucherDto")}
    vat_accounts = {c["LedgerAccount"] for c in rows(data, "VatDto") if c["LedgerAccount"]}
    settlements = rows(data, "VatSettlementTransactionDto")
    settling = {s["SettlementVoucherNumber"] for s in settlements}
    differences = []
    for s in settlements:
        start, end = s["VatPeriodStartDays_date"], s["VatPeriodEndDays_date"]
        number = s["SettlementVoucherNumber"]
        # the period's VAT: the VAT accounts' movement in the period, the settlements left out
        movement = sum((Decimal(p["Amount"]) for p in posts if p["LedgerTagNumber"] in vat_accounts
                        and start <= p["FiscalDateDays_date"] <= end and p["VoucherNumber"] not in settling),
                       Decimal(0))
        posted = sum((Decimal(p["Amount"]) for p in posts if p["VoucherNumber"] == number
                      and p["LedgerTagNumber"] in vat_accounts), Decimal(0))
        difference = posted - (-movement)
        differences.append(difference)
        voucher = vouchers[number]
        html = period_html(data, start)
        assert "Periode fra Xenas momsafregning" in html
        mark = "✓ stemmer" if difference == 0 else "✗ stemmer ikke"
        row = (rf'<tr><th scope="row"><a href="[^"]+#v{voucher["Id"]}">{number}</a></th>'
               rf'<td>{re.escape(dk_date(voucher["FiscalDateDays_date"]))}</td>'
               rf'<td class="n">{re.escape(dk(posted))}</td><td class="n">{re.escape(dk(-movement))}</td>'
               rf'<td class="n {"ok" if difference == 0 else "warn"}">{re.escape(dk(difference))} {mark}</td>'
               rf'<td class="n">{re.escape(dk(Decimal(s["TotalSettled"])))}</td></tr>')
        assert re.search(row, html), (start, html)
    # the backup's design, seen in its own tables: the first quarter matches, the second is off
    # by the VAT of the purchase registered after the second quarter's settlement
    late = [p for p in posts if p["RegistrationDateDays_date"] > vouchers[max(settling)]["FiscalDateDays_date"]
            and p["LedgerTagNumber"] in vat_accounts]
    assert differences == [Decimal(0), sum((Decimal(p["Amount"]) for p in late), Decimal(0))]
    assert differences[1] != 0


def test_a_settlement_dated_after_its_period_is_shown_with_that_period(data: Path) -> None:
    """The second quarter's settlement voucher is dated in July: it is listed under April–June
    (the period Xena settled), and the payment of the first quarter's VAT is no settlement."""
    settlements = rows(data, "VatSettlementTransactionDto")
    vouchers = {v["VoucherNumber"]: v for v in rows(data, "VoucherDto")}
    page = (data / "index" / "moms" / "2025.html").read_text(encoding="utf-8")
    for s in settlements:
        voucher = vouchers[s["SettlementVoucherNumber"]]
        listed = [start for start in re.findall(r'id="periode-([\d-]+)"', page)
                  if f'#v{voucher["Id"]}"' in period_html(data, start)]
        assert listed == [s["VatPeriodStartDays_date"]]
    payment = vouchers[settlements[0]["PaymentVoucherNumber"]]
    assert f'#v{payment["Id"]}"' not in page
