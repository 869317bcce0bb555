"""Learning sample workbooks made like the authority's templates: the data
sheets, header rows and paths, required columns, units, formats, drop-down
lists, and the suggested source, targets, units and codes; broken samples
refused naming the sheet; a large sample learned quickly."""

import hashlib
import time

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk.filing.learn import SampleError, field_kind, learn_sample, suggest
from magdesk.filing.sources import SOURCES
from magdesk.storage import open_database
from magdesk.storage.filing_store import FilingStore

from . import sample_books as books


def _columns(sheet):
    return {c.letter: c for c in sheet.columns}


def _targets(suggestion):
    return {c.letter: (c.target, c.confidence) for c in suggestion.columns}


def _calamine_row(path, sheet, row):
    """Row ``row`` (1-based) as python-calamine reads it, independently of openpyxl."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(
        skip_empty_area=False)
    return [str(v).strip() for v in rows[row - 1]]


# --- the flow sheet: title, reporter line, instruction, two-level merged header ------

def test_the_flow_sheet_is_learned_as_its_header_says(tmp_path):
    path = books.flow_sheet(tmp_path)
    layout = learn_sample(path)
    assert layout.file_name == "稀土产品流向月报表.xlsx"
    assert layout.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert layout.other_sheets == ("填表说明",)
    (sheet,) = layout.sheets
    assert sheet.name == "稀土产品流向"
    assert sheet.title == "稀土产品流向月报表"
    assert sheet.header_rows == (4, 5)
    assert sheet.first_row == 6
    assert sheet.example_rows == 0
    cols = _columns(sheet)
    assert list(cols) == list("ABCDEFGHIJKL")
    assert [c.index for c in sheet.columns] == list(range(12))
    assert cols["A"].path == ("序号",)  # merged down over both header rows
    assert cols["B"].path == ("销售日期*",)
    assert cols["C"].path == ("客户信息", "客户名称*")
    assert cols["E"].path == ("客户信息", "客户类型*")
    assert cols["H"].path == ("产品信息", "数量（吨）*")
    assert cols["K"].path == ("是否出口",)
    assert cols["H"].header == "数量（吨）*"
    assert [cols[x].label for x in "BCDHI"] == ["销售日期", "客户名称", "统一社会信用代码", "数量", "金额"]
    assert {x for x, c in cols.items() if c.required} == set("BCEFH")
    assert (cols["H"].unit, cols["I"].unit, cols["G"].unit) == ("t", "万元", "")
    assert (cols["B"].number_format, cols["H"].number_format, cols["D"].number_format) == (
        "yyyy/m/d", "0.0000", "@")
    assert (cols["B"].kind_hint, cols["H"].kind_hint, cols["D"].kind_hint) == (
        "date", "number", "text")
    assert cols["E"].choices == ("1-境内企业", "2-境外企业", "3-个体工商户")
    assert cols["K"].choices == ("是", "否")
    assert cols["C"].choices == ()
    # the leaf headers are where another reader finds them too
    leaf = _calamine_row(path, "稀土产品流向", 5)
    assert [leaf[c.index] for c in sheet.columns if len(c.path) == 2] == [
        c.header for c in sheet.columns if len(c.path) == 2]


def test_the_flow_sheet_is_suggested_as_sales_with_its_codes_and_units(tmp_path):
    (s,) = suggest(learn_sample(books.flow_sheet(tmp_path)))
    assert (s.sheet, s.source) == ("稀土产品流向", "sales")
    t = _targets(s)
    assert t == {
        "A": ("seq", "sure"), "B": ("date", "sure"), "C": ("customer_name", "sure"),
        "D": ("customer_uscc", "sure"), "E": ("customer_cp_type", "sure"),
        "F": ("product_name", "sure"), "G": ("grade", "sure"), "H": ("qty_g", "sure"),
        "I": ("amount_fen", "sure"), "J": ("batch_no", "sure"), "K": ("is_export", "sure"),
        "L": ("", "none"),
    }
    cols = {c.letter: c for c in s.columns}
    assert (cols["H"].unit, cols["I"].unit, cols["B"].unit) == ("t", "万元", "")
    assert cols["E"].codes == {"DOMESTIC_ENTERPRISE": "1-境内企业", "FOREIGN": "2-境外企业",
                               "INDIVIDUAL_BUSINESS": "3-个体工商户"}
    assert cols["K"].codes == {"true": "是", "false": "否"}
    assert cols["C"].codes == {}
    assert "customer_uscc" in cols["D"].note and "客户信息" in cols["D"].note


def test_plain_customer_types_translate_without_codes(tmp_path):
    (s,) = suggest(learn_sample(books.flow_sheet(tmp_path, codes=False)))
    e = next(c for c in s.columns if c.letter == "E")
    # a member the list lacks gets no code (the template check says so)
    assert e.codes == {"DOMESTIC_ENTERPRISE": "境内企业", "FOREIGN": "境外企业"}


# --- purchases and sales: (必填), a note row, units in several spellings ---------------

def test_purchase_and_sales_sheets_with_note_rows_and_examples(tmp_path):
    path = books.purchase_and_sales(tmp_path)
    layout = learn_sample(path)
    assert [s.name for s in layout.sheets] == ["采购", "销售"]
    assert layout.other_sheets == ("代码表",)  # hidden, and the drop-downs' source
    buy, sell = layout.sheets
    assert (buy.title, buy.header_rows, buy.first_row, buy.example_rows) == ("", (1,), 3, 1)
    assert (sell.header_rows, sell.first_row, sell.example_rows) == ((1,), 2, 1)
    b, s = _columns(buy), _columns(sell)
    assert b["G"].header == "采购重量(必填)" and b["G"].label == "采购重量"
    assert b["G"].unit == "kg"  # from the note row's 千克
    assert b["H"].unit == "元"
    assert {x for x, c in b.items() if c.required} == set("BCEG")  # header or note row
    assert not b["D"].required  # 选填 in the note row
    assert b["I"].choices == ("国内采购", "进口")
    assert b["B"].number_format == "yyyy-mm-dd" and b["G"].number_format == "0.000"
    assert b["A"].kind_hint == "text"  # its example cell reads 示例
    assert (s["G"].header, s["G"].label, s["G"].unit) == ("销售数量/kg", "销售数量", "kg")
    assert (s["H"].label, s["H"].unit) == ("净重", "g")
    assert (s["I"].label, s["I"].unit) == ("销售额", "元")
    assert s["J"].label == "出口(是/否)"  # a bracket that is no unit stays
    assert s["J"].choices == ("是", "否")
    assert {x for x, c in s.items() if c.required} == set("BCD")
    assert _calamine_row(path, "销售", 1)[:11] == [c.header for c in sell.columns]


def test_purchase_and_sales_suggestions(tmp_path):
    buy, sell = suggest(learn_sample(books.purchase_and_sales(tmp_path)))
    assert (buy.source, sell.source) == ("purchases", "sales")
    assert _targets(buy) == {
        "A": ("seq", "sure"), "B": ("date", "sure"), "C": ("supplier_name", "sure"),
        "D": ("supplier_uscc", "sure"), "E": ("product_name", "sure"), "F": ("lot_no", "sure"),
        "G": ("qty_g", "sure"), "H": ("amount_fen", "sure"), "I": ("origin", "sure")}
    origin = buy.columns[-1]
    assert origin.codes == {"DOMESTIC": "国内采购", "IMPORT": "进口"}
    t = _targets(sell)
    assert t["C"] == ("customer_name", "sure") and t["D"] == ("customer_uscc", "sure")
    assert t["F"] == ("grade", "sure") and t["K"] == ("contract_no", "sure")
    assert t["J"] == ("is_export", "sure")
    # two mass columns: the first is sure, the second a guess, never both sure
    g, h = sell.columns[6], sell.columns[7]
    assert (g.target, g.confidence, g.unit) == ("qty_g", "sure", "kg")
    assert (h.target, h.confidence, h.unit) == ("qty_g", "guess", "g")
    assert h.alternatives and "already column G" in h.note
    sure = [c.target for s in (buy, sell) for c in s.columns if c.confidence == "sure"]
    for s in (buy, sell):
        fields = [c.target for c in s.columns if c.confidence == "sure"]
        assert len(fields) == len(set(fields))
    assert "qty_g" in sure


# --- English headers, column styles ----------------------------------------------

def test_plain_english_headers(tmp_path):
    layout = learn_sample(books.plain_english(tmp_path))
    (sheet,) = layout.sheets
    assert (sheet.name, sheet.header_rows, sheet.first_row, layout.other_sheets) == (
        "Sales", (1,), 2, ())
    c = _columns(sheet)
    assert [x.label for x in sheet.columns] == [
        "Date", "Customer", "Credit code", "Product", "Grade", "Quantity", "Amount", "Batch No."]
    assert (c["F"].unit, c["G"].unit) == ("kg", "元")
    # no formatted first data cell: the column's own style
    assert (c["A"].number_format, c["F"].number_format, c["B"].number_format) == (
        "dd/mm/yyyy", "#,##0.000", "General")
    assert (c["A"].kind_hint, c["C"].kind_hint, c["B"].kind_hint) == ("date", "text", "")
    assert not any(x.required for x in sheet.columns)
    (s,) = suggest(layout)
    assert s.source == "sales"
    assert [x.target for x in s.columns] == [
        "date", "customer_name", "customer_uscc", "product_name", "grade", "qty_g", "amount_fen",
        "batch_no"]
    assert [x.unit for x in s.columns][5:7] == ["kg", "元"]


# --- other sheet names and order: inventory and exports ---------------------------

def test_stock_and_exports_sheets(tmp_path):
    layout = learn_sample(books.stock_and_exports(tmp_path))
    assert [s.name for s in layout.sheets] == ["库存月报", "出口情况"]
    assert layout.other_sheets == ("说明", "用途代码")
    stock, exports = layout.sheets
    assert (stock.title, stock.header_rows, stock.first_row) == ("稀土产品库存月报", (4, 5), 6)
    s = _columns(stock)
    assert s["E"].path == ("本月增加", "采购入库") and s["H"].path == ("本月减少", "生产领用")
    assert s["D"].path == ("期初结存(吨)",) and s["D"].unit == "t" and s["E"].unit == ""
    x = _columns(exports)
    assert x["F"].choices[0] == "01 新能源汽车驱动电机" and len(x["F"].choices) == 5
    assert x["G"].choices == ("Y-是", "N-否")
    assert {k for k, c in x.items() if c.required} == set("BCDE")
    assert x["H"].unit == "t" and x["I"].label == "货值(美元)"
    inventory, export = suggest(layout)
    assert (inventory.source, export.source) == ("inventory", "exports")
    assert [c.target for c in inventory.columns] == [
        "seq", "product_code", "product_name", "opening_g", "in_purchase", "in_production",
        "out_sales", "out_consumption", "out_loss", "closing_g"]
    # the columns without a unit of their own are in the tonnes the sheet's others state
    assert {c.unit for c in inventory.columns[3:]} == {"t"}
    e = {c.letter: c for c in export.columns}
    assert [e[k].target for k in "BCDEFGHI"] == [
        "customs_decl_no", "decl_date", "destination", "consignee_name", "end_use", "controlled",
        "qty_g", "value_fen"]
    assert e["F"].codes["EV_MOTOR"] == "01 新能源汽车驱动电机"
    assert e["F"].codes["OTHER"] == "05 其他"
    assert "WIND" in e["F"].codes and "MEDICAL" not in e["F"].codes
    assert e["G"].codes == {"true": "Y-是", "false": "N-否"}
    assert e["H"].unit == "t"


def test_a_counterparty_list_with_a_named_code_list(tmp_path):
    layout = learn_sample(books.counterparty_list(tmp_path))
    assert layout.other_sheets == ("字典",)
    c = _columns(layout.sheets[0])
    assert c["C"].choices == ("境内企业", "境外企业", "个体工商户", "其他组织")
    assert c["D"].choices == ("客户", "供应商", "既是客户也是供应商")
    (s,) = suggest(layout)
    assert s.source == "counterparties"
    t = {x.letter: x for x in s.columns}
    assert [t[k].target for k in "BCDEFG"] == [
        "name_cn", "cp_type", "role", "uscc", "country", "address"]
    assert t["C"].codes == {"DOMESTIC_ENTERPRISE": "境内企业", "FOREIGN": "境外企业",
                            "INDIVIDUAL_BUSINESS": "个体工商户", "OTHER_ORG": "其他组织"}
    # 客户及供应商 is said as the authority says it
    assert t["D"].codes == {"CUSTOMER": "客户", "SUPPLIER": "供应商", "BOTH": "既是客户也是供应商"}


def test_a_national_form_with_its_own_marker_and_a_numbering_row(tmp_path):
    layout = learn_sample(books.national_form(tmp_path))
    (sheet,) = layout.sheets
    assert sheet.header_rows == (3, 4)  # not the reporter line above
    assert sheet.first_row == 6  # past the row numbering the columns
    c = _columns(sheet)
    assert c["A"].path == ("序号",) and c["H"].path == ("是否出口",)
    assert c["C"].path == ("购买方", "名称※") and c["E"].path == ("产品", "名称※")
    assert c["G"].header == "重量(公斤)※" and c["G"].unit == "kg" and c["G"].label == "重量"
    assert {k for k, x in c.items() if x.required} == set("BCDEG")  # ※, as the title says
    assert c["B"].kind_hint == "date"
    (s,) = suggest(layout)
    t = _targets(s)
    assert t["C"] == ("customer_name", "sure") and t["E"] == ("product_name", "sure")
    assert t["D"] == ("customer_uscc", "sure") and t["G"] == ("qty_g", "sure")
    assert next(x for x in s.columns if x.letter == "H").codes == {"true": "1.是", "false": "2.否"}


def test_another_bureau_draws_the_flow_sheet_its_own_way(tmp_path):
    layout = learn_sample(books.flow_variant(tmp_path))
    (sheet,) = layout.sheets
    assert sheet.title == "稀土产品流向统计表"  # not the lone 附件1 above it
    assert (sheet.header_rows, sheet.first_row, sheet.example_rows) == ((4, 5), 6, 1)
    assert (sheet.mass_unit, sheet.money_unit) == ("t", "万元")  # stated in the instruction row
    c = _columns(sheet)
    assert list(c) == list("ABCDEFGHIJ")  # the note beside the header is no column
    assert c["J"].header == "出口是/否"  # the line break gone
    assert c["C"].path == ("购买方信息", "名称＊") and c["C"].label == "名称"
    assert {k for k, x in c.items() if x.required} == set("BCFH")
    assert c["H"].unit == "" and c["H"].number_format == "0.0000"
    assert c["I"].kind_hint == "number"  # from its example value
    (s,) = suggest(layout)
    t = {x.letter: x for x in s.columns}
    assert [t[k].target for k in "ABCDEFGHIJ"] == [
        "seq", "date", "customer_name", "customer_uscc", "customer_cp_type", "product_name",
        "grade", "qty_g", "amount_fen", "is_export"]
    assert (t["H"].unit, t["I"].unit) == ("t", "万元")
    assert t["E"].codes == {"DOMESTIC_ENTERPRISE": "境内企业", "FOREIGN": "境外企业",
                            "INDIVIDUAL_BUSINESS": "个体工商户", "OTHER_ORG": "其他"}
    assert t["J"].codes == {"true": "是", "false": "否"}


def test_a_table_of_explanations_is_no_data_sheet(tmp_path):
    layout = learn_sample(books.field_guide(tmp_path))
    assert [s.name for s in layout.sheets] == ["销售明细"]
    assert layout.other_sheets == ("附表",)


def test_an_instruction_under_the_header_is_read_and_skipped(tmp_path):
    layout = learn_sample(books.instruction_under_header(tmp_path))
    (sheet,) = layout.sheets
    assert (sheet.header_rows, sheet.first_row, sheet.money_unit) == ((1,), 3, "万元")
    c = _columns(sheet)
    assert {k for k, x in c.items() if x.required} == set("ABDE")  # ▲, as the line says
    assert [x.label for x in sheet.columns][:2] == ["入库日期", "供应商"]
    assert c["A"].kind_hint == "date" and c["E"].unit == "t"
    (s,) = suggest(layout)
    t = {x.letter: x for x in s.columns}
    assert s.source == "purchases"
    assert [t[k].target for k in "ABCDEFG"] == [
        "date", "supplier_name", "supplier_uscc", "product_name", "qty_g", "amount_fen", "origin"]
    assert (t["E"].unit, t["F"].unit) == ("t", "万元")
    assert t["G"].codes == {"DOMESTIC": "国产", "IMPORT": "进口"}


def test_rows_that_repeat_the_reporter_and_the_month(tmp_path):
    (s,) = suggest(learn_sample(books.per_row_reporter(tmp_path)))
    assert s.source == "exports"
    t = {x.letter: x for x in s.columns}
    assert [(t[k].target, t[k].confidence) for k in "ABCDE"] == [
        ("@period", "sure"), ("@company.name", "sure"), ("@company.uscc", "sure"),
        ("customs_decl_no", "sure"), ("decl_date", "sure")]
    assert (t["F"].target, t["F"].confidence) == ("", "none")  # exports name no product
    assert [(t[k].target, t[k].unit) for k in "GH"] == [("qty_g", "kg"), ("value_fen", "元")]
    assert [t[k].target for k in "IJ"] == ["consignee_name", "destination"]


# --- refused ---------------------------------------------------------------------

@pytest.mark.parametrize("make, sheet", [(books.only_instructions, "填报须知"),
                                         (books.numbers_only, "Sheet1")])
def test_a_sample_without_a_table_is_refused_naming_the_sheet(tmp_path, make, sheet):
    path = make(tmp_path)
    with pytest.raises(SampleError) as caught:
        learn_sample(path)
    assert caught.value.code == "learn.no_table"
    for lang in ("zh", "en"):
        assert sheet in caught.value.message(lang) and path.name in caught.value.message(lang)


def test_not_a_workbook_is_refused(tmp_path):
    csv = tmp_path / "sales.csv"
    csv.write_text("a,b,c\n", encoding="utf-8")
    with pytest.raises(SampleError) as caught:
        learn_sample(csv)
    assert caught.value.code == "learn.not_xlsx" and "sales.csv" in str(caught.value)
    assert "另存为.xlsx" in caught.value.message("zh") and "as .xlsx" in caught.value.message("en")
    with pytest.raises(SampleError) as caught:
        learn_sample(tmp_path / "gone.xlsx")
    assert caught.value.code == "learn.missing" and "gone.xlsx" in caught.value.message("zh")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SampleError) as caught:
        learn_sample(fake)
    assert caught.value.code in ("learn.unreadable", "learn.limit")
    assert "fake.xlsx" in caught.value.message("zh")


def test_a_sample_beyond_the_import_limits_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "客户", "数量"])
    ws.cell(2, 400, "far right")  # beyond the import's 200 columns
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    with pytest.raises(SampleError) as caught:
        learn_sample(path)
    assert caught.value.code == "learn.limit"
    assert "wide.xlsx" in caught.value.message("en") and "Sheet" in caught.value.message("en")


# --- speed -----------------------------------------------------------------------

def test_a_sample_of_20000_filled_rows_is_learned_in_well_under_a_second(tmp_path):
    path = books.flow_sheet(tmp_path, rows=20_000)
    learn_sample(path)  # warm: imports, the vocabulary
    took = []
    for _ in range(3):  # the best of three: the machine is shared
        start = time.perf_counter()
        layout = learn_sample(path)
        took.append(time.perf_counter() - start)
    took = min(took)
    (sheet,) = layout.sheets
    assert sheet.example_rows == 20_000
    assert sheet.header_rows == (4, 5) and sheet.first_row == 6
    assert _columns(sheet)["H"].number_format == "0.0000"
    assert took < 0.8, took


def test_the_kind_of_each_target():
    assert field_kind("sales", "qty_g") == ("mass", "")
    assert field_kind("sales", "amount_fen") == ("money", "")
    assert field_kind("sales", "date") == ("date", "")
    assert field_kind("sales", "is_export") == ("bool", "")
    assert field_kind("sales", "customer_cp_type") == ("enum", "CpType")
    assert field_kind("exports", "end_use") == ("enum", "EndUse")
    assert field_kind("sales", "seq") == ("seq", "")
    assert field_kind("sales", "@period") == ("text", "")


# --- the fields suggested are the rows' own ------------------------------------------

def test_every_source_field_is_a_column_of_its_rows(demo_copy):
    """The fields a column may be mapped to (customer/supplier type included)
    are what the file yields for a month."""
    db = open_database(demo_copy)
    try:
        store = FilingStore(db)
        for source in ("purchases", "batches", "sales", "exports", "counterparties"):
            row = next((r for period in ("2026-06", "2026-07", "2026-08")
                        for r in store.rows(source, period)), None)
            assert row is not None, source
            assert set(row) == set(SOURCES[source]), source
    finally:
        db.close()
