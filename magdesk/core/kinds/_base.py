"""What every field kind shares: the error that carries a catalogue code, the
way a bad value is quoted back, and exact decimal arithmetic (never floats)."""

from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

SHOWN = 60  # characters of a bad value quoted back in a finding
LIMIT = 10**15  # no mass (grams), amount (fen) or count reaches this; SQLite's reach 9.2e18
# hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus,
# the small and full-width forms (NFKC leaves most of them as they are).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


class KindError(ValueError):
    """A text or a cell that is not a value of its kind.  ``code`` is a
    catalogue code (``field.not_a_number``, ``date.invalid`` …) and ``params``
    its parameters, the value quoted back among them."""

    def __init__(self, code: str, value: object = "", **params):
        super().__init__(code)
        self.code = code
        self.params = {"value": shown(value), **params}


class QuantityError(KindError):
    """A quantity that does not parse; ``args[0]`` is the short reason
    (``not_a_number``, ``unknown_unit``), ``code`` its catalogue code."""

    CODES = {"not_a_number": "field.not_a_number", "unknown_unit": "import.unknown_unit"}

    def __init__(self, reason: str, value: object = ""):
        super().__init__(self.CODES[reason], value)
        self.args = (reason,)


def shown(value: object) -> str:
    """A value as quoted back to the clerk: text, cut short if it is long."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def normalise_width(text: str) -> str:
    """Full-width digits, letters and punctuation to their half-width forms."""
    return unicodedata.normalize("NFKC", text)


def is_number(value) -> bool:
    """An int or a float, not a bool (which Python counts as an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def to_decimal(value) -> Decimal:
    """A Decimal from a number or a text with thousands separators, spaces and
    full-width digits; QuantityError("not_a_number") for anything else."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise QuantityError("not_a_number", value)
        return value
    if isinstance(value, bool):
        raise QuantityError("not_a_number", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QuantityError("not_a_number", value)
        return Decimal(repr(value))
    text = normalise_width(str(value)).replace(",", "").replace(" ", "").strip()
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        raise QuantityError("not_a_number", value) from None
    if not number.is_finite():
        raise QuantityError("not_a_number", value)
    return number


def whole(number: Decimal, original) -> int:
    """``number`` rounded half-even to an integer, refused beyond LIMIT."""
    try:
        result = int(number.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    except ArithmeticError:  # more digits than any amount has
        raise QuantityError("not_a_number", original) from None
    if abs(result) >= LIMIT:
        raise QuantityError("not_a_number", original)
    return result


class Scaled:
    """A value stored as an integer of ``places`` decimals (grams of a kg, fen
    of a yuan): how it reads, and how the filing workbook holds it (a number,
    its canonical text with exactly ``places`` decimals)."""

    def __init__(self, places: int):
        self.places, self.scale = places, 10 ** places
        self.quantum = Decimal(1).scaleb(-places)

    def display(self, minor: int | None, grouped: bool = False) -> str:
        """With ``places`` decimals; ``grouped``: thousands separated, for
        reading (tables, summaries), never in a filing cell or an entry field."""
        if minor is None or minor == "":
            return ""
        sign = "-" if minor < 0 else ""
        whole_part, frac = divmod(abs(minor), self.scale)
        number = f"{whole_part:,}" if grouped else f"{whole_part}"
        if not self.places:
            return f"{sign}{number}"
        return f"{sign}{number}.{frac:0{self.places}d}"

    def to_decimal(self, minor: int) -> Decimal:
        """As a Decimal with exactly ``places`` decimals."""
        return Decimal(minor).scaleb(-self.places).quantize(self.quantum)

    def cell(self, minor):
        """What a workbook cell holds: the number."""
        return minor / self.scale

    def read(self, value) -> str:
        """The canonical text of a cell read back."""
        if value is None or value == "":
            return ""
        return f"{value:.{self.places}f}" if is_number(value) else f"?{value}"

    def matches(self, value, minor) -> bool:
        """Whether a cell read back holds ``minor``."""
        return is_number(value) and round(value * self.scale) == minor
