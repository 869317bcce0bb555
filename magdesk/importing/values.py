"""Pure parsers for what real spreadsheets hold: Excel date serials and date
texts, numbers with thousands separators and full-width digits, units in the
header or the cell, names with full-width brackets, and identifiers that Excel
has already turned into (rounded) numbers.

Each parser takes a non-empty cell value (str, int, float, bool, date or
datetime, as python-calamine or the csv reader give them) and returns the
stored value, or raises :class:`CellError` whose ``code`` is a catalog code.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from ..core.identifiers import DASHES
from ..core.units import GRAMS_PER, PCT_SCALE, QuantityError, parse_mass, unit_alias

SHOWN = 60  # characters of a bad value quoted back in a finding


class CellError(ValueError):
    """A cell that cannot become a value; ``code`` is a catalog code."""

    def __init__(self, code: str, value: object = "", **params):
        super().__init__(code)
        self.code = code
        self.params = {"value": shown(value), **params}


def shown(value: object) -> str:
    """A value as quoted back to the user: text, cut short if it is long."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


# --- text ----------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _number_text(value: float | int) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def clean_text(value) -> str:
    """Trimmed text with runs of white space (also full-width ones) made one space."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text).strip()


def normalise_name(value) -> str:
    """A counterparty or product name: half-width letters, digits and brackets
    (（）→ ()), trimmed, single spaces."""
    return clean_text(unicodedata.normalize("NFKC", clean_text(value)))


def name_key(text: str) -> str:
    """What two spellings of one name have in common: NFKC, no white space, case-folded."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


# --- identifiers ---------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+\Z")
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number


def code_text(value) -> str:
    """An identifier as text.  A number that Excel rounded (16 or more digits)
    or shows in scientific notation (``1.23457E+17``) cannot be trusted: it is
    an error, never silently accepted."""
    if isinstance(value, bool):
        raise CellError("import.mangled_id", value)
    if type(value) is str and value.isascii() and value.isprintable() and "  " not in value \
            and value == value.strip() and not value.startswith("'"):
        # the common case, and NFKC leaves printable ASCII as it is
        if ("E" in value or "e" in value) and _SCIENTIFIC.match(value):
            raise CellError("import.mangled_id", value)
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("import.mangled_id", value)
        if abs(value) >= 10**EXCEL_DIGITS:
            raise CellError("import.mangled_id", _scientific(value))
        return _number_text(value)
    if isinstance(value, (date, datetime)):
        return clean_text(value)
    text = clean_text(unicodedata.normalize("NFKC", str(value)))
    if text.startswith("'"):  # Excel's "keep as text" mark, typed into a csv
        text = text[1:].strip()
    if _SCIENTIFIC.match(text):
        raise CellError("import.mangled_id", text)
    return text


def _scientific(value: float | int) -> str:
    """How Excel shows a long number in a General cell."""
    return f"{float(value):.5E}"


def compact_code(value) -> str:
    """An identifier without any inner spaces, dots or hyphens (HS codes written
    ``8505.11.1000``, declaration numbers in groups)."""
    if type(value) is str and value.isdigit() and value.isascii():
        return value
    return _COMPACT.sub("", code_text(value))


_COMPACT = re.compile(f"[\\s.{re.escape(DASHES)}]")  # any dash: see identifiers.DASHES


def upper_code(value) -> str:
    return re.sub(r"\s", "", code_text(value)).upper()


_CONTROL = re.compile(r"^(\d[A-Za-z]\d{3})(.*)\Z")


def control_code(value) -> str:
    """An export-control number as the lists write it: ``1C905.a.4`` (the
    category part upper case, the sub-items lower case)."""
    text = re.sub(r"\s", "", code_text(value))
    match = _CONTROL.match(text)
    return match.group(1).upper() + match.group(2).lower() if match else text


# --- dates ---------------------------------------------------------------------

EXCEL_EPOCH = date(1899, 12, 30)
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?\Z")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})\Z")
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.\d+)?\Z")


