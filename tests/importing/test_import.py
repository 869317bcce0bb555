"""Imports end to end into a copy of the demo database: what is good is
imported exactly (read back from the SQLite file), what is bad is reported at
its cell, and a file with any error leaves the database exactly as it was."""

from datetime import date

import pytest

from magdesk.importing import ImportFileError

from .helpers import dump, one, query, write_csv, write_xls, write_xlsx

SALE_HEAD = ["序号", "出库单号", "销售日期", "客户名称", "客户统一社会信用代码", "物料编码", "生产批号",
             "重量(kg)", "数量(件)", "金额", "发票号码", "备注"]


def sale_rows(demo, n=2, start=1):
    day = date.fromisoformat(demo.batch_end)
    return [[i, f"IMP-{i:04d}", day, demo.customer, demo.customer_uscc, demo.product, demo.batch,
             1.25 + i, 100 + i, 1000.5 + i, f"2633{i:016d}", "备注"] for i in range(start, start + n)]


def ledger(demo, rows):
    return [["2026年10月 销售台账"], [None, "单位:公斤"], SALE_HEAD, *rows]


def sales_in_db(db):
    return query(db, "SELECT s.doc_no, s.date, c.name_cn, p.code, b.batch_no, s.qty_g, s.qty_pcs,"
                     " s.amount_fen, s.currency, s.invoice_no, s.is_export FROM sale_out s"
                     " JOIN counterparty c ON c.id = s.customer_id JOIN product p ON"
                     " p.id = s.product_id JOIN production_batch b ON b.id = s.batch_id"
                     " WHERE s.doc_no LIKE 'IMP-%' ORDER BY s.doc_no")


def expected_sales(demo, n=2):
    return [(f"IMP-{i:04d}", demo.batch_end, demo.customer, demo.product, demo.batch,
             int(round((1.25 + i) * 1000)), 100 + i, int(round((1000.5 + i) * 100)), "CNY",
             f"2633{i:016d}", 0) for i in range(1, n + 1)]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv-utf-8", "csv-utf-8-sig", "csv-gb18030"])
def test_sales_in_every_format_are_imported_exactly(demo, demo_copy, run, tmp_path, fmt):
    rows = ledger(demo, sale_rows(demo))
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "s.xlsx", rows, "销售")
    elif fmt == "xls":
        path = write_xls(tmp_path / "s.xls", rows, "销售")
    else:
        for r in rows[3:]:
            r[2] = f"{r[2]:%Y年%-m月%-d日}"
        path = write_csv(tmp_path / "s.csv", rows, fmt[4:])
    result = run("sales", path)
    assert (result.status, result.inserted, result.errors) == ("imported", 2, 0), \
        [f.message("en") for f in result.findings]
    assert result.header_row == 3
    assert sales_in_db(demo_copy) == expected_sales(demo)


def test_real_world_values_are_normalised(demo, demo_copy, run, tmp_path):
    day = date.fromisoformat(demo.batch_end)
    name = demo.customer.replace("有限公司", " 有限公司 ")
    rows = [["出库单号", "日期", "客户", "物料编码", "批号", "重量（吨）", "件数", "金额(元)",
             "发票号码", "币种"],
            ["IMP-0001", day.strftime("%Y/%-m/%-d"), f"  {name}", demo.product.lower(),
             demo.batch, "0.001 2", "1,200件", "¥1,234.50", " 2633 0000 0000 0000 0001", "人民币"],
            ["IMP-0002", int(day.strftime("%Y%m%d")), demo.customer_uscc and demo.customer,
             "ＭＧ－" + demo.product[3:], demo.batch, "2.5公斤", "１２", "1,000", "26330000000000000002",
             "CNY"]]
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", rows))
    assert result.errors == 0, [f.message("en") for f in result.findings]
    got = query(demo_copy, "SELECT doc_no, qty_g, qty_pcs, amount_fen, invoice_no, currency "
                           "FROM sale_out WHERE doc_no LIKE 'IMP-%' ORDER BY doc_no")
    assert got == [("IMP-0001", 1200, 1200, 123450, "26330000000000000001", "CNY"),
                   ("IMP-0002", 2500, 12, 100000, "26330000000000000002", "CNY")]


