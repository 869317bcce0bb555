"""Restore points per file identity: two companies' files of the same name
never share, list, rotate or restore each other's points; the previous
release's shared folders are sorted by what each point holds."""

import os
import shutil
import sqlite3
from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.settings import data_dir
from magdesk.storage import db as dbmod
from magdesk.storage import migrations
from magdesk.storage.db import DamagedFileError, open_database
from magdesk.storage.identity import file_identity, recall
from magdesk.storage.repository import Repository
from magdesk.storage.restore import OtherFileError
from magdesk.storage.snapshots import SnapshotError
from tests.core import world as W

A = M.Company("宁波市鑫磁稀土永磁材料有限公司", "91310110666007217T", "宁波市北仑区")
B = M.Company("赣州新材磁业有限公司", "91360700MA35ABCD1Q", "赣州市")
C = M.Company("包头稀土磁材有限公司", "91150200MA0N000001", "包头市")


def _supplier(n):
    return replace(W.SUPPLIER, id=None, name_cn=f"供应商{n}", uscc=None)


def company_file(folder, company, suppliers=1):
    """``folder/magdesk.sqlite`` of ``company``, with a few suppliers."""
    path = folder / "magdesk.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    with open_database(path, create=True) as db:
        Repository(db).set_company(company)
        for n in range(suppliers):
            Repository(db).insert(_supplier(n))
    return path


def whose(path) -> tuple[str, str]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, uscc FROM company").fetchone(), file_identity(conn)
    finally:
        conn.close()


def test_two_companies_files_of_one_name_keep_their_own_points(tmp_path):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    with open_database(b, keep=1) as db:
        b_point = db.snapshot("B's only point")
    with open_database(a, keep=2) as db:
        for n in range(5):  # rotation of A's points, many times over
            db.snapshot(f"A {n}")
    a_points, b_points = usecases.list_snapshots(a), usecases.list_snapshots(b)
    assert [p.note for p in b_points] == ["B's only point"] and b_point.path.exists()
    assert [p.note for p in a_points] == ["A 4", "A 3"]
    assert {(p.uscc, p.company) for p in a_points} == {(A.uscc, A.name)}
    assert (b_points[0].uscc, b_points[0].company) == (B.uscc, B.name)
    assert b_points[0].identity == whose(b)[1] != whose(a)[1] == a_points[0].identity
    assert a_points[0].path.parent != b_points[0].path.parent
    assert usecases.foreign_snapshots(a) == [] and usecases.foreign_snapshots(b) == []


def test_a_restore_point_records_whose_it_is_and_its_periods(tmp_path):
    a = company_file(tmp_path / "a", A)
    with open_database(a) as db:
        with db.write() as conn:
            conn.execute("INSERT INTO period (period, state) VALUES ('2026-01', 'FILED'), "
                         "('2026-02', 'OPEN')")
        point = db.snapshot("two months")
    assert (point.identity, point.uscc, point.company) == (whose(a)[1], A.uscc, A.name)
    assert point.periods == ("2026-01 FILED@0", "2026-02 OPEN@0")
    assert point.schema == migrations.LATEST and point.as_dict()["uscc"] == A.uscc


def test_another_files_point_is_not_found_by_name_or_path(tmp_path):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    with open_database(a) as db:
        a_point = db.snapshot("A's")
    with pytest.raises(SnapshotError, match="is not a restore point of magdesk.sqlite"):
        usecases.find_snapshot(b, str(a_point.path))
    with pytest.raises(SnapshotError, match="no restore point number 1"):
        usecases.find_snapshot(b, "latest")
    assert usecases.find_snapshot(a, str(a_point.path)) == a_point.path


def test_a_copy_of_another_company_is_refused_unless_forced(tmp_path):
    a = company_file(tmp_path / "a", A, suppliers=3)
    b = company_file(tmp_path / "b", B)
    b_identity = whose(b)[1]
    with open_database(b) as db:
        with pytest.raises(OtherFileError) as caught:
            usecases.restore_snapshot(db, a)
        for text in (caught.value.message("en"), caught.value.message("zh")):
            assert A.uscc in text and B.uscc in text and A.name in text and B.name in text
        assert "统一社会信用代码" in caught.value.message("zh")
        assert Repository(db).company() == B  # nothing changed
        usecases.restore_snapshot(db, a, force=True)
        assert Repository(db).count("counterparty") == 3
    assert whose(b) == ((A.name, A.uscc), b_identity)  # the file keeps its own identity


