"""A field's reason is never cut: wrapped in full, its row grown, also its
tooltip and listed in the strip under the form (named by its field), and
nowhere else; a warning amber, an error red."""

from PySide6.QtWidgets import QApplication

from magdesk.core import enums as E
from tests.gui.test_main_window import type_text


def test_a_long_reason_is_read_in_full(window, qtbot):
    form = window.open_record("product", None)
    qtbot.addWidget(form)
    qtbot.waitExposed(form)
    w = form.widgets
    category = next(iter(E.MAGNET_CATEGORIES))
    w["category"].setCurrentIndex(w["category"].findData(category))
    type_text(qtbot, w["dy_pct"], "x")  # not a number, and a magnet needs Dy%
    QApplication.processEvents()
    label = form.messages["dy_pct"]
    reason = label.text()
    assert reason
    qtbot.waitUntil(lambda: label.height() >= needed(label))
    assert label.toolTip() == reason
    assert reason in w["dy_pct"].toolTip()
    assert shown_once(form, reason)
    assert w["dy_pct"].property("state") == "invalid"
    assert label.property("role") == "message"  # red


def shown_once(form, reason):
    """The reason stands beside its field and in the strip under the form,
    which lists every field's reason in full, and in no other label."""
    from PySide6.QtWidgets import QLabel

    shown = [x for x in form.findChildren(QLabel) if x.isVisibleTo(form) and reason in x.text()]
    beside = next(m for m in form.messages.values() if m.text() == reason)
    return sorted(shown, key=id) == sorted([beside, form.problems], key=id) and \
        form.problems.text().count(reason) == 1


def needed(label):
    """The height the label's text takes wrapped at its width."""
    from PySide6.QtCore import QRect, Qt

    room = QRect(0, 0, label.contentsRect().width(), 1 << 20)
    return label.fontMetrics().boundingRect(room, int(Qt.TextFlag.TextWordWrap),
                                            label.text()).height()


def test_a_reason_of_more_than_two_lines_is_shown_whole_and_its_row_grows(window, qtbot):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    qtbot.waitExposed(form)
    type_text(qtbot, form.widgets["uscc"], "91350211M00013FA1N")
    label = form.messages["uscc"]
    qtbot.waitUntil(lambda: label.height() >= needed(label))
    assert needed(label) > 2 * label.fontMetrics().lineSpacing()  # three lines or more
    row = label.parentWidget()  # the row grown to hold it
    qtbot.waitUntil(lambda: label.geometry().bottom() < row.height())
    assert label.height() >= needed(label) and not row.visibleRegion().isEmpty()


def test_a_failing_check_digit_is_amber_with_its_reason(window, qtbot, monkeypatch):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    type_text(qtbot, form.widgets["name_cn"], "厦门市试点磁材有限公司")
    type_text(qtbot, form.widgets["address"], "厦门市")
    type_text(qtbot, form.widgets["uscc"], "91350211M00013FA1N")
    uscc = form.widgets["uscc"]
    assert uscc.property("state") == "warning"  # amber, not green
    assert form.messages["uscc"].property("role") == "warning"
    reason = form.messages["uscc"].text()
    assert "校验位" in reason and uscc.toolTip().startswith(reason)
    assert reason.startswith("统一社会信用代码")
    assert shown_once(form, reason)
    uscc.clear()
    type_text(qtbot, uscc, "91350211M000100Y46")  # a valid code: green, nothing listed
    assert uscc.property("state") == "valid", form.messages["uscc"].text()
    assert uscc.toolTip() == "" and form.messages["uscc"].text() == ""


def test_an_empty_domestic_invoice_number_is_asked_for_once_beside_it(window, qtbot):
    window.select_section(5)
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    form.show()
    customer = next(c for c in window.repo.iter("counterparty") if c.country == "CN"
                    and c.role in ("CUSTOMER", "BOTH"))
    type_text(qtbot, form.widgets["customer_id"], customer.name_cn)
    invoice = form.widgets["invoice_no"]
    reason = form.messages["invoice_no"].text()
    assert reason and invoice.property("state") == "empty"  # yellow, and why
    assert reason in invoice.toolTip()
    assert shown_once(form, reason)  # beside it and in the strip, not in the status line
    assert reason not in form.status.text()
    type_text(qtbot, invoice, "12345678")
    assert form.messages["invoice_no"].text() == "" and invoice.property("state") == "valid"


def test_saving_and_going_on_says_what_was_saved(window, qtbot):
    from PySide6.QtCore import Qt

    window.select_section(1)
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    form.show()
    w = form.widgets
    type_text(qtbot, w["name_cn"], "厦门市保存磁材有限公司")
    type_text(qtbot, w["uscc"], "91350211M000100Y46")
    type_text(qtbot, w["address"], "厦门市")
    qtbot.keyClick(w["address"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.repo.find("counterparty", "厦门市保存磁材有限公司") is not None
    assert w["name_cn"].text() == ""  # the next blank entry
    assert "厦门市保存磁材有限公司" in form.status.text()  # and what was saved is said
    type_text(qtbot, w["name_cn"], "下")  # until the clerk types on
    assert form.status.text() == ""


def test_an_empty_content_a_magnet_needs_is_yellow_to_fill_not_red(window, qtbot):
    form = window.open_record("product", None)
    qtbot.addWidget(form)
    w = form.widgets
    category = next(iter(E.MAGNET_CATEGORIES))
    w["category"].setCurrentIndex(w["category"].findData(category))
    for name in ("dy_pct", "tb_pct"):
        assert w[name].property("state") == "empty"  # asked for: yellow, as the invoice is
        assert "0" in form.messages[name].text()  # with why (0 if none)
    type_text(qtbot, w["dy_pct"], "x")
    assert w["dy_pct"].property("state") == "invalid"  # typed and wrong: red


def test_a_grade_that_does_not_fit_says_how_it_is_written(window, qtbot):
    form = window.open_record("product", None)
    qtbot.addWidget(form)
    w = form.widgets
    w["category"].setCurrentIndex(w["category"].findData("SINTERED_NDFEB"))
    type_text(qtbot, w["grade"], "38SH")  # as clerks often shorten it
    assert w["grade"].property("state") == "invalid"
    assert "N38SH" in form.messages["grade"].text()  # how to write it
    w["grade"].clear()
    type_text(qtbot, w["grade"], "N38SH")
    assert "不符合" not in form.messages["grade"].text()  # written right (Dy and Tb still asked)


def test_the_form_shrinks_back_when_its_reasons_clear(window, qtbot):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    start = form.height()
    type_text(qtbot, form.widgets["uscc"], "91350211M00013FA1N")  # a long reason: it grows
    label = form.messages["uscc"]
    qtbot.waitUntil(lambda: label.height() >= needed(label))
    grown = form.height()
    assert grown > start
    form.widgets["uscc"].clear()
    type_text(qtbot, form.widgets["uscc"], "91350211M000100Y46")  # right: the reason goes
    assert form.messages["uscc"].text() == ""
    qtbot.waitUntil(lambda: form.height() < grown, timeout=3000)
    assert form.height() >= start
