"""Rules across records: stock of lots and batches, exports against sales,
licence coverage, controlled-item classification, duplicates."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import licences as L
from .composition import has_report
from .control import boundaries, classify
from .findings import Finding, finding
from .model import ExportLine
from .rules_records import Context
from .rules_sales import ExportSale
from .units import format_kg

YIELD_MIN, YIELD_MAX = 0.3, 1.0


def period_of(day) -> str:
    return f"{day.year}-{day.month:02d}"


@dataclass
class InputSums:
    """What the checks of batch inputs need to know of all the input lines
    (those whose batch and lot exist): storage works it out in SQL
    (storage/inputs.py), ``sum_inputs`` from the lines in memory."""

    # batch id -> [grams, Dy grams·pct, Tb grams·pct] of its inputs
    per_batch: dict[int, list[int]]
    # lot id -> grams drawn, at least of every lot drawn beyond its quantity
    drawn: dict[int, int]
    # (batch id, lot id, grams) of at least every line of no mass or of a
    # batch started before its lot arrived
    lines: list[tuple[int, int, int]]


def sum_inputs(inputs: Iterable[tuple[int, int, int, int]], ctx: Context) -> InputSums:
    """``inputs``: the batch input lines as stored, (id, batch id, lot id, grams)."""
    drawn: dict[int, int] = defaultdict(int)
    per_batch: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    lines = []
    batches, lots, products = ctx.batches, ctx.purchases, ctx.products
    for _id, batch_id, lot_id, grams in inputs:
        if batch_id not in batches or lot_id not in lots:
            continue
        lines.append((batch_id, lot_id, grams))
        drawn[lot_id] += grams
        product = products.get(lots[lot_id].product_id)
        acc = per_batch[batch_id]
        acc[0] += grams
        if product is not None:
            acc[1] += grams * (product.dy_pct or 0)
            acc[2] += grams * (product.tb_pct or 0)
    return InputSums(dict(per_batch), dict(drawn), lines)


def check_inputs(sums: InputSums, ctx: Context) -> list[Finding]:
    """Lots never overdrawn, inputs of some mass and not before their lot arrived."""
    out: list[Finding] = []
    for batch_id, lot_id, grams in sums.lines:
        batch, lot = ctx.batches[batch_id], ctx.purchases[lot_id]
        if grams <= 0:
            out.append(finding("field.not_positive", "batch_input",
                               f"{batch.batch_no}/{lot.lot_no}", "qty_g",
                               period_of(batch.end_date), value=grams))
        if batch.start_date < lot.date:
            out.append(finding("input.before_lot", "batch_input", f"{batch.batch_no}/{lot.lot_no}",
                               "purchase_id", period_of(batch.end_date), lot=lot.lot_no,
                               arrived=lot.date))
    for lot_id, grams in sums.drawn.items():
        lot = ctx.purchases[lot_id]
        if grams > lot.qty_g:
            out.append(finding("lot.overdrawn", "purchase", lot.doc_no, "qty_g",
                               period_of(lot.date), lot=lot.lot_no, drawn=format_kg(grams),
                               qty=format_kg(lot.qty_g)))
    return out


def check_batches(per_batch: dict, ctx: Context) -> list[Finding]:
    """Every batch has inputs, a plausible yield, and no more Dy/Tb out than in."""
    out: list[Finding] = []
    for bid, batch in ctx.batches.items():
        period = period_of(batch.end_date)
        acc = per_batch.get(bid)
        if not acc or acc[0] == 0:
            out.append(finding("batch.no_inputs", "batch", batch.batch_no, "inputs", period))
            continue
        if batch.output_g > 0:
            ratio = batch.output_g / acc[0]
            if not YIELD_MIN <= ratio <= YIELD_MAX:
                out.append(finding("batch.yield", "batch", batch.batch_no, "output_g", period,
                                   ratio=f"{ratio:.2f}"))
        product = ctx.products.get(batch.product_id)
        if product is None:
            continue
        for element, index in (("dy", 1), ("tb", 2)):
            out_content = batch.output_g * (getattr(product, f"{element}_pct") or 0)
            if out_content * 100 > acc[index] * 101:
                out.append(finding(f"batch.{element}_out", "batch", batch.batch_no,
                                   f"{element}_pct", period))
    return out


@dataclass
class ExportsBefore:
    """What the export lines of a period need to know of the other lines,
    when only the period's are read: the grams drawn on each licence before
    the period and in all, and the grams exported of a sale by lines
    outside it (sale id -> grams, for the period's sales to export)."""

    licence_used_before: dict[int, int]
    licence_used: dict[int, int]
    exported_elsewhere: dict[int, int]


def check_exports(exports: list[ExportLine], export_sales: dict[int, ExportSale],
                  ctx: Context, before: ExportsBefore | None = None) -> list[Finding]:
    """Export lines against their sales (``export_sales``: the sales to
    export by id), the control classification and licences (``before``:
    when ``exports`` are a period's lines alone)."""
    out: list[Finding] = []
    exported: dict[int, int] = defaultdict(int, before.exported_elsewhere if before else {})
    used: dict[int, int] = defaultdict(int, before.licence_used_before if before else {})
    unreported: set[tuple[int, str]] = set()  # (product id, month) told once
    for x in sorted(exports, key=lambda e: (e.decl_date, e.customs_decl_no, e.line_no)):
        period = period_of(x.decl_date)
        sale = export_sales.get(x.sale_id)
        if sale is None:
            out.append(finding("export.sale_not_export", "export", x.key, "sale_id", period))
        else:
            exported[x.sale_id] += x.qty_g
            if x.consignee_id != sale.customer_id and sale.customer_id in ctx.counterparties:
                out.append(finding("export.consignee_sale", "export", x.key, "consignee_id",
                                   period, sale=sale.doc_no))
            out += _check_control(x, sale, period, ctx)
            product = ctx.products.get(sale.product_id)
            if (product is not None and not has_report(product)
                    and (sale.product_id, period) not in unreported):
                unreported.add((sale.product_id, period))
                out.append(finding("comp.report_none", "product", product.code,
                                   "test_report_no", period, code=product.code))
        if x.controlled or x.licence_id is not None:
            out += _check_licence_use(x, period, used, ctx)
    out += check_licences_expiring(before.licence_used if before else used, ctx)
    for sid, sale in export_sales.items():
        grams = exported.get(sid, 0)
        if grams == 0:
            out.append(finding("sale.export_missing", "sale", sale.doc_no, "is_export",
                               sale.date[:7]))
        elif grams > sale.qty_g:
            out.append(finding("export.exceeds_sale", "sale", sale.doc_no, "qty_g",
                               sale.date[:7], exported=format_kg(grams),
                               sold=format_kg(sale.qty_g)))
    return out


def _check_control(x: ExportLine, sale: ExportSale, period: str, ctx: Context) -> list[Finding]:
    product = ctx.products.get(sale.product_id)
    if product is None:
        return []
    if ctx.control_bounds is None:
        ctx.control_bounds = boundaries(ctx.codes.control_items)
    # the same for every day between two boundaries: one classification each
    cache_key = (sale.product_id, bisect_right(ctx.control_bounds, x.decl_date))
    result = ctx.control_cache.get(cache_key)
    if result is None:
        result = classify(product, x.decl_date, ctx.codes.control_items, ctx.policy)
        ctx.control_cache[cache_key] = result
    out = []
    if result.needs_report:
        out.append(finding("export.report_missing", "export", x.key, "controlled", period,
                           code=product.code))
    if result.controlled and not x.controlled and not x.control_reason:
        out.append(finding("export.control_missed", "export", x.key, "controlled", period,
                           control_no=result.control_no))
    elif not result.controlled and x.controlled and not x.control_reason:
        out.append(finding("export.control_extra", "export", x.key, "controlled", period))
    elif result.controlled and x.controlled and x.control_no and (
        x.control_no != result.control_no
    ):
        out.append(finding("export.control_no", "export", x.key, "control_no", period,
                           value=x.control_no, expected=result.control_no))
    return out


def _check_licence_use(x: ExportLine, period: str, used: dict, ctx: Context) -> list[Finding]:
    """A line against the licence it draws on (``used``: grams drawn so far
    per licence, lines taken in declaration order); each finding names it."""
    lic = ctx.licences.get(x.licence_id) if x.licence_id is not None else None
    if lic is None:
        return [finding("export.licence_missing", "export", x.key, "licence_id", period)]
    out = []
    if lic.consignee_ids and x.consignee_id not in lic.consignee_ids:
        out.append(finding("licence.consignee", "export", x.key, "licence_id", period,
                           licence=lic.licence_no))
    if not L.end_user_permitted(lic, x.end_user, ctx.counterparties):
        out.append(finding("licence.end_user", "export", x.key, "end_user", period,
                           licence=lic.licence_no, value=x.end_user))
    if not L.end_use_permitted(lic, x.end_use):
        out.append(finding("licence.end_use", "export", x.key, "end_use", period,
                           licence=lic.licence_no, end_use_code=x.end_use))
    if not lic.valid_from <= x.decl_date <= lic.valid_to:
        code = "licence.expired" if x.decl_date > lic.valid_to else "licence.not_yet_valid"
        out.append(finding(code, "export", x.key, "licence_id", period,
                           licence=lic.licence_no, valid_from=lic.valid_from,
                           valid_to=lic.valid_to, day=x.decl_date))
    before = used[lic.id]
    used[lic.id] = before + x.qty_g
    if lic.qty_g is not None and before <= lic.qty_g < before + x.qty_g:
        out.append(finding("licence.exceeded", "export", x.key, "qty_g", period,
                           licence=lic.licence_no, licensed=format_kg(lic.qty_g),
                           used=format_kg(before + x.qty_g)))
    elif L.crosses_near(lic.qty_g, before, before + x.qty_g):
        out.append(finding("licence.nearly_used", "export", x.key, "qty_g", period,
                           licence=lic.licence_no, licensed=format_kg(lic.qty_g),
                           used=format_kg(before + x.qty_g), pct=L.NEAR_PCT))
    if lic.control_no and x.control_no and lic.control_no != x.control_no:
        out.append(finding("licence.control_no", "export", x.key, "licence_id", period,
                           licence=lic.licence_no, value=lic.control_no))
    return out


def check_licences_expiring(used: dict, ctx: Context) -> list[Finding]:
    """Licences expiring within 30 days of today while they still have
    quantity left, or have none (``used``: grams drawn per licence)."""
    out = []
    for lic in ctx.licences.values():
        days = L.expiring(lic, used.get(lic.id, 0), ctx.today)
        if days is not None:
            out.append(finding("licence.expiring", "licence", lic.licence_no, "valid_to",
                               licence=lic.licence_no, valid_to=lic.valid_to, days=days))
    return out


def check_purchase_duplicates(purchases, ctx: Context) -> list[Finding]:
    out = []
    seen: dict[tuple, str] = {}
    seen_lot: dict[tuple, str] = {}
    for pu in sorted(purchases, key=lambda p: (p.date, p.id or 0)):
        dup = (pu.supplier_id, pu.date, pu.product_id, pu.qty_g)
        if dup in seen:
            out.append(finding("dup.suspect", "purchase", pu.doc_no, None, period_of(pu.date)))
        seen[dup] = pu.doc_no
        lot_key = (pu.supplier_id, pu.lot_no)
        if lot_key in seen_lot:
            out.append(finding("lot.duplicate", "purchase", pu.doc_no, "lot_no",
                               period_of(pu.date), lot=pu.lot_no, other=seen_lot[lot_key]))
        seen_lot[lot_key] = pu.doc_no
    return out
