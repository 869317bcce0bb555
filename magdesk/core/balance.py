"""The monthly stock balance per product (DOMAIN.md §3(f)).

opening + purchases + production in + returns
        − sales − exports − consumption − losses = closing,  to the gram.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, finding
from .units import format_kg

# The kinds of movement, in the order of the columns of the inventory sheet.
IN_KINDS = ("in_purchase", "in_production", "in_return")
OUT_KINDS = ("out_sales", "out_export", "out_consumption", "out_loss")
KINDS = ("opening_adj",) + IN_KINDS + OUT_KINDS


@dataclass(frozen=True, slots=True)
class BalanceRow:
    product_id: int
    period: str
    opening_g: int
    in_purchase: int = 0
    in_production: int = 0
    in_return: int = 0
    out_sales: int = 0
    out_export: int = 0
    out_consumption: int = 0
    out_loss: int = 0
    closing_g: int = 0

    @property
    def total_in(self) -> int:
        return self.in_purchase + self.in_production + self.in_return

    @property
    def total_out(self) -> int:
        return self.out_sales + self.out_export + self.out_consumption + self.out_loss

    @property
    def has_activity(self) -> bool:
        return bool(self.opening_g or self.total_in or self.total_out or self.closing_g)


def next_period(period: str) -> str:
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def periods_between(first: str, last: str) -> list[str]:
    out = []
    current = first
    while current <= last:
        out.append(current)
        current = next_period(current)
    return out


def monthly_balance(
    movements: Iterable[tuple[int, str, str, int]], last_period: str | None = None
) -> list[BalanceRow]:
    """Roll movements ``(product_id, period, kind, grams)`` into balance rows.

    Every product gets one row per month from its first movement to
    ``last_period`` (or its last movement); opening = last month's closing.
    ``opening_adj`` movements (stock on hand when records began) add to the
    opening of their month.
    """
    by_product: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for product_id, period, kind, grams in movements:
        cell = by_product[product_id][period]
        cell[kind] = cell.get(kind, 0) + grams
    rows: list[BalanceRow] = []
    for product_id in sorted(by_product):
        months = by_product[product_id]
        end = max(max(months), last_period or "")
        closing = 0
        for period in periods_between(min(months), end):
            m = months.get(period, {})
            opening = closing + m.get("opening_adj", 0)
            ins = [m.get(k, 0) for k in IN_KINDS]
            outs = [m.get(k, 0) for k in OUT_KINDS]
            closing = opening + sum(ins) - sum(outs)
            rows.append(BalanceRow(product_id, period, opening, *ins, *outs, closing))
    return rows


def check_balance(rows: Iterable[BalanceRow], product_codes: dict[int, str]) -> list[Finding]:
    """Identity to the gram, opening = previous closing, and no negative stock."""
    out: list[Finding] = []
    previous: dict[int, BalanceRow] = {}
    for row in rows:
        code = product_codes.get(row.product_id, str(row.product_id))
        if row.opening_g + row.total_in - row.total_out != row.closing_g:
            out.append(finding("balance.identity", "inventory", code, "closing_g", row.period,
                               month=row.period))
        before = previous.get(row.product_id)
        if before is not None and before.period < row.period and before.closing_g > row.opening_g:
            out.append(finding("balance.opening", "inventory", code, "opening_g", row.period,
                               month=row.period))
        went_negative = before is None or before.closing_g >= 0
        if row.closing_g < 0 and went_negative:  # later months only repeat the cause
            out.append(finding("balance.negative", "inventory", code, "closing_g", row.period,
                               month=row.period, closing=format_kg(row.closing_g)))
        previous[row.product_id] = row
    return out
