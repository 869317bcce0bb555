"""What the import wizard builds on, below the GUI: the preview (a header
mapped as the clerk chooses, the first rows parsed with their problems), the
import taking exactly that mapping, and an import undone and redone as one
step — or refused, leaving everything as it was."""

import dataclasses
import sqlite3
from datetime import date

import pytest

from magdesk import usecases
from magdesk.importing.mapping import remembered_choice
from magdesk.storage import open_database
from magdesk.storage.repository import Repository
from magdesk.usecases.edits import ImportEdit, UndoRefused

from .helpers import dump, query, write_xlsx

ODD_HEAD = ["单据", "日子", "对方", "料", "批", "斤两", "票"]


def odd_rows(demo, n=3, bad_row=None):
    day = date.fromisoformat(demo.batch_end)
    rows = [["销售台账 2026"], ODD_HEAD]
    for i in range(1, n + 1):
        weight = "abc" if i == bad_row else 1 + i / 4
        rows.append([f"IMP-{i:04d}", day, demo.customer, demo.product, demo.batch, weight,
                     f"2633{i:016d}"])
    return rows


CHOSEN = dict(zip(ODD_HEAD, ["doc_no", "date", "customer_name", "product_code", "batch_no",
                             "qty_g", "invoice_no"], strict=True))


def test_an_unrecognised_header_is_mapped_by_hand_and_previewed(demo, demo_copy, tmp_path):
    path = write_xlsx(tmp_path / "odd.xlsx", odd_rows(demo, 3, bad_row=2))
    preview = usecases.import_preview("sales", path)
    assert preview.found is None  # nothing known in these headers
    first = preview.mapping(header_row=1)
    assert first.headers == ODD_HEAD and first.columns == {}
    missing = preview.missing(first, "zh")
    assert "出库单号" in missing and "客户名称 / 客户统一社会信用代码" in missing
    mapping = preview.mapping(CHOSEN, 1)
    assert mapping.missing == [] and mapping.header_row == 1
    assert preview.sample(mapping, 5) == "1.25"
    with open_database(demo_copy) as db:
        rows = usecases.preview_rows(db, preview, mapping, lang="zh")
    assert rows.numbers == [3, 4, 5]
    assert rows.cells[0][5] == "1.250 kg" and rows.cells[0][1] == demo.batch_end
    assert rows.cells[1][5] == "abc"  # not readable: shown as written
    bad = rows.at(4, 5)
    assert [(f.row, f.column, f.finding.field, f.is_error) for f in bad] == [
        (4, "F", "qty_g", True)]
    assert rows.at(3, 5) == []


def test_the_import_uses_the_mapping_shown_and_remembers_it(demo, demo_copy, tmp_path):
    path = write_xlsx(tmp_path / "odd.xlsx", odd_rows(demo, 3))
    preview = usecases.import_preview("sales", path)
    mapping = preview.mapping(CHOSEN, 1)
    choice = preview.choice(mapping)
    assert choice == CHOSEN
    with open_database(demo_copy) as db:
        result = usecases.import_file(db, "sales", path, mapping=choice,
                                      header_row=mapping.header_row)
    assert (result.status, result.inserted, result.header_row) == ("imported", 3, 2)
    assert query(demo_copy, "SELECT doc_no, qty_g FROM sale_out WHERE doc_no LIKE 'IMP-%' "
                            "ORDER BY doc_no") == [("IMP-0001", 1250), ("IMP-0002", 1500),
                                                   ("IMP-0003", 1750)]
    assert remembered_choice("sales", ODD_HEAD) == CHOSEN
    again = usecases.import_preview("sales", write_xlsx(tmp_path / "odd2.xlsx",
                                                        odd_rows(demo, 1)))
    assert again.found is not None and again.found.remembered
    assert again.found.columns[5] == "qty_g"


