"""Changing the window to another file without a blank screen.

Opening a file means checking it first (seconds for a million sales read from
disk, storage/checked.py skips it for a file as it was when last checked).
That runs in a worker while the window on the old file stays on screen,
greyed, under a busy cursor, with a message and, after half a second, a
progress dialog whose Cancel gives up and leaves everything as it was.  Only
when the new file is open does its window show and the old one close.

The first file, before there is any window, is opened the same way: a
progress dialog shows if it takes more than half a second (``open_first``).

The old file then closes: at once when this session did not change it, else
after its closing restore point, written in a thread of its own while the
clerk already works in the new window (``wait_closed`` before opening that
file again, and before the program ends).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from .. import usecases
from ..usecases.files import open_file
from ..usecases.kinds import Database, OpenCancelled, StorageError, said
from .tasks import Cancelled, Task

_closing: dict[Path, threading.Thread] = {}  # files being closed, by resolved path


def same_file(a: Path, b: Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def same_company(target, db: Database) -> bool:
    """Whether ``target`` (a path, a server's URL) is what ``db`` has open."""
    from .servers import is_server

    if is_server(target) or usecases.on_server(db):
        return is_server(target) and usecases.on_server(db) and \
            usecases.server_where(target) == db.where
    return same_file(target, db.path)


def wait_closed(path: Path | None = None) -> None:
    """Until ``path`` (or every file) closing in the background is closed."""
    for key, thread in list(_closing.items()):
        if path is None or key == Path(path).resolve():
            thread.join()


def open_first(path: Path | str) -> Database:
    """The file the program starts on, opened in a worker; if that takes more
    than half a second (a big file checked), a progress dialog says so and
    offers Cancel (OpenCancelled).  Raises what opening raised."""
    outcome: dict = {}
    cancel = threading.Event()

    def work() -> None:
        try:
            outcome["db"] = open_file(path, cancelled=cancel.is_set)
        except BaseException as exc:  # raised below, on this thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="magdesk opening", daemon=True)
    worker.start()
    worker.join(0.5)  # most files: open by now, no dialog at all
    if worker.is_alive():
        from .servers import display_name

        _wait_showing(worker, cancel, display_name(path))
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["db"]


def _wait_showing(worker: threading.Thread, cancel: threading.Event, name: str) -> None:
    app = QApplication.instance()
    translate = QCoreApplication.translate
    dialog = QProgressDialog(translate("Switch", "Opening {0}: checking the file…").format(name),
                             translate("Task", "Cancel"), 0, 0)
    dialog.setWindowTitle("magdesk")
    dialog.canceled.connect(cancel.set)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the dialog is not the program's last window
    dialog.show()
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: worker.is_alive() or loop.quit())
    poll.start(50)
    loop.exec()
    poll.stop()
    dialog.hide()
    dialog.deleteLater()
    app.setQuitOnLastWindowClosed(quits)


class Switch(QObject):
    """``window`` changes to the file at ``path``: ``show(db)`` makes the new
    window once it is open, then ``retire(window, new)`` takes the old one
    away.  A refusal (a damaged file, say) is shown over the old window."""

    def __init__(self, window, path: Path, show: Callable[[Database], QWidget],
                 retire: Callable[[QWidget, QWidget], None]):
        super().__init__(window)
        from .servers import display_name, is_server

        self.path = path if is_server(path) else Path(path)  # a server's URL as it is
        self.window, self._show, self._retire = window, show, retire
        self.name = display_name(self.path)
        message = self.tr("Connecting to {0}…").format(self.name) if is_server(self.path) \
            else self.tr("Opening {0}: checking the file…").format(self.name)
        self.task = Task(window, message, self._work)
        self.task.done.connect(self._done)
        window.tasks.append(self.task)  # closing the window meanwhile cancels it
        self._busy(True)
        window.statusBar().showMessage(message)
        self.task.start()

    def _work(self, _progress, cancelled) -> Database:
        if isinstance(self.path, Path):
            wait_closed(self.path)  # switching back to a file still closing
        return open_file(self.path, cancelled=cancelled)

    def _busy(self, on: bool) -> None:
        from PySide6.QtCore import Qt  # (naming Qt builds its enums: not at start)

        # the forms too: what was typed in them meanwhile would go with the window
        for part in (self.window.centralWidget(), self.window.menuBar(),
                     *self.window.open_forms()):
            part.setEnabled(not on)
        if on:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _done(self, db: Database | None, error: BaseException | None) -> None:
        w = self.window
        self._busy(False)
        if self.task in w.tasks:
            w.tasks.remove(self.task)
        w.switching = None
        if db is not None and (self.task.worker.cancel_requested or not w.isVisible()):
            db.close()  # given up (or the window closed) just as it opened
            db, error = None, OpenCancelled("cancelled")
        if isinstance(error, (OpenCancelled, Cancelled)):
            w.statusBar().showMessage(
                self.tr("{0} not opened (cancelled)").format(self.name), 10000)
            return
        if error is not None:
            w.statusBar().clearMessage()
            QMessageBox.warning(w, self.tr("Not opened"), said(error, w.lang))
            return
        new = self._show(db)
        w.replacement = new
        self._retire(w, new)


def close_later(db: Database, window: QWidget) -> None:
    """Close the file of a window that has gone: at once if this session did
    not change it, else after its restore point, in a thread of its own;
    ``window`` (the one shown now) says so in its status bar."""
    if db.read_only or not db.changed():
        db.close()
        return
    key = db.path.resolve()
    report = _Report(window, db.path.name)
    lang = getattr(window, "lang", "en")

    def run() -> None:
        problem = ""
        try:
            db.close(snapshot=True, note="on closing")
        except StorageError as exc:
            problem = said(exc, lang)
        try:
            report.finished.emit(problem)
        except RuntimeError:  # the window has gone meanwhile
            pass
        finally:
            _closing.pop(key, None)

    thread = threading.Thread(target=run, name=f"magdesk closing {db.path.name}")
    _closing[key] = thread
    thread.start()


class _Report(QObject):
    """The window's word on a file closing in the background (the thread's
    signal is delivered on the window's thread)."""

    finished = Signal(str)  # what went wrong, or ""

    def __init__(self, window: QWidget, name: str):
        super().__init__(window)
        self.window, self.name = window, name
        self.finished.connect(self._finished)
        window.statusBar().showMessage(self.tr("Keeping a restore point of {0}…").format(name))

    def _finished(self, problem: str) -> None:
        if problem:
            self.window.statusBar().clearMessage()
            QMessageBox.warning(self.window, self.tr("No restore point"), problem)
        else:
            self.window.statusBar().showMessage(
                self.tr("Restore point of {0} kept").format(self.name), 10000)
