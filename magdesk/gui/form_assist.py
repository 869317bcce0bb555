"""What a record form offers the clerk beyond the field specs: a sale's batches
newest first and only the product's, the product's grade, the next delivery
number, and countries by name."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from ..core import kinds
from ..storage.suggest import batches_like, next_sale_doc_no
from ..usecases.reads import find_id, keys_like

COUNTRY_FIELDS = {("counterparty", "country")}


class Assist:
    """Wired to one ``RecordForm`` after its widgets are built."""

    def __init__(self, form) -> None:
        self.form = form
        self.auto_grade: str | None = None  # the grade last filled from the product
        self.auto_doc_no = ""  # the delivery number last suggested
        w = form.widgets
        if form.entity == "sale":
            w["product_id"].textChanged.connect(self.fill_grade)
            w["date"].textChanged.connect(self.renumber)
        if form.entity == "counterparty":
            w["cp_type"].currentIndexChanged.connect(self.fill_country)
            self._country_completer(w["country"])

    # --- completers ------------------------------------------------------------------

    def keys(self, edit: QLineEdit, entity: str, text: str) -> list[str]:
        """The completer's entries for ``text`` typed in ``edit``."""
        if self.form.entity == "sale" and edit.objectName() == "batch_id":
            return batches_like(self.form.repo, text, self._product_id())
        return keys_like(self.form.repo, entity, text)

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
        """After loading: a new sale's next delivery number, selected to type over."""
        if new and self.form.entity == "sale":
            self.renumber()
        if self.form.entity == "counterparty":
            self.fill_country()

    def _product_id(self) -> int | None:
        text = self.form.widgets["product_id"].text().strip()
        return find_id(self.form.repo, "product", text) if text else None

    def fill_grade(self) -> None:
        """The product's grade in an empty grade field (or one still holding the
        grade of the product chosen before); a grade the clerk typed stays."""
        grade = self.form.widgets["grade"]
        if grade.text().strip() and grade.text() != self.auto_grade:
            return
        product_id = self._product_id()
        product = self.form.repo.get("product", product_id) if product_id else None
        if product is not None and product.grade:
            self.auto_grade = product.grade
            grade.setText(product.grade)

    def renumber(self) -> None:
        """The delivery number after the file's last one, for the sale's month;
        only while the field is empty or holds the previous suggestion."""
        edit = self.form.widgets["doc_no"]
        if self.form.record is not None or edit.text() not in ("", self.auto_doc_no):
            return
        try:
            day = kinds.date.parse(self.form.widgets["date"].text())  # as the form reads it
        except kinds.KindError:
            return
        self.auto_doc_no = next_sale_doc_no(self.form.repo, day)
        if self.auto_doc_no and edit.text() != self.auto_doc_no:
            edit.setText(self.auto_doc_no)
        edit.selectAll()

    def fill_country(self) -> None:
        """CN for a domestic enterprise whose country is still empty."""
        country = self.form.widgets["country"]
        if self.form.widgets["cp_type"].currentData() == "DOMESTIC_ENTERPRISE" \
                and not country.text().strip():
            country.setText("CN")
