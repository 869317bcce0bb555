"""The monthly flow summary: what came in (by supplier and material, and
from production), what went out (by customer and product), the exports by
destination, controlled against not, and a chart of the month by category.

Every figure is summed from the rows of the filing workbook of the same
period (``filing.sources``), so the printed totals equal the workbook's."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from ..core import kinds
from ..core.enums import Category
from ..filing.sources import source_rows
from ..storage.db import Database
from ..storage.filing_store import FilingStore
from .common import add, category_label, country_label, grouped, make_report
from .model import BarChart, Column, Facts, Report, Row, Section, Series, Table

TITLE = "月度产品流向汇总表"
PURCHASES = "采购入库(按供应商、物料)"
PRODUCTION = "生产入库(按产出产品)"
SALES = "销售出库(按客户、产品)"
EXPORTS = "出口(按运抵国(地区))"
CONTROL = "出口管制物项与非管制物项"
CATEGORIES = "入库与出库(按产品类别)"


def flow_report(db: Database, period: str, *, now: datetime | None = None) -> Report:
    store = FilingStore(db)
    purchases = list(source_rows(store, "purchases", period))
    batches = list(source_rows(store, "batches", period))
    sales = list(source_rows(store, "sales", period))
    exports = list(source_rows(store, "exports", period))
    inventory = list(source_rows(store, "inventory", period))
    chart, by_category = category_flow(inventory)
    sections = [
        Section("一、本月概况", (overview(purchases, batches, sales, exports, inventory),
                              chart, by_category)),
        Section("二、入库", (purchase_table(purchases), production_table(batches))),
        Section("三、出库", (sales_table(sales),)),
        Section("四、出口", (export_table(exports), control_table(exports))),
    ]
    return make_report(db, "flow", TITLE, period, sections, now=now)


def overview(purchases, batches, sales, exports, inventory) -> Facts:
    def kg(rows, name="qty_g"):
        return kinds.mass.display(sum(r[name] for r in rows))

    exported = [s for s in sales if s["is_export"]]
    controlled = [x for x in exports if x["controlled"]]
    batch_nos = {b["batch_no"] for b in batches}
    output = sum({b["batch_no"]: b["output_g"] for b in batches}.values())
    return Facts("本月概况", (
        ("采购入库", f"{len(purchases)} 笔，{kg(purchases)} kg"),
        ("生产完工", f"{len(batch_nos)} 批，产出 {kinds.mass.display(output)} kg"),
        ("销售出库", f"{len(sales)} 笔，{kg(sales)} kg"),
        ("其中出口销售", f"{len(exported)} 笔，{kg(exported)} kg"),
        ("出口报关", f"{len(exports)} 行，{kg(exports)} kg"),
        ("其中管制物项", f"{len(controlled)} 行，{kg(controlled)} kg"),
        ("期初库存合计", f"{kg(inventory, 'opening_g')} kg"),
        ("期末库存合计", f"{kg(inventory, 'closing_g')} kg"),
    ))


def purchase_table(purchases: list[dict]) -> Table:
    rows: dict[tuple, list] = {}
    for p in purchases:
        key = (p["supplier_name"], p["supplier_uscc"] or "", p["product_code"])
        row = rows.setdefault(key, [p["supplier_name"], p["product_code"], p["product_name"],
                                    category_label(p["category"]), 0, 0, None])
        row[4] += 1
        row[5] += p["qty_g"]
        row[6] = add(row[6], p["amount_fen"])

    def subtotal(key, block):
        return ("  小计", "", "", "", *_sums(block, 4, 5, 6))

    columns = (Column("供应商名称"), Column("物料编码", "code"), Column("物料名称"),
               Column("产品类别"), Column("笔数", "count"), Column("数量(kg)", "mass"),
               Column("金额(元)", "money"))
    keys = sorted(rows)
    total = Row(("合计", "", "", "", *_sums(list(rows.values()), 4, 5, 6)), "total")
    return Table(PURCHASES, columns, grouped(keys, rows, 2, subtotal), (total,), group=0)


def production_table(batches: list[dict]) -> Table:
    rows: dict[str, list] = {}
    seen: set[str] = set()
    for b in batches:
        row = rows.setdefault(b["product_code"], [b["product_code"], b["product_name"], 0, 0, 0])
        if b["batch_no"] not in seen:
            seen.add(b["batch_no"])
            row[2] += 1
            row[3] += b["output_g"]
        row[4] += b["input_g"]
    columns = (Column("产出物料编码", "code"), Column("产出产品名称"), Column("批次数", "count"),
               Column("产出重量(kg)", "mass"), Column("投料重量(kg)", "mass"))
    data = tuple(Row(tuple(rows[k])) for k in sorted(rows))
    total = Row(("合计", "", *_sums(list(rows.values()), 2, 3, 4)), "total")
    return Table(PRODUCTION, columns, data, (total,),
                 note="投料重量为本月完工批次的全部投料，与申报表“生产批次”工作表的投料重量合计一致。")


def sales_table(sales: list[dict]) -> Table:
    rows: dict[tuple, list] = {}
    for s in sales:
        key = (s["customer_name"], s["customer_country"], s["product_code"], s["currency"])
        row = rows.setdefault(key, [s["customer_name"], country_label(s["customer_country"]),
                                    s["product_code"], s["product_name"], 0, 0, None,
                                    s["currency"]])
        row[4] += 1
        row[5] += s["qty_g"]
        row[6] = add(row[6], s["amount_fen"])

    def subtotal(key, block):
        count, mass, money = _sums(block, 4, 5, 6)
        currencies = {r[7] for r in block}
        single = len(currencies) == 1
        return ("  小计", "", "", "", count, mass, money if single else None,
                currencies.pop() if single else "")

    columns = (Column("客户名称"), Column("国家(地区)"), Column("物料编码", "code"),
               Column("产品名称"), Column("笔数", "count"), Column("重量(kg)", "mass"),
               Column("金额", "money"), Column("币种", "code"))
    keys = sorted(rows)
    return Table(SALES, columns, grouped(keys, rows, 2, subtotal),
                 _currency_totals(list(rows.values()), 4, 5, 6, 7, 8), group=0)


def export_table(exports: list[dict]) -> Table:
    rows: dict[tuple, list] = {}
    for x in exports:
        key = (x["destination"], x["currency"])
        row = rows.setdefault(key, [country_label(x["destination"]), 0, 0, 0, 0, None,
                                    x["currency"]])
        row[1] += 1
        row[2 if x["controlled"] else 3] += x["qty_g"]
        row[4] += x["qty_g"]
        row[5] = add(row[5], x["value_fen"])
    columns = (Column("运抵国(地区)"), Column("报关行数", "count"), Column("管制物项(kg)", "mass"),
               Column("非管制物项(kg)", "mass"), Column("重量合计(kg)", "mass"),
               Column("货值", "money"), Column("币种", "code"))
    data = tuple(Row(tuple(rows[k])) for k in sorted(rows))
    return Table(EXPORTS, columns, data,
                 _currency_totals(list(rows.values()), 1, 4, 5, 6, 7, extra=(2, 3)))


def control_table(exports: list[dict]) -> Table:
    rows: dict[tuple, list] = {}
    for x in exports:
        code = x["control_no"] if x["controlled"] else ""
        key = (not x["controlled"], code, x["currency"])
        row = rows.setdefault(key, ["管制物项" if x["controlled"] else "非管制物项", code, 0, 0, None,
                                    x["currency"]])
        row[2] += 1
        row[3] += x["qty_g"]
        row[4] = add(row[4], x["value_fen"])
    columns = (Column("类别"), Column("管制编码", "code"), Column("报关行数", "count"),
               Column("重量(kg)", "mass"), Column("货值", "money"), Column("币种", "code"))
    data = tuple(Row(tuple(rows[k])) for k in sorted(rows))
    return Table(CONTROL, columns, data, _currency_totals(list(rows.values()), 2, 3, 4, 5, 6))


def category_flow(inventory: list[dict]) -> tuple[BarChart, Table]:
    """In and out by product category, from the 月度库存 rows: in = purchases
    + production, out = sales (net of returns, as the sheet) + consumption + loss."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for r in inventory:
        cell = sums[r["category"]]
        for i, name in enumerate(("in_purchase", "in_production", "out_sales",
                                  "out_consumption", "out_loss", "closing_g")):
            cell[i] += r[name]
    order = [c.value for c in Category if c.value in sums] + sorted(set(sums) - set(Category))
    rows = []
    for code in order:
        p, m, s, c, loss, _ = sums[code]
        rows.append(Row((category_label(code), p, m, p + m, s, c, loss, s + c + loss)))
    columns = (Column("产品类别"), Column("采购入库(kg)", "mass"), Column("生产入库(kg)", "mass"),
               Column("入库合计(kg)", "mass"), Column("销售出库(kg)", "mass"),
               Column("生产领用(kg)", "mass"), Column("损耗(kg)", "mass"),
               Column("出库合计(kg)", "mass"))
    total = Row(("合计", *(sum(r.cells[i] for r in rows) for i in range(1, 8))), "total")
    table = Table(CATEGORIES, columns, tuple(rows), (total,),
                  note="数据取自申报表“月度库存”工作表；销售出库已扣除退货入库。")
    chart = BarChart("本月入库与出库(按产品类别)", tuple(r.cells[0] for r in rows),
                     (Series("入库", tuple(r.cells[3] for r in rows)),
                      Series("出库", tuple(r.cells[7] for r in rows))))
    return chart, table


def _sums(rows: list[list], count: int, mass: int, money: int) -> tuple:
    amount = None
    for r in rows:
        amount = add(amount, r[money])
    return sum(r[count] for r in rows), sum(r[mass] for r in rows), amount


def _currency_totals(rows: list[list], count: int, mass: int, money: int, currency: int,
                     width: int, extra: tuple[int, ...] = ()) -> tuple[Row, ...]:
    """合计 (count and mass over all rows; money only when one currency), then
    one 其中 row per currency when there are several."""
    def line(label: str, block: list[list], with_money: bool) -> Row:
        cells: list = [""] * width
        cells[0] = label
        n, kg, amount = _sums(block, count, mass, money)
        cells[count], cells[mass] = n, kg
        for i in extra:
            cells[i] = sum(r[i] for r in block)
        if with_money:
            cells[money], cells[currency] = amount, block[0][currency] if block else ""
        return Row(tuple(cells), "total")

    by_currency: dict[str, list[list]] = defaultdict(list)
    for r in rows:
        by_currency[r[currency]].append(r)
    if len(by_currency) <= 1:
        return (line("合计", rows, True),)
    return (line("合计", rows, False),
            *(line(f"  其中 {c}", by_currency[c], True) for c in sorted(by_currency)))

