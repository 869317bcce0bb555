"""Attachments' bytes on a server: the blobs in its ``attachment_blob``
table (sha256, data), where every clerk's magdesk finds them, with the
interface of a file's store (``attachments.BlobStore``) so that the use
cases attach, open, export, check and prune the same way on both back ends.

What a viewer opens, or an export copies, is first fetched into a local
cache: a file store kept for the company in the data folder
(``attachments.store_for(db.path)``, the path a ``ServerDatabase`` names
itself by), content-addressed and written only when the bytes hash to their
name, so a blob is fetched once.  The limit and the hash are checked as for
a file, by the same code: a new attachment goes into the cache first (the
size before reading, the bytes counted and hashed as they are read), then
from there to the server in chunks (COPY); ``verify`` hashes on the server
over its own bytes."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from pathlib import Path

from ..attachments import CHUNK, BlobStore
from .schema import BLOBS

# COPY's binary format: its signature, no flags, no header extension
_COPY_HEAD = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)


class ServerBlobStore:
    """Blobs by SHA-256 in a server's table, read through a local cache."""

    def __init__(self, conn, cache: BlobStore, url: str):
        self.conn, self.cache, self.url = conn, cache, url

    @property
    def root(self) -> Path:
        return self.cache.root

    def has(self, sha: str) -> bool:
        """Whether the server holds the blob."""
        return self.conn.execute(f"SELECT 1 FROM {BLOBS} WHERE sha256 = ?",
                                 (sha,)).fetchone() is not None

    def ensure(self, sha: str) -> bool:
        """Whether the server holds the blob for a row about to name it, put
        back from the local cache if a prune by another clerk took it between
        its upload and this row (both run in the writer's turn: the row's
        transaction sees the prune's commit)."""
        if self.has(sha):
            return True
        if not self.cache.has(sha):
            return False
        return self.put_bytes(self.cache.path(sha).read_bytes(), sha)

    def size(self, sha: str) -> int | None:
        """The blob's size in bytes (None: the server has none)."""
        row = self.conn.execute(f"SELECT octet_length(data) FROM {BLOBS} WHERE sha256 = ?",
                                (sha,)).fetchone()
        return row[0] if row else None

    def path(self, sha: str) -> Path:
        """A local file of the blob's bytes (fetched once into the cache);
        a path where none is when the server lacks it or its bytes are not
        ``sha`` any more."""
        if not self.cache.has(sha):
            row = self.conn.execute(f"SELECT data FROM {BLOBS} WHERE sha256 = ?",
                                    (sha,)).fetchone()
            if row is not None:
                self.cache.put_bytes(bytes(row[0]), sha)
        return self.cache.path(sha)

    def put(self, source: Path, limit: int | None = None) -> tuple[str, int]:
        """Keep ``source``'s bytes on the server; its SHA-256 and size.
        ``TooBigError`` past ``limit`` (nothing kept on the server).  The
        bytes go through the local cache first, exactly as into a file's
        store (the limit, the hash, counted as read, in chunks), and from
        there to the server in chunks: memory stays flat for any size."""
        sha, size = self.cache.put(source, limit)
        if not self.has(sha):
            self._upload(sha, self.cache.path(sha), size)
        return sha, size

    def put_bytes(self, data: bytes, sha: str) -> bool:
        """Keep ``data`` as the blob ``sha``; False, nothing kept, when they
        do not hash to it."""
        if hashlib.sha256(data).hexdigest() != sha:
            return False
        self._insert(sha, data)
        return True

    def take_from(self, path: Path, sha: str) -> bool:
        """Keep the file at ``path`` as ``sha`` unless the server has it;
        whether it was kept."""
        if self.has(sha):
            return False
        return self.put_bytes(Path(path).read_bytes(), sha)

    def _insert(self, sha: str, data: bytes) -> None:
        # one statement, committed by itself: a blob no row names is pruned later
        self.conn.execute(f"INSERT INTO {BLOBS} (sha256, data) VALUES (?, ?) "
                          "ON CONFLICT (sha256) DO NOTHING", (sha, data))

    def _upload(self, sha: str, path: Path, size: int) -> None:
        """The file at ``path`` into the server's table as ``sha``, streamed
        in chunks through COPY's binary format (one row: its two fields,
        each its length then its bytes), on a connection of its own that
        commits it alone; the same blob kept by another clerk meanwhile is
        no failure."""
        import psycopg

        from .connection import connect, server_errors

        head = sha.encode()
        with server_errors(self.url), connect(self.url) as pg:
            try:
                with pg.cursor().copy(f"COPY {BLOBS} (sha256, data) FROM STDIN "
                                      "(FORMAT BINARY)") as copy:
                    copy.write(_COPY_HEAD + struct.pack("!hi", 2, len(head)) + head
                               + struct.pack("!i", size))
                    with open(path, "rb") as src:
                        while chunk := src.read(CHUNK):
                            copy.write(chunk)
                    copy.write(struct.pack("!h", -1))
            except psycopg.errors.UniqueViolation:
                pg.rollback()

    def verify(self, sha: str) -> bool:
        """Whether the server's bytes of ``sha`` hash to it (hashed there)."""
        row = self.conn.execute(f"SELECT encode(sha256(data), 'hex') FROM {BLOBS} "
                                "WHERE sha256 = ?", (sha,)).fetchone()
        return row is not None and row[0] == sha

    def shas(self) -> Iterator[str]:
        """Every blob the server holds."""
        yield from (r[0] for r in self.conn.execute(f"SELECT sha256 FROM {BLOBS} ORDER BY 1"))

    def remove(self, sha: str) -> int:
        """Delete a blob from the server (and the cache); the bytes freed."""
        row = self.conn.execute(f"DELETE FROM {BLOBS} WHERE sha256 = ? "
                                "RETURNING octet_length(data)", (sha,)).fetchone()
        self.cache.remove(sha)
        return row[0] if row else 0

    def clean_temporaries(self, max_age: float = 24 * 3600) -> int:
        """The cache's temporary copies of writers that died."""
        return self.cache.clean_temporaries(max_age)
