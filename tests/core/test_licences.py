"""Licences of both kinds: a general licence for two named customers, lines
that draw on it in declaration order, each finding naming the licence; the
80 % and 30-day warnings; usage figures."""

from dataclasses import replace
from datetime import date, timedelta

from magdesk.core import licences as L
from magdesk.core import model as M
from magdesk.core.enums import EndUse
from magdesk.core.messages import render_text
from magdesk.core.validation import validate
from tests.conftest import TODAY

from . import world as W

SECOND = M.Counterparty(5, "慕尼黑驱动有限公司", "FOREIGN", "CUSTOMER", "DE", "München",
                        name_en="Munich Drives GmbH", end_use_default="INDUSTRIAL_MOTOR")
THIRD = M.Counterparty(6, "首尔磁业株式会社", "FOREIGN", "CUSTOMER", "KR", "Seoul",
                       name_en="Seoul Magnetics Co., Ltd.", end_use_default="EV_MOTOR")
GENERAL = M.Licence(2, "TY2026000001", "GENERAL", date(2026, 1, 1), date(2026, 12, 31),
                    1_000_000, control_no="1C905.a.4", consignee_ids=(3, 5),
                    end_uses=("EV_MOTOR", "INDUSTRIAL_MOTOR"))


def line(n, day, qty, consignee=3, end_user="Kanto Motor Co., Ltd.", end_use="EV_MOTOR",
         licence=2):
    return replace(W.EXPORT, id=n, customs_decl_no=f"3104{day.year}0{n:09d}", decl_date=day,
                   consignee_id=consignee, end_user=end_user, end_use=end_use, qty_g=qty,
                   licence_id=licence)


def run(codes, exports, licences=(GENERAL,), today=TODAY):
    ds = W.dataset(counterparties=[W.SUPPLIER, W.CUSTOMER, W.FOREIGN, SECOND, THIRD],
                   licences=[W.LICENCE, *licences], exports=exports)
    return validate(ds, codes, today=today)


def licence_findings(found):
    return sorted((f.code, f.record, f.params.get("licence")) for f in found
                  if f.code.startswith("licence.") or f.code == "export.licence_missing")


def test_a_general_licence_for_two_named_customers_permits_both(codes):
    exports = [line(1, date(2026, 3, 16), 100_000),
               line(2, date(2026, 3, 17), 100_000, consignee=5, end_user="MUNICH DRIVES gmbh",
                    end_use="INDUSTRIAL_MOTOR"),
               line(3, date(2026, 3, 18), 100_000, consignee=5, end_user="慕尼黑驱动")]
    assert licence_findings(run(codes, exports)) == []


def test_a_third_customer_a_line_past_the_quantity_and_one_after_expiry_name_the_licence(codes):
    exports = [line(1, date(2026, 3, 16), 700_000),
               line(2, date(2026, 4, 1), 100_000, consignee=6,
                    end_user="Seoul Magnetics Co., Ltd."),
               line(3, date(2026, 5, 1), 300_000),  # 1 100 kg of 1 000 kg
               line(4, date(2027, 1, 5), 1_000, consignee=5, end_user="Munich Drives GmbH"),
               line(5, date(2026, 6, 1), 1_000, end_use="MILITARY"),
               line(6, date(2026, 6, 2), 1_000, end_user="Osaka Trading K.K.")]
    found = run(codes, exports, today=date(2026, 6, 30))
    no = "TY2026000001"
    assert licence_findings(found) == sorted([
        ("licence.consignee", exports[1].key, no),
        ("licence.end_user", exports[1].key, no),  # nor the third customer as end user
        ("licence.nearly_used", exports[1].key, no),  # 800 of 1 000 kg
        ("licence.exceeded", exports[2].key, no),
        ("licence.end_use", exports[4].key, no),
        ("licence.end_user", exports[5].key, no),
        ("licence.expired", exports[3].key, no),
    ])
    said = {f.code: render_text(f, "en") for f in found}
    assert said["licence.expired"] == (
        "Licence TY2026000001 expired on 2026-12-31; the declaration is dated 2027-01-05")
    assert said["licence.exceeded"] == (
        "Licence TY2026000001: 1100.000 kg used exceeds the 1000.000 kg licensed")
    end_use = next(f for f in found if f.code == "licence.end_use")
    assert render_text(end_use, "zh") == \
        f"许可证TY2026000001未许可最终用途“{EndUse.MILITARY.label('zh')}”"
    assert render_text(end_use, "en") == \
        f"Licence TY2026000001 does not permit end use '{EndUse.MILITARY.label('en')}'"


def test_a_line_before_the_licence_is_valid_and_a_controlled_line_without_one(codes):
    exports = [line(1, date(2026, 3, 16), 1_000, licence=None),
               line(2, date(2026, 3, 17), 1_000)]
    late = replace(GENERAL, valid_from=date(2026, 4, 1))
    assert licence_findings(run(codes, exports, (late,))) == sorted([
        ("export.licence_missing", exports[0].key, None),
        ("licence.not_yet_valid", exports[1].key, "TY2026000001")])


