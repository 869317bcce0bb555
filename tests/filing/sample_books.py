"""Workbooks made to look like the authority's templates, written with
openpyxl: title rows, instruction and reporter lines, merged two-level
headers, required markers, units in headers, number formats, drop-down code
lists and instruction sheets.  Each function writes one book into ``folder``
and returns its path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")
FLOW_INSTRUCTIONS = (
    "一、本表按月填报，每月10日前通过追溯系统上传。",
    "二、带*的列为必填项，其余列有则填写。",
    "三、数量以吨为单位，保留四位小数；金额以万元为单位。",
    "四、客户类型、是否出口请从下拉列表中选择，不得自行填写。",
    "五、统一社会信用代码为18位，境外客户可不填。",
)


def _path(folder, name: str) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _list(ws, formula: str, ref: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.add(ref)
    ws.add_data_validation(dv)


def flow_sheet(folder, name: str = "稀土产品流向月报表.xlsx", codes: bool = True,
               rows: int = 0) -> Path:
    """One data sheet "稀土产品流向": a merged title (row 1), a reporter line
    (row 2: 填报单位／所属期), a merged instruction (row 3), a two-level header
    (rows 4-5), number formats on row 6, drop-downs; then the instructions
    sheet "填表说明".  ``codes``: the customer types as "1-境内企业"; ``rows``:
    that many filled example rows (a large sample)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "稀土产品流向"
    ws["A1"] = "稀土产品流向月报表"
    ws.merge_cells("A1:L1")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位（盖章）："
    ws.merge_cells("A2:B2")
    ws["C2"] = ""
    ws["I2"] = "所属期："
    ws["J2"] = ""
    ws["A3"] = "填报说明：带*为必填项；数量单位为吨，金额单位为万元；客户类型、是否出口从下拉列表选择。"
    ws.merge_cells("A3:L3")
    top = {"A": "序号", "B": "销售日期*", "C": "客户信息", "F": "产品信息", "J": "批次号",
           "K": "是否出口", "L": "备注"}
    for letter, text in top.items():
        ws[f"{letter}4"] = text
    for letter in "ABJKL":
        ws.merge_cells(f"{letter}4:{letter}5")
    ws.merge_cells("C4:E4")
    ws.merge_cells("F4:I4")
    leaves = {"C": "客户名称*", "D": "统一社会信用代码", "E": "客户类型*", "F": "产品名称*",
              "G": "牌号", "H": "数量（吨）*", "I": "金额（万元）"}
    for letter, text in leaves.items():
        ws[f"{letter}5"] = text
    for row in ws["A4:L5"]:
        for cell in row:
            cell.fill = HEADER_FILL
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    formats = {"A": "0", "B": "yyyy/m/d", "C": "@", "D": "@", "E": "@", "F": "@", "G": "@",
               "H": "0.0000", "I": "#,##0.00", "J": "@", "K": "@", "L": "@"}
    for letter, fmt in formats.items():
        ws[f"{letter}6"].number_format = fmt
    widths = {"A": 6, "B": 12, "C": 30, "D": 22, "E": 12, "F": 18, "G": 10, "H": 12, "I": 12,
              "J": 16, "K": 10, "L": 20}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    types = '"1-境内企业,2-境外企业,3-个体工商户"' if codes else '"境内企业,境外企业"'
    _list(ws, types, "E6:E5000")
    _list(ws, '"是,否"', "K6:K5000")
    for i in range(rows):
        r = 6 + i
        values = [i + 1, date(2025, 3, 1 + i % 28), f"客户{i % 50}有限公司",
                  "91330100MA27XK0001", "1-境内企业" if codes else "境内企业", "烧结钕铁硼",
                  "N52", 0.1234, 1.5, f"B2503{i:05d}", "否", ""]
        for c, value in enumerate(values, 1):
            ws.cell(r, c, value)
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "填表说明"
    notes["A1"].font = Font(size=14, bold=True)
    for i, line in enumerate(FLOW_INSTRUCTIONS, 3):
        notes.cell(i, 1, line)
    notes.column_dimensions["A"].width = 90
    path = _path(folder, name)
    wb.save(path)
    return path


