"""Composition per product model: ranges (warn only) named by element, the
elements' sum against TRE, an exemption's reason, a model exported without a
test report."""

from dataclasses import replace

import pytest

from magdesk.core import composition as C
from magdesk.core.validation import validate
from tests.conftest import TODAY

from . import world as W


def codes_of(codes, ds):
    return sorted((f.code, f.record, f.field) for f in validate(ds, codes, today=TODAY))


def with_product(pid, **changes):
    products = [replace(p, **changes) if p.id == pid else p
                for p in W.dataset().products.values()]
    return W.dataset(products=products)


@pytest.mark.parametrize("changes, field", [
    ({"re_total_pct": 400_000}, "re_total_pct"),  # TRE 40 % for sintered NdFeB
    ({"dy_pct": 120_000, "re_total_pct": 330_000}, "dy_pct"),  # Dy 12 %
    ({"tb_pct": 40_000, "re_total_pct": 330_000}, "tb_pct"),  # Tb 4 %
])
def test_a_share_outside_its_range_is_a_warning_naming_the_element(codes, changes, field):
    found = [f for f in validate(with_product(4, **changes), codes, today=TODAY)
             if f.entity == "product"]  # (the batch's Dy/Tb out of what went in aside)
    assert [(f.code, f.field, f.severity.value) for f in found] == \
        [("comp.typical", field, "warning")]
    label = {"re_total_pct": "稀土总量", "dy_pct": "镝", "tb_pct": "铽"}[field]
    assert label in found[0].message("zh")


def test_smco_ranges_follow_the_grade():
    smco5 = replace(W.N42, category="SMCO", grade="YX20", sm_pct=300_000)
    smco17 = replace(W.N42, category="SMCO", grade="YXG28H", sm_pct=300_000)
    assert C.out_of_range(smco5) == [("sm_pct", 33, 37)]  # 30 % is low for SmCo5
    assert C.out_of_range(smco17) == [("sm_pct", 23, 28)]  # and high for Sm2Co17
    assert C.out_of_range(replace(smco5, sm_pct=345_000)) == []
    assert C.out_of_range(replace(smco17, sm_pct=250_000)) == []


def test_the_elements_may_not_sum_beyond_tre(codes):
    ds = with_product(4, nd_pct=230_000, pr_pct=70_000)  # 23 + 7 + Dy 2 = 32 > 31.5
    found = validate(ds, codes, today=TODAY)
    assert [(f.code, f.field) for f in found] == [("comp.sum", "re_total_pct")]
    assert "32" in found[0].message("zh") and "31.5" in found[0].message("en")
    # cobalt is not a rare earth: it does not count
    assert codes_of(codes, with_product(4, nd_pct=220_000, pr_pct=70_000, co_pct=500_000)) == []


def test_shares_are_read_in_declaration_order():
    p = replace(W.N40SH, nd_pct=220_000, pr_pct=73_000, gd_pct=3_300, co_pct=10_000)
    assert [(e.symbol, v) for e, v in C.shares(p)] == [
        ("Nd", 220_000), ("Pr", 73_000), ("Dy", 20_000), ("Tb", 0), ("Gd", 3_300),
        ("Co", 10_000)]
    assert C.rare_earth_sum(p) == 220_000 + 73_000 + 20_000 + 3_300


def test_an_exemption_needs_its_reason(codes):
    ds = with_product(4, exempt_kind="ROTOR_ASSEMBLY")
    assert ("comp.exempt_reason", "MG-N40SH", "exempt_reason") in codes_of(codes, ds)
    ds = with_product(4, exempt_kind="ROTOR_ASSEMBLY", exempt_reason="嵌入转子")
    assert all(c != "comp.exempt_reason" for c, *_ in codes_of(codes, ds))


def test_a_model_exported_without_a_test_report_is_a_finding_once_a_month(codes):
    ds = with_product(4, test_report_no="")
    found = [f for f in validate(ds, codes, today=TODAY) if f.code == "comp.report_none"]
    assert [(f.entity, f.record, f.period, f.severity.value) for f in found] == \
        [("product", "MG-N40SH", "2026-03", "warning")]
    assert "MG-N40SH" in found[0].message("zh")
    # a model not exported needs none
    assert codes_of(codes, with_product(3, test_report_no="")) == []
