"""The audit of the books: what does not add up, found once, before anything is rendered or exported.

It reads the loaded books (``load.Books``): vouchers whose postings do not sum to zero or do not
match the voucher's own debit and credit, postings without a voucher, documents nothing refers to,
postings outside every fiscal year, amounts that are not numbers, opening entries that name no
year or account, or that do not carry the year before's closing balances, and what postings name
that the master tables lack. The vouchers that do not add up are written into the books' database
(table ``unbalanced``, in year and number order, with their problems) so the index can list them;
everything else is counts. The index renders the ``Audit``; the report gets its findings; SAF-T
reports only what is about its files.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from .. import findings as F
from .. import fmt
from ..findings import Finding
from ..layout import TABLES
from .balances import BALANCE_SHEET, CARRIED, NONE, is_equity, statement
from .model import Opening
from .found import Audit
from .load import Books, insert_batched
from .model import NO_YEAR
from .money import EXACT, ZERO, Sums

PRIMO = f"{TABLES}/PrimoLedgerPostDto.jsonl"

# Documents that no voucher, partner, order or posting refers to, in the documents' order.
UNRELATED_DOCUMENTS = ("SELECT ord FROM docs WHERE ord NOT IN (SELECT ord FROM doc_links WHERE kind != 'd')"
                       " AND ord NOT IN (SELECT ord FROM vdocs) ORDER BY ord")

# Vouchers no document belongs to (``vdocs``: uploaded, related, or Xena's own invoice), in year and number order.
WITHOUT_DOCUMENT = "SELECT id FROM vouchers WHERE id NOT IN (SELECT voucher_id FROM vdocs) ORDER BY year, number, id"

# A voucher with its postings' count and sums, as the audit and the voucher pages read it.
VOUCHER_SELECT = """
SELECT v.id, v.number, v.text, v.date, v.year, v.debit, v.credit, v.known, v.first_doc,
       coalesce(v.entered, s.entered) AS entered, v.responsible,
       coalesce(s.n, 0) AS n, s.tot, coalesce(s.bad, 0) AS bad
FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id
"""


def without_voucher(books: Books) -> str:
    """The SQL condition on ``posts p LEFT JOIN vouchers v`` of a posting without a voucher."""
    return "p.voucher_id IS NULL" + (" OR v.known = 0" if books.has_vouchers else "")


def audit(books: Books) -> Audit:
    """Audit the loaded books and their documents."""
    db = books.db
    db.execute("CREATE TABLE unbalanced(ord INTEGER PRIMARY KEY, voucher_id INTEGER, problems TEXT)")
    insert_batched(db, "INSERT INTO unbalanced VALUES (?,?,?)",
                   ((n, voucher_id, problems) for n, (voucher_id, problems) in enumerate(_unbalanced(db))))
    db.commit()
    return Audit(
        unbalanced=books.count("SELECT count(*) FROM unbalanced"),
        without_voucher=books.count("SELECT count(*) FROM posts p LEFT JOIN vouchers v ON v.id = p.voucher_id "
                                    f"WHERE {without_voucher(books)}"),
        unrelated=books.count(f"SELECT count(*) FROM ({UNRELATED_DOCUMENTS})"),
        outside_years=books.count("SELECT count(*) FROM posts WHERE year = ?", NO_YEAR) if books.years else 0,
        not_converted=sum(1 for d in books.documents if not d.converted),
        bad_amounts=books.counts.bad_amounts,
        vouchers_from_postings=books.has_posts and not books.has_vouchers,
        without_document=books.count(f"SELECT count(*) FROM ({WITHOUT_DOCUMENT})"),
        vouchers=books.count("SELECT count(*) FROM vouchers"),
        about_openings=_openings(books),
        about_master_data=_master_data(books),
    )


def _unbalanced(db: sqlite3.Connection) -> Iterable[tuple[int, str]]:
    for v in db.execute(VOUCHER_SELECT + " ORDER BY v.year, v.number, v.id"):
        problems = voucher_problems(v, Sums.parse(v["tot"]))
        if problems:
            yield v["id"], json.dumps(problems, ensure_ascii=False)


def voucher_problems(voucher: sqlite3.Row, sums: Sums) -> list[str]:
    """Why a voucher does not add up, in Danish; empty when it does."""
    problems = []
    n, bad = voucher["n"], voucher["bad"]
    if bad:
        problems.append(f"{bad} beløb kan ikke læses som tal")
    if n and sums.balance != 0:
        problems.append(f"posteringerne summer til {fmt.money(sums.balance)}, ikke 0,00")
    if voucher["known"]:
        debit, credit = fmt.to_decimal(voucher["debit"]), fmt.to_decimal(voucher["credit"])
        if debit is not None and not bad and debit != sums.debit:
            problems.append(f"bilaget angiver debet {fmt.money(debit)}, posteringerne {fmt.money(sums.debit)}")
        if credit is not None and not bad and abs(credit) != -sums.credit:
            problems.append(f"bilaget angiver kredit {fmt.money(abs(credit))}, posteringerne {fmt.money(-sums.credit)}")
    return problems


def _openings(books: Books) -> list[Finding]:
    """How each year opened (``balances``: a first year without opening entries, the prior result put
    into equity, a voucher that moves it already), opening entries that cannot be placed, and years
    whose opening entries do not carry the year before's closing balances (every balance sheet
    account opens where it closed, but equity, which opens with the year before's result added; the
    income statement's accounts then open at zero)."""
    found = []
    if books.counts.primo_unplaced:
        found.append(F.OPENINGS_UNPLACED(PRIMO, count=books.counts.primo_unplaced))
    balances = books.balances
    if balances.unusable:
        unusable = F.RESULT_ACCOUNT_MISSING if balances.unusable == "missing" else F.RESULT_ACCOUNT_NOT_BALANCE
        found.append(unusable(PRIMO, account=books.result_account or ""))
    for i, opening in enumerate(balances.openings):
        year = books.years[i]
        if opening.basis == NONE:
            found.append(F.OPENINGS_NONE_FIRST_YEAR(PRIMO, year=year.label))
        elif opening.basis == CARRIED:
            found.extend(_carried(books, opening, year.label, books.years[i - 1].label))
        elif i:
            found.extend(_not_carried(books, i, year.label))
    return found


