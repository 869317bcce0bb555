"""Hostile workbooks are measured and refused before python-calamine reads
them: in a fraction of a second, in little memory, with a message naming the
limit, the sheet or part and the figure — never an aborted process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from magdesk.importing import limits
from magdesk.importing.reader import ImportFileError, read_source, sheet_names

from . import bombs
from .helpers import write_xls, write_xlsx

MB = 2**20


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    """~7 MB holding a 2 GB sheet (built once: deflating 2 GB takes seconds)."""
    return bombs.huge_sheet(tmp_path_factory.mktemp("bomb") / "huge.xlsx", 2.0)


def refused(path: Path, **options) -> ImportFileError:
    start = time.perf_counter()
    with pytest.raises(ImportFileError) as info:
        read_source(path, **options)
    assert time.perf_counter() - start < 1.0
    for lang in ("zh", "en"):
        assert path.name in info.value.message(lang)
    return info.value


# The CLI is started by a small interpreter whose only child it is: the peak
# memory of a child forked straight from pytest would count pytest's pages too.
_RUN = ("import json, resource, subprocess, sys, time; start = time.perf_counter(); "
        "done = subprocess.run(sys.argv[1:], capture_output=True); "
        "print(json.dumps([done.returncode, done.stderr.decode('utf-8', 'replace'), "
        "time.perf_counter() - start, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024]))")


def child(args: list[str]) -> tuple[int, str, float, int]:
    """Run the CLI in a child process: exit code, stderr, seconds and the
    child's peak memory (MB) from its resource usage."""
    out = subprocess.run([sys.executable, "-c", _RUN, sys.executable, "-m", "magdesk.cli",
                          *args], capture_output=True, text=True, check=True).stdout
    code, err, seconds, rss = json.loads(out)
    return code, err, seconds, rss


@pytest.mark.skipif(sys.platform == "win32", reason="resource usage of a child: POSIX")
def test_the_issues_bombs_are_refused_by_the_cli_quickly_and_in_little_memory(
        demo_copy, tmp_path, huge):
    far = bombs.far_cell(tmp_path / "far.xlsx")
    assert far.stat().st_size < 5000 and huge.stat().st_size < 10 * MB
    for path, words in ((far, ("XFD1048576", "16384", "200")), (huge, ("2.0 GB", "500.0 MB"))):
        code, err, seconds, rss = child(["--lang", "en", "import", "--db", str(demo_copy),
                                         "sales", str(path)])
        assert code == 2, err  # not 134 (a Rust abort)
        assert "Traceback" not in err and "panicked" not in err
        assert path.name in err and all(w in err for w in words), err
        assert rss < 200, f"{rss} MB"
        assert seconds < 10  # the interpreter's start included; the refusal alone: below
    assert "用到第16384列" in child(["--lang", "zh", "import", "--db", str(demo_copy), "sales",
                                   str(far)])[1]


def test_one_cell_at_xfd1048576(tmp_path):
    error = refused(bombs.far_cell(tmp_path / "far.xlsx"))
    assert error.code == "import.limit_columns"
    assert error.params["sheet"] == bombs.SHEET and error.params["cell"] == "XFD1048576"
    with pytest.raises(ImportFileError):
        sheet_names(tmp_path / "far.xlsx")  # the wizard lists sheets through the same gate


def test_a_2gb_sheet_in_a_few_mb(huge):
    error = refused(huge)
    assert error.code == "import.limit_part"
    assert error.params["part"] == bombs.SHEET_PART and error.params["size"] == "2.0 GB"


def test_a_part_that_unpacks_to_more_than_it_declares(tmp_path):
    body = [b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 20_000)]
    path = bombs.workbook(tmp_path / "forged.xlsx", body, zip64=False)
    bombs.forge_size(path, bombs.SHEET_PART, 4096)
    assert refused(path).code == "import.limit_declared"


def test_a_highly_compressed_part_and_too_many_parts(tmp_path):
    padded = bombs.workbook(tmp_path / "ratio.xlsx", [b""],
                            extra={"docProps/custom.xml": b"<a>" + b" " * (40 * MB) + b"</a>"})
    error = refused(padded)
    assert error.code == "import.limit_ratio" and error.params["part"] == "docProps/custom.xml"
    many = bombs.workbook(tmp_path / "many.xlsx", [b""],
                          extra={f"xl/media/p{n}.xml": b"" for n in range(limits.MAX_ENTRIES)})
    assert refused(many).code == "import.limit_entries"