def test_one_bad_row_and_nothing_is_written(demo, demo_copy, run, tmp_path):
    before = dump(demo_copy)
    rows = sale_rows(demo, 3)
    rows[1][2] = "2026-02-30"  # row 5 in Excel: title, blank, header, then data
    rows[1][7] = "12 盒"
    rows[2][10] = 2.63300000000000e19  # an invoice number Excel has rounded
    rows[2][6] = "PB-NOPE"
    path = write_xlsx(tmp_path / "s.xlsx", ledger(demo, rows))
    result = run("sales", path, report=tmp_path / "report.xlsx")
    assert result.status == "rejected" and result.inserted == 0
    cells = {(f.row, f.column, f.code) for f in result.findings if f.is_error}
    assert cells == {(5, "C", "date.invalid"), (5, "H", "import.unknown_unit"),
                     (6, "K", "import.mangled_id"), (6, "G", "ref.missing")}
    assert dump(demo_copy) == before
    assert result.backup is None  # no restore point taken, or it was removed again
    assert not _restore_points(demo_copy)


def test_rule_findings_come_back_at_their_cell(demo, demo_copy, run, tmp_path):
    before = dump(demo_copy)
    rows = sale_rows(demo, 3)
    rows[0][10] = "12345"  # invoice format: a core rule
    rows[1][2] = date(2020, 1, 5)  # sold before the batch was made
    rows[2][7] = demo.available / 1000 + 1  # more than the batch has left
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, rows)))
    found = {(f.row, f.column, f.code, f.finding.record) for f in result.findings if f.is_error}
    assert (4, "K", "invoice.format", "IMP-0001") in found
    assert (5, "C", "sale.before_batch", "IMP-0002") in found
    assert any(code == "batch.oversold" for _, _, code, _ in found)
    assert result.status == "rejected" and dump(demo_copy) == before


def test_dry_run_writes_nothing(demo, demo_copy, run, tmp_path):
    before = dump(demo_copy)
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, sale_rows(demo))),
                 dry_run=True)
    assert (result.status, result.inserted, result.errors) == ("dry_run", 2, 0)
    assert dump(demo_copy) == before


def test_a_restore_point_before_a_real_import(demo, demo_copy, run, tmp_path):
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, sale_rows(demo))))
    assert result.backup is not None and result.backup.exists()
    assert one(result.backup, "SELECT count(*) FROM sale_out WHERE doc_no LIKE 'IMP-%'") == (0,)
    assert one(demo_copy, "SELECT count(*) FROM sale_out WHERE doc_no LIKE 'IMP-%'") == (2,)


@pytest.mark.parametrize("choice, status, inserted, updated, skipped", [
    ("error", "rejected", 0, 0, 0), ("skip", "imported", 1, 0, 1), ("update", "imported", 1, 1, 0)])
def test_duplicates_are_skipped_updated_or_reported(demo, demo_copy, run, tmp_path, choice, status,
                                                   inserted, updated, skipped):
    assert run("sales", write_xlsx(tmp_path / "a.xlsx", ledger(demo, sale_rows(demo, 1)))).inserted == 1
    rows = sale_rows(demo, 2)
    rows[0][8] = 999  # changed pieces on the existing sale
    result = run("sales", write_xlsx(tmp_path / "b.xlsx", ledger(demo, rows)), on_duplicate=choice)
    assert (result.status, result.inserted, result.updated, result.skipped) == (
        status, inserted, updated, skipped)
    pieces = query(demo_copy, "SELECT qty_pcs FROM sale_out WHERE doc_no LIKE 'IMP-%' ORDER BY 1")
    expected = {"error": [(101,)], "skip": [(101,), (102,)], "update": [(102,), (999,)]}[choice]
    assert pieces == expected
    if choice == "error":
        assert [(f.row, f.column, f.code) for f in result.findings] == [(4, "B", "import.duplicate")]