def _carried(books: Books, opening: Opening, year: str, previous: str) -> list[Finding]:
    found = []
    if opening.moved_by:
        found.append(F.OPENINGS_RESULT_MOVED(PRIMO, year=year, previous=previous, result=opening.previous_result,
                                             count=len(opening.moved_by), vouchers=list(opening.moved_by)))
    elif opening.result_account is not None:
        account = books.balances.chart[opening.result_account]
        kind = F.OPENINGS_RESULT_SEPARATE if account is books.balances.synthetic else F.OPENINGS_RESULT_CARRIED
        found.append(kind(PRIMO, year=year, previous=previous, result=opening.result,
                          account=f"{account.number or account.key} {account.name}".strip()))
    else:
        found.append(F.OPENINGS_CARRIED(PRIMO, year=year, previous=previous))
    if opening.unclassified:
        found.append(F.OPENINGS_UNCLASSIFIED(PRIMO, year=year, count=len(opening.unclassified),
                                             examples=list(opening.unclassified[:5])))
    return found


def _not_carried(books: Books, i: int, year: str) -> list[Finding]:
    """Whether Xena's opening entries of the year at ``i`` carry the closing balances before it."""
    balances = books.balances
    differ, equity, result = [], ZERO, ZERO
    for key, years in balances.accounts.items():
        opening, before = years[i].opening, years[i - 1].closing
        account = balances.chart[key]
        if is_equity(account):
            equity = EXACT.add(equity, opening - before)
        elif statement(account) == BALANCE_SHEET:
            if opening != before:
                differ.append(key)
        else:
            result = EXACT.add(result, before - opening)
    problems = []
    if differ:
        problems.append(F.ACCOUNTS_OPEN_ELSEWHERE(PRIMO, count=len(differ), examples=differ[:5]))
    if equity != result:
        problems.append(F.EQUITY_NOT_RESULT(PRIMO, equity=equity, result=result))
    return [F.OPENINGS_NOT_CARRIED(PRIMO, year=year, problems=problems)] if problems else []


def _master_data(books: Books) -> list[Finding]:
    """What postings name that the chart of accounts or PartnerDto lacks (where the backup has them:
    without the table, every account or partner is one postings name, and that says nothing new)."""
    found = []
    accounts = sum(1 for a in books.accounts.values() if not a.in_chart)
    if accounts and (books.tables / "LedgerTagDto.jsonl").is_file():
        found.append(F.ACCOUNTS_NOT_IN_CHART(f"{TABLES}/LedgerTagDto.jsonl", count=accounts))
    parties = sum(1 for p in books.parties.values() if not p.in_table)
    if parties and (books.tables / "PartnerDto.jsonl").is_file():
        found.append(F.PARTNERS_NOT_IN_TABLE(f"{TABLES}/PartnerDto.jsonl", count=parties))
    return found
