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
    """Stacked bars: for each month, what came in (left) and went out (right),
    counted as the printed flow summary (usecases.monthly_flows).  The value
    axis has ticks in kg or t; months read 2026-11 (11月 in Chinese, the year
    under the first month and January); a legend name too long for its column
    is elided and shown whole as a tooltip.  ``painted`` is emitted once,
    after its first paint (the window is up)."""

    painted = Signal()

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.flows: dict[str, dict[str, tuple[int, int]]] = {}
        # what the last paint showed (the tooltips read it)
        self.legend: list[tuple[QRectF, str, str]] = []  # (where, shown, full)
        self.month_labels: list[str] = []
        self.ticks: list[str] = []
        self.setMinimumHeight(220)
        white = self.palette()  # Qt paints the background (fillRect here would load QtCore.Qt)
        white.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(white)
        self.setAutoFillBackground(True)

    def set_flows(self, flows) -> None:
        self.flows = flows
        self.update()

    def month_label(self, month: str, first: bool) -> tuple[str, str]:
        """The month's label and the line below it (the year, in Chinese)."""
        if self.lang != "zh":
            return month, ""
        year, number = month.split("-")
        return f"{int(number)}月", (f"{year}年" if first or number == "01" else "")

    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent, QPointF

        if event.type() == QEvent.Type.ToolTip:
            from PySide6.QtWidgets import QToolTip

            point = QPointF(event.pos())
            for rect, _shown, full in self.legend:
                if rect.contains(point):
                    QToolTip.showText(event.globalPos(), full, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not getattr(self, "_was_painted", False):
            self._was_painted = True
            QTimer.singleShot(0, self.painted.emit)  # once this frame is out
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        months = list(self.flows)[-12:]
        if not months:
            self.legend, self.month_labels, self.ticks = [], [], []
            painter.drawText(self.rect(), _CENTRED, self.tr("No data yet"))
            return
        from PySide6.QtCore import Qt

        from ..core import enums as E
        from .print_chart import chart_unit, nice_step

        metrics = painter.fontMetrics()
        line = metrics.height()
        categories = sorted({c for m in months for c in self.flows[m]})
        colour = {c: QColor(PALETTE[i % len(PALETTE)]) for i, c in enumerate(categories)}
        names = {c: E.Category(c).label(self.lang) if c in E.Category.__members__ else c
                 for c in categories}
        top_grams = max(max(sum(max(v[0], 0) for v in self.flows[m].values()),
                            sum(max(v[1], 0) for v in self.flows[m].values())) for m in months)
        unit, per_unit = chart_unit(top_grams)
        step = nice_step(top_grams / per_unit)
        count = max(1, int(top_grams / per_unit / step + 0.999999))
        tick_values = [step * i for i in range(count + 1)]
        self.ticks = [f"{t:,.0f}" if step >= 1 else f"{t:,.1f}" for t in tick_values]
        caption = unit
        left = max(metrics.horizontalAdvance(t) for t in [*self.ticks, caption]) + 12
        heading = self.tr("left: in · right: out")
        widest = max(metrics.horizontalAdvance(n) for n in [*names.values(), heading])
        legend_w = min(widest + 24, max(120, int(self.width() * 0.3)))
        lines_below = 2 if self.lang == "zh" else 1
        bottom = self.height() - lines_below * line - 8
        plot_top = line + 8
        width = self.width() - left - legend_w - 20
        height = bottom - plot_top
        scale = height / (tick_values[-1] * per_unit or 1)
        grid, axis = QPen(QColor("#dddddd")), QPen(QColor("#888"))
        for value, text in zip(tick_values, self.ticks, strict=True):
            y = bottom - value * per_unit * scale
            painter.setPen(grid)
            painter.drawLine(left, int(y), left + int(width), int(y))
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.drawText(QRectF(0, 0, left - 6, line), Qt.AlignmentFlag.AlignRight, caption)
        painter.setPen(axis)
        painter.drawLine(left, bottom, left + int(width), bottom)
        painter.drawLine(left, plot_top, left, bottom)
        slot = width / len(months)
        labels = [self.month_label(m, i == 0) for i, m in enumerate(months)]
        # every n-th month named when the names would run into each other
        every = 1
        while every < len(months) and \
                max(metrics.horizontalAdvance(t) for t, _ in labels) + 6 > slot * every:
            every += 1
        self.month_labels = []
        for i, month in enumerate(months):
            x = left + i * slot
            for side in (0, 1):
                y = bottom
                for cat in categories:
                    grams = max(self.flows[month].get(cat, (0, 0))[side], 0)
                    h = grams * scale
                    bar = QRectF(x + slot * (0.12 + 0.4 * side), y - h, slot * 0.36, h)
                    painter.fillRect(bar, colour[cat].lighter(100 + 35 * side))
                    y -= h
            text, below = labels[i]
            if (len(months) - 1 - i) % every:
                continue
            self.month_labels.append(text)
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(x - slot, bottom + 2, slot * 3, line),
                             Qt.AlignmentFlag.AlignCenter, text)
            if below:
                painter.drawText(QRectF(x - slot, bottom + 2 + line, slot * 3, line),
                                 Qt.AlignmentFlag.AlignCenter, below)
        self._legend(painter, categories, colour, names, left + int(width) + 14, legend_w)

    def _legend(self, painter: QPainter, categories, colour, names, x: int, width: int) -> None:
        from PySide6.QtCore import Qt

        metrics = painter.fontMetrics()
        line = max(18, metrics.height() + 2)
        painter.setPen(QColor("#333"))
        painter.drawText(x, metrics.ascent() + 2,
                         metrics.elidedText(self.tr("left: in · right: out"),
                                            Qt.TextElideMode.ElideRight, width))
        self.legend = []
        for i, cat in enumerate(categories):
            y = 8 + line + i * line
            painter.fillRect(x, y, 12, 12, colour[cat])
            full = names[cat]
            shown = metrics.elidedText(full, Qt.TextElideMode.ElideRight, width - 18)
            painter.drawText(x + 18, y + 11, shown)
            self.legend.append((QRectF(x, y - 2, width, line), shown, full))


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
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
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
        self.check_button.setAutoDefault(True)  # Enter presses it, as Space does
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
