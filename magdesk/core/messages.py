"""The one catalog of finding codes: severity and text in Chinese and English.

Placeholders: ``{label}`` is the field's label in the reader's language,
``{record}`` the record key; other names come from the finding's params.
"""

from __future__ import annotations

from .fields import entity_label, field_label
from .findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING

CATALOG: dict[str, tuple[Severity, str, str]] = {
    # Any field
    "field.required": (E, "{label}不能为空", "{label} is required"),
    "field.too_long": (E, "{label}不能超过{max}个字符", "{label} must be at most {max} characters"),
    "field.too_short": (E, "{label}至少需要{min}个字符", "{label} needs at least {min} characters"),
    "field.choice": (E, "{label}“{value}”不是可选值", "{label} '{value}' is not an allowed value"),
    "field.not_positive": (E, "{label}必须大于0", "{label} must be greater than 0"),
    "field.negative": (E, "{label}不能为负数", "{label} cannot be negative"),
    "field.pct_range": (E, "{label}应在0至100之间", "{label} must be between 0 and 100"),
    "field.not_a_number": (E, "{label}“{value}”不是数字", "{label} '{value}' is not a number"),
    "date.future": (E, "{label}{value}晚于今天", "{label} {value} is in the future"),
    "date.too_old": (E, "{label}{value}早于2000年", "{label} {value} is before 2000"),
    "date.order": (E, "{label}早于开始日期", "{label} is before the start date"),
    "date.invalid": (E, "{label}“{value}”不是有效日期", "{label} '{value}' is not a valid date"),
    # Identifiers
    "uscc.format": (E, "统一社会信用代码“{value}”格式不正确（应为18位，不含I、O、S、V、Z）",
                    "Credit code '{value}' is malformed (18 characters, no I, O, S, V, Z)"),
    "uscc.check_digit": (W, "统一社会信用代码“{value}”校验位不符（计算得{expected}），请核对或注明原因后接受",
                         "Credit code '{value}' fails its check digit (computed {expected}); "
                         "check it or accept it with a reason"),
    "uscc.duplicate": (E, "统一社会信用代码“{value}”已被“{other}”使用",
                       "Credit code '{value}' is already used by '{other}'"),
    "hs.format": (E, "海关商品编号“{value}”应为10位数字", "HS code '{value}' must be 10 digits"),
    "hs.unknown": (E, "海关商品编号“{value}”不在商品编码表中", "HS code '{value}' is not in the code list"),
    "hs.not_valid": (E, "海关商品编号“{value}”在{year}年无效", "HS code '{value}' is not valid in {year}"),
    "decl.format": (E, "报关单号“{value}”格式不正确（应为18位数字：关区4位+年份4位+进出口标志1位+序号9位）",
                    "Declaration no. '{value}' is malformed (18 digits: customs office, year, "
                    "I/E flag, sequence)"),
    "decl.direction": (E, "报关单号“{value}”第9位应为{flag}（0出口、1进口）",
                       "Declaration no. '{value}': 9th digit must be {flag} (0 export, 1 import)"),
    "decl.year": (E, "报关单号“{value}”中的年份与申报日期（{year}年）不符",
                  "Declaration no. '{value}': its year does not match the date ({year})"),
    "grade.required": (E, "磁体产品必须填写牌号", "A magnet product needs a grade"),
    "grade.format": (E, "牌号“{value}”不符合该产品类别的牌号规则", "Grade '{value}' does not fit the category"),
    "grade.mismatch": (W, "批次牌号“{value}”与产品牌号“{expected}”不一致",
                       "Batch grade '{value}' differs from the product's grade '{expected}'"),
    "grade.heavy_re": (W, "牌号“{value}”通常含镝或铽，但镝铽含量为0（无重稀土须有检测报告）",
                       "Grade '{value}' normally contains Dy or Tb but Dy+Tb is 0 "
                       "(heavy-RE-free needs a test report)"),
    "lot.format": (E, "批号“{value}”只能包含字母、数字和 - _ /，最长40位",
                   "Lot no. '{value}' may hold letters, digits and - _ / only, 40 at most"),
    "invoice.format": (E, "发票号码“{value}”应为20位数电发票号码或8位发票号码",
                       "Invoice no. '{value}' must be a 20-digit e-invoice or an 8-digit number"),
    "country.unknown": (E, "国家（地区）代码“{value}”不在ISO 3166代码表中",
                        "Country code '{value}' is not an ISO 3166 code"),
    "currency.unknown": (E, "币种“{value}”不是ISO 4217币种代码", "Currency '{value}' is not an ISO 4217 code"),
    # Counterparties
    "cp.name_en_required": (E, "境外企业必须填写英文名称", "A foreign counterparty needs an English name"),
    "cp.uscc_required": (E, "境内交易对象必须填写统一社会信用代码",
                         "A domestic counterparty needs a credit code"),
    "cp.foreign_in_cn": (E, "境外企业的国家（地区）不能是中国内地", "A foreign counterparty cannot be in mainland China"),
    "cp.domestic_abroad": (E, "境内交易对象的国家（地区）应为CN，而不是“{value}”",
                           "A domestic counterparty must be in CN, not '{value}'"),
    "name.formula_like": (W, "{label}“{value}”以“{first}”开头，电子表格软件可能把它当作公式；请核对，"
                              "无误时注明原因后接受（申报表中按文本写入）",
                          "{label} '{value}' starts with '{first}', which spreadsheet programs "
                          "may take for a formula; check it and accept it with a reason if it is "
                          "right (the filing writes it as text)"),
    "cp.end_use_missing": (W, "境外客户未填写默认最终用途", "Foreign customer has no default end use"),
    # Products
    "product.hs_magnet": (W, "稀土永磁体通常归入8505111000，而不是{value}",
                          "Rare-earth magnets are normally classified 8505111000, not {value}"),
    "comp.required": (E, "磁体及合金必须填写{label}（无则填0）",
                      "Magnets and alloys need {label} (0 if none)"),
    "comp.sum": (E, "各元素含量之和超过稀土总量", "The listed elements exceed the total rare-earth content"),
    "comp.typical": (W, "{label}超出该类产品常见范围({low}%–{high}%)",
                     "{label} is outside the usual range for this category ({low}–{high} %)"),
    # Purchases
    "ref.not_supplier": (E, "“{name}”不是供应商", "'{name}' is not a supplier"),
    "ref.not_customer": (E, "“{name}”不是客户", "'{name}' is not a customer"),
    "ref.missing": (E, "{label}“{value}”不存在", "{label} '{value}' does not exist"),
    "purchase.magnet": (W, "采购的物料“{code}”是磁体成品", "Purchased material '{code}' is a finished magnet"),
    "qty.large": (W, "单行数量超过100,000 kg，请核对", "More than 100,000 kg on one line; please check"),
    "amount.mismatch": (W, "金额与数量×单价不符", "Amount differs from quantity × unit price"),
    "purchase.decl_required": (E, "进口物料必须填写进口报关单号", "An imported lot needs its import declaration no."),
    "lot.duplicate": (E, "同一供应商的批号“{lot}”重复（另见{other}）",
                      "Lot '{lot}' repeats for this supplier (see {other})"),
    "lot.overdrawn": (E, "批号“{lot}”投料合计{drawn} kg超过入库数量{qty} kg",
                      "Lot '{lot}': {drawn} kg drawn exceeds the {qty} kg received"),
    # Batches
    "input.before_lot": (E, "投产日期早于批号“{lot}”的入库日期({arrived})",
                         "Batch starts before lot '{lot}' arrived ({arrived})"),
    "batch.no_inputs": (E, "生产批次没有投料明细", "The batch has no input lines"),
    "batch.yield": (W, "成品率{ratio}超出0.3–1.0", "Yield {ratio} is outside 0.3–1.0"),
    "batch.dy_out": (W, "产出镝含量超过投入镝含量（超过1%）", "More Dy comes out than went in (beyond 1 %)"),
    "batch.tb_out": (W, "产出铽含量超过投入铽含量（超过1%）", "More Tb comes out than went in (beyond 1 %)"),
    # Sales
    "sale.not_magnet": (E, "销售的产品“{code}”不是磁体", "Sold product '{code}' is not a magnet"),
    "sale.batch_product": (E, "生产批号“{batch}”产出的不是该产品",
                           "Batch '{batch}' did not produce this product"),
    "sale.before_batch": (E, "销售日期早于批次“{batch}”完工日期({end})",
                          "Sold before batch '{batch}' was completed ({end})"),
    "batch.oversold": (E, "批次“{batch}”累计销售{sold} kg超过可售{available} kg",
                       "Batch '{batch}': {sold} kg sold exceeds the {available} kg available"),
    "sale.piece_weight": (W, "单件重量超出0.01 g–50 kg", "Weight per piece is outside 0.01 g–50 kg"),
    "sale.invoice_missing": (E, "境内销售必须填写发票号码", "A domestic sale needs an invoice number"),
    "sale.end_use_required": (E, "出口销售必须填写最终用途", "An export sale needs an end use"),
    "sale.export_missing": (E, "出口销售没有对应的出口报关明细", "The export sale has no export declaration line"),
    "dup.suspect": (W, "与另一条记录的对象、日期、产品和数量相同，可能重复",
                    "Same counterparty, date, product and quantity as another record: a duplicate?"),
    # Exports and licences
    "export.destination_cn": (E, "运抵国（地区）不能是中国内地", "The destination cannot be mainland China"),
    "export.consignee_domestic": (E, "境外收货人“{name}”不是境外企业",
                                  "Consignee '{name}' is not a foreign counterparty"),
    "export.consignee_sale": (W, "境外收货人与销售单{sale}的客户不同",
                              "The consignee differs from the customer of sale {sale}"),
    "export.sale_not_export": (E, "关联的销售单未标记为出口", "The linked sale is not marked as an export"),
    "export.exceeds_sale": (E, "出口数量{exported} kg超过销售数量{sold} kg",
                            "{exported} kg exported exceeds the {sold} kg sold"),
    "export.control_missed": (E, "该产品属于管制物项({control_no})，应标记为“是”或注明理由",
                              "This product is a controlled item ({control_no}); mark it or give a reason"),
    "export.control_extra": (W, "标记为管制物项，但按成分判定不属于管制物项",
                             "Marked controlled, but its composition says it is not"),
    "export.control_no": (W, "管制编码{value}与判定结果{expected}不一致",
                          "Control number {value} differs from the derived {expected}"),
    "export.report_missing": (W, "按0.1%规则免于管制须有成分检测报告（产品{code}）",
                              "The 0.1 % exemption needs a test report (product {code})"),
    "export.licence_missing": (E, "管制物项出口必须关联两用物项出口许可证",
                               "A controlled export needs a dual-use export licence"),
    "licence.consignee": (E, "许可证{licence}不涵盖该境外收货人", "Licence {licence} does not cover this consignee"),
    "licence.validity": (E, "申报日期不在许可证{licence}有效期（{valid_from}至{valid_to}）内",
                         "Declaration date is outside licence {licence} ({valid_from} to {valid_to})"),
    "licence.exceeded": (E, "许可证{licence}累计使用{used} kg超过许可数量{licensed} kg",
                         "Licence {licence}: {used} kg used exceeds the {licensed} kg licensed"),
    "licence.control_no": (W, "许可证{licence}的管制编码为{value}，与本行不同",
                           "Licence {licence} is for {value}, not this line's control number"),
    "licence.one_consignee": (E, "单项许可证须对应且仅对应一个境外收货人（现有{count}个）",
                              "An individual licence covers exactly one consignee ({count} given)"),
    "licence.consignee_domestic": (E, "许可证收货人“{name}”不是境外企业",
                                   "Licence consignee '{name}' is not foreign"),
    # Monthly balance
    "balance.identity": (E, "{month}期初+入库−出库≠期末", "{month}: opening + in − out ≠ closing"),
    "balance.opening": (E, "{month}期初库存不等于上月期末", "{month}: opening differs from last month's closing"),
    "balance.negative": (E, "{month}期末库存为负({closing} kg)", "{month}: closing stock is negative ({closing} kg)"),
    # Storage and periods
    "key.duplicate": (E, "{label}“{value}”已存在", "{label} '{value}' already exists"),
    "period.locked": (E, "{period}已申报锁定，不能修改；请发起更正",
                      "{period} is filed and locked; start an amendment to change it"),
    "record.in_use": (E, "该记录仍被其他记录引用，不能删除", "The record is still referred to and cannot be deleted"),
    # Importing spreadsheets ({label} is the column's header as written in the file)
    "import.file_unreadable": (E, "无法读取文件“{file}”：{reason}", "Cannot read '{file}': {reason}"),
    "import.file_is_folder": (E, "“{file}”是一个文件夹；请选择要导入的文件",
                              "'{file}' is a folder; choose the file to import"),
    "import.file_missing": (E, "找不到要导入的文件“{file}”", "There is no file '{file}' to import"),
    "import.file_type": (E, "“{file}”不是可导入的文件类型（支持 .xlsx、.xls、.csv）",
                         "'{file}' is not a file type that can be imported (.xlsx, .xls, .csv)"),
    "import.sheet_missing": (E, "“{file}”中没有名为“{sheet}”的工作表（现有：{sheets}）",
                             "'{file}' has no sheet named '{sheet}' (it has: {sheets})"),
    # A workbook beyond the limits (importing/limits.py), refused before it is read
    "import.limit_file": (E, "“{file}”有{size}，超过可导入文件的上限{limit}",
                          "'{file}' is {size}, over the import limit of {limit}"),
    "import.limit_entries": (E, "“{file}”包含{count}个部件，超过上限{limit}个（不是普通的Excel文件）",
                             "'{file}' holds {count} parts, over the limit of {limit} "
                             "(not an ordinary Excel file)"),
    "import.limit_part": (E, "“{file}”中的“{part}”解压后有{size}，超过上限{limit}",
                          "'{file}': '{part}' unpacks to {size}, over the limit of {limit}"),
    "import.limit_total": (E, "“{file}”解压后共有{size}，超过上限{limit}",
                           "'{file}' unpacks to {size} in all, over the limit of {limit}"),
    "import.limit_ratio": (E, "“{file}”中的“{part}”压缩比为{ratio}:1，超过上限{limit}:1（疑似压缩炸弹）",
                           "'{file}': '{part}' is compressed {ratio}:1, over the limit of "
                           "{limit}:1 (a zip bomb?)"),
    "import.limit_declared": (E, "“{file}”中的“{part}”解压后超过它声明的{size}（文件已损坏或被篡改）",
                              "'{file}': '{part}' unpacks to more than the {size} it declares "
                              "(damaged or forged)"),
    "import.limit_dtd": (E, "“{file}”中的“{part}”含有文档类型定义（DTD），Excel文件不会有，已拒绝",
                         "'{file}': '{part}' holds a document type definition (DTD), which no "
                         "Excel file has; refused"),
    "import.limit_tag": (E, "“{file}”中的“{part}”有一个超过1 MB的标记，已拒绝",
                         "'{file}': '{part}' holds a tag longer than 1 MB; refused"),
    "import.limit_strings": (E, "“{file}”的共享字符串超过{count}项，超过上限{limit}项",
                             "'{file}' has more than {count} shared strings, over the limit of "
                             "{limit}"),
    "import.limit_dimension": (E, "“{file}”工作表“{sheet}”声明的区域{ref}超过上限（最多{rows}行、{columns}列、"
                                  "{cells}个单元格）",
                               "'{file}', sheet '{sheet}' declares the area {ref}, beyond the "
                               "limits ({rows} rows, {columns} columns, {cells} cells)"),
    "import.limit_rows": (E, "“{file}”工作表“{sheet}”用到第{rows}行（单元格{cell}），超过上限{limit}行",
                          "'{file}', sheet '{sheet}' uses row {rows} (cell {cell}), over the "
                          "limit of {limit} rows"),
    "import.limit_columns": (E, "“{file}”工作表“{sheet}”用到第{columns}列（单元格{cell}），超过上限{limit}列；"
                                "请删除多余的列后再导入",
                             "'{file}', sheet '{sheet}' uses column {columns} (cell {cell}), over "
                             "the limit of {limit} columns; delete the columns beyond the ledger "
                             "and import again"),
    "import.limit_cells": (E, "“{file}”工作表“{sheet}”的使用区域为{rows}行×{columns}列，共{cells}个单元格，"
                              "超过上限{limit}个",
                           "'{file}', sheet '{sheet}' uses {rows} rows × {columns} columns, "
                           "{cells} cells, over the limit of {limit}"),
    "import.limit_sparse": (E, "“{file}”工作表“{sheet}”的使用区域为{ref}（{area}个单元格），其中只有{cells}个"
                               "单元格有内容：远处的单元格{far}把区域撑大了；请删除数据以外远处的多余单元格或行后"
                               "再导入",
                            "'{file}', sheet '{sheet}' uses the area {ref} ({area} cells) but "
                            "only {cells} cells hold a value: the far cell(s) {far} stretch it; "
                            "delete the stray cells or rows far from the data and import again"),
    "import.limit_dense": (E, "“{file}”工作表“{sheet}”约有{cells}个单元格（约{rows}行），超过每张工作表"
                              "{limit}个单元格的上限；请将台账按月拆分成几个文件，分别导入",
                           "'{file}', sheet '{sheet}' has about {cells} cells (about {rows} "
                           "rows), over the limit of {limit} cells a sheet may have; split the "
                           "ledger by month into several files and import each"),
    # A csv not valid in the encoding it was found to be in (importing/reader.py)
    "import.bad_bytes": (E, "“{file}”不是有效的{encoding}文本：有{count}个无效字节，第一个在第{row}行"
                            "（字节位置{offset}）；请将文件另存为UTF-8后重新导入，或选择接受替换字符后导入",
                         "'{file}' is not valid {encoding} text: {count} bad bytes, the first in "
                         "row {row} (byte offset {offset}); save it as UTF-8 and import it again, "
                         "or accept replacement characters to import it"),
    "import.replaced": (W, "{label}中有无法解码的字节，已替换为“\ufffd”，请核对",
                        "{label} held bytes that could not be decoded, replaced by '\ufffd'; "
                        "please check"),
    "import.header_missing": (E, "工作表“{sheet}”前{rows}行中找不到可识别的表头",
                              "No recognisable header in the first {rows} rows of sheet '{sheet}'"),
    "import.column_missing": (E, "缺少必需的列“{label}”", "Required column '{label}' is missing"),
    "import.column_unknown": (E, "“{value}”不是可导入的列（可用：{columns}）",
                              "'{value}' is not an import column (use one of: {columns})"),
    "import.column_unmapped": (W, "列“{label}”无法识别，已忽略", "Column '{label}' is not recognised and is ignored"),
    "import.column_twice": (W, "列“{label}”与“{other}”含义相同，只使用“{other}”",
                            "Column '{label}' means the same as '{other}'; only '{other}' is used"),
    "import.mangled_id": (E, "{label}“{value}”已被Excel转换为数字，末尾数字可能已丢失；请将该列设为文本格式后重新录入",
                          "{label} '{value}' was turned into a number by Excel and may have lost "
                          "digits; format the column as text and enter it again"),
    "import.not_integer": (E, "{label}“{value}”应为整数", "{label} '{value}' must be a whole number"),
    "import.unknown_unit": (E, "{label}“{value}”的单位无法识别（可用 kg、公斤、千克、t、吨、g）",
                            "{label} '{value}' has an unknown unit (use kg, t or g)"),
    "import.bool": (E, "{label}“{value}”应为“是”或“否”", "{label} '{value}' must be yes or no"),
    "import.ref_ambiguous": (E, "{label}“{value}”对应多条记录，请改用{hint}",
                             "{label} '{value}' matches several records; use the {hint} instead"),
    "import.ref_conflict": (E, "名称“{name}”与统一社会信用代码“{value}”指向不同的交易对象",
                            "Name '{name}' and credit code '{value}' point to different counterparties"),
    "import.duplicate": (E, "{label}“{value}”已存在（可选择跳过或更新已有记录）",
                         "{label} '{value}' already exists (choose skip or update)"),
    "import.duplicate_in_file": (E, "{label}“{value}”在文件中重复（另见第{other}行）",
                                 "{label} '{value}' repeats in the file (see row {other})"),
    "import.batch_conflict": (E, "同一生产批号各行的{label}不一致（第{other}行为“{expected}”）",
                              "{label} differs between rows of the same batch (row {other} has "
                              "'{expected}')"),
    "import.formula_text": (W, "{label}以“{char}”开头，按文本导入，不会当作公式",
                            "{label} starts with '{char}' and is imported as text, not as a formula"),
    "import.export_pending": (W, "{count} 笔出口销售（第{rows}行）尚无出口明细，请随后导入出口明细",
                              "{count} export sales (rows {rows}) have no export lines yet; "
                              "import the export lines next"),
    "import.constraint": (E, "数据库拒绝写入：{detail}", "The database refused the rows: {detail}"),
    "import.period_locked": (E, "{label}{value}所在期间{period}已申报锁定，不能导入；请发起更正",
                             "{label} {value} falls in {period}, which is filed and locked; "
                             "start an amendment"),
}


