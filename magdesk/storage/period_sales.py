"""The sales summary (sales.py) of one period: the period's sales by the
date index, and of the others only sums by the batch index.

A batch's stock is sold in all time, so each batch the period sells from
is summed whole (its sales are one range of ``sale_out_batch``, which
holds the grams); a repeated sale is one of the same day, so within the
period; a batch is at fault with a sale by that sale alone (its product,
its day: ``check_sale``), so the period's sales of such a batch are the
suspects to look at.  Sales whose date is no real day have undated
findings, which belong to every period: they are looked for in the whole
date index, which holds the dates.
"""

from __future__ import annotations

from ..core.rules_sales import EXPORT_SALE_COLUMNS
from . import days
from .db import on_server
from .period import SALES_MOVEMENTS_SQL, Span

_IN_SPAN = "date >= :start AND date < :end"

# Per batch the period sells from: its grams sold in all time, whether a
# sale of the period is at fault with it, and what it has (output and
# returns): only batches at fault or sold beyond what they have
_BATCHES_SQL = """
SELECT batch_id, sold, at_fault FROM (
SELECT p.batch_id, p.at_fault,
       (SELECT sum(s.qty_g) FROM sale_out AS s WHERE s.batch_id = p.batch_id) AS sold,
       b.output_g + coalesce((SELECT sum(r.qty_g) FROM stock_adjustment AS r
                               WHERE r.kind = 'RETURN' AND r.batch_id = p.batch_id), 0) AS room
  FROM (SELECT s.batch_id,
               max(CASE WHEN s.product_id <> b.product_id OR s.date < b.end_date
                        THEN 1 ELSE 0 END) AS at_fault
          FROM sale_out AS s JOIN production_batch AS b ON b.id = s.batch_id
         WHERE s.date >= :start AND s.date < :end
         GROUP BY s.batch_id) AS p
  JOIN production_batch AS b ON b.id = p.batch_id) AS q
 WHERE at_fault = 1 OR sold > room
"""

_REPEATS_SQL = f"""
SELECT s.doc_no, s.date
  FROM (SELECT customer_id, date, product_id, qty_g, min(id) AS first FROM sale_out
         WHERE {_IN_SPAN} GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS d
  JOIN sale_out AS s ON s.customer_id = d.customer_id AND s.date = d.date
       AND s.product_id = d.product_id AND s.qty_g = d.qty_g AND s.id <> d.first
 ORDER BY s.date, s.id
"""

# the period's sales to export, and those the period's export lines name
_EXPORTS_SQL = f"""
SELECT id, {", ".join(EXPORT_SALE_COLUMNS)} FROM sale_out
 WHERE is_export <> 0 AND id IN (SELECT id FROM sale_out WHERE {_IN_SPAN}
       UNION SELECT sale_id FROM export_shipment WHERE decl_date >= :start AND decl_date < :end)
"""


def _span(span: Span) -> dict[str, str]:
    return {"start": span.start, "end": span.end}


def batches_to_check(conn, span: Span) -> list[tuple[int, int, int]]:
    """(batch id, grams sold in all time, whether a sale of the period is
    at fault with it) of each batch the period sells from that is at fault
    or sold beyond its output and returns."""
    return conn.execute(_BATCHES_SQL, _span(span)).fetchall()


def export_sales(conn, span: Span) -> list[tuple]:
    """Rows (id, *EXPORT_SALE_COLUMNS) of the sales to export the period's
    findings need."""
    return conn.execute(_EXPORTS_SQL, _span(span)).fetchall()


def repeats(conn, span: Span) -> list[tuple[str, str]]:
    """(doc_no, date) of the period's sales repeating an earlier one."""
    return conn.execute(_REPEATS_SQL, _span(span)).fetchall()


def movements(conn, span: Span) -> list[tuple[int, str, str, int]]:
    """The sales' stock movements, by month within the span (period.py)."""
    return [row for row in conn.execute(SALES_MOVEMENTS_SQL, span.params).fetchall()
            if row[3] is not None]


def undated(conn, columns: str) -> list[tuple]:
    """The sales whose date is no real day, wherever they are: by the
    partial index of those (``days``), its term repeated for the planner."""
    ok = days.PG_REAL_DAY if on_server(conn) else days.SQLITE_REAL_DAY
    return conn.execute(f"SELECT {columns} FROM sale_out WHERE ({ok}) IS NOT TRUE").fetchall()
