"""The export page names the restricted-party lists the file holds and
imports one; a customer form screens the name as it is typed."""

import openpyxl

from tests.gui.test_main_window import type_text


def _list(path, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "国家", "名单", "列入日期"])
    ws.append([name, "JP", "军事最终用户", "2026-01-06"])
    wb.save(path)
    return path


def test_the_bar_imports_a_list_and_names_it(window, tmp_path, monkeypatch):
    bar = window.screening
    assert "尚未导入限制名单" in bar.label.text()
    path = _list(tmp_path / "名单.xlsx", "Kiri Aerospace KK")
    monkeypatch.setattr("magdesk.gui.screening.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(path), ""))
    window.show_section("export")
    assert window.current_section() is window.sections["export"]
    bar.button.click()
    assert "军事最终用户" in bar.label.text() and "2026-01-06" in bar.label.text()
    assert "限制名单已导入" in window.statusBar().currentMessage()


def test_a_form_screens_the_name_as_typed(window, qtbot, tmp_path):
    from magdesk import usecases

    assert usecases.import_screening_list(window.db, _list(tmp_path / "l.xlsx",
                                                           "Kiri Aerospace KK")).ok
    window.select_section(1)
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    form.show()
    type_text(qtbot, form.widgets["name_en"], "KIRI AEROSPACE K.K.")
    said = form.messages["name_en"].text()
    assert "限制名单" in said and "军事最终用户" in said
