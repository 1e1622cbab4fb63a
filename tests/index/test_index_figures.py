"""The auditor's figures: trial balance, voucher sums, findings, paging, from books with known numbers."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from index_html import all_pages, broken_links, parse
from index_synth import YEARS, _write, base_tables, document, post, report_for, voucher

from xena2archive.index import PageLimits, write_index
from xena2archive.links import Links
from xena2archive.report import Report
from xena2archive import findings as F

D = dt.date
V1, V2, V3, V4, V5, V_GHOST = 4001, 4002, 4003, 4004, 4005, 999
P0, P1 = 3800000000, 3800000001


def small_books(data: Path) -> Report:
    """Five vouchers and some loose postings, each line chosen for one check."""
    base_tables(data)
    posts = [
        # V1 balances; 1.250,00 on the bank with partner P0
        post(1, V1, 1, D(2023, 1, 10), "-1000.00", 1010, "Salg"),
        post(2, V1, 1, D(2023, 1, 10), "-250.00", 6800, "Salg, moms"),
        post(3, V1, 1, D(2023, 1, 10), "1250.00", 5600, "Salg, bank", partner=P0),
        # V2 does not balance: off by 0,01
        post(4, V2, 2, D(2023, 2, 1), "500.00", 2750, "Husleje"),
        post(5, V2, 2, D(2023, 2, 1), "-499.99", 5600, "Husleje, bank"),
        # V3 balances, with a large amount
        post(6, V3, 1, D(2024, 3, 1), "1234567.89", 5410, "Stor faktura", partner=P1),
        post(7, V3, 1, D(2024, 3, 1), "-987654.31", 1010, "Stor faktura"),
        post(8, V3, 1, D(2024, 3, 1), "-246913.58", 6800, "Stor faktura, moms"),
        # no voucher at all
        post(9, None, None, D(2024, 4, 1), "10.00", 2750, "Løs postering"),
        post(10, None, None, D(2024, 4, 1), "-10.00", 5600, "Løs postering"),
        # a voucher id VoucherDto does not know
        post(11, V_GHOST, 77, D(2024, 5, 1), "-5.00", 1010, "Spøgelse"),
        post(12, V_GHOST, 77, D(2024, 5, 1), "5.00", 5600, "Spøgelse"),
        # dated before every fiscal year
        post(13, V4, 99, D(2022, 12, 31), "1.00", 5600, "For tidlig"),
        post(14, V4, 99, D(2022, 12, 31), "-1.00", 1010, "For tidlig"),
        # an amount kept as text by the table stage
        post(15, V5, 3, D(2024, 6, 1), "12,50", 2750, "Tekstbeløb"),
        post(16, V5, 3, D(2024, 6, 1), "-12.50", 5600, "Tekstbeløb"),
    ]
    _write(data / "tables" / "LedgerPostDto.jsonl", posts)
    _write(data / "tables" / "VoucherDto.jsonl", [
        voucher(V1, 1, D(2023, 1, 10), "1250.00"), voucher(V2, 2, D(2023, 2, 1)), voucher(V3, 1, D(2024, 3, 1)),
        voucher(V4, 99, D(2022, 12, 31)), voucher(V5, 3, D(2024, 6, 1)),
    ])
    documents = []
    for name, links, pdfa in [
        ("a.pdf", {"vouchers": [V1]}, True),
        ("b scan #1.jpg", {"partners": [P1]}, False),
        ("c æøå 100%.pdf", {}, True),
        ("d.pdf", {"ledger_posts": [7]}, True),
    ]:
        original = f"original/Dokumenter/{name}"
        (data / original).parent.mkdir(parents=True, exist_ok=True)
        (data / original).write_bytes(b"%PDF-1.4 test")
        copy = None
        if pdfa:
            copy = f"documents/Dokumenter/{name}"
            (data / copy).parent.mkdir(parents=True, exist_ok=True)
            (data / copy).write_bytes(b"%PDF-1.7 test")
        documents.append(document(f"Dokumenter/{name}", pdfa=copy, links=Links(**links), description=f"Dok {name}",
                                  reasons=[] if pdfa else [F.DOC_EMPTY("")]))
    return report_for(data, documents)


def expected_sums(tables: Path) -> dict[str, dict[str, Decimal]]:
    """Debit and credit per fiscal year, summed here independently of the index code."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"debit": Decimal(0), "credit": Decimal(0)})
    for line in (tables / "LedgerPostDto.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", row["Amount"]):
            continue
        day = dt.date.fromisoformat(row["FiscalDateDays_date"])
        year = next((str(s.year) for s, e in YEARS if s <= day <= e), "uden-aar")
        amount = Decimal(row["Amount"])
        sums[year]["debit" if amount >= 0 else "credit"] += abs(amount)
    return sums


@pytest.fixture
def books(tmp_path: Path):
    data = tmp_path / "data"
    report = small_books(data)
    summary = write_index(data, report, tmp_path / "work")
    return data, report, summary


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(path).text))


def section(html: str, anchor: str) -> str:
    """The HTML of one voucher's <section>."""
    start = html.index(f'id="{anchor}"')
    return html[start:html.index("</section>", start)]


