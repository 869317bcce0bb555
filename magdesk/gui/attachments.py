"""A record's attachments in its form: contracts, test reports, end-user
certificates, licences, photos, specifications, listed with what each is,
its size and who added it when; attached (a file dialog or files dropped on
the list, then the kind), opened at once in the system's viewer, saved out
and removed.  Every write is a use case (``usecases.attach`` / ``detach``)
whose undoable step goes on the window's undo stack and whose changes go to
the window's one handler, ``on_changes``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import usecases
from ..core.attachments import size_text
from .attachment_kinds import KindChooser, kind_words

MISSING = "#a61b1b"  # the form's colour of a wrong field's reason


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the use case says why
        return 0


def _attach_each(db, entity: str, record_id: int, paths: list[Path], kind: str,
                 progress=None) -> list:
    """Each file attached through the use case: (path, Changes or the
    exception that refused it)."""
    out = []
    for number, path in enumerate(paths):
        if progress is not None:
            progress(number, len(paths))
        try:
            out.append((path, usecases.attach(db, entity, record_id, path, kind)))
        except (ValueError, OSError) as exc:
            out.append((path, exc))
    return out


def _naming(name: str, why: str) -> str:
    """A refusal that names the file (most say it themselves)."""
    return why if name in why else f"{name}: {why}"


class AttachmentList(QTreeWidget):
    """The list itself: Enter opens the current file, Delete removes it
    (files dropped on it go to the panel)."""

    def __init__(self, panel: AttachmentsPanel):
        super().__init__()
        self.panel = panel
        self.setObjectName("attachment_list")
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its type
        self.setHeaderLabels([self.tr("File"), self.tr("Kind of document"), self.tr("Size"),
                              self.tr("Added")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(self.tr("Enter or double-click opens the file; Delete removes it "
                                "(Ctrl+Z undoes). Drop files here to attach them."))
        self.itemActivated.connect(lambda _item, _column: self.panel.open_current())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete:
            self.panel.remove_current()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.panel.open_current()  # not on to the form's next field or its Save
            return
        super().keyPressEvent(event)


class AttachmentsPanel(QWidget):
    """The attachments of ``form``'s record: a line with their count that
    opens (Alt+M) a compact list with Attach… / Open / Save as… / Remove.
    The list and its buttons are made when first opened: a form opens as
    fast and as tall as before.  Files dropped on the panel are attached."""

    LIST_ROWS = 4  # rows shown before the list scrolls

    def __init__(self, form, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.form, self.window = form, window
        self.setObjectName("attachments")
        self.setAcceptDrops(True)
        self.items: list = []  # the Attachments listed, row by row
        self.body: QWidget | None = None  # the list and its buttons, made when opened
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setObjectName("attachments_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._expand)
        box.addWidget(self.toggle)
        self.refresh()

    def _make_body(self) -> None:
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(12, 0, 0, 0)
        self.list = AttachmentList(self)
        inner.addWidget(self.list)
        row = QHBoxLayout()
        self.attach_button = self._button(self.tr("&Attach…"), "attach",
                                          self.tr("Attach a file (PDF, JPG, PNG, OFD or any "
                                                  "other) to this record"), self.choose_files)
        self.open_button = self._button(self.tr("&Open"), "open_attachment",
                                        self.tr("Open the file in its viewer (Enter)"),
                                        self.open_current)
        self.save_button = self._button(self.tr("Save a&s…"), "save_attachment",
                                        self.tr("Save a copy of the file elsewhere"),
                                        self.save_current)
        self.remove_button = self._button(self.tr("&Remove"), "remove_attachment",
                                          self.tr("Remove the file from this record (Delete); "
                                                  "Ctrl+Z brings it back"), self.remove_current)
        for button in (self.attach_button, self.open_button, self.save_button,
                       self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        self.layout().addWidget(self.body)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self.list)
        undo.setContext(Qt.ShortcutContext.WidgetShortcut)  # the fields keep their own undo
        undo.activated.connect(self._undo)
        self.list.currentItemChanged.connect(lambda *_: self._enable())

    def _button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter in the form's fields never presses these
        button.clicked.connect(slot)
        return button

    # --- what is shown -------------------------------------------------------------------

    @property
    def record_id(self):
        return self.form.record.id if self.form.record is not None else None

    def writable(self) -> bool:
        """Files may be attached and removed: a saved record in a file open
        for writing, also in a filed month (a document changes no figure
        filed, and the dossier is asked for after the declaration)."""
        return self.record_id is not None and not self.window.db.read_only

    _said = ""  # what the panel last said on the form's status line

    def _say(self, text: str) -> None:
        self._said = text
        self.form.status.setText(text)

    def refresh(self) -> None:
        """The record's attachments again (one small query); a new record
        says it must be saved first.  What the panel said of the list before
        (removed, attached) is no longer true of it: cleared."""
        if self._said and self.form.status.text() == self._said:
            self.form.status.clear()
        self._said = ""
        self.items = []
        if self.record_id is not None:
            self.items = usecases.attachments_of(self.window.db, self.form.entity,
                                                 self.record_id)
        if self.record_id is None:
            self.toggle.setText(self.tr("Attachments: save first to attach files"))
            self.toggle.setEnabled(False)
        else:
            self.toggle.setText(self.tr("Attach&ments ({0})").format(len(self.items)))
            self.toggle.setEnabled(True)
        self.toggle.setToolTip(self.tr("Show or hide this record's attached files (Alt+M)"))
        if self.body is not None:
            self._fill()

    def _fill(self) -> None:
        """The list from ``items``, the selection kept where it was."""
        current = self.current()
        self.list.clear()
        for att in self.items:
            self.list.addTopLevelItem(self._row(att))
        self._fit_height()
        for row, att in enumerate(self.items):
            if current is not None and att.id == current.id:
                self.list.setCurrentItem(self.list.topLevelItem(row))
        if self.list.currentItem() is None and self.items:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._enable()

    def _row(self, att) -> QTreeWidgetItem:
        added = str(att.added_at)[:16].replace("T", " ")
        kind = kind_words(att.kind, self.window.lang)
        item = QTreeWidgetItem([att.name, kind, size_text(att.size),
                                f"{added} {att.added_by}".strip()])
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tip = att.name + (f"\n{att.note}" if att.note else "") + f"\nSHA-256 {att.sha256}"
        if usecases.attachment_file(self.window.db, att) is None:
            from PySide6.QtGui import QBrush, QColor

            why = self.tr("The file is missing from the attachments folder beside the data "
                          "file ({0}); put it back from a backup.").format(
                              self.window.db.path.name + ".files")
            for column in range(4):
                item.setForeground(column, QBrush(QColor(MISSING)))
            item.setText(1, self.tr("{0} — file missing").format(kind))
            tip = f"{why}\n{tip}"
        for column in range(4):
            item.setToolTip(column, tip)
        return item

    def _fit_height(self) -> None:
        rows = max(1, min(len(self.items), self.LIST_ROWS))
        height = self.list.header().sizeHint().height() + 4 + rows * max(
            self.list.sizeHintForRow(0) if self.items else 0, self.list.fontMetrics().height() + 6)
        self.list.setFixedHeight(height)

    def _expand(self, shown: bool) -> None:
        if shown and self.body is None and self.record_id is not None:
            self._make_body()
            self._fill()
        if self.body is not None:
            self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown and self.body is not None and self.isVisible():
            self.list.setFocus()

    def expand(self) -> None:
        """Open the list (as Alt+M or a click on the line does)."""
        if self.record_id is not None:
            self.toggle.setChecked(True)

    def _enable(self) -> None:
        chosen = self.current() is not None
        self.attach_button.setEnabled(self.writable())
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.writable())

    def current(self):
        """The attachment selected in the list, or None."""
        item = self.list.currentItem() if self.body is not None else None
        if item is None:
            return None
        row = self.list.indexOfTopLevelItem(item)
        return self.items[row] if 0 <= row < len(self.items) else None

    # --- actions -------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Attach…: the files, then what they are."""
        from .folders import last_folder, remember

        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files"), last_folder("attach"),
            ";;".join((self.tr("Documents and pictures (*.pdf *.jpg *.jpeg *.png *.ofd)"),
                       self.tr("PDF (*.pdf)"), self.tr("Pictures (*.jpg *.jpeg *.png)"),
                       self.tr("OFD (*.ofd)"), self.tr("All files (*)"))))
        if names:
            remember("attach", names[0])
            self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path]) -> None:
        """Attach ``paths`` as the kind the clerk chooses; each through the
        use case, each an undo step; a refusal said naming the file.  Large
        files are copied and hashed in the background (a second per 150 MB)."""
        if not paths or not self.writable():
            return
        kind = KindChooser.ask([p.name for p in paths], self.window.lang, self)
        if kind is None:
            return
        entity, record_id = self.form.entity, self.record_id
        if sum(_size(p) for p in paths) < self.BACKGROUND_BYTES:
            self._attached(paths, _attach_each(self.window.db, entity, record_id, paths, kind))
            return
        worker_db = self.window.db.sibling()  # each thread its own connection

        def work(progress, _cancelled):
            try:
                return _attach_each(worker_db, entity, record_id, paths, kind, progress)
            finally:
                worker_db.conn.close()

        self.busy = True
        self.window.run_task(self.tr("Attaching {0}…").format(paths[0].name), work,
                             lambda done, error: self._attached(paths, done, error))

    BACKGROUND_BYTES = 32 << 20  # files together larger: attached off the GUI thread
    busy = False  # attaching in the background

    def _attached(self, paths: list[Path], outcomes, error=None) -> None:
        """What attaching did: each step on the undo stack and to the window's
        handler, the list again, the refusals said."""
        from shiboken6 import isValid

        if not isValid(self):  # the form closed meanwhile: the steps still count
            for _path, outcome in outcomes or ():
                if not isinstance(outcome, Exception) and outcome.ok:
                    self.window.push_edit(outcome.edit)
                    self.window.on_changes(outcome)
            return
        self.busy = False
        refused = [usecases.failure_words(error, self.window.lang)] if error is not None else []
        for path, outcome in outcomes or ():
            if isinstance(outcome, Exception):
                refused.append(_naming(path.name, usecases.failure_words(outcome, self.window.lang)))
                continue
            if not outcome.ok:
                refused.append(_naming(path.name, outcome.why(self.window.lang)))
            else:
                self.window.push_edit(outcome.edit)
            self.window.on_changes(outcome)
        self.refresh()
        self.expand()
        if refused:
            QMessageBox.warning(self, self.tr("Not attached"), "\n".join(refused))
        else:
            self._say(self.tr("Attached: {0}").format(", ".join(p.name for p in paths)))

    def open_current(self) -> Path | None:
        """Open the selected file at once in the system's viewer (a linked
        copy under its own name, not a copy of hundreds of MB)."""
        att = self.current()
        if att is None:
            return None
        if usecases.attachment_file(self.window.db, att) is None:
            QMessageBox.warning(self, self.tr("Open"), self.tr(
                "{0} cannot be opened: the file is missing from the attachments folder."
            ).format(att.name))
            return None
        try:
            path = usecases.open_copy(self.window.db, att)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Open"), usecases.failure_words(
                exc, self.window.lang, Path(att.name)))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.form.status.setText(self.tr("Opened {0}").format(att.name))
        return path

    def save_current(self) -> Path | None:
        """Save as…: a copy of the selected file where the clerk says."""
        from .folders import last_folder, remember

        att = self.current()
        if att is None:
            return None
        start = str(Path(last_folder("export")) / att.name)
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save {0} as").format(att.name),
                                                start, self.tr("All files (*)"))
        if not target:
            return None
        remember("export", target)
        try:
            written = usecases.export_attachment(self.window.db, att, Path(target))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Not saved"), f"{att.name}: "
                                f"{usecases.failure_words(exc, self.window.lang)}")
            return None
        self.form.status.setText(self.tr("Saved a copy: {0}").format(written))
        return written

    def remove_current(self) -> None:
        """Remove the selected attachment: no question, an undo step."""
        att = self.current()
        if att is None or not self.writable():
            return
        changes = usecases.detach(self.window.db, att.id)
        if changes.ok:
            self.window.push_edit(changes.edit)
        else:
            QMessageBox.warning(self, self.tr("Not removed"), changes.why(self.window.lang))
        self.window.on_changes(changes)
        self.refresh()
        if changes.ok:  # said after the redraw: the next change (an undo) clears it
            self._say(self.tr("Removed {0} (Ctrl+Z brings it back)").format(att.name))

    @staticmethod
    def _files(event) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()
                and Path(u.toLocalFile()).is_file()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.writable() and self._files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Files dropped on the list (or the closed line): attached, as
        Attach… would (the kind asked once for all)."""
        files = self._files(event)
        if files and self.writable():
            event.acceptProposedAction()
            self.attach_files(files)
        else:
            event.ignore()

    def _undo(self) -> None:
        self.window.guard.undo()
