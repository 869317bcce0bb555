"""The declaration-text use cases on the demo file: a month's or one
declaration's texts, one line as a form holds it, the workbook, and the
file's brand type and export preference."""

import dataclasses
import sqlite3

import openpyxl
from python_calamine import CalamineWorkbook

from magdesk import usecases
from magdesk.storage import open_database

PERIOD = "2026-10"


def test_a_line_as_typed_and_with_another_product(demo_copy):
    db = open_database(demo_copy)
    repo = usecases.repository(db)
    line = next(x for x in repo.iter("export", where="decl_date LIKE '2026-10%'")
                if x.controlled)
    (saved,) = usecases.declaration_texts(db, decl_no=line.customs_decl_no)
    assert usecases.export_line_texts(db, line) == saved
    typed = dataclasses.replace(line, id=None, controlled=False, control_no="", licence_id=None)
    texts = usecases.export_line_texts(db, typed)
    assert texts.remarks == "不属于管制物项" and texts.spec_text == saved.spec_text
    other = next(p for p in repo.iter("product", where="category = 'SMCO'"))
    swapped = usecases.export_line_texts(db, line, product_id=other.id)
    assert swapped.name == other.name_cn and "钐" in dict(swapped.elements)["成分含量"]


def test_the_workbook_of_a_month_and_of_nothing(demo_copy, tmp_path):
    db = open_database(demo_copy)
    path, texts = usecases.write_declarations(db, tmp_path / "month.xlsx", period=PERIOD)
    decls = list(dict.fromkeys(t.decl_no for t in texts))
    conn = sqlite3.connect(demo_copy)
    assert len(texts) == conn.execute("SELECT count(*) FROM export_shipment WHERE decl_date "
                                      "LIKE ?", (f"{PERIOD}%",)).fetchone()[0]
    conn.close()
    assert openpyxl.load_workbook(path).sheetnames == decls
    assert CalamineWorkbook.from_path(path).sheet_names == decls
    assert usecases.write_declarations(db, tmp_path / "none.xlsx", decl_no="1") == (None, [])
    assert not (tmp_path / "none.xlsx").exists()


def test_settings_kept_refused_and_taken_back(demo_copy):
    db = open_database(demo_copy)
    before = usecases.declaration_settings(db)
    assert before["export_preference"] == "出口货物在最终目的国（地区）不享受优惠关税"
    assert len(before["export_preference_choices"]) == 3
    chosen = before["export_preference_choices"][2]
    assert usecases.set_declaration_setting(db, "export_preference", chosen).ok
    assert usecases.declaration_settings(db)["export_preference"] == chosen
    text = usecases.declaration_texts(db, PERIOD)[0]
    assert dict(text.elements)["出口享惠情况"] == chosen
    refused = usecases.set_declaration_setting(db, "brand_type", "名牌")
    assert not refused.ok and "名牌" in refused.why("zh") and "无品牌" in refused.why("zh")
    assert not usecases.set_declaration_setting(db, "colour", "red").ok
    assert usecases.set_declaration_setting(db, "export_preference", None).ok
    assert usecases.declaration_settings(db) == before
