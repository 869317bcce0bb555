"""The import wizard's last two pages: (c) the first rows as they will be
read, each problem at its cell; (d) the whole file checked in the background
(a dry run: nothing is written), with the counts, the problems and the error
report to save.  Finish then imports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from .. import usecases
from ..core.messages import render_text
from ..importing.values import column_letter
from ..usecases.kinds import said
from .tasks import Cancelled

SHOWN_FINDINGS = 1000  # problems listed on the page; the report holds them all
ERROR_BG, WARNING_BG = QColor("#ffd9d9"), QColor("#fff2c4")


def _item(text, findings=(), lang: str = "zh") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if findings:
        item.setBackground(ERROR_BG if any(f.is_error for f in findings) else WARNING_BG)
        item.setToolTip("\n".join(render_text(f.finding, lang) for f in findings))
    return item


def _problem_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fit(table: QTableWidget) -> None:
    """Columns as wide as their contents; the last (the message) takes the rest."""
    for column in range(table.columnCount() - 1):
        table.resizeColumnToContents(column)


class PreviewPage(QWizardPage):
    """(c) The first rows parsed and checked as the import will."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they will be read. Cells with a problem are "
                                 "marked (red: error, yellow: warning)."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget()
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move in it
        self.table.setObjectName("previewRows")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 3)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.problems = _problem_table([self.tr("Row"), self.tr("Column"), self.tr("Field"),
                                        self.tr("Message")])
        self.problems.setObjectName("previewProblems")
        layout.addWidget(self.problems, 2)
        self.rows, self.ready = None, False

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.ready

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """The rows are read in the background (a large database's keys are
        looked up for duplicates); the table fills when they are ready."""
        wiz = self.wiz
        self.rows, self.ready = None, False
        self.completeChanged.emit()
        self.table.clear()
        self.table.setRowCount(0)
        self.problems.setRowCount(0)
        self.summary.setText(self.tr("Reading the first rows…"))
        mapping, preview = wiz.mapping, wiz.preview
        options = {"on_duplicate": wiz.on_duplicate(), "settings": wiz.settings,
                   "lang": wiz.lang}

        def work(_progress, _cancelled):
            worker_db = wiz.db.sibling()
            try:
                return usecases.preview_rows(worker_db, preview, mapping, **options)
            finally:
                worker_db.conn.close()

        wiz.run(self.tr("Reading the first rows…"), work,
                lambda rows, error: self._show(mapping, rows, error))

    def _show(self, mapping, rows, error) -> None:
        if mapping is not self.wiz.mapping:
            return  # the clerk went back and changed it meanwhile
        self.ready = True  # Next: the dry run checks the whole file in any case
        self.completeChanged.emit()
        if error is not None:
            self.summary.setText(said(error, self.wiz.lang))
            return
        lang = self.wiz.lang
        self.rows = rows
        targets = {t.name: t.label(lang) for t in self.wiz.preview.targets()}
        width = max([len(mapping.headers), *(len(c) for c in rows.cells)], default=0)
        self.table.setColumnCount(width)
        self.table.setRowCount(len(rows.numbers))
        heads = []
        for index in range(width):
            header = mapping.headers[index] if index < len(mapping.headers) else ""
            target = targets.get(mapping.columns.get(index))
            heads.append(f"{column_letter(index)} {header}" + (f"\n→ {target}" if target else ""))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setVerticalHeaderLabels([str(n) for n in rows.numbers])
        for r, (number, cells) in enumerate(zip(rows.numbers, rows.cells, strict=True)):
            for c, text in enumerate(cells):
                item = _item(text, rows.at(number, c), lang)
                if c not in mapping.columns:
                    item.setForeground(QColor("#999"))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self._problems()

    def _problems(self) -> None:
        lang = self.wiz.lang
        found = self.rows.findings
        errors = sum(1 for f in found if f.is_error)
        self.summary.setText(self.tr("{0} rows shown: {1} errors, {2} warnings").format(
            len(self.rows.numbers), errors, len(found) - errors))
        self.problems.setRowCount(len(found))
        for r, f in enumerate(sorted(found, key=lambda f: (f.row or 0, f.column or ""))):
            cells = (f.row, f"{f.column or ''} {f.header or ''}".strip(),
                     self.wiz.preview.field_label(f.finding.entity, f.finding.field, lang),
                     render_text(f.finding, lang))
            for c, text in enumerate(cells):
                self.problems.setItem(r, c, _item(text, [f] if c == 0 else (), lang))
        _fit(self.problems)