def test_trial_balance_equals_the_sum_of_postings(books) -> None:
    data, _, summary = books
    expected = expected_sums(data / "tables")
    assert set(summary.trial_balances) == {"2023", "2024", "uden-aar"}
    for year, sums in expected.items():
        got = summary.trial_balances[year]
        assert Decimal(got["debit"]) == sums["debit"], year
        assert Decimal(got["credit"]) == sums["credit"], year
        assert Decimal(got["balance"]) == sums["debit"] - sums["credit"], year
    # 2023 holds V2, which is off by 0,01; 2024 holds the text amount's voucher, off by -12,50
    assert Decimal(summary.trial_balances["2023"]["balance"]) == Decimal("0.01")
    assert Decimal(summary.trial_balances["2024"]["balance"]) == Decimal("-12.50")
    page = text_of(data / "index" / "raabalance" / "2023.html")
    assert "I alt 5 0,00 1.750,00 1.749,99 0,01" in page  # the first year opens at 0,00
    assert "er ikke ens: forskellen er 0,01" in page
    page = text_of(data / "index" / "raabalance" / "2024.html")
    assert "1.234.567,89" in page and "-1.234.567,89" not in page
    assert "1 postering har et beløb der ikke kan læses som tal" in page


def test_trial_balance_rows_per_account(books) -> None:
    data, _, _ = books
    html = (data / "index" / "raabalance" / "2023.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">(\d+)</a></th><td>[^<]*</td><td class="n">(\d+)</td>'
                      r'<td class="n">([^<]*)</td><td class="n">([^<]*)</td><td class="n">([^<]*)</td>'
                      r'<td class="n">([^<]*)</td></tr>', html)
    assert rows == [("1010", "1", "0,00", "0,00", "1.000,00", "-1.000,00"),
                    ("2750", "1", "0,00", "500,00", "0,00", "500,00"),
                    ("5600", "2", "0,00", "1.250,00", "499,99", "750,01"),
                    ("6800", "1", "0,00", "0,00", "250,00", "-250,00")]


def test_voucher_sums(books) -> None:
    data, _, summary = books
    html = (data / "index" / "bilag" / "2023" / "0001.html").read_text(encoding="utf-8")
    good = section(html, f"v{V1}")
    assert "0,00 ✓ stemmer" in good and "1.250,00" in good
    bad = section(html, f"v{V2}")
    assert "0,01 ✗ stemmer ikke" in bad and "posteringerne summer til 0,01, ikke 0,00" in bad
    html_2024 = (data / "index" / "bilag" / "2024" / "0001.html").read_text(encoding="utf-8")
    assert "1 beløb kan ikke læses som tal" in section(html_2024, f"v{V5}")
    large = section(html_2024, f"v{V3}")
    assert "1.234.567,89" in large and "0,00 ✓ stemmer" in large
    assert summary.unbalanced_vouchers == 2  # V2 and V5
    listing = text_of(data / "index" / "fund" / "bilag-stemmer-ikke.html")
    assert "summer til 0,01" in listing and "kan ikke læses" in listing


