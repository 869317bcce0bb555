"""Every Unicode dash in a credit code is a hyphen; identifier patterns match
the whole value (a trailing newline is not part of a valid identifier)."""

import re
from datetime import date

import pytest

from magdesk.core import identifiers as ids
from magdesk.core.enums import Category
from magdesk.importing.values import compact_code

CODE = "91310110666007217T"
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58",
          "\ufe63", "\uff0d"]  # ‐ ‑ ‒ – — ― − ﹘ ﹣ －


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_in_a_credit_code_is_a_hyphen(dash):
    typed = f"9131{dash}0110{dash}666007217t"
    assert ids.normalise_uscc(typed) == CODE
    assert ids.check_uscc(ids.normalise_uscc(typed)) is None
    assert compact_code(f"8505{dash}11{dash}1000") == "8505111000"  # an HS code, imported


@pytest.mark.parametrize(("check", "value"), [
    (ids.check_uscc, CODE),
    (ids.check_hs_format, "8505111000"),
    (lambda v: ids.check_declaration(v, export=True, on=date(2026, 5, 1)), "222320260000000001"),
    (lambda v: ids.check_grade(Category.SINTERED_NDFEB, v), "N52H"),
    (lambda v: ids.check_grade(Category.SMCO, v), "YXG-28H"),
    (ids.check_lot, "LOT-2026/01"),
])
def test_a_trailing_newline_is_not_part_of_an_identifier(check, value):
    assert check(value) is None
    assert check(value + "\n") == "format"
    assert ids.INVOICE_RE.match("12345678") and not ids.INVOICE_RE.match("12345678\n")
    assert ids.DOC_RE.match("XS-001") and not ids.DOC_RE.match("XS-001\n")


def test_import_value_patterns_match_the_whole_value():
    from magdesk.core.kinds import code, date

    for pattern, good in ((re.compile(code._SCIENTIFIC), "1.23E+19"),
                          (date._DATE_DIGITS, "20260105"), (date._SERIAL_TEXT, "46000")):  # (a date may end in spaces)
        assert pattern.match(good) and not pattern.match(good + "\n"), pattern.pattern