def test_a_key_twice_in_the_file(demo, run, tmp_path):
    rows = sale_rows(demo, 2)
    rows[1][1] = rows[0][1]
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, rows)))
    assert [(f.row, f.column, f.code, f.finding.params["other"]) for f in result.findings] == [
        (5, "B", "import.duplicate_in_file", 4)]


def test_hostile_content_is_reported_not_crashed_on(demo, demo_copy, run, tmp_path):
    before = dump(demo_copy)
    rows = sale_rows(demo, 5)
    rows[0][1] = "=1+2"  # a formula (no cached value) as the document number
    rows[1][7] = "磁" * 1_000_000  # a 1 MB cell as a weight
    rows[2][8] = date(2026, 1, 1)  # a date as a piece count
    rows[3][3] = "=HYPERLINK(\"http://x\",\"y\")"
    rows[4][7] = True
    path = write_xlsx(tmp_path / "s.xlsx", ledger(demo, rows))
    result = run("sales", path, report=tmp_path / "r.xlsx")
    errors = {(f.row, f.column, f.code) for f in result.findings if f.is_error}
    assert (4, "B", "field.required") in errors
    assert (5, "H", "field.not_a_number") in errors
    assert (6, "I", "field.not_a_number") in errors
    assert (8, "H", "field.not_a_number") in errors
    assert result.status == "rejected" and dump(demo_copy) == before
    assert all(len(f.message("zh")) < 400 for f in result.findings)


