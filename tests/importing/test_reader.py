"""Every source format, encoding and layout reads to the same values at the
positions Excel shows; unusable files give a clear error, never a crash."""

from datetime import date
from pathlib import Path

import pytest

from magdesk.importing.columns import KINDS
from magdesk.importing.mapping import find_header, map_header
from magdesk.importing.reader import ImportFileError, read_source, sheet_names

from .helpers import write_csv, write_xls, write_xlsx

ROWS = [["2025年6月销售台账", None, None], [], ["出库单号", "销售日期", "客户名称"],
        ["SO-001", date(2025, 6, 3), "宁波（东升）电机有限公司"]]


def _texts(source):
    return [[c for c in row if c not in ("", None)] for row in source.rows]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_csv_in_every_encoding(tmp_path, encoding):
    rows = [r if r else [""] for r in ROWS]
    rows[3] = ["SO-001", "2025/6/3", "宁波（东升）电机有限公司"]
    source = read_source(write_csv(tmp_path / "a.csv", rows, encoding))
    assert source.format == "csv"
    assert source.rows[2] == ["出库单号", "销售日期", "客户名称"]
    assert source.rows[3][2] == "宁波（东升）电机有限公司"
    assert source.encoding.replace("-sig", "") in (encoding.replace("-sig", ""), "gb18030")


def test_csv_with_tabs_semicolons_and_a_megabyte_cell(tmp_path):
    big = "磁" * 1_000_000
    for delimiter in ("\t", ";"):
        path = write_csv(tmp_path / "a.csv", [["出库单号", "备注"], ["SO-1", big]],
                         delimiter=delimiter)
        assert read_source(path).rows[1] == ["SO-1", big]


def test_xlsx_and_xls_keep_positions_and_types(tmp_path):
    for path in (write_xlsx(tmp_path / "a.xlsx", ROWS, "台账"),
                 write_xls(tmp_path / "a.xls", ROWS, "台账")):
        source = read_source(path)
        assert source.sheet == "台账"
        assert source.rows[0][0] == "2025年6月销售台账"
        assert source.rows[2][:3] == ["出库单号", "销售日期", "客户名称"]
        assert source.rows[3][1] in (date(2025, 6, 3), 45811.0)


def test_merged_cells_repeat_their_value(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["生产批号", "投料批号"])
    ws.append(["PB-1", "L1"])
    ws.append([None, "L2"])
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "m.xlsx")
    assert read_source(tmp_path / "m.xlsx").rows[2][:2] == ["PB-1", "L2"]


def test_header_found_below_titles_and_mapped_with_units(tmp_path):
    rows = [["XX公司 销售出库明细"], ["制表:王静", None, "2025-06"], [],
            ["序号", "出 库 单 号", "日期", "客户", "物料编码", "批号", "重量（吨）", "件数",
             "金额(万元)", "Invoice No.", "乱七八糟"]]
    kind = KINDS["sales"]
    at = find_header(rows, kind)
    assert at == 3
    m = map_header(rows, at, kind)
    assert m.columns == {1: "doc_no", 2: "date", 3: "customer_name", 4: "product_code",
                         5: "batch_no", 6: "qty_g", 7: "qty_pcs", 8: "amount_fen",
                         9: "invoice_no"}
    assert m.units == {6: "吨", 8: "万元"}
    assert m.unmapped == [10] and m.missing == []


def test_missing_required_columns_are_named(tmp_path):
    kind = KINDS["purchases"]
    rows = [["入库单号", "日期", "数量"]]
    m = map_header(rows, 0, kind)
    assert set(m.missing) == {"supplier_name", "product_code", "lot_no"}


def test_the_sheet_whose_header_fits_is_chosen(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", [["项目", "内容"], ["模板", "REFLOW-1"]], "申报信息",
                      extra_sheets={"采购入库": [["入库单号", "入库日期", "批号", "物料编码"]],
                                    "销售出库": [["出库单号", "销售日期", "客户名称", "物料编码",
                                               "生产批号", "重量(kg)"]]})
    kind = KINDS["sales"]

    def score(head):
        at = find_header(head, kind)
        return None if at is None else (not map_header(head, at, kind).missing, 1)

    assert read_source(path, pick=score).sheet == "销售出库"
    assert read_source(path, "采购入库").sheet == "采购入库"
    assert read_source(path, " 销售出库 ").sheet == "销售出库"
    assert sheet_names(path) == ["申报信息", "采购入库", "销售出库"]
    with pytest.raises(ImportFileError) as info:
        read_source(path, "出口明细")
    assert info.value.code == "import.sheet_missing"
    assert "出口明细" in info.value.message("zh") and "销售出库" in info.value.message("en")


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"PK\x03\x04truncated",
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk", "出库单号,日期\n".encode()])
def test_broken_or_renamed_files_give_a_clear_error(tmp_path, content):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        read_source(path)
    assert info.value.code == "import.file_unreadable"
    assert "ledger.xlsx" in info.value.message("zh")


def test_a_truncated_real_workbook(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", ROWS)
    data = good.read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError):
        read_source(bad)


def test_missing_file_and_unknown_type(tmp_path):
    with pytest.raises(ImportFileError) as info:
        read_source(tmp_path / "nope.xlsx")
    assert info.value.code == "import.file_unreadable"
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportFileError) as info:
        read_source(Path(tmp_path / "a.pdf"))
    assert info.value.code == "import.file_type"
