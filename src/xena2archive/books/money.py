"""Exact money: sums that can never round, and the two-decimal form SAF-T writes.

A leaf of the books package (standard library only). Amounts are ``Decimal`` values from the JSONL's
decimal text, added in a context that raises on any rounding. The books' database sums them with
``total(amount)``, an SQL aggregate written here in Python (SQLite's own ``sum`` goes through
floating point): it answers ``"<debit>|<credit>"``, debit the sum of the amounts >= 0, credit of
those < 0, exact, so one aggregate gives movements, debit and credit alike (``Sums.parse``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded

# Exact arithmetic: any rounding would raise instead of silently changing a sum.
EXACT = Context(prec=400, traps=[InvalidOperation, Inexact, Rounded, Overflow])
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def add(a: Decimal, b: Decimal) -> Decimal:
    return EXACT.add(a, b)


def cents(value: Decimal) -> Decimal:
    """The amount as SAF-T writes it: two decimals, half-even."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


class Totals:
    """SQL aggregate ``total(amount)``: ``"<debit>|<credit>"``, exact, credit negative."""

    def __init__(self) -> None:
        self.debit = Decimal(0)
        self.credit = Decimal(0)

    def step(self, value: str | None) -> None:
        if value is None:
            return
        number = Decimal(value)
        if number >= 0:
            self.debit = EXACT.add(self.debit, number)
        else:
            self.credit = EXACT.add(self.credit, number)

    def finalize(self) -> str:
        return f"{self.debit}|{self.credit}"


@dataclass(frozen=True)
class Sums:
    """Debit (>= 0), credit (<= 0) and their sum, the balance."""

    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)

    @property
    def balance(self) -> Decimal:
        return EXACT.add(self.debit, self.credit)

    @classmethod
    def parse(cls, text: str | None) -> Sums:
        """The sums of a ``total(...)`` (none: zero)."""
        if not text:
            return cls()
        debit, credit = text.split("|")
        return cls(Decimal(debit), Decimal(credit))

    def __add__(self, other: Sums) -> Sums:
        return Sums(EXACT.add(self.debit, other.debit), EXACT.add(self.credit, other.credit))
