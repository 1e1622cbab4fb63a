"""The chart of accounts, the trial balance of each year, and the postings of each account."""

from __future__ import annotations

import itertools
from decimal import Decimal

from .. import fmt
from ..books import Books, queries
from ..books.money import Sums, add
from .paths import account_page, chunks, pager, pages_needed, trial_balance_page
from .site import Site
from .views import Views


def write_chart(site: Site, books: Books, years: list[str]) -> int:
    accounts = []
    for account, totals in queries.chart(books):
        accounts.append({
            "number": account["number"] or account["key"], "name": account["name"] or "",
            "kind": account["kind"] or "", "in_chart": account["in_chart"],
            "years": [(totals[y][1].balance, totals[y][0], account_page(account["slug"], y)) if y in totals
                      else None for y in years],
        })
    site.write("index/kontoplan.html", "chart.html", title="Kontoplan", accounts=accounts,
               years=[(y, books.year_label(y)) for y in years])
    return len(accounts)


def write_trial_balances(site: Site, books: Books, years: list[str]) -> dict[str, dict[str, str]]:
    result = {}
    for year in years:
        rows, total, count = [], Sums(), 0
        for r in queries.trial_balance(books, year):
            sums = Sums.parse(r["tot"])
            total = total + sums
            count += r["n"]
            rows.append({"number": r["number"] or r["key"], "name": r["name"] or "", "n": r["n"], "sums": sums,
                         "href": account_page(r["slug"], year)})
        bad = queries.unreadable_in_year(books, year)
        period = books.year_by_slug.get(year)
        site.write(trial_balance_page(year), "trial_balance.html", title=f"Råbalance {books.year_label(year)}",
                   year=year, year_label=books.year_label(year), period=period, rows=rows, total=total,
                   count=count, bad=bad)
        result[year] = {"debit": str(total.debit), "credit": str(-total.credit), "balance": str(total.balance),
                        "postings": str(count)}
    return result


def write_account_pages(site: Site, views: Views) -> None:
    books, per_page = views.books, views.limits.rows
    cursor = queries.account_postings(books)
    for (key, year), group in itertools.groupby(cursor, key=lambda r: (r["account"], r["year"])):
        account = queries.account(books, key)
        n, sums = queries.account_year(books, key, year)
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
                title=f"Konto {number} {account['name'] or ''} – {books.year_label(year)}".strip(),
                account={"number": number, "name": account["name"] or "", "kind": account["kind"] or "",
                         "in_chart": account["in_chart"]},
                year=year, year_label=books.year_label(year), sums=sums, count=n,
                postings=postings, carried=carried if page_no > 1 else None, balance=balance,
                fx=any(p.foreign for p in postings),
                last=page_no == total, pager=pager(lambda k, s=slug, y=year: account_page(s, y, k), page_no, total),
            )
