"""What validation finds, one sentence per finding code (zh, en).

Placeholders: ``{label}`` is the field's label in the reader's language,
``{record}`` the record key; other names are the finding's params.  The
severity of each code is domain knowledge and lives in ``core/messages.py``."""

from __future__ import annotations

FINDINGS: dict[str, tuple[str, str]] = {
    # the severities themselves (a finding's level in lists and reports)
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    # Any field
    "field.required": ("{label}不能为空", "{label} is required"),
    "field.too_long": ("{label}不能超过{max}个字符", "{label} must be at most {max} characters"),
    "field.too_short": ("{label}至少需要{min}个字符", "{label} needs at least {min} characters"),
    "field.choice": ("{label}“{value}”不是可选值", "{label} '{value}' is not an allowed value"),
    "field.not_positive": ("{label}必须大于0", "{label} must be greater than 0"),
    "field.negative": ("{label}不能为负数", "{label} cannot be negative"),
    "field.pct_range": ("{label}应在0至100之间", "{label} must be between 0 and 100"),
    "field.not_a_number": ("{label}“{value}”不是数字", "{label} '{value}' is not a number"),
    "date.future": ("{label}{value}晚于今天", "{label} {value} is in the future"),
    "date.too_old": ("{label}{value}早于2000年", "{label} {value} is before 2000"),
    "date.order": ("{label}早于开始日期", "{label} is before the start date"),
    "date.invalid": ("{label}“{value}”不是有效日期", "{label} '{value}' is not a valid date"),
    # Identifiers
    "uscc.format": (
        "统一社会信用代码“{value}”格式不正确（应为18位，不含I、O、S、V、Z）",
        "Credit code '{value}' is malformed (18 characters, no I, O, S, V, Z)",
    ),
    "uscc.check_digit": (
        "统一社会信用代码“{value}”校验位不符（计算得{expected}），请核对或注明原因后接受",
        "Credit code '{value}' fails its check digit (computed {expected}); check it or accept it with a reason",
    ),
    "uscc.duplicate": (
        "统一社会信用代码“{value}”已被“{other}”使用",
        "Credit code '{value}' is already used by '{other}'",
    ),
    "hs.format": ("海关商品编号“{value}”应为10位数字", "HS code '{value}' must be 10 digits"),
    "hs.unknown": ("海关商品编号“{value}”不在商品编码表中", "HS code '{value}' is not in the code list"),
    "hs.not_valid": ("海关商品编号“{value}”在{year}年无效", "HS code '{value}' is not valid in {year}"),
    "decl.format": (
        "报关单号“{value}”格式不正确（应为18位数字：关区4位+年份4位+进出口标志1位+序号9位）",
        "Declaration no. '{value}' is malformed (18 digits: customs office, year, I/E flag, sequence)",
    ),
    "decl.direction": (
        "报关单号“{value}”第9位应为{flag}（0出口、1进口）",
        "Declaration no. '{value}': 9th digit must be {flag} (0 export, 1 import)",
    ),
    "decl.year": (
        "报关单号“{value}”中的年份与申报日期（{year}年）不符",
        "Declaration no. '{value}': its year does not match the date ({year})",
    ),
    "grade.required": ("磁体产品必须填写牌号", "A magnet product needs a grade"),
    "grade.format": ("牌号“{value}”不符合该产品类别的牌号规则（应写作如 {expected}）",
                     "Grade '{value}' does not fit the category (write it like {expected})"),
    "grade.mismatch": (
        "批次牌号“{value}”与产品牌号“{expected}”不一致",
        "Batch grade '{value}' differs from the product's grade '{expected}'",
    ),
    "grade.heavy_re": (
        "牌号“{value}”通常含镝或铽，但镝铽含量为0（无重稀土须有检测报告）",
        "Grade '{value}' normally contains Dy or Tb but Dy+Tb is 0 (heavy-RE-free needs a test report)",
    ),
    "lot.format": (
        "批号“{value}”只能包含字母、数字和 - _ /，最长40位",
        "Lot no. '{value}' may hold letters, digits and - _ / only, 40 at most",
    ),
    "invoice.format": (
        "发票号码“{value}”应为20位数电发票号码或8位发票号码",
        "Invoice no. '{value}' must be a 20-digit e-invoice or an 8-digit number",
    ),
    "country.unknown": (
        "国家（地区）代码“{value}”不在ISO 3166代码表中",
        "Country code '{value}' is not an ISO 3166 code",
    ),
    "currency.unknown": ("币种“{value}”不是ISO 4217币种代码", "Currency '{value}' is not an ISO 4217 code"),
    # Counterparties
    "cp.name_en_required": ("境外企业必须填写英文名称", "A foreign counterparty needs an English name"),
    "cp.uscc_required": ("境内交易对象必须填写统一社会信用代码", "A domestic counterparty needs a credit code"),
    "cp.foreign_in_cn": (
        "境外企业的国家（地区）不能是中国内地",
        "A foreign counterparty cannot be in mainland China",
    ),
    "cp.domestic_abroad": (
        "境内交易对象的国家（地区）应为CN，而不是“{value}”",
        "A domestic counterparty must be in CN, not '{value}'",
    ),
    "name.formula_like": (
        "{label}“{value}”以“{first}”开头，电子表格软件可能把它当作公式；请核对，无误时注明原因后接受（申报表中按文本写入）",
        "{label} '{value}' starts with '{first}', which spreadsheet programs may take for a formula; check it and accept it with a reason if it is right (the filing writes it as text)",
    ),
    "cp.end_use_missing": ("境外客户未填写默认最终用途", "Foreign customer has no default end use"),
    # Products
    "product.hs_magnet": (
        "稀土永磁体通常归入8505111000，而不是{value}",
        "Rare-earth magnets are normally classified 8505111000, not {value}",
    ),
    "comp.required": ("磁体及合金必须填写{label}（无则填0）", "Magnets and alloys need {label} (0 if none)"),
    "comp.sum": (
        "各稀土元素含量之和{sum}%超过稀土总量{tre}%",
        "The rare-earth elements listed sum to {sum} %, more than the total rare earths {tre} %",
    ),
    "comp.exempt_reason": (
        "选择了深加工不属于管制物项，须写明理由（如何加工、磁体在产品中的位置）",
        "A deep-processing exemption needs its reason (how it is processed, where the magnet sits)",
    ),
    "comp.report_none": (
        "型号{code}已出口，但没有成分检测报告（编号、日期、检测机构）；海关质疑时须在7个工作日内提交",
        "Model {code} is exported without a composition test report (number, date, laboratory); customs may ask for it within 7 working days",
    ),
    "comp.typical": (
        "{label}超出该类产品常见范围（{low}%–{high}%）",
        "{label} is outside the usual range for this category ({low}–{high} %)",
    ),
    # Purchases
    "ref.not_supplier": ("“{name}”不是供应商", "'{name}' is not a supplier"),
    "ref.not_customer": ("“{name}”不是客户", "'{name}' is not a customer"),
    "ref.missing": ("{label}“{value}”不存在", "{label} '{value}' does not exist"),
    "purchase.magnet": ("采购的物料“{code}”是磁体成品", "Purchased material '{code}' is a finished magnet"),
    "qty.large": ("单行数量超过100,000 kg，请核对", "More than 100,000 kg on one line; please check"),
    "amount.mismatch": ("金额与数量×单价不符", "Amount differs from quantity × unit price"),
    "purchase.decl_required": (
        "进口物料必须填写进口报关单号",
        "An imported lot needs its import declaration no.",
    ),
    "lot.duplicate": (
        "同一供应商的批号“{lot}”重复（另见{other}）",
        "Lot '{lot}' repeats for this supplier (see {other})",
    ),
    "lot.overdrawn": (
        "批号“{lot}”投料合计{drawn} kg超过入库数量{qty} kg",
        "Lot '{lot}': {drawn} kg drawn exceeds the {qty} kg received",
    ),
    # Batches
    "input.before_lot": (
        "投产日期早于批号“{lot}”的入库日期（{arrived}）",
        "Batch starts before lot '{lot}' arrived ({arrived})",
    ),
    "batch.no_inputs": ("生产批次至少需要一行投料", "A batch needs at least one input line"),
    "batch.yield": ("成品率{ratio}超出0.3–1.0", "Yield {ratio} is outside 0.3–1.0"),
    "batch.dy_out": ("产出镝含量超过投入镝含量（超过1%）", "More Dy comes out than went in (beyond 1 %)"),
    "batch.tb_out": ("产出铽含量超过投入铽含量（超过1%）", "More Tb comes out than went in (beyond 1 %)"),
    # Sales
    "sale.not_magnet": ("销售的产品“{code}”不是磁体", "Sold product '{code}' is not a magnet"),
    "sale.batch_product": ("生产批号“{batch}”产出的不是该产品", "Batch '{batch}' did not produce this product"),
    "sale.before_batch": (
        "销售日期早于批次“{batch}”完工日期（{end}）",
        "Sold before batch '{batch}' was completed ({end})",
    ),
    "batch.oversold": (
        "批次“{batch}”累计销售{sold} kg超过可售{available} kg",
        "Batch '{batch}': {sold} kg sold exceeds the {available} kg available",
    ),
    "sale.piece_weight": ("单件重量超出0.01 g–50 kg", "Weight per piece is outside 0.01 g–50 kg"),
    "sale.invoice_missing": ("境内销售必须填写发票号码", "A domestic sale needs an invoice number"),
    "sale.end_use_required": ("出口销售必须填写最终用途", "An export sale needs an end use"),
    "sale.export_missing": ("出口销售没有对应的出口报关明细", "The export sale has no export declaration line"),
    "dup.suspect": (
        "与另一条记录的对象、日期、产品和数量相同，可能重复",
        "Same counterparty, date, product and quantity as another record: a duplicate?",
    ),
    # Exports and licences
    "export.destination_cn": ("运抵国（地区）不能是中国内地", "The destination cannot be mainland China"),
    "export.consignee_domestic": (
        "境外收货人“{name}”不是境外企业",
        "Consignee '{name}' is not a foreign counterparty",
    ),
    "export.consignee_sale": (
        "境外收货人与销售单{sale}的客户不同",
        "The consignee differs from the customer of sale {sale}",
    ),
    "export.sale_not_export": ("关联的销售单未标记为出口", "The linked sale is not marked as an export"),
    "export.exceeds_sale": (
        "出口数量{exported} kg超过销售数量{sold} kg",
        "{exported} kg exported exceeds the {sold} kg sold",
    ),
    "export.control_missed": (
        "该产品属于管制物项（{control_no}），应标记为“是”或注明理由",
        "This product is a controlled item ({control_no}); mark it or give a reason",
    ),
    "export.control_extra": (
        "标记为管制物项，但按成分判定不属于管制物项",
        "Marked controlled, but its composition says it is not",
    ),
    "export.control_no": (
        "管制编码{value}与判定结果{expected}不一致",
        "Control number {value} differs from the derived {expected}",
    ),
    "export.report_missing": (
        "按0.1%规则免于管制须有成分检测报告（产品{code}）",
        "The 0.1 % exemption needs a test report (product {code})",
    ),
    "screen.listed": (
        "“{name}”在限制名单“{list}”中（列为“{listed}”，国家（地区）：{country}，列入日期：{since}）；不得向其出口",
        "'{name}' is on the restricted list '{list}' (listed as '{listed}', country: {country_en}, listed on: {since}); no export to it",
    ),
    "screen.close": (
        "“{name}”与限制名单“{list}”中的“{listed}”相近（相似度 {score}%）；请核实，确非同一方时填写理由接受",
        "'{name}' is close to '{listed}' on the restricted list '{list}' ({score}% alike); check it, and accept with a reason if it is not the same party",
    ),
    "screen.rule": (
        "禁止向{country}出口用于“{end_use}”的两用物项（{source}）",
        "No dual-use export to {country_en} for end use '{end_use_en}' ({source_en})",
    ),
    "export.licence_missing": (
        "管制物项出口必须关联两用物项出口许可证",
        "A controlled export needs a dual-use export licence",
    ),
    "licence.consignee": (
        "许可证{licence}不涵盖该境外收货人",
        "Licence {licence} does not cover this consignee",
    ),
    "licence.expired": (
        "许可证{licence}已于{valid_to}到期，申报日期为{day}",
        "Licence {licence} expired on {valid_to}; the declaration is dated {day}",
    ),
    "licence.not_yet_valid": (
        "许可证{licence}自{valid_from}起有效，申报日期{day}尚未生效",
        "Licence {licence} is valid from {valid_from}, not yet on {day}",
    ),
    "licence.end_user": (
        "许可证{licence}未许可最终用户“{value}”",
        "Licence {licence} does not permit end user '{value}'",
    ),
    "licence.end_use": (
        "许可证{licence}未许可最终用途“{end_use}”",
        "Licence {licence} does not permit end use '{end_use}'",
    ),
    "licence.nearly_used": (
        "许可证{licence}已使用{used} kg，达到许可数量{licensed} kg的{pct}%",
        "Licence {licence}: {used} kg used, {pct} % of the {licensed} kg licensed",
    ),
    "licence.expiring": (
        "许可证{licence}将于{valid_to}到期（还有{days}天），尚有可用数量",
        "Licence {licence} expires on {valid_to} (in {days} days) with quantity left",
    ),
    "licence.qty_required": (
        "单项许可证须填写许可数量",
        "An individual licence needs a licensed quantity",
    ),
    "licence.general_term": (
        "通用许可证有效期不超过{years}年",
        "A general licence runs at most {years} years",
    ),
    "licence.exceeded": (
        "许可证{licence}累计使用{used} kg超过许可数量{licensed} kg",
        "Licence {licence}: {used} kg used exceeds the {licensed} kg licensed",
    ),
    "licence.control_no": (
        "许可证{licence}的管制编码为{value}，与本行不同",
        "Licence {licence} is for {value}, not this line's control number",
    ),
    "licence.one_consignee": (
        "单项许可证须对应且仅对应一个境外收货人（现有{count}个）",
        "An individual licence covers exactly one consignee ({count} given)",
    ),
    "licence.consignee_domestic": (
        "许可证收货人“{name}”不是境外企业",
        "Licence consignee '{name}' is not foreign",
    ),
    # Monthly balance
    "balance.identity": ("{month}期初+入库−出库≠期末", "{month}: opening + in − out ≠ closing"),
    "balance.opening": ("{month}期初库存不等于上月期末", "{month}: opening differs from last month's closing"),
    "balance.negative": (
        "{month}期末库存为负（{closing} kg）",
        "{month}: closing stock is negative ({closing} kg)",
    ),
    # Storage and periods
    "key.duplicate": ("{label}“{value}”已存在", "{label} '{value}' already exists"),
    "period.locked": (
        "{period}已申报锁定，不能修改；请发起更正",
        "{period} is filed and locked; start an amendment to change it",
    ),
    "record.in_use": ("该记录仍被其他记录引用，不能删除", "The record is still referred to and cannot be deleted"),
}
