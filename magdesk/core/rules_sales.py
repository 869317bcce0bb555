"""Sales checked together.

A year may hold a million sales.  Besides each sale's record rules,
validation needs to know of them together: the mass sold from each batch
(never more than it made), sales that repeat another's customer, day,
product and mass, the sales to export (against the export lines) and the
monthly sums for the balance.  A ``SaleSummary`` holds just that.  Storage
works it out in SQL and hands over, of the rows themselves, only those that
may break a record rule (storage/sales.py); ``summarise`` works it out from
records in memory.  Either way ``check_sales`` turns it into findings, so
the rules are written once, here and in ``check_sale``.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Protocol

from . import enums as E
from . import rules_records as R
from .findings import Finding, finding
from .model import Adjustment, Sale
from .units import format_kg

SALE_COLUMNS = tuple(f.name for f in dataclasses.fields(Sale))
_DATE, _EXPORT = SALE_COLUMNS.index("date"), SALE_COLUMNS.index("is_export")


class ExportSale(NamedTuple):
    """What the export lines are checked against of a sale to export."""

    doc_no: str
    date: str  # ISO
    customer_id: int
    product_id: int
    qty_g: int


EXPORT_SALE_COLUMNS = ExportSale._fields


@dataclass
class SaleSummary:
    """What validation needs to know of all the sales (rows are tuples in
    ``SALE_COLUMNS`` order, dates as ISO text, ``is_export`` 0/1)."""

    # the rows that may break a record rule, by date: every other row breaks none
    suspects: Iterable[tuple]
    # batch id -> grams sold, at least of every batch sold beyond its output
    # and returns (storage leaves the others out)
    sold_by_batch: dict[int, int]
    # (doc_no, date) of each sale after the first with the same customer,
    # day, product and mass
    repeats: Iterable[tuple[str, str]]
    export_sales: dict[int, ExportSale]  # id -> the sale
    # (product id, YYYY-MM, 'out_sales' or 'out_export', grams) for the balance
    movements: list[tuple[int, str, str, int]]
    # one batch's sales as (doc_no, date, grams), by date
    sales_of_batch: Callable[[int], Iterable[tuple[str, str, int]]]


class PendingSummary(Protocol):
    """A summary being worked out elsewhere."""

    def result(self, tick: Callable[[], None]) -> SaleSummary:
        """The summary, once ready (``tick`` is called while waiting and may
        raise to give up)."""

    def cancel(self) -> None:
        """Stop working (a no-op once the result is in)."""


def sale_row(s: Sale) -> tuple:
    """A record as it is stored."""
    row = list(dataclasses.astuple(s))
    row[_DATE] = s.date.isoformat() if s.date is not None else None
    row[_EXPORT] = 1 if s.is_export else 0
    return tuple(row)


def _compile_from_row():
    parts = [f"r[{i}]" for i in range(len(SALE_COLUMNS))]
    parts[_DATE] = f"(None if r[{_DATE}] is None else fromisoformat(r[{_DATE}]))"
    parts[_EXPORT] = f"bool(r[{_EXPORT}])"
    return eval(f"lambda r: Sale({', '.join(parts)})",  # noqa: S307 - from our dataclass
                {"Sale": Sale, "fromisoformat": date.fromisoformat})


sale_from_row = _compile_from_row()
sale_from_row.__doc__ = "A stored row as a record."


def summarise(sales: Iterable[Sale]) -> SaleSummary:
    """The summary of sales held in memory (every one a suspect)."""
    records = sorted(sales, key=lambda s: (s.date, s.id or 0))
    sold: dict[int, int] = defaultdict(int)
    by_month: dict[tuple[int, str, str], int] = defaultdict(int)
    seen: set[tuple] = set()
    repeats = []
    for s in records:
        day = s.date.isoformat()
        sold[s.batch_id] += s.qty_g
        by_month[(s.product_id, day[:7], "out_export" if s.is_export else "out_sales")] += s.qty_g
        key = (s.customer_id, s.date, s.product_id, s.qty_g)
        if key in seen:
            repeats.append((s.doc_no, day))
        seen.add(key)

    def sales_of_batch(batch_id: int):
        return [(s.doc_no, s.date.isoformat(), s.qty_g) for s in records
                if s.batch_id == batch_id]

    return SaleSummary(
        suspects=[sale_row(s) for s in records], sold_by_batch=dict(sold), repeats=repeats,
        export_sales={s.id: ExportSale(s.doc_no, s.date.isoformat(), s.customer_id,
                                       s.product_id, s.qty_g)
                      for s in records if s.is_export},
        movements=[(*key, grams) for key, grams in by_month.items()],
        sales_of_batch=sales_of_batch)


def check_sales(summary: SaleSummary, ctx: R.Context,
                adjustments: Iterable[Adjustment]) -> list[Finding]:
    """Every finding of the sales but those against export lines."""
    out: list[Finding] = []
    for row in summary.suspects:
        try:
            sale = sale_from_row(row)
        except ValueError:  # a date no magdesk wrote: nothing else can be checked
            out.append(finding("date.invalid", "sale", row[1], "date", None, value=row[_DATE]))
            continue
        period = row[_DATE][:7]
        out += [dataclasses.replace(f, period=period) for f in R.check_sale(sale, ctx, None)]
    out += _oversold(summary, ctx, adjustments)
    out += [finding("dup.suspect", "sale", doc, None, day[:7]) for doc, day in summary.repeats]
    return out


def _oversold(summary: SaleSummary, ctx: R.Context,
              adjustments: Iterable[Adjustment]) -> list[Finding]:
    """A batch sold beyond its output (plus returns), at the sale that tips it."""
    available = {bid: b.output_g for bid, b in ctx.batches.items()}
    for adj in adjustments:
        if adj.kind == E.AdjustmentKind.RETURN and adj.batch_id in available:
            available[adj.batch_id] += adj.qty_g
    out = []
    for bid, grams in summary.sold_by_batch.items():
        if bid not in available or grams <= available[bid]:
            continue
        total = 0
        for doc, day, qty in summary.sales_of_batch(bid):
            total += qty
            if total > available[bid]:
                out.append(finding("batch.oversold", "sale", doc, "qty_g", day[:7],
                                   batch=ctx.batches[bid].batch_no,
                                   available=format_kg(available[bid]), sold=format_kg(total)))
                break
    return out
