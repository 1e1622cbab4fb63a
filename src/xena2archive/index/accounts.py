"""The chart of accounts, the trial balance of each year, and the postings of each account."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from decimal import Decimal

from .. import fmt
from ..books.ledger import Ledger, Sums, add
from .paths import account_page, chunks, pager, pages_needed, trial_balance_page
from .site import Site
from .views import POST_SELECT, Views


def account_rows(ledger: Ledger) -> Iterator[tuple[sqlite3.Row, dict[str, tuple[int, Sums]]]]:
    """Every account of the chart (and every account only postings name), with its totals per year."""
    cursor = ledger.db.execute(
        "SELECT a.key, a.number, a.name, a.kind, a.in_chart, a.slug, y.year, y.n, y.tot"
        " FROM accounts a LEFT JOIN acc_year y ON y.account = a.key ORDER BY a.sort, a.key, y.year")
    for _key, group in itertools.groupby(cursor, key=lambda r: r["key"]):
        rows = list(group)
        years = {r["year"]: (r["n"], Sums.parse(r["tot"])) for r in rows if r["year"] is not None}
        yield rows[0], years


def write_chart(site: Site, ledger: Ledger, years: list[str]) -> int:
    accounts = []
    for account, totals in account_rows(ledger):
        accounts.append({
            "number": account["number"] or account["key"], "name": account["name"] or "",
            "kind": account["kind"] or "", "in_chart": account["in_chart"],
            "years": [(totals[y][1].balance, totals[y][0], account_page(account["slug"], y)) if y in totals
                      else None for y in years],
        })
    site.write("index/kontoplan.html", "chart.html", title="Kontoplan", accounts=accounts,
               years=[(y, ledger.year_label(y)) for y in years])
    return len(accounts)


def write_trial_balances(site: Site, ledger: Ledger, years: list[str]) -> dict[str, dict[str, str]]:
    result = {}
    for year in years:
        rows, total, count = [], Sums(), 0
        for r in ledger.db.execute(
                "SELECT a.key, a.number, a.name, a.slug, y.n, y.tot FROM acc_year y"
                " JOIN accounts a ON a.key = y.account"
                " WHERE y.year = ? ORDER BY a.sort, a.key", (year,)):
            sums = Sums.parse(r["tot"])
            total = total + sums
            count += r["n"]
            rows.append({"number": r["number"] or r["key"], "name": r["name"] or "", "n": r["n"], "sums": sums,
                         "href": account_page(r["slug"], year)})
        bad = ledger.count("SELECT count(*) FROM posts WHERE year = ? AND amount IS NULL", year)
        period = ledger.period_by_slug.get(year)
        site.write(trial_balance_page(year), "trial_balance.html", title=f"Råbalance {ledger.year_label(year)}",
                   year=year, year_label=ledger.year_label(year), period=period, rows=rows, total=total,
                   count=count, bad=bad)
        result[year] = {"debit": str(total.debit), "credit": str(-total.credit), "balance": str(total.balance),
                        "postings": str(count)}
    return result


def write_account_pages(site: Site, views: Views) -> None:
    ledger, per_page = views.ledger, views.limits.rows
    cursor = ledger.db.execute(POST_SELECT + " ORDER BY p.account, p.year, p.date, p.vnum, p.seq")
    for (key, year), group in itertools.groupby(cursor, key=lambda r: (r["account"], r["year"])):
        account = ledger.db.execute("SELECT * FROM accounts WHERE key = ?", (key,)).fetchone()
        n, tot = ledger.db.execute("SELECT n, tot FROM acc_year WHERE account = ? AND year = ?", (key, year)).fetchone()
        total = pages_needed(n, per_page)
        balance = Decimal(0)
        slug = account["slug"]
        for page_no, chunk in enumerate(chunks(group, per_page), 1):
            carried = balance
            postings = []
            for r in chunk:
                posting = views.posting(r)
                if posting.amount is not None:
                    balance = add(balance, posting.amount)
                posting.balance = fmt.money(balance)
                postings.append(posting)
            number = account["number"] or key
            site.write(
                account_page(slug, year, page_no), "account.html",
                title=f"Konto {number} {account['name'] or ''} – {ledger.year_label(year)}".strip(),
                account={"number": number, "name": account["name"] or "", "kind": account["kind"] or "",
                         "in_chart": account["in_chart"]},
                year=year, year_label=ledger.year_label(year), sums=Sums.parse(tot), count=n,
                postings=postings, carried=carried if page_no > 1 else None, balance=balance,
                fx=any(p.foreign for p in postings),
                last=page_no == total, pager=pager(lambda k, s=slug, y=year: account_page(s, y, k), page_no, total),
            )
