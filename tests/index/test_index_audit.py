"""What an auditor signs off from (issue 29), on books of two and three years: vouchers without a
document, Xena's own invoices, the voucher pages' dates, user and VAT, the VAT overview, partner
ledgers and the monthly charts. Every figure is computed here from the JSONL tables the test wrote,
with the standard library, and compared with what the pages say.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from index_html import all_pages, broken_links, dk, parse
from index_synth import CUSTOMER, SUPPLIER, audit_books, document, report_for

from xena2archive.index import write_index
from xena2archive.links import Links

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d3b2a00000000049454e44ae426082")


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(path).text))


def amount(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))



def rows(data: Path, table: str) -> list[dict[str, Any]]:
    path = data / "tables" / f"{table}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line, parse_float=Decimal) for line in path.read_text(encoding="utf-8").splitlines()]


def build(tmp_path: Path, years: int) -> tuple[Path, Any]:
    data = tmp_path / "data"
    audit_books(data, years)
    vouchers = rows(data, "VoucherDto")
    documents = []
    # a receipt photo related to the second voucher, and Xena's invoice PDFs named only by OrderJournalEntryDto
    (data / "original" / "kvittering.png").parent.mkdir(parents=True, exist_ok=True)
    (data / "original" / "kvittering.png").write_bytes(PNG)
    receipt = document("kvittering.png", pdfa=None, links=Links(vouchers=[vouchers[1]["Id"]]), description="Kvittering")
    documents.append(dataclasses.replace(receipt, original="original/kvittering.png", mime="image/png"))
    # a 7-page PDF of the same voucher, shown by the pictures of its copy's first 3 pages (which the
    # documents stage wrote under index/sider/ before the index is written)
    (data / "original" / "aftale.pdf").write_bytes(b"%PDF-1.4 test")
    pictures = [f"index/sider/aftale.pdf.{n}.jpg" for n in (1, 2, 3)]
    for picture in pictures:
        (data / picture).parent.mkdir(parents=True, exist_ok=True)
        (data / picture).write_bytes(b"\xff\xd8\xff\xd9")
    contract = document("aftale.pdf", pdfa="documents/aftale.pdf", links=Links(vouchers=[vouchers[1]["Id"]]),
                        description="Lejeaftale")
    documents.append(dataclasses.replace(contract, mime="application/pdf", pages=7, previews=pictures))
    (data / "documents").mkdir(exist_ok=True)
    (data / "documents" / "aftale.pdf").write_bytes(b"%PDF-1.4 test")
    for entry in rows(data, "OrderJournalEntryDto"):
        name = f"Faktura-{entry['Description'].split()[-1]}.pdf"
        (data / "original" / name).write_bytes(b"%PDF-1.4 test")
        documents.append(dataclasses.replace(document(name, pdfa=None), original=f"original/{name}",
                                             document_id=entry["DocumentId"]))
    report = report_for(data, documents)
    summary = write_index(data, report, tmp_path / "work")
    return data, summary


@pytest.fixture(scope="module", params=[2, 3], ids=["two-years", "three-years"])
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return build(tmp_path_factory.mktemp(f"audit{request.param}"), request.param)


def voucher_section(data: Path, number: int) -> str:
    """The HTML of voucher ``number``'s section, found through its stable anchor ``#bilag-<number>``."""
    for page in sorted((data / "index" / "bilag").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if f'id="bilag-{number}"' in html:
            start = html.rindex("<section", 0, html.index(f'id="bilag-{number}"'))
            return html[start:html.index("</section>", start)]
    raise AssertionError(f"no page holds #bilag-{number}")


# -- item 3: vouchers without a document ---------------------------------------------------------

def test_vouchers_without_a_document_are_counted_and_listed(archive: tuple[Path, Any]) -> None:
    data, summary = archive
    vouchers = rows(data, "VoucherDto")
    documented = {vouchers[1]["Id"]}
    transactions = {e["TransactionId"] for e in rows(data, "OrderJournalEntryDto")}
    documented |= {p["VoucherId"] for p in rows(data, "LedgerPostDto") if p["EconomicTransactionId"] in transactions}
    expected = [n for _, n in sorted((v["FiscalDateDays_date"][:4], v["VoucherNumber"])  # by year, then number
                                     for v in vouchers if v["Id"] not in documented)]
    assert len(documented) == 1 + len(transactions)
    found = [f for f in summary.findings if f.code == "vouchers-without-document"]
    assert len(found) == 1 and found[0].fields["count"] == len(expected)
    assert found[0].fields["total"] == len(vouchers)
    listed = []
    for page in sorted((data / "index" / "fund").glob("bilag-uden-dokument*.html"), key=lambda p: len(p.name)):
        listed += [int(n) for n in re.findall(r'<td><a href="[^"]+#v\d+">(\d+)</a></td>', page.read_text("utf-8"))]
    assert listed == expected
    assert f"Bilag uden dokument {len(expected)} af {len(vouchers)}" in text_of(data / "index" / "fund.html")
    assert f"{len(expected)} af {len(vouchers)} bilag har intet dokument" in text_of(data / "index.html")


def test_xenas_invoices_are_the_documents_of_their_vouchers(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    posts = rows(data, "LedgerPostDto")
    for entry in rows(data, "OrderJournalEntryDto"):
        number = next(p["VoucherNumber"] for p in posts if p["EconomicTransactionId"] == entry["TransactionId"])
        name = f"Faktura-{entry['Description'].split()[-1]}.pdf"
        assert name in voucher_section(data, number), number
    listing = text_of(data / "index" / "dokumenter.html")
    for entry in rows(data, "OrderJournalEntryDto"):
        assert f"Bilag {entry['VoucherNumber']}" in listing


# -- item 5: voucher pages -------------------------------------------------------------------------

def test_voucher_pages_show_registration_user_vat_and_stable_anchors(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    posts = rows(data, "LedgerPostDto")
    for v in rows(data, "VoucherDto"):
        html = voucher_section(data, v["VoucherNumber"])
        registered = dt.date.fromisoformat(v["CreatedAt"][:10]).strftime("%d-%m-%Y")
        assert f"registreret {registered}" in html
        assert f"Bilagsdato {dt.date.fromisoformat(v['FiscalDateDays_date']).strftime('%d-%m-%Y')}" in html
        assert f"ansvarlig {v['ResponsibleName']}" in html
        for p in posts:
            if p["VoucherId"] == v["Id"] and p["VatAbbreviation"]:
                assert f'{p["VatAbbreviation"]} <span class="vat">{dk(Decimal(p["VatAmount"]))}</span>' in html


def test_a_receipt_image_is_shown_and_printed_with_the_archive_identity(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    second = rows(data, "VoucherDto")[1]["VoucherNumber"]
    assert re.search(r'<img src="[./]*original/kvittering.png" alt="Kvittering"', voucher_section(data, second))
    page = next(p for p in (data / "index" / "bilag").rglob("*.html") if f'id="bilag-{second}"' in p.read_text("utf-8"))
    year = next(y for y in ("2022", "2023", "2024") if f"/{y}/" in page.as_posix())
    assert (f'<p class="printonly">Test &amp; Co ApS (CVR 12345678) · Regnskabsår {year} · Arkiv af sikkerhedskopien '
            f'backup.zip, SHA-256 <code>{"0" * 64}</code></p>') in page.read_text("utf-8")


def test_a_pdf_is_shown_by_the_pictures_of_its_first_pages(archive: tuple[Path, Any]) -> None:
    """The pictures the documents stage made survive the index's writing, and the voucher's section
    shows them, linked to the copy, saying that 3 of the 7 pages are shown."""
    data, _ = archive
    section = voucher_section(data, rows(data, "VoucherDto")[1]["VoucherNumber"])
    figure = section[section.index('<figure class="receipt pages">'):]
    figure = figure[:figure.index("</figure>")]
    assert re.match(r'<figure class="receipt pages"><a href="[./]*documents/aftale.pdf">', figure)
    # the voucher pages are in index/bilag/<year>/: the pictures two folders up
    shown = re.findall(r'<img src="\.\./\.\./(sider/aftale\.pdf\.\d\.jpg)" alt="Lejeaftale, side (\d)"', figure)
    assert shown == [(f"sider/aftale.pdf.{n}.jpg", str(n)) for n in (1, 2, 3)]
    assert all((data / "index" / path).is_file() for path, _ in shown)
    assert "<figcaption>aftale.pdf: side 1–3 af 7; hele dokumentet i PDF/A-kopien</figcaption>" in figure


def test_the_pages_link_and_parse(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    pages = all_pages(data)
    assert broken_links(data, pages) == []
    for page in pages.values():
        assert page.problems == [], (page.path, page.problems)


# -- item 2: VAT per period and code, reconciled ---------------------------------------------------

def vat_periods(data: Path) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Each fiscal year's VAT periods: Xena's settlement periods where it names them, else quarters."""
    named = [(dt.date.fromisoformat(s["VatPeriodStartDays_date"]), dt.date.fromisoformat(s["VatPeriodEndDays_date"]))
             for s in rows(data, "VatSettlementTransactionDto")]
    found: dict[str, set[tuple[dt.date, dt.date]]] = defaultdict(set)
    for p in rows(data, "LedgerPostDto"):
        day = dt.date.fromisoformat(p["FiscalDateDays_date"])
        span = next((n for n in named if n[0] <= day <= n[1]), None)
        if span is None:
            first = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
            after = dt.date(first.year + (first.month == 10), (first.month + 3 - 1) % 12 + 1, 1)
            span = (first, after - dt.timedelta(days=1))
        found[str(day.year)].add(span)
    return {year: sorted(spans) for year, spans in found.items()}


def test_vat_per_period_and_code_reconciles(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    posts = rows(data, "LedgerPostDto")
    vouchers = {v["Id"]: v for v in rows(data, "VoucherDto")}
    codes = {c["Abbreviation"]: c for c in rows(data, "VatDto")}
    vat_accounts = {c["LedgerAccount"] for c in codes.values() if c["LedgerAccount"]}
    settling = {i for i, v in vouchers.items() if v["Description"].startswith("Momsafregning")}
    xena = {s["SettlementVoucherNumber"]: Decimal(s["TotalSettled"])
            for s in rows(data, "VatSettlementTransactionDto")}
    for year, spans in vat_periods(data).items():
        page = (data / "index" / "moms" / f"{year}.html").read_text(encoding="utf-8")
        assert page.count('<section class="vat-period"') == len(spans)
        for start, end in spans:
            html = page[page.index(f'id="periode-{start.isoformat()}"'):]
            html = html[:html.index("</section>")]
            inside = [p for p in posts if start <= dt.date.fromisoformat(p["FiscalDateDays_date"]) <= end]
            per_code: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
            for p in inside:
                if p["VatAbbreviation"]:
                    line = per_code[p["VatAbbreviation"]]
                    line[0] += 1
                    line[1] += Decimal(p["Amount"])
                    line[2] += Decimal(p["VatAmount"])
            shown = re.findall(r'<tr><th scope="row">(\w+)</th><td>[^<]*(?:<span class="note">[^<]*</span>)?</td>'
                               r'<td class="n">(\d+)</td><td class="n">([^<]+)</td><td class="n">([^<]+)</td></tr>',
                               html)
            assert shown == [(c, str(int(n)), dk(b), dk(v)) for c, (n, b, v) in sorted(per_code.items())]
            net = sum((v for c, (_, _, v) in per_code.items() if "EUPurchase" not in codes[c]["VatType"]), Decimal(0))
            movement = sum((Decimal(p["Amount"]) for p in inside if p["LedgerTagNumber"] in vat_accounts
                            and p["VoucherId"] not in settling), Decimal(0))
            assert f"Moms efter koderne (uden erhvervelsesmoms)</th><td class=\"n\">{dk(net)}</td>" in html
            assert f"Momskonti i alt</th><td class=\"n\">{dk(movement)}</td>" in html
            difference = movement - net
            corrections = sum((Decimal(p["Amount"]) for p in inside if p["Description"] == "Rettelse salgsmoms"
                               and p["LedgerTagNumber"] == 6800), Decimal(0))
            assert difference == corrections  # the test's own books: only the corrections lack a code
            assert f"{dk(difference)} {'✓ stemmer' if difference == 0 else '✗ stemmer ikke'}" in html
            for number in sorted(v["VoucherNumber"] for i, v in vouchers.items() if i in settling
                                 and v["FiscalDateDays_date"] == end.isoformat()):
                posted = sum((Decimal(p["Amount"]) for p in posts if p["VoucherNumber"] == number
                              and p["LedgerTagNumber"] in vat_accounts), Decimal(0))
                assert posted == -movement
                shown_total = dk(xena[number]) if number in xena else ""
                assert re.search(rf'#v\d+">{number}</a></th><td>[^<]+</td><td class="n">{re.escape(dk(posted))}</td>'
                                 rf'<td class="n">{re.escape(dk(-movement))}</td><td class="n ok">0,00 ✓ stemmer</td>'
                                 rf'<td class="n">{re.escape(shown_total)}', html), (year, number)
    legend = text_of(data / "index" / "moms.html")
    for code in codes.values():
        assert f"{code['Abbreviation']} {code['Description']} {dk(Decimal(code['Percentage']))} %" in legend


# -- item 1: primo, movements, ultimo; statements ----------------------------------------------------

RESULT = "RESULTAT-FOER-XENA"  # the archive's own account for a prior result Xena did not transfer


def expected_balances(data: Path) -> dict[str, dict[str, tuple[Decimal, Decimal, Decimal, Decimal]]]:
    """(primo, debet, kredit, ultimo) per year and account, by the rule written out here: the first
    year (no PrimoLedgerPostDto) opens at 0; a later one carries the balance sheet's accounts, opens
    the income statement's at 0 and puts the previous result on ``RESULT``."""
    groups = {t["Number"]: t["LedgerAccount"] for t in rows(data, "LedgerTagDto")}
    moves: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(lambda: [Decimal(0), Decimal(0)]))
    for p in rows(data, "LedgerPostDto"):
        amount = Decimal(p["Amount"])
        moves[p["FiscalDateDays_date"][:4]][str(p["LedgerTagNumber"])][0 if amount >= 0 else 1] += abs(amount)
    found: dict[str, dict[str, tuple[Decimal, Decimal, Decimal, Decimal]]] = {}
    closing: dict[str, Decimal] = {}
    for n, year in enumerate(sorted(moves)):
        opening: dict[str, Decimal] = {}
        if n:
            result = sum((c for k, c in closing.items() if k != RESULT and "Income" in groups[int(k)]), Decimal(0))
            opening = {k: c for k, c in closing.items() if k == RESULT or "Income" not in groups[int(k)]}
            opening[RESULT] = opening.get(RESULT, Decimal(0)) + result
        found[year] = {}
        for key in sorted(set(opening) | set(moves[year])):
            debit, credit = moves[year][key] if key in moves[year] else (Decimal(0), Decimal(0))
            start = opening.get(key, Decimal(0))
            found[year][key] = (start, debit, credit, start + debit - credit)
        closing = {k: v[3] for k, v in found[year].items()}
    return found


def test_trial_balance_runs_from_primo_to_ultimo(archive: tuple[Path, Any]) -> None:
    data, summary = archive
    for year, accounts in expected_balances(data).items():
        html = (data / "index" / "raabalance" / f"{year}.html").read_text(encoding="utf-8")
        shown = {number: tuple(amount(v) for v in values) for number, *values in re.findall(
            r'<tr><th scope="row">(?:<a href="[^"]+">)?([\w-]+)(?:</a>)?</th><td>[^<]*</td><td class="n">\d+</td>'
            r'<td class="n">([^<]+)</td><td class="n">([^<]+)</td><td class="n">([^<]+)</td><td class="n">([^<]+)</td>',
            html)}
        expected = {k: v for k, v in accounts.items() if any(v)}
        assert shown == expected, year
        assert sum(v[0] for v in expected.values()) == 0 and sum(v[3] for v in expected.values()) == 0
        assert Decimal(summary.trial_balances[year]["opening"]) == 0
        first = year == min(expected_balances(data))
        assert ("Primo er 0,00 på alle konti" if first else "Primo er ultimo Regnskabsår") in text_of(
            data / "index" / "raabalance" / f"{year}.html")
        # the bank's page runs its balance from primo to ultimo; the chart shows the ultimo
        bank = text_of(data / "index" / "konti" / "5600" / f"{year}.html")
        opening, _, _, closing = accounts["5600"]
        assert f"Primo {dk(opening)} " in bank and f"Saldo ultimo {dk(closing)} " in bank
        chart = (data / "index" / "kontoplan.html").read_text(encoding="utf-8")
        assert f'href="konti/5600/{year}.html">{dk(closing)}</a>' in chart


def test_income_statement_and_balance_sheet_per_year(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    groups = {str(t["Number"]): t["LedgerAccount"] for t in rows(data, "LedgerTagDto")}
    for year, accounts in expected_balances(data).items():
        page = text_of(data / "index" / "regnskab" / f"{year}.html")
        income = sum((v[3] for k, v in accounts.items() if "Income" in groups.get(k, "")), Decimal(0))
        assets = sum((v[3] for k, v in accounts.items() if "Asset" in groups.get(k, "")), Decimal(0))
        assert f"Årets resultat {dk(-income)}" in page
        assert f"Aktiver i alt {dk(assets)}" in page and f"Passiver i alt {dk(assets)}" in page
        assert f"✓ Balancen stemmer: aktiver i alt er lig med passiver i alt ({dk(assets)})" in page
        revenue = sum((v[3] for k, v in accounts.items() if groups.get(k, "").endswith("Net_Turn_Over")), Decimal(0))
        assert f"Nettoomsætning {dk(-revenue)}" in page


# -- item 9: monthly charts ------------------------------------------------------------------------

def test_monthly_charts_are_static_svg_of_the_right_figures(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    groups = {t["Number"]: t["LedgerAccount"] for t in rows(data, "LedgerTagDto")}
    balances = expected_balances(data)
    names = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    for year, accounts in balances.items():
        revenue, costs, cash = defaultdict(Decimal), defaultdict(Decimal), defaultdict(Decimal)
        for p in rows(data, "LedgerPostDto"):
            if p["FiscalDateDays_date"][:4] != year:
                continue
            month, group = int(p["FiscalDateDays_date"][5:7]), groups[p["LedgerTagNumber"]]
            value = Decimal(p["Amount"])
            if group.endswith("Net_Turn_Over"):
                revenue[month] -= value
            elif "Income" in group:
                costs[month] += value
            if group.endswith("Asset_Accounts_Cash"):
                cash[month] += value
        html = (data / "index" / "regnskab" / f"{year}.html").read_text(encoding="utf-8")
        assert "<script" not in html and html.count('<svg viewBox="0 0 720 240" role="img"') == 2
        balance = accounts["5600"][0]
        table = re.findall(r'<tr><th scope="row">(\w+ \d{4})</th><td class="n">([^<]+)</td><td class="n">([^<]+)</td>'
                           r'<td class="n">([^<]+)</td><td class="n">([^<]+)</td></tr>', html)
        expected = []
        for month in range(1, 13):
            balance += cash[month]
            expected.append((f"{names[month - 1]} {year}", dk(revenue[month]), dk(costs[month]),
                             dk(revenue[month] - costs[month]), dk(balance)))
        assert table == expected
        assert balance == accounts["5600"][3]  # the last month ends at the bank's ultimo
        # bar heights are proportional to the figures (revenue bars)
        bars = [float(h) for h in re.findall(
            r'<rect class="revenue" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', html)]
        assert len(bars) == 12
        top = max(range(12), key=lambda i: revenue[i + 1])
        for i in range(12):
            assert abs(bars[i] - bars[top] * float(revenue[i + 1] / revenue[top + 1])) < 0.25, (year, i)


# -- item 4: partner ledgers and open items ----------------------------------------------------------

def test_partner_ledgers_run_from_primo_per_year(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    posts = sorted(rows(data, "PartnerPostDto"), key=lambda r: r["FiscalDateDays_date"])  # stable: input order
    for partner in (CUSTOMER, SUPPLIER):
        html = (data / "index" / "partnere" / f"{partner}.html").read_text(encoding="utf-8")
        balance = Decimal(0)
        for year in sorted({p["FiscalDateDays_date"][:4] for p in posts}):
            table = html[html.index(f"<caption>Regnskabsår {year}</caption>"):]
            table = table[:table.index("</table>")]
            assert f'Primo</th><td class="n">{dk(balance)}</td>' in table
            shown = re.findall(r'<tr><td>([\d-]+)</td><td>(?:<a[^>]*>)?(\d+)(?:</a>)?</td><td>([^<]*)</td>'
                               r'<td>([^<]*)</td><td>([\d-]+)</td><td class="n">([^<]+)</td><td class="n">([^<]+)</td>'
                               r'<td class="n">([^<]+)</td></tr>', table)
            expected = []
            for p in posts:
                if p["PartnerId"] == partner and p["FiscalDateDays_date"][:4] == year:
                    balance += Decimal(p["Amount"])
                    expected.append((dt.date.fromisoformat(p["FiscalDateDays_date"]).strftime("%d-%m-%Y"),
                                     str(p["VoucherNumber"]), p["PostTypeTranslated"], p["SupplierInvoiceNumber"] or "",
                                     dt.date.fromisoformat(p["DueDateDays_date"]).strftime("%d-%m-%Y"),
                                     dk(Decimal(p["Amount"])), dk(Decimal(p["RemainingAmount"])), dk(balance)))
            assert shown == expected, (partner, year)
            assert f'Ultimo</th><td class="n">{dk(balance)}</td>' in table
    # the documents of the partner's vouchers are gathered on its page: the receipt of the first rent
    supplier = (data / "index" / "partnere" / f"{SUPPLIER}.html").read_text(encoding="utf-8")
    assert "Kvittering" in supplier.split("<h2>Reskontro")[0]


def test_open_items_at_each_year_end(archive: tuple[Path, Any]) -> None:
    data, _ = archive
    posts = rows(data, "PartnerPostDto")
    settled = defaultdict(list)
    for p in posts:
        if p.get("SettlementId"):
            settled[p["SettlementId"]].append(p["FiscalDateDays_date"])
    for year in sorted({p["FiscalDateDays_date"][:4] for p in posts}):
        end = f"{year}-12-31"
        expected: dict[str, Decimal] = defaultdict(Decimal)
        count = 0
        for p in posts:
            if p["FiscalDateDays_date"] > end:
                continue
            still = Decimal(p["RemainingAmount"])
            later = p.get("SettlementId") and max(settled[p["SettlementId"]]) > end
            if still or later:
                count += 1
                expected["Kunder" if p["PartnerId"] == CUSTOMER else "Leverandører"] += still or Decimal(p["Amount"])
        html = (data / "index" / "aabne-poster" / f"{year}.html").read_text(encoding="utf-8")
        assert html.count('<tr><th scope="row"><a href="../partnere/') == count
        for side, total in expected.items():
            assert f'{side} i alt</th><td class="n">{dk(total)}</td>' in html
        assert count >= 2  # December's invoice and rent at least
