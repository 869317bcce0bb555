"""Settings (the company profile is in company.py)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import Settings, save_settings


class SettingsDialog(QDialog):
    """The settings.  With the open file (``db``), a change of the control
    rule, the threshold or the rules turned on is shown before OK: the export
    lines of the open months whose decision would change, and the clerk asked."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, db=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Settings"))
        self.original = settings
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        for text, code in ((self.tr("From the system"), ""), ("简体中文", "zh"), ("English", "en")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.clerk = QLineEdit(settings.clerk_name)
        self.deadline = QSpinBox()
        self.deadline.setRange(1, 28)
        self.deadline.setValue(settings.deadline_day)
        self.policy = QComboBox()
        self.policy.addItem(self.tr("Any measured Dy or Tb is controlled"), "ANY")
        self.policy.addItem(self.tr("Dy+Tb ≤ 0.1 % with a test report ships free"), "REPORT_0_1")
        self.policy.setCurrentIndex(max(0, self.policy.findData(settings.control_mode)))
        self.threshold = QLineEdit(settings.control_threshold_pct)
        self.threshold.setObjectName("threshold")
        self.rules = self._rule_switches(settings)
        self.backup = QLineEdit(settings.backup_dir)
        self.unit = QComboBox()
        self.unit.addItem("kg", "kg")
        self.unit.addItem(self.tr("t"), "t")
        self.unit.setCurrentIndex(max(0, self.unit.findData(settings.mass_unit)))
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Clerk name"), self.clerk)
        form.addRow(self.tr("Filing deadline (day of next month)"), self.deadline)
        form.addRow(self.tr("Dy/Tb control rule"), self.policy)
        form.addRow(self.tr("Dy/Tb threshold (%)"), self.threshold)
        for box in self.rules.values():
            form.addRow("", box)
        form.addRow(self.tr("Backup folder"), self.backup)
        form.addRow(self.tr("Default mass unit"), self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _rule_switches(self, settings: Settings) -> dict[str, QCheckBox]:
        """A switch per control rule kept off as data (No. 57's Ho, No. 61's 0.1 %)."""
        from .. import usecases
        from ..core.control import parse_rules_on

        lang = settings.lang()
        on = parse_rules_on(settings.control_rules_on)
        boxes = {}
        for rule in usecases.control_rules():
            if rule.enabled:
                continue
            box = QCheckBox(self.tr("Apply {0}: {1} ({2})").format(
                rule.number, rule.name(lang), rule.basis_in(lang)))
            box.setObjectName(f"rule:{rule.number}")
            box.setToolTip(rule.source)
            box.setChecked(rule.number in on)
            boxes[rule.number] = box
        return boxes

    def value(self) -> Settings:
        return dataclasses.replace(
            self.original, language=self.language.currentData(), clerk_name=self.clerk.text(),
            deadline_day=self.deadline.value(), control_mode=self.policy.currentData(),
            control_threshold_pct=self.threshold.text().strip() or "0",
            control_rules_on=", ".join(n for n, box in self.rules.items() if box.isChecked()),
            backup_dir=self.backup.text().strip(), mass_unit=self.unit.currentData())

    def accept(self) -> None:
        """OK: a threshold that is no percentage is refused; a new control
        policy lists the export lines it changes and asks first."""
        new = self.value()
        try:
            policy = new.control_policy()
        except ValueError:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "The Dy/Tb threshold must be a percentage from 0 to 100."))
            self.threshold.setFocus()
            return
        if self.db is not None and policy != self.original.control_policy():
            from .. import usecases

            changes = usecases.control_changes(self.db, policy, settings=self.original)
            if changes and not self.ask_changes(changes, new.lang()):
                return
        super().accept()

    def ask_changes(self, changes, lang: str) -> bool:
        """Whether to keep settings that change the decision of ``changes``
        (the lines listed in the question's details)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), self.tr(
            "The new control settings change the decision of {0} export line(s) in the "
            "months not yet filed. Keep them?").format(len(changes)),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.setDetailedText(self.change_lines(changes, lang))
        return box.exec() == QMessageBox.StandardButton.Ok

    @staticmethod
    def change_lines(changes, lang: str) -> str:
        """One line per export line that changes: its key, month, model, the
        old and the new decision, and why."""
        return "\n".join(f"{c.key}  {c.period}  {c.product_code}  {c.old.remark(lang)} → "
                         f"{c.new.remark(lang)}: {c.new.message(lang)}" for c in changes)

    @classmethod
    def edit(cls, parent: QWidget, settings: Settings, db=None) -> Settings | None:
        """Show the dialog; the saved settings, or None if cancelled."""
        dialog = cls(settings, parent, db)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = dialog.value()
        save_settings(new)
        return new


def choose_folder(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title)
