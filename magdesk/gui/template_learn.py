"""Mapping an authority's sample workbook to magdesk's data: a tab per data
sheet (its source; each column's header, unit, drop-down list, the field it
takes, the unit to write in, the codes of an enumeration), what is still to
settle, and a month's rows as they would be written in the sample's own
layout.  Save keeps the template in the file (``usecases.save_learned``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import usecases
from ..usecases.kinds import Database

RED = QColor("#f7c9c9")  # a blocking problem on the row (a required column unmapped …)
AMBER = QColor("#ffe3a3")  # a guess nobody confirmed
RED_TEXT = QColor("#b00020")
PREVIEW_DELAY = 200  # ms after the last change


def _boxed(widget: QWidget) -> QWidget:
    """``widget`` in a cell of its own: the table shows the box, the widget
    is shown or hidden as the row's target asks (hidden, it is out of the
    keyboard's way)."""
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(2, 0, 2, 0)
    line.addWidget(widget)
    return box


@dataclass
class _Row:
    """One sample column in the mapping table."""

    column: object  # filing.learn.SampleColumn
    target: QComboBox
    unit: QComboBox
    codes: QPushButton
    items: list = field(default_factory=list)  # the row's text cells


class _SheetTab(QWidget):
    """One data sheet: its source, its columns' mapping, its preview."""

    def __init__(self, sheet, parent=None):
        super().__init__(parent)
        self.sheet = sheet
        self.rows: list[_Row] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.source_label = QLabel()
        self.source = QComboBox()
        self.source.setObjectName("source")
        self.source_label.setBuddy(self.source)
        top.addWidget(self.source_label)
        top.addWidget(self.source)
        self.about = QLabel()
        self.about.setStyleSheet("color: #555;")
        top.addWidget(self.about, 1)
        self.total = QCheckBox(self.tr("A totals row (合计) under the data"))
        self.total.setObjectName("total")
        self.total.setChecked(bool(sheet.total))
        self.total.setToolTip(self.tr("The sums of the quantities and amounts, written after "
                                      "the last row, as the sample's own totals row"))
        top.addWidget(self.total)
        layout.addLayout(top)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("mapping")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes from one row's choices to the next
        self.table.verticalHeader().setVisible(False)
        splitter.addWidget(self.table)
        below = QWidget()
        lower = QVBoxLayout(below)
        lower.setContentsMargins(0, 4, 0, 0)
        self.preview_label = QLabel()
        lower.addWidget(self.preview_label)
        self.preview = QTableWidget(0, 0)
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        lower.addWidget(self.preview, 1)
        splitter.addWidget(below)
        splitter.setSizes([400, 230])
        layout.addWidget(splitter, 1)

    def row(self, letter: str) -> _Row | None:
        return next((r for r in self.rows if r.column.letter == letter), None)


