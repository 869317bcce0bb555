"""The 申报模板 page on a real file: the list, the default, deleting, the TOML,
a read-only file; learning an authority's sample, mapping its columns by
keyboard, the problems and the preview, saving, and exporting through it."""

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from magdesk import usecases
from magdesk.gui.app import application
from magdesk.gui.main_window import MainWindow
from magdesk.storage import open_database
from tests.filing import sample_books as B
from tests.gui.conftest import lang_settings

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
    template = learned.draft(name, {sheet.name: {"E": usecases.Choice("customer_type",
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
