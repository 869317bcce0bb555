"""Filing templates kept in the file (schema v6): versions by name, the
sample's bytes and hash, the company's default, deleting, a read-only file,
the audit trail, and a v5 file migrated to hold them."""

import hashlib
import os
import sqlite3

import pytest

from magdesk import usecases
from magdesk.storage import audit, migrations, schema
from magdesk.storage import db as dbmod
from magdesk.storage.db import ReadOnlyError, open_database
from magdesk.storage.filing_store import FilingStore
from magdesk.storage.repository import Repository
from magdesk.storage.template_store import TemplateRefused, TemplateStore
from tests.core import world as W

BODY = '[template]\nid = "省局流向表"\nversion = 1\n'
SAMPLE = b"PK\x03\x04" + os.urandom(5000)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "magdesk.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).set_company(W.COMPANY)
    return path


def _rows(path, sql, params=()):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_saving_a_name_again_adds_a_version_and_keeps_the_old(path):
    with open_database(path) as db:
        store = TemplateStore(db)
        assert store.get("省局流向表") is None and store.names() == [] and store.versions("x") == []
        assert store.save("省局流向表", BODY, SAMPLE, "流向表样表.xlsx") == 1
        assert store.save("省局流向表", BODY + "# 2\n", None) == 2
        assert store.save("市局表", BODY.replace("省局流向表", "市局表"), b"xyz", "s.xlsx") == 1
        first, latest = store.get("省局流向表", 1), store.get("省局流向表")
        assert store.get("省局流向表", 3) is None
    assert (first.version, first.body, first.sample, first.sample_name) == (
        1, BODY, SAMPLE, "流向表样表.xlsx")
    assert first.sample_sha256 == hashlib.sha256(SAMPLE).hexdigest() and first.saved_at
    assert (latest.version, latest.body, latest.sample, latest.sample_name,
            latest.sample_sha256) == (2, BODY + "# 2\n", None, "", "")
    # what is kept is in the file itself, read by a plain connection
    assert _rows(path, "SELECT name, version, length(sample), sample_sha256 FROM filing_template "
                       "ORDER BY id") == [
        ("省局流向表", 1, len(SAMPLE), hashlib.sha256(SAMPLE).hexdigest()),
        ("省局流向表", 2, None, ""),
        ("市局表", 1, 3, hashlib.sha256(b"xyz").hexdigest())]
    with open_database(path) as db:
        store = TemplateStore(db)
        listed = [(i.name, i.version, i.versions, i.sample_size, i.is_default)
                  for i in store.names()]
        versions = [(i.version, i.sample_name) for i in store.versions("省局流向表")]
    assert listed == [("市局表", 1, 1, 3, False), ("省局流向表", 2, 2, 0, False)]
    assert versions == [(1, "流向表样表.xlsx"), (2, "")]


def test_a_save_takes_a_restore_point_first_and_is_audited_without_the_bytes(path):
    with open_database(path) as db:
        TemplateStore(db).save("省局流向表", BODY, SAMPLE, "样表.xlsx")
        TemplateStore(db).set_default("省局流向表")
        assert audit.verify(db.conn).ok
        entries = [e for e in audit.entries(db.conn) if e.entity in ("filing_template",
                                                                     "file_setting")]
    points = usecases.list_snapshots(path)
    assert points[0].note == "before saving template 省局流向表"
    assert usecases.point_note(points[0].note, "zh") == "保存申报模板“省局流向表”之前"
    saved = next(e for e in entries if e.entity == "filing_template")
    fields = {c.field: c.new for c in saved.changes}
    assert saved.action == "INSERT" and saved.record_key == "省局流向表 v1"
    assert fields["sample_sha256"] == hashlib.sha256(SAMPLE).hexdigest()
    assert fields["body"] == BODY and "sample" not in fields
    chosen = next(e for e in entries if e.entity == "file_setting")
    assert {c.field: c.new for c in chosen.changes} == {"key": "filing_template",
                                                        "value": "省局流向表"}


def test_the_default_is_a_template_of_the_file_or_none(path):
    with open_database(path) as db:
        store = TemplateStore(db)
        store.save("甲", BODY.replace("省局流向表", "甲"), None)
        store.save("乙", BODY.replace("省局流向表", "乙"), None)
        assert store.default() is None
        with pytest.raises(TemplateRefused) as caught:
            store.set_default("丙")
        assert "丙" in caught.value.message("zh") and caught.value.code == "template_store.unknown"
        store.set_default("乙")
        assert store.default() == "乙"
        assert [(i.name, i.is_default) for i in store.names()] == [("乙", True), ("甲", False)]
        store.save("乙", BODY.replace("省局流向表", "乙"), None)  # the default follows the name
        assert [(i.version, i.is_default) for i in store.versions("乙")] == [(1, False),
                                                                            (2, True)]
        store.set_default("OTHER-BUILTIN", builtin=True)
        assert store.default() == "OTHER-BUILTIN"
        store.set_default(None)
        assert store.default() is None
    assert _rows(path, "SELECT * FROM file_setting") == []


