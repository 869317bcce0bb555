"""What a record form offers the clerk beyond the field specs: a sale's batches
newest first and only the product's, the next delivery number, countries by
name, and what the core derives (core.derive: a sale's grade from its batch or
product, its end use from the customer, a purchase's amount from its price…)
shown as suggestions in the empty fields; saving fills them by the same rule."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from ..core import kinds
from ..core.derive import complete
from ..core.messages import render_derived
from ..usecases.kinds import batches_like, export_sales_like, next_doc_no
from ..usecases.reads import find_id, key_entries

COUNTRY_FIELDS = {("counterparty", "country")}


class Assist:
    """Wired to one ``RecordForm`` after its widgets are built."""

    def __init__(self, form) -> None:
        self.form = form
        self.auto_doc_no = ""  # the delivery number last suggested
        self.auto_country = None  # the country put in for a domestic firm
        w = form.widgets
        if form.entity in _NUMBERED:
            w["date"].textChanged.connect(self.renumber)
        if form.entity == "counterparty":
            w["cp_type"].currentIndexChanged.connect(self.fill_country)
            self._country_completer(w["country"])

    # --- completers ------------------------------------------------------------------

    def keys(self, edit: QLineEdit, entity: str, text: str) -> list[tuple[str, str]]:
        """The completer's entries for ``text`` typed in ``edit``: (the key
        the field takes, what the record is also known by: a product's name,
        a counterparty's credit code)."""
        if self.form.entity == "sale" and edit.objectName() == "batch_id":
            return [(b, "") for b in batches_like(self.form.repo, text, self._product_id())]
        if self.form.entity == "export" and edit.objectName() == "sale_id":
            return export_sales_like(self.form.repo, text)  # the export sales, newest first
        return key_entries(self.form.repo, entity, text)

    def _country_completer(self, edit: QLineEdit) -> None:
        edit.setMaxLength(60)  # a name, or an entry "CN 中国 China"; parsed to the code
        codes = self.form.ctx.codes
        zh = self.form.lang == "zh"
        entries = [f"{c.alpha2} {c.name_zh} {c.name_en}" if zh else
                   f"{c.alpha2} {c.name_en} {c.name_zh}"
                   for c in sorted(codes.countries.values(), key=lambda c: c.alpha2)]
        completer = QCompleter(QStringListModel(entries, self.form), self.form)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)

    def parse(self, entity: str, name: str, text: str) -> str | None:
        """A country typed as a name or a completer entry, as its code; None
        for any other field."""
        if (entity, name) not in COUNTRY_FIELDS:
            return None
        return self.form.ctx.codes.country_code(text) or text

    # --- prefilled values --------------------------------------------------------------

    def prefill(self, new: bool) -> None:
        """After loading: a new sale's next delivery number (a purchase's next
        receipt number), selected to type over."""
        if new and self.form.entity in _NUMBERED:
            self.renumber()
        if self.form.entity == "counterparty":
            self.fill_country()

    def _product_id(self) -> int | None:
        text = self.form.widgets["product_id"].text().strip()
        return find_id(self.form.repo, "product", text) if text else None

    def complete(self, record):
        """The record as saving will complete it (core.derive); what it would
        fill into an empty field shows there as a suggestion (grey placeholder
        text, or the empty choice of a list named after it), which the clerk
        overwrites by typing or choosing."""
        try:
            record, derived = complete(record, self.form.repo.get)
        except (TypeError, AttributeError, ValueError):  # a half-typed record
            return record
        by_field = {d.field: d for d in derived if d.rule != "derive.canonical"}
        for spec in self.form.specs:
            widget = self.form.widgets[spec.name]
            d = by_field.get(spec.name)
            text = self.form._text(spec, d.value) if d is not None else ""
            tip = render_derived(self.form.entity, d, self.form.lang) if d is not None else ""
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(text)
                widget.setToolTip(tip)
            elif isinstance(widget, QComboBox) and widget.count() and widget.itemData(0) is None:
                label = spec.choices(d.value).label(self.form.lang) if d is not None else ""
                widget.setItemText(0, label)
                widget.setToolTip(tip)
        return record

    def renumber(self) -> None:
        """The delivery (receipt) number after the file's last one, for the
        record's month; only while the field is empty or holds the previous
        suggestion."""
        edit = self.form.widgets["doc_no"]
        if self.form.record is not None or edit.text() not in ("", self.auto_doc_no):
            return
        try:
            day = kinds.date.parse(self.form.widgets["date"].text())  # as the form reads it
        except kinds.KindError:
            return
        self.auto_doc_no = next_doc_no(self.form.repo, _NUMBERED[self.form.entity], day)
        if self.auto_doc_no and edit.text() != self.auto_doc_no:
            edit.setText(self.auto_doc_no)
        edit.selectAll()

    def fill_country(self) -> None:
        """CN for a domestic enterprise whose country is still empty; the CN
        put there taken out again when the firm is made a foreign one."""
        country = self.form.widgets["country"]
        kind = self.form.widgets["cp_type"].currentData()
        if kind == "DOMESTIC_ENTERPRISE" and not country.text().strip():
            country.setText("CN")
            self.auto_country = country.text()
        elif kind == "FOREIGN" and country.text() == self.auto_country:
            country.clear()  # a foreign firm's country is typed, not CN


_NUMBERED = {"sale": "sale_out", "purchase": "purchase_in"}  # a next number is suggested
