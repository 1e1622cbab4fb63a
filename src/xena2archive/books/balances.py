"""Opening (primo), debit, credit and closing (ultimo) per account and fiscal year, and how each year
opened: the one rule the index, SAF-T and the audit share.

Amounts are those SAF-T writes (two decimals; the loader counts any that round), so a SAF-T file's
balances are the sums of its lines and the index shows the same figures. Every year's opening has a
basis:

- ``xena``: Xena holds opening entries for the year (``PrimoLedgerPostDto``): every account opens
  with them (Xena has moved the result to equity there; an account they do not name opens at 0.00).
- ``none``: the first year, without opening entries: every account opens at 0.00. The balances are
  then probably incomplete (Xena's setup is usually older than its first fiscal year), and the audit
  says so.
- ``carried``: a later year without opening entries. Balance sheet accounts (Xena's asset and
  liability groups) open at their previous closing; income statement accounts (Xena's income
  groups) at 0.00; the previous year's result R (the sum of the income statement's closings, credit
  negative, so a profit is a credit) goes into the opening of ONE equity account: the one the user
  named (``result_account``, kept in the archive), else a separate account of our own,
  ``RESULT_KEY`` "Resultat af tidligere år, ikke overført i Xena", never one guessed from the
  accounts' names. No entry is invented: only the opening balances say where R went.
  An account whose group is neither (an unknown group, or an account only postings name) opens at
  its previous closing (moving it would be a guess) and is named.
  If the year already holds a voucher that moves the result (one voucher whose lines on the income
  statement's accounts sum to -R and whose lines on equity accounts sum to R: a closing entry
  posted in the new year), R is not applied a second time: the year opens with every account at its
  previous closing, as that voucher expects, and the audit names the voucher.

Partners open at their previous closing plus their opening entries (``PrimoPartnerPostDto``, which
Xena takes only in the first year): receivables and payables are balance sheet items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .load import Books
from .model import EQUITY, Account
from .money import EXACT, ZERO, Sums

XENA, CARRIED, NONE = "xena", "carried", "none"  # the basis of a year's opening
BALANCE_SHEET, INCOME_STATEMENT, UNCLASSIFIED = "balance", "income", "unclassified"
RESULT_KEY = "RESULTAT-FOER-XENA"  # the synthetic account's key (a suffix is added if the chart has it)
RESULT_NAME = "Resultat af tidligere år, ikke overført i Xena"
RESULT_NAME_EN = "Prior years' result, not transferred in Xena"
_INCOME = "Xena_Domain_Income_Accounts"
_BALANCE = ("Xena_Domain_Asset_Accounts", "Xena_Domain_Liability_Accounts")


def statement(account: Account) -> str:
    """Where an account belongs, by its Xena group: ``balance``, ``income`` or ``unclassified``."""
    if account.group.startswith(_BALANCE):
        return BALANCE_SHEET
    if account.group.startswith(_INCOME):
        return INCOME_STATEMENT
    return UNCLASSIFIED


def is_equity(account: Account) -> bool:
    return account.group.startswith(EQUITY)


@dataclass(frozen=True)
class Balance:
    """One account's (or partner's) year: ``closing = opening + debit - credit``.

    ``opening`` and ``closing`` are signed (debit positive, credit negative); ``debit`` and ``credit``
    are the year's movements, each as a positive amount."""

    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


@dataclass(frozen=True)
class Opening:
    """How one fiscal year opened (see the module's docstring)."""

    year: str  # the year's slug
    basis: str  # XENA, CARRIED or NONE
    result: Decimal = ZERO  # R: the previous year's result put into ``result_account``'s opening (CARRIED)
    result_account: str | None = None  # the key of the account R went into (CARRIED, when R was applied)
    moved_by: tuple[str, ...] = ()  # the vouchers of the year that already move the result (R not applied)
    previous_result: Decimal = ZERO  # the previous year's result, whether applied or not (CARRIED)
    unclassified: tuple[str, ...] = ()  # accounts neither balance sheet nor income statement, carried (CARRIED)


@dataclass
class Balances:
    """Every account's balances per fiscal year (in ``books.years`` order), and how each year opened.

    ``chart`` is the books' accounts, plus the synthetic result account when a year needed it;
    ``result_account`` the account the user named, if it could be used (else ``unusable`` says why)."""

    openings: list[Opening]
    accounts: dict[str, list[Balance]]
    chart: dict[str, Account]
    synthetic: Account | None = None
    result_account: str | None = None
    unusable: str = ""  # why the named result account was not used: "missing" or "not-balance-sheet"
    parties: dict[tuple[int, str], list[Balance]] = field(default_factory=dict)

    def year(self, index: int) -> dict[str, Balance]:
        """Every account's balance in the year at ``index``."""
        return {key: years[index] for key, years in self.accounts.items()}


