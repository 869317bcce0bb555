"""One page per kind of record: a filter, a period, a paged table, and the
actions New / Edit / Delete that go through the undo stack.

The buttons, the filter, the table and its model are made when the page is
first shown (or first asked for): a window opens with nine pages and the
clerk looks at one."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only QtCore's Signal and QTimer here: naming QtCore.Qt builds its ~100 enums
# (~40 ms), which neither the start nor a first table needs (the window builds
# them ahead, build_qt_namespace, while it waits for the clerk's first click).
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..usecases.kinds import Database

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from .table_model import RecordTableModel


class RecordSection(QWidget):
    """A table of one entity.  Emits ``open_record(entity, id or None)`` and
    ``delete_records(entity, ids)``; the main window does the work."""

    open_record = Signal(str, object)
    delete_records = Signal(str, list)

    TYPING_PAUSE_MS = 150  # the filter follows typing once the clerk pauses
    FIT_ROWS = 30  # columns are fitted to the first screenful: a million would take minutes
    WIDEST = 360  # px; longer texts are elided, the clerk can widen the column

    def __init__(self, db: Database, entity: str, lang: str, periods: list[str], parent=None):
        super().__init__(parent)
        self.db, self.entity, self.lang, self.periods = db, entity, lang, periods
        self._model: RecordTableModel | None = None
        self._table: QTableView | None = None
        self._bar: _Bar | None = None
        self.extra_buttons: list = []  # makers of buttons after New / Edit / Delete
        self.box = QVBoxLayout(self)

    # --- made when needed ---------------------------------------------------------------

    def bar(self) -> _Bar:
        """New / Edit / Delete, the filter and the month (disabled read-only)."""
        if self._bar is None:
            self._bar = self._make_bar()
        return self._bar

    def _make_bar(self) -> _Bar:
        bar = _Bar()
        bar.new_button = QPushButton(self.tr("New"))
        bar.edit_button = QPushButton(self.tr("Edit"))
        bar.delete_button = QPushButton(self.tr("Delete"))
        for button in (bar.new_button, bar.edit_button, bar.delete_button):
            button.setAutoDefault(True)  # Enter presses it, as Space does (not only in dialogs)
        bar.filter = QLineEdit()
        bar.filter.setPlaceholderText(self.tr("Filter: number, name, code…"))
        bar.filter.setClearButtonEnabled(True)
        bar.filter.setObjectName("filter")
        bar.period = QComboBox()
        bar.period.setObjectName("period")
        fill_months(bar.period, self.periods, self.tr("All months"))
        row = QHBoxLayout()
        for widget in (bar.new_button, bar.edit_button, bar.delete_button):
            widget.setEnabled(not self.db.read_only)
            row.addWidget(widget)
        for make in self.extra_buttons:  # a page's own actions (export lines: 申报要素…)
            row.addWidget(make())
        row.addStretch(1)
        bar.count = QLabel()
        bar.count.setObjectName("rowCount")
        row.addWidget(bar.count)
        row.addWidget(bar.filter, 2)
        row.addWidget(bar.period)
        self.box.insertLayout(0, row)
        # Only now, with a parent: a parentless widget made visible is a window of its
        # own, which would flash up and take the focus from whatever the clerk types in.
        bar.period.setHidden(not has_months(self.entity))
        bar.typing = QTimer(self)
        bar.typing.setSingleShot(True)
        bar.typing.setInterval(self.TYPING_PAUSE_MS)
        bar.typing.timeout.connect(self.apply_filter)
        bar.new_button.clicked.connect(lambda: self.open_record.emit(self.entity, None))
        bar.edit_button.clicked.connect(self._edit_current)
        bar.delete_button.clicked.connect(self._delete_selected)
        bar.filter.textEdited.connect(lambda _text: bar.typing.start())
        bar.filter.textChanged.connect(self._text_changed)
        bar.period.currentIndexChanged.connect(self.apply_filter)
        return bar

    @property
    def new_button(self) -> QPushButton:
        return self.bar().new_button

    @property
    def edit_button(self) -> QPushButton:
        return self.bar().edit_button

    @property
    def delete_button(self) -> QPushButton:
        return self.bar().delete_button

    @property
    def filter(self) -> QLineEdit:
        return self.bar().filter

    @property
    def period(self) -> QComboBox:
        return self.bar().period

    @property
    def typing(self) -> QTimer:
        """Runs while the clerk types in the filter; it applies at the pause."""
        return self.bar().typing

    @property
    def model(self) -> RecordTableModel:
        if self._model is None:
            from .table_model import RecordTableModel

            self._model = RecordTableModel(self.db, self.entity, self.lang, self)
            if self._bar is not None:
                self._model.set_filter(self.filter.text(), self.period.currentData())
        return self._model

    @property
    def table(self) -> QTableView:
        if self._table is None:
            self._table = self._make_table()
        return self._table

    def _make_table(self) -> QTableView:
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        from .table_model import number_rows

        # Parent, row height and row numbers set before the rows come: a table
        # shown before Qt's namespace is built has Qt's header measure 200 labels at each
        # change of these (5 million instructions a time).
        table = QTableView(self)
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        number_rows(table)
        table.verticalHeader().setDefaultSectionSize(22)
        table.setModel(self.model)
        # The titles from a model of their own, and sorting done here on a click
        # (as QTableView's sortingEnabled would): see table_model's docstring.
        titles = QStandardItemModel(0, self.model.columnCount(), table)
        titles.setHorizontalHeaderLabels(
            [self.model.title(c) for c in range(self.model.columnCount())])
        header = table.horizontalHeader()
        header.setModel(titles)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_clicked)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)  # one line a row: a long text ends in "…" (and lays out faster)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(120)
        table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.box.addWidget(table)
        self.model.modelReset.connect(self._show_count)
        self._show_count()
        self._fit_columns(table)
        self._empty_fit = self.model.rowCount() == 0  # fitted to the titles alone
        self.model.modelReset.connect(lambda: self._refit(table))
        header.sectionResized.connect(self._resized)
        return table

    def _resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._clerk_widths = True  # a width the clerk chose: kept from now on

    _fitting = False
    _clerk_widths = False

    def _refit(self, table: QTableView) -> None:
        """Rows arrived in a table fitted empty (a new file's first entry or
        import, rows again after the last were deleted): fit them; so, while
        the table is no more than its first screenful and no width is the
        clerk's, does every row entered after (a longer name than the first).
        A filter that matched nothing does not count: the clerk's widths stay."""
        model = self.model
        rows = model.rowCount()
        growing = 0 < rows <= self.FIT_ROWS and not self._clerk_widths \
            and not model.text and not model.period
        if rows and self._empty_fit or growing:
            self._fit_columns(table)
            self._empty_fit = False
        elif not rows and not model.text and not model.period:
            self._empty_fit = True

    _empty_fit = False

    def _fit_columns(self, table: QTableView) -> None:
        """Each column as wide as its title or its widest text in the first
        rows, measured here rather than asked of the view cell by cell."""
        model, header = self.model, table.horizontalHeader()
        cells, titles = table.fontMetrics(), header.fontMetrics()
        rows = range(min(model.rowCount(), self.FIT_ROWS))
        for column in range(model.columnCount()):
            texts = {model.cell_text(row, column) or "" for row in rows}
            longest = sorted(texts, key=_width_guess)[-3:]  # measured: the likely widest
            widest = max((cells.horizontalAdvance(t) for t in longest), default=0) + 12
            if model.right_aligned(column):  # rows further down may hold bigger numbers
                widest += cells.horizontalAdvance("0,00")
            title = titles.horizontalAdvance(model.title(column)) + 28  # room for the arrow
            self._fitting = True
            try:
                header.resizeSection(column, min(max(widest, title), self.WIDEST))
            finally:
                self._fitting = False

    def _sort_clicked(self, column: int) -> None:
        """A title clicked: sort by it, ascending first, the other way on the
        next click (the sort indicator shows it).  The order follows the
        model's, not the indicator's: a real click has Qt's header flip its
        indicator before this runs."""
        from PySide6.QtCore import Qt

        again = self.model.sort_column == self.model.view.columns[column].name
        down = again and not self.model.descending
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if down
                                else Qt.SortOrder.AscendingOrder)
        self.table.scrollToTop()  # the head of the new order (read at once), as a filter does

    def prepare(self) -> None:
        """Count the rows and read the first page ahead (a million sales take
        10-20 ms to count), before the clerk's first click."""
        self.model.cell_text(0, 0)

    def warm_glyphs(self) -> None:
        """Draw the characters of the first screenful once, out of sight:
        the font engine renders each glyph the first time it is drawn (a
        sixth of painting a first table of sales), and keeps it."""
        from PySide6.QtGui import QImage, QPainter

        model = self.model
        chars = {ch for row in range(min(self.FIT_ROWS, model.rowCount()))
                 for column in range(model.columnCount())
                 for ch in model.cell_text(row, column) or ""}
        if chars:
            image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            painter.setFont(self.font())  # the table's, which it inherits
            painter.drawText(0, 0, "".join(sorted(chars)))
            painter.end()

    def build(self) -> None:
        """Make the filter bar and the table (on first show, or ahead)."""
        self.bar()
        self.table  # noqa: B018

    def number_rows(self) -> None:
        """Row numbers of our own for a table made before Qt's namespace was."""
        if self._table is not None:
            from .table_model import number_rows

            number_rows(self._table)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.build()
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
            if self._table is not None:
                self._table.scrollToTop()  # other rows now: from the first

    def _show_count(self) -> None:
        """How many rows the table holds, or that none match."""
        rows = self.model.rowCount()
        filtered = bool(self.model.text or self.model.period)
        self.bar().count.setText(self.tr("No matching records") if filtered and not rows
                                 else self.tr("1 row") if rows == 1
                                 else self.tr("{0} rows").format(f"{rows:,}"))

    def refresh(self) -> None:
        if self._model is not None:  # a model made later reads the file then
            self._model.refresh()

    def chosen_month(self) -> str | None:
        """The month the filter shows ("YYYY-MM"), or None (all months, or no bar yet)."""
        return self._bar.period.currentData() if self._bar is not None else None

    def set_periods(self, periods: list[str]) -> None:
        """The months with data changed (a record in a new month): offer them."""
        self.periods = periods
        if self._bar is not None:
            fill_months(self._bar.period, periods, self.tr("All months"))

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


