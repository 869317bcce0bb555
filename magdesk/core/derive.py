"""Derivations and normalisations: what a record implies, completed the same
way whichever door it comes through (a form, an import, the CLI or a use case).

``complete(record, lookup)`` returns the record in canonical form with the
values its other fields or the records it refers to imply, and the list of
what it derived (``Derived``: field, value, rule code and the rule's
parameters) so that a form can show them as suggestions and an import can say
them in its report.  A value the clerk gave is never overwritten, only put in
its canonical case.

Reference data comes through ``lookup(entity, id)`` — the repository's ``get``
fits, and an import passes the records it has already read — so the core needs
no storage.

The rules:

- canonical case: grades (product, batch, sale) upper case and half width,
  without spaces (``n42`` → ``N42``); currencies, countries and destinations
  upper case; HS codes without the spaces, dots and dashes of ``8505.11.1000``;
  credit codes as ``identifiers.normalise_uscc`` gives them;
- a sale's grade, when empty: its batch's grade, else its product's;
- a sale's end use, when empty: its customer's default end use;
- an export line's end use, HS code, destination and end user, when empty: the
  sale's end use (else the consignee's default), the product's HS code, the
  consignee's country and the consignee's (English) name;
- a purchase's amount, when missing and a unit price is given: quantity ×
  unit price, rounded to the fen (a given amount that disagrees is the
  ``amount.mismatch`` warning of validation, not changed here);
- a domestic counterparty's country, when empty: CN;
- a licence's last valid day, when empty: one year from its first day, less a day.

Product codes, lot, batch and document numbers are the company's own
identifiers and keep their case: other files refer to them as written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from . import model as M
from .identifiers import DASHES, normalise_grade, normalise_uscc

# (entity, id) -> the record, or None; Repository.get has this shape.
Lookup = Callable[[str, int], object | None]


@dataclass(frozen=True, slots=True)
class Derived:
    """One value ``complete`` filled in or put in canonical form."""

    field: str
    value: object
    rule: str  # a code of the catalogue's derive.* (magdesk/text/derive.py)
    params: dict = field(default_factory=dict)


_COMPACT = re.compile(f"[\\s.{re.escape(DASHES)}]")
_DOMESTIC = ("DOMESTIC_ENTERPRISE", "INDIVIDUAL_BUSINESS")


def _canonical_grade(grade: str) -> str:
    # The common case (already upper-case ASCII without spaces) skips the
    # width normalisation: this runs once per imported sale.
    if grade.isascii() and grade == grade.upper() and " " not in grade and grade.isprintable():
        return grade
    return normalise_grade(grade)


def _upper(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


def _hs(text: str) -> str:
    return text if text.isdigit() and text.isascii() else _COMPACT.sub("", text)


# field -> how its canonical form is made, per entity
_CANONICAL: dict[type, dict[str, Callable[[str], str]]] = {
    M.Product: {"grade": _canonical_grade, "hs_code": _hs},
    M.Batch: {"grade": _canonical_grade},
    M.Sale: {"grade": _canonical_grade, "currency": _upper},
    M.ExportLine: {"hs_code": _hs, "destination": _upper, "currency": _upper},
    M.Counterparty: {"country": _upper, "uscc": normalise_uscc},
    M.Company: {"uscc": normalise_uscc},
}


def complete(record, lookup: Lookup) -> tuple[object, list[Derived]]:
    """The record completed and normalised, and what was derived (in field order)."""
    changes: dict[str, object] = {}
    derived: list[Derived] = []
    for name, make in _CANONICAL.get(type(record), {}).items():
        value = getattr(record, name)
        if value and isinstance(value, str):
            canonical = make(value)
            if canonical != value:
                changes[name] = canonical
                derived.append(Derived(name, canonical, "derive.canonical", {"value": value}))
    implied = _IMPLIED.get(type(record))
    if implied is not None:
        view = dataclasses.replace(record, **changes) if changes else record
        for d in implied(view, lookup):
            changes[d.field] = d.value
            derived.append(d)
    if not changes:
        return record, []
    return dataclasses.replace(record, **changes), derived


def _sale(s: M.Sale, lookup: Lookup) -> list[Derived]:
    out = []
    if not s.grade:
        batch = lookup("batch", s.batch_id) if s.batch_id else None
        product = lookup("product", s.product_id) if s.product_id else None
        if batch is not None and batch.grade:
            out.append(Derived("grade", _canonical_grade(batch.grade), "derive.grade_from_batch",
                               {"source": batch.batch_no}))
        elif product is not None and product.grade:
            out.append(Derived("grade", _canonical_grade(product.grade),
                               "derive.grade_from_product", {"source": product.code}))
    if not s.end_use and s.customer_id:
        customer = lookup("counterparty", s.customer_id)
        if customer is not None and customer.end_use_default:
            out.append(Derived("end_use", customer.end_use_default,
                               "derive.end_use_from_customer", {"source": customer.name_cn}))
    return out


def amount_of(qty_g: int, unit_price_fen: int) -> int:
    """Quantity (g) × unit price (fen per kg), in fen, rounded half up."""
    return (qty_g * unit_price_fen + 500) // 1000


def _purchase(pu: M.Purchase, lookup: Lookup) -> list[Derived]:
    if pu.amount_fen is None and pu.unit_price_fen is not None and pu.qty_g:
        return [Derived("amount_fen", amount_of(pu.qty_g, pu.unit_price_fen),
                        "derive.amount_from_price", {})]
    return []


def _export(x: M.ExportLine, lookup: Lookup) -> list[Derived]:
    sale = lookup("sale", x.sale_id) if x.sale_id else None
    consignee = lookup("counterparty", x.consignee_id) if x.consignee_id else None
    if consignee is None and sale is not None:
        consignee = lookup("counterparty", sale.customer_id)
    out = []
    if not x.end_use:
        if sale is not None and sale.end_use:
            out.append(Derived("end_use", sale.end_use, "derive.end_use_from_sale",
                               {"source": sale.doc_no}))
        elif consignee is not None and consignee.end_use_default:
            out.append(Derived("end_use", consignee.end_use_default,
                               "derive.end_use_from_customer", {"source": consignee.name_cn}))
    if not x.hs_code and sale is not None:
        product = lookup("product", sale.product_id)
        if product is not None and product.hs_code:
            out.append(Derived("hs_code", product.hs_code, "derive.hs_from_product",
                               {"source": product.code}))
    if consignee is not None:
        if not x.destination and consignee.country:
            out.append(Derived("destination", consignee.country,
                               "derive.destination_from_consignee", {"source": consignee.name_cn}))
        if not x.end_user:
            out.append(Derived("end_user", consignee.name_en or consignee.name_cn,
                               "derive.end_user_from_consignee", {"source": consignee.name_cn}))
    return out


def _counterparty(cp: M.Counterparty, lookup: Lookup) -> list[Derived]:
    if not cp.country and cp.cp_type in _DOMESTIC:
        return [Derived("country", "CN", "derive.country_domestic", {})]
    return []


def _licence(lic: M.Licence, lookup: Lookup) -> list[Derived]:
    """A licence runs one year unless it says otherwise (a general licence
    may run up to three: the clerk types its last day then)."""
    if lic.valid_to is None and lic.valid_from is not None:
        from .licences import years_after

        last = years_after(lic.valid_from, 1) - timedelta(days=1)
        return [Derived("valid_to", last, "derive.licence_one_year", {})]
    return []


_IMPLIED: dict[type, Callable[[object, Lookup], list[Derived]]] = {
    M.Sale: _sale, M.Purchase: _purchase, M.ExportLine: _export, M.Counterparty: _counterparty,
    M.Licence: _licence,
}


def suggestions(record, lookup: Lookup) -> dict[str, Derived]:
    """What ``complete`` would fill into the record's empty fields, by field:
    what a form shows as suggestions before saving."""
    return {d.field: d for d in complete(record, lookup)[1] if d.rule != "derive.canonical"}
