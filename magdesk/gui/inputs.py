"""Lines edited inside a form: a production batch's input lines, an export
licence's consignees."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.findings import Finding, finding
from ..core.kinds import QuantityError, mass
from ..core.model import BatchInput
from ..storage.locate import foreign_names_like
from ..usecases.reads import RecordReader as Repository
from ..usecases.reads import find_id, key_of


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
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a line"))
        self.remove_button = QPushButton(self.tr("Remove the line"))
        self.add_button.clicked.connect(lambda: self.add_line("", ""))
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
        self.name.returnPressed.connect(self.add_current)
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
