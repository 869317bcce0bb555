"""The inventory reconciliation: per product, opening, every kind of in and
out, and closing — the figures of the 月度库存 sheet, row for row, and the
make-up of its 销售出库 column (domestic sales, exports, customer returns)."""

from __future__ import annotations

from datetime import datetime

from ..core.balance import monthly_balance
from ..filing.sources import source_rows
from ..storage.db import Database
from ..storage.filing_store import FilingStore
from ..storage.repository import Repository
from .common import category_label, make_report
from .model import Column, Paragraph, Report, Row, Section, Table

TITLE = "月度库存核对表"
BALANCE = "月度库存(与申报表“月度库存”工作表逐行一致)"
SALES_MAKEUP = "销售出库构成(按产品)"
_SHEET = ("opening_g", "in_purchase", "in_production", "out_sales", "out_consumption",
          "out_loss", "closing_g")


def inventory_report(db: Database, period: str, *, now: datetime | None = None) -> Report:
    store = FilingStore(db)
    rows = list(source_rows(store, "inventory", period))
    balance, mismatches = balance_table(rows)
    check = (f"核对：期初 + 采购入库 + 生产入库 − 销售出库 − 生产领用 − 损耗 = 期末，"
             f"{len(rows)} 个产品全部相符。" if not mismatches else
             f"核对：{len(mismatches)} 个产品不平衡：{'、'.join(mismatches)}。")
    negative = [r["product_code"] for r in rows if r["closing_g"] < 0]
    if negative:
        check += f"期末库存为负：{'、'.join(negative)}。"
    sections = [
        Section("一、库存平衡", (balance, Paragraph(check))),
        Section("二、销售出库构成", (sales_makeup(db, store, period),)),
    ]
    return make_report(db, "inventory", TITLE, period, sections, now=now, landscape=True,
                       units="重量单位：千克(kg)")


def balance_table(rows: list[dict]) -> tuple[Table, list[str]]:
    data, mismatches = [], []
    for seq, r in enumerate(rows, 1):
        ok = (r["opening_g"] + r["in_purchase"] + r["in_production"] - r["out_sales"]
              - r["out_consumption"] - r["out_loss"]) == r["closing_g"]
        if not ok:
            mismatches.append(r["product_code"])
        data.append(Row((seq, r["product_code"], r["product_name"],
                         category_label(r["category"]), *(r[k] for k in _SHEET),
                         "相符" if ok else "不符")))
    columns = (Column("序号", "count"), Column("物料编码", "code"), Column("物料名称"),
               Column("产品类别"), Column("期初库存(kg)", "mass"), Column("采购入库(kg)", "mass"),
               Column("生产入库(kg)", "mass"), Column("销售出库(kg)", "mass"),
               Column("生产领用(kg)", "mass"), Column("损耗(kg)", "mass"),
               Column("期末库存(kg)", "mass"), Column("核对"))
    total = Row(("合计", "", "", "", *(sum(r[k] for r in rows) for k in _SHEET), ""), "total")
    return Table(BALANCE, columns, tuple(data), (total,)), mismatches


def sales_makeup(db: Database, store: FilingStore, period: str) -> Table:
    """销售出库 of the sheet = domestic sales + exports − customer returns."""
    movements = [m for m in Repository(db).movements() if m[1] <= period]
    products = store.products()
    data = []
    for b in monthly_balance(movements, period):
        if b.period != period or not (b.out_sales or b.out_export or b.in_return):
            continue
        code, name, _ = products[b.product_id]
        data.append(Row((code, name, b.out_sales, b.out_export, b.in_return,
                         b.out_sales + b.out_export - b.in_return)))
    data.sort(key=lambda r: r.cells[0])
    columns = (Column("物料编码", "code"), Column("物料名称"), Column("内销出库(kg)", "mass"),
               Column("出口出库(kg)", "mass"), Column("退货入库(kg)", "mass"),
               Column("销售出库(kg)", "mass"))
    total = Row(("合计", "", *(sum(r.cells[i] for r in data) for i in range(2, 6))), "total")
    return Table(SALES_MAKEUP, columns, tuple(data), (total,),
                 note="销售出库 = 内销出库 + 出口出库 − 退货入库(申报表无退货入库列，退货冲减销售出库)。")
