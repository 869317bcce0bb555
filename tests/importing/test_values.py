from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core.enums import Category, Origin
from magdesk.importing import values as V


@pytest.mark.parametrize("cell, expected", [
    (date(2025, 6, 3), date(2025, 6, 3)),
    (datetime(2025, 6, 3, 14, 30), date(2025, 6, 3)),
    (45811.0, date(2025, 6, 3)),  # an Excel serial
    (45811.75, date(2025, 6, 3)),  # with a time of day
    ("45811", date(2025, 6, 3)),
    (20250603.0, date(2025, 6, 3)),
    ("20250603", date(2025, 6, 3)),
    ("2025/6/3", date(2025, 6, 3)),
    ("2025-06-03", date(2025, 6, 3)),
    ("2025.6.3", date(2025, 6, 3)),
    ("2025年6月3日", date(2025, 6, 3)),
    ("２０２５年６月３日", date(2025, 6, 3)),
    (" 2025-06-03 00:00:00 ", date(2025, 6, 3)),
    ("2025/06/03 8:05", date(2025, 6, 3)),
])
def test_dates_as_clerks_write_them(cell, expected):
    assert V.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["2025/13/1", "2025-02-30", "6/3/2025", "明天", "20251341",
                                  True, 0.0, float("nan"), "2025-06"])
def test_what_is_not_a_date(cell):
    with pytest.raises(V.CellError) as info:
        V.parse_date(cell)
    assert info.value.code == "date.invalid"


@pytest.mark.parametrize("cell, unit, grams", [
    (1.5, "kg", 1500), ("1,234.567", "kg", 1_234_567), ("１，２３４．５", "kg", 1_234_500),
    ("2 t", "kg", 2_000_000), ("500公斤", "kg", 500_000), ("3千克", "kg", 3000),
    ("1.2吨", "kg", 1_200_000), (1.2, "t", 1_200_000), ("800 g", "kg", 800),
    (0.0005, "kg", 0), (0.0015, "kg", 2),  # half to even, to the gram
    (1234.5678, "kg", 1_234_568),
])
def test_masses_to_grams(cell, unit, grams):
    assert V.mass_parser(unit)(cell) == grams


@pytest.mark.parametrize("cell, code", [("abc", "field.not_a_number"), ("12 盒", "import.unknown_unit"),
                                         ("", "field.not_a_number"), (True, "field.not_a_number"),
                                         ("1" * 500_000, "field.not_a_number")])
def test_bad_masses(cell, code):
    with pytest.raises(V.CellError) as info:
        V.mass_parser("kg")(cell)
    assert info.value.code == code
    assert len(info.value.params["value"]) <= V.SHOWN


@given(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False))
def test_a_float_cell_gives_what_its_decimal_text_gives(number):
    parse = V.mass_parser("kg")
    assert parse(float(number)) == parse(str(Decimal(repr(float(number)))))


@pytest.mark.parametrize("cell, factor, fen", [
    ("¥1,234.50", Decimal(1), 123_450), ("1,000元", Decimal(1), 100_000), (12.5, Decimal(1), 1250),
    ("2.5", Decimal(10_000), 2_500_000), ("USD 10", Decimal(1), 1000),
    ("560000", Decimal("0.001"), 56_000),  # 元/吨 as 元/kg
])
def test_money(cell, factor, fen):
    assert V.money_parser(factor)(cell) == fen


def test_identifiers_excel_turned_into_numbers_are_errors():
    for cell in (1.23456789012346e17, 310420260000012345.0, "1.23457E+17", "2.5E+19", "1e15"):
        with pytest.raises(V.CellError) as info:
            V.code_text(cell)
        assert info.value.code == "import.mangled_id"
    assert V.code_text(1.23456789012346e17 and 123456789012345.0) == "123456789012345"
    assert V.code_text(8505111000.0) == "8505111000"
    assert V.code_text(12345678.0) == "12345678"
    assert V.code_text("  ＳＯ－００１ ") == "SO-001"
    assert V.compact_code("8505.11.1000") == "8505111000"
    assert V.upper_code(" n42 sh") == "N42SH"


def test_names_are_trimmed_and_half_width():
    assert V.normalise_name("  宁波（东升）  电机\u3000有限公司 ") == "宁波(东升) 电机 有限公司"
    assert V.name_key("宁波（东升）电机有限公司") == V.name_key("宁波(东升) 电机有限公司")
    assert V.name_key("Kanto Motor CO., LTD.") == V.name_key("kanto motor co., ltd.")


def test_whole_numbers_booleans_percentages_enums():
    assert V.parse_int("1,200件") == 1200 and V.parse_int(40.0) == 40
    with pytest.raises(V.CellError):
        V.parse_int(1.5)
    assert [V.parse_bool(x) for x in ("是", "否", "Y", "no", 1.0, True, "√")] == [
        True, False, True, False, True, True, True]
    with pytest.raises(V.CellError):
        V.parse_bool("也许")
    assert V.parse_pct("0.5%") == 5000 and V.parse_pct("０．２５") == 2500
    category = V.enum_parser(Category, {"烧结磁体": "SINTERED_NDFEB"})
    assert category("烧结钕铁硼") == category("SINTERED_NDFEB") == category("烧结磁体") \
        == category("sintered ndfeb") == "SINTERED_NDFEB"
    assert category("钕铁硼合金（速凝片）") == "NDFEB_ALLOY"
    assert V.enum_parser(Origin)("进口") == "IMPORT"
    with pytest.raises(V.CellError) as info:
        category("磁铁")
    assert info.value.code == "field.choice"


def test_headers_units_and_letters():
    assert V.header_key("重量（吨）") == ("重量(吨)", "重量", "吨")
    assert V.header_key(" 出库 单号 *") == ("出库单号", "出库单号", "")
    assert V.header_key("国家(地区)") == ("国家(地区)", "国家", "")
    assert V.header_key("金额【万元】")[2] == "万元"
    assert V.unit_kind("kg") == "mass" and V.unit_kind("件") == "pieces"
    assert [V.column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_way_of_writing_a_date_reads_back(day):
    serial = float((day - V.EXCEL_EPOCH).days)
    for cell in (day, serial, f"{day:%Y}/{day.month}/{day.day}", day.isoformat(),
                 f"{day:%Y}年{day.month}月{day.day}日", f"{day:%Y%m%d}", float(f"{day:%Y%m%d}"),
                 f"{day:%Y.%m.%d}"):
        assert V.parse_date(cell) == day
