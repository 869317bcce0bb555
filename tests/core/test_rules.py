"""Each rule, table-driven: the valid world has no findings; one change gives
exactly the expected finding at the expected place."""

from datetime import date

import pytest

from magdesk.core.control import ControlPolicy, ThresholdMode
from magdesk.core.validation import validate
from tests.conftest import TODAY

from . import world as W


def run(codes, ds, **kw):
    return validate(ds, codes, today=TODAY, **kw)


def test_valid_world_has_no_findings(codes):
    assert run(codes, W.dataset()) == []


CASES = [
    # (table, id, changes, code, entity, record, field)
    ("counterparties", 1, {"uscc": "91310110666007217A"}, "uscc.check_digit", "counterparty",
     W.SUPPLIER.name_cn, "uscc"),
    ("counterparties", 1, {"uscc": "9131011066600721"}, "uscc.format", "counterparty",
     W.SUPPLIER.name_cn, "uscc"),
    ("counterparties", 2, {"uscc": None}, "cp.uscc_required", "counterparty",
     W.CUSTOMER.name_cn, "uscc"),
    ("counterparties", 3, {"name_en": ""}, "cp.name_en_required", "counterparty",
     W.FOREIGN.name_cn, "name_en"),
    ("counterparties", 3, {"country": "CN"}, "cp.foreign_in_cn", "counterparty",
     W.FOREIGN.name_cn, "country"),
    ("counterparties", 2, {"country": "XX"}, "country.unknown", "counterparty",
     W.CUSTOMER.name_cn, "country"),
    ("counterparties", 2, {"name_cn": "宁"}, "field.too_short", "counterparty", "宁", "name_cn"),
    ("products", 3, {"hs_code": "85051110"}, "hs.format", "product", "MG-N42", "hs_code"),
    ("products", 3, {"hs_code": "8505111099"}, "hs.unknown", "product", "MG-N42", "hs_code"),
    ("products", 3, {"grade": "N99"}, "grade.format", "product", "MG-N42", "grade"),
    ("products", 3, {"grade": ""}, "grade.required", "product", "MG-N42", "grade"),
    ("products", 3, {"dy_pct": None}, "comp.required", "product", "MG-N42", "dy_pct"),
    ("products", 3, {"dy_pct": 400_000}, "comp.sum", "product", "MG-N42", "re_total_pct"),
    ("products", 3, {"category": "MAGNETS"}, "field.choice", "product", "MG-N42", "category"),
    ("purchases", 1, {"invoice_no": "123"}, "invoice.format", "purchase", "RK-1", "invoice_no"),
    ("purchases", 1, {"lot_no": "L 1"}, "lot.format", "purchase", "RK-1", "lot_no"),
    ("purchases", 1, {"origin": "IMPORT"}, "purchase.decl_required", "purchase", "RK-1",
     "import_decl_no"),
    ("purchases", 1, {"origin": "IMPORT", "import_decl_no": "310420260000012345"},
     "decl.direction", "purchase", "RK-1", "import_decl_no"),
    ("purchases", 1, {"date": date(2027, 1, 1)}, "date.future", "purchase", "RK-1", "date"),
    ("purchases", 1, {"qty_g": 5_000_000}, "lot.overdrawn", "purchase", "RK-1", "qty_g"),
    ("batches", 1, {"start_date": date(2026, 3, 1)}, "input.before_lot", "batch_input",
     "PB-1/L260302-1", "purchase_id"),
    ("batches", 1, {"output_g": 500_000}, "batch.yield", "batch", "PB-1", "output_g"),
    ("sales", 1, {"qty_g": 4_000_001}, "batch.oversold", "sale", "SO-1", "qty_g"),
    ("sales", 1, {"date": date(2026, 3, 9)}, "sale.before_batch", "sale", "SO-1", "date"),
    ("sales", 1, {"batch_id": 2}, "sale.batch_product", "sale", "SO-1", "batch_id"),
    ("sales", 1, {"invoice_no": ""}, "sale.invoice_missing", "sale", "SO-1", "invoice_no"),
    ("sales", 1, {"currency": "RMB"}, "currency.unknown", "sale", "SO-1", "currency"),
    ("sales", 1, {"customer_id": 1}, "ref.not_customer", "sale", "SO-1", "customer_id"),
    ("sales", 1, {"qty_g": 0}, "field.not_positive", "sale", "SO-1", "qty_g"),
    ("exports", 1, {"customs_decl_no": "310420261000012345"}, "decl.direction", "export",
     "310420261000012345/1", "customs_decl_no"),
    ("exports", 1, {"customs_decl_no": "310420240000012345"}, "decl.year", "export",
     "310420240000012345/1", "customs_decl_no"),
    ("exports", 1, {"customs_decl_no": "1.23457E+17"}, "decl.format", "export",
     "1.23457E+17/1", "customs_decl_no"),
    ("exports", 1, {"destination": "CN"}, "export.destination_cn", "export",
     "310420260000012345/1", "destination"),
    ("exports", 1, {"licence_id": None}, "export.licence_missing", "export",
     "310420260000012345/1", "licence_id"),
    ("exports", 1, {"controlled": False, "control_no": "", "licence_id": None},
     "export.control_missed", "export", "310420260000012345/1", "controlled"),
    ("exports", 1, {"decl_date": date(2026, 3, 16), "qty_g": 400_000, "line_no": 1},
     None, None, None, None),
    ("licences", 1, {"valid_to": date(2026, 3, 1)}, "licence.expired", "export",
     "310420260000012345/1", "licence_id"),
    ("licences", 1, {"qty_g": 400_000}, "licence.exceeded", "export",
     "310420260000012345/1", "qty_g"),
    ("licences", 1, {"consignee_ids": (2,)}, "licence.consignee", "export",
     "310420260000012345/1", "licence_id"),
]


