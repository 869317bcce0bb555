"""The 月度库存 and 申报 pages."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..usecases import reads
from ..usecases.kinds import Database
from .sections import fill_months

_INVENTORY = ("product_code", "product_name", "category", "opening_g", "in_purchase",
              "in_production", "out_sales", "out_consumption", "out_loss", "closing_g")


class InventoryPage(QWidget):
    """The month's stock per product, the same figures as the 月度库存 sheet."""

    def __init__(self, db: Database, lang: str, periods: list[str], parent=None):
        super().__init__(parent)
        self.db, self.lang = db, lang
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        self.period = QComboBox()
        self.period.setObjectName("period")
        fill_months(self.period, periods)
        bar.addWidget(self.period)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(_INVENTORY))
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Name"), self.tr("Category"), self.tr("Opening (kg)"),
            self.tr("Purchased (kg)"), self.tr("Produced (kg)"), self.tr("Sold (kg)"),
            self.tr("Consumed (kg)"), self.tr("Lost (kg)"), self.tr("Closing (kg)")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for name in ("product_name", "category"):  # texts, in full; the figures share the rest
            self.table.horizontalHeader().setSectionResizeMode(
                _INVENTORY.index(name), QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.period.currentIndexChanged.connect(self.refresh)
        self.shown_once = False

    def set_periods(self, periods: list[str]) -> None:
        fill_months(self.period, periods)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Computed when first looked at: the balance reads every movement."""
        if not self.shown_once:
            self.shown_once = True
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        from PySide6.QtCore import Qt

        from ..core import enums as E
        from ..core.kinds import mass

        period = self.period.currentData()
        rows = reads.inventory_rows(self.db, period) if period else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, name in enumerate(_INVENTORY):
                value = row[name]
                if name == "category":
                    text = E.Category(value).label(self.lang)
                elif isinstance(value, int):
                    text = mass.display(value, grouped=True)
                else:
                    text = str(value)
                item = QTableWidgetItem(text)
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if isinstance(value, int) and value < 0:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(r, c, item)


def next_to_file(statuses) -> str | None:
    """The month a clerk files next: of the months not filed, the one whose
    deadline comes first from today on; when every one is overdue, the newest
    of them (a file of past ledgers brought in at once is filed from the
    current month, not from its oldest); None when all are filed."""
    open_ = [s for s in statuses if s.state != "FILED"]
    due = [s for s in open_ if s.days_left >= 0]
    if due:
        return min(due, key=lambda s: s.deadline).period
    return open_[-1].period if open_ else None


class FilingPage(QWidget):
    """The months and their filing state, with Export / Mark filed / Amend."""

    export_requested = Signal(str)
    file_requested = Signal(str)
    amend_requested = Signal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export filing workbook…"))
        self.file_button = QPushButton(self.tr("Mark as filed…"))
        self.amend_button = QPushButton(self.tr("Start an amendment"))
        for b in (self.export_button, self.file_button, self.amend_button):
            b.setAutoDefault(True)  # Enter presses it, as Space does (not only in dialogs)
            bar.addWidget(b)
        bar.addStretch(1)
        self.template_label = QLabel()  # the template a new export uses (show_template)
        self.template_label.setObjectName("filingTemplate")
        bar.addWidget(self.template_label)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 6)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setHorizontalHeaderLabels([
            self.tr("Month"), self.tr("State"), self.tr("Revision"), self.tr("Deadline"),
            self.tr("Receipt no."), self.tr("Last file")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.export_button.clicked.connect(lambda: self._emit(self.export_requested))
        self.file_button.clicked.connect(lambda: self._emit(self.file_requested))
        self.amend_button.clicked.connect(lambda: self._emit(self.amend_requested))
        self.table.itemSelectionChanged.connect(self._enable)
        self._enable()

    template_name = None  # a callable giving the default template's name (set by the window)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.template_name is not None:  # read when shown: the window starts without it
            self.show_template(self.template_name())

    def show_template(self, name: str) -> None:
        """Name the template a month not yet filed is exported with (a filed or
        amended month keeps the one it was filed with)."""
        self.template_label.setText(self.tr("Filing template: {0}").format(name))
        self.template_label.setToolTip(self.tr(
            "Chosen on the Filing templates page; a month filed or being amended is exported "
            "again with the template it was filed with"))

    def _enable(self) -> None:
        """The actions apply to a month: greyed until one is chosen."""
        chosen = bool(self.table.selectedItems())
        for button in (self.export_button, self.file_button, self.amend_button):
            button.setEnabled(chosen)

    def selected_period(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).text() if row >= 0 else None

    def select(self, period: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == period:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    def _emit(self, signal) -> None:
        period = self.selected_period()
        if period:
            signal.emit(period)

    def set_periods(self, statuses) -> None:
        """Show the months (newest first), the chosen one still chosen (a new
        month shifts the rows); with none chosen, the next month to file
        (``next_to_file``), so that Export is one click away."""
        from ..core import enums as E

        chosen = self.selected_period() if self.table.selectedItems() else None
        if chosen is None or chosen not in {s.period for s in statuses}:
            chosen = next_to_file(statuses)
        rows = list(reversed(statuses))
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            cells = [s.period, E.PeriodState(s.state).label(self.lang), str(s.revision),
                     s.deadline.isoformat(), s.receipt_no, s.last_file]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if chosen is not None:
            self.select(chosen)
