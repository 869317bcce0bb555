"""The licence application sheet of a sale or a contract: the data MOFCOM's
dual-use export licence application asks (exporter, importer, end user,
end use, the items with their control numbers, quantity, value, contract,
delivery), then the attachments an application needs, each ticked when one
of its kind is kept with the sale, the customer, the product or the
licence.  Plain data (no Qt)."""

from __future__ import annotations

from datetime import date, datetime

from ..core.kinds import mass, money
from ..storage.db import Database
from ..storage.dossier_store import Chain, company, sales_chain
from .common import ReportError, make_report
from .dossier_parts import (
    AttachedFile,
    bi,
    composition_text,
    country_text,
    decisions,
    end_use_label,
    owned,
)
from .model import Column, Facts, Paragraph, Report, Row, Section, Table

TITLE = "两用物项出口许可申请资料表 Dual-use export licence application data"
ITEMS = bi("申请物项", "Items")
NEEDED = bi("申请所需附件", "Attachments required")
TICK, EMPTY = "☑", "☐"

# What an application needs: (zh, en, the attachment kinds that answer it,
# the owners they may hang on).
REQUIRED: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("出口合同或协议", "Export contract or agreement", ("contract",), ("sale", "counterparty")),
    ("技术说明或检测报告", "Technical specification or test report",
     ("spec", "test_report"), ("product",)),
    ("最终用户和最终用途证明（附中文译本）", "End-user and end-use certificate (with Chinese "
     "translation)", ("end_user_cert",), ("sale", "counterparty", "export", "licence")),
    ("生产现场及磁体安装位置照片", "Photos of the production site and of where the magnet sits",
     ("photo",), ("product", "sale", "counterparty")),
    ("进口商及最终用户情况说明", "Importer and end-user information",
     ("other", "spec", "end_user_cert"), ("counterparty",)),
)


def load_sales(db: Database, sale: str | None, contract: str | None) -> Chain:
    """The chain of the sale or of the contract's sales, or a refusal."""
    if bool(sale) == bool(contract):
        raise ReportError("sheet_subject")
    chain = sales_chain(db, doc_no=sale, contract_no=contract)
    if chain is None:
        raise ReportError("sale_not_found" if sale else "contract_not_found",
                          key=sale or contract)
    return chain


def licence_sheet_report(db: Database, *, sale: str | None = None, contract: str | None = None,
                         now: datetime | None = None, chain: Chain | None = None,
                         attachments: list[AttachedFile] | None = None,
                         policy=None) -> Report:
    """The application data of ``sale`` or of every sale under ``contract``."""
    chain = chain or load_sales(db, sale, contract)
    atts = list(attachments or [])
    sales = sorted(chain.sales.values(), key=lambda s: (s.date, s.doc_no))
    on = chain.lines[0].decl_date if chain.lines else (now or datetime.now()).date()
    decided = decisions(chain, on, policy)
    subject = (f"合同号 Contract No. {contract}" if contract
               else f"出库单号 Sale No. {sales[0].doc_no}")
    sections = [
        Section(bi("一、出口经营者", "Exporter"), (exporter(db),)),
        Section(bi("二、进口商及最终用户", "Importer and end user"), (parties(chain),)),
        Section(bi("三、申请物项", "Items"), (items_table(chain, decided),)),
        Section(bi("四、合同及交货", "Contract and delivery"), (delivery(chain),)),
        Section(bi("五、申请所需附件", "Attachments required"),
                (needed_table(chain, atts), Paragraph(
                    f"{TICK} 已附 attached    {EMPTY} 未附 not yet attached"))),
    ]
    return make_report(db, "licence_sheet", TITLE, f"{sales[0].date:%Y-%m}", sections, now=now,
                       subject=subject, landscape=True,
                       units="重量单位：千克(kg) Mass in kg")


def exporter(db: Database) -> Facts:
    own = company(db)
    return Facts(bi("出口经营者", "Exporter"), (
        (bi("名称", "Name"), own.name if own else ""),
        (bi("统一社会信用代码", "Credit code"), own.uscc if own else ""),
        (bi("地址", "Address"), (own.address if own else "") or "—"),
        (bi("联系人", "Contact"), (own.contact if own else "") or "—")))


def _importer(chain: Chain):
    """The consignee of the first export line, else the first sale's customer."""
    if chain.lines:
        return chain.parties.get(chain.lines[0].consignee_id)
    first = min(chain.sales.values(), key=lambda s: (s.date, s.doc_no))
    return chain.parties.get(first.customer_id)


