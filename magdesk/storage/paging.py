"""Windows onto large tables for the GUI: a row count and pages of display
rows, filtered and sorted in SQL, never the whole table in Python."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from .db import Database
from .filing_store import period_bounds


@dataclass(frozen=True)
class Column:
    name: str  # field name (labels come from the field specs)
    sql: str  # expression in the view's FROM clause
    kind: str = "text"  # text, date, mass, money, int, bool, enum


@dataclass(frozen=True)
class View:
    """What one section's table shows."""

    entity: str
    source: str  # FROM ... JOIN ...
    columns: tuple[Column, ...]
    date_sql: str | None  # the column a period filter applies to
    # Filters, each "<sql> LIKE :like" or an indexed prefix on :prefix / :hi.
    search: tuple[str, ...] = ()
    default_order: str = "t.id"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


C = Column
_CP = "(SELECT id FROM counterparty WHERE name_cn LIKE :like OR name_en LIKE :like " \
      "OR uscc LIKE :like)"
_PR = "(SELECT id FROM product WHERE code LIKE :like OR name_cn LIKE :like)"

VIEWS: dict[str, View] = {
    "counterparty": View("counterparty", "counterparty t", (
        C("name_cn", "t.name_cn"), C("name_en", "t.name_en"), C("cp_type", "t.cp_type", "enum"),
        C("role", "t.role", "enum"), C("uscc", "t.uscc"), C("country", "t.country"),
        C("address", "t.address")), None,
        ("t.name_cn LIKE :like", "t.name_en LIKE :like", "t.uscc LIKE :like")),
    "product": View("product", "product t", (
        C("code", "t.code"), C("name_cn", "t.name_cn"), C("category", "t.category", "enum"),
        C("grade", "t.grade"), C("hs_code", "t.hs_code"), C("dy_pct", "t.dy_pct", "pct"),
        C("tb_pct", "t.tb_pct", "pct"), C("spec", "t.spec")), None,
        ("t.code LIKE :like", "t.name_cn LIKE :like", "t.grade LIKE :like")),
    "purchase": View("purchase", "purchase_in t JOIN counterparty c ON c.id = t.supplier_id "
                     "JOIN product m ON m.id = t.product_id", (
        C("doc_no", "t.doc_no"), C("date", "t.date", "date"), C("supplier_id", "c.name_cn"),
        C("product_id", "m.code"), C("lot_no", "t.lot_no"), C("qty_g", "t.qty_g", "mass"),
        C("amount_fen", "t.amount_fen", "money"), C("origin", "t.origin", "enum"),
        C("invoice_no", "t.invoice_no")), "t.date",
        ("t.doc_no >= :prefix AND t.doc_no < :hi", "t.lot_no >= :prefix AND t.lot_no < :hi",
         f"t.supplier_id IN {_CP}", f"t.product_id IN {_PR}")),
    "batch": View("batch", "production_batch t JOIN product m ON m.id = t.product_id", (
        C("batch_no", "t.batch_no"), C("start_date", "t.start_date", "date"),
        C("end_date", "t.end_date", "date"), C("process", "t.process", "enum"),
        C("product_id", "m.code"), C("grade", "t.grade"), C("output_g", "t.output_g", "mass"),
        C("output_pcs", "t.output_pcs", "int")), "t.end_date",
        ("t.batch_no >= :prefix AND t.batch_no < :hi", f"t.product_id IN {_PR}")),
    "sale": View("sale", "sale_out t JOIN counterparty c ON c.id = t.customer_id "
                 "JOIN product m ON m.id = t.product_id "
                 "JOIN production_batch b ON b.id = t.batch_id", (
        C("doc_no", "t.doc_no"), C("date", "t.date", "date"), C("customer_id", "c.name_cn"),
        C("product_id", "m.code"), C("grade", "t.grade"), C("batch_id", "b.batch_no"),
        C("qty_g", "t.qty_g", "mass"), C("qty_pcs", "t.qty_pcs", "int"),
        C("amount_fen", "t.amount_fen", "money"), C("currency", "t.currency"),
        C("invoice_no", "t.invoice_no"), C("is_export", "t.is_export", "bool")), "t.date",
        ("t.doc_no >= :prefix AND t.doc_no < :hi", f"t.customer_id IN {_CP}",
         f"t.product_id IN {_PR}",
         "t.batch_id IN (SELECT id FROM production_batch WHERE batch_no >= :prefix "
         "AND batch_no < :hi)")),
    "export": View("export", "export_shipment t JOIN sale_out s ON s.id = t.sale_id "
                   "JOIN counterparty c ON c.id = t.consignee_id "
                   "LEFT JOIN export_licence l ON l.id = t.licence_id", (
        C("customs_decl_no", "t.customs_decl_no"), C("decl_date", "t.decl_date", "date"),
        C("sale_id", "s.doc_no"), C("consignee_id", "c.name_cn"), C("destination", "t.destination"),
        C("end_use", "t.end_use", "enum"), C("controlled", "t.controlled", "bool"),
        C("control_no", "t.control_no"), C("licence_id", "l.licence_no"),
        C("qty_g", "t.qty_g", "mass"), C("value_fen", "t.value_fen", "money")), "t.decl_date",
        ("t.customs_decl_no LIKE :like", f"t.consignee_id IN {_CP}",
         "t.licence_id IN (SELECT id FROM export_licence WHERE licence_no LIKE :like)")),
    "licence": View("licence", "export_licence t", (
        C("licence_no", "t.licence_no"), C("licence_type", "t.licence_type", "enum"),
        C("control_no", "t.control_no"), C("valid_from", "t.valid_from", "date"),
        C("valid_to", "t.valid_to", "date"), C("qty_g", "t.qty_g", "mass"),
        C("end_user", "t.end_user")), None,
        ("t.licence_no LIKE :like", "t.end_user LIKE :like")),
}


