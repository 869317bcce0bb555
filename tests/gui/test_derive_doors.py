"""The form and the import complete a record by the same core rules
(core.derive): the same input gives the same rows in the file, and what one
door warns of, the other does too.  The months a batch touches lock it in the
window as in storage."""

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from magdesk import usecases
from magdesk.core import model as M
from magdesk.core.enums import EndUse
from magdesk.gui.form import AcceptWarnings
from magdesk.storage import open_database
from magdesk.storage.db import PeriodLockedError
from magdesk.storage.filing_store import FilingStore

from ..core.world import COMPANY, CUSTOMER, FLAKES, SUPPLIER
from ..importing.helpers import write_csv, write_xlsx
from .conftest import wait_for_tasks
from .test_main_window import type_text

TODAY = date.today()
BATCH_END = TODAY - timedelta(days=3)


@pytest.fixture
def fresh(qtbot, tmp_path, monkeypatch):
    """A new file (two parties, a raw material, nothing else) in the window."""
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.settings import Settings

    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, p, w, lang: "核对过"))
    path = tmp_path / "doors.sqlite"
    assert usecases.create_database(path, COMPANY) == []
    with open_database(path) as db:
        for record in (replace(SUPPLIER, id=None), replace(FLAKES, id=None),
                       replace(CUSTOMER, id=None, end_use_default="INDUSTRIAL_MOTOR")):
            assert save_record(db, record)[1] == []
    settings = Settings(language="zh", clerk_name="测试")
    application(settings)
    db = open_database(path)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    yield win, path
    wait_for_tasks(qtbot, win)
    db.close()


def save_record(db, record):
    """Save through the use case: (the record's id or None, the refusals)."""
    from magdesk.storage.repository import ENTITY_OF

    changes = usecases.save(db, record)
    entity = ENTITY_OF[type(record)]
    ids = [i for e, i in changes.records if e == entity]
    return (record.id or (ids[0] if ids else None)), list(changes.refused)


def save(qtbot, form):
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run_import(win, kind, file):
    """An import into the file the window has open (it holds the writer lock)."""
    return usecases.import_file(win.db, kind, file, today=TODAY)


def test_the_form_and_the_import_give_the_same_records(fresh, qtbot, tmp_path):
    win, path = fresh
    # A product typed with its grade in lower case: stored (and filed) upper case.
    form = win.open_record("product", None)
    qtbot.addWidget(form)
    w = form.widgets
    type_text(qtbot, w["code"], "MG-N42")
    type_text(qtbot, w["name_cn"], "烧结钕铁硼磁体")
    w["category"].setCurrentIndex(w["category"].findData("SINTERED_NDFEB"))
    type_text(qtbot, w["grade"], "n42")
    type_text(qtbot, w["hs_code"], "8505111000")
    type_text(qtbot, w["dy_pct"], "0")
    type_text(qtbot, w["tb_pct"], "0")
    save(qtbot, form)
    product = win.repo.find("product", "MG-N42")
    assert product is not None and product.grade == "N42", [
        (n, m.text()) for n, m in form.messages.items() if m.text()]
    imported = run_import(win, "products", write_csv(tmp_path / "p.csv", [
        ["物料编码", "产品名称", "产品类别", "牌号", "海关商品编号", "镝含量%", "铽含量%"],
        ["MG-N42B", "烧结钕铁硼磁体", "SINTERED_NDFEB", "n42", "8505111000", "0", "0"]]))
    assert imported.status == "imported", [f.message("zh") for f in imported.findings]
    assert rows(path, "SELECT code, grade FROM product WHERE code LIKE 'MG-%' ORDER BY code") \
        == [("MG-N42", "N42"), ("MG-N42B", "N42")]

    batch = M.Batch(None, "PB-1", BATCH_END - timedelta(days=2), BATCH_END, "SINTERED",
                    product.id, 4_000_000)  # no grade of its own: a sale takes the product's
    assert save_record(win.db, batch)[1] == []

    # The same sale, grade and end use left empty, through the form ...
    form = win.open_record("sale", None)
    qtbot.addWidget(form)
    w = form.widgets
    w["doc_no"].clear()
    type_text(qtbot, w["doc_no"], "SO-FORM")
    w["date"].setFocus()
    qtbot.keyClick(w["date"], Qt.Key.Key_Equal)  # "=" is today
    type_text(qtbot, w["customer_id"], CUSTOMER.name_cn)
    type_text(qtbot, w["product_id"], "MG-N42")
    type_text(qtbot, w["batch_id"], "PB-1")
    type_text(qtbot, w["qty_g"], "12.5")
    type_text(qtbot, w["invoice_no"], "25332000000123456789")
    # ... where what saving will derive shows as a suggestion, the field left empty:
    assert w["grade"].text() == "" and w["grade"].placeholderText() == "N42"
    assert "取自" in w["grade"].toolTip() and "MG-N42" in w["grade"].toolTip()
    assert w["end_use"].currentData() is None
    assert w["end_use"].currentText() == EndUse.INDUSTRIAL_MOTOR.label("zh")
    save(qtbot, form)
    assert win.repo.find("sale", "SO-FORM") is not None, form.status.text()
    # ... and through an import.
    result = run_import(win, "sales", write_xlsx(tmp_path / "s.xlsx", [
        ["出库单号", "销售日期", "客户名称", "物料编码", "生产批号", "重量(kg)", "发票号码"],
        ["SO-FILE", TODAY, CUSTOMER.name_cn, "MG-N42", "PB-1", 12.5, "25332000000123456789"]]))
    assert result.status == "imported", [f.message("zh") for f in result.findings]
    sales = rows(path, "SELECT date, customer_id, product_id, grade, batch_id, qty_g, qty_pcs, "
                       "amount_fen, currency, invoice_no, contract_no, is_export, end_use "
                       "FROM sale_out ORDER BY doc_no")
    assert len(sales) == 2 and sales[0] == sales[1]
    assert sales[0][3] == "N42" and sales[0][12] == "INDUSTRIAL_MOTOR"
    # The import says what it derived, as the form suggested it.
    said = {d.rule: d.message("sale", "zh") for d in result.derived}
    assert set(said) == {"derive.grade_from_product", "derive.end_use_from_customer"}
    assert said["derive.grade_from_product"] == "牌号取自产品 MG-N42：N42（共 1 行：第 2 行）"
    assert "derived" in result.as_dict("en") and "MG-N42" in result.as_dict("en")["derived"][0][
        "message"]
    # Filed as stored: the filing's sales rows carry the upper-case grade.
    filed = list(FilingStore(win.db).rows("sales", f"{TODAY:%Y-%m}"))
    assert {r["grade"] for r in filed} == {"N42"}


