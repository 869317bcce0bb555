"""The filing workbook against FILING-SPEC.md, read back by openpyxl and by
python-calamine, independently of magdesk's own read-back."""

import hashlib
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk.cli import main
from magdesk.filing.readback import unescape_text
from magdesk.storage import open_database

PERIOD = "2026-06"
# FILING-SPEC.md, sheets 2-7, headers verbatim.
SPEC = {
    "交易对象": "序号 单位名称 英文名称 交易对象类型 角色 统一社会信用代码 境外登记号 国家(地区) 地址",
    "采购入库": "序号 入库单号 入库日期 供应商名称 供应商统一社会信用代码 物料编码 物料名称 产品类别 "
                "海关商品编号 批号 数量(kg) 金额(元) 发票号码 来源 进口报关单号",
    "生产批次": "序号 生产批号 投产日期 完工日期 工艺 产出物料编码 产出产品名称 牌号 产出重量(kg) "
                "投料批号 投料物料编码 投料重量(kg)",
    "销售出库": "序号 出库单号 销售日期 客户名称 客户统一社会信用代码 客户国家(地区) 物料编码 产品名称 "
                "产品类别 牌号 海关商品编号 生产批号 重量(kg) 数量(件) 金额 币种 发票号码 合同号 是否出口",
    "出口明细": "序号 出库单号 报关单号 申报日期 运抵国(地区) 境外收货人 最终用户 最终用途 "
                "是否属于管制物项 管制编码 许可证类型 许可证号 重量(kg) 货值 币种",
    "月度库存": "序号 物料编码 物料名称 产品类别 期初库存(kg) 采购入库(kg) 生产入库(kg) 销售出库(kg) "
                "生产领用(kg) 损耗(kg) 期末库存(kg)",
}
TEXT_HEADERS = {"出库单号", "入库单号", "报关单号", "统一社会信用代码", "供应商统一社会信用代码",
                "客户统一社会信用代码", "海关商品编号", "发票号码", "合同号", "生产批号", "批号",
                "投料批号", "物料编码", "产出物料编码", "投料物料编码", "许可证号", "进口报关单号"}
HOSTILE = ['=HYPERLINK("http://x","y")', "+86 21 5555", "-1+2", "@SUM(A1)",
           "<r><t>A&B</t></r>", "_x0041_ 有限公司", " 前后空格 "]


def export(db_path, out, *extra):
    return main(["export", "--db", str(db_path), "--period", PERIOD, "--out", str(out), *extra])


@pytest.fixture
def planted(demo_copy):
    """Hostile names and 18-digit identifiers planted before export."""
    conn = sqlite3.connect(demo_copy)
    ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT customer_id FROM sale_out s JOIN counterparty c ON c.id = customer_id "
        "WHERE date LIKE ? AND c.cp_type <> 'FOREIGN' LIMIT ?", (f"{PERIOD}%", len(HOSTILE)))]
    for cid, name in zip(ids, HOSTILE, strict=True):
        conn.execute("UPDATE counterparty SET name_cn = ? WHERE id = ?", (name, cid))
    conn.execute("UPDATE export_shipment SET customs_decl_no = '999920260000000001' "
                 "WHERE id = (SELECT min(id) FROM export_shipment WHERE decl_date LIKE ?)",
                 (f"{PERIOD}%",))
    conn.commit()
    conn.close()
    return demo_copy


@pytest.fixture
def workbook(planted, tmp_path):
    assert export(planted, tmp_path) == 0
    (path,) = tmp_path.glob("*.xlsx")
    return planted, path


def test_file_name_and_sheets(workbook):
    db_path, path = workbook
    uscc = sqlite3.connect(db_path).execute("SELECT uscc FROM company").fetchone()[0]
    assert path.name == f"{uscc}_202606_稀土产品流向.xlsx"
    for names in (openpyxl.load_workbook(path).sheetnames,
                  CalamineWorkbook.from_path(path).sheet_names):
        assert names == ["申报信息", *SPEC, "校验", "报关申报要素"]


