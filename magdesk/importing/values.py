"""Pure parsers for what real spreadsheets hold: Excel date serials and date
texts, numbers with thousands separators and full-width digits, units in the
header or the cell, names with full-width brackets, and identifiers that Excel
has already turned into (rounded) numbers.

Each parser takes a non-empty cell value (str, int, float, bool, date or
datetime, as python-calamine or the csv reader give them) and returns the
stored value, or raises :class:`CellError` whose ``code`` is a catalog code.
The parsers are the field kinds' (``core.kinds``); the headers' units are here.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..core.kinds import boolean, code, count, date, enum, mass, money, percent, text
from ..core.kinds._base import LIMIT, SHOWN, KindError, shown, to_decimal
from ..core.kinds.mass import unit_alias
from ..core.letters import column_letter

# Each parser below is its field kind's lenient parse (core.kinds): the form,
# the table and the workbook use the same kinds, so a value typed, shown,
# filed and imported back is the same value.
CellError = KindError  # ``code`` a catalog code, ``params`` with the value quoted back

clean_text = text.clean
normalise_name = text.normalise_name
name_key = text.name_key
code_text = code.lenient
compact_code = code.compact
upper_code = code.upper
control_code = code.control
parse_date = date.lenient
mass_parser = mass.lenient
money_parser = money.lenient
parse_int = count.lenient
parse_pct = percent.lenient
parse_bool = boolean.lenient
enum_parser = enum.parser
EXCEL_EPOCH = date.EXCEL_EPOCH
__all__ = ["CellError", "clean_text", "code_text", "column_letter", "compact_code",
           "control_code", "enum_parser", "header_key", "header_mass_unit",
           "header_money_factor", "mass_parser", "money_parser", "name_key", "normalise_name",
           "parse_bool", "parse_date", "parse_int", "parse_pct", "shown", "to_decimal", "LIMIT", "SHOWN",
           "unit_kind", "upper_code"]


# --- headers -------------------------------------------------------------------

_BRACKETS = re.compile(r"[(\[【<{]([^)\]】>}]*)[)\]】>}]")
_MARKS = re.compile(r"[*:：\s]")
_PIECE_UNITS = frozenset({"件", "个", "片", "只", "块", "pcs", "pc", "pieces"})
_MONEY_UNITS = {"元": Decimal(1), "人民币": Decimal(1), "rmb": Decimal(1), "cny": Decimal(1),
                "万元": Decimal(10_000), "元/kg": Decimal(1), "元/公斤": Decimal(1),
                "元/千克": Decimal(1), "元/t": Decimal("0.001"), "元/吨": Decimal("0.001")}


def header_key(text) -> tuple[str, str, str]:
    """``(whole, base, unit)`` of a header: NFKC, case-folded, without white
    space or ``*``; ``base`` drops bracketed parts; ``unit`` is the text of a
    bracket that names a unit (``重量（吨）`` gives ``("重量(吨)", "重量", "吨")``)."""
    whole = _MARKS.sub("", unicodedata.normalize("NFKC", clean_text(text))).casefold()
    base = _BRACKETS.sub("", whole)
    unit = ""
    for inner in _BRACKETS.findall(whole):
        if unit_alias(inner) or inner in _PIECE_UNITS or inner in _MONEY_UNITS or inner == "%":
            unit = inner
    return whole, base, unit


def header_mass_unit(unit: str, default: str = "kg") -> str:
    return unit_alias(unit) or default


def header_money_factor(unit: str) -> Decimal:
    return _MONEY_UNITS.get(unit, Decimal(1))


def unit_kind(unit: str) -> str:
    """"mass", "pieces", "money", "pct" or "" for a header unit."""
    if not unit:
        return ""
    if unit_alias(unit):
        return "mass"
    if unit in _PIECE_UNITS:
        return "pieces"
    if unit in _MONEY_UNITS:
        return "money"
    return "pct" if unit == "%" else ""
