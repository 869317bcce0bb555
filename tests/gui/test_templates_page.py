"""The 申报模板 page on a real file: the list, the default, deleting, the TOML,
a read-only file; learning an authority's sample, mapping its columns by
keyboard, the problems and the preview, saving, and exporting through it."""

from decimal import Decimal

import openpyxl
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPlainTextEdit

from magdesk import usecases
from magdesk.gui.app import application
from magdesk.gui.main_window import MainWindow
from magdesk.gui.template_learn import AMBER, RED, RED_TEXT
from magdesk.storage import open_database
from tests.filing import sample_books as B
from tests.gui.conftest import lang_settings, wait_for_tasks

PERIOD = "2026-06"


def _page(win):
    """The templates page, shown."""
    index = win.stack.indexOf(win.templates_page)
    assert win.nav.item(index).text() == "申报模板"
    win.select_section(index)
    return win.templates_page


def _rows(page):
    return [[page.table.item(r, c).text() for c in range(page.table.columnCount())]
            for r in range(page.table.rowCount())]


def _select(page, name):
    names = [row[0] for row in _rows(page)]
    page.table.selectRow(names.index(name))


def _saved_learned(db, folder, name="省局流向表", make_default=False):
    """A template learned from the flow sheet and kept in the file (by the use cases)."""
    learned = usecases.learn_template(B.flow_sheet(folder))
    sheet = learned.layout.sheets[0]
    codes = {"DOMESTIC_ENTERPRISE": "1-境内企业", "INDIVIDUAL_BUSINESS": "3-个体工商户",
             "FOREIGN": "2-境外企业", "OTHER_ORG": "1-境内企业"}
    template = learned.draft(name, {sheet.name: {"E": usecases.Choice("customer_cp_type",
                                                                      codes=codes)}})
    assert usecases.save_learned(db, template, make_default).ok


def test_a_new_file_lists_the_built_in_template_as_default(window):
    page = _page(window)
    rows = _rows(page)
    assert rows[0][:4] == ["REFLOW-1", "1", "内置", "✓"]
    _select(page, "REFLOW-1")
    assert page.show_button.isEnabled()
    assert not page.default_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.delete_button.toolTip() == "内置模板不能删除"
    assert page.learn_button.isEnabled()


def test_make_default_show_and_delete_asking_first(window, tmp_path, monkeypatch):
    _saved_learned(window.db, tmp_path)
    page = _page(window)
    rows = {row[0]: row for row in _rows(page)}
    assert rows["省局流向表"][1:5] == ["1", "本文件", "", "稀土产品流向月报表.xlsx"]
    _select(page, "省局流向表")
    assert page.default_button.isEnabled() and page.delete_button.isEnabled()
    page.default_button.click()
    assert usecases.default_template(window.db) == "省局流向表"
    rows = {row[0]: row for row in _rows(page)}
    assert rows["省局流向表"][3] == "✓" and rows["REFLOW-1"][3] == ""
    assert "默认" in window.statusBar().currentMessage()
    page.show_button.click()
    view = page.text_dialog.findChild(QPlainTextEdit)
    assert view.isReadOnly() and 'id = "省局流向表"' in view.toPlainText()
    page.text_dialog.close()
    asked = []

    def answer(reply):
        def question(parent, title, text, buttons, default):
            asked.append((text, default))
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    page.delete_button.click()
    assert asked[-1][1] == QMessageBox.StandardButton.No  # No unless the clerk says Yes
    assert "省局流向表" in asked[-1][0] and "默认" in asked[-1][0]
    assert "省局流向表" in [row[0] for row in _rows(page)]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    _select(page, "省局流向表")
    page.delete_button.click()
    assert [row[0] for row in _rows(page)] == ["REFLOW-1"]
    assert _rows(page)[0][3] == "✓" and usecases.default_template(window.db) == "REFLOW-1"


def test_a_read_only_file_disables_the_writing_buttons(qtbot, demo_copy, tmp_path):
    with open_database(demo_copy) as writer:
        _saved_learned(writer, tmp_path)
    settings = lang_settings("zh")
    application(settings)
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and not writer.read_only
        win = MainWindow(reader, settings)
        qtbot.addWidget(win)
        win.show()
        page = _page(win)
        _select(page, "省局流向表")
        assert page.show_button.isEnabled()
        for button in (page.learn_button, page.default_button, page.delete_button):
            assert not button.isEnabled()
            assert button.toolTip().startswith("只读：")
        win.close()


def _problems(dialog):
    return [dialog.problem_list.item(i) for i in range(dialog.problem_list.count())]


