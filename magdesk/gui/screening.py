"""The bar above the export lines: which restricted-party lists the file
holds and how recent they are, and the button that imports or updates one
(usecases.screening).  Every customer, consignee and end user is screened
against them in validation and as a form is filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import usecases


class ScreeningBar(QWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window = window
        line = QHBoxLayout(self)
        line.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.label.setObjectName("screening_lists")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Import a restricted-party list…"))
        self.button.clicked.connect(self.import_list)
        line.addWidget(self.label, 1)
        line.addWidget(self.button)
        self.refresh()

    def refresh(self) -> None:
        db = self.window.db
        lists = usecases.screening_lists(db)
        if lists:
            parts = [(self.tr("{0}: {1} entry, newest listed {2}, imported {3}") if i.entries == 1
                      else self.tr("{0}: {1} entries, newest listed {2}, imported {3}")).format(
                i.list_name, i.entries, i.newest_listed or "—", i.imported_at[:16].replace("T", " "))
                for i in lists]
            self.label.setText(self.tr("Restricted-party lists — ") + "; ".join(parts))
        else:
            self.label.setText(self.tr("No restricted-party list imported yet: names are "
                                       "screened by the end-use rules only."))
        self.button.setEnabled(not db.read_only)
        self.button.setToolTip(db.read_only_reason or "" if db.read_only else self.tr(
            "A list in xlsx, xls or csv: name, other names, country, list, date listed, source. "
            "It replaces the list of the same name."))

    def import_list(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .folders import last_folder, remember

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restricted-party list to import"), last_folder("import"),
            self.tr("Lists (*.xlsx *.xls *.csv)"))
        if not path:
            return
        remember("import", path)
        changes = usecases.import_screening_list(self.window.db, path)
        if not changes.ok:
            QMessageBox.warning(self, self.tr("List not imported"), changes.why(self.window.lang))
            return
        self.window.on_changes(changes)
        self.window.statusBar().showMessage(self.tr("Restricted-party list imported: {0}").format(
            path), 8000)
