"""The clerk reads Chinese first: Qt's own dialogs, the print chooser, the
period refusals and the undo messages come in her language."""

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from .conftest import lang_settings

WORDS = re.compile(r"[A-Za-z]{2,}")
NAMES = {"PDF"}  # the same in either language


@pytest.fixture
def chinese(qapp):
    from magdesk.gui.app import application

    return application(lang_settings("zh"))


def _english(widget) -> list[str]:
    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in widget.findChildren(kind)]
    return [t for t in texts if set(WORDS.findall(t)) - NAMES]


def test_qt_file_dialog_labels_are_chinese(chinese, qtbot):
    """PySide6 6.11's qtbase_zh_CN.qm lacks the file dialog's renamed labels;
    magdesk's supplement fills them in, Qt's own translations still count."""
    translate = QCoreApplication.translate
    assert translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert translate("QFileDialog", "File &name:") == "文件名称(&N)："  # Qt's own
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "t", "", "magdesk (*.sqlite)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        assert _english(dialog) == []


def test_qt_file_types_are_chinese(chinese, tmp_path):
    from PySide6.QtCore import QFileInfo, QLocale
    from PySide6.QtGui import QAbstractFileIconProvider

    assert QAbstractFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"
    assert QLocale().language() == QLocale.Language.Chinese  # the files' own types


def test_qt_print_dialog_labels_are_chinese(chinese, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _english(dialog) == []
    assert QCoreApplication.translate("QPageSetupWidget", "Pages &per sheet:") == "每张页数(&P)："


def test_english_removes_the_chinese_translators(chinese):
    from PySide6.QtCore import QLocale

    from magdesk.gui.app import install_translations

    install_translations(chinese, "en")
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
        assert QLocale() == QLocale.system()
    finally:
        install_translations(chinese, "zh")


def test_a_period_refusal_reads_in_chinese_on_the_filing_page(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    shown = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("RC-2026-1", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append(
        (title, text)))
    window.refresh_periods(with_findings=False)
    window.filing.select("2026-10")
    qtbot.mouseClick(window.filing.file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.filing.amend_button, Qt.MouseButton.LeftButton)
    assert shown == [
        ("未能标记为已申报", "2026-10还没有导出申报表，不能标记为已申报；请先导出"),
        ("无法发起更正", "2026-10尚未申报（状态：未申报），只有已申报的月份才能发起更正")]


def _english_in(dialog) -> list[str]:
    from PySide6.QtWidgets import QComboBox, QFormLayout

    texts = [dialog.windowTitle()]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    form = dialog.findChild(QFormLayout)
    texts += [form.labelForField(f).text() for f in dialog.findChildren(QComboBox)]
    return [t for t in texts + [w.text() for w in dialog.findChildren(QAbstractButton)]
            if set(WORDS.findall(t)) - NAMES]


def test_print_chooser_reads_in_chinese_and_asks_for_the_month(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from magdesk.gui.print_chooser import SummaryChooser

    seen = {}

    def choose():
        dialog = QApplication.activeModalWidget()
        seen["english"] = _english_in(dialog)
        seen["kinds"] = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
        seen["preset"] = dialog.month.currentText()
        dialog.month.setCurrentIndex(dialog.month.findData("2026-08"))
        dialog.kind.setCurrentIndex(2)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen["ok"] = ok.text()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose)
    assert SummaryChooser.ask(window.periods, "2026-10", window) == ("licences", "2026-08")
    assert seen == {"english": [], "kinds": ["月度产品流向汇总", "库存核对表", "许可证使用情况"],
                    "preset": "2026-10", "ok": "预览"}


def test_ctrl_p_presets_the_month_in_view(window, qtbot, monkeypatch):
    from magdesk.gui import printing
    from magdesk.gui.print_chooser import SummaryChooser

    asked, shown = [], []
    monkeypatch.setattr(SummaryChooser, "ask", classmethod(
        lambda cls, months, month, parent=None: asked.append(month) or ("inventory", month)))
    monkeypatch.setattr(printing, "preview", lambda report, parent=None: shown.append(report))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_section("sale")
    sales = window.sections["sale"]
    sales.period.setCurrentIndex(sales.period.findData("2026-07"))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    sales.period.setCurrentIndex(0)  # all months: the current month
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.refresh_periods(with_findings=False)
    window.filing.select("2026-06")
    window._open_period("2026-06")  # the Filing page, a month chosen
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["2026-07", "2026-10", "2026-06"]
    assert [(r.kind, r.period) for r in shown] == [
        ("inventory", "2026-07"), ("inventory", "2026-10"), ("inventory", "2026-06")]


def _clashes(menu_bar) -> list[str]:
    """Each menu's items that share their mnemonic (Alt+letter) with another:
    the letter then only moves between them, it presses neither."""
    from PySide6.QtWidgets import QMenu

    found = []
    for menu in [m for m in menu_bar.findChildren(QMenu)]:
        seen: dict[str, str] = {}
        for action in menu.actions():
            mark = re.search(r"&(\w)", action.text())
            if action.isSeparator() or not mark:
                continue
            key = mark.group(1).lower()
            if key in seen:
                found.append(f"{menu.title()}: {seen[key]} / {action.text()}")
            seen[key] = action.text()
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_items_of_a_menu_share_their_letter(lang, demo_copy, qtbot):
    from magdesk.gui.app import application, install_translations
    from magdesk.gui.main_window import MainWindow
    from magdesk.usecases import open_file

    app = application(lang_settings(lang))
    install_translations(app, lang)
    try:
        with open_file(demo_copy) as db:
            window = MainWindow(db, lang_settings(lang))
            qtbot.addWidget(window)
            assert window.menuBar().actions()
            assert _clashes(window.menuBar()) == []
            window.close()
    finally:
        install_translations(app, "zh")