@pytest.mark.parametrize("cells, code, figure", [
    # cells without r: placed one column right of the one before
    ([b'<row r="1">' + b"<c><v>1</v></c>" * 201 + b"</row>"], "import.limit_columns", "201"),
    # another prefix for the same elements
    ([b'<x:row r="1"><x:c r="HZ1"><x:v>1</x:v></x:c></x:row>'], "import.limit_columns", "234"),
    # a second r (the last one counts), spaced and single-quoted
    ([b'<row r="1"><c r="A1" r = \'ZZ1\'><v>1</v></c></row>'], "import.limit_columns", "702"),
    # lower case, and a row beyond Excel's
    ([b'<row r="1"><c r="a1"><v>1</v></c><c r="b2000000"><v>1</v></c></row>'],
     "import.limit_rows", "2,000,000"),
    # within each limit alone, an area of 200 x 200,000 with two values in it
    ([b'<row r="1"><c r="GR1"><v>1</v></c></row>',
      b'<row r="200000"><c r="A200000"><v>1</v></c></row>'], "import.limit_sparse", "40,000,000"),
])
def test_cells_beyond_the_limits_in_any_form(tmp_path, cells, code, figure):
    head = bombs.HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.'
                              b'openxmlformats.org/spreadsheetml/2006/main" ')
    error = refused(bombs.rows(tmp_path / "cells.xlsx", cells, head=head))
    assert error.code == code
    assert figure in error.message("en") and figure in error.message("zh")


def test_a_declared_dimension_beyond_the_limits_and_a_dtd(tmp_path):
    path = bombs.rows(tmp_path / "dim.xlsx", [b'<row r="1"><c r="A1"><v>1</v></c></row>'],
                      before=b'<dimension ref="A1:XFD1048576"/>')
    error = refused(path)
    assert error.code == "import.limit_dimension" and "A1:XFD1048576" in error.message("zh")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    path = bombs.rows(tmp_path / "dtd.xlsx", [b'<row r="1"><c r="A1"><v>1</v></c></row>'],
                      head=laughs + bombs.HEAD.split(b"?>", 1)[1])
    assert refused(path).code == "import.limit_dtd"


def test_ledgers_within_the_limits_read_as_before(tmp_path):
    """Narrow and wide sheets, 1,000 rows, cells written with and without r:
    read whole, positions kept."""
    wide = [[f"{r}-{c}" for c in range(60)] for r in range(1, 1001)]
    source = read_source(write_xlsx(tmp_path / "wide.xlsx", wide))
    assert len(source.rows) == 1000 and source.rows[999][59] == "1000-59"
    plain = [b'<row r="%d">%s</row>' % (n, b"<c><v>%d</v></c>" % n * 3) for n in range(1, 501)]
    source = read_source(bombs.rows(tmp_path / "positional.xlsx", plain))
    assert len(source.rows) == 500 and source.rows[499] == [500.0, 500.0, 500.0]
    assert read_source(write_xls(tmp_path / "a.xls", [["出库单号", "日期"], ["SO-1", "x"]])).rows


def test_an_xls_is_bounded_by_its_size_and_columns(tmp_path, monkeypatch):
    too_wide = [[None] * 250 + ["远"]]
    error = refused(write_xls(tmp_path / "wide.xls", too_wide))
    assert error.code == "import.limit_columns" and error.params["columns"] == "251"
    small = write_xls(tmp_path / "a.xls", [["出库单号"]])
    monkeypatch.setattr(limits, "MAX_XLS", 1024)
    assert refused(small).code == "import.limit_file"


def test_openpyxl_reads_a_clerks_file_only_through_defusedxml(tmp_path):
    import openpyxl
    from defusedxml import DefusedXmlException

    from magdesk.importing.reader import Source
    from magdesk.importing.report import _copy

    assert openpyxl.DEFUSEDXML  # installed with magdesk (pyproject): openpyxl uses it
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    path = bombs.rows(tmp_path / "dtd.xlsx", [b'<row r="1"><c r="A1"><v>1</v></c></row>'],
                      head=laughs + bombs.HEAD.split(b"?>", 1)[1])
    with pytest.raises(ValueError) as info:  # openpyxl wraps what defusedxml raised
        openpyxl.load_workbook(path)
    assert isinstance(info.value.__cause__, DefusedXmlException)
    # the error report's copy of the ledger: refused before openpyxl, then streamed instead
    assert _copy(Source(path, "xlsx", [bombs.SHEET], bombs.SHEET, [["x"]])) is None


