"""Attachments kept with the records: attach, detach, list, open, export,
check and prune.  The rows are in the file, the bytes beside it in
``<file>.files/`` by SHA-256 (``storage/attachments.py``).

Interface (kept stable for the window and the dossier):

- ``attach(db, entity, record_id, path, kind, *, note="", limit=None) -> Changes``:
  the blob first, then the row in one transaction; ``Changes.edit`` is an
  undoable ``AttachEdit``; ``Changes.entities`` holds ``"attachment"`` and the
  owner's entity, ``Changes.records`` the owner.  A refusal (too big, not
  found or unreadable, no such owner, no such kind) comes back in
  ``Changes.failure`` (an ``AttachmentError`` saying it in the clerk's words)
  with nothing written.  ``limit`` in bytes; None: the settings' limit.
- ``detach(db, attachment_id) -> Changes``: undoable (undo puts the row back
  with its id; the blob never left).
- ``attachments_of(db, entity, record_id) -> list[Attachment]``;
  ``attachments_for(db, refs)`` for many owners at once (one query per entity).
- ``attachment_file(db, att) -> Path | None``: the blob, None when missing.
- ``open_copy(db, att) -> Path``: a path under the attachment's own name that
  a viewer opens at once at any size (a hard link in a per-user temporary
  folder; else a symbolic link; only then a copy).
- ``export_attachment(db, att, target) -> Path``: a copy under its name.
- ``check_attachments(db) -> AttachmentCheck``; ``prune_attachments(db) -> int``.
- ``owner_of(db, "sale:S-0001") -> (entity, id)`` and ``owner_label``, for the CLI.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import text
from ..core.attachments import KINDS, OWNERS, Attachment
from ..core.fields import entity_label
from ..storage import attachments as A
from ..storage.db import Database, ReadOnlyError, StorageError
from ..storage.reasons import Reason
from .changes import Changes
from .edits import Edit


class AttachmentError(A.AttachmentError):
    """Why an attachment was refused, in the clerk's words (``message(lang)``)."""


@dataclass
class AttachEdit(Edit):
    """Attaching a file: apply writes the row (the same id again on redo),
    revert removes it.  The blob stays in the store either way."""

    att: Attachment

    def apply(self, repo) -> None:
        with repo._tx() as conn:
            if not A.owner_exists(conn, self.att.entity, self.att.record_id):
                raise AttachmentError(Reason("attach.no_owner", entity=self.att.entity,
                                             record=self.att.record_id))
            _blob_there(repo.db, self.att)
            new_id = A.insert(conn, self.att)
        if self.att.id is None:
            from dataclasses import replace

            self.att = replace(self.att, id=new_id)

    def revert(self, repo) -> None:
        with repo._tx() as conn:
            A.delete(conn, self.att.id)

    def describe(self, lang: str = "zh") -> str:
        return text.say("attach.edit.add", lang, name=self.att.name)


@dataclass
class DetachEdit(Edit):
    """Deleting an attachment: the row goes; undo puts it back with its id."""

    att: Attachment

    def apply(self, repo) -> None:
        with repo._tx() as conn:
            A.delete(conn, self.att.id)

    def revert(self, repo) -> None:
        with repo._tx() as conn:
            _blob_there(repo.db, self.att)
            A.insert(conn, self.att)

    def describe(self, lang: str = "zh") -> str:
        return text.say("attach.edit.delete", lang, name=self.att.name)


def _refused(code: str, **params) -> Changes:
    return Changes(failure=AttachmentError(Reason(code, **params)))


def attach(db: Database, entity: str, record_id: int, path: Path, kind: str, *,
           note: str = "", limit: int | None = None) -> Changes:
    """Attach the file at ``path`` to the record ``entity``/``record_id`` as
    ``kind``, one undoable step (see the module's docstring)."""
    path = Path(path)
    if entity not in OWNERS:
        return _refused("attach.bad_owner", entity=entity)
    if kind not in KINDS:
        return _refused("attach.bad_kind", kind=kind, kinds=", ".join(KINDS))
    if db.read_only:
        return Changes(failure=ReadOnlyError(Reason("nothing_written",
                                                    reason=db.read_only_reason)))
    if not A.owner_exists(db.conn, entity, record_id):
        return _refused("attach.no_owner", entity=_label(entity), record=record_id)
    if limit is None:
        from ..settings import load_settings

        limit = load_settings().attachment_limit()
    try:
        sha, size = A.store_of(db).put(path, limit)
    except StorageError as exc:  # too big; on a server, its refusal or a lost connection
        return Changes(failure=exc)
    except FileNotFoundError:
        return _refused("attach.not_found", name=path.name, path=path)
    except OSError as exc:
        return _refused("attach.unreadable", name=path.name, error=exc.strerror or str(exc))
    att = Attachment(None, entity, record_id, kind, path.name, size, sha,
                     datetime.now().astimezone().isoformat(timespec="seconds"),
                     db.clerk or db.os_user or _os_user(), note)
    return _run(db, AttachEdit(att), "apply")


