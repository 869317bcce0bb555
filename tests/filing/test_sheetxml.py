"""Text written as SpreadsheetML inline strings comes back unchanged."""

from datetime import date
from xml.etree.ElementTree import fromstring

from hypothesis import given
from hypothesis import strategies as st

from magdesk.filing.readback import unescape_text
from magdesk.filing.sheetxml import SheetRows, escape_text
from magdesk.filing.template import Column

# XML 1.0 cannot hold surrogates; every other character must survive.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(TEXT)
def test_any_text_survives_escaping(text):
    parsed = fromstring(f"<t>{escape_text(text)}</t>").text or ""
    assert unescape_text(parsed) == text


ROW = (Column("序号", "seq", "seq"), Column("名称", "name", "text"),
       Column("日期", "day", "date"), Column("重量(kg)", "qty_g", "mass"),
       Column("金额", "fen", "money"), Column("备注", "note", "text"))
STYLES = [{"0": 1, "@": 2, "yyyy-mm-dd": 3, "0.000": 4, "#,##0.00": 5}[c.number_format]
          for c in ROW]


@given(TEXT, st.one_of(st.none(), TEXT), st.one_of(st.none(), st.integers(-10**12, 10**12)))
def test_a_row_holds_its_texts_and_numbers(name, note, grams):
    """Every text of a row, hostile or empty, comes back as one inline string;
    an empty cell is left out."""
    row = {"name": name, "day": date(2026, 10, 1), "qty_g": grams, "fen": 12345, "note": note}
    xml, texts, line = SheetRows(ROW, STYLES).render(7, 6, row)
    assert line == "\t".join(texts) and texts[1] == name and texts[5] == (note or "")
    cells = {c.get("r"): c for c in fromstring(xml)}
    assert fromstring(xml).get("r") == "7" and cells["A7"].findtext("v") == "6"
    assert cells["C7"].findtext("v") == "46296" and cells["C7"].get("s") == "3"
    assert cells["E7"].findtext("v") == "123.45"
    for ref, text in (("B7", name), ("F7", note)):
        if text:
            assert cells[ref].get("t") == "inlineStr"
            assert unescape_text(cells[ref].findtext("is/t")) == text
        else:
            assert ref not in cells
    if grams is None:
        assert "D7" not in cells and texts[3] == ""
    else:
        assert round(float(cells["D7"].findtext("v")) * 1000) == grams


def test_the_escapes_excel_uses():
    assert escape_text("A&B<C>") == "A&amp;B&lt;C&gt;"
    assert escape_text("a\x01b") == "a_x0001_b"
    assert escape_text("_x0041_") == "_x005F_x0041_"
    assert escape_text("普通文字_x") == "普通文字_x"
    spaced = {"name": " 前后空格 ", "day": None, "qty_g": None, "fen": None, "note": "x"}
    xml = SheetRows(ROW, STYLES).render(2, 1, spaced)[0]
    assert '<c r="B2" s="2" t="inlineStr"><is><t xml:space="preserve"> 前后空格 </t></is></c>' in xml
    assert '<c r="F2" s="2" t="inlineStr"><is><t>x</t></is></c>' in xml


def test_cell_texts_are_the_canonical_texts(demo_file):
    """The checksum is computed while writing from text_of's texts, and the
    amendment snapshots from cells.canonical: every column of every sheet of a
    demo month must give the same text both ways."""
    from magdesk.filing.cells import canonical
    from magdesk.filing.sheetxml import text_of
    from magdesk.filing.sources import source_rows
    from magdesk.filing.template import load_template
    from magdesk.storage import open_database
    from magdesk.storage.filing_store import FilingStore
    from tests.conftest import DEMO_END

    with open_database(demo_file) as db:
        store = FilingStore(db)
        seen = 0
        for sheet in load_template().sheets:
            cells = [(c, text_of(c)) for c in sheet.columns]
            for seq, row in enumerate(source_rows(store, sheet.source, DEMO_END), 1):
                for column, text in cells:
                    raw = row.get(column.field)
                    assert text(raw, seq) == canonical(column, raw, seq)
                    seen += 1
    assert seen > 1000


@given(st.lists(st.lists(st.text(max_size=30), min_size=3, max_size=3), min_size=1, max_size=30))
def test_column_widths_by_chunk_are_those_of_the_widest_cell(rows):
    from magdesk.filing.writer import _Widths

    by_chunk, by_cell = _Widths(["序号", "x", "名称名称"]), _Widths(["序号", "x", "名称名称"])
    by_chunk.see_rows(rows)
    for row in rows:
        for col, text in enumerate(row):
            by_cell.see(col, text)
    assert by_chunk.widths == by_cell.widths
