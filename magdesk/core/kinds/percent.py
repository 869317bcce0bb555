"""A composition percentage: stored in integer units of 0.0001 %, typed and
shown as a plain decimal (``0.5``, ``0.5%``, ``０．５％``)."""

from __future__ import annotations

from decimal import Decimal

from ._base import normalise_width, to_decimal, whole

NAME = "pct"
NUMERIC = True
SCALE = 10_000  # 1 stored unit = 0.0001 %


def parse(value) -> int:
    """Units of 0.0001 % from a number or a text, a % sign allowed."""
    if isinstance(value, str):
        value = normalise_width(value).replace("%", "").strip()
    return whole(to_decimal(value) * SCALE, value)


lenient = parse  # a spreadsheet's percent cell is read as typed text is


def to_decimal_pct(units: int | None) -> Decimal | None:
    """The percentage as a Decimal without trailing zeros."""
    if units is None:
        return None
    return Decimal(units).scaleb(-4).normalize() if units else Decimal(0)


def display(units: int | None, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    if units is None or units == "":
        return ""
    return f"{to_decimal_pct(units):f}"


filing = display
