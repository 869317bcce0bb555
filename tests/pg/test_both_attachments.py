"""Attachments on both back ends: on a server the bytes live in its
``attachment_blob`` table; attaching, opening, exporting, detaching, undoing,
checking and pruning say and give the same as with a file's store."""

from __future__ import annotations

import hashlib

import pytest

from magdesk import usecases
from magdesk.storage.attachments import store_for
from magdesk.storage.db import on_server


def _steps(db, folder) -> dict:
    (folder / "from").mkdir(parents=True)
    report = folder / "from" / "检测报告.pdf"
    report.write_bytes(b"%PDF-1.4 report " + bytes(range(256)) * 64)
    sha = hashlib.sha256(report.read_bytes()).hexdigest()
    sale = usecases.repository(db).find("sale", "SO-202610-0002999") or next(
        usecases.repository(db).iter("sale", order="id DESC"))
    added = usecases.attach(db, "sale", sale.id, report, "test_report", note="第一版")
    att = next(a for a in usecases.attachments_of(db, "sale", sale.id) if a.sha256 == sha)
    opened = usecases.open_copy(db, att)
    exported = usecases.export_attachment(db, att, folder)
    again = usecases.export_attachment(db, att, folder)
    out = {"added": (added.ok, sorted(added.entities), sorted(added.records)),
           "row": (att.entity, att.kind, att.name, att.size, att.sha256, att.note),
           "opened": (opened.name, opened.read_bytes() == report.read_bytes()),
           "exported": (exported.name, again.name, exported.read_bytes() == report.read_bytes()),
           "check": usecases.check_attachments(db)}
    gone = usecases.detach(db, att.id)
    out["detached"] = (gone.ok, usecases.attachments_of(db, "sale", sale.id) == [])
    out["kept"] = usecases.attachment_file(db, att) is not None  # until pruned
    out["undone"] = (usecases.undo(db, gone.edit).ok,
                     [a.id for a in usecases.attachments_of(db, "sale", sale.id)] == [att.id])
    out["redone"] = usecases.redo(db, gone.edit).ok
    out["pruned"] = usecases.prune_attachments(db)
    out["after"] = (usecases.attachment_file(db, att), usecases.check_attachments(db))
    too_big = usecases.attach(db, "sale", sale.id, report, "test_report", limit=100)
    out["too_big"] = (too_big.ok, type(too_big.failure).__name__, too_big.why("en"))
    out["all"] = [(a.entity, a.name, a.size) for a in usecases.all_attachments(db)]
    return out


def test_attach_open_export_detach_undo_and_prune_alike(both, tmp_path):
    on_file, on_server = (_steps(db, tmp_path / str(i)) for i, db in enumerate(both))
    assert on_file["added"][0] and on_file["opened"] == ("检测报告.pdf", True)
    assert on_file["exported"] == ("检测报告.pdf", "检测报告 (2).pdf", True)
    assert on_file["check"].ok and on_file["check"].count == 3
    assert on_file["kept"] and on_file["undone"] == (True, True) and on_file["redone"]
    assert on_file["pruned"] > 16000 and on_file["after"][0] is None
    assert not on_file["too_big"][0] and len(on_file["all"]) == 2
    for name, value in on_file.items():
        assert on_server[name] == value, name


@pytest.mark.parametrize("company", ["postgresql"], indirect=True)
def test_a_server_keeps_the_bytes_in_its_table_and_finds_damage(company, tmp_path):
    assert on_server(company.conn)
    blobs = dict(company.conn.execute("SELECT sha256, octet_length(data) FROM attachment_blob"))
    atts = usecases.all_attachments(company)
    assert {a.sha256: a.size for a in atts} == blobs
    assert usecases.check_attachments(company).ok
    # another clerk's magdesk finds them in the table, not beside this one
    company.conn.execute("UPDATE attachment_blob SET data = ? WHERE sha256 = ?",
                         (b"tampered", atts[0].sha256))
    check = usecases.check_attachments(company)
    assert [a.id for a in check.damaged] == [atts[0].id] and not check.missing
    shallow = usecases.check_attachments(company, deep=False)
    assert [a.id for a in shallow.damaged] == [atts[0].id]  # its size differs
    company.conn.execute("DELETE FROM attachment_blob WHERE sha256 = ?", (atts[1].sha256,))
    check = usecases.check_attachments(company)
    assert [a.id for a in check.missing] == [atts[1].id]
    assert usecases.attachment_file(company, atts[1]) is None
    with pytest.raises(usecases.AttachmentError):
        usecases.open_copy(company, atts[1])


