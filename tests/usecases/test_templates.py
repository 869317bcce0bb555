"""The filing templates' use cases on real files: the built-in ones and the
file's, saving (refused with nothing written when the text is broken),
the default, deleting, a read-only file, and a copy of the file that
carries its templates."""

import hashlib
import shutil
from pathlib import Path

import pytest

from magdesk import usecases
from magdesk.resources import resource_path
from magdesk.storage import open_database
from magdesk.storage.db import ReadOnlyError, StorageError
from magdesk.storage.repository import Repository
from tests.core import world as W
from tests.usecases.state import audit_head, content

NAME = "省局流向表"
REFLOW = resource_path("templates", "REFLOW-1.toml")
# A whole template (the built-in one under another name): saving checks it whole.
BODY = "# learned from 样表.xlsx\n" + REFLOW.read_text(encoding="utf-8").replace(
    'id = "REFLOW-1"', f'id = "{NAME}"')
SAMPLE = b"PK\x03\x04sample workbook" * 300


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "company.sqlite"
    with open_database(path, create=True) as db:
        Repository(db).set_company(W.COMPANY)
    return path


def _listed(db):
    return [(t.name, t.version, t.builtin, t.is_default) for t in usecases.list_templates(db)]


def test_a_new_file_has_the_built_in_template_as_its_default(path):
    with open_database(path) as db:
        assert _listed(db) == [("REFLOW-1", 1, True, True)]
        assert usecases.default_template(db) == "REFLOW-1"
        assert usecases.template_text(db, "REFLOW-1") == REFLOW.read_text(encoding="utf-8")
        assert usecases.stored_template(db, "REFLOW-1") is None  # shipped, not in the file
        assert usecases.template_text(db, "REFLOW-1", 1) == REFLOW.read_text(encoding="utf-8")
        with pytest.raises(StorageError) as caught:
            usecases.template_text(db, "REFLOW-1", 2)
        assert "no version 2" in caught.value.message("en")


def test_a_saved_template_is_listed_shown_and_chosen(path):
    with open_database(path) as db:
        changes = usecases.save_template(db, NAME, BODY, SAMPLE, "样表.xlsx")
        assert changes.ok and changes.templates and changes.changed
        assert not (changes.findings or changes.periods or changes.entities)
        assert usecases.save_template(db, NAME, BODY + "# v2\n", make_default=True).ok
        assert _listed(db) == [("REFLOW-1", 1, True, False), (NAME, 2, False, True)]
        assert usecases.default_template(db) == NAME
        assert usecases.template_text(db, NAME) == BODY + "# v2\n"
        assert usecases.template_text(db, NAME, 1) == BODY
        kept = usecases.stored_template(db, NAME, 1)
        assert kept.sample == SAMPLE and kept.sample_name == "样表.xlsx"
        assert kept.sample_sha256 == hashlib.sha256(SAMPLE).hexdigest()
        entry = usecases.list_templates(db)[1]
        assert (entry.versions, entry.sample_size, entry.as_dict()["default"]) == (2, 0, True)
        with pytest.raises(StorageError) as caught:
            usecases.template_text(db, NAME, 7)
        assert "1, 2" in caught.value.message("en") and "第 7 版" in caught.value.message("zh")
        with pytest.raises(StorageError) as caught:
            usecases.template_text(db, "没有的模板")
        assert "没有的模板" in caught.value.message("zh")
        back = usecases.set_default_template(db, None)
        assert back.ok and back.templates and usecases.default_template(db) == "REFLOW-1"
        assert usecases.set_default_template(db, NAME).ok
        assert usecases.set_default_template(db, "REFLOW-1").ok
        assert usecases.default_template(db) == "REFLOW-1"


@pytest.mark.parametrize("body, name, words", [
    ('[template\nid = "省局流向表"', NAME, "TOML"),
    ('title = "no head"\n', NAME, "[template]"),
    (BODY.replace(NAME, "市局表"), NAME, "市局表"),
    (BODY.replace(NAME, "REFLOW-1"), "REFLOW-1", "REFLOW-1"),
    (BODY, "", "name"),
])
def test_a_broken_template_is_refused_and_nothing_is_written(path, body, name, words):
    with open_database(path) as db:
        before, head = content(path), audit_head(path)
        changes = usecases.save_template(db, name, body, SAMPLE, "样表.xlsx", make_default=True)
        assert not changes.ok and not changes.changed and not changes.templates
        assert words in changes.why("en") and changes.why("zh")
        assert content(path) == before and audit_head(path) == head
        assert usecases.list_snapshots(path) == []  # refused before any restore point


def test_choosing_or_deleting_what_is_not_there_is_refused(path):
    with open_database(path) as db:
        before = content(path)
        unknown = usecases.set_default_template(db, "没有的模板")
        assert not unknown.ok and "没有的模板" in unknown.why("zh")
        gone = usecases.delete_template(db, "没有的模板")
        assert not gone.ok and "没有的模板" in gone.why("en")
        builtin = usecases.delete_template(db, "REFLOW-1")
        assert not builtin.ok and "REFLOW-1" in builtin.why("zh")
        assert content(path) == before


def test_deleting_the_default_brings_back_the_built_in_one(path):
    with open_database(path) as db:
        assert usecases.save_template(db, NAME, BODY, SAMPLE, make_default=True).ok
        changes = usecases.delete_template(db, NAME)
        assert changes.ok and changes.templates
        assert _listed(db) == [("REFLOW-1", 1, True, True)]
        assert usecases.default_template(db) == "REFLOW-1"


def test_a_month_filed_with_a_template_keeps_it(path):
    from magdesk.storage.filing_store import FilingStore

    with open_database(path) as db:
        assert usecases.save_template(db, NAME, BODY, SAMPLE).ok
        FilingStore(db).set_period("2026-05", state="FILED", template=NAME)
        refused = usecases.delete_template(db, NAME)
        assert not refused.ok and "2026-05" in refused.why("zh")
        assert [t.name for t in usecases.list_templates(db)] == ["REFLOW-1", NAME]


def test_a_read_only_file_refuses_templates_and_says_why(path):
    with open_database(path) as writer:
        assert usecases.save_template(writer, NAME, BODY, SAMPLE).ok
        before = content(path)
        with open_database(path) as reader:
            assert _listed(reader) == [("REFLOW-1", 1, True, True), (NAME, 1, False, False)]
            for changes in (usecases.save_template(reader, NAME, BODY),
                            usecases.set_default_template(reader, NAME),
                            usecases.delete_template(reader, NAME)):
                assert not changes.ok and isinstance(changes.failure, ReadOnlyError)
                assert changes.why("zh") and changes.why("en")
        assert content(path) == before


def test_a_copy_of_the_file_carries_its_templates(path, tmp_path):
    with open_database(path) as db:
        assert usecases.save_template(db, NAME, BODY, SAMPLE, "样表.xlsx",
                                      make_default=True).ok
    elsewhere = tmp_path / "other machine" / "复制的文件.sqlite"
    elsewhere.parent.mkdir()
    shutil.copyfile(path, elsewhere)
    path.unlink()
    with open_database(elsewhere) as db:
        assert usecases.default_template(db) == NAME
        assert usecases.template_text(db, NAME) == BODY
        kept = usecases.stored_template(db, NAME)
    assert hashlib.sha256(kept.sample).hexdigest() == kept.sample_sha256
    assert kept.sample == SAMPLE
