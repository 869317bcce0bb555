"""Amending a filed month asks first (No by default), says what it does, and
confirms in the status bar."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from magdesk import usecases

PERIOD = "2026-06"


def test_amending_a_filed_month_asks_then_confirms(window, qtbot, tmp_path, monkeypatch):
    exported = usecases.export_filing(window.db, PERIOD, tmp_path, today=date(2026, 11, 26))
    usecases.file_period(window.db, PERIOD, date(2026, 7, 8), "RC-1")
    window.refresh_periods(with_findings=False)
    window.filing.select(PERIOD)
    asked = []

    def answer(reply):
        def question(_parent, title, text, buttons, default):
            asked.append((title, text, default))
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(window.filing.amend_button, Qt.MouseButton.LeftButton)
    title, text, default = asked[-1]
    assert title == "发起更正" and default == QMessageBox.StandardButton.No
    assert PERIOD in text and "更正序号 1" in text and exported.path.name in text
    assert "保持不变" in text
    assert usecases.period_status(window.db, PERIOD).state == "FILED"  # No: nothing done

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.filing.amend_button, Qt.MouseButton.LeftButton)
    status = usecases.period_status(window.db, PERIOD)
    assert (status.state, status.revision) == ("AMENDED", 1)
    said = window.statusBar().currentMessage()
    assert PERIOD in said and "更正序号 1" in said and "之前的工作簿" in said
    assert exported.path.exists()