def purchase_and_sales(folder, name: str = "购销台账模板.xlsx") -> Path:
    """Two data sheets, 采购 and 销售, each with a single header row marked
    "(必填)", a note row under it saying 必填／选填 and units, and one example
    row marked 示例; then a hidden code-list sheet the drop-downs refer to."""
    wb = Workbook()
    buy = wb.active
    buy.title = "采购"
    buy.append(["序号", "采购日期(必填)", "供货方名称(必填)", "供货方统一社会信用代码", "原料名称(必填)",
                "原料批号", "采购重量(必填)", "采购金额(元)", "来源"])
    buy.append(["", "必填", "必填", "选填", "必填", "选填", "千克", "选填", "选填"])
    buy.append(["示例", date(2025, 1, 6), "包头稀土有限公司", "91150200MA0N000001", "氧化镨钕",
                "PR-2501-01", 1250.5, 562725, "国内采购"])
    buy.column_dimensions["C"].width = 28
    for letter, fmt in {"B": "yyyy-mm-dd", "D": "@", "F": "@", "G": "0.000",
                        "H": "#,##0.00"}.items():
        buy[f"{letter}3"].number_format = fmt
        buy[f"{letter}4"].number_format = fmt
    for cell in buy[1]:
        cell.fill = HEADER_FILL
    sell = wb.create_sheet("销售")
    sell.append(["序号", "销售日期(必填)", "购买方名称(必填)", "购买方统一社会信用代码(必填)", "产品名称",
                 "产品牌号", "销售数量/kg", "净重(g)", "销售额（元）", "出口(是/否)", "合同编号"])
    sell.append(["示例", date(2025, 1, 8), "宁波磁材科技有限公司", "91330200MA2AB00001", "烧结钕铁硼",
                 "N48H", 300, 300000, 96000, "否", "HT-2025-001"])
    sell["C1"].comment = Comment("填写购买方全称", "magdesk")
    for letter, fmt in {"B": "yyyy-mm-dd", "D": "@", "G": "0.000", "H": "0", "I": "#,##0.00",
                        "K": "@"}.items():
        sell[f"{letter}2"].number_format = fmt
    codes = wb.create_sheet("代码表")
    for i, (a, b) in enumerate([("国内采购", "1"), ("进口", "2")], 1):
        codes.cell(i, 1, a)
        codes.cell(i, 2, b)
    codes.cell(4, 1, "是")
    codes.cell(5, 1, "否")
    codes.sheet_state = "hidden"
    _list(buy, "代码表!$A$1:$A$2", "I3:I2000")
    _list(sell, "'代码表'!$A$4:$A$5", "J2:J2000")
    path = _path(folder, name)
    wb.save(path)
    return path


