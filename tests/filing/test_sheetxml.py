"""Text written as SpreadsheetML inline strings comes back unchanged."""

from xml.etree.ElementTree import fromstring

from hypothesis import given
from hypothesis import strategies as st

from magdesk.filing.readback import unescape_text
from magdesk.filing.sheetxml import escape_text, string_cell

# XML 1.0 cannot hold surrogates; every other character must survive.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(TEXT)
def test_any_text_survives_escaping(text):
    parsed = fromstring(f"<t>{escape_text(text)}</t>").text or ""
    assert unescape_text(parsed) == text


@given(TEXT)
def test_a_cell_is_one_inline_string(text):
    cell = fromstring(string_cell("B7", 3, text))
    assert (cell.get("r"), cell.get("s"), cell.get("t")) == ("B7", "3", "inlineStr")
    (inline,) = cell
    (t,) = inline
    assert unescape_text(t.text or "") == text


def test_the_escapes_excel_uses():
    assert escape_text("A&B<C>") == "A&amp;B&lt;C&gt;"
    assert escape_text("a\x01b") == "a_x0001_b"
    assert escape_text("_x0041_") == "_x005F_x0041_"
    assert escape_text("普通文字_x") == "普通文字_x"
    assert 'xml:space="preserve"' in string_cell("A1", 0, " 前后空格 ")


def test_cell_texts_are_the_canonical_texts(demo_file):
    """The checksum is computed while writing from column_cell's texts, and the
    amendment snapshots from cells.canonical: every column of every sheet of a
    demo month must give the same text both ways."""
    from magdesk.filing.cells import canonical
    from magdesk.filing.sheetxml import column_cell
    from magdesk.filing.sources import source_rows
    from magdesk.filing.template import load_template
    from magdesk.storage import open_database
    from magdesk.storage.filing_store import FilingStore
    from tests.conftest import DEMO_END

    with open_database(demo_file) as db:
        store = FilingStore(db)
        seen = 0
        for sheet in load_template().sheets:
            cells = [(c, column_cell(c, "A", 1)) for c in sheet.columns]
            for seq, row in enumerate(source_rows(store, sheet.source, DEMO_END), 1):
                for column, render in cells:
                    raw = row.get(column.field)
                    assert render(seq + 1, raw, seq)[1] == canonical(column, raw, seq)
                    seen += 1
    assert seen > 1000
