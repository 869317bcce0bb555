"""The dossier of an export declaration for the customs officer (GAC
Announcement 2025 No. 123: declaration, contract, statement of performance
and use, test reports): a cover page with the parties and the missing
pieces, the declaration lines with their specification texts and control
decisions, the sales and contracts, each batch and its input lots back to
the suppliers, each model's composition and test report, the licences and
their usage, the attachments and the statement.  Plain data (no Qt)."""

from __future__ import annotations

from datetime import datetime

from ..core.enums import LicenceType, Origin, Process
from ..core.licences import usage
from ..storage.db import Database
from ..storage.dossier_store import Chain, company, declaration_chain
from .common import ReportError, make_report
from .dossier_parts import (
    AttachedFile,
    Missing,
    bi,
    composition_text,
    country_text,
    decisions,
    end_use_label,
    kind_label,
    missing_pieces,
    statement_text,
)
from .model import Column, Facts, Paragraph, Report, Row, Section, Table

TITLE = "出口报关单证资料 Export declaration dossier"
LINES = bi("报关单商品项", "Declaration lines")
SALES = bi("销售及合同", "Sales and contracts")
BATCHES = bi("生产批次", "Production batches")
LOTS = bi("投料批号及供应商", "Input lots and suppliers")
MODELS = bi("型号成分及检测报告", "Composition and test reports")
LICENCES = bi("许可证及使用情况", "Licences and usage")
FILES = bi("附件清单", "Attachments")
MISSING = bi("缺件清单", "Missing pieces")


def load_chain(db: Database, decl_no: str) -> Chain:
    """The declaration's chain, or a refusal naming the number asked."""
    chain = declaration_chain(db, decl_no)
    if chain is None:
        raise ReportError("decl_not_found", key=decl_no)
    return chain


def draft_statement(db: Database, decl_no: str, lang: str = "zh", *,
                    chain: Chain | None = None) -> str:
    """The statement of performance and use drafted from the product data."""
    chain = chain or load_chain(db, decl_no)
    own = company(db)
    if own is None:
        raise ReportError("no_company")
    return statement_text(chain, own, lang)


def dossier_report(db: Database, decl_no: str, *, statement: str | None = None,
                   now: datetime | None = None, chain: Chain | None = None,
                   attachments: list[AttachedFile] | None = None, policy=None) -> Report:
    """The dossier of declaration ``decl_no``; ``statement`` the clerk's
    edited text (else the draft); ``attachments`` those of the chain (the
    use case reads them); ``policy`` the control policy (the settings')."""
    chain = chain or load_chain(db, decl_no)
    atts = list(attachments or [])
    first = chain.lines[0]
    decided = decisions(chain, first.decl_date, policy)
    missing = missing_pieces(chain, atts, decided)
    text = statement if statement is not None else draft_statement(db, decl_no, chain=chain)
    sections = [
        Section(bi("一、封面", "Cover"), (cover(db, chain), missing_table(missing))),
        Section(bi("二、报关单商品项", "Declaration lines"), (lines_table(db, chain, decided),)),
        Section(bi("三、销售及合同", "Sales and contracts"), (sales_table(chain),)),
        Section(bi("四、生产批次及投料批号", "Batches and input lots"),
                (batches_table(chain), lots_table(chain))),
        Section(bi("五、型号成分及检测报告", "Composition and test reports"),
                (models_table(chain, decided),)),
        Section(bi("六、许可证及使用情况", "Licences and usage"),
                (licences_table(chain, (now or datetime.now()).date()),)),
        Section(bi("七、附件清单", "Attachments"), (files_table(chain, atts),)),
        Section(bi("八、性能及用途说明", "Statement of performance and use"),
                tuple(Paragraph(p) for p in text.split("\n\n") if p.strip())),
    ]
    return make_report(db, "dossier", TITLE, f"{first.decl_date:%Y-%m}", sections, now=now,
                       subject=f"报关单号 Declaration No. {first.customs_decl_no}",
                       landscape=True, units="重量单位：千克(kg) Mass in kg")


def cover(db: Database, chain: Chain) -> Facts:
    own = company(db)
    first = chain.lines[0]
    consignee = chain.parties.get(first.consignee_id)
    licences = "、".join(f"{lic.licence_no}（{LicenceType(lic.licence_type).label('zh')}）"
                        for lic in chain.licences.values())
    users = "、".join(sorted({x.end_user for x in chain.lines if x.end_user}))
    uses = "、".join(sorted({f"{end_use_label(x.end_use)} {end_use_label(x.end_use, 'en')}"
                            for x in chain.lines if x.end_use}))
    return Facts(bi("出口报关单", "Export declaration"), (
        (bi("出口商", "Exporter"), own.name if own else ""),
        (bi("统一社会信用代码", "Credit code"), own.uscc if own else ""),
        (bi("报关单号", "Declaration No."), first.customs_decl_no),
        (bi("申报日期", "Date"), first.decl_date.isoformat()),
        (bi("运抵国(地区)", "Destination"), country_text(first.destination, "both")),
        (bi("商品项数", "Lines"), str(len(chain.lines))),
        (bi("境外收货人", "Consignee"), _party(consignee)),
        (bi("收货人国家", "Consignee country"),
         country_text(consignee.country, "both") if consignee else ""),
        (bi("最终用户", "End user"), users or "—"),
        (bi("最终用途", "End use"), uses or "—"),
        (bi("许可证", "Licence"), licences or "—"),
        (bi("总重量", "Total mass"), f"{_kg(sum(x.qty_g for x in chain.lines))} kg"),
    ))


