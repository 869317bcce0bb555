"""Free text (names, addresses, notes): trimmed, runs of white space made one
space; names also in half-width letters, digits and brackets."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

NAME = "text"
NUMERIC = False
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def number_text(value: float | int) -> str:
    """A number as a spreadsheet shows it in a General cell (``12.0`` → ``12``)."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def clean(value) -> str:
    """Trimmed text with runs of white space (also full-width ones) made one space."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text).strip()


parse = lenient = clean


def normalise_name(value) -> str:
    """A counterparty or product name: half-width letters, digits and brackets
    (（）→ ()), trimmed, single spaces."""
    return clean(unicodedata.normalize("NFKC", clean(value)))


def name_key(text: str) -> str:
    """What two spellings of one name have in common: NFKC, no white space, case-folded."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def display(value, lang: str = "zh", grouped: bool = False, choices=None) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def filing(value) -> str:
    return str(value)


cell = filing


def read(value) -> str:
    """The canonical text of a text cell read back (a number there is wrong)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else f"?{value}"


def matches(value, expected: str) -> bool:
    return isinstance(value, str) and value == expected
