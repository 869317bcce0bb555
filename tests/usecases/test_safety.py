"""The data-safety use cases on real files: restore points, backups,
restoring (by the open file and by path), closing, bulk deletion, the
audit trail and its check."""

import sqlite3
from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.storage import open_database
from magdesk.storage.db import InUseError
from magdesk.storage.restore import OtherFileError
from magdesk.storage.snapshots import SnapshotError
from tests.core import world as W
from tests.usecases.state import audit_head, content

A = M.Company("宁波市鑫磁稀土永磁材料有限公司", "91310110666007217T", "宁波市北仑区")
B = M.Company("赣州新材磁业有限公司", "91360700MA35ABCD1Q", "赣州市")


def _supplier(n: int) -> M.Counterparty:
    return replace(W.SUPPLIER, id=None, name_cn=f"供应商{n}", uscc=None, address=f"地址{n}")


def _file(folder, company, suppliers: int = 1):
    """``folder/books.sqlite`` of ``company`` with a few suppliers."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "books.sqlite"
    assert usecases.create_database(path, company) == []
    with open_database(path) as db:
        for n in range(suppliers):
            assert usecases.save(db, _supplier(n)).ok
    return path


def _names(db) -> list[str]:
    return sorted(c.name_cn for c in usecases.repository(db).iter("counterparty"))


def test_restore_points_are_listed_newest_first_and_found_by_number_or_name(tmp_path):
    path = _file(tmp_path / "a", A)
    with open_database(path) as db:
        first = usecases.take_snapshot(db, "before import a.xlsx")
        second = usecases.take_snapshot(db, "before import b.xlsx", kind="manual")
        listed = usecases.list_snapshots(db)
        assert [p.note for p in listed] == ["before import b.xlsx", "before import a.xlsx"]
        assert (listed[0].kind, listed[0].uscc, listed[0].company) == ("manual", A.uscc, A.name)
        assert usecases.foreign_snapshots(db) == []
    assert [p.path for p in usecases.list_snapshots(path)] == [second.path, first.path]
    assert usecases.foreign_snapshots(path) == []
    assert usecases.find_snapshot(path, "latest") == second.path
    assert usecases.find_snapshot(path, "2") == first.path
    assert usecases.find_snapshot(path, first.name) == first.path
    with pytest.raises(SnapshotError, match="no restore point number 3"):
        usecases.find_snapshot(path, "3")
    with pytest.raises(SnapshotError):
        usecases.find_snapshot(path, "nothing-of-that-name.sqlite")


def test_restoring_a_point_puts_it_back_and_keeps_the_state_it_replaced(tmp_path):
    path = _file(tmp_path / "a", A)
    with open_database(path) as db:
        point = usecases.take_snapshot(db, "one supplier")
        assert usecases.save(db, _supplier(7)).ok
        result = usecases.restore_snapshot(db, point.path)
        assert _names(db) == ["供应商0"]  # db.conn is the restored file's
        assert result.before is not None and result.before.path.is_file()
        assert usecases.audit_log(db, limit=1)[0].action == "RESTORE"
        usecases.restore_snapshot(db, result.before.path)  # and back again
        assert _names(db) == ["供应商0", "供应商7"]


def test_another_companys_copy_is_refused_and_the_file_left_as_it_was(tmp_path):
    a = _file(tmp_path / "a", A, suppliers=3)
    b = _file(tmp_path / "b", B)
    before = content(b)
    with open_database(b) as db, pytest.raises(OtherFileError):
        usecases.restore_snapshot(db, a)
    assert content(b) == before
    with pytest.raises(OtherFileError):
        usecases.restore_file(b, a)
    assert content(b) == before
    usecases.restore_file(b, a, force=True)  # the clerk insisted
    with open_database(b) as db:
        assert usecases.repository(db).company() == A


def test_a_backup_is_a_checked_copy_that_restores_by_path(tmp_path):
    path = _file(tmp_path / "a", A)
    usb = tmp_path / "usb"
    usb.mkdir()
    with open_database(path) as db:
        copy = usecases.backup_to(db, usb / "books-2026-11.sqlite")
        assert copy.path.is_file() and copy.kind == "backup"
        held = copy.path.read_bytes()
        with pytest.raises(SnapshotError, match="already exists"):
            usecases.backup_to(db, copy.path)
        assert copy.path.read_bytes() == held  # not overwritten
        in_folder = usecases.backup_to(db, usb)
        assert in_folder.path.parent == usb
        assert usecases.save(db, _supplier(9)).ok
    result = usecases.restore_file(path, copy.path)
    assert result.restored == path and result.before is not None
    with open_database(path) as db:
        assert _names(db) == ["供应商0"]
        assert usecases.audit_log(db, limit=1)[0].action == "RESTORE"


def test_closing_takes_a_restore_point_only_when_the_session_changed_the_file(tmp_path):
    path = _file(tmp_path / "a", A)
    db = open_database(path)
    assert usecases.close_database(db, snapshot=True) is None  # nothing changed
    db = open_database(path)
    assert usecases.save(db, _supplier(5)).ok
    point = usecases.close_database(db, snapshot=True)
    assert point is not None and point.kind == "exit"
    assert usecases.list_snapshots(path)[0].path == point.path


def test_deleting_records_is_one_transaction(demo_copy):
    with open_database(demo_copy) as db:
        ids = [next(iter(usecases.save(db, _supplier(n)).records))[1] for n in (1, 2)]
        customer = next(usecases.repository(db).iter("sale")).customer_id  # referred to
        points = len(usecases.list_snapshots(db))
        before, head = content(demo_copy), audit_head(demo_copy)
        with pytest.raises(InUseError):  # the first could go, the second cannot
            usecases.delete_records(db, "counterparty", [ids[0], customer])
        assert content(demo_copy) == before and audit_head(demo_copy) == head
        assert usecases.repository(db).get("counterparty", ids[0]) is not None
        assert usecases.delete_records(db, "counterparty", ids) == 2
        assert len(usecases.list_snapshots(db)) > points  # a restore point first
        assert all(usecases.repository(db).get("counterparty", i) is None for i in ids)


def test_a_records_history_and_the_audit_log_name_what_was_done(tmp_path):
    path = _file(tmp_path / "a", A, suppliers=0)
    with open_database(path) as db:
        created = usecases.save(db, _supplier(1))
        ((_, cid),) = created.records
        record = usecases.repository(db).get("counterparty", cid)
        assert usecases.save(db, replace(record, address="新地址")).ok
        history = usecases.record_history(db, "counterparty", cid)
        assert [e.action for e in history] == ["UPDATE", "INSERT"]
        assert [e.seq for e in usecases.audit_log(db, record="供应商1")] == \
            [e.seq for e in history]
        assert [e.seq for e in usecases.audit_log(db, entity="counterparty", record=str(cid))] \
            == [e.seq for e in history]
        assert len(usecases.audit_log(db, limit=2)) == 2
        with pytest.raises(ValueError):
            usecases.record_history(db, "invoice", 1)
        lines = usecases.history_lines(db, "counterparty", cid)  # in the clerk's words
        assert ("修改", "地址", "新地址") in [(x.what, x.field, x.new) for x in lines]
        assert {x.what for x in lines} == {"修改", "新增"}
        assert "Changed" in {x.what for x in usecases.history_lines(db, "counterparty", cid,
                                                                     "en")}


def test_the_audit_check_passes_then_names_the_entry_edited_behind_its_back(tmp_path):
    path = _file(tmp_path / "a", A, suppliers=3)
    with open_database(path) as db:
        check = usecases.verify_audit(db)
        assert check.ok and check.total >= 4 and check.as_dict()["ok"] is True
    raw = sqlite3.connect(path)
    raw.execute("UPDATE audit_log SET new = replace(new, '供应商1', '供应商X') "
                "WHERE new LIKE '%供应商1%'")
    raw.commit()
    raw.close()
    with open_database(path) as db:
        check = usecases.verify_audit(db)
    assert not check.ok and check.report.problem == "content" and check.report.broken_at
