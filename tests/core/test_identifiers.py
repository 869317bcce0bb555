from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core import identifiers as ids

CHARSET = ids.USCC_CHARSET


@pytest.mark.parametrize(
    "code, expected",
    [
        ("91310110666007217T", None),  # real, DOMAIN.md §4.1
        ("91310115591693856A", None),  # real
        ("91350211M00013FA1N", "check_digit"),  # real early-pilot code: warn only
        ("91310110666007217A", "check_digit"),
        ("9131011066600721", "format"),  # too short
        ("91310110666007217TT", "format"),  # too long
        ("91310110666OO7217T", "format"),  # letter O is not in the charset
        ("9I310110666007217T", "format"),  # I
        ("913101106660072S7T", "format"),  # S
        ("91A10110666007217T", "format"),  # division code must be digits
        ("", "format"),
    ],
)
def test_uscc_table(code, expected):
    assert ids.check_uscc(code) == expected


def test_uscc_normalisation_accepts_spaces_and_full_width():
    assert ids.normalise_uscc(" 9131 0110-666007217ｔ ") == "91310110666007217T"


bodies = st.builds(
    lambda head, division, org: head + division + org,
    st.text(alphabet=CHARSET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CHARSET, min_size=9, max_size=9),
)


@given(bodies)
def test_any_body_with_its_check_char_passes(body):
    assert ids.check_uscc(body + ids.uscc_check_char(body)) is None


@given(bodies, st.integers(0, 17), st.sampled_from(CHARSET))
def test_any_single_character_change_fails(body, pos, char):
    code = body + ids.uscc_check_char(body)
    changed = code[:pos] + char + code[pos + 1:]
    if changed == code:
        return
    assert ids.check_uscc(changed) is not None


@pytest.mark.parametrize(
    "number, export, on, expected",
    [
        ("310420260000012345", True, date(2026, 6, 3), None),
        ("310420261000012345", False, date(2026, 6, 3), None),
        ("310420261000012345", True, date(2026, 6, 3), "direction"),
        ("310420250000012345", True, date(2026, 6, 3), "year"),
        ("310420250000012345", True, date(2026, 1, 5), None),  # New Year tolerance
        ("31042026000001234", True, None, "format"),
        ("3104202600000123456", True, None, "format"),
        ("310418260000012345", True, None, "format"),  # year must start 19/20
        ("310420262000012345", True, None, "format"),  # flag must be 0/1
        ("1.23457E+17", True, None, "format"),
    ],
)
def test_declaration_numbers(number, export, on, expected):
    assert ids.check_declaration(number, export=export, on=on) == expected


@pytest.mark.parametrize(
    "category, grade, ok",
    [
        ("SINTERED_NDFEB", "N35", True), ("SINTERED_NDFEB", "N52", True),
        ("SINTERED_NDFEB", "N42SH", True), ("SINTERED_NDFEB", "N38UH", True),
        ("SINTERED_NDFEB", "N33EH", True), ("SINTERED_NDFEB", "N30AH", True),
        ("SINTERED_NDFEB", "N35TH", True),
        ("SINTERED_NDFEB", "N23", False), ("SINTERED_NDFEB", "N60", False),
        ("SINTERED_NDFEB", "N42XH", False), ("SINTERED_NDFEB", "42SH", False),
        ("BONDED_NDFEB", "BNP-8", True), ("BONDED_NDFEB", "BNI6", True),
        ("BONDED_NDFEB", "BNP-12L", True), ("BONDED_NDFEB", "BNX-8", False),
        ("SMCO", "YX20", True), ("SMCO", "YXG28H", True), ("SMCO", "XGS30H", True),
        ("SMCO", "YXG-32", True), ("SMCO", "N35", False), ("SMCO", "YXG28Q", False),
        ("RE_METAL", "anything", True),  # no grade rule for raw materials
    ],
)
def test_grades(category, grade, ok):
    assert (ids.check_grade(category, grade) is None) is ok


@pytest.mark.parametrize(
    "number, ok",
    [("25332000000123456789", True), ("12345678", True), ("1234567", False),
     ("2533200000012345678X", False), ("", False)],
)
def test_invoice_numbers(number, ok):
    assert (ids.check_invoice(number) is None) is ok


@pytest.mark.parametrize("code, ok", [("8505111000", True), ("850511100", False),
                                      ("85051110OO", False), ("8505.11.10", False)])
def test_hs_format(code, ok):
    assert (ids.check_hs_format(code) is None) is ok


def test_code_lists_are_complete(codes):
    assert codes.hs["8505111000"].kind == "magnet"
    assert codes.country("CN").name_zh == "中国"
    assert codes.country("DEU").alpha2 == "DE"
    assert codes.currencies["JPY"].minor_unit == 0
    assert len(codes.countries) >= 249 and len(codes.currencies) >= 150
