"""A whole number (pieces, line numbers): stored as an int; shown with
thousands separated in a table; typed or read as ``1,200``, ``1200件``,
``1200.0``."""

from __future__ import annotations

import functools
import re

from ._base import LIMIT, KindError, QuantityError, is_number, normalise_width, to_decimal

NAME = "int"
NUMERIC = True


@functools.cache
def _pieces() -> re.Pattern:
    # compiled on first use: its CJK words cost a table nothing
    return re.compile(r"\s*(?:件|个|片|只|块|pcs|pc|pieces?)$", re.IGNORECASE)


def parse(value) -> int:
    """An int; KindError("import.not_integer") for a fraction."""
    if type(value) is float and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = _pieces().sub("", normalise_width(value).strip())
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise KindError("import.not_integer", value)
    if abs(number) >= LIMIT:
        raise QuantityError("not_a_number", value)
    return int(number)


lenient = parse


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    if value is None or value == "":
        return ""
    if grouped and isinstance(value, int):
        return f"{value:,}"  # pieces, like the masses beside them
    return str(value)


# --- the filing workbook: a number cell; its text the integer ---

def filing(value) -> str:
    return str(int(value))


def cell(value):
    return value


def read(value) -> str:
    if value is None or value == "":
        return ""
    return str(int(value)) if is_number(value) and value == int(value) else f"?{value}"


def matches(value, expected) -> bool:
    return is_number(value) and value == expected
