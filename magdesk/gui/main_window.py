"""The main window: company band, sections, menus, undo, status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

# What a menu, a form or the dashboard's sums need is imported when first
# used: the window opens on the modules it shows (benchmarks/bench_gui.py).
from .. import __version__, usecases
from ..settings import Settings
from ..usecases import reads
from ..usecases.kinds import Database
from . import collect_as_usual
from .app import set_window_icon
from .changes import ChangeHandling
from .dashboard import Dashboard
from .idle import IdleQueue
from .lazy import made, made_on_use
from .months import MonthCounts
from .pages import FilingPage, InventoryPage
from .sections import TABLE_MODULES, RecordSection, build_qt_namespace
from .tasks import Task
from .templates import TemplatesPage
from .undo import GuardedUndo

if TYPE_CHECKING:
    from ..usecases.reads import RecordReader
    from .form import RecordForm

SECTION_ENTITIES = ["counterparty", "product", "purchase", "batch", "sale"]

try:  # Python's own SHA-256: hashlib would load OpenSSL (~5 ms of a start) for one hash
    from _sha256 import sha256 as _sha256
except ImportError:  # Python 3.12 and later
    from hashlib import sha256 as _sha256


def company_colour(uscc: str) -> QColor:
    """A colour of its own for every company, so nobody files under the wrong one."""
    hue = int(_sha256(uscc.encode()).hexdigest()[:4], 16) % 360
    return QColor.fromHsl(hue, 110, 70)


class MainWindow(ChangeHandling, MonthCounts, QMainWindow):
    language_changed = Signal()
    # The longer flows and the findings list, made when first used.
    filing_flow = made_on_use(".flows", "FilingFlow")
    imports = made_on_use(".flows", "ImportFlow")
    demo = made_on_use(".flows", "DemoFlow")
    findings_flow = made_on_use(".findings", "FindingsFlow")

    def __init__(self, db: Database, settings: Settings, parent=None):
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, settings.lang()
        self._repo: RecordReader | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_status())
        self.tasks: list[Task] = []
        self.periods = reads.months_with_data(db)
        self._build()
        self.show_company(reads.heading(db))
        self._menus()
        self.server_watch = None
        if usecases.on_server(db):  # other clerks' changes shown as they commit
            from .servers import ServerWatch

            self.server_watch = ServerWatch(self)
        self.resize(1280, 800)
        # Once the window has painted (or after a second, if it never shows),
        # a short step at a time: what a first table needs, the sales' count,
        # first page, table and glyphs (the section a clerk opens most, and
        # the biggest), Qt's namespace, the other sections' counts and first
        # pages, then the months' states.
        self.later = IdleQueue(self)
        self.later.add(collect_as_usual, set_window_icon)
        self.later.imports(*TABLE_MODULES)
        sales = self.sections["sale"]
        self.later.add(sales.prepare, sales.build, sales.warm_glyphs, self._build_qt_namespace)
        self.later.add(*(s.prepare for s in self.sections.values() if s is not sales))
        self.later.add(self.refresh_licences)
        self._read_periods()
        self.select_section(0)
        self.dashboard.chart.painted.connect(self.later.start)
        QTimer.singleShot(1000, self, self.later.start)
        self.nav.currentRowChanged.connect(lambda _row: self.later.hold())

    def _build_qt_namespace(self) -> None:
        build_qt_namespace()
        for section in self.sections.values():
            section.number_rows()  # a table made before keeps Qt's own row numbers till now

    @property
    def repo(self) -> RecordReader:
        """The records, to read (made when first needed: the window opens
        without them); every write goes through the use cases."""
        if self._repo is None:
            self._repo = reads.records(self.db)
        return self._repo

    # --- layout ---------------------------------------------------------------------------

    def show_company(self, company) -> None:
        """The company's name in the title (and the server it is kept on),
        and its band in a colour of its own."""
        title = f"magdesk — {company.name if company else self.db.path.name}"
        if usecases.on_server(self.db):
            title += f" — {self.db.where}"  # never the password
        self.setWindowTitle(title)
        colour = company_colour(company.uscc if company else str(self.db.path))
        text_colour = "white" if colour.lightness() < 140 else "black"
        self.band.setStyleSheet(f"background: {colour.name()}; color: {text_colour}; "
                                "padding: 8px 14px; font-size: 16px; font-weight: bold;")
        name = company.name if company else self.tr("(no company profile)")
        uscc, label = company.uscc if company else "", self.tr("Credit code")
        self.band.setText(f"{name}　　{label} {uscc}")

    def edit_company(self) -> None:
        from .company import CompanyProfileDialog

        if CompanyProfileDialog.edit(self, self.db, self.lang) is not None:
            from ..usecases.changes import Changes

            self.on_changes(Changes(entities=frozenset({"company"}), company=True,
                                    findings=True, periods=True))

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.band = QLabel()
        self.band.setObjectName("companyBand")
        outer.addWidget(self.band)
        if self.db.read_only:
            from ..usecases.kinds import said

            banner = QLabel(self.tr("Read-only: {0}").format(
                said(self.db.read_only_reason, self.lang)))
            banner.setObjectName("readOnlyBanner")
            banner.setStyleSheet("background: #ffe08a; padding: 6px 14px;")
            banner.setWordWrap(True)
            row = QWidget()
            row.setStyleSheet("background: #ffe08a;")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 10, 0)
            line.addWidget(banner, 1)
            from . import repair

            if repair.offered(self.db.read_only_reason):  # foreign schema objects
                line.addWidget(repair.button(self))
            outer.addWidget(row)
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
        self.dashboard.table.cellClicked.connect(self._count_clicked)
        self.sections: dict[str, RecordSection] = {}
        from .licences import LicenceTile

        self.licence_tile = LicenceTile(self.lang)
        self.licence_tile.clicked.connect(lambda: self.show_section("licence"))
        self.dashboard.layout().insertWidget(1, self.licence_tile)
        self._add_page(self.tr("Dashboard"), self.dashboard)
        titles = [self.tr("Counterparties"), self.tr("Products"), self.tr("Purchases"),
                  self.tr("Production batches"), self.tr("Sales")]
        for title, entity in zip(titles, SECTION_ENTITIES, strict=True):
            self._add_page(title, self._section(entity))
        self.export_tabs = tabs = QTabWidget()
        tabs.addTab(self._section("export"), self.tr("Export lines"))
        self.sections["export"].extra_buttons += [self._declaration_button,
                                                  self._declaration_settings_button,
                                                  self._dossier_button]
        self.sections["sale"].extra_buttons.append(self._licence_sheet_button)
        tabs.addTab(self._section("licence"), self.tr("Licences"))
        from .screening import ScreeningBar

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.screening = ScreeningBar(self)
        column.addWidget(self.screening)
        column.addWidget(tabs, 1)
        self._add_page(self.tr("Exports and licences"), page)
        self.inventory = InventoryPage(self.db, self.lang, self.periods)
        self._add_page(self.tr("Monthly inventory"), self.inventory)
        self.filing = FilingPage(self.lang)
        self.filing.template_name = lambda: _default_template(self.db)
        self.filing.export_requested.connect(lambda p: self.filing_flow.export_period(p))
        self.filing.file_requested.connect(lambda p: self.filing_flow.file_period(p))
        self.filing.amend_requested.connect(lambda p: self.filing_flow.amend_period(p))
        self._add_page(self.tr("Filing"), self.filing)
        self.templates_page = TemplatesPage(self.db, self.lang, lambda: self.periods)
        self.templates_page.changed.connect(self.on_changes)
        self.templates_page.status.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self._add_page(self.tr("Filing templates"), self.templates_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.status_file = QLabel(self.db.where if usecases.on_server(self.db)
                                  else str(self.db.path))
        self.status_state = QLabel()
        self.statusBar().addWidget(self.status_file, 1)
        self.statusBar().addPermanentWidget(self.status_state)

    def _add_page(self, title: str, widget: QWidget) -> None:
        self.nav.addItem(title)
        self.stack.addWidget(widget)

    def _section(self, entity: str) -> RecordSection:
        if entity == "licence":  # with the usage of the licence selected under its table
            from .licences import LicenceSection

            section = LicenceSection(self.db, entity, self.lang, self.periods)
        else:
            section = RecordSection(self.db, entity, self.lang, self.periods)
        section.open_record.connect(self.open_record)
        section.delete_records.connect(self.delete_records)
        if self.db.read_only:
            for button in (section.new_button, section.edit_button, section.delete_button):
                button.setEnabled(False)
        self.sections[entity] = section
        return section

    def _declaration_button(self):
        from .declarations import DeclarationButton

        self.declaration_button = DeclarationButton(self, self.sections["export"])
        return self.declaration_button

    def _declaration_settings_button(self):
        from .declarations import DeclarationSettingsButton

        self.declaration_settings_button = DeclarationSettingsButton(self)
        return self.declaration_settings_button

    def _dossier_button(self):
        from .dossier import DossierButton

        self.dossier_button = DossierButton(self, self.sections["export"])
        return self.dossier_button

    def _licence_sheet_button(self):
        from .dossier import LicenceSheetButton

        self.licence_sheet_button = LicenceSheetButton(self, self.sections["sale"])
        return self.licence_sheet_button

    def refresh_licences(self) -> None:
        """The dashboard's licence tile: the licences' usage today."""
        from .. import usecases

        self.licence_tile.set_usage(usecases.licence_usage(self.db, lines=False))

    def select_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_section(self, entity: str) -> None:
        """Switch to the section listing ``entity``."""
        if entity in ("export", "licence"):
            self.select_section(len(SECTION_ENTITIES) + 1)
            self.export_tabs.setCurrentWidget(self.sections[entity])
        elif entity in SECTION_ENTITIES:
            self.select_section(SECTION_ENTITIES.index(entity) + 1)

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = self._menu(bar, self.tr("&File"))
        self._action(file_menu, self.tr("&New database…"), self.new_database)
        self._action(file_menu, self.tr("&Open database…"), self.open_database,
                     QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Connect to ser&ver…"), self.connect_server)
        self.recent_menu = self._menu(file_menu, self.tr("Recent files"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)  # read when opened
        self._action(file_menu, self.tr("New &demo database…"), lambda: self.demo.start())
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, self.tr("&Import a spreadsheet…"),
                                          lambda: self.imports.start())
        self.import_action.setEnabled(not self.db.read_only)
        self._action(file_menu, self.tr("&Export filing workbook…"),
                     lambda: self.filing_flow.export_period(
                         self.filing.selected_period() or (self.periods[-1] if self.periods
                                                           else "")))
        self._action(file_menu, self.tr("&Print summary…"), lambda: self._flows().print_summary(self),
                     QKeySequence.StandardKey.Print)
        self.backup_action = self._action(file_menu, self.tr("&Back up to…"),
                                          lambda: self._flows().back_up(self))
        self.restore_action = self._action(file_menu, self.tr("&Restore points…"),
                                           lambda: self._flows().restore_point(self))
        file_menu.aboutToShow.connect(self._enable_restore)  # when there are some
        if usecases.on_server(self.db):  # a file's own safety: the server's is its administrator's
            why = self.tr("The company is on a server: its backups are the server "
                          "administrator's")
            file_menu.setToolTipsVisible(True)
            for action in (self.backup_action, self.restore_action):
                action.setEnabled(False)
                action.setToolTip(why)
                action.setStatusTip(why)
        file_menu.addSeparator()
        self.company_action = self._action(file_menu, self.tr("&Company profile…"),
                                           self.edit_company)
        self.company_action.setEnabled(not self.db.read_only)
        self._action(file_menu, self.tr("&Settings…"), self.edit_settings)
        self._action(file_menu, self.tr("&Quit"), self.quit, QKeySequence.StandardKey.Quit)
        edit_menu = self._menu(bar, self.tr("&Edit"))
        self.guard = GuardedUndo(self.undo_stack, self.lang, self._refused, self)
        self.undo_action, self.redo_action = self.guard.undo_action, self.guard.redo_action
        self.guard.done.connect(lambda text: self.statusBar().showMessage(text, 8000))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self._action(edit_menu, self.tr("&New record"), self.new_record, QKeySequence.StandardKey.New)
        help_menu = self._menu(bar, self.tr("&Help"))
        self.guide_action = self._action(help_menu, self.tr("&User guide"), self.show_guide,
                                         QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, self.tr("&About magdesk"), self.about)

    @staticmethod
    def _flows():
        from . import flows

        return flows

    def _menu(self, parent, title: str) -> QMenu:
        # Made here and then added: a menu that QMenuBar/QMenu.addMenu(title)
        # makes is deleted at once under PySide6 6.9 (the glibc 2.31 bundle's).
        menu = QMenu(title, parent)
        parent.addMenu(menu)
        return menu

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcuts(shortcut)  # a StandardKey: every binding of the platform
        return action

    def _fill_recent(self) -> None:
        from PySide6.QtCore import QSettings

        from .servers import display_name, is_server

        self.recent_menu.clear()
        for path in QSettings().value("recentFiles", [], list) or []:
            # a server by its address (the list keeps no password), a file by its path
            self._action(self.recent_menu, display_name(path) if is_server(path) else path,
                         lambda _=False, p=path: self.open_recent(p))

    def open_recent(self, entry: str) -> None:
        """A recent entry again: a file's path, or a server's URL with the
        keyring's password (or the Connect dialog asking for it)."""
        from .servers import is_server, reopen_target

        target = reopen_target(self, entry) if is_server(entry) else Path(entry)
        if target:
            self.reopen(target)

    # --- records --------------------------------------------------------------------------

    def current_section(self) -> RecordSection | None:
        page = self.stack.currentWidget()
        if page is not None and page.findChild(QTabWidget) is self.export_tabs:
            page = self.export_tabs
        if isinstance(page, QTabWidget):
            page = page.currentWidget()
        return page if isinstance(page, RecordSection) else None

    def new_record(self) -> None:
        section = self.current_section()
        if section is not None and not self.db.read_only:
            self.open_record(section.entity, None)

    entry_day = None  # the day last saved on a form: its month is the one being entered

    def open_record(self, entity: str, record_id, field: str | None = None) -> RecordForm:
        """The record's form (a blank one for ``None``), ``field`` focused."""
        from PySide6.QtCore import Qt

        from .form import RecordForm

        record = self.repo.get(entity, record_id) if record_id is not None else None
        section = self.sections.get(entity)
        month = section.chosen_month() if section is not None and record is None \
            else None  # the month the clerk looks at
        form = RecordForm(self.repo, entity, self.lang, self.commit, record,
                          self._locked_reason(record), self, month, self.entry_day)
        form.day_saved.connect(lambda day: setattr(self, "entry_day", day))
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.show()
        if field is not None:
            form.focus_field(field)
        self.last_form = form
        return form

    def _locked_reason(self, record) -> str:
        if self.db.read_only:
            from ..usecases.kinds import said

            return self.tr("Read-only: {0}").format(said(self.db.read_only_reason, self.lang))
        from ..usecases.changes import record_months

        # The months storage locks the record by (a batch: its start and its end).
        for period in record_months(record) if record is not None else ():
            if reads.month_state(self.db, period) == "FILED":
                return self.tr("{0} is filed and locked; start an amendment on the Filing "
                               "page to change it.").format(period)
        return ""

    # --- filing ----------------------------------------------------------------------------

    def _open_period(self, period: str) -> None:
        self.select_section(len(SECTION_ENTITIES) + 3)
        self.filing.select(period)

    # --- files, settings, about -----------------------------------------------------------

    def _enable_restore(self) -> None:
        from .flows import schema_foreign

        self.restore_action.setEnabled(not usecases.on_server(self.db) and reads.has_snapshots(
            self.db) and (not self.db.read_only or schema_foreign(self.db)))

    def new_database(self) -> None:
        """File ▸ New database: a file for another company, headed by its
        profile (its credit code checked), then open in this window."""
        from .company import FirstStartDialog
        from .servers import home_folder

        folder, number = home_folder(self.db), 1
        path = folder / "magdesk.sqlite"
        while path.exists():
            number += 1
            path = folder / f"magdesk-{number}.sqlite"
        if not self.may_close_forms():  # asked before the file is made, not after
            return
        created = FirstStartDialog.ask(self.lang, path, self, new_file=True)
        if created is not None:
            self.reopen(created, asked=True)

    def open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from .servers import home_folder

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a magdesk database"),
                                              str(home_folder(self.db)),
                                              self.tr("magdesk database (*.sqlite)"))
        if path:
            self.reopen(Path(path))

    def connect_server(self) -> None:
        """File ▸ Connect to server…: the company kept by a PostgreSQL server,
        opened in this window's place as a file is."""
        from .servers import ConnectDialog

        url = ConnectDialog.ask(self, usecases.without_password(self.db.url)
                                if usecases.on_server(self.db) else "")
        if url:
            self.reopen(url)

    def reopen(self, path: Path | str, asked: bool = False) -> None:
        """Change to the file at ``path`` (or the server at a URL): a new
        window, ``self.replacement``, shows once it is open (and checked);
        then this one closes, with its
        forms: what they hold unsaved is given up only if the clerk says so
        (unless ``asked`` already)."""
        from .app import reopen

        if asked or self.may_close_forms():
            reopen(self, path, self.settings)

    def open_forms(self) -> list[RecordForm]:
        """The record forms open over this window (none before a first form
        has loaded their module)."""
        import sys

        form = sys.modules.get("magdesk.gui.form")
        return [f for f in self.findChildren(form.RecordForm) if f.isVisible()] if form else []

    def unsaved_forms(self) -> list[RecordForm]:
        """The open forms holding something typed and not saved."""
        return [form for form in self.open_forms() if form.has_unsaved_input()]

    def may_close_forms(self) -> bool:
        """True unless a form holds unsaved entries and the clerk would rather
        keep them (then that form is brought to the front)."""
        from PySide6.QtWidgets import QMessageBox

        forms = self.unsaved_forms()
        if not forms:
            return True
        titles = "\n".join(f"· {form.windowTitle()}" for form in forms)
        answer = QMessageBox.question(
            self, self.tr("Entries not saved"),
            self.tr("What was typed in these forms is not saved:\n{0}\n\nDiscard it?")
            .format(titles),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            return True
        forms[0].raise_()
        forms[0].activateWindow()
        return False

    def quit(self) -> None:
        """File ▸ Quit."""
        if self.may_close_forms():
            self._leaving = True
            self.close()

    def edit_settings(self) -> None:
        from .dialogs import SettingsDialog

        if SettingsDialog.edit(self, self.settings, self.db) is not None:
            if self.may_close_forms():  # the window is made again with them
                self.language_changed.emit()
            else:
                self.statusBar().showMessage(
                    self.tr("Settings saved; they take effect at the next start"), 10000)

    guide = None  # the guide window, once opened

    def show_guide(self) -> None:
        from .guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self.lang, self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..resources import build_info
        from ..settings import config_dir, data_dir

        info = build_info()
        built = (self.tr("Built {0} on {1} (Python {2}, Qt {3})").format(
            info.get("date", ""), info.get("system", ""), info.get("python", ""),
            info.get("qt", "")) if info.get("date") else self.tr("Run from source"))
        QMessageBox.about(self, self.tr("About magdesk"), self.tr(
            "<b>magdesk {0}</b><br>{3}<br>Records and the monthly product-flow filing for "
            "rare-earth magnet producers.<br>Licence: MIT<br>Data folder: {1}<br>"
            "Settings: {2}").format(__version__, data_dir(), config_dir(), built))

    def _update_status(self) -> None:
        state = self.tr("read-only") if self.db.read_only else self.tr("saved")
        self.status_state.setText(  # (no month yet in a new file: just the state)
            self.tr("Current month {0} · {1}").format(self.periods[-1], state)
            if self.periods else state)

    _leaving = False  # File ▸ Quit has asked about the forms already

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # The clerk closing the window asks about unsaved forms; the program
        # closing it (another file open now, or File ▸ Quit) has asked before.
        if event.spontaneous() and not self._leaving and not self.may_close_forms():
            event.ignore()
            return
        for form in self.open_forms():  # asked about above, or before (a switch, Quit):
            form.hide()  # they go with the window, and nothing can be saved from them
        if made(self, "imports") is not None and self.imports.wizard is not None:
            self.imports.wizard.close()
        self.later.stop()
        if self.server_watch is not None:
            self.server_watch.stop()
        for task in list(self.tasks):
            task.stop()
        super().closeEvent(event)


def _record_period(record) -> str | None:
    """The month (YYYY-MM) a record is dated in, as the window decides read-only."""
    day = next((getattr(record, n) for n in ("date", "decl_date", "end_date")
                if getattr(record, n, None) is not None), None)
    return None if day is None else f"{day.year}-{day.month:02d}"


def _default_template(db) -> str:
    from .. import usecases

    return usecases.default_template(db)
