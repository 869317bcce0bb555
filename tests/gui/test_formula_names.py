"""A name typed in a form that starts like a formula gets the same warning
as the import gives it (one core rule), accepted with a reason on saving."""

from magdesk.gui.form import AcceptWarnings

from .test_main_window import type_text


def test_a_form_warns_of_a_formula_like_name_as_an_import_does(window, qtbot, monkeypatch):
    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, p, w, lang: "真实名称"))
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    type_text(qtbot, form.widgets["name_cn"], "=SUM(A1)磁业有限公司")
    type_text(qtbot, form.widgets["address"], "宁波市")
    type_text(qtbot, form.widgets["uscc"], "91310110666007217T")
    shown = form.messages["name_cn"].text()
    assert "以“=”开头" in shown and "可能把它当作公式" in shown
    assert form.messages["name_cn"].property("role") == "warning"
    form.save()
    assert window.repo.find("counterparty", "=SUM(A1)磁业有限公司") is not None
    assert ("counterparty", "=SUM(A1)磁业有限公司", "name.formula_like") in window.repo.accepted()
