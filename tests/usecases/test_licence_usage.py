"""Licences of both kinds on the demo file: the demo holds a general licence
besides the individual ones; usage per licence agrees with the export lines
as stored; a general licence narrowed, cut short or made smaller gives
findings naming it; ``magdesk-cli licences`` prints the same."""

import json
import sqlite3
from dataclasses import replace
from datetime import timedelta

from magdesk import usecases
from magdesk.cli import main
from magdesk.core.licences import State
from magdesk.storage import open_database
from tests.conftest import TODAY


def _general(db):
    repo = usecases.repository(db)
    return next(lic for lic in repo.all_by_id("licence").values()
                if lic.licence_type == "GENERAL")


def test_the_demo_has_licences_of_both_kinds_and_their_usage_is_exact(demo_copy):
    with open_database(demo_copy) as db:
        general = _general(db)
        usage = usecases.licence_usage(db, TODAY)
    assert general.licence_no.startswith("TY") and len(general.consignee_ids) == 2
    assert general.end_uses and general.qty_g
    assert (general.valid_to - general.valid_from).days in (364, 365)
    kinds = {u.licence.licence_type for u in usage}
    assert kinds == {"INDIVIDUAL", "GENERAL"}
    conn = sqlite3.connect(demo_copy)
    for u in usage:
        rows = conn.execute(
            "SELECT x.customs_decl_no || '/' || x.line_no, x.decl_date, x.qty_g, c.name_cn "
            "FROM export_shipment x JOIN counterparty c ON c.id = x.consignee_id "
            "WHERE x.licence_id = ? AND x.decl_date <= ? "
            "ORDER BY x.decl_date, x.customs_decl_no, x.line_no",
            (u.licence.id, TODAY.isoformat())).fetchall()
        assert [(k, d.isoformat(), q, c) for k, d, q, c in u.lines] == rows
        assert u.drawn_g == sum(r[2] for r in rows)
        assert u.left_g == u.licence.qty_g - u.drawn_g
        assert u.pct_used == round(u.drawn_g * 100 / u.licence.qty_g, 1)
        assert u.days_left == (u.licence.valid_to - TODAY).days
    conn.close()
    mine = next(u for u in usage if u.licence.id == general.id)
    assert mine.lines and mine.state == State.VALID
    with open_database(demo_copy) as db:
        names = usecases.counterparty_names(db)
    assert {line.consignee for line in mine.lines} == {names[c] for c in general.consignee_ids}
    as_dict = usecases.usage_as_dict(mine, names)
    assert (as_dict["drawn_g"], as_dict["left_g"], as_dict["state"]) == (
        mine.drawn_g, mine.left_g, "VALID")
    assert as_dict["consignees"] == [names[c] for c in general.consignee_ids]