def parse_date(value) -> date:
    """A date from a date cell, an Excel serial, ``20250603`` or a text such as
    ``2025/6/3``, ``2025-06-03``, ``2025.6.3`` or ``2025年6月3日``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("date.invalid", value)
    if isinstance(value, (int, float)):
        return _from_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if match:
        return _ymd(value, *match.groups())
    if _SERIAL_TEXT.match(text):
        return _from_number(float(text))
    raise CellError("date.invalid", value)


def _from_number(number: float | int) -> date:
    if isinstance(number, float) and not math.isfinite(number):
        raise CellError("date.invalid", number)
    if number == int(number) and 19000101 <= number <= 21001231:
        digits = str(int(number))
        return _ymd(number, digits[:4], digits[4:6], digits[6:])
    if 1 <= number < 2958466:  # Excel's serials run to 9999-12-31
        return EXCEL_EPOCH + timedelta(days=int(number))
    raise CellError("date.invalid", number)


def _ymd(original, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise CellError("date.invalid", original) from None


# --- numbers -------------------------------------------------------------------

def to_decimal(value) -> Decimal:
    """A Decimal from a number cell or a text with separators and full-width digits."""
    if isinstance(value, bool):
        raise CellError("field.not_a_number", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("field.not_a_number", value)
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "").strip()
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        raise CellError("field.not_a_number", value) from None
    if not number.is_finite():
        raise CellError("field.not_a_number", value)
    return number


def mass_parser(default_unit: str = "kg"):
    """A parser of masses to integer grams; ``default_unit`` comes from the header."""
    per = Decimal(GRAMS_PER[default_unit])
    scale = GRAMS_PER[default_unit]

    def parse(value) -> int:
        if type(value) is float and math.isfinite(value):
            grams = value * scale
            whole = round(grams) if -1e9 < grams < 1e9 else None
            if whole is not None and abs(grams - whole) < 1e-6:
                return whole  # what the exact decimal arithmetic below gives too
            return _whole(Decimal(repr(value)) * per, value)
        try:
            if isinstance(value, (int, float, bool)):
                return _whole(to_decimal(value) * per, value)
            grams = parse_mass(str(value), default_unit)
        except QuantityError as exc:
            code = "import.unknown_unit" if exc.args[0] == "unknown_unit" else "field.not_a_number"
            raise CellError(code, value) from None
        except ArithmeticError:  # more digits than any quantity has
            raise CellError("field.not_a_number", value) from None
        if abs(grams) >= LIMIT:
            raise CellError("field.not_a_number", value)
        return grams

    return parse


_MONEY_MARKS = re.compile(r"^(?:[¥$€£]|RMB|CNY|USD|EUR|US\$)\s*|\s*(?:万元|元|RMB|CNY|USD|EUR)$",
                          re.IGNORECASE)


def money_parser(factor: Decimal = Decimal(1)):
    """A parser of money to integer hundredths; ``factor`` scales a header unit
    (万元 is 10,000; a price per tonne is 1/1000 of a price per kg)."""
    hundred = Decimal(100) * factor
    plain = factor == 1

    def parse(value) -> int:
        if type(value) is float and plain and math.isfinite(value):
            minor = value * 100
            whole = round(minor) if -1e9 < minor < 1e9 else None
            if whole is not None and abs(minor - whole) < 1e-6:
                return whole
        if isinstance(value, str):
            value = _MONEY_MARKS.sub("", unicodedata.normalize("NFKC", value).strip())
        return _whole(to_decimal(value) * hundred, value)

    return parse


_PIECES = re.compile(r"\s*(?:件|个|片|只|块|pcs|pc|pieces?)$", re.IGNORECASE)


def parse_int(value) -> int:
    """Whole numbers (pieces, line numbers): ``1,200``, ``1200件``, ``1200.0``."""
    if type(value) is float and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = _PIECES.sub("", unicodedata.normalize("NFKC", value).strip())
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellError("import.not_integer", value)
    if abs(number) >= LIMIT:
        raise CellError("field.not_a_number", value)
    return int(number)


def parse_pct(value) -> int:
    """A percentage in units of 0.0001 % (``0.5``, ``0.5%``, ``０．５％``)."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).replace("%", "").strip()
    return _whole(to_decimal(value) * PCT_SCALE, value)


LIMIT = 10**15  # no mass (grams), amount (fen) or count reaches this; SQLite's reach 9.2e18


def _whole(number: Decimal, original) -> int:
    try:
        whole = int(number.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    except ArithmeticError:  # more digits than any amount has
        raise CellError("field.not_a_number", original) from None
    if abs(whole) >= LIMIT:
        raise CellError("field.not_a_number", original)
    return whole


_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "对", "有"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "无", "不是"})


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("import.bool", value)


def enum_parser(choices, synonyms: dict[str, str] | None = None):
    """A parser of an enumeration: its code, its Chinese or English label, or a
    common synonym, tolerant of width, spaces and case."""
    table: dict[str, str] = {}
    for code, (zh, en) in choices.labels().items():
        for text in (code, zh, en):
            table[name_key(text)] = code
    for text, code in (synonyms or {}).items():
        table.setdefault(name_key(text), code)

    def parse(value) -> str:
        code = table.get(name_key(clean_text(value)))
        if code is None:
            raise CellError("field.choice", value)
        return code

    return parse


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


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
