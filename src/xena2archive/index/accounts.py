"""The chart of accounts, the trial balance of each year (primo, debet, kredit, ultimo), the postings of
each account with a running balance from its primo, and how each year's opening came about."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from .. import fmt
from ..books import NO_YEAR, Books, queries
from ..books.balances import CARRIED, XENA, Opening
from ..books.money import EXACT, ZERO, Sums, add
from .paths import account_page, chunks, pager, pages_needed, statements_page, trial_balance_page
from .site import Site
from .views import Views


def basis(books: Books, year: str) -> str:
    """How the year's opening balances came about, in a sentence or two (Danish)."""
    if year not in books.year_by_slug:
        return "Posteringer uden for regnskabsårene har ingen primo; saldoen er summen af posteringerne."
    found: Opening = queries.opening(books, year)
    index = books.year_by_slug[year].index
    if found.basis == XENA:
        return "Primo er Xenas egne primoposteringer for året (PrimoLedgerPostDto)."
    if found.basis != CARRIED:
        return ("Primo er 0,00 på alle konti: det er det første regnskabsår i sikkerhedskopien, og Xena har ingen "
                "primoposteringer for det. Saldi fra før dette år mangler derfor sandsynligvis (se Fund).")
    before = books.years[index - 1].label
    text = (f"Primo er ultimo {before}: balancens konti fortsætter med deres saldo, og resultatopgørelsens konti "
            "begynder på 0,00.")
    if found.moved_by:
        text += (f" Sidste års resultat ({fmt.money(found.previous_result)}) er allerede flyttet af "
                 f"{'bilag' if len(found.moved_by) == 1 else 'bilagene'} {', '.join(found.moved_by)} i året, så det "
                 "lægges ikke til igen.")
    elif found.result_account is not None:
        account = books.balances.chart.get(found.result_account)
        name = f"{account.number or account.key} {account.name}".strip() if account else found.result_account
        text += f" Sidste års resultat ({fmt.money(found.result)}) er lagt på primo af konto {name}."
    if found.unclassified:
        text += f" Konti uden kendt kontogruppe fortsætter fra ultimo: {', '.join(found.unclassified)}."
    return text


def write_chart(site: Site, books: Books, years: list[str]) -> int:
    """The chart of accounts with each year's ultimo (and, outside the years, the postings' sum)."""
    index = {y.slug: y.index for y in books.years}
    balances = books.balances
    accounts = []
    for account, totals in queries.chart(books):
        key = account["key"]
        cells = []
        for y in years:
            href = account_page(account["slug"], y) if y in totals else None
            if y in index and key in balances.accounts:
                closing = balances.accounts[key][index[y]].closing
                cells.append((closing, href) if href or closing != ZERO else None)
            else:
                cells.append((totals[y][1].balance, href) if y in totals else None)
        accounts.append({"number": account["number"] or key, "name": account["name"] or "",
                         "kind": account["kind"] or "", "in_chart": account["in_chart"], "years": cells})
    if balances.synthetic is not None:  # the prior years' result, where no account of Xena's takes it
        s = balances.synthetic
        accounts.append({"number": s.key, "name": s.name, "kind": s.kind, "in_chart": False,
                         "years": [(balances.accounts[s.key][index[y]].closing, None) if y in index else None
                                   for y in years]})
    site.write("index/kontoplan.html", "chart.html", title="Kontoplan", accounts=accounts,
               years=[(y, books.year_label(y)) for y in years])
    return len(accounts)


def write_trial_balances(site: Site, books: Books, years: list[str]) -> dict[str, dict[str, str]]:
    """Each year's trial balance as primo, debet, kredit, ultimo; returns each year's totals."""
    result = {}
    for year in years:
        if year == NO_YEAR:
            rows, opening, debit, credit, count = _loose(books)
        else:
            rows, opening, debit, credit, count = [], ZERO, ZERO, ZERO, 0
            for line in queries.year_balances(books, year):
                b = line.balance
                opening, debit = EXACT.add(opening, b.opening), EXACT.add(debit, b.debit)
                credit = EXACT.add(credit, b.credit)
                count += line.postings
                rows.append({"number": line.account.number or line.account.key, "name": line.account.name or "",
                             "n": line.postings, "opening": b.opening, "debit": b.debit, "credit": b.credit,
                             "closing": b.closing, "href": account_page(line.slug, year) if line.postings else None})
        closing = EXACT.add(opening, EXACT.subtract(debit, credit))
        site.write(trial_balance_page(year), "trial_balance.html", title=f"Råbalance {books.year_label(year)}",
                   year=year, year_label=books.year_label(year), period=books.year_by_slug.get(year), rows=rows,
                   opening=opening, debit=debit, credit=credit, closing=closing, count=count,
                   difference=EXACT.subtract(debit, credit),
                   bad=queries.unreadable_in_year(books, year), basis=basis(books, year),
                   statements=statements_page(year) if year != NO_YEAR else None)
        result[year] = {"debit": str(debit), "credit": str(credit), "balance": str(EXACT.subtract(debit, credit)),
                        "postings": str(count), "opening": str(opening), "closing": str(closing)}
    return result


def _loose(books: Books) -> tuple[list[dict[str, Any]], Decimal, Decimal, Decimal, int]:
    """The postings outside every fiscal year, per account: no primo, the sum of the postings."""
    rows, total, count = [], Sums(), 0
    for r in queries.trial_balance(books, NO_YEAR):
        sums = Sums.parse(r["tot"])
        total = total + sums
        count += r["n"]
        rows.append({"number": r["number"] or r["key"], "name": r["name"] or "", "n": r["n"], "opening": ZERO,
                     "debit": sums.debit, "credit": -sums.credit, "closing": sums.balance,
                     "href": account_page(r["slug"], NO_YEAR)})
    return rows, ZERO, total.debit, -total.credit, count


def write_account_pages(site: Site, views: Views) -> None:
    """Each account's postings in each year, a running balance from its primo to its ultimo."""
    books, per_page = views.books, views.limits.rows
    cursor = queries.account_postings(books)
    for (key, year), group in itertools.groupby(cursor, key=lambda r: (r["account"], r["year"])):
        account = queries.account(books, key)
        n, sums = queries.account_year(books, key, year)
        figures: dict[str, Decimal | None]
        if year in books.year_by_slug and key in books.balances.accounts:
            b = queries.account_balance(books, key, year)
            figures = {"opening": b.opening, "debit": b.debit, "credit": b.credit, "closing": b.closing}
        else:
            figures = {"opening": None, "debit": sums.debit, "credit": -sums.credit, "closing": sums.balance}
        total = pages_needed(n, per_page)
        balance = figures["opening"] or Decimal(0)
        slug = account["slug"]
        basis_text = basis(books, year)
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
                year=year, year_label=books.year_label(year), figures=figures, count=n, basis=basis_text,
                postings=postings, carried=carried, first=page_no == 1, balance=balance,
                fx=any(p.foreign for p in postings),
                last=page_no == total, pager=pager(lambda k, s=slug, y=year: account_page(s, y, k), page_no, total),
            )
