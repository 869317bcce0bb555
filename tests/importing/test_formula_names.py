"""A name that starts like a formula is flagged the same way through an
import as through a form (both check records with the same core rule): a
warning the clerk can accept, naming the field and the character."""

from datetime import date

from magdesk.core.model import Counterparty
from magdesk.core.rules_records import Context, check_counterparty

from .helpers import write_csv
from .test_import import _uscc


def test_an_import_warns_of_a_formula_like_name(demo_copy, run, tmp_path):
    rows = [["单位名称", "角色", "统一社会信用代码", "地址"],
            ["=SUM(A1)磁业有限公司", "客户", _uscc(31), "宁波"],
            ["@宁波磁业有限公司", "客户", _uscc(32), "宁波"],
            ["宁波正常磁业有限公司", "客户", _uscc(33), "+86 宁波"]]  # an address is no name
    result = run("counterparties", write_csv(tmp_path / "c.csv", rows, "utf-8"))
    assert result.status == "imported" and result.inserted == 3  # a warning, not an error
    flagged = [(f.row, f.column, f.code, f.finding.params.get("first")) for f in result.findings]
    assert flagged == [(2, "A", "name.formula_like", "="), (3, "A", "name.formula_like", "@"),
                       (4, "D", "import.formula_text", None)]  # an address: the import's word
    text = result.findings[0].message("zh")
    assert "以“=”开头" in text and "可能把它当作公式" in text


def test_the_core_rule_a_form_uses_says_the_same(codes):
    ctx = Context(codes=codes, today=date(2026, 11, 26))
    for name, first in (("=SUM(A1)磁业有限公司", "="), ("-宁波磁业", "-"), ("+宁波磁业", "+"),
                        ("\t宁波磁业", "Tab"), ("\r宁波磁业", "CR"), ("宁波=磁业", None)):
        cp = Counterparty(id=None, name_cn=name, name_en="", cp_type="DOMESTIC", role="CUSTOMER",
                          is_trader=False, uscc=_uscc(40), foreign_reg_no="", country="CN",
                          address="宁波", end_use_default="")
        found = [f for f in check_counterparty(cp, ctx) if f.code == "name.formula_like"]
        assert [f.params["first"] for f in found] == ([first] if first else []), name
        assert all(f.field == "name_cn" and not f.is_error for f in found)