def test_voucher_debit_credit_is_checked_against_voucher_dto(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = small_books(data)
    rows = [json.loads(line) for line in (data / "tables" / "VoucherDto.jsonl").read_text().splitlines()]
    rows[0]["DebetAmount"] = "1250.01"
    _write(data / "tables" / "VoucherDto.jsonl", rows)
    summary = write_index(data, report)
    assert summary.unbalanced_vouchers == 3
    html = (data / "index" / "bilag" / "2023" / "0001.html").read_text(encoding="utf-8")
    assert "bilaget angiver debet 1.250,01, posteringerne 1.250,00" in section(html, f"v{V1}")


def test_findings(books) -> None:
    data, _, summary = books
    assert summary.postings_without_voucher == 4  # two without a voucher id, two with an unknown one
    assert summary.documents_without_relation == 1
    messages = " ".join(f.message for f in summary.findings)
    assert "2 postings dated outside every fiscal year" in messages
    assert "1 posting amount is not a number" in messages
    assert all(f.severity in ("warning", "info") for f in summary.findings)
    loose = text_of(data / "index" / "fund" / "posteringer-uden-bilag.html")
    assert loose.count("intet bilags-id") == 2 and loose.count("findes ikke i VoucherDto") == 2
    unrelated = text_of(data / "index" / "fund" / "dokumenter-uden-relation.html")
    assert "c æøå 100%.pdf" in unrelated and "a.pdf" not in unrelated
    front = text_of(data / "index.html")
    assert "2 bilag stemmer ikke" in front and "4 posteringer uden bilag" in front


def test_documents_on_vouchers_and_partners(books) -> None:
    data, _, _ = books
    html_2023 = (data / "index" / "bilag" / "2023" / "0001.html").read_text(encoding="utf-8")
    assert "Dok a.pdf" in section(html_2023, f"v{V1}")
    html_2024 = (data / "index" / "bilag" / "2024" / "0001.html").read_text(encoding="utf-8")
    assert "Dok d.pdf" in section(html_2024, f"v{V3}")  # linked to one of its postings
    partner = (data / "index" / "partnere" / f"{P1}.html").read_text(encoding="utf-8")
    assert "Dok b scan #1.jpg" in partner
    assert "b%20scan%20%231.jpg" in partner  # names are percent-encoded in links


def test_account_pages_run_a_balance(books) -> None:
    data, _, _ = books
    page = text_of(data / "index" / "konti" / "5600" / "2023.html")
    assert "Saldo ultimo 750,01" in page
    page = text_of(data / "index" / "konti" / "5600" / "2024.html")
    # the accounts have no Xena group here, so they are carried: 750,01 - 10,00 + 5,00 - 12,50
    # (the text amount is on 2750)
    assert "Primo 750,01" in page and "Saldo ultimo 732,51" in page


def test_pages_are_well_formed_and_links_resolve(books) -> None:
    data, _, _ = books
    pages = all_pages(data)
    for page in pages.values():
        assert page.problems == [], (page.path, page.problems)
        assert page.th_without_scope == 0, page.path
    assert broken_links(data, pages) == []
    assert parse(data / "index.html").lang == "da"
    assert parse(data / "index.en.html").lang == "en"


def test_work_folder_is_outside_data_and_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = small_books(data)
    with pytest.raises(ValueError, match="must not be inside the payload"):
        write_index(data, report, data / "work")
    work = tmp_path / "work"
    write_index(data, report, work)
    assert list(work.iterdir()) == []


def test_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        data = tmp_path / name / "data"
        report = small_books(data)
        write_index(data, report)
        outputs.append({p.relative_to(data): p.read_bytes() for p in sorted(data.rglob("*"))
                        if p.is_file() and (p.suffix in (".html", ".css"))})
    assert outputs[0] == outputs[1]


def test_paging_splits_long_vouchers_and_accounts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    base_tables(data)
    posts, vouchers = [], []
    ident = 0
    for number in range(1, 8):
        lines = 7 if number == 4 else 2
        amounts = [Decimal(number * 100 + i) for i in range(lines - 1)]
        for amount in [*amounts, -sum(amounts)]:
            ident += 1
            posts.append(post(ident, 5000 + number, number, D(2023, 3, number), str(amount.quantize(Decimal("0.01"))),
                              5600 if amount > 0 else 1010, partner=P0))
        vouchers.append(voucher(5000 + number, number, D(2023, 3, number)))
    _write(data / "tables" / "LedgerPostDto.jsonl", posts)
    _write(data / "tables" / "VoucherDto.jsonl", vouchers)
    limits = PageLimits(rows=3, vouchers=2, list_rows=2, documents=2)
    summary = write_index(data, report_for(data), limits=limits)
    assert summary.unbalanced_vouchers == 0
    pages = sorted((data / "index" / "bilag" / "2023").glob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r'<tr id="p\d+">', html)) <= limits.rows, page.name
        assert html.count('class="voucher') <= limits.vouchers, page.name
    split = [p for p in pages if f'id="v{5004}"' in p.read_text(encoding="utf-8")]
    assert len(split) == 3
    assert "del 1 af 3" in split[0].read_text(encoding="utf-8")
    assert "stemmer" not in section(split[0].read_text(encoding="utf-8"), "v5004")
    last = section(split[2].read_text(encoding="utf-8"), "v5004")
    assert "0,00 ✓ stemmer" in last and "7 posteringer" in last
    bank = sorted((data / "index" / "konti" / "5600").glob("2023*.html"))
    assert len(bank) == 4  # 12 postings on the bank (voucher 4 has six of them), three to a page
    assert "Transport fra forrige side" in bank[1].read_text(encoding="utf-8")
    all_ = all_pages(data)
    assert broken_links(data, all_) == []
    assert all(not p.problems for p in all_.values())


def test_random_books(tmp_path: Path) -> None:
    """Many random vouchers: the trial balance and the voucher findings match an independent count."""
    rng = random.Random(2024)
    data = tmp_path / "data"
    base_tables(data)
    posts, vouchers, unbalanced = [], [], 0
    ident = 0
    for number in range(1, 401):
        day = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
        amounts = [Decimal(rng.randrange(-10**9, 10**9)).scaleb(-2) for _ in range(rng.randrange(1, 6))]
        amounts.append(-sum(amounts))
        if rng.random() < 0.1:
            amounts[0] += Decimal("0.01")
            unbalanced += 1
        for amount in amounts:
            ident += 1
            posts.append(post(ident, 9000 + number, number, day, str(amount), rng.choice([1010, 2750, 5600, 6800])))
        vouchers.append(voucher(9000 + number, number, day))
    _write(data / "tables" / "LedgerPostDto.jsonl", posts)
    _write(data / "tables" / "VoucherDto.jsonl", vouchers)
    summary = write_index(data, report_for(data))
    assert summary.unbalanced_vouchers == unbalanced
    for year, sums in expected_sums(data / "tables").items():
        assert Decimal(summary.trial_balances[year]["debit"]) == sums["debit"]
        assert Decimal(summary.trial_balances[year]["credit"]) == sums["credit"]
