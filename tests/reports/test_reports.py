"""The summaries as data: their totals against the exported filing workbook
of the same period (read back by openpyxl), and the batch trace on demo data
against the database itself."""

import sqlite3
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from magdesk.reports import KINDS, ReportError, build_report
from magdesk.reports.model import cell_text
from magdesk.storage import open_database
from tests.reports.workbook import export_workbook, fen, grams, mass_sum, money_sum, read_sheets

PERIOD = "2026-06"
NOW = datetime(2026, 7, 3, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sheets(demo_file, tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("wb")
    shutil.copy(demo_file, folder / "demo.sqlite")
    return read_sheets(export_workbook(folder / "demo.sqlite", PERIOD, folder))


@pytest.fixture(scope="module")
def reports(demo_file):
    with open_database(demo_file) as db:
        return {kind: build_report(db, kind, PERIOD, now=NOW) for kind in KINDS if kind != "trace"}


def test_every_report_names_company_period_time_and_version(reports, demo_file):
    name, uscc = sqlite3.connect(demo_file).execute("SELECT name, uscc FROM company").fetchone()
    for report in reports.values():
        assert (report.company, report.uscc, report.period) == (name, uscc, PERIOD)
        assert report.period_label == "2026年6月"
        assert report.generated_at == NOW and report.software.startswith("magdesk ")
        assert report.signatures == ("制表", "审核", "负责人")


def test_flow_inbound_equals_the_workbook(reports, sheets):
    table = reports["flow"].table("采购入库(按供应商、物料)")
    rows = sheets["采购入库"]
    assert len(rows) > 3
    assert table.total("笔数") == table.column_sum("笔数") == len(rows)
    assert table.total("数量(kg)") == table.column_sum("数量(kg)") == mass_sum(rows, "数量(kg)")
    assert table.total("金额(元)") == money_sum(rows, "金额(元)")
    pairs = {(r["供应商名称"], r["物料编码"]) for r in rows}
    assert {(c[0], c[1]) for c in table.data()} == pairs


def test_flow_subtotals_add_up_their_group(reports):
    table = reports["flow"].table("销售出库(按客户、产品)")
    assert any(r.style == "subtotal" for r in table.rows)
    group: list[tuple] = []
    for row in table.rows:
        if row.style == "subtotal":
            assert row.cells[4] == sum(c[4] for c in group)
            assert row.cells[5] == sum(c[5] for c in group)
        else:
            if group and group[-1][0] != row.cells[0]:
                group = []
            group.append(row.cells)


def test_flow_outbound_equals_the_workbook_per_currency(reports, sheets):
    table = reports["flow"].table("销售出库(按客户、产品)")
    rows = sheets["销售出库"]
    assert table.total("笔数") == len(rows)
    assert table.total("重量(kg)") == mass_sum(rows, "重量(kg)")
    currencies = sorted({r["币种"] for r in rows})
    assert len(currencies) > 1 and table.total("金额") == ""  # no sum across currencies
    for i, currency in enumerate(currencies, 1):
        assert table.totals[i].cells[table.index("币种")] == currency
        assert table.total("金额", i) == money_sum(rows, "金额", 币种=currency)
        assert table.total("重量(kg)", i) == sum(grams(r["重量(kg)"]) for r in rows
                                                if r["币种"] == currency)


def test_flow_exports_by_destination_and_control(reports, sheets):
    rows = sheets["出口明细"]
    controlled = [r for r in rows if r["是否属于管制物项"] == "是"]
    assert controlled and len(controlled) < len(rows)
    by_country = reports["flow"].table("出口(按运抵国(地区))")
    assert by_country.total("报关行数") == len(rows)
    assert by_country.total("重量合计(kg)") == mass_sum(rows, "重量(kg)")
    assert by_country.total("管制物项(kg)") == mass_sum(controlled, "重量(kg)")
    assert by_country.total("货值") == money_sum(rows, "货值")
    expected = defaultdict(int)
    for r in rows:
        expected[r["运抵国(地区)"]] += grams(r["重量(kg)"])
    assert {c[0].split()[0]: c[4] for c in by_country.data()} == dict(expected)
    control = reports["flow"].table("出口管制物项与非管制物项")
    codes = defaultdict(int)
    for r in controlled:
        codes[r["管制编码"]] += grams(r["重量(kg)"])
    assert {c[1]: c[3] for c in control.data() if c[0] == "管制物项"} == dict(codes)


def test_flow_production_and_category_chart_equal_the_workbook(reports, sheets):
    production = reports["flow"].table("生产入库(按产出产品)")
    batches = sheets["生产批次"]
    assert production.total("投料重量(kg)") == mass_sum(batches, "投料重量(kg)")
    assert production.total("批次数") == len({r["生产批号"] for r in batches})
    stock = sheets["月度库存"]
    categories = reports["flow"].table("入库与出库(按产品类别)")
    for header in ("采购入库(kg)", "生产入库(kg)", "销售出库(kg)", "生产领用(kg)", "损耗(kg)"):
        assert categories.total(header) == mass_sum(stock, header), header
    (chart,) = reports["flow"].charts()
    inbound, outbound = chart.series
    assert sum(inbound.values) == categories.total("入库合计(kg)")
    assert sum(outbound.values) == categories.total("出库合计(kg)")
    assert list(chart.categories) == [c[0] for c in categories.data()]


def test_inventory_is_the_sheet_row_for_row(reports, sheets):
    table = reports["inventory"].table("月度库存(与申报表“月度库存”工作表逐行一致)")
    headers = ["期初库存(kg)", "采购入库(kg)", "生产入库(kg)", "销售出库(kg)", "生产领用(kg)",
               "损耗(kg)", "期末库存(kg)"]
    stock = sheets["月度库存"]
    assert len(table.data()) == len(stock) > 20
    for printed, row in zip(table.data(), stock, strict=True):
        assert printed[1] == row["物料编码"] and printed[3] == row["产品类别"]
        assert [printed[table.index(h)] for h in headers] == [grams(row[h]) for h in headers]
        assert printed[-1] == "相符"
    for h in headers:
        assert table.total(h) == mass_sum(stock, h)
    makeup = reports["inventory"].table("销售出库构成(按产品)")
    assert makeup.total("销售出库(kg)") == mass_sum(stock, "销售出库(kg)")
    assert makeup.total("出口出库(kg)") == mass_sum(sheets["销售出库"], "重量(kg)") - \
        makeup.total("内销出库(kg)")


def test_licence_usage_against_the_export_lines(reports, sheets, demo_file):
    report = reports["licences"]
    usage = report.table("许可证使用情况")
    conn = sqlite3.connect(demo_file)
    used_to_date = dict(conn.execute(
        "SELECT l.licence_no, coalesce(sum(x.qty_g), 0) FROM export_licence l LEFT JOIN "
        "export_shipment x ON x.licence_id = l.id AND x.decl_date < '2026-07-01' GROUP BY l.id"))
    licensed = dict(conn.execute("SELECT licence_no, qty_g FROM export_licence"))
    assert usage.data()
    for cells in usage.data():
        no = cells[0]
        assert cells[usage.index("累计已用(kg)")] == used_to_date[no]
        assert cells[usage.index("许可数量(kg)")] == licensed[no]
        assert cells[usage.index("剩余(kg)")] == licensed[no] - used_to_date[no]
        assert cells[usage.index("有效期")].count("至") == 1
    controlled = [r for r in sheets["出口明细"] if r["是否属于管制物项"] == "是"]
    assert usage.total("本期使用(kg)") == mass_sum(controlled, "重量(kg)")
    lines = report.table("本期管制物项出口明细")
    assert [c[0] for c in lines.data()] == [r["报关单号"] for r in controlled]
    assert lines.totals[0].cells[-1] == mass_sum(controlled, "重量(kg)")


def test_licence_status_flags_expiry_and_overuse():
    from datetime import date

    from magdesk.reports.licences import status

    end = date(2026, 6, 30)
    assert status({"valid_to": "2026-06-15"}, 10, end) == "本期到期"
    assert status({"valid_to": "2026-07-20"}, 10, end) == "30日内到期"
    assert status({"valid_to": "2027-01-01"}, 10, end) == "有效"
    assert status({"valid_to": "2027-01-01"}, 0, end) == "已用完"
    assert status({"valid_to": "2027-01-01"}, -1, end) == "超量使用"


def _a_traced_lot(conn) -> str:
    """A lot that went into a batch with sales, one of them exported."""
    return conn.execute(
        "SELECT p.lot_no FROM purchase_in p JOIN batch_input i ON i.purchase_id = p.id "
        "JOIN sale_out s ON s.batch_id = i.batch_id WHERE s.is_export = 1 "
        "GROUP BY p.id ORDER BY count(DISTINCT s.id) DESC LIMIT 1").fetchone()[0]


def test_trace_forward_lot_to_batches_to_customers(demo_file):
    conn = sqlite3.connect(demo_file)
    lot = _a_traced_lot(conn)
    batch_ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT i.batch_id FROM batch_input i JOIN purchase_in p ON p.id = i.purchase_id "
        "WHERE p.lot_no = ?", (lot,))]
    marks = ",".join("?" * len(batch_ids))
    sales = conn.execute(f"SELECT doc_no, qty_g FROM sale_out WHERE batch_id IN ({marks})",
                         batch_ids).fetchall()
    with open_database(demo_file) as db:
        report = build_report(db, "trace", PERIOD, lot=lot, now=NOW)
    assert report.subject == f"正向追溯：原料批号 {lot}"
    batches = report.table("投入的生产批次")
    assert len(batches.data()) == len(batch_ids)
    assert batches.totals[0].cells[batches.index("本批号投入(kg)")] == conn.execute(
        "SELECT sum(i.qty_g) FROM batch_input i JOIN purchase_in p ON p.id = i.purchase_id "
        "WHERE p.lot_no = ?", (lot,)).fetchone()[0]
    printed = report.table("销售去向")
    assert sorted(c[0] for c in printed.data()) == sorted(d for d, _ in sales)
    assert printed.totals[0].cells[printed.index("重量(kg)")] == sum(q for _, q in sales)
    assert any(c[-1] not in ("内销", "出口") for c in printed.data())  # declaration shown
    customers = report.table("客户汇总")
    assert customers.total("重量(kg)") == sum(q for _, q in sales)


