"""One page per kind of record: a filter, a period, a paged table, and the
actions New / Edit / Delete that go through the undo stack."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..storage.db import Database
from .table_model import RecordTableModel


class RecordSection(QWidget):
    """A table of one entity.  Emits ``open_record(entity, id or None)`` and
    ``delete_records(entity, ids)``; the main window does the work."""

    open_record = Signal(str, object)
    delete_records = Signal(str, list)

    def __init__(self, db: Database, entity: str, lang: str, periods: list[str], parent=None):
        super().__init__(parent)
        self.entity = entity
        self.model = RecordTableModel(db, entity, lang, self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: number, name, code…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("filter")
        self.period = QComboBox()
        self.period.setObjectName("period")
        self.period.addItem(self.tr("All months"), None)
        for p in reversed(periods):
            self.period.addItem(p, p)
        self.period.setVisible(self.model.view.date_sql is not None)
        for widget in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.period)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        # Fit columns to the first rows only: looking at a million would take minutes.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        layout.addWidget(self.table)
        self.new_button.clicked.connect(lambda: self.open_record.emit(self.entity, None))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_selected)
        self.filter.textChanged.connect(self.apply_filter)
        self.period.currentIndexChanged.connect(self.apply_filter)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not getattr(self, "_sized", False):
            self._sized = True
            self.table.resizeColumnsToContents()
        super().showEvent(event)

    def apply_filter(self) -> None:
        self.model.set_filter(self.filter.text(), self.period.currentData())

    def refresh(self) -> None:
        self.model.refresh()

    def _open(self, row: int) -> None:
        record_id = self.model.record_id(row)
        if record_id is not None:
            self.open_record.emit(self.entity, record_id)

    def _edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open(index.row())

    def _delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.record_id(r) for r in rows]
        if ids:
            self.delete_records.emit(self.entity, [i for i in ids if i is not None])
