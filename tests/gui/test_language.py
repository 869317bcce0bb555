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
        ("未能标记为已申报", "2026-10还没有导出申报表,不能标记为已申报;请先导出"),
        ("无法发起更正", "2026-10尚未申报(状态:未申报),只有已申报的月份才能发起更正")]
