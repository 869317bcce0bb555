"""Sales checked as stored rows.

A year may hold a million sales, and building a record per sale to run
``check_sale`` on it was most of the time validation took.  Here each stored
row (a tuple in ``SALE_COLUMNS`` order, the date as ISO text, ``is_export`` as
0/1) goes through one test of everything the field specs and ``check_sale``
check.  Only a row that fails it (normally none) becomes a record, and
``check_sale`` says what is wrong with it, so the two must agree: a row passes
the test exactly when ``check_sale`` finds nothing (tests/core check it).  The
per-sale bookkeeping of ``SaleChecks`` (stock per batch, suspected duplicates,
monthly sums, the export sales) is done on the row as well.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date

from . import enums as E
from . import rules_records as R
from .findings import Finding, finding
from .model import Sale
from .rules_cross import SaleChecks
from .units import format_kg

SALE_COLUMNS = tuple(f.name for f in dataclasses.fields(Sale))
# The loop below unpacks rows by position: a new field must be added there too.
assert SALE_COLUMNS == ("id", "doc_no", "date", "customer_id", "product_id", "batch_id",
                        "qty_g", "grade", "qty_pcs", "amount_fen", "currency", "invoice_no",
                        "contract_no", "is_export", "end_use"), SALE_COLUMNS
_DATE, _EXPORT = SALE_COLUMNS.index("date"), SALE_COLUMNS.index("is_export")


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


_ROW_TEST = """
def passes(r):
    (_id, _doc, day, customer, product, batch, grams, _grade, pieces, _amount, currency,
     invoice, _contract, export, end_use) = r
    if not ({fields}):
        return False
    made = batch_of.get(batch)
    return (
        customer not in not_customer
        and product not in not_magnet
        and (made is None or (made[0] == product and day >= made[1]))
        and (not pieces or not grams > 0 or 0.01 <= grams / pieces <= 50_000)
        and (not currency or currency in currencies)
        and ((len(invoice) in (8, 20) and invoice.isascii() and invoice.isdigit())
             if invoice else bool(export))
        and (not export or bool(end_use))
    )
"""


def sale_row_test(ctx: R.Context) -> Callable[[tuple], bool]:
    """Whether a stored sale passes every record rule (see the module doc):
    the field specs' checks and check_sale's, compiled into one function."""
    env = {
        "today": ctx.today.isoformat(), "earliest": R.EARLIEST.isoformat(),
        "not_customer": frozenset(i for i, cp in ctx.counterparties.items()
                                  if cp.role == E.Role.SUPPLIER),
        "not_magnet": frozenset(i for i, p in ctx.products.items()
                                if p.category not in E.MAGNET_CATEGORIES),
        "batch_of": {i: (b.product_id, b.end_date.isoformat() if b.end_date else "")
                     for i, b in ctx.batches.items()},
        "currencies": ctx.codes.currencies,
    }
    exec(_ROW_TEST.format(fields=R.row_condition("sale", SALE_COLUMNS)), env)  # noqa: S102
    return env["passes"]


def check_sale_rows(rows: Iterable[tuple], ctx: R.Context, checks: SaleChecks,
                    tick: Callable[[], None] | None = None) -> list[Finding]:
    """The record findings of every sale; the cross-sale ones go to ``checks``."""
    out: list[Finding] = []
    passes = sale_row_test(ctx)
    sold_by_month, sold, available = checks.sold_by_month, checks.sold, checks.available
    seen, export_sales, batches = checks.seen, checks.export_sales, ctx.batches
    for n, row in enumerate(rows, 1):
        (sid, doc, day, customer, product, batch, grams, _grade, _pieces, _amount, _currency,
         _invoice, _contract, export, _end_use) = row
        month = day[:7]
        if not passes(row):
            try:
                sale = sale_from_row(row)
            except ValueError:  # a date no magdesk wrote: nothing else can be checked
                out.append(finding("date.invalid", "sale", doc, "date", None, value=day))
                continue
            out += [dataclasses.replace(f, period=month) for f in R.check_sale(sale, ctx, None)]
        sold_by_month[(product, month, export)] += grams
        if batch in available:
            total = sold[batch] + grams
            sold[batch] = total
            if total > available[batch] and batch not in checks.flagged:
                checks.flagged.add(batch)
                checks.findings.append(finding(
                    "batch.oversold", "sale", doc, "qty_g", month,
                    batch=batches[batch].batch_no, available=format_kg(available[batch]),
                    sold=format_kg(total)))
        dup = (customer, day, product, grams)
        if dup in seen:
            checks.findings.append(finding("dup.suspect", "sale", doc, None, month))
        else:
            seen.add(dup)
        if export:
            export_sales[sid] = sale_from_row(row)
        if tick is not None and n % 50_000 == 0:
            tick()
    return out