def _choose_by_keyboard(qtbot, combo, data, then=None):
    """Arrow keys on the closed drop-down, as a clerk would, till ``data`` is
    chosen (and, having asked, ``then`` is)."""
    combo.setFocus()
    wanted = combo.findData(data)
    assert wanted >= 0, data
    key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(wanted - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentData() == (data if then is None else then)


def _learn(window, qtbot, monkeypatch, sample):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sample), ""))
    page = _page(window)
    qtbot.mouseClick(page.learn_button, Qt.MouseButton.LeftButton)
    dialog = page.learn_dialog
    assert dialog is not None and dialog.isVisible()
    return page, dialog


def test_learning_a_sample_mapped_by_keyboard_previewed_saved_and_exported_through(
        window, qtbot, tmp_path, monkeypatch):
    from python_calamine import CalamineWorkbook

    sample = B.flow_sheet(tmp_path / "samples")
    page, dialog = _learn(window, qtbot, monkeypatch, sample)
    assert dialog.findChild(QLabel, "sampleName").text() == "稀土产品流向月报表.xlsx"
    from magdesk.gui.folders import last_folder

    assert last_folder("template") == str(sample.parent)  # the next sample is looked for there
    assert dialog.name.text() == "稀土产品流向月报表"
    assert dialog.make_default.isChecked() and dialog.keep_sheets.isChecked()
    assert dialog.tabs.count() == 1
    tab = dialog.sheet_tabs["稀土产品流向"]
    assert tab.source.currentData() == "sales"
    kind = tab.row("E")
    assert kind.items[1].text() == "★ 客户信息 / 客户类型*"
    assert kind.items[3].text() == "1-境内企业、2-境外企业、3-个体工商户"
    # suggested from its header, with the three codes the drop-down list has
    assert kind.target.currentText() == "客户类型 (customer_cp_type)"
    assert kind.codes.isVisibleTo(dialog) and kind.codes.text() == "代码 3/4…"
    assert tab.row("C").target.currentText() == "客户名称 (customer_name)"
    assert tab.row("H").target.currentText() == "重量 (qty_g)"  # its unit beside, in tonnes
    assert tab.row("C").items[0].background().style() == Qt.BrushStyle.NoBrush  # sure: plain
    qty = tab.row("H")
    assert qty.target.currentData() == "qty_g" and qty.unit.currentData() == "t"
    assert not qty.codes.isVisibleTo(dialog) and not kind.unit.isVisibleTo(dialog)
    # a value without its code is said, but does not block: a month holding it is refused
    assert dialog.save_button.isEnabled()
    assert any("其他组织" in item.text() for item in _problems(dialog))

    # the clerk clears the required column: red, Save off, the problem leads back to it
    _choose_by_keyboard(qtbot, kind.target, "")
    assert kind.target.currentText() == "（不填）"
    assert kind.items[0].background().color() == RED  # a required column unmapped
    assert dialog.tabs.tabText(0) == "⚠ 稀土产品流向"
    assert not dialog.save_button.isEnabled()
    assert "第 E 列" in dialog.save_button.toolTip() and "必填" in dialog.save_button.toolTip()
    first = _problems(dialog)[0]
    assert first.foreground().color() == RED_TEXT and "客户类型" in first.text()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.problem_list.setFocus()
    dialog.problem_list.setCurrentRow(0)
    qtbot.keyClick(dialog.problem_list, Qt.Key.Key_Return)  # Enter on a problem: to its row
    assert QApplication.focusWidget() is kind.target

    # the preview: a month of the file, in the sample's layout, quantities in tonnes
    assert dialog.month.itemData(0) == max(window.periods)  # the latest month first
    _choose_by_keyboard(qtbot, dialog.month, PERIOD)
    qtbot.waitUntil(lambda: tab.preview_label.text().startswith(f"{PERIOD} 的预览"))
    preview = tab.preview
    assert preview.horizontalHeaderItem(7).text() == "H\n数量（吨）*"
    assert preview.verticalHeaderItem(0).text() == "6"  # the sample's first data row
    import sqlite3

    con = sqlite3.connect(window.db.path)
    grams = {g for (g,) in con.execute("SELECT qty_g FROM sale_out WHERE date LIKE ?",
                                       (f"{PERIOD}%",))}
    count = con.execute("SELECT count(*) FROM sale_out WHERE date LIKE ?",
                        (f"{PERIOD}%",)).fetchone()[0]
    con.close()
    assert f"共 {count} 行中的前 {min(20, count)} 行" in tab.preview_label.text()
    tonnes = [Decimal(preview.item(r, 7).text()) for r in range(preview.rowCount())]
    assert tonnes and all(t * 1_000_000 in grams for t in tonnes)
    assert all(preview.item(r, 4).text() == "" for r in range(preview.rowCount()))

    # the customer type, chosen again by keyboard: three codes found in the list, one not
    _choose_by_keyboard(qtbot, kind.target, "customer_cp_type")
    assert kind.target.currentText() == "客户类型 (customer_cp_type)"
    assert kind.codes.isVisibleTo(dialog) and kind.codes.text() == "代码 3/4…"
    assert dialog.save_button.isEnabled()

    def codes_by_keyboard():
        codes = dialog.codes_dialog
        assert codes.isVisible() and codes.boxes["FOREIGN"].currentData() == "2-境外企业"
        _choose_by_keyboard(qtbot, codes.boxes["OTHER_ORG"], "1-境内企业")
        qtbot.keyClick(codes.boxes["OTHER_ORG"], Qt.Key.Key_Return)

    QTimer.singleShot(0, codes_by_keyboard)
    qtbot.mouseClick(kind.codes, Qt.MouseButton.LeftButton)
    assert not dialog.codes_dialog.isVisible()
    assert kind.codes.text() == "代码 4/4…"
    assert kind.items[0].background().style() == Qt.BrushStyle.NoBrush
    assert dialog.save_button.isEnabled() and _problems(dialog) == []
    assert dialog.tabs.tabText(0) == "稀土产品流向"
    qtbot.waitUntil(lambda: preview.item(0, 4).text() != "")
    shown_kinds = {preview.item(r, 4).text() for r in range(preview.rowCount())}
    assert shown_kinds <= {"1-境内企业", "2-境外企业", "3-个体工商户"}
    first_tonnes = preview.item(0, 7).text()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    rows = {row[0]: row for row in _rows(page)}
    assert rows["稀土产品流向月报表"][1:5] == ["1", "本文件", "✓", "稀土产品流向月报表.xlsx"]
    assert rows["REFLOW-1"][3] == ""
    assert window.statusBar().currentMessage() == "申报模板“稀土产品流向月报表”第1版已保存"

    # Filing ▸ export writes through it
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    (tmp_path / "out").mkdir()
    window.filing_flow.export_period(PERIOD)
    qtbot.waitUntil(lambda: window.filing_flow.last_export is not None, timeout=60000)
    wait_for_tasks(qtbot, window)
    path = window.filing_flow.last_export.path
    book = openpyxl.load_workbook(path)
    assert "填表说明" in book.sheetnames
    ws = book["稀土产品流向"]
    assert ws["A1"].value == "稀土产品流向月报表"
    assert Decimal(repr(ws["H6"].value)) == Decimal(first_tonnes)
    assert ws["E6"].value in {"1-境内企业", "2-境外企业", "3-个体工商户"}
    assert ws["E6"].value == preview.item(0, 4).text()
    again = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("稀土产品流向").to_python()
    assert again[5][4] == ws["E6"].value and Decimal(repr(again[5][7])) == Decimal(first_tonnes)


