"""The control decision per export line in a real file, and what a change of
the threshold setting changes: exactly the expected lines of the open months
(the use case, the CLI)."""

import json
from dataclasses import replace
from datetime import date

import pytest

from magdesk import cli, usecases
from magdesk.core import model as M
from magdesk.core.control import ControlPolicy, ThresholdMode
from magdesk.storage.db import open_database
from magdesk.storage.repository import Repository
from tests.core import world as W

BASE = replace(W.N42, id=None, re_total_pct=310_000, nd_pct=232_000, pr_pct=76_000,
               test_report_no="TR-1", report_date=date(2026, 1, 5), report_lab="SGS")
MODELS = [  # code, changes
    ("MG-DY000", {"dy_pct": 0}),
    ("MG-DY005", {"dy_pct": 500}),
    ("MG-DY018", {"dy_pct": 1800}),
    ("MG-DY036", {"dy_pct": 3600}),
    ("MG-SMCO", {"category": "SMCO", "grade": "YXG28H", "sm_pct": 250_000, "dy_pct": 0,
                 "nd_pct": None, "pr_pct": None, "re_total_pct": 255_000}),
    ("MG-ROTOR", {"dy_pct": 3600, "exempt_kind": "ROTOR_ASSEMBLY",
                  "exempt_reason": "磁体嵌入转子铁芯"}),
]


@pytest.fixture
def path(tmp_path):
    """One export line per model in 2026-03 (open), and one of the 0.05 % model
    in 2026-02 (filed)."""
    path = tmp_path / "control.sqlite"
    with open_database(path, create=True) as db:
        repo = Repository(db)
        repo.set_company(W.COMPANY)
        for cp in (W.SUPPLIER, W.CUSTOMER, W.FOREIGN):
            repo.insert(replace(cp, id=None))
        n = 0
        for code, changes in MODELS:
            pid = repo.insert(replace(BASE, code=code, name_cn=code, **changes))
            bid = repo.insert(M.Batch(None, f"PB-{code}", date(2026, 1, 5), date(2026, 1, 10),
                                      "SINTERED", pid, 1_000_000))
            days = [date(2026, 3, 16)] + ([date(2026, 2, 16)] if code == "MG-DY005" else [])
            for day in days:
                n += 1
                sid = repo.insert(M.Sale(None, f"SO-{n}", day, 3, pid, bid, 100_000,
                                         is_export=True, end_use="EV_MOTOR", currency="USD"))
                repo.insert(M.ExportLine(None, sid, f"3104{day:%Y}0{n:09d}", day, "8505111000",
                                         "JP", 3, "Kanto Motor Co., Ltd.", "EV_MOTOR", 100_000))
        with db.write() as conn:
            conn.execute("INSERT INTO period (period, state) VALUES ('2026-02', 'FILED')")
    return path


def _by_product(decisions):
    return {d.product_code: (d.decision.controlled, d.decision.control_no)
            for d in decisions if d.period == "2026-03"}


def test_each_line_is_decided_by_its_model(path):
    with open_database(path) as db:
        lines = usecases.line_decisions(db, policy=ControlPolicy())
    assert _by_product(lines) == {
        "MG-DY000": (False, None), "MG-DY005": (True, "1C905.a.4"),
        "MG-DY018": (True, "1C905.a.4"), "MG-DY036": (True, "1C905.a.4"),
        "MG-SMCO": (True, "1C902.a.4"), "MG-ROTOR": (False, None)}
    reasons = {d.product_code: d.decision.message("zh") for d in lines if d.period == "2026-03"}
    assert "含镝0.36%，高于现行门槛0%" in reasons["MG-DY036"]
    assert "深加工：转子组件（磁体嵌入转子铁芯）" in reasons["MG-ROTOR"]
    assert len(lines) == 7  # the filed month's line too, unless open_only


@pytest.mark.parametrize("policy, changed", [
    (ControlPolicy(threshold_pct=1000), ["MG-DY005"]),  # 0.1 %
    (ControlPolicy(threshold_pct=2000), ["MG-DY005", "MG-DY018"]),  # 0.2 %
    (ControlPolicy(threshold_pct=4000), ["MG-DY005", "MG-DY018", "MG-DY036"]),  # 0.4 %
    (ControlPolicy(ThresholdMode.REPORT_0_1), ["MG-DY005"]),
    (ControlPolicy(), []),
])
def test_a_new_threshold_changes_exactly_the_expected_lines_of_open_months(path, policy,
                                                                           changed):
    with open_database(path) as db:
        changes = usecases.control_changes(db, policy, old_policy=ControlPolicy())
    assert [c.product_code for c in changes] == changed
    assert all(c.period == "2026-03" for c in changes)  # never the filed month
    assert all(c.old.controlled and not c.new.controlled for c in changes)


