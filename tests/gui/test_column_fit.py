"""A section's columns fit the rows that arrive in a table that was empty."""


from magdesk.gui.form import AcceptWarnings
from tests.gui.test_main_window import type_text

USCC = "91350211M00013FA1N"



def test_columns_fit_the_first_rows_of_a_new_file(qtbot, tmp_path, window, monkeypatch):
    from magdesk import usecases
    from magdesk.core.model import Company
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    from .conftest import wait_for_tasks

    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, p, w, lang: "核对过的代码"))
    path = tmp_path / "new.sqlite"
    assert usecases.create_database(
        path, Company("赣州新材磁业有限公司", "91360700MA35ABCD1Q", "赣州市章贡区")) == []
    with open_database(path) as db:
        fresh = MainWindow(db, window.settings)
        qtbot.addWidget(fresh)
        fresh.show()
        fresh.select_section(1)
        section = fresh.current_section()
        table = section.table
        assert section.model.rowCount() == 0
        qtbot.waitUntil(lambda: fresh.status_state.text() != "", timeout=10000)
        assert fresh.status_state.text() == "已保存"  # no "当前月份 — ·" before a first month
        column = [c.name for c in section.model.view.columns].index("uscc")
        before = table.columnWidth(column)
        form = fresh.open_record("counterparty", None)
        qtbot.addWidget(form)
        type_text(qtbot, form.widgets["name_cn"], "厦门市试点磁材有限公司")
        type_text(qtbot, form.widgets["address"], "厦门市")
        type_text(qtbot, form.widgets["uscc"], USCC)
        form.save()
        assert section.model.rowCount() == 1, form.status.text()
        row = [section.model.cell_text(0, c) for c in range(section.model.columnCount())]
        assert row[column] == USCC
        cells = table.fontMetrics()
        for c, text in enumerate(row):  # each text whole, not "9135021…"
            assert table.columnWidth(c) >= cells.horizontalAdvance(text or ""), (c, text)
        assert table.columnWidth(column) > before
        name_column = [c.name for c in section.model.view.columns].index("name_cn")
        longer = "厦门市第二试点稀土永磁材料科技有限公司"  # a row after the first, longer
        type_text(qtbot, form.widgets["name_cn"], longer)
        type_text(qtbot, form.widgets["address"], "厦门市集美区")
        type_text(qtbot, form.widgets["uscc"], "91350211M000100Y46")
        form.save()
        assert section.model.rowCount() == 2, form.status.text()
        assert table.columnWidth(name_column) >= cells.horizontalAdvance(longer)  # whole too
        section.filter.setText("no such name")  # a filter that matches nothing ...
        table.setColumnWidth(column, 300)  # ... and a width the clerk chose
        section.filter.setText("")
        assert table.columnWidth(column) == 300  # kept
        wait_for_tasks(qtbot, fresh)
        fresh.close()
