"""Whatever the cells hold, an import returns findings (never raises), every
error is placed at a cell of a data row, and a rejected file writes nothing."""

import shutil
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magdesk.storage import open_database
from magdesk.usecases import import_file

from .conftest import TODAY
from .helpers import dump, write_csv, write_xlsx
from .test_import import SALE_HEAD

CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 3, 1)), st.datetimes(min_value=datetime(1900, 3, 1)),
    st.text(max_size=30), st.text(alphabet="0123456789,.Ee+-吨kg年月日/ ", max_size=25),
    st.sampled_from(["=1+2", "=HYPERLINK(\"x\")", "@SUM(A1)", "合计", "IMP-0001", "是", "否",
                     "1.23457E+17", "2026-10-31", "１２３４", "N42"]),
)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=len(SALE_HEAD), max_size=len(SALE_HEAD)),
                min_size=1, max_size=6), st.booleans())
def test_any_cells_give_findings_not_crashes(demo_file, tmp_path_factory, rows, as_csv):
    folder = tmp_path_factory.mktemp("fuzz")
    db_path = folder / "db.sqlite"
    shutil.copy(demo_file, db_path)
    before = dump(db_path)
    table = [SALE_HEAD, *rows]
    if as_csv:
        path = write_csv(folder / "f.csv", [[_text(c) for c in r] for r in table], "gb18030")
    else:
        path = write_xlsx(folder / "f.xlsx", [[_xlsx(c) for c in r] for r in table])
    with open_database(db_path) as db:
        result = import_file(db, "sales", path, today=TODAY, report=folder / "r.xlsx")
    assert result.status in ("imported", "rejected")
    for f in result.findings:
        assert f.message("zh") and f.message("en")
        if f.is_error and f.row is not None:
            assert 2 <= f.row <= len(table)
    if result.status == "rejected":
        assert dump(db_path) == before
    assert (folder / "r.xlsx").exists()


def _text(cell) -> str:
    if cell is None:
        return ""
    text = str(cell)
    return "".join(ch for ch in text if ch.isprintable() or ch in "\t")  # what a csv can hold


def _xlsx(cell):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(cell, str):
        return ILLEGAL_CHARACTERS_RE.sub("", cell)
    if isinstance(cell, int) and abs(cell) > 10**15:
        return float(cell)
    if isinstance(cell, float) and (cell != cell or cell in (float("inf"), float("-inf"))):
        return None  # openpyxl cannot write NaN or infinity
    return cell
