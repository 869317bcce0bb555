"""SQL for the monthly filing: the rows of each sheet for a period, periods and
their states, recorded exports and filed snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import NamedTuple

from .db import Database


class Heading(NamedTuple):
    name: str
    uscc: str


_PERIOD_RANGE = "{col} >= :start AND {col} < :end"

ROW_SQL = {
    "counterparties": """
        SELECT name_cn, name_en, cp_type, role, uscc, foreign_reg_no, country, address
          FROM counterparty WHERE id IN (
            SELECT supplier_id FROM purchase_in WHERE date >= :start AND date < :end
            UNION SELECT customer_id FROM sale_out WHERE date >= :start AND date < :end
            UNION SELECT consignee_id FROM export_shipment
                   WHERE decl_date >= :start AND decl_date < :end)
         ORDER BY cp_type, name_cn""",
    "purchases": """
        SELECT p.doc_no, p.date, c.name_cn AS supplier_name, c.uscc AS supplier_uscc,
               c.cp_type AS supplier_cp_type, m.code AS product_code,
               m.name_cn AS product_name, m.category, m.hs_code,
               p.lot_no, p.qty_g, p.amount_fen, p.invoice_no, p.origin, p.import_decl_no
          FROM purchase_in p JOIN counterparty c ON c.id = p.supplier_id
          JOIN product m ON m.id = p.product_id
         WHERE p.date >= :start AND p.date < :end ORDER BY p.date, p.doc_no""",
    "batches": """
        SELECT b.batch_no, b.start_date, b.end_date, b.process, m.code AS product_code,
               m.name_cn AS product_name, b.grade, b.output_g, l.lot_no,
               lm.code AS input_product_code, i.qty_g AS input_g
          FROM production_batch b JOIN product m ON m.id = b.product_id
          JOIN batch_input i ON i.batch_id = b.id
          JOIN purchase_in l ON l.id = i.purchase_id JOIN product lm ON lm.id = l.product_id
         WHERE b.end_date >= :start AND b.end_date < :end
         ORDER BY b.end_date, b.batch_no, i.id""",
    "sales": """
        SELECT s.doc_no, s.date, c.name_cn AS customer_name, c.uscc AS customer_uscc,
               c.country AS customer_country, c.cp_type AS customer_cp_type,
               c.name_en AS customer_name_en, m.code AS product_code,
               m.name_cn AS product_name, m.category, s.grade, m.hs_code, b.batch_no,
               s.qty_g, s.qty_pcs, s.amount_fen, s.currency, s.invoice_no, s.contract_no,
               s.is_export
          FROM sale_out s JOIN counterparty c ON c.id = s.customer_id
          JOIN product m ON m.id = s.product_id JOIN production_batch b ON b.id = s.batch_id
         WHERE s.date >= :start AND s.date < :end ORDER BY s.date, s.id""",
    "exports": """
        SELECT s.doc_no AS sale_doc_no, x.customs_decl_no, x.line_no, x.decl_date,
               x.destination, c.name_cn AS consignee_name, x.end_user, x.end_use,
               x.controlled, x.control_no,
               CASE WHEN l.id IS NULL THEN 'NONE' ELSE l.licence_type END AS licence_type,
               l.licence_no, x.qty_g, x.value_fen, x.currency
          FROM export_shipment x JOIN sale_out s ON s.id = x.sale_id
          JOIN counterparty c ON c.id = x.consignee_id
          LEFT JOIN export_licence l ON l.id = x.licence_id
         WHERE x.decl_date >= :start AND x.decl_date < :end
         ORDER BY x.decl_date, x.customs_decl_no, x.line_no""",
}

COUNT_SQL = {
    "purchases": "SELECT count(*) FROM purchase_in WHERE date >= :start AND date < :end",
    "batches": """SELECT count(*) FROM batch_input i JOIN production_batch b ON b.id = i.batch_id
                  WHERE b.end_date >= :start AND b.end_date < :end""",
    "sales": "SELECT count(*) FROM sale_out WHERE date >= :start AND date < :end",
    "exports": "SELECT count(*) FROM export_shipment WHERE decl_date >= :start AND decl_date < :end",
}


def period_bounds(period: str) -> dict[str, str]:
    year, month = int(period[:4]), int(period[5:7])
    end = f"{year + month // 12}-{month % 12 + 1:02d}-01"
    return {"start": f"{period}-01", "end": end}


class FilingStore:
    def __init__(self, db: Database):
        self.db = db
        self.conn = db.conn

    def rows(self, source: str, period: str) -> Iterator[dict]:
        """The rows of one source for a period, as dicts (dates as ISO text)."""
        cursor = self.conn.execute(ROW_SQL[source], period_bounds(period))
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(2000):
            for row in chunk:
                yield dict(zip(names, row, strict=True))

    def count(self, source: str, period: str) -> int | None:
        sql = COUNT_SQL.get(source)
        return self.conn.execute(sql, period_bounds(period)).fetchone()[0] if sql else None

    def products(self) -> dict[int, tuple[str, str, str]]:
        return {r[0]: tuple(r[1:]) for r in
                self.conn.execute("SELECT id, code, name_cn, category FROM product")}

    def months_with_data(self) -> list[str]:
        """Every month from the first record to the last (and any with a state).
        The ends come from the date indexes: no scan of a million sales."""
        ends = self.conn.execute(
            "SELECT min(m), max(m) FROM (SELECT substr(min(date), 1, 7) AS m FROM purchase_in "
            "UNION ALL SELECT substr(max(date), 1, 7) FROM purchase_in "
            "UNION ALL SELECT substr(min(date), 1, 7) FROM sale_out "
            "UNION ALL SELECT substr(max(date), 1, 7) FROM sale_out "
            "UNION ALL SELECT substr(min(end_date), 1, 7) FROM production_batch "
            "UNION ALL SELECT substr(max(end_date), 1, 7) FROM production_batch) AS ends"
        ).fetchone()
        months = {r[0] for r in self.conn.execute("SELECT period FROM period")}
        if ends[0] is not None:
            year, month = int(ends[0][:4]), int(ends[0][5:7])
            while f"{year}-{month:02d}" <= ends[1]:
                months.add(f"{year}-{month:02d}")
                year, month = year + month // 12, month % 12 + 1
        return sorted(months)

    def size_hint(self) -> int:
        """Roughly how many sales the file holds (the highest id: no count)."""
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM sale_out").fetchone()[0]

    def heading(self) -> Heading | None:
        """The own company's name and credit code, as the filing and the
        window's band head them (without loading the records' model)."""
        row = self.conn.execute("SELECT name, uscc FROM company WHERE id = 1").fetchone()
        return Heading(*row) if row else None

    # --- periods -----------------------------------------------------------------

    def period(self, period: str) -> dict:
        row = self.conn.execute(
            "SELECT state, revision, filed_on, receipt_no, template, data_sha256 FROM period "
            "WHERE period = ?", (period,)).fetchone()
        if row is None:
            return {"period": period, "state": "OPEN", "revision": 0, "filed_on": None,
                    "receipt_no": "", "template": "", "data_sha256": ""}
        keys = ("state", "revision", "filed_on", "receipt_no", "template", "data_sha256")
        return {"period": period, **dict(zip(keys, row, strict=True))}

    def filed_periods(self) -> list[str]:
        """The months filed at least once (filed, or reopened for an amendment)."""
        return [r[0] for r in self.conn.execute(
            "SELECT period FROM period WHERE state IN ('FILED', 'AMENDED') "
            "OR filed_on IS NOT NULL ORDER BY period")]

    def set_period(self, period: str, **fields) -> None:
        current = self.period(period)
        current.update(fields)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO period (period, state, revision, filed_on, receipt_no, template, "
                "data_sha256) VALUES (:period, :state, :revision, :filed_on, :receipt_no, "
                ":template, :data_sha256) ON CONFLICT(period) DO UPDATE SET state=excluded.state, "
                "revision=excluded.revision, filed_on=excluded.filed_on, "
                "receipt_no=excluded.receipt_no, template=excluded.template, "
                "data_sha256=excluded.data_sha256", current)

    # --- exports and snapshots -------------------------------------------------------

    def record_export(self, period: str, revision: int, file_name: str, template: str,
                      sha256: str, data_sha256: str, draft: bool) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO filing_export (period, revision, file_name, template, sha256, "
                "data_sha256, draft, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (period, revision, file_name, template, sha256, data_sha256, int(draft),
                 datetime.now().astimezone().isoformat(timespec="seconds")))

    def exports(self, period: str) -> list[dict]:
        cursor = self.conn.execute(
            "SELECT period, revision, file_name, template, sha256, data_sha256, draft, created_at "
            "FROM filing_export WHERE period = ? ORDER BY id", (period,))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor]

    def save_snapshot(self, period: str, revision: int, sheet: str,
                      rows: list[tuple[str, dict]]) -> None:
        import json  # (the window opens through this module without it)

        with self._tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO filing_snapshot VALUES (?, ?, ?, ?, ?)",
                [(period, revision, sheet, key, json.dumps(data, ensure_ascii=False))
                 for key, data in rows])

    def snapshot(self, period: str, revision: int) -> dict[str, dict[str, dict]]:
        import json

        out: dict[str, dict[str, dict]] = {}
        for sheet, key, data in self.conn.execute(
            "SELECT sheet, row_key, data FROM filing_snapshot WHERE period = ? AND revision = ?",
            (period, revision),
        ):
            out.setdefault(sheet, {})[key] = json.loads(data)
        return out

    def _tx(self):
        from .repository import Repository

        return Repository(self.db)._tx()


def iso_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
