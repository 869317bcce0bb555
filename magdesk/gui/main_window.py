"""The main window: company band, sections, menus, undo, status."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__, services
from ..core.findings import Finding, finding
from ..edits import Create, Delete, Update
from ..settings import Settings
from ..storage.db import Database, DuplicateKeyError, InUseError, PeriodLockedError
from ..storage.filing_store import FilingStore
from ..storage.repository import ENTITY_OF, Repository
from .dashboard import Dashboard
from .form import RecordForm
from .pages import FilingPage, InventoryPage
from .sections import RecordSection
from .tasks import Task
from .undo import EditCommand

SECTION_ENTITIES = ["counterparty", "product", "purchase", "batch", "sale"]


def company_colour(uscc: str) -> QColor:
    """A colour of its own for every company, so nobody files under the wrong one."""
    hue = int(hashlib.sha256(uscc.encode()).hexdigest()[:4], 16) % 360
    return QColor.fromHsl(hue, 110, 70)


class MainWindow(QMainWindow):
    language_changed = Signal()

    def __init__(self, db: Database, settings: Settings, parent=None):
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, settings.lang()
        self.repo = Repository(db)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_status())
        company = self.repo.company()
        self.setWindowTitle(f"magdesk — {company.name if company else db.path.name}")
        self.periods = FilingStore(db).months_with_data()
        self._build(company)
        self._menus()
        self.resize(1280, 800)
        self.refresh_periods()
        self.select_section(0)

    # --- layout ---------------------------------------------------------------------------

    def _build(self, company) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.band = QLabel()
        self.band.setObjectName("companyBand")
        colour = company_colour(company.uscc if company else str(self.db.path))
        text_colour = "white" if colour.lightness() < 140 else "black"
        self.band.setStyleSheet(f"background: {colour.name()}; color: {text_colour}; "
                                "padding: 8px 14px; font-size: 16px; font-weight: bold;")
        name = company.name if company else self.tr("(no company profile)")
        uscc = company.uscc if company else ""
        label = self.tr("Credit code")
        self.band.setText(f"{name}　　{label} {uscc}")
        outer.addWidget(self.band)
        if self.db.read_only:
            banner = QLabel(self.tr("Read-only: {0}").format(self.db.read_only_reason))
            banner.setObjectName("readOnlyBanner")
            banner.setStyleSheet("background: #ffe08a; padding: 6px 14px;")
            outer.addWidget(banner)
        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setObjectName("sections")
        self.nav.setFixedWidth(160)
        self.nav.setStyleSheet("QListWidget { font-size: 14px; } "
                               "QListWidget::item { padding: 9px 10px; }")
        self.stack = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.dashboard = Dashboard(self.lang)
        self.dashboard.open_period.connect(self._open_period)
        self.sections: dict[str, RecordSection] = {}
        self._add_page(self.tr("Dashboard"), self.dashboard)
        titles = [self.tr("Counterparties"), self.tr("Products"), self.tr("Purchases"),
                  self.tr("Production batches"), self.tr("Sales")]
        for title, entity in zip(titles, SECTION_ENTITIES, strict=True):
            self._add_page(title, self._section(entity))
        tabs = QTabWidget()
        tabs.addTab(self._section("export"), self.tr("Export lines"))
        tabs.addTab(self._section("licence"), self.tr("Licences"))
        self._add_page(self.tr("Exports and licences"), tabs)
        self.inventory = InventoryPage(self.db, self.lang, self.periods)
        self._add_page(self.tr("Monthly inventory"), self.inventory)
        self.filing = FilingPage(self.lang)
        self.filing.export_requested.connect(self.export_period)
        self.filing.file_requested.connect(self.file_period)
        self.filing.amend_requested.connect(self.amend_period)
        self._add_page(self.tr("Filing"), self.filing)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.status_file = QLabel(str(self.db.path))
        self.status_state = QLabel()
        self.statusBar().addWidget(self.status_file, 1)
        self.statusBar().addPermanentWidget(self.status_state)

    def _add_page(self, title: str, widget: QWidget) -> None:
        self.nav.addItem(title)
        self.stack.addWidget(widget)

    def _section(self, entity: str) -> RecordSection:
        section = RecordSection(self.db, entity, self.lang, self.periods)
        section.open_record.connect(self.open_record)
        section.delete_records.connect(self.delete_records)
        if self.db.read_only:
            for button in (section.new_button, section.edit_button, section.delete_button):
                button.setEnabled(False)
        self.sections[entity] = section
        return section

    def select_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Open database…"), self.open_database,
                     QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Recent files"))
        self._fill_recent()
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import a spreadsheet…"), self.import_spreadsheet)
        self._action(file_menu, self.tr("&Export filing workbook…"),
                     lambda: self.export_period(self.filing.selected_period()
                                                or (self.periods[-1] if self.periods else "")))
        self._action(file_menu, self.tr("&Print summary…"), self.print_summary,
                     QKeySequence.StandardKey.Print)
        self._action(file_menu, self.tr("&Restore points…"), self.restore_point)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Settings…"), self.edit_settings)
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self._action(edit_menu, self.tr("&New record"), self.new_record, QKeySequence.StandardKey.New)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About magdesk"), self.about)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in QSettings().value("recentFiles", [], list) or []:
            self._action(self.recent_menu, path, lambda _=False, p=path: self._reopen(Path(p)))

    # --- records --------------------------------------------------------------------------

    def current_section(self) -> RecordSection | None:
        page = self.stack.currentWidget()
        if isinstance(page, QTabWidget):
            page = page.currentWidget()
        return page if isinstance(page, RecordSection) else None

    def new_record(self) -> None:
        section = self.current_section()
        if section is not None and not self.db.read_only:
            self.open_record(section.entity, None)

    def open_record(self, entity: str, record_id) -> RecordForm:
        record = self.repo.get(entity, record_id) if record_id is not None else None
        form = RecordForm(self.repo, entity, self.lang, self.commit, record,
                          self._locked_reason(record), self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.show()
        self.last_form = form
        return form

    def _locked_reason(self, record) -> str:
        if self.db.read_only:
            return self.tr("Read-only: {0}").format(self.db.read_only_reason)
        day = next((getattr(record, n) for n in ("date", "decl_date", "end_date")
                    if getattr(record, n, None) is not None), None)
        if day is not None:
            period = f"{day.year}-{day.month:02d}"
            if FilingStore(self.db).period(period)["state"] == "FILED":
                return self.tr("{0} is filed and locked; start an amendment on the Filing "
                               "page to change it.").format(period)
        return ""

    def commit(self, old, new, inputs: list | None = None) -> list[Finding]:
        """Save through the undo stack; what the database refuses comes back as findings."""
        edit = Create(new, inputs=inputs) if old is None else Update(old, new, inputs=inputs)
        return self._apply(edit, new)

    def delete_records(self, entity: str, ids: list) -> None:
        records = [r for r in (self.repo.get(entity, i) for i in ids) if r is not None]
        if not records or self.db.read_only:
            return
        edit = Delete(records)
        answer = QMessageBox.question(self, self.tr("Delete"),
                                      self.tr("{0}?").format(edit.describe(self.lang)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        problems = self._apply(edit, records[0])
        if problems:
            QMessageBox.warning(self, self.tr("Not deleted"), problems[0].message(self.lang))

    def _apply(self, edit, record) -> list[Finding]:
        entity = ENTITY_OF[type(record)]
        key = str(getattr(record, "key", ""))
        try:
            edit.apply(self.repo)
        except PeriodLockedError:
            return [finding("period.locked", entity, key, None, None,
                            period=self._locked_reason(record) or "?")]
        except DuplicateKeyError:
            return [finding("key.duplicate", entity, key, None, None, value=key)]
        except InUseError:
            return [finding("record.in_use", entity, key)]
        self.undo_stack.push(EditCommand(self.repo, edit, self.lang, self.data_changed,
                                         applied=True))
        self.data_changed()
        return []

    def data_changed(self) -> None:
        for section in self.sections.values():
            section.refresh()
        self._update_status()

    # --- months and filing ------------------------------------------------------------------

    def refresh_periods(self, with_findings: bool = True) -> None:
        statuses = services.period_statuses(self.db, settings=self.settings)
        self.dashboard.set_periods(statuses)
        self.filing.set_periods(statuses)
        self._update_status()
        if with_findings:
            self._count_findings(statuses)

    AUTO_CHECK_LIMIT = 200_000  # sales; a bigger file is checked when the clerk asks

    def _count_findings(self, statuses, asked: bool = False) -> None:
        """In the background: the chart's monthly flows and, unless the file is
        large (then on request), every record's findings."""
        check = asked or FilingStore(self.db).size_hint() <= self.AUTO_CHECK_LIMIT
        if not check:
            self.dashboard.offer_check(lambda: self._count_findings(statuses, asked=True))
        worker_db = self.db.sibling()

        def work(progress, _cancelled):
            try:
                flows = services.monthly_flows(worker_db)
                findings = services.findings_by_period(
                    worker_db, settings=self.settings, progress=progress) if check else None
                return flows, findings
            finally:
                worker_db.conn.close()

        title = self.tr("Checking every record…") if check else self.tr("Summing the months…")
        task = Task(self, title, work)
        task.done.connect(lambda result, error: self._counted(statuses, result, error))
        task.start()
        self.findings_task = task

    def _counted(self, statuses, result, error) -> None:
        if error is not None:
            self.statusBar().showMessage(str(error), 10000)
            return
        flows, findings = result
        self.dashboard.chart.set_flows(flows)
        if findings is not None:
            self.dashboard.set_periods(statuses, findings)

    def _open_period(self, period: str) -> None:
        self.select_section(len(SECTION_ENTITIES) + 3)
        self.filing.select(period)

    def export_period(self, period: str) -> None:
        if not period:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the filing workbook"))
        if not folder:
            return
        worker_db = self.db.sibling()

        def work(progress, _cancelled):
            try:
                return services.export_filing(worker_db, period, Path(folder),
                                              settings=self.settings, progress=progress)
            finally:
                worker_db.conn.close()

        task = Task(self, self.tr("Writing the filing workbook…"), work)
        task.done.connect(lambda result, error: self._exported(period, result, error))
        task.start()
        self.export_task = task

    def _exported(self, period: str, result, error) -> None:
        if error is not None:
            QMessageBox.warning(self, self.tr("Export failed"), str(error))
        elif result.refused:
            errors = [f.message(self.lang) for f in result.findings if f.is_error]
            QMessageBox.warning(self, self.tr("Not exported"), self.tr(
                "{0} has {1} errors; correct them first:\n\n{2}").format(
                    period, len(errors), "\n".join(errors[:15])))
        else:
            self.statusBar().showMessage(self.tr("Exported {0}").format(result.path), 10000)
            self.last_export = result
        self.refresh_periods(with_findings=False)

    def file_period(self, period: str) -> None:
        receipt, ok = QInputDialog.getText(self, self.tr("Mark as filed"), self.tr(
            "Receipt number from the tracking system for {0}:").format(period))
        if not ok or not receipt.strip():
            return
        try:
            services.file_period(self.db, period, date.today(), receipt)
        except Exception as exc:  # a refusal from the period rules: show it
            QMessageBox.warning(self, self.tr("Not filed"), str(exc))
        self.refresh_periods(with_findings=False)

    def amend_period(self, period: str) -> None:
        try:
            services.amend_period(self.db, period)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("No amendment"), str(exc))
        self.refresh_periods(with_findings=False)

    # --- import and print ----------------------------------------------------------------

    IMPORT_KINDS = ("counterparties", "products", "purchases", "batches", "sales", "exports",
                    "licences")

    def import_spreadsheet(self) -> None:
        """Choose what and which file; check it without writing; then, if clean, import."""
        labels = [self.tr("Counterparties"), self.tr("Products"), self.tr("Purchases"),
                  self.tr("Production batches"), self.tr("Sales"), self.tr("Export lines"),
                  self.tr("Licences")]
        label, ok = QInputDialog.getItem(self, self.tr("Import"), self.tr("What does the file hold?"),
                                         labels, 0, False)
        if not ok:
            return
        kind = self.IMPORT_KINDS[labels.index(label)]
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Spreadsheet to import"), "",
                                              self.tr("Spreadsheets (*.xlsx *.xls *.csv)"))
        if path:
            self._run_import(kind, Path(path), dry_run=True)

    def _run_import(self, kind: str, path: Path, dry_run: bool) -> None:
        worker_db = self.db.sibling()

        def work(_progress, _cancelled):
            try:
                return services.import_file(worker_db, kind, path, dry_run=dry_run,
                                            settings=self.settings, lang=self.lang)
            finally:
                worker_db.conn.close()

        task = Task(self, self.tr("Reading {0}…").format(path.name), work)
        task.done.connect(lambda result, error: self._imported(kind, path, dry_run, result, error))
        task.start()
        self.import_task = task

    def _imported(self, kind: str, path: Path, dry_run: bool, result, error) -> None:
        if error is not None:
            QMessageBox.warning(self, self.tr("Not imported"), str(error))
            return
        self.last_import = result
        problems = [f"{f.where(self.lang)}: {f.finding.message(self.lang)}"
                    for f in result.findings[:15]]
        summary = self.tr("{0}: {1} rows, {2} errors, {3} warnings.").format(
            path.name, result.rows, result.errors, result.warnings)
        if result.errors or result.status not in ("dry_run", "imported"):
            QMessageBox.warning(self, self.tr("Not imported"),
                                summary + "\n\n" + "\n".join(problems))
            return
        if dry_run:
            answer = QMessageBox.question(self, self.tr("Import"), summary + "\n\n" +
                                          "\n".join(problems) + "\n\n" +
                                          self.tr("Import these rows now?"))
            if answer == QMessageBox.StandardButton.Yes:
                self._run_import(kind, path, dry_run=False)
            return
        self.statusBar().showMessage(self.tr("Imported {0} rows from {1}").format(
            result.inserted + result.updated, path.name), 10000)
        self.data_changed()
        self.refresh_periods()

    REPORT_KINDS = ("flow", "inventory", "licences")

    def print_summary(self) -> None:
        from .printing import preview

        labels = [self.tr("Monthly flow summary"), self.tr("Inventory reconciliation"),
                  self.tr("Licence usage")]
        label, ok = QInputDialog.getItem(self, self.tr("Print"), self.tr("Which summary?"),
                                         labels, 0, False)
        if not ok:
            return
        period = self.filing.selected_period() or (self.periods[-1] if self.periods else "")
        try:
            report = services.summary_report(self.db, self.REPORT_KINDS[labels.index(label)],
                                             period)
        except Exception as exc:  # a report that cannot be made: say why
            QMessageBox.warning(self, self.tr("Print"), str(exc))
            return
        preview(report, self)

    # --- files, settings, about -----------------------------------------------------------

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a magdesk database"),
                                              str(self.db.path.parent),
                                              self.tr("magdesk database (*.sqlite)"))
        if path:
            self._reopen(Path(path))

    def _reopen(self, path: Path) -> None:
        from .app import reopen

        self.replacement = reopen(self, path, self.settings)

    def restore_point(self) -> None:
        from .safety import RestorePoints

        chosen = RestorePoints.ask(self.db, self)
        if chosen is None or self.db.read_only:
            return
        try:
            services.restore_snapshot(self.db, chosen.path)
        except Exception as exc:  # the restore refused: say why, nothing changed
            QMessageBox.warning(self, self.tr("Not restored"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Restored the state of {0}").format(
            chosen.taken_at.strftime("%Y-%m-%d %H:%M")), 10000)
        self._reopen(self.db.path)

    def edit_settings(self) -> None:
        from .dialogs import SettingsDialog

        if SettingsDialog.edit(self, self.settings) is not None:
            self.language_changed.emit()

    def about(self) -> None:
        from ..settings import config_dir, data_dir

        QMessageBox.about(self, self.tr("About magdesk"), self.tr(
            "<b>magdesk {0}</b><br>Records and the monthly product-flow filing for rare-earth "
            "magnet producers.<br>Licence: MIT<br>Data folder: {1}<br>Settings: {2}").format(
                __version__, data_dir(), config_dir()))

    def _update_status(self) -> None:
        state = self.tr("read-only") if self.db.read_only else self.tr("saved")
        period = self.periods[-1] if self.periods else "—"
        self.status_state.setText(self.tr("Current month {0} · {1}").format(period, state))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for task in (getattr(self, "findings_task", None), getattr(self, "export_task", None)):
            if task is not None and task.running:
                task.worker.cancel_requested = True
                task.thread.quit()
                task.thread.wait(5000)
        super().closeEvent(event)
