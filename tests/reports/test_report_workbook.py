"""Any printed summary as an xlsx (reports/workbook.py), read back with
openpyxl and python-calamine: sheet names Excel takes, identifiers as text,
mass and money as numbers with their decimals, widths that fit."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
from python_calamine import CalamineWorkbook

from magdesk.reports import build_report
from magdesk.reports.model import Column, Facts, Paragraph, Report, Row, Section, Table
from magdesk.reports.workbook import sheet_name, write_workbook
from magdesk.storage import open_database


def test_sheet_names_lose_what_excel_refuses_and_stay_unique():
    taken: set[str] = set()
    assert sheet_name("一、出口: 报关/单 [A]*?", taken) == "一、出口  报关 单  A"
    long = "二、" + "很长的标题" * 10
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == len(second) == 31 and first != second and second.endswith("(2)")


def _report() -> Report:
    table = Table("明细 Lines", (Column("单号 No.", "code"), Column("日期 Date", "date"),
                                Column("重量(kg) Mass", "mass"), Column("金额 Amount", "money"),
                                Column("件数", "count")),
                  (Row(("000123", date(2026, 10, 2), 1_234_567, 12_345_678, 7)),
                   Row(("000124", date(2026, 10, 3), 1, None, None))),
                  (Row(("合计", "", 1_234_568, 12_345_678, 7), "total"),))
    return Report("x", "测试表 Test", "2026-10", "某公司", "91330206MA2XXXXX0X",
                  (Section("一、封面 Cover", (Facts("概况", (("报关单号", "012345678901234567"),)),
                                            Paragraph("说明文字"))),
                   Section("二、明细 Lines", (table,))),
                  datetime(2026, 11, 1, tzinfo=UTC), "magdesk test", subject="报关单号 X")


def test_cells_keep_identifiers_as_text_and_numbers_exact(tmp_path):
    path = write_workbook(_report(), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["一、封面 Cover", "二、明细 Lines"]
    cover = book["一、封面 Cover"]
    assert cover["A1"].value == "某公司  测试表 Test" and cover["A1"].font.bold
    facts = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r[0]}
    assert facts["报关单号"] == "012345678901234567" and "说明文字" in facts
    rows = list(book["二、明细 Lines"].iter_rows(values_only=True))
    head = rows.index(("单号 No.", "日期 Date", "重量(kg) Mass", "金额 Amount", "件数"))
    first = rows[head + 1]
    assert first[0] == "000123" and first[1].date() == date(2026, 10, 2)
    assert Decimal(str(first[2])) == Decimal("1234.567") and Decimal(str(first[3])) == Decimal(
        "123456.78")
    lines = book["二、明细 Lines"]
    assert lines.cell(head + 2, 3).number_format == "#,##0.000"
    assert lines.cell(head + 2, 4).number_format == "#,##0.00"
    assert lines.cell(head + 4, 1).font.bold  # the totals row
    assert lines.column_dimensions["A"].width >= len("单号 No.") + 2
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("二、明细 Lines").to_python()
    assert calamine[head + 1][0] == "000123" and calamine[head + 1][2] == 1234.567
    assert not list(tmp_path.glob(".*tmp*"))  # written aside, renamed into place


def test_every_summary_writes_a_workbook(demo_file, tmp_path):
    with open_database(demo_file) as db:
        report = build_report(db, "flow", "2026-10")
    book = openpyxl.load_workbook(write_workbook(report, tmp_path / "flow.xlsx"))
    assert len(book.sheetnames) == len(report.sections)
    assert all(len(n) <= 31 for n in book.sheetnames)
