"""The import wizard's error report that cannot be written is said in the
clerk's language, naming where, and leaves no temporary file."""

from PySide6.QtWidgets import QFileDialog

from tests.importing.helpers import Demo, write_xlsx
from tests.importing.test_import import ledger, sale_rows

from .conftest import wait_for_tasks
from .test_import_wizard import open_wizard


def test_a_report_into_a_folder_is_said_in_chinese(window, qtbot, tmp_path, monkeypatch):
    demo = Demo(window.db.path)
    rows = sale_rows(demo, 2)
    rows[1][7] = "abc"
    wiz = open_wizard(window, qtbot, monkeypatch,
                      write_xlsx(tmp_path / "台账.xlsx", ledger(demo, rows)))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.preview_page.rows is not None, timeout=30000)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.dry_result is not None, timeout=30000)
    folder = tmp_path / "报告.xlsx"
    folder.mkdir()  # a folder where the report was to go
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder), ""))
    dry = wiz.dry_page
    dry.report_button.click()
    qtbot.waitUntil(lambda: "错误报告未写入" in dry.status.text(), timeout=30000)
    assert f"{folder} 是一个文件夹" in dry.status.text() and dry.report is None
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*.tmp"))
    wait_for_tasks(qtbot, window)
