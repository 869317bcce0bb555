"""The papers for the officer and the licence office, from the window: on the
export lines' page, the dossier of the selected line's declaration (one PDF,
a workbook and a zip with the attachments, with the statement of performance
and use drafted for the clerk to edit); on the sales page, the licence
application sheet of the selected sale or its whole contract."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import usecases
from .servers import home_folder


def selected_record(window, section):
    """The record of the row selected in ``section``, or None."""
    index = section.table.currentIndex()
    record_id = section.model.record_id(index.row()) if index.isValid() else None
    return usecases.repository(window.db).get(section.entity, record_id) \
        if record_id is not None else None


def open_path(path: Path) -> None:
    """Show a file or folder in the system's viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def refusal(exc: Exception, lang: str, target: Path | None = None) -> str:
    """Why a paper was not written, in the clerk's words."""
    return usecases.failure_words(exc, lang, target)


class DossierButton(QPushButton):
    """报关资料包…: the dossier of the declaration of the export line selected."""

    def __init__(self, window, section, parent: QWidget | None = None):
        super().__init__(parent)
        self.window, self.section = window, section
        self.setText(self.tr("&Dossier…"))
        self.setObjectName("dossier")
        self.setToolTip(self.tr("The dossier of the selected line's declaration for the "
                                "customs officer: a PDF, a workbook and a zip with the "
                                "attachments, with the statement of performance and use"))
        self.clicked.connect(self.open)

    def open(self) -> DossierDialog | None:
        line = selected_record(self.window, self.section)
        if line is None:
            QMessageBox.information(self, self.tr("Dossier"),
                                    self.tr("Select an export line first."))
            return None
        self.dialog = DossierDialog(self.window, line.customs_decl_no, self.window)
        self.dialog.open()  # window-modal, returns at once
        return self.dialog


