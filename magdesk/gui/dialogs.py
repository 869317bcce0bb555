"""Settings and the first-start company profile."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.identifiers import check_uscc, normalise_uscc, uscc_check_char
from ..core.model import Company
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


class CompanyDialog(QDialog):
    """First start: the own company profile, its credit code checked as typed,
    and where to keep the database."""

    def __init__(self, default_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to magdesk — your company"))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.uscc = QLineEdit()
        self.uscc.setObjectName("uscc")
        self.uscc_message = QLabel()
        self.address = QLineEdit()
        self.path = QLineEdit(str(default_path))
        form.addRow(self.tr("Company name"), self.name)
        form.addRow(self.tr("Unified social credit code"), self.uscc)
        form.addRow("", self.uscc_message)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Database file"), self.path)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("magdesk keeps your records in one file on this "
                                        "computer. Enter your company first.")))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.name, self.uscc):
            edit.textChanged.connect(self.check)
        self.check()

    def check(self) -> bool:
        code = normalise_uscc(self.uscc.text())
        reason = check_uscc(code) if code else "empty"
        messages = {
            "empty": self.tr("18 characters, from your business licence"),
            "format": self.tr("Not a credit code: 18 characters, digits and capitals "
                              "without I, O, S, V, Z"),
            "check_digit": self.tr("The check character should be {0}; please check the code")
            .format(uscc_check_char(code[:17]) if len(code) == 18 else ""),
        }
        self.uscc_message.setText(messages.get(reason, self.tr("Valid credit code")))
        colour = "#e6f5e6" if reason is None else "#ffd9d9" if reason != "empty" else "#fff6cc"
        self.uscc.setStyleSheet(f"background: {colour}")
        ok = reason in (None, "check_digit") and len(self.name.text().strip()) >= 2
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def company(self) -> Company:
        return Company(self.name.text().strip(), normalise_uscc(self.uscc.text()),
                       self.address.text().strip())

    @classmethod
    def ask(cls, default_path: Path, parent: QWidget | None = None) -> tuple[Company, Path] | None:
        dialog = cls(default_path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.company(), Path(dialog.path.text().strip())


def choose_folder(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title)
