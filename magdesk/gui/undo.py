"""One QUndoCommand for every edit (magdesk.usecases.edits holds the logic), and the
Undo and Redo actions that let an edit refuse: a step that cannot be undone
now (an imported record changed since, a filed month) stays where it is and
the clerk is told why."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

if TYPE_CHECKING:  # the window makes its Undo and Redo before any edit exists
    from ..usecases.changes import Changes
    from ..usecases.edits import Edit
    from ..usecases.kinds import Database


class EditCommand(QUndoCommand):
    """Adapts an Edit; every apply and revert goes through the use cases
    (``usecases.records.undo`` / ``redo``) and ``changed(changes)`` hears
    what it changed, or why it was refused (nothing changed then)."""

    def __init__(self, db: Database, edit: Edit, lang: str,
                 changed: Callable[[Changes], None], applied: bool = False):
        super().__init__(edit.describe(lang))
        self.db, self.edit, self.changed = db, edit, changed
        # An edit is applied before it is pushed (so a refusal can be shown);
        # the push's own first redo must then not apply it again.  The guarded
        # actions below do the same: they apply or revert first, then move the stack.
        self.skip_next_redo = applied
        self.skip_next_undo = False

    def run(self, undo: bool) -> Changes:
        """Revert (``undo``) or apply the edit; what changed, or why not."""
        from ..usecases import records

        return (records.undo if undo else records.redo)(self.db, self.edit)

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self.changed(self.run(undo=False))

    def undo(self) -> None:
        if self.skip_next_undo:
            self.skip_next_undo = False
            return
        self.changed(self.run(undo=True))


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
        return self._move(self.stack.command(self.stack.index() - 1), undo=True)

    def redo(self) -> bool:
        if not self.stack.canRedo():
            return False
        return self._move(self.stack.command(self.stack.index()), undo=False)

    def _move(self, command, undo: bool) -> bool:
        """Revert or apply ``command``'s edit first; the stack moves only when
        it went through, so Undo and Redo stay what the file is."""
        if not isinstance(command, EditCommand):
            self.stack.undo() if undo else self.stack.redo()
        else:
            changes = command.run(undo)
            if not changes.ok:
                self.refused(changes.why(self.lang))
                return False
            if undo:
                command.skip_next_undo = True
                self.stack.undo()
            else:
                command.skip_next_redo = True
                self.stack.redo()
            command.changed(changes)
        text = self.tr("Undone: {0}") if undo else self.tr("Redone: {0}")
        self.done.emit(text.format(command.text()))
        return True