def test_headers_formats_freeze_filter_validation(workbook):
    _, path = workbook
    wb = openpyxl.load_workbook(path)
    for name, headers in SPEC.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert header == headers.split(), name
        assert all(c.font.b for c in ws[1]) and ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
        for col, title in enumerate(header, 1):
            letter = ws.cell(1, col).column_letter
            width = ws.column_dimensions[letter].width
            cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1)]
            assert width >= sum(2 if ord(ch) > 0x2E80 else 1 for ch in title)
            for cell in cells:
                if cell.value is None:
                    continue
                if title in TEXT_HEADERS:
                    assert cell.data_type == "s" and cell.number_format == "@", (name, title)
                elif "日期" in title:
                    assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd"
                elif "(kg)" in title:
                    assert cell.number_format == "0.000"
                elif title in ("金额(元)", "金额", "货值"):
                    assert cell.number_format == "#,##0.00"
    validated = {str(dv.sqref).split(":")[0][:1] for dv in wb["销售出库"].data_validations.dataValidation}
    assert validated == {"I", "S"}  # 产品类别, 是否出口
    dv = next(d for d in wb["交易对象"].data_validations.dataValidation if "D" in str(d.sqref))
    assert "境外企业" in dv.formula1


def test_no_formulas_and_hostile_names_stay_text(workbook):
    _, path = workbook
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    # openpyxl leaves the ECMA-376 _xHHHH_ escapes of inline strings as they are
    # (Excel, LibreOffice and calamine decode them), so decode them for it.
    names = {unescape_text(c.value) for c in openpyxl.load_workbook(path)["交易对象"]["B"]
             if c.value}
    assert set(HOSTILE) <= names
    calamine = {row[1] for row in CalamineWorkbook.from_path(path).get_sheet_by_name("交易对象")
                .to_python()}
    assert set(HOSTILE) <= calamine


def test_every_sales_cell_equals_the_database(workbook):
    db_path, path = workbook
    conn = sqlite3.connect(db_path)
    expected = conn.execute(
        "SELECT s.doc_no, s.date, c.name_cn, s.qty_g, s.qty_pcs, s.amount_fen, b.batch_no "
        "FROM sale_out s JOIN counterparty c ON c.id = s.customer_id "
        "JOIN production_batch b ON b.id = s.batch_id WHERE s.date LIKE ? ORDER BY s.date, s.id",
        (f"{PERIOD}%",)).fetchall()
    by_openpyxl = [tuple(unescape_text(v) if isinstance(v, str) else v for v in row)
                   for row in openpyxl.load_workbook(path)["销售出库"].iter_rows(
                       min_row=2, values_only=True)]
    by_calamine = CalamineWorkbook.from_path(path).get_sheet_by_name("销售出库").to_python()[1:]
    assert len(by_openpyxl) == len(by_calamine) == len(expected) > 20
    for seq, (row, a, b) in enumerate(zip(expected, by_openpyxl, by_calamine, strict=True), 1):
        doc, day, customer, grams, pcs, fen, batch = row
        for read, as_date in ((a, a[2].date()), (b, b[2])):
            assert read[0] == seq and read[1] == doc and read[3] == customer and read[11] == batch
            assert as_date == date.fromisoformat(day)
            assert round(read[12] * 1000) == grams and round(read[14] * 100) == fen
            assert read[13] == pcs


def test_eighteen_digit_declaration_survives(workbook):
    _, path = workbook
    col = openpyxl.load_workbook(path)["出口明细"]["C"]
    assert "999920260000000001" in {c.value for c in col}
    rows = CalamineWorkbook.from_path(path).get_sheet_by_name("出口明细").to_python()
    assert "999920260000000001" in {r[2] for r in rows}


def test_info_sheet_counts_and_checksum(workbook):
    _, path = workbook
    wb = openpyxl.load_workbook(path)
    info = {r[0]: r[1] for r in wb["申报信息"].iter_rows(min_row=2, values_only=True)}
    assert info["模板"] == "REFLOW-1" and info["所属期"] == PERIOD and info["申报类型"] == "正常"
    assert info["更正序号"] == "0" and info["生成软件"].startswith("magdesk ")
    assert datetime.fromisoformat(info["生成时间"]).tzinfo is not None
    digest = hashlib.sha256()
    for name in SPEC:
        ws = wb[name]
        assert int(info[f"{name} 行数"]) == ws.max_row - 1
        digest.update(f"{name}\n".encode())
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            digest.update(("\t".join(_text(h, v) for h, v in zip(headers, row, strict=True))
                           + "\n").encode())
    assert info["数据校验码"] == digest.hexdigest()
    checks = list(wb["校验"].iter_rows(min_row=2, values_only=True))
    assert len(checks) >= 5 and all(r[1] == "通过" for r in checks)
    assert checks[-1][2].endswith(" 个警告") and "，" in checks[-1][2]  # Chinese punctuation