def test_formula_text_in_a_csv_stays_text(demo, demo_copy, run, tmp_path):
    rows = [["单位名称", "角色", "统一社会信用代码", "地址"],
            ["=HYPERLINK(\"x\")贸易有限公司", "客户", _uscc(11), "宁波市"]]
    result = run("counterparties", write_csv(tmp_path / "c.csv", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    # a name: the core rule speaks (as for a form); the address: the import's own word
    assert [f.code for f in result.findings] == ["name.formula_like"]
    assert one(demo_copy, "SELECT name_cn FROM counterparty WHERE uscc = ?", (_uscc(11),)) == (
        "=HYPERLINK(\"x\")贸易有限公司",)


def _uscc(seed):
    from .helpers import new_uscc

    return new_uscc(seed)


def test_counterparties_with_inferred_type_role_and_country(demo_copy, run, tmp_path):
    rows = [["客户名称", "统一社会信用代码", "地址", "国家"],
            ["宁波（新）磁电有限公司", _uscc(1), "宁波市北仑区1号", None],
            ["Tokyo Magnet KK", None, "Tokyo", "日本"]]
    result = run("counterparties", write_xlsx(tmp_path / "c.xlsx", rows))
    assert result.errors == 1  # the foreign one lacks its English name
    assert [(f.row, f.code) for f in result.findings if f.is_error] == [(3, "cp.name_en_required")]
    rows[0].append("英文名称")
    rows[2].append("Tokyo Magnet KK")
    result = run("counterparties", write_xlsx(tmp_path / "c.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    got = query(demo_copy, "SELECT name_cn, cp_type, role, country, uscc, name_en FROM counterparty"
                           " WHERE id > 57 ORDER BY id")
    assert got == [("宁波(新)磁电有限公司", "DOMESTIC_ENTERPRISE", "CUSTOMER", "CN", _uscc(1), ""),
                   ("Tokyo Magnet KK", "FOREIGN", "CUSTOMER", "JP", None, "Tokyo Magnet KK")]


def test_products(demo_copy, run, tmp_path):
    rows = [["物料编码", "产品名称", "产品类别", "牌号", "海关商品编号", "稀土总量TRE%", "镝含量%",
             "铽含量%"],
            ["MG-N45-NEW", "烧结钕铁硼磁体 N45", "烧结钕铁硼", "n45", "8505.11.1000", "31.5%", 0, 0]]
    result = run("products", write_xlsx(tmp_path / "p.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert one(demo_copy, "SELECT category, grade, hs_code, unit, re_total_pct, dy_pct FROM product"
                          " WHERE code = 'MG-N45-NEW'") == (
        "SINTERED_NDFEB", "N45", "8505111000", "KG", 315000, 0)


def test_purchases_in_tonnes_with_supplier_by_credit_code(demo, demo_copy, run, tmp_path):
    rows = [["入库单号", "入库日期", "供应商统一社会信用代码", "物料编码", "批号", "数量(吨)",
             "单价(元/吨)", "金额(元)", "发票号码"],
            ["RK-IMP-1", "2026-10-30", demo.supplier_uscc, demo.raw, "L-IMP-1", 1.5, 560000,
             840000, "26330000000000000009"]]
    result = run("purchases", write_xlsx(tmp_path / "p.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert one(demo_copy, "SELECT c.name_cn, p.qty_g, p.unit_price_fen, p.amount_fen, p.origin "
                          "FROM purchase_in p JOIN counterparty c ON c.id = p.supplier_id "
                          "WHERE doc_no = 'RK-IMP-1'") == (demo.supplier, 1_500_000, 56000,
                                                          84_000_000, "DOMESTIC")


def test_batches_one_row_per_input_line(demo, demo_copy, run, tmp_path):
    qty = min(demo.lot_left, 1_000_000) / 1000
    rows = [["生产批号", "投产日期", "完工日期", "工艺", "产出物料编码", "牌号", "产出重量(kg)",
             "投料批号", "投料物料编码", "投料重量(kg)"],
            ["PB-IMP-1", "2026-10-20", "2026-10-25", "烧结", "MG-N42", "N42", qty * 0.4,
             demo.lot, demo.lot_product, qty / 2],
            [None, None, None, None, None, None, None, demo.lot, None, qty / 2]]
    result = run("batches", write_xlsx(tmp_path / "b.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    got = query(demo_copy, "SELECT b.batch_no, b.process, b.output_g, l.lot_no, i.qty_g FROM "
                           "production_batch b JOIN batch_input i ON i.batch_id = b.id JOIN "
                           "purchase_in l ON l.id = i.purchase_id WHERE b.batch_no = 'PB-IMP-1'")
    half = int(round(qty / 2 * 1000))
    assert got == [("PB-IMP-1", "SINTERED", int(round(qty * 0.4 * 1000)), demo.lot, half)] * 2


def test_export_sales_then_their_export_lines(demo, demo_copy, run, tmp_path):
    day = date.fromisoformat(demo.batch_end)
    sales = [["出库单号", "销售日期", "客户名称", "物料编码", "生产批号", "重量(kg)", "金额", "币种"],
             ["IMP-X1", day, demo.foreign_en, demo.product, demo.batch, 100, 5000, "美元"]]
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", sales))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert [(f.code, f.row, f.finding.params["count"]) for f in result.findings] == [
        ("import.export_pending", None, 1)]
    assert "第2行" in result.findings[0].message("zh")  # the rows it names
    exports = [["出库单号", "报关单号", "申报日期", "重量(kg)", "货值"],
               ["IMP-X1", f"3104{day:%Y}0000099999", day, 100, 5000]]
    result = run("exports", write_xlsx(tmp_path / "x.xlsx", exports))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    got = one(demo_copy, "SELECT x.customs_decl_no, x.line_no, x.hs_code, x.controlled, "
                         "x.destination, c.name_cn, x.value_fen, x.currency FROM export_shipment x"
                         " JOIN counterparty c ON c.id = x.consignee_id JOIN sale_out s ON "
                         "s.id = x.sale_id WHERE s.doc_no = 'IMP-X1'")
    country = one(demo_copy, "SELECT country FROM counterparty WHERE name_cn = ?", (demo.foreign,))
    assert got == (f"3104{day:%Y}0000099999", 1, "8505111000", 0, country[0], demo.foreign,
                   500000, "USD")


def test_licences_name_their_consignees(demo, demo_copy, run, tmp_path):
    rows = [["两用物项出口许可证号", "许可证类型", "管制编码", "有效期自", "有效期至", "许可数量(kg)",
             "境外收货人"],
            ["LX-IMP-1", "单项", "1c905.a.4", "2026-10-01", "2027-09-30", "1,000", demo.foreign_en]]
    result = run("licences", write_xlsx(tmp_path / "l.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert query(demo_copy, "SELECT l.control_no, l.qty_g, c.name_cn FROM export_licence l JOIN "
                            "licence_consignee k ON k.licence_id = l.id JOIN counterparty c ON "
                            "c.id = k.counterparty_id WHERE licence_no = 'LX-IMP-1'") == [
        ("1C905.a.4", 1_000_000, demo.foreign)]


def test_a_general_licence_names_its_end_uses_and_may_have_no_quantity(demo, demo_copy, run,
                                                                        tmp_path):
    head = ["两用物项出口许可证号", "许可证类型", "有效期自", "有效期至", "许可数量(kg)",
            "境外收货人", "许可最终用途"]
    rows = [head, ["TY-IMP-1", "通用", "2026-10-01", "2027-09-30", "", demo.foreign_en,
                   "新能源汽车驱动电机；wind"]]
    result = run("licences", write_xlsx(tmp_path / "l.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert query(demo_copy, "SELECT licence_type, qty_g, end_uses FROM export_licence "
                            "WHERE licence_no = 'TY-IMP-1'") == [("GENERAL", 0, "EV_MOTOR,WIND")]
    bad = [head, ["TY-IMP-2", "通用", "2026-10-01", "2027-09-30", "", demo.foreign_en, "跳舞"]]
    result = run("licences", write_xlsx(tmp_path / "b.xlsx", bad))
    assert result.status != "imported"
    assert [(f.code, f.finding.field, f.finding.params.get("value"))
            for f in result.findings] == [("field.choice", "end_uses", "跳舞")]
    assert query(demo_copy, "SELECT 1 FROM export_licence WHERE licence_no = 'TY-IMP-2'") == []


def test_consignees_named_in_english_keep_their_company_form(demo, demo_copy, run, tmp_path):
    """"Kanto Motor Co., Ltd." is one name: the comma of a company form does not
    separate consignees; a comma between two names still does."""
    named = dict(query(demo_copy, "SELECT name_en, name_cn FROM counterparty WHERE cp_type = "
                                  "'FOREIGN' AND name_en LIKE '%Co., Ltd.'"))
    first, second = sorted(named)[:2]
    head = ["两用物项出口许可证号", "许可证类型", "有效期自", "有效期至", "境外收货人"]
    rows = [head, ["TY-IMP-3", "通用", "2026-10-01", "2027-09-30", f"{first}；{second}"],
            ["TY-IMP-4", "通用", "2026-10-01", "2027-09-30", f"{first}, {demo.foreign}"]]
    result = run("licences", write_xlsx(tmp_path / "l.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    got = query(demo_copy, "SELECT l.licence_no, c.name_cn FROM export_licence l JOIN "
                           "licence_consignee k ON k.licence_id = l.id JOIN counterparty c ON "
                           "c.id = k.counterparty_id WHERE licence_no LIKE 'TY-IMP-%' "
                           "ORDER BY l.licence_no, c.name_cn")
    assert got == sorted([("TY-IMP-3", named[first]), ("TY-IMP-3", named[second]),
                          ("TY-IMP-4", named[first]), ("TY-IMP-4", demo.foreign)])


def test_a_general_licence_as_a_clerk_writes_it(demo, demo_copy, run, tmp_path):
    """通用许可 (the word of the announcement), consignees one a line, end uses
    by the first part of their label (工业电机 for 工业电机/伺服) in zh or en."""
    second = one(demo_copy, "SELECT name_en FROM counterparty WHERE cp_type = 'FOREIGN' "
                            "AND name_en <> ? ORDER BY id LIMIT 1", (demo.foreign_en,))[0]
    head = ["许可证号", "许可证类型", "有效期自", "有效期至", "许可收货人", "许可最终用途"]
    rows = [head, ["TY-IMP-5", "通用许可", "2026-10-01", "2027-09-30",
                   f"{demo.foreign_en}\n{second}", "工业电机、风力发电、核磁共振"],
            ["TY-IMP-6", "General licence", "2026-10-01", "2027-09-30", demo.foreign,
             "industrial motor; wind turbine; MRI"]]
    result = run("licences", write_xlsx(tmp_path / "l.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert query(demo_copy, "SELECT licence_no, licence_type, end_uses, (SELECT count(*) FROM "
                            "licence_consignee k WHERE k.licence_id = l.id) FROM export_licence l"
                            " WHERE licence_no LIKE 'TY-IMP-%' ORDER BY licence_no") == [
        ("TY-IMP-5", "GENERAL", "INDUSTRIAL_MOTOR,WIND,MEDICAL", 2),
        ("TY-IMP-6", "GENERAL", "INDUSTRIAL_MOTOR,WIND,MEDICAL", 1)]


def test_missing_columns_are_reported_before_reading(demo, run, tmp_path):
    rows = [["出库单号", "销售日期", "重量"], ["IMP-1", "2026-10-01", 1]]
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", rows))
    assert result.status == "columns" and result.rows == 0
    missing = {f.finding.params["label"] for f in result.findings if f.code == "import.column_missing"}
    assert missing == {"客户名称", "物料编码", "生产批号"}


def test_a_confirmed_mapping_is_remembered(demo, demo_copy, run, tmp_path):
    head = ["单据", "日子", "对方", "料", "批", "斤两", "票"]
    day = date.fromisoformat(demo.batch_end)
    rows = [head, ["IMP-0001", day, demo.customer, demo.product, demo.batch, 1, "26330000000000000001"]]
    path = write_xlsx(tmp_path / "odd.xlsx", rows)
    with pytest.raises(ImportFileError) as info:
        run("sales", path)
    assert info.value.code == "import.header_missing"
    chosen = dict(zip(head, ["doc_no", "date", "customer_name", "product_code", "batch_no",
                             "qty_g", "invoice_no"], strict=True))
    assert run("sales", path, mapping=chosen).status == "imported"
    rows[1][0] = "IMP-0002"
    result = run("sales", write_xlsx(tmp_path / "odd2.xlsx", rows))
    assert result.status == "imported" and result.mapping["斤两"] == "qty_g"


def test_an_import_into_a_filed_month_is_refused(demo, demo_copy, run, tmp_path):
    import sqlite3

    conn = sqlite3.connect(demo_copy)
    conn.execute("INSERT OR REPLACE INTO period (period, state) VALUES (?, 'FILED')",
                 (demo.batch_end[:7],))
    conn.commit()
    conn.close()
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, sale_rows(demo, 1))))
    assert [(f.row, f.column, f.code) for f in result.findings if f.is_error] == [
        (4, "C", "import.period_locked")]


def test_each_import_keeps_its_own_restore_point(demo, demo_copy, run, tmp_path):
    first = run("sales", write_xlsx(tmp_path / "a.xlsx", ledger(demo, sale_rows(demo, 1))))
    rejected = run("sales", write_xlsx(tmp_path / "a.xlsx", ledger(demo, sale_rows(demo, 1))))
    second = run("sales", write_xlsx(tmp_path / "b.xlsx", ledger(demo, sale_rows(demo, 1, 2))))
    assert rejected.backup is None and first.backup != second.backup
    assert first.backup.exists() and second.backup.exists()
    assert one(first.backup, "SELECT count(*) FROM sale_out WHERE doc_no LIKE 'IMP-%'") == (0,)
    assert one(second.backup, "SELECT count(*) FROM sale_out WHERE doc_no LIKE 'IMP-%'") == (1,)
    assert set(_restore_points(demo_copy)) == {first.backup, second.backup}


def _restore_points(db) -> list:
    """Import restore points beside the database or in its snapshot folder,
    and no half-made copy left anywhere."""
    from magdesk.storage.snapshots import folder_for

    found = []
    for folder in (db.parent, folder_for(db)):
        assert not list(folder.glob(".import-*"))
        found += folder.glob("*before-import*.sqlite")
    return found


def test_a_known_party_is_found_by_code_or_by_name(demo, demo_copy, run, tmp_path):
    rows = [["单位名称", "角色", "统一社会信用代码", "地址"],
            [" " + demo.customer.replace("有限", "有 限"), "客户", _uscc(21), "新地址"],
            ["另一个名字有限公司", "客户", demo.customer_uscc, "新地址"]]
    before = dump(demo_copy)
    result = run("counterparties", write_xlsx(tmp_path / "c.xlsx", rows))
    assert [(f.row, f.column, f.code) for f in result.findings] == [
        (2, "A", "import.duplicate"), (3, "A", "import.duplicate")]
    assert dump(demo_copy) == before
    result = run("counterparties", write_xlsx(tmp_path / "c.xlsx", rows), on_duplicate="skip")
    assert (result.status, result.inserted, result.skipped) == ("imported", 0, 2)


def test_a_unit_column_and_footer_rows(demo, demo_copy, run, tmp_path):
    day = date.fromisoformat(demo.batch_end)
    rows = [["出库单号", "销售日期", "客户名称", "物料编码", "生产批号", "数量", "单位", "发票号码"],
            ["IMP-0001", day, demo.customer, demo.product, demo.batch, 0.002, "吨",
             "'26330000000000000001"],
            ["IMP-0002", day, demo.customer, demo.product, demo.batch, 3, "公斤",
             "26330000000000000002"],
            ["IMP-0003", day, demo.customer, demo.product, demo.batch, "500 g", "吨",
             "26330000000000000003"],
            ["合计", None, None, None, None, 5.502, None, None],
            ["制表:王静      审核:李强"]]
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", rows))
    assert result.status == "imported", [f.message("en") for f in result.findings]
    assert query(demo_copy, "SELECT doc_no, qty_g, invoice_no FROM sale_out WHERE doc_no LIKE "
                            "'IMP-%' ORDER BY 1") == [
        ("IMP-0001", 2000, "26330000000000000001"), ("IMP-0002", 3000, "26330000000000000002"),
        ("IMP-0003", 500, "26330000000000000003")]
    rows[1][6] = "盒"
    rows[1][0] = "IMP-0009"
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", rows[:2]))
    assert [(f.row, f.column, f.code) for f in result.findings if f.is_error] == [
        (2, "G", "import.unknown_unit")]


def test_progress_and_cancel(demo, demo_copy, run, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", ledger(demo, sale_rows(demo, 2)))
    steps = []
    result = run("sales", path, progress=lambda done, total: steps.append((done, total)))
    assert result.status == "imported" and steps == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    before = dump(demo_copy)
    rows = sale_rows(demo, 2, start=5)
    result = run("sales", write_xlsx(tmp_path / "t.xlsx", ledger(demo, rows)),
                 cancelled=lambda: True)
    assert result.status == "cancelled" and result.inserted == 0 and dump(demo_copy) == before


def test_errors_already_in_the_database_do_not_block_an_import(demo, demo_copy, run, tmp_path):
    import sqlite3

    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE product SET hs_code = '850511100' WHERE code = 'MG-N52'")  # planted
    conn.commit()
    conn.close()
    result = run("sales", write_xlsx(tmp_path / "s.xlsx", ledger(demo, sale_rows(demo, 2))))
    assert (result.status, result.inserted, result.errors) == ("imported", 2, 0)
    assert sales_in_db(demo_copy) == expected_sales(demo)
    rows = sale_rows(demo, 1, start=7)
    rows[0][7] = demo.available / 1000  # now more than the batch has left
    before = dump(demo_copy)
    result = run("sales", write_xlsx(tmp_path / "t.xlsx", ledger(demo, rows)))
    assert result.status == "rejected" and dump(demo_copy) == before
    codes = {f.code for f in result.findings if f.is_error}
    assert "batch.oversold" in codes and "hs.format" not in codes
