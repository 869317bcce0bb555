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
