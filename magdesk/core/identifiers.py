"""Identifier checks: credit code, HS code, customs declaration number, grades,
invoice and lot numbers.  Each check returns a reason code (None when fine) so
that callers turn it into a Finding; nothing here raises on bad input."""

from __future__ import annotations

import re
from datetime import date

from .enums import Category
from .kinds._base import DASHES, normalise_width

# --- Unified Social Credit Code, GB 32100-2015 (DOMAIN.md §4.1) -------------

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# re.ASCII: \d must not match other scripts' digits (٣, ３), which the checks cannot weigh.
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\Z", re.ASCII)

# Every dash a keyboard, a word processor or a PDF puts where a hyphen was meant
# (kinds._base.DASHES):
_SPACES_AND_DASHES = re.compile(f"[\\s{re.escape(DASHES)}]")


def normalise_uscc(text: str) -> str:
    """Upper case, half width, no spaces or dashes (any of DASHES)."""
    return _SPACES_AND_DASHES.sub("", normalise_width(text)).upper()


def uscc_check_char(body17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def check_uscc(code: str) -> str | None:
    """``None`` if valid, ``"format"`` (an error) or ``"check_digit"`` (a warning)."""
    if not USCC_RE.match(code):
        return "format"
    if uscc_check_char(code[:17]) != code[17]:
        return "check_digit"
    return None


# --- HS code (§4.2) ----------------------------------------------------------

HS_RE = re.compile(r"^\d{10}\Z", re.ASCII)


def check_hs_format(code: str) -> str | None:
    return None if HS_RE.match(code) else "format"


# --- Customs declaration number (§4.3) ----------------------------------------

DECL_RE = re.compile(r"^\d{4}(19|20)\d{2}[01]\d{9}\Z", re.ASCII)


def check_declaration(number: str, *, export: bool, on: date | None = None) -> str | None:
    """``format``, ``direction`` (flag not 0 for an export / 1 for an import) or
    ``year`` (digits 5-8 differ from the declaration date's year, beyond a
    fortnight's tolerance around New Year)."""
    if not DECL_RE.match(number):
        return "format"
    if number[8] != ("0" if export else "1"):
        return "direction"
    if on is not None:
        year = int(number[4:8])
        if year != on.year:
            near_new_year = (year == on.year - 1 and on.month == 1 and on.day <= 15) or (
                year == on.year + 1 and on.month == 12 and on.day >= 17
            )
            if not near_new_year:
                return "year"
    return None


# --- Grades (§5.3) -------------------------------------------------------------

GRADE_PATTERNS = {
    Category.SINTERED_NDFEB: re.compile(r"^N(2[4-9]|[3-5]\d)(M|H|SH|UH|EH|AH|TH)?\Z", re.ASCII),
    Category.BONDED_NDFEB: re.compile(r"^BN[PI]-?\d{1,2}[A-Z]{0,2}\Z", re.ASCII),
    Category.SMCO: re.compile(r"^(YXG|YX|XGS|XG)-?\d{2}(H|M|L|LT|A|B|T)?\Z", re.ASCII),
}
# How each is written, as the reasons say it ("write it like N38SH").
GRADE_EXAMPLES = {
    Category.SINTERED_NDFEB: "N52, N38SH",
    Category.BONDED_NDFEB: "BNP-10",
    Category.SMCO: "YXG-28H",
}
# GB/T 13560 "S" designation, e.g. S280/159 style aliases are rare; accept the
# standard's character form "S…" for sintered magnets.
_SINTERED_S_ALIAS = re.compile(r"^S\d{2,3}(/\d{2,4})?[A-Z]{0,2}\Z", re.ASCII)
HEAVY_RE_SUFFIXES = ("SH", "UH", "EH", "AH", "TH")


def normalise_grade(text: str) -> str:
    return re.sub(r"\s", "", normalise_width(text)).upper()


def check_grade(category: str, grade: str) -> str | None:
    pattern = GRADE_PATTERNS.get(category)
    if pattern is None:
        return None
    if pattern.match(grade):
        return None
    if category == Category.SINTERED_NDFEB and _SINTERED_S_ALIAS.match(grade):
        return None
    return "format"


def grade_needs_heavy_re(grade: str) -> bool:
    """High-coercivity sintered grades normally contain Dy or Tb."""
    return grade.endswith(HEAVY_RE_SUFFIXES)


# --- Invoices, lots, documents ---------------------------------------------------

INVOICE_RE = re.compile(r"^(\d{20}|\d{8})\Z", re.ASCII)
LOT_RE = re.compile(r"^[A-Za-z0-9\-_/]{1,40}\Z")
DOC_RE = re.compile(r"^[^\s].{0,39}\Z")


def check_invoice(number: str) -> str | None:
    """20-digit 数电发票 number or a legacy 8-digit invoice number."""
    # str methods rather than INVOICE_RE: this runs once per sale.
    ok = len(number) in (8, 20) and number.isascii() and number.isdigit()
    return None if ok else "format"


def check_lot(lot: str) -> str | None:
    return None if LOT_RE.match(lot) else "format"
