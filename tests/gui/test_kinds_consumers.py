"""A value typed in a form, shown in a table, written in the filing workbook
and imported back is the same value: each goes through its field kind (real
window on a demo file, the real template's columns, the import's parsers)."""

from datetime import date

from magdesk.core.fields import field_spec
from magdesk.filing import cells
from magdesk.filing.template import load_template
from magdesk.gui.display import show
from magdesk.importing import values as V
from magdesk.storage.repository import Repository

TYPED = {"date": "2026年5月3日", "qty_g": "0.5 t", "unit_price_fen": "¥560",
         "amount_fen": "280,000元"}
STORED = {"date": date(2026, 5, 3), "qty_g": 500_000, "unit_price_fen": 56_000,
          "amount_fen": 28_000_000}
IMPORTED = {"date": V.parse_date, "qty_g": V.mass_parser("kg"), "unit_price_fen": V.money_parser(),
            "amount_fen": V.money_parser()}


def test_the_form_takes_what_an_import_takes(window):
    form = window.open_record("purchase", None)
    for name, text in TYPED.items():
        form.widgets[name].setText(text)
    values, problems = form.values()
    assert not problems
    assert {name: values[name] for name in TYPED} == STORED
    assert {name: IMPORTED[name](text) for name, text in TYPED.items()} == STORED
    form.widgets["qty_g"].setText("12 lbs")  # the import's reason, in the form too
    assert [f.code for f in form.values()[1]] == ["import.unknown_unit"]
    form.close()


def test_a_stored_record_shown_filed_and_read_back_is_the_same(window):
    repo = Repository(window.db)
    purchase = repo.get("purchase", window.db.conn.execute(
        "SELECT id FROM purchase_in WHERE amount_fen IS NOT NULL ORDER BY qty_g DESC").fetchone()[0])
    assert purchase.qty_g >= 1_000_000  # shown with a thousands separator
    form = window.open_record("purchase", purchase.id)
    columns = {c.field: c for s in load_template().sheets for c in s.columns}
    for name in ("qty_g", "amount_fen", "date"):
        value = getattr(purchase, name)
        kind = field_spec("purchase", name).kind
        table = show("purchase", name, kind, value, "zh")  # grouped: 1,234.500
        form.widgets[name].setText(table)  # what the table shows, typed back into the form
        assert form.values()[0][name] == value, name
        assert IMPORTED[name](table) == value  # …and into an import
        column = columns[name]  # the workbook's cell, read back as the import reads it
        cell = cells.cell_value(column, value, 1)
        assert IMPORTED[name](cell) == value and cells.matches(column, cell, value, 1)
        assert cells.canonical(column, value, 1) == table.replace(",", "")
    form.close()