def test_trace_backward_sale_to_lots_and_suppliers_and_back(demo_file):
    conn = sqlite3.connect(demo_file)
    lot = _a_traced_lot(conn)
    with open_database(demo_file) as db:
        forward = build_report(db, "trace", PERIOD, lot=lot, now=NOW)
        doc = next(c[0] for c in forward.table("销售去向").data() if c[-1] not in ("内销",))
        backward = build_report(db, "trace", PERIOD, sale=doc, now=NOW)
    batch_id = conn.execute("SELECT batch_id FROM sale_out WHERE doc_no = ?", (doc,)).fetchone()[0]
    inputs = conn.execute(
        "SELECT p.lot_no, c.name_cn, i.qty_g FROM batch_input i JOIN purchase_in p "
        "ON p.id = i.purchase_id JOIN counterparty c ON c.id = p.supplier_id "
        "WHERE i.batch_id = ? ORDER BY i.id", (batch_id,)).fetchall()
    table = backward.table("投料批号及供应商")
    assert [(c[0], c[3], c[-1]) for c in table.data()] == inputs
    assert lot in [c[0] for c in table.data()]  # the lot we came from
    assert table.totals[0].cells[-1] == sum(q for *_, q in inputs)
    exports = backward.table("出口报关")
    assert [c[0] for c in exports.data()] == [r[0] for r in conn.execute(
        "SELECT customs_decl_no FROM export_shipment x JOIN sale_out s ON s.id = x.sale_id "
        "WHERE s.doc_no = ? ORDER BY decl_date, customs_decl_no, line_no", (doc,))]


def test_errors_carry_a_code_and_both_languages(demo_copy):
    with open_database(demo_copy) as db:
        with pytest.raises(ReportError) as lot:
            build_report(db, "trace", PERIOD, lot="NO-SUCH-LOT")
        with pytest.raises(ReportError) as neither:
            build_report(db, "trace", PERIOD)
        assert lot.value.code == "lot_not_found" and "NO-SUCH-LOT" in lot.value.message("en")
        assert neither.value.code == "trace_subject"
        db.conn.execute("DELETE FROM company")
        with pytest.raises(ReportError) as company:
            build_report(db, "flow", PERIOD)
    assert company.value.code == "no_company" and "企业" in company.value.message("zh")


def test_cell_text_matches_the_workbook_formats():
    assert cell_text("mass", 1234567) == "1234.567"
    assert cell_text("mass", 0) == "0.000"
    assert cell_text("money", 123456789) == "1,234,567.89"
    assert cell_text("money", -5) == "-0.05"
    assert cell_text("money", None) == ""
    assert cell_text("count", 12) == "12"
    assert fen(1.5) == 150 and grams(None) == 0
