from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core.units import (
    QuantityError,
    format_kg,
    format_money,
    parse_mass,
    parse_money,
    parse_pct,
)


@pytest.mark.parametrize(
    "text, grams",
    [("1", 1000), ("1,234.5", 1_234_500), ("2 t", 2_000_000), ("2吨", 2_000_000),
     ("500公斤", 500_000), ("0.001", 1), ("１２３．４", 123_400), ("12 千克", 12_000),
     (Decimal("0.0005"), 0), (Decimal("0.0015"), 2)],
)
def test_parse_mass(text, grams):
    assert parse_mass(text) == grams


@pytest.mark.parametrize("text, reason", [("abc", "not_a_number"), ("12 lbs", "unknown_unit"),
                                          ("", "not_a_number"), ("NaN", "not_a_number")])
def test_parse_mass_rejects(text, reason):
    with pytest.raises(QuantityError) as info:
        parse_mass(text)
    assert info.value.args[0] == reason


@given(st.integers(-10**12, 10**12))
def test_mass_round_trip(grams):
    assert parse_mass(format_kg(grams)) == grams


@given(st.integers(0, 10**12))
def test_money_round_trip(minor):
    assert parse_money(format_money(minor)) == minor


def test_pct_units():
    assert parse_pct("1.5%") == 15_000
    assert parse_pct("０.０００１") == 1
