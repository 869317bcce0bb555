"""A licence by keyboard: Enter on its last field moves on to the consignees,
a consignee is added with Enter, and Enter in the empty name saves; a
consignee missing is said once, beside the list, with the cursor put there."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.test_main_window import type_text


def test_a_licence_by_keyboard_with_its_consignee(window, qtbot, monkeypatch):
    from magdesk.gui.form import AcceptWarnings

    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, *a: "按合同核对"))
    foreign = next(c for c in window.repo.iter("counterparty") if c.country != "CN")
    window.select_section(6)
    form = window.open_record("licence", None)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    w = form.widgets
    type_text(qtbot, w["licence_no"], "LY2026-KEYS-1")
    for name, text in (("valid_from", "2026-11-01"), ("valid_to", "2027-10-31"),
                       ("qty_g", "1000"), ("euc_ref", "EUC-KEYS-1")):
        type_text(qtbot, w[name], text)
    qtbot.keyClick(w["euc_ref"], Qt.Key.Key_Return)  # the last field: on to the consignees
    name = form.consignees.name
    assert QApplication.focusWidget() is name
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # none yet
    assert window.repo.find("licence", "LY2026-KEYS-1") is None
    reason = form.consignees.message.text()
    assert reason and reason not in form.status.text()  # said once, beside the list
    assert QApplication.focusWidget() is name  # where it is missing
    type_text(qtbot, name, foreign.name_cn)
    popup = name.completer().popup()  # its list open: the keys go there, as real ones do
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the highlighted name taken and added
    assert form.consignees.ids == [foreign.id] and name.text() == ""
    assert not popup.isVisible() and form.isVisible()  # not saved with it: Enter went no further
    assert window.repo.find("licence", "LY2026-KEYS-1") is None
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter in the empty name: saved
    licence = window.repo.find("licence", "LY2026-KEYS-1")
    assert licence is not None, form.status.text()
    assert tuple(licence.consignee_ids) == (foreign.id,)
    form.close()
