"""The read-back's canonical texts, column by column, equal the per-cell ones."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core import enums as E
from magdesk.filing.cells import canonical_column, canonical_reader
from magdesk.filing.template import Column

KINDS = ["seq", "text", "date", "mass", "money", "integer", "enum", "bool"]
# A column of each kind, with each unit a quantity may be written in, and a derived value
COLUMNS = {**{kind: Column(kind, kind, kind, E.Category if kind == "enum" else None)
              for kind in KINDS},
           "mass t": Column("t", "qty_g", "mass", unit="t"),
           "mass g": Column("g", "qty_g", "mass", unit="g"),
           "money 万元": Column("万元", "fen", "money", unit="万元"),
           "derived": Column("所属期", "", "text", derive="period", const="2026-11")}
CELL = st.one_of(st.none(), st.just(""), st.text(max_size=8), st.booleans(),
                 st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
                 st.integers(-10**6, 10**6).map(float), st.dates(), st.datetimes())


def same_type(values):
    """Columns all of one type, as the fast paths take them."""
    return st.lists(values, min_size=1, max_size=20).map(tuple)


@pytest.mark.parametrize("kind", list(COLUMNS))
@given(cells=st.one_of(st.lists(CELL, min_size=1, max_size=20).map(tuple),
                       same_type(st.text(max_size=8)), same_type(st.floats(-1e12, 1e12)),
                       same_type(st.integers(-10**12, 10**12)), same_type(st.dates()),
                       same_type(st.integers(-10**6, 10**6).map(float))))
def test_canonical_column_is_canonical_reader_per_cell(kind, cells):
    read = canonical_reader(COLUMNS[kind])
    assert outcome(lambda: list(canonical_column(COLUMNS[kind], cells))) == \
        outcome(lambda: [read(v) for v in cells])


def outcome(fn):
    """The texts, or the error (a serial day far out of range) both ways."""
    try:
        return fn()
    except OverflowError as error:
        return type(error)


def test_a_wrong_type_is_marked():
    assert canonical_column(COLUMNS["mass"], (1.5, "x", None)) == ["1.500", "?x", ""]
    assert canonical_column(COLUMNS["mass t"], (1.2005, 3)) == ["1.200500", "3.000000"]
    assert canonical_column(COLUMNS["mass g"], (1200500.0, None)) == ["1200500", ""]
    assert canonical_column(COLUMNS["integer"], (1.0, 2.5)) == ["1", "?2.5"]
    assert canonical_column(COLUMNS["date"], (date(2026, 1, 2), datetime(2026, 1, 3, 4))) == \
        ["2026-01-02", "2026-01-03"]