def plain_english(folder, name: str = "monthly_sales.xlsx") -> Path:
    """A plain English sheet: header in row 1, no title, no codes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sales"
    ws.append(["Date", "Customer", "Credit code", "Product", "Grade", "Quantity (kg)",
               "Amount (CNY)", "Batch No."])
    for letter, fmt in {"A": "dd/mm/yyyy", "C": "@", "F": "#,##0.000", "G": "#,##0.00",
                        "H": "@"}.items():
        ws.column_dimensions[letter].number_format = fmt
    ws.column_dimensions["B"].width = 30
    path = _path(folder, name)
    wb.save(path)
    return path


def stock_and_exports(folder, name: str = "出口及库存报表.xlsx") -> Path:
    """Sheets in another order under other names: an instruction sheet first,
    then 库存月报 (a title, a reporter line, a header with units in tonnes and
    two-level 本月增加／本月减少), then 出口情况 (a header with a code list on a
    sheet of codes: "01 新能源汽车驱动电机" …), then the code sheet itself."""
    wb = Workbook()
    guide = wb.active
    guide.title = "说明"
    guide["A1"] = "报表说明"
    guide["A2"] = "1. 库存月报按产品逐行填写，期初＋本月增加－本月减少＝期末。"
    guide["A3"] = "2. 出口情况按报关单逐行填写，一份报关单多个商品项的逐项填写。"
    guide["A4"] = "3. 重量单位：吨。"
    stock = wb.create_sheet("库存月报")
    stock["A1"] = "稀土产品库存月报"
    stock.merge_cells("A1:J1")
    stock["A2"] = "企业名称：宁波示例磁业有限公司"
    stock["F2"] = "报告期：2025年3月"
    stock.append([])  # row 3 left blank
    stock["A4"], stock["B4"], stock["C4"], stock["D4"] = "行号", "产品编码", "产品名称", "期初结存(吨)"
    stock["E4"], stock["G4"], stock["I4"], stock["J4"] = "本月增加", "本月减少", "损耗(吨)", "期末结存(吨)"
    for letter in "ABCDIJ":
        stock.merge_cells(f"{letter}4:{letter}5")
    stock.merge_cells("E4:F4")
    stock.merge_cells("G4:H4")
    stock["E5"], stock["F5"], stock["G5"], stock["H5"] = "采购入库", "生产入库", "销售出库", "生产领用"
    for letter in "DEFGHIJ":
        stock[f"{letter}6"].number_format = "0.0000"
    exports = wb.create_sheet("出口情况")
    exports.append(["序号", "报关单号*", "出口日期*", "目的国*", "境外收货人*", "最终用途", "是否管制物项",
                    "出口数量(t)", "货值(美元)"])
    exports["B2"].number_format = "@"
    exports["C2"].number_format = "yyyy-mm-dd"
    exports["H2"].number_format = "0.0000"
    codes = wb.create_sheet("用途代码")
    codes.append(["代码", "名称"])
    for i, text in enumerate(["新能源汽车驱动电机", "工业电机/伺服", "风力发电", "消费电子/声学", "其他"], 1):
        codes.append([f"{i:02d}", f"{i:02d} {text}"])
    _list(exports, "用途代码!$B$2:$B$6", "F2:F1000")
    _list(exports, '"Y-是,N-否"', "G2:G1000")
    path = _path(folder, name)
    wb.save(path)
    return path


def counterparty_list(folder, name: str = "交易对象名录.xlsx") -> Path:
    """A counterparty list with a defined name as the drop-down's source."""
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    ws = wb.active
    ws.title = "客户及供应商名录"
    ws.append(["序号", "单位名称*", "企业类型*", "角色", "统一社会信用代码", "国家（地区）", "地址"])
    codes = wb.create_sheet("字典")
    for i, text in enumerate(["境内企业", "境外企业", "个体工商户", "其他组织"], 1):
        codes.cell(i, 1, text)
    for i, text in enumerate(["客户", "供应商", "既是客户也是供应商"], 1):
        codes.cell(i, 3, text)
    wb.defined_names["企业类型"] = DefinedName("企业类型", attr_text="字典!$A$1:$A$4")
    _list(ws, "企业类型", "C2:C500")
    _list(ws, "字典!$C$1:$C$3", "D2:D500")
    path = _path(folder, name)
    wb.save(path)
    return path


def only_instructions(folder, name: str = "说明.xlsx") -> Path:
    """A workbook of instructions only: no sheet holds a table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "填报须知"
    ws["A1"] = "稀土产品追溯系统填报须知"
    ws.merge_cells("A1:F1")
    for i, line in enumerate(FLOW_INSTRUCTIONS, 3):
        ws.cell(i, 1, line)
    path = _path(folder, name)
    wb.save(path)
    return path


def numbers_only(folder, name: str = "数据.xlsx") -> Path:
    """A sheet of numbers without any header row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r in range(1, 8):
        ws.append([r, r * 1.5, r * 100, date(2025, 1, r)])
    path = _path(folder, name)
    wb.save(path)
    return path


