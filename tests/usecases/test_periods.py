"""The monthly filing's use cases on a real file: export (and where it
goes), file, amend, the months' states; each refusal writes nothing."""

from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from magdesk import usecases
from magdesk.filing.export import ExportError
from magdesk.filing.periods import PeriodError
from magdesk.storage import open_database
from tests.usecases.state import audit_head, content

PERIOD = "2026-06"
TODAY = date(2026, 11, 26)
FILED_ON = date(2026, 7, 8)


def test_export_writes_the_file_export_target_names_and_the_month_is_exported(demo_copy,
                                                                              tmp_path):
    out = tmp_path / "out"
    with open_database(demo_copy) as db:
        target = usecases.export_target(db, PERIOD, out)
        draft = usecases.export_target(db, PERIOD, out, draft=True)
        assert target.parent == out and target != draft and PERIOD.replace("-", "") in \
            target.name.replace("-", "")
        assert not target.exists()
        result = usecases.export_filing(db, PERIOD, out, today=TODAY)
        assert not result.refused and result.path == target and target.is_file()
        assert result.sha256 and result.counts and result.revision == 0
        assert openpyxl.load_workbook(target, read_only=True).sheetnames
        status = usecases.period_status(db, PERIOD, today=TODAY)
        assert (status.state, status.last_file) == ("EXPORTED", target.name)
        assert status.deadline == date(2026, 7, 10) and status.days_left < 0


def test_an_existing_workbook_is_refused_and_nothing_is_recorded(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        before, head = content(demo_copy), audit_head(demo_copy)
        with pytest.raises(ExportError) as caught:
            usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        assert caught.value.message("zh") and caught.value.message("en")
        assert content(demo_copy) == before and audit_head(demo_copy) == head
        again = usecases.export_filing(db, PERIOD, tmp_path, today=TODAY, replace=True)
        assert not again.refused


def test_a_month_with_an_error_is_refused_but_a_draft_is_written(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = next(usecases.repository(db).iter("sale", where="date LIKE ?",
                                                 params=(f"{PERIOD}%",)))
        # an invoice number of no known form: an error of the month
        assert usecases.save(db, replace(sale, invoice_no="123")).ok
        before = content(demo_copy)
        refused = usecases.export_filing(db, PERIOD, tmp_path / "out", today=TODAY)
        assert refused.refused and refused.path is None
        assert any(f.is_error and f.period == PERIOD for f in refused.findings)
        assert content(demo_copy) == before and not (tmp_path / "out").exists()
        assert usecases.period_status(db, PERIOD, today=TODAY).state == "OPEN"
        draft = usecases.export_filing(db, PERIOD, tmp_path / "out", today=TODAY, draft=True)
        assert draft.path == usecases.export_target(db, PERIOD, tmp_path / "out", draft=True)
        assert draft.path.is_file()
        assert usecases.period_status(db, PERIOD, today=TODAY).state == "OPEN"  # a draft


def test_file_and_amend_walk_the_states_and_their_refusals_write_nothing(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        for call, code in ((lambda: usecases.file_period(db, PERIOD, FILED_ON, "RC-1"),
                            "not_exported"),
                           (lambda: usecases.amend_period(db, PERIOD, today=TODAY),
                            "not_filed")):
            before, head = content(demo_copy), audit_head(demo_copy)
            with pytest.raises(PeriodError) as caught:
                call()
            assert caught.value.code == code and PERIOD in caught.value.message("zh")
            assert content(demo_copy) == before and audit_head(demo_copy) == head
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        before = content(demo_copy)
        with pytest.raises(PeriodError) as caught:
            usecases.file_period(db, PERIOD, FILED_ON, "  ")
        assert caught.value.code == "receipt_required" and content(demo_copy) == before
        filed = usecases.file_period(db, PERIOD, FILED_ON, " RC-2026-06 ")
        assert (filed.state, filed.receipt_no, filed.filed_on) == ("FILED", "RC-2026-06",
                                                                   "2026-07-08")
        with pytest.raises(PeriodError) as caught:
            usecases.file_period(db, PERIOD, FILED_ON, "RC-AGAIN")
        assert caught.value.code == "already_filed"
        amended = usecases.amend_period(db, PERIOD, today=TODAY)
        assert (amended.state, amended.revision) == ("AMENDED", 1)
        # the correction's workbook is a new file, the filed one kept
        assert usecases.export_target(db, PERIOD, tmp_path).name != filed.last_file


def test_filing_refuses_data_changed_since_the_export(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        sale = next(usecases.repository(db).iter("sale", where="date LIKE ?",
                                                 params=(f"{PERIOD}%",)))
        assert usecases.save(db, replace(sale, contract_no="HT-AFTER-EXPORT")).ok
        before = content(demo_copy)
        with pytest.raises(PeriodError) as caught:
            usecases.file_period(db, PERIOD, FILED_ON, "RC-1")
        assert caught.value.code == "changed_since_export"
        assert content(demo_copy) == before
        assert usecases.period_status(db, PERIOD, today=TODAY).state == "EXPORTED"


def test_the_months_states_list_every_month_with_data(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        usecases.file_period(db, PERIOD, FILED_ON, "RC-1")
        states = {s.period: s for s in usecases.period_statuses(db, today=TODAY)}
    assert len(states) == 12 and max(states) == "2026-10"
    assert states[PERIOD].state == "FILED" and states["2026-07"].state == "OPEN"
    assert states["2026-10"].deadline == date(2026, 11, 10)
    assert states[PERIOD].as_dict()["deadline"] == "2026-07-10"


def test_a_change_of_a_months_state_redraws_the_month_not_the_records():
    changes = usecases.period_changed(PERIOD)
    assert changes.ok and changes.changed and changes.periods
    assert changes.months == {PERIOD} and not changes.entities and not changes.records
    assert not changes.findings and not changes.company and not changes.everything
    assert not changes.touches("sale")
