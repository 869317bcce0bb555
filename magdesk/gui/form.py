"""Record forms generated from the field specs, with live validation."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core import kinds
from ..core import model as M
from ..core import rules_records as R
from ..core.fields import FIELDS, FieldSpec
from ..core.findings import Finding, finding
from ..core.messages import render_text
from ..resources import load_codelists
from ..usecases.reads import TABLES, find_id, key_of
from ..usecases.reads import RecordReader as Repository
from ..usecases.screening import screen_for
from .form_parts import (
    AcceptWarnings,
    DateEdit,
    Lazy,
    Reason,
    add_row,
    editor,
    load,
    restyle,
    row_label,
)

__all__ = ["AcceptWarnings", "DateEdit", "RecordForm"]

ATTACHABLE = ("counterparty", "product", "licence", "sale", "export")  # may have files
CLASSES = {"counterparty": M.Counterparty, "product": M.Product, "purchase": M.Purchase,
           "batch": M.Batch, "sale": M.Sale, "export": M.ExportLine, "licence": M.Licence}
STYLE = """
QLineEdit[state="empty"], QComboBox[state="empty"] { background: #fff6cc; }
QLineEdit[state="invalid"], QComboBox[state="invalid"] { background: #ffd9d9; }
QLineEdit[state="valid"], QComboBox[state="valid"] { background: #e6f5e6; }
QLineEdit[state="warning"], QComboBox[state="warning"] { background: #ffd8a0; }
QLabel[role="message"] { color: #a61b1b; }
QLabel[role="warning"] { color: #8a5a00; }
QLabel[role="heading"] { font-weight: bold; padding-top: 6px; }
QLabel[role="decision"] { background: #eef3fb; padding: 4px; }
"""


class RecordForm(QDialog):
    """Enter or edit one record.  ``commit(old, new)`` saves through the undo
    stack and returns findings (a locked period, a duplicate key)."""

    def __init__(self, repo: Repository, entity: str, lang: str,
                 commit: Callable[[object | None, object], list[Finding]],
                 record=None, locked_reason: str = "", parent: QWidget | None = None,
                 month: str | None = None, last_day: date | None = None):
        super().__init__(parent)
        self.repo, self.entity, self.lang, self.commit = repo, entity, lang, commit
        self.record = record
        # The month being entered ("YYYY-MM": the section's, else the month last
        # used) and the day last saved: a new purchase or sale is dated in it.
        self.last_day = last_day
        self.month = month or (last_day.strftime("%Y-%m") if last_day else None)
        self.specs = [s for s in FIELDS[entity] if not (entity == "export" and s.name == "line_no")]
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._lists: dict[QLineEdit, Callable[[str], None]] = {}  # a reference field: its list
        self._entries: dict[QLineEdit, dict[str, str]] = {}  # its list's entries: their keys
        self._popups: dict[QWidget, QLineEdit] = {}  # a completion list: its field
        self._tips: dict[QWidget, tuple[str, str]] = {}  # a field's tooltip: (given, derived)
        self.ctx = R.Context(load_codelists(), date.today(),
                             counterparties=Lazy(repo, "counterparty"),
                             products=Lazy(repo, "product"), purchases=Lazy(repo, "purchase"),
                             batches=Lazy(repo, "batch"), licences=Lazy(repo, "licence"),
                             screen=screen_for(repo.db))
        self.setStyleSheet(STYLE)
        self._build(locked_reason)
        from .form_assist import Assist

        self.assist = Assist(self)
        self._watch_popups()
        self._load(record)
        self.revalidate()

    day_saved = Signal(object)  # a dated record saved: its day (the month last used)
    FIELD_WIDTH = 220  # px: a credit code, an invoice number, a completer's entries in full

    # --- building --------------------------------------------------------------------

    def _build(self, locked_reason: str) -> None:
        title = self.tr("Edit") if self.record else self.tr("New")
        from ..core.fields import entity_label

        self.setWindowTitle(f"{title} — {entity_label(self.entity, self.lang)}")
        layout = QVBoxLayout(self)
        if locked_reason:
            banner = QLabel(locked_reason)
            banner.setProperty("role", "message")
            banner.setWordWrap(True)
            layout.addWidget(banner)
        form = QFormLayout()
        groups = self._groups()
        for spec in self.specs:  # each field from its spec, as in the company profile
            if spec.name in groups:  # a heading over a group of fields (a product's composition)
                heading = QLabel(groups[spec.name])
                heading.setProperty("role", "heading")
                form.addRow(heading)
            widget = self._editor(spec)
            self.messages[spec.name] = add_row(form, row_label(spec, self.lang), spec.name,
                                               widget, self, self.FIELD_WIDTH)
            self.widgets[spec.name] = widget
        layout.addLayout(form)
        self.decision = None
        if self.entity in ("product", "export"):  # the control decision and why, as typed
            self.decision = QLabel()
            self.decision.setObjectName("decision")
            self.decision.setWordWrap(True)
            self.decision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.decision.setProperty("role", "decision")
            layout.addWidget(self.decision)
        self.problems = Reason()  # every field's reason, in full, listed under the form
        self.problems.setObjectName("problems")
        layout.addWidget(self.problems)
        self.inputs = None
        if self.entity == "batch":
            from .inputs import InputLines

            self.inputs = InputLines(self.repo)
            self.inputs.changed.connect(self.revalidate)
            form.addRow(self.tr("Inputs"), self.inputs)
        self.consignees = None
        if self.entity == "licence":
            from .inputs import ConsigneeList

            self.consignees = ConsigneeList(self.repo)
            self.consignees.changed.connect(self.revalidate)
            self.consignees.done.connect(self.save)  # Enter in the empty name: the last field
            form.addRow(self.tr("Consignees"), self.consignees)
        self.declaration = None
        if self.entity == "export":  # the texts customs expects, to copy
            from .declarations import DeclarationTexts

            self.declaration = DeclarationTexts(self)
            layout.addWidget(self.declaration)
        self.end_uses = None
        if self.entity == "licence":  # the end uses a (general) licence permits
            from .licences import EndUseChoice

            self.end_uses = EndUseChoice(self.lang)
            self.end_uses.changed.connect(self.revalidate)
            form.addRow(self.tr("Permitted end uses (none ticked: any)"), self.end_uses)
        # Under the form: what has no field of its own (a batch's inputs) and
        # what saving did; a field's reason stands once, beside the field.
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        if self.record is not None:
            history = buttons.addButton(self.tr("History…"),
                                        QDialogButtonBox.ButtonRole.HelpRole)
            history.clicked.connect(self.show_history)
        layout.addWidget(buttons)
        if locked_reason:
            for widget in [*self.widgets.values(), self.inputs, self.consignees,
                           self.end_uses]:
                if widget is not None:
                    widget.setEnabled(False)
            self.save_button.setEnabled(False)
        self.attachments = None
        window = self.parentWidget()
        if self.entity in ATTACHABLE and hasattr(window, "push_edit"):  # its files, at the foot
            from .attachments import AttachmentsPanel

            self.attachments = AttachmentsPanel(self, window)
            layout.insertWidget(layout.indexOf(buttons), self.attachments)

    def _groups(self) -> dict[str, str]:
        """The headings over a product's groups of fields, by the group's first field."""
        if self.entity != "product":
            return {}
        return {"re_total_pct": self.tr("Composition (share by mass, %)"),
                "test_report_no": self.tr("Composition test report"),
                "exempt_kind": self.tr("Export control")}

    def _show_decision(self, record) -> None:
        """The control decision for the record as typed: a product exported
        today, an export line on its declaration date."""
        from .. import usecases

        if self.decision is None:
            return
        decision = None
        try:
            if self.entity == "product" and record is not None and record.category:
                decision = usecases.decide_product(record, policy=self.policy)
            elif self.entity == "export" and record is not None and record.sale_id \
                    and record.decl_date is not None:
                decision = usecases.decide_export(self.repo.db, record, policy=self.policy)
        except (TypeError, AttributeError, ValueError):  # half typed
            decision = None
        self.decision.setText(self.tr("Control decision: {0}").format(
            decision.message(self.lang)) if decision is not None else "")
        self.decision.setVisible(decision is not None)

    @property
    def policy(self):
        """The control policy of the settings (read once per form)."""
        if self._policy is None:
            from ..settings import load_settings

            self._policy = load_settings().control_policy()
        return self._policy

    _policy = None

    def _editor(self, spec: FieldSpec) -> QWidget:
        widget = editor(spec, self.lang, self.revalidate)
        if isinstance(widget, DateEdit):  # "11-2": a day of the year being entered
            widget.year = int(self.month[:4]) if self.month else None
        if spec.kind == "ref":
            self._complete(widget, spec.ref)
        return widget

    def _complete(self, edit: QLineEdit, entity: str) -> None:
        """A reference field's completer: each entry the key and what the
        record is also known by ("MG-N42  烧结钕铁硼磁体"); the key is what
        the field takes."""
        model = QStringListModel(self)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        keys: dict[str, str] = {}
        self._entries[edit] = keys

        def fill(text: str) -> None:
            keys.clear()
            for key, also in self.assist.keys(edit, entity, text.strip()):
                keys[f"{key}  {also}" if also else key] = key
            model.setStringList(list(keys))

        # After the line's own handler has put the entry in: the key instead.
        completer.activated[str].connect(lambda entry: edit.setText(keys.get(entry, entry)))
        edit.textEdited.connect(fill)
        self._lists[edit] = fill

    def _watch_popups(self) -> None:
        """Enter in an open completion list takes the highlighted entry and moves on."""
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit) and widget.completer() is not None:
                popup = widget.completer().popup()
                self._popups[popup] = widget
                popup.installEventFilter(self)  # after the completer's: asked first

    def _take_entry(self, edit: QLineEdit) -> None:
        """Enter in ``edit``'s open list: its highlighted entry (as its key)
        into the field, the list closed, the cursor on to the next field."""
        popup = edit.completer().popup()
        index = popup.currentIndex()
        if index.isValid() and popup.selectionModel().isSelected(index):
            entry = index.data()
            edit.setText(self._entries.get(edit, {}).get(entry, entry))
        popup.hide()
        self._enter(edit)

    def _enter(self, obj: QObject) -> None:
        """Enter in a field: on to the next, or save on the last."""
        if obj is self.widgets[self.specs[-1].name] and self.inputs is not None \
                and self.inputs.isEnabled():
            self.inputs.enter()  # a batch: on into its input lines
        elif obj is self.widgets[self.specs[-1].name] and self.consignees is not None \
                and self.consignees.isEnabled():
            self.consignees.name.setFocus()  # a licence: on to its consignees
        elif obj is self.widgets[self.specs[-1].name]:
            self.save()
        else:
            obj.setFocus()  # from the list back to its field, then on
            self.focusNextChild()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Ctrl+S saves (a key the fields pass up to the form); Esc cancels."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter moves to the next field; on the last field it saves.  Down in
        a reference field lists what it may hold (for what is typed so far:
        all of it in an empty field, a sale's batches of its product newest first),
        its first entry highlighted: Down, Enter takes it."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down \
                and obj in self._lists and not obj.completer().popup().isVisible():
            self._lists[obj](obj.text())
            completer = obj.completer()
            completer.setCompletionPrefix(obj.text().strip())
            completer.complete()
            if completer.completionCount():
                completer.popup().setCurrentIndex(completer.completionModel().index(0, 0))
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                    Qt.Key.Key_Enter):
            if obj in self._popups:  # the list of a field open: take its entry, move on
                self._take_entry(self._popups[obj])
                return True
            popup = obj.completer().popup() if isinstance(obj, QLineEdit) and obj.completer() \
                else None
            if popup is not None and popup.isVisible():
                self._take_entry(obj)
                return True
            self._enter(obj)
            return True
        return super().eventFilter(obj, event)

    def focus_field(self, name: str) -> None:
        """Put the cursor in field ``name`` (a finding's field), if the form has it."""
        widget = self.widgets.get(name)
        if widget is None and name in ("inputs", "purchase_id", "qty_g") \
                and self.inputs is not None:
            widget = self.inputs.table
        if widget is None and name == "consignee_ids" and self.consignees is not None:
            widget = self.consignees.name
        if widget is not None:
            self.activateWindow()
            widget.setFocus()

    def show_history(self) -> None:
        from .safety import History

        History(self.repo.db, self.entity, self.record.id, self).exec()

    # --- values ----------------------------------------------------------------------

    def _load(self, record) -> None:
        defaults = {f.name: f.default for f in dataclasses.fields(CLASSES[self.entity])
                    if f.default is not dataclasses.MISSING}
        if record is None and "date" in self.widgets:
            defaults["date"] = self.first_day()  # a new purchase or sale
        for spec in self.specs:
            value = getattr(record, spec.name) if record is not None else defaults.get(spec.name)
            load(self.widgets[spec.name], value, self._text(spec, value))
        if self.inputs is not None:
            self.inputs.load(record.id if record is not None else None)
        if self.consignees is not None:
            self.consignees.load(record.consignee_ids if record is not None else ())
        if self.end_uses is not None:
            self.end_uses.load(record.end_uses if record is not None else ())
        first = self.widgets[self.specs[0].name]
        first.setFocus()
        self.assist.prefill(record is None)
        self._loaded = self._state()

    def first_day(self) -> date:
        """A new record's day: of the month being entered (the section's
        month, else the month last used) - the day last saved in it, today
        in it, or its first day; today when no month is known."""
        today = date.today()
        if not self.month:
            return today
        for day in (self.last_day, today):
            if day is not None and day.strftime("%Y-%m") == self.month:
                return day
        return date(int(self.month[:4]), int(self.month[5:7]), 1)

    def _state(self) -> tuple:
        """What the clerk has entered, to tell whether anything changed."""
        values = tuple(w.isChecked() if isinstance(w, QCheckBox) else
                       w.currentIndex() if isinstance(w, QComboBox) else w.text()
                       for w in self.widgets.values())
        lines = self.inputs.lines(self._key_text())[0] if self.inputs is not None else None
        names = list(self.consignees.ids) if self.consignees is not None else None
        uses = self.end_uses.codes() if self.end_uses is not None else None
        return values, repr(lines), repr(names), repr(uses)

    def has_unsaved_input(self) -> bool:
        """Whether the clerk has typed something here that is not saved."""
        return self.save_button.isEnabled() and self._state() != self._loaded

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Closed by the program (its window closing), not by the clerk: no question."""
        self._asked_to_close = event.spontaneous()
        super().closeEvent(event)  # QDialog's: reject()
        self._asked_to_close = True

    _asked_to_close = True

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: what was typed is lost
        only if the clerk says so."""
        from PySide6.QtWidgets import QMessageBox

        if self._asked_to_close and self.has_unsaved_input():
            answer = QMessageBox.question(
                self, self.windowTitle(), self.tr("Discard what you entered?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _text(self, spec: FieldSpec, value) -> str:
        """A stored value as its field shows it to be edited (its kind's
        display, not grouped: what is shown parses back)."""
        if value is None or value == "":
            return ""
        if spec.kind == "ref":
            return key_of(self.repo, spec.ref, value)
        return kinds.of(spec).display(value, self.lang, False, spec.choices)

    def values(self) -> tuple[dict, list[Finding]]:
        """The typed values of the widgets, and findings for what does not parse."""
        out, problems = {}, []
        key = self._key_text()
        for spec in self.specs:
            widget = self.widgets[spec.name]
            if isinstance(widget, QCheckBox):
                out[spec.name] = widget.isChecked()
                continue
            if isinstance(widget, QComboBox):
                out[spec.name] = widget.currentData()
                continue
            text = widget.text().strip()
            try:
                out[spec.name] = self._parse(spec, text)
            except ValueError as exc:  # the kind's reason (a KindError), or no such record
                code = exc.code if isinstance(exc, kinds.KindError) else "ref.missing"
                problems.append(finding(code, self.entity, key, spec.name, None, value=text))
                out[spec.name] = None
        return out, problems

    def _parse(self, spec: FieldSpec, text: str):
        if text == "":
            return "" if spec.kind in ("text", "code") else None
        if spec.kind == "date":
            return self.widgets[spec.name].day()  # as typed, also "11-2"
        if spec.kind in ("mass", "money", "pct", "int"):
            return kinds.of(spec).parse(text)  # as the import reads a cell of the kind
        if spec.kind == "ref":
            text = self._entries.get(self.widgets[spec.name], {}).get(text, text)  # an entry
            found = find_id(self.repo, spec.ref, text)
            if found is None:
                raise ValueError(text)
            return found
        code = self.assist.parse(self.entity, spec.name, text)
        if code is not None:
            return code
        if spec.name == "uscc":
            from ..core.identifiers import normalise_uscc

            return normalise_uscc(text)
        return text

    def _key_text(self) -> str:
        key_field = TABLES[self.entity].key
        widget = self.widgets.get(key_field)
        return widget.text().strip() if isinstance(widget, QLineEdit) else ""

    def build_record(self) -> tuple[object | None, list[Finding]]:
        values, problems = self.values()
        cls = CLASSES[self.entity]
        names = {f.name for f in dataclasses.fields(cls)}
        base = {"id": self.record.id if self.record is not None else None}
        if self.consignees is not None:
            base["consignee_ids"] = tuple(self.consignees.ids)
        if self.end_uses is not None:
            base["end_uses"] = self.end_uses.codes()
        if self.entity == "export":
            base["line_no"] = self.record.line_no if self.record is not None else 1
        kwargs = {**base, **{k: v for k, v in values.items() if k in names}}
        try:
            return cls(**kwargs), problems
        except TypeError:
            return None, problems

    def findings(self) -> list[Finding]:
        record, problems = self.build_record()
        if record is None:
            return problems
        record = self.assist.complete(record)  # checked as saving will complete it
        check = {"counterparty": lambda r: R.check_counterparty(r, self.ctx),
                 "product": lambda r: R.check_product(r, self.ctx),
                 "purchase": lambda r: R.check_purchase(r, self.ctx, None),
                 "batch": lambda r: R.check_batch(r, self.ctx, None),
                 "sale": lambda r: R.check_sale(r, self.ctx, None),
                 "export": lambda r: R.check_export(r, self.ctx, None),
                 "licence": lambda r: R.check_licence(r, self.ctx)}[self.entity]
        try:
            found = check(record)
        except (TypeError, AttributeError):  # a half-typed record: required fields show it
            found = []
        parsed = {f.field for f in problems}
        if self.inputs is not None:
            problems += self.inputs.lines(self._key_text())[1]
        return problems + [f for f in found if f.field not in parsed]

    # --- live state --------------------------------------------------------------------

    def revalidate(self) -> None:
        """Each field's colour and its reason beside it (also its tooltip);
        under the form, the strip listing every field's reason in full, and
        the reasons of what has no field of its own.  A server connection
        lost meanwhile (a reference looked up) is said under the form; what
        was typed stays, and saving connects again."""
        from ..usecases import Unavailable, failure_words, lost_connection

        db = getattr(self.parent(), "db", None)
        lost = lost_connection(db) if db is not None else None
        if lost is not None:  # known lost: not asked again at every key (saving reconnects)
            self.status.setText(failure_words(lost, self.lang))
            return
        try:
            self._revalidate()
        except Unavailable as exc:
            self.status.setText(failure_words(exc, self.lang))

    def _revalidate(self) -> None:
        if self.decision is not None:
            self._show_decision(self.build_record()[0])
        listed: list[tuple[FieldSpec, str, bool]] = []  # the strip under the form
        by_field: dict[str, list[Finding]] = {}
        for f in self.findings():
            by_field.setdefault(f.field or "", []).append(f)
        for spec in self.specs:
            widget, label = self.widgets[spec.name], self.messages[spec.name]
            found = by_field.get(spec.name, [])
            empty = isinstance(widget, QLineEdit) and not widget.text().strip()
            # Empty and asked for (always, or in this case: a domestic firm's
            # credit code, a domestic sale's invoice): yellow, to fill, not
            # red; the reason it is asked for stays beside it.
            to_fill = empty and (spec.required or bool(found) and all(map(_asks_for, found)))
            # ... unless saving fills it (its suggestion grey in it): not to type, not yellow
            derived = to_fill and not found and bool(widget.placeholderText())
            to_fill = to_fill and not derived
            if to_fill:
                found = [f for f in found if f.code != "field.required"]  # the colour says it
            # A warning (a failing check digit) amber, an error red, both with the reason.
            state = "empty" if to_fill else "invalid" if any(f.is_error for f in found) \
                else "warning" if found else "valid"
            restyle(widget, "state", state)
            reason = "; ".join(render_text(f, self.lang) for f in found)
            label.setText(reason)
            restyle(label, "role", "warning" if found and (
                to_fill or not any(f.is_error for f in found)) else "message")
            # The reason also as the field's tooltip, above what saving would
            # derive there (the tip the assist sets, unless it is ours left over).
            tip = widget.toolTip()
            given, derived = self._tips.get(widget, ("", ""))
            derived = derived if tip == given else tip
            given = "\n".join(t for t in (reason, derived) if t)
            self._tips[widget] = given, derived
            widget.setToolTip(given)
            if reason:
                listed.append((spec, reason, state == "invalid"))
        colon = "：" if self.lang == "zh" else ": "
        # (a reason that names its field already is listed as it reads)
        self.problems.setText("\n".join(
            reason if reason.startswith(spec.label(self.lang)) else
            f"{spec.label(self.lang)}{colon}{reason}" for spec, reason, _error in listed))
        self.problems.setVisible(bool(listed))
        restyle(self.problems, "role", "message" if any(e for *_, e in listed) else "warning")
        if self.consignees is not None:
            self.consignees.message.setText("; ".join(
                render_text(f, self.lang) for f in by_field.pop("consignee_ids", [])))
        others = [f for key, fs in by_field.items() if key not in self.widgets for f in fs]
        self.status.setText("; ".join(render_text(f, self.lang) for f in others))
        if self.declaration is not None:
            self.declaration.redraw()
        self._shrink()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._shown_height is None:
            self._shown_height = self.height()
        super().showEvent(event)

    _shown_height: int | None = None

    def _shrink(self) -> None:
        """Back to the height the form was shown at (no smaller than its
        content) once the reasons that grew it are gone: no grey gap above
        the buttons.  (A reason that grows the form grows it by itself.)
        Measured once the rows have laid themselves out again."""
        if self._shown_height is not None and self.height() > self._shown_height:
            QTimer.singleShot(0, self, self._shrink_now)  # (not once the form is gone)

    def _shrink_now(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        need = max(self.minimumSizeHint().height(), self._shown_height or 0)
        if need < self.height():
            self.resize(self.width(), need)

    def save(self) -> None:
        """Save what the form holds.  On a server: a connection lost since
        the last action is made again first; one lost now is said (with
        where), and what was typed stays for saving again."""
        from ..usecases import Unavailable, failure_words

        window = self.parent()
        lost = window.reconnect() if hasattr(window, "reconnect") else None
        if lost is not None:  # the server still away
            self.status.setText(lost.why(self.lang))
            return
        try:
            self._save()
        except Unavailable as exc:  # lost while checking the references
            self.status.setText(failure_words(exc, self.lang))

    def _save(self) -> None:
        if self.consignees is not None and self.consignees.name.text().strip():
            self.consignees.add_current()  # a name typed but not yet added counts
        found = self.findings()
        if any(f.is_error for f in found):
            coloured = any(w.property("state") in ("empty", "invalid")
                           for w in self.widgets.values())
            if coloured:
                self.status.setText(
                    self.tr("Fill in the yellow fields and correct the red ones first."))
            else:  # nothing yellow or red: name what is missing (unless said beside it)
                missing = "; ".join(dict.fromkeys(
                    render_text(f, self.lang) for f in found
                    if f.is_error and f.field != "consignee_ids"))
                self.status.setText(missing or self.tr("Correct the fields marked red first."))
            faulty = next((f.field for f in found if f.is_error and f.field in self.widgets), None)
            if faulty is not None:
                self.widgets[faulty].setFocus()
            elif any(f.code == "batch.no_inputs" for f in found) and self.inputs is not None:
                self.inputs.enter()
            elif any(f.field == "consignee_ids" for f in found if f.is_error) \
                    and self.consignees is not None:
                self.consignees.name.setFocus()  # its reason stands beside the list
            return
        warnings, reason = [f for f in found if not f.is_error], ""
        if warnings:  # accepted with the save, in the same step
            reason = AcceptWarnings.ask(self, warnings, self.lang)
            if reason is None:
                return
        record, _ = self.build_record()
        extra = {"inputs": self.inputs.lines(self._key_text())[0]} if self.inputs else {}
        changes = self.commit(self.record, record, accept=warnings, reason=reason, **extra)
        if not changes.ok:
            self.status.setText(changes.why(self.lang))
            return
        if isinstance(getattr(record, "date", None), date):  # the month the clerk enters
            self.last_day, self.month = record.date, record.date.strftime("%Y-%m")
            self.day_saved.emit(record.date)
        if self.record is None:  # keep entering: a fresh blank record
            self._load(None)
            self.revalidate()
            # (said once the blank record is checked, until the clerk types on)
            self.status.setText(self.tr("Saved {0}").format(getattr(record, "key", "")))
        else:
            self.accept()


def _asks_for(finding: Finding) -> bool:
    """A finding that only asks for a value the field lacks."""
    return finding.code.endswith(("required", "_missing"))  # field., comp., cp.uscc_…
