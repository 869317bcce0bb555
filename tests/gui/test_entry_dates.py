"""Dates typed as clerks type them, and a new record dated in the month being entered."""

from datetime import date

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

YEAR = date.today().year


def typed(qtbot, widget, text):
    """Select what the field holds (as Tab or Enter into it does), then type."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("text, day", [
    ("2026-11-02", date(2026, 11, 2)), ("2026/11/2", date(2026, 11, 2)),
    ("2026.11.2", date(2026, 11, 2)), ("2026年11月2日", date(2026, 11, 2)),
    ("20261102", date(2026, 11, 2)), ("11-2", date(YEAR, 11, 2)),
    ("11/2", date(YEAR, 11, 2))])
def test_a_date_typed_as_people_type_it(window, qtbot, text, day):
    form = window.open_record("purchase", None)
    qtbot.addWidget(form)
    typed(qtbot, form.widgets["date"], text)
    assert form.widgets["date"].text() == text  # "-" typed, not a day back
    values, problems = form.values()
    assert values["date"] == day
    assert not [f for f in problems if f.field == "date"]
    assert form.widgets["date"].property("state") == "valid"


def test_day_keys_act_on_an_empty_or_wholly_selected_field(window, qtbot):
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    field = form.widgets["date"]
    field.setText("2026-11-02")
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, "-")
    assert field.text() == "2026-11-01"
    qtbot.keyClick(field, "+")  # still wholly selected: another day key
    qtbot.keyClick(field, "+")
    assert field.text() == "2026-11-03"
    field.clear()
    qtbot.keyClick(field, "=")
    assert field.text() == date.today().isoformat()
    field.setText("2026")
    field.end(False)
    qtbot.keyClicks(field, "-11-02")
    assert field.text() == "2026-11-02"


def test_a_month_and_day_is_of_the_year_being_entered(window, qtbot):
    sales = window.sections["sale"]
    window.select_section(5)
    sales.period.setCurrentIndex(sales.period.findData("2025-11"))
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    assert form.widgets["date"].text() == "2025-11-01"  # a day of the month shown, not today
    typed(qtbot, form.widgets["date"], "11月20日")
    assert form.values()[0]["date"] == date(2025, 11, 20)


def test_a_new_record_is_dated_in_the_month_last_used(window, qtbot):
    from .test_main_window import fill_sale

    repo = window.repo
    batch = next(repo.iter("batch", order="end_date DESC"))
    product = repo.get("product", batch.product_id)
    customer = next(c for c in repo.iter("counterparty") if c.cp_type != "FOREIGN"
                    and c.role != "SUPPLIER")
    window.select_section(5)
    assert window.sections["sale"].chosen_month() is None  # all months: the month last used
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    fill_sale(qtbot, form, "SO-TEST-0002", batch.batch_no, customer.name_cn, product.code)
    typed(qtbot, form.widgets["date"], batch.end_date.isoformat())
    assert batch.end_date.strftime("%Y-%m") != date.today().strftime("%Y-%m")
    form.save()
    assert repo.find("sale", "SO-TEST-0002").date == batch.end_date, form.status.text()
    assert form.widgets["date"].text() == batch.end_date.isoformat()  # the next sale too
    purchase = window.open_record("purchase", None)
    qtbot.addWidget(purchase)
    assert purchase.widgets["date"].text() == batch.end_date.isoformat()


def test_a_date_typed_short_shows_the_day_it_is_taken_for_on_leaving(window, qtbot):
    from PySide6.QtCore import Qt

    form = window.open_record("purchase", None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()  # focus moves, and is told, in the active window
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    field = form.widgets["date"]
    typed(qtbot, field, "11-3")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # on to the next field
    assert form.focusWidget() is form.widgets["supplier_id"]
    assert field.text() == date(YEAR, 11, 3).isoformat()  # the year in sight
    typed(qtbot, field, "11-31")  # no such day: left as typed, with its reason
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "11-31" and field.property("state") == "invalid"
