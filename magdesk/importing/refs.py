"""References in a file resolved to records by their business keys:
counterparties by credit code or normalised name (Chinese, English or foreign
registration number), products and batches by code, lots by lot number (and
material code where a lot number repeats), sales and licences by number."""

from __future__ import annotations

from collections import defaultdict

from ..core.identifiers import normalise_uscc
from ..storage.repository import Repository
from .convert import Row
from .issues import ImportFinding, Locator
from .values import name_key

Problem = tuple[str, str, dict]  # (code, import column, params)


class Refs:
    """Look-ups over what the database holds; each returns the record (or None)
    and appends findings at the row's cell when a key resolves to nothing or
    to several records."""

    def __init__(self, repo: Repository, loc: Locator, findings: list[ImportFinding]):
        self.repo = repo
        self.loc = loc
        self.findings = findings
        self.counterparties = repo.all_by_id("counterparty")
        self.by_uscc = {normalise_uscc(c.uscc): c for c in self.counterparties.values() if c.uscc}
        self.by_name: dict[str, list] = defaultdict(list)
        for cp in self.counterparties.values():
            for text in {name_key(t) for t in (cp.name_cn, cp.name_en, cp.foreign_reg_no) if t}:
                self.by_name[text].append(cp)
        self.products = repo.all_by_id("product")
        self.product_by_code = {p.code: p for p in self.products.values()}
        self.product_by_folded: dict[str, list] = defaultdict(list)
        for p in self.products.values():
            self.product_by_folded[name_key(p.code)].append(p)
        self._tables: dict[str, dict] = {}
        self._cache: dict[tuple, tuple[object, list[Problem]]] = {}

    def _report(self, row: Row, problems: list[Problem]) -> None:
        for code, column, params in problems:
            row.bad.add(column)
            self.findings.append(self.loc.on(code, row, column, **params))

    def _cached(self, key: tuple, row: Row, resolve):
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = resolve()
        if hit[1]:
            self._report(row, hit[1])
        return hit[0]

    # --- counterparties ----------------------------------------------------------

    def counterparty(self, row: Row, name_col: str | None, uscc_col: str | None):
        name = row.values.get(name_col) if name_col else None
        uscc = row.values.get(uscc_col) if uscc_col else None
        if name is None and uscc is None:
            return None
        key = ("cp", name, uscc, name_col, uscc_col)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._counterparty(name, uscc, name_col, uscc_col)
        if hit[1]:
            self._report(row, hit[1])
        return hit[0]

    def _counterparty(self, name, uscc, name_col, uscc_col):
        by_name = self.by_name.get(name_key(name), []) if name else []
        if uscc:
            cp = self.by_uscc.get(uscc)
            if cp is None:
                return None, [("ref.missing", uscc_col, {"value": uscc})]
            if by_name and cp not in by_name:
                return None, [("import.ref_conflict", name_col, {"name": name, "value": uscc})]
            return cp, []
        if len(by_name) == 1:
            return by_name[0], []
        if not by_name and name:  # a credit code in the name column names the party too
            cp = self.by_uscc.get(normalise_uscc(str(name)))
            if cp is not None:
                return cp, []
        if by_name:
            return None, [("import.ref_ambiguous", name_col,
                           {"value": name, "hint": "统一社会信用代码 / credit code"})]
        return None, [("ref.missing", name_col, {"value": name})]

    def counterparty_by_text(self, text: str):
        """One counterparty named by a credit code or a name (licence consignees)."""
        cp = self.by_uscc.get(normalise_uscc(text))
        if cp is not None:
            return cp
        found = self.by_name.get(name_key(text), [])
        return found[0] if len(found) == 1 else None

    # --- products, batches, lots, sales, licences --------------------------------------

    def product(self, row: Row, column: str):
        code = row.values.get(column)
        if code is None:
            return None
        return self._cached(("product", code, column), row, lambda: self._product(code, column))

    def _product(self, code: str, column: str):
        found = self.product_by_code.get(code)
        if found is not None:
            return found, []
        folded = self.product_by_folded.get(name_key(code), [])
        if len(folded) == 1:
            return folded[0], []
        return None, [("ref.missing", column, {"value": code})]

    def _table(self, entity: str, key: str) -> dict:
        if entity not in self._tables:
            self._tables[entity] = {getattr(r, key): r
                                    for r in self.repo.all_by_id(entity).values()}
        return self._tables[entity]

    def by_key(self, row: Row, column: str, entity: str, key: str):
        """A batch, licence or sale by its number in ``column``."""
        value = row.values.get(column)
        if value is None:
            return None
        if entity == "sale":  # sales may be many: one look-up per distinct number
            return self._cached(("sale", value, column), row, lambda: self._sale(value, column))
        record = self._table(entity, key).get(value)
        if record is None:
            self._report(row, [("ref.missing", column, {"value": value})])
        return record

    def _sale(self, doc_no: str, column: str):
        sale = self.repo.find("sale", doc_no)
        return (sale, []) if sale is not None else (None, [("ref.missing", column,
                                                            {"value": doc_no})])

    def lot(self, row: Row, lot_col: str, product_col: str):
        lot_no = row.values.get(lot_col)
        if lot_no is None:
            return None
        code = row.values.get(product_col)
        return self._cached(("lot", lot_no, code), row, lambda: self._lot(lot_no, code, lot_col,
                                                                          product_col))

    def _lot(self, lot_no: str, code: str | None, lot_col: str, product_col: str):
        lots = self.lots().get(lot_no, [])
        if code is not None:
            product = self.product_by_code.get(code)
            lots = [p for p in lots if product is not None and p.product_id == product.id]
        if len(lots) == 1:
            return lots[0], []
        if lots:
            return None, [("import.ref_ambiguous", lot_col,
                           {"value": lot_no, "hint": "投料物料编码 / input material code"})]
        return None, [("ref.missing", lot_col, {"value": lot_no})]

    def lots(self) -> dict[str, list]:
        """Purchases by lot number."""
        if "lots" not in self._tables:
            lots: dict[str, list] = defaultdict(list)
            for p in self.repo.all_by_id("purchase").values():
                lots[p.lot_no].append(p)
            self._tables["lots"] = lots
        return self._tables["lots"]
