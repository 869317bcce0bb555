"""Enter in an open completion list takes the highlighted entry and moves on;
material and counterparty lists show code and name."""

from PySide6.QtCore import Qt

from tests.gui.test_main_window import type_text


def entries(edit):
    model = edit.completer().completionModel()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_enter_in_the_country_list_takes_the_entry_and_moves_to_the_address(window, qtbot):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    w = form.widgets
    country = w["country"]
    country.clear()
    type_text(qtbot, country, "Germ")
    popup = country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the first entry highlighted
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert country.text().startswith("DE ")
    assert form.values()[0]["country"] == "DE"
    assert form.focusWidget() is w["address"]  # moved on
    type_text(qtbot, form.focusWidget(), "Hamburg")
    assert w["address"].text() == "Hamburg" and country.text().startswith("DE ")


def test_enter_with_nothing_highlighted_keeps_what_was_typed_and_moves_on(window, qtbot):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    country = form.widgets["country"]
    country.clear()
    type_text(qtbot, country, "CN")
    popup = country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible() and country.text() == "CN"
    assert form.focusWidget() is form.widgets["address"]


def test_material_and_counterparty_lists_show_code_and_name(window, qtbot):
    repo = window.repo
    product = next(repo.iter("product"))
    supplier = next(c for c in repo.iter("counterparty") if c.uscc)
    form = window.open_record("purchase", None)
    qtbot.addWidget(form)
    w = form.widgets
    type_text(qtbot, w["product_id"], product.code)
    popup = w["product_id"].completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert f"{product.code}  {product.name_cn}" in entries(w["product_id"])
    row = entries(w["product_id"]).index(f"{product.code}  {product.name_cn}")
    popup.setCurrentIndex(w["product_id"].completer().completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert w["product_id"].text() == product.code  # the key, as the field takes it
    assert form.values()[0]["product_id"] == product.id
    assert form.focusWidget() is w["lot_no"]

    type_text(qtbot, w["supplier_id"], supplier.uscc[:10])  # found by its credit code too
    popup = w["supplier_id"].completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert entries(w["supplier_id"])[0] == f"{supplier.name_cn}  {supplier.uscc}"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert w["supplier_id"].text() == supplier.name_cn
    assert form.values()[0]["supplier_id"] == supplier.id
    assert form.focusWidget() is w["product_id"]


def test_down_then_enter_in_an_empty_reference_field_takes_the_first_entry(window, qtbot):
    form = window.open_record("purchase", None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()  # the list goes with the focus
    w = form.widgets
    w["supplier_id"].setFocus()
    qtbot.keyClick(w["supplier_id"], Qt.Key.Key_Down)  # the list opens, its first entry lit
    popup = w["supplier_id"].completer().popup()
    assert popup.isVisible()
    first = entries(w["supplier_id"])[0]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert w["supplier_id"].text() == form._entries[w["supplier_id"]][first]  # the key
    assert form.values()[0]["supplier_id"] is not None
    assert form.focusWidget() is w["product_id"]  # and on
    qtbot.keyClick(w["product_id"], Qt.Key.Key_Down)
    qtbot.keyClick(w["product_id"].completer().popup(), Qt.Key.Key_Down)  # open: Down moves
    assert w["product_id"].completer().popup().currentIndex().row() == 1


def test_a_firm_made_foreign_loses_the_cn_put_in_for_a_domestic_one(window, qtbot):
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    w = form.widgets
    assert w["country"].text() == "CN"  # a domestic enterprise, prefilled
    w["cp_type"].setFocus()
    qtbot.keyClick(w["cp_type"], Qt.Key.Key_Down)
    qtbot.keyClick(w["cp_type"], Qt.Key.Key_Down)  # (个体工商户,) 境外企业
    assert w["cp_type"].currentData() == "FOREIGN"
    assert w["country"].text() == ""  # to type, not a red CN to clear first
    type_text(qtbot, w["country"], "德国")
    w["cp_type"].setCurrentIndex(w["cp_type"].findData("DOMESTIC_ENTERPRISE"))
    assert w["country"].text() == "德国"  # what the clerk typed stays
    w["cp_type"].setCurrentIndex(w["cp_type"].findData("FOREIGN"))
    assert w["country"].text() == "德国"


def test_an_export_lines_sale_is_chosen_from_the_export_sales_newest_first(window, qtbot):
    repo = window.repo
    exports = repo.conn.execute(
        "SELECT doc_no, date FROM sale_out WHERE is_export = 1 "
        "ORDER BY date DESC, id DESC").fetchall()
    assert len(exports) > 2
    window.select_section(6)
    form = window.open_record("export", None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    sale = form.widgets["sale_id"]
    sale.setFocus()
    qtbot.keyClick(sale, Qt.Key.Key_Down)  # nothing typed: the export sales, newest first
    shown = entries(sale)
    assert [e.split()[0] for e in shown[:3]] == [d for d, _ in exports[:3]]
    middle = exports[1][0][-4:]  # a part of the number, not its start
    sale.clear()
    type_text(qtbot, sale, middle)
    assert exports[1][0] in [e.split()[0] for e in entries(sale)]
    assert all(repo.conn.execute("SELECT is_export FROM sale_out WHERE doc_no = ?",
                                 (e.split()[0],)).fetchone()[0] for e in entries(sale))


def test_what_saving_fills_in_is_not_yellow_to_type(window, qtbot):
    sale = window.repo.conn.execute(
        "SELECT doc_no FROM sale_out WHERE is_export = 1 ORDER BY date DESC").fetchone()[0]
    form = window.open_record("export", None)
    qtbot.addWidget(form)
    w = form.widgets
    assert w["hs_code"].property("state") == "empty"  # nothing to derive from yet: to fill
    type_text(qtbot, w["sale_id"], sale)
    hs = w["hs_code"]
    assert hs.text() == "" and hs.placeholderText()  # the product's code, grey, as saving fills it
    assert hs.property("state") == "valid"  # not yellow: nothing to type
    assert w["customs_decl_no"].property("state") == "empty"  # still to type


def test_a_counterparty_is_found_by_its_english_name_too(window, qtbot):
    supplier = next(c for c in window.repo.iter("counterparty")
                    if c.name_en and c.role in ("SUPPLIER", "BOTH"))
    word = supplier.name_en.split()[0]
    form = window.open_record("purchase", None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    field = form.widgets["supplier_id"]
    type_text(qtbot, field, word)  # as a clerk writing English types it
    code = supplier.uscc or supplier.foreign_reg_no
    entry = f"{supplier.name_cn}  {supplier.name_en}  {code}".rstrip()
    assert entry in entries(field)  # found, and shown with the name that matched
    popup = field.completer().popup()
    popup.setCurrentIndex(field.completer().completionModel().index(
        entries(field).index(entry), 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == supplier.name_cn and form.values()[0]["supplier_id"] == supplier.id
