"""Field specs: each field declared once (name, labels, kind, required, limits,
choices).  Forms, table columns, validation, import mapping and export columns
derive from these."""

from __future__ import annotations

from dataclasses import dataclass

from . import enums as E


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    zh: str
    en: str
    kind: str  # text, code, int, mass, money, pct, date, bool, enum, ref
    required: bool = False
    max_len: int | None = None
    min_len: int | None = None
    choices: type[E.LabelledEnum] | None = None
    ref: str | None = None  # entity referred to, for kind "ref"

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


F = FieldSpec

ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "company": ("本企业", "Own company"),
    "counterparty": ("交易对象", "Counterparty"),
    "product": ("产品/物料", "Product"),
    "purchase": ("采购入库", "Purchase"),
    "batch": ("生产批次", "Production batch"),
    "batch_input": ("投料", "Batch input"),
    "sale": ("销售出库", "Sale"),
    "export": ("出口明细", "Export line"),
    "licence": ("出口许可证", "Export licence"),
    "adjustment": ("库存调整", "Stock adjustment"),
    "inventory": ("月度库存", "Monthly inventory"),
    "period": ("申报期间", "Filing period"),
}

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "company": (
        F("name", "企业名称", "Company name", "text", True, 100, 2),
        F("uscc", "统一社会信用代码", "Unified social credit code", "code", True, 18),
        F("address", "地址", "Address", "text", True, 200),
        F("contact", "联系人", "Contact", "text", False, 100),
        F("enterprise_type", "企业类型", "Enterprise type", "enum", True, choices=E.EnterpriseType),
        F("system_account", "追溯系统账号", "Tracking system account", "text", False, 50),
    ),
    "counterparty": (
        F("name_cn", "单位名称", "Name (Chinese)", "text", True, 100, 2),
        F("name_en", "英文名称", "Name (English)", "text", False, 200),
        F("cp_type", "交易对象类型", "Counterparty type", "enum", True, choices=E.CpType),
        F("role", "角色", "Role", "enum", True, choices=E.Role),
        F("is_trader", "是否贸易商", "Trader", "bool"),
        F("uscc", "统一社会信用代码", "Unified social credit code", "code", False, 18),
        F("foreign_reg_no", "境外登记号", "Foreign registration no.", "code", False, 50),
        F("country", "国家(地区)", "Country/region", "code", True, 3),
        F("address", "地址", "Address", "text", True, 200),
        F("end_use_default", "默认最终用途", "Default end use", "enum", choices=E.EndUse),
    ),
    "product": (
        F("code", "物料编码", "Material code", "code", True, 40),
        F("name_cn", "产品名称", "Product name", "text", True, 100),
        F("category", "产品类别", "Category", "enum", True, choices=E.Category),
        F("grade", "牌号", "Grade", "code", False, 20),
        F("spec", "规格/尺寸", "Specification", "text", False, 100),
        F("is_magnetized", "是否充磁", "Magnetised", "bool"),
        F("hs_code", "海关商品编号", "HS code", "code", True, 10),
        F("unit", "计量单位", "Unit", "enum", True, choices=E.Unit),
        F("re_total_pct", "稀土总量TRE%", "Total rare earths TRE %", "pct"),
        F("nd_pct", "钕含量%", "Nd %", "pct"),
        F("pr_pct", "镨含量%", "Pr %", "pct"),
        F("dy_pct", "镝含量%", "Dy %", "pct"),
        F("tb_pct", "铽含量%", "Tb %", "pct"),
        F("ho_pct", "钬含量%", "Ho %", "pct"),
        F("sm_pct", "钐含量%", "Sm %", "pct"),
        F("gd_pct", "钆含量%", "Gd %", "pct"),
        F("co_pct", "钴含量%", "Co %", "pct"),
        F("ce_pct", "铈含量%", "Ce %", "pct"),
        F("la_pct", "镧含量%", "La %", "pct"),
        F("other_re_pct", "其他稀土含量%", "Other rare earths %", "pct"),
        F("test_report_no", "成分检测报告编号", "Composition test report no.", "code", False, 50),
        F("report_date", "检测报告日期", "Test report date", "date"),
        F("report_lab", "检测机构", "Testing laboratory", "text", False, 100),
        F("heavy_re_free", "无重稀土", "Heavy-rare-earth free", "bool"),
        F("exempt_kind", "不属于管制物项的理由（深加工）", "Not controlled as (processed)", "enum",
          choices=E.ExemptKind),
        F("exempt_reason", "深加工说明", "Processing statement", "text", False, 200),
    ),
    "purchase": (
        F("doc_no", "入库单号", "Receipt no.", "code", True, 40),
        F("date", "入库日期", "Receipt date", "date", True),
        F("supplier_id", "供应商", "Supplier", "ref", True, ref="counterparty"),
        F("product_id", "物料", "Material", "ref", True, ref="product"),
        F("lot_no", "批号", "Lot no.", "code", True, 40),
        F("qty_g", "数量(kg)", "Quantity (kg)", "mass", True),
        F("unit_price_fen", "单价(元/kg)", "Unit price (CNY/kg)", "money"),
        F("amount_fen", "金额(元)", "Amount (CNY)", "money"),
        F("invoice_no", "发票号码", "Invoice no.", "code", False, 20),
        F("origin", "来源", "Origin", "enum", True, choices=E.Origin),
        F("import_decl_no", "进口报关单号", "Import declaration no.", "code", False, 18),
    ),
    "batch": (
        F("batch_no", "生产批号", "Batch no.", "code", True, 40),
        F("start_date", "投产日期", "Start date", "date", True),
        F("end_date", "完工日期", "Completion date", "date", True),
        F("process", "工艺", "Process", "enum", True, choices=E.Process),
        F("product_id", "产出产品", "Output product", "ref", True, ref="product"),
        F("grade", "牌号", "Grade", "code", False, 20),
        F("output_g", "产出重量(kg)", "Output (kg)", "mass", True),
        F("output_pcs", "产出件数", "Output (pcs)", "int"),
    ),
    "batch_input": (
        F("batch_id", "生产批号", "Batch", "ref", True, ref="batch"),
        F("purchase_id", "投料批号", "Input lot", "ref", True, ref="purchase"),
        F("qty_g", "投料重量(kg)", "Input (kg)", "mass", True),
    ),
    "sale": (
        F("doc_no", "出库单号", "Delivery no.", "code", True, 40),
        F("date", "销售日期", "Sale date", "date", True),
        F("customer_id", "客户", "Customer", "ref", True, ref="counterparty"),
        F("product_id", "产品", "Product", "ref", True, ref="product"),
        F("grade", "牌号", "Grade", "code", False, 20),
        F("batch_id", "生产批号", "Batch no.", "ref", True, ref="batch"),
        F("qty_g", "重量(kg)", "Weight (kg)", "mass", True),
        F("qty_pcs", "数量(件)", "Pieces", "int"),
        F("amount_fen", "金额", "Amount", "money"),
        F("currency", "币种", "Currency", "code", True, 3),
        F("invoice_no", "发票号码", "Invoice no.", "code", False, 20),
        F("contract_no", "合同号", "Contract no.", "code", False, 50),
        F("is_export", "是否出口", "Export", "bool"),
        F("end_use", "最终用途", "End use", "enum", choices=E.EndUse),
    ),
    "export": (
        F("sale_id", "关联销售单", "Sale", "ref", True, ref="sale"),
        F("customs_decl_no", "报关单号", "Customs declaration no.", "code", True, 18),
        F("line_no", "项号", "Line no.", "int", True),
        F("decl_date", "申报日期", "Declaration date", "date", True),
        F("hs_code", "商品编号", "HS code", "code", True, 10),
        F("destination", "运抵国(地区)", "Destination", "code", True, 3),
        F("consignee_id", "境外收货人", "Consignee", "ref", True, ref="counterparty"),
        F("end_user", "最终用户", "End user", "text", True, 200),
        F("end_use", "最终用途", "End use", "enum", True, choices=E.EndUse),
        F("controlled", "是否属于管制物项", "Controlled item", "bool"),
        F("control_no", "管制编码", "Control number", "code", False, 20),
        F("control_reason", "管制判定说明", "Reason for control decision", "text", False, 200),
        F("licence_id", "许可证号", "Licence no.", "ref", ref="licence"),
        F("qty_g", "重量(kg)", "Weight (kg)", "mass", True),
        F("value_fen", "货值", "Value", "money"),
        F("currency", "币种", "Currency", "code", True, 3),
    ),
    "licence": (
        F("licence_no", "两用物项出口许可证号", "Dual-use export licence no.", "code", True, 50),
        F("licence_type", "许可证类型", "Licence type", "enum", True, choices=E.LicenceType),
        F("control_no", "管制编码", "Control number", "code", False, 20),
        F("valid_from", "有效期自", "Valid from", "date", True),
        F("valid_to", "有效期至", "Valid to", "date", True),
        F("qty_g", "许可数量(kg)", "Licensed quantity (kg)", "mass"),
        F("end_user", "最终用户", "End user", "text", False, 200),
        F("euc_ref", "最终用户和最终用途证明编号", "End-user certificate ref.", "code", False, 50),
    ),
    "adjustment": (
        F("doc_no", "调整单号", "Adjustment no.", "code", True, 40),
        F("date", "日期", "Date", "date", True),
        F("kind", "调整类型", "Kind", "enum", True, choices=E.AdjustmentKind),
        F("product_id", "产品", "Product", "ref", True, ref="product"),
        F("batch_id", "生产批号", "Batch no.", "ref", ref="batch"),
        F("qty_g", "数量(kg)", "Quantity (kg)", "mass", True),
        F("note", "说明", "Note", "text", False, 200),
    ),
}

_BY_NAME = {entity: {f.name: f for f in specs} for entity, specs in FIELDS.items()}


def field_spec(entity: str, name: str) -> FieldSpec | None:
    return _BY_NAME.get(entity, {}).get(name)


# Fields of a record kept beside its table's columns (a licence's lists).
OTHER_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("licence", "consignee_ids"): ("许可境外收货人", "Consignees"),
    ("licence", "end_uses"): ("许可最终用途", "Permitted end uses"),
}


def field_label(entity: str, name: str | None, lang: str = "zh") -> str:
    if name is None:
        return ""
    spec = field_spec(entity, name)
    if spec is None and (entity, name) in OTHER_LABELS:
        zh, en = OTHER_LABELS[entity, name]
        return zh if lang == "zh" else en
    spec = spec or next(  # a finding on a field of a record it draws on
        (by_name[name] for by_name in _BY_NAME.values() if name in by_name), None)
    return spec.label(lang) if spec else name


def entity_label(entity: str, lang: str = "zh") -> str:
    zh, en = ENTITY_LABELS.get(entity, (entity, entity))
    return zh if lang == "zh" else en
