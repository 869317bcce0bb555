"""The declaration texts of a month's or a declaration's export lines (the
specification text customs expects and the remarks statement on control),
and the workbook of them: one sheet per declaration."""

from __future__ import annotations

import os
from pathlib import Path

import xlsxwriter

from ..core.declaration import DeclarationElements, DeclarationText, declaration_text
from ..storage.db import Database
from ..storage.file_settings import file_settings
from ..storage.filing_store import period_bounds
from ..storage.repository import Repository
from .cells import display_width

SHEET = "报关申报要素"  # the filing workbook's sheet (REFLOW-1), after 校验
HEADERS = ["报关单号", "项号", "商品编号", "商品名称", "规格型号(申报要素)", "备注"]
# A declaration's own workbook: one sheet per declaration, one row per line.
LINE_HEADERS = ["项号", "商品编号", "商品名称", "规格型号(申报要素)", "备注"]


def _elements(elements: DeclarationElements | None) -> DeclarationElements:
    if elements is not None:
        return elements
    from ..resources import load_declaration_elements

    return load_declaration_elements()


def _hs_names() -> dict[str, str]:
    from ..resources import load_codelists

    return {code: hs.zh for code, hs in load_codelists().hs.items()}


class _Texts:
    """Makes the texts of export lines of one file, reading each sale,
    product and licence once."""

    def __init__(self, db: Database, elements: DeclarationElements | None = None):
        self.repo = Repository(db)
        self.elements = _elements(elements)
        self.settings = file_settings(db, "declaration.")
        self.hs_names = _hs_names()
        self.cache: dict[tuple[str, int], object] = {}

    def _get(self, entity: str, record_id: int | None):
        if record_id is None:
            return None
        key = (entity, record_id)
        if key not in self.cache:
            self.cache[key] = self.repo.get(entity, record_id)
        return self.cache[key]

    def read_ahead(self, lines) -> None:
        """The sales, products and licences of ``lines`` read in a few
        queries (on a server one a record would be a round trip each)."""
        lines = list(lines)
        self._read("sale", {ln.sale_id for ln in lines if ln.sale_id})
        self._read("licence", {ln.licence_id for ln in lines if ln.licence_id})
        self._read("product", {getattr(self.cache.get(("sale", ln.sale_id)), "product_id", None)
                               for ln in lines if ln.sale_id} - {None})

    def _read(self, entity: str, ids: set[int]) -> None:
        wanted = [i for i in ids if (entity, i) not in self.cache]
        for record_id, record in self.repo.get_many(entity, wanted).items():
            self.cache[(entity, record_id)] = record

    def text(self, line, product_id: int | None = None) -> DeclarationText:
        sale = self._get("sale", line.sale_id) if line.sale_id else None
        product = self._get("product", product_id if product_id is not None
                            else getattr(sale, "product_id", None))
        return declaration_text(self.elements, line, product, sale=sale,
                                licence=self._get("licence", line.licence_id),
                                hs_name=self.hs_names.get(line.hs_code, ""),
                                settings=self.settings)


def declaration_texts(db: Database, period: str | None = None, decl_no: str | None = None,
                      elements: DeclarationElements | None = None) -> list[DeclarationText]:
    """The texts of the export lines declared in ``period`` (YYYY-MM) or of
    declaration ``decl_no``, by declaration number and line number.
    ``elements``: the declaration elements (the shipped file when None)."""
    where, params = [], []
    if period is not None:
        bounds = period_bounds(period)
        where.append("decl_date >= ? AND decl_date < ?")
        params += [bounds["start"], bounds["end"]]
    if decl_no is not None:
        where.append("customs_decl_no = ?")
        params.append(decl_no.strip())
    texts = _Texts(db, elements)
    lines = list(texts.repo.iter("export", order="decl_date, customs_decl_no, line_no",
                                 where=" AND ".join(where), params=params))
    texts.read_ahead(lines)
    return [texts.text(line) for line in lines]


def line_texts(db: Database, line, product_id: int | None = None,
               elements: DeclarationElements | None = None) -> DeclarationText:
    """The texts of one export line, saved or not (a form's values); its
    product is its sale's unless ``product_id`` is given."""
    return _Texts(db, elements).text(line, product_id)


def line_texts_of(db: Database, lines, elements: DeclarationElements | None = None
                  ) -> list[DeclarationText]:
    """The texts of these export lines (records read once), in their order."""
    texts = _Texts(db, elements)
    lines = list(lines)
    texts.read_ahead(lines)
    return [texts.text(line) for line in lines]


def sheet_rows(texts: list[DeclarationText]) -> list[list[str]]:
    """The rows of the filing workbook's 报关申报要素 sheet."""
    return [[t.decl_no, str(t.line_no), t.hs_code, t.name, t.spec_text, t.remarks]
            for t in texts]


def write_declaration_book(path: Path, texts: list[DeclarationText]) -> Path:
    """A workbook with one sheet per declaration (named by its number), one
    row per line: 项号, 商品编号, 商品名称, 规格型号(申报要素), 备注, then one
    column per declaration element.  Written aside and renamed into place."""
    path = Path(path)
    by_decl: dict[str, list[DeclarationText]] = {}
    for t in texts:
        by_decl.setdefault(t.decl_no, []).append(t)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                          "strings_to_numbers": False})
    try:
        header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        text = book.add_format({"num_format": "@"})
        for decl_no, lines in (by_decl or {SHEET: []}).items():
            ws = book.add_worksheet(decl_no[:31])
            labels: list[str] = []
            for t in lines:
                labels += [label for label, _ in t.elements if label not in labels]
            headers = LINE_HEADERS + labels
            rows = []
            for t in lines:
                values = dict(t.elements)
                rows.append([str(t.line_no), t.hs_code, t.name, t.spec_text, t.remarks,
                             *(values.get(label, "") for label in labels)])
            widths = [display_width(h) for h in headers]
            for c, h in enumerate(headers):
                ws.write_string(0, c, h, header)
            for r, row in enumerate(rows, 1):
                for c, value in enumerate(row):
                    ws.write_string(r, c, value, text)
                    widths[c] = max(widths[c], display_width(value))
            for c, width in enumerate(widths):
                ws.set_column(c, c, min(max(width + 2, 6), 90))
            ws.freeze_panes(1, 0)
        book.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
