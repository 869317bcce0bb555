"""Declaration texts: the specification text customs expects per export line
(declaration elements as data per HS code) and the remarks statement on
control, on the demo file, in the filing workbook and in a declaration's
own workbook, read back with openpyxl and python-calamine."""

import sqlite3
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk.cli import main
from magdesk.core.codelists import CodeListError
from magdesk.core.declaration import declaration_text, parse_declaration_elements, shares
from magdesk.filing.declaration import (
    HEADERS,
    SHEET,
    declaration_texts,
    sheet_rows,
    write_declaration_book,
)
from magdesk.resources import load_declaration_elements, resource_path
from magdesk.storage import open_database

PERIOD = "2026-10"
SHIPPED = resource_path("codelists", "declaration_elements.toml").read_text(encoding="utf-8")


def _lines(path, period=PERIOD):
    """The month's export lines with what their texts must say, straight from SQL."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT x.customs_decl_no, x.line_no, x.hs_code, x.controlled, x.control_no, "
        "l.licence_no, l.licence_type, p.nd_pct, p.pr_pct, p.name_cn, p.grade, p.dy_pct, p.tb_pct, p.sm_pct, p.re_total_pct, "
        "p.is_magnetized, s.grade AS sale_grade "
        "FROM export_shipment x JOIN sale_out s ON s.id = x.sale_id "
        "JOIN product p ON p.id = s.product_id "
        "LEFT JOIN export_licence l ON l.id = x.licence_id "
        "WHERE x.decl_date LIKE ? ORDER BY x.decl_date, x.customs_decl_no, x.line_no",
        (f"{period}%",)).fetchall()
    conn.close()
    return rows


def _pct(units):
    return f"{(Decimal(units) / 10000).normalize():f}"


def test_demo_lines_say_product_shares_grade_and_control(demo_copy):
    db = open_database(demo_copy)
    texts = declaration_texts(db, PERIOD)
    expected = _lines(demo_copy)
    assert len(texts) == len(expected) > 0
    assert {bool(r["controlled"]) for r in expected} == {True, False}
    for text, row in zip(texts, expected, strict=True):
        assert (text.decl_no, text.line_no, text.hs_code) == \
            (row["customs_decl_no"], row["line_no"], row["hs_code"])
        parts = text.spec_text.split("|")
        labels = [label for label, _ in text.elements]
        assert labels == ["品名", "用途", "成分含量", "是否磁化", "品牌类型", "出口享惠情况",
                          "牌号/型号"]
        assert parts == [value for _, value in text.elements]
        assert parts[0] == text.name == row["name_cn"]
        assert parts[-1] == (row["sale_grade"] or row["grade"])
        assert parts[3] == ("已磁化" if row["is_magnetized"] else "未磁化")
        assert parts[4] == "无品牌"
        assert parts[5] == "出口货物在最终目的国（地区）不享受优惠关税"
        composition = parts[2]
        for element, column in (("镝", "dy_pct"), ("铽", "tb_pct"), ("钐", "sm_pct")):
            if row[column]:
                assert f"{element}{_pct(row[column])}%" in composition
            else:
                assert element not in composition
        if row["nd_pct"] or row["pr_pct"]:  # the rare earths named: their total not stated
            assert "稀土总量" not in composition
            assert f"钕{_pct(row['nd_pct'])}%" in composition
        else:
            assert f"稀土总量{_pct(row['re_total_pct'])}%" in composition
        if row["controlled"]:
            kind = "通用许可证号" if row["licence_type"] == "GENERAL" else "许可证号"
            assert text.remarks == (f"属于管制物项，管制编码{row['control_no']}，"
                                    f"两用物项出口{kind} {row['licence_no']}")
            assert row["control_no"] and row["licence_no"]
        else:
            assert text.remarks == "不属于管制物项"


def test_one_declaration_by_number(demo_copy):
    db = open_database(demo_copy)
    first = _lines(demo_copy)[0]["customs_decl_no"]
    texts = declaration_texts(db, decl_no=first)
    assert [t.decl_no for t in texts] == [first]
    assert declaration_texts(db, decl_no="000000000000000000") == []


def test_shares_and_the_composition_as_customs_reads_it():
    """Nd, Pr and the rest come from the product's fields, those of today and
    those a product may come to carry; TRE only when neither Nd nor Pr is known."""
    product = SimpleNamespace(
        name_cn="稀土永磁体", category="SINTERED_NDFEB", grade="N42SH", is_magnetized=True,
        nd_pct=221_000, pr_pct=69_000, dy_pct=3_600, tb_pct=0, ho_pct=None, sm_pct=None,
        gd_pct=None, re_total_pct=310_000)
    assert shares(product) == [("nd", Decimal("22.1")), ("pr", Decimal("6.9")),
                               ("dy", Decimal("0.36")), ("tre", Decimal("31"))]
    line = SimpleNamespace(customs_decl_no="310120260000000001", line_no=2,
                           hs_code="8505111000", end_use="INDUSTRIAL_MOTOR", controlled=True,
                           control_no="1C905.a.4")
    licence = SimpleNamespace(licence_no="LX2026000076", licence_type="INDIVIDUAL")
    text = declaration_text(load_declaration_elements(), line, product, licence=licence)
    assert text.spec_text == ("稀土永磁体|工业电机用|钕22.1% 镨6.9% 镝0.36% 铁余量|已磁化|无品牌|"
                              "出口货物在最终目的国（地区）不享受优惠关税|N42SH")
    assert text.remarks == "属于管制物项，管制编码1C905.a.4，两用物项出口许可证号 LX2026000076"
    general = SimpleNamespace(licence_no="TX2026000001", licence_type="GENERAL")
    assert "通用许可证号 TX2026000001" in declaration_text(
        load_declaration_elements(), line, product, licence=general).remarks
    assert "未取得" in declaration_text(load_declaration_elements(), line, product).remarks
    bare = SimpleNamespace(name_cn="钕铁硼磁体", category="SINTERED_NDFEB", grade="N35",
                           dy_pct=0, tb_pct=0, re_total_pct=305_000)
    assert load_declaration_elements().composition(bare) == "稀土总量30.5% 铁余量"


def test_the_balance_is_not_an_element_already_stated():
    """SmCo whose cobalt is stated: the rest is not "钴余量" again."""
    smco = SimpleNamespace(name_cn="钐钴磁体", category="SMCO", grade="YXG28H",
                           sm_pct=250_000, co_pct=500_000, re_total_pct=255_000)
    said = load_declaration_elements().composition(smco)
    assert said.startswith("钐25% 钴50%") and said.count("钴") == 1
    assert said.endswith("其他余量")
    sm_only = SimpleNamespace(name_cn="钐钴磁体", category="SMCO", grade="YX20",
                              sm_pct=360_000, re_total_pct=360_000)
    assert load_declaration_elements().composition(sm_only) == "钐36% 稀土总量36% 钴余量"


def test_an_element_added_as_data_without_code(demo_copy):
    """A test data file with an extra 禁限标识代码 element, and a metal group of
    its own: the texts follow the file."""
    extra = SHIPPED.replace(
        '  { label = "牌号/型号", source = "grade" },\n]',
        '  { label = "牌号/型号", source = "grade" },\n'
        '  { label = "禁限标识代码", source = "fixed", value = "0" },\n]', 1)
    assert extra != SHIPPED
    elements = parse_declaration_elements(extra, "test.toml")
    db = open_database(demo_copy)
    texts = declaration_texts(db, PERIOD, elements=elements)
    shipped = declaration_texts(db, PERIOD)
    assert texts and all(t.elements[-1] == ("禁限标识代码", "0") for t in texts)
    assert all(t.spec_text == s.spec_text + "|0" for t, s in zip(texts, shipped, strict=True))
    assert elements.group_for("8505111000").name == "永磁体"
    assert elements.group_for("2805301200").name == "稀土金属"
    assert elements.group_for("7202999900").name == "稀土合金"
    assert elements.group_for("9999999999").name == "其他"


@pytest.mark.parametrize("change, message", [
    (('source = "grade"', 'source = "colour"'), "unknown source 'colour'"),
    (('default = "无品牌"', 'default = "名牌"'), "not among its choices"),
    (('codes = ["2846"]', 'codes = ["28x6"]'), "codes must be"),
])
def test_a_malformed_data_file_is_refused_naming_the_entry(change, message):
    with pytest.raises(CodeListError, match=message):
        parse_declaration_elements(SHIPPED.replace(*change, 1), "bad.toml")


def test_brand_type_and_preference_from_the_files_settings(demo_copy):
    conn = sqlite3.connect(demo_copy)
    conn.executemany("INSERT INTO file_setting (key, value) VALUES (?, ?)", [
        ("declaration.brand_type", "境内自主品牌"),
        ("declaration.export_preference", "不是选项之一")])
    conn.commit()
    conn.close()
    text = declaration_texts(open_database(demo_copy), PERIOD)[0]
    values = dict(text.elements)
    assert values["品牌类型"] == "境内自主品牌"
    assert values["出口享惠情况"] == "出口货物在最终目的国（地区）不享受优惠关税"  # the default


def test_filing_workbook_has_the_sheet_after_the_others(demo_copy, tmp_path):
    assert main(["export", "--db", str(demo_copy), "--period", PERIOD, "--out",
                 str(tmp_path), "--draft"]) == 0
    (path,) = tmp_path.glob("*.xlsx")
    expected = [[r["customs_decl_no"], str(r["line_no"]), r["hs_code"], r["name_cn"]]
                for r in _lines(demo_copy)]
    wanted = sheet_rows(declaration_texts(open_database(demo_copy), PERIOD))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == SHEET and wb.sheetnames.index("校验") < wb.sheetnames.index(SHEET)
    rows = [[c if c is not None else "" for c in row] for row in wb[SHEET].iter_rows(values_only=True)]
    calamine = CalamineWorkbook.from_path(path).get_sheet_by_name(SHEET).to_python()
    for got in (rows, [[str(c) for c in row] for row in calamine]):
        assert got[0] == HEADERS
        assert got[1:] == wanted
        assert [r[:4] for r in got[1:]] == expected
    remarks = [r[5] for r in rows[1:]]
    assert any(r.startswith("属于管制物项") for r in remarks)
    assert "不属于管制物项" in remarks


def test_declaration_workbook_one_sheet_per_declaration(demo_copy, tmp_path):
    texts = declaration_texts(open_database(demo_copy), PERIOD)
    out = tmp_path / "out"
    out.mkdir()
    path = write_declaration_book(out / "decl.xlsx", texts[:3])
    assert [p.name for p in out.iterdir()] == ["decl.xlsx"]  # nothing left aside
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [t.decl_no for t in texts[:3]]
    for t in texts[:3]:
        for rows in ([list(r) for r in wb[t.decl_no].iter_rows(values_only=True)],
                     CalamineWorkbook.from_path(path).get_sheet_by_name(t.decl_no).to_python()):
            assert rows[0][:5] == ["项号", "商品编号", "商品名称", "规格型号(申报要素)", "备注"]
            assert rows[0][5:] == [label for label, _ in t.elements]
            assert [str(c) for c in rows[1]] == [str(t.line_no), t.hs_code, t.name, t.spec_text,
                                                 t.remarks, *(v for _, v in t.elements)]
