"""The index copes with what a backup may lack or hold oddly, and never lets data become markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from index_html import all_pages, broken_links
from index_synth import _write, base_tables, post, report_for, voucher

from xena2archive.books.model import Company
from xena2archive.index import write_index
from xena2archive.report import BackupInput


def check(data: Path) -> None:
    pages = all_pages(data)
    assert broken_links(data, pages) == []
    for page in pages.values():
        assert page.problems == [], (page.path, page.problems)


def test_no_tables_at_all(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "tables").mkdir(parents=True)
    report = report_for(data)
    report.company = Company()
    report.input = BackupInput(file="", kind="zip", identifier="", sha256="", size=0, entries=0, folders=0,
                               backup_time="")
    summary = write_index(data, report)
    assert summary.postings == 0 and summary.trial_balances == {}
    html = (data / "index.html").read_text(encoding="utf-8")
    assert "Ukendt virksomhed" in html and "ingen finansposteringer" in html
    check(data)


def test_markup_in_data_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    base_tables(data)
    evil = '<script>alert("x")</script> & <b>fed</b>'
    _write(data / "tables" / "LedgerPostDto.jsonl", [
        post(1, 7, 1, dt.date(2023, 5, 1), "100.00", 5600, evil),
        post(2, 7, 1, dt.date(2023, 5, 1), "-100.00", 1010, evil),
    ])
    _write(data / "tables" / "VoucherDto.jsonl", [{**voucher(7, 1, dt.date(2023, 5, 1)), "Description": evil}])
    report = report_for(data)
    report.company.name = evil
    write_index(data, report)
    for path in [data / "index.html", *sorted((data / "index").rglob("*.html"))]:
        html = path.read_text(encoding="utf-8")
        assert "<script>" not in html and "<b>fed</b>" not in html, path
    voucher_page = (data / "index" / "bilag" / "2023" / "0001.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;" in voucher_page
    check(data)


def test_odd_accounts_vouchers_and_partners(tmp_path: Path) -> None:
    """Text account numbers, a posting known only by its account id, text voucher numbers, a partner
    that PartnerDto lacks, CSV-style nested names, and no fiscal years at all."""
    data = tmp_path / "data"
    base_tables(data)
    (data / "tables" / "FiscalPeriodDto.jsonl").unlink()
    _write(data / "tables" / "LedgerTagDto.jsonl", [
        {"Id": 1, "Number": "1010-A", "Description": "Salg/diverse"},
        {"Id": 2, "Number": 5600, "Description": "Bank"},
    ])
    _write(data / "tables" / "PartnerDto.jsonl", [{"Id": 50, "AccountNumber": 1, "Address_Name": "Understreg A/S"}])
    rows = [
        {**post(1, 9, "A-1", dt.date(2023, 1, 1), "-40.00", 0, "Tekst"), "LedgerTagNumber": "1010-A", "LedgerTagId": 1},
        {**post(2, 9, "A-1", dt.date(2023, 1, 1), "40.00", 0, "Tekst", partner=51), "LedgerTagNumber": None,
         "LedgerTagId": 2},
        {**post(3, 9, "A-1", dt.date(2023, 1, 1), "0.00", 5600, "Nul", partner=50)},
    ]
    _write(data / "tables" / "LedgerPostDto.jsonl", rows)
    report = report_for(data)
    report.company.years = []
    summary = write_index(data, report)
    assert summary.unbalanced_vouchers == 0
    assert summary.postings_without_voucher == 0  # VoucherDto is absent: one finding, not one per posting
    assert list(summary.trial_balances) == ["uden-aar"]
    assert summary.trial_balances["uden-aar"]["debit"] == "40.00"
    assert any("no VoucherDto" in f.message for f in summary.findings)
    assert (data / "index" / "konti" / "5600" / "uden-aar.html").is_file()  # found by LedgerTagId
    chart = (data / "index" / "kontoplan.html").read_text(encoding="utf-8")
    assert "1010-A" in chart and "Salg/diverse" in chart
    assert "Understreg A/S" in (data / "index" / "partnere" / "50.html").read_text(encoding="utf-8")
    assert (data / "index" / "partnere" / "51.html").is_file()
    assert "Bilag A-1" in (data / "index" / "bilag" / "uden-aar" / "0001.html").read_text(encoding="utf-8")
    check(data)
