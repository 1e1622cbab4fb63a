"""What the audit of the books found: counts (the lists are in the books' database) and findings.

A record below the loader and the audit (``audit.audit`` makes it, ``load.Books`` carries it), so
neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import findings as F
from ..findings import Finding
from ..layout import UNBALANCED_PAGE, UNRELATED_PAGE, WITHOUT_DOCUMENT_PAGE, WITHOUT_VOUCHER_PAGE


@dataclass(frozen=True)
class Audit:
    """What the audit found, as counts (the lists are in the books' database) and findings."""

    unbalanced: int
    without_voucher: int
    unrelated: int
    outside_years: int
    not_converted: int
    bad_amounts: int
    vouchers_from_postings: bool  # postings but no VoucherDto: the vouchers are built from the postings
    without_document: int = 0  # vouchers no document belongs to
    vouchers: int = 0  # all vouchers, known from VoucherDto or from postings
    about_openings: list[Finding] = field(default_factory=list)  # opening entries unplaced or not carried
    about_master_data: list[Finding] = field(default_factory=list)  # what postings name and the tables lack

    def findings(self) -> list[Finding]:
        """The findings for the report."""
        found = []
        if self.unbalanced:
            found.append(F.VOUCHERS_UNBALANCED("LedgerPostDto/VoucherDto", count=self.unbalanced, page=UNBALANCED_PAGE))
        if self.without_voucher:
            found.append(F.POSTINGS_WITHOUT_VOUCHER("LedgerPostDto", count=self.without_voucher,
                                                    page=WITHOUT_VOUCHER_PAGE))
        if self.unrelated:
            found.append(F.DOCUMENTS_WITHOUT_RELATION("DocumentDto/DocumentRelationDto", count=self.unrelated,
                                                      page=UNRELATED_PAGE))
        if self.without_document:
            found.append(F.VOUCHERS_WITHOUT_DOCUMENT("VoucherDto/DocumentDto", count=self.without_document,
                                                     total=self.vouchers, page=WITHOUT_DOCUMENT_PAGE))
        if self.outside_years:
            found.append(F.POSTINGS_OUTSIDE_YEARS("LedgerPostDto", count=self.outside_years))
        if self.bad_amounts:
            found.append(F.AMOUNTS_NOT_NUMBERS("LedgerPostDto", count=self.bad_amounts))
        if self.vouchers_from_postings:
            found.append(F.VOUCHERS_FROM_POSTINGS("VoucherDto"))
        return [*found, *self.about_openings, *self.about_master_data]
