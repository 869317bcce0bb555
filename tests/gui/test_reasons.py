"""A field's reason is never cut: wrapped in full, its row grown, also its
tooltip and in the strip under the form; a warning amber, an error red."""

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
    strip = form.problems
    assert strip.isVisibleTo(form)
    label_zh = next(s for s in form.specs if s.name == "dy_pct").label("zh")
    line = reason if reason.startswith(label_zh) else f"{label_zh}：{reason}"
    assert line in strip.text().splitlines()  # the field named once, not twice
    assert not any(x.startswith(f"{label_zh}：{label_zh}") for x in strip.text().splitlines())
    assert w["dy_pct"].property("state") == "invalid"
    assert label.property("role") == "message"  # red
    assert strip.height() >= needed(strip)


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
    assert form.problems.text() == reason  # the reason names its field: listed as it reads
    assert form.problems.property("role") == "warning"
    uscc.clear()
    type_text(qtbot, uscc, "91350211M000100Y46")  # a valid code: green, nothing listed
    assert uscc.property("state") == "valid", form.messages["uscc"].text()
    assert uscc.toolTip() == "" and form.problems.isHidden()
