"""What each kind of import reads: its columns, derived from the one field
spec (``magdesk.core.fields.FIELDS``) with references replaced by the business
keys a spreadsheet holds (a supplier's name or credit code, a product code, a
batch or lot number), plus a table of the other names clerks give a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import enums as E
from ..core.fields import FIELDS, FieldSpec
from .values import header_key


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # key of the parsed row; a model field name where there is one
    zh: str  # the header of the import template
    en: str
    kind: str  # text name code compact upper uscc int mass money pct date bool enum country currency list
    required: bool = False  # the column must be there (and its cells filled)
    choices: type[E.LabelledEnum] | None = None
    aliases: tuple[str, ...] = ()
    entity: str = ""  # the entity and field findings about this column are about
    field: str = ""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # "sales"
    entity: str  # "sale"
    key: str  # the column holding the business key
    columns: tuple[Column, ...]
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one column of each group
    ignored: tuple[str, ...] = ()  # known informational headers, read past quietly
    carry: tuple[str, ...] = ()  # blank cells repeat the row above (a batch's header columns)
    by_name: dict[str, Column] = field(default_factory=dict, compare=False)

    def column(self, name: str) -> Column:
        return self.by_name[name]


# Other names for a column, by (entity, column).  Matching is on header_key(),
# so width, case, spaces and a unit in brackets do not matter.
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("counterparty", "name_cn"): (
        "单位名称", "名称", "企业名称", "公司名称", "中文名称", "交易对象", "往来单位", "客户名称", "客户",
        "购货单位", "购买方", "购方名称", "收货单位", "供应商名称", "供应商", "供货单位", "销售方", "供方",
        "customer", "supplier", "company", "name"),
    ("counterparty", "name_en"): ("英文名称", "英文名", "外文名称", "english name"),
    ("counterparty", "cp_type"): ("类型", "单位类型", "企业类型", "对象类型", "type"),
    ("counterparty", "role"): ("角色", "往来类型", "客户/供应商", "role"),
    ("counterparty", "is_trader"): ("贸易商", "trader"),
    ("counterparty", "uscc"): ("信用代码", "社会信用代码", "纳税人识别号", "税号", "uscc", "credit code",
                               "tax id"),
    ("counterparty", "foreign_reg_no"): ("登记号", "注册号", "registration no"),
    ("counterparty", "country"): ("国家", "国家/地区", "国家或地区", "国别", "country", "country/region"),
    ("counterparty", "address"): ("注册地址", "单位地址", "通讯地址", "地址"),
    ("counterparty", "end_use_default"): ("最终用途", "end use"),
    ("product", "code"): ("物料代码", "产品编码", "产品代码", "存货编码", "料号", "编码", "code", "item code",
                          "product code", "sku"),
    ("product", "name_cn"): ("物料名称", "品名", "名称", "存货名称", "name", "description"),
    ("product", "category"): ("类别", "物料类别", "分类", "存货分类"),
    ("product", "grade"): ("性能牌号",),
    ("product", "spec"): ("规格", "规格型号", "型号", "尺寸", "spec", "size"),
    ("product", "is_magnetized"): ("充磁", "magnetized"),
    ("product", "hs_code"): ("商品编码", "海关编码", "hs编码", "税则号", "hs"),
    ("product", "unit"): ("单位", "uom"),
    ("product", "re_total_pct"): ("稀土总量", "tre", "稀土含量"),
    ("product", "dy_pct"): ("镝", "dy"), ("product", "tb_pct"): ("铽", "tb"),
    ("product", "ho_pct"): ("钬", "ho"), ("product", "sm_pct"): ("钐", "sm"),
    ("product", "gd_pct"): ("钆", "gd"),
    ("product", "nd_pct"): ("钕", "nd"), ("product", "pr_pct"): ("镨", "pr"),
    ("product", "co_pct"): ("钴", "co"), ("product", "ce_pct"): ("铈", "ce"),
    ("product", "la_pct"): ("镧", "la"), ("product", "other_re_pct"): ("其他稀土", "other re"),
    ("product", "report_date"): ("报告日期", "检测日期", "report date"),
    ("product", "report_lab"): ("检测单位", "实验室", "laboratory", "lab"),
    ("product", "test_report_no"): ("检测报告编号", "报告编号", "test report no"),
    ("purchase", "doc_no"): ("单号", "单据号", "单据编号", "入库单编号", "doc no"),
    ("purchase", "date"): ("日期", "到货日期", "收货日期", "date"),
    ("purchase", "supplier_name"): ("供应商", "供货单位", "供方", "销售方名称", "supplier name"),
    ("purchase", "supplier_uscc"): ("统一社会信用代码", "供应商信用代码", "信用代码", "税号",
                                    "supplier credit code", "credit code"),
    ("purchase", "product_code"): ("物料代码", "存货编码", "产品编码", "料号", "material code"),
    ("purchase", "lot_no"): ("供应商批号", "原料批号", "批次号", "lot"),
    ("purchase", "qty_g"): ("数量", "重量", "入库数量", "净重", "quantity", "qty", "weight"),
    ("purchase", "unit_price_fen"): ("单价", "含税单价", "unit price", "price"),
    ("purchase", "amount_fen"): ("金额", "含税金额", "价税合计", "amount"),
    ("purchase", "invoice_no"): ("发票号", "发票", "invoice"),
    ("purchase", "origin"): ("采购来源",),
    ("purchase", "import_decl_no"): ("报关单号", "import declaration"),
    ("batch", "batch_no"): ("批号", "批次号", "生产批次", "batch"),
    ("batch", "start_date"): ("开始日期", "开工日期"),
    ("batch", "end_date"): ("结束日期", "完工入库日期", "end date"),
    ("batch", "process"): ("生产工艺",),
    ("batch", "product_code"): ("产品编码", "物料编码", "成品编码", "output product code",
                                "product code"),
    ("batch", "output_g"): ("产量", "产出数量", "成品重量", "完工重量", "output"),
    ("batch", "output_pcs"): ("件数", "output pieces"),
    ("batch", "input_lot"): ("原料批号", "领料批号", "input lot no"),
    ("batch", "input_product"): ("原料编码", "领料物料编码", "input material code"),
    ("batch", "input_qty"): ("投料数量", "领料重量", "input weight"),
    ("sale", "doc_no"): ("单号", "销售单号", "发货单号", "单据号", "doc no"),
    ("sale", "date"): ("出库日期", "日期", "发货日期", "销售(出库)日期", "date"),
    ("sale", "customer_name"): ("客户", "购货单位", "购买方", "收货单位", "customer name"),
    ("sale", "customer_uscc"): ("统一社会信用代码", "客户信用代码", "信用代码", "税号",
                                "customer credit code", "credit code"),
    ("sale", "product_code"): ("产品编码", "存货编码", "料号", "product code"),
    ("sale", "batch_no"): ("批号", "批次号", "batch"),
    ("sale", "qty_g"): ("重量", "数量", "净重", "出库数量", "销售数量", "weight", "quantity", "qty"),
    ("sale", "qty_pcs"): ("件数", "片数", "pieces", "pcs"),
    ("sale", "amount_fen"): ("销售金额", "价税合计", "含税金额", "amount"),
    ("sale", "currency"): ("货币",),
    ("sale", "invoice_no"): ("发票号", "发票", "invoice"),
    ("sale", "contract_no"): ("合同编号", "合同", "contract"),
    ("sale", "is_export"): ("出口",),
    ("sale", "end_use"): ("用途",),
    ("export", "sale_doc_no"): ("出库单号", "销售单号", "sale no", "delivery no"),
    ("export", "customs_decl_no"): ("出口报关单号", "报关单编号", "declaration no"),
    ("export", "line_no"): ("商品项号",),
    ("export", "decl_date"): ("出口日期", "报关日期", "日期"),
    ("export", "hs_code"): ("海关商品编号", "商品编码", "hs编码", "hs"),
    ("export", "destination"): ("运抵国", "目的国", "目的地", "运抵国别"),
    ("export", "consignee_name"): ("收货人", "境外客户", "consignee name"),
    ("export", "controlled"): ("管制物项", "是否管制", "controlled"),
    ("export", "control_no"): ("管制编号",),
    ("export", "control_reason"): ("管制说明",),
    ("export", "licence_no"): ("两用物项出口许可证号", "出口许可证号", "licence no", "license no"),
    ("export", "qty_g"): ("数量", "净重", "quantity", "weight"),
    ("export", "value_fen"): ("金额", "出口金额", "value", "amount"),
    ("licence", "licence_no"): ("许可证号", "许可证编号", "licence no", "license no"),
    ("licence", "licence_type"): ("类型", "licence type", "license type"),
    ("licence", "valid_from"): ("发证日期", "生效日期", "有效期起"),
    ("licence", "valid_to"): ("有效期止", "截止日期", "到期日期", "有效期"),
    ("licence", "qty_g"): ("数量", "重量", "quantity"),
    ("licence", "euc_ref"): ("最终用户证明编号", "euc"),
    ("licence", "consignees"): ("收货人", "许可收货人", "consignee", "consignees"),
    ("licence", "end_uses"): ("最终用途", "许可用途", "end use", "end uses"),
}

# The headers that name the counterparty's role by themselves: a customer list's
# 客户名称, a supplier list's 供应商名称.
ROLE_OF_NAME_HEADER = {
    header_key(text)[0]: role
    for role, texts in (
        ("CUSTOMER", ("客户名称", "客户", "购货单位", "购买方", "购方名称", "收货单位", "customer")),
        ("SUPPLIER", ("供应商名称", "供应商", "供货单位", "销售方", "供方", "supplier")),
    )
    for text in texts
}

# Kind-specific field kinds: identifiers compacted, codes upper-cased, names normalised.
_KIND_OF = {
    "uscc": "uscc", "hs_code": "compact", "customs_decl_no": "compact",
    "import_decl_no": "compact", "invoice_no": "compact", "grade": "upper", "currency": "currency",
    "country": "country", "destination": "country", "control_no": "control",
}
# Required by the entity but filled in when the column is absent (see build.py).
_DEFAULTED = {
    ("counterparty", "cp_type"), ("counterparty", "role"), ("counterparty", "country"),
    ("product", "unit"), ("purchase", "origin"), ("sale", "currency"), ("export", "line_no"),
    ("export", "hs_code"), ("export", "destination"), ("export", "end_user"),
    ("export", "end_use"), ("export", "currency"),
}
_NAMES = {("counterparty", "name_cn"), ("counterparty", "name_en"), ("product", "name_cn")}


def _from_spec(entity: str, spec: FieldSpec, kind: str | None = None) -> Column:
    column_kind = kind or _KIND_OF.get(spec.name) or (
        "name" if (entity, spec.name) in _NAMES else spec.kind)
    return Column(spec.name, spec.zh, spec.en, column_kind,
                  spec.required and (entity, spec.name) not in _DEFAULTED, spec.choices,
                  ALIASES.get((entity, spec.name), ()), entity, spec.name)


def _ref(entity: str, name: str, zh: str, en: str, kind: str, ref_field: str,
         required: bool = False) -> Column:
    """A column holding a business key that stands for ``ref_field``; it also
    answers to that field's own labels (a credit code column does not)."""
    spec = next(s for s in FIELDS[entity] if s.name == ref_field)
    labels = () if kind == "uscc" else (spec.zh, spec.en)
    return Column(name, zh, en, kind, required, None, ALIASES.get((entity, name), ()) + labels,
                  entity, ref_field)


