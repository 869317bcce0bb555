"""The main window's longer flows, each a small controller that talks to the
window through a few verbs (``on_changes``, ``push_edit``,
``run_task``, ``reopen``): the monthly filing, printing, restore points, a
new demo database, and the import wizard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from .. import usecases
from .servers import home_folder


class FilingFlow(QObject):
    """Export a month's workbook, mark it filed, start an amendment."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.last_export = None

    def export_period(self, period: str) -> None:
        w = self.window
        if not period:
            return
        from .folders import last_folder, remember

        folder = QFileDialog.getExistingDirectory(
            w, self.tr("Folder for the filing workbook of {0}").format(period),
            last_folder("export", home_folder(w.db)))  # at first: beside the data file
        if not folder:
            return
        remember("export", folder)
        try:
            target = usecases.export_target(w.db, period, Path(folder))
        except Exception as exc:  # no company profile, a template that will not load
            QMessageBox.warning(w, self.tr("Export failed"), refusal(exc, w.lang))
            return
        replace = target.exists()
        if replace and QMessageBox.question(
                w, self.tr("Export filing workbook"),
                self.tr("{0} is in that folder already. Replace it?").format(target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        worker_db = w.db.sibling()

        def work(progress, _cancelled):
            try:
                return usecases.export_filing(worker_db, period, Path(folder), replace=replace,
                                              settings=w.settings, progress=progress)
            finally:
                worker_db.conn.close()

        w.run_task(self.tr("Writing the filing workbook…"), work,
                   lambda result, error: self._exported(period, result, error))

    def _exported(self, period: str, result, error) -> None:
        w = self.window
        if error is not None:
            QMessageBox.warning(w, self.tr("Export failed"), refusal(error, w.lang))
        elif result.refused:
            errors = [f.message(w.lang) for f in result.findings if f.is_error]
            QMessageBox.warning(w, self.tr("Not exported"), self.tr(
                "{0} has {1} errors; correct them first:\n\n{2}").format(
                    period, len(errors), "\n".join(errors[:15])))
        else:
            w.statusBar().showMessage(self.tr("Exported {0}").format(result.path), 10000)
            self.last_export = result
        w.on_changes(usecases.period_changed(period))

    def file_period(self, period: str) -> None:
        w = self.window
        receipt, ok = QInputDialog.getText(w, self.tr("Mark as filed"), self.tr(
            "Receipt number from the tracking system for {0}:").format(period))
        if not ok or not receipt.strip():
            return
        try:
            usecases.file_period(w.db, period, date.today(), receipt)
        except Exception as exc:  # a refusal from the period rules: show it
            QMessageBox.warning(w, self.tr("Not filed"), refusal(exc, w.lang))
        w.on_changes(usecases.period_changed(period))

    def amend_period(self, period: str) -> None:
        """Ask first (No by default), saying what an amendment does; then
        reopen the month and confirm it in the status bar."""
        w = self.window
        try:
            before = usecases.period_status(w.db, period, settings=w.settings)
        except Exception:  # noqa: BLE001 - the amendment itself says why not
            before = None
        if before is not None and before.state == "FILED":
            earlier = before.last_file or self.tr("the workbook filed")
            answer = QMessageBox.question(
                w, self.tr("Start an amendment"),
                self.tr("Start an amendment of {0}?\n\nThe month reopens as revision {1}: its "
                        "records can be corrected, and its workbook is exported again as "
                        "revision {1}. The earlier workbook ({2}) and what was filed stay as "
                        "they are.").format(period, before.revision + 1, earlier),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            after = usecases.amend_period(w.db, period)
        except Exception as exc:
            QMessageBox.warning(w, self.tr("No amendment"), refusal(exc, w.lang))
        else:
            w.statusBar().showMessage(self.tr(
                "{0} reopened as revision {1}; the earlier workbook stays as it was").format(
                    period, after.revision), 15000)
        w.on_changes(usecases.period_changed(period))


def refusal(exc: Exception, lang: str) -> str:
    """Why a service refused, in the clerk's language: refusals with a code
    (the period rules, the summaries) carry their own ``message(lang)``."""
    return usecases.failure_words(exc, lang)


def print_summary(window) -> None:
    """Ask which summary of which month (preset to the month in view), then preview it."""
    from .print_chooser import SummaryChooser, default_month
    from .printing import preview

    choice = SummaryChooser.ask(window.periods, default_month(window), window)
    if choice is None:
        return
    kind, period = choice
    try:
        report = usecases.summary_report(window.db, kind, period)
    except Exception as exc:  # a report that cannot be made: say why
        QMessageBox.warning(window, QCoreApplication.translate("SummaryChooser", "Print"),
                            refusal(exc, window.lang))
        return
    preview(report, window)


def restore_point(window) -> None:
    """Choose a restore point (or a backup file), put the file back to it,
    reopen.  A copy of another file or company is put back only if the clerk
    says Yes to the question naming both (No is the default)."""
    from ..usecases.safety import OtherFileError
    from .safety import RestorePoints

    chosen = RestorePoints.ask(window.db, window)
    foreign = schema_foreign(window.db)
    if chosen is None or (window.db.read_only and not foreign) or not window.may_close_forms():
        return
    source = chosen if isinstance(chosen, Path) else chosen.path
    if foreign:  # replaced by path, so that nothing planted in it runs
        def put_back(force=False):
            return usecases.restore_file(window.db.path, source, force=force)
    else:
        def put_back(force=False):
            return usecases.restore_snapshot(window.db, source, force=force)
    try:
        try:
            put_back()
        except OtherFileError as exc:
            if not ask_other_file(window, refusal(exc, window.lang)):
                return
            put_back(force=True)
    except Exception as exc:  # the restore refused: say why, nothing changed
        QMessageBox.warning(window, QCoreApplication.translate("RestorePoints", "Not restored"),
                            refusal(exc, window.lang))
        return
    window.statusBar().showMessage(QCoreApplication.translate(
        "RestorePoints", "Restored the state of {0}").format(
        source.name if isinstance(chosen, Path) else chosen.taken_at.strftime("%Y-%m-%d %H:%M")),
        10000)
    window.reopen(window.db.path, asked=True)


def back_up(window) -> None:
    """File ▸ Back up to…: a checked copy of the file, with the attachments it
    names beside it (``<copy>.files/``), where the clerk says (a USB stick);
    restorable from Restore points ▸ From a file….  Written off the window's
    thread: hundreds of MB of attachments take seconds."""
    from .folders import last_folder, remember

    stem = f"{window.db.path.stem}-{date.today():%Y%m%d}.sqlite"
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("BackUp", "Back up to"),
        str(Path(last_folder("backup", window.db.path.parent)) / stem),
        QCoreApplication.translate("BackUp", "magdesk database (*.sqlite)"))
    if not path:
        return
    target = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite")
    remember("backup", str(target.parent))
    worker_db = window.db.sibling()

    def work(_progress, _cancelled):
        try:  # the file dialog asked before an existing file is replaced
            snap = usecases.backup_to(worker_db, target, replace=True)
            return snap, usecases.attachments_in_copy(snap.path)
        finally:
            worker_db.conn.close()

    def done(result, error) -> None:
        if error is not None:
            QMessageBox.warning(window, QCoreApplication.translate("BackUp", "Not backed up"),
                                refusal(error, window.lang))
            return
        snap, (count, size) = result
        from ..core.attachments import size_text

        window.statusBar().showMessage(QCoreApplication.translate(
            "BackUp", "Backed up to {0} ({1} attachments, {2})").format(
            snap.path, count, size_text(size)), 15000)

    window.run_task(QCoreApplication.translate("BackUp", "Backing up…"), work, done)


def schema_foreign(db) -> bool:
    """Whether the file is read-only only for objects in it that are not
    magdesk's: it may still be put back to one of its restore points."""
    return db.read_only and getattr(db.read_only_reason, "code", "") == "schema_foreign"


def ask_other_file(window, why: str) -> bool:
    """Whether to put another file's copy in place all the same; No unless
    the clerk chooses Yes."""
    return QMessageBox.question(
        window, QCoreApplication.translate("RestorePoints", "Another company's file"),
        why + "\n\n" + QCoreApplication.translate(
            "RestorePoints", "Put it in place of this file all the same?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


class DemoFlow(QObject):
    """File ▸ New demo database: where and how many sales; built in the
    background (a cancelled build leaves no file), then opened here."""

    DEFAULT_SALES = 5_000
    MAX_SALES = 1_000_000

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.result = None  # (path, counts) of the last finished build

    def start(self) -> None:
        w = self.window
        path, _ = QFileDialog.getSaveFileName(
            w, self.tr("New demo database"), str(home_folder(w.db) / "magdesk-demo.sqlite"),
            self.tr("magdesk database (*.sqlite)"))
        if not path:
            return
        path = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite")
        if path.resolve() == w.db.path.resolve():
            QMessageBox.warning(w, self.tr("New demo database"), self.tr(
                "{0} is the file open now; choose another.").format(path.name))
            return
        sales, ok = QInputDialog.getInt(
            w, self.tr("New demo database"), self.tr("How many sales?"), self.DEFAULT_SALES, 1,
            self.MAX_SALES, 1000)
        if ok:
            self.build(path, sales)

    def build(self, path: Path, sales: int) -> None:
        def work(progress, _cancelled):
            return usecases.create_demo(path, sales=sales, replace=True, progress=progress)

        self.window.run_task(self.tr("Making a demo database of {0} sales…").format(f"{sales:,}"),
                             work, lambda counts, error: self._built(path, counts, error))

    def _built(self, path: Path, counts, error) -> None:
        from .tasks import Cancelled

        w = self.window
        if isinstance(error, Cancelled):
            w.statusBar().showMessage(self.tr("Demo database not made (cancelled)"), 10000)
            return
        if error is not None:
            QMessageBox.warning(w, self.tr("New demo database"), refusal(error, w.lang))
            return
        self.result = (path, counts)
        if w.may_close_forms():
            w.reopen(path, asked=True)
        else:  # made, not opened: the forms were kept
            w.statusBar().showMessage(self.tr("Demo database made: {0}").format(path), 15000)


class ImportFlow(QObject):
    """File ▸ Import: the wizard; a finished import becomes one undo step."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.wizard = None
        self.last = None  # the last ImportResult

    def start(self) -> None:
        from .import_wizard import ImportWizard

        w = self.window
        if self.wizard is not None and self.wizard.isVisible():  # one import at a time
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        self.wizard = ImportWizard(w.db, w.settings, w.lang, w)
        self.wizard.imported.connect(self.imported)
        self.wizard.show()

    def imported(self, result, changes) -> None:
        w = self.window
        self.last = result
        if changes.edit is not None:
            w.push_edit(changes.edit)
        w.statusBar().showMessage(self.tr("Imported {0} rows from {1}").format(
            result.inserted + result.updated, result.file.name), 10000)
        w.on_changes(changes)
