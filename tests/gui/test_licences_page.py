"""The Licences tab's usage panel, the dashboard's licence tile (a click opens
the tab) and the licence form's permitted end uses, on the demo."""

import dataclasses

from PySide6.QtCore import Qt

from magdesk import usecases
from magdesk.core.enums import EndUse
from magdesk.core.licences import State
from magdesk.core.units import format_kg

from .test_main_window import type_text


def _general(repo):
    return next(lic for lic in repo.all_by_id("licence").values()
                if lic.licence_type == "GENERAL")


def _usage(window, licence_id):
    return next(u for u in usecases.licence_usage(window.db) if u.licence.id == licence_id)


def test_the_tile_counts_the_licences_and_names_those_near_their_limit(window, qtbot):
    tile = window.licence_tile
    qtbot.waitUntil(lambda: bool(tile.usage), timeout=30000)  # filled once the window is idle
    usage = usecases.licence_usage(window.db)
    in_use = sum(u.in_use for u in usage)
    look = [u for u in usage if u.state in State.ATTENTION]
    assert tile.title.text() == "许可证"
    assert tile.counts.text() == f"有效{in_use}个（共{len(usage)}个）；{len(look)}个将用完或将到期"
    general = _general(window.repo)
    drawn = _usage(window, general.id).drawn_g
    assert drawn > 0 and general.licence_no not in tile.attention.text()
    # made smaller: 90 % used, near its limit, and named on the tile once read
    # (aside: a decade's export lines summed take 0.3 s, off the window's thread)
    smaller = dataclasses.replace(general, qty_g=drawn * 10 // 9 + 1)
    assert window.commit(general, smaller).ok
    assert window.licence_reads.pending
    qtbot.waitUntil(lambda: not window.licence_reads.pending, timeout=10000)
    u = _usage(window, general.id)
    assert u.state == State.NEAR_LIMIT and round(u.pct_used) == 90
    assert tile.counts.text().endswith(f"{len(look) + 1}个将用完或将到期")
    assert f"{general.licence_no}：将用完（≥80%） — 已用{u.pct_used:.1f} %，剩余" \
        f"{format_kg(u.left_g, grouped=True)} kg，剩余{u.days_left}天" in tile.attention.text()
    window.undo_action.trigger()  # undone: off the tile again
    qtbot.waitUntil(lambda: not window.licence_reads.pending, timeout=10000)
    assert general.licence_no not in tile.attention.text()
    window.select_section(0)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.export_tabs.currentWidget() is window.sections["licence"]
    assert window.current_section() is window.sections["licence"]


def test_the_usage_panel_shows_the_selected_licence_and_its_lines(window, qtbot):
    window.show_section("licence")
    section = window.sections["licence"]
    general = _general(window.repo)
    u = _usage(window, general.id)
    model, table = section.model, section.table
    row = next(r for r in range(model.rowCount()) if model.record_id(r) == general.id)
    table.setCurrentIndex(model.index(row, 0))
    panel = section.panel
    summary = panel.summary.text()
    assert summary.startswith(f"{general.licence_no}（通用）：许可数量")
    assert f"已用{format_kg(u.drawn_g, grouped=True)} kg" in summary
    assert f"剩余{format_kg(u.left_g, grouped=True)} kg" in summary
    assert f"已用比例{u.pct_used:.1f} %" in summary and f"剩余{u.days_left}天" in summary
    assert summary.endswith("有效")
    cells = [[panel.lines.item(r, c).text() for c in range(4)]
             for r in range(panel.lines.rowCount())]
    assert cells == [[line.key, line.day.isoformat(), format_kg(line.qty_g, grouped=True),
                      line.consignee] for line in u.lines]
    # an export line drawn on it deleted elsewhere: the panel follows
    first = window.repo.find("export", u.lines[0].key.rsplit("/", 1)[0])
    assert usecases.delete(window.db, [first]).ok
    window.on_changes(usecases.Changes(entities=frozenset({"export"}), findings=True))
    assert panel.lines.rowCount() == len(u.lines) - 1


def test_a_general_licence_without_quantity_for_chosen_end_uses(window, qtbot):
    repo = window.repo
    general = _general(repo)
    form = window.open_record("licence", general.id)  # closes itself on saving
    assert form.end_uses.codes() == tuple(e for e in EndUse if e in general.end_uses)
    assert form.end_uses.item(0).text() == EndUse(form.end_uses.item(0).data(
        Qt.ItemDataRole.UserRole)).label("zh")
    form.end_uses.set_codes(("EV_MOTOR",))
    form.widgets["qty_g"].setText("")  # a general licence may have no quantity
    assert [f.code for f in form.findings() if f.is_error] == []
    form.save()
    saved = repo.get("licence", general.id)
    assert (saved.end_uses, saved.qty_g) == (("EV_MOTOR",), None)
    # its lines for other end uses are now findings naming it
    found = usecases.validate_database(window.db)
    other_uses = {x.key for x in repo.iter("export", where=f"licence_id = {general.id}")
                  if x.end_use != "EV_MOTOR"}
    assert other_uses and {f.record for f in found if f.code == "licence.end_use"
                           and f.params["licence"] == general.licence_no} == other_uses
    assert _usage(window, general.id).left_g is None
    window.undo_action.trigger()
    assert repo.get("licence", general.id) == general
    # an individual licence still needs its quantity
    form = window.open_record("licence", None)  # deleted when closed
    type_text(qtbot, form.widgets["licence_no"], "LX-GUI-0002")
    form.widgets["licence_type"].setCurrentIndex(
        form.widgets["licence_type"].findData("INDIVIDUAL"))
    form.widgets["valid_from"].setText("2026-09-01")
    form.widgets["valid_to"].setText("2027-08-31")
    assert "licence.qty_required" in {f.code for f in form.findings()}
    form.close()  # (closed by the program: no question)


def test_a_new_general_licence_runs_one_year_unless_told(window, qtbot):
    repo = window.repo
    foreign = [c for c in repo.iter("counterparty") if c.cp_type == "FOREIGN"][:2]
    form = window.open_record("licence", None)  # closes itself on saving
    w = form.widgets
    type_text(qtbot, w["licence_no"], "TY-GUI-0001")
    w["licence_type"].setCurrentIndex(w["licence_type"].findData("GENERAL"))
    w["valid_from"].setText("2026-12-01")
    for cp in foreign:
        form.consignees.name.setText(cp.name_cn)
        assert form.consignees.add_current()
    form.end_uses.set_codes(("WIND", "EV_MOTOR"))
    assert [f.code for f in form.findings() if f.is_error] == []
    assert "2027-11-30" in w["valid_to"].toolTip() or "2027-11-30" in \
        w["valid_to"].placeholderText()
    form.save()
    saved = repo.find("licence", "TY-GUI-0001")
    assert saved is not None, [(f.code, f.field) for f in form.findings()]
    assert (saved.valid_to.isoformat(), saved.qty_g, saved.end_uses, saved.consignee_ids) == (
        "2027-11-30", None, ("EV_MOTOR", "WIND"), tuple(c.id for c in foreign))


def test_an_ended_licence_says_how_long_ago_not_negative_days_left(window):
    from magdesk.gui.licences import days_text

    assert days_text(None, 5) == "剩余5天"
    assert days_text(None, -18) == "已到期18天"
    assert days_text(None, 0) == "剩余0天"
