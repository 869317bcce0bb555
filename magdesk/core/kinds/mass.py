"""Mass: stored in integer grams; typed, shown and filed in kilograms with 3
decimals (``1234.5``, ``2 t``, ``500公斤`` typed; ``1,234.500`` shown in a
table; ``1234.500`` in the filing's canonical text)."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, Decimal

from ._base import QuantityError, Scaled, normalise_width, to_decimal, whole

NAME = "mass"
NUMERIC = True
GRAMS_PER = {"g": 1, "kg": 1000, "t": 1_000_000}
_UNIT_ALIASES = {
    "g": "g", "克": "g",
    "kg": "kg", "公斤": "kg", "千克": "kg", "kgs": "kg",
    "t": "t", "吨": "t", "mt": "t", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t",
}
_NUM_WITH_UNIT = r"^\s*([-+]?[\d.,\s]+)\s*([A-Za-z\u4e00-\u9fff]*)\s*$"  # compiled on first use:
# its CJK range takes re 2 ms to compile, and showing a table needs none of it


def unit_alias(text: str) -> str | None:
    """The canonical mass unit (g, kg, t) for a unit word, or None."""
    return _UNIT_ALIASES.get(normalise_width(text).strip().lower())


def parse(text, default_unit: str = "kg") -> int:
    """Integer grams from ``"1,234.5"``, ``"2 t"``, ``"500公斤"`` and the like
    (a number without a unit is in ``default_unit``), rounded half-even to the
    gram; QuantityError on anything else."""
    unit = default_unit
    original = text
    if isinstance(text, str):
        match = re.match(_NUM_WITH_UNIT, normalise_width(text))  # (re caches it)
        if not match:
            raise QuantityError("not_a_number", original)
        number, word = match.groups()
        if word:
            alias = unit_alias(word)
            if alias is None:
                raise QuantityError("unknown_unit", original)
            unit = alias
        text = number
    value = to_decimal(text) * GRAMS_PER[unit]
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def lenient(default_unit: str = "kg"):
    """The parser of a spreadsheet's mass cells (numbers as calamine gives
    them, or texts as ``parse`` takes them) to integer grams, refused beyond
    the reach of any quantity; ``default_unit`` comes from the header."""
    per = Decimal(GRAMS_PER[default_unit])
    scale = GRAMS_PER[default_unit]

    def parse_cell(value) -> int:
        if type(value) is float and math.isfinite(value):
            grams = value * scale
            near = round(grams) if -1e9 < grams < 1e9 else None
            if near is not None and abs(grams - near) < 1e-6:
                return near  # what the exact decimal arithmetic below gives too
            return whole(Decimal(repr(value)) * per, value)
        if isinstance(value, (int, float, bool)):
            return whole(to_decimal(value) * per, value)
        try:
            grams = parse(str(value), default_unit)
        except ArithmeticError:  # more digits than any quantity has
            raise QuantityError("not_a_number", value) from None
        if abs(grams) >= 10**15:
            raise QuantityError("not_a_number", value)
        return grams

    return parse_cell


_KG = Scaled(3)


def display(grams: int | None, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    """Kilograms with 3 decimals; ``grouped``: thousands separated, for
    reading (tables, summaries), never in a filing cell or an entry field."""
    return _KG.display(grams, grouped)


def to_kg(grams: int) -> Decimal:
    """Grams as a Decimal number of kilograms with exactly 3 decimals."""
    return _KG.to_decimal(grams)


# --- the filing workbook (FILING-SPEC: a number of kg; its text with 3 decimals) ---

def filing(grams) -> str:
    """The canonical text of the data checksum and the amendment diff."""
    return _KG.display(grams)


cell, read, matches = _KG.cell, _KG.read, _KG.matches