def test_deleting_removes_every_version_and_the_default_with_it(path):
    with open_database(path) as db:
        store = TemplateStore(db)
        store.save("甲", BODY.replace("省局流向表", "甲"), SAMPLE)
        store.save("甲", BODY.replace("省局流向表", "甲"), SAMPLE, make_default=True)
        store.save("乙", BODY.replace("省局流向表", "乙"), None)
        assert store.default() == "甲"
        assert store.delete("甲") == 2
        assert store.get("甲") is None and store.default() is None
        assert [i.name for i in store.names()] == ["乙"]
        with pytest.raises(TemplateRefused):
            store.delete("甲")
    assert usecases.list_snapshots(path)[0].note == "before deleting template 甲"


@pytest.mark.parametrize("recorded", ["乙", "乙 v1", "乙@1"])
def test_a_template_a_months_filing_recorded_is_kept(path, recorded):
    with open_database(path) as db:
        store = TemplateStore(db)
        store.save("乙", BODY.replace("省局流向表", "乙"), None)
        store.save("乙二", BODY.replace("省局流向表", "乙二"), None)
        filing = FilingStore(db)
        filing.record_export("2026-02", 0, "draft.xlsx", recorded, "0" * 64, "0" * 64, True)
        assert store.recorded_by("乙") == []  # a draft binds nothing
        filing.set_period("2026-03", state="EXPORTED", template=recorded)
        filing.record_export("2026-04", 0, "f.xlsx", recorded, "0" * 64, "0" * 64, False)
        assert store.recorded_by("乙") == ["2026-03", "2026-04"]
        assert store.recorded_by("乙二") == []  # another name that begins the same
        with pytest.raises(TemplateRefused) as caught:
            store.delete("乙")
        assert "2026-03、2026-04" in caught.value.message("zh")
        assert "2026-03, 2026-04" in caught.value.message("en")
        assert store.delete("乙二") == 1
        assert [i.name for i in store.names()] == ["乙"]


def test_a_read_only_file_refuses_every_template_write(path):
    with open_database(path) as writer:
        TemplateStore(writer).save("甲", BODY.replace("省局流向表", "甲"), None)
        before = _rows(path, "SELECT * FROM filing_template")
        with open_database(path) as reader:
            assert reader.read_only
            store = TemplateStore(reader)
            assert store.get("甲").version == 1  # it reads
            for write in (lambda: store.save("乙", BODY, None), lambda: store.set_default("甲"),
                          lambda: store.delete("甲")):
                with pytest.raises(ReadOnlyError):
                    write()
    assert _rows(path, "SELECT * FROM filing_template") == before
    assert _rows(path, "SELECT * FROM file_setting") == []


@pytest.mark.parametrize("name", ["", "  ", " 甲", "甲\n乙", "a\x00b", "x" * 101])
def test_a_name_that_cannot_name_a_template_is_refused(path, name):
    with open_database(path) as db:
        with pytest.raises(TemplateRefused) as caught:
            TemplateStore(db).save(name, BODY, None)
        assert caught.value.message("zh") and caught.value.message("en")
    assert _rows(path, "SELECT count(*) FROM filing_template") == [(0,)]


def test_a_version_5_file_is_migrated_to_hold_templates(tmp_path, monkeypatch):
    path = tmp_path / "v5.sqlite"
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:5])
    monkeypatch.setattr(dbmod, "LATEST", 5)
    with open_database(path, create=True) as db:
        Repository(db).set_company(W.COMPANY)
        Repository(db).insert(W.SUPPLIER)
        assert db.schema_version == 5
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS)  # not undo(): that would
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)  # drop the isolated data folder
    with open_database(path) as db:
        assert db.schema_version == migrations.LATEST >= 6 and not db.read_only
        assert schema.compare(db.conn).ok
        assert Repository(db).get("counterparty", 1) == W.SUPPLIER
        assert TemplateStore(db).save("甲", BODY.replace("省局流向表", "甲"), SAMPLE) == 1
        assert audit.verify(db.conn).ok
    assert [p.schema for p in usecases.list_snapshots(path)][-1] == 5


def test_the_v3_step_audits_only_the_tables_of_v3():
    """Released steps make what they made: the v3 step's triggers are those
    of its own tables, the template tables' come with v6."""
    v3 = " ".join(migrations.MIGRATIONS[2])
    v6 = " ".join(migrations.MIGRATIONS[5])
    assert "audit_filing_template_insert" not in v3 and "audit_file_setting_delete" not in v3
    assert "audit_filing_template_insert" in v6 and "audit_file_setting_delete" in v6


def test_a_version_6_file_is_migrated_to_hold_screening_lists(tmp_path, monkeypatch):
    """v7 adds the restricted-party lists (audited); a v6 file keeps its templates."""
    from magdesk.storage import db as dbmod
    from magdesk.storage.screening_store import ScreeningStore

    path = tmp_path / "v6.sqlite"
    monkeypatch.setattr(dbmod, "LATEST", 6)
    with open_database(path, create=True) as db:
        assert TemplateStore(db).save("乙", BODY.replace("省局流向表", "乙"), SAMPLE) == 1
    monkeypatch.setattr(dbmod, "LATEST", migrations.LATEST)
    with open_database(path) as db:
        assert db.schema_version == migrations.LATEST >= 7
        assert TemplateStore(db).get("乙").sample == SAMPLE
        assert ScreeningStore(db).lists() == []
        assert "audit_screening_entry_insert" in " ".join(migrations.MIGRATIONS[6])
