"""magdesk-cli declaration: the texts of a month or of one declaration,
printed, as JSON, or written to a workbook (one sheet per declaration)."""

import json
import sqlite3

import openpyxl
from python_calamine import CalamineWorkbook

from magdesk.cli import main

PERIOD = "2026-10"


def _lines(path):
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT x.customs_decl_no, x.line_no, x.controlled, x.control_no, "
        "l.licence_no || CASE l.licence_type WHEN 'GENERAL' THEN ' (通用)' ELSE '' END, "
        "p.name_cn, p.grade FROM export_shipment x JOIN sale_out s ON s.id = x.sale_id "
        "JOIN product p ON p.id = s.product_id "
        "LEFT JOIN export_licence l ON l.id = x.licence_id "
        "WHERE x.decl_date LIKE ? ORDER BY x.decl_date, x.customs_decl_no, x.line_no",
        (f"{PERIOD}%",)).fetchall()
    conn.close()
    return rows


def test_json_of_a_month(demo_copy, capsys):
    assert main(["declaration", "--db", str(demo_copy), "--period", PERIOD, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    lines = _lines(demo_copy)
    assert [(g["decl_no"], g["line_no"]) for g in got] == [(r[0], r[1]) for r in lines]
    for g, (_decl, _n, controlled, control_no, licence_no, name, grade) in zip(
            got, lines, strict=True):
        assert g["spec_text"] == "|".join(e["value"] for e in g["elements"])
        assert g["spec_text"].startswith(name + "|") and g["spec_text"].endswith("|" + grade)
        number, general = licence_no.split(" ")[0] if licence_no else "", " (通用)" in (
            licence_no or "")
        kind = "通用许可证号" if general else "许可证号"
        assert g["remarks"] == (f"属于管制物项，管制编码{control_no}，两用物项出口{kind} {number}"
                                if controlled else "不属于管制物项")


def test_printed_in_chinese_and_written_to_a_workbook(demo_copy, tmp_path, capsys):
    decl = next(r[0] for r in _lines(demo_copy) if r[2])
    out = tmp_path / "decl.xlsx"
    assert main(["--lang", "zh", "declaration", "--db", str(demo_copy), "--decl", decl,
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"报关单 {decl} 第 1 项" in printed and "属于管制物项，管制编码" in printed
    assert f"已写入 {out}：1 份报关单，1 项" in printed
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [decl]
    rows = list(wb[decl].iter_rows(values_only=True))
    assert rows[0][:5] == ("项号", "商品编号", "商品名称", "规格型号(申报要素)", "备注")
    assert rows[1][4].startswith("属于管制物项")
    assert CalamineWorkbook.from_path(out).get_sheet_by_name(decl).to_python()[1][4] == rows[1][4]


def test_an_unknown_declaration_is_said_and_writes_nothing(demo_copy, tmp_path, capsys):
    out = tmp_path / "none.xlsx"
    assert main(["--lang", "zh", "declaration", "--db", str(demo_copy), "--decl",
                 "000000000000000000", "--out", str(out)]) == 1
    assert "000000000000000000 没有出口报关明细" in capsys.readouterr().err
    assert not out.exists()


def test_brand_type_kept_in_the_file_and_a_wrong_one_refused(demo_copy, capsys):
    decl = _lines(demo_copy)[0][0]
    assert main(["--lang", "zh", "declaration", "--db", str(demo_copy), "--decl", decl,
                 "--brand-type", "名牌"]) == 1
    assert "品牌类型不能是“名牌”" in capsys.readouterr().err
    assert main(["declaration", "--db", str(demo_copy), "--decl", decl, "--json",
                 "--brand-type", "境内自主品牌"]) == 0
    (got,) = json.loads(capsys.readouterr().out)
    assert {"label": "品牌类型", "value": "境内自主品牌"} in got["elements"]
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("SELECT value FROM file_setting WHERE key = "
                        "'declaration.brand_type'").fetchone() == ("境内自主品牌",)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE record_key = "
                        "'declaration.brand_type'").fetchone()[0] == 1
    conn.close()
    assert main(["declaration", "--db", str(demo_copy), "--decl", decl, "--json",
                 "--brand-type", ""]) == 0  # back to the default
    (got,) = json.loads(capsys.readouterr().out)
    assert {"label": "品牌类型", "value": "无品牌"} in got["elements"]
