"""End-user screening on real files: a list imported (xlsx and csv) and
updated, the demo's customers and end users screened in validation, the
end-use rule for Japan, a close match accepted with a reason (audited), a
broken list refused whole naming row and column."""

import csv
import sqlite3
from datetime import date

import openpyxl
import pytest

from magdesk import usecases
from magdesk.cli import main
from magdesk.storage import open_database
from magdesk.storage.repository import Repository
from tests.usecases.state import audit_head, content


def _foreign_customer(db):
    return next(c for c in Repository(db).all_by_id("counterparty").values()
                if c.cp_type == "FOREIGN" and c.role != "SUPPLIER")


def _write_list(path, rows, header=("名称", "别名", "国家", "名单", "列入日期", "来源")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["限制名单（测试）"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def _codes(findings, name):
    return {(f.entity, f.field, f.code) for f in findings if f.params.get("name") == name}


def test_a_listed_customer_is_an_error_and_a_close_one_a_warning(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        customer = _foreign_customer(db)
        listed = customer.name_en.upper().replace(" ", "  ") + " LIMITED"  # another form of it
        close = customer.name_cn + "X"
        path = _write_list(tmp_path / "名单.xlsx", [
            (listed, "", customer.country, "不可靠实体清单", date(2026, 2, 1), "公告"),
            ("Totally Unrelated Defence Corp", close, "US", "管控名单", "2025-10-09", ""),
        ])
        changes = usecases.import_screening_list(db, path)
        assert changes.ok and changes.screening, changes.why("en")
        findings = usecases.validate_database(db)
        assert ("counterparty", "name_en", "screen.listed") in _codes(findings, customer.name_en)
        message = next(f for f in findings if f.code == "screen.listed").message("zh")
        assert "不可靠实体清单" in message and "2026-02-01" in message
        # the whole list's name is a close match of the Chinese name (one character more)
        assert [i.list_name for i in usecases.screening_lists(db)] == ["不可靠实体清单", "管控名单"]


def test_an_end_user_on_an_export_line_is_screened_and_the_japan_rule_holds(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        line = next(Repository(db).iter("export"))
        _write_list(tmp_path / "list.xlsx", [("Kiri Aerospace KK", "", "JP", "军事最终用户", "", "")])
        assert usecases.import_screening_list(db, tmp_path / "list.xlsx").ok
        db.conn.execute("PRAGMA foreign_keys = ON")
        with db.write() as conn:
            conn.execute("UPDATE export_shipment SET end_user = 'KIRI AEROSPACE K.K.', "
                         "end_use = 'MILITARY', destination = 'JP', decl_date = '2026-03-02' "
                         "WHERE id = ?", (line.id,))
        findings = [f for f in usecases.validate_database(db) if f.record == line.key]
        codes = {f.code for f in findings}
        assert {"screen.listed", "screen.rule"} <= codes
        rule = next(f for f in findings if f.code == "screen.rule")
        assert "日本" in rule.message("zh") and "军事用途" in rule.message("zh")
        assert "Japan" in rule.message("en") and "日本" not in rule.message("en")
        listed = next(f for f in findings if f.code == "screen.listed")
        assert "日本" in listed.message("zh")
        assert "country: Japan" in listed.message("en") and "日本" not in listed.message("en")


def test_a_close_match_accepted_with_a_reason_is_gone_and_audited(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        customer = _foreign_customer(db)
        near = customer.name_en[:-1] + ("x" if customer.name_en[-1] != "x" else "y")
        _write_list(tmp_path / "l.xlsx", [(near, "", "", "观察名单", "", "")])
        assert usecases.import_screening_list(db, tmp_path / "l.xlsx").ok
        close = [f for f in usecases.validate_database(db) if f.code == "screen.close"]
        assert close and close[0].record == customer.name_cn
        assert usecases.accept_warning(db, "counterparty", customer.name_cn, "screen.close",
                                       "经核实为不同主体，注册号不同").ok
        assert not [f for f in usecases.validate_database(db) if f.code == "screen.close"
                    and f.entity == "counterparty"]
        log = usecases.audit_log(db, entity="accepted_finding")
        assert any("screen.close" in str(e.record) for e in log)


def test_an_update_replaces_its_list_and_keeps_the_others(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        _write_list(tmp_path / "a.xlsx", [("Alpha Co", "", "", "A", "", ""), ("Beta Co", "", "", "A", "", "")])
        _write_list(tmp_path / "b.xlsx", [("Gamma Co", "", "", "B", "", "")])
        assert usecases.import_screening_list(db, tmp_path / "a.xlsx").ok
        assert usecases.import_screening_list(db, tmp_path / "b.xlsx").ok
        _write_list(tmp_path / "a2.xlsx", [("Delta Co", "", "", "A", "", "")])
        assert usecases.import_screening_list(db, tmp_path / "a2.xlsx").ok
        assert {(i.list_name, i.entries) for i in usecases.screening_lists(db)} == {("A", 1), ("B", 1)}


def test_a_csv_list_in_gbk_with_english_headers(demo_copy, tmp_path):
    path = tmp_path / "entity_list.csv"
    with open(path, "w", encoding="gbk", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Name", "Other names", "Country", "Date listed"])
        writer.writerow(["东方重工有限公司", "Dongfang Heavy; 东重", "CN", "2025/10/9"])
    with open_database(demo_copy) as db:
        assert usecases.import_screening_list(db, path).ok
        [info] = usecases.screening_lists(db)
        assert (info.list_name, info.entries, info.newest_listed) == ("entity_list", 1, "2025-10-09")
        screen = usecases.screen_for(db)
        assert screen.check("东重")[0].exact and screen.check("DONGFANG HEAVY CO LTD")[0].exact


def test_a_country_named_in_words_is_kept_as_its_code(demo_copy, tmp_path):
    path = _write_list(tmp_path / "l.xlsx", [
        ("Sakura Boei K.K.", "", "日本", "X", "2026-01-06", ""),
        ("Nordlicht GmbH", "", "Germany", "X", "2026-01-06", ""),
        ("Somewhere Ltd", "", "Atlantis", "X", "2026-01-06", ""),
    ])
    with open_database(demo_copy) as db:
        assert usecases.import_screening_list(db, path).ok
        screen = usecases.screen_for(db)
    assert {p.name: p.country for p in screen.parties} == {
        "Sakura Boei K.K.": "JP", "Nordlicht GmbH": "DE", "Somewhere Ltd": "ATLANTIS"}


@pytest.mark.parametrize("header", [
    ("序号", "中文名称", "英文名称", "国家/地区", "列入日期"),
    ("No.", "名称 Name", "名称(英文)", "国家 Country", "列入日期 Date listed"),
    ("#", "Chinese name", "English name", "Country/Region", "Date"),
    ("No.", "Name 名称", "English name 英文名称", "Country 国家", "Date listed 列入日期"),
])
def test_a_list_with_chinese_and_english_name_columns(demo_copy, tmp_path, header):
    path = _write_list(tmp_path / "l.xlsx", [
        (1, "樱花防卫系统株式会社", "Sakura Defence Systems Co., Ltd.", "日本", "2026-01-06"),
        (2, "", "Nordlicht Magnettechnik GmbH", "DE", "2025-10-09"),
    ], header=header)
    with open_database(demo_copy) as db:
        assert usecases.import_screening_list(db, path).ok
        screen = usecases.screen_for(db)
    assert [(p.name, p.other_names, p.country) for p in screen.parties] == [
        ("樱花防卫系统株式会社", ("Sakura Defence Systems Co., Ltd.",), "JP"),
        ("Nordlicht Magnettechnik GmbH", (), "DE")]
    assert screen.check("SAKURA DEFENCE SYSTEMS")[0].exact and screen.check("樱花防卫系统")[0].exact


@pytest.mark.parametrize(("row", "said"), [
    (("", "别名", "JP", "X", "", ""), "第 4 行 A 列（名称）"),
    (("Some Co", "", "JP", "X", "明天", ""), "第 4 行 E 列（列入日期）"),
])
def test_a_broken_list_is_refused_whole_naming_row_and_column(demo_copy, tmp_path, row, said):
    _write_list(tmp_path / "bad.xlsx", [("Good Co", "", "JP", "X", "", ""), row])
    before_rows, before_head = content(demo_copy), audit_head(demo_copy)
    with open_database(demo_copy) as db:
        changes = usecases.import_screening_list(db, tmp_path / "bad.xlsx")
        assert not changes.ok and said in changes.why("zh")
    assert content(demo_copy) == before_rows and audit_head(demo_copy) == before_head


def test_cli_screen_imports_and_reports(demo_copy, tmp_path, capsys):
    with open_database(demo_copy) as db:
        customer = _foreign_customer(db)
    _write_list(tmp_path / "名单.xlsx", [(customer.name_en, "", "", "不可靠实体清单", "", "")])
    assert main(["--lang", "zh", "screen", "--db", str(demo_copy), "--list",
                 str(tmp_path / "名单.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "不可靠实体清单" in out and customer.name_en in out
    assert main(["screen", "--db", str(demo_copy), "--json"]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["lists"][0]["entries"] == 1 and report["hits"][0]["code"] == "screen.listed"
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("SELECT count(*) FROM screening_entry").fetchone() == (1,)
    conn.close()


def test_screen_all_lists_every_hit_with_its_place(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        assert usecases.screen_all(db) == []  # no list yet, no end use forbidden
        customer = _foreign_customer(db)
        _write_list(tmp_path / "l.xlsx", [(customer.name_en, "", "", "L", "", "")])
        assert usecases.import_screening_list(db, tmp_path / "l.xlsx").ok
        hits = usecases.screen_all(db)
    places = {(h.entity, h.record, h.field) for h in hits}
    assert ("counterparty", customer.name_cn, "name_en") in places
    assert all(h.finding.code in ("screen.listed", "screen.close") for h in hits)
