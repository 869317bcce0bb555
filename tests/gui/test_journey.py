"""A month entered by keyboard, as a new clerk would: after every save the
dashboard's counts and the findings list are what ``validate`` says of the
same file; then the month is filed and Ctrl+Z refuses in the clerk's words,
the data and the Undo/Redo actions unchanged."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from magdesk import usecases
from magdesk.core.findings import count
from magdesk.gui.form import AcceptWarnings
from tests.importing.helpers import new_uscc

from .test_main_window import type_text

MONTH = date.today().strftime("%Y-%m")  # after the demo's last


def today(qtbot, widget) -> None:
    """``=`` in a date field is today."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Equal)


def choose(qtbot, combo, code) -> None:
    """Pick ``code`` in a drop-down with the arrow keys."""
    combo.setFocus()
    while combo.currentData() != code:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, code


def save(qtbot, window, form, key) -> None:
    """Ctrl+S, then the dashboard counted again."""
    entity = form.entity
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.repo.find(entity, key) is not None, (form.status.text(), [
        (f.code, f.field) for f in form.findings()])
    qtbot.waitUntil(lambda: window.dashboard.findings is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)


def assert_window_says_what_validate_says(window, month: str | None = MONTH) -> None:
    found = usecases.findings_by_period(window.db, settings=window.settings)
    table = window.dashboard.table
    shown = {table.item(r, 0).text(): (table.item(r, 4).text(), table.item(r, 5).text())
             for r in range(table.rowCount())}
    assert month is None or month in shown  # the new month is offered
    for period, counts in shown.items():
        assert counts == tuple(map(str, count(found.get(period, [])))), period
    for period in [month] if month else []:
        dialog = window.findings_flow.show(period)
        listed = sorted((f.code, f.entity, f.record) for f in dialog.all)
        assert listed == sorted((f.code, f.entity, f.record) for f in found.get(period, []))
        dialog.close()


def new_form(qtbot, window, entity):
    return window.open_record(entity, None)  # the window's: closed with it


def test_a_month_by_keyboard_keeps_the_dashboard_exact_and_undo_honest(
        window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, p, w, lang: "核对无误"))
    qtbot.waitUntil(lambda: window.dashboard.findings is not None, timeout=60000)

    for name, role, seed in (("宁波市旅程供应有限公司", "SUPPLIER", 11),
                             ("宁波市旅程客户有限公司", "CUSTOMER", 12)):
        form = new_form(qtbot, window, "counterparty")
        type_text(qtbot, form.widgets["name_cn"], name)
        choose(qtbot, form.widgets["role"], role)
        type_text(qtbot, form.widgets["uscc"], new_uscc(seed))
        type_text(qtbot, form.widgets["address"], "宁波市北仑区")
        save(qtbot, window, form, name)
        assert_window_says_what_validate_says(window, None)
        form.close()

    form = new_form(qtbot, window, "product")
    w = form.widgets
    type_text(qtbot, w["code"], "MG-N40J")
    type_text(qtbot, w["name_cn"], "烧结钕铁硼磁体 N40")
    choose(qtbot, w["category"], "SINTERED_NDFEB")
    type_text(qtbot, w["grade"], "N40")
    type_text(qtbot, w["hs_code"], "8505111000")
    type_text(qtbot, w["re_total_pct"], "31")
    type_text(qtbot, w["dy_pct"], "0")
    type_text(qtbot, w["tb_pct"], "0")
    save(qtbot, window, form, "MG-N40J")
    assert_window_says_what_validate_says(window, None)
    form.close()

    form = new_form(qtbot, window, "purchase")
    w = form.widgets
    type_text(qtbot, w["doc_no"], "PI-J-1")
    today(qtbot, w["date"])
    type_text(qtbot, w["supplier_id"], "宁波市旅程供应有限公司")
    type_text(qtbot, w["product_id"], "RM-FLK")
    type_text(qtbot, w["lot_no"], "LOT-J-1")
    type_text(qtbot, w["qty_g"], "500")
    type_text(qtbot, w["unit_price_fen"], "560")
    type_text(qtbot, w["amount_fen"], "280000")
    save(qtbot, window, form, "PI-J-1")
    assert_window_says_what_validate_says(window)
    form.close()

    form = new_form(qtbot, window, "batch")
    w = form.widgets
    type_text(qtbot, w["batch_no"], "PB-J-1")
    today(qtbot, w["start_date"])
    today(qtbot, w["end_date"])
    type_text(qtbot, w["product_id"], "MG-N40J")
    type_text(qtbot, w["output_g"], "90")
    form.inputs.add_line("LOT-J-1", "100")
    save(qtbot, window, form, "PB-J-1")
    assert_window_says_what_validate_says(window)
    form.close()

    form = new_form(qtbot, window, "sale")
    w = form.widgets
    type_text(qtbot, w["doc_no"], "SO-J-1")
    today(qtbot, w["date"])
    type_text(qtbot, w["customer_id"], "宁波市旅程客户有限公司")
    type_text(qtbot, w["product_id"], "MG-N40J")
    type_text(qtbot, w["batch_id"], "PB-J-1")
    type_text(qtbot, w["qty_g"], "12.5")
    type_text(qtbot, w["invoice_no"], "25332000000123456789")
    save(qtbot, window, form, "SO-J-1")
    assert_window_says_what_validate_says(window)
    form.close()

    # The month filed (through the use cases), then Ctrl+Z on the sale.
    result = usecases.export_filing(window.db, MONTH, tmp_path, draft=False)
    assert not result.refused, [f.code for f in result.findings if f.is_error]
    usecases.file_period(window.db, MONTH, date.today(), "RC-J")
    window.on_changes(usecases.period_changed(MONTH))
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: told.append(text))
    step, index = window.undo_stack.undoText(), window.undo_stack.index()
    sale = window.repo.find("sale", "SO-J-1")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert told == [f"{MONTH}已申报锁定，不能修改；请发起更正"]  # the month, not the key
    assert window.repo.find("sale", "SO-J-1") == sale  # nothing changed
    assert window.undo_stack.index() == index and window.undo_stack.undoText() == step
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