class _Params(dict):
    """Missing parameters show as "?" rather than breaking the message."""

    def __missing__(self, key):
        return "?"


def severity_of(code: str) -> Severity:
    return CATALOG[code][0]


def render_text(f: Finding, lang: str = "zh") -> str:
    """The finding's sentence alone, without the entity and record in front."""
    _, zh, en = CATALOG[f.code]
    template = zh if lang == "zh" else en
    params = {"label": field_label(f.entity, f.field, lang), "record": f.record, **f.params}
    return template.format_map(_Params(params))


def render(f: Finding, lang: str = "zh") -> str:
    text = render_text(f, lang)
    where = f"{entity_label(f.entity, lang)} {f.record}"
    return f"{where}: {text}" if lang != "zh" else f"{where}:{text}"


# What core/derive.py filled in or put in canonical form: rule code -> (zh, en).
# ``{label}`` is the field's label, ``{value}`` the value as shown, ``{source}``
# the record it came from.
DERIVED: dict[str, tuple[str, str]] = {
    "derive.canonical": ("{label}“{was}”改写为“{value}”", "{label} '{was}' written as '{value}'"),
    "derive.grade_from_batch": ("{label}取自生产批次 {source}：{value}",
                                "{label} from batch {source}: {value}"),
    "derive.grade_from_product": ("{label}取自产品 {source}：{value}",
                                  "{label} from product {source}: {value}"),
    "derive.end_use_from_customer": ("{label}取自客户“{source}”的默认最终用途：{value}",
                                     "{label} from the default end use of {source}: {value}"),
    "derive.end_use_from_sale": ("{label}取自销售单 {source}：{value}",
                                 "{label} from sale {source}: {value}"),
    "derive.hs_from_product": ("{label}取自产品 {source}：{value}",
                               "{label} from product {source}: {value}"),
    "derive.destination_from_consignee": ("{label}取自收货人“{source}”：{value}",
                                          "{label} from consignee {source}: {value}"),
    "derive.end_user_from_consignee": ("{label}取自收货人“{source}”：{value}",
                                       "{label} from consignee {source}: {value}"),
    "derive.amount_from_price": ("{label}按数量×单价计算：{value}",
                                 "{label} computed as quantity × unit price: {value}"),
    "derive.country_domestic": ("{label}按境内单位填为 {value}",
                                "{label} set to {value} for a domestic party"),
}


