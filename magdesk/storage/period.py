"""What validating one period (a month or a year) reads: the period's
records, and of the others only the few facts its findings depend on, as
sums over indexes.

The findings are those of the whole file's validation kept to the period
(tests/usecases/test_validate_period.py holds the two together), so the
records read are a superset of the period's: a rule across records needs
its neighbours (a lot number repeated in another month, the batch a sale
draws on, the lot a batch consumed).  The findings of those neighbours
fall outside the period and are left out by ``core.validation.validate``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.rules_cross import ExportsBefore, InputSums
from .background import Background


@dataclass(frozen=True)
class Span:
    """A period as ISO days ``start <= day < end``, and the months the
    balance rolls the others into: everything before into ``before`` (the
    month before the start), everything after into ``after`` (the month
    after the end)."""

    start: str
    end: str
    before: str
    after: str

    @property
    def params(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end, "before": self.before,
                "after": self.after, "first": self.start[:7]}


def span_of(period: str) -> Span:
    """The span of ``YYYY-MM`` or ``YYYY``."""
    year = int(period[:4])
    if len(period) == 4:
        first, last = (year, 1), (year, 12)
    else:
        first = last = (year, int(period[5:7]))
    after = (last[0] + last[1] // 12, last[1] % 12 + 1)
    before = (first[0] - (first[1] == 1), (first[1] - 2) % 12 + 1)
    return Span(f"{first[0]:04d}-{first[1]:02d}-01", f"{after[0]:04d}-{after[1]:02d}-01",
                f"{before[0]:04d}-{before[1]:02d}", f"{after[0]:04d}-{after[1]:02d}")


# The period's purchases, those that share a lot number with one (a lot
# repeated across months), and the lots the period's batches consumed.  Each
# part is read through its own index and the ids gathered: conditions joined
# by OR would leave a server's planner no index but a scan of the whole table.
PURCHASE_IDS = """
SELECT id FROM purchase_in WHERE date >= :start AND date < :end
UNION SELECT id FROM purchase_in WHERE lot_no IN (
      SELECT lot_no FROM purchase_in WHERE date >= :start AND date < :end)
UNION SELECT i.purchase_id FROM batch_input AS i JOIN production_batch AS b
      ON b.id = i.batch_id WHERE b.end_date >= :start AND b.end_date < :end
"""

# The period's batches and those its sales draw on
BATCH_IDS = """
SELECT id FROM production_batch WHERE end_date >= :start AND end_date < :end
UNION SELECT batch_id FROM sale_out WHERE date >= :start AND date < :end
"""


def gathered(repo, entity: str, ids_sql: str, span: Span) -> dict[int, object]:
    """The records whose ids ``ids_sql`` gathers, by id: the ids first, then
    the records by their key (as ``id IN (the union)`` a server's planner
    guessed seven times the rows and hashed the whole table: 0.4-0.8 s)."""
    ids = [row[0] for row in repo.conn.execute(ids_sql, span.params).fetchall()]
    return repo.get_many(entity, ids)


EXPORTS_WHERE = "decl_date >= :start AND decl_date < :end"

_LINES = """
  FROM batch_input AS i JOIN production_batch AS b ON b.id = i.batch_id
  JOIN purchase_in AS l ON l.id = i.purchase_id
"""
_PERIOD_BATCHES = "SELECT id FROM production_batch WHERE end_date >= :start AND end_date < :end"

_PER_BATCH_SQL = f"""
SELECT i.batch_id, sum(i.qty_g), sum(i.qty_g * coalesce(p.dy_pct, 0)),
       sum(i.qty_g * coalesce(p.tb_pct, 0))
  {_LINES} LEFT JOIN product AS p ON p.id = l.product_id
 WHERE i.batch_id IN ({_PERIOD_BATCHES})
 GROUP BY i.batch_id
"""

# the period's lots, drawn on in all time
_OVERDRAWN_SQL = f"""
SELECT i.purchase_id, sum(i.qty_g) {_LINES}
 WHERE i.purchase_id IN (SELECT id FROM purchase_in WHERE date >= :start AND date < :end)
 GROUP BY i.purchase_id HAVING sum(i.qty_g) > max(l.qty_g)
"""

_ODD_LINES_SQL = f"""
SELECT i.batch_id, i.purchase_id, i.qty_g {_LINES}
 WHERE i.batch_id IN ({_PERIOD_BATCHES}) AND (i.qty_g > 0 AND b.start_date >= l.date) IS NOT TRUE
 ORDER BY i.id
"""


def input_sums(conn, span: Span) -> InputSums:
    """The input sums of the period's batches and lots (storage/inputs.py
    has the whole file's)."""
    p = {"start": span.start, "end": span.end}
    return InputSums(
        per_batch={batch: [grams, dy, tb] for batch, grams, dy, tb
                   in conn.execute(_PER_BATCH_SQL, p).fetchall()},
        drawn=dict(conn.execute(_OVERDRAWN_SQL, p).fetchall()),
        lines=conn.execute(_ODD_LINES_SQL, p).fetchall())


def input_sums_later(db, span: Span):
    """``input_sums`` in a thread of its own; the callable returned waits."""
    return Background(db, lambda conn: input_sums(conn, span), "period input sums").result


_LICENCE_SQL = """
SELECT l.id, (SELECT coalesce(sum(x.qty_g), 0) FROM export_shipment AS x
               WHERE x.licence_id = l.id AND x.decl_date < :start),
       (SELECT coalesce(sum(x.qty_g), 0) FROM export_shipment AS x WHERE x.licence_id = l.id)
  FROM export_licence AS l
"""

