"""The History dialog in the clerk's words: field labels, names instead of
ids, kg and 元 as in the forms, 新增/修改/导入 with the import's file and rows."""

import dataclasses
from datetime import date

from magdesk import usecases
from magdesk.core.units import format_kg
from magdesk.gui.safety import History
from tests.importing.helpers import Demo, write_xlsx


def _cells(dialog):
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(2, 6)) for r in range(table.rowCount())]


def test_a_sale_history_speaks_labels_names_kg_and_yuan(window, qtbot):
    sale = window.repo.find("sale", window.repo.conn.execute(
        "SELECT doc_no FROM sale_out ORDER BY id LIMIT 1").fetchone()[0])
    other = window.repo.conn.execute(
        "SELECT id, name_cn FROM counterparty WHERE id != ? AND role = 'CUSTOMER' AND cp_type = 'DOMESTIC_ENTERPRISE' LIMIT 1",
        (sale.customer_id,)).fetchone()
    old_name = window.repo.conn.execute("SELECT name_cn FROM counterparty WHERE id = ?",
                                        (sale.customer_id,)).fetchone()[0]
    less = sale.qty_g - 500  # (a sale may not take its batch past what it has)
    assert window.commit(sale, dataclasses.replace(sale, customer_id=other[0], qty_g=less,
                                                   amount_fen=38500000)).ok
    dialog = History(window.db, "sale", sale.id, window)
    qtbot.addWidget(dialog)
    cells = _cells(dialog)
    assert ("修改", "客户", old_name, other[1]) in cells
    assert ("修改", "重量(kg)") == cells[[c[1] for c in cells].index("重量(kg)")][:2]
    qty = next(c for c in cells if c[1] == "重量(kg)")
    assert qty[3] == format_kg(less, grouped=True), qty
    amount = next(c for c in cells if c[1] == "金额")
    assert "385,000" in amount[3] and "38500000" not in amount[3]
    text = " ".join(" ".join(c) for c in cells)
    for raw in ("UPDATE", "INSERT", "BULK", "customer_id", "qty_g", "amount_fen", "{"):
        assert raw not in text
    assert "示例数据" in text


def test_an_imported_record_names_its_file_and_rows_in_both_languages(window, qtbot,
                                                                      tmp_path):
    demo = Demo(window.db.path)
    head = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g",
            "invoice_no"]
    day = date.fromisoformat(demo.batch_end)
    rows = [head] + [[f"HIS-{i}", day, demo.customer, demo.product, demo.batch, 1.5,
                      f"2633{i:016d}"] for i in range(2)]
    path = write_xlsx(tmp_path / "十一月销售.xlsx", rows)
    usecases.import_file(window.db, "sales", path, mapping=dict(zip(head, head, strict=True)))
    sale = window.repo.find("sale", "HIS-1")
    dialog = History(window.db, "sale", sale.id, window)
    qtbot.addWidget(dialog)
    assert ("导入 十一月销售.xlsx（2 行）", "", "", "") in _cells(dialog)
    window.lang = "en"
    dialog = History(window.db, "sale", sale.id, window)
    qtbot.addWidget(dialog)
    assert ("Imported 十一月销售.xlsx (2 rows)", "", "", "") in _cells(dialog)
