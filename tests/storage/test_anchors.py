"""The audit chain anchored outside the file: a chain rewritten with
recomputed hashes looks intact on its own, and is found against the anchor
of an exported workbook, of the data folder's list or of a restore point."""

import json
import shutil
import sqlite3
from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.cli import main
from magdesk.settings import data_dir
from magdesk.storage import anchors, audit
from magdesk.storage.db import open_database
from magdesk.storage.repository import Repository

FIRST, SECOND = "2026-06", "2026-07"
_CONTENT = "l.seq, l.at, l.app, l.clerk, l.os_user, l.action, l.entity, l.record, " \
           "l.record_key, l.old, l.new"


def rewrite(path, seq: int, old: str, new: str) -> None:
    """What an attacker with the sqlite3 shell does: edit entry ``seq`` and
    recompute its seal, every following one and the head (unkeyed hashes)."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit_log SET new = replace(new, ?, ?) WHERE seq = ?", (old, new, seq))
    prev = conn.execute("SELECT prev_hash FROM audit_seal WHERE seq = ?", (seq,)).fetchone()[0]
    rows = conn.execute(f"SELECT {_CONTENT}, s.seal FROM audit_log l JOIN audit_seal s "
                        "ON s.seq = l.seq WHERE l.seq >= ? ORDER BY l.seq", (seq,)).fetchall()
    for row in rows:
        digest = audit.entry_hash(row[:11], row[11], prev)
        conn.execute("UPDATE audit_seal SET prev_hash = ?, entry_hash = ? WHERE seq = ?",
                     (prev, digest, row[0]))
        prev = digest
    conn.execute("UPDATE audit_head SET hash = ? WHERE id = 1", (prev,))
    conn.commit()
    conn.close()


def export(db_path, period, out) -> int:
    return main(["--lang", "en", "export", "--db", str(db_path), "--period", period,
                 "--out", str(out)])


def verify(capsys, db_path, *workbooks, lang="en"):
    argv = ["--lang", lang, "audit", "verify", "--db", str(db_path)]
    for book in workbooks:
        argv += ["--anchor", str(book)]
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def history(demo_copy, tmp_path):
    """Export June, change a sale (entry ``changed``), export July."""
    out = tmp_path / "out"
    assert export(demo_copy, FIRST, out) == 0
    with open_database(demo_copy) as db:
        repo = Repository(db)
        sale = next(repo.iter("sale", where=f"date LIKE '{SECOND}%'"))
        repo.update(replace(sale, invoice_no="88880001"))
        changed = db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    assert export(demo_copy, SECOND, out) == 0
    june, july = (next(out.glob(f"*_{p.replace('-', '')}_*.xlsx")) for p in (FIRST, SECOND))
    return demo_copy, changed, june, july


def _only(kind: str) -> None:
    """Keep one kind of anchor held outside the file: the data folder's list,
    the restore points, or neither (the workbooks given)."""
    folder = data_dir()
    if kind != "list":
        (folder / anchors.LIST_NAME).unlink()
    if kind != "points":
        shutil.rmtree(folder / "snapshots", ignore_errors=True)


def _seq_of(path) -> int:
    with open_database(path) as db:
        return anchors.head(db.conn)[0]


def test_a_clean_file_passes_against_all_its_anchors(history, capsys):
    db_path, _changed, june, july = history
    code, out, err = verify(capsys, db_path, june, july)
    assert code == 0 and err == ""
    assert "Audit trail intact" in out and "the newest matching one is entry" in out
    with open_database(db_path) as db:
        check = usecases.verify_audit(db, workbooks=[june, july])
    kinds = {c.anchor.kind for c in check.anchors.checked}
    assert {"export", "point", "closed", "workbook"} <= kinds
    assert check.ok and check.anchors.count("match") == len(check.anchors.checked)


def test_rewritten_chain_looks_intact_alone_but_not_against_the_last_export(history, capsys):
    db_path, changed, june, july = history
    rewrite(db_path, changed, "88880001", "88889999")
    with open_database(db_path) as db:
        assert audit.verify(db.conn).ok  # recomputed: the chain alone cannot tell
    _only("workbooks")
    assert verify(capsys, db_path)[0] == 0  # no anchor outside: nothing to hold it to
    code, out, err = verify(capsys, db_path, june, july)
    june_head = _workbook_seq(june)
    assert code == 1 and "Audit trail intact" not in out
    assert "Audit trail rewritten" in err and july.name in err
    assert f"entries from {june_head + 1} (" in err and june.name in err
    assert june_head < changed
    code, _out, err = verify(capsys, db_path, july, lang="zh")
    assert code == 1 and "审计记录已被改写" in err and "第 1 条" in err


def _workbook_seq(path) -> int:
    from magdesk.filing.anchor import workbook_anchor

    return workbook_anchor(path).seq


def test_rewritten_chain_found_against_the_data_folder_list(history, capsys):
    db_path, changed, _june, _july = history
    rewrite(db_path, changed, "88880001", "88889999")
    _only("list")
    with open_database(db_path) as db:
        check = usecases.verify_audit(db)
    report = check.anchors
    assert not check.ok and check.report.ok and report.rewritten
    assert report.disagreeing.anchor.source == "list"
    assert report.disagreeing.anchor.seq == changed  # the session that changed it, closing
    assert report.first_after == changed and report.first_entry["action"] == "UPDATE"
    assert report.last_match.seq == changed - 1
    code, _out, err = verify(capsys, db_path)
    assert code == 1 and f"entries from {changed} (UPDATE sale_out" in err


def test_rewritten_chain_found_against_a_restore_point(history, capsys):
    db_path, changed, _june, _july = history
    rewrite(db_path, changed, "88880001", "88889999")
    _only("points")
    with open_database(db_path) as db:
        check = usecases.verify_audit(db)
    report = check.anchors
    assert report.rewritten and report.disagreeing.anchor.source == "point"
    assert "before-export-2026-07" in report.disagreeing.anchor.detail
    assert report.changed_at == changed  # the copy shows which entry itself was changed
    code, _out, err = verify(capsys, db_path)
    assert code == 1 and f"entry {changed} is the first one changed" in err


def test_entries_cut_off_the_end_are_found_against_an_anchor(history, capsys):
    db_path, changed, _june, july = history
    conn = sqlite3.connect(db_path)  # the last entries gone, the head moved back to match
    conn.execute("DELETE FROM audit_log WHERE seq >= ?", (changed,))
    conn.execute("DELETE FROM audit_seal WHERE seq >= ?", (changed,))
    conn.execute("UPDATE audit_head SET seq = ?, hash = (SELECT entry_hash FROM audit_seal "
                 "WHERE seq = ?)", (changed - 1, changed - 1))
    conn.commit()
    conn.close()
    _only("workbooks")
    code, _out, err = verify(capsys, db_path, july)
    assert code == 1 and "Entries cut off the audit trail" in err
    assert f"the file's trail ends at entry {changed - 1}" in err


def test_anchors_of_another_file_are_ignored(history, tmp_path, capsys):
    db_path, _changed, _june, july = history
    other = tmp_path / "other.sqlite"
    shutil.copy(db_path, other)
    conn = sqlite3.connect(other)  # another file: its own identity, its own history since
    conn.execute("UPDATE magdesk_file SET identity = 'ab' || substr(identity, 3)")
    conn.execute("UPDATE counterparty SET address = 'elsewhere' WHERE id = 1")
    conn.commit()
    conn.close()
    assert export(other, "2026-08", tmp_path / "other-out") == 0
    (theirs,) = (tmp_path / "other-out").glob("*.xlsx")
    with open_database(db_path) as db:
        check = usecases.verify_audit(db, workbooks=[theirs, july])
    assert check.ok and check.anchors.count("other_file") == 1
    assert all(c.anchor.identity == check.anchors.checked[0].anchor.identity
               for c in check.anchors.checked if c.status == "match")
    rewrite(other, 3, "elsewhere", "here")  # the other file's rewrite is not this one's
    assert verify(capsys, db_path)[0] == 0


def test_a_restore_replaces_later_anchors_without_calling_it_a_rewrite(demo_copy, capsys):
    with open_database(demo_copy) as db:
        point = usecases.take_snapshot(db, "manual", kind="manual")
        Repository(db).insert(_supplier())
    with open_database(demo_copy) as db:  # closed after a change: anchored beyond the point
        usecases.restore_snapshot(db, point.path)
        Repository(db).insert(_supplier("另一家"))
    code, out, err = verify(capsys, demo_copy)
    assert code == 0 and err == ""
    assert "replaced" in out and "Audit trail intact" in out


def _supplier(name="新供应商"):
    from tests.core import world as W

    return replace(W.SUPPLIER, id=None, name_cn=name, uscc=None)


def test_a_save_does_not_touch_the_anchor_list(demo_copy):
    listed = data_dir() / anchors.LIST_NAME
    with open_database(demo_copy) as db:
        usecases.take_snapshot(db, "manual", kind="manual")
        before = listed.read_bytes(), listed.stat().st_mtime_ns
        repo = Repository(db)
        for n in range(3):
            repo.insert(_supplier(f"供应商{n}"))
        assert (listed.read_bytes(), listed.stat().st_mtime_ns) == before
    assert json.loads(listed.read_text(encoding="utf-8"))["files"]  # closing anchored it


def test_a_garbage_list_is_set_aside_and_blocks_nothing(demo_copy, tmp_path, capsys):
    listed = data_dir() / anchors.LIST_NAME
    listed.parent.mkdir(parents=True, exist_ok=True)
    listed.write_bytes(b"\x00\xffnot json{{{")
    assert export(demo_copy, FIRST, tmp_path) == 0
    with open_database(demo_copy) as db:
        Repository(db).insert(_supplier())
    data = json.loads(listed.read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in next(iter(data["files"].values()))]
    assert kinds == ["point", "export", "closed", "closed"]  # the export's session, then this
    (aside,) = listed.parent.glob("anchors.corrupt-*.json")
    assert aside.read_bytes() == b"\x00\xffnot json{{{"
    code, out, _err = verify(capsys, demo_copy)
    assert code == 0 and "could not be read and was set aside as" in out and aside.name in out
    listed.write_text('{"files": {"x": 5}}', encoding="utf-8")  # valid JSON, wrong shape
    with open_database(demo_copy) as db:
        assert anchors.record(db.conn, "closed", "test")
    assert len(list(listed.parent.glob("anchors.corrupt-*.json"))) >= 1


def test_the_list_is_kept_small_but_keeps_every_month_exported():
    entries = [{"seq": n, "hash": "h", "kind": "export", "period": f"2020-{n % 12 + 1:02d}"}
               for n in range(12)]
    entries += [{"seq": 100 + n, "hash": "h", "kind": "closed"} for n in range(1000)]
    kept = anchors.prune(entries, keep=500)
    assert len(kept) == 512
    assert {e["period"] for e in kept if e["kind"] == "export"} == {
        f"2020-{m:02d}" for m in range(1, 13)}
    assert kept[-1]["seq"] == 1099


def test_a_backup_is_an_anchor_and_its_copy_names_the_changed_entry(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        Repository(db).insert(_supplier())
        changed = anchors.head(db.conn)[0]
        usecases.backup_to(db, tmp_path / "usb")
    (listed,) = json.loads((data_dir() / anchors.LIST_NAME).read_text("utf-8"))["files"].values()
    backup = next(e for e in listed if e["kind"] == "backup")
    assert backup["seq"] == changed and str(tmp_path / "usb") in backup["detail"]
    rewrite(demo_copy, changed, "新供应商", "旧供应商")
    _only("list")
    with open_database(demo_copy) as db:
        report = usecases.verify_audit(db).anchors
    assert report.rewritten and report.disagreeing.anchor.kind == "backup"
    assert report.changed_at == changed and report.changed_in == backup["copy"]


def test_a_copy_changed_on_its_own_is_named_when_the_anchors_disagree(demo_copy, tmp_path,
                                                                      capsys):
    twin = tmp_path / "twin.sqlite"
    shutil.copy(demo_copy, twin)  # same identity: a copy, not another company's file
    with open_database(twin) as db:
        Repository(db).insert(_supplier("副本里的供应商"))
    with open_database(demo_copy) as db:
        Repository(db).insert(_supplier("原件里的供应商"))
    code, _out, err = verify(capsys, demo_copy)
    assert code == 1 and "rewritten" in err
    assert f"That anchor was taken of {twin}" in err


def test_workbooks_without_an_anchor_are_named_and_not_used(demo_copy, tmp_path, capsys):
    from openpyxl import Workbook

    old = tmp_path / "old.xlsx"
    book = Workbook()
    book.active.title = "申报信息"
    book.active.append(["项目", "内容"])
    book.active.append(["数据校验码", "ab" * 32])
    book.save(old)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a zip")
    code, out, err = verify(capsys, demo_copy, old, junk)
    assert code == 0 and "Traceback" not in err
    assert f"{old} has no 审计链 row" in out and f"{junk} cannot be read" in out
    code, out, _err = verify(capsys, demo_copy, old, lang="zh")
    assert "没有“审计链”一行" in out
