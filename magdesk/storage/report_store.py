"""SQL for the printed summaries (magdesk/reports/): licence usage and the
batch trace.  The flow and inventory summaries read the filing sources, so
their figures are the workbook's by construction."""

from __future__ import annotations

from collections.abc import Iterable

from .db import Database
from .filing_store import period_bounds

_LICENCE_USAGE = """
SELECT l.id, l.licence_no, l.licence_type, l.control_no, l.end_user, l.euc_ref,
       l.valid_from, l.valid_to, l.qty_g,
       coalesce(sum(CASE WHEN x.decl_date < :start THEN x.qty_g END), 0) AS used_before_g,
       coalesce(sum(CASE WHEN x.decl_date >= :start AND x.decl_date < :end
                         THEN x.qty_g END), 0) AS used_in_g,
       count(CASE WHEN x.decl_date >= :start AND x.decl_date < :end THEN 1 END) AS lines_in
  FROM export_licence l LEFT JOIN export_shipment x ON x.licence_id = l.id
 GROUP BY l.id
HAVING (l.valid_from < :end AND l.valid_to >= :start)
        OR sum(CASE WHEN x.decl_date >= :start AND x.decl_date < :end THEN x.qty_g END) > 0
 ORDER BY l.valid_to, l.licence_no"""

_LICENCE_CONSIGNEES = """
SELECT k.licence_id, c.name_cn FROM licence_consignee k
  JOIN counterparty c ON c.id = k.counterparty_id ORDER BY k.licence_id, c.name_cn"""

_LOTS = """
SELECT p.id, p.doc_no, p.date, p.lot_no, p.qty_g, p.origin, p.import_decl_no, p.invoice_no,
       c.name_cn AS supplier_name, c.uscc AS supplier_uscc, c.country AS supplier_country,
       m.code AS product_code, m.name_cn AS product_name, m.category
  FROM purchase_in p JOIN counterparty c ON c.id = p.supplier_id
  JOIN product m ON m.id = p.product_id
 WHERE p.lot_no = ? ORDER BY p.date, p.doc_no"""

_LOT_BATCHES = """
SELECT i.purchase_id, b.id AS batch_id, b.batch_no, b.start_date, b.end_date, b.process,
       m.code AS product_code, m.name_cn AS product_name, b.grade, b.output_g,
       i.qty_g AS input_g,
       (SELECT sum(j.qty_g) FROM batch_input j WHERE j.batch_id = b.id) AS batch_input_g
  FROM batch_input i JOIN production_batch b ON b.id = i.batch_id
  JOIN product m ON m.id = b.product_id
 WHERE i.purchase_id IN ({ids}) ORDER BY b.start_date, b.batch_no, i.id"""

_BATCH_SALES = """
SELECT s.id AS sale_id, s.doc_no, s.date, b.batch_no, c.name_cn AS customer_name,
       c.uscc AS customer_uscc, c.country AS customer_country, m.code AS product_code,
       m.name_cn AS product_name, s.qty_g, s.is_export,
       (SELECT group_concat(x.customs_decl_no || ' ' || x.destination, '; ')
          FROM export_shipment x WHERE x.sale_id = s.id) AS exports
  FROM sale_out s JOIN production_batch b ON b.id = s.batch_id
  JOIN counterparty c ON c.id = s.customer_id JOIN product m ON m.id = s.product_id
 WHERE s.batch_id IN ({ids}) ORDER BY s.date, s.doc_no"""

_SALE = """
SELECT s.id, s.doc_no, s.date, s.qty_g, s.qty_pcs, s.amount_fen, s.currency, s.grade,
       s.invoice_no, s.contract_no, s.is_export, s.batch_id,
       c.name_cn AS customer_name, c.uscc AS customer_uscc, c.country AS customer_country,
       m.code AS product_code, m.name_cn AS product_name, m.category
  FROM sale_out s JOIN counterparty c ON c.id = s.customer_id
  JOIN product m ON m.id = s.product_id
 WHERE s.doc_no = ?"""

_SALE_EXPORTS = """
SELECT x.customs_decl_no, x.line_no, x.decl_date, x.destination, c.name_cn AS consignee_name,
       x.end_user, x.controlled, x.control_no, l.licence_no, x.qty_g
  FROM export_shipment x JOIN counterparty c ON c.id = x.consignee_id
  LEFT JOIN export_licence l ON l.id = x.licence_id
 WHERE x.sale_id = ? ORDER BY x.decl_date, x.customs_decl_no, x.line_no"""

_BATCH = """
SELECT b.id, b.batch_no, b.start_date, b.end_date, b.process, b.grade, b.output_g,
       m.code AS product_code, m.name_cn AS product_name,
       (SELECT coalesce(sum(s.qty_g), 0) FROM sale_out s WHERE s.batch_id = b.id) AS sold_g
  FROM production_batch b JOIN product m ON m.id = b.product_id WHERE b.id = ?"""

_BATCH_INPUTS = """
SELECT p.lot_no, p.doc_no, p.date, p.origin, p.import_decl_no, i.qty_g AS input_g,
       c.name_cn AS supplier_name, c.uscc AS supplier_uscc, c.country AS supplier_country,
       m.code AS product_code, m.name_cn AS product_name
  FROM batch_input i JOIN purchase_in p ON p.id = i.purchase_id
  JOIN counterparty c ON c.id = p.supplier_id JOIN product m ON m.id = p.product_id
 WHERE i.batch_id = ? ORDER BY i.id"""


class ReportStore:
    """Read-only queries of the printed summaries; rows come back as dicts
    (dates as ISO text, mass in grams)."""

    def __init__(self, db: Database):
        self.conn = db.conn

    def _dicts(self, sql: str, params: Iterable | dict = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def licence_usage(self, period: str) -> list[dict]:
        """Every licence valid at some time in ``period`` or used in it, with
        the quantity used before the period and in it, and its consignees."""
        rows = self._dicts(_LICENCE_USAGE, period_bounds(period))
        names: dict[int, list[str]] = {}
        for licence_id, name in self.conn.execute(_LICENCE_CONSIGNEES):
            names.setdefault(licence_id, []).append(name)
        for row in rows:
            row["consignees"] = names.get(row["id"], [])
        return rows

    def lots(self, lot_no: str) -> list[dict]:
        """The purchases received under ``lot_no`` (one per supplier)."""
        return self._dicts(_LOTS, (lot_no,))

    def lot_batches(self, purchase_ids: list[int]) -> list[dict]:
        """The batches that drew on these purchases, one row per input line."""
        if not purchase_ids:
            return []
        marks = ", ".join("?" * len(purchase_ids))
        return self._dicts(_LOT_BATCHES.format(ids=marks), purchase_ids)

    def batch_sales(self, batch_ids: list[int]) -> list[dict]:
        """The sales shipped from these batches, with their export lines."""
        if not batch_ids:
            return []
        marks = ", ".join("?" * len(batch_ids))
        return self._dicts(_BATCH_SALES.format(ids=marks), batch_ids)

    def sale(self, doc_no: str) -> dict | None:
        rows = self._dicts(_SALE, (doc_no,))
        return rows[0] if rows else None

    def sale_exports(self, sale_id: int) -> list[dict]:
        return self._dicts(_SALE_EXPORTS, (sale_id,))

    def batch(self, batch_id: int) -> dict | None:
        rows = self._dicts(_BATCH, (batch_id,))
        return rows[0] if rows else None

    def batch_inputs(self, batch_id: int) -> list[dict]:
        return self._dicts(_BATCH_INPUTS, (batch_id,))