def derived_value(entity: str, name: str, value, lang: str = "zh") -> str:
    """A derived value as the clerk reads it (an amount in 元, an end use by name)."""
    from .fields import field_spec
    from .units import format_money

    spec = field_spec(entity, name)
    if spec is not None and spec.kind == "money" and isinstance(value, int):
        return format_money(value)
    if spec is not None and spec.choices is not None and value:
        return spec.choices(value).label(lang)
    return str(value)


def render_derived(entity: str, d, lang: str = "zh") -> str:
    """One ``derive.Derived`` as a sentence in the reader's language."""
    zh, en = DERIVED[d.rule]
    params = {**d.params, "was": d.params.get("value", ""),
              "label": field_label(entity, d.field, lang),
              "value": derived_value(entity, d.field, d.value, lang)}
    return (zh if lang == "zh" else en).format_map(_Params(params))


def render_derived_summary(entity: str, example, count: int, rows: list[int],
                           lang: str = "zh") -> str:
    """An import's derivations by one rule: the first as an example, how many
    rows and which (the first of them)."""
    text = render_derived(entity, example, lang)
    more = "…" if count > len(rows) else ""
    if lang == "zh":
        return f"{text}（共 {count} 行：第 {'、'.join(map(str, rows))}{more} 行）"
    return f"{text} ({count} rows: {', '.join(map(str, rows))}{more})"