class PagedQuery:
    """Count and pages of one view under a filter, a period and a sort order."""

    PAGE = 200
    CACHE_PAGES = 50

    def __init__(self, db: Database, view: View, text: str = "", period: str | None = None,
                 sort: str | None = None, descending: bool = False):
        self.db = db
        self.view = view
        where, self.params = self._where(text.strip(), period)
        self.where = f" WHERE {where}" if where else ""
        order = view.column(sort).sql if sort else view.default_order
        direction = "DESC" if descending else "ASC"
        self.order = f" ORDER BY {order} {direction}, t.id {direction}"
        self._count: int | None = None
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()

    def _where(self, text: str, period: str | None) -> tuple[str, dict]:
        parts, params = [], {}
        if text and self.view.search:
            parts.append("(" + " OR ".join(self.view.search) + ")")
            params.update(like=f"%{text}%", prefix=text, hi=text + "\uffff")
        if period and self.view.date_sql:
            parts.append(f"{self.view.date_sql} >= :start AND {self.view.date_sql} < :end")
            params.update(period_bounds(period))
        return " AND ".join(parts), params

    @property
    def _base(self) -> str:
        """The view's own table alone: its joins are to required parents (or a
        LEFT JOIN), so they never add or drop a row, and filters name only
        ``t`` columns — counting and paging need no join at all."""
        return self.view.source.split(" JOIN ")[0].removesuffix(" LEFT")

    def count(self) -> int:
        if self._count is None:
            sql = f"SELECT count(*) FROM {self._base}{self.where}"
            try:
                self._count = self.db.conn.execute(sql, self.params).fetchone()[0]
            except sqlite3.ProgrammingError:  # closed file
                self._count = 0
        return self._count

    def row(self, index: int) -> tuple:
        """(id, display values...) of row ``index`` (0-based)."""
        page, offset = divmod(index, self.PAGE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
            self._pages[page] = rows
            if len(self._pages) > self.CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else ()

    def _fetch(self, page: int) -> list[tuple]:
        """One page: its ids from the base table (an index walk when the order
        has one), then the display values of just those ids."""
        joined = not self.order.split()[2].startswith("t.")
        source = self.view.source if joined else self._base
        ids_sql = (f"SELECT t.id FROM {source}{self.where}{self.order} "
                   f"LIMIT {self.PAGE} OFFSET {page * self.PAGE}")
        cols = ", ".join(c.sql for c in self.view.columns)
        try:
            ids = [r[0] for r in self.db.conn.execute(ids_sql, self.params)]
            if not ids:
                return []
            rows = self.db.conn.execute(
                f"SELECT t.id, {cols} FROM {self.view.source} "
                f"WHERE t.id IN ({', '.join(map(str, ids))})").fetchall()
        except sqlite3.ProgrammingError:  # the file was closed under a view still painting
            return []
        by_id = {r[0]: r for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def index_of(self, record_id: int) -> int | None:
        """Row index of a record in the current order (None if filtered out)."""
        for page in list(self._pages):
            for offset, row in enumerate(self._pages[page]):
                if row[0] == record_id:
                    return page * self.PAGE + offset
        return None
