"""The control decision in the window: the product form shows it with its
reason as the shares are typed, the export line form shows the line's, and
the settings dialog lists the export lines a new threshold changes before OK."""

from PySide6.QtWidgets import QDialog

from magdesk import usecases
from magdesk.core.control import ControlPolicy
from magdesk.settings import Settings
from tests.gui.test_main_window import type_text


def _product(window, code):
    return next(p for p in window.repo.iter("product") if p.code == code)


def test_the_product_form_decides_as_the_shares_are_typed(window, qtbot):
    window.select_section(2)
    form = window.open_record("product", _product(window, "MG-N42").id)
    qtbot.addWidget(form)
    form.show()
    assert form.decision.text().startswith("管制判定：不属于管制物项：镝0%、铽0%")
    dy = form.widgets["dy_pct"]
    dy.selectAll()
    type_text(qtbot, dy, "0.18")
    assert "属于管制物项1C905.a.4：含镝0.18%，高于现行门槛0%" in form.decision.text()
    assert "商务部 海关总署公告2025年第18号" in form.decision.text()
    exempt = form.widgets["exempt_kind"]
    exempt.setCurrentIndex(exempt.findData("ROTOR_ASSEMBLY"))
    type_text(qtbot, form.widgets["exempt_reason"], "rotor")
    assert form.decision.text() == "管制判定：不属于管制物项：深加工：转子组件（rotor）"
    # the composition fields come grouped, in the order a declaration lists them
    names = [s.name for s in form.specs]
    assert names.index("re_total_pct") < names.index("nd_pct") < names.index("dy_pct") \
        < names.index("co_pct") < names.index("test_report_no") < names.index("report_date") \
        < names.index("report_lab")


def test_the_export_form_shows_the_line_decision(window, qtbot):
    window.select_section(6)
    smco = {p.id for p in window.repo.iter("product") if p.category == "SMCO"}
    line = next(x for x in window.repo.iter("export")
                if window.repo.get("sale", x.sale_id).product_id in smco)
    form = window.open_record("export", line.id)
    qtbot.addWidget(form)
    form.show()
    assert form.decision.text().startswith("管制判定：属于管制物项1C902.a.4：钐钴永磁材料")


def test_settings_list_the_lines_a_new_threshold_changes_and_ask(window, qtbot, monkeypatch):
    from magdesk.gui.dialogs import SettingsDialog

    settings = Settings(language="zh")
    expected = usecases.control_changes(window.db, ControlPolicy(threshold_pct=6000),
                                        settings=settings)
    assert expected  # the demo has Dy 0.5 % models exported in open months
    asked = []

    def ask(self, changes, lang):
        asked.append(SettingsDialog.change_lines(changes, lang))
        return False

    monkeypatch.setattr(SettingsDialog, "ask_changes", ask)
    dialog = SettingsDialog(settings, window, window.db)
    qtbot.addWidget(dialog)
    dialog.threshold.setText("0.6")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted  # the clerk said no
    lines = asked[0].splitlines()
    assert len(lines) == len(expected)
    assert [line.split()[0] for line in lines] == [c.key for c in expected]
    assert all("→ 不属于管制物项" in line for line in lines if "MG-N40M" in line)
    monkeypatch.setattr(SettingsDialog, "ask_changes", lambda self, changes, lang: True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.value().control_threshold_pct == "0.6"


def test_a_rule_kept_off_is_a_switch_in_the_settings(window, qtbot):
    from magdesk.gui.dialogs import SettingsDialog

    dialog = SettingsDialog(Settings(language="zh"), window, window.db)
    qtbot.addWidget(dialog)
    assert set(dialog.rules) == {"1C909.a.4", "No.61-0.1%"}
    assert not any(box.isChecked() for box in dialog.rules.values())
    dialog.rules["1C909.a.4"].setChecked(True)
    assert dialog.value().control_rules_on == "1C909.a.4"
    assert "1C909.a.4" in dialog.value().control_policy().rules_on
