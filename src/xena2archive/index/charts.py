"""Monthly charts of a fiscal year as static SVG in the page (no script): revenue and costs as bars
with the result as a line, and the cash balance at each month's end. Only geometry is computed here;
the figures are ``books.queries.months``'s and the template ``charts.html`` draws them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..books.queries import Month

MONTHS_DA = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 240, 78, 12, 12, 28


@dataclass(frozen=True)
class Scale:
    """A vertical scale from ``low`` to ``high`` (0 within it), with round ticks."""

    low: Decimal
    high: Decimal
    ticks: tuple[Decimal, ...]

    def y(self, value: Decimal) -> float:
        span = float(self.high - self.low) or 1.0
        return round(TOP + (HEIGHT - TOP - BOTTOM) * float(self.high - value) / span, 1)


def _step(span: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving at most five ticks over ``span``."""
    power = Decimal(10) ** max(0, len(str(int(span))) - 1)
    for factor in (Decimal("0.1"), Decimal("0.2"), Decimal("0.5"), 1, 2, 5, 10):
        step = power * factor
        if span / step <= 5:
            return step
    return power * 10


def scale(values: list[Decimal]) -> Scale:
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if low == high:
        high = Decimal(1)
    step = _step(high - low)
    low = (low / step).to_integral_value("ROUND_FLOOR") * step
    high = (high / step).to_integral_value("ROUND_CEILING") * step
    ticks, tick = [], low
    while tick <= high:
        ticks.append(tick)
        tick += step
    return Scale(low, high, tuple(ticks))


def _x(i: int, n: int) -> float:
    """The centre of month ``i`` of ``n``."""
    return round(LEFT + (WIDTH - LEFT - RIGHT) * (i + 0.5) / n, 1)


def month_charts(months: list[Month]) -> dict[str, Any]:
    """What ``charts.html`` needs: axes, bars, lines and the figures for the table beside them."""
    n = len(months) or 1
    band = (WIDTH - LEFT - RIGHT) / n
    flows = scale([v for m in months for v in (m.revenue, -m.costs, m.result)])
    zero = flows.y(Decimal(0))
    bars = []
    for i, m in enumerate(months):
        for offset, value, kind in ((-0.36, m.revenue, "revenue"), (0.02, -m.costs, "costs")):
            top = flows.y(max(value, Decimal(0)))
            bars.append({"x": round(_x(i, n) + offset * band, 1), "y": top, "w": round(band * 0.34, 1),
                         "h": round(abs(flows.y(value) - zero), 1), "kind": kind, "value": value})
    cash = scale([m.cash for m in months])
    labels = [{"x": _x(i, n), "text": MONTHS_DA[int(m.month[5:7]) - 1]} for i, m in enumerate(months)]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "bottom": HEIGHT - BOTTOM,
        "labels": labels, "bars": bars,
        "months": [{"label": f"{MONTHS_DA[int(m.month[5:7]) - 1]} {m.month[:4]}", "month": m} for m in months],
        "flows": {"zero": zero, "ticks": [(flows.y(t), int(t)) for t in flows.ticks],
                  "result": " ".join(f"{_x(i, n)},{flows.y(m.result)}" for i, m in enumerate(months)),
                  "points": [(_x(i, n), flows.y(m.result)) for i, m in enumerate(months)]},
        "cash": {"zero": cash.y(Decimal(0)), "ticks": [(cash.y(t), int(t)) for t in cash.ticks],
                 "line": " ".join(f"{_x(i, n)},{cash.y(m.cash)}" for i, m in enumerate(months)),
                 "points": [(_x(i, n), cash.y(m.cash)) for i, m in enumerate(months)]},
    }
