"""工作台: one row per month (state, deadline, errors and warnings) and a chart
of monthly inbound and outbound mass by category."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the labels and counts are imported when there are months to show
    from ..core.findings import Finding

_CENTRED = 0x0084  # Qt.AlignmentFlag.AlignCenter: naming QtCore.Qt at start costs ~30 ms
_FOREGROUND = 9  # Qt.ItemDataRole.ForegroundRole (setForeground's QBrush conversion loads Qt)
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]


class FlowChart(QWidget):
    """Stacked bars: for each month, what came in (left) and went out (right).
    ``painted`` is emitted once, after its first paint (the window is up)."""

    painted = Signal()

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.flows: dict[str, dict[str, tuple[int, int]]] = {}
        self.setMinimumHeight(220)
        white = self.palette()  # Qt paints the background (fillRect here would load QtCore.Qt)
        white.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(white)
        self.setAutoFillBackground(True)

    def set_flows(self, flows) -> None:
        self.flows = flows
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not getattr(self, "_was_painted", False):
            self._was_painted = True
            QTimer.singleShot(0, self.painted.emit)  # once this frame is out
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        months = list(self.flows)[-12:]
        if not months:
            painter.drawText(self.rect(), _CENTRED, self.tr("No data yet"))
            return
        from PySide6.QtCore import Qt

        categories = sorted({c for m in months for c in self.flows[m]})
        colour = {c: QColor(PALETTE[i % len(PALETTE)]) for i, c in enumerate(categories)}
        top = max(max(sum(v[0] for v in self.flows[m].values()),
                      sum(v[1] for v in self.flows[m].values())) for m in months) or 1
        left, bottom, legend_w = 56, self.height() - 28, 170
        width = self.width() - left - legend_w - 10
        height = bottom - 16
        slot = width / len(months)
        painter.setPen(QPen(QColor("#888")))
        painter.drawLine(left, bottom, left + int(width), bottom)
        painter.drawText(4, 20, f"{top / 1e6:,.1f} t")
        for i, month in enumerate(months):
            x = left + i * slot
            for side in (0, 1):
                y = bottom
                for cat in categories:
                    grams = self.flows[month].get(cat, (0, 0))[side]
                    h = grams / top * height
                    bar = QRectF(x + slot * (0.12 + 0.4 * side), y - h, slot * 0.36, h)
                    painter.fillRect(bar, colour[cat].lighter(100 + 35 * side))
                    y -= h
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(x, bottom + 2, slot, 20), Qt.AlignmentFlag.AlignCenter,
                             month[2:])
        self._legend(painter, categories, colour, left + int(width) + 14)

    def _legend(self, painter: QPainter, categories, colour, x: int) -> None:
        from ..core import enums as E

        painter.drawText(x, 16, self.tr("left: in · right: out"))
        for i, cat in enumerate(categories):
            y = 26 + i * 18
            painter.fillRect(x, y, 12, 12, colour[cat])
            painter.drawText(x + 18, y + 11, E.Category(cat).label(self.lang)
                             if cat in E.Category.__members__ else cat)


ERROR_COLUMN, WARNING_COLUMN = 4, 5  # of the month table: a click lists the findings


class Dashboard(QWidget):
    """Emits ``open_finding(finding)`` when the clerk clicks through."""

    open_period = Signal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("Months"))
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        layout.addWidget(self.title)
        self.empty = QLabel(self.tr(
            "No records yet. Enter your customers, suppliers and products under Counterparties "
            "and Products, then purchases, production batches and sales, or bring in your "
            "ledgers with File ▸ Import a spreadsheet. Each month with records then shows here "
            "with its filing deadline."))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; padding: 6px 2px;")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Month"), self.tr("State"), self.tr("Deadline"), self.tr("Days left"),
            self.tr("Errors"), self.tr("Warnings")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        layout.addWidget(self.table, 3)
        self.check_button = QPushButton(self.tr("Check all records now"))
        self.check_button.setVisible(False)
        self.check_button.clicked.connect(self._check_now)
        self._start_check = None
        layout.addWidget(self.check_button)
        self.chart_title = QLabel(self.tr("Monthly inbound and outbound mass by category"))
        self.chart_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.chart_title)
        self.chart = FlowChart(lang)
        layout.addWidget(self.chart, 2)
        self.findings: dict[str | None, list[Finding]] | None = None  # None: still counting

    def _double_clicked(self, row: int, column: int) -> None:
        # the counts answer a single click (the month's findings), not this
        if column not in (ERROR_COLUMN, WARNING_COLUMN):
            self.open_period.emit(self.table.item(row, 0).text())

    def offer_check(self, start) -> None:
        """A large file is not checked on opening (it takes a while): offer it."""
        self._start_check = start
        self.check_button.setVisible(True)

    def _check_now(self) -> None:
        self.check_button.setVisible(False)
        if self._start_check is not None:
            self._start_check()

    def set_periods(self, statuses, findings: dict | None = None) -> None:
        from ..core import enums as E
        from ..core.findings import count

        if findings is not None:
            self.findings = findings
        rows = list(reversed(statuses))
        self.empty.setHidden(bool(rows))  # a new file: what to do first
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            errors, warnings = ("…", "…") if self.findings is None else \
                count(self.findings.get(s.period, []))
            filed = s.state == "FILED"
            due = "—" if filed else str(s.days_left) if s.days_left >= 0 else \
                self.tr("{0} days overdue").format(-s.days_left)
            cells = [s.period, E.PeriodState(s.state).label(self.lang), s.deadline.isoformat(),
                     due, str(errors), str(warnings)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if (c == 3 and not filed and s.days_left < 0) or \
                        (c == 4 and text not in ("0", "…")):
                    item.setData(_FOREGROUND, QColor("#b00020"))
                self.table.setItem(r, c, item)
