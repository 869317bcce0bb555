"""Money: stored in integer hundredths (fen, cents) of its currency; typed,
shown and filed in units with 2 decimals (``1,234.50`` in a table)."""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal

from ._base import Scaled, normalise_width, to_decimal, whole

NAME = "money"
NUMERIC = True


def parse(text) -> int:
    """Integer hundredths from ``"1,234.5"``, ``"¥560"``, ``"560元"`` (full
    width allowed): what a form takes is what an import takes."""
    return _plain(text)


@functools.cache
def _marks() -> re.Pattern:
    # compiled on first use: no table or form needs it
    return re.compile(r"^(?:[¥$€£]|RMB|CNY|USD|EUR|US\$)\s*|\s*(?:万元|元|RMB|CNY|USD|EUR)$",
                      re.IGNORECASE)


def lenient(factor: Decimal = Decimal(1)):
    """The parser of a spreadsheet's money cells to integer hundredths, a
    currency sign or word around the number allowed; ``factor`` scales a
    header unit (万元 is 10,000; a price per tonne is 1/1000 of one per kg)."""
    hundred = Decimal(100) * factor
    plain = factor == 1

    def parse_cell(value) -> int:
        if type(value) is float and plain and math.isfinite(value):
            minor = value * 100
            near = round(minor) if -1e9 < minor < 1e9 else None
            if near is not None and abs(minor - near) < 1e-6:
                return near
        if isinstance(value, str):
            value = _marks().sub("", normalise_width(value).strip())
        return whole(to_decimal(value) * hundred, value)

    return parse_cell


_plain = lenient()


_UNITS = Scaled(2)


def display(minor: int | None, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    """Units with 2 decimals; ``grouped``: thousands separated, for reading."""
    return _UNITS.display(minor, grouped)


def to_decimal_units(minor: int) -> Decimal:
    """Hundredths as a Decimal number of units with exactly 2 decimals."""
    return _UNITS.to_decimal(minor)


# --- the filing workbook (FILING-SPEC: a number; its text with 2 decimals) ---

def filing(minor) -> str:
    return _UNITS.display(minor)


cell, read, matches = _UNITS.cell, _UNITS.read, _UNITS.matches