def compute(books: Books, result_account: str | None = None) -> Balances:
    """The balances of ``books`` by the module's rule; ``result_account`` is the key (number) of the
    equity account the user named for the prior years' result."""
    moves = {(row[0], row[1]): Sums.parse(row[2]) for row in books.db.execute(
        "SELECT account, year, total(saft_amount) FROM posts WHERE saft_amount IS NOT NULL GROUP BY account, year")}
    chart = dict(books.accounts)
    named, unusable = None, ""
    if result_account is not None:
        account = chart.get(result_account)
        if account is None:
            unusable = "missing"
        elif statement(account) != BALANCE_SHEET:
            unusable = "not-balance-sheet"
        else:
            named = result_account
    opened = books.years_with_openings()
    synthetic = None
    closing: dict[str, Decimal] = dict.fromkeys(chart, ZERO)
    result: dict[str, list[Balance]] = {key: [] for key in chart}
    openings: list[Opening] = []
    for index, year in enumerate(books.years):
        if year.slug in opened:
            opening = {key: books.primo_accounts.get((year.slug, key), ZERO) for key in closing}
            openings.append(Opening(year.slug, XENA))
        elif index == 0:
            opening = dict.fromkeys(closing, ZERO)
            openings.append(Opening(year.slug, NONE))
        else:
            r = ZERO
            for key in closing:
                if statement(chart[key]) == INCOME_STATEMENT:
                    r = EXACT.add(r, closing[key])
            moved_by = tuple(_moving_result(books, year.slug, chart, named, r)) if r else ()
            opening = dict(closing)
            target = None
            if not moved_by:
                for key in closing:
                    if statement(chart[key]) == INCOME_STATEMENT:
                        opening[key] = ZERO
                if r:
                    if named is None and synthetic is None:
                        synthetic = _synthetic(chart)
                        chart[synthetic.key] = synthetic
                        closing[synthetic.key] = opening[synthetic.key] = ZERO
                        result[synthetic.key] = [Balance(ZERO, ZERO, ZERO, ZERO)] * index
                    target = named or synthetic.key  # type: ignore[union-attr]  # made just above when None
                    opening[target] = EXACT.add(opening[target], r)
            unclassified = tuple(k for k in closing if statement(chart[k]) == UNCLASSIFIED and closing[k])
            openings.append(Opening(year.slug, CARRIED, r if target else ZERO, target, moved_by, r, unclassified))
        for key, start in opening.items():
            sums = moves.get((key, year.slug), Sums())
            closing[key] = EXACT.add(start, sums.balance)
            result[key].append(Balance(start, sums.debit, -sums.credit, closing[key]))
    return Balances(openings, result, chart, synthetic, named, unusable, _party_balances(books))


def _synthetic(chart: dict[str, Account]) -> Account:
    key = RESULT_KEY
    while key in chart:
        key += "-X"
    return Account(key, "", RESULT_NAME, EQUITY, "Egenkapital", in_chart=False)


def _moving_result(books: Books, year: str, chart: dict[str, Account], named: str | None, r: Decimal) -> list[str]:
    """The vouchers (transactions) of ``year`` whose lines on the income statement's accounts sum to
    -``r`` and whose lines on equity accounts (and the named result account) sum to ``r``: each moves
    the previous result itself."""
    db = books.db
    db.execute("DROP TABLE IF EXISTS temp.statement")
    db.execute("CREATE TEMP TABLE statement(key TEXT PRIMARY KEY, kind TEXT)")
    db.executemany("INSERT INTO temp.statement VALUES (?,?)", [
        (key, INCOME_STATEMENT if statement(a) == INCOME_STATEMENT else "equity")
        for key, a in chart.items() if statement(a) == INCOME_STATEMENT or is_equity(a) or key == named])
    found = []
    for row in db.execute(
            "SELECT g.gkey, coalesce(v.number, g.vnum) AS number,"
            " total(CASE WHEN s.kind = 'income' THEN p.saft_amount END) AS income,"
            " total(CASE WHEN s.kind = 'equity' THEN p.saft_amount END) AS equity"
            " FROM posts p JOIN temp.statement s ON s.key = p.account"
            " JOIN groups g ON g.year = p.year AND g.gkey = p.gkey LEFT JOIN vouchers v ON v.id = g.voucher_id"
            " WHERE p.year = ? AND p.saft_amount IS NOT NULL GROUP BY g.gkey ORDER BY g.day, g.first", (year,)):
        if Sums.parse(row["income"]).balance == -r and Sums.parse(row["equity"]).balance == r:
            found.append(str(row["number"] if row["number"] is not None else row["gkey"]))
    db.execute("DROP TABLE temp.statement")
    return found


def _party_balances(books: Books) -> dict[tuple[int, str], list[Balance]]:
    """Every (partner, side)'s balances per year; side ``C`` customer, ``S`` supplier."""
    moves: dict[tuple[int, str, str], Sums] = {}
    for partner, side, year, tot in books.db.execute(
            "SELECT partner_id, side, year, total(saft_amount) FROM posts WHERE partner_id IS NOT NULL"
            " AND saft_amount IS NOT NULL GROUP BY partner_id, side, year"):
        moves[(partner, side, year)] = Sums.parse(tot)
    result = {}
    for party in books.parties.values():
        for side, has in (("C", party.customer), ("S", party.supplier)):
            if has:
                out, closing = [], ZERO
                for year in books.years:
                    opening = EXACT.add(closing, books.primo_parties.get((year.slug, party.id, side), ZERO))
                    sums = moves.get((party.id, side, year.slug), Sums())
                    closing = EXACT.add(opening, sums.balance)
                    out.append(Balance(opening, sums.debit, -sums.credit, closing))
                result[(party.id, side)] = out
    return result
