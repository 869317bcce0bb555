"""Licences in the window: the Licences tab with a usage panel under its
table (the selected licence's figures and the export lines drawn on it),
the dashboard's licence tile, and the form's choice of permitted end uses.
Usage comes from ``usecases.licence_usage``."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only QtCore's Signal at the top, and nothing of the records: the tile is
# made with the window, whose start builds neither QtCore.Qt nor the model.
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import text
from .sections import RecordSection

if TYPE_CHECKING:
    from ..core.licences import LicenceUsage

STATE_COLOURS = {"EXCEEDED": "#a61b1b", "EXPIRED": "#777777", "NOT_YET_VALID": "#777777",
                 "USED_UP": "#8a5a00", "NEAR_LIMIT": "#8a5a00", "EXPIRING": "#8a5a00",
                 "VALID": "#1b6e1b"}  # by core.licences.State


def state_text(state: str, lang: str) -> str:
    return text.say(f"licences.state.{state.lower()}", lang)


def left_text(u: LicenceUsage, lang: str) -> str:
    from ..core.units import format_kg

    return text.say("licences.no_qty", lang) if u.left_g is None \
        else f"{format_kg(u.left_g, grouped=True)} kg"


def pct_text(u: LicenceUsage) -> str:
    return "—" if u.pct_used is None else f"{u.pct_used:.1f} %"


class UsagePanel(QWidget):
    """The selected licence's usage: drawn, left, % used, days left, state,
    and the export lines drawn on it in declaration order."""

    def __init__(self, lang: str, parent=None):
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.summary = QLabel(self.tr("Select a licence to see its usage."))
        self.summary.setObjectName("licenceUsage")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.lines = QTableWidget(0, 4)
        self.lines.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.lines.setObjectName("licenceLines")
        self.lines.setHorizontalHeaderLabels([
            self.tr("Declaration no./line"), self.tr("Declaration date"),
            self.tr("Weight (kg)"), self.tr("Consignee")])
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setMaximumHeight(180)
        layout.addWidget(self.lines)
        self.usage: LicenceUsage | None = None

    def show_usage(self, u: LicenceUsage | None) -> None:
        from PySide6.QtCore import Qt

        from ..core.enums import LicenceType
        from ..core.units import format_kg

        self.usage = u
        self.lines.setRowCount(0)
        if u is None:
            self.summary.setText(self.tr("Select a licence to see its usage."))
            return
        lic = u.licence
        licensed = text.say("licences.no_qty", self.lang) if lic.qty_g is None \
            else f"{format_kg(lic.qty_g, grouped=True)} kg"
        kind = LicenceType(lic.licence_type).label(self.lang) \
            if lic.licence_type in LicenceType.__members__ else lic.licence_type
        self.summary.setText(self.tr(
            "{0} ({1}): licensed {2}, drawn {3} kg, left {4}, {5} used, {6} — {7}"
        ).format(lic.licence_no, kind, licensed, format_kg(u.drawn_g, grouped=True),
                 left_text(u, self.lang), pct_text(u), days_text(self, u.days_left),
                 state_text(u.state, self.lang)))
        self.summary.setStyleSheet(f"color: {STATE_COLOURS.get(u.state, '#000')};")
        self.lines.setRowCount(len(u.lines))
        for row, line in enumerate(u.lines):
            cells = (line.key, line.day.isoformat(), format_kg(line.qty_g, grouped=True),
                     line.consignee)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(row, column, item)


class LicenceSection(RecordSection):
    """The Licences tab: the licences' table, and under it the usage of the
    one selected."""

    def __init__(self, db, entity: str, lang: str, periods: list[str], parent=None):
        super().__init__(db, entity, lang, periods, parent)
        self.panel: UsagePanel | None = None
        self._usage: dict[int, LicenceUsage] | None = None

    def _make_table(self):
        table = super()._make_table()
        self.panel = UsagePanel(self.lang, self)
        self.box.addWidget(self.panel)
        self.box.setStretchFactor(table, 3)  # the licences first; their lines under them
        self.box.setStretchFactor(self.panel, 1)
        table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.model.modelReset.connect(self.show_current)
        return table

    def usage(self) -> dict[int, LicenceUsage]:
        """Every licence's usage today, by id (read once per change)."""
        if self._usage is None:
            from .. import usecases

            self._usage = {u.licence.id: u for u in usecases.licence_usage(self.db)}
        return self._usage

    def show_current(self) -> None:
        """The usage of the licence selected (or of the one shown until the
        table was read again: a change elsewhere keeps it in view)."""
        if self.panel is None:
            return
        index = self.table.currentIndex()
        if index.isValid():
            self._shown = self.model.record_id(index.row())
        self.panel.show_usage(self.usage().get(self._shown) if self._shown is not None else None)

    _shown: int | None = None  # the id of the licence whose usage shows

    def refresh(self) -> None:
        self._usage = None
        super().refresh()
        self.show_current()


