"""Parsed rows to records: references resolved, the defaults the domain
implies filled in (documented at each builder), one record per row — or per
batch number for batches, whose rows each carry one input line."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..core import enums as E
from ..core import model as M
from ..core.codelists import CodeLists
from ..core.control import ControlPolicy, classify
from ..core.derive import complete
from .convert import Row
from .issues import ImportFinding
from .refs import Refs


@dataclass(slots=True)
class Item:
    """One record to write, and where it came from."""

    record: object
    row: int  # its (first) row, as Excel shows it
    key: str  # its business key, as validation names it
    rows: list[int] = field(default_factory=list)
    inputs: list[tuple[int, str, M.BatchInput]] = field(default_factory=list)  # row, lot, line
    existing_id: int | None = None  # the record it updates
    derived: list = field(default_factory=list)  # core.derive.Derived: what the row implied


@dataclass
class Builder:
    kind: str
    refs: Refs
    codes: CodeLists
    policy: ControlPolicy
    findings: list[ImportFinding]
    role_hint: str | None = None
    _lines: dict[str, int] = field(default_factory=dict)

    def build(self, rows: list[Row]) -> list[Item]:
        if self.kind == "batches":
            return _batches(self, rows)
        make = _BUILDERS[self.kind]
        lookup = self.lookup()
        items = []
        for row in rows:
            record = make(self, row)
            if record is not None and not row.bad:
                # The same completion as a form's or the CLI's save (core.derive).
                record, derived = complete(record, lookup)
                items.append(Item(record, row.number, record.key, derived=derived))
        return items

    def lookup(self):
        """``core.derive``'s look-up over what the import has read: products and
        counterparties from the references, other records once each from the file."""
        tables = {"product": self.refs.products, "counterparty": self.refs.counterparties}
        read: dict[tuple[str, int], object] = {}

        def get(entity: str, record_id: int):
            table = tables.get(entity)
            if table is not None:
                return table.get(record_id)
            key = (entity, record_id)
            if key not in read:
                read[key] = self.refs.repo.get(entity, record_id)
            return read[key]
        return get

    def missing(self, row: Row, column: str, entity: str | None = None) -> None:
        """A value the record needs that the file does not give and nothing implies."""
        row.bad.add(column)
        self.findings.append(self.refs.loc.on("field.required", row, column, entity=entity))


def _text(row: Row, name: str) -> str:
    return row.values.get(name) or ""


def _counterparty(b: Builder, row: Row) -> M.Counterparty | None:
    """cp_type, when not given, follows from the country or the credit code (92…
    is an individual business); the country of a domestic party is CN; the role
    may come from the name column's header (客户名称 / 供应商名称)."""
    v = row.values
    uscc, country = v.get("uscc"), v.get("country")
    cp_type = v.get("cp_type")
    if cp_type is None and "cp_type" not in row.bad:
        if country and country != "CN":
            cp_type = E.CpType.FOREIGN.value
        elif uscc:
            cp_type = (E.CpType.INDIVIDUAL_BUSINESS if uscc.startswith("92")
                       else E.CpType.DOMESTIC_ENTERPRISE).value
        else:
            b.missing(row, "cp_type")
    if country is None and cp_type and cp_type != E.CpType.FOREIGN and "country" not in row.bad:
        country = "CN"
    elif country is None and "country" not in row.bad:
        b.missing(row, "country")
    role = v.get("role") or b.role_hint
    if role is None and "role" not in row.bad:
        b.missing(row, "role")
    if row.bad:
        return None
    return M.Counterparty(
        None, v["name_cn"], cp_type, role, country, _text(row, "address"),
        name_en=_text(row, "name_en"), is_trader=bool(v.get("is_trader")), uscc=uscc or None,
        foreign_reg_no=_text(row, "foreign_reg_no"), end_use_default=v.get("end_use_default"))


def _product(b: Builder, row: Row) -> M.Product | None:
    """The unit is kg unless given."""
    if row.bad:
        return None
    v = row.values
    return M.Product(
        None, v["code"], v["name_cn"], v["category"], v["hs_code"], unit=v.get("unit") or "KG",
        grade=_text(row, "grade"), spec=_text(row, "spec"),
        is_magnetized=bool(v.get("is_magnetized")), re_total_pct=v.get("re_total_pct"),
        dy_pct=v.get("dy_pct"), tb_pct=v.get("tb_pct"), ho_pct=v.get("ho_pct"),
        sm_pct=v.get("sm_pct"), gd_pct=v.get("gd_pct"),
        test_report_no=_text(row, "test_report_no"), heavy_re_free=bool(v.get("heavy_re_free")),
        nd_pct=v.get("nd_pct"), pr_pct=v.get("pr_pct"), co_pct=v.get("co_pct"),
        ce_pct=v.get("ce_pct"), la_pct=v.get("la_pct"), other_re_pct=v.get("other_re_pct"),
        report_date=v.get("report_date"), report_lab=_text(row, "report_lab"),
        exempt_kind=v.get("exempt_kind"), exempt_reason=_text(row, "exempt_reason"))


