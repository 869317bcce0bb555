"""The own company's profile: the first-start dialog that creates the file,
and File ▸ Company profile, which corrects it later.  One form over the
company's field specs, built by the record forms' builder (form_parts) and
checked as typed by the core's rule: an error (or a
check-digit mismatch not kept on purpose) blocks Enter and OK, its reason
beside the field, the cursor put in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import usecases
from ..core import kinds
from ..core.fields import FIELDS, FieldSpec
from ..core.identifiers import normalise_uscc
from ..core.messages import render_text
from ..core.model import Company
from ..usecases.kinds import Database, StorageError, said
from .form import STYLE
from .form_parts import add_row, editor, load, restyle, row_label

PILOT = "uscc.check_digit"  # a warning of the core; here it blocks unless kept on purpose


class CompanyForm(QDialog):
    """The company's fields, each with its reason beside it.  Enter moves on
    and, on the last field, finishes (so do OK and Ctrl+S)."""

    def __init__(self, lang: str, company: Company | None = None, pilot_kept: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.lang, self.tried = lang, False
        self.specs: tuple[FieldSpec, ...] = FIELDS["company"]
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        for spec in self.specs:  # built from the specs as the record forms are
            # (a code may be typed with spaces or hyphens: no length limit on it)
            self._add_row(row_label(spec, lang), spec.name,
                          editor(spec, lang, self.revalidate, limit=spec.kind != "code"))
            if spec.name == "uscc":
                self.pilot = QCheckBox(self.tr("Keep this code: it is exactly as on the business "
                                               "licence (an early pilot code)"))
                self.pilot.setObjectName("pilot")
                self.pilot.toggled.connect(self.revalidate)
                self.pilot.installEventFilter(self)
                self.form.addRow("", self.pilot)
        self.widgets["uscc"].setPlaceholderText(self.tr("18 characters, from your business "
                                                        "licence"))
        self.status = QLabel()
        self.status.setProperty("role", "message")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.finish)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load(company)
        self.pilot.setChecked(pilot_kept)
        self.revalidate()

    def _add_row(self, label: str, name: str, widget: QWidget) -> None:
        """A field and its message beside it (as in the record forms)."""
        self.messages[name] = add_row(self.form, label, name, widget, self)
        self.widgets[name] = widget

    def _load(self, company: Company | None) -> None:
        for spec in self.specs:
            default = Company.__dataclass_fields__[spec.name].default
            value = getattr(company, spec.name) if company is not None else \
                None if default is dataclasses.MISSING else default  # a new company: blank
            load(self.widgets[spec.name], value,
                 kinds.of(spec).display(value, self.lang, False, spec.choices))

    # --- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Save):
            self.finish()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter moves to the next field; on the last one it finishes."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                    Qt.Key.Key_Enter):
            if obj is list(self.widgets.values())[-1]:
                self.finish()
            else:
                self.focusNextChild()
            return True
        return super().eventFilter(obj, event)

    # --- values and checks -------------------------------------------------------------

    def company(self) -> Company:
        values = {}
        for spec in self.specs:
            widget = self.widgets[spec.name]
            values[spec.name] = widget.currentData() if isinstance(widget, QComboBox) \
                else widget.text().strip()
        values["uscc"] = normalise_uscc(values["uscc"])
        return Company(**values)

    def accept_reason(self) -> str:
        """The reason recorded for a pilot code kept on purpose (else none)."""
        return self.pilot.text() if self.pilot.isChecked() else ""

    def extra_problems(self) -> dict[str, str]:
        """Problems of fields beyond the company's (a subclass's), by field name."""
        return {}

    def revalidate(self) -> list[str]:
        """Show every field's state and reason; the names of the fields that block."""
        if not hasattr(self, "status"):
            return []  # still being built
        found = usecases.check_company(self.company())
        self.pilot.setVisible(any(f.code == PILOT for f in found))
        extra = self.extra_problems()
        blocking = []
        for name, widget in self.widgets.items():
            fs = [f for f in found if f.field == name]
            empty = isinstance(widget, QLineEdit) and not widget.text().strip()
            if not self.tried:  # not yet filled in: yellow, and no message (the colour says it)
                fs = [f for f in fs if f.code != "field.required"]
            texts = [render_text(f, self.lang) for f in fs]
            stops = any(f.is_error or (f.code == PILOT and not self.pilot.isChecked())
                        for f in fs)
            if name in extra:
                texts.append(extra[name])
                stops = True
            if stops or (empty and any(f.field == name for f in found)):
                blocking.append(name)
            required = any(s.required for s in self.specs if s.name == name)
            state = "invalid" if stops else "empty" if empty and required else "valid"
            restyle(widget, "state", state)
            self.messages[name].setText("; ".join(texts))
            restyle(self.messages[name], "role", "warning" if texts and not stops else "message")
        if not blocking:
            self.status.clear()
        self._fit()
        return blocking

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_shown_height", None) is None:
            self._shown_height = self.height()
        super().showEvent(event)

    def _fit(self) -> None:
        """Grow to show every reason in full (a window does not follow its
        wrapped labels' height by itself), and shrink back, no smaller than it
        was before it grew, once the reasons are gone."""
        for message in self.messages.values():  # each reason's own height first
            fit = getattr(message, "_fit", None)
            if fit is not None:
                fit()
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width())
        # (a reason may have grown the window by itself: then the height it
        # was shown at is what to come back to)
        before = getattr(self, "_before_growing", None) or getattr(self, "_shown_height", None)
        if need > self.height():
            if before is None:
                self._before_growing = self.height()
            self.resize(self.width(), need)
        elif before is not None and need < self.height():
            self.resize(self.width(), max(need, before))
            if need <= before:
                self._before_growing = None

    def finish(self) -> None:
        """OK, Ctrl+S or Enter on the last field: save, unless a field blocks;
        then its reason stays beside it and the cursor goes to the first."""
        self.tried = True
        blocking = self.revalidate()
        if blocking:
            self.status.setText(self.tr("Correct the fields marked red first."))
            self._fit()
            self.widgets[blocking[0]].setFocus()
            return
        problem = self.save()
        if problem:
            self.status.setText(problem)
            return
        self.accept()

    def save(self) -> str:
        """Write what the form holds; a problem to show, or '' when done."""
        return ""