class DryRunPage(QWizardPage):
    """(d) The whole file checked without writing: counts and problems; the
    error report can be saved.  Import (Finish) only when there is no error."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check the whole file"))
        self.setSubTitle(self.tr("Every row is checked with the same rules as entry; nothing is "
                                 "written yet. A file with errors is not imported at all."))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("dryRunStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 14px;")
        layout.addWidget(self.status)
        self.problems = _problem_table([self.tr("Row"), self.tr("Column"), self.tr("Severity"),
                                        self.tr("Message")])
        self.problems.setObjectName("dryRunProblems")
        layout.addWidget(self.problems, 1)
        buttons = QHBoxLayout()
        self.again = QPushButton(self.tr("Check again"))
        self.again.clicked.connect(self.check)
        self.report_button = QPushButton(self.tr("Save the error report…"))
        self.report_button.clicked.connect(self.save_report)
        buttons.addWidget(self.again)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.task = None
        self.report = None  # the last report saved

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.check()

    def check(self) -> None:
        wiz = self.wiz
        if any(t.running for t in wiz.tasks):
            return
        wiz.dry_result = None
        self.problems.setRowCount(0)
        self.report_button.setEnabled(False)
        self.status.setText(self.tr("Checking {0}…").format(wiz.preview.path.name))
        self.completeChanged.emit()
        self.task = wiz.run(
            self.tr("Checking {0}…").format(wiz.preview.path.name),
            lambda progress, cancelled: wiz.import_file(True, progress, cancelled),
            self._checked)

    def _checked(self, value, error) -> None:
        if error is not None:
            self.show_error(error)
            return
        self.show_result(value[0])

    def show_error(self, error) -> None:
        if isinstance(error, Cancelled):
            text = self.tr("Cancelled; press Check again to check the file.")
        else:  # an unreadable file, a full disk: in the clerk's language
            text = said(error, self.wiz.lang)
        self.status.setText(text)
        self.completeChanged.emit()

    def show_result(self, result) -> None:
        lang = self.wiz.lang
        self.wiz.dry_result = result
        if result.status == "cancelled":
            self.show_error(Cancelled())
            return
        if result.errors:  # nothing would be written: no counts of it
            counts = self.tr("{0} rows read; {1} errors, {2} warnings.").format(
                f"{result.rows:,}", result.errors, result.warnings)
        else:
            counts = self.tr("{0} rows read: {1} to add, {2} to update, {3} skipped; "
                             "{4} warnings.").format(
                f"{result.rows:,}", f"{result.inserted:,}", f"{result.updated:,}",
                f"{result.skipped:,}", result.warnings)
        if self.isComplete():
            verdict = self.tr("Press Import to write them.")
        elif result.errors:
            verdict = self.tr("Correct the errors in the file (the error report marks them), "
                              "then check again.")
        else:
            verdict = self.tr("Nothing to import.")
        self.status.setText(f"{counts}\n{verdict}")
        shown = result.findings[:SHOWN_FINDINGS]
        self.problems.setRowCount(len(shown))
        for r, f in enumerate(shown):
            severity = self.tr("Error") if f.is_error else self.tr("Warning")
            cells = (f.row or "", f"{f.column or ''} {f.header or ''}".strip(), severity,
                     f.message(lang) if f.row is None else render_text(f.finding, lang))
            for c, text in enumerate(cells):
                self.problems.setItem(r, c, _item(text, [f] if c == 2 else (), lang))
        _fit(self.problems)
        self.report_button.setEnabled(bool(result.findings))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        result = self.wiz.dry_result
        return result is not None and result.status == "dry_run" and not result.errors \
            and result.inserted + result.updated > 0

    def save_report(self) -> None:
        result = self.wiz.dry_result
        if result is None:
            return
        suggested = result.file.with_name(f"{result.file.stem}_错误报告.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the error report"),
                                              str(suggested), self.tr("Workbook (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(f"{path}.xlsx")
        self.wiz.run(self.tr("Writing the error report…"),
                     lambda _p, _c: usecases.write_import_report(result, target,
                                                                 lang=self.wiz.lang),
                     self._saved)

    def _saved(self, path, error) -> None:
        if error is not None:
            self.status.setText(said(error, self.wiz.lang))
            return
        self.report = path
        self.status.setText(self.status.text().split("\n")[0] + "\n" + self.tr(
            "Error report saved: {0}").format(path))