def _purchase(b: Builder, row: Row) -> M.Purchase | None:
    """The origin is IMPORT when an import declaration number is given, else DOMESTIC."""
    supplier = b.refs.counterparty(row, "supplier_name", "supplier_uscc")
    product = b.refs.product(row, "product_code")
    if row.bad or supplier is None or product is None:
        return None
    v = row.values
    decl = _text(row, "import_decl_no")
    origin = v.get("origin") or (E.Origin.IMPORT.value if decl else E.Origin.DOMESTIC.value)
    return M.Purchase(None, v["doc_no"], v["date"], supplier.id, product.id, v["lot_no"],
                      v["qty_g"], origin, v.get("unit_price_fen"), v.get("amount_fen"),
                      _text(row, "invoice_no"), decl)


def _sale(b: Builder, row: Row) -> M.Sale | None:
    """Without 是否出口, a sale to a foreign customer is an export.  CNY unless
    given.  The grade and end use, when empty, are completed by core.derive."""
    refs = b.refs
    customer = refs.counterparty(row, "customer_name", "customer_uscc")
    product = refs.product(row, "product_code")
    batch = refs.by_key(row, "batch_no", "batch", "batch_no")
    if row.bad or customer is None or product is None or batch is None:
        return None
    v = row.values
    is_export = v.get("is_export")
    if is_export is None:
        is_export = customer.cp_type == E.CpType.FOREIGN
    end_use = v.get("end_use")
    return _new_sale(None, v["doc_no"], v["date"], customer.id, product.id, batch.id, v["qty_g"],
                  v.get("grade") or "", v.get("qty_pcs"), v.get("amount_fen"),
                  v.get("currency") or "CNY", v.get("invoice_no") or "",
                  v.get("contract_no") or "", is_export, end_use)


def _export(b: Builder, row: Row) -> M.ExportLine | None:
    """The consignee is the linked sale's customer unless given; what the sale
    and the consignee imply (HS code, destination, end user, end use) is
    completed by core.derive, as in a form; 是否属于管制物项 and the control
    number are derived from the product (DOMAIN §4.6) when not given; lines of
    one declaration are numbered 1, 2, … in file order; USD unless given."""
    refs, v = b.refs, row.values
    sale = refs.by_key(row, "sale_doc_no", "sale", "doc_no")
    consignee = refs.counterparty(row, "consignee_name", None)
    licence = refs.by_key(row, "licence_no", "licence", "licence_no")
    if sale is None or row.bad:
        return None
    if consignee is None:
        consignee = refs.counterparties.get(sale.customer_id)
    product = refs.products.get(sale.product_id)
    decl, day = v["customs_decl_no"], v["decl_date"]
    line = v.get("line_no")
    if line is None:
        line = b._lines[decl] = b._lines.get(decl, 0) + 1
    controlled, control_no = v.get("controlled"), v.get("control_no")
    if controlled is None or (controlled and control_no is None):
        found = classify(product, day, b.codes.control_items, b.policy)
        controlled = found.controlled if controlled is None else controlled
        control_no = control_no or (found.control_no if controlled else None)
    record = M.ExportLine(
        None, sale.id, decl, day, v.get("hs_code") or "", v.get("destination") or "",
        consignee.id, v.get("end_user") or "", v.get("end_use") or "", v["qty_g"],
        line_no=line, controlled=bool(controlled), control_no=control_no or "",
        control_reason=_text(row, "control_reason"),
        licence_id=licence.id if licence is not None else None, value_fen=v.get("value_fen"),
        currency=v.get("currency") or "USD")
    # The sale is looked up by what the row resolved, the rest as build() does.
    lookup = b.lookup()
    completed, _ = complete(record, lambda e, i: sale if e == "sale" else lookup(e, i))
    if not completed.end_use:
        b.missing(row, "end_use", "export")
        return None
    return record


