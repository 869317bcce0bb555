"""The attachments' store on a real folder: content-addressed, read-only,
streamed with a size limit, no half blob under a real name, temporary
copies of dead writers cleared; and the v10 table with its audit triggers."""

import hashlib
import os
import sqlite3

import pytest

from magdesk.storage import attachments as A
from magdesk.storage.migrations import AUDITED, LATEST


def _file(path, size, seed=b"x"):
    block = hashlib.sha256(seed).digest() * 32768  # 1 MiB
    with open(path, "wb") as f:
        left = size
        while left:
            f.write(block[:min(left, len(block))])
            left -= min(left, len(block))
    return path


def test_put_streams_hashes_and_stores_by_hash_read_only(tmp_path):
    store = A.BlobStore(tmp_path / "books.sqlite.files")
    source = _file(tmp_path / "a.pdf", 3 * 2**20 + 7)
    sha, size = store.put(source, limit=4 * 2**20)
    assert size == 3 * 2**20 + 7 and sha == hashlib.sha256(source.read_bytes()).hexdigest()
    blob = store.path(sha)
    assert blob == store.root / sha[:2] / sha and blob.read_bytes() == source.read_bytes()
    assert oct(blob.stat().st_mode & 0o777) == "0o444"
    assert store.verify(sha) and store.has(sha) and list(store.shas()) == [sha]
    assert store.put(source) == (sha, size)  # again: the same blob, nothing added
    assert list(store.root.glob(".tmp-*")) == [] and list(store.shas()) == [sha]


def test_over_the_limit_is_refused_before_copying_and_leaves_nothing(tmp_path):
    store = A.BlobStore(tmp_path / "s")
    source = _file(tmp_path / "big.png", 2 * 2**20 + 1)
    with pytest.raises(A.TooBigError) as refused:
        store.put(source, limit=2 * 2**20)
    assert "big.png" in refused.value.message("en") and "2.0 MB" in refused.value.message("zh")
    assert not store.root.exists() or list(store.root.rglob("*")) == []


def test_a_short_blob_is_replaced_and_a_wrong_one_fails_verify(tmp_path):
    store = A.BlobStore(tmp_path / "s")
    source = _file(tmp_path / "a.ofd", 100_000)
    sha, _ = store.put(source)
    blob = store.path(sha)
    os.chmod(blob, 0o644)
    blob.write_bytes(b"cut")  # a damaged copy (a disk error, a hand edit)
    assert not store.verify(sha)
    assert store.put(source)[0] == sha and store.verify(sha)


def test_temporaries_of_dead_writers_are_cleared_not_those_of_the_living(tmp_path):
    store = A.BlobStore(tmp_path / "s")
    store.root.mkdir()
    dead = store.root / ".tmp-999999999-aa"
    mine = store.root / f".tmp-{os.getpid()}-bb"
    dead.write_bytes(b"12345")
    mine.write_bytes(b"1")
    assert store.clean_temporaries() == 5 and not dead.exists() and mine.exists()
    assert store.remove("0" * 64) == 0


def test_take_from_refuses_bytes_that_are_not_their_name(tmp_path):
    store = A.BlobStore(tmp_path / "s")
    source = _file(tmp_path / "a.jpg", 1000)
    assert not store.take_from(source, "f" * 64) and not store.has("f" * 64)
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert store.take_from(source, sha) and store.verify(sha)


def test_the_attachment_table_is_audited_and_the_latest_step(tmp_path):
    from magdesk.storage import open_database

    path = tmp_path / "new.sqlite"
    with open_database(path, create=True) as db:
        assert db.schema_version == LATEST >= 10
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"attachment", "attachment_owner", "attachment_sha256",
            "audit_attachment_insert", "audit_attachment_delete"} <= names
    assert "attachment" in AUDITED
    assert A.named_by_copy(tmp_path / "not-there.sqlite") == set()
