"""Pieces of the spec-driven forms (the record forms and the company
profile): a field's editor and its row built from its FieldSpec, the colour
of its state, records fetched lazily for the rules, the date field's keys, and
the question that accepts warnings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ..core import kinds
from ..core.fields import FieldSpec
from ..core.findings import Finding
from ..core.messages import render_text
from ..usecases.reads import RecordReader as Repository


def editor(spec: FieldSpec, lang: str, changed, limit: bool = True) -> QWidget:
    """The widget a field of ``spec``'s kind is entered in: a check box (bool),
    a list of its choices in ``lang`` (enum; a blank first when it may stay
    empty), a date field, or a line.  ``changed`` is called at every change;
    ``limit``: the line takes no more than the spec's length (not where the
    value may be typed with spaces or hyphens that are taken out)."""
    if spec.kind == "bool":
        box = QCheckBox()
        box.toggled.connect(changed)
        return box
    if spec.kind == "enum":
        combo = QComboBox()
        if not spec.required:
            combo.addItem("", None)
        for code in spec.choices.__members__:
            combo.addItem(spec.choices(code).label(lang), code)
        combo.currentIndexChanged.connect(changed)
        return combo
    edit = DateEdit() if spec.kind == "date" else QLineEdit()
    if spec.max_len and limit:
        edit.setMaxLength(spec.max_len)
    edit.textChanged.connect(changed)
    return edit


def row_label(spec: FieldSpec, lang: str) -> str:
    """A field's label, with ``*`` when it must be filled."""
    return spec.label(lang) + (" *" if spec.required else "")


def add_row(form: QFormLayout, label: str, name: str, widget: QWidget, keys: QObject,
            min_width: int = 0) -> QLabel:
    """Put ``widget`` in ``form`` under ``label`` with its reason beside it
    (the label returned); ``keys`` filters its keys (Enter moves on)."""
    widget.setObjectName(name)
    widget.setAccessibleName(label.rstrip(" *"))
    widget.installEventFilter(keys)
    tick = isinstance(widget, QCheckBox)  # as wide as its box: its focus frame round the box
    if min_width and not tick:
        widget.setMinimumWidth(min_width)
    message = Reason()
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(widget, 0 if tick else 3, Qt.AlignmentFlag.AlignTop
                  | (Qt.AlignmentFlag.AlignLeft if tick else Qt.AlignmentFlag(0)))
    if tick:
        box.addStretch(3)
    box.addWidget(message, 2, Qt.AlignmentFlag.AlignTop)
    form.addRow(label, row)
    return message


class Reason(QLabel):
    """A field's reason, beside it: wrapped in full, its row (and the window)
    as tall as its lines, its text also its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "message")
        self.setWordWrap(True)  # a long reason takes lines, not the field's width
        self.setMinimumWidth(self.MIN_WIDTH)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    MIN_WIDTH = 160  # px: about ten Chinese characters a line, not two or three

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """No: its height is its least (``_fit``); a window's layout leaves a
        height for a width out of the window's own least height, and the row
        would be squeezed."""
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The height the text takes wrapped at ``width`` (the layouts ask it)."""
        if not self.text():
            return 0
        margins = self.contentsMargins()
        frame = margins.left() + margins.right() + 2 * self.margin()
        room = QRect(0, 0, max(width - frame, 1), 1 << 20)
        return self.fontMetrics().boundingRect(
            room, int(Qt.TextFlag.TextWordWrap), self.text()).height() \
            + margins.top() + margins.bottom() + 2 * self.margin()

    def _fit(self) -> None:
        height = self.heightForWidth(self.width()) if self.width() > 0 else 0
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            # Its row's layout measured again: a layout inside the window's
            # layout (a form's rows) is not told when a row's height changes.
            window = self.window()
            for layout in window.findChildren(QLayout):
                layout.invalidate()
            need = window.minimumSizeHint().height()
            if window.isWindow() and window.height() < need:  # the window grows with it
                window.resize(window.width(), need)


def load(widget: QWidget, value, text: str) -> None:
    """Show a stored value in its field's widget (``text``: its kind's display)."""
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    else:
        widget.setText(text)


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a style property (a field's state: empty yellow, invalid red,
    valid green; a reason's role) and have the style sheet apply it."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class Lazy(Mapping):
    """Records by id, fetched when a rule asks for one (forms never load a table)."""

    def __init__(self, repo: Repository, entity: str):
        self.repo, self.entity, self.cache = repo, entity, {}

    def __getitem__(self, key):
        if key not in self.cache:
            self.cache[key] = self.repo.get(self.entity, key)
        if self.cache[key] is None:
            raise KeyError(key)
        return self.cache[key]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self):
        return iter(self.cache)

    def __len__(self):
        return len(self.cache)


class DateEdit(QLineEdit):
    """Date entry (shown ISO): ``=`` is today (no date is typed with it); in
    an empty or wholly selected field ``+``/``-`` move a day, elsewhere they
    are typed (``2026-11-02``).
    ``year``: the year a month and day alone (``11-2``) are taken in."""

    year: int | None = None

    def day(self) -> date:
        """The day typed (KindError when it is none)."""
        return kinds.date.parse(self.text(), self.year or date.today().year)

    def focusOutEvent(self, event):  # noqa: N802 - Qt override
        """On leaving the field a date typed another way (``11-3``) is shown
        as the day it is taken for (2026-11-03), its year in sight."""
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason:
            return
        try:
            day = self.day()
        except kinds.KindError:
            return  # not a date: left as typed, with its reason
        if self.text() != day.isoformat():
            self.setText(day.isoformat())

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        text = event.text()
        whole = not self.text() or self.selectedText() == self.text()
        if text == "=" or text in ("+", "-") and whole:
            try:
                day = self.day()  # any way the field takes a date
            except kinds.KindError:
                day = date.today()
            day = date.today() if text == "=" else day + timedelta(1 if text == "+" else -1)
            self.setText(day.isoformat())
            self.selectAll()  # a day key again moves on from it
            return
        super().keyPressEvent(event)


class AcceptWarnings:
    """Ask for the reason to accept warnings (tests monkeypatch ``ask``)."""

    MIN_REASON = 4  # as usecases.accept_warning and records.save require

    @classmethod
    def ask(cls, parent: QWidget, warnings: list[Finding], lang: str) -> str | None:
        """The reason, or None when the clerk cancels; a reason too short is
        said and asked again (what she typed kept)."""
        from ..usecases.kinds import Reason

        text = "\n".join(render_text(f, lang) for f in warnings)
        reason = ""
        while True:
            reason, ok = QInputDialog.getText(
                parent, QCoreApplication.translate("AcceptWarnings", "Accept warnings"),
                QCoreApplication.translate("AcceptWarnings", "{0}\n\nReason for accepting:")
                .format(text), text=reason)
            if not ok:
                return None
            if len(reason.strip()) >= cls.MIN_REASON:
                return reason.strip()
            QMessageBox.warning(parent, QCoreApplication.translate(
                "AcceptWarnings", "Accept warnings"), Reason("records.reason_short").message(lang))
