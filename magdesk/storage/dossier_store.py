"""Reads for a declaration's dossier and a licence application sheet: the
whole chain of a declaration (its lines, their sales, products, batches, the
lots put into those batches, the counterparties and licences named) in one
query per table, whatever the number of lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core import model as M
from .db import Database
from .repository import Repository

_CHUNK = 500  # ids per IN (...) list: well below SQLite's parameter limit


@dataclass
class Chain:
    """The records of one declaration (or of some sales) and everything they
    lead back to, by id."""

    lines: list[M.ExportLine] = field(default_factory=list)
    sales: dict[int, M.Sale] = field(default_factory=dict)
    products: dict[int, M.Product] = field(default_factory=dict)
    batches: dict[int, M.Batch] = field(default_factory=dict)
    inputs: dict[int, list[M.BatchInput]] = field(default_factory=dict)  # by batch id
    purchases: dict[int, M.Purchase] = field(default_factory=dict)
    parties: dict[int, M.Counterparty] = field(default_factory=dict)
    licences: dict[int, M.Licence] = field(default_factory=dict)
    drawn: list[M.ExportLine] = field(default_factory=list)  # every line on those licences

    def refs(self) -> list[tuple[str, int]]:
        """The records an attachment of the chain may hang on (entity, id):
        export lines, sales, consignees and customers, products, licences."""
        out = [("export", x.id) for x in self.lines]
        out += [("sale", i) for i in self.sales]
        out += [("counterparty", i) for i in sorted(self._people())]
        out += [("product", i) for i in self.products]
        out += [("licence", i) for i in self.licences]
        return out

    def _people(self) -> set[int]:
        return ({x.consignee_id for x in self.lines}
                | {s.customer_id for s in self.sales.values()})


def _by_ids(repo: Repository, entity: str, ids: Iterable[int], column: str = "id") -> list:
    ids = sorted({i for i in ids if i is not None})
    out: list = []
    for start in range(0, len(ids), _CHUNK):
        part = ids[start:start + _CHUNK]
        marks = ", ".join("?" * len(part))
        out += list(repo.iter(entity, where=f"{column} IN ({marks})", params=part))
    return out


def declaration_chain(db: Database, decl_no: str) -> Chain | None:
    """The chain of declaration ``decl_no`` (None when no line carries it)."""
    repo = Repository(db)
    lines = list(repo.iter("export", order="line_no, id", where="customs_decl_no = ?",
                           params=(decl_no.strip(),)))
    if not lines:
        return None
    chain = Chain(lines=lines)
    _fill(repo, chain, _by_ids(repo, "sale", [x.sale_id for x in lines]))
    return chain


def sales_chain(db: Database, *, doc_no: str | None = None,
                contract_no: str | None = None) -> Chain | None:
    """The chain of sale ``doc_no``, or of every sale under ``contract_no``
    (None when there is none), with the export lines declared for them."""
    repo = Repository(db)
    where, value = ("doc_no = ?", doc_no) if doc_no else ("contract_no = ?", contract_no)
    sales = list(repo.iter("sale", order="date, doc_no", where=where,
                           params=((value or "").strip(),)))
    if not sales:
        return None
    chain = Chain(lines=_by_ids(repo, "export", [s.id for s in sales], "sale_id"))
    chain.lines.sort(key=lambda x: (x.decl_date, x.customs_decl_no, x.line_no))
    _fill(repo, chain, sales)
    return chain


def _fill(repo: Repository, chain: Chain, sales: list[M.Sale]) -> None:
    chain.sales = {s.id: s for s in sales}
    chain.products = {p.id: p for p in _by_ids(repo, "product", [s.product_id for s in sales])}
    batches = _by_ids(repo, "batch", [s.batch_id for s in sales])
    chain.batches = {b.id: b for b in batches}
    for i in sorted(_by_ids(repo, "batch_input", chain.batches, "batch_id"), key=lambda i: i.id):
        chain.inputs.setdefault(i.batch_id, []).append(i)
    purchase_ids = [i.purchase_id for ins in chain.inputs.values() for i in ins]
    chain.purchases = {p.id: p for p in _by_ids(repo, "purchase", purchase_ids)}
    licence_ids = {x.licence_id for x in chain.lines if x.licence_id is not None}
    chain.licences = {i: repo.get("licence", i) for i in sorted(licence_ids)}
    chain.drawn = _by_ids(repo, "export", licence_ids, "licence_id")
    party_ids = (chain._people() | {p.supplier_id for p in chain.purchases.values()}
                 | {c for lic in chain.licences.values() for c in lic.consignee_ids})
    chain.parties = {c.id: c for c in _by_ids(repo, "counterparty", party_ids)}


def company(db: Database) -> M.Company | None:
    """The own company (the exporter)."""
    return Repository(db).company()
