"""The audit of the books: what does not add up, found once, before anything is rendered.

It reads the loaded books (``ledger.Ledger``): vouchers whose postings do not sum to zero or do
not match the voucher's own debit and credit, postings without a voucher, documents nothing
refers to, postings outside every fiscal year, amounts that are not numbers. The vouchers that
do not add up are written into the books' database (table ``unbalanced``, in year and number
order, with their problems) so the index can list them; everything else is counts. The index
renders the ``Audit``; the report gets its findings.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .. import findings as F
from .. import fmt
from ..findings import Finding
from ..layout import UNBALANCED_PAGE, UNRELATED_PAGE, WITHOUT_VOUCHER_PAGE
from ..records import DocumentEntry
from .ledger import NO_YEAR, VOUCHER_SELECT, Ledger, Sums, insert_batched

# Documents that no voucher, partner, order or posting refers to, in the documents' order.
UNRELATED_DOCUMENTS = ("SELECT ord FROM docs WHERE ord NOT IN (SELECT ord FROM doc_links WHERE kind != 'd')"
                       " AND ord NOT IN (SELECT ord FROM vdocs) ORDER BY ord")


@dataclass(frozen=True)
class Audit:
    """What the audit found, as counts; the lists are in the books' database."""

    unbalanced: int
    without_voucher: int
    unrelated: int
    outside_years: int
    not_converted: int
    bad_amounts: int
    vouchers_from_postings: bool  # postings but no VoucherDto: the vouchers are built from the postings

    def findings(self) -> list[Finding]:
        """The findings for the report."""
        found = []
        if self.unbalanced:
            found.append(F.VOUCHERS_UNBALANCED("LedgerPostDto/VoucherDto",
                          f"{self.unbalanced} voucher(s) do not add up (postings not summing to 0, or not matching the "
                          "voucher's debit/credit); listed in " + UNBALANCED_PAGE))
        if self.without_voucher:
            found.append(F.POSTINGS_WITHOUT_VOUCHER("LedgerPostDto",
                          f"{self.without_voucher} posting(s) without a voucher; listed in {WITHOUT_VOUCHER_PAGE}"))
        if self.unrelated:
            found.append(F.DOCUMENTS_WITHOUT_RELATION("DocumentDto/DocumentRelationDto",
                          f"{self.unrelated} document(s) not related to any voucher, partner, order or posting; "
                          f"listed in {UNRELATED_PAGE}"))
        if self.outside_years:
            found.append(F.POSTINGS_OUTSIDE_YEARS("LedgerPostDto",
                          f"{self.outside_years} posting(s) dated outside every fiscal year of FiscalPeriodDto"))
        if self.bad_amounts:
            found.append(F.AMOUNTS_NOT_NUMBERS("LedgerPostDto",
                          f"{self.bad_amounts} posting amount(s) are not numbers and are left out of every sum"))
        if self.vouchers_from_postings:
            found.append(F.VOUCHERS_FROM_POSTINGS("VoucherDto", "the backup has no VoucherDto table; vouchers in the "
                                                                "index are built from the postings' voucher ids"))
        return found


def without_voucher(ledger: Ledger) -> str:
    """The SQL condition on ``posts p LEFT JOIN vouchers v`` of a posting without a voucher."""
    return "p.voucher_id IS NULL" + (" OR v.known = 0" if ledger.has_vouchers else "")


def audit(ledger: Ledger, documents: list[DocumentEntry]) -> Audit:
    """Audit the loaded books and their ``documents``."""
    db = ledger.db
    db.execute("CREATE TABLE unbalanced(ord INTEGER PRIMARY KEY, voucher_id INTEGER, problems TEXT)")
    insert_batched(db, "INSERT INTO unbalanced VALUES (?,?,?)",
                   ((n, voucher_id, problems) for n, (voucher_id, problems) in enumerate(_unbalanced(db))))
    db.commit()
    unbalanced = ledger.count("SELECT count(*) FROM unbalanced")
    return Audit(
        unbalanced=unbalanced,
        without_voucher=ledger.count("SELECT count(*) FROM posts p LEFT JOIN vouchers v ON v.id = p.voucher_id "
                                     f"WHERE {without_voucher(ledger)}"),
        unrelated=ledger.count(f"SELECT count(*) FROM ({UNRELATED_DOCUMENTS})"),
        outside_years=ledger.count("SELECT count(*) FROM posts WHERE year = ?", NO_YEAR) if ledger.periods else 0,
        not_converted=sum(1 for d in documents if not d.converted),
        bad_amounts=ledger.bad_amounts,
        vouchers_from_postings=ledger.has_posts and not ledger.has_vouchers,
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
