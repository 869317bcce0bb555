"""Export-control classification of a product line (DOMAIN.md §4.6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .codelists import ControlItem
from .model import Product
from .units import PCT_SCALE


class ThresholdMode(StrEnum):
    ANY = "ANY"  # any measured Dy/Tb above the threshold (default 0) is controlled
    REPORT_0_1 = "REPORT_0_1"  # Dy+Tb <= 0.1 % shown by a third-party report ships free


@dataclass(frozen=True, slots=True)
class ControlPolicy:
    mode: ThresholdMode = ThresholdMode.ANY
    threshold_pct: int = 0  # in units of 0.0001 %; "above this" is controlled

    @classmethod
    def from_settings(cls, mode: str, threshold_pct: int = 0) -> ControlPolicy:
        return cls(ThresholdMode(mode), threshold_pct)


REPORT_LIMIT = PCT_SCALE // 10  # 0.1 %


@dataclass(frozen=True, slots=True)
class Classification:
    control_no: str | None  # None: not controlled
    needs_report: bool = False  # the decision rests on a test report the product lacks

    @property
    def controlled(self) -> bool:
        return self.control_no is not None


def _content(product: Product, element: str) -> int:
    return getattr(product, f"{element}_pct", None) or 0


def boundaries(items: tuple[ControlItem, ...]) -> tuple[date, ...]:
    """The days on which some item starts or stops applying: between two of
    them every product classifies the same (``classify`` depends on the day
    only through ``ControlItem.applies_on``)."""
    days = set()
    for item in items:
        days.add(item.valid_from)
        if item.suspended_from and item.suspended_until:
            days.update((item.suspended_from, item.suspended_until))
    return tuple(sorted(days))


def classify(
    product: Product, on: date, items: tuple[ControlItem, ...], policy: ControlPolicy
) -> Classification:
    """Which control number, if any, an export of ``product`` on ``on`` falls under."""
    heavy = _content(product, "dy") + _content(product, "tb")
    report_exempt = (
        policy.mode is ThresholdMode.REPORT_0_1 and heavy <= REPORT_LIMIT and heavy > 0
    )
    for item in items:
        if product.category not in item.categories or not item.applies_on(on):
            continue
        if item.element == "any":
            return Classification(item.number)
        if _content(product, item.element) <= policy.threshold_pct:
            continue
        if report_exempt and item.element in ("dy", "tb"):
            if product.test_report_no:
                continue
            return Classification(item.number, needs_report=True)
        return Classification(item.number)
    return Classification(None)