@pytest.mark.parametrize("company", ["postgresql"], indirect=True)
def test_a_file_of_several_chunks_goes_to_the_server_and_back_whole(company, tmp_path):
    big = tmp_path / "photos.zip"
    big.write_bytes(bytes(range(251)) * 20_000 + b"end")  # about 5 MB: chunks of 1 MiB
    sha = hashlib.sha256(big.read_bytes()).hexdigest()
    sale = next(usecases.repository(company).iter("sale", order="id DESC"))
    assert usecases.attach(company, "sale", sale.id, big, "photo").ok
    assert company.conn.execute("SELECT octet_length(data), encode(sha256(data), 'hex') "
                                "FROM attachment_blob WHERE sha256 = ?", (sha,)).fetchone() \
        == (big.stat().st_size, sha)
    att = usecases.attachments_of(company, "sale", sale.id)[-1]
    # another clerk's computer: nothing in its cache, the bytes come from the server
    cache = store_for(company.path)
    assert cache.has(sha) and cache.remove(sha) and not cache.has(sha)
    out = usecases.export_attachment(company, att, tmp_path / "back.zip")
    assert out.read_bytes() == big.read_bytes()
    assert usecases.attach(company, "sale", sale.id, big, "photo").ok  # kept once
    assert company.conn.execute("SELECT count(*) FROM attachment_blob WHERE sha256 = ?",
                                (sha,)).fetchone()[0] == 1


def _attached(db, folder):
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "合同.pdf"
    report.write_bytes(b"%PDF-1.4 contract " + bytes(range(256)) * 16)
    sale = next(usecases.repository(db).iter("sale", order="id DESC"))
    added = usecases.attach(db, "sale", sale.id, report, "contract")
    assert added.ok
    return added, sale


def test_undoing_a_detach_after_a_prune_is_refused_and_says_so(both, tmp_path):
    for i, db in enumerate(both):
        added, sale = _attached(db, tmp_path / str(i))
        att = usecases.attachments_of(db, "sale", sale.id)[-1]
        gone = usecases.detach(db, att.id)
        assert usecases.prune_attachments(db) > 4000  # no row names it now
        undone = usecases.undo(db, gone.edit)
        assert not undone.ok and "attach the file again" in undone.why("en"), type(db)
        assert "合同.pdf" in undone.why("zh")
        assert usecases.attachments_of(db, "sale", sale.id) == []  # no row naming nothing
        assert usecases.check_attachments(db).ok


@pytest.mark.parametrize("company", ["postgresql"], indirect=True)
def test_a_prune_by_another_clerk_meanwhile_loses_no_bytes_she_still_has(company, tmp_path,
                                                                         monkeypatch):
    """Her attach undone, the blob is named by no row; another clerk's prune
    (another computer: a cache of its own) takes it off the server; her redo
    puts it back from her computer's cache, in the row's transaction."""
    added, sale = _attached(company, tmp_path / "her")
    sha = usecases.attachments_of(company, "sale", sale.id)[-1].sha256
    assert usecases.undo(company, added.edit).ok
    monkeypatch.setenv("MAGDESK_DATA_DIR", str(tmp_path / "other-pc"))
    other = usecases.open_file(company.url)
    try:
        assert usecases.prune_attachments(other) > 4000
    finally:
        usecases.close_database(other, snapshot=False)
    assert company.conn.execute("SELECT count(*) FROM attachment_blob WHERE sha256 = ?",
                                (sha,)).fetchone()[0] == 0
    assert usecases.redo(company, added.edit).ok
    att = usecases.attachments_of(company, "sale", sale.id)[-1]
    assert att.sha256 == sha and usecases.check_attachments(company).ok
