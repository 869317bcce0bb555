"""Attachments kept with the records: what one is, as plain data.

A contract, a test report, an end-user certificate, a licence, a photo… is
attached to a counterparty, a product, a licence, a sale or an export line.
The file keeps a row per attachment (name, kind, size, SHA-256, who and
when); the bytes live beside the file in a content-addressed store
(``storage/attachments.py``), so one document attached twice is kept once.

Interface: ``KINDS``, ``OWNERS``, ``Attachment``, ``guess_media_type(name)``,
``size_text(n)``, ``is_known_type(name)``.  No file type is refused: the
issue names PDF, JPG, PNG and OFD, any other is kept as it is; the kind is
the clerk's choice, never guessed from the name.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a document is; the clerk picks one ("other" when none fits).
KINDS: tuple[str, ...] = ("contract", "test_report", "end_user_cert", "licence", "photo",
                          "spec", "other")
# The entities (storage.repository.TABLES) an attachment may belong to.
OWNERS: tuple[str, ...] = ("counterparty", "product", "licence", "sale", "export")

_MEDIA = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "ofd": "application/ofd",  # GB/T 33190, China's electronic document format
}
_UNKNOWN = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attachment row: ``entity``/``record_id`` name its owner;
    ``added_at`` is ISO 8601 with the offset; ``added_by`` the clerk (or the
    operating-system user when no clerk name is set)."""

    id: int | None
    entity: str
    record_id: int
    kind: str
    name: str
    size: int
    sha256: str
    added_at: str
    added_by: str
    note: str = ""

    @property
    def media_type(self) -> str:
        return guess_media_type(self.name)


def _suffix(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return suffix.lower() if dot and stem else ""


def guess_media_type(name: str) -> str:
    """The media type by the name's suffix (``application/octet-stream``
    for a type the issue does not list)."""
    return _MEDIA.get(_suffix(name), _UNKNOWN)


def is_known_type(name: str) -> bool:
    """Whether ``name`` is of a type the issue lists (PDF, JPG, PNG, OFD)."""
    return _suffix(name) in _MEDIA


def size_text(n: int) -> str:
    """``532 B``, ``12.5 KB``, ``3.4 MB``, ``1.20 GB`` (binary units, as a
    file manager shows them)."""
    if n < 1024:
        return f"{n} B"
    for unit, scale in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        if n < scale * 1024 or unit == "GB":
            value = n / scale
            digits = 2 if unit == "GB" else 1
            return f"{value:.{digits}f} {unit}"
    return f"{n} B"  # pragma: no cover - the loop always returns