def test_info_sheet_ends_with_the_audit_chain_anchor(workbook):
    """One row after 数据校验码: the audit chain's head when the file was
    written (storage/anchors.py), outside the data checksum."""
    from magdesk.filing import readback
    from magdesk.filing.template import load_template

    db_path, path = workbook
    by_openpyxl = [tuple(r) for r in openpyxl.load_workbook(path)["申报信息"].iter_rows(
        values_only=True)]
    by_calamine = [tuple(r) for r in CalamineWorkbook.from_path(path).get_sheet_by_name(
        "申报信息").to_python()]
    assert by_openpyxl == by_calamine
    assert by_openpyxl[0] == ("项目", "内容")
    items = [row[0] for row in by_openpyxl[1:]]
    assert items[:8] == ["模板", "企业名称", "统一社会信用代码", "所属期", "申报类型", "更正序号",
                         "生成时间", "生成软件"]
    assert items[8:14] == [f"{name} 行数" for name in SPEC]
    assert items[14:] == ["数据校验码", "审计链"]
    seq, digest, identity = by_openpyxl[-1][1].split(":")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT identity FROM magdesk_file").fetchone() == (identity,)
    assert conn.execute("SELECT entry_hash FROM audit_seal WHERE seq = ?",
                        (int(seq),)).fetchone() == (digest,)
    exported = conn.execute("SELECT min(seq) FROM audit_log WHERE entity = 'period' "
                            "AND new LIKE '%EXPORTED%'").fetchone()[0]
    conn.close()
    assert int(seq) == exported - 1  # the head when written, before the export recorded itself
    with readback.XlsxReader(path) as reader:
        assert readback.sheet_digest(reader, load_template().sheets)[0] == by_openpyxl[-2][1]


