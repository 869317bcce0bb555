"""The 申报模板 page: the filing templates (the built-in ones and those kept in
the file), the company's default, learning one from an authority's sample
workbook (``template_learn``), showing one's TOML, deleting one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..usecases.kinds import Database


class TemplatesPage(QWidget):
    """The list of templates, with Learn / Make default / Delete / Show."""

    changed = Signal(object)  # the Changes of a write, for MainWindow.on_changes
    status = Signal(str)  # a line for the status bar

    def __init__(self, db: Database, lang: str, months: Callable[[], list[str]],
                 parent=None):
        super().__init__(parent)
        self.db, self.lang, self.months = db, lang, months
        self.entries: list = []
        self.learn_dialog = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.learn_button = QPushButton(self.tr("Learn from a sample…"))
        self.default_button = QPushButton(self.tr("Make default"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.show_button = QPushButton(self.tr("Show"))
        for button in (self.learn_button, self.default_button, self.delete_button,
                       self.show_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 6)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setObjectName("templates")
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Version"), self.tr("Kept"), self.tr("Default"),
            self.tr("Sample file"), self.tr("Saved at")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr(
            "An export writes through the default template. Learn the authority's own "
            "template from a sample workbook: each of its columns is mapped to magdesk's "
            "data, and the template is kept in this file."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.learn_button.clicked.connect(lambda: self.learn())
        self.default_button.clicked.connect(self.make_default)
        self.delete_button.clicked.connect(self.delete)
        self.show_button.clicked.connect(self.show_text)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda _index: self.show_text())
        self.read_only_reason = ""
        if db.read_only:
            from ..usecases.kinds import said

            self.read_only_reason = self.tr("Read-only: {0}").format(
                said(db.read_only_reason, lang))
            self.learn_button.setEnabled(False)
            self.learn_button.setToolTip(self.read_only_reason)
        self.shown_once = False
        self._enable()

    # --- the list -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Read when first looked at: the window opens without the templates."""
        if not self.shown_once:
            self.shown_once = True
            self.refresh()
        super().showEvent(event)

    def refresh_if_read(self) -> None:
        """After a change to the templates: read again if shown before."""
        if self.shown_once:
            self.refresh()

    def refresh(self, select: str | None = None) -> None:
        from PySide6.QtGui import QFont

        from .. import usecases

        chosen = select or self.selected_name()
        self.entries = usecases.list_templates(self.db)
        self.table.clearSelection()
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            cells = [e.name, str(e.version),
                     self.tr("Built in") if e.builtin else self.tr("In this file"),
                     "✓" if e.is_default else "", e.sample_name,
                     e.saved_at.replace("T", " ")[:16]]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if e.is_default:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if c == 0 and e.is_default:
                    item.setToolTip(self.tr("The company's default: an export writes through it"))
                self.table.setItem(r, c, item)
        names = [e.name for e in self.entries]
        if chosen is None:  # first shown: the default, Show one click away
            chosen = next((e.name for e in self.entries if e.is_default), None)
        if chosen in names:
            self.table.selectRow(names.index(chosen))
        self._enable()

    def selected(self):
        rows = {i.row() for i in self.table.selectedItems()}
        return self.entries[rows.pop()] if len(rows) == 1 else None

    def selected_name(self) -> str | None:
        entry = self.selected()
        return entry.name if entry is not None else None

    def _enable(self) -> None:
        entry = self.selected()
        self.show_button.setEnabled(entry is not None)
        for button, may in ((self.default_button, entry is not None and not entry.is_default),
                            (self.delete_button, entry is not None and not entry.builtin)):
            if self.read_only_reason:
                button.setEnabled(False)
                button.setToolTip(self.read_only_reason)
            else:
                button.setEnabled(may)
                button.setToolTip("" if may or entry is None else (
                    self.tr("It is the default already") if button is self.default_button
                    else self.tr("A built-in template cannot be deleted")))

    # --- writing --------------------------------------------------------------------------

    def _done(self, changes) -> bool:
        """Tell the window what changed; say why when nothing was written."""
        if not changes.ok:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Not saved"), changes.why(self.lang))
        self.changed.emit(changes)
        return changes.ok

    def make_default(self) -> None:
        from .. import usecases

        entry = self.selected()
        if entry is None or self.db.read_only:
            return
        if self._done(usecases.set_default_template(self.db, entry.name)):
            self.status.emit(self.tr("“{0}” is now the company's default filing template")
                             .format(entry.name))
            self.refresh(entry.name)

    def delete(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .. import usecases

        entry = self.selected()
        if entry is None or entry.builtin or self.db.read_only:
            return
        question = self.tr("Delete the filing template “{0}” (all its {1} versions)?")
        if entry.is_default:
            question += "\n\n" + self.tr("It is the default: exports go back to the built-in "
                                         "template.")
        answer = QMessageBox.question(
            self, self.tr("Delete template"), question.format(entry.name, entry.versions),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._done(usecases.delete_template(self.db, entry.name)):
            self.status.emit(self.tr("Filing template “{0}” deleted").format(entry.name))
            self.refresh()

    def show_text(self) -> None:
        """The template's TOML, read-only."""
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit

        from .. import usecases
        from .flows import refusal

        entry = self.selected()
        if entry is None:
            return
        try:
            text = usecases.template_text(self.db, entry.name)
        except Exception as exc:  # a template the file no longer holds
            QMessageBox.warning(self, self.tr("Template"), refusal(exc, self.lang))
            return
        dialog = QDialog(self)
        dialog.setObjectName("templateText")
        dialog.setWindowTitle(self.tr("Filing template “{0}”, version {1}").format(
            entry.name, entry.version))
        layout = QVBoxLayout(dialog)
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(900, 600)
        self.text_dialog = dialog
        dialog.open()

    # --- learning -------------------------------------------------------------------------

    def learn(self, path: str | Path | None = None) -> None:
        """Learn the authority's sample workbook at ``path`` (asked for when
        None) and map it (a dialog)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from .. import usecases
        from .folders import last_folder, remember
        from .servers import home_folder

        if self.db.read_only:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("The authority's sample workbook"),
                last_folder("template", home_folder(self.db)),
                self.tr("Excel workbook (*.xlsx *.xlsm)"))
            if not path:
                return
            remember("template", path)
        try:
            learned = usecases.learn_template(path)
        except usecases.SampleError as exc:
            QMessageBox.warning(self, self.tr("Not learned"), exc.message(self.lang))
            return
        from .template_learn import LearnDialog

        if self.learn_dialog is not None:  # the one before, closed: gone now
            self.learn_dialog.deleteLater()
        dialog = LearnDialog(self.db, self.lang, learned, Path(path), self.months(), self)
        dialog.saved.connect(self._learned)
        self.learn_dialog = dialog
        dialog.open()

    def _learned(self, changes, name: str) -> None:
        self.changed.emit(changes)
        self.refresh(name)
        version = next((e.version for e in self.entries if e.name == name), 1)
        self.status.emit(self.tr("Filing template “{0}” version {1} saved").format(name, version))