def _party(party) -> str:
    if party is None:
        return ""
    return f"{party.name_cn} {party.name_en}".strip()


def _kg(grams: int) -> str:
    from ..core.kinds import mass

    return mass.display(grams)


def missing_table(missing: list[Missing]) -> Table:
    rows = tuple(Row((str(i), m.message("zh"), m.message("en")))
                 for i, m in enumerate(missing, 1))
    return Table(MISSING, (Column(bi("序号", "No."), "code"), Column(bi("缺少", "Missing")),
                           Column(bi("英文", "In English"))), rows,
                 empty="无缺件 Nothing missing")


def lines_table(db: Database, chain: Chain, decided: dict) -> Table:
    from ..filing.declaration import line_texts_of

    texts = line_texts_of(db, chain.lines)
    rows = []
    for x, t in zip(chain.lines, texts, strict=True):
        sale = chain.sales[x.sale_id]
        product = chain.products[sale.product_id]
        d = decided[product.id]
        controlled = x.controlled or d.controlled
        rows.append(Row((str(x.line_no), x.hs_code, f"{product.code} {t.name}", t.spec_text,
                         x.qty_g, x.value_fen, x.currency, "是 Yes" if controlled else "否 No",
                         x.control_no or d.control_no or "", x.control_reason or d.message("zh"))))
    total = Row(("合计 Total", "", "", "", sum(x.qty_g for x in chain.lines),
                 _sum(x.value_fen for x in chain.lines), "", "", "", ""), "total")
    return Table(LINES, (
        Column(bi("项号", "Line"), "code"), Column(bi("商品编号", "HS code"), "code"),
        Column(bi("商品名称", "Product")), Column(bi("规格型号", "Specification")),
        Column(bi("重量(kg)", "Mass"), "mass"), Column(bi("货值", "Value"), "money"),
        Column(bi("币制", "Currency"), "code"), Column(bi("管制", "Controlled")),
        Column(bi("管制编码", "Control No."), "code"), Column(bi("判定理由", "Reason"))),
        tuple(rows), (total,))


def _sum(values) -> int | None:
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def sales_table(chain: Chain) -> Table:
    rows = []
    for s in sorted(chain.sales.values(), key=lambda s: (s.date, s.doc_no)):
        customer = chain.parties.get(s.customer_id)
        rows.append(Row((s.doc_no, s.date, _party(customer), s.contract_no or "—",
                         s.invoice_no, chain.products[s.product_id].code, s.qty_g,
                         s.amount_fen, s.currency)))
    return Table(SALES, (
        Column(bi("出库单号", "Sale No."), "code"), Column(bi("销售日期", "Date"), "date"),
        Column(bi("客户", "Customer")), Column(bi("合同号", "Contract No."), "code"),
        Column(bi("发票号", "Invoice No."), "code"), Column(bi("型号", "Model"), "code"),
        Column(bi("重量(kg)", "Mass"), "mass"), Column(bi("金额", "Amount"), "money"),
        Column(bi("币制", "Currency"), "code")), tuple(rows))


def batches_table(chain: Chain) -> Table:
    rows = []
    for b in sorted(chain.batches.values(), key=lambda b: (b.start_date, b.batch_no)):
        sales = "、".join(s.doc_no for s in chain.sales.values() if s.batch_id == b.id)
        rows.append(Row((b.batch_no, b.start_date, b.end_date, Process(b.process).label("zh"),
                         chain.products.get(b.product_id).code if b.product_id in chain.products
                         else "", b.grade, b.output_g, sales)))
    return Table(BATCHES, (
        Column(bi("生产批号", "Batch No."), "code"), Column(bi("投产日期", "Started"), "date"),
        Column(bi("完工日期", "Finished"), "date"), Column(bi("工艺", "Process")),
        Column(bi("型号", "Model"), "code"), Column(bi("牌号", "Grade"), "code"),
        Column(bi("产出(kg)", "Output"), "mass"), Column(bi("出库单号", "Sales"), "code")),
        tuple(rows))


