"""The window's half of the one door: a record saved, deleted, undone or
redone is one use-case call (``magdesk.usecases``), and what it changed
(``Changes``) goes to one handler, ``on_changes``, where each view decides
whether to redraw.  The main window mixes this in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..usecases import reads
from .undo import EditCommand

if TYPE_CHECKING:
    from ..usecases.changes import Changes

# What a section's rows show of other records (names, codes, batch numbers):
# a change to those redraws the section too.
SHOWS = {"purchase": ("counterparty", "product"), "batch": ("product",),
         "sale": ("counterparty", "product", "batch"),
         "export": ("sale", "counterparty", "licence"),
         "licence": ("export", "counterparty")}  # its usage: the lines drawn on it


class ChangeHandling:
    """Part of MainWindow (its database, sections, undo stack, dashboard)."""

    def commit(self, old, new, inputs: list | None = None, accept=(), reason: str = ""
               ) -> Changes:
        """Save through the use case (the warnings in ``accept`` accepted with
        ``reason`` in the same step); a saved edit becomes the next undo step."""
        from .. import usecases

        lost = self.reconnect()
        if lost is not None:  # the server still away: said as the save's failure
            return lost
        changes = usecases.save(self.db, new, old=old, inputs=inputs, accept=accept,
                                reason=reason)
        if changes.ok:
            self.push_edit(changes.edit)
        self.on_changes(changes)
        return changes

    def delete_records(self, entity: str, ids: list) -> None:
        records = [r for r in (self.repo.get(entity, i) for i in ids) if r is not None]
        if not records or self.db.read_only:
            return
        from PySide6.QtWidgets import QMessageBox

        from .. import usecases
        from ..usecases.edits import Delete

        lost = self.reconnect()
        if lost is not None:
            QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Not deleted"),
                                lost.why(self.lang))
            return

        question = QCoreApplication.translate("MainWindow", "{0}?")
        answer = QMessageBox.question(self, QCoreApplication.translate("MainWindow", "Delete"),
                                      question.format(Delete(records).describe(self.lang)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        changes = usecases.delete(self.db, records)
        if changes.ok:
            self.push_edit(changes.edit)
        else:
            QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Not deleted"),
                                changes.why(self.lang))
        self.on_changes(changes)

    def reconnect(self) -> Changes | None:
        """Before a change: a server connection lost since the last one (its
        failure said then, what was typed kept) made again; if the server is
        still away, the ``Changes`` saying so (None when connected)."""
        from .. import usecases

        return usecases.reconnected(self.db)

    def push_edit(self, edit) -> None:
        """An edit already applied becomes the next undo step."""
        self.undo_stack.push(EditCommand(self.db, edit, self.lang, self.on_changes,
                                         applied=True))

    def _refused(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Not undone"), text)

    def on_changes(self, changes: Changes) -> None:
        """The one handler of what a use case changed: each view redraws what
        the change touched (sections, months, dashboard counts and chart,
        findings list, filing page, heading, status bar)."""
        if not changes.changed:
            return
        for entity, section in self.sections.items():
            if changes.touches(entity) or any(map(changes.touches, SHOWS.get(entity, ()))):
                section.refresh()
        if changes.touches("licence") or changes.touches("export"):
            self.refresh_licences()
        if changes.company:
            self.show_company(reads.heading(self.db))
        if changes.screening or changes.everything:
            self.screening.refresh()
        if changes.findings:  # until counted again: "…", not the counts of before
            self.dashboard.findings = None
        if changes.findings or changes.periods or changes.everything:
            # The months' states now, the sums and the findings in the
            # background (a large file's findings on request, as at opening).
            self.refresh_periods(with_findings=changes.findings)
        else:
            self.follow_months()
        if changes.templates:
            self.templates_page.refresh_if_read()
        if changes.touches("attachment"):  # an attach or removal, done or undone
            for form in self.open_forms():
                if getattr(form, "attachments", None) is not None:
                    form.attachments.refresh()
        if self.inventory.isVisible():  # else it reads its month when shown
            self.inventory.refresh()
        self._update_status()