def detach(db: Database, attachment_id: int) -> Changes:
    """Delete an attachment's row as one undoable step (the blob stays until pruned)."""
    att = A.get(db.conn, attachment_id)
    if att is None:
        return _refused("attach.no_such", id=attachment_id)
    return _run(db, DetachEdit(att), "apply")


def _blob_there(db: Database, att: Attachment) -> None:
    """In the row's transaction: its blob is in the store, or the row is
    refused (pruned meanwhile, as no row named it: after a detach, or on a
    server between another clerk's upload and her row)."""
    if not A.store_of(db).ensure(att.sha256):
        raise AttachmentError(Reason("attach.blob_gone", name=att.name))


def _run(db: Database, edit: AttachEdit | DetachEdit, step: str) -> Changes:
    """Run the edit's ``apply``/``revert`` and say what changed, or why not."""
    from .records import repository

    try:
        getattr(edit, step)(repository(db))
    except StorageError as exc:  # no owner, read-only, a full disk
        return Changes(failure=exc, edit=edit)
    owner = (edit.att.entity, edit.att.record_id)
    return Changes(entities=frozenset({"attachment", edit.att.entity}),
                   records=frozenset({owner}), edit=edit)


# --- reading ----------------------------------------------------------------------------


def attachments_of(db: Database, entity: str, record_id: int) -> list[Attachment]:
    """A record's attachments, oldest first."""
    return A.of_owner(db.conn, entity, record_id)


def attachments_for(db: Database, refs: Iterable[tuple[str, int]]) -> list[Attachment]:
    """The attachments of many records ``(entity, id)`` at once: one query per
    entity (per 500 ids), never one per record."""
    by_entity: dict[str, set[int]] = {}
    for entity, record_id in refs:
        by_entity.setdefault(entity, set()).add(record_id)
    out: list[Attachment] = []
    for entity, ids in sorted(by_entity.items()):
        out.extend(A.of_owners(db.conn, entity, ids))
    return out


def all_attachments(db: Database, entity: str | None = None) -> list[Attachment]:
    """Every attachment of the file (of one owner entity when given)."""
    return A.every(db.conn, entity)


def attachment_file(db: Database, att: Attachment) -> Path | None:
    """Where the attachment's bytes are; None when the store lacks them."""
    store = A.store_of(db)
    return store.path(att.sha256) if store.has(att.sha256) else None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account)
        return ""