def national_form(folder, name: str = "全国稀土产品流向表.xlsx") -> Path:
    """A reporter line right above a two-level header whose upper level is
    merged across (no vertical merges: 序号 stands in the upper row alone),
    required columns marked ※ as the title's note says, and a row numbering
    the columns (1 2 3 …) under the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表1 产品销售流向"
    ws["A1"] = "表1 稀土产品销售流向表（带※为必填）"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报企业：宁波示例磁业有限公司"
    ws.merge_cells("A2:D2")
    ws["G2"] = "填报月份：2025年3月"
    ws.merge_cells("G2:I2")
    ws.append(["序号", "交易日期※", "购买方", None, "产品", None, None, "是否出口", "备注"])
    ws.merge_cells("C3:D3")
    ws.merge_cells("E3:G3")
    ws["C4"], ws["D4"] = "名称※", "统一社会信用代码※"
    ws["E4"], ws["F4"], ws["G4"] = "名称※", "牌号", "重量\n(公斤)※"
    for c in range(1, 10):
        ws.cell(5, c, c)
    ws["B6"].number_format = "yyyy年m月d日"
    ws["G6"].number_format = "#,##0.000"
    _list(ws, '"1.是,2.否"', "H6:H300")
    path = _path(folder, name)
    wb.save(path)
    return path


def flow_variant(folder, name: str = "流向表（区局版）.xlsx", example: bool = True) -> Path:
    """The flow sheet as another bureau draws it: 附件1 above the title, an
    instruction row stating the units (数量单位：吨，金额单位：万元) right above
    a two-level header in rows 4-5, full-width ＊ markers, headers broken over
    two lines ("出口\\n是/否"), quantities without a unit of their own, a note
    beside the header (注：…), and an example row marked 示例."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "附件1"
    ws["A2"] = "稀土产品流向统计表"
    ws.merge_cells("A2:J2")
    ws["A3"] = "说明：＊为必填项。数量单位：吨，金额单位：万元。"
    ws.merge_cells("A3:J3")
    ws.append(["序号", "日期＊", "购买方信息", None, None, "产品＊", "规格牌号", "数量＊", "金额",
               "出口\n是/否", None, "注：本表一式两份"])
    ws.merge_cells("C4:E4")
    for letter in "ABFGHIJ":
        ws.merge_cells(f"{letter}4:{letter}5")
    ws["C5"], ws["D5"], ws["E5"] = "名称＊", "统一社会信用代码", "类型"
    if example:
        ws.append(["示例", date(2025, 3, 3), "某某磁材有限公司", "91330200MA2AB00001", "境内企业",
                   "烧结钕铁硼", "N52", 0.5, 12.5, "否"])
    ws["B6"].number_format = "yyyy-mm-dd"
    ws["H6"].number_format = "0.0000"
    _list(ws, '"境内企业,境外企业,个体工商户,其他"', "E6:E1000")
    _list(ws, '"是,否"', "J6:J1000")
    path = _path(folder, name)
    wb.save(path)
    return path


def field_guide(folder, name: str = "填报模板及字段说明.xlsx") -> Path:
    """A data sheet followed by a sheet that is a table of explanations
    (字段 | 要求 | 说明 with long texts), under a name that does not say so."""
    wb = Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["序号", "销售日期", "客户名称", "产品名称", "重量(kg)"])
    guide = wb.create_sheet("附表")
    guide.append(["字段", "要求", "填写方法"])
    for field in ("销售日期", "客户名称", "产品名称", "重量(kg)"):
        guide.append([field, "必填", f"{field}按照合同及出库单据如实填写，不得漏填、错填；同一笔业务涉及多个"
                                     "批次的应分行填写，并与出库单据保持一致，以便核对。"])
    path = _path(folder, name)
    wb.save(path)
    return path


def instruction_under_header(folder, name: str = "采购月报.xlsx") -> Path:
    """A header in row 1 with ▲ marking required columns, and under it one
    instruction merged across the table (从第3行起填写，带▲的为必填，金额单位：万元)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "原料采购"
    ws.append(["▲入库日期", "▲供应商", "供应商统一社会信用代码", "▲原料名称", "▲重量(吨)", "金额",
               "原料来源"])
    ws["A2"] = "请从第3行起填写，带▲的为必填项，金额单位：万元。"
    ws.merge_cells("A2:G2")
    ws["A3"].number_format = "yyyy-mm-dd"
    _list(ws, '"国产,进口"', "G3:G500")
    path = _path(folder, name)
    wb.save(path)
    return path


def per_row_reporter(folder, name: str = "出口月报.xlsx") -> Path:
    """An exports sheet whose rows repeat the reporter and the month (所属期,
    填报单位名称, 填报单位统一社会信用代码) before the declaration's columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "出口月报"
    ws.append(["所属期", "填报单位名称", "填报单位统一社会信用代码", "报关单号", "出口日期", "商品名称",
               "出口数量（千克）", "货值（元）", "境外收货人", "运抵国（地区）"])
    ws["A2"].number_format = "yyyy-mm"
    ws["C2"].number_format = "@"
    path = _path(folder, name)
    wb.save(path)
    return path