def _fields(entity: str, skip: tuple[str, ...] = ()) -> list[Column]:
    return [_from_spec(entity, s) for s in FIELDS[entity] if s.kind != "ref" and s.name not in skip]


def _kind(name: str, entity: str, key: str, columns: list[Column], **extra) -> Kind:
    kind = Kind(name, entity, key, tuple(columns), **extra)
    kind.by_name.update({c.name: c for c in columns})
    return kind


def _unit_column() -> Column:
    """A column saying the unit of the row's masses (kg unless it says 吨 or g)."""
    return Column("mass_unit", "计量单位", "Unit", "unit",
                  aliases=("单位", "重量单位", "数量单位", "unit", "uom"), entity="", field="")


def _counterparties() -> Kind:
    return _kind("counterparties", "counterparty", "name_cn", _fields("counterparty"),
                 ignored=("序号", "联系人", "电话", "联系电话", "备注"))


def _products() -> Kind:
    return _kind("products", "product", "code", _fields("product"),
                 ignored=("序号", "备注", "管制编码"))


def _purchases() -> Kind:
    cols = _fields("purchase", skip=("qty_g", "unit_price_fen"))
    cols[2:2] = [
        _ref("purchase", "supplier_name", "供应商名称", "Supplier name", "name", "supplier_id"),
        _ref("purchase", "supplier_uscc", "供应商统一社会信用代码", "Supplier credit code", "uscc",
             "supplier_id"),
        _ref("purchase", "product_code", "物料编码", "Material code", "code", "product_id", True),
    ]
    specs = {s.name: s for s in FIELDS["purchase"]}
    cols.insert(6, _from_spec("purchase", specs["qty_g"]))
    cols.insert(7, _from_spec("purchase", specs["unit_price_fen"]))
    cols.append(_unit_column())
    return _kind("purchases", "purchase", "doc_no", cols,
                 one_of=(("supplier_name", "supplier_uscc"),),
                 ignored=("序号", "物料名称", "产品类别", "海关商品编号", "备注", "规格"))


