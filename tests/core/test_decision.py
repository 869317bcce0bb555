"""The control decision explained, per product model: the control number and
why, in both languages, from the rules kept as data and the settings."""

from dataclasses import replace
from datetime import date

import pytest

from magdesk.core.control import ControlPolicy, ThresholdMode, decide

from . import world as W

DAY = date(2026, 12, 1)
ANY = ControlPolicy()

N = replace(W.N42, test_report_no="TR-1", re_total_pct=310_000)
MODELS = {  # Dy 0.00 %, 0.05 %, 0.18 %, 0.36 %, and SmCo
    "dy000": replace(N, code="MG-A", dy_pct=0),
    "dy005": replace(N, code="MG-B", dy_pct=500),
    "dy018": replace(N, code="MG-C", dy_pct=1800),
    "dy036": replace(N, code="MG-D", dy_pct=3600),
    "smco": replace(N, code="MG-S", category="SMCO", grade="YXG28H", sm_pct=250_000, dy_pct=0),
}


@pytest.mark.parametrize("model, policy, controlled, control_no, code, zh, en", [
    ("dy000", ANY, False, None, "control.below",
     "不属于管制物项：镝0%、铽0%，均不高于现行门槛0%",
     "Not a controlled item: Dy 0 %, Tb 0 %, none above the threshold in force of 0 %"),
    ("dy005", ANY, True, "1C905.a.4", "control.element",
     "属于管制物项1C905.a.4：含镝0.05%，高于现行门槛0%（商务部 海关总署公告2025年第18号，自2025-04-04起施行）",
     "Controlled item 1C905.a.4: Dy 0.05 %, above the threshold in force of 0 % "
     "(MOFCOM/GAC 2025 No. 18, in force since 2025-04-04)"),
    ("dy018", ANY, True, "1C905.a.4", "control.element", "含镝0.18%", "Dy 0.18 %"),
    ("dy036", ANY, True, "1C905.a.4", "control.element", "含镝0.36%", "Dy 0.36 %"),
    ("smco", ANY, True, "1C902.a.4", "control.category", "钐钴永磁材料，不论成分",
     "Samarium-cobalt permanent magnet materials, whatever the composition"),
    # a threshold of 0.1 %: 0.05 % ships free, 0.18 % and 0.36 % do not
    ("dy005", ControlPolicy(threshold_pct=1000), False, None, "control.below",
     "镝0.05%、铽0%，均不高于现行门槛0.1%", "Dy 0.05 %, Tb 0 %, none above the threshold in force of 0.1 %"),
    ("dy018", ControlPolicy(threshold_pct=1000), True, "1C905.a.4", "control.element",
     "高于现行门槛0.1%", "above the threshold in force of 0.1 %"),
    # the report rule: 0.05 % with a report ships free, 0.18 % does not
    ("dy005", ControlPolicy(ThresholdMode.REPORT_0_1), False, None, "control.report_0_1",
     "检测报告TR-1", "test report TR-1"),
    ("dy018", ControlPolicy(ThresholdMode.REPORT_0_1), True, "1C905.a.4", "control.element",
     "含镝0.18%", "Dy 0.18 %"),
])
def test_models_decide_with_their_reason(codes, model, policy, controlled, control_no, code,
                                         zh, en):
    d = decide(MODELS[model], DAY, codes.control_items, policy)
    assert (d.controlled, d.control_no, d.reason_code) == (controlled, control_no, code)
    assert zh in d.message("zh") and en in d.message("en")
    assert d.remark("zh") == (f"属于管制物项（{control_no}）" if controlled else "不属于管制物项")


def test_a_share_not_given_is_not_said_to_be_zero(codes):
    d = decide(replace(MODELS["dy000"], dy_pct=None), DAY, codes.control_items, ANY)
    assert (d.controlled, d.reason_code) == (False, "control.below")
    assert "镝未填写、铽0%" in d.message("zh") and "Dy not given, Tb 0 %" in d.message("en")


def test_the_report_rule_without_a_report_stays_controlled(codes):
    d = decide(replace(MODELS["dy005"], test_report_no=""), DAY, codes.control_items,
               ControlPolicy(ThresholdMode.REPORT_0_1))
    assert (d.controlled, d.control_no, d.reason_code, d.needs_report) == \
        (True, "1C905.a.4", "control.needs_report", True)
    assert "没有第三方成分检测报告" in d.message("zh")


def test_a_rotor_assembly_is_exempt_with_its_reason(codes):
    rotor = replace(MODELS["dy036"], exempt_kind="ROTOR_ASSEMBLY",
                    exempt_reason="磁体嵌入转子铁芯并整体灌封")
    d = decide(rotor, DAY, codes.control_items, ANY)
    assert (d.controlled, d.control_no, d.reason_code) == (False, None, "control.exempt")
    assert d.message("zh") == "不属于管制物项：深加工：转子组件（磁体嵌入转子铁芯并整体灌封）"
    assert d.message("en").startswith("Not a controlled item: Deep-processed: rotor assembly")


def test_the_ho_rule_is_kept_off_and_says_so_until_turned_on(codes):
    ho = replace(MODELS["dy000"], ho_pct=5000)
    d = decide(ho, DAY, codes.control_items, ANY)
    assert (d.controlled, d.reason_code) == (False, "control.rule_off")
    assert "含钬0.5%，但1C909.a.4（含钬的永磁材料）未启用" in d.message("zh")
    on = ControlPolicy(rules_on=frozenset({"1C909.a.4"}))
    assert decide(ho, DAY, codes.control_items, on).control_no == "1C909.a.4"
    # still suspended in 2026-10, turned on or not
    d = decide(ho, date(2026, 10, 1), codes.control_items, on)
    assert not d.controlled and "暂停实施至2026-11-10" in d.message("zh")


def test_the_no_61_de_minimis_rule_is_data_switched_off(codes):
    rule = next(i for i in codes.control_items if i.kind == "deminimis")
    assert not rule.enabled and rule.limit_pct == 1000 and "No. 61" in rule.basis
    low = MODELS["dy005"]
    assert decide(low, DAY, codes.control_items, ANY).controlled
    on = ControlPolicy(rules_on=frozenset({rule.number}))
    d = decide(low, DAY, codes.control_items, on)
    assert (d.controlled, d.reason_code) == (False, "control.deminimis")
    assert "镝+铽0.05%低于0.1%" in d.message("zh")
    assert decide(MODELS["dy018"], DAY, codes.control_items, on).controlled


def test_a_raw_material_is_not_listed(codes):
    d = decide(W.DYFE, DAY, codes.control_items, ANY)
    assert (d.controlled, d.reason_code) == (False, "control.not_listed")
    assert "稀土合金" in d.message("zh")


def test_smco_before_no_18_says_the_item_was_not_yet_in_force(codes):
    d = decide(MODELS["smco"], date(2025, 4, 3), codes.control_items, ANY)
    assert (d.controlled, d.reason_code) == (False, "control.rule_off_category")
    assert d.message("zh") == ("不属于管制物项：1C902.a.4（钐钴永磁材料）自2025-04-04起才施行"
                               "（商务部 海关总署公告2025年第18号）")
    assert "is in force only from 2025-04-04" in d.message("en")
