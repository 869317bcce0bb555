"""Texts that start like a formula (= + - @ Tab CR) are written with Excel's
quote prefix, so Excel shows them as text even when a cell is re-entered;
values, and so the data checksum, are unchanged; numbers are not touched."""

import openpyxl
from python_calamine import CalamineWorkbook

from magdesk.filing.readback import XlsxReader, sheet_digest, unescape_text
from magdesk.filing.template import load_template

from .test_export import HOSTILE, export, planted  # noqa: F401 - the fixture


def test_formula_like_texts_carry_the_quote_prefix(planted, tmp_path):  # noqa: F811
    assert export(planted, tmp_path) == 0
    (path,) = tmp_path.glob("*.xlsx")
    wb = openpyxl.load_workbook(path)
    formula_like = {"=HYPERLINK(\"http://x\",\"y\")", "+86 21 5555", "-1+2", "@SUM(A1)"}
    seen = set()
    for name in ("交易对象", "销售出库"):
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    text = unescape_text(cell.value)
                    assert cell.quotePrefix == (text in formula_like), (name, cell.coordinate)
                    if cell.quotePrefix:
                        seen.add(text)
                        assert cell.number_format == "@" and cell.data_type == "s"
                elif isinstance(cell.value, int | float):
                    assert not cell.quotePrefix
    assert seen == formula_like
    calamine = {row[1] for row in CalamineWorkbook.from_path(path).get_sheet_by_name("交易对象")
                .to_python()[1:]}
    assert set(HOSTILE) <= calamine  # the values as they were
    info = dict(r[:2] for r in wb["申报信息"].iter_rows(min_row=2, values_only=True))
    with XlsxReader(path) as reader:  # the checksum over the values read back still holds
        digest, _ = sheet_digest(reader, load_template("REFLOW-1").sheets)
    assert info["数据校验码"] == digest
