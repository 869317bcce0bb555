"""Batch trace.  Forward: a purchased lot → the production batches it went
into → the sales shipped from those batches and their customers.  Backward:
a sale → its batch → the lots put into it and their suppliers."""

from __future__ import annotations

from datetime import datetime

from ..core import kinds
from ..core.enums import Origin, Process
from ..storage.db import Database
from ..storage.report_store import ReportStore
from .common import ReportError, country_label, kg_text, make_report
from .model import Column, Facts, Paragraph, Report, Row, Section, Table, cell_text

TITLE = "产品批次追溯表"
LOTS = "原料批号入库记录"
BATCHES = "投入的生产批次"
SALES = "销售去向"
CUSTOMERS = "客户汇总"
EXPORTS = "出口报关"
INPUTS = "投料批号及供应商"


def trace_report(db: Database, period: str, *, lot: str | None = None, sale: str | None = None,
                 now: datetime | None = None) -> Report:
    if bool(lot) == bool(sale):
        raise ReportError("trace_subject")
    store = ReportStore(db)
    if lot:
        sections, subject = forward(store, lot), f"正向追溯：原料批号 {lot}"
    else:
        sections, subject = backward(store, sale), f"反向追溯：出库单号 {sale}"
    return make_report(db, "trace", TITLE, period, sections, now=now, subject=subject,
                       landscape=True)


def forward(store: ReportStore, lot_no: str) -> list[Section]:
    lots = store.lots(lot_no)
    if not lots:
        raise ReportError("lot_not_found", key=lot_no)
    lot_rows = tuple(Row((p["doc_no"], p["date"], p["supplier_name"], p["supplier_uscc"] or "",
                          p["product_code"], p["product_name"], p["qty_g"],
                          Origin(p["origin"]).label("zh"), p["import_decl_no"])) for p in lots)
    lot_table = Table(LOTS, (
        Column("入库单号", "code"), Column("入库日期", "date"), Column("供应商名称"),
        Column("统一社会信用代码", "code"), Column("物料编码", "code"), Column("物料名称"),
        Column("数量(kg)", "mass"), Column("来源"), Column("进口报关单号", "code")), lot_rows)
    uses = store.lot_batches([p["id"] for p in lots])
    batch_rows = tuple(Row((b["batch_no"], b["start_date"], b["end_date"],
                            Process(b["process"]).label("zh"), b["product_code"], b["grade"],
                            b["input_g"], b["batch_input_g"], b["output_g"])) for b in uses)
    used = sum(b["input_g"] for b in uses)
    received = sum(p["qty_g"] for p in lots)
    batch_table = Table(BATCHES, (
        Column("生产批号", "code"), Column("投产日期", "date"), Column("完工日期", "date"),
        Column("工艺"), Column("产出物料编码", "code"), Column("牌号", "code"),
        Column("本批号投入(kg)", "mass"), Column("批次投料合计(kg)", "mass"),
        Column("产出重量(kg)", "mass")), batch_rows,
        (Row(("合计", "", "", "", "", "", used, "", ""), "total"),), empty="该批号尚未投入生产")
    balance = Paragraph(f"该批号入库 {kg_text(received)}，已投入生产 {kg_text(used)}，"
                        f"结存 {kg_text(received - used)}。")
    sales = store.batch_sales(sorted({b["batch_id"] for b in uses}))
    return [
        Section("一、原料批号", (lot_table, balance)),
        Section("二、生产批次", (batch_table,)),
        Section("三、销售去向", (sales_table(sales), customer_table(sales), Paragraph(
            "说明：一个生产批次通常投入多个原料批号，上表列出这些批次的全部销售；"
            "各批次中本批号所占比例见“本批号投入”与“批次投料合计”。"))),
    ]


def sales_table(sales: list[dict]) -> Table:
    rows = tuple(Row((s["doc_no"], s["date"], s["customer_name"],
                      country_label(s["customer_country"]), s["batch_no"], s["product_code"],
                      s["qty_g"], s["exports"] or ("出口" if s["is_export"] else "内销")))
                 for s in sales)
    return Table(SALES, (
        Column("出库单号", "code"), Column("销售日期", "date"), Column("客户名称"),
        Column("国家(地区)"), Column("生产批号", "code"), Column("物料编码", "code"),
        Column("重量(kg)", "mass"), Column("出口报关单号 运抵国")), rows,
        (Row((f"合计({len(rows)} 笔)", "", "", "", "", "", sum(s["qty_g"] for s in sales), ""),
             "total"),), empty="这些批次尚无销售")