def _batches() -> Kind:
    cols = _fields("batch")
    cols[4:4] = [_ref("batch", "product_code", "产出物料编码", "Output material code", "code",
                      "product_id", True)]
    cols += [
        Column("input_lot", "投料批号", "Input lot no.", "code", True,
               aliases=ALIASES[("batch", "input_lot")] + ("投料批号", "Input lot"),
               entity="batch_input", field="purchase_id"),
        Column("input_product", "投料物料编码", "Input material code", "code",
               aliases=ALIASES[("batch", "input_product")], entity="batch_input",
               field="purchase_id"),
        Column("input_qty", "投料重量(kg)", "Input (kg)", "mass", True,
               aliases=ALIASES[("batch", "input_qty")] + ("投料重量(kg)", "Input (kg)"),
               entity="batch_input", field="qty_g"),
    ]
    cols.append(_unit_column())
    return _kind("batches", "batch", "batch_no", cols,
                 ignored=("序号", "产出产品名称", "产品名称", "投料物料名称", "备注"),
                 carry=("batch_no", "start_date", "end_date", "process", "product_code",
                        "grade", "output_g", "output_pcs"))


def _sales() -> Kind:
    cols = _fields("sale")
    cols[2:2] = [
        _ref("sale", "customer_name", "客户名称", "Customer name", "name", "customer_id"),
        _ref("sale", "customer_uscc", "客户统一社会信用代码", "Customer credit code", "uscc",
             "customer_id"),
        _ref("sale", "product_code", "物料编码", "Material code", "code", "product_id", True),
    ]
    cols.insert(6, _ref("sale", "batch_no", "生产批号", "Batch no.", "code", "batch_id", True))
    cols.append(_unit_column())
    return _kind("sales", "sale", "doc_no", cols, one_of=(("customer_name", "customer_uscc"),),
                 ignored=("序号", "客户国家(地区)", "产品名称", "物料名称", "产品类别", "海关商品编号",
                          "单价", "备注", "规格"))


