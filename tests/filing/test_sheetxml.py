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
