"""The window on a company kept by a PostgreSQL server: File ▸ Connect to
server…, the name a server goes by (its address, never its password), and
other clerks' changes heard while the window is open.

- ``ConnectDialog``: host, port, database, user, password and "remember
  password"; OK gives the URL to open (the same opening path as a file's),
  the password kept in the keyring when asked (``usecases.servers``), never
  in the settings or the recent list.
- ``ServerWatch``: a thread of its own waits on the server's notifications
  (a connection of its own: one that waits cannot serve the window's
  reads) and hands each committed change of another connection to the
  window's one handler, ``on_changes``, on the window's thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import usecases
from ..usecases.servers import DEFAULT_PORT


def is_server(target) -> bool:
    """Whether ``target`` (a path, or a URL as typed) names a server."""
    return isinstance(target, str) and usecases.is_server(target)


def target_of(db):
    """What reopens the company of ``db``: its URL on a server (the
    password in it, as it was opened), else its file's path."""
    return db.url if usecases.on_server(db) else db.path


def display_name(target) -> str:
    """The name the clerk sees for ``target``: ``user@host:port/db`` of a
    server, a file's name."""
    return usecases.server_where(target) if is_server(target) else Path(target).name


def home_folder(db) -> Path:
    """Where the file dialogs start at first: beside the company's file, or
    the data folder for a company on a server (it has no folder here)."""
    if usecases.on_server(db):
        from ..settings import data_dir

        return data_dir()
    return db.path.parent


def recent_name(target) -> str:
    """What the recent list keeps of ``target``: a server's URL without its
    password, a file's path."""
    return usecases.without_password(target) if is_server(target) else str(target)


class ConnectDialog(QDialog):
    """File ▸ Connect to server… (see the module)."""

    def __init__(self, url: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to server"))
        fields = usecases.server_fields(url) if url else {
            "host": "localhost", "port": DEFAULT_PORT, "database": "",
            "user": "", "password": ""}
        self.host = QLineEdit(fields["host"])
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(fields["port"]))
        self.port.setMaximumWidth(110)  # five digits, not the width of a host name
        self.database = QLineEdit(fields["database"])
        self.user = QLineEdit(fields["user"])
        self.password = QLineEdit(fields["password"] or (usecases.saved_password(url) or "")
                                  if url else "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember password (in this computer's keyring)"))
        self.remember.setChecked(bool(url and usecases.saved_password(url)))
        for name, widget in (("host", self.host), ("port", self.port),
                             ("database", self.database), ("user", self.user),
                             ("password", self.password), ("remember", self.remember)):
            widget.setObjectName(name)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        note = QLabel(self.tr("The company's records are kept by the server; several clerks "
                              "can enter at once."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for line in (self.host, self.database, self.user):
            line.textChanged.connect(self._enable)
        self._enable()
        self.setMinimumWidth(420)
        (self.database if not fields["database"] else self.password).setFocus()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(all(w.text().strip() for w in (self.host, self.database, self.user)))

    def url(self) -> str:
        """The URL of the fields, the password in it (for connecting only)."""
        return usecases.server_url(self.host.text(), self.port.value(), self.database.text(),
                                   self.user.text(), self.password.text())

    def keep_password(self) -> None:
        """The password into the keyring, or out of it, as the box says."""
        url = self.url()
        if self.remember.isChecked() and self.password.text():
            usecases.remember_password(url, self.password.text())
        else:
            usecases.forget_password(url)

    @classmethod
    def ask(cls, parent: QWidget | None = None, url: str = "") -> str | None:
        """The URL to open (the password kept as asked), or None if cancelled."""
        dialog = cls(url, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        dialog.keep_password()
        return dialog.url()


def reopen_target(window, target: str) -> str | None:
    """A recent entry to open: a server's URL with the keyring's password,
    or as it is when the server lets the clerk in without one, else the
    Connect dialog filled in from it (None: cancelled); a file's path as it
    is."""
    if not is_server(target):
        return target
    if usecases.server_fields(target)["password"] or usecases.saved_password(target):
        return usecases.with_saved_password(target)
    if usecases.opens_without_password(target):  # trusted, or libpq keeps it: no question
        return target
    return ConnectDialog.ask(window, target)


class ServerWatch(QObject):
    """Other connections' committed changes to the window (see the module);
    ``stop()`` before the window goes."""

    heard = Signal(int, object)  # the writer's server backend, its Changes

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.watch = usecases.watch_server(window.db)
        self._stop = threading.Event()
        self.heard.connect(self._deliver)  # queued: emitted from the thread
        self._thread = threading.Thread(target=self._run, name="magdesk server watch",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, changes in self.watch.wait(0.5):
                if self._stop.is_set():
                    break
                try:
                    self.heard.emit(pid, changes)
                except RuntimeError:  # the window has gone meanwhile
                    return
        self.watch.close()

    def _deliver(self, pid: int, changes) -> None:
        w = self.window
        if self._stop.is_set() or pid == usecases.own_connection(w.db):
            return  # the window's own save: redrawn by the save itself
        w.on_changes(changes)
        w.statusBar().showMessage(self.tr("Another clerk's changes are shown"), 5000)

    def stop(self) -> None:
        """No more changes delivered; the thread ends within half a second."""
        self._stop.set()