def test_a_copy_of_another_file_of_the_same_company_is_refused_too(tmp_path):
    a = company_file(tmp_path / "a", A)
    other = company_file(tmp_path / "laptop", A, suppliers=2)  # made apart: its own identity
    with open_database(a) as db, pytest.raises(OtherFileError) as caught:
        usecases.restore_snapshot(db, other)
    assert "another file" in str(caught.value) and whose(other)[1][:8] in str(caught.value)


def test_a_copy_of_the_same_file_made_another_companys_is_refused(tmp_path):
    """A file copied and then given another company's profile keeps the
    identity of its original: the credit code still tells them apart."""
    a = company_file(tmp_path / "a", A)
    template = tmp_path / "b" / "magdesk.sqlite"
    template.parent.mkdir()
    shutil.copy(a, template)
    with open_database(template) as db:
        Repository(db).set_company(C)
        Repository(db).insert(_supplier(7))
    assert whose(template)[1] == whose(a)[1]
    with open_database(a) as db:
        with pytest.raises(OtherFileError) as caught:
            usecases.restore_snapshot(db, template)
        assert A.uscc in str(caught.value) and C.uscc in str(caught.value)
        assert Repository(db).company() == A  # nothing changed
        usecases.restore_snapshot(db, template, force=True)
        assert Repository(db).company() == C


def _v4(monkeypatch):
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:4])
    monkeypatch.setattr(dbmod, "LATEST", 4)


def _latest(monkeypatch):
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)  # not undo(): that would
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)  # drop the isolated data folder


def test_a_backup_from_before_identities_of_the_same_company_is_allowed(tmp_path, monkeypatch):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    a_identity = whose(a)[1]
    _v4(monkeypatch)
    old = company_file(tmp_path / "usb", A, suppliers=4)  # a backup made by the last release
    _latest(monkeypatch)
    with open_database(b) as db, pytest.raises(OtherFileError):
        usecases.restore_snapshot(db, old)
    usecases.restore_file(a, old)
    with open_database(a) as db:  # migrated again: to the identity the file had
        assert db.schema_version == migrations.LATEST
        assert Repository(db).count("counterparty") == 4
    assert whose(a)[1] == a_identity
    b_identity = whose(b)[1]
    usecases.restore_file(b, old, force=True)  # another company's, insisted on
    open_database(b).close()
    assert whose(b) == ((A.name, A.uscc), b_identity)  # still the file it was


def _legacy_point(path, note, minute):
    """A restore point as the previous release wrote it: in snapshots/<stem>/,
    its note table without identity, credit code or company."""
    folder = data_dir() / "snapshots" / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.20261101-10{minute:02d}00-000.{note}.sqlite"
    src, dest = sqlite3.connect(path), sqlite3.connect(target)
    src.backup(dest)
    src.close()
    dest.execute("PRAGMA journal_mode = DELETE")
    dest.execute("CREATE TABLE magdesk_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), "
                 "taken_at TEXT NOT NULL, note TEXT NOT NULL, kind TEXT NOT NULL, "
                 "source TEXT NOT NULL, schema INTEGER NOT NULL, audit_seq INTEGER NOT NULL, "
                 "audit_hash TEXT NOT NULL, filed TEXT NOT NULL)")
    dest.execute("INSERT INTO magdesk_snapshot VALUES (1, ?, ?, 'manual', ?, 4, 0, '', '')",
                 (f"2026-11-01T10:{minute:02d}:00.000+08:00", note, str(path.resolve())))
    dest.commit()
    dest.close()
    return target


@pytest.fixture
def two_old_files(tmp_path, monkeypatch):
    """Files of A and B made by the previous release (schema v4), both
    ``magdesk.sqlite``, their points mixed in ``snapshots/magdesk/`` with a
    third company's and an unreadable one."""
    _v4(monkeypatch)
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B, suppliers=2)
    c = company_file(tmp_path / "c", C)
    points = {"a": [_legacy_point(a, "a-first", 1), _legacy_point(a, "a-second", 3)],
              "b": [_legacy_point(b, "b-only", 2)], "c": [_legacy_point(c, "c-only", 4)]}
    junk = data_dir() / "snapshots" / "magdesk" / "magdesk.20261101-100500-000.junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    _latest(monkeypatch)
    return a, b, points, junk


