"""The own company's use cases on real files: its findings, its profile
saved or refused (nothing written), a new file headed by it."""

from dataclasses import replace

import pytest

from magdesk import usecases
from magdesk.core import model as M
from magdesk.storage import open_database
from magdesk.storage.db import StorageError
from tests.usecases.state import audit_head, content

GOOD = M.Company("赣州测试磁材有限公司", "91310110666007217T", "赣州市章贡区")
PILOT = "91350211M00013FA1N"  # an early pilot code: its check character fails


def test_the_companys_findings_are_its_fields_and_its_credit_code():
    assert usecases.check_company(GOOD) == []
    assert [f.code for f in usecases.check_company(replace(GOOD, uscc=PILOT))] == [
        "uscc.check_digit"]
    pilot = usecases.check_company(replace(GOOD, uscc=PILOT))[0]
    assert not pilot.is_error  # a warning: it can be accepted with a reason
    missing = usecases.check_company(replace(GOOD, address=""))
    assert [(f.code, f.field, f.is_error) for f in missing] == [
        ("field.required", "address", True)]


def test_a_refused_profile_writes_nothing(demo_copy):
    with open_database(demo_copy) as db:
        company = usecases.repository(db).company()
        before, head = content(demo_copy), audit_head(demo_copy)
        for wrong, reason in ((replace(company, address=""), "与营业执照一致"),
                              (replace(company, uscc=PILOT), ""),
                              (replace(company, uscc=PILOT), "ok")):  # too short a reason
            changes = usecases.save_company(db, wrong, reason)
            assert not changes.ok and not changes.changed and not changes.company
            assert changes.why("zh") and changes.why("en")
            assert content(demo_copy) == before and audit_head(demo_copy) == head


def test_a_profile_saved_says_the_heading_changed_and_a_warning_accepted_with_it(demo_copy):
    with open_database(demo_copy) as db:
        company = usecases.repository(db).company()
        changes = usecases.save_company(db, replace(company, uscc=PILOT), "与营业执照一致")
        assert changes.ok and changes.company and changes.periods and changes.findings
        assert changes.entities == {"company"} and changes.touches("company")
        repo = usecases.repository(db)
        assert repo.company().uscc == PILOT
        assert ("company", PILOT, "uscc.check_digit") in repo.accepted()
        entry = usecases.audit_log(db, entity="company", limit=1)[0]
        assert entry.action == "UPDATE"


def test_a_new_file_is_made_only_for_a_company_without_errors(tmp_path):
    path = tmp_path / "new.sqlite"
    found = usecases.create_database(path, replace(GOOD, uscc=PILOT))
    assert [f.code for f in found] == ["uscc.check_digit"] and not path.exists()
    assert usecases.create_database(path, replace(GOOD, uscc=PILOT), "与营业执照一致") == []
    with open_database(path) as db:
        assert usecases.repository(db).company().uscc == PILOT
        assert not [f for f in usecases.validate_database(db) if f.entity == "company"]


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "taken.sqlite"
    assert usecases.create_database(path, GOOD) == []
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        usecases.create_database(path, replace(GOOD, name="另一家公司"))
    assert "taken.sqlite" in str(caught.value)
    assert path.read_bytes() == before