def _safe_name(name: str) -> str:
    """The attachment's name as a file name of one folder (no path parts)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "attachment"
    return "".join("_" if c in '<>:"|?*' or ord(c) < 32 else c for c in base)


def _open_folder() -> Path:
    """The per-user folder of the copies viewers open (private to the user)."""
    folder = Path(tempfile.gettempdir()) / f"magdesk-{_os_user() or 'user'}" / "open"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder.parent, 0o700)
    return folder


def open_copy(db: Database, att: Attachment) -> Path:
    """A path under the attachment's own name that the system's viewer can
    open at once, whatever its size: a hard link to the blob (read-only, so
    the viewer cannot change it), else a symbolic link, only then a copy.
    ``AttachmentError`` when the blob is missing."""
    blob = attachment_file(db, att)
    if blob is None:
        raise AttachmentError(Reason("attach.missing", name=att.name))
    folder = _open_folder() / att.sha256[:16]
    folder.mkdir(exist_ok=True)
    target = folder / _safe_name(att.name)
    with contextlib.suppress(OSError):
        if target.stat().st_size == att.size and os.path.samefile(target, blob):
            return target
    target.unlink(missing_ok=True)
    try:
        os.link(blob, target)
    except OSError:  # another drive, or a file system without hard links
        try:
            os.symlink(blob, target)
        except OSError:
            shutil.copyfile(blob, target)
    return target


def export_attachment(db: Database, att: Attachment, target: Path) -> Path:
    """Copy the attachment out: into the folder ``target`` under its own name
    (``name (2).pdf`` when that is taken), or to the file ``target``."""
    target = Path(target)
    if target.is_dir():
        name = _safe_name(att.name)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        out, n = target / name, 2
        while out.exists():
            out = target / (f"{stem} ({n}).{suffix}" if dot else f"{stem} ({n})")
            n += 1
        target = out
    return A.export_blob(A.store_of(db), att, target)


# --- the store's health -------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentCheck:
    """The attachments whose bytes are missing or damaged."""

    count: int
    size: int
    missing: list[Attachment] = field(default_factory=list)
    damaged: list[Attachment] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.damaged


def check_attachments(db: Database, *, deep: bool = True) -> AttachmentCheck:
    """Which attachments lack their bytes, or (``deep``: every blob hashed
    again) hold other bytes than were attached."""
    store = A.store_of(db)
    every = A.every(db.conn)
    missing, damaged, verdict = [], [], {}
    for att in every:
        if not store.has(att.sha256):
            missing.append(att)
        elif deep or store.size(att.sha256) != att.size:
            if att.sha256 not in verdict:
                verdict[att.sha256] = store.verify(att.sha256)
            if not verdict[att.sha256]:
                damaged.append(att)
    return AttachmentCheck(len(every), sum(a.size for a in every), missing, damaged)


def prune_attachments(db: Database) -> int:
    """Remove the blobs named neither by the file nor by any of its restore
    points, and temporary copies left by a writer that died; the bytes freed."""
    from .safety import list_snapshots

    store = A.store_of(db)
    keep = A.named(db.conn)
    for snap in list_snapshots(db):
        keep |= A.named_by_copy(snap.path)
    freed = store.clean_temporaries()
    for sha in list(store.shas()):
        if sha not in keep:
            # in the writer's turn, asked again: a row that names it now keeps it
            with db.write():
                if not A.is_named(db.conn, sha):
                    freed += store.remove(sha)
    return freed


def attachments_in_copy(copy_path: Path) -> tuple[int, int]:
    """What a copy (a backup) carries: the files and bytes in its
    ``<copy>.files/`` that it names."""
    store = A.store_for(copy_path)
    shas = [sha for sha in A.named_by_copy(copy_path) if store.has(sha)]
    return len(shas), sum(store.path(sha).stat().st_size for sha in shas)


# --- owners, for the CLI -------------------------------------------------------------------


def owner_of(db: Database, ref: str) -> tuple[str, int]:
    """The record ``entity:key`` names (``sale:S-0001``, ``export:DECL/2``,
    ``counterparty:<name or credit code>``); ``AttachmentError`` when none."""
    entity, sep, key = ref.partition(":")
    if not sep or not key:
        raise AttachmentError(Reason("attach.cli.bad_owner_ref", ref=ref, example="sale:S-0001"))
    if entity not in OWNERS:
        raise AttachmentError(Reason("attach.bad_owner", entity=entity))
    record_id = A.find_owner(db.conn, entity, key)
    if record_id is None:
        raise AttachmentError(Reason("attach.no_owner", entity=_label(entity), record=key))
    return entity, record_id


def owner_label(db: Database, att: Attachment, lang: str = "zh") -> str:
    """``销售出库 S-0001`` / ``sale S-0001``: whose the attachment is."""
    label = entity_label(att.entity, lang)
    key = A.owner_key(db.conn, att.entity, att.record_id) or f"#{att.record_id}"
    return f"{label} {key}" if lang == "zh" else f"{label.lower()} {key}"


def kind_label(kind: str, lang: str = "zh") -> str:
    """The kind in the clerk's words."""
    code = f"attach.kind.{kind}"
    return text.say(code, lang) if code in text.CATALOGUE else kind


class _Entity(str):
    """An entity's name that says itself in the clerk's language inside a
    Reason (``text.say`` calls ``message(lang)``)."""

    def message(self, lang: str = "zh") -> str:
        label = entity_label(str(self), lang)
        return label if lang == "zh" else label.lower()


def _label(entity: str) -> _Entity:
    return _Entity(entity)