def test_old_points_are_sorted_by_what_they_hold_on_migration(two_old_files):
    a, b, points, junk = two_old_files
    for path in (a, b):
        open_database(path).close()  # migrated: an identity, and its points adopted
    a_notes = [p.note for p in usecases.list_snapshots(a)]
    b_notes = [p.note for p in usecases.list_snapshots(b)]
    assert a_notes == [a_notes[0], "a-second", "a-first"] and a_notes[0].startswith("before mig")
    assert b_notes[0].startswith("before migration") and b_notes[1:] == ["b-only"]
    a_identity, b_identity = whose(a)[1], whose(b)[1]
    assert a_identity and b_identity and a_identity != b_identity
    assert {p.path.parent.name for p in usecases.list_snapshots(a)} == {a_identity}
    assert usecases.list_snapshots(a)[0].identity == a_identity  # the migration's own point
    # another company's point and the unreadable file stay, listed as foreign, never offered
    assert points["c"][0].exists() and junk.exists()
    foreign = usecases.foreign_snapshots(a)
    assert {f.path for f in foreign} == {points["c"][0], junk}
    assert {(f.point.uscc if f.point else None) for f in foreign} == {C.uscc, None}
    with pytest.raises(SnapshotError, match="not a restore point of"):
        usecases.find_snapshot(a, str(points["c"][0]))


def test_old_points_are_adopted_when_listed_and_never_cross(two_old_files, monkeypatch):
    a, b, points, _ = two_old_files
    with open_database(a, keep=1) as db:
        for n in range(4):
            db.snapshot(f"A now {n}")  # rotation of A, over and over
    listed = usecases.list_snapshots(b)  # b not opened yet: read from the old file itself
    assert [p.note for p in listed] == ["b-only"] and listed[0].uscc == B.uscc
    open_database(b).close()
    b_notes = [p.note for p in usecases.list_snapshots(b)]
    assert "b-only" in b_notes and not any(n.startswith("a-") or "A now" in n for n in b_notes)
    with open_database(b) as db, pytest.raises(OtherFileError):
        usecases.restore_snapshot(db, usecases.list_snapshots(a)[0].path)


def test_a_damaged_file_is_offered_only_its_own_restore_point(tmp_path):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    with open_database(b) as db:
        b_point = db.snapshot("B's point")
    with open_database(a) as db:
        a_point = db.snapshot("A's point, newer")
    stranger = tmp_path / "elsewhere" / "magdesk.sqlite"
    stranger.parent.mkdir()
    shutil.copyfile(b, stranger)
    for path in (b, stranger):
        with open(path, "r+b") as fh:  # every page after the first wrecked
            fh.seek(4096)
            fh.write(os.urandom(path.stat().st_size - 4096))
    with pytest.raises(DamagedFileError) as caught:
        open_database(b)
    assert caught.value.latest.path == b_point.path
    assert b_point.name in str(caught.value) and a_point.name not in str(caught.value)
    assert recall(b).identity == b_point.identity  # the index knew who it was
    with pytest.raises(DamagedFileError) as caught:  # never opened here: who is it?
        open_database(stranger)
    assert caught.value.latest is None and "no restore point is recommended" in str(caught.value)
    assert "不推荐任何还原点" in caught.value.message("zh")
    assert usecases.list_snapshots(stranger) == []


def test_a_migration_that_failed_gives_the_same_identity_next_time(tmp_path, monkeypatch):
    """The identity to come is noted before the migration's restore point is
    taken, so a migration cut short (here: a step that fails; a kill alike)
    leaves that point the file's own when the next opening migrates it."""
    _v4(monkeypatch)
    a = company_file(tmp_path / "a", A)
    monkeypatch.setattr(dbmod, "MIGRATIONS", [*migrations.MIGRATIONS[:4],
                                              [*migrations.MIGRATIONS[4], "SELECT nonsense()"]])
    monkeypatch.setattr(dbmod, "LATEST", 5)
    with pytest.raises(sqlite3.OperationalError):
        open_database(a)
    first = usecases.list_snapshots(a)
    assert [p.kind for p in first] == ["migration"] and whose(a)[1] == ""
    _latest(monkeypatch)
    open_database(a).close()
    listed = usecases.list_snapshots(a)
    assert whose(a)[1] == first[0].identity == recall(a).identity
    assert [p.kind for p in listed] == ["migration", "migration"] and first[0] in listed


def test_a_file_on_a_read_only_drive_is_known_by_what_it_holds(tmp_path, monkeypatch):
    """A WAL file on a read-only drive opens only as immutable: who it is is
    read from it, not taken from the index entry another file left at its path."""
    from magdesk.storage import identity

    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    with open_database(b) as db:
        db.snapshot("B's point")
    identity.remember(a, identity.of_path(b))  # the path once held B's file
    a_identity, real = whose(a)[1], sqlite3.connect

    def read_only_drive(target, *args, **kw):
        if "mode=ro" in str(target) and "immutable=1" not in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kw)

    monkeypatch.setattr(identity.sqlite3, "connect", read_only_drive)
    found = identity.of_path(a)
    assert (found.identity, found.uscc) == (a_identity, A.uscc)
    assert [p.note for p in usecases.list_snapshots(a)] == []  # not B's points
