"""Attachments on real files: the rows in the company file, the bytes in
``<file>.files/`` beside it; attach, list, open, export, detach, undo and
redo, the refusals, the audit trail, an owner's deletion, check and prune."""

import hashlib
import os
import sqlite3

import pytest

from magdesk import usecases
from magdesk.core.attachments import Attachment
from magdesk.storage import open_database
from magdesk.storage.attachments import store_for


def _pdf(folder, name="contract.pdf", size=50_000, seed=b"a"):
    """A file of ``size`` bytes (PDF-looking head, the rest from ``seed``)."""
    path = folder / name
    body = b"%PDF-1.4\n" + hashlib.sha256(seed).digest() * (size // 32 + 1)
    path.write_bytes(body[:size])
    return path


def _first(db, entity):
    return next(usecases.repository(db).iter(entity))


def _blobs(path):
    store = store_for(path)
    return sorted(store.shas())


def test_attach_lists_opens_exports_and_undo_redo_keep_the_id(demo_copy, tmp_path):
    source = _pdf(tmp_path, "购销合同 S-1.pdf")
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        changes = usecases.attach(db, "sale", sale.id, source, "contract", note="signed")
        assert changes.ok, changes.why("en")
        assert {"attachment", "sale"} <= changes.entities and ("sale", sale.id) in changes.records
        [att] = usecases.attachments_of(db, "sale", sale.id)
        assert (att.name, att.kind, att.size, att.note) == ("购销合同 S-1.pdf", "contract",
                                                            50_000, "signed")
        assert att.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert att.added_at[10] == "T" and ("+" in att.added_at[19:] or "-" in att.added_at[19:])
        assert att.added_by
        blob = usecases.attachment_file(db, att)
        assert blob == store_for(demo_copy).path(att.sha256) and blob.read_bytes() == \
            source.read_bytes()
        assert not os.access(blob, os.W_OK) or os.geteuid() == 0
        opened = usecases.open_copy(db, att)
        assert opened.name == "购销合同 S-1.pdf" and opened.read_bytes() == source.read_bytes()
        assert os.path.samefile(opened, blob)  # a link, not a copy: at once at any size
        out = usecases.export_attachment(db, att, tmp_path)
        again = usecases.export_attachment(db, att, tmp_path)
        assert out.name == "购销合同 S-1 (2).pdf" or again.name == "购销合同 S-1 (2).pdf"
        assert again.read_bytes() == source.read_bytes() and os.access(again, os.W_OK)

        gone = usecases.detach(db, att.id)
        assert gone.ok and usecases.attachments_of(db, "sale", sale.id) == []
        assert usecases.attachment_file(db, att) == blob  # the bytes stay until pruned
        assert usecases.undo(db, gone.edit).ok
        assert usecases.attachments_of(db, "sale", sale.id) == [att]  # the same id
        assert usecases.undo(db, changes.edit).ok  # the attach itself undone
        assert usecases.attachments_of(db, "sale", sale.id) == []
        assert usecases.redo(db, changes.edit).ok
        assert usecases.attachments_of(db, "sale", sale.id) == [att]
        assert "购销合同 S-1.pdf" in changes.edit.describe("zh")


def test_the_same_bytes_twice_are_stored_once(demo_copy, tmp_path):
    one = _pdf(tmp_path, "a.pdf")
    two = (tmp_path / "copy of a.pdf")
    two.write_bytes(one.read_bytes())
    with open_database(demo_copy) as db:
        product, party = _first(db, "product"), _first(db, "counterparty")
        assert usecases.attach(db, "product", product.id, one, "test_report").ok
        assert usecases.attach(db, "counterparty", party.id, two, "other").ok
        both = usecases.attachments_for(db, [("product", product.id),
                                             ("counterparty", party.id)])
        assert len(both) == 2 and len({a.sha256 for a in both}) == 1
        assert usecases.all_attachments(db) == sorted(both, key=lambda a: a.id)
    assert len(_blobs(demo_copy)) == 1


def test_a_file_over_the_limit_is_refused_with_its_name_and_sizes(demo_copy, tmp_path):
    big = _pdf(tmp_path, "scan.pdf", size=3 * 2**20)
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        changes = usecases.attach(db, "sale", sale.id, big, "photo", limit=2**20)
        assert not changes.ok
        zh, en = changes.why("zh"), changes.why("en")
        assert "scan.pdf" in zh and "3.0 MB" in zh and "1.0 MB" in zh and "上限" in zh
        assert "too big" in en and "3.0 MB" in en
        assert usecases.attachments_of(db, "sale", sale.id) == []
    store = store_for(demo_copy)
    assert not store.root.exists() or list(store.root.rglob("*")) == []


def test_refusals_say_what_and_where(demo_copy, tmp_path):
    source = _pdf(tmp_path)
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        kind = usecases.attach(db, "sale", sale.id, source, "invoice")
        assert not kind.ok and "invoice" in kind.why("en") and "contract" in kind.why("en")
        owner = usecases.attach(db, "sale", 10**9, source, "contract")
        assert not owner.ok and "销售" in owner.why("zh") and str(10**9) in owner.why("zh")
        entity = usecases.attach(db, "purchase", 1, source, "contract")
        assert not entity.ok and "purchase" in entity.why("en")
        missing = usecases.attach(db, "sale", sale.id, tmp_path / "nope.pdf", "contract")
        assert not missing.ok and "nope.pdf" in missing.why("zh")
        assert not usecases.detach(db, 999).ok
        assert usecases.all_attachments(db) == []
        with pytest.raises(usecases.AttachmentError):
            usecases.owner_of(db, "sale:NO-SUCH")
        assert usecases.owner_of(db, f"sale:{sale.doc_no}") == ("sale", sale.id)


def test_attach_and_detach_are_in_the_audit_trail_and_it_verifies(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        lic = _first(db, "licence")
        changes = usecases.attach(db, "licence", lic.id, _pdf(tmp_path, "licence.ofd"),
                                  "licence")
        att = usecases.attachments_of(db, "licence", lic.id)[0]
        assert usecases.detach(db, att.id).ok and changes.ok
        entries = sorted(usecases.audit_log(db, entity="attachment"), key=lambda e: e.seq)
        assert [e.action for e in entries] == ["INSERT", "DELETE"]
        assert {e.record_key for e in entries} == {"licence.ofd"}
        assert usecases.verify_audit(db).ok
        history = usecases.record_history(db, "licence", lic.id)
        assert [e.action for e in history if e.entity == "attachment"] == ["DELETE", "INSERT"]
        assert not [e for e in usecases.record_history(db, "sale", lic.id)
                    if e.entity == "attachment"]  # the same id of another entity: not its
        lines = [line for line in usecases.history_lines(db, "licence", lic.id, "zh")
                 if "附件" in line.what]
        assert [(x.what, x.field, x.old, x.new) for x in lines] == [
            ("删除 · 附件", "许可证", "licence.ofd", ""), ("新增 · 附件", "许可证", "", "licence.ofd")]


def test_deleting_an_owner_takes_its_attachments_and_undo_brings_them_back(demo_copy,
                                                                           tmp_path):
    with open_database(demo_copy) as db:
        party = usecases.save(db, _new_party(db)).edit.record
        for n in range(2):
            assert usecases.attach(db, "counterparty", party.id,
                                   _pdf(tmp_path, f"cert{n}.png", seed=bytes([n])),
                                   "end_user_cert").ok
        before = usecases.attachments_of(db, "counterparty", party.id)
        deleted = usecases.delete(db, [party])
        assert deleted.ok and usecases.attachments_of(db, "counterparty", party.id) == []
        assert usecases.undo(db, deleted.edit).ok
        assert usecases.attachments_of(db, "counterparty", party.id) == before
        assert usecases.verify_audit(db).ok


def _new_party(db):
    from dataclasses import replace

    party = _first(db, "counterparty")
    return replace(party, id=None, name_cn="附件测试有限公司", uscc=None)


def test_check_names_missing_and_damaged_files(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        for n in range(3):
            usecases.attach(db, "sale", sale.id, _pdf(tmp_path, f"{n}.jpg", seed=bytes([n])),
                            "photo")
        assert usecases.check_attachments(db).ok
        one, two, _ = usecases.attachments_of(db, "sale", sale.id)
        store = store_for(demo_copy)
        store.remove(one.sha256)
        damaged = store.path(two.sha256)
        os.chmod(damaged, 0o644)
        damaged.write_bytes(b"x" * two.size)
        report = usecases.check_attachments(db)
        assert isinstance(report, usecases.AttachmentCheck)
        assert not report.ok and report.count == 3
        assert report.missing == [one] and report.damaged == [two]
        assert usecases.attachment_file(db, one) is None
        with pytest.raises(usecases.AttachmentError) as refused:
            usecases.open_copy(db, one)
        assert "0.jpg" in refused.value.message("zh")


def test_prune_keeps_what_the_file_or_a_restore_point_names(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        kept, pointed, dropped = (_pdf(tmp_path, f"{n}.pdf", seed=bytes([n])) for n in range(3))
        for source in (kept, pointed, dropped):
            assert usecases.attach(db, "sale", sale.id, source, "contract").ok
        atts = usecases.attachments_of(db, "sale", sale.id)
        assert usecases.detach(db, atts[1].id).ok
        usecases.take_snapshot(db, "manual", kind="manual")  # names 0 and 2
        assert usecases.detach(db, atts[2].id).ok
        with open_database(tmp_path / "elsewhere.sqlite", create=True):
            pass  # (another file's restore points are not this file's)
        store = store_for(demo_copy)
        stale = store.root / ".tmp-999999999-dead"
        stale.write_bytes(b"half")
        freed = usecases.prune_attachments(db)
        assert freed == atts[1].size + 4  # named by nothing: the detached one, the leftover
        assert store.has(atts[0].sha256) and store.has(atts[2].sha256)
        assert not store.has(atts[1].sha256) and not stale.exists()


def test_a_backup_carries_the_files_and_a_restore_onto_a_new_path_brings_them(
        demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        for n in range(3):
            usecases.attach(db, "sale", sale.id, _pdf(tmp_path, f"{n}.pdf", seed=bytes([n])),
                            "contract")
        atts = usecases.attachments_of(db, "sale", sale.id)
        stick = tmp_path / "stick"
        stick.mkdir()
        snap = usecases.backup_to(db, stick)
        assert usecases.attachments_in_copy(snap.path) == (3, sum(a.size for a in atts))
    carried = store_for(snap.path)
    assert sorted(carried.shas()) == sorted(a.sha256 for a in atts)
    assert all(carried.verify(a.sha256) for a in atts)

    fresh = tmp_path / "new machine" / "books.sqlite"
    fresh.parent.mkdir()
    usecases.restore_file(fresh, snap.path)
    with open_database(fresh) as db:
        assert usecases.attachments_of(db, "sale", sale.id) == atts
        assert usecases.check_attachments(db).ok
        assert usecases.open_copy(db, atts[0]).read_bytes() == \
            store_for(demo_copy).path(atts[0].sha256).read_bytes()


def test_a_restore_point_round_trip_keeps_the_attachments(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        sale = _first(db, "sale")
        usecases.attach(db, "sale", sale.id, _pdf(tmp_path), "contract")
        [att] = usecases.attachments_of(db, "sale", sale.id)
        point = usecases.take_snapshot(db, "manual", kind="manual")
        assert usecases.detach(db, att.id).ok
        usecases.prune_attachments(db)  # the point still names it: kept
        usecases.restore_snapshot(db, point.path)
        assert usecases.attachments_of(db, "sale", sale.id) == [att]
        assert usecases.check_attachments(db).ok


def test_an_attachment_row_reads_back_as_written(demo_copy, tmp_path):
    with open_database(demo_copy) as db:
        product = _first(db, "product")
        usecases.attach(db, "product", product.id, _pdf(tmp_path, "spec.pdf"), "spec")
        [att] = usecases.attachments_of(db, "product", product.id)
        assert isinstance(att, Attachment) and att.media_type == "application/pdf"
        assert usecases.owner_label(db, att, "en") == f"product {product.code}"
        assert usecases.kind_label("spec", "zh") == "规格书"
    row = sqlite3.connect(demo_copy).execute(
        "SELECT entity, record_id, kind, name FROM attachment").fetchone()
    assert row == ("product", product.id, "spec", "spec.pdf")