def test_a_column_read_past_by_choice_is_not_imported(demo, demo_copy, tmp_path):
    path = write_xlsx(tmp_path / "odd.xlsx", odd_rows(demo, 2))
    preview = usecases.import_preview("sales", path)
    chosen = dict(CHOSEN, 票=None)  # the invoice column left out
    mapping = preview.mapping(chosen, 1)
    assert 6 not in mapping.columns and preview.choice(mapping)["票"] == ""
    with open_database(demo_copy) as db:
        result = usecases.import_file(db, "sales", path, mapping=preview.choice(mapping),
                                      header_row=1, dry_run=True)
    # a domestic sale needs its invoice: without the column every row says so
    assert {(f.finding.field, f.is_error) for f in result.findings
            if f.finding.field == "invoice_no"} == {("invoice_no", True)}
    assert not [f for f in result.findings if f.column == "G"]  # read past quietly


def _import(db, path, **options):
    preview = usecases.import_preview("sales", path)
    mapping = preview.mapping(CHOSEN, 1)
    result = usecases.import_file(db, "sales", path, mapping=preview.choice(mapping),
                                  header_row=1, **options)
    assert result.status == "imported", [f.message("en") for f in result.findings]
    return result, ImportEdit.capture(Repository(db), result)


def test_an_import_is_undone_and_redone_as_one_step(demo, demo_copy, tmp_path):
    before = dump(demo_copy)
    ids = query(demo_copy, "SELECT max(id) FROM sale_out")[0][0]
    path = write_xlsx(tmp_path / "odd.xlsx", odd_rows(demo, 40))
    with open_database(demo_copy) as db:
        result, edit = _import(db, path)
        assert result.added == (ids + 1, ids + 40)
        assert edit.describe("zh") == "导入 销售出库（40 行）"
        assert edit.describe("en") == "Import sale (40 rows)"
        imported = query(demo_copy, "SELECT * FROM sale_out WHERE id > ?", (ids,))
        edit.revert(Repository(db))
        assert query(demo_copy, "SELECT count(*) FROM sale_out WHERE id > ?", (ids,)) == [(0,)]
        edit.apply(Repository(db))
        assert query(demo_copy, "SELECT * FROM sale_out WHERE id > ?", (ids,)) == imported
        edit.revert(Repository(db))
    after = [line for line in dump(demo_copy) if "audit" not in line]
    assert _triggers_as_a_set(after) == _triggers_as_a_set(
        [line for line in before if "audit" not in line])


def _triggers_as_a_set(lines: list[str]) -> list[str]:
    """A dump with its triggers in name order: an import makes the totals'
    insert trigger again after its rows (storage/totals.py), the same text
    in another place of the schema."""
    triggers = sorted(line for line in lines if line.startswith("CREATE TRIGGER"))
    return [line for line in lines if not line.startswith("CREATE TRIGGER")] + triggers


def test_undo_is_refused_when_a_record_changed_was_referred_to_or_filed(demo, demo_copy,
                                                                       tmp_path):
    path = write_xlsx(tmp_path / "odd.xlsx", odd_rows(demo, 3))
    with open_database(demo_copy) as db:
        repo = Repository(db)
        _result, edit = _import(db, path)
        sale = repo.find("sale", "IMP-0002")
        repo.update(dataclasses.replace(sale, qty_pcs=7))
        state = dump(demo_copy)
        with pytest.raises(UndoRefused) as info:
            edit.revert(repo)
        assert "IMP-0002" in info.value.message("zh") and "修改" in info.value.message("zh")
        assert "changed" in info.value.message("en")
        assert dump(demo_copy) == state  # nothing changed
        repo.update(sale)
        conn = sqlite3.connect(demo_copy)
        conn.execute("PRAGMA foreign_keys = ON")
        x = conn.execute("SELECT consignee_id, end_use FROM export_shipment LIMIT 1").fetchone()
        conn.execute("INSERT INTO export_shipment (sale_id, customs_decl_no, line_no, decl_date,"
                     " hs_code, destination, consignee_id, end_user, end_use, qty_g, controlled,"
                     " control_no, control_reason, currency) VALUES (?, '310420260000012345', 1,"
                     " ?, '8505111000', 'DE', ?, 'X', ?, 1000, 0, '', '', 'USD')",
                     (sale.id, demo.batch_end, x[0], x[1]))
        conn.commit()
        with pytest.raises(UndoRefused) as info:
            edit.revert(repo)
        assert "IMP-0002" in info.value.message("zh") and "310420260000012345" in \
            info.value.message("zh")
        conn.execute("DELETE FROM export_shipment WHERE customs_decl_no = '310420260000012345'")
        conn.execute("INSERT OR REPLACE INTO period (period, state) VALUES (?, 'FILED')",
                     (demo.batch_end[:7],))
        conn.commit()
        conn.close()
        with pytest.raises(UndoRefused) as info:
            edit.revert(repo)
        assert demo.batch_end[:7] in info.value.message("en") and "filed" in \
            info.value.message("en")
        assert repo.find("sale", "IMP-0001") is not None


