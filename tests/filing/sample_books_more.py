"""More workbooks made to look like the authority's templates, drawn
otherwise than those of sample_books: a table that starts in column B under
a long instruction block, headers broken over lines and in two languages,
the units said in a merged line under the header, a 合计 row, a hidden
column, a protected sheet, dates kept as text in the sample, a credit code
formatted as a number; a purchases and a sales sheet with bilingual
two-level headers and drop-downs on a hidden code sheet.  Each function
writes one book into ``folder`` and returns its path."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

OFFSET_NOTES = ("说明：", "1. 本表由生产企业按月填报。", "2. 数量、金额的单位见表头下一行。",
                "3. 日期格式为2026-01-01。", "4. 是否出口选择是或否。", "5. 合计行请勿删除。")


def _path(folder, name: str) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _list(ws, formula: str, ref: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.add(ref)
    ws.add_data_validation(dv)


def offset_sheet(folder, name: str = "销售流向（双语）.xlsx") -> Path:
    """One sheet "销售明细": column A empty, a title in B1, six instruction
    lines, the header in row 8 (B..K) with line breaks between the Chinese
    and the English words, "单位：数量为吨(t)，金额为万元" merged across row 9, an
    example row 10 whose date is text in a text column ("@") and whose credit
    code is a number formatted "0", a 合计 row 11, column K hidden, the sheet
    protected, 是/否 as a drop-down."""
    wb = Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws["B1"] = "稀土产品销售流向月报"
    ws.merge_cells("B1:K1")
    for r, line in enumerate(OFFSET_NOTES, 2):
        ws.cell(r, 2, line)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=11)
    heads = ["序号\nNo.", "销售日期\nDate*", "客户名称\nCustomer*", "统一社会信用代码\nUSCC",
             "产品名称 Product*", "牌号 Grade", "数量 Quantity", "金额 Amount", "是否出口", "内部备注"]
    for c, text in enumerate(heads, 2):
        ws.cell(8, c, text).alignment = Alignment(wrap_text=True)
    ws["B9"] = "单位：数量为吨(t)，金额为万元"
    ws.merge_cells("B9:K9")
    example = [1, "2026-01-05", "某某磁业有限公司", 911101000000000000, "烧结钕铁硼", "N52", 1.2345,
               12.5, "否", ""]
    for c, value in enumerate(example, 2):
        ws.cell(10, c, value)
    for letter, fmt in {"C": "@", "E": "0", "H": "0.0000", "I": "0.00"}.items():
        ws[f"{letter}10"].number_format = fmt
    ws["B11"] = "合计"
    ws["H11"] = 1.2345
    ws["I11"] = 12.5
    ws.column_dimensions["K"].hidden = True
    _list(ws, '"是,否"', "J10:J3000")
    ws.protection.sheet = True
    path = _path(folder, name)
    wb.save(path)
    return path


def bilingual_ledgers(folder, name: str = "ledgers_台账.xlsx") -> Path:
    """"Purchases 采购" (a title, one header row in both languages, the unit
    in brackets: "数量 Quantity (t) *") and "Sales 销售" (a two-level header
    whose upper level is bilingual too: 客户 Customer over 名称 Name*, 类型 Type,
    信用代码 USCC; 产品 Product over 名称 Name*, 批号 Batch, 数量 Quantity (kg)*),
    drop-downs on a hidden sheet "codes" (01-境内企业 …, Y/N), then an
    instructions sheet."""
    wb = Workbook()
    buy = wb.active
    buy.title = "Purchases 采购"
    buy["A1"] = "采购台账 Purchase ledger"
    buy.merge_cells("A1:H1")
    heads = ["序号 No.", "日期 Date *", "供应商 Supplier *", "供应商信用代码 Supplier USCC",
             "原料 Material *", "批号 Lot No.", "数量 Quantity (t) *", "金额 Amount (元)"]
    for c, text in enumerate(heads, 1):
        buy.cell(2, c, text)
    buy["B3"].number_format = "yyyy-mm-dd"
    buy["G3"].number_format = "0.000000"
    sell = wb.create_sheet("Sales 销售")
    sell["A1"] = "销售台账 Sales ledger"
    sell.merge_cells("A1:I1")
    for letter, text in {"A": "序号", "B": "日期 Date*", "C": "客户 Customer", "F": "产品 Product",
                         "I": "出口 Export"}.items():
        sell[f"{letter}2"] = text
    for letter in "ABI":
        sell.merge_cells(f"{letter}2:{letter}3")
    sell.merge_cells("C2:E2")
    sell.merge_cells("F2:H2")
    for letter, text in {"C": "名称 Name*", "D": "类型 Type", "E": "信用代码 USCC", "F": "名称 Name*",
                         "G": "批号 Batch", "H": "数量 Quantity (kg)*"}.items():
        sell[f"{letter}3"] = text
    codes = wb.create_sheet("codes")
    codes.sheet_state = "hidden"
    for r, text in enumerate(["01-境内企业", "02-境外企业", "03-个体工商户", "04-其他组织"], 1):
        codes.cell(r, 1, text)
    codes["C1"], codes["C2"] = "Y", "N"
    _list(sell, "codes!$A$1:$A$4", "D4:D5000")
    _list(sell, "codes!$C$1:$C$2", "I4:I5000")
    notes = wb.create_sheet("Instructions 说明")
    notes["A1"] = "Fill in monthly 每月填报"
    path = _path(folder, name)
    wb.save(path)
    return path


def shared_strings_form(folder, name: str = "流向表（共享字符串）.xlsx") -> Path:
    """Written by xlsxwriter as Excel, WPS and LibreOffice save (the texts in
    sharedStrings, not inline): a two-level header whose parent names the
    buyer in the form's own words (购货单位 over 名称*, 类型, 社会信用代码), the
    goods (产品 over 名称*, 重量（千克）*), 是否出口 merged down; an example row
    with the date as text and the credit code as a number; drop-downs on a
    hidden sheet "代码" and an inline 是/否 list; an instructions sheet."""
    import xlsxwriter

    path = _path(folder, name)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("流向")
    head = wb.add_format({"bold": True, "text_wrap": True, "border": 1})
    ws.merge_range("A1:H1", "稀土产品流向表", wb.add_format({"bold": True, "align": "center"}))
    ws.write("A2", "填报单位：")
    ws.merge_range("A3:A4", "序号", head)
    ws.merge_range("B3:B4", "日期*", head)
    ws.merge_range("C3:E3", "购货单位", head)
    ws.merge_range("F3:G3", "产品", head)
    ws.merge_range("H3:H4", "是否出口", head)
    for c, text in enumerate(["名称*", "类型", "社会信用代码", "名称*", "重量（千克）*"], 2):
        ws.write(3, c, text, head)
    ws.write_number(4, 0, 1)
    ws.write_string(4, 1, "2026-01-01", wb.add_format({"num_format": "@"}))
    ws.write_string(4, 2, "示例公司")
    ws.write_string(4, 3, "境内企业")
    ws.write_number(4, 4, 911101000000000000, wb.add_format({"num_format": "0"}))
    ws.write_string(4, 5, "钕铁硼")
    ws.write_number(4, 6, 1234.5, wb.add_format({"num_format": "0.000"}))
    ws.write_string(4, 7, "否")
    ws.data_validation("D5:D1000", {"validate": "list", "source": "=代码!$A$1:$A$4"})
    ws.data_validation("H5:H1000", {"validate": "list", "source": ["是", "否"]})
    codes = wb.add_worksheet("代码")
    for r, text in enumerate(["境内企业", "境外企业", "个体工商户", "其他组织"]):
        codes.write_string(r, 0, text)
    codes.hide()
    wb.add_worksheet("填表说明").write_string(0, 0, "说明：重量以千克为单位。")
    wb.close()
    return path


def table_form(folder, name: str = "销售流向（表格）.xlsx") -> Path:
    """The header and two empty rows made an Excel table (A2:G4, as a bureau's
    clerk formats a range "as table"), a title above, the date in 年月日, the
    quantity in tonnes to six places, a filter over spare columns H..J
    and 所属期 in K, the panes frozen under the header."""
    import xlsxwriter

    path = _path(folder, name)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("销售流向")
    ws.write("A1", "销售流向表")
    heads = ["序号", "销售日期*", "客户名称*", "统一社会信用代码", "产品名称*", "数量(吨)*", "金额(万元)"]
    ws.add_table("A2:G4", {"columns": [{"header": h} for h in heads]})
    for c, text in enumerate(["备用1", "备用2", "备用3", "所属期"], 7):
        ws.write(1, c, text)
    ws.write_number(2, 0, 1)
    ws.write_datetime(2, 1, datetime(2026, 1, 5), wb.add_format({"num_format": "yyyy年m月d日"}))
    ws.write_number(2, 5, 1.5, wb.add_format({"num_format": "0.000000"}))
    ws.autofilter("H2:K4")
    ws.freeze_panes(2, 0)
    wb.close()
    return path


def formulas_form(folder, name: str = "销售月报（公式）.xlsx") -> Path:
    """Formulas everywhere a bureau's Excel user puts them: 填报日期 =TODAY()
    beside the title (its last value cached as Excel saves it), 序号 =ROW()-2
    and 金额 =E*100 down five pre-formatted rows, a 合计 row of =SUM(),
    a 制表人 line built by a formula under it."""
    import zipfile

    wb = Workbook()
    ws = wb.active
    ws.title = "销售"
    ws["A1"] = "稀土产品销售月报"
    ws["E1"] = "填报日期："
    ws["F1"] = "=TODAY()"
    ws["G1"] = '="制"&"表"'
    for c, text in enumerate(["序号", "销售日期*", "客户名称*", "产品名称*", "数量（千克）*", "金额（元）"], 1):
        ws.cell(2, c, text)
    for r in range(3, 8):
        ws.cell(r, 1, "=ROW()-2")
        ws.cell(r, 6, f"=E{r}*100")
    ws["A8"] = "合计"
    ws["E8"] = "=SUM(E3:E7)"
    ws["F8"] = "=SUM(F3:F7)"
    ws["A10"] = '="制表人："&""'
    plain = _path(folder, "plain.xlsx")
    wb.save(plain)
    # as Excel saves it: the value each formula last showed kept beside it
    path = _path(folder, name)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>TODAY()</f><v></v>", b"<f>TODAY()</f><v>46023</v>")
                data = data.replace(b"<f>TODAY()</f><v />", b"<f>TODAY()</f><v>46023</v>")
                data = re.sub(rb'<c r="G1"[^>]*>(<f>[^<]*</f>)<v ?/?>(?:</v>)?',
                              rb'<c r="G1" t="str">\1<v>=2+2</v>', data)
            zout.writestr(item, data)
    plain.unlink()
    return path


def numeric_codes(folder, name: str = "流向表（代码）.xlsx") -> Path:
    """Drop-downs of bare numbers: 客户类型代码 1..4 (what they mean said only on
    the instructions sheet) and 是否出口(1是0否) 1/0; 重量(吨) with no number
    format in the sample."""
    wb = Workbook()
    ws = wb.active
    ws.title = "流向"
    ws["A1"] = "流向表"
    for c, text in enumerate(["序号", "日期", "客户名称", "客户类型代码", "是否出口(1是0否)", "重量(吨)"], 1):
        ws.cell(2, c, text)
    _list(ws, '"1,2,3,4"', "D3:D500")
    _list(ws, '"1,0"', "E3:E500")
    notes = wb.create_sheet("说明")
    notes["A1"] = "客户类型代码：1=境内企业 2=个体工商户 3=境外企业 4=其他组织"
    path = _path(folder, name)
    wb.save(path)
    return path


def unit_unsaid(folder, name: str = "销售台账（无单位）.xlsx") -> Path:
    """A sales sheet whose 销售数量 and 金额 say no unit, nor does any line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "销售"
    ws.append(["序号", "销售日期", "客户名称", "产品名称", "销售数量", "金额"])
    path = _path(folder, name)
    wb.save(path)
    return path
