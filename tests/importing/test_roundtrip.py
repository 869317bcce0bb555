"""The filing workbook magdesk writes imports back as it was: a month's sales
and export lines, removed from the database, come back identical from the
workbook's own 销售出库 and 出口明细 sheets (which import picks by their headers)."""

import sqlite3

from magdesk.storage import open_database
from magdesk.usecases import export_filing

from .conftest import TODAY
from .helpers import query

MONTH = "2026-10"
SALES = ("SELECT doc_no, date, customer_id, product_id, batch_id, qty_g, grade, qty_pcs, "
         "amount_fen, currency, invoice_no, contract_no, is_export, end_use FROM sale_out "
         f"WHERE date LIKE '{MONTH}%' ORDER BY doc_no")
EXPORTS = ("SELECT s.doc_no, x.customs_decl_no, x.line_no, x.decl_date, x.hs_code, x.destination,"
           " x.consignee_id, x.end_user, x.end_use, x.qty_g, x.controlled, x.control_no, "
           "x.licence_id, x.value_fen, x.currency FROM export_shipment x JOIN sale_out s ON "
           f"s.id = x.sale_id WHERE x.decl_date LIKE '{MONTH}%' ORDER BY 2, 3")


def test_a_filed_month_imports_back_identically(demo_copy, run, tmp_path):
    with open_database(demo_copy) as db:
        workbook = export_filing(db, MONTH, tmp_path / "out", today=TODAY).path
    sales, exports = query(demo_copy, SALES), query(demo_copy, EXPORTS)
    assert len(sales) > 20 and len(exports) > 5
    conn = sqlite3.connect(demo_copy)
    conn.execute(f"DELETE FROM export_shipment WHERE decl_date LIKE '{MONTH}%'")
    conn.execute(f"DELETE FROM sale_out WHERE date LIKE '{MONTH}%'")
    conn.commit()
    conn.close()
    result = run("sales", workbook)
    assert (result.sheet, result.status, result.inserted) == ("销售出库", "imported", len(sales))
    result = run("exports", workbook)
    assert (result.sheet, result.status, result.inserted) == ("出口明细", "imported", len(exports)), \
        [f.message("en") for f in result.findings]
    assert query(demo_copy, SALES) == sales
    assert query(demo_copy, EXPORTS) == exports


def test_counterparties_of_a_filing_fill_an_empty_database(demo_copy, tmp_path):
    from magdesk.usecases import import_file

    with open_database(demo_copy) as db:
        workbook = export_filing(db, MONTH, tmp_path / "out", today=TODAY).path
    fresh = tmp_path / "fresh.sqlite"
    with open_database(fresh, create=True) as db:
        result = import_file(db, "counterparties", workbook, today=TODAY)
    assert result.sheet == "交易对象" and result.status == "imported", \
        [f.message("en") for f in result.findings]
    columns = "name_cn, name_en, cp_type, role, uscc, foreign_reg_no, country, address"
    got = query(fresh, f"SELECT {columns} FROM counterparty ORDER BY name_cn")
    names = [g[0] for g in got]
    marks = ", ".join("?" * len(names))
    assert len(got) == result.inserted > 20
    assert got == query(demo_copy, f"SELECT {columns} FROM counterparty WHERE name_cn IN ({marks})"
                                   " ORDER BY name_cn", names)
