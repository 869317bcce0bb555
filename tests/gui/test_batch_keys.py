"""A production batch entered by keyboard only: Enter moves into the input
lines, a lot number completes (lots with stock left, newest first, with the kg
left) and Enter takes it and moves on to the quantity; a batch without input
lines is told what is missing, not to fill yellow and red fields."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from magdesk.core.kinds import mass
from magdesk.usecases.reads import lots_left


def focused():
    """The widget with the cursor in the active window (offscreen, a closed
    completion list leaves no window active: the form's own focus widget)."""
    return QApplication.focusWidget() or QApplication.topLevelWidgets() and _form.focusWidget()


_form = None


def enter(qtbot):
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_a_whole_batch_with_one_input_line_by_keyboard(window, qtbot):
    repo = window.repo
    product = repo.find("product", "MG-N42")
    lots = lots_left(repo, "")
    assert lots and all(left > 0 for _lot, left in lots)
    days = [repo.find("purchase", p.doc_no).date for p in repo.iter("purchase")
            if p.lot_no in dict(lots)]
    newest_lot, left = lots[0]
    global _form
    form = _form = window.open_record("batch", None)
    qtbot.addWidget(form)
    form.show()
    w = form.widgets
    qtbot.waitUntil(lambda: focused() is w["batch_no"])
    qtbot.keyClicks(focused(), "PB-KEYS-1")
    enter(qtbot)
    for name in ("start_date", "end_date"):
        assert focused() is w[name]
        qtbot.keyClick(focused(), Qt.Key.Key_Equal)  # today
        enter(qtbot)
    assert focused() is w["process"]
    enter(qtbot)
    assert focused() is w["product_id"]
    qtbot.keyClicks(focused(), product.code)
    enter(qtbot)
    popup = w["product_id"].completer().popup()
    if popup.isVisible():
        enter(qtbot)
    assert focused() is w["grade"]
    enter(qtbot)
    qtbot.keyClicks(focused(), "90")
    enter(qtbot)
    assert focused() is w["output_pcs"]
    enter(qtbot)  # the last field: on into the input lines, a new line's lot number
    table = form.inputs.table
    assert table.rowCount() == 1
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit) and table.isAncestorOf(focused()))
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    lot_edit = focused()
    qtbot.keyClicks(lot_edit, newest_lot[:3])
    popup = lot_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = lot_edit.completer().completionModel()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown[0].startswith(newest_lot) and mass.display(left) in shown[0]  # the kg left
    assert "kg" in shown[0] and "剩余" in shown[0]  # in the window's language
    assert max(days) == repo.find("purchase", next(
        p.doc_no for p in repo.iter("purchase") if p.lot_no == newest_lot)).date  # newest first
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
  # takes the lot, on to its quantity
    qtbot.waitUntil(lambda: table.currentColumn() == 1 and isinstance(focused(), QLineEdit)
                    and table.isAncestorOf(focused()))
    assert table.item(0, 0).text() == newest_lot
    qtbot.keyClicks(focused(), "100")
    enter(qtbot)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)  # the line entered
    assert table.item(0, 1).text() == "100"
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saved
    batch = repo.find("batch", "PB-KEYS-1")
    assert batch is not None, form.status.text()
    lines = list(repo.iter("batch_input", where="batch_id = ?", params=(batch.id,)))
    lot_id = next(p.id for p in repo.iter("purchase") if p.lot_no == newest_lot)
    assert [(x.purchase_id, x.qty_g) for x in lines] == [(lot_id, 100_000)]


def test_a_batch_without_input_lines_is_told_what_is_missing(window, qtbot):
    product = window.repo.find("product", "MG-N42")
    form = window.open_record("batch", None)
    qtbot.addWidget(form)
    w = form.widgets
    w["batch_no"].setText("PB-KEYS-2")
    for name in ("start_date", "end_date"):
        w[name].setFocus()
        qtbot.keyClick(w[name], Qt.Key.Key_Equal)
    w["product_id"].setText(product.code)
    w["output_g"].setText("90")
    form.revalidate()
    assert not any(x.property("state") in ("empty", "invalid") for x in w.values())
    form.save()
    assert window.repo.find("batch", "PB-KEYS-2") is None
    assert form.status.text() == "生产批次至少需要一行投料"
    assert "yellow" not in form.status.text() and "黄" not in form.status.text()