class FirstStartDialog(CompanyForm):
    """First start: the own company, and where to keep the new file, which is
    created only when every field is right (tests monkeypatch ``ask``)."""

    def __init__(self, lang: str, default_path: Path, parent: QWidget | None = None):
        super().__init__(lang, None, False, parent)
        self.setWindowTitle(self.tr("Welcome to magdesk — your company"))
        self.intro.setText(self.tr("magdesk keeps your records in one file on this computer. "
                                   "Enter your company first."))
        self.path = QLineEdit(str(default_path))
        self.path.textChanged.connect(self.revalidate)
        browse = self.path.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon),
            QLineEdit.ActionPosition.TrailingPosition)
        browse.setToolTip(self.tr("Choose where to keep the file…"))
        browse.triggered.connect(self.choose_path)
        previous = self.widgets[self.specs[-1].name]
        self._add_row(self.tr("Database file"), "path", self.path)
        QWidget.setTabOrder(previous, self.path)  # before the buttons, made earlier
        self.created: Path | None = None
        self.revalidate()
        self.widgets["name"].setFocus()

    def choose_path(self) -> None:
        """The file dialog for where to keep the new file (``.sqlite`` added)."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Choose where to keep the file…"), self.path.text().strip(),
            self.tr("magdesk database (*.sqlite)"))
        if chosen:
            path = Path(chosen)
            self.path.setText(str(path if path.suffix else path.with_suffix(".sqlite")))
            self.path.setFocus()

    def extra_problems(self) -> dict[str, str]:
        path = getattr(self, "path", None)
        if path is None:
            return {}
        text = path.text().strip()
        if not text:
            return {"path": self.tr("Choose where to keep the file")}
        if Path(text).exists():
            return {"path": self.tr("A file of that name exists already; choose another name")}
        return {}

    def save(self) -> str:
        path = Path(self.path.text().strip())
        try:
            problems = usecases.create_database(path, self.company(), self.accept_reason())
        except (StorageError, OSError) as exc:
            self.messages["path"].setText(said(exc, self.lang))
            self.path.setFocus()
            return self.tr("The file could not be created.")
        if problems:
            return "; ".join(render_text(f, self.lang) for f in problems)
        self.created = path
        return ""

    def as_new_file(self) -> None:
        """Worded for File ▸ New database (a file for another company) rather
        than for the first start."""
        self.setWindowTitle(self.tr("New database"))
        self.intro.setText(self.tr("A new file for another company: its profile, then where "
                                   "to keep the file."))

    @classmethod
    def ask(cls, lang: str, default_path: Path, parent: QWidget | None = None,
            new_file: bool = False) -> Path | None:
        """The new file, made and headed by the company; None if cancelled."""
        dialog = cls(lang, default_path, parent)
        if new_file:
            dialog.as_new_file()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.created


class CompanyProfileDialog(CompanyForm):
    """File ▸ Company profile: the same fields, prefilled, saved to the open file."""

    def __init__(self, db: Database, lang: str, parent: QWidget | None = None):
        from ..usecases import reads

        repo = reads.records(db)
        company = repo.company()
        kept = company is not None and ("company", company.uscc, PILOT) in repo.accepted()
        super().__init__(lang, company, kept, parent)
        self.db = db
        self.filed_as = company.uscc if company is not None else ""
        self.setWindowTitle(self.tr("Company profile"))
        self.intro.setText(self.tr("The company every filing and printout is headed with."))
        self.widgets["name"].setFocus()

    def save(self) -> str:
        if not self._new_code_confirmed():
            return self.tr("Not saved.")
        try:
            problems = usecases.save_company(self.db, self.company(), self.accept_reason()).refused
        except StorageError as exc:
            return said(exc, self.lang)
        return "; ".join(render_text(f, self.lang) for f in problems)

    def _new_code_confirmed(self) -> bool:
        """A credit code changed after months were filed under the old one:
        the next exports and amendments carry the new code, so the clerk says
        that is meant (a typo corrected), not a slip on the keyboard."""
        from PySide6.QtWidgets import QMessageBox

        from ..usecases import reads

        new = normalise_uscc(self.widgets["uscc"].text())
        if not self.filed_as or new == self.filed_as:
            return True
        filed = reads.filed_periods(self.db)
        if not filed:
            return True
        months = filed[0] if len(filed) == 1 else f"{filed[0]} – {filed[-1]}"
        return QMessageBox.question(
            self, self.tr("Credit code changed"),
            self.tr("{0} month(s) ({1}) are filed already. The next exports and amendments "
                    "will carry the credit code {2}. Change the code?").format(
                len(filed), months, new),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    @classmethod
    def edit(cls, parent: QWidget, db: Database, lang: str) -> Company | None:
        """Show the dialog; the saved company, or None if cancelled."""
        dialog = cls(db, lang, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.company()
