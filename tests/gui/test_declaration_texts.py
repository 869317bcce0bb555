"""The declaration texts in the window: the export line form shows the
specification text and the remarks read-only, each with a 复制 button that
puts it on the clipboard; the export lines' page writes the selected line's
declaration as a workbook (申报要素…)."""

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from python_calamine import CalamineWorkbook

from magdesk import usecases


def _line(window, controlled: bool):
    return next(x for x in window.repo.iter("export", where="decl_date LIKE '2026-10%'")
                if x.controlled == controlled and (x.licence_id is not None) == controlled)


def test_form_shows_the_texts_and_copies_them(window, qtbot):
    line = _line(window, True)
    licence = window.repo.get("licence", line.licence_id)
    (expected,) = usecases.declaration_texts(window.db, decl_no=line.customs_decl_no)
    form = window.open_record("export", line.id)
    box = form.declaration
    assert box.title() == "报关申报文本"
    assert box.spec.isReadOnly() and box.remarks.isReadOnly()
    assert box.spec.text() == expected.spec_text
    kind = "通用许可证号" if licence.licence_type == "GENERAL" else "许可证号"
    assert box.remarks.text() == (f"属于管制物项，管制编码{line.control_no}，"
                                  f"两用物项出口{kind} {licence.licence_no}")
    product = window.repo.get("product", window.repo.get("sale", line.sale_id).product_id)
    assert box.spec.text().startswith(product.name_cn + "|")
    assert box.copy_spec.text() == box.copy_remarks.text() == "复制"
    QApplication.clipboard().clear()
    qtbot.mouseClick(box.copy_spec, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == expected.spec_text
    assert form.status.text() == f"已复制：{expected.spec_text}"
    qtbot.mouseClick(box.copy_remarks, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == box.remarks.text()
    form.close()


def test_a_line_not_controlled_and_a_blank_line(window, qtbot):
    line = _line(window, False)
    form = window.open_record("export", line.id)
    assert form.declaration.remarks.text() == "不属于管制物项"
    assert form.declaration.spec.text().count("|") == 6
    form.close()
    blank = window.open_record("export", None)
    box = blank.declaration
    assert box.spec.text() == box.remarks.text() == ""
    assert not box.copy_spec.isEnabled() and not box.copy_remarks.isEnabled()
    sale = window.repo.get("sale", line.sale_id)
    blank.widgets["sale_id"].setText(sale.doc_no)  # as the clerk types it, the texts follow
    assert box.spec.text().startswith(
        window.repo.get("product", sale.product_id).name_cn + "|")
    assert box.copy_spec.isEnabled()
    blank.widgets["sale_id"].setText("")  # emptied again: nothing to copy
    assert box.spec.text() == ""
    blank.done(0)  # closed without the question about what was typed


def test_the_export_page_writes_the_selected_declaration(window, qtbot, tmp_path, monkeypatch):
    window.show_section("export")
    section = window.sections["export"]
    section.build()
    button = window.declaration_button
    assert button.text() == "申报要素…"
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    section.table.setCurrentIndex(section.model.index(-1, -1))
    button.click()
    assert told == ["请先选择一条出口明细。"]
    section.table.selectRow(2)
    line = window.repo.get("export", section.model.record_id(2))
    target = tmp_path / "chosen"
    asked = []

    def save_name(parent, title, start, filters):
        asked.append((title, start))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    button.click()
    assert asked[0][0] == f"报关单 {line.customs_decl_no} 的申报要素"
    assert asked[0][1].endswith(f"{line.customs_decl_no}_申报要素.xlsx")
    path = tmp_path / "chosen.xlsx"
    (expected,) = usecases.declaration_texts(window.db, decl_no=line.customs_decl_no)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [line.customs_decl_no]
    row = [c.value for c in wb[line.customs_decl_no][2]]
    assert row[:5] == [str(line.line_no), line.hs_code, expected.name, expected.spec_text,
                       expected.remarks]
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_name(line.customs_decl_no)
    assert sheet.to_python()[1][3] == expected.spec_text
    assert str(path) in window.statusBar().currentMessage()


def test_brand_type_chosen_for_the_file_shows_in_the_texts(window, qtbot):
    window.show_section("export")
    window.sections["export"].build()
    button = window.declaration_settings_button
    assert button.text() == "申报设置…"
    dialog = button.open()
    box = dialog.boxes["brand_type"]
    assert box.currentText() == "无品牌" and box.count() == 5
    assert dialog.boxes["export_preference"].currentText() == \
        "出口货物在最终目的国（地区）不享受优惠关税"
    box.setCurrentText("境内自主品牌")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert usecases.declaration_settings(window.db)["brand_type"] == "境内自主品牌"
    form = window.open_record("export", _line(window, True).id)
    assert form.declaration.spec.text().split("|")[4] == "境内自主品牌"
    form.close()
