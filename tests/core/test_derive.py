"""core.derive: what a record implies, completed the same for every door."""

from dataclasses import replace
from datetime import date

from magdesk.core import model as M
from magdesk.core.derive import amount_of, complete, suggestions
from magdesk.core.messages import render_derived
from magdesk.core.months import locked_months, months_of

from .world import BATCH, CUSTOMER, EXPORT, FOREIGN, LOT, N40SH, N42, SALE, SALE_X

RECORDS = {("counterparty", c.id): c for c in (CUSTOMER, FOREIGN)} | {
    ("product", N42.id): N42, ("product", N40SH.id): N40SH, ("batch", BATCH.id): BATCH, ("sale", SALE_X.id): SALE_X}


def lookup(entity, record_id):
    return RECORDS.get((entity, record_id))


def rules(derived):
    return [(d.field, d.value, d.rule) for d in derived]


def test_a_grade_is_written_in_its_canonical_case():
    product, derived = complete(replace(N42, grade=" n42sh "), lookup)
    assert product.grade == "N42SH"
    assert rules(derived) == [("grade", "N42SH", "derive.canonical")]
    assert complete(replace(N42, grade="Ｎ４２"), lookup)[0].grade == "N42"  # full width
    assert complete(N42, lookup) == (N42, [])  # nothing to do: the same record back


def test_a_sale_takes_its_grade_from_the_batch_else_the_product():
    sale, derived = complete(replace(SALE, grade=""), lookup)
    assert sale.grade == "N42" and rules(derived) == [("grade", "N42", "derive.grade_from_batch")]
    assert derived[0].params == {"source": "PB-1"}
    orphan = replace(SALE, grade="", batch_id=99)  # no such batch: the product's grade
    sale, derived = complete(orphan, lookup)
    assert sale.grade == "N42" and derived[0].rule == "derive.grade_from_product"
    assert complete(replace(SALE, grade="n40sh"), lookup)[0].grade == "N40SH"  # typed: kept


def test_a_sale_takes_the_customers_default_end_use():
    sale, derived = complete(replace(SALE_X, end_use=None), lookup)
    assert sale.end_use == "EV_MOTOR"
    assert rules(derived) == [("end_use", "EV_MOTOR", "derive.end_use_from_customer")]
    assert complete(replace(SALE_X, end_use="WIND"), lookup)[0].end_use == "WIND"
    domestic = complete(replace(SALE, end_use=None), lookup)[0]
    assert domestic.end_use is None  # the customer has no default


def test_a_purchase_amount_is_quantity_times_unit_price():
    lot = replace(LOT, qty_g=500_000, unit_price_fen=56_000, amount_fen=None)  # 500 kg × 560 元
    done, derived = complete(lot, lookup)
    assert done.amount_fen == 28_000_000 and rules(derived) == [
        ("amount_fen", 28_000_000, "derive.amount_from_price")]
    assert render_derived("purchase", derived[0], "zh") == "金额(元)按数量×单价计算：280000.00"
    assert render_derived("purchase", derived[0], "en") == \
        "Amount (CNY) computed as quantity × unit price: 280000.00"
    given = replace(lot, amount_fen=27_000_000)  # given and different: kept, validation warns
    assert complete(given, lookup) == (given, [])
    assert amount_of(1_234, 100) == 123  # 1.234 kg × 1 元: 1.234 元, to the fen


def test_an_export_line_takes_what_its_sale_and_consignee_imply():
    bare = replace(EXPORT, end_use="", hs_code="", destination="", end_user="")
    line, derived = complete(bare, lookup)
    assert (line.end_use, line.hs_code, line.destination, line.end_user) == (
        "EV_MOTOR", "8505111000", "JP", "Kanto Motor Co., Ltd.")
    assert {d.rule for d in derived} == {
        "derive.end_use_from_sale", "derive.hs_from_product",
        "derive.destination_from_consignee", "derive.end_user_from_consignee"}
    assert complete(replace(EXPORT, hs_code="8505.11.1000"), lookup)[0].hs_code == "8505111000"


def test_a_domestic_party_is_in_cn_and_suggestions_leave_out_mere_case():
    cp, derived = complete(replace(CUSTOMER, country=""), lookup)
    assert cp.country == "CN" and derived[0].rule == "derive.country_domestic"
    found = suggestions(replace(SALE, grade="", end_use=None, currency="cny"), lookup)
    assert set(found) == {"grade"}  # the currency's case is no suggestion; no default end use


def test_every_rule_reads_in_both_languages():
    from magdesk.text.derive import DERIVE

    for rule in set(DERIVE) - {"derive.rows"}:
        for lang in ("zh", "en"):
            text = render_derived("sale", _example(rule), lang)
            assert "{" not in text and "derive." not in text and text.strip()


def _example(rule):
    from magdesk.core.derive import Derived

    return Derived("grade", "N42", rule, {"source": "MG-N42", "value": "n42"})


def test_the_months_a_record_touches():
    assert months_of("sale", SALE) == ["2026-03"]
    assert months_of("export", EXPORT) == ["2026-03"]
    across = replace(BATCH, start_date=date(2026, 2, 27), end_date=date(2026, 3, 2))
    assert months_of("batch", across) == ["2026-02", "2026-03"]
    line = M.BatchInput(None, 1, 1, 10)
    assert months_of("batch_input", line, lambda i: across) == ["2026-02", "2026-03"]
    assert months_of("batch_input", line) == []  # no way to find its batch
    assert months_of("product", N42) == [] and months_of("licence", object()) == []
    assert locked_months("batch", across, {"2026-02"}) == ["2026-02"]
