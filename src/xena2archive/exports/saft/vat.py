"""Erhvervsstyrelsen's standard VAT codes (``StandardTaxCode``) for Xena's VAT codes.

A value the user set in Xena ("SAF-T standard momskode", found by ``books.model.standard_column``)
beats anything here. Otherwise only what Xena's ``VatType`` makes certain is mapped, in the new
forms of Erhvervsstyrelsen's list (``2026-01-01-Momskoder-Bruttoliste``, valid from 2025-12-01):
domestic sales and purchases at the standard rate of 25 %. Every other code is left without one
and reported as unmapped, never guessed.
"""

from __future__ import annotations

from decimal import Decimal

from ...books.model import VatCode

STANDARD_RATE = Decimal(25)
CERTAIN = {  # Xena's VatType at the standard rate -> the standard VAT code (new form)
    "VatType_Sales": "S01",  # "Momspligtige salg (DK), 25 % moms"
    "VatType_Purchase": "K010",  # input VAT on domestic purchases
}


def standard_tax_code(vat: VatCode | None) -> tuple[str, str]:
    """(the standard VAT code, where it came from: "xena", "mapped" or "" when there is none)."""
    if vat is None:
        return "", ""
    if vat.standard:
        return vat.standard, "xena"
    if vat.percentage == STANDARD_RATE and vat.kind in CERTAIN:
        return CERTAIN[vat.kind], "mapped"
    return "", ""
