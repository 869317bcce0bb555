"""Export-control classification of a product line (DOMAIN.md §4.6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .. import text
from .codelists import ControlItem
from .model import Product
from .units import PCT_SCALE, format_pct


class ThresholdMode(StrEnum):
    ANY = "ANY"  # any measured Dy/Tb above the threshold (default 0) is controlled
    REPORT_0_1 = "REPORT_0_1"  # Dy+Tb <= 0.1 % shown by a third-party report ships free


@dataclass(frozen=True, slots=True)
class ControlPolicy:
    mode: ThresholdMode = ThresholdMode.ANY
    threshold_pct: int = 0  # in units of 0.0001 %; "above this" is controlled
    rules_on: frozenset[str] = frozenset()  # rules kept off as data, turned on (by number)

    @classmethod
    def from_settings(cls, mode: str, threshold_pct: int = 0,
                      rules_on: str = "") -> ControlPolicy:
        return cls(ThresholdMode(mode), threshold_pct, parse_rules_on(rules_on))

    def enabled(self, item: ControlItem) -> bool:
        return item.enabled or item.number in self.rules_on


def parse_rules_on(text: str) -> frozenset[str]:
    """The rule numbers a setting turns on: ``"1C909.a.4, No.61-0.1%"``."""
    return frozenset(part.strip() for part in text.split(",") if part.strip())


REPORT_LIMIT = PCT_SCALE // 10  # 0.1 %


@dataclass(frozen=True, slots=True)
class Classification:
    control_no: str | None  # None: not controlled
    needs_report: bool = False  # the decision rests on a test report the product lacks

    @property
    def controlled(self) -> bool:
        return self.control_no is not None


@dataclass(frozen=True)
class Decision:
    """Whether an export of a product on a day is a controlled item, under
    which number, and why: ``reason_code`` is a code of ``text.control`` and
    ``params`` what it names (shares in units of 0.0001 %, dates, rule
    numbers; said in the reader's language by ``message``)."""

    controlled: bool
    control_no: str | None
    reason_code: str
    params: dict = field(default_factory=dict)
    needs_report: bool = False

    def message(self, lang: str = "zh") -> str:
        return text.say(self.reason_code, lang, **_said(self.params, lang))

    def remark(self, lang: str = "zh") -> str:
        """属于管制物项 1C905.a.4 / 不属于管制物项: the decision alone."""
        if self.controlled:
            return text.say("control.remark_yes", lang, control_no=self.control_no)
        return text.say("control.remark_no", lang)

    def as_dict(self, lang: str = "zh") -> dict:
        return {"controlled": self.controlled, "control_no": self.control_no or "",
                "reason_code": self.reason_code, "reason": self.message(lang),
                "params": {k: str(v) for k, v in self.params.items()}}


def _said(params: dict, lang: str) -> dict:
    from . import composition
    from .enums import Category, ExemptKind

    out = dict(params)
    for key in ("share", "threshold", "limit"):
        if key in params:
            out[key] = format_pct(params[key])
    if params.get("element") not in (None, "any"):
        out["element"] = _element_name(params["element"], lang)
    if "shares" in params:
        pattern, sep = ("{}{}%", "、") if lang == "zh" else ("{} {} %", ", ")
        missing = "{}未填写" if lang == "zh" else "{} not given"
        out["shares"] = sep.join(
            pattern.format(composition.element(k).name(lang), format_pct(v)) if v is not None
            else missing.format(composition.element(k).name(lang))
            for k, v in params["shares"])
    if "exempt" in params:
        out["exempt"] = ExemptKind(params["exempt"]).label(lang)
    if "category" in params and params["category"] in Category.__members__:
        out["category"] = Category(params["category"]).label(lang)
    for key in ("basis", "item"):
        if f"{key}_{lang}" in params:
            out[key] = params[f"{key}_{lang}"]
        elif f"{key}_en" in params:
            out[key] = params[f"{key}_en"]
    if "off" in params:
        out["off"] = text.say(f"control.off_{params['off']}", lang, until=params.get("until"),
                              basis=out.get("basis", ""))
    return out


def _element_name(key: str, lang: str) -> str:
    from . import composition

    if key == "dy+tb":
        return "镝+铽" if lang == "zh" else "Dy+Tb"
    return composition.element(key).name(lang)


def _content(product: Product, element: str) -> int:
    if element == "dy+tb":
        return _content(product, "dy") + _content(product, "tb")
    return getattr(product, f"{element}_pct", None) or 0


def _rule_params(item: ControlItem) -> dict:
    return {"control_no": item.number, "basis_zh": item.basis_in("zh"),
            "basis_en": item.basis_in("en"), "item_zh": item.name("zh"),
            "item_en": item.name("en"), "since": item.valid_from}


def boundaries(items: tuple[ControlItem, ...]) -> tuple[date, ...]:
    """The days on which some item starts or stops applying: between two of
    them every product classifies the same (``decide`` depends on the day
    only through ``ControlItem.applies_on``)."""
    days = set()
    for item in items:
        days.add(item.valid_from)
        if item.suspended_from and item.suspended_until:
            days.update((item.suspended_from, item.suspended_until))
    return tuple(sorted(days))


def decide(product: Product, on: date, rules: tuple[ControlItem, ...],
           policy: ControlPolicy) -> Decision:
    """The control decision for an export of ``product`` declared on ``on``
    (DOMAIN.md §4.6), with its reason: a deep-processing exemption first;
    then the rules in order, the first that holds wins (SmCo whatever its
    composition; Tb, Dy, Ho above the threshold); a share at or below 0.1 %
    under the report rule or below an enabled de-minimis rule ships free."""
    from . import composition

    if product.exempt_kind:
        return Decision(False, None, "control.exempt",
                        {"exempt": product.exempt_kind, "reason": product.exempt_reason})
    heavy = _content(product, "dy+tb")
    threshold = policy.threshold_pct
    deminimis = next((r for r in rules if r.kind == "deminimis"
                      and product.category in r.categories and policy.enabled(r)
                      and r.applies_on(on) and heavy < r.limit_pct), None)
    report_rule = policy.mode is ThresholdMode.REPORT_0_1 and 0 < heavy <= REPORT_LIMIT
    listed = False
    checked: list[str] = []
    freed: Decision | None = None
    off: Decision | None = None
    for item in rules:
        if item.kind != "item" or product.category not in item.categories:
            continue
        listed = True
        share = _content(product, item.element)
        triggers = item.element == "any" or share > threshold
        if not policy.enabled(item) or not item.applies_on(on):
            if triggers and off is None:
                why = ("switched_off" if not policy.enabled(item) else
                       "suspended" if on >= item.valid_from else "not_yet")
                until = item.suspended_until if why == "suspended" else item.valid_from
                code = "control.rule_off_category" if item.element == "any" \
                    else "control.rule_off"
                off = Decision(False, None, code,
                               {**_rule_params(item), "element": item.element, "share": share,
                                "off": why, "until": until, "source": item.source})
            continue
        if item.element == "any":
            return Decision(True, item.number, "control.category",
                            {**_rule_params(item), "category": product.category})
        checked.append(item.element)
        if not triggers:
            continue
        if item.element in ("dy", "tb"):
            if deminimis is not None:
                freed = freed or Decision(False, None, "control.deminimis",
                                          {**_rule_params(deminimis), "element": "dy+tb",
                                           "share": heavy, "limit": deminimis.limit_pct})
                continue
            if report_rule:
                if product.test_report_no.strip():
                    freed = freed or Decision(False, None, "control.report_0_1",
                                              {"element": "dy+tb", "share": heavy,
                                               "limit": REPORT_LIMIT,
                                               "report": product.test_report_no})
                    continue
                return Decision(True, item.number, "control.needs_report",
                                {**_rule_params(item), "element": "dy+tb", "share": heavy,
                                 "limit": REPORT_LIMIT}, needs_report=True)
        return Decision(True, item.number, "control.element",
                        {**_rule_params(item), "element": item.element, "share": share,
                         "threshold": threshold})
    if freed is not None:
        return freed
    if off is not None:
        return off
    if not listed:
        return Decision(False, None, "control.not_listed", {"category": product.category})
    return Decision(False, None, "control.below",
                    {"shares": tuple((e.key, getattr(product, f"{e.key}_pct", None))
                                     for e in composition.ELEMENTS if e.key in checked),
                     "threshold": threshold})


def classify(
    product: Product, on: date, items: tuple[ControlItem, ...], policy: ControlPolicy
) -> Classification:
    """Which control number, if any, an export of ``product`` on ``on`` falls under."""
    decision = decide(product, on, items, policy)
    return Classification(decision.control_no, needs_report=decision.needs_report)
