"""The control decision per product model and per export line, and what a
change of the rules or the threshold would change (read models: nothing
here writes).  The decision itself is ``core.control.decide``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..resources import load_codelists
from ..settings import Settings, load_settings

if TYPE_CHECKING:
    from ..core.codelists import ControlItem
    from ..core.control import ControlPolicy, Decision
    from ..core.model import ExportLine, Product
    from ..storage.db import Database


@dataclass(frozen=True)
class ModelDecision:
    """A product model's decision for an export declared on ``on``."""

    product: Product
    on: date
    decision: Decision


@dataclass(frozen=True)
class LineDecision:
    """An export line's decision (from its sale's product and its
    declaration date), beside what the line itself says."""

    key: str  # customs declaration no./line no.
    line_id: int
    period: str
    product_code: str
    decision: Decision
    marked_controlled: bool
    marked_control_no: str

    def as_dict(self, lang: str = "zh") -> dict:
        return {"line": self.key, "period": self.period, "product": self.product_code,
                **self.decision.as_dict(lang), "marked_controlled": self.marked_controlled,
                "marked_control_no": self.marked_control_no}


@dataclass(frozen=True)
class ControlChange:
    """An export line of an open month whose decision a new policy changes."""

    key: str
    period: str
    product_code: str
    old: Decision
    new: Decision

    def as_dict(self, lang: str = "zh") -> dict:
        return {"line": self.key, "period": self.period, "product": self.product_code,
                "old": self.old.as_dict(lang), "new": self.new.as_dict(lang)}


def control_rules() -> tuple[ControlItem, ...]:
    """The control rules as shipped (resources/codelists/control_items.toml)."""
    return load_codelists().control_items


def _policy(policy: ControlPolicy | None, settings: Settings | None) -> ControlPolicy:
    return policy if policy is not None else (settings or load_settings()).control_policy()


def decide_product(product: Product, *, on: date | None = None,
                   policy: ControlPolicy | None = None,
                   settings: Settings | None = None) -> Decision:
    """The decision for ``product`` exported on ``on`` (today): the product
    form shows it as its shares are typed."""
    from ..core.control import decide

    return decide(product, on or date.today(), control_rules(), _policy(policy, settings))


def decide_export(db: Database, line: ExportLine, *, policy: ControlPolicy | None = None,
                  settings: Settings | None = None) -> Decision | None:
    """The decision for an export line (None when its sale or product is not found)."""
    from ..storage.repository import Repository

    repo = Repository(db)
    sale = repo.get("sale", line.sale_id) if line.sale_id else None
    product = repo.get("product", sale.product_id) if sale is not None else None
    if product is None:
        return None
    return decide_product(product, on=line.decl_date, policy=policy, settings=settings)


def model_decisions(db: Database, *, on: date | None = None,
                    policy: ControlPolicy | None = None,
                    settings: Settings | None = None) -> list[ModelDecision]:
    """Every product model's decision for an export on ``on`` (today), by code."""
    from ..core.control import decide
    from ..storage.repository import Repository

    on = on or date.today()
    rules, chosen = control_rules(), _policy(policy, settings)
    products = sorted(Repository(db).all_by_id("product").values(), key=lambda p: p.code)
    return [ModelDecision(p, on, decide(p, on, rules, chosen)) for p in products]


def line_decisions(db: Database, *, policy: ControlPolicy | None = None,
                   rules: tuple[ControlItem, ...] | None = None,
                   settings: Settings | None = None,
                   open_only: bool = False) -> list[LineDecision]:
    """Every export line's decision (of the open months only with
    ``open_only``), by declaration date and number."""
    from ..core.control import decide
    from ..storage.control_reads import export_line_products, filed_months
    from ..storage.repository import Repository

    repo = Repository(db)
    rules = rules if rules is not None else control_rules()
    chosen = _policy(policy, settings)
    products = repo.all_by_id("product")
    product_of = export_line_products(db)
    filed = filed_months(db) if open_only else set()
    out = []
    lines = sorted(repo.iter("export"), key=lambda x: (x.decl_date, x.customs_decl_no, x.line_no))
    for x in lines:
        period = f"{x.decl_date:%Y-%m}"
        product = products.get(product_of.get(x.id))
        if period in filed or product is None:
            continue
        out.append(LineDecision(x.key, x.id, period, product.code,
                                decide(product, x.decl_date, rules, chosen),
                                x.controlled, x.control_no))
    return out


def control_changes(db: Database, new_policy: ControlPolicy, *,
                    new_rules: tuple[ControlItem, ...] | None = None,
                    old_policy: ControlPolicy | None = None,
                    settings: Settings | None = None) -> list[ControlChange]:
    """The export lines of the open (not filed) months whose decision —
    controlled or not, and the control number — differs under
    ``new_policy`` (and ``new_rules``) from the policy in force (the
    settings', or ``old_policy``)."""
    old = line_decisions(db, policy=_policy(old_policy, settings), open_only=True)
    new = line_decisions(db, policy=new_policy, rules=new_rules, open_only=True)
    return [ControlChange(a.key, a.period, a.product_code, a.decision, b.decision)
            for a, b in zip(old, new, strict=True)
            if (a.decision.controlled, a.decision.control_no)
            != (b.decision.controlled, b.decision.control_no)]
