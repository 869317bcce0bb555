"""Lines edited inside a form: a production batch's input lines, an export
licence's consignees."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.findings import Finding, finding
from ..core.kinds import QuantityError, mass
from ..core.model import BatchInput
from ..usecases.kinds import foreign_names_like
from ..usecases.reads import RecordReader as Repository
from ..usecases.reads import find_id, key_of

LOT, KG = 0, 1  # the columns


class _LineKeys(QStyledItemDelegate):
    """The cells' editors: a lot number completes as typed (the lots with
    stock left, newest first, each with the kg left); Enter takes the lot -
    the highlighted entry - and moves on to its quantity, Enter in the
    quantity moves on to "Add a line"."""

    def __init__(self, lines: InputLines):
        super().__init__(lines)
        self.lines = lines
        self._popups: dict[QObject, QLineEdit] = {}
        self._entries: dict[str, str] = {}

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        editor = super().createEditor(parent, option, index)
        if index.column() == KG or not isinstance(editor, QLineEdit):
            if isinstance(editor, QLineEdit):
                editor.installEventFilter(self)
            return editor
        model = QStringListModel(editor)
        completer = QCompleter(model, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        entries = self._entries

        def fill(text: str) -> None:
            entries.clear()
            for lot, grams in self.lines.lots(text.strip()):
                # (named: lupdate took self.lines.tr for a context "self.lines")
                entries[QCoreApplication.translate("InputLines", "{0}  {1} kg left").format(
                    lot, mass.display(grams))] = lot
            model.setStringList(list(entries))

        fill("")
        editor.textEdited.connect(fill)
        completer.activated[str].connect(lambda entry: editor.setText(entries.get(entry, entry)))
        self._popups[completer.popup()] = editor
        completer.popup().installEventFilter(self)
        editor.installEventFilter(self)
        return editor

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt override
        if index.column() == LOT and isinstance(editor, QLineEdit):
            editor.setText(self._entries.get(editor.text(), editor.text()))
        super().setModelData(editor, model, index)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut and isinstance(obj, QLineEdit) and (
                event.reason() in (Qt.FocusReason.ActiveWindowFocusReason,
                                   Qt.FocusReason.PopupFocusReason)
                or obj.completer() is not None and obj.completer().popup().isVisible()):
            return False  # to its own list, or away from the window: still editing
        if obj in self._popups and not (event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return False  # a lot's list: not an editor
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                    Qt.Key.Key_Enter):
            editor = self._popups.get(obj, obj)
            if not isinstance(editor, QLineEdit):
                return super().eventFilter(obj, event)
            completer = editor.completer()
            if completer is not None and completer.popup().isVisible():
                popup = completer.popup()
                index = popup.currentIndex()
                if index.isValid() and popup.selectionModel().isSelected(index):
                    editor.setText(self._entries.get(index.data(), index.data()))
                popup.hide()
                editor.setFocus()  # from the list back to its cell
            self.commitData.emit(editor)
            if completer is not None:  # the lot: on to its quantity
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                QTimer.singleShot(0, self.lines.focus_editor)  # once the window is back
            else:
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                QTimer.singleShot(0, self.lines.add_button.setFocus)
            return True
        return super().eventFilter(obj, event)


class InputLines(QWidget):
    """Rows of (input lot number, kg).  ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, repo: Repository, parent=None):
        super().__init__(parent)
        self.repo = repo
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("inputs")
        self.table.setHorizontalHeaderLabels([self.tr("Input lot no."), self.tr("Input (kg)")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.table.setItemDelegate(_LineKeys(self))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a line"))
        self.remove_button = QPushButton(self.tr("Remove the line"))
        self.add_button.clicked.connect(self.new_line)
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def load(self, batch_id: int | None) -> None:
        self.table.setRowCount(0)
        if batch_id is not None:
            for line in self.repo.iter("batch_input", where="batch_id = ?", params=(batch_id,)):
                self.add_line(key_of(self.repo, "purchase", line.purchase_id),
                              mass.display(line.qty_g))

    def add_line(self, lot: str, kg: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(lot))
        self.table.setItem(row, 1, QTableWidgetItem(kg))
        self.changed.emit()

    def lots(self, text: str) -> list[tuple[str, int]]:
        """(lot number, grams left) of the lots a batch may draw on, newest first."""
        from ..usecases.reads import lots_left

        return lots_left(self.repo, text)

    def new_line(self) -> None:
        """A new, empty line, the cursor in its lot number."""
        self.add_line("", "")
        self.edit(self.table.rowCount() - 1, LOT)

    def enter(self) -> None:
        """The cursor into the table: the first line's lot number (a new line
        when there is none)."""
        if self.table.rowCount() == 0:
            self.new_line()
        else:
            self.edit(0, LOT)

    def focus_editor(self) -> None:
        """The cursor into the cell being edited, if any."""
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            editor.setFocus()

    def edit(self, row: int, column: int) -> None:
        self.table.setFocus()
        self.table.setCurrentCell(row, column)
        self.table.editItem(self.table.item(row, column))

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def lines(self, key: str) -> tuple[list[BatchInput], list[Finding]]:
        """The lines as records, and findings for what cannot be read."""
        out, problems = [], []
        for row in range(self.table.rowCount()):
            lot = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip()
            kg = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            if not lot and not kg:
                continue
            purchase_id = find_id(self.repo, "purchase", lot) if lot else None
            if purchase_id is None:
                problems.append(finding("ref.missing", "batch_input", key, "purchase_id", None,
                                        value=lot))
                continue
            try:
                grams = mass.parse(kg)
            except QuantityError:
                problems.append(finding("field.not_a_number", "batch_input", key, "qty_g", None,
                                        value=kg))
                continue
            if grams <= 0:
                problems.append(finding("field.not_positive", "batch_input", key, "qty_g", None,
                                        value=kg))
                continue
            out.append(BatchInput(None, 0, purchase_id, grams))
        if not out and not problems:
            problems.append(finding("batch.no_inputs", "batch", key, "inputs"))
        return out, problems


class ConsigneeList(QWidget):
    """The consignees of an export licence: foreign counterparties, added by
    name (a completer offers the foreign ones) and removed one by one.
    ``changed`` fires on every change."""

    changed = Signal()
    done = Signal()  # Enter in the empty name: the consignees are all in

    def __init__(self, repo: Repository, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.ids: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("consignees")
        self.list.setMinimumHeight(80)
        self.list.setMinimumWidth(380)
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setObjectName("consigneeName")
        self.name.setPlaceholderText(self.tr("Foreign counterparty name"))
        self.name.setMinimumWidth(200)
        model = QStringListModel(self)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.name.textEdited.connect(
            lambda text: model.setStringList(foreign_names_like(self.repo, text.strip())))
        self.name.installEventFilter(self)  # Enter: add the name, or (empty) done
        completer.popup().installEventFilter(self)  # after the completer's: asked first
        self.add_button = QPushButton(self.tr("Add consignee"))
        self.remove_button = QPushButton(self.tr("Remove consignee"))
        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setProperty("role", "message")
        layout.addWidget(self.message)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Enter in the name (or its open list, taking the highlighted name)
        adds it; in the empty name, the consignees are done.  Enter goes no
        further (not to the form's Save button)."""
        popup = self.name.completer().popup()
        if event.type() == QEvent.Type.KeyPress and obj in (self.name, popup) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if popup.isVisible():
                index = popup.currentIndex()
                if index.isValid() and popup.selectionModel().isSelected(index):
                    self.name.setText(index.data())
                popup.hide()
                self.name.setFocus()
            if self.name.text().strip():
                self.add_current()
            else:
                self.done.emit()
            return True
        return super().eventFilter(obj, event)

    def load(self, ids) -> None:
        self.ids = []
        self.list.clear()
        for record_id in ids:
            self._append(record_id)
        self.changed.emit()

    def _append(self, record_id: int) -> None:
        cp = self.repo.get("counterparty", record_id)
        text = cp.name_cn if cp is None or not cp.name_en else f"{cp.name_cn} ({cp.name_en})"
        self.ids.append(record_id)
        item = QListWidgetItem(text if cp is not None else f"#{record_id}")
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        self.list.addItem(item)

    def add_current(self) -> bool:
        """Add the counterparty named in the entry; False (and a message) when
        there is none of that name or it is already listed."""
        text = self.name.text().strip()
        if not text:
            return False
        found = find_id(self.repo, "counterparty", text)
        if found is None:
            self.message.setText(self.tr("No counterparty named {0}").format(text))
            return False
        if found in self.ids:
            self.message.setText(self.tr("{0} is already listed").format(text))
            return False
        self.message.setText("")
        self._append(found)
        self.name.clear()
        self.changed.emit()
        return True

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            del self.ids[row]
            self.changed.emit()
