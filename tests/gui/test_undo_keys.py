"""Edit ▸ Redo answers Ctrl+Y as well as the platform's keys (clerks from
Windows and WPS press it), and Undo and Redo say in the status bar what they did."""

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack


def test_redo_has_ctrl_y_besides_the_platforms_keys(qapp, monkeypatch):
    from PySide6.QtCore import QObject

    from magdesk.gui import undo

    x11 = {QKeySequence.StandardKey.Undo: [QKeySequence("Ctrl+Z")],
           QKeySequence.StandardKey.Redo: [QKeySequence("Ctrl+Shift+Z")]}  # as xcb gives them

    class X11Keys(QKeySequence):
        @staticmethod
        def keyBindings(key):  # noqa: N802 - Qt's name
            return list(x11[key])

    monkeypatch.setattr(undo, "QKeySequence", X11Keys)
    owner = QObject()
    guard = undo.GuardedUndo(QUndoStack(owner), "zh", lambda _text: None, owner)
    assert guard.undo_action.shortcuts() == [QKeySequence("Ctrl+Z")]
    assert guard.redo_action.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    x11[QKeySequence.StandardKey.Redo] = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
    guard = undo.GuardedUndo(QUndoStack(owner), "zh", lambda _text: None, owner)  # as Windows
    assert guard.redo_action.shortcuts() == [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]


def test_ctrl_z_and_ctrl_y_undo_redo_and_say_so(window, qtbot):
    product = window.repo.find("product", "MG-N42")
    assert window.commit(product, dataclasses.replace(product, spec="CHANGED")).ok
    step = window.undo_stack.undoText()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.repo.find("product", "MG-N42").spec == product.spec
    assert window.statusBar().currentMessage() == f"已撤销：{step}"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.repo.find("product", "MG-N42").spec == "CHANGED"
    assert window.statusBar().currentMessage() == f"已重做：{step}"
    assert step.startswith("修改产品")
