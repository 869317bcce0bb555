"""The window's restore: another company's file is put in place only when
the clerk says Yes to a question naming both companies (No by default)."""

from PySide6.QtWidgets import QMessageBox

from magdesk.gui.flows import restore_point
from magdesk.gui.safety import RestorePoints
from tests.storage.test_identity_points import B, company_file


def _answer(monkeypatch, answer):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text, buttons, default:
                        asked.append((title, text, default)) or answer)
    return asked


def test_another_companys_file_is_asked_about_and_no_leaves_the_file(window, monkeypatch,
                                                                      tmp_path):
    other = company_file(tmp_path / "other", B)
    ours = window.repo.company()
    monkeypatch.setattr(RestorePoints, "ask", classmethod(lambda cls, db, parent=None: other))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    restore_point(window)
    assert len(asked) == 1
    title, text, default = asked[0]
    assert default == QMessageBox.StandardButton.No
    assert B.uscc in text and B.name in text and ours.uscc in text and ours.name in text
    assert "另一家公司" in text and "仍要用它替换当前文件吗？" in text
    assert window.repo.company() == ours and getattr(window, "replacement", None) is None


def test_yes_puts_it_in_place_and_reopens(window, qtbot, monkeypatch, tmp_path):
    other = company_file(tmp_path / "other", B)
    monkeypatch.setattr(RestorePoints, "ask", classmethod(lambda cls, db, parent=None: other))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    restore_point(window)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    assert len(asked) == 1 and fresh.repo.company().uscc == B.uscc
    if fresh.findings_task.running:
        qtbot.waitUntil(lambda: not fresh.findings_task.running, timeout=60000)
    fresh.db.close()


def test_the_file_own_points_are_not_asked_about(window, qtbot, monkeypatch):
    from magdesk import usecases

    point = usecases.take_snapshot(window.db, "our own")
    monkeypatch.setattr(RestorePoints, "ask", classmethod(lambda cls, db, parent=None: point))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    restore_point(window)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    assert asked == []
    if fresh.findings_task.running:
        qtbot.waitUntil(lambda: not fresh.findings_task.running, timeout=60000)
    fresh.db.close()


def test_from_a_file_chooses_a_backup(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    backup = tmp_path / "usb.sqlite"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    dialog = RestorePoints(window.db, window)
    qtbot.addWidget(dialog)
    dialog.file_button.click()
    assert dialog.chosen() == backup and dialog.result() == dialog.DialogCode.Accepted


def test_a_file_read_only_for_planted_objects_is_put_back_to_its_own_point(qtbot, monkeypatch,
                                                                           demo_copy):
    """Its restore points are offered and restored by path: the planted trigger
    never runs (no sale is deleted) and the file reopens writable."""
    import sqlite3

    from magdesk import usecases
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.settings import Settings
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        point = usecases.take_snapshot(db, "sound", kind="manual")
    conn = sqlite3.connect(demo_copy)
    sales = conn.execute("SELECT count(*) FROM sale_out").fetchone()[0]
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON audit_session "
                 "BEGIN DELETE FROM sale_out; END")
    conn.commit()
    conn.close()
    settings = Settings(language="zh", clerk_name="测试")
    application(settings)
    db = open_database(demo_copy)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    assert db.read_only
    win._enable_restore()
    assert win.restore_action.isEnabled()
    monkeypatch.setattr(RestorePoints, "ask", classmethod(lambda cls, db, parent=None: point))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    restore_point(win)
    assert warned == []
    qtbot.waitUntil(lambda: getattr(win, "replacement", None) is not None or bool(warned), timeout=30000)
    assert warned == []
    fresh = win.replacement
    qtbot.addWidget(fresh)
    assert asked == [] and not fresh.db.read_only
    if fresh.findings_task.running:
        qtbot.waitUntil(lambda: not fresh.findings_task.running, timeout=60000)
    fresh.db.close()
    db.close()
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("SELECT count(*) FROM sale_out").fetchone()[0] == sales
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'wipe'").fetchone() \
        == (0,)
    conn.close()