def test_80_percent_warns_once_on_the_line_that_crosses_it(codes):
    exports = [line(1, date(2026, 3, 16), 500_000), line(2, date(2026, 3, 17), 299_999),
               line(3, date(2026, 3, 18), 1), line(4, date(2026, 3, 19), 100_000)]
    found = [f for f in run(codes, exports) if f.code == "licence.nearly_used"]
    assert [(f.record, f.params["used"], f.is_error) for f in found] == [
        (exports[2].key, "800.000", False)]


def test_a_licence_expiring_within_30_days_of_today_warns_while_it_has_quantity_or_none(codes):
    today = date(2026, 12, 1)  # 30 days before 2026-12-31
    exports = [line(1, date(2026, 3, 16), 400_000)]
    found = sorted((f for f in run(codes, exports, today=today) if f.code == "licence.expiring"),
                   key=lambda f: f.record, reverse=True)
    assert [(f.entity, f.record, f.params["days"], f.is_error) for f in found] == [
        ("licence", "TY2026000001", 30, False), ("licence", "LX2026000001", 30, False)]
    assert render_text(found[0], "zh") == \
        "许可证TY2026000001将于2026-12-31到期（还有30天），尚有可用数量"
    # a day earlier it is 31 days away: no warning
    assert not [f for f in run(codes, exports, today=today - timedelta(1))
                if f.code == "licence.expiring"]
    # used up: nothing left to lose; without a quantity: always
    used_up = [line(1, date(2026, 3, 16), 1_000_000)]
    found = run(codes, used_up, (replace(GENERAL, consignee_ids=(3,)),), today=today)
    assert [f.record for f in found if f.code == "licence.expiring"] == ["LX2026000001"]
    unlimited = replace(GENERAL, qty_g=None)
    found = run(codes, used_up, (unlimited,), today=today)
    assert sorted(f.record for f in found if f.code == "licence.expiring") == [
        "LX2026000001", "TY2026000001"]
    assert not [f for f in found if f.code in ("licence.exceeded", "licence.nearly_used")]


def test_the_licence_record_rules_of_both_kinds(codes):
    assert licence_findings(run(codes, [], (replace(GENERAL, qty_g=None),))) == []
    individual = replace(GENERAL, licence_type="INDIVIDUAL", qty_g=None, consignee_ids=(3,))
    assert licence_findings(run(codes, [], (individual,))) == [
        ("licence.qty_required", "TY2026000001", None)]
    long = replace(GENERAL, valid_to=date(2029, 1, 1))
    assert licence_findings(run(codes, [], (long,))) == [
        ("licence.general_term", "TY2026000001", None)]
    assert licence_findings(run(codes, [], (replace(long, valid_to=date(2028, 12, 31)),))) == []


def test_usage_figures_are_exact(codes):
    exports = [line(1, date(2026, 3, 16), 300_000),
               line(2, date(2026, 4, 1), 123_456, consignee=5, end_user="Munich Drives GmbH"),
               line(3, date(2026, 7, 1), 76_544),
               line(4, date(2026, 3, 20), 5_000, licence=1)]
    cps = {c.id: c for c in (W.FOREIGN, SECOND)}
    on = date(2026, 6, 30)
    usage = {u.licence.licence_no: u for u in L.usage([W.LICENCE, GENERAL], exports, cps, on)}
    general = usage["TY2026000001"]
    assert (general.drawn_g, general.left_g, general.pct_used, general.days_left,
            general.state) == (423_456, 576_544, 42.3, 184, L.State.VALID)
    assert general.lines == (
        (exports[0].key, date(2026, 3, 16), 300_000, W.FOREIGN.name_cn),
        (exports[1].key, date(2026, 4, 1), 123_456, SECOND.name_cn))
    assert general.lines[1].day == date(2026, 4, 1) and general.lines[1].qty_g == 123_456
    individual = usage["LX2026000001"]
    assert (individual.drawn_g, individual.left_g, individual.pct_used) == (5_000, 995_000, 0.5)
    later = {u.licence.licence_no: u for u in L.usage(
        [W.LICENCE, replace(GENERAL, qty_g=None)], exports, cps, date(2026, 12, 10))}
    assert (later["TY2026000001"].drawn_g, later["TY2026000001"].left_g,
            later["TY2026000001"].pct_used, later["TY2026000001"].state) == (
        500_000, None, None, L.State.EXPIRING)
    assert L.usage([GENERAL], exports[:3], cps, date(2027, 1, 1))[0].state == L.State.EXPIRED
    assert L.usage([GENERAL], exports[:3], cps, date(2025, 1, 1))[0].state == \
        L.State.NOT_YET_VALID
    near = L.usage([GENERAL], [line(1, date(2026, 3, 16), 800_000)], cps, on)[0]
    assert (near.state, near.pct_used) == (L.State.NEAR_LIMIT, 80.0)


def test_a_licence_without_a_last_day_runs_one_year():
    from magdesk.core.derive import complete

    done, derived = complete(replace(GENERAL, valid_to=None), lambda entity, rid: None)
    assert done.valid_to == date(2026, 12, 31)
    assert [(d.field, d.rule) for d in derived] == [("valid_to", "derive.licence_one_year")]
    leap = complete(replace(GENERAL, valid_from=date(2028, 2, 29), valid_to=None),
                    lambda entity, rid: None)[0]
    assert leap.valid_to == date(2029, 2, 28)
    assert complete(GENERAL, lambda entity, rid: None) == (GENERAL, [])
