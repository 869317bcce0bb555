from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core.balance import check_balance, monthly_balance
from magdesk.core.control import ControlPolicy, ThresholdMode, classify

from . import world as W

ANY = ControlPolicy()
DAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    "changes, on, expected",
    [
        ({}, DAY, None),  # N42 without heavy rare earths
        ({"dy_pct": 1}, DAY, "1C905.a.4"),  # any Dy at all
        ({"tb_pct": 5000}, DAY, "1C904.a.4"),
        ({"dy_pct": 20000, "tb_pct": 5000}, DAY, "1C904.a.4"),  # Tb is checked first
        ({"category": "SMCO", "grade": "YXG28H", "sm_pct": 250000}, DAY, "1C902.a.4"),
        ({"category": "BONDED_NDFEB", "dy_pct": 100}, DAY, "1C905.a.4"),
        ({"ho_pct": 5000}, date(2026, 11, 9), None),  # No. 57 suspended until 2026-11-10
        ({"ho_pct": 5000}, date(2026, 11, 10), None),  # ... and off as data after (No. 57 unknown)
        ({"ho_pct": 5000}, date(2025, 11, 6), None),  # before No. 57 took effect
        ({"dy_pct": 1}, date(2025, 4, 3), None),  # before No. 18
        ({"category": "RE_METAL"}, DAY, None),
    ],
)
def test_classification(codes, changes, on, expected):
    product = replace(W.N42, **changes)
    assert classify(product, on, codes.control_items, ANY).control_no == expected


def test_threshold_setting(codes):
    product = replace(W.N42, dy_pct=500)  # 0.05 %
    policy = ControlPolicy(ThresholdMode.ANY, threshold_pct=1000)  # above 0.1 %
    assert not classify(product, DAY, codes.control_items, policy).controlled


def test_report_policy_needs_the_report(codes):
    policy = ControlPolicy(ThresholdMode.REPORT_0_1)
    low = replace(W.N42, dy_pct=500)
    result = classify(low, DAY, codes.control_items, policy)
    assert result.controlled and result.needs_report
    assert not classify(replace(low, test_report_no="TR-9"), DAY, codes.control_items,
                        policy).controlled
    high = replace(W.N42, dy_pct=1500, test_report_no="TR-9")
    assert classify(high, DAY, codes.control_items, policy).controlled


def test_balance_rolls_months_and_fills_gaps():
    rows = monthly_balance([
        (1, "2026-01", "in_purchase", 1000),
        (1, "2026-01", "out_consumption", 300),
        (1, "2026-03", "out_sales", 200),
    ], last_period="2026-04")
    assert [(r.period, r.opening_g, r.closing_g) for r in rows] == [
        ("2026-01", 0, 700), ("2026-02", 700, 700), ("2026-03", 700, 500),
        ("2026-04", 500, 500)]
    assert check_balance(rows, {1: "RM"}) == []


def test_negative_stock_is_reported_once_where_it_starts():
    rows = monthly_balance([(1, "2026-01", "in_purchase", 100),
                            (1, "2026-02", "out_sales", 200)], last_period="2026-04")
    findings = check_balance(rows, {1: "MG-1"})
    assert [(f.code, f.record, f.period) for f in findings] == [
        ("balance.negative", "MG-1", "2026-02")]


def test_broken_identity_is_reported():
    row = monthly_balance([(1, "2026-01", "in_purchase", 100)])[0]
    assert [f.code for f in check_balance([replace(row, closing_g=99)], {})] == [
        "balance.identity"]


KINDS = ["in_purchase", "in_production", "in_return", "out_sales", "out_export",
         "out_consumption", "out_loss", "opening_adj"]


@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 12), st.sampled_from(KINDS),
                          st.integers(0, 10**9)), max_size=60))
def test_balance_identity_holds_to_the_gram(moves):
    movements = [(p, f"2026-{m:02d}", k, g) for p, m, k, g in moves]
    rows = monthly_balance(movements)
    assert not [f for f in check_balance(rows, {}) if f.code != "balance.negative"]
    for pid in {p for p, *_ in movements}:
        signed = sum(g if k.startswith(("in_", "opening")) else -g
                     for p, _m, k, g in movements if p == pid)
        last = [r for r in rows if r.product_id == pid][-1]
        assert last.closing_g == signed


def test_classification_changes_only_at_the_boundaries(codes):
    """Validation classifies once per product and window between boundaries."""
    from bisect import bisect_right
    from datetime import timedelta

    from magdesk.core.control import boundaries

    bounds = boundaries(codes.control_items)
    assert len(bounds) >= 2
    products = [W.N42, W.N40SH, W.DYFE, W.FLAKES, replace(W.N40SH, tb_pct=5_000, dy_pct=0)]
    for policy in (ControlPolicy(), ControlPolicy(ThresholdMode.REPORT_0_1)):
        for product in products:
            seen = {}
            day = min(bounds) - timedelta(days=40)
            while day <= max(bounds) + timedelta(days=40):
                key = bisect_right(bounds, day)
                result = classify(product, day, codes.control_items, policy)
                assert seen.setdefault(key, result) == result, (product.code, day)
                day += timedelta(days=1)
