"""Each field kind parses what it displays, exactly, and says why it cannot."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magdesk.core import enums as E
from magdesk.core import kinds
from magdesk.core.fields import FIELDS
from magdesk.core.kinds import boolean, code, count, enum, mass, money, percent
from magdesk.core.kinds import date as day

BIG = 10**13  # grams or fen well beyond any real record, within LIMIT


@given(st.integers(-BIG, BIG), st.booleans())
def test_mass_text_and_grams_round_trip_exactly(grams, grouped):
    text = mass.display(grams, grouped=grouped)
    assert mass.parse(text) == grams
    assert mass.lenient()(text) == grams  # an import reads what a table shows
    assert mass.filing(grams) == mass.display(grams)  # 3 decimals, never grouped
    if abs(grams) < 10**12:  # a workbook's float holds 15 digits
        assert mass.matches(mass.cell(grams), grams)
        assert mass.read(mass.cell(grams)) == mass.filing(grams)


@given(st.integers(-BIG, BIG), st.booleans())
def test_money_text_and_fen_round_trip_exactly(fen, grouped):
    text = money.display(fen, grouped=grouped)
    assert money.parse(text) == fen
    assert money.lenient()(text) == fen
    assert money.filing(fen) == money.display(fen)


@given(st.integers(0, 100 * percent.SCALE))
def test_percent_round_trips(units):
    assert percent.parse(percent.display(units)) == units
    assert percent.parse(percent.display(units) + "%") == units


@given(st.integers(-BIG, BIG))
def test_grouped_counts_parse_back(pieces):
    assert count.parse(count.display(pieces, grouped=True)) == pieces


@given(st.dates(date(1900, 3, 1), date(2100, 12, 31)))
def test_dates_round_trip_in_every_written_form(d):
    for text in (day.display(d), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
                 f"{d:%Y%m%d}", f"{d.year}.{d.month}.{d.day}"):
        assert day.parse(text) == d, text
    serial = (d - day.EXCEL_EPOCH).days
    assert day.lenient(serial) == d and day.as_date(float(serial)) == d


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_booleans_and_every_enum_parse_back_from_their_labels(lang):
    for value in (True, False):
        assert boolean.parse(boolean.display(value, lang)) is value
    for spec in (s for specs in FIELDS.values() for s in specs if s.kind == "enum"):
        for member in spec.choices.__members__:
            shown = kinds.display(spec, member, lang)
            assert shown == spec.choices(member).label(lang)
            assert enum.parse(shown, spec.choices) == member


@pytest.mark.parametrize("text, grams", [("500公斤", 500_000), ("2 t", 2_000_000), ("1,234.5", 1_234_500),
                                         ("１２３４．５", 1_234_500), ("12 克", 12), ("0.0005", 0)])
def test_masses_as_clerks_write_them(text, grams):
    assert mass.parse(text) == grams


@pytest.mark.parametrize("kind, text, expected", [
    (mass, "12 lbs", "import.unknown_unit"), (mass, "abc", "field.not_a_number"),
    (money, "1.2.3", "field.not_a_number"), (day, "2025-13-01", "date.invalid"),
    (day, "2025-W01-1", "date.invalid"), (count, "1.5件", "import.not_integer"),
    (boolean, "maybe", "import.bool"), (code, 1.23456789012345e17, "import.mangled_id"),
])
def test_each_kind_says_why_in_a_catalogue_code(kind, text, expected):
    parse = kind.lenient() if kind in (mass, money) else kind.lenient  # (factories of a unit)
    with pytest.raises(kinds.KindError) as info:
        parse(text)
    assert info.value.code == expected and info.value.params["value"]


def test_every_field_spec_has_its_kind():
    for entity, specs in FIELDS.items():
        for spec in specs:
            module = kinds.of(spec)
            assert module.NAME == spec.kind or (spec.kind == "ref" and module is kinds.text), \
                (entity, spec.name)
    assert kinds.of("integer") is count and kinds.of("seq") is count


def test_an_enum_shows_a_code_it_does_not_know_as_it_is():
    assert enum.display("XX", "en", choices=E.Category) == "XX"
    assert enum.filing("XX", E.Category) == "XX"
