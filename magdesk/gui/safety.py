"""Restore points and a record's history, as the clerk sees them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import usecases


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    return table


class RestorePoints(QDialog):
    """The file's own restore points by date with their notes; Restore puts
    one back; From a file… chooses a backup copy instead."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore points"))
        self.db_path = db.path
        self.picked: Path | None = None  # a backup file chosen with From a file…
        self.points = usecases.list_snapshots(db)
        lang = getattr(parent, "lang", "zh")
        rows = [[p.taken_at.strftime("%Y-%m-%d %H:%M:%S"), usecases.point_note(p.note, lang),
                 f"{p.size / 1e6:.1f} MB",
                 ", ".join(p.filed)] for p in self.points]
        self.table = _table([self.tr("Taken"), self.tr("Note"), self.tr("Size"),
                             self.tr("Filed months inside")], rows)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Restoring first keeps the present state as a restore "
                                        "point of its own, then puts the chosen one back.")))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button = buttons.addButton(self.tr("From a file…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self._pick_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _pick_file(self) -> None:
        from .folders import last_folder, remember

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a backup file"), last_folder("backup", self.db_path.parent),
            self.tr("magdesk database (*.sqlite)"))
        if path:
            remember("backup", path)
            self.picked = Path(path)
            self.accept()

    def chosen(self):
        """The restore point chosen (a ``Snapshot``), the backup file picked
        (a ``Path``), or None."""
        if self.picked is not None:
            return self.picked
        row = self.table.currentRow()
        return self.points[row] if 0 <= row < len(self.points) else None

    @classmethod
    def ask(cls, db, parent: QWidget | None = None):
        """The restore point (or backup file) the clerk chose, or None."""
        dialog = cls(db, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class History(QDialog):
    """Who changed a record, when, and each field old → new."""

    def __init__(self, db, entity: str, record_id, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("History"))
        lang = _lang(parent)
        rows = []
        for line in usecases.history_lines(db, entity, record_id, lang):
            who = line.who
            if not line.app:
                who = self.tr("another program") + (f" ({who})" if who else "")
            rows.append([line.at.astimezone().strftime("%Y-%m-%d %H:%M"), who, line.what,
                         line.field, line.old, line.new])
        self.table = _table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Field"),
                             self.tr("Old value"), self.tr("New value")], rows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420)


def _lang(widget) -> str:
    """The clerk's language, as the form (or window) that opened the dialog has it."""
    while widget is not None:
        lang = getattr(widget, "lang", None)
        if isinstance(lang, str):
            return lang
        widget = widget.parentWidget()
    return "zh"
