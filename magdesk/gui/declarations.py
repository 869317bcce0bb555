"""Declaration texts in the window: on the export line form, the
specification text customs expects (申报要素) and the remarks statement on
control (备注), read-only, each with a button that copies it; on the export
lines' page, the button that writes the selected declaration's workbook."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from .. import usecases


class DeclarationTexts(QGroupBox):
    """The export line's texts as the form holds it, redrawn as it is typed."""

    def __init__(self, form, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.setTitle(self.tr("Declaration texts"))
        grid = QGridLayout(self)
        self.spec = self._line("spec_text")
        self.remarks = self._line("remarks_text")
        self.copy_spec = self._copy_button("copy_spec", self.spec)
        self.copy_remarks = self._copy_button("copy_remarks", self.remarks)
        grid.addWidget(QLabel(self.tr("Specification (declaration elements)")), 0, 0)
        grid.addWidget(self.spec, 0, 1)
        grid.addWidget(self.copy_spec, 0, 2)
        grid.addWidget(QLabel(self.tr("Remarks")), 1, 0)
        grid.addWidget(self.remarks, 1, 1)
        grid.addWidget(self.copy_remarks, 1, 2)
        grid.setColumnStretch(1, 1)

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setReadOnly(True)
        line.setMinimumWidth(420)
        return line

    def _copy_button(self, name: str, line: QLineEdit) -> QPushButton:
        from PySide6.QtCore import Qt

        button = QPushButton(self.tr("Copy"))
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter in the form moves between fields
        button.clicked.connect(lambda: self.copy(line))
        return button

    def copy(self, line: QLineEdit) -> None:
        if not line.text():
            return
        QApplication.clipboard().setText(line.text())
        self.form.status.setText(self.tr("Copied: {0}").format(line.text()))

    def redraw(self) -> None:
        """The texts of the line as typed (its derived control decision
        included); empty until it names a sale."""
        texts = None
        record, _problems = self.form.build_record()
        if record is not None and record.sale_id is not None:
            from ..core.derive import complete

            try:
                record, _derived = complete(record, self.form.repo.get)
                texts = usecases.export_line_texts(self.form.repo.db, record)
            except (TypeError, AttributeError, ValueError):  # a half-typed line
                texts = None
        for line, text in ((self.spec, texts.spec_text if texts else ""),
                           (self.remarks, texts.remarks if texts else "")):
            if line.text() != text:
                line.setText(text)
                line.setCursorPosition(0)
            line.setToolTip(text)
        self.copy_spec.setEnabled(bool(self.spec.text()))
        self.copy_remarks.setEnabled(bool(self.remarks.text()))


class DeclarationButton(QPushButton):
    """申报要素…: the declaration of the export line selected in ``section``,
    written as a workbook (one sheet, one row per line)."""

    def __init__(self, window, section, parent: QWidget | None = None):
        super().__init__(parent)
        self.window, self.section = window, section
        self.setText(self.tr("Declaration elements…"))
        self.setObjectName("declaration_elements")
        self.setToolTip(self.tr("The specification text and the remarks of the selected "
                                "export line's declaration, as a workbook"))
        self.clicked.connect(self.write)

    def selected_declaration(self) -> str | None:
        table = self.section.table
        index = table.currentIndex()
        record_id = self.section.model.record_id(index.row()) if index.isValid() else None
        if record_id is None:
            return None
        line = usecases.repository(self.window.db).get("export", record_id)
        return line.customs_decl_no if line is not None else None

    def write(self) -> None:
        from pathlib import Path

        from .folders import last_folder, remember

        decl_no = self.selected_declaration()
        if decl_no is None:
            QMessageBox.information(self, self.text(), self.tr("Select an export line first."))
            return
        start = str(Path(last_folder("export")) / f"{decl_no}_申报要素.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Declaration elements of {0}").format(decl_no), start,
            self.tr("Workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        remember("export", path)
        try:
            written, texts = usecases.write_declarations(self.window.db, path, decl_no=decl_no)
        except OSError as exc:
            from ..usecases.kinds import path_problem

            QMessageBox.warning(self, self.text(),
                                path_problem(exc, Path(path)).message(self.window.lang))
            return
        self.window.statusBar().showMessage(
            self.tr("Declaration {0}: {1} line(s) written to {2}").format(
                decl_no, len(texts), written), 8000)


class DeclarationSettings(QDialog):
    """The file's brand type (品牌类型) and export preference (出口享惠情况)
    that the declaration texts state, chosen from the data file's choices."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window = window
        self.setWindowTitle(self.tr("Declaration settings"))
        now = usecases.declaration_settings(window.db)
        form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        for name, label in (("brand_type", self.tr("Brand type")),
                            ("export_preference", self.tr("Export preference"))):
            box = QComboBox()
            box.setObjectName(name)
            box.addItems(now[f"{name}_choices"])
            box.setCurrentText(now[name])
            form.addRow(label, box)
            self.boxes[name] = box
        self.before = {name: box.currentText() for name, box in self.boxes.items()}
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not window.db.read_only)
        form.addRow(buttons)

    def save(self) -> None:
        for name, box in self.boxes.items():
            if box.currentText() == self.before[name]:
                continue
            changes = usecases.set_declaration_setting(self.window.db, name, box.currentText())
            if not changes.ok:
                self.message.setText(changes.why(self.window.lang))
                return
            self.window.on_changes(changes)  # the one handler of what a use case changed
        self.accept()


class DeclarationSettingsButton(QPushButton):
    """申报设置…: the brand type and export preference the texts state."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.setText(self.tr("Declaration settings…"))
        self.setObjectName("declaration_settings")
        self.setEnabled(not window.db.read_only)
        self.clicked.connect(self.open)

    def open(self) -> DeclarationSettings:
        self.dialog = DeclarationSettings(self.window)
        self.dialog.open()  # window-modal, returns at once
        return self.dialog
