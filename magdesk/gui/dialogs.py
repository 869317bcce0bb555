"""Settings (the company profile is in company.py)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import Settings, save_settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
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
        form.addRow(self.tr("Backup folder"), self.backup)
        form.addRow(self.tr("Default mass unit"), self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> Settings:
        return dataclasses.replace(
            self.original, language=self.language.currentData(), clerk_name=self.clerk.text(),
            deadline_day=self.deadline.value(), control_mode=self.policy.currentData(),
            control_threshold_pct=self.threshold.text().strip() or "0",
            backup_dir=self.backup.text().strip(), mass_unit=self.unit.currentData())

    @classmethod
    def edit(cls, parent: QWidget, settings: Settings) -> Settings | None:
        """Show the dialog; the saved settings, or None if cancelled."""
        dialog = cls(settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = dialog.value()
        save_settings(new)
        return new


def choose_folder(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title)
