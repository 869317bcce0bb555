"""Learning an authority's sample, drafting, keeping and exporting through it,
by the use cases, on real files: a copy of the file carries the template."""

import shutil
from decimal import Decimal

import openpyxl
import pytest

from magdesk import usecases
from magdesk.filing.draft import Choice
from magdesk.filing.template import TemplateError
from magdesk.storage import open_database
from tests.filing import sample_books as B

PERIOD = "2026-06"


@pytest.fixture
def learned(tmp_path):
    return usecases.learn_template(B.flow_sheet(tmp_path))


def _choices(learned):
    """The clerk's answer to what the suggestions left open: the customer type."""
    sheet = learned.layout.sheets[0]
    kind = next(c for c in sheet.columns if "类型" in c.header)
    codes = {"DOMESTIC_ENTERPRISE": kind.choices[0], "INDIVIDUAL_BUSINESS": kind.choices[0],
             "FOREIGN": kind.choices[-1], "OTHER_ORG": kind.choices[0]}
    return {sheet.name: {kind.letter: Choice("customer_cp_type", codes=codes)}}


def test_a_required_column_left_open_is_named_and_blocks(learned):
    sheet = learned.layout.sheets[0]
    required = next(c for c in sheet.columns if c.required and c.letter != "A")
    choices = {sheet.name: {required.letter: Choice("")}}  # the clerk clears its mapping
    template = learned.draft("省局流向表", choices)
    blocking = [p for p in learned.problems(template, choices) if p.blocking]
    assert [p.letter for p in blocking] == [required.letter]
    first = blocking[0].message("zh")
    assert sheet.name in first and "必填" in first and required.header in first


def test_learned_saved_copied_and_exported(learned, demo_copy, tmp_path):
    choices = _choices(learned)
    template = learned.draft("省局流向表", choices)
    assert not [p for p in learned.problems(template, choices) if p.blocking]
    with open_database(demo_copy) as db:
        changes = usecases.save_learned(db, template, make_default=True)
        assert changes.ok, changes.failure
        assert usecases.default_template(db) == "省局流向表"
        preview = usecases.preview_template(db, usecases.check_template(db, "省局流向表"), PERIOD)
        assert preview[0].total > 0 and len(preview[0].rows) == min(20, preview[0].total)
    moved = tmp_path / "elsewhere" / "copy.sqlite"
    moved.parent.mkdir()
    shutil.copy(demo_copy, moved)
    with open_database(moved) as db:
        result = usecases.export_filing(db, PERIOD, tmp_path / "out")
        assert result.path is not None, [f.message("en") for f in result.findings if f.is_error]
    sheet = learned.layout.sheets[0]
    ws = openpyxl.load_workbook(result.path)[sheet.name]
    qty = next(c for c in sheet.columns if c.unit == "t")
    values = [ws.cell(r, qty.index + 1).value for r in range(sheet.first_row, ws.max_row + 1)]
    assert len(values) == preview[0].total and all(v is not None for v in values)
    shown = [row[qty.index] for row in preview[0].rows]
    assert [Decimal(repr(v)).normalize() for v in values[:len(shown)]] == \
        [Decimal(s).normalize() for s in shown]


def test_a_saved_template_whose_sample_was_swapped_is_refused(learned, demo_copy):
    template = learned.draft("省局流向表", _choices(learned))
    with open_database(demo_copy) as db:
        assert usecases.save_learned(db, template).ok
        db.conn.execute("UPDATE filing_template SET sample = CAST(sample || x'00' AS BLOB)")
        with pytest.raises(TemplateError, match="no longer matches"):
            usecases.check_template(db, "省局流向表")


def _with_total(folder):
    from tests.filing.test_sample_export import make_sample_with_total

    return make_sample_with_total(folder / "with_total.xlsx")


@pytest.mark.parametrize("book", [B.flow_sheet, B.purchase_and_sales, B.plain_english,
                                  B.stock_and_exports, _with_total])
def test_the_toml_reads_back_as_the_template(book, tmp_path):
    """What is kept is what was drafted: every column's letter, field, unit, codes, format."""
    from dataclasses import replace

    from magdesk.filing.template import parse_template

    learned = usecases.learn_template(book(tmp_path))
    template = learned.draft("样表模板")
    # a required column left open is kept open in the text (and refused on saving)
    open_ = replace(template, sheets=tuple(
        replace(s, columns=tuple(replace(c, required=c.required and c.mapped) for c in s.columns))
        for s in template.sheets))
    text = usecases.template_toml(open_, "learned in a test")
    again = parse_template(text, "样表模板.toml", learned.sample)
    for mine, read in zip(open_.sheets, again.sheets, strict=True):
        assert (mine.name, mine.source, mine.header_rows, mine.first_row, mine.total,
                mine.total_column) == (read.name, read.source, read.header_rows, read.first_row,
                                       read.total, read.total_column)
        assert [replace(c, width=None) for c in mine.columns] == list(read.columns)


def test_filed_through_a_learned_template_then_amended(learned, demo_copy, tmp_path):
    """The month filed through the learned template is amended through the
    same version, even after a newer version became the default: the
    workbook is the sample again, with 更正说明 listing the changed cell in
    the sample's unit."""
    from dataclasses import replace
    from datetime import date

    from magdesk.storage.repository import Repository

    template = learned.draft("省局流向表", _choices(learned))
    with open_database(demo_copy) as db:
        assert usecases.save_learned(db, template, make_default=True).ok
        first = usecases.export_filing(db, PERIOD, tmp_path / "r0", today=date(2026, 11, 26))
        assert first.path is not None
        recorded = db.conn.execute("SELECT template FROM filing_export").fetchall()
        assert recorded == [("省局流向表@1",)]
        usecases.file_period(db, PERIOD, date(2026, 7, 6), "RC-1")
        assert usecases.save_learned(db, template, make_default=True).ok  # version 2
        usecases.amend_period(db, PERIOD, today=date(2026, 11, 26))
        sale = next(Repository(db).iter("sale", where=f"date LIKE '{PERIOD}%'"))
        assert usecases.save(db, replace(sale, qty_g=sale.qty_g // 2)).ok
        again = usecases.export_filing(db, PERIOD, tmp_path / "r1", today=date(2026, 11, 26))
        assert again.path is not None and again.path.name.endswith("_更正1.xlsx")
        assert db.conn.execute("SELECT template FROM filing_export WHERE revision = 1"
                               ).fetchall() == [("省局流向表@1",)]
    wb = openpyxl.load_workbook(again.path)
    diff = [r for r in wb["更正说明"].iter_rows(min_row=2, values_only=True)]
    sheet = learned.layout.sheets[0]
    qty = next(c for c in sheet.columns if c.unit == "t")
    old = f"{Decimal(sale.qty_g) / 10**6:.6f}"
    new = f"{Decimal(sale.qty_g // 2) / 10**6:.6f}"
    assert (sheet.name, sale.doc_no, qty.header, old, new, "修改") in diff
