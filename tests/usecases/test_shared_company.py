"""Several clerks on one company: a sale cannot take its batch past what it
has (checked inside the write, so two clerks cannot both take the last
kilogram), and a save over what someone else saved after the clerk opened
the record is refused, naming both versions."""

import dataclasses

import pytest

from magdesk import usecases
from magdesk.storage.postgres.server import open_server


def _batch_with_room(repo):
    for batch in repo.iter("batch"):
        number, sold, has = repo.batch_draw(batch.id)
        if has - sold > 1000:
            return batch, has - sold
    raise AssertionError("no batch with room in the demo")


def _sale_of(repo, batch):
    sold = next(iter(repo.iter("sale", where="batch_id = ?", params=(batch.id,))), None)
    template = sold or next(iter(repo.iter("sale", where="is_export = 0")))
    return dataclasses.replace(template, id=None, doc_no=f"T-{batch.batch_no}",
                               batch_id=batch.id, product_id=batch.product_id,
                               date=max(template.date, batch.end_date or template.date))


def test_a_sale_beyond_what_its_batch_has_is_refused(demo_copy):
    with usecases.open_file(demo_copy) as db:
        repo = usecases.repository(db)
        batch, room = _batch_with_room(repo)
        sale = _sale_of(repo, batch)
        refused = usecases.save(db, dataclasses.replace(sale, qty_g=room + 1))
        assert not refused.ok and [f.code for f in refused.refused] == ["batch.oversold"]
        assert batch.batch_no in refused.why("zh") and batch.batch_no in refused.why("en")
        assert repo.batch_draw(batch.id)[1] == repo.batch_draw(batch.id)[2] - room  # none kept
        saved = usecases.save(db, dataclasses.replace(sale, qty_g=room))
        assert saved.ok
        kept = repo.get("sale", saved.edit.new_id)
        more = usecases.save(db, dataclasses.replace(kept, qty_g=room + 1))
        assert [f.code for f in more.refused] == ["batch.oversold"]
        assert usecases.save(db, dataclasses.replace(kept, qty_g=room - 1)).ok  # less: fine


@pytest.fixture
def two_clerks(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    first, second = open_server(pg_url, clerk="王芳"), open_server(pg_url, clerk="李强")
    yield first, second
    first.close()
    second.close()


def test_a_save_over_someone_elses_is_refused_with_both_versions(two_clerks):
    mine, theirs = two_clerks
    opened = next(iter(usecases.repository(mine).iter("sale", where="is_export = 0")))
    assert usecases.save(theirs, dataclasses.replace(opened, contract_no="HT-THEIRS")).ok
    typed = dataclasses.replace(opened, contract_no="HT-MINE", qty_g=opened.qty_g - 1)
    refused = usecases.save(mine, typed, old=opened)
    assert not refused.ok
    zh, en = refused.why("zh"), refused.why("en")
    assert "李强" in zh and "HT-THEIRS" in zh and "HT-MINE" in zh and opened.doc_no in zh
    assert en.startswith("Sale ") and "changed by 李强" in en and "HT-THEIRS" in en
    assert "your form has HT-MINE" in en
    assert refused.failure.fields() == ["contract_no"]  # what they changed, not what I did
    now = usecases.repository(mine).get("sale", opened.id)
    assert now.contract_no == "HT-THEIRS" and now.qty_g == opened.qty_g  # theirs stands
    # reopened, her change goes through
    assert usecases.save(mine, dataclasses.replace(now, contract_no="HT-MINE"), old=now).ok


def test_a_save_of_a_record_someone_deleted_is_refused(two_clerks):
    mine, theirs = two_clerks
    repo = usecases.repository(theirs)
    opened = dataclasses.replace(next(iter(repo.iter("sale", where="is_export = 0"))))
    fresh = usecases.save(theirs, dataclasses.replace(opened, id=None, doc_no="T-GONE", qty_g=1))
    gone = repo.get("sale", fresh.edit.new_id)
    assert usecases.delete(theirs, [gone]).ok
    refused = usecases.save(mine, dataclasses.replace(gone, qty_g=2), old=gone)
    assert not refused.ok and "deleted by 李强" in refused.why("en")
    assert repo.get("sale", gone.id) is None
