"""File ▸ Import as a clerk uses it: the wizard on a real file and a real
database, the mapping chosen by hand, the preview, the dry run in the
background, the error report, the import, and Edit ▸ Undo of all of it."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from magdesk import usecases
from magdesk.importing.mapping import remembered_choice
from tests.importing.helpers import Demo, query, write_xlsx

from .conftest import wait_for_tasks

HEAD = ["单据", "日子", "对方", "料", "批", "斤两", "票"]
NAMES = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "invoice_no"]


def ledger(demo, n=3, bad_row=None):
    day = date.fromisoformat(demo.batch_end)
    rows = [["销售台账"], HEAD]
    for i in range(1, n + 1):
        rows.append([f"WIZ-{i:04d}", day, demo.customer, demo.product, demo.batch,
                     "abc" if i == bad_row else 2 + i / 4, f"2633{i:016d}"])
    return rows


def open_wizard(window, qtbot, monkeypatch, path: Path, kind_index=4):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_action.trigger()
    wiz = window.imports.wizard
    wiz.choose.kind.setCurrentIndex(kind_index)
    qtbot.mouseClick(wiz.choose.browse_button, Qt.MouseButton.LeftButton)
    assert wiz.choose.path.text() == str(path)
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    window.import_action.trigger()
    assert window.imports.wizard is wiz  # one import at a time: the open wizard is raised
    wiz.next()  # reads the file in the background, then moves on
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.map_page, timeout=30000)
    return wiz


def test_the_wizard_maps_previews_checks_imports_and_undoes(window, qtbot, tmp_path,
                                                           monkeypatch):
    demo = Demo(window.db.path)
    path = write_xlsx(tmp_path / "台账.xlsx", ledger(demo, 3, bad_row=2))
    wiz = open_wizard(window, qtbot, monkeypatch, path)
    page = wiz.map_page
    assert "未能识别" in page.found.text()  # nothing known in these headers
    page.header_row.setValue(2)  # the clerk points at the header row
    assert [page.table.item(r, 1).text() for r in range(page.table.rowCount())] == HEAD
    assert [page.table.item(r, 2).text() for r in range(3)] == ["WIZ-0001",
                                                                demo.batch_end, demo.customer]
    assert "出库单号" in page.missing.text() and "生产批号" in page.missing.text()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    for combo, name in zip(page.combos, NAMES, strict=True):
        combo.setCurrentIndex(combo.findData(name))
    assert page.missing.text() == ""
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()

    wiz.next()
    preview = wiz.preview_page
    assert wiz.currentPage() is preview
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()  # still reading
    qtbot.waitUntil(lambda: preview.rows is not None, timeout=30000)
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    rows = preview.table
    assert [rows.verticalHeaderItem(r).text() for r in range(rows.rowCount())] == ["3", "4", "5"]
    assert rows.item(0, 5).text() == "2.250 kg"  # as it will be read
    bad = rows.item(1, 5)
    assert bad.text() == "abc" and bad.background().color().name() == "#ffd9d9"
    assert "数" in bad.toolTip()  # the message, in Chinese
    assert rows.item(0, 5).background().color().name() != "#ffd9d9"
    problems = preview.problems
    assert (problems.item(0, 0).text(), problems.item(0, 1).text(),
            problems.item(0, 2).text()) == ("4", "F 斤两", "重量(kg)")

    wiz.next()
    dry = wiz.dry_page
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    assert wiz.dry_result.status == "rejected" and wiz.dry_result.errors == 1
    assert "错误 1 个" in dry.status.text()
    assert not wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    report = tmp_path / "报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    dry.report_button.click()
    qtbot.waitUntil(lambda: dry.report == report, timeout=30000)
    import openpyxl

    book = openpyxl.load_workbook(report)
    assert "导入问题" in book.sheetnames
    assert any("错误说明" == c.value for c in book.worksheets[0][2])
    assert query(window.db.path, "SELECT count(*) FROM sale_out WHERE doc_no LIKE 'WIZ-%'") \
        == [(0,)]  # nothing written yet

    write_xlsx(path, ledger(demo, 3))  # the clerk corrects the file
    dry.again.click()
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    assert (wiz.dry_result.status, wiz.dry_result.inserted) == ("dry_run", 3)
    assert wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    before = window.repo.count("sale")
    wiz.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.imports.last is not None, timeout=30000)
    assert window.imports.last.status == "imported"
    assert query(window.db.path, "SELECT doc_no, qty_g FROM sale_out WHERE doc_no LIKE 'WIZ-%' "
                                 "ORDER BY doc_no") == [("WIZ-0001", 2250), ("WIZ-0002", 2500),
                                                        ("WIZ-0003", 2750)]
    assert remembered_choice("sales", HEAD) == dict(zip(HEAD, NAMES, strict=True))
    assert not wiz.isVisible()

    assert window.undo_action.text() == "撤销 导入 销售出库（3 行）"
    window.undo_action.trigger()
    assert window.repo.count("sale") == before
    assert window.repo.find("sale", "WIZ-0001") is None
    assert window.redo_action.text() == "重做 导入 销售出库（3 行）"
    window.redo_action.trigger()
    assert window.repo.count("sale") == before + 3
    assert window.repo.find("sale", "WIZ-0003").qty_g == 2750


def test_undo_of_an_import_into_a_month_filed_since_is_refused(window, qtbot, tmp_path,
                                                               monkeypatch):
    demo = Demo(window.db.path)
    path = write_xlsx(tmp_path / "s.xlsx", [HEAD, *ledger(demo, 2)[2:]])
    usecases.import_file(window.db, "sales", path, mapping=dict(zip(HEAD, NAMES, strict=True)))
    wiz = open_wizard(window, qtbot, monkeypatch,
                      write_xlsx(tmp_path / "t.xlsx", [HEAD, *ledger(demo, 3)[4:]]))
    assert "以前导入" in wiz.map_page.found.text()  # the layout is remembered
    assert wiz.map_page.missing.text() == ""
    wiz.next()
    qtbot.waitUntil(lambda: wiz.preview_page.ready, timeout=30000)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    wiz.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.imports.last is not None, timeout=30000)
    assert window.repo.find("sale", "WIZ-0003") is not None
    month = demo.batch_end[:7]
    assert not usecases.export_filing(window.db, month, tmp_path).refused
    usecases.file_period(window.db, month, date.today(), "RC-9")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    step = window.undo_action.text()
    window.undo_action.trigger()
    assert shown and month in shown[0] and "锁定" in shown[0]
    assert window.repo.find("sale", "WIZ-0003") is not None  # nothing changed
    assert window.undo_action.text() == step == "撤销 导入 销售出库（1 行）"
    wait_for_tasks(qtbot, window)


def test_a_file_that_cannot_be_read_is_said_so_on_the_first_page(window, qtbot, tmp_path,
                                                                 monkeypatch):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_action.trigger()
    wiz = window.imports.wizard
    wiz.choose.browse_button.click()
    assert wiz.choose.message.text().startswith("无法读取文件“broken.xlsx”")
    wiz.next()
    qtbot.waitUntil(lambda: not any(t.running for t in wiz.tasks), timeout=30000)
    assert wiz.currentPage() is wiz.choose  # no further
    assert wiz.choose.message.text().startswith("无法读取文件“broken.xlsx”")


def test_the_dry_run_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from tests.importing.helpers import write_csv

    demo = Demo(window.db.path)
    rows = [HEAD] + [[f"WIZ-{i:05d}", demo.batch_end, demo.customer, demo.product, demo.batch,
                      1, f"2633{i:016d}"] for i in range(5000)]
    wiz = open_wizard(window, qtbot, monkeypatch, write_csv(tmp_path / "big.csv", rows))
    wiz.next()
    assert wiz.currentPage() is wiz.map_page  # required columns not mapped: no further
    for combo, name in zip(wiz.map_page.combos, NAMES, strict=True):
        combo.setCurrentIndex(combo.findData(name))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.preview_page.ready, timeout=30000)
    wiz.next()  # the dry run starts
    task = wiz.dry_page.task
    task.dialog.findChild(QPushButton).click()  # its progress dialog's Cancel
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert "已取消" in wiz.dry_page.status.text()
    assert not wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert window.repo.find("sale", "WIZ-00001") is None


def test_a_spreadsheet_bomb_is_said_so_on_the_first_page(window, qtbot, tmp_path, monkeypatch):
    """The window reads files in its own process: a bomb is refused, not read."""
    from tests.importing.bombs import far_cell

    path = far_cell(tmp_path / "far.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_action.trigger()
    wiz = window.imports.wizard
    wiz.choose.browse_button.click()
    assert "XFD1048576" in wiz.choose.message.text() and "200" in wiz.choose.message.text()
    wiz.next()
    qtbot.waitUntil(lambda: not any(t.running for t in wiz.tasks), timeout=30000)
    assert wiz.currentPage() is wiz.choose
    assert not wiz.choose.accept_bad.isVisible()


def test_bad_bytes_are_refused_then_imported_when_the_clerk_accepts_them(window, qtbot, tmp_path,
                                                                         monkeypatch):
    head = "中文名称,英文名称,类型,角色,国家（地区）,地址\n"
    rows = "德国测试公司,German Test GmbH,境外企业,客户,DE,Berlin\n".encode() + b"\xff" \
        + "日本测试株式会社,Japan Test KK,境外企业,客户,JP,Tokyo\n".encode()
    path = tmp_path / "对方.csv"
    path.write_bytes(head.encode() + rows)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_action.trigger()
    wiz = window.imports.wizard
    wiz.choose.kind.setCurrentIndex(0)
    wiz.choose.browse_button.click()
    assert not wiz.choose.accept_bad.isVisibleTo(wiz)
    wiz.next()
    qtbot.waitUntil(lambda: not any(t.running for t in wiz.tasks), timeout=30000)
    assert wiz.currentPage() is wiz.choose
    assert "不是有效的UTF-8文本" in wiz.choose.message.text()
    assert "第3行" in wiz.choose.message.text()
    assert wiz.choose.accept_bad.isVisibleTo(wiz)
    assert wiz.choose.accept_bad.text() == "仍然导入：无效字节替换为替换字符（每个含有替换字符的单元格都列为警告）"
    wiz.choose.accept_bad.setChecked(True)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.map_page, timeout=30000)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.preview_page.ready, timeout=30000)
    problems = wiz.preview_page.problems
    assert any(problems.item(r, 0).text() == "3" and problems.item(r, 1).text().startswith("A")
               for r in range(problems.rowCount()))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    assert [(f.row, f.column) for f in wiz.dry_result.findings
            if f.code == "import.replaced"] == [(3, "A")]
    wiz.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.imports.last is not None, timeout=30000)
    assert window.imports.last.status == "imported" and window.imports.last.inserted == 2
    wait_for_tasks(qtbot, window)