# of the period's sales to export, the grams of their lines outside it
_ELSEWHERE_SQL = """
SELECT x.sale_id, sum(x.qty_g) FROM export_shipment AS x
 WHERE x.sale_id IN (SELECT id FROM sale_out WHERE date >= :start AND date < :end
                      AND is_export <> 0)
   AND NOT (x.decl_date >= :start AND x.decl_date < :end)
 GROUP BY x.sale_id
"""


def exports_before(conn, span: Span) -> ExportsBefore:
    """What the period's export lines need to know of the others (per
    licence: two sums over its lines, by the licence index)."""
    p = {"start": span.start, "end": span.end}
    rows = conn.execute(_LICENCE_SQL, p).fetchall()
    return ExportsBefore(
        licence_used_before={lid: before for lid, before, _all in rows if before},
        licence_used={lid: used for lid, _before, used in rows if used},
        exported_elsewhere=dict(conn.execute(_ELSEWHERE_SQL, p).fetchall()))


def _month(column: str) -> str:
    """The month of ``column``, the months outside the span rolled into one
    before and one after it (the balance needs their sums, not their months)."""
    return (f"CASE WHEN {column} < :start THEN :before WHEN {column} >= :end THEN :after"
            f" ELSE substr({column}, 1, 7) END")


def _before(label: str, kinds: str, odd_rows: str, products: bool) -> str:
    """Each product's sum of ``kinds`` before the span, into the month
    before it: the kept totals (``totals.py``) of the months before the
    span's first, and the rows of its first month dated before its first
    day (a date like ``2026-06`` or ``2026-06-00``; ``odd_rows`` gives
    product and grams of those): for any text, ``substr(d, 1, 7) < M``
    implies ``d < M || '-01'``, so only the month ``M`` itself needs them.
    ``products``: the sums of products on file only, as the balance reads
    purchases and sales."""
    known = "WHERE product_id IN (SELECT id FROM product) " if products else ""
    return f"""
SELECT product_id, :before, '{label}', sum(qty_g) FROM (
  SELECT product_id, qty_g, lines FROM movement_month
   WHERE kind IN ({kinds}) AND month < :first
  UNION ALL {odd_rows}) AS m
 {known}GROUP BY product_id HAVING sum(lines) > 0"""


_ODD = "date >= :first AND date < :start"

# The balance of the span needs each product's closing before it (one sum
# per product, of the monthly totals) and the span's months.  No
# month after the span changes them, and the rows reach the span anyway:
# they run to the last month of any purchase, batch or sale
# (``Repository.last_period``), and a batch consumes before it ends; only
# an adjustment may come later, so it alone is rolled into the month after.
MOVEMENTS_SQL = f"""{_before("in_purchase", "'in_purchase'",
                             f"SELECT product_id, qty_g, 1 FROM purchase_in WHERE {_ODD}", True)}
UNION ALL
SELECT product_id, substr(date, 1, 7), 'in_purchase', sum(qty_g)
  FROM purchase_in WHERE date >= :start AND date < :end GROUP BY 1, 2
UNION ALL {_before("in_production", "'in_production'",
                   "SELECT product_id, output_g, 1 FROM production_batch"
                   " WHERE end_date >= :first AND end_date < :start", False)}
UNION ALL
SELECT product_id, substr(end_date, 1, 7), 'in_production', sum(output_g)
  FROM production_batch WHERE end_date >= :start AND end_date < :end GROUP BY 1, 2
UNION ALL {_before("out_consumption", "'out_consumption'",
                   "SELECT p.product_id, i.qty_g, 1 FROM batch_input i"
                   " JOIN production_batch b ON b.id = i.batch_id"
                   " JOIN purchase_in p ON p.id = i.purchase_id"
                   " WHERE b.start_date >= :first AND b.start_date < :start", False)}
UNION ALL
SELECT p.product_id, substr(b.start_date, 1, 7), 'out_consumption', sum(i.qty_g)
  FROM batch_input i JOIN production_batch b ON b.id = i.batch_id
  JOIN purchase_in p ON p.id = i.purchase_id
 WHERE b.start_date >= :start AND b.start_date < :end GROUP BY 1, 2
UNION ALL
SELECT product_id, {_month("date")},
       CASE kind WHEN 'OPENING' THEN 'opening_adj' WHEN 'RETURN' THEN 'in_return'
                 ELSE 'out_loss' END, sum(qty_g)
  FROM stock_adjustment GROUP BY 1, 2, 3
"""

SALES_MOVEMENTS_SQL = f"""{_before("out_sales", "'out_sales', 'out_export'",
                                   f"SELECT product_id, qty_g, 1 FROM sale_out WHERE {_ODD}", True)}
UNION ALL
SELECT product_id, substr(date, 1, 7),
       CASE WHEN is_export <> 0 THEN 'out_export' ELSE 'out_sales' END, sum(qty_g)
  FROM sale_out WHERE date >= :start AND date < :end GROUP BY 1, 2, 3
"""


def movements_later(db, span: Span):
    """The stock movements but the sales', by month within the span;
    the callable returned waits for them."""
    return Background(db, lambda conn: [
        row for row in conn.execute(MOVEMENTS_SQL, span.params).fetchall() if row[3] is not None],
        "period movements").result