def test_a_guess_is_amber_until_confirmed_and_a_sheet_may_be_left_out(window, qtbot, tmp_path,
                                                                       monkeypatch):
    _page_, dialog = _learn(window, qtbot, monkeypatch, B.purchase_and_sales(tmp_path))
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["采购", "⚠ 销售"]
    sales = dialog.sheet_tabs["销售"]
    net = sales.row("H")  # 净重(g): the quantity again, a guess
    assert net.target.currentData() == "qty_g" and net.items[0].background().color() == RED
    said = [item.text() for item in _problems(dialog)]
    assert said == ["工作表“销售”第 H 列“净重(g)”：与第 G 列对应同一字段",
                    "工作表“销售”第 H 列“净重(g)”：推测对应“qty_g”，请确认"]
    assert _problems(dialog)[1].foreground().color() != RED_TEXT  # to look at, not blocking
    assert not dialog.save_button.isEnabled()
    _choose_by_keyboard(qtbot, sales.row("G").target, "")  # 销售数量/kg left empty
    assert net.items[0].background().color() == AMBER  # a guess, nobody confirmed it
    assert dialog.save_button.isEnabled()  # a guess does not block
    net.target.activated.emit(net.target.currentIndex())  # chosen again in its list
    assert net.items[0].background().style() == Qt.BrushStyle.NoBrush
    assert _problems(dialog) == []
    assert dialog.problems_label.text() == "待处理问题(&P)：无，每一列都已对应"
    _choose_by_keyboard(qtbot, sales.source, "")  # the sales sheet not exported
    assert not sales.row("C").target.isEnabled()
    qtbot.waitUntil(lambda: sales.preview_label.text() == "未导出")
    assert dialog.save_button.isEnabled()
    _choose_by_keyboard(qtbot, dialog.sheet_tabs["采购"].source, "")
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == "没有要导出的工作表：请至少为一张工作表选择数据"
    dialog.reject()


