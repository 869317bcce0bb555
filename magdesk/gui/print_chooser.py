"""File ▸ Print summary (Ctrl+P): which summary, of which month.

The month is offered in the chooser, preset to the month the clerk is looking
at (a section's month filter, the month chosen on the Filing or Inventory
page) or else the current month, so the summary printed is never of a month
she did not see chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout

KINDS = ("flow", "inventory", "licences")


class SummaryChooser(QDialog):
    def __init__(self, months: list[str], month: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print"))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        labels = (self.tr("Monthly flow summary"), self.tr("Inventory reconciliation"),
                  self.tr("Licence usage"))
        for kind, label in zip(KINDS, labels, strict=True):
            self.kind.addItem(label, kind)
        self.month = QComboBox()
        self.month.setObjectName("month")
        for m in sorted({*months, month}, reverse=True):  # newest first, as the filters
            self.month.addItem(m, m)
        self.month.setCurrentIndex(self.month.findData(month))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Summary"), self.kind)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(buttons)
        self.setMinimumWidth(340)
        self.kind.setFocus()

    def choice(self) -> tuple[str, str]:
        """(kind, month) as chosen."""
        return self.kind.currentData(), self.month.currentData()

    @classmethod
    def ask(cls, months: list[str], month: str, parent=None) -> tuple[str, str] | None:
        dialog = cls(months, month, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def default_month(window) -> str:
    """The month the clerk is looking at: the month filter of the section
    shown, the month chosen on the Filing or Inventory page shown; else the
    current month (the newest with records, as the status bar says; this
    calendar month in a file without any)."""
    page = window.stack.currentWidget()
    section = window.current_section()
    chosen = None
    if section is not None:
        chosen = section.period.currentData()  # None: all months
    elif page is window.filing:
        chosen = window.filing.selected_period()
    elif page is window.inventory:
        chosen = window.inventory.period.currentData()
    return chosen or (window.periods[-1] if window.periods else date.today().strftime("%Y-%m"))
