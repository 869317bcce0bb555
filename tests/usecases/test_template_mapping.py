"""What the window's mapping table offers, through the use cases: the sources,
the targets with magdesk's headers, their kinds, units and the codes a
sample's drop-down list suggests; the plain data (Choice, SampleError)."""

import pytest

from magdesk import usecases
from tests.filing import sample_books as B


def test_targets_headers_kinds_and_units():
    assert "sales" in usecases.template_sources()
    targets = usecases.mapping_targets("sales")
    assert targets[0] == "seq" and "customer_cp_type" in targets and "@company.uscc" in targets
    assert usecases.target_header("sales", "customer_name") == "客户名称"
    assert usecases.target_kind("sales", "qty_g")[0] == "mass"
    assert usecases.target_kind("sales", "is_export")[0] == "bool"
    kind, enum = usecases.target_kind("sales", "customer_cp_type")
    assert kind == "enum" and "FOREIGN" in enum.labels()
    assert usecases.target_kind("sales", "@period") == ("text", None)
    assert usecases.target_units("mass") == ["kg", "t", "g"]
    assert usecases.target_units("money") == ["元", "万元"]
    assert usecases.target_units("text") == []


def test_codes_suggested_from_a_drop_down_list(tmp_path):
    learned = usecases.learn_template(B.flow_sheet(tmp_path))
    column = next(c for c in learned.layout.sheets[0].columns if c.header == "客户类型*")
    codes = usecases.suggested_codes("sales", "customer_cp_type", column.choices)
    assert codes == {"DOMESTIC_ENTERPRISE": "1-境内企业", "FOREIGN": "2-境外企业",
                     "INDIVIDUAL_BUSINESS": "3-个体工商户"}
    assert usecases.suggested_codes("sales", "is_export", ("是", "否")) == \
        {"true": "是", "false": "否"}
    assert usecases.suggested_codes("sales", "customer_name", column.choices) == {}


def test_a_choice_drafts_and_a_sample_error_says_why(tmp_path):
    learned = usecases.learn_template(B.flow_sheet(tmp_path))
    sheet = learned.layout.sheets[0]
    choices = {sheet.name: {"E": usecases.Choice("customer_cp_type", codes={
        "DOMESTIC_ENTERPRISE": "1-境内企业", "FOREIGN": "2-境外企业",
        "INDIVIDUAL_BUSINESS": "3-个体工商户", "OTHER_ORG": "1-境内企业"})}}
    template = learned.draft("省局流向表", choices)
    assert not [p for p in learned.problems(template, choices) if p.blocking]
    with pytest.raises(usecases.SampleError) as caught:
        usecases.learn_template(B.only_instructions(tmp_path))
    assert caught.value.message("zh") and caught.value.message("en")
