"""Exporting into an authority's own sample workbook (a template of layout
"sample"): each value at the sample's letter, under its title and two-level
header, in its unit and codes; the sample's instruction sheet, styles,
widths and drop-downs kept; read back by openpyxl and python-calamine."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from magdesk.cli import main
from magdesk.filing.template import TemplateError, parse_template
from magdesk.storage import open_database

PERIOD = "2026-06"
INSTRUCTIONS = ["填表说明", "1. 带*为必填项。", "2. 数量单位为吨，金额单位为万元。", "3. 客户类型从下拉列表选择。"]


def make_sample(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "产品流向"
    ws["A1"] = "稀土产品流向月报表"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报单位："
    ws["F2"] = "所属期："
    heads = {"A3": "序号", "B3": "销售日期*", "C3": "客户信息", "F3": "产品信息", "I3": "备注",
             "C4": "客户名称*", "D4": "客户类型", "E4": "统一社会信用代码", "F4": "产品名称*",
             "G4": "数量（吨）*", "H4": "金额（万元）"}
    for ref, text in heads.items():
        ws[ref] = text
        ws[ref].font = Font(bold=True)
        ws[ref].fill = PatternFill("solid", fgColor="FFC000")
    for area in ("A3:A4", "B3:B4", "C3:E3", "F3:H3", "I3:I4"):
        ws.merge_cells(area)
    example = ["示例", "2026/1/5", "某某磁业有限公司", "1-境内企业", "91110000MA01234567",
               "烧结钕铁硼磁体", 1.5, 12.3, ""]
    for col, value in enumerate(example, 1):
        ws.cell(5, col, value)
    ws["B5"].number_format = "yyyy/m/d"
    ws["G5"].number_format = "0.0000"
    ws["H5"].number_format = "0.00"
    ws["G5"].font = Font(color="0000FF")
    ws.column_dimensions["C"].width = 34
    types = DataValidation(type="list", formula1='"1-境内企业,2-个体工商户,3-境外企业,4-其他组织"')
    types.add("D5:D200")
    ws.add_data_validation(types)
    notes = wb.create_sheet("填表说明")
    for r, line in enumerate(INSTRUCTIONS, 1):
        notes.cell(r, 1, line)
    wb.save(path)
    return path


TOML = """
[template]
id = "省局流向表"
version = 1
name = "稀土产品流向月报表"
file_name = "{uscc}_{period}_流向月报{suffix}.xlsx"
layout = "sample"
sample_name = "sample.xlsx"
sample_sha256 = "%s"

