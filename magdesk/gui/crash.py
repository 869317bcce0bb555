"""The window's last line of defence: an exception no handler caught (in a
slot, a timer, an event) is logged with its traceback in the user's data
folder and told to the clerk in a message box, in the clerk's language; the
window stays open, with nothing of the file lost (each change is committed
or rolled back whole)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ..usecases.kinds import write_crash_log

translate = QCoreApplication.translate  # under this name pyside6-lupdate finds the texts


class CrashNotice:
    """The message box; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, title: str, text: str) -> None:
        QMessageBox.critical(QApplication.activeWindow(), title, text)


_showing: list[bool] = []  # a failure while the box is up is only logged


def install() -> None:
    """Make ``handle`` the interpreter's hook for uncaught exceptions."""
    sys.excepthook = handle


def handle(exc_type, exc, tb) -> None:
    """Log ``exc`` and tell the clerk; Ctrl+C in a terminal quits as usual."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    log = write_crash_log("magdesk window", exc)
    if _showing or QApplication.instance() is None:
        return
    what = f"{exc_type.__name__}: {exc}"[:300]
    if log is not None:
        text = translate(
            "CrashNotice", "Something went wrong that magdesk did not foresee:\n{0}\n\n"
            "Your saved records are kept. The details were written to:\n{1}\nPlease "
            "send that file to support.").format(what, log)
    else:
        text = translate(
            "CrashNotice", "Something went wrong that magdesk did not foresee:\n{0}\n\n"
            "Your saved records are kept. The details could not be written to a log "
            "file.").format(what)
    _showing.append(True)
    try:
        CrashNotice.ask(translate("CrashNotice", "magdesk: unexpected error"), text)
    finally:
        _showing.clear()
