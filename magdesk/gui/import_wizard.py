"""File ▸ Import as a wizard: what and which file; the header mapped column by
column; the first rows as they will be read; a dry run of the whole file in
the background; the import.  The GUI reads no file itself: the sheet, its
mapping and the preview come from ``usecases.import_preview`` and the checks
and the import from ``usecases.import_file`` with the mapping shown here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from .. import usecases
from ..importing import ImportFileError
from ..importing.reader import sheet_names
from ..importing.values import column_letter
from ..usecases.kinds import said
from .import_pages import DryRunPage, PreviewPage
from .tasks import Task

KINDS = ("counterparties", "products", "purchases", "batches", "sales", "exports", "licences")
MISSING_STYLE = "color: #a61b1b; font-weight: bold;"


class ImportWizard(QWizard):
    """Emits ``imported(result, changes)`` after an import wrote its rows
    (``changes.edit``: the ``edits.ImportEdit`` to push as one undo step)."""

    imported = Signal(object, object)

    def __init__(self, db, settings, lang: str, parent=None):
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, lang
        self.preview = None  # importing.preview.Preview of the chosen file
        self.mapping = None  # the header mapping shown (and used)
        self.dry_result = None  # the last dry run's ImportResult
        self.result = None  # the import's
        self.tasks: list[Task] = []
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))
        self.choose, self.map_page = ChoosePage(self), MappingPage(self)
        self.preview_page, self.dry_page = PreviewPage(self), DryRunPage(self)
        for page in (self.choose, self.map_page, self.preview_page, self.dry_page):
            self.addPage(page)
        self.resize(1040, 680)

    # --- what the pages share -----------------------------------------------------------

    def kind(self) -> str:
        return KINDS[self.choose.kind.currentIndex()]

    def on_duplicate(self) -> str:
        return self.choose.duplicates.currentData()

    def choice(self) -> dict[str, str | None]:
        """The mapping as the import takes it (header text -> column)."""
        return self.preview.choice(self.mapping)

    def run(self, title: str, work, done) -> Task:
        task = Task(self, title, work)
        task.done.connect(done)
        self.tasks = [t for t in self.tasks if t.running] + [task]
        task.start()
        return task

    def import_file(self, dry_run: bool, progress, cancelled):
        """The import (or its dry run) with what the pages show, on a
        connection of the calling thread; a real one also returns its undo step."""
        worker_db = self.db.sibling()
        try:
            result = usecases.import_file(
                worker_db, self.kind(), self.preview.path, sheet=self.preview.sheet,
                mapping=self.choice(), header_row=self.mapping.header_row, dry_run=dry_run,
                on_duplicate=self.on_duplicate(), settings=self.settings, lang=self.lang,
                progress=progress, cancelled=cancelled,
                accept_bad_bytes=self.preview.accept_bad_bytes)
            changes = None if dry_run else usecases.import_changes(worker_db, result)
            return result, changes
        finally:
            worker_db.conn.close()

    # --- the import itself: Finish ----------------------------------------------------

    def accept(self) -> None:
        if self.result is not None:
            super().accept()
            return
        if any(t.running for t in self.tasks):
            return
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.dry_page.status.setText(self.tr("Importing…"))
        self.run(self.tr("Importing {0}…").format(self.preview.path.name),
                 lambda progress, cancelled: self.import_file(False, progress, cancelled),
                 self._imported)

    def _imported(self, value, error) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if error is not None:
            self.dry_page.show_error(error)
            return
        result, changes = value
        if result.status != "imported":
            self.dry_page.show_result(result)  # changed since the dry run: say what
            return
        self.result = result
        self.imported.emit(result, changes)
        super().accept()

    def done(self, code: int) -> None:
        for task in self.tasks:
            task.stop()
        super().done(code)


class ChoosePage(QWizardPage):
    """(a) What the file holds, the file, its sheet, and what to do with rows
    already in the database.  Next reads the file (in the background)."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("What to import"))
        self.setSubTitle(self.tr("Choose what the spreadsheet holds and the file (xlsx, xls or "
                                 "csv). Nothing is written before the last step."))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems([self.tr("Counterparties"), self.tr("Products"), self.tr("Purchases"),
                            self.tr("Production batches"), self.tr("Sales"),
                            self.tr("Export lines"), self.tr("Licences")])
        form.addRow(self.tr("The file holds"), self.kind)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.tr("File"), row)
        self.sheet = QComboBox()
        form.addRow(self.tr("Sheet"), self.sheet)
        self.duplicates = QComboBox()
        for text, value in ((self.tr("Refuse the file (report them)"), "error"),
                            (self.tr("Skip them"), "skip"),
                            (self.tr("Update them from the file"), "update")):
            self.duplicates.addItem(text, value)
        form.addRow(self.tr("Rows already in the database"), self.duplicates)
        self.message = QLabel()
        self.message.setStyleSheet(MISSING_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        # offered only when a csv was refused for bytes not valid in its encoding
        self.accept_bad = QCheckBox(self.tr("Import it anyway, with replacement characters for "
                                            "the bad bytes (each cell holding one is listed as "
                                            "a warning)"))
        self.accept_bad.setObjectName("acceptBadBytes")
        self.accept_bad.hide()
        self.accept_bad.toggled.connect(self._forget)
        form.addRow(self.accept_bad)
        self.path.textChanged.connect(self._file_changed)
        self.kind.currentIndexChanged.connect(self._forget)
        self.sheet.currentIndexChanged.connect(self._forget)
        self.loaded_for = None

    def browse(self) -> None:
        from .folders import last_folder, remember

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Spreadsheet to import"),
                                              self.path.text() or last_folder("import"),
                                              self.tr("Spreadsheets (*.xlsx *.xls *.csv)"))
        if path:
            remember("import", path)
            self.path.setText(path)

    def _file_changed(self) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItem(self.tr("(the one that fits)"), None)
        path = Path(self.path.text().strip())
        self.message.setText("")
        self.accept_bad.setChecked(False)
        self.accept_bad.hide()
        if path.is_file():
            try:
                for name in sheet_names(path):
                    self.sheet.addItem(name, name)
            except ImportFileError as exc:
                self.message.setText(exc.message(self.wiz.lang))
        self.sheet.blockSignals(False)
        self._forget()

    def _forget(self) -> None:
        self.wiz.preview = None
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return Path(self.path.text().strip()).is_file()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Read the file first (in the background), then move on."""
        wanted = (self.wiz.kind(), self.path.text().strip(), self.sheet.currentData(),
                  self.accept_bad.isChecked())
        if self.wiz.preview is not None and self.loaded_for == wanted:
            return True
        if any(t.running for t in self.wiz.tasks):
            return False
        kind, path, sheet, accept_bad = wanted

        def work(_progress, _cancelled):
            return usecases.import_preview(kind, Path(path), sheet, accept_bad)

        self.message.setText(self.tr("Reading {0}…").format(Path(path).name))
        self.wiz.run(self.tr("Reading {0}…").format(Path(path).name), work,
                     lambda preview, error: self._read(wanted, preview, error))
        return False

    def _read(self, wanted, preview, error) -> None:
        if error is not None:
            self.message.setText(said(error, self.wiz.lang))
            if getattr(error, "code", "") == "import.bad_bytes":
                self.accept_bad.show()
            return
        self.message.setText("")
        self.wiz.preview, self.loaded_for = preview, wanted
        self.wiz.mapping = preview.found
        self.wiz.next()


class MappingPage(QWizardPage):
    """(b) The header row and, for each of its columns, what it is imported
    as; required columns that nothing feeds are named, and block Next."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check what each column of the file is imported as. "
                                 "Your choice is remembered for files laid out the same way."))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.found = QLabel()
        top.addWidget(self.found, 1)
        top.addWidget(QLabel(self.tr("Header row")))
        self.header_row = QSpinBox()
        self.header_row.setMinimum(1)
        self.header_row.valueChanged.connect(self._header_moved)
        top.addWidget(self.header_row)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setObjectName("mapping")
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Header in the file"),
                                              self.tr("First value"), self.tr("Imported as")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 60)
        self.table.setColumnWidth(3, 260)
        layout.addWidget(self.table, 1)
        self.missing = QLabel()
        self.missing.setObjectName("missingColumns")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(MISSING_STYLE)
        layout.addWidget(self.missing)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.notes)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        preview = self.wiz.preview
        self.header_row.blockSignals(True)
        self.header_row.setMaximum(max(1, len(preview.source.rows)))
        if self.wiz.mapping is None:  # no header recognised: the clerk points at it
            self.wiz.mapping = preview.mapping(header_row=0)
        self.header_row.setValue(self.wiz.mapping.header_row + 1)
        self.header_row.blockSignals(False)
        self._fill()

    def _header_moved(self, row: int) -> None:
        self.wiz.mapping = self.wiz.preview.mapping(header_row=row - 1)
        self._fill()

    def _fill(self) -> None:
        preview, mapping, lang = self.wiz.preview, self.wiz.mapping, self.wiz.lang
        how = self.tr("remembered from an earlier import") if mapping.remembered else \
            self.tr("recognised") if preview.found is not None else self.tr("not recognised")
        self.found.setText(self.tr("Sheet “{0}”, header in row {1} ({2})").format(
            preview.sheet, mapping.header_row + 1, how))
        targets = preview.targets()
        self.table.setRowCount(0)
        self.combos = []
        for index, text in enumerate(mapping.headers):
            if not text:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, value in enumerate((column_letter(index), text,
                                            preview.sample(mapping, index))):
                self.table.setItem(row, column, QTableWidgetItem(value))
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), None)
            for t in targets:
                combo.addItem(t.label(lang) + (" *" if t.required else ""), t.name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(index))))
            combo.setProperty("fileColumn", index)
            combo.currentIndexChanged.connect(self._chosen)
            self.table.setCellWidget(row, 3, combo)
            self.combos.append(combo)
        self._show_state()

    def _chosen(self) -> None:
        """A combo changed: the whole header mapped again as now chosen."""
        wiz = self.wiz
        chosen = wiz.preview.choice(wiz.mapping)
        for combo in self.combos:
            text = wiz.mapping.headers[combo.property("fileColumn")]
            chosen[text] = combo.currentData()
        wiz.mapping = wiz.preview.mapping(chosen, wiz.mapping.header_row)
        for combo in self.combos:  # one name feeds one column: show what is used
            combo.blockSignals(True)
            index = combo.property("fileColumn")
            combo.setCurrentIndex(max(0, combo.findData(wiz.mapping.columns.get(index))))
            combo.blockSignals(False)
        self._show_state()

    def _show_state(self) -> None:
        missing = self.wiz.preview.missing(self.wiz.mapping, self.wiz.lang)
        self.missing.setText(self.tr("Required and not mapped: {0}").format("、".join(missing))
                             if missing else "")
        twice = [self.wiz.mapping.headers[i] for i, _ in self.wiz.mapping.twice]
        self.notes.setText(self.tr("Read past (same meaning as another column): {0}").format(
            "、".join(twice)) if twice else "")
        for combo in self.combos:
            unused = combo.currentData() is None
            combo.setStyleSheet("color: #888;" if unused else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.wiz.mapping is not None and not self.wiz.mapping.missing

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        return self.isComplete()

