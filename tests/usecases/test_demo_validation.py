"""The demo producer and the read models on real files: a demo built whole
or not at all, validation of the file and of a month, the findings by
month, the dashboard's flows, the printed summaries, a record's months."""

from dataclasses import replace
from datetime import timedelta

import pytest

from magdesk import usecases
from magdesk.reports import ReportError
from magdesk.storage import open_database
from magdesk.storage.db import StorageError
from tests.conftest import DEMO_END, TODAY

PERIOD = "2026-06"


def _small_demo(path, **options):
    return usecases.create_demo(path, sales=40, seed=3, end_period=DEMO_END, months=3,
                                **options)


def _left(folder) -> list[str]:
    """The files in ``folder`` (the writer's lock file beside a file opened
    once is not one of them: it stays, empty, as SQLite's own would)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_a_demo_is_written_whole_and_an_existing_file_kept(tmp_path):
    path = tmp_path / "demo.sqlite"
    counts = _small_demo(path)
    assert counts["sales"] == 40 and counts["counterparties"] > 0
    with open_database(path) as db:
        assert usecases.repository(db).count("sale") == 40
        assert sorted(usecases.findings_by_period(db)) == []  # a demo is clean
    held = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        _small_demo(path)
    assert "demo.sqlite" in caught.value.message("en") and path.read_bytes() == held
    with pytest.raises(StorageError):
        _small_demo(tmp_path)  # a folder
    assert _left(tmp_path) == ["demo.sqlite"]


def test_a_demo_of_several_years_is_licensed_throughout_and_clean(tmp_path):
    # one-year licences follow each other over the whole span (a decade's
    # demo for the benchmarks), each consignee's lines always under one
    path = tmp_path / "years.sqlite"
    counts = usecases.create_demo(path, sales=3000, seed=5, end_period=DEMO_END, months=40)
    with open_database(path) as db:
        repo = usecases.repository(db)
        lines = [x for x in repo.iter("export") if x.controlled]
        licences = {lic.id: lic for lic in repo.iter("licence")}
        assert usecases.validate_database(db, today=TODAY) == []
    assert counts["licences"] > 4 and lines
    assert all(licences[x.licence_id].valid_from <= x.decl_date <= licences[x.licence_id].valid_to
               for x in lines)
    # controls began in 2025, past the two licences a one-year demo has
    assert max(x.decl_date for x in lines) - min(x.decl_date for x in lines) > timedelta(400)


def test_a_cancelled_demo_leaves_the_file_it_would_replace_as_it_was(tmp_path):
    path = tmp_path / "demo.sqlite"
    _small_demo(path)
    held = path.read_bytes()

    def cancel(done, total):
        raise KeyboardInterrupt  # the clerk pressed Cancel (said every 10 000 sales)

    with pytest.raises(KeyboardInterrupt):
        usecases.create_demo(path, sales=10_001, seed=3, end_period=DEMO_END, months=3,
                             replace=True, progress=cancel)
    assert path.read_bytes() == held
    assert _left(tmp_path) == ["demo.sqlite"]  # no half-built file beside it
    assert _small_demo(path, replace=True)["sales"] == 40


def test_validation_finds_an_error_in_its_month_and_only_there(demo_copy):
    with open_database(demo_copy) as db:
        assert usecases.validate_database(db, today=TODAY) == []
        sale = next(usecases.repository(db).iter("sale", where="date LIKE ?",
                                                 params=(f"{PERIOD}%",)))
        assert usecases.save(db, replace(sale, invoice_no="123")).ok
        everything = usecases.validate_database(db, today=TODAY)
        month = usecases.validate_database(db, period=PERIOD, today=TODAY)
        by_month = usecases.findings_by_period(db)
    errors = [f for f in everything if f.is_error]
    assert errors and {f.period for f in errors} <= {PERIOD, None}
    assert {f.code for f in month if f.is_error} == {f.code for f in errors}
    assert PERIOD in by_month and any(f.is_error for f in by_month[PERIOD])
    assert "2026-07" not in by_month


def test_the_dataset_holds_every_record_validation_needs(demo_copy):
    with open_database(demo_copy) as db:
        repo = usecases.repository(db)
        dataset = usecases.load_dataset(repo)
        assert dataset.company == repo.company()
        assert len(dataset.batches) == repo.count("batch")
        assert len(dataset.products) == repo.count("product")
        assert dataset.last_period == DEMO_END


def test_the_dashboards_flows_follow_a_sale(demo_copy):
    with open_database(demo_copy) as db:
        repo = usecases.repository(db)
        sale = next(repo.iter("sale", where="date LIKE '2026-07%' AND is_export = 0"))
        category = repo.get("product", sale.product_id).category
        before = usecases.monthly_flows(db)
        assert sorted(before)[-1] == DEMO_END and len(before) == 12
        assert usecases.save(db, replace(sale, qty_g=sale.qty_g + 1000)).ok
        after = usecases.monthly_flows(db)
    assert after["2026-07"][category][1] == before["2026-07"][category][1] + 1000
    assert after["2026-07"][category][0] == before["2026-07"][category][0]
    assert after["2026-06"] == before["2026-06"]


def test_the_printed_summaries_are_of_the_month_and_say_what_they_cannot_do(demo_copy):
    with open_database(demo_copy) as db:
        company = usecases.repository(db).company()
        for kind in ("flow", "inventory", "licences"):
            report = usecases.summary_report(db, kind, PERIOD)
            assert (report.kind, report.period, report.uscc) == (kind, PERIOD, company.uscc)
            assert report.sections
        sale = next(usecases.repository(db).iter("sale", where="date LIKE '2026-06%'"))
        trace = usecases.summary_report(db, "trace", PERIOD, sale=sale.doc_no)
        assert sale.doc_no in trace.subject
        for kind, options in (("chart", {}), ("trace", {"lot": "NO-SUCH-LOT"})):
            with pytest.raises(ReportError) as caught:
                usecases.summary_report(db, kind, PERIOD, **options)
            assert caught.value.message("zh") and caught.value.message("en")


def test_a_records_months_are_its_date_and_a_batchs_its_start_and_end(demo_copy):
    with open_database(demo_copy) as db:
        repo = usecases.repository(db)
        sale = next(repo.iter("sale", where="date LIKE '2026-06%'"))
        batch = next(b for b in repo.iter("batch") if b.start_date.month != b.end_date.month)
        customer = repo.get("counterparty", sale.customer_id)
    assert usecases.record_months(sale) == [PERIOD]
    assert sorted(usecases.record_months(batch)) == sorted(
        {f"{d.year}-{d.month:02d}" for d in (batch.start_date, batch.end_date)})
    assert usecases.record_months(customer) == []
    changes = usecases.Changes.of_records([sale, customer])
    assert changes.entities == {"sale", "counterparty"} and changes.months == {PERIOD}
    assert (changes | usecases.period_changed("2026-07")).months == {PERIOD, "2026-07"}
