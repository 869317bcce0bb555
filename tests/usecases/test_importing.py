"""The importing use cases on real files: a template, a preview and its
rows, an import (all or nothing), what it changed, its report."""

from datetime import date

import openpyxl
import pytest

from magdesk import usecases
from magdesk.importing import ImportFileError
from magdesk.storage import open_database
from tests.importing.helpers import Demo, write_xlsx
from tests.usecases.state import audit_head, content

HEAD = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "invoice_no"]
MAPPING = dict(zip(HEAD, HEAD, strict=True))


def _sales(demo: Demo, tmp_path, count: int, bad: int | None = None):
    """A sales sheet of ``count`` rows; row ``bad`` (0-based) has no quantity
    one can read."""
    day = date.fromisoformat(demo.batch_end)
    rows = [HEAD]
    for i in range(count):
        rows.append([f"UCI-{i}", day, demo.customer, demo.product, demo.batch,
                     "abc" if i == bad else 1.5, f"2633{i:016d}"])
    return write_xlsx(tmp_path / f"sales-{count}-{bad}.xlsx", rows), day.strftime("%Y-%m")


def test_a_template_holds_the_headers_an_import_expects(tmp_path):
    path = usecases.write_import_template("sales", tmp_path / "sales.xlsx", lang="en")
    sheet = openpyxl.load_workbook(path, read_only=True).active
    header = [c for c in next(sheet.iter_rows(values_only=True)) if c]
    assert len(header) >= 6 and any("Invoice" in h or "invoice" in h for h in header)
    zh = usecases.write_import_template("sales", tmp_path / "销售.xlsx", lang="zh")
    zh_header = next(openpyxl.load_workbook(zh, read_only=True).active.iter_rows(
        values_only=True))
    assert any("发票" in (h or "") for h in zh_header)
    with pytest.raises(Exception) as caught:  # not a kind magdesk imports
        usecases.write_import_template("invoices", tmp_path / "x.xlsx")
    assert "invoices" in str(caught.value) and not (tmp_path / "x.xlsx").exists()


def test_a_preview_maps_the_header_and_checks_the_first_rows_writing_nothing(demo_copy,
                                                                           tmp_path):
    demo = Demo(demo_copy)
    path, _ = _sales(demo, tmp_path, 3, bad=1)
    preview = usecases.import_preview("sales", path)
    assert preview.sheet == "Sheet1" and preview.sheets == ["Sheet1"]
    mapping = preview.mapping(MAPPING, 0)  # as the clerk confirms it in the wizard
    assert mapping.missing == [] and set(mapping.columns.values()) >= {"doc_no", "qty_g"}
    with open_database(demo_copy) as db:
        before, head = content(demo_copy), audit_head(demo_copy)
        rows = usecases.preview_rows(db, preview, mapping, lang="en")
        assert rows.numbers == [2, 3, 4]
        bad = [f for f in rows.findings if f.is_error]
        assert [(f.row, f.column, f.finding.field) for f in bad] == [(3, "F", "qty_g")]
        assert content(demo_copy) == before and audit_head(demo_copy) == head


def test_one_bad_row_refuses_the_whole_import_and_its_report_marks_it(demo_copy, tmp_path):
    demo = Demo(demo_copy)
    path, _ = _sales(demo, tmp_path, 5, bad=3)
    with open_database(demo_copy) as db:
        before, head = content(demo_copy), audit_head(demo_copy)
        result = usecases.import_file(db, "sales", path, mapping=MAPPING)
        assert result.status == "rejected" and result.errors >= 1 and result.inserted == 0
        assert content(demo_copy) == before and audit_head(demo_copy) == head  # no row of five
        changes = usecases.import_changes(db, result)
        assert changes.edit is None and not changes.changed
    report = usecases.write_import_report(result, tmp_path / "report.xlsx", lang="zh")
    book = openpyxl.load_workbook(report, read_only=True)
    marked = list(book["Sheet1"].iter_rows(values_only=True))
    assert marked[4][:6] == ("UCI-3", marked[4][1], demo.customer, demo.product, demo.batch,
                             "abc") and "第5行 F列" in marked[4][-1]  # the copy, marked
    listed = [row[:6] for row in book["导入问题"].iter_rows(values_only=True)]
    assert ("Sheet1", 5, "F", "qty_g", "错误", "field.not_a_number") in listed


def test_a_dry_run_checks_everything_and_writes_nothing(demo_copy, tmp_path):
    demo = Demo(demo_copy)
    path, _ = _sales(demo, tmp_path, 4)
    with open_database(demo_copy) as db:
        before = content(demo_copy)
        result = usecases.import_file(db, "sales", path, mapping=MAPPING, dry_run=True)
        assert result.status == "dry_run" and result.errors == 0 and result.rows == 4
        assert content(demo_copy) == before
        assert usecases.import_changes(db, result) == usecases.Changes()


def test_an_import_is_one_step_after_a_restore_point(demo_copy, tmp_path):
    demo = Demo(demo_copy)
    path, month = _sales(demo, tmp_path, 4)
    with open_database(demo_copy) as db:
        before = content(demo_copy)
        points = len(usecases.list_snapshots(db))
        result = usecases.import_file(db, "sales", path, mapping=MAPPING)
        assert (result.status, result.inserted) == ("imported", 4)
        assert result.backup is not None and result.backup.is_file()
        assert len(usecases.list_snapshots(db)) == points + 1  # listed with the others
        changes = usecases.import_changes(db, result)
        assert changes.entities == {"sale"} and changes.months == {month}
        assert changes.periods and changes.findings and len(changes.records) == 4
        assert usecases.undo(db, changes.edit).ok
        after = content(demo_copy)
        assert {t: rows for t, rows in after.items() if not t.startswith("audit")} == \
            {t: rows for t, rows in before.items() if not t.startswith("audit")}


def test_a_file_that_cannot_be_read_is_said_and_nothing_written(demo_copy, tmp_path):
    path = tmp_path / "sales.xlsx"
    path.write_bytes(b"not a workbook at all")
    with open_database(demo_copy) as db:
        before = content(demo_copy)
        with pytest.raises(ImportFileError) as caught:
            usecases.import_file(db, "sales", path, mapping=MAPPING)
        assert "sales.xlsx" in caught.value.message("en")
        assert content(demo_copy) == before


def test_an_import_into_a_file_held_elsewhere_is_refused_whole(demo_copy, tmp_path):
    demo = Demo(demo_copy)
    path, _ = _sales(demo, tmp_path, 3)
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and not writer.read_only
        before, head = content(demo_copy), audit_head(demo_copy)
        result = usecases.import_file(reader, "sales", path, mapping=MAPPING)
        assert result.status == "rejected" and result.inserted == 0
        assert any("copy.sqlite" in f.finding.message("en") for f in result.findings)
        assert content(demo_copy) == before and audit_head(demo_copy) == head
        assert not usecases.import_changes(reader, result).changed
