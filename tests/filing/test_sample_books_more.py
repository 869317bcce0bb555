"""The authority's templates drawn otherwise (sample_books_more): learned,
mapped by the use cases as the window maps them, kept in a demo file,
exported for a month, and read back with openpyxl and python-calamine."""

import sqlite3
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk import usecases
from magdesk.cli import main
from magdesk.filing.learn import _stated_units, _text, _unit_and_label
from magdesk.storage import open_database

from .sample_books_more import (
    bilingual_ledgers,
    formulas_form,
    numeric_codes,
    offset_sheet,
    shared_strings_form,
    table_form,
    unit_unsaid,
)

PERIOD = "2026-06"


def _suggested(learned, sheet):
    found = next(s for s in learned.suggestions if s.sheet == sheet)
    return {c.letter: (c.target, c.unit, c.confidence) for c in found.columns}


def _export(db_path, learned, name, out):
    template = learned.draft(name)
    assert not [p for p in learned.problems(template) if p.blocking]
    db = open_database(db_path)
    try:
        changes = usecases.save_learned(db, template, make_default=True)
        assert changes.failure is None
    finally:
        db.close()
    assert main(["export", "--db", str(db_path), "--period", PERIOD, "--out", str(out)]) == 0
    [book] = out.glob("*.xlsx")
    return book


def _sales(db_path):
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT s.date, c.uscc, s.qty_g, s.amount_fen FROM sale_out s "
        "JOIN counterparty c ON c.id = s.customer_id WHERE s.date LIKE ? "
        "ORDER BY s.date, s.doc_no", (f"{PERIOD}%",)).fetchall()
    conn.close()
    return rows


def test_headers_broken_over_lines_read_as_one_line():
    assert _text("销售日期\nDate*") == "销售日期 Date*"
    assert _text("客户\n名称") == "客户名称"
    assert _text("序号\r\nNo.") == "序号 No."


@pytest.mark.parametrize(("header", "unit", "label"), [
    ("重量\nkg", "kg", "重量"), ("金额\n万元", "万元", "金额"), ("数量\n吨*", "t", "数量"),
    ("数量\n(t)", "t", "数量"), ("客户\n名称", "", "客户名称"), ("Net weight\nkg", "kg", "Net weight"),
])
def test_a_unit_on_the_header_s_second_line_is_its_unit(header, unit, label):
    assert _unit_and_label(_text(header), frozenset("*")) == (unit, label)


@pytest.mark.parametrize(("line", "units"), [
    ("单位：数量为吨(t)，金额为万元", ("t", "万元")),
    ("单位：吨(t)", ("t", "")),
    ("重量单位为千克，金额为元", ("kg", "元")),
    ("数量：1.5吨", ("", "")),
    ("数量为整数", ("", "")),
    ("单位：吨、万元", ("t", "万元")),
    ("计量单位：吨      金额单位：万元", ("t", "万元")),
    ("单位：元/千克", ("", "")),  # a price's unit says neither
])
def test_units_stated_for_each_quantity_in_one_line(line, units):
    assert _stated_units([line]) == units


def test_a_table_from_column_b_with_bilingual_headers_is_learned_whole(tmp_path):
    learned = usecases.learn_template(offset_sheet(tmp_path))
    [sheet] = learned.layout.sheets
    assert (sheet.header_rows, sheet.first_row, sheet.total, sheet.total_letter) == \
        ((8,), 10, "合计", "B")
    assert (sheet.mass_unit, sheet.money_unit) == ("t", "万元")
    assert _suggested(learned, "销售明细") == {
        "B": ("seq", "", "sure"), "C": ("date", "", "sure"),
        "D": ("customer_name", "", "sure"), "E": ("customer_uscc", "", "sure"),
        "F": ("product_name", "", "sure"), "G": ("grade", "", "sure"),
        "H": ("qty_g", "t", "sure"), "I": ("amount_fen", "万元", "sure"),
        "J": ("is_export", "", "sure"), "K": ("", "", "none")}