def test_an_amount_from_the_price_and_a_disagreement_in_both_doors(fresh, qtbot, tmp_path):
    win, path = fresh
    flakes = win.repo.find("product", FLAKES.code)

    def purchase_form(doc_no, lot, amount):
        form = win.open_record("purchase", None)
        qtbot.addWidget(form)
        w = form.widgets
        type_text(qtbot, w["doc_no"], doc_no)
        w["date"].setFocus()
        qtbot.keyClick(w["date"], Qt.Key.Key_Equal)
        type_text(qtbot, w["supplier_id"], SUPPLIER.name_cn)
        type_text(qtbot, w["product_id"], flakes.code)
        type_text(qtbot, w["lot_no"], lot)
        type_text(qtbot, w["qty_g"], "500")
        type_text(qtbot, w["unit_price_fen"], "560")
        if amount:
            type_text(qtbot, w["amount_fen"], amount)
        return form

    form = purchase_form("RK-FORM", "L-FORM", "")
    assert form.widgets["amount_fen"].placeholderText() == "280000.00"
    assert form.messages["amount_fen"].text() == ""
    save(qtbot, form)
    assert win.repo.find("purchase", "RK-FORM") is not None, form.status.text()
    header = ["入库单号", "入库日期", "供应商名称", "物料编码", "批号", "数量(kg)", "单价(元/kg)",
              "金额(元)"]
    result = run_import(win, "purchases", write_csv(tmp_path / "pu.csv", [
        header, ["RK-FILE", TODAY.isoformat(), SUPPLIER.name_cn, flakes.code, "L-FILE", "500",
                 "560", ""]]))
    assert result.status == "imported", [f.message("zh") for f in result.findings]
    assert [d.rule for d in result.derived] == ["derive.amount_from_price"]
    assert rows(path, "SELECT doc_no, qty_g, unit_price_fen, amount_fen FROM purchase_in "
                      "ORDER BY doc_no") == [("RK-FILE", 500_000, 56_000, 28_000_000),
                                             ("RK-FORM", 500_000, 56_000, 28_000_000)]

    # Both given and disagreeing: the same warning from either door.
    form = purchase_form("RK-FORM-2", "L-FORM-2", "270000")
    assert "金额与数量×单价不符" in form.messages["amount_fen"].text()
    result = run_import(win, "purchases", write_csv(tmp_path / "pu2.csv", [
        header, ["RK-FILE-2", TODAY.isoformat(), SUPPLIER.name_cn, flakes.code, "L-FILE-2",
                 "500", "560", "270000"]]))
    assert "amount.mismatch" in {f.code for f in result.findings}


def test_a_batch_whose_start_month_is_filed_is_locked_in_the_window_and_in_storage(fresh):
    win, path = fresh
    product = win.repo.find("product", FLAKES.code)
    batch = M.Batch(None, "PB-X", date(2025, 10, 28), date(2025, 11, 2), "SINTERED",
                    product.id, 1_000_000)
    new_id, problems = save_record(win.db, batch)
    assert problems == []
    batch = win.repo.get("batch", new_id)
    assert win._locked_reason(batch) == ""
    FilingStore(win.db).set_period("2025-10", state="FILED")  # its start month, not its end
    assert "2025-10" in win._locked_reason(batch)
    form = win.open_record("batch", new_id)
    assert not form.save_button.isEnabled()
    form.close()
    with pytest.raises(PeriodLockedError):
        win.repo.update(replace(batch, output_g=2_000_000))
    problems = save_record(win.db, replace(batch, output_g=2_000_000))[1]
    assert [(f.code, f.params["period"]) for f in problems] == [("period.locked", "2025-10")]
