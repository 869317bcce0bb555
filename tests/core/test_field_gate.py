"""The compiled all-fields-pass gate must agree with the loop that explains
what is wrong: a record passes the gate exactly when the loop finds nothing."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from magdesk.core import rules_records as R
from magdesk.core.fields import FIELDS
from tests.conftest import TODAY

from . import world as W

VALUES = {
    "text": st.one_of(st.none(), st.text(max_size=3), st.text(min_size=95, max_size=210)),
    "code": st.one_of(st.none(), st.just(""), st.text(max_size=60)),
    "enum": st.one_of(st.none(), st.just(""), st.sampled_from(["KG", "N42", "FOREIGN", "EV_MOTOR",
                                                               "SINTERED", "INDIVIDUAL", "x"])),
    "mass": st.one_of(st.none(), st.integers(-5, 5)),
    "int": st.one_of(st.none(), st.integers(-5, 5)),
    "money": st.one_of(st.none(), st.integers(-5, 5)),
    "pct": st.one_of(st.none(), st.integers(-1, 1_000_001)),
    "date": st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 1, 1))),
    "ref": st.one_of(st.none(), st.integers(1, 3)),
}
RECORDS = {"sale": W.SALE, "purchase": W.LOT, "export": W.EXPORT, "product": W.N42,
           "counterparty": W.CUSTOMER, "batch": W.BATCH, "licence": W.LICENCE}


@st.composite
def mutated(draw):
    entity = draw(st.sampled_from(sorted(RECORDS)))
    specs = [s for s in FIELDS[entity] if s.kind != "bool"]
    chosen = draw(st.lists(st.sampled_from(specs), max_size=3, unique_by=lambda s: s.name))
    changes = {s.name: draw(VALUES[s.kind]) for s in chosen}
    return entity, replace(RECORDS[entity], **changes)


@settings(max_examples=400)
@given(mutated())
def test_gate_agrees_with_the_loop(case):
    entity, record = case
    ctx = R.Context(codes=None, today=TODAY)
    passes = R._GATES[entity](record, TODAY, R.EARLIEST)
    assert passes == (R._field_findings(entity, record, "k", ctx, None) == [])