class LearnDialog(QDialog):
    """The sample learned, mapped by the clerk, kept on Save."""

    saved = Signal(object, str)  # the Changes, the template's name

    def __init__(self, db: Database, lang: str, learned, path: Path, periods: list[str],
                 parent=None):
        super().__init__(parent)
        self.db, self.lang, self.learned, self.path = db, lang, learned, Path(path)
        self.sources: dict[str, str] = {}  # sheet -> the source the clerk chose
        self.choices: dict[str, dict[str, object]] = {}  # sheet -> letter -> Choice
        self.suggested = {s.sheet: s for s in learned.suggestions}
        self.problems: list = []
        self.setObjectName("learnTemplate")
        self.setWindowTitle(self.tr("Learn a filing template from “{0}”").format(self.path.name))
        layout = QVBoxLayout(self)
        head = QFormLayout()
        sample = QLabel(self.path.name)
        sample.setObjectName("sampleName")
        sample.setToolTip(str(self.path))
        head.addRow(self.tr("Sample workbook:"), sample)
        if learned.layout.other_sheets:
            others = QLabel("、".join(learned.layout.other_sheets) if lang == "zh"
                            else ", ".join(learned.layout.other_sheets))
            others.setWordWrap(True)
            head.addRow(self.tr("Other sheets (kept as they are):"), others)
        self.name = QLineEdit(self.path.stem)
        self.name.setObjectName("name")
        head.addRow(self.tr("Template &name:"), self.name)
        options = QHBoxLayout()
        self.make_default = QCheckBox(self.tr("Make it the company's &default"))
        self.make_default.setChecked(True)
        self.keep_sheets = QCheckBox(self.tr("&Keep magdesk's sheets (申报信息/校验/更正说明)"))
        self.keep_sheets.setChecked(True)
        options.addWidget(self.make_default)
        options.addWidget(self.keep_sheets)
        options.addStretch(1)
        head.addRow("", options)
        self.month = QComboBox()
        self.month.setObjectName("month")
        for period in reversed(periods):
            self.month.addItem(period, period)
        head.addRow(self.tr("Preview &month:"), self.month)
        layout.addLayout(head)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sheets")
        self.sheet_tabs: dict[str, _SheetTab] = {}
        for sheet in learned.layout.sheets:
            tab = _SheetTab(sheet)
            self.sheet_tabs[sheet.name] = tab
            self.tabs.addTab(tab, sheet.name)
            self._fill_sources(tab)
            self._build_rows(tab)
            tab.total.toggled.connect(lambda _on: self._update())
        splitter.addWidget(self.tabs)
        lower = QWidget()
        problems = QVBoxLayout(lower)
        problems.setContentsMargins(0, 4, 0, 0)
        self.problems_label = QLabel()
        problems.addWidget(self.problems_label)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problems_label.setBuddy(self.problem_list)
        self.problem_list.setMaximumHeight(100)
        problems.addWidget(self.problem_list)
        splitter.addWidget(lower)
        splitter.setSizes([700, 110])
        layout.addWidget(splitter, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("&Save template"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY)
        self.preview_timer.timeout.connect(self.show_preview)
        self.name.textChanged.connect(lambda _text: self._update(preview=False))
        self.keep_sheets.toggled.connect(lambda _on: self._update())
        self.month.currentIndexChanged.connect(lambda _i: self.preview_timer.start())
        self.problem_list.itemActivated.connect(self._go_to_problem)
        from PySide6.QtWidgets import QApplication

        QApplication.instance().focusChanged.connect(self._follow_focus)
        self._update()
        self.show_preview()
        self.resize(1320, 860)

    # --- what each sheet and column takes ------------------------------------------------

    def _source_names(self) -> dict[str, str]:
        return {"sales": self.tr("Sales"), "purchases": self.tr("Purchases"),
                "batches": self.tr("Production batches"), "exports": self.tr("Export lines"),
                "inventory": self.tr("Monthly inventory"),
                "counterparties": self.tr("Counterparties")}

    def source_of(self, sheet: str) -> str:
        suggestion = self.suggested.get(sheet)
        return self.sources.get(sheet, suggestion.source if suggestion else "")

    def _fill_sources(self, tab: _SheetTab) -> None:
        tab.source_label.setText(self.tr("&Data of this sheet:"))
        names = self._source_names()
        tab.source.addItem(self.tr("(not exported)"), "")
        for source in usecases.template_sources():
            tab.source.addItem(f"{names.get(source, source)} ({source})", source)
        tab.source.setCurrentIndex(max(0, tab.source.findData(self.source_of(tab.sheet.name))))
        tab.source.activated.connect(lambda _i, t=tab: self._source_chosen(t))
        sheet = tab.sheet
        rows = "、".join(map(str, sheet.header_rows)) if self.lang == "zh" \
            else ", ".join(map(str, sheet.header_rows))
        about = self.tr("Header in row {0}; data from row {1}").format(rows, sheet.first_row)
        if sheet.title:
            about = self.tr("“{0}”").format(sheet.title) + "　" + about
        tab.about.setText(about)

    def _source_chosen(self, tab: _SheetTab) -> None:
        source = tab.source.currentData()
        if source == self.source_of(tab.sheet.name):
            return
        self.sources[tab.sheet.name] = source
        self.choices.pop(tab.sheet.name, None)  # the columns start again from the suggestions
        self._build_rows(tab)
        self._update()

    def choice(self, sheet: str, letter: str):
        """The clerk's choice for a column, else the suggestion (when the
        sheet keeps its suggested source), else nothing."""
        chosen = self.choices.get(sheet, {}).get(letter)
        if chosen is not None:
            return chosen
        suggestion = self.suggested.get(sheet)
        if suggestion is None or suggestion.source != self.source_of(sheet):
            return usecases.Choice("")
        found = next((c for c in suggestion.columns if c.letter == letter), None)
        if found is None or not found.target:
            return usecases.Choice("")
        return usecases.Choice(found.target, found.unit, found.codes)

    def target_label(self, source: str, target: str) -> str:
        special = {"": self.tr("(leave empty)"), "seq": self.tr("Row number"),
                   "@period": self.tr("Period (2026-06)"),
                   "@period_zh": self.tr("Period in Chinese (2026年6月)"),
                   "@company.name": self.tr("Our company's name"),
                   "@company.uscc": self.tr("Our company's credit code"),
                   "=": self.tr("Fixed text…")}
        if target in special:
            return special[target]
        if target.startswith("="):
            return self.tr("Fixed text: {0}").format(target[1:])
        header = usecases.target_header(source, target)
        if usecases.target_kind(source, target)[0] in ("mass", "money"):  # its unit: beside
            header = re.sub(r"\s*[（(][^（()）]*[)）]$", "", header) or header
        return f"{header} ({target})"

    def _build_rows(self, tab: _SheetTab) -> None:
        table, sheet = tab.table, tab.sheet
        source = self.source_of(sheet.name)
        table.clear()
        table.setHorizontalHeaderLabels([
            self.tr("Column"), self.tr("Header in the sample"), self.tr("Unit in the sample"),
            self.tr("Drop-down list"), self.tr("Takes"), self.tr("Unit"), self.tr("Codes")])
        table.setRowCount(len(sheet.columns))
        tab.rows = []
        for r, column in enumerate(sheet.columns):
            header = " / ".join(column.path)
            listed = ("、" if self.lang == "zh" else ", ").join(column.choices)
            items = [QTableWidgetItem(column.letter),
                     QTableWidgetItem(("★ " if column.required else "") + header),
                     QTableWidgetItem(column.unit), QTableWidgetItem(listed)]
            if column.required:
                items[1].setForeground(QBrush(RED_TEXT))
            for c, item in enumerate(items):
                table.setItem(r, c, item)
            target = QComboBox()
            target.setObjectName(f"target_{column.letter}")
            target.setEnabled(bool(source))
            unit = QComboBox()
            unit.setObjectName(f"unit_{column.letter}")
            codes = QPushButton()
            codes.setObjectName(f"codes_{column.letter}")
            row = _Row(column, target, unit, codes, items)
            tab.rows.append(row)
            for c, widget in ((4, target), (5, unit), (6, codes)):
                table.setCellWidget(r, c, _boxed(widget))
                item = QTableWidgetItem()
                table.setItem(r, c, item)
                items.append(item)
            self._fill_row(tab, row)
            target.activated.connect(lambda i, t=tab, w=row: self._target_chosen(t, w, i))
            unit.activated.connect(lambda _i, t=tab, w=row: self._unit_chosen(t, w))
            codes.clicked.connect(lambda _c=False, t=tab, w=row: self.edit_codes(t, w))
        header = table.horizontalHeader()
        for c in (0, 2):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        for c in (5, 6):  # the unit and codes of the rows that have them, at any time
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(3, 170)
        table.setColumnWidth(4, 290)
        table.setColumnWidth(5, 80)
        table.setColumnWidth(6, 110)
        table.resizeColumnToContents(0)

    def _fill_row(self, tab: _SheetTab, row: _Row) -> None:
        """The row's choice shown: its target, its unit, its codes."""
        sheet, source = tab.sheet.name, self.source_of(tab.sheet.name)
        chosen = self.choice(sheet, row.column.letter)
        combo = row.target
        combo.blockSignals(True)
        combo.clear()
        if source:
            combo.addItem(self.target_label(source, ""), "")
            for target in usecases.mapping_targets(source):
                combo.addItem(self.target_label(source, target), target)
            if chosen.target.startswith("="):
                combo.addItem(self.target_label(source, chosen.target), chosen.target)
            combo.addItem(self.target_label(source, "="), "=")
        combo.setCurrentIndex(max(0, combo.findData(chosen.target)))
        combo.blockSignals(False)
        kind, enum = usecases.target_kind(source, chosen.target) if source else ("text", None)
        units = usecases.target_units(kind)
        row.unit.blockSignals(True)
        row.unit.clear()
        for unit in units:
            row.unit.addItem(unit, unit)
        row.unit.setCurrentIndex(max(0, row.unit.findData(chosen.unit or (units or [""])[0])))
        row.unit.blockSignals(False)
        row.unit.setVisible(bool(units))
        is_coded = kind in ("enum", "bool")
        row.codes.setVisible(is_coded)
        if is_coded:
            members = self._members(kind, enum)
            have = sum(1 for m in members if (chosen.codes or {}).get(m))
            row.codes.setText(self.tr("Codes {0}/{1}…").format(have, len(members)))
            shown = [f"{label} → {(chosen.codes or {}).get(m) or '—'}"
                     for m, label in members.items()]
            row.codes.setToolTip("\n".join(shown))

    def _members(self, kind: str, enum) -> dict[str, str]:
        """The values of an enumeration or yes/no target, with their labels."""
        if kind == "bool":
            return {"true": self.tr("Yes"), "false": self.tr("No")}
        at = 0 if self.lang == "zh" else 1
        return {m: labels[at] for m, labels in enum.labels().items()}

    def _set_choice(self, tab: _SheetTab, row: _Row, choice) -> None:
        self.choices.setdefault(tab.sheet.name, {})[row.column.letter] = choice
        self._fill_row(tab, row)
        self._update()

    def _target_chosen(self, tab: _SheetTab, row: _Row, index: int) -> None:
        from PySide6.QtWidgets import QInputDialog

        sheet, source = tab.sheet.name, self.source_of(tab.sheet.name)
        before = self.choice(sheet, row.column.letter)
        target = row.target.itemData(index)
        if target == "=":
            text, ok = QInputDialog.getText(
                self, self.tr("Fixed text"),
                self.tr("The text every row of column {0} takes:").format(row.column.letter),
                text=before.target[1:] if before.target.startswith("=") else "")
            if not ok or not text:
                self._fill_row(tab, row)  # as it was
                return
            target = "=" + text
        if target == before.target:
            self._set_choice(tab, row, before)  # a guess confirmed
            return
        kind, _enum = usecases.target_kind(source, target)
        units = usecases.target_units(kind)
        unit = next((u for u in (before.unit, row.column.unit) if u in units),
                    units[0] if units else "")
        codes = usecases.suggested_codes(source, target, row.column.choices) \
            if kind in ("enum", "bool") else None
        self._set_choice(tab, row, usecases.Choice(target, unit, codes))

    def _unit_chosen(self, tab: _SheetTab, row: _Row) -> None:
        before = self.choice(tab.sheet.name, row.column.letter)
        self._set_choice(tab, row, replace(before, unit=row.unit.currentData() or ""))

    def edit_codes(self, tab: _SheetTab, row: _Row) -> None:
        """The codes of an enumeration column, in a small dialog."""
        sheet, source = tab.sheet.name, self.source_of(tab.sheet.name)
        before = self.choice(sheet, row.column.letter)
        kind, enum = usecases.target_kind(source, before.target)
        if kind not in ("enum", "bool"):
            return
        dialog = CodesDialog(self._members(kind, enum), row.column, dict(before.codes or {}),
                             self)
        self.codes_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._set_choice(tab, row, replace(before, codes=dialog.codes()))

    # --- the template, its problems, its preview ----------------------------------------

    def draft(self):
        """The template as chosen now."""
        return self.learned.draft(self.name.text().strip() or self.path.stem, self.choices,
                                  self.sources, magdesk_sheets=self.keep_sheets.isChecked(),
                                  totals={name: tab.total.isChecked()
                                          for name, tab in self.sheet_tabs.items()})

    def _update(self, preview: bool = True) -> None:
        """The rows' colours, the problems and Save after a change; the
        preview a moment later (``preview``: the change may alter it)."""
        template = self.draft()
        self.problems = self.learned.problems(template, self.choices)
        on_row: dict[tuple[str, str], list] = {}
        for problem in self.problems:
            on_row.setdefault((problem.sheet, problem.letter), []).append(problem)
        for name, tab in self.sheet_tabs.items():
            blocked = False
            for row in tab.rows:
                found = on_row.get((name, row.column.letter), [])
                blocking = any(p.blocking for p in found)
                blocked = blocked or blocking
                colour = RED if blocking else AMBER if found else None
                tip = "\n".join(p.message(self.lang) for p in found)
                required = self.tr("The sample marks this column required") \
                    if row.column.required else ""
                for c, item in enumerate(row.items):
                    item.setBackground(QBrush(colour) if colour else QBrush())
                    lines = [required] if c == 1 and required else []
                    lines += [tip] if tip else []
                    if c == 3 and item.text():
                        lines.insert(0, item.text())
                    item.setToolTip("\n".join(lines))
            index = self.tabs.indexOf(tab)
            self.tabs.setTabText(index, ("⚠ " if blocked else "") + name)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(problem.message(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, (problem.sheet, problem.letter))
            if problem.blocking:
                item.setForeground(QBrush(RED_TEXT))
            self.problem_list.addItem(item)
        blocking = [p for p in self.problems if p.blocking]
        exported = [s for s in self.sheet_tabs if self.source_of(s)]
        why = ""
        if not self.name.text().strip():
            why = self.tr("Give the template a name")
        elif not exported:
            why = self.tr("No sheet is exported: choose the data of at least one sheet")
        elif blocking:
            why = blocking[0].message(self.lang)
        if not self.problems:
            self.problems_label.setText(self.tr("&Problems: none, every column is settled"))
        else:
            self.problems_label.setText(self.tr(
                "&Problems: {0} to settle before saving, {1} to look at").format(
                    len(blocking), len(self.problems) - len(blocking)))
        self.save_button.setEnabled(not why)
        self.save_button.setToolTip(why)
        if preview:
            self.preview_timer.start()

    def _follow_focus(self, _old, new) -> None:
        """The row whose choice has the keyboard's focus is scrolled into view."""
        tab = self.tabs.currentWidget()
        if new is None or not isinstance(tab, _SheetTab):
            return
        for row in tab.rows:
            if new in (row.target, row.unit, row.codes):
                tab.table.scrollToItem(row.items[0])
                return

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        sheet, letter = item.data(Qt.ItemDataRole.UserRole)
        tab = self.sheet_tabs.get(sheet)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        row = tab.row(letter)
        if row is not None:
            tab.table.scrollToItem(row.items[0])
            row.target.setFocus()

    def show_preview(self) -> None:
        """The month's first rows as they would be written, in each sheet's layout."""
        from .flows import refusal

        self.preview_timer.stop()
        period = self.month.currentData()
        shown: dict[str, object] = {}
        error = ""
        if period:
            try:
                shown = {p.sheet: p for p in usecases.preview_template(self.db, self.draft(),
                                                                       period)}
            except Exception as exc:  # noqa: BLE001 - a value without its code, …: said
                error = refusal(exc, self.lang)
        for name, tab in self.sheet_tabs.items():
            preview = shown.get(name)
            table = tab.preview
            if preview is None:
                table.setRowCount(0)
                table.setColumnCount(0)
                tab.preview_label.setText(
                    error or (self.tr("Not exported") if not self.source_of(name)
                              else self.tr("No month to preview") if not period else ""))
                tab.preview_label.setStyleSheet("color: #b00020;" if error else "")
                continue
            table.setColumnCount(len(preview.letters))
            table.setHorizontalHeaderLabels(
                [f"{letter}\n{header}" for letter, header in zip(preview.letters, preview.headers,
                                                                  strict=True)])
            table.setRowCount(len(preview.rows))
            first = tab.sheet.first_row  # the rows numbered as in the workbook
            table.setVerticalHeaderLabels([str(first + r) for r in range(len(preview.rows))])
            for r, values in enumerate(preview.rows):
                for c, text in enumerate(values):
                    table.setItem(r, c, QTableWidgetItem(text))
            table.resizeColumnsToContents()
            tab.preview_label.setStyleSheet("")
            tab.preview_label.setText(self.tr(
                "Preview of {0}: the first {1} of {2} rows, as they would be written").format(
                    period, len(preview.rows), preview.total))

    def save(self) -> None:
        """Keep the template (the next version of its name) in the file."""
        from PySide6.QtWidgets import QMessageBox

        if not self.save_button.isEnabled():
            return
        name = self.name.text().strip()
        changes = usecases.save_learned(self.db, self.draft(),
                                        make_default=self.make_default.isChecked())
        if not changes.ok:
            QMessageBox.warning(self, self.tr("Not saved"), changes.why(self.lang))
            return
        self.accept()
        self.saved.emit(changes, name)


class CodesDialog(QDialog):
    """Which of the sample's codes each of magdesk's values is written as."""

    def __init__(self, members: dict[str, str], column, codes: dict[str, str], parent=None):
        super().__init__(parent)
        self.setObjectName("codes")
        self.setWindowTitle(self.tr("Codes of column {0}").format(column.letter))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Column {0} “{1}”: the sample's code for each value").format(
            column.letter, column.header))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for member, label in members.items():
            box = QComboBox()
            box.setObjectName(f"code_{member}")
            box.addItem(self.tr("(none)"), "")
            for choice in column.choices:
                box.addItem(choice, choice)
            given = codes.get(member, "")
            if given and box.findData(given) < 0:
                box.addItem(given, given)
            if not column.choices:  # no drop-down list in the sample: the clerk types the code
                box.setEditable(True)
            box.setCurrentIndex(max(0, box.findData(given)))
            self.boxes[member] = box
            form.addRow(label, box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def codes(self) -> dict[str, str]:
        out = {}
        for member, box in self.boxes.items():
            if box.isEditable():  # what the clerk typed, unless it is "(none)"
                text = box.currentText().strip()
                text = "" if text == box.itemText(0) else text
            else:
                text = box.currentData() or ""
            if text:
                out[member] = text
        return out