def test_a_table_from_column_b_is_exported_in_its_units_dates_and_codes(demo_copy, tmp_path):
    """Dates are real dates even where the sample kept them as text (a text
    format would show 46174); the credit code is text though the sample's is a
    number; tonnes and 万元 exact; the 合计 row, the hidden column, the
    protection and the unit line under the header are the sample's."""
    learned = usecases.learn_template(offset_sheet(tmp_path / "sample"))
    book = _export(demo_copy, learned, "销售流向双语", tmp_path / "out")
    expected = _sales(demo_copy)
    ws = openpyxl.load_workbook(book)["销售明细"]
    assert ws["B9"].value == "单位：数量为吨(t)，金额为万元" and ws["B8"].value == "序号\nNo."
    assert ws.protection.sheet and ws.column_dimensions["K"].hidden
    cal = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("销售明细").to_python()
    for i, (day, uscc, qty_g, amount_fen) in enumerate(expected):
        r = 10 + i
        assert ws.cell(r, 2).value == i + 1
        date_cell = ws.cell(r, 3)
        assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
        assert date_cell.value == datetime.fromisoformat(day)
        assert ws.cell(r, 5).value == (uscc or None)
        assert ws.cell(r, 5).data_type == "s" or not uscc
        assert Decimal(repr(ws.cell(r, 8).value)) == Decimal(qty_g) / 10**6
        assert Decimal(repr(ws.cell(r, 9).value)) == Decimal(amount_fen or 0) / 10**6
        assert cal[r - 1][3] == (uscc or "") and isinstance(cal[r - 1][3], str)
        assert Decimal(repr(cal[r - 1][6])) == Decimal(qty_g) / 10**6
    last = 10 + len(expected)
    assert ws.max_row == last and ws.cell(last, 2).value == "合计"
    assert Decimal(repr(ws.cell(last, 8).value)) == sum(Decimal(q) for _d, _u, q, _a in expected) \
        / 10**6
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_bilingual_two_level_headers_on_two_flow_sheets(tmp_path):
    learned = usecases.learn_template(bilingual_ledgers(tmp_path))
    assert [s.source for s in learned.suggestions] == ["purchases", "sales"]
    buy = _suggested(learned, "Purchases 采购")
    assert {k: v[0] for k, v in buy.items()} == {
        "A": "seq", "B": "date", "C": "supplier_name", "D": "supplier_uscc",
        "E": "product_code", "F": "lot_no", "G": "qty_g", "H": "amount_fen"}
    assert buy["G"][1] == "t"
    sell = _suggested(learned, "Sales 销售")
    assert {k: v[0] for k, v in sell.items()} == {
        "A": "seq", "B": "date", "C": "customer_name", "D": "customer_cp_type",
        "E": "customer_uscc", "F": "product_name", "G": "batch_no", "H": "qty_g",
        "I": "is_export"}
    assert not learned.problems(learned.draft("ledgers"))


def test_bilingual_ledgers_export_with_the_hidden_code_sheet_kept(demo_copy, tmp_path):
    learned = usecases.learn_template(bilingual_ledgers(tmp_path / "sample"))
    book = _export(demo_copy, learned, "ledgers", tmp_path / "out")
    wb = openpyxl.load_workbook(book)
    assert wb["codes"].sheet_state == "hidden"
    assert wb.sheetnames[:4] == ["Purchases 采购", "Sales 销售", "codes", "Instructions 说明"]
    ws = wb["Sales 销售"]
    assert ws["D4"].value in {"01-境内企业", "02-境外企业", "03-个体工商户", "04-其他组织"}
    assert ws["I4"].value in {"Y", "N"}
    conn = sqlite3.connect(demo_copy)
    n = conn.execute("SELECT count(*) FROM purchase_in WHERE date LIKE ?",
                     (f"{PERIOD}%",)).fetchone()[0]
    conn.close()
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Purchases 采购").to_python()
    assert len([r for r in rows[2:] if r[0] != ""]) == n


