"""Validation of a whole data set: every record rule, every cross-record rule,
the monthly balance.  Pure and total: findings are returned, never raised."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from . import rules_cross as X
from . import rules_records as R
from . import rules_sales as S
from .balance import check_balance, monthly_balance
from .codelists import CodeLists
from .control import ControlPolicy
from .findings import Finding, Severity
from .model import (
    Adjustment,
    Batch,
    Company,
    Counterparty,
    ExportLine,
    Licence,
    Product,
    Purchase,
    Sale,
)


@dataclass
class Dataset:
    """Everything validation reads.  Small tables as dicts by id; the large
    ones (inputs, sales) as callables returning fresh iterators, sales in
    date order, so that they can be streamed from storage."""

    company: Company | None = None
    counterparties: dict[int, Counterparty] = field(default_factory=dict)
    products: dict[int, Product] = field(default_factory=dict)
    purchases: dict[int, Purchase] = field(default_factory=dict)
    batches: dict[int, Batch] = field(default_factory=dict)
    licences: dict[int, Licence] = field(default_factory=dict)
    # batch input lines as stored: (id, batch id, lot id, grams)
    inputs: Callable[[], Iterable[tuple[int, int, int, int]]] = lambda: ()
    # or, from storage, what the checks need to know of them, summed there
    input_sums: Callable[[], X.InputSums] | None = None
    sales: Callable[[], Iterable[Sale]] = lambda: ()
    # or, from storage, what validation needs to know of the sales, worked
    # out there: called with the rules' Context as validation starts, it may
    # go on working while the other records are checked
    sale_summary: Callable[[R.Context], S.PendingSummary] | None = None
    exports: list[ExportLine] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    # stock movements other than sales, summed per (product id, YYYY-MM, kind)
    movements: Callable[[], Iterable[tuple[int, str, str, int]]] = lambda: ()
    last_period: str | None = None
    accepted: set[tuple[str, str, str]] = field(default_factory=set)
    # when only a period's records are read: what its export lines need to
    # know of the others (X.ExportsBefore)
    exports_before: X.ExportsBefore | None = None
    screen: object = None  # core.screening.Screen of the restricted-party lists and end-use rules


def validate(
    ds: Dataset,
    codes: CodeLists,
    *,
    today: date,
    policy: ControlPolicy | None = None,
    period: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """All findings for ``ds`` (only those of ``period`` and undated ones if given).

    Warnings the clerk accepted with a reason are left out.
    """
    ctx = R.Context(codes, today, policy or ControlPolicy(), ds.counterparties, ds.products,
                    ds.purchases, ds.batches, ds.licences, screen=ds.screen)
    pending = ds.sale_summary(ctx) if ds.sale_summary is not None else None
    try:
        out = _validate(ds, ctx, pending, progress)
    finally:
        if pending is not None:
            pending.cancel()
    if period is not None:
        out = [f for f in out if in_period(f.period, period)]
    if ds.accepted:
        out = [
            f for f in out
            if f.severity is Severity.ERROR or (f.entity, f.record, f.code) not in ds.accepted
        ]
    return out


def _validate(ds: Dataset, ctx: R.Context, pending: S.PendingSummary | None,
              progress: Callable[[int, int], None] | None) -> list[Finding]:
    out: list[Finding] = []
    steps = 6
    step = _stepper(progress, steps)
    if ds.company is not None:
        out += R.check_company(ds.company, ctx)
    for cp in ds.counterparties.values():
        out += R.check_counterparty(cp, ctx)
    out += _uscc_duplicates(ds.counterparties.values())
    for p in ds.products.values():
        out += R.check_product(p, ctx)
    for lic in ds.licences.values():
        out += R.check_licence(lic, ctx)
    step()
    for pu in ds.purchases.values():
        out += _dated(R.check_purchase(pu, ctx, None), pu.date)
    out += X.check_purchase_duplicates(ds.purchases.values(), ctx)
    step()
    inputs = ds.input_sums() if ds.input_sums is not None else X.sum_inputs(ds.inputs(), ctx)
    out += X.check_inputs(inputs, ctx)
    for b in ds.batches.values():
        out += _dated(R.check_batch(b, ctx, None), b.end_date)
    out += X.check_batches(inputs.per_batch, ctx)
    for x in ds.exports:
        out += _dated(R.check_export(x, ctx, None), x.decl_date)
    for adj in ds.adjustments:
        out += R.check_fields("adjustment", adj, adj.doc_no, ctx, X.period_of(adj.date))
    step()
    # (storage works the sales out meanwhile, on another core)
    # the tick lets a caller cancel a long run (its progress callback may raise)
    tick = (lambda: None) if progress is None else (lambda: progress(4, steps))
    sales = pending.result(tick) if pending is not None else S.summarise(ds.sales())
    out += S.check_sales(sales, ctx, ds.adjustments)
    out += X.check_exports(ds.exports, sales.export_sales, ctx, ds.exports_before)
    step()
    codes_by_id = {pid: p.code for pid, p in ds.products.items()}
    movements = [*ds.movements(), *sales.movements]
    out += check_balance(monthly_balance(movements, ds.last_period), codes_by_id)
    step()
    return out


def in_period(month: str | None, period: str) -> bool:
    """Whether a finding of ``month`` is one of ``period`` (a month
    ``YYYY-MM`` or a year ``YYYY``): undated findings belong to every period."""
    return month is None or month == period or (len(period) == 4 and month[:5] == period + "-")


def _dated(findings: list[Finding], day: date) -> list[Finding]:
    """Stamp the period of the record's date on its findings (done only for
    the few records that have findings)."""
    if not findings:
        return findings
    period = f"{day.year}-{day.month:02d}"
    return [replace(f, period=period) for f in findings]


def _uscc_duplicates(counterparties: Iterable[Counterparty]) -> list[Finding]:
    from .findings import finding
    from .identifiers import normalise_uscc

    seen: dict[str, str] = {}
    out = []
    for cp in counterparties:
        if not cp.uscc:
            continue
        code = normalise_uscc(cp.uscc)
        if code in seen:
            out.append(finding("uscc.duplicate", "counterparty", cp.name_cn, "uscc",
                               value=cp.uscc, other=seen[code]))
        else:
            seen[code] = cp.name_cn
    return out


def _stepper(progress, total: int):
    done = [0]

    def step():
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    return step
