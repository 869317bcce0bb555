"""Exact quantities: mass in integer grams, money in integer hundredths,
composition in integer ten-thousandths of a percent.  Never binary floats.

The names the rules and messages have long used; each is its field kind's
(``core.kinds``), which forms, tables, reports, filing cells and imports call."""

from __future__ import annotations

from decimal import Decimal

from .kinds import mass, money, percent
from .kinds._base import QuantityError, normalise_width, to_decimal

__all__ = ["GRAMS_PER", "PCT_SCALE", "QuantityError", "format_kg", "format_money", "format_pct",
           "grams_to_kg", "money_to_decimal", "normalise_width", "parse_decimal", "parse_mass",
           "parse_money", "parse_pct", "pct_to_decimal", "unit_alias"]

GRAMS_PER = mass.GRAMS_PER
PCT_SCALE = percent.SCALE  # 1 stored unit = 0.0001 %
unit_alias = mass.unit_alias
parse_mass = mass.parse
grams_to_kg = mass.to_kg
parse_money = money.parse
money_to_decimal = money.to_decimal_units
parse_pct = percent.parse
pct_to_decimal = percent.to_decimal_pct


def parse_decimal(text: str | int | float | Decimal) -> Decimal:
    """A Decimal from user text, tolerant of full width and thousands separators."""
    return to_decimal(text)


def format_kg(grams: int | None, grouped: bool = False) -> str:
    """Kilograms with 3 decimals; ``grouped``: thousands separated, for
    reading (tables, summaries), never in a filing cell or an entry field."""
    return mass.display(grams, grouped=grouped)


def format_money(minor: int | None, grouped: bool = False) -> str:
    """Units with 2 decimals; ``grouped`` as for format_kg."""
    return money.display(minor, grouped=grouped)


def format_pct(units: int | None) -> str:
    return percent.display(units)