def test_usage_without_the_lines_is_the_same_summed_by_the_file(demo_copy):
    # the dashboard's tile on a decade of export lines reads sums, not lines;
    # a day inside the licences' span leaves later lines out of both
    with open_database(demo_copy) as db:
        dates = sorted(x.decl_date for x in usecases.repository(db).iter("export")
                       if x.licence_id is not None)
        for day in (TODAY, dates[len(dates) // 2]):
            full = usecases.licence_usage(db, day)
            summed = usecases.licence_usage(db, day, lines=False)
            assert [(u.licence.id, u.drawn_g, u.left_g, u.pct_used, u.days_left, u.state)
                    for u in summed] == [(u.licence.id, u.drawn_g, u.left_g, u.pct_used,
                                          u.days_left, u.state) for u in full]
            assert all(u.lines == () for u in summed) and any(u.lines for u in full)
            assert any(u.drawn_g for u in summed)
        assert usecases.licence_usage(db, dates[0], lines=False) != summed


def _names(path):
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT id, name_cn FROM counterparty"))
    finally:
        conn.close()


def _codes(db, licence_no):
    found = usecases.validate_database(db, today=TODAY)
    return sorted({(f.code, f.record) for f in found if f.params.get("licence") == licence_no})


def test_a_general_licence_narrowed_cut_short_or_made_smaller_is_named(demo_copy):
    with open_database(demo_copy) as db:
        general = _general(db)
        no = general.licence_no
        usage = next(u for u in usecases.licence_usage(db, TODAY) if u.licence.id == general.id)
        lines = usage.lines
        assert _codes(db, no) == []
        # one of the two customers taken off: its lines go to a customer not named
        kept, dropped = general.consignee_ids
        names = _names(demo_copy)
        assert usecases.save(db, replace(general, consignee_ids=(kept,))).ok
        off = {(c, line.key) for line in lines if line.consignee == names[dropped]
               for c in ("licence.consignee", "licence.end_user")}
        assert off and set(_codes(db, no)) == off
        # a quantity the third line passes
        assert usecases.save(db, replace(general, consignee_ids=(kept, dropped))).ok
        qty = sum(line.qty_g for line in lines[:3]) - 1
        assert usecases.save(db, replace(general, qty_g=qty)).ok
        expected = [("licence.exceeded", lines[2].key)]
        drawn = 0
        for line in lines[:2]:  # the line that makes it 80 % used, if one of the first two
            if drawn * 100 < qty * 80 <= (drawn + line.qty_g) * 100:
                expected.append(("licence.nearly_used", line.key))
            drawn += line.qty_g
        assert _codes(db, no) == sorted(expected)
        assert usecases.save(db, replace(general, qty_g=general.qty_g)).ok
        # valid only until the day before the last line
        last = lines[-1]
        assert usecases.save(db, replace(general, valid_to=last.day - timedelta(1))).ok
        assert _codes(db, no) == [("licence.expired", line.key) for line in lines
                                  if line.day == last.day]
        # an end use the licence does not name
        assert usecases.save(db, replace(general, end_uses=("MEDICAL",))).ok
        assert {c for c, _r in _codes(db, no)} == {"licence.end_use"}
        assert len(_codes(db, no)) == len(lines)


def test_the_cli_prints_usage_per_licence(demo_copy, capsys):
    with open_database(demo_copy) as db:
        general = _general(db)
        usage = usecases.licence_usage(db, TODAY)
    assert main(["licences", "--db", str(demo_copy), "--on", TODAY.isoformat(), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [p["licence_no"] for p in printed] == [u.licence.licence_no for u in usage]
    mine = next(p for p in printed if p["licence_no"] == general.licence_no)
    u = next(u for u in usage if u.licence.id == general.id)
    assert (mine["licence_type"], mine["drawn_g"], mine["left_g"], mine["pct_used"],
            mine["days_left"], mine["state"]) == (
        "GENERAL", u.drawn_g, u.left_g, u.pct_used, u.days_left, "VALID")
    assert [line["line"] for line in mine["lines"]] == [line.key for line in u.lines]
    assert sorted(mine["end_uses"]) == sorted(general.end_uses)
    assert main(["--lang", "zh", "licences", "--db", str(demo_copy),
                 "--on", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    head = next(line for line in out.splitlines() if line.startswith(general.licence_no))
    assert "通用" in head and f"剩余天数 {u.days_left}" in head and "有效" in head
    assert f"已用比例 {u.pct_used:.1f}%" in head
    assert all(line.key in out for line in u.lines)
    assert out.rstrip().splitlines()[-1].startswith(f"共 {len(usage)} 个许可证")
    assert main(["--lang", "en", "licences", "--db", str(demo_copy)]) == 0
    assert "General" in capsys.readouterr().out


def test_the_cli_exits_1_when_a_licence_is_exceeded(demo_copy, capsys):
    with open_database(demo_copy) as db:
        general = _general(db)
        assert usecases.save(db, replace(general, qty_g=1000)).ok
    assert main(["--lang", "en", "licences", "--db", str(demo_copy),
                 "--on", (TODAY + timedelta(1)).isoformat()]) == 1
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines()
                if line.startswith(general.licence_no)).endswith("Exceeded")


def test_the_printed_usage_shows_a_general_licence_without_quantity_as_such():
    from magdesk.reports.licences import usage_table

    row = {"licence_no": "TY2026000001", "licence_type": "GENERAL", "control_no": "1C905.a.4",
           "end_user": "", "consignees": ["甲", "乙"], "valid_from": "2026-01-01",
           "valid_to": "2026-12-31", "qty_g": 0, "used_before_g": 5_000, "used_in_g": 2_000}
    table = usage_table([row], TODAY)
    assert table.rows[0].cells[5:] == (None, 5_000, 2_000, 7_000, None, "有效")
    assert table.totals[0].cells[5:10] == (0, 5_000, 2_000, 7_000, 0)
    limited = usage_table([{**row, "qty_g": 6_000}], TODAY)
    assert limited.rows[0].cells[9:] == (-1_000, "超量使用")
