"""From the dashboard's counts to the records: a month's findings listed
(severity, code, entity, record, field, message in the UI language), and a
finding opened on its record's form with its field focused."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
)

from ..core.fields import entity_label, field_label
from ..core.findings import Finding, Severity
from ..core.messages import render_text
from ..usecases.kinds import locate
from .dashboard import ERROR_COLUMN, WARNING_COLUMN


class FindingsModel(QAbstractTableModel):
    """Findings as rows: severity, code, entity, record, field, message."""

    def __init__(self, findings: list[Finding], lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.findings = sorted(findings, key=lambda f: (not f.is_error, f.entity, f.record))
        self.headers = [self.tr("Severity"), self.tr("Code"), self.tr("Record type"),
                        self.tr("Record"), self.tr("Field"), self.tr("Message")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def text(self, f: Finding, column: int) -> str:
        if column == 0:
            return self.tr("Error") if f.severity is Severity.ERROR else self.tr("Warning")
        return (f.code, entity_label(f.entity, self.lang), f.record,
                field_label(f.entity, f.field, self.lang),
                render_text(f, self.lang))[column - 1]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(f, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor("#b00020") if f.is_error else QColor("#8a5a00")
        return None


class FindingsDialog(QDialog):
    """One month's findings; ``open_finding`` when the clerk activates one."""

    open_finding = Signal(object)
    accept_finding = Signal(object, str)  # a warning and the clerk's reason

    def __init__(self, period: str | None, findings: list[Finding], lang: str,
                 severity: Severity | None = None, parent=None):
        super().__init__(parent)
        self.all, self.lang, self.period = findings, lang, period
        month = period or self.tr("undated")
        self.setWindowTitle(self.tr("Findings of {0}").format(month))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        top.addWidget(self.summary, 1)
        self.severity = QComboBox()
        self.severity.addItem(self.tr("Errors and warnings"), "")
        self.severity.addItem(self.tr("Errors"), Severity.ERROR.value)
        self.severity.addItem(self.tr("Warnings"), Severity.WARNING.value)
        top.addWidget(self.severity)
        layout.addLayout(top)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setObjectName("findings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.activated.connect(self._activated)
        self.table.installEventFilter(self)  # Enter opens the record once (not the button too)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Double-click a finding (or press Enter) to open its record."))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(self.tr("Open record"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.accept_button = buttons.addButton(self.tr("Accept warning…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.accept_button.setToolTip(self.tr(
            "Accept the selected warning with a reason: it is no longer counted"))
        self.accept_button.clicked.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.severity.currentIndexChanged.connect(self._fill)
        self.severity.setCurrentIndex(max(0, self.severity.findData(
            severity.value if severity is not None else "")))
        self._fill()
        self.resize(980, 520)

    def _fill(self) -> None:
        wanted = self.severity.currentData()
        shown = [f for f in self.all if not wanted or f.severity.value == wanted]
        self.model = FindingsModel(shown, self.lang, self)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._enable)
        header = self.table.horizontalHeader()
        for column, width in enumerate((60, 150, 90, 170, 110)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()  # long messages wrap; a long list stays quick
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if len(shown) <= 500
                                  else QHeaderView.ResizeMode.Interactive)
        errors = sum(1 for f in self.all if f.is_error)
        self.summary.setText(self.tr("Errors: {0}, warnings: {1}").format(
            errors, len(self.all) - errors))
        if shown:
            self.table.selectRow(0)
        self._enable()

    def set_findings(self, findings: list[Finding]) -> None:
        """The month's findings counted again (after a change): shown at once."""
        self.all = findings
        self._fill()

    def current(self) -> Finding | None:
        index = self.table.currentIndex()
        return self.model.findings[index.row()] if index.isValid() else None

    def _enable(self, *_args) -> None:
        """Only a warning can be accepted (an error is corrected)."""
        f = self.current()
        self.accept_button.setEnabled(f is not None and not f.is_error)

    def _accept(self) -> None:
        from .form_parts import AcceptWarnings

        f = self.current()
        if f is None or f.is_error:
            return
        reason = AcceptWarnings.ask(self, [f], self.lang)
        if reason:
            self.accept_finding.emit(f, reason)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Enter in the list opens the highlighted finding's record, and goes
        no further: the view passes Enter on to the dialog, whose default
        button (Open record) opened the record a second time."""
        if obj is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activated(self.table.currentIndex())
            return True
        return super().eventFilter(obj, event)

    def _activated(self, index) -> None:
        if index.isValid():
            self.open_finding.emit(self.model.findings[index.row()])


class FindingsFlow(QObject):
    """Clicking an error or warning count of the dashboard lists that month's
    findings; activating one opens its record."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: FindingsDialog | None = None
        window.dashboard.table.cellClicked.connect(self._clicked)
        window.dashboard.table.installEventFilter(self)  # Enter: as a click on the counts

    def mark_counts(self) -> None:
        """Counts that open a list look like links; an open list shows the
        findings counted now."""
        found = self.window.dashboard.findings
        if self.dialog is not None and found is not None and self.dialog.isVisible():
            self.dialog.set_findings(found.get(self.dialog.period, []))
        table = self.window.dashboard.table
        for row in range(table.rowCount()):
            for column in (ERROR_COLUMN, WARNING_COLUMN):
                item = table.item(row, column)
                if item is None or item.text() in ("0", "…"):
                    continue
                font = QFont(item.font())
                font.setUnderline(True)
                item.setFont(font)
                item.setToolTip(self.tr("Click to list them"))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Enter on a month of the dashboard lists its findings, as a click
        on a count does: the errors, the warnings, or (elsewhere in the row)
        both; a month without findings opens on the Filing page."""
        table = self.window.dashboard.table
        if obj is table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and table.currentRow() >= 0:
            row, column = table.currentRow(), table.currentColumn()
            period = table.item(row, 0).text()
            found = self.window.dashboard.findings
            if column in (ERROR_COLUMN, WARNING_COLUMN):
                self._clicked(row, column)
            elif found is not None and not found.get(period):
                self.window.dashboard.open_period.emit(period)
            else:
                self.show(period)
            return True
        return super().eventFilter(obj, event)

    def _clicked(self, row: int, column: int) -> None:
        if column not in (ERROR_COLUMN, WARNING_COLUMN):
            return
        period = self.window.dashboard.table.item(row, 0).text()
        self.show(period, Severity.ERROR if column == ERROR_COLUMN else Severity.WARNING)

    def show(self, period: str, severity: Severity | None = None) -> FindingsDialog | None:
        found = self.window.dashboard.findings
        if found is None:
            if self.window.dashboard.check_button.isVisible():  # a large file: on request
                message = self.tr("The records of a file this large are checked on request: "
                                  "press “Check all records now” first.")
            else:
                message = self.tr("Still checking the records…")
            self.window.statusBar().showMessage(message, 8000)
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = FindingsDialog(period, found.get(period, []), self.window.lang, severity,
                                     self.window)
        self.dialog.open_finding.connect(self.open)
        self.dialog.accept_finding.connect(self.accept)
        self.dialog.show()
        return self.dialog

    def accept(self, f: Finding, reason: str) -> None:
        """Accept a warning with the clerk's reason (as ``magdesk-cli accept``):
        it leaves the list at once; the counts and the list are made again."""
        from .. import usecases
        from ..usecases.kinds import said

        w = self.window
        try:
            changes = usecases.accept_warning(w.db, f.entity, f.record, f.code, reason)
        except ValueError as exc:
            QMessageBox.warning(w, self.tr("Not accepted"), said(exc, w.lang))
            return
        if not changes.ok:  # nothing written (a read-only file, a full disk)
            QMessageBox.warning(w, self.tr("Not accepted"), changes.why(w.lang))
            return
        if self.dialog is not None:
            self.dialog.set_findings([x for x in self.dialog.all if x is not f])
        w.statusBar().showMessage(self.tr("Warning accepted ({0}): {1}").format(
            f.record, reason), 10000)
        w.on_changes(changes)

    def open(self, f: Finding):
        """The finding's record in its section and form, the field focused."""
        w = self.window
        target = locate(w.repo, f.entity, f.record)
        if target is None:
            QMessageBox.information(w, self.tr("Findings"), self.tr(
                "This finding is not about one record that can be opened: {0}").format(
                    render_text(f, w.lang)))
            return None
        entity, record_id = target
        w.show_section(entity)
        return w.open_record(entity, record_id, f.field)
