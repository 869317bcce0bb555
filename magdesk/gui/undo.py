"""One QUndoCommand for every edit (magdesk.edits holds the logic)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

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
        # the push's own first redo must then not apply it again.
        self.skip_next_redo = applied

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self.edit.apply(self.repo)
        self.changed()

    def undo(self) -> None:
        self.edit.revert(self.repo)
        self.changed()
