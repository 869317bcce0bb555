"""The import wizard in the clerk's words: field labels in the findings, a
credit code in the customer column, findings in row order, the words clerks
use for choices (国产, 错 …) taken and listed in the template's notes."""

from datetime import date

import openpyxl

from magdesk import usecases
from magdesk.core.kinds import boolean
from tests.importing.helpers import Demo, query, write_xlsx

from .test_import_wizard import open_wizard

HEAD = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "invoice_no"]


def test_preview_labels_credit_codes_and_rows_in_order(window, qtbot, tmp_path, monkeypatch):
    demo = Demo(window.db.path)
    day = date.fromisoformat(demo.batch_end)
    rows = [HEAD,
            ["WRD-1", day, "没有这家公司", demo.product, demo.batch, "abc", "26330000000000000001"],
            ["WRD-2", day, demo.customer_uscc, demo.product, demo.batch, 1.5,
             "26330000000000000002"],
            ["WRD-3", "不是日期", demo.customer, demo.product, "没有这个批号", 1,
             "26330000000000000003"]]
    path = write_xlsx(tmp_path / "销售.xlsx", rows)
    wiz = open_wizard(window, qtbot, monkeypatch, path)
    for combo, name in zip(wiz.map_page.combos, HEAD, strict=True):
        combo.setCurrentIndex(combo.findData(name))
    wiz.next()
    preview = wiz.preview_page
    assert wiz.currentPage() is preview, wiz.map_page.missing.text()
    qtbot.waitUntil(lambda: preview.ready, timeout=30000)
    assert preview.rows is not None, preview.summary.text()
    problems = preview.problems
    listed = [(problems.item(r, 0).text(), problems.item(r, 1).text(),
               problems.item(r, 2).text()) for r in range(problems.rowCount())]
    assert ("2", "C customer_name", "客户名称") in listed, listed
    assert not any(r == "3" for r, _c, _f in listed), listed  # the credit code resolved
    assert "customer_name" not in [f for _r, _c, f in listed]
    assert "qty_g" not in [f for _r, _c, f in listed]
    assert [r for r, _c, _f in listed] == sorted(r for r, _c, _f in listed)

    wiz.next()
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    dry = wiz.dry_page.problems
    shown = [(int(dry.item(r, 0).text() or 0), dry.item(r, 1).text()[:1])
             for r in range(dry.rowCount())]
    assert shown == sorted(shown) and {2, 4} <= {r for r, _c in shown}, shown
    assert not any(r == 3 and c == "C" for r, c in shown)


def test_choice_columns_take_the_clerks_words_listed_in_the_template(window, qtbot, tmp_path):
    demo = Demo(window.db.path)
    head = ["入库单号", "入库日期", "供应商", "物料编码", "批号", "数量(kg)", "发票号码", "采购来源"]
    day = date.fromisoformat(demo.batch_end)
    rows = [head, ["RK-W-1", day, demo.supplier_uscc, demo.raw, "L-W-1", 100,
                   "26330000000000000011", "国产"]]
    result = usecases.import_file(window.db, "purchases", write_xlsx(tmp_path / "p.xlsx", rows))
    assert result.status == "imported", [f.message("zh") for f in result.findings]
    assert query(window.db.path, "SELECT origin FROM purchase_in WHERE doc_no = 'RK-W-1'") == [
        ("DOMESTIC",)]
    assert [boolean.parse(w) for w in ("是", "Y", "√", "对", "否", "N", "×", "错")] == [
        True] * 4 + [False] * 4

    template = usecases.write_import_template("purchases", tmp_path / "采购模板.xlsx")
    notes = openpyxl.load_workbook(template).worksheets[1]
    lines = [[c.value or "" for c in row] for row in notes.iter_rows()]
    assert "也可填写" in lines[0]
    origin = next(line for line in lines if line[0] == "来源")
    assert "国内采购：" in origin[4] and "国产" in origin[4] and "境外" in origin[4]
    products = usecases.write_import_template("products", tmp_path / "产品模板.xlsx")
    notes = openpyxl.load_workbook(products).worksheets[1]
    magnetised = next([c.value or "" for c in row] for row in notes.iter_rows()
                      if row[0].value == "是否充磁")
    assert "√" in magnetised[4] and "错" in magnetised[4]
