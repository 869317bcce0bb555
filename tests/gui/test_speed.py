"""What keeps the desktop quick on big files, checked for what the clerk sees."""

from PySide6.QtCore import Qt


def test_no_sort_indicator_is_the_views_own_order(demo_copy):
    from magdesk.gui.table_model import RecordTableModel
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        model = RecordTableModel(db, "sale", "zh")
        model.sort(-1, Qt.SortOrder.AscendingOrder)  # what QTableView does at first
        first = model.record_id(0)
        assert model.sort_column is None
        assert first == db.conn.execute("SELECT min(id) FROM sale_out").fetchone()[0]


def test_a_section_makes_its_table_when_first_shown_and_typing_waits_for_a_pause(
        qtbot, demo_copy):
    from magdesk.gui.sections import RecordSection
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        section = RecordSection(db, "sale", "zh", ["2026-06"])
        qtbot.addWidget(section)
        assert section._table is None and section._model is None  # nothing read yet
        section.show()
        qtbot.waitExposed(section)
        model = section.model
        assert section._table is not None and model.rowCount() == 600
        widths = [section.table.columnWidth(c) for c in range(model.columnCount())]
        assert all(40 <= w <= RecordSection.WIDEST for w in widths)
        qtbot.keyClicks(section.filter, "SO-")  # the clerk types: the table waits
        assert model.rowCount() == 600 and section.typing.isActive()
        qtbot.waitUntil(lambda: model.rowCount() < 600 or model.text == "SO-", timeout=2000)
        assert model.text == "SO-"
        section.filter.setText("no such sale")  # set, not typed: at once
        assert model.rowCount() == 0 and not section.typing.isActive()