def parties(chain: Chain) -> Facts:
    imp = _importer(chain)
    users = sorted({x.end_user for x in chain.lines if x.end_user})
    uses = {x.end_use for x in chain.lines if x.end_use}
    uses |= {s.end_use for s in chain.sales.values() if s.end_use}
    if not uses and imp is not None and imp.end_use_default:
        uses = {imp.end_use_default}
    return Facts(bi("进口商及最终用户", "Importer and end user"), (
        (bi("进口商（中文）", "Importer (zh)"), imp.name_cn if imp else ""),
        (bi("进口商（英文）", "Importer (en)"), (imp.name_en if imp else "") or "—"),
        (bi("国家(地区)", "Country"), country_text(imp.country, "both") if imp else ""),
        (bi("地址", "Address"), (imp.address if imp else "") or "—"),
        (bi("最终用户", "End user"), "、".join(users) or (imp.name_cn if imp else "")),
        (bi("最终用途", "End use"), "、".join(
            f"{end_use_label(u)} {end_use_label(u, 'en')}" for u in sorted(uses)) or "—")))


def items_table(chain: Chain, decided: dict) -> Table:
    rows = []
    sales = sorted(chain.sales.values(), key=lambda s: (s.date, s.doc_no))
    for s in sales:
        p = chain.products[s.product_id]
        d = decided[p.id]
        rows.append(Row((s.doc_no, p.name_cn, f"{p.code} / {s.grade or p.grade}", p.spec,
                         p.hs_code, composition_text(p, "en"),
                         d.control_no or "不属于管制物项 not controlled", s.qty_g, s.qty_pcs,
                         s.amount_fen, s.currency)))
    total = Row(("合计 Total", "", "", "", "", "", "", sum(s.qty_g for s in sales), None,
                 None, ""), "total")
    return Table(ITEMS, (
        Column(bi("出库单号", "Sale No."), "code"), Column(bi("物项名称", "Item")),
        Column(bi("型号/牌号", "Model/grade"), "code"), Column(bi("规格", "Specification")),
        Column(bi("商品编号", "HS code"), "code"), Column(bi("成分", "Composition")),
        Column(bi("管制编码", "Control No."), "code"), Column(bi("数量(kg)", "Quantity"), "mass"),
        Column(bi("件数", "Pieces"), "count"), Column(bi("金额", "Value"), "money"),
        Column(bi("币制", "Currency"), "code")), tuple(rows), (total,))


def delivery(chain: Chain) -> Facts:
    sales = sorted(chain.sales.values(), key=lambda s: (s.date, s.doc_no))
    contracts = "、".join(sorted({s.contract_no for s in sales if s.contract_no})) or "—"
    value = _values(sales)
    imp = _importer(chain)
    where = chain.lines[0].destination if chain.lines else (imp.country if imp else "")
    shipped = (f"{min(x.decl_date for x in chain.lines)}（报关 declared）" if chain.lines
               else f"{sales[0].date}（出库 shipped）")
    return Facts(bi("合同及交货", "Contract and delivery"), (
        (bi("合同号", "Contract No."), contracts),
        (bi("合同日期", "Contract date"), _first_day(sales)),
        (bi("总数量", "Total quantity"), f"{mass.display(sum(s.qty_g for s in sales))} kg"),
        (bi("总金额", "Total value"), value or "—"),
        (bi("交货日期", "Delivery date"), shipped),
        (bi("目的国(地区)", "Destination"), country_text(where, "both")),
        (bi("出境口岸", "Port of exit"), "—"),
        (bi("报关单号", "Declaration No."), "、".join(
            sorted({x.customs_decl_no for x in chain.lines})) or "—")))


def _first_day(sales) -> str:
    day: date = min(s.date for s in sales)
    return f"{day.isoformat()}（以首笔销售日期计 first sale）"


def _values(sales) -> str:
    by_currency: dict[str, int] = {}
    for s in sales:
        if s.amount_fen is not None:
            by_currency[s.currency] = by_currency.get(s.currency, 0) + s.amount_fen
    return "；".join(f"{money.display(v, grouped=True)} {c}" for c, v in by_currency.items())


def needed_table(chain: Chain, atts: list[AttachedFile]) -> Table:
    owners = _owners(chain)
    rows = []
    for i, (zh, en, kinds, entities) in enumerate(REQUIRED, 1):
        found = [a for e in entities for rid in owners[e] for a in owned(atts, e, rid, kinds)
                 if a.present]  # a row whose file is lost is no attachment to hand in
        names = "、".join(dict.fromkeys(a.name for a in found))
        rows.append(Row((TICK if found else EMPTY, str(i), zh, en, names or "—")))
    return Table(NEEDED, (
        Column(bi("已附", "Present")), Column(bi("序号", "No."), "code"),
        Column(bi("附件", "Attachment")), Column(bi("英文", "In English")),
        Column(bi("已附文件", "Files kept"))), tuple(rows))


def _owners(chain: Chain) -> dict[str, list[int]]:
    people = sorted({s.customer_id for s in chain.sales.values()}
                    | {x.consignee_id for x in chain.lines})
    return {"sale": list(chain.sales), "counterparty": people,
            "product": list(chain.products), "export": [x.id for x in chain.lines],
            "licence": list(chain.licences)}
