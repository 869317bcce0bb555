"""Repair from the read-only banner: a file whose schema objects are not
magdesk's (a planted trigger, a dropped audit trigger) is repaired after the
clerk has read what will be dropped and made again, then opened anew."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from .. import usecases
from ..usecases.kinds import said


def offered(reason: str) -> bool:
    """Whether the banner of a file read-only for ``reason`` offers a repair."""
    return getattr(reason, "code", "") == "schema_foreign"


def button(window) -> QPushButton:
    """The banner's 修复 / Repair button for ``window``."""
    repair = QPushButton(QCoreApplication.translate("Repair", "Repair…"))
    repair.setObjectName("repairSchema")
    repair.clicked.connect(lambda: repair_schema(window))
    return repair


def confirm(parent: QWidget, text: str) -> bool:
    """Yes to repair; No is the default (tests answer for the clerk)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Repair", "Repair the file"), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def repair_schema(window) -> None:
    """Say what the repair drops and makes again, ask, repair, reopen."""
    db = window.db
    plan = usecases.repair_plan(db)  # read only: nothing of the file runs
    if not plan.needed:
        return
    if plan.blocked:
        QMessageBox.warning(window, QCoreApplication.translate("Repair", "Not repaired"),
                            usecases.repair_refusal(plan, db.path).message(window.lang))
        return
    text = QCoreApplication.translate(
        "Repair", "Repair {0}?\n\nFirst a restore point of the file as it is now is taken; "
        "then, in one step recorded in the audit trail:\n{1}\n\nNo record is changed.").format(
        db.path.name, plan.describe(window.lang))
    if not confirm(window, text) or not window.may_close_forms():
        return
    try:
        result = usecases.repair_schema(db.path, settings=window.settings)
    except Exception as exc:  # refused or not writable: say why, nothing changed
        QMessageBox.warning(window, QCoreApplication.translate("Repair", "Not repaired"),
                            said(exc, window.lang))
        return
    window.statusBar().showMessage(QCoreApplication.translate(
        "Repair", "Repaired {0}; the file as it was is kept as restore point {1}").format(
        db.path.name, result.point.name), 15000)
    window.reopen(db.path, asked=True)
