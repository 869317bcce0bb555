"""What the checks of batch inputs need to know of all the input lines,
summed by SQLite in a thread of its own (see sales.py for why)."""

from __future__ import annotations

import sqlite3

from ..core.rules_cross import InputSums
from .background import Background, rows_at_once

# the lines whose batch and lot exist, as the rules see them
_LINES = """
  FROM batch_input AS i JOIN production_batch AS b ON b.id = i.batch_id
  JOIN purchase_in AS l ON l.id = i.purchase_id
"""

_PER_BATCH_SQL = f"""
SELECT i.batch_id, sum(i.qty_g), sum(i.qty_g * coalesce(p.dy_pct, 0)),
       sum(i.qty_g * coalesce(p.tb_pct, 0))
  {_LINES} LEFT JOIN product AS p ON p.id = l.product_id
 GROUP BY i.batch_id
"""

_OVERDRAWN_SQL = f"""
SELECT i.purchase_id, sum(i.qty_g) {_LINES}
 GROUP BY i.purchase_id HAVING sum(i.qty_g) > max(l.qty_g)
"""

_ODD_LINES_SQL = f"""
SELECT i.batch_id, i.purchase_id, i.qty_g {_LINES}
 WHERE (i.qty_g > 0 AND b.start_date >= l.date) IS NOT TRUE
 ORDER BY i.id
"""


def _sums(conn: sqlite3.Connection) -> InputSums:
    return InputSums(
        per_batch={batch: [grams, dy, tb] for batch, grams, dy, tb
                   in rows_at_once(conn, _PER_BATCH_SQL, 4)},
        drawn=dict(conn.execute(_OVERDRAWN_SQL)),
        lines=conn.execute(_ODD_LINES_SQL).fetchall())


def input_sums_later(db) -> Background[InputSums]:
    """The sums, worked out from now on in a thread of their own."""
    return Background(db, _sums, "input sums")
