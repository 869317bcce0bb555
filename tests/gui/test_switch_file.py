"""File ▸ Open of another file: the window stays, busy, until the other one
is open and painted; a refusal or Cancel leave it as it was; the file left
behind closes, with a restore point only when this session changed it."""

import dataclasses
import os
import shutil
import threading

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from magdesk import usecases
from magdesk.gui import opening
from magdesk.storage.db import OpenCancelled

from .conftest import wait_for_tasks


def _other(demo_file, tmp_path):
    path = tmp_path / "other.sqlite"
    shutil.copyfile(demo_file, path)
    return path


def _open(window, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.open_database()


def _held_opening(monkeypatch) -> threading.Event:
    """Opening a file waits for the returned gate (at most 10 s)."""
    gate = threading.Event()
    real = opening.open_file

    def slow_open(path, **kw):
        gate.wait(10)
        return real(path, **kw)

    monkeypatch.setattr(opening, "open_file", slow_open)
    return gate


def _switched(qtbot, window):
    qtbot.waitUntil(lambda: getattr(window, "replacement", None) is not None, timeout=60000)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)  # once the new one painted
    opening.wait_closed()
    return fresh


def test_the_window_stays_busy_until_the_other_file_is_open(window, qtbot, monkeypatch,
                                                            demo_file, tmp_path):
    other = _other(demo_file, tmp_path)
    gate = _held_opening(monkeypatch)
    _open(window, monkeypatch, other)
    assert window.isVisible() and not window.centralWidget().isEnabled()
    assert QApplication.overrideCursor() is not None
    assert window.statusBar().currentMessage() == "正在打开 other.sqlite：检查文件…"
    window.open_database()  # a second Open meanwhile is not a second switch
    gate.set()
    fresh = _switched(qtbot, window)
    assert fresh.db.path == other and not fresh.db.read_only
    assert QApplication.overrideCursor() is None
    assert window.db._closed  # the file left behind, closed
    assert usecases.list_snapshots(window.db.path) == []  # unchanged: no restore point
    wait_for_tasks(qtbot, fresh)
    fresh.db.close()


def test_a_file_changed_in_this_session_keeps_its_restore_point(window, qtbot, monkeypatch,
                                                                demo_file, tmp_path):
    product = window.repo.find("product", "MG-N42")
    window.commit(product, dataclasses.replace(product, spec="D10x2"))
    _open(window, monkeypatch, _other(demo_file, tmp_path))
    fresh = _switched(qtbot, window)
    points = usecases.list_snapshots(window.db.path)
    assert [(p.kind, p.note) for p in points] == [("exit", "on closing")]
    qtbot.waitUntil(lambda: "已为 copy.sqlite 保存还原点" in fresh.statusBar().currentMessage())
    assert window.db._closed
    wait_for_tasks(qtbot, fresh)
    fresh.db.close()


def test_a_damaged_file_is_refused_and_the_window_goes_on(window, qtbot, monkeypatch,
                                                          demo_file, tmp_path):
    other = _other(demo_file, tmp_path)
    with open(other, "r+b") as fh:
        fh.seek(8192)
        fh.write(os.urandom(other.stat().st_size - 8192))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    _open(window, monkeypatch, other)
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    assert "已损坏" in said[0] and "other.sqlite" in said[0]  # said in the clerk's language
    assert "is damaged" not in said[0]
    assert window.isVisible() and window.centralWidget().isEnabled()
    assert not hasattr(window, "replacement") and not window.db._closed
    assert window.repo.find("product", "MG-N42") is not None  # its file still in use
    assert QApplication.overrideCursor() is None


def test_cancel_gives_up_the_other_file(window, qtbot, monkeypatch, demo_file, tmp_path):
    other = _other(demo_file, tmp_path)

    def endless_check(path, *, cancelled, **kw):
        while not cancelled():
            threading.Event().wait(0.02)
        raise OpenCancelled("cancelled")

    monkeypatch.setattr(opening, "open_file", endless_check)
    _open(window, monkeypatch, other)
    task = window.switching.task
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=5000)  # after half a second
    task.dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert window.isVisible() and window.centralWidget().isEnabled()
    assert window.statusBar().currentMessage() == "未打开 other.sqlite（已取消）"
    assert not hasattr(window, "replacement") and window.switching is None
    assert QApplication.overrideCursor() is None


def test_the_first_file_checked_at_length_shows_a_dialog_with_cancel(qtbot, monkeypatch,
                                                                     demo_copy):
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QProgressDialog

    db = opening.open_first(demo_copy)  # quick: no dialog
    db.close()
    seen = []

    def endless_check(path, *, cancelled, **kw):
        while not cancelled():
            threading.Event().wait(0.02)
        raise OpenCancelled("cancelled")

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()]
        seen.extend(d.labelText() for d in dialogs)
        dialogs[0].findChild(QPushButton).click()

    monkeypatch.setattr(opening, "open_file", endless_check)
    QTimer.singleShot(900, press_cancel)
    with pytest.raises(OpenCancelled):
        opening.open_first(demo_copy)
    said = QCoreApplication.translate("Switch", "Opening {0}: checking the file…")
    assert seen == [said.format("copy.sqlite")]  # in the language installed
    assert QApplication.instance().quitOnLastWindowClosed()


def test_forms_given_up_for_another_file_are_held_then_closed_with_their_window(
        window, qtbot, monkeypatch, demo_file, tmp_path):
    other = _other(demo_file, tmp_path)
    form = window.open_record("counterparty", window.repo.iter("counterparty").__next__().id)
    form.show()
    form.widgets["address"].setFocus()
    qtbot.keyClicks(form.widgets["address"], " STALE")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or
                        QMessageBox.StandardButton.Discard)
    gate = _held_opening(monkeypatch)
    _open(window, monkeypatch, other)
    assert len(asked) == 1  # given up once, before the switch
    assert form.isVisible() and not form.isEnabled()  # nothing more typed meanwhile
    gate.set()
    fresh = _switched(qtbot, window)
    assert not shiboken_valid(form) or not form.isVisible()  # gone with its window
    assert len(asked) == 1  # and not asked again
    wait_for_tasks(qtbot, fresh)
    fresh.db.close()


def shiboken_valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