def test_reading_back_a_header_broken_over_lines_finds_no_difference(demo_copy, tmp_path):
    """The cell's "序号\\nNo." is the template's "序号 No.": a read-back that
    compares the cells does not report the header as changed."""
    from magdesk.filing.readback import XlsxReader, compare_sheet
    from magdesk.filing.sources import source_rows
    from magdesk.storage.filing_store import FilingStore

    learned = usecases.learn_template(offset_sheet(tmp_path / "sample"))
    book = _export(demo_copy, learned, "销售流向双语", tmp_path / "out")
    db = open_database(demo_copy)
    try:
        template = usecases.check_template(db, "销售流向双语")
        [sheet] = template.sheets
        with XlsxReader(book) as reader:
            assert compare_sheet(reader, sheet, source_rows(FilingStore(db), "sales", PERIOD)) == []
    finally:
        db.close()


def test_a_form_in_shared_strings_whose_parent_names_the_buyer(demo_copy, tmp_path):
    """购货单位/名称 is the customer's name, 产品/名称 the product's; learned
    from a book whose texts are shared strings, exported into it."""
    import zipfile

    sample = shared_strings_form(tmp_path / "sample")
    with zipfile.ZipFile(sample) as z:
        assert "xl/sharedStrings.xml" in z.namelist()
    learned = usecases.learn_template(sample)
    assert {k: v[:2] for k, v in _suggested(learned, "流向").items()} == {
        "A": ("seq", ""), "B": ("date", ""), "C": ("customer_name", ""),
        "D": ("customer_cp_type", ""), "E": ("customer_uscc", ""), "F": ("product_name", ""),
        "G": ("qty_g", "kg"), "H": ("is_export", "")}
    template = learned.draft("流向表")
    [day] = [c for c in template.sheets[0].columns if c.field == "date"]
    assert day.format == "" and day.number_format == "yyyy-mm-dd"  # not the sample's "@"
    book = _export(demo_copy, learned, "流向表", tmp_path / "out")
    wb = openpyxl.load_workbook(book)
    ws = wb["流向"]
    assert wb["代码"].sheet_state == "hidden" and wb["填表说明"]["A1"].value == "说明：重量以千克为单位。"
    assert ws["C3"].value == "购货单位" and ws["B5"].is_date
    assert ws["E5"].data_type == "s" and len(ws["E5"].value) == 18
    cal = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("流向").to_python()
    assert cal[4][2] == ws["C5"].value and cal[4][3] in {"境内企业", "境外企业", "个体工商户", "其他组织"}


def test_an_excel_table_on_the_header_holds_the_month_s_rows(demo_copy, tmp_path):
    """The table the sample draws over its header and two empty rows (and its
    filter) reach down to the last row written; 年月日 and tonnes kept."""
    learned = usecases.learn_template(table_form(tmp_path / "sample"))
    assert {k: v[:2] for k, v in _suggested(learned, "销售流向").items()} == {
        "A": ("seq", ""), "B": ("date", ""), "C": ("customer_name", ""),
        "D": ("customer_uscc", ""), "E": ("product_name", ""), "F": ("qty_g", "t"),
        "G": ("amount_fen", "万元"), "H": ("", ""), "I": ("", ""), "J": ("", ""),
        "K": ("@period", "")}
    book = _export(demo_copy, learned, "表格流向", tmp_path / "out")
    n = len(_sales(demo_copy))
    ws = openpyxl.load_workbook(book)["销售流向"]
    assert ws.max_row == 2 + n
    assert dict(ws.tables.items()) == {"Table1": f"A2:G{2 + n}"}
    assert ws.tables["Table1"].autoFilter.ref == f"A2:G{2 + n}"
    assert ws.auto_filter.ref == f"H2:K{2 + n}" and ws.freeze_panes == "A3"
    assert ws["B3"].number_format == "yyyy年m月d日" and ws["K3"].value == PERIOD
    cal = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("销售流向").to_python()
    assert len(cal) == 2 + n and cal[-1][0] == n


def test_no_formula_is_left_in_a_data_sheet_of_the_sample(demo_copy, tmp_path):
    """=TODAY() beside the title becomes the value the sample showed (a date
    serial stays a number; a text that reads like a formula stays text, with
    the quote prefix); the sample's =ROW(), =E*100 and =SUM() rows go with its
    rows; the 合计 row under the month is numbers."""
    learned = usecases.learn_template(formulas_form(tmp_path / "sample"))
    book = _export(demo_copy, learned, "公式月报", tmp_path / "out")
    ws = openpyxl.load_workbook(book)["销售"]
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert ws["F1"].value == 46023 and ws["E1"].value == "填报日期："
    assert ws["G1"].value == "=2+2" and ws["G1"].data_type == "s" and ws["G1"].quotePrefix
    n = len(_sales(demo_copy))
    assert ws.max_row == 3 + n and ws.cell(3 + n, 1).value == "合计"
    cal = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("销售").to_python()
    assert cal[0][5] == 46023 and cal[0][6] == "=2+2"