def test_tab_goes_through_the_choices_a_fixed_text_and_a_refused_name(window, qtbot, tmp_path,
                                                                      monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    _page_, dialog = _learn(window, qtbot, monkeypatch, B.flow_sheet(tmp_path))
    tab = dialog.sheet_tabs["稀土产品流向"]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    tab.row("G").target.setFocus()
    visited = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget().objectName())
    assert visited == ["target_H", "unit_H", "target_I", "unit_I", "target_J", "target_K"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "codes_K"  # 是否出口: its codes
    assert tab.row("K").codes.text() == "代码 2/2…"

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda _parent, title, label, **k:
                        asked.append(label) or ("稀土永磁", True))
    note = tab.row("L")  # 备注: a fixed text on every row
    _choose_by_keyboard(qtbot, note.target, "=", then="=稀土永磁")
    assert asked == ["第 L 列每一行填写的文字："]
    assert note.target.currentData() == "=稀土永磁"
    assert note.target.currentText() == "固定文字：稀土永磁"
    qtbot.waitUntil(lambda: tab.preview.rowCount() > 0 and
                    tab.preview.item(0, 11).text() == "稀土永磁")

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a, **k:
                        warned.append((title, text)))
    dialog.name.setText("REFLOW-1")  # the built-in template's name
    kind = tab.row("E")
    _choose_by_keyboard(qtbot, kind.target, "customer_cp_type")
    dialog.choices["稀土产品流向"]["E"] = usecases.Choice("customer_cp_type", codes={
        "DOMESTIC_ENTERPRISE": "1-境内企业", "INDIVIDUAL_BUSINESS": "3-个体工商户",
        "FOREIGN": "2-境外企业", "OTHER_ORG": "1-境内企业"})
    dialog._update()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert warned and warned[0][0] == "未保存" and "REFLOW-1" in warned[0][1]
    assert dialog.isVisible()  # kept open: another name, and Save again
    assert [e.name for e in usecases.list_templates(window.db)] == ["REFLOW-1"]
    dialog.name.setText("")
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == "请填写模板名称"
    dialog.reject()


def test_codes_of_a_column_without_a_drop_down_list_are_typed(qtbot, tmp_path):
    from magdesk.gui.template_learn import CodesDialog

    application(lang_settings("zh"))
    learned = usecases.learn_template(B.flow_sheet(tmp_path, codes=False))
    column = next(c for c in learned.layout.sheets[0].columns if c.letter == "G")  # 牌号: no list
    dialog = CodesDialog({"true": "是", "false": "否"}, column, {"true": "Y"})
    qtbot.addWidget(dialog)
    assert dialog.boxes["true"].isEditable() and dialog.boxes["true"].currentText() == "Y"
    assert dialog.boxes["false"].currentText() == "（无）"
    dialog.boxes["false"].lineEdit().selectAll()
    qtbot.keyClicks(dialog.boxes["false"], "N")
    assert dialog.codes() == {"true": "Y", "false": "N"}
    dialog.boxes["true"].setCurrentIndex(0)  # (none): no code
    assert dialog.codes() == {"false": "N"}


def test_a_sample_with_a_totals_row_is_learned_with_it_and_the_clerk_may_drop_it(
        window, qtbot, tmp_path, monkeypatch):
    from tests.filing.test_sample_export import make_sample_with_total

    sample = make_sample_with_total(tmp_path / "sample.xlsx")
    _page_, dialog = _learn(window, qtbot, monkeypatch, sample)
    tab = dialog.sheet_tabs["产品流向"]
    assert tab.total.isChecked() and tab.total.text() == "数据下方写合计行"
    [sheet] = dialog.draft().sheets
    assert (sheet.total, sheet.total_column) == ("合计", 0)
    tab.total.setFocus()
    qtbot.keyClick(tab.total, Qt.Key.Key_Space)
    assert not tab.total.isChecked() and dialog.draft().sheets[0].total == ""
    dialog.reject()


def test_the_filing_page_names_the_template_an_export_uses(window, tmp_path):
    index = window.stack.indexOf(window.filing)
    window.select_section(index)
    label = window.filing.template_label
    assert label.text() == "申报模板：REFLOW-1"
    _saved_learned(window.db, tmp_path, make_default=True)
    window.select_section(0)
    window.select_section(index)  # shown again: read again
    assert label.text() == "申报模板：省局流向表"
