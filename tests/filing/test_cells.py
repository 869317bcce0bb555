"""The read-back's canonical texts, column by column, equal the per-cell ones."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.filing.cells import canonical_column, canonical_reader

KINDS = ["seq", "text", "date", "mass", "money", "integer", "enum", "bool"]
CELL = st.one_of(st.none(), st.just(""), st.text(max_size=8), st.booleans(),
                 st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
                 st.integers(-10**6, 10**6).map(float), st.dates(), st.datetimes())


def same_type(values):
    """Columns all of one type, as the fast paths take them."""
    return st.lists(values, min_size=1, max_size=20).map(tuple)


@pytest.mark.parametrize("kind", KINDS)
@given(cells=st.one_of(st.lists(CELL, min_size=1, max_size=20).map(tuple),
                       same_type(st.text(max_size=8)), same_type(st.floats(-1e12, 1e12)),
                       same_type(st.integers(-10**12, 10**12)), same_type(st.dates()),
                       same_type(st.integers(-10**6, 10**6).map(float))))
def test_canonical_column_is_canonical_reader_per_cell(kind, cells):
    read = canonical_reader(kind)
    assert outcome(lambda: list(canonical_column(kind, cells))) == \
        outcome(lambda: [read(v) for v in cells])


def outcome(fn):
    """The texts, or the error (a serial day far out of range) both ways."""
    try:
        return fn()
    except OverflowError as error:
        return type(error)


def test_a_wrong_type_is_marked():
    assert canonical_column("mass", (1.5, "x", None)) == ["1.500", "?x", ""]
    assert canonical_column("integer", (1.0, 2.5)) == ["1", "?2.5"]
    assert canonical_column("date", (date(2026, 1, 2), datetime(2026, 1, 3, 4))) == \
        ["2026-01-02", "2026-01-03"]