def test_the_settings_are_the_policy_in_force(path):
    from magdesk.settings import Settings

    settings = Settings(control_threshold_pct="0.1")
    with open_database(path) as db:
        back = usecases.control_changes(db, ControlPolicy(), settings=settings)
    assert [(c.product_code, c.new.control_no) for c in back] == [("MG-DY005", "1C905.a.4")]


def test_the_cli_prints_decisions_and_the_lines_that_would_change(path, capsys):
    assert cli.main(["--lang", "zh", "control", "--db", str(path), "--threshold", "0.2",
                     "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    models = {m["product"]: m for m in out["models"]}
    assert models["MG-DY018"]["controlled"] is False  # under the new threshold
    assert models["MG-SMCO"]["control_no"] == "1C902.a.4"
    assert [c["product"] for c in out["changes"]] == ["MG-DY005", "MG-DY018"]
    assert out["changes"][0]["old"]["control_no"] == "1C905.a.4"
    assert "0.2%" in out["changes"][1]["new"]["reason"]
    assert cli.main(["--lang", "en", "control", "--db", str(path)]) == 0
    text = capsys.readouterr().out
    assert "MG-DY036  Controlled item 1C905.a.4: Dy 0.36 %" in text
    assert "would change" not in text  # no new settings given
    assert cli.main(["--lang", "en", "control", "--db", str(path), "--threshold", "abc"]) == 1


def test_models_and_a_line_are_decided_through_the_use_cases(path):
    rules = usecases.control_rules()
    assert [r.number for r in rules if not r.enabled] == ["1C909.a.4", "No.61-0.1%"]
    with open_database(path) as db:
        models = {m.product.code: m for m in usecases.model_decisions(
            db, on=date(2026, 3, 1), policy=ControlPolicy(threshold_pct=1000))}
        assert (models["MG-DY005"].decision.controlled, models["MG-DY018"].decision.control_no) \
            == (False, "1C905.a.4")
        assert models["MG-SMCO"].on == date(2026, 3, 1)
        product = models["MG-DY036"].product
        assert usecases.decide_product(product, policy=ControlPolicy()).control_no == "1C905.a.4"
        line = next(x for x in Repository(db).iter("export")
                    if Repository(db).get("sale", x.sale_id).product_id == product.id)
        decided = usecases.decide_export(db, line, policy=ControlPolicy())
        assert (decided.controlled, decided.reason_code) == (True, "control.element")
        assert usecases.decide_export(db, replace(line, sale_id=999),
                                      policy=ControlPolicy()) is None


def test_the_demo_models_decide_as_expected_and_a_threshold_changes_their_lines(demo_file):
    """The demo holds models of Dy 0.00 % (N42), 0.05 % (N40M), 0.18 % (N50M),
    0.36 % (N35H) and SmCo (YX20), each with its test report."""
    with open_database(demo_file) as db:
        models = {m.product.code: m.decision for m in usecases.model_decisions(
            db, on=date(2026, 6, 1), policy=ControlPolicy())}
        lines = usecases.line_decisions(db, policy=ControlPolicy(), open_only=True)
        to_01 = usecases.control_changes(db, ControlPolicy(threshold_pct=1000),
                                         old_policy=ControlPolicy())
        to_02 = usecases.control_changes(db, ControlPolicy(threshold_pct=2000),
                                         old_policy=ControlPolicy())
    assert {code: (models[code].controlled, models[code].control_no) for code in
            ("MG-N42", "MG-N40M", "MG-N50M", "MG-N35H", "MG-YX20")} == {
        "MG-N42": (False, None), "MG-N40M": (True, "1C905.a.4"),
        "MG-N50M": (True, "1C905.a.4"), "MG-N35H": (True, "1C905.a.4"),
        "MG-YX20": (True, "1C902.a.4")}
    assert "含镝0.18%" in models["MG-N50M"].message("zh")
    assert "Dy 0.36 %" in models["MG-N35H"].message("en")
    assert "镝0%、铽0%" in models["MG-N42"].message("zh")

    def keys(codes):
        return [x.key for x in lines if x.product_code in codes]

    assert keys({"MG-N40M"}) and keys({"MG-N50M"})  # both exported in open months
    assert [c.key for c in to_01] == keys({"MG-N40M"})
    assert [c.key for c in to_02] == keys({"MG-N40M", "MG-N50M"})
