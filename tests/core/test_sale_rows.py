"""Sales as stored rows, and their findings from a summary."""

from dataclasses import replace

from magdesk.core import rules_records as R
from magdesk.core import rules_sales as S
from magdesk.resources import load_codelists
from tests.conftest import TODAY

from . import world as W

CTX = R.Context(load_codelists(), TODAY,
                counterparties={c.id: c for c in (W.SUPPLIER, W.CUSTOMER, W.FOREIGN)},
                products={p.id: p for p in (W.FLAKES, W.DYFE, W.N42, W.N40SH)},
                batches={b.id: b for b in (W.BATCH, W.BATCH_SH)})

def test_a_row_converts_back_to_its_record():
    for sale in (W.SALE, W.SALE_X):
        assert S.sale_from_row(S.sale_row(sale)) == sale


def test_a_date_no_magdesk_wrote_is_reported_not_raised():
    row = list(S.sale_row(W.SALE))
    row[2] = "2026/03/12"
    summary = replace(S.summarise([]), suspects=[tuple(row)])
    found = S.check_sales(summary, CTX, [])
    assert [(f.code, f.record, f.field) for f in found] == [("date.invalid", "SO-1", "date")]
