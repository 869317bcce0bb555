"""A table's rows are counted once per filter while the data stays as it is:
the whole table shown again (a filter cleared, every month chosen again)
shows the rows counted before at once, and rows asked for again while
they are being counted wait for that count, not a second one (on a server
ten million rows take a core for a second, beside the clerk's next click)."""

from __future__ import annotations

import sqlite3

from magdesk.gui.table_model import RecordTableModel
from magdesk.storage import open_database
from magdesk.storage.paging import PagedQuery


def test_the_same_rows_are_counted_once_until_the_data_changes(qtbot, demo_copy, monkeypatch):
    monkeypatch.setattr(PagedQuery, "ESTIMATE_FROM", 100)  # the demo's sales: a big table
    counted = []
    exact = PagedQuery.exact_count

    def counting(query):  # the real count, noted
        counted.append((query.text, query.period))
        return exact(query)

    monkeypatch.setattr(PagedQuery, "exact_count", counting)
    plain = sqlite3.connect(demo_copy)
    rows = plain.execute("SELECT count(*) FROM sale_out").fetchone()[0]
    month = plain.execute("SELECT substr(max(date), 1, 7) FROM sale_out").fetchone()[0]
    plain.close()
    with open_database(demo_copy) as db:
        model = RecordTableModel(db, "sale", "zh")
        assert model.rowCount() == rows and model.query.estimated  # the span, counted aside
        model.set_filter("", month)  # a month (counted at once), then every month again
        months = model.rowCount()
        assert 0 < months < rows and not model.query.estimated
        model.set_filter("", None)
        assert model.rowCount() == rows and model.query.estimated
        assert len(model._counting) == 1  # the count under way is waited for
        qtbot.waitUntil(lambda: not model._counting, timeout=10000)
        assert not model.query.estimated
        model.set_filter("SO-", None)
        model.set_filter("", month)
        assert model.rowCount() == months and not model.query.estimated
        model.set_filter("", None)  # counted already: at once
        assert model.rowCount() == rows and not model.query.estimated
        model.sort(1, 1)
        assert model.rowCount() == rows and not model.query.estimated
        assert counted.count(("", None)) == 1
        assert counted.count(("", month)) == 1
        model.refresh()  # the data changed: counted again
        assert model.rowCount() == rows and model.query.estimated
        qtbot.waitUntil(lambda: not model._counting, timeout=10000)
        assert counted.count(("", None)) == 2
