"""Exact quantities: mass in integer grams, money in integer hundredths,
composition in integer ten-thousandths of a percent.  Never binary floats."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

GRAMS_PER = {"g": 1, "kg": 1000, "t": 1_000_000}
_UNIT_ALIASES = {
    "g": "g", "克": "g",
    "kg": "kg", "公斤": "kg", "千克": "kg", "kgs": "kg",
    "t": "t", "吨": "t", "mt": "t", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t",
}
_NUM_WITH_UNIT = r"^\s*([-+]?[\d.,\s]+)\s*([A-Za-z\u4e00-\u9fff]*)\s*$"  # compiled on first use:
# its CJK range takes re 2 ms to compile, and showing a table needs none of it
PCT_SCALE = 10_000  # 1 stored unit = 0.0001 %


class QuantityError(ValueError):
    """Text that is not a quantity; ``args[0]`` is a stable reason code."""


def normalise_width(text: str) -> str:
    """Full-width digits, letters and punctuation to their half-width forms."""
    return unicodedata.normalize("NFKC", text)


def unit_alias(text: str) -> str | None:
    """The canonical mass unit (g, kg, t) for a unit word, or None."""
    return _UNIT_ALIASES.get(normalise_width(text).strip().lower())


def parse_decimal(text: str | int | float | Decimal) -> Decimal:
    """A Decimal from user text, tolerant of full width and thousands separators."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    cleaned = normalise_width(str(text)).replace(",", "").replace(" ", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise QuantityError("not_a_number") from None
    if not value.is_finite():
        raise QuantityError("not_a_number")
    return value


def parse_mass(text: str | int | float | Decimal, default_unit: str = "kg") -> int:
    """Mass in integer grams from ``"1,234.5"``, ``"2 t"``, ``"500公斤"`` and the like.

    Rounds half-even to the gram; raises QuantityError on anything else.
    """
    unit = default_unit
    if isinstance(text, str):
        match = re.match(_NUM_WITH_UNIT, normalise_width(text))  # (re caches it)
        if not match:
            raise QuantityError("not_a_number")
        number, word = match.groups()
        if word:
            alias = unit_alias(word)
            if alias is None:
                raise QuantityError("unknown_unit")
            unit = alias
        text = number
    value = parse_decimal(text) * GRAMS_PER[unit]
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def grams_to_kg(grams: int) -> Decimal:
    """Grams as a Decimal number of kilograms with exactly 3 decimals."""
    return Decimal(grams).scaleb(-3).quantize(Decimal("0.001"))


def format_kg(grams: int | None, grouped: bool = False) -> str:
    """Kilograms with 3 decimals; ``grouped``: thousands separated, for
    reading (tables, summaries), never in a filing cell or an entry field."""
    if grams is None:
        return ""
    sign = "-" if grams < 0 else ""
    whole, frac = divmod(abs(grams), 1000)
    return f"{sign}{whole:,}.{frac:03d}" if grouped else f"{sign}{whole}.{frac:03d}"


def parse_money(text: str | int | float | Decimal) -> int:
    """Money in integer hundredths (fen, cents) of its currency."""
    value = parse_decimal(text) * 100
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def format_money(minor: int | None, grouped: bool = False) -> str:
    """Yuan (or another currency) with 2 decimals; ``grouped`` as for format_kg."""
    if minor is None:
        return ""
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 100)
    return f"{sign}{whole:,}.{frac:02d}" if grouped else f"{sign}{whole}.{frac:02d}"


def money_to_decimal(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2).quantize(Decimal("0.01"))


def parse_pct(text: str | int | float | Decimal) -> int:
    """A composition percentage in integer units of 0.0001 %."""
    if isinstance(text, str):
        text = text.replace("%", "").replace("％", "")
    value = parse_decimal(text) * PCT_SCALE
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def pct_to_decimal(units: int | None) -> Decimal | None:
    if units is None:
        return None
    return Decimal(units).scaleb(-4).normalize() if units else Decimal(0)


def format_pct(units: int | None) -> str:
    value = pct_to_decimal(units)
    return "" if value is None else f"{value:f}"