[[sheet]]
name = "产品流向"
source = "sales"
key = ["doc_no"]
header_rows = [3, 4]
first_row = 5
columns = [
  { column = "A", header = "序号", field = "seq", kind = "seq" },
  { column = "B", header = "销售日期*", field = "date", kind = "date", format = "yyyy/m/d", required = true },
  { column = "C", header = "客户名称*", field = "customer_name", kind = "text", required = true },
  { column = "D", header = "客户类型", field = "customer_cp_type", kind = "enum", enum = "CpType", codes = { DOMESTIC_ENTERPRISE = "1-境内企业", INDIVIDUAL_BUSINESS = "2-个体工商户", FOREIGN = "3-境外企业", OTHER_ORG = "4-其他组织" } },
  { column = "E", header = "统一社会信用代码", field = "customer_uscc", kind = "text" },
  { column = "F", header = "产品名称*", field = "product_name", kind = "text", required = true },
  { column = "G", header = "数量（吨）*", field = "qty_g", kind = "mass", unit = "t", format = "0.0000", required = true },
  { column = "H", header = "金额（万元）", field = "amount_fen", kind = "money", unit = "万元", format = "0.00" },
  { column = "I", header = "备注", derive = "period_zh" },
]
"""


def write_template(folder: Path, toml: str = TOML) -> Path:
    import hashlib

    sample = make_sample(folder / "sample.xlsx")
    path = folder / "省局流向表.toml"
    path.write_text(toml % hashlib.sha256(sample.read_bytes()).hexdigest(), encoding="utf-8")
    return path


def sales(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT s.date, c.name_cn, c.cp_type, c.uscc, p.name_cn, s.qty_g, s.amount_fen "
        "FROM sale_out s JOIN counterparty c ON c.id = s.customer_id "
        "JOIN product p ON p.id = s.product_id WHERE s.date LIKE ? ORDER BY s.date, s.doc_no",
        (f"{PERIOD}%",)).fetchall()
    conn.close()
    return rows


@pytest.fixture
def exported(demo_copy, tmp_path):
    template = write_template(tmp_path)
    out = tmp_path / "out"
    assert main(["export", "--db", str(demo_copy), "--period", PERIOD, "--out", str(out),
                 "--template", str(template)]) == 0
    files = list(out.glob("*.xlsx"))
    assert len(files) == 1 and "流向月报" in files[0].name
    return demo_copy, files[0]


def test_every_value_sits_where_the_sample_says(exported):
    db_path, book = exported
    expected = sales(db_path)
    assert expected, "the demo month has sales"
    ws = openpyxl.load_workbook(book)["产品流向"]
    # the sample's title, reporter line and two-level header stay as they were
    assert ws["A1"].value == "稀土产品流向月报表" and "A1:I1" in map(str, ws.merged_cells.ranges)
    assert ws["C3"].value == "客户信息" and ws["G4"].value == "数量（吨）*"
    assert ws["C4"].fill.fgColor.rgb.endswith("FFC000")
    assert ws.column_dimensions["C"].width == 34
    codes = {"DOMESTIC_ENTERPRISE": "1-境内企业", "INDIVIDUAL_BUSINESS": "2-个体工商户",
             "FOREIGN": "3-境外企业", "OTHER_ORG": "4-其他组织"}
    for n, (day, customer, cp_type, uscc, product, grams, fen) in enumerate(expected, 1):
        r = n + 4
        assert ws.cell(r, 1).value == n
        assert ws.cell(r, 2).value.date().isoformat() == day
        assert ws.cell(r, 2).number_format == "yyyy/m/d"
        assert (ws.cell(r, 3).value, ws.cell(r, 4).value) == (customer, codes[cp_type])
        assert ws.cell(r, 5).value == (uscc or None)
        assert ws.cell(r, 6).value == product
        assert Decimal(repr(ws.cell(r, 7).value)) == Decimal(grams) / 10**6
        assert ws.cell(r, 7).number_format == "0.0000"
        assert ws.cell(r, 7).font.color.rgb.endswith("0000FF")  # the sample's first data row's look
        if fen:
            assert Decimal(repr(ws.cell(r, 8).value)) == Decimal(fen) / 10**6
        assert ws.cell(r, 9).value == "2026年6月"
    assert ws.max_row == len(expected) + 4  # the sample's example row is gone
    assert all(ws.cell(ws.max_row + 1, c).value is None for c in range(1, 10))


def test_calamine_reads_the_same_cells(exported):
    db_path, book = exported
    expected = sales(db_path)
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("产品流向").to_python()
    assert rows[0][0] == "稀土产品流向月报表" and rows[3][2] == "客户名称*"
    data = rows[4:]
    assert len(data) == len(expected)
    for cells, (_day, customer, _t, _u, product, grams, _fen) in zip(data, expected, strict=True):
        assert (cells[2], cells[5]) == (customer, product)
        assert f"{cells[6]:.6f}" == f"{Decimal(grams) / 10**6:.6f}"


def test_the_instruction_sheet_and_drop_downs_are_kept(exported):
    db_path, book = exported
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:2] == ["产品流向", "填表说明"]
    assert [c.value for c in wb["填表说明"]["A"]] == INSTRUCTIONS
    assert {"申报信息", "校验"} <= set(wb.sheetnames)
    [types] = wb["产品流向"].data_validations.dataValidation
    assert types.formula1 == '"1-境内企业,2-个体工商户,3-境外企业,4-其他组织"'
    last = len(sales(db_path)) + 4
    assert str(types.sqref) == f"D5:D{max(200, last)}"
    info = {r[0].value: r[1].value for r in wb["申报信息"].iter_rows(min_row=2)}
    assert info["模板"] == "省局流向表" and info["模板版本"] == "1" and info["产品流向 行数"] == str(len(sales(db_path)))


def test_the_export_is_recorded_and_the_month_can_be_filed(exported, tmp_path):
    """The template is recorded so that filing finds it again (its data checksum agrees)."""
    db_path, book = exported
    db = open_database(db_path)
    try:
        record = db.conn.execute("SELECT template, file_name FROM filing_export").fetchall()[-1]
        assert tuple(record) == (str(tmp_path / "省局流向表.toml"), book.name)
    finally:
        db.close()
    assert main(["period", "file", "--db", str(db_path), "--period", PERIOD,
                 "--receipt", "R-2026-06-001", "--date", "2026-07-05"]) == 0


def test_a_sample_that_no_longer_matches_is_refused(tmp_path):
    path = write_template(tmp_path)
    (tmp_path / "sample.xlsx").write_bytes((tmp_path / "sample.xlsx").read_bytes() + b"x")
    with pytest.raises(TemplateError, match="no longer matches"):
        from magdesk.filing.resolve import template_file

        template_file(path)


@pytest.mark.parametrize(("change", "said"), [
    ('field = "customer_name"', 'field = "customer_nam"'),
    ('derive = "period_zh"', 'derive = "weather"'),
    ('unit = "t"', 'unit = "lb"'),
    ('{ column = "C", header = "客户名称*", field = "customer_name", kind = "text", required = true }',
     '{ column = "C", header = "客户名称*", required = true }'),
])
def test_a_broken_template_is_refused_naming_sheet_and_column(tmp_path, change, said):
    toml = TOML.replace(change, said)
    assert toml != TOML
    sample = make_sample(tmp_path / "sample.xlsx").read_bytes()
    with pytest.raises(TemplateError) as caught:
        parse_template(toml.replace("%s", ""), "t.toml", sample)
    message = str(caught.value)
    assert "产品流向" in message and "column" in message
    assert "工作表“产品流向”" in caught.value.message("zh") and "列" in caught.value.message("zh")


def test_a_value_without_its_code_refuses_the_export_naming_the_cell(demo_copy, tmp_path,
                                                                   capsys):
    """The authority's list may lack a value the company never has; a month
    that has it is not exported, and the message names sheet, row, column."""
    template = write_template(tmp_path, TOML.replace(', OTHER_ORG = "4-其他组织"', ""))
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE counterparty SET cp_type = 'OTHER_ORG' WHERE id = (SELECT customer_id "
                 "FROM sale_out WHERE date LIKE ? ORDER BY date, doc_no LIMIT 1)", (f"{PERIOD}%",))
    conn.commit()
    conn.close()
    out = tmp_path / "out"
    assert main(["export", "--db", str(demo_copy), "--period", PERIOD,
                 "--out", str(out), "--template", str(template)]) == 1
    said = capsys.readouterr().err
    assert "产品流向" in said and "5" in said and "D" in said and "其他组织" in said, said
    assert not list(out.glob("*.xlsx"))


def make_sample_with_total(path: Path) -> Path:
    """The sample with a 合计 row under its example row, as many bureau forms have."""
    make_sample(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["产品流向"]
    ws["A6"] = "合计"
    ws["G6"] = "=SUM(G5:G5)"
    ws["A6"].font = Font(bold=True)
    wb.save(path)
    return path


def test_a_totals_row_under_the_data_holds_the_exact_sums(demo_copy, tmp_path):
    """Learned from the sample's own 合计 row; written after the last row with the
    sums of the written cells (tonnes and 万元 to their decimals, exact), no
    formula; read back and checked; a tampered total spoils the checksum."""
    import hashlib

    from magdesk import usecases
    from magdesk.filing.readback import XlsxReader, sheet_digest

    sample = make_sample_with_total(tmp_path / "sample.xlsx")
    learned = usecases.learn_template(sample)
    assert (learned.layout.sheets[0].total, learned.layout.sheets[0].total_letter) == ("合计", "A")
    toml = TOML.replace('first_row = 5\n', 'first_row = 5\ntotal = "合计"\ntotal_column = "A"\n')
    template = tmp_path / "省局流向表.toml"
    template.write_text(toml % hashlib.sha256(sample.read_bytes()).hexdigest(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", "--db", str(demo_copy), "--period", PERIOD, "--out", str(out),
                 "--template", str(template)]) == 0
    [book] = out.glob("*.xlsx")
    expected = sales(demo_copy)
    ws = openpyxl.load_workbook(book)["产品流向"]
    last = len(expected) + 5
    assert ws.max_row == last and ws.cell(last, 1).value == "合计"
    assert ws.cell(last, 7).data_type == "n"  # a number, not the sample's formula
    assert Decimal(repr(ws.cell(last, 7).value)) == sum(Decimal(r[5]) for r in expected) / 10**6
    assert Decimal(repr(ws.cell(last, 8).value)).quantize(Decimal("0.000001")) == \
        sum(Decimal(r[6] or 0) for r in expected) / 10**6
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("产品流向").to_python()
    assert rows[last - 1][0] == "合计"

    from magdesk.filing.resolve import template_file

    sheets = template_file(template).sheets
    with XlsxReader(book) as reader:
        good, counts = sheet_digest(reader, sheets)
    assert counts == {"产品流向": len(expected)}
    wb = openpyxl.load_workbook(book)
    wb.save(tmp_path / "same.xlsx")  # saved again untouched: the same checksum
    with XlsxReader(tmp_path / "same.xlsx") as reader:
        assert sheet_digest(reader, sheets)[0] == good
    wb["产品流向"].cell(last, 7).value = float(ws.cell(last, 7).value) + 0.0001
    wb.save(tmp_path / "tampered.xlsx")
    with XlsxReader(tmp_path / "tampered.xlsx") as reader:
        assert sheet_digest(reader, sheets)[0] != good
