"""One QUndoCommand for every edit (magdesk.edits holds the logic), and the
Undo and Redo actions that let an edit refuse: a step that cannot be undone
now (an imported record changed since, a filed month) stays where it is and
the clerk is told why."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from ..storage.db import StorageError

if TYPE_CHECKING:  # the window makes its Undo and Redo before any edit exists
    from ..edits import Edit
    from ..storage.repository import Repository


class EditCommand(QUndoCommand):
    """Adapts an Edit; ``changed`` is called after every apply and revert so
    the tables can refresh."""

    def __init__(self, repo: Repository, edit: Edit, lang: str, changed: Callable[[], None],
                 applied: bool = False):
        super().__init__(edit.describe(lang))
        self.repo, self.edit, self.changed = repo, edit, changed
        # An edit is applied before it is pushed (so a refusal can be shown);
        # the push's own first redo must then not apply it again.  The guarded
        # actions below do the same: they apply or revert first, then move the stack.
        self.skip_next_redo = applied
        self.skip_next_undo = False

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self.edit.apply(self.repo)
        self.changed()

    def undo(self) -> None:
        if self.skip_next_undo:
            self.skip_next_undo = False
            return
        self.edit.revert(self.repo)
        self.changed()


def refusal_text(exc: Exception, lang: str) -> str:
    """Why an edit was refused, for the clerk: every refusal says itself
    through the catalogue of the clerk's words (never its code)."""
    from ..storage.reasons import said

    # UndoRefused, a filed month, a taken key, a record in use, a full disk, a drive gone
    return said(exc, lang)


class GuardedUndo(QObject):
    """Undo and Redo actions over ``stack`` that first revert (apply) the
    edit and move the stack only when it went through; ``refused(text)``
    hears why when it did not (nothing changed then), ``done`` what was
    undone or redone when it did (已撤销：新增销售出库 SO-…)."""

    done = Signal(str)

    def __init__(self, stack: QUndoStack, lang: str, refused: Callable[[str], None],
                 parent: QObject):
        super().__init__(parent)
        self.stack, self.lang, self.refused = stack, lang, refused
        self.undo_action = self._action(stack.createUndoAction(parent, self.tr("Undo")),
                                        self.undo, QKeySequence.keyBindings(
                                            QKeySequence.StandardKey.Undo))
        # Redo is Ctrl+Shift+Z on Linux; clerks coming from Windows and WPS press Ctrl+Y
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:  # Windows binds it already
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action = self._action(stack.createRedoAction(parent, self.tr("Redo")),
                                        self.redo, redo_keys)

    @staticmethod
    def _action(action: QAction, slot, shortcuts: list[QKeySequence]) -> QAction:
        action.triggered.disconnect()  # the stack's own undo()/redo(): go through ours
        action.triggered.connect(slot)
        action.setShortcuts(shortcuts)  # the platform's every binding (and Ctrl+Y for Redo)
        return action

    def undo(self) -> bool:
        """Undo the last step; False (and ``refused`` told) when it refuses."""
        if not self.stack.canUndo():
            return False
        command = self.stack.command(self.stack.index() - 1)
        if not isinstance(command, EditCommand):
            self.stack.undo()
        else:
            from ..edits import UndoRefused

            try:
                command.edit.revert(command.repo)
            except (UndoRefused, StorageError) as exc:
                self.refused(refusal_text(exc, self.lang))
                return False
            command.skip_next_undo = True
            self.stack.undo()
            command.changed()
        self.done.emit(self.tr("Undone: {0}").format(command.text()))
        return True

    def redo(self) -> bool:
        if not self.stack.canRedo():
            return False
        command = self.stack.command(self.stack.index())
        if not isinstance(command, EditCommand):
            self.stack.redo()
        else:
            from ..edits import UndoRefused

            try:
                command.edit.apply(command.repo)
            except (UndoRefused, StorageError) as exc:
                self.refused(refusal_text(exc, self.lang))
                return False
            command.skip_next_redo = True
            self.stack.redo()
            command.changed()
        self.done.emit(self.tr("Redone: {0}").format(command.text()))
        return True