def customer_table(sales: list[dict]) -> Table:
    rows: dict[tuple, list] = {}
    for s in sales:
        key = (s["customer_name"], s["customer_uscc"] or "")
        row = rows.setdefault(key, [s["customer_name"], s["customer_uscc"] or "",
                                    country_label(s["customer_country"]), 0, 0])
        row[3] += 1
        row[4] += s["qty_g"]
    data = tuple(Row(tuple(rows[k])) for k in sorted(rows))
    return Table(CUSTOMERS, (
        Column("客户名称"), Column("统一社会信用代码", "code"), Column("国家(地区)"),
        Column("笔数", "count"), Column("重量(kg)", "mass")), data,
        (Row(("合计", "", "", sum(r[3] for r in rows.values()),
              sum(r[4] for r in rows.values())), "total"),), empty="无")


def backward(store: ReportStore, doc_no: str) -> list[Section]:
    sale = store.sale(doc_no)
    if sale is None:
        raise ReportError("sale_not_found", key=doc_no)
    amount = (f"{cell_text('money', sale['amount_fen'])} {sale['currency']}"
              if sale["amount_fen"] is not None else "")
    sale_facts = Facts("销售单", (
        ("出库单号", sale["doc_no"]), ("销售日期", sale["date"]),
        ("客户名称", sale["customer_name"]), ("统一社会信用代码", sale["customer_uscc"] or "—"),
        ("国家(地区)", country_label(sale["customer_country"])),
        ("产品", f"{sale['product_code']} {sale['product_name']}"),
        ("牌号", sale["grade"]), ("重量", kg_text(sale["qty_g"])),
        ("数量(件)", str(sale["qty_pcs"] or "")), ("金额", amount),
        ("发票号码", sale["invoice_no"]), ("合同号", sale["contract_no"]),
        ("是否出口", kinds.boolean.filing(sale["is_export"]))))
    export_rows = tuple(Row((x["customs_decl_no"], x["decl_date"], country_label(x["destination"]),
                             x["consignee_name"], x["end_user"], bool(x["controlled"]),
                             x["control_no"], x["licence_no"] or "", x["qty_g"]))
                        for x in store.sale_exports(sale["id"]))
    export_table = Table(EXPORTS, (
        Column("报关单号", "code"), Column("申报日期", "date"), Column("运抵国(地区)"),
        Column("境外收货人"), Column("最终用户"), Column("管制物项"), Column("管制编码", "code"),
        Column("许可证号", "code"), Column("重量(kg)", "mass")), export_rows, empty="非出口销售")
    batch = store.batch(sale["batch_id"])
    batch_facts = Facts("生产批次", (
        ("生产批号", batch["batch_no"]), ("工艺", Process(batch["process"]).label("zh")),
        ("投产日期", batch["start_date"]), ("完工日期", batch["end_date"]),
        ("产出产品", f"{batch['product_code']} {batch['product_name']}"),
        ("牌号", batch["grade"]), ("产出重量", kg_text(batch["output_g"])),
        ("累计销售", kg_text(batch["sold_g"])),
        ("批次结存", kg_text(batch["output_g"] - batch["sold_g"]))))
    inputs = store.batch_inputs(batch["id"])
    input_rows = tuple(Row((i["lot_no"], i["product_code"], i["product_name"], i["supplier_name"],
                            i["supplier_uscc"] or "", i["doc_no"], i["date"],
                            Origin(i["origin"]).label("zh"), i["import_decl_no"], i["input_g"]))
                       for i in inputs)
    input_table = Table(INPUTS, (
        Column("投料批号", "code"), Column("物料编码", "code"), Column("物料名称"),
        Column("供应商名称"), Column("统一社会信用代码", "code"), Column("入库单号", "code"),
        Column("入库日期", "date"), Column("来源"), Column("进口报关单号", "code"),
        Column("投料重量(kg)", "mass")), input_rows,
        (Row(("合计", "", "", "", "", "", "", "", "", sum(i["input_g"] for i in inputs)),
             "total"),))
    share = Paragraph(f"本销售单重量 {kinds.mass.display(sale['qty_g'])} kg，占该批次产出的 "
                      f"{_percent(sale['qty_g'], batch['output_g'])}。")
    return [
        Section("一、销售单", (sale_facts, export_table)),
        Section("二、生产批次", (batch_facts, share)),
        Section("三、投料批号及供应商", (input_table,)),
    ]


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    tenths = (part * 1000 + whole // 2) // whole
    return f"{tenths // 10}.{tenths % 10}%"
