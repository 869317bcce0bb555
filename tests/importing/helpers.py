"""Building spreadsheets in tmp_path and reading the demo database back."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from magdesk.usecases.demo_build import make_uscc


def write_xlsx(path: Path, rows: list[list], sheet: str = "Sheet1", *,
               extra_sheets: dict[str, list[list]] | None = None) -> Path:
    """A workbook; a text starting with "=" becomes a formula, as openpyxl does."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, cells in enumerate(rows, 1):
        for c, value in enumerate(cells, 1):
            if value is not None:
                ws.cell(r, c, value)
    for name, more in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for cells in more:
            other.append(cells)
    wb.save(path)
    return path


def write_xls(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is None:
                continue
            if hasattr(value, "isoformat") and not isinstance(value, str):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    for cells in rows:
        writer.writerow(["" if v is None else v for v in cells])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def query(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def one(db: Path, sql: str, params=()):
    rows = query(db, sql, params)
    return rows[0] if rows else None


def dump(db: Path) -> list[str]:
    """The whole database as SQL text: equal dumps, equal databases."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def new_uscc(seed: int, division: str = "330206") -> str:
    import random

    return make_uscc(random.Random(seed), division)


class Demo:
    """Business keys of the demo database that imported rows can refer to."""

    def __init__(self, db: Path):
        self.customer, self.customer_uscc = one(db, (
            "SELECT name_cn, uscc FROM counterparty WHERE role = 'CUSTOMER' "
            "AND cp_type = 'DOMESTIC_ENTERPRISE' ORDER BY id LIMIT 1"))
        self.foreign, self.foreign_en = one(db, (
            "SELECT name_cn, name_en FROM counterparty WHERE cp_type = 'FOREIGN' "
            "AND role = 'CUSTOMER' AND country <> 'HK' ORDER BY id LIMIT 1"))
        self.supplier, self.supplier_uscc = one(db, (
            "SELECT name_cn, uscc FROM counterparty WHERE role = 'SUPPLIER' AND country = 'CN' "
            "ORDER BY id LIMIT 1"))
        # the magnet batch (without Dy/Tb: exports need no licence) with most stock left
        self.batch, self.product, self.batch_end, self.available = one(db, (
            "SELECT b.batch_no, p.code, b.end_date, b.output_g - coalesce("
            "(SELECT sum(qty_g) FROM sale_out s WHERE s.batch_id = b.id), 0) AS left"
            " FROM production_batch b JOIN product p ON p.id = b.product_id"
            " WHERE p.category = 'SINTERED_NDFEB' AND p.dy_pct = 0 AND p.tb_pct = 0"
            " ORDER BY left DESC LIMIT 1"))
        # a raw-material lot with stock left and its product
        self.lot, self.lot_product, self.lot_date, self.lot_left = one(db, (
            "SELECT l.lot_no, p.code, l.date, l.qty_g - coalesce("
            "(SELECT sum(qty_g) FROM batch_input i WHERE i.purchase_id = l.id), 0) AS left"
            " FROM purchase_in l JOIN product p ON p.id = l.product_id WHERE p.code = 'RM-FLK'"
            " ORDER BY left DESC LIMIT 1"))
        self.raw = "RM-PRND"