def test_the_check_reads_a_part_in_chunks(tmp_path):
    """A 60 MB sheet is measured without holding it: the scan's own memory
    stays near one chunk (traced allocations, not the process's)."""
    import tracemalloc

    row = b'<row r="%d">' + b'<c r="A%d" t="inlineStr"><is><t>' + b"x" * 200 + b"</t></is></c>" \
        + b"</row>"
    body = (b"".join(row.replace(b"%d", str(n).encode()) for n in range(k, k + 1000))
            for k in range(1, 200_000, 1000))
    path = bombs.workbook(tmp_path / "long.xlsx", body)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(bombs.SHEET_PART).file_size > 40 * MB
    tracemalloc.start()
    limits.check_workbook(path, "xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 16 * MB


def _far_xls(path: Path, sheets: int, row: int, column: int) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for n in range(sheets):
        ws = wb.add_sheet(f"台账{n}")
        ws.write(0, 0, "出库单号")
        ws.write(row, column, 1)
    wb.save(str(path))
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="resource usage of a child: POSIX")
def test_an_xls_is_measured_before_calamine_pads_its_sheets(demo_copy, tmp_path):
    """calamine pads every sheet of an .xls from A1 as it opens the file: one
    far cell, or many sheets each within the limits, took gigabytes."""
    far = _far_xls(tmp_path / "far.xls", 1, 65535, 255)
    error = refused(far)
    assert error.code == "import.limit_columns" and "IV65536" in error.message("en")
    many = _far_xls(tmp_path / "many.xls", 3, 7499, 199)  # 1.5 million cells each
    error = refused(many)
    assert error.code == "import.limit_cells" and "台账0 … 台账2" in error.message("zh")
    assert "4,500,000" in error.message("en")
    big = _far_xls(tmp_path / "big.xls", 3, 65535, 199)  # 13 million cells: one is too many
    assert refused(big).code == "import.limit_cells" and big.stat().st_size < 30_000
    code, err, seconds, rss = child(["--lang", "en", "import", "--db", str(demo_copy),
                                     "sales", str(big)])
    assert code == 2 and "Traceback" not in err and "13,107,200" in err, err
    assert rss < 200, f"{rss} MB"
    two = _far_xls(tmp_path / "two.xls", 2, 999, 25)  # within the limits: read as before
    assert read_source(two, sheet="台账1").rows[999][25] == 1.0


def test_a_workbook_whose_compressed_data_is_damaged_is_unreadable(tmp_path, demo_copy):
    """Damaged deflate data in a sheet (or a CRC that does not match) is a
    file that cannot be read (exit 2), not an unexpected failure (exit 70)."""
    rows = [[f"客户{n * 7919 % 1000}", n] for n in range(3000)]
    good = write_xlsx(tmp_path / "good.xlsx", rows)
    with zipfile.ZipFile(good) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("sheet1.xml"))
    data = bytearray(good.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 200, start + 260):
        data[k] ^= 0x5A
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    assert refused(damaged).code == "import.file_unreadable"
    code, err, _seconds, _rss = child(["--lang", "en", "import", "--db", str(demo_copy),
                                       "sales", str(damaged)])
    assert code == 2 and "damaged.xlsx" in err and "unexpectedly" not in err, err


def test_a_workbook_of_an_unknown_zip_version_is_unreadable(tmp_path):
    """A central directory entry that asks for a newer zip version than Python
    reads (zipfile raises NotImplementedError while opening the file) is a
    file that cannot be read, named, not an unexpected failure."""
    good = write_xlsx(tmp_path / "good.xlsx", [["客户甲", 1]])
    data = bytearray(good.read_bytes())
    entry = data.find(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6:entry + 8] = (246).to_bytes(2, "little")  # "version needed": 24.6
    odd = tmp_path / "odd.xlsx"
    odd.write_bytes(bytes(data))
    error = refused(odd)
    assert error.code == "import.file_unreadable" and error.params["file"] == "odd.xlsx"


# --- areas padded by python-calamine: sparse and dense ---------------------------

def test_a_stray_cell_far_from_the_data_is_named(tmp_path):
    """1.5 KB with values at A1 and Z1048576 took 1.17 GB: a large area that is
    almost empty is refused naming the far cell."""
    path = bombs.stray_cell(tmp_path / "stray.xlsx")
    assert path.stat().st_size < 2000
    error = refused(path)
    assert error.code == "import.limit_sparse" and error.params["far"] == "Z1048576"
    assert error.params["ref"] == "A1:Z1048576" and error.params["sheet"] == bombs.SHEET
    assert "删除" in error.message("zh") and "delete the stray cells" in error.message("en")


