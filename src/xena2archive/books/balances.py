"""Opening and closing balances per fiscal year, of every account and every partner.

Sums of the amounts as SAF-T writes them (two decimals), so a file's balances are the sums of its
lines. The rule for the opening balance of an account:
- a year for which Xena holds opening entries (``PrimoLedgerPostDto``) opens with them (Xena moved
  the result to equity there; the income statement's accounts then open at zero);
- a year without any opens with the previous year's closing balances, every account carried, the
  income statement's too: moving a result to equity ourselves would invent an entry.
Partners open with the previous closing plus their opening entries (``PrimoPartnerPostDto``,
which Xena takes only in the first year).
"""

from __future__ import annotations

from decimal import Decimal

from .load import Books
from .money import EXACT, ZERO, Sums

Balances = list[tuple[Decimal, Decimal]]  # (opening, closing) per fiscal year, in year order


def account_balances(books: Books) -> dict[str, Balances]:
    """Every account's (opening, closing) per year (see the module's docstring)."""
    moves: dict[tuple[str, str], Decimal] = {}
    for account, year, tot in books.db.execute(
            "SELECT account, year, total(saft_amount) FROM posts WHERE saft_amount IS NOT NULL GROUP BY account, year"):
        moves[(account, year)] = Sums.parse(tot).balance
    opened = books.years_with_openings()
    result = {}
    for key in books.accounts:
        out, closing = [], ZERO
        for year in books.years:
            primo = books.primo_accounts.get((year.slug, key), ZERO)
            opening = primo if year.slug in opened else closing
            closing = EXACT.add(opening, moves.get((key, year.slug), ZERO))
            out.append((opening, closing))
        result[key] = out
    return result


def party_balances(books: Books) -> dict[tuple[int, str], Balances]:
    """Every (partner, side)'s (opening, closing) per year; side ``C`` customer, ``S`` supplier."""
    moves: dict[tuple[int, str, str], Decimal] = {}
    for partner, side, year, tot in books.db.execute(
            "SELECT partner_id, side, year, total(saft_amount) FROM posts WHERE partner_id IS NOT NULL"
            " AND saft_amount IS NOT NULL GROUP BY partner_id, side, year"):
        moves[(partner, side, year)] = Sums.parse(tot).balance
    result = {}
    for party in books.parties.values():
        for side, has in (("C", party.customer), ("S", party.supplier)):
            if has:
                out, closing = [], ZERO
                for year in books.years:
                    opening = EXACT.add(closing, books.primo_parties.get((year.slug, party.id, side), ZERO))
                    closing = EXACT.add(opening, moves.get((party.id, side, year.slug), ZERO))
                    out.append((opening, closing))
                result[(party.id, side)] = out
    return result