# What the first table shown needs, imported ahead (one a step of the
# window's IdleQueue) while the clerk looks at the dashboard.
TABLE_MODULES = ("magdesk.core.enums", "magdesk.core.fields", "magdesk.storage.paging",
                 "magdesk.core.units", "magdesk.gui.display", "magdesk.gui.table_model")


def build_qt_namespace() -> None:
    """Have PySide make QtCore.Qt (it builds its ~100 enums on first use,
    ~40 ms): a step of its own, the last the window takes ahead."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItemModel  # noqa: F401

    Qt.Orientation  # noqa: B018


def fill_months(box: QComboBox, periods: list[str], everything: str | None = None) -> None:
    """``box`` offers ``periods``, newest first (after ``everything``, when
    given, meaning no month); the month chosen stays chosen, without a
    signal, when it is still offered."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    if everything is not None:
        box.addItem(everything, None)
    for p in reversed(periods):
        box.addItem(p, p)
    at = box.findData(chosen)
    box.setCurrentIndex(max(at, 0))
    box.blockSignals(False)
    if box.currentData() != chosen:  # the month chosen is gone: show what is now chosen
        box.currentIndexChanged.emit(box.currentIndex())


def _width_guess(text: str) -> int:
    """Characters, a CJK one counted twice (they are about twice as wide)."""
    return len(text) + sum(1 for ch in text if ch >= "\u2e80")


def has_months(entity: str) -> bool:
    """Whether the section's rows are dated (a month filter applies)."""
    from ..usecases.kinds import VIEWS

    return VIEWS[entity].date_sql is not None


class _Bar:
    """The row above a section's table (made by ``RecordSection._make_bar``)."""

    new_button: QPushButton
    edit_button: QPushButton
    delete_button: QPushButton
    filter: QLineEdit
    period: QComboBox
    count: QLabel
    typing: QTimer
