"""Attachments: their rows in the file and their bytes beside it.

The model is Anki's ``collection.media`` and Zotero's ``storage/``: the file
keeps one row per attachment (table ``attachment``, schema v10); the bytes
live in a content-addressed store folder beside the file,
``<file>.files/<sha[:2]>/<sha256>`` (no suffix, read-only), so that the file
and every restore point (a whole copy of it) stay small, opening and
validating never touch the bytes, restore points share the one store, and
one document attached twice is kept once.

Writing a blob (``BlobStore.put``) streams the source in 1 MiB chunks into
``.tmp-<pid>-<random>`` in the store, hashing and counting as it copies
(refusing past the size limit), syncs it and renames it to its hash.  A
crash leaves a temporary file (cleared later) or a blob no row names
(pruned later); never a row without its blob, never half a blob under a
real name.  The store is a small class so that a server back end can take
its place.

Interface: ``BlobStore(root)`` with ``put(path, limit) -> (sha, size)``,
``path(sha)``, ``has(sha)``, ``verify(sha)``, ``shas()``, ``remove(sha)``,
``take_from(path, sha)``, ``size(sha)``, ``clean_temporaries()``; ``store_for(db_path)``,
``store_of(db)`` (a server's: ``postgres/blobs.py``);
the rows: ``insert``, ``get``, ``of_owner``, ``of_owners``, ``delete``,
``delete_of_owners``, ``every``, ``named``, ``named_by_copy``, ``owner_exists``,
``find_owner``, ``owner_key``, ``carry_to_copy``, ``merge_from_copy``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.attachments import Attachment, size_text
from .db import StorageError
from .durable import fsync_dir as _fsync_dir
from .durable import pid_alive as _alive
from .reasons import Reason

CHUNK = 1 << 20  # bytes read and hashed at a time: memory stays flat for any size
SUFFIX = ".files"
_COLUMNS = ("id", "entity", "record_id", "kind", "name", "size", "sha256", "added_at",
            "added_by", "note")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM attachment"
_IN_CHUNK = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit


class AttachmentError(StorageError):
    """An attachment refused or unreadable; ``message(lang)`` says why, naming it."""


class TooBigError(AttachmentError):
    """The file is larger than the limit; nothing was kept."""


def _too_big(name: str, size: int, limit: int) -> Reason:
    return Reason("attach.too_big", name=name, size=size_text(size), limit=size_text(limit),
                  bytes=size, limit_bytes=limit)


def store_for(db_path: Path) -> BlobStore:
    """The store of the company file at ``db_path``: ``<db_path>.files``
    (made absolute: a later change of working folder moves nothing)."""
    return BlobStore(Path(f"{Path(db_path).absolute()}{SUFFIX}"))


def store_of(db) -> BlobStore:
    """The store of the open company ``db``: the folder beside its file, or
    on a server its ``attachment_blob`` table read through a local cache
    (``postgres.blobs.ServerBlobStore``, the same interface)."""
    from .db import on_server

    if on_server(db.conn):
        from .postgres.blobs import ServerBlobStore

        return ServerBlobStore(db.conn, store_for(db.path), db.url)
    return store_for(db.path)


class BlobStore:
    """Bytes by their SHA-256 in a folder: ``<root>/<sha[:2]>/<sha>``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        """Where the blob ``sha`` is (or would be)."""
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        """Whether the blob is there (not whether it is whole: ``verify``)."""
        return self.path(sha).is_file()

    def ensure(self, sha: str) -> bool:
        """Whether the blob is there for a row about to name it (a folder's
        store: whether the file is; a server puts it back from the local
        cache when a prune took it meanwhile)."""
        return self.has(sha)

    def size(self, sha: str) -> int | None:
        """The blob's size in bytes (None: it is not there)."""
        try:
            return self.path(sha).stat().st_size
        except OSError:
            return None

    def put(self, source: Path, limit: int | None = None) -> tuple[str, int]:
        """Copy ``source`` in; returns its SHA-256 and size.  Refused with
        ``TooBigError`` past ``limit`` bytes (nothing kept); an ``OSError``
        when the source cannot be read."""
        source = Path(source)
        size = source.stat().st_size
        if limit is not None and size > limit:  # said at once, before any copying
            raise TooBigError(_too_big(source.name, size, limit))
        with open(source, "rb") as src:
            return self._write(src, source.name, limit)

    def take_from(self, path: Path, sha: str) -> bool:
        """Copy the blob at ``path`` in as ``sha`` unless it is here already;
        a file whose bytes are not ``sha`` is left out.  Whether it was copied."""
        if self.has(sha):
            return False
        with open(path, "rb") as src:
            got, _ = self._write(src, Path(path).name, None, expect=sha)
        return got == sha

    def put_bytes(self, data: bytes, sha: str) -> bool:
        """Keep ``data`` as the blob ``sha`` (bytes brought from a server);
        False, nothing kept, when they do not hash to ``sha``."""
        import io

        got, _ = self._write(io.BytesIO(data), sha, None, expect=sha)
        return got == sha

    def _write(self, src, name: str, limit: int | None,
               expect: str | None = None) -> tuple[str, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
        digest, size = hashlib.sha256(), 0
        try:
            with open(tmp, "xb") as out:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if limit is not None and size > limit:  # it grew while being read
                        raise TooBigError(_too_big(name, size, limit))
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            if expect is not None and sha != expect:
                return sha, size
            self._settle(tmp, sha, size)
            return sha, size
        finally:
            tmp.unlink(missing_ok=True)

    def _settle(self, tmp: Path, sha: str, size: int) -> None:
        """Give the temporary copy its hash name, unless a whole blob has it."""
        final = self.path(sha)
        with contextlib.suppress(OSError):
            if final.stat().st_size == size:
                return  # stored once: the same bytes are there already
        final.parent.mkdir(exist_ok=True)
        os.chmod(tmp, 0o444)  # a viewer opening it (a hard link) cannot change it
        if final.exists():  # a short (damaged) blob: made writable to be replaced
            os.chmod(final, 0o644)
        os.replace(tmp, final)
        _fsync_dir(final.parent)

    def verify(self, sha: str) -> bool:
        """Whether the blob is there and its bytes hash to ``sha``."""
        digest = hashlib.sha256()
        try:
            with open(self.path(sha), "rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == sha

    def shas(self) -> Iterator[str]:
        """Every blob in the store, by name."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if folder.is_dir() and len(folder.name) == 2:
                for blob in folder.iterdir():
                    if len(blob.name) == 64 and blob.name.startswith(folder.name):
                        yield blob.name

    def remove(self, sha: str) -> int:
        """Delete a blob; the bytes freed (0 when it was not there)."""
        path = self.path(sha)
        try:
            size = path.stat().st_size
            os.chmod(path, 0o644)  # Windows deletes no read-only file
            path.unlink()
        except OSError:
            return 0
        return size

    def clean_temporaries(self, max_age: float = 24 * 3600) -> int:
        """Remove the temporary copies of writers that died (their process is
        gone, or it is older than ``max_age``); the bytes freed."""
        freed = 0
        if not self.root.is_dir():
            return 0
        for tmp in self.root.glob(".tmp-*"):
            pid = tmp.name.split("-")[1]
            with contextlib.suppress(OSError):
                stat = tmp.stat()
                dead = pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid))
                if dead or time.time() - stat.st_mtime > max_age:
                    tmp.unlink()
                    freed += stat.st_size
        return freed


# --- the rows --------------------------------------------------------------------------


def _att(row) -> Attachment:
    return Attachment(*row)


def insert(conn: sqlite3.Connection, att: Attachment) -> int:
    """Write the row (with its id when it has one: a redo, an undo); its id."""
    cols = _COLUMNS if att.id is not None else _COLUMNS[1:]
    values = [getattr(att, c) for c in cols]
    cursor = conn.execute(
        f"INSERT INTO attachment ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        values)
    return att.id if att.id is not None else cursor.lastrowid


def get(conn: sqlite3.Connection, attachment_id: int) -> Attachment | None:
    row = conn.execute(f"{_SELECT} WHERE id = ?", (attachment_id,)).fetchone()
    return _att(row) if row else None


def of_owner(conn: sqlite3.Connection, entity: str, record_id: int) -> list[Attachment]:
    """A record's attachments, in the order they were added."""
    rows = conn.execute(f"{_SELECT} WHERE entity = ? AND record_id = ? ORDER BY id",
                        (entity, record_id))
    return [_att(r) for r in rows]


def of_owners(conn: sqlite3.Connection, entity: str, ids: Iterable[int]) -> list[Attachment]:
    """The attachments of many records of one entity (a few queries, not one per record)."""
    ids = sorted(set(ids))
    out: list[Attachment] = []
    for start in range(0, len(ids), _IN_CHUNK):
        part = ids[start:start + _IN_CHUNK]
        rows = conn.execute(
            f"{_SELECT} WHERE entity = ? AND record_id IN ({', '.join('?' * len(part))}) "
            "ORDER BY id", (entity, *part))
        out.extend(_att(r) for r in rows)
    return out


def every(conn: sqlite3.Connection, entity: str | None = None) -> list[Attachment]:
    """Every attachment of the file (of one owner entity when given)."""
    if entity is None:
        return [_att(r) for r in conn.execute(f"{_SELECT} ORDER BY id")]
    return [_att(r) for r in conn.execute(f"{_SELECT} WHERE entity = ? ORDER BY id", (entity,))]


def delete(conn: sqlite3.Connection, attachment_id: int) -> None:
    conn.execute("DELETE FROM attachment WHERE id = ?", (attachment_id,))


def delete_of_owners(conn: sqlite3.Connection, entity: str, ids: Iterable[int]) -> None:
    """Remove the rows of these records' attachments (the records go)."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), _IN_CHUNK):
        part = ids[start:start + _IN_CHUNK]
        conn.execute(f"DELETE FROM attachment WHERE entity = ? AND record_id IN "
                     f"({', '.join('?' * len(part))})", (entity, *part))


def named(conn: sqlite3.Connection) -> set[str]:
    """The blobs the file names."""
    return {r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM attachment")}


def is_named(conn: sqlite3.Connection, sha: str) -> bool:
    """Whether a row of the file names the blob ``sha``."""
    return conn.execute("SELECT 1 FROM attachment WHERE sha256 = ? LIMIT 1",
                        (sha,)).fetchone() is not None


def named_by_copy(path: Path) -> set[str]:
    """The blobs a copy (a restore point, a backup) names; none for a copy
    from before attachments, or one that cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return set()
    try:
        return named(conn)
    except sqlite3.Error:
        return set()
    finally:
        conn.close()


# --- owners ----------------------------------------------------------------------------

_OWNER_TABLE = {"counterparty": "counterparty", "product": "product",
                "licence": "export_licence", "sale": "sale_out", "export": "export_shipment"}
_OWNER_KEY = {"counterparty": "name_cn", "product": "code", "licence": "licence_no",
              "sale": "doc_no", "export": "customs_decl_no || '/' || line_no"}


def owner_exists(conn: sqlite3.Connection, entity: str, record_id: int) -> bool:
    table = _OWNER_TABLE.get(entity)
    return table is not None and conn.execute(
        f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None


def find_owner(conn: sqlite3.Connection, entity: str, key: str) -> int | None:
    """The id of the record whose business key is ``key``: a counterparty by
    name or credit code, a product by code, a licence by number, a sale by
    document number, an export line by ``DECLARATION/LINE``."""
    table = _OWNER_TABLE.get(entity)
    if table is None:
        return None
    if entity == "export":
        decl, _, line = key.rpartition("/")
        if not decl or not line.isdigit():
            decl, line = key, "1"
        row = conn.execute(f"SELECT id FROM {table} WHERE customs_decl_no = ? AND line_no = ?",
                           (decl, int(line))).fetchone()
    elif entity == "counterparty":
        row = conn.execute(f"SELECT id FROM {table} WHERE name_cn = ? OR uscc = ? "
                           "ORDER BY id LIMIT 1", (key, key)).fetchone()
    else:
        row = conn.execute(f"SELECT id FROM {table} WHERE {_OWNER_KEY[entity]} = ?",
                           (key,)).fetchone()
    return row[0] if row else None


def owner_key(conn: sqlite3.Connection, entity: str, record_id: int) -> str:
    """The business key of an owner record ("" when it is gone)."""
    table = _OWNER_TABLE.get(entity)
    if table is None:
        return ""
    row = conn.execute(f"SELECT {_OWNER_KEY[entity]} FROM {table} WHERE id = ?",
                       (record_id,)).fetchone()
    return str(row[0]) if row else ""


# --- copies carry their blobs ----------------------------------------------------------


def carry_to_copy(store: BlobStore, shas: Iterable[str], copy_path: Path) -> tuple[int, int]:
    """Copy the blobs ``shas`` into the store beside ``copy_path`` (a backup),
    each checked against its hash; how many blobs and bytes it now holds of them."""
    target = store_for(copy_path)
    count = size = 0
    for sha in sorted(set(shas)):
        if not store.has(sha):
            continue  # missing here already: the check says so, the copy goes on
        target.take_from(store.path(sha), sha)
        if target.has(sha):
            count += 1
            size += target.path(sha).stat().st_size
    return count, size


def merge_from_copy(copy_path: Path, store: BlobStore) -> int:
    """Copy into ``store`` the blobs of the store beside ``copy_path`` (a
    backup being restored) that it lacks; how many were copied."""
    source = store_for(copy_path)
    copied = 0
    for sha in source.shas():
        if not store.has(sha) and store.take_from(source.path(sha), sha):
            copied += 1
    return copied


def export_blob(store: BlobStore, att: Attachment, target: Path) -> Path:
    """Copy an attachment out to ``target`` (a file name), writable, as a new file."""
    source = store.path(att.sha256)
    if not source.is_file():
        raise AttachmentError(Reason("attach.missing", name=att.name))
    shutil.copyfile(source, target)
    return target