def test_undo_of_an_updating_import_puts_the_old_records_back(demo, demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        repo = Repository(db)
        _import(db, write_xlsx(tmp_path / "a.xlsx", odd_rows(demo, 2)))
        old = repo.find("sale", "IMP-0001")
        rows = odd_rows(demo, 3)
        rows[2][5] = 9  # IMP-0001 now weighs 9 kg; IMP-0003 is new
        result, edit = _import(db, write_xlsx(tmp_path / "b.xlsx", rows),
                               on_duplicate="update")
        assert (result.inserted, result.updated) == (1, 2)
        assert repo.find("sale", "IMP-0001").qty_g == 9000
        edit.revert(repo)
        assert repo.find("sale", "IMP-0001") == old and repo.find("sale", "IMP-0003") is None
        edit.apply(repo)
        assert repo.find("sale", "IMP-0001").qty_g == 9000
        assert repo.find("sale", "IMP-0003") is not None


def test_a_batch_import_takes_its_input_lines_with_it(demo, demo_copy, tmp_path):
    qty = min(demo.lot_left, 1_000_000) / 1000
    rows = [["生产批号", "投产日期", "完工日期", "工艺", "产出物料编码", "牌号", "产出重量(kg)",
             "投料批号", "投料物料编码", "投料重量(kg)"],
            ["PB-IMP-1", "2026-10-20", "2026-10-25", "烧结", "MG-N42", "N42", qty * 0.4,
             demo.lot, demo.lot_product, qty / 2],
            [None, None, None, None, None, None, None, demo.lot, None, qty / 2]]
    path = write_xlsx(tmp_path / "b.xlsx", rows)
    with open_database(demo_copy) as db:
        repo = Repository(db)
        result = usecases.import_file(db, "batches", path)
        edit = ImportEdit.capture(repo, result)
        batch = repo.find("batch", "PB-IMP-1")
        assert len(edit.inputs) == 2
        edit.revert(repo)
        assert repo.find("batch", "PB-IMP-1") is None
        assert query(demo_copy, "SELECT count(*) FROM batch_input WHERE batch_id = ?",
                     (batch.id,)) == [(0,)]
        edit.apply(repo)
        assert query(demo_copy, "SELECT count(*) FROM batch_input WHERE batch_id = ?",
                     (batch.id,)) == [(2,)]


def test_a_cancelled_demo_leaves_no_file_and_keeps_the_old_one(tmp_path):
    target = tmp_path / "demo.sqlite"
    target.write_bytes(b"the old file")

    class Stop(Exception):
        pass

    def progress(_done, _total):
        raise Stop

    with pytest.raises(Stop):
        usecases.create_demo(target, sales=20_000, replace=True, progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]
    assert target.read_bytes() == b"the old file"
    counts = usecases.create_demo(target, sales=300, replace=True)
    assert counts["sales"] == 300
    assert query(target, "SELECT count(*) FROM sale_out") == [(300,)]
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]
