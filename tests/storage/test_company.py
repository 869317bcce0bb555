"""The own company's profile on a real file: created at first start, corrected later."""

from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.storage import open_database
from magdesk.storage.db import ReadOnlyError, StorageError
from magdesk.storage.filing_store import FilingStore
from magdesk.storage.repository import Repository

GOOD = M.Company("赣州测试磁材有限公司", "91310110666007217T", "赣州市章贡区")
PILOT = "91350211M00013FA1N"  # a real early-pilot code: its check character fails


def test_a_wrong_code_creates_no_file(tmp_path):
    path = tmp_path / "new.sqlite"
    wrong = replace(GOOD, uscc="91360700MA35ABCD1X")  # check character should be Q
    assert [f.code for f in usecases.create_database(path, wrong)] == ["uscc.check_digit"]
    assert [f.code for f in usecases.create_database(path, replace(GOOD, address=""))] == \
        ["field.required"]
    assert [f.code for f in usecases.create_database(path, replace(wrong, uscc="9136O"))] == \
        ["uscc.format"]
    assert [f.code for f in usecases.create_database(path, wrong, "ok")] == \
        ["uscc.check_digit"]  # a reason of fewer than 4 characters accepts nothing
    assert not path.exists()
    assert usecases.create_database(path, GOOD) == []
    with open_database(path) as db:
        assert Repository(db).company() == GOOD
        assert not [f for f in usecases.validate_database(db) if f.entity == "company"]


def test_an_existing_file_is_never_taken_over(tmp_path):
    path = tmp_path / "taken.sqlite"
    usecases.create_database(path, GOOD)
    with pytest.raises(StorageError, match="already exists"):
        usecases.create_database(path, replace(GOOD, name="另一家公司"))
    with open_database(path) as db:
        assert Repository(db).company() == GOOD


def test_the_profile_is_corrected_in_place_and_audited(tmp_path):
    path = tmp_path / "profile.sqlite"
    usecases.create_database(path, GOOD)
    new = replace(GOOD, name="赣州新材磁业有限公司", uscc="91360700MA35ABCD1Q",
                  enterprise_type="BONDED_MAKER", contact="王会计")
    with open_database(path) as db:
        refused = usecases.save_company(db, replace(new, uscc="91360700MA35ABCD1X")).refused
        assert [f.code for f in refused] == ["uscc.check_digit"]
        assert Repository(db).company() == GOOD  # refused: nothing written
        changes = usecases.save_company(db, new)
        assert changes.ok and changes.company
    with open_database(path) as db:  # a fresh connection reads what was committed
        assert Repository(db).company() == new
        assert db.conn.execute("SELECT count(*) FROM company").fetchone()[0] == 1
        heading = FilingStore(db).heading()
        assert (heading.name, heading.uscc) == (new.name, new.uscc)
        entry = usecases.audit_log(db, entity="company")[0]
        assert entry.action == "UPDATE"
        assert {c.field for c in entry.changes} == {"name", "uscc", "enterprise_type", "contact"}


def test_a_pilot_code_is_kept_with_a_reason(tmp_path):
    path = tmp_path / "pilot.sqlite"
    pilot = replace(GOOD, uscc=PILOT)
    assert usecases.create_database(path, pilot, "与营业执照一致") == []
    with open_database(path) as db:
        assert Repository(db).company() == pilot
        assert ("company", PILOT, "uscc.check_digit") in Repository(db).accepted()
        assert not [f for f in usecases.validate_database(db) if f.entity == "company"]


def test_a_read_only_file_keeps_its_profile(tmp_path):
    path = tmp_path / "held.sqlite"
    usecases.create_database(path, GOOD)
    with open_database(path) as writer, open_database(path) as reader:
        assert reader.read_only and not writer.read_only
        with pytest.raises(ReadOnlyError):
            usecases.save_company(reader, replace(GOOD, name="别人改的名字"))
        assert Repository(writer).company() == GOOD
