"""One page per kind of record: a filter, a period, a paged table, and the
actions New / Edit / Delete that go through the undo stack.

The table and its model are made when the page is first shown (or first
asked for): a window opens with nine pages and the clerk looks at one."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only QtCore's Signal and QTimer here: naming QtCore.Qt builds its ~200 enums
# (tens of ms), which the window's start-up can do without.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..storage.db import Database
from ..storage.paging import VIEWS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from .table_model import RecordTableModel


class RecordSection(QWidget):
    """A table of one entity.  Emits ``open_record(entity, id or None)`` and
    ``delete_records(entity, ids)``; the main window does the work."""

    open_record = Signal(str, object)
    delete_records = Signal(str, list)

    TYPING_PAUSE_MS = 150  # the filter follows typing once the clerk pauses
    FIT_ROWS = 60  # columns are fitted to the first rows: a million would take minutes
    WIDEST = 360  # px; longer texts are elided, the clerk can widen the column

    def __init__(self, db: Database, entity: str, lang: str, periods: list[str], parent=None):
        super().__init__(parent)
        self.db, self.entity, self.lang = db, entity, lang
        self._model: RecordTableModel | None = None
        self._table: QTableView | None = None
        self.box = QVBoxLayout(self)
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
        self.period.setVisible(VIEWS[entity].date_sql is not None)
        for widget in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.period)
        self.box.addLayout(bar)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(self.TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.apply_filter)
        self.new_button.clicked.connect(lambda: self.open_record.emit(self.entity, None))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_selected)
        self.filter.textEdited.connect(lambda _text: self.typing.start())
        self.filter.textChanged.connect(self._text_changed)
        self.period.currentIndexChanged.connect(self.apply_filter)

    # --- made when needed ---------------------------------------------------------------

    @property
    def model(self) -> RecordTableModel:
        if self._model is None:
            from .table_model import RecordTableModel

            self._model = RecordTableModel(self.db, self.entity, self.lang, self)
            self._model.set_filter(self.filter.text(), self.period.currentData())
        return self._model

    @property
    def table(self) -> QTableView:
        if self._table is None:
            self._table = self._make_table()
        return self._table

    def _make_table(self) -> QTableView:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        table = QTableView()
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the view's own order
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setDefaultSectionSize(22)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(120)
        table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.box.addWidget(table)
        self._fit_columns(table)
        return table

    def _fit_columns(self, table: QTableView) -> None:
        """Each column as wide as its title or its widest text in the first
        rows, measured here rather than asked of the view cell by cell."""
        model, header = self.model, table.horizontalHeader()
        cells, titles = table.fontMetrics(), header.fontMetrics()
        rows = range(min(model.rowCount(), self.FIT_ROWS))
        for column in range(model.columnCount()):
            texts = [model.cell_text(row, column) for row in rows]
            widest = max((cells.horizontalAdvance(t) for t in texts), default=0) + 12
            title = titles.horizontalAdvance(model.title(column)) + 28  # room for the arrow
            header.resizeSection(column, min(max(widest, title), self.WIDEST))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.table  # noqa: B018 - made on first show
        super().showEvent(event)

    # --- filters ------------------------------------------------------------------------

    def _text_changed(self, _text: str) -> None:
        """Typing waits for a pause (the timer); text set otherwise applies now."""
        if not self.typing.isActive():
            self.apply_filter()

    def apply_filter(self) -> None:
        self.typing.stop()
        if self._model is not None:
            self._model.set_filter(self.filter.text(), self.period.currentData())

    def refresh(self) -> None:
        if self._model is not None:  # a model made later reads the file then
            self._model.refresh()

    # --- records --------------------------------------------------------------------------

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