def _text(header, value) -> str:
    """FILING-SPEC's canonical cell text, written independently of magdesk."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if "(kg)" in header:
        return f"{value:.3f}"
    if header in ("金额(元)", "金额", "货值"):
        return f"{value:.2f}"
    return unescape_text(value) if isinstance(value, str) else str(value)


def test_errors_refuse_the_export_and_a_draft_is_marked(demo_copy, tmp_path, capsys):
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE sale_out SET invoice_no = '' WHERE id = (SELECT min(id) FROM sale_out "
                 "WHERE date LIKE ? AND is_export = 0)", (f"{PERIOD}%",))
    conn.commit()
    conn.close()
    assert export(demo_copy, tmp_path) == 1
    assert "sale.invoice_missing" in capsys.readouterr().out
    assert list(tmp_path.glob("*.xlsx")) == []
    assert export(demo_copy, tmp_path, "--draft") == 0
    (path,) = tmp_path.glob("*.xlsx")
    assert path.name.endswith("_草稿.xlsx")
    info = {r[0]: r[1] for r in openpyxl.load_workbook(path)["申报信息"].iter_rows(values_only=True)}
    assert info["状态"] == "草稿（未通过校验，不得上传）"
    checks = list(openpyxl.load_workbook(path)["校验"].iter_rows(min_row=2, values_only=True))
    failed = next(r for r in checks if r[1] == "不通过" and r[2] and "；" in r[2] + "；")
    assert ", " not in failed[2] and "; " not in failed[2]


def test_existing_file_is_not_overwritten(workbook, capsys):
    db_path, path = workbook
    before = path.read_bytes()
    assert export(db_path, path.parent) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_both_read_back_readers_agree_with_the_checksum(workbook, monkeypatch):
    """A sheet is read whole by calamine, or streamed when its XML is large."""
    from magdesk.filing import readback
    from magdesk.filing.template import load_template

    _, path = workbook
    sheets = load_template().sheets
    with readback.XlsxReader(path) as reader:
        whole = readback.sheet_digest(reader, sheets)
        rows = list(reader.rows("交易对象"))
    monkeypatch.setattr(readback, "WHOLE_SHEET_BYTES", 0)
    with readback.XlsxReader(path) as reader:
        streamed = readback.sheet_digest(reader, sheets)
        assert [n for n, _ in reader.rows("交易对象")] == [n for n, _ in rows]
    info = {r[0]: r[1] for r in openpyxl.load_workbook(path)["申报信息"].iter_rows(values_only=True)}
    assert whole == streamed
    assert whole[0] == info["数据校验码"] and whole[1]["交易对象"] == len(rows) - 1


@pytest.mark.parametrize("whole_sheet_bytes", [0, 16 << 20])
def test_read_back_difference_fails_and_leaves_no_file(demo_copy, tmp_path, monkeypatch,
                                                      capsys, whole_sheet_bytes):
    from magdesk.filing import readback
    from magdesk.filing.readback import XlsxReader

    monkeypatch.setattr(readback, "WHOLE_SHEET_BYTES", whole_sheet_bytes)
    original = XlsxReader.rows

    def tampered(self, sheet):  # as if one cell had not been written as meant
        for number, cells in original(self, sheet):
            if sheet == "销售出库" and number == 4:
                cells[12] = cells[12] + 0.001
            yield number, cells

    monkeypatch.setattr(XlsxReader, "rows", tampered)
    assert export(demo_copy, tmp_path) == 1
    assert "销售出库!M4" in capsys.readouterr().err
    assert [p for p in tmp_path.iterdir() if "xlsx" in p.name] == []  # nor a temporary file


def test_an_anchor_row_not_read_back_as_written_fails_the_export(demo_copy, tmp_path,
                                                                  monkeypatch, capsys):
    from magdesk.filing.readback import XlsxReader

    original = XlsxReader._streamed_rows

    def tampered(self, sheet):  # as if 审计链 had not been written as meant
        for number, cells in original(self, sheet):
            if sheet == "申报信息" and cells and cells[0] == "审计链":
                cells[1] = "1:" + "0" * 64 + ":x"
            yield number, cells

    monkeypatch.setattr(XlsxReader, "_streamed_rows", tampered)
    assert export(demo_copy, tmp_path) == 1
    assert "申报信息 does not read back as written" in capsys.readouterr().err
    assert [p for p in tmp_path.iterdir() if "xlsx" in p.name] == []


def test_export_is_recorded(workbook):
    db_path, path = workbook
    row = sqlite3.connect(db_path).execute(
        "SELECT period, file_name, template, sha256 FROM filing_export").fetchone()
    assert row == (PERIOD, path.name, "REFLOW-1", hashlib.sha256(path.read_bytes()).hexdigest())


def test_a_second_template_is_only_a_data_file(demo_copy, tmp_path):
    template = tmp_path / "MINI-1.toml"
    template.write_text('''
[template]
id = "MINI-1"
version = 1
name = "mini"
file_name = "{uscc}_{period}_mini{suffix}.xlsx"

[[sheet]]
name = "Sales"
source = "sales"
key = ["doc_no"]
columns = [
  { header = "No", field = "seq", kind = "seq" },
  { header = "Document", field = "doc_no", kind = "text" },
  { header = "Kilograms", field = "qty_g", kind = "mass" },
  { header = "Export", field = "is_export", kind = "bool" },
]
''', encoding="utf-8")
    out = tmp_path / "out"
    assert export(demo_copy, out, "--template", str(template)) == 0
    (path,) = out.glob("*_202606_mini.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["申报信息", "Sales", "校验"]
    assert [c.value for c in wb["Sales"][1]] == ["No", "Document", "Kilograms", "Export"]


@pytest.mark.parametrize("body, message", [
    ('{ header = "A", field = "doc_no", kind = "text" },\n'
     '  { header = "A", field = "date", kind = "date" },', "header 'A' appears twice"),
    ('{ header = "B", field = "nonsense", kind = "text" },', "has no field 'nonsense'"),
    ('{ header = "C", field = "doc_no", kind = "colour" },', "unknown kind 'colour'"),
])
def test_template_errors_name_file_and_line(tmp_path, body, message):
    from magdesk.filing.template import TemplateError, load_template

    path = tmp_path / "BAD-1.toml"
    path.write_text('[template]\nid = "BAD-1"\nversion = 1\nname = "x"\nfile_name = "x.xlsx"\n'
                    '\n[[sheet]]\nname = "S"\nsource = "sales"\nkey = ["doc_no"]\ncolumns = [\n'
                    f'  {body}\n]\n', encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(path=path)
    assert message in str(info.value)
    line = int(str(info.value).split(":")[1])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith("{ header")
    assert str(path) in str(info.value)


def test_shipped_templates_all_load():
    from magdesk.filing.template import available_templates, load_template

    assert "REFLOW-1" in available_templates()
    for name in available_templates():
        assert load_template(name).sheets


def _open(path: Path):
    return open_database(path)
