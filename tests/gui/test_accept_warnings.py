"""Accepting warnings: a reason too short is said (and asked again) rather
than closing silently; a warning found across records (a batch's yield) is
accepted from the findings list, which and the dashboard then count it no more."""

from PySide6.QtWidgets import QInputDialog, QMessageBox

from magdesk.core.findings import Severity
from magdesk.gui.form_parts import AcceptWarnings


def _answers(monkeypatch, replies):
    asked, warned = [], []

    def get_text(_parent, _title, label, *args, **kwargs):
        asked.append((label, kwargs.get("text", "")))
        return replies.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text: warned.append((title, text)))
    return asked, warned


def test_a_short_reason_is_said_and_asked_again(window, monkeypatch):
    parent = window  # the window's language (its translators installed)
    asked, warned = _answers(monkeypatch, [("好", True), ("好的好的", True)])
    assert AcceptWarnings.ask(parent, [], "zh") == "好的好的"
    assert warned == [("接受警告", "请填写至少4个字的原因")]
    assert asked[1][1] == "好"  # what she typed is kept
    asked, warned = _answers(monkeypatch, [("ab", True), ("", False)])
    assert AcceptWarnings.ask(parent, [], "en") is None
    assert warned == [("接受警告", "give a reason of at least 4 characters")]


def test_a_batch_yield_warning_is_accepted_from_the_findings_list(window, qtbot, monkeypatch):
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    batch_no, period = window.db.conn.execute(
        "SELECT batch_no, substr(end_date, 1, 7) FROM production_batch ORDER BY id LIMIT 1"
    ).fetchone()
    with window.db.conn:  # the output grown past its inputs (as another program would)
        window.db.conn.execute("UPDATE production_batch SET output_g = output_g * 5 "
                               "WHERE batch_no = ?", (batch_no,))
    window.refresh_periods()
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    found = window.dashboard.findings[period]
    assert any(f.code == "batch.yield" and f.record == batch_no for f in found)
    dialog = window.findings_flow.show(period, Severity.WARNING)
    qtbot.addWidget(dialog)
    row = next(r for r, f in enumerate(dialog.model.findings)
               if f.code == "batch.yield" and f.record == batch_no)
    dialog.table.selectRow(row)
    assert dialog.accept_button.isEnabled()
    _answers(monkeypatch, [("试产批次，产出含外购半成品", True)])
    dialog.accept_button.click()
    assert not any(f.code == "batch.yield" and f.record == batch_no
                   for f in dialog.model.findings)
    assert batch_no in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    qtbot.waitUntil(lambda: window.dashboard.findings is not None, timeout=60000)
    assert not any(f.code == "batch.yield" and f.record == batch_no
                   for f in window.dashboard.findings.get(period, []))
    assert window.db.conn.execute(
        "SELECT reason FROM accepted_finding WHERE code = 'batch.yield'").fetchall() == [
        ("试产批次，产出含外购半成品",)]
    dialog.severity.setCurrentIndex(dialog.severity.findData(Severity.ERROR.value))
    if dialog.model.rowCount():
        assert not dialog.accept_button.isEnabled()  # an error is corrected, not accepted


def test_enter_on_a_month_of_the_dashboard_lists_its_findings(window, qtbot):
    from PySide6.QtCore import Qt

    from magdesk.gui.dashboard import WARNING_COLUMN

    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    with window.db.conn:  # a month with a warning (a batch's yield)
        window.db.conn.execute("UPDATE production_batch SET output_g = output_g * 5 "
                               "WHERE id = (SELECT MIN(id) FROM production_batch)")
    window.refresh_periods()
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    qtbot.waitUntil(lambda: window.dashboard.findings is not None, timeout=60000)
    table = window.dashboard.table
    row = next(r for r in range(table.rowCount())
               if window.dashboard.findings.get(table.item(r, 0).text()))
    period = table.item(row, 0).text()
    table.setFocus()
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the month: all its findings
    dialog = window.findings_flow.dialog
    assert dialog is not None and dialog.isVisible() and dialog.period == period
    assert len(dialog.all) == len(window.dashboard.findings[period])
    dialog.close()
    table.setCurrentCell(row, WARNING_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # its warnings count: the warnings
    dialog = window.findings_flow.dialog
    assert dialog.isVisible()
    assert all(not f.is_error for f in dialog.model.findings)
    dialog.close()


def test_enter_in_the_findings_list_opens_the_record_once(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from magdesk.gui.form import RecordForm

    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    with window.db.conn:  # a month with a warning (a batch's yield)
        window.db.conn.execute("UPDATE production_batch SET output_g = output_g * 5 "
                               "WHERE id = (SELECT MIN(id) FROM production_batch)")
    window.refresh_periods()
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    period = next(p for p, fs in window.dashboard.findings.items() if fs)
    dialog = window.findings_flow.show(period)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("错误 ")
    dialog.activateWindow()
    dialog.table.setFocus()
    before = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm)
              and w.isVisible()}
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm)
              and w.isVisible() and id(w) not in before]
    assert len(opened) == 1  # once, not again by the Open record button
    for form in opened:
        form.close()