def lots_table(chain: Chain) -> Table:
    rows = []
    for b in sorted(chain.batches.values(), key=lambda b: (b.start_date, b.batch_no)):
        for i in chain.inputs.get(b.id, []):
            p = chain.purchases[i.purchase_id]
            supplier = chain.parties.get(p.supplier_id)
            rows.append(Row((b.batch_no, p.lot_no, p.doc_no, p.date,
                             supplier.name_cn if supplier else "",
                             (supplier.uscc or supplier.foreign_reg_no) if supplier else "",
                             f"{Origin(p.origin).label('zh')} {Origin(p.origin).label('en')}",
                             p.import_decl_no, i.qty_g)))
    return Table(LOTS, (
        Column(bi("生产批号", "Batch No."), "code"), Column(bi("投料批号", "Lot No."), "code"),
        Column(bi("入库单号", "Receipt No."), "code"), Column(bi("入库日期", "Received"), "date"),
        Column(bi("供应商", "Supplier")), Column(bi("统一社会信用代码", "Credit code"), "code"),
        Column(bi("来源", "Origin")), Column(bi("进口报关单号", "Import decl."), "code"),
        Column(bi("投料(kg)", "Drawn"), "mass")), tuple(rows), group=0,
        empty="无投料记录 No input lots")


def models_table(chain: Chain, decided: dict) -> Table:
    rows = []
    for p in sorted(chain.products.values(), key=lambda p: p.code):
        d = decided[p.id]
        rows.append(Row((p.code, p.name_cn, p.grade, "是 Yes" if p.is_magnetized else "否 No",
                         composition_text(p, "en"), p.test_report_no or "（无 none）",
                         p.report_date, p.report_lab, d.control_no or "否 No",
                         d.message("zh"))))
    return Table(MODELS, (
        Column(bi("型号", "Model"), "code"), Column(bi("名称", "Name")),
        Column(bi("牌号", "Grade"), "code"), Column(bi("充磁", "Magnetised")),
        Column(bi("成分", "Composition")), Column(bi("检测报告号", "Test report No."), "code"),
        Column(bi("报告日期", "Report date"), "date"), Column(bi("检测机构", "Laboratory")),
        Column(bi("管制编码", "Control No."), "code"), Column(bi("判定理由", "Reason"))),
        tuple(rows))


def licences_table(chain: Chain, on) -> Table:
    rows = []
    used = usage(chain.licences.values(), chain.drawn, chain.parties, max(on, _last(chain)))
    for u in used:
        lic = u.licence
        here = sum(x.qty_g for x in chain.lines if x.licence_id == lic.id)
        names = "、".join(chain.parties[c].name_cn for c in lic.consignee_ids
                         if c in chain.parties)
        rows.append(Row((lic.licence_no, LicenceType(lic.licence_type).label("zh"),
                         lic.control_no, f"{lic.valid_from} 至 {lic.valid_to}", lic.qty_g,
                         u.drawn_g, u.left_g, here, names or lic.end_user)))
    return Table(LICENCES, (
        Column(bi("许可证号", "Licence No."), "code"), Column(bi("类型", "Type")),
        Column(bi("管制编码", "Control No."), "code"), Column(bi("有效期", "Validity")),
        Column(bi("许可数量(kg)", "Licensed"), "mass"), Column(bi("已用(kg)", "Drawn"), "mass"),
        Column(bi("剩余(kg)", "Left"), "mass"), Column(bi("本报关单(kg)", "This decl."), "mass"),
        Column(bi("收货人", "Consignees"))), tuple(rows),
        empty="本报关单未使用许可证 No licence on this declaration")


def _last(chain: Chain):
    return max(x.decl_date for x in chain.lines)


def files_table(chain: Chain, atts: list[AttachedFile]) -> Table:
    rows = tuple(Row((kind_label(a.kind), owner_label(chain, a), a.name, a.size,
                      a.sha256[:12], "" if a.present else "缺文件 missing")) for a in atts)
    return Table(FILES, (
        Column(bi("类别", "What")), Column(bi("所属", "Belongs to")),
        Column(bi("文件名", "File name")), Column(bi("字节", "Bytes"), "count"),
        Column("SHA-256", "code"), Column(bi("状态", "State"))), rows,
        empty="无附件 No attachments")


def owner_label(chain: Chain, a: AttachedFile) -> str:
    """The record an attachment hangs on, as the clerk names it."""
    if a.entity == "product" and a.record_id in chain.products:
        return chain.products[a.record_id].code
    if a.entity == "sale" and a.record_id in chain.sales:
        return chain.sales[a.record_id].doc_no
    if a.entity == "licence" and a.record_id in chain.licences:
        return chain.licences[a.record_id].licence_no
    if a.entity == "counterparty" and a.record_id in chain.parties:
        return chain.parties[a.record_id].name_cn
    if a.entity == "export":
        for x in chain.lines:
            if x.id == a.record_id:
                return f"{x.customs_decl_no}/{x.line_no}"
    return f"{a.entity} {a.record_id}"
