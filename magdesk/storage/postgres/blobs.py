"""Attachments' bytes on a server: the blobs in its ``attachment_blob``
table (sha256, data), where every clerk's magdesk finds them, with the
interface of a file's store (``attachments.BlobStore``) so that the use
cases attach, open, export, check and prune the same way on both back ends.

What a viewer opens, or an export copies, is first fetched into a local
cache: a file store kept for the company in the data folder
(``attachments.store_for(db.path)``, the path a ``ServerDatabase`` names
itself by), content-addressed and written only when the bytes hash to their
name, so a blob is fetched once.  The limit and the hash are checked as for
a file: the size before reading, the bytes counted as they are read, the
hash computed here and, for ``verify``, by the server over its own bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..attachments import CHUNK, BlobStore, TooBigError, _too_big
from .schema import BLOBS


class ServerBlobStore:
    """Blobs by SHA-256 in a server's table, read through a local cache."""

    def __init__(self, conn, cache: BlobStore):
        self.conn, self.cache = conn, cache

    @property
    def root(self) -> Path:
        return self.cache.root

    def has(self, sha: str) -> bool:
        """Whether the server holds the blob."""
        return self.conn.execute(f"SELECT 1 FROM {BLOBS} WHERE sha256 = ?",
                                 (sha,)).fetchone() is not None

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
        ``TooBigError`` past ``limit`` (nothing kept)."""
        source = Path(source)
        size = source.stat().st_size
        if limit is not None and size > limit:
            raise TooBigError(_too_big(source.name, size, limit))
        digest, parts, size = hashlib.sha256(), [], 0
        with open(source, "rb") as src:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if limit is not None and size > limit:  # it grew while being read
                    raise TooBigError(_too_big(source.name, size, limit))
                digest.update(chunk)
                parts.append(chunk)
        sha = digest.hexdigest()
        self._insert(sha, b"".join(parts))
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