def _licence(b: Builder, row: Row) -> M.Licence | None:
    """Consignees are named by credit code, name or English name, separated by ;"""
    ids = []
    for text in row.values.get("consignees") or ():
        cp = b.refs.counterparty_by_text(text)
        if cp is None:
            row.bad.add("consignees")
            b.findings.append(b.refs.loc.on("ref.missing", row, "consignees", value=text))
        elif cp.id not in ids:
            ids.append(cp.id)
    uses = []
    for text in row.values.get("end_uses") or ():  # by code or name, zh or en
        try:
            code = _end_use(text)
        except ValueError:
            row.bad.add("end_uses")
            b.findings.append(b.refs.loc.on("field.choice", row, "end_uses", value=text))
            continue
        if code not in uses:
            uses.append(code)
    if row.bad:
        return None
    v = row.values
    return M.Licence(None, v["licence_no"], v["licence_type"], v["valid_from"], v["valid_to"],
                     v.get("qty_g"), control_no=_text(row, "control_no"),
                     end_user=_text(row, "end_user"), euc_ref=_text(row, "euc_ref"),
                     consignee_ids=tuple(ids), end_uses=tuple(uses))


def _end_use(text: str) -> str:
    from ..core.enums import EndUse
    from ..core.kinds.enum import parser
    from .convert import _end_use_synonyms

    return parser(EndUse, _end_use_synonyms())(text)


def _maker(cls):
    """A constructor of a frozen slotted record taking every field in order:
    a fifth of the generated ``__init__``'s cost, for the 100k-row sales ledger
    (the repository's ``from_row`` does the same)."""
    names = [f.name for f in dataclasses.fields(cls)]
    env = {"new": object.__new__, "cls": cls}
    env.update({f"set_{n}": getattr(cls, n).__set__ for n in names})
    body = "".join(f"    set_{n}(o, {n})\n" for n in names)
    exec(f"def make({', '.join(names)}):\n    o = new(cls)\n{body}    return o", env)  # noqa: S102
    return env["make"]


_new_sale = _maker(M.Sale)

_BUILDERS = {"counterparties": _counterparty, "products": _product, "purchases": _purchase,
             "sales": _sale, "exports": _export, "licences": _licence}

_BATCH_HEADER = ("start_date", "end_date", "process", "product_code", "grade", "output_g",
                 "output_pcs")


def _batches(b: Builder, rows: list[Row]) -> list[Item]:
    """Rows with one batch number make one batch; their header columns must
    agree (a blank repeats the first row's value); each row adds an input line."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.values.get("batch_no") is not None:
            groups.setdefault(row.values["batch_no"], []).append(row)
    items = []
    for batch_no, group in groups.items():
        head = group[0]
        for row in group[1:]:
            _agree(b, head, row)
        product = b.refs.product(head, "product_code")
        inputs = []
        for row in group:
            lot = b.refs.lot(row, "input_lot", "input_product")
            qty = row.values.get("input_qty")
            if lot is not None and qty is not None:
                inputs.append((row.number, lot.lot_no, M.BatchInput(None, 0, lot.id, qty)))
        if product is None or any(r.bad for r in group):
            continue
        v = head.values
        batch = M.Batch(None, batch_no, v["start_date"], v["end_date"], v["process"], product.id,
                        v["output_g"], v.get("grade") or "", v.get("output_pcs"))
        batch, derived = complete(batch, b.lookup())
        items.append(Item(batch, head.number, batch_no, [r.number for r in group], inputs,
                          derived=derived))
    return items


def _agree(b: Builder, head: Row, row: Row) -> None:
    for name in _BATCH_HEADER:
        mine, first = row.values.get(name), head.values.get(name)
        if mine is None:
            row.values[name] = first
        elif first is not None and mine != first:
            row.bad.add(name)
            b.findings.append(b.refs.loc.on("import.batch_conflict", row, name,
                                            other=head.number, expected=first))


@dataclass(slots=True)
class DerivedSummary:
    """What an import derived by one rule into one field: how many rows, the
    first of them, and one example (``core.derive.Derived``) to say it by."""

    rule: str
    field: str
    count: int
    rows: list[int]
    example: object

    FIRST_ROWS = 20

    def message(self, entity: str, lang: str = "zh") -> str:
        from ..core.messages import render_derived_summary

        return render_derived_summary(entity, self.example, self.count, self.rows, lang)


def summarise_derived(items: list[Item]) -> list[DerivedSummary]:
    """The items' derivations counted per rule and field, in the order met."""
    out: dict[tuple[str, str], DerivedSummary] = {}
    for item in items:
        for d in item.derived:
            found = out.get((d.rule, d.field))
            if found is None:
                out[(d.rule, d.field)] = DerivedSummary(d.rule, d.field, 1, [item.row], d)
            else:
                found.count += 1
                if len(found.rows) < DerivedSummary.FIRST_ROWS:
                    found.rows.append(item.row)
    return list(out.values())