@pytest.mark.parametrize("table, rid, changes, code, entity, record, field", CASES)
def test_one_change_one_finding(codes, table, rid, changes, code, entity, record, field):
    base = W.dataset()
    current = {
        "counterparties": base.counterparties.values(), "products": base.products.values(),
        "purchases": base.purchases.values(), "batches": base.batches.values(),
        "licences": base.licences.values(), "sales": list(base.sales()),
        "exports": base.exports,
    }[table]
    findings = run(codes, W.dataset(**{table: W.swap(list(current), rid, **changes)}))
    if code is None:
        assert [f for f in findings if f.is_error] == []
        return
    hits = [(f.code, f.entity, f.record, f.field) for f in findings]
    assert (code, entity, record, field) in hits, hits


def test_export_flag_without_declaration(codes):
    findings = run(codes, W.dataset(exports=[]))
    assert [(f.code, f.record) for f in findings] == [("sale.export_missing", "SO-2")]


def test_report_policy_lets_low_dy_ship_without_licence(codes):
    low = W.swap([W.N40SH], 4, dy_pct=800, test_report_no="TR-1")  # 0.08 %
    products = [W.FLAKES, W.DYFE, W.N42, *low]
    export = W.swap([W.EXPORT], 1, controlled=False, control_no="", licence_id=None)
    ds = W.dataset(products=products, exports=export)
    strict = run(codes, ds)
    assert "export.control_missed" in {f.code for f in strict}
    relaxed = run(codes, ds, policy=ControlPolicy(ThresholdMode.REPORT_0_1))
    assert [f for f in relaxed if f.is_error] == []


def test_accepted_warning_is_left_out(codes):
    cps = W.swap([W.SUPPLIER, W.CUSTOMER, W.FOREIGN], 1, uscc="91350211M00013FA1N")
    ds = W.dataset(counterparties=cps)
    assert [f.code for f in run(codes, ds)] == ["uscc.check_digit"]
    ds.accepted = {("counterparty", W.SUPPLIER.name_cn, "uscc.check_digit")}
    assert run(codes, ds) == []


def test_period_filter_keeps_undated_findings(codes):
    cps = W.swap([W.SUPPLIER, W.CUSTOMER, W.FOREIGN], 1, uscc="91310110666007217A")
    sales = W.swap([W.SALE, W.SALE_X], 1, invoice_no="")
    ds = W.dataset(counterparties=cps, sales=sales)
    assert {f.code for f in run(codes, ds, period="2026-04")} == {"uscc.check_digit"}
    assert {f.code for f in run(codes, ds, period="2026-03")} == {
        "uscc.check_digit", "sale.invoice_missing"}


def test_every_finding_renders_in_both_languages(codes):
    from magdesk.core.findings import finding
    from magdesk.core.messages import CATALOG

    for code in CATALOG:
        f = finding(code, "sale", "SO-1", "qty_g", value="x", name="n", batch="b")
        zh, en = f.message("zh"), f.message("en")
        assert "{" not in zh and "{" not in en, code
        assert zh != en


def test_a_field_of_a_record_drawn_on_is_named_by_its_label():
    """A batch's Dy% warning names 镝含量% (a product's field), not dy_pct."""
    from magdesk.core.fields import field_label

    assert field_label("batch", "dy_pct", "zh") == "镝含量%"
    assert field_label("batch", "tb_pct", "en") == "Tb %"
    assert field_label("batch", "no_such_field", "zh") == "no_such_field"
