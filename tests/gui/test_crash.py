"""No traceback reaches a clerk in the window either: an exception no handler
caught is logged with its traceback and told in a message box, in Chinese."""

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from magdesk.gui import crash
from magdesk.storage.failures import log_folder


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_is_told_and_logged(window, qtbot, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(crash.CrashNotice, "ask",
                        classmethod(lambda cls, title, text: shown.append((title, text))))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    crash.install()
    button = QPushButton("boom", window)

    def broken_slot():
        raise KeyError("injected failure")

    button.clicked.connect(broken_slot)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    [(title, text)] = shown
    assert title == "magdesk：意外错误"
    assert text.startswith("magdesk 遇到了未预料到的问题：\nKeyError: 'injected failure'")
    assert "已保存的记录都还在" in text and "Traceback" not in text
    logs = list(log_folder().glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in text
    logged = logs[0].read_text(encoding="utf-8")
    assert "while: magdesk window" in logged and "in broken_slot" in logged
    assert window.isVisible()  # the window carries on
