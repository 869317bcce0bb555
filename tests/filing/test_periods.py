import sqlite3
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from magdesk import usecases
from magdesk.cli import main
from magdesk.filing.periods import PeriodError, deadline
from magdesk.storage import open_database
from magdesk.storage.db import PeriodLockedError
from magdesk.storage.repository import Repository

PERIOD = "2026-06"
TODAY = date(2026, 11, 26)


def test_deadline_is_the_tenth_of_next_month_by_default():
    assert deadline("2026-06") == date(2026, 7, 10)
    assert deadline("2026-12") == date(2027, 1, 10)
    assert deadline("2026-06", 15) == date(2026, 7, 15)


def test_lifecycle_open_exported_filed_amended(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        assert usecases.period_status(db, PERIOD, today=TODAY).state == "OPEN"
        with pytest.raises(PeriodError, match="export it first"):
            usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-1")
        first = usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        assert not first.refused
        assert usecases.period_status(db, PERIOD, today=TODAY).state == "EXPORTED"
        with pytest.raises(PeriodError, match="receipt"):
            usecases.file_period(db, PERIOD, date(2026, 7, 8), " ")
        filed = usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-2026-0001")
        assert (filed.state, filed.receipt_no, filed.filed_on) == ("FILED", "RC-2026-0001",
                                                                   "2026-07-08")
        statuses = {s.period: s for s in usecases.period_statuses(db, today=TODAY)}
        assert len(statuses) == 12 and statuses[PERIOD].state == "FILED"
        assert statuses["2026-07"].deadline == date(2026, 8, 10)


def _file(db, tmp_path):
    usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
    usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-1")


def test_a_filed_period_refuses_every_edit(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        _file(db, tmp_path)
        repo = Repository(db)
        sale = next(repo.iter("sale", where="date LIKE ?", params=(f"{PERIOD}%",)))
        before = db.conn.execute("SELECT count(*), sum(qty_g) FROM sale_out").fetchone()
        changes = usecases.save(db, replace(sale, qty_g=sale.qty_g + 1))
        findings = list(changes.refused)
        assert not changes.ok and not changes.entities
        assert [(f.code, f.entity, f.record) for f in findings] == [
            ("period.locked", "sale", sale.doc_no)]
        assert PERIOD in findings[0].message("zh") and "更正" in findings[0].message("zh")
        findings = usecases.save(db, replace(sale, id=None, doc_no="SO-NEW-1")).refused
        assert findings[0].code == "period.locked"
        with pytest.raises(PeriodLockedError):
            repo.delete("sale", sale.id)
        moved = replace(sale, date=date(2026, 7, 2))  # moving it out is an edit too
        assert usecases.save(db, moved).refused[0].code == "period.locked"
        for sql in ("DELETE FROM batch_input WHERE batch_id IN (SELECT id FROM production_batch "
                    "WHERE end_date LIKE '2026-06%')",
                    "UPDATE purchase_in SET qty_g = qty_g + 1 WHERE date LIKE '2026-06%'",
                    "UPDATE export_shipment SET qty_g = 1 WHERE decl_date LIKE '2026-06%'"):
            with pytest.raises(sqlite3.IntegrityError, match="period.locked"):
                db.conn.execute(sql)
        assert db.conn.execute("SELECT count(*), sum(qty_g) FROM sale_out").fetchone() == before
        other = next(repo.iter("sale", where="date LIKE '2026-07%'"))
        changes = usecases.save(db, replace(other, qty_g=other.qty_g - 1))
        assert changes.ok and changes.records == {("sale", other.id)}


def test_filing_refuses_data_changed_after_export(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        db.conn.execute("UPDATE sale_out SET contract_no = 'HT-CHANGED' WHERE id = "
                        "(SELECT min(id) FROM sale_out WHERE date LIKE '2026-06%')")
        with pytest.raises(PeriodError, match="changed after"):
            usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-1")


def test_amendment_lists_every_changed_field(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        _file(db, tmp_path)
        with pytest.raises(PeriodError, match="not filed"):
            usecases.amend_period(db, "2026-07", today=TODAY)
        amended = usecases.amend_period(db, PERIOD, today=TODAY)
        assert (amended.state, amended.revision) == ("AMENDED", 1)
        sale = next(Repository(db).iter("sale", where="date LIKE '2026-06%' AND is_export = 0"))
        changed = replace(sale, contract_no="HT-2026-FIX", qty_pcs=(sale.qty_pcs or 0) + 5)
        assert usecases.save(db, changed).ok
        result = usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        assert result.path.name.endswith("_更正1.xlsx")
        wb = openpyxl.load_workbook(result.path)
        info = {r[0]: r[1] for r in wb["申报信息"].iter_rows(values_only=True)}
        assert (info["申报类型"], info["更正序号"]) == ("更正", "1")
        diff = [r for r in wb["更正说明"].iter_rows(min_row=2, values_only=True)]
        assert ("销售出库", sale.doc_no, "合同号", sale.contract_no, "HT-2026-FIX", "修改") in diff
        assert ("销售出库", sale.doc_no, "数量(件)", str(sale.qty_pcs), str(sale.qty_pcs + 5),
                "修改") in diff
        assert len(diff) == 2
        refiled = usecases.file_period(db, PERIOD, date(2026, 7, 20), "RC-1-A")
        assert (refiled.state, refiled.revision) == ("FILED", 1)
        kept = db.conn.execute("SELECT DISTINCT revision FROM filing_snapshot WHERE period = ?",
                               (PERIOD,)).fetchall()
        assert sorted(kept) == [(0,), (1,)]


def test_period_cli(demo_copy, tmp_path, capsys):
    db = str(demo_copy)
    assert main(["export", "--db", db, "--period", PERIOD, "--out", str(tmp_path)]) == 0
    assert main(["period", "file", "--db", db, "--period", PERIOD]) == 1
    assert "--date and --receipt" in capsys.readouterr().err
    assert main(["--lang", "zh", "period", "file", "--db", db, "--period", PERIOD,
                 "--date", "2026-07-08", "--receipt", "RC-9"]) == 0
    assert "已申报" in capsys.readouterr().out
    assert main(["--lang", "en", "period", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2026-06  Filed" in out and "2026-07  Open" in out
    assert main(["period", "amend", "--db", db, "--period", PERIOD, "--json"]) == 0
    assert '"state": "AMENDED"' in capsys.readouterr().out


def test_bulk_inserts_into_a_filed_period_are_refused_whole(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        _file(db, tmp_path)
        repo = Repository(db)
        july = next(repo.iter("sale", where="date LIKE '2026-07%'"))
        june = next(repo.iter("sale", where="date LIKE '2026-06%'"))
        before = repo.count("sale")
        rows = [replace(july, id=None, doc_no="SO-BULK-1"), replace(june, id=None, doc_no="SO-BULK-2")]
        with pytest.raises(PeriodLockedError):
            repo.insert_new("sale", rows)
        assert repo.count("sale") == before  # not even the July one


def test_every_refusal_has_a_code_and_reads_in_both_languages(demo_copy, tmp_path):
    refusals = []
    with open_database(demo_copy) as db:
        for call in (lambda: usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-1"),
                     lambda: usecases.amend_period(db, "2026-07", today=TODAY)):
            with pytest.raises(PeriodError) as caught:
                call()
            refusals.append(caught.value)
        usecases.export_filing(db, PERIOD, tmp_path, today=TODAY)
        with pytest.raises(PeriodError) as caught:
            usecases.file_period(db, PERIOD, date(2026, 7, 8), "  ")
        refusals.append(caught.value)
        usecases.file_period(db, PERIOD, date(2026, 7, 8), "RC-1")
        with pytest.raises(PeriodError) as caught:
            usecases.file_period(db, PERIOD, date(2026, 7, 9), "RC-2")
        refusals.append(caught.value)
    assert [(e.code, e.params) for e in refusals] == [
        ("not_exported", {"period": PERIOD}),
        ("not_filed", {"period": "2026-07", "state": "OPEN"}),
        ("receipt_required", {}),
        ("already_filed", {"period": PERIOD, "receipt": "RC-1"})]
    assert [e.message("zh") for e in refusals] == [
        "2026-06还没有导出申报表，不能标记为已申报；请先导出",
        "2026-07尚未申报（状态：未申报），只有已申报的月份才能发起更正",
        "请填写稀土产品追溯系统的回执编号",
        "2026-06已申报（回执编号RC-1），无需再次标记"]
    assert str(refusals[1]) == refusals[1].message("en") == (
        "2026-07 is not filed (Open); only a filed period is amended")
    changed = PeriodError("changed_since_export", period=PERIOD, file="x.xlsx")
    assert changed.message("zh") == "2026-06的记录在导出x.xlsx之后有改动；请重新导出，并上传新导出的文件"
    assert "changed after x.xlsx" in str(changed)


def test_period_cli_refusals_in_the_clerks_language(demo_copy, capsys):
    db = str(demo_copy)
    assert main(["--lang", "zh", "period", "file", "--db", db, "--period", PERIOD,
                 "--date", "2026-07-08", "--receipt", "RC-9"]) == 1
    assert "2026-06还没有导出申报表" in capsys.readouterr().err
    assert main(["--lang", "en", "period", "amend", "--db", db, "--period", PERIOD]) == 1
    assert "2026-06 is not filed (Open)" in capsys.readouterr().err
