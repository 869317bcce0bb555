"""The read-only banner of a file with a planted trigger offers 修复: it asks
first, naming what is dropped, then repairs and opens the file writable."""

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from magdesk import usecases
from magdesk.gui import opening, repair
from magdesk.gui.app import application
from magdesk.gui.main_window import MainWindow
from magdesk.storage import open_database

from .conftest import lang_settings, wait_for_tasks

PLANTED = ("CREATE TRIGGER evil_x AFTER UPDATE ON audit_session "
           "BEGIN DELETE FROM sale_out WHERE id % 3 = 0; END")


def _planted_window(qtbot, path):
    conn = sqlite3.connect(path)
    conn.execute(PLANTED)
    conn.close()
    settings = lang_settings("zh")
    application(settings)
    win = MainWindow(open_database(path), settings)
    qtbot.addWidget(win)
    win.show()
    return win


def _sales(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sale_out").fetchone()[0]
    finally:
        conn.close()


def test_the_banner_repairs_after_asking(qtbot, demo_copy, monkeypatch):
    sales = _sales(demo_copy)
    win = _planted_window(qtbot, demo_copy)
    assert win.db.read_only
    banner = win.findChild(QLabel, "readOnlyBanner").text()
    assert "audit_session 表上的触发器 evil_x" in banner
    button = win.findChild(QPushButton, "repairSchema")
    assert button is not None and button.text() == "修复…"
    asked = []
    monkeypatch.setattr(repair, "confirm", lambda parent, text: asked.append(text) or False)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # No: nothing changes
    assert "删除：audit_session 表上的触发器 evil_x" in asked[0]
    assert usecases.list_snapshots(demo_copy) == [] and not hasattr(win, "replacement")
    monkeypatch.setattr(repair, "confirm", lambda parent, text: True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(win, "replacement", None) is not None, timeout=60000)
    fresh = win.replacement
    qtbot.addWidget(fresh)
    opening.wait_closed()
    assert not fresh.db.read_only
    assert fresh.findChild(QPushButton, "repairSchema") is None
    (point,) = usecases.list_snapshots(demo_copy)
    assert point.kind == "repair"
    assert _sales(demo_copy) == sales
    wait_for_tasks(qtbot, fresh)
    fresh.db.close()


def test_a_read_only_file_in_use_offers_no_repair(qtbot, demo_copy):
    settings = lang_settings("en")
    application(settings)
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and not writer.read_only
        win = MainWindow(reader, settings)
        qtbot.addWidget(win)
        assert win.findChild(QPushButton, "repairSchema") is None
        win.close()