class DossierDialog(QDialog):
    """The declaration, its statement of performance and use (drafted from
    the product data, edited here, kept for the declaration while the window
    is open), the folder, and Make; then where the files are and what is
    missing, with buttons that open them."""

    statements: dict[tuple[str, str], str] = {}  # (file, declaration): the clerk's text
    LISTED = 12  # missing pieces named here; the cover page lists them all

    def __init__(self, window, decl_no: str, parent: QWidget | None = None):
        # QtCore.Qt named here, not where the module loads: the sales page
        # makes its button when first shown, before Qt's namespace is built
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.window, self.decl_no = window, decl_no
        self.result = None
        self.draft_problem = ""  # why no statement could be drafted
        self.setWindowTitle(self.tr("Dossier of declaration {0}").format(decl_no))
        box = QVBoxLayout(self)
        form = QFormLayout()
        number = QLabel(decl_no)
        number.setObjectName("decl_no")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Declaration number:"), number)
        self.statement = QPlainTextEdit()
        self.statement.setObjectName("statement")
        self.statement.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.statement.setMinimumSize(560, 180)
        self.statement.setToolTip(self.tr("Drafted from the product data; correct it as "
                                          "needed. It goes into the PDF and the zip."))
        self.statement.setPlainText(self._statement())
        label = QLabel(self.tr("&Statement of performance and use:"))
        label.setBuddy(self.statement)
        form.addRow(label)
        form.addRow(self.statement)
        redraft = QPushButton(self.tr("Draft &again"))
        redraft.setObjectName("redraft")
        redraft.setToolTip(self.tr("Replace the text with a fresh draft from the product data"))
        redraft.setAutoDefault(False)
        redraft.clicked.connect(self._redraft)
        again = QHBoxLayout()
        again.addStretch(1)
        again.addWidget(redraft)
        form.addRow(again)
        self.folder = QLineEdit(self._start_folder())
        self.folder.setObjectName("folder")
        self.folder.setToolTip(self.tr("The dossier's files are written into this folder"))
        choose = QPushButton(self.tr("&Choose…"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        box.addLayout(form)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setText(self.draft_problem)
        box.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.make_button = self.buttons.addButton(self.tr("&Make"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.make_button.setObjectName("make")
        self.make_button.setDefault(True)
        self.open_pdf = self.buttons.addButton(self.tr("Open &PDF"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder = self.buttons.addButton(self.tr("Open f&older"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.open_pdf, self.open_folder):
            button.setEnabled(False)
        self.make_button.clicked.connect(self.make)
        self.open_pdf.clicked.connect(lambda: open_path(self.result.pdf))
        self.open_folder.clicked.connect(lambda: open_path(Path(self.result.pdf).parent))
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.statement.setFocus()

    def _key(self) -> tuple[str, str]:
        return str(self.window.db.path), self.decl_no

    def _statement(self) -> str:
        """The clerk's text kept for this declaration, else a fresh draft."""
        kept = self.statements.get(self._key())
        return kept if kept is not None else self._draft()

    def _draft(self) -> str:
        try:
            return usecases.draft_statement(self.window.db, self.decl_no, lang=self.window.lang)
        except (ValueError, LookupError) as exc:  # nothing to draft from: the clerk writes it
            self.draft_problem = refusal(exc, self.window.lang)
            return ""

    def _redraft(self) -> None:
        self.statement.setPlainText(self._draft())
        self.outcome.setText(self.draft_problem)
        self.statements.pop(self._key(), None)

    def _start_folder(self) -> str:
        from .folders import last_folder

        return last_folder("export", home_folder(self.window.db))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the dossier"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def make(self) -> None:
        """Write the dossier in the background (a PDF of many pages takes a
        while); the answer comes in ``_made``."""
        from .folders import remember
        from .printing import save_pdf

        folder = Path(self.folder.text().strip() or ".")
        if not folder.is_dir():
            self.outcome.setText(self.tr("{0} is not a folder; choose one.").format(folder))
            return
        remember("export", folder)
        text = self.statement.toPlainText()
        self.statements[self._key()] = text
        self.make_button.setEnabled(False)
        self.outcome.setText(self.tr("Making the dossier…"))
        worker_db = self.window.db.sibling()  # each thread its own connection

        def work(_progress, _cancelled):
            try:
                return usecases.write_dossier(worker_db, self.decl_no, folder,
                                              render_pdf=save_pdf, statement=text)
            finally:
                worker_db.conn.close()

        self.task = self.window.run_task(self.tr("Making the dossier…"), work,
                                         lambda result, error: self._made(folder, result, error))

    def _made(self, folder: Path, result, error) -> None:
        self.make_button.setEnabled(True)
        if error is not None:
            self.outcome.setText(self.tr("Not made: {0}").format(
                refusal(error, self.window.lang, folder)))
            return
        self.result = result
        lines = [self.tr("PDF: {0}").format(result.pdf), self.tr("Zip: {0}").format(result.zip)]
        missing = list(getattr(result, "missing", ()) or ())
        if missing:
            lines.append(self.tr("Missing pieces ({0}), also listed on the cover page:").format(
                len(missing)))
            lines += [f"  • {_said(m, self.window.lang)}" for m in missing[:self.LISTED]]
            if len(missing) > self.LISTED:
                lines.append("  " + self.tr("… and {0} more").format(len(missing) - self.LISTED))
        else:
            lines.append(self.tr("Nothing is missing."))
        self.outcome.setText("\n".join(lines))
        self.open_pdf.setEnabled(True)
        self.open_folder.setEnabled(True)
        self.open_pdf.setFocus()
        self.window.statusBar().showMessage(
            self.tr("Dossier of {0} written to {1}").format(self.decl_no, folder), 10000)


def _said(piece, lang: str) -> str:
    """A missing piece as the clerk reads it (text, or a finding-like thing)."""
    if isinstance(piece, str):
        return piece
    message = getattr(piece, "message", None)
    return message(lang) if callable(message) else str(piece)


class LicenceSheetButton(QPushButton):
    """许可证申请表…: the licence application data of the selected sale (or
    its whole contract), as a PDF and a workbook."""

    def __init__(self, window, section, parent: QWidget | None = None):
        super().__init__(parent)
        self.window, self.section = window, section
        self.setText(self.tr("Licence a&pplication…"))
        self.setObjectName("licence_sheet")
        self.setToolTip(self.tr("The data a dual-use export licence application asks, for the "
                                "selected sale or its contract, with the attachments it "
                                "needs ticked when present"))
        self.clicked.connect(self.write)

    def which(self, sale) -> dict | None:
        """This sale, or its whole contract (asked when it has one); None: cancelled."""
        if not sale.contract_no:
            return {"sale": sale.doc_no}
        ask = QMessageBox(QMessageBox.Icon.Question, self.tr("Licence application"),
                          self.tr("Sale {0} belongs to contract {1}. Make the application "
                                  "sheet for this sale alone or for the whole contract?").format(
                                      sale.doc_no, sale.contract_no),
                          QMessageBox.StandardButton.Cancel, self)
        one = ask.addButton(self.tr("This &sale"), QMessageBox.ButtonRole.AcceptRole)
        whole = ask.addButton(self.tr("The whole &contract"), QMessageBox.ButtonRole.AcceptRole)
        ask.setDefaultButton(whole)
        ask.exec()
        if ask.clickedButton() is one:
            return {"sale": sale.doc_no}
        if ask.clickedButton() is whole:
            return {"contract": sale.contract_no}
        return None

    def write(self):
        """Ask what and where, write the sheet, say where it is and offer to open it."""
        from .folders import last_folder, remember
        from .printing import save_pdf

        sale = selected_record(self.window, self.section)
        if sale is None:
            QMessageBox.information(self, self.tr("Licence application"),
                                    self.tr("Select a sale first."))
            return None
        chosen = self.which(sale)
        if chosen is None:
            return None
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the licence application sheet"),
            last_folder("export", home_folder(self.window.db)))
        if not folder:
            return None
        remember("export", folder)
        try:
            result = usecases.write_licence_sheet(self.window.db, Path(folder),
                                                  render_pdf=save_pdf, **chosen)
        except (ValueError, LookupError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Licence application"),
                                refusal(exc, self.window.lang, Path(folder)))
            return None
        self._written(result)
        return result

    def _written(self, result) -> None:
        done = QMessageBox(QMessageBox.Icon.Information, self.tr("Licence application"),
                           self.tr("The application sheet is written:\n{0}\n{1}").format(
                               result.pdf, result.xlsx), QMessageBox.StandardButton.Close, self)
        pdf = done.addButton(self.tr("Open &PDF"), QMessageBox.ButtonRole.ActionRole)
        folder = done.addButton(self.tr("Open f&older"), QMessageBox.ButtonRole.ActionRole)
        done.exec()
        if done.clickedButton() is pdf:
            open_path(Path(result.pdf))
        elif done.clickedButton() is folder:
            open_path(Path(result.pdf).parent)
        self.window.statusBar().showMessage(
            self.tr("Licence application sheet written to {0}").format(result.pdf), 10000)