def test_cells_with_only_a_style_do_not_count(tmp_path):
    """calamine does not pad for a cell without a value (measured), so a far
    formatted cell, or a dimension declaring it, is no reason to refuse."""
    path = bombs.rows(tmp_path / "styled.xlsx", [
        b'<row r="1"><c r="A1"><v>7</v></c></row>',
        b'<row r="1048576"><c r="Z1048576" s="3"/><c r="Y1048576" s="3"></c></row>'],
        before=b'<dimension ref="A1:Z1048576"/>')
    assert read_source(path).rows == [[7.0]]


@pytest.mark.skipif(sys.platform == "win32", reason="resource usage of a child: POSIX")
def test_sparse_and_dense_areas_are_refused_by_the_cli_in_little_memory(demo_copy, tmp_path):
    """The tester's three: 1.17 GB, 2.0 GB and 382 MB before; now refused up
    front (exit 2, no traceback, < 200 MB) with the cells and the limit."""
    stray = bombs.stray_cell(tmp_path / "stray.xlsx")
    huge = bombs.dense_stream(tmp_path / "dense.xlsx", 1_048_576, 26)  # 27 M cells, streamed
    five = bombs.dense(tmp_path / "five.xlsx", 200_000, 25)  # 5 M cells with references
    assert refused(huge).code == "import.limit_dense"
    for path, words in ((stray, ("Z1048576", "27,262,976", "delete the stray")),
                        (huge, ("27,263,000", "4,000,000", "split the ledger by month")),
                        (five, ("5,0", "4,000,000", "split the ledger by month"))):
        code, err, seconds, rss = child(["--lang", "en", "import", "--db", str(demo_copy),
                                         "sales", str(path)])
        assert code == 2, err
        assert "Traceback" not in err and path.name in err and all(w in err for w in words), err
        assert rss < 200, f"{path.name}: {rss} MB"
    start = time.perf_counter()
    with pytest.raises(ImportFileError):
        read_source(stray)
    assert time.perf_counter() - start < 1.0


def test_a_real_ledger_of_100000_rows_is_read(tmp_path):
    """100,000 rows × 20 columns (2 million cells, ~230 MB to read) is within
    the limits; a few seconds."""
    source = read_source(bombs.dense(tmp_path / "ledger.xlsx", 100_000, 20))
    assert len(source.rows) == 100_000 and source.rows[-1][1] == 700_001.0
    assert limits.MAX_CELLS >= 100_010 * 30  # a ledger of 100,000 rows × 30 columns fits


@pytest.mark.parametrize("cells, rows, columns", [
    # a second r, single letter: the last one counts (calamine), so column Z
    ([b'<row r="1"><c r="A1" r="Z1"><v>1</v></c></row>'], 1, 26),
    # lower case, beyond the columns seen before
    ([b'<row r="1"><c r="A1"><v>1</v></c><c r="k1"><v>1</v></c></row>'], 1, 11),
    # rows out of order: the last reference is not the last row
    ([b'<row r="150000"><c r="B150000"><v>1</v></c></row>',
      b'<row r="3"><c r="A3"><v>1</v></c></row>'], 150_000, 2),
    ([b'<row r="100001"><c r="B100001"><v>1</v></c></row>',
      b'<row r="100000"><c r="A100000"><v>1</v></c></row>',
      b'<row r="100002"><c r="A100002"><v>1</v></c><c r="A99"><v>1</v></c></row>'], 100_002, 2),
])
def test_the_quick_scan_bounds_the_area_whatever_the_order(cells, rows, columns):
    """The quick scan takes the last single letter and the last row by a few
    searches: its bounds must still cover every cell (or hand over to the
    exact scan)."""
    from magdesk.importing import sheetscan

    scanner = sheetscan.Scanner(lambda *args: None)
    scanner.feed(b"<sheetData>" + b"".join(cells) + b"</sheetData>")
    scanner.close()
    if scanner.exact_needed:
        scanner = sheetscan.Scanner(lambda *args: None, exact=True)
        scanner.feed(b"<sheetData>" + b"".join(cells) + b"</sheetData>")
        scanner.close()
        assert (scanner.use.rows, scanner.use.columns) == (rows, columns)
    assert scanner.use.rows >= rows and scanner.use.columns >= columns


def test_a_second_reference_far_right_is_measured(tmp_path):
    """40,000 cells in column A and one whose second r says Z: calamine pads
    26 columns (1,040,026 cells, 4 % of them values), so the sheet is refused,
    not taken as one column wide."""
    body = [b'<row r="1"><c r="A1" r="Z1"><v>1</v></c></row>']
    body += [b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                      for n in range(k, k + 10_000)) for k in range(2, 40_002, 10_000)]
    error = refused(bombs.workbook(tmp_path / "second.xlsx", body))
    assert error.code == "import.limit_sparse" and "Z1" in error.params["far"]
