"""Screening a name against restricted-party lists: the forms a name takes
(case, spacing, full-width letters, company suffixes, word order) are caught;
a name that only shares a word is not."""

from datetime import date

import pytest

from magdesk.core.screening import ListedParty, Rule, Screen, normalise, sorted_key

LISTED = [
    ListedParty(1, "Sakura Defence Systems Co., Ltd.", ("Sakura Boei", "桜防衛システム株式会社"), "JP",
                "军事最终用户", date(2026, 1, 6)),
    ListedParty(2, "Nordlicht Magnettechnik GmbH", (), "DE", "不可靠实体清单"),
    ListedParty(3, "北方精密机械有限公司", ("Beifang Precision Machinery",), "CN", "管控名单"),
]
SCREEN = Screen(LISTED, [Rule("JP", ("MILITARY",), date(2026, 1, 6), "商务部公告2026年第1号")])


@pytest.mark.parametrize("name", [
    "SAKURA DEFENCE SYSTEMS CO LTD", "sakura  defence systems", "Ｓａｋｕｒａ Ｄｅｆｅｎｃｅ Ｓｙｓｔｅｍｓ",
    "Sakura Defence Systems Limited", "Sakura Defence Systems Inc.", "Systems Sakura Defence K.K.",
    "sakura-defence-systems", "Sakura Boei Co., Ltd.", "桜防衛システム", "nordlicht magnettechnik",
    "Nordlicht-Magnettechnik G.m.b.H.", "北方精密机械", "北方精密机械股份有限公司",
    "beifang precision machinery co ltd",
])
def test_forms_of_a_listed_name_are_exact_hits(name):
    hits = SCREEN.check(name)
    assert hits and hits[0].exact, name


MORE = Screen([
    ListedParty(1, "Leonardo S.p.A.", (), "IT"),
    ListedParty(2, "ST Engineering Pte. Ltd.", (), "SG"),
    ListedParty(3, "Monterrey Defensa S.A. de C.V.", (), "MX"),
    ListedParty(4, "中航精工股份有限公司", (), "CN"),
    ListedParty(5, "Sakura Defence Systems Co., Ltd.", (), "JP"),
    ListedParty(6, "Pune Armaments Pvt. Ltd.", (), "IN"),
    ListedParty(7, "Sakura Boei Kabushiki Kaisha", (), "JP"),
])


@pytest.mark.parametrize("name", [
    "Leonardo S.p.A", "Leonardo SpA", "LEONARDO", "ST Engineering Private Limited",
    "ST Engineering Pte Ltd", "Monterrey Defensa", "Monterrey Defensa SA de CV",
    "（中航精工）股份有限公司", "中航精工(股份)有限公司", "Sakura Defence Systems 株式会社",
    "株式会社Sakura Defence Systems", "Pune Armaments Private Limited", "Pune Armaments",
    "株式会社 Sakura Boei", "Sakura Boei K. K.",
])
def test_company_forms_written_apart_or_abbreviated_are_exact_hits(name):
    hits = MORE.check(name)
    assert hits and hits[0].exact, name


@pytest.mark.parametrize(("listed", "name"), [
    ("北方精密机械有限公司", "北方精密機械有限公司"),  # traditional characters
    ("桜防衛システム株式会社", "櫻防衛システム"),  # the old form of 桜
    ("东方电气集团", "東方電氣集團有限公司"),
    ("日本防卫产业株式会社", "日本防衛産業株式会社"),  # Japanese shinjitai
])
def test_traditional_and_japanese_forms_of_characters_are_exact_hits(listed, name):
    hits = Screen([ListedParty(1, listed)]).check(name)
    assert hits and hits[0].exact, name


def test_characters_that_differ_are_not_folded_together():
    hits = Screen([ListedParty(1, "北方精密机械有限公司")]).check("北方精工機械有限公司")
    assert not any(h.exact for h in hits)


@pytest.mark.parametrize("name", [
    "Sakura Trading Co., Ltd.", "Defence Logistics Ltd", "Nordlicht Solar GmbH", "北方稀土有限公司",
    "Sakura Magnet Systems", "Precision Machinery Inc.",
])
def test_names_sharing_a_word_are_not_exact(name):
    assert not any(h.exact for h in SCREEN.check(name)), name


@pytest.mark.parametrize("name", ["Sakura Defense Systems", "Nordlicht Magnetechnik", "Sakura Defence System"])
def test_a_misspelt_name_is_a_close_hit_with_the_listed_name(name):
    hits = SCREEN.check(name)
    assert hits and not hits[0].exact and hits[0].score >= 88
    assert hits[0].party.id in (1, 2)


def test_unrelated_names_are_clear():
    for name in ("Hangzhou Motor Works", "宁波永磁科技有限公司", "", "Co., Ltd."):
        assert SCREEN.check(name) == [] or not SCREEN.check(name)[0].exact


def test_normalising():
    assert normalise("ＴＯＫＹＯ  Magnet Co., Ltd.") == "tokyomagnet"
    assert normalise("A & B Trading") == normalise("A and B Trading") == "abtrading"
    assert sorted_key("Magnet Tokyo") == sorted_key("Tokyo Magnet")
    assert normalise("深圳磁业有限公司") == "深圳磁业"


def test_an_end_use_rule_applies_from_its_day():
    assert SCREEN.forbidden("JP", "MILITARY", date(2026, 1, 6)) is not None
    assert SCREEN.forbidden("JP", "MILITARY", date(2026, 1, 5)) is None
    assert SCREEN.forbidden("JP", "EV_MOTOR", date(2026, 6, 1)) is None
    assert SCREEN.forbidden("DE", "MILITARY", date(2026, 6, 1)) is None