class LicenceTile(QFrame):
    """The dashboard's 许可证 tile: how many licences are valid, and those
    near their limit or expiry (or exceeded, or used up), each with its
    figures.  A click opens the Licences tab (``clicked``)."""

    clicked = Signal()
    LISTED = 6  # licences named on the tile; the rest are counted

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("licenceTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#licenceTile { background: #f4f7fb; border: 1px solid #b8c6d8; "
                           "border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel(self.tr("Licences at a glance"))
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        layout.addWidget(self.title)
        self.counts = QLabel()
        self.counts.setObjectName("licenceCounts")
        layout.addWidget(self.counts)
        self.attention = QLabel()
        self.attention.setObjectName("licenceAttention")
        self.attention.setWordWrap(True)
        layout.addWidget(self.attention)
        self.setToolTip(self.tr("Open the licences"))
        self.usage: list[LicenceUsage] = []

    def set_usage(self, usage: list[LicenceUsage]) -> None:
        from PySide6.QtCore import Qt

        from ..core.licences import State

        self.setCursor(Qt.CursorShape.PointingHandCursor)  # (Qt's enums: not at the start)
        self.usage = usage
        in_use = [u for u in usage if u.in_use]
        look = [u for u in usage if u.state in State.ATTENTION]
        self.counts.setText(self.tr("{0} in use of {1}; {2} near their limit or expiry")
                            .format(len(in_use), len(usage), len(look)))
        lines = []
        for u in look[:self.LISTED]:
            lines.append(self.tr("{0}: {1} — {2} used, {3} left, {4}").format(
                u.licence.licence_no, state_text(u.state, self.lang), pct_text(u),
                left_text(u, self.lang), days_text(self, u.days_left)))
        if len(look) > self.LISTED:
            lines.append(self.tr("and {0} more").format(len(look) - self.LISTED))
        self.attention.setText("\n".join(lines))
        self.attention.setVisible(bool(lines))
        self.attention.setStyleSheet("color: #8a5a00;")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class EndUseChoice(QListWidget):
    """The end uses a licence permits: each EndUse with a box to tick;
    none ticked: any end use.  ``changed`` fires on every tick."""

    changed = Signal()

    def __init__(self, lang: str, parent=None):
        from PySide6.QtCore import Qt

        from ..core.enums import EndUse

        super().__init__(parent)
        self.setObjectName("endUses")
        self.setMinimumWidth(380)
        self.setMaximumHeight(190)
        for member in EndUse:
            item = QListWidgetItem(member.label(lang))
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def _items(self):
        return (self.item(i) for i in range(self.count()))

    def load(self, codes) -> None:
        from PySide6.QtCore import Qt

        self.blockSignals(True)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.changed.emit()

    def codes(self) -> tuple[str, ...]:
        from PySide6.QtCore import Qt

        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                     if item.checkState() == Qt.CheckState.Checked)

    def set_codes(self, codes) -> None:
        """Tick exactly ``codes`` (as the clerk would, one by one)."""
        from PySide6.QtCore import Qt

        for item in self._items():
            want = item.data(Qt.ItemDataRole.UserRole) in codes
            if (item.checkState() == Qt.CheckState.Checked) != want:
                item.setCheckState(Qt.CheckState.Checked if want else Qt.CheckState.Unchecked)


def days_text(_widget, days: int) -> str:
    """The days a licence has left, or how long ago it ended (never "-18 days left")."""
    from PySide6.QtCore import QCoreApplication

    if days < 0:
        return QCoreApplication.translate("LicenceTile", "ended {0} days ago").format(-days)
    return QCoreApplication.translate("LicenceTile", "{0} days left").format(days)
