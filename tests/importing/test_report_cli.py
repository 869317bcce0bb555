"""The error report workbook, the import template and the command line."""

import json
from datetime import date

import openpyxl
import pytest

from magdesk.cli import main

from .helpers import dump, query, write_csv, write_xlsx
from .test_import import ledger, sale_rows


def _bad_ledger(demo, tmp_path, suffix="xlsx"):
    rows = sale_rows(demo, 2)
    rows[1][7] = "abc"
    rows[1][10] = "1.23457E+19"
    full = ledger(demo, rows)
    if suffix == "csv":
        for r in full[3:]:
            r[2] = r[2].isoformat()
        return write_csv(tmp_path / "s.csv", full, "gb18030")
    return write_xlsx(tmp_path / "s.xlsx", full, "销售")


@pytest.mark.parametrize("suffix, copy_limit", [("xlsx", 20_000), ("xlsx", 1), ("csv", 20_000)])
def test_report_marks_the_bad_cells_and_explains_the_row(demo, run, tmp_path, suffix, copy_limit,
                                                         monkeypatch):
    monkeypatch.setattr("magdesk.importing.report.COPY_LIMIT", copy_limit)  # 1: streamed
    result = run("sales", _bad_ledger(demo, tmp_path, suffix), report=tmp_path / "report.xlsx")
    assert result.status == "rejected"
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
    ws = wb[result.sheet]
    assert ws["A1"].value == "2026年10月 销售台账"  # a copy of the input
    reason_col = len(ledger(demo, [])[2]) + 1
    assert ws.cell(3, reason_col).value == "错误说明"
    assert ws.cell(4, reason_col).value is None
    text = ws.cell(5, reason_col).value
    assert "第5行 H列“重量(kg)”" in text and "第5行 K列“发票号码”" in text
    assert ws["H5"].fill.fgColor.rgb.endswith("FFC7CE") and ws["K5"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["H4"].fill.fgColor.rgb in (None, "00000000")
    listed = list(wb["导入问题"].iter_rows(min_row=2, values_only=True))
    assert {(r[1], r[2], r[5]) for r in listed} == {(5, "H", "field.not_a_number"),
                                                    (5, "K", "import.mangled_id")}


def test_cli_exit_codes_json_and_report(demo, demo_copy, tmp_path, capsys):
    bad = _bad_ledger(demo, tmp_path)
    before = dump(demo_copy)
    code = main(["--lang", "en", "import", "--db", str(demo_copy), "sales", str(bad), "--json",
                 "--report", str(tmp_path / "r.xlsx")])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["status"] == "rejected" and (tmp_path / "r.xlsx").exists()
    assert {(f["sheet"], f["row"], f["column"], f["code"]) for f in out["findings"]} == {
        ("销售", 5, "H", "field.not_a_number"), ("销售", 5, "K", "import.mangled_id")}
    assert dump(demo_copy) == before
    good = write_xlsx(tmp_path / "g.xlsx", ledger(demo, sale_rows(demo, 2)))
    assert main(["import", "--db", str(demo_copy), "sales", str(good), "--dry-run"]) == 0
    assert dump(demo_copy) == before
    assert main(["--lang", "zh", "import", "--db", str(demo_copy), "sales", str(good)]) == 0
    assert "已导入" in capsys.readouterr().out
    assert len(query(demo_copy, "SELECT 1 FROM sale_out WHERE doc_no LIKE 'IMP-%'")) == 2
    assert main(["import", "--db", str(demo_copy), "sales", str(good)]) == 1  # duplicates
    assert main(["import", "--db", str(demo_copy), "sales", str(good),
                 "--on-duplicate", "skip"]) == 0


def test_cli_usage_problems_exit_2_naming_the_file_sheet_or_column(demo_copy, tmp_path, capsys):
    renamed = tmp_path / "ledger.xlsx"
    renamed.write_text("出库单号,日期\n", encoding="utf-8")
    assert main(["--lang", "en", "import", "--db", str(demo_copy), "sales", str(renamed)]) == 2
    assert "ledger.xlsx" in capsys.readouterr().err
    path = write_xlsx(tmp_path / "s.xlsx", [["出库单号", "销售日期", "重量"]], "台账")
    assert main(["import", "--db", str(demo_copy), "sales", str(path), "--sheet", "X"]) == 2
    assert "台账" in capsys.readouterr().err
    assert main(["--lang", "zh", "import", "--db", str(demo_copy), "sales", str(path)]) == 2
    err = capsys.readouterr().err
    assert "客户名称" in err and "物料编码" in err and "生产批号" in err
    assert main(["import", "--db", str(demo_copy), "sales", str(path), "--map", "nonsense"]) == 2
    capsys.readouterr()
    assert main(["--lang", "en", "import", "--db", str(demo_copy), "sales", str(path),
                 "--map", "重量=weight"]) == 2
    assert "'weight' is not an import column" in capsys.readouterr().err


def test_template_round_trip(demo, demo_copy, tmp_path, capsys):
    template = tmp_path / "t.xlsx"
    assert main(["--lang", "zh", "import-template", "sales", str(template)]) == 0
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["出库单号", "销售日期", "客户名称"] and "生产批号" in headers
    assert ws.column_dimensions["A"].number_format == "@"
    values = {"出库单号": "IMP-0001", "销售日期": date.fromisoformat(demo.batch_end),
              "客户名称": demo.customer, "物料编码": demo.product, "生产批号": demo.batch,
              "重量(kg)": 2, "发票号码": "26330000000000000001"}
    for c, header in enumerate(headers, 1):
        if header in values:
            ws.cell(2, c, values[header])
    wb.save(template)
    assert main(["import", "--db", str(demo_copy), "sales", str(template)]) == 0
    assert query(demo_copy, "SELECT qty_g FROM sale_out WHERE doc_no = 'IMP-0001'") == [(2000,)]
    for kind in ("counterparties", "products", "purchases", "batches", "exports", "licences"):
        assert main(["import-template", kind, str(tmp_path / f"{kind}.xlsx")]) == 0


def test_the_summary_and_the_report_say_what_was_derived(demo, demo_copy, tmp_path, capsys):
    """The ledger has no 牌号 column: each sale takes its batch's grade (core.derive),
    and the summary, --json and the report say so, per rule with its rows."""
    good = write_xlsx(tmp_path / "g.xlsx", ledger(demo, sale_rows(demo, 2)))
    report = tmp_path / "r.xlsx"
    assert main(["--lang", "zh", "import", "--db", str(demo_copy), "sales", str(good),
                 "--dry-run", "--report", str(report)]) == 0
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if x.startswith("[推导]")]
    assert lines, out
    grade = next(x for x in lines if "derive.grade_from_batch" in x)
    assert f"牌号取自生产批次 {demo.batch}：" in grade and grade.endswith("（共 2 行：第 4、5 行）")
    sheet = openpyxl.load_workbook(report)["推导"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert ("牌号", 2, "derive.grade_from_batch") in {r[:3] for r in rows}
    assert main(["--lang", "en", "import", "--db", str(demo_copy), "sales", str(good),
                 "--dry-run", "--json"]) == 0
    derived = json.loads(capsys.readouterr().out)["derived"]
    said = next(d for d in derived if d["rule"] == "derive.grade_from_batch")
    assert said["rows"] == [4, 5] and said["message"].startswith(f"Grade from batch {demo.batch}")
