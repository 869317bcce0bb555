"""The filing page: the next month to file is chosen at first, the month chosen
stays chosen, the actions wait for one."""

from datetime import date


def _status(period: str, state: str = "OPEN"):
    from magdesk.filing.periods import PeriodStatus

    return PeriodStatus(period, state, 1, date(2026, 12, 10), 5, None, "", "")


def test_the_chosen_month_stays_chosen_when_a_new_month_comes(qtbot):
    from magdesk.gui.pages import FilingPage

    page = FilingPage("zh")
    qtbot.addWidget(page)
    page.set_periods([_status("2026-08", "FILED"), _status("2026-09"), _status("2026-10")])
    assert page.selected_period() == "2026-09"  # the next month to file, chosen at first
    assert page.export_button.isEnabled()
    page.select("2026-10")
    assert page.selected_period() == "2026-10"
    page.select("2026-09")
    assert page.selected_period() == "2026-09" and page.export_button.isEnabled()
    exported = []
    page.export_requested.connect(exported.append)
    page.export_button.click()
    # The export's refresh brings a new month at the top: the rows shift.
    page.set_periods([_status("2026-08"), _status("2026-09", "EXPORTED"), _status("2026-10"),
                      _status("2026-11")])
    assert page.selected_period() == "2026-09"
    filed = []
    page.file_requested.connect(filed.append)
    page.file_button.click()
    assert exported == ["2026-09"] and filed == ["2026-09"]
    page.set_periods([_status("2026-10")])  # the chosen month gone: the next to file
    assert page.selected_period() == "2026-10" and page.file_button.isEnabled()
    page.set_periods([_status("2026-10", "FILED")])  # all filed: none chosen, actions wait
    page.table.clearSelection()
    page.set_periods([_status("2026-10", "FILED")])
    assert not page.table.selectedItems() and not page.file_button.isEnabled()
