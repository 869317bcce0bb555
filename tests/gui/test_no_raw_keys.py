"""No code, key or English sentence reaches the Chinese window: a short
session meets refusals (a taken document number, Ctrl+Z on a filed month, a
record of a filed month, a file open elsewhere) and every message box, status
bar message and label it shows is read."""

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from magdesk.gui.main_window import MainWindow
from magdesk.settings import Settings
from magdesk.storage import open_database

# period.locked, file.in_use…, glued to Chinese too (where \b sees no boundary)
KEY = re.compile(r"(?<![A-Za-z0-9_.])[a-z_]+\.[a-z_]+(?![A-Za-z0-9_])")
ENGLISH = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")  # three English words in a row
FILE_NAMES = re.compile(r"[\w.-]+\.(?:sqlite|xlsx|lock)\b|/[^\s：，（）]+")  # paths say themselves


class Seen:
    """Every text a clerk is shown: message boxes and the status bar as they
    come, labels when ``look`` is called."""

    def __init__(self, monkeypatch):
        self.texts: list[str] = []
        for name in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, name, self._box(QMessageBox.StandardButton.Ok))
        monkeypatch.setattr(QMessageBox, "question", self._box(QMessageBox.StandardButton.Yes))

    def _box(self, answer):
        def show(_parent, title, text, *args, **kwargs):
            self.texts += [title, text]
            return answer
        return show

    def watch(self, window) -> None:
        window.statusBar().messageChanged.connect(lambda text: text and self.texts.append(text))

    def look(self, widget) -> None:
        self.texts += [label.text() for label in widget.findChildren(QLabel) if label.text()]

    def raw(self) -> list[str]:
        """The texts holding a catalogue key or an English sentence."""
        bad = []
        for text in self.texts:
            bare = FILE_NAMES.sub("", text)
            if KEY.search(bare) or ENGLISH.search(bare):
                bad.append(text)
        return bad


def _doors():
    """The use cases the window goes through (``services`` before they had a package)."""
    try:
        from magdesk import usecases
    except ImportError:
        from magdesk import services as usecases
    return usecases


def test_refusals_reach_the_chinese_window_in_chinese(window, qtbot, monkeypatch, tmp_path):
    seen = Seen(monkeypatch)
    seen.watch(window)
    repo = window.repo
    # a document number already taken, typed into a sale's form and saved
    sales = list(repo.iter("sale", where="date LIKE '2026-06%'"))
    form = window.open_record("sale", sales[0].id)  # closes itself once saved
    form.widgets["doc_no"].setText(sales[1].doc_no)
    form.save()
    assert "已存在" in form.status.text()
    seen.look(form)
    form.widgets["doc_no"].setText(sales[0].doc_no)  # then a change that goes through
    form.widgets["contract_no"].setText("HT-9")
    form.save()
    assert repo.get("sale", sales[0].id).contract_no == "HT-9"
    # its month filed, then Ctrl+Z: refused, in words, nothing changed
    _doors().export_filing(window.db, "2026-06", tmp_path)
    _doors().file_period(window.db, "2026-06", date(2026, 7, 8), "RC-1")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert any("已申报锁定" in text for text in seen.texts), seen.texts
    assert repo.get("sale", sales[0].id).contract_no == "HT-9"
    form = window.open_record("sale", sales[1].id)  # opens read-only, saying why
    qtbot.addWidget(form)
    seen.look(form)
    seen.look(window)
    assert seen.raw() == []


def test_a_file_open_elsewhere_is_said_in_chinese(window, qtbot, monkeypatch):
    seen = Seen(monkeypatch)
    second = open_database(window.db.path)  # the first window holds it: read-only here
    try:
        assert second.read_only
        other = MainWindow(second, Settings(language="zh", clerk_name="测试"))
        qtbot.addWidget(other)
        other.show()
        seen.watch(other)
        seen.look(other)
        sale = next(other.repo.iter("sale"))
        form = other.open_record("sale", sale.id)
        qtbot.addWidget(form)
        seen.look(form)
        other.close()
    finally:
        second.close()
    assert any("只读" in text for text in seen.texts), seen.texts
    assert seen.raw() == []