CODES = {"DOMESTIC_ENTERPRISE": "1", "INDIVIDUAL_BUSINESS": "2", "FOREIGN": "3", "OTHER_ORG": "4"}


def test_bare_number_codes_are_asked_for_then_written_as_text(demo_copy, tmp_path):
    """1/0 under 是否出口 are yes/no; 1..4 under 客户类型代码 cannot be guessed:
    the clerk is told (naming sheet, column and the choices, in zh and en)
    until she gives each value its code, as the window's table does; then the
    codes are written as text, and a tonne column without a format of the
    sample's shows its decimals (1.2005, not 1.201)."""
    learned = usecases.learn_template(numeric_codes(tmp_path / "sample"))
    suggested = next(iter(learned.suggestions))
    assert {c.letter: c.codes for c in suggested.columns}["E"] == {"true": "1", "false": "0"}
    told = [p for p in learned.problems(learned.draft("代码流向")) if p.letter == "D"]
    assert [p.code for p in told] == ["template.no_codes", "template.guess"]
    assert told[0].message("zh") == ("工作表“流向”第 D 列“客户类型代码”：样表的下拉列表只能选“1、2、3、4”，"
                                     "尚未为任何值设定代码；现将写入magdesk的名称，请为每个值选择代码")
    assert "offers only 1, 2, 3, 4" in told[0].message("en")
    choices = {"流向": {"D": usecases.Choice("customer_cp_type", codes=CODES)}}
    template = learned.draft("代码流向", choices)
    assert learned.problems(template, choices) == []
    [weight] = [c for c in template.sheets[0].columns if c.field == "qty_g"]
    assert (weight.unit, weight.number_format) == ("t", "0.000###")
    db = open_database(demo_copy)
    try:
        assert usecases.save_learned(db, template, make_default=True).failure is None
    finally:
        db.close()
    out = tmp_path / "out"
    assert main(["export", "--db", str(demo_copy), "--period", PERIOD, "--out", str(out)]) == 0
    [book] = out.glob("*.xlsx")
    ws = openpyxl.load_workbook(book)["流向"]
    n = len(_sales(demo_copy))
    assert {ws.cell(r, 4).value for r in range(3, 3 + n)} <= set(CODES.values())
    assert {ws.cell(r, 5).value for r in range(3, 3 + n)} <= {"1", "0"}
    assert ws["D3"].data_type == "s" and ws["F3"].number_format == "0.000###"
    cal = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("流向").to_python()
    assert all(isinstance(row[3], str) and row[3] in CODES.values() for row in cal[2:])


def test_a_quantity_whose_unit_the_sample_says_nowhere_is_to_be_confirmed(tmp_path):
    """kg is magdesk's guess for 销售数量 when nothing names a unit: the clerk is
    asked (a tonne form would get 1,000 times the mass); once she chooses, the
    question is gone.  金额 without a unit is 元 without asking."""
    learned = usecases.learn_template(unit_unsaid(tmp_path))
    told = [p for p in learned.problems(learned.draft("无单位")) if p.code == "template.unit_unsaid"]
    assert [(p.letter, p.blocking) for p in told] == [("E", False)]
    assert told[0].message("zh") == "工作表“销售”第 E 列“销售数量”：样表未注明单位，将按 kg 填写，请确认"
    assert told[0].message("en") == ("Sheet '销售', column E '销售数量': the sample does not say "
                                     "its unit; it will be written in kg, please confirm")
    choices = {"销售": {"E": usecases.Choice("qty_g", "t")}}
    template = learned.draft("无单位", choices)
    assert [c.unit for c in template.sheets[0].columns if c.field == "qty_g"] == ["t"]
    assert learned.problems(template, choices) == []