def _exports() -> Kind:
    cols = _fields("export")
    cols.insert(0, _ref("export", "sale_doc_no", "出库单号", "Delivery no.", "code", "sale_id", True))
    cols.insert(6, _ref("export", "consignee_name", "境外收货人", "Consignee", "name",
                        "consignee_id"))
    at = next(i for i, c in enumerate(cols) if c.name == "control_reason") + 1
    cols.insert(at, _ref("export", "licence_no", "许可证号", "Licence no.", "code", "licence_id"))
    cols.append(_unit_column())
    return _kind("exports", "export", "customs_decl_no", cols,
                 ignored=("序号", "许可证类型", "备注", "产品名称"))


def _licences() -> Kind:
    cols = _fields("licence")
    cols.append(Column("consignees", "境外收货人", "Consignees", "list",
                       aliases=ALIASES[("licence", "consignees")], entity="licence",
                       field="consignee_ids"))
    cols.append(Column("end_uses", "许可最终用途", "Permitted end uses", "list",
                       aliases=ALIASES[("licence", "end_uses")], entity="licence",
                       field="end_uses"))
    cols.append(_unit_column())
    return _kind("licences", "licence", "licence_no", cols, ignored=("序号", "备注"))


KINDS: dict[str, Kind] = {k.name: k for k in (
    _counterparties(), _products(), _purchases(), _batches(), _sales(), _exports(), _licences())}


def alias_index(kind: Kind) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``(whole, base)``: header keys to column names.  ``whole`` keys are the
    template header, the aliases and the field labels as written; ``base`` keys
    drop a bracketed unit and may name several columns (重量 for kg and pieces),
    which the header's unit then tells apart."""
    whole: dict[str, str] = {}
    base: dict[str, list[str]] = {}
    for col in kind.columns:
        for text in (col.zh, col.en, *col.aliases):
            full, short, _unit = header_key(text)
            whole.setdefault(full, col.name)
            if col.name not in base.setdefault(short, []):
                base[short].append(col.name)
    for text in kind.ignored:
        whole.setdefault(header_key(text)[0], "")
    return whole, base
