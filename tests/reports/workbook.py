"""The exported filing workbook of a period read back with openpyxl, as the
inspector's cross-check of a printed summary: rows by header, mass in grams,
money in hundredths."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from magdesk.cli import main

SHEETS = ("采购入库", "生产批次", "销售出库", "出口明细", "月度库存")


def export_workbook(db_path: Path, period: str, out: Path) -> Path:
    assert main(["export", "--db", str(db_path), "--period", period, "--out", str(out),
                 "--draft"]) == 0
    (path,) = out.glob("*.xlsx")
    return path


def read_sheets(path: Path) -> dict[str, list[dict]]:
    book = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for name in SHEETS:
        rows = list(book[name].iter_rows(values_only=True))
        header = rows[0]
        out[name] = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    book.close()
    return out


def grams(value) -> int:
    return round(value * 1000) if value is not None else 0


def fen(value) -> int:
    return round(value * 100) if value is not None else 0


def mass_sum(rows: list[dict], header: str) -> int:
    return sum(grams(r[header]) for r in rows)


def money_sum(rows: list[dict], header: str, **where) -> int:
    return sum(fen(r[header]) for r in rows if all(r[k] == v for k, v in where.items()))
