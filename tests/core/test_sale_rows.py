"""Sales are checked as stored rows by one fast test; only rows that fail it are
explained by check_sale.  The two must agree, or a bad sale would pass unseen."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from magdesk.core import rules_records as R
from magdesk.core import rules_sales as S
from magdesk.resources import load_codelists
from tests.conftest import TODAY

from . import world as W

CTX = R.Context(load_codelists(), TODAY,
                counterparties={c.id: c for c in (W.SUPPLIER, W.CUSTOMER, W.FOREIGN)},
                products={p.id: p for p in (W.FLAKES, W.DYFE, W.N42, W.N40SH)},
                batches={b.id: b for b in (W.BATCH, W.BATCH_SH)})

CHANGES = {
    "doc_no": st.one_of(st.just(""), st.text(max_size=3), st.text(min_size=60, max_size=70)),
    "date": st.one_of(st.none(), st.dates(date(1995, 1, 1), date(2030, 1, 1)),
                      st.sampled_from([date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)])),
    "customer_id": st.integers(0, 4),
    "product_id": st.integers(0, 5),
    "batch_id": st.one_of(st.none(), st.integers(0, 3)),
    "qty_g": st.one_of(st.none(), st.integers(-2, 3), st.integers(10**6, 10**9)),
    "grade": st.one_of(st.just(""), st.text(max_size=40)),
    "qty_pcs": st.one_of(st.none(), st.integers(-1, 5), st.integers(10**5, 10**9)),
    "amount_fen": st.one_of(st.none(), st.integers(-2, 2)),
    "currency": st.sampled_from(["", "CNY", "USD", "XXX", "usd"]),
    "invoice_no": st.sampled_from(["", "12345678", "1234567", "25332000000123456781", "2533200000012345678X",
                                   "１２３４５６７８"]),
    "contract_no": st.one_of(st.just(""), st.text(max_size=100)),
    "is_export": st.booleans(),
    "end_use": st.sampled_from([None, "", "EV_MOTOR", "NOT_A_USE"]),
}


@st.composite
def sales(draw):
    base = draw(st.sampled_from([W.SALE, W.SALE_X]))
    chosen = draw(st.lists(st.sampled_from(sorted(CHANGES)), max_size=4, unique=True))
    return replace(base, **{name: draw(CHANGES[name]) for name in chosen})


@settings(max_examples=600)
@given(sales())
def test_row_test_agrees_with_check_sale(sale):
    if sale.date is None or sale.qty_g is None:  # NOT NULL columns: never stored
        return
    passes = S.sale_row_test(CTX)(S.sale_row(sale))
    assert passes == (R.check_sale(sale, CTX, None) == [])


def test_a_row_converts_back_to_its_record():
    for sale in (W.SALE, W.SALE_X):
        assert S.sale_from_row(S.sale_row(sale)) == sale


def test_a_date_no_magdesk_wrote_is_reported_not_raised():
    from magdesk.core import rules_cross as X

    row = list(S.sale_row(W.SALE))
    row[2] = "2026/03/12"
    checks = X.SaleChecks(CTX, [])
    found = S.check_sale_rows([tuple(row)], CTX, checks)
    assert [(f.code, f.record, f.field) for f in found] == [("date.invalid", "SO-1", "date")]
