"""Use cases of data safety, shared by the GUI and the CLI: restore points, backups, restoring, the audit trail.

The GUI's File menu lists ``list_snapshots`` by date with their notes and
calls ``restore_snapshot``; a record's history is ``record_history``; on exit
it calls ``close_database(db, snapshot=True)``.  Imports and bulk deletions
call ``take_snapshot`` first (``delete_records`` does it itself)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import Settings, load_settings
from ..storage import anchor_check, anchors, attachments, audit, legacy, restore, safety, snapshots
from ..storage.anchor_check import AnchorReport
from ..storage.db import (
    DamagedFileError,
    Database,
    NotMagdeskFileError,
    StorageError,
    open_database,
)
from ..storage.identity import describe, file_identity
from ..storage.reasons import Reason
from ..storage.repository import TABLES
from ..storage.restore import OtherFileError, RestoreResult  # noqa: F401  (for callers)
from ..storage.snapshots import Snapshot, SnapshotError

# A record's history includes the lines that belong to it.
_CHILDREN = {"production_batch": {"batch_input": "batch_id"},
             "export_licence": {"licence_consignee": "licence_id"}}


def _root(settings: Settings | None) -> Path | None:
    settings = settings or load_settings()
    return Path(settings.backup_dir) if settings.backup_dir else None


# --- restore points ------------------------------------------------------------------------


def take_snapshot(db: Database, note: str, *, kind: str = "before") -> Snapshot:
    """A restore point of ``db`` now, with ``note`` saying what is about to
    happen ("before import sales.xlsx"); raises SnapshotError (a StorageError)
    when it cannot be written, and then the operation should not go on."""
    return db.snapshot(note, kind=kind)


def list_snapshots(db_or_path: Database | Path, *,
                   settings: Settings | None = None) -> list[Snapshot]:
    """The file's own restore points (those of its identity), newest first;
    works on a path too, so a file that no longer opens can still be offered
    its own restore points (who it is then comes from the index of files
    opened before: none rather than another file's).  Of a company on a
    server (its ``Database`` or URL): the points taken of it there
    (``list_server_points``)."""
    server = _server_url(db_or_path)
    if server:
        from .backends import list_server_points

        root = db_or_path.backup_dir if isinstance(db_or_path, Database) else _root(settings)
        return list_server_points(server, root=root)
    if isinstance(db_or_path, Database):
        db = db_or_path
        return snapshots.list_snapshots(db.path, db.backup_dir, owner=describe(db.conn))
    return snapshots.list_snapshots(Path(db_or_path), _root(settings))


def _server_url(db_or_path) -> str:
    """The URL of a company on a server ("" for a file)."""
    from .backends import is_server

    url = getattr(db_or_path, "url", None) if isinstance(db_or_path, Database) else db_or_path
    return str(url) if url and is_server(url) else ""


def foreign_snapshots(db_or_path: Database | Path, *,
                      settings: Settings | None = None) -> list[legacy.Foreign]:
    """Files among the restore points that are not the file's own (another
    company's, left by the previous release; unreadable ones): listed so
    the clerk knows of them, never offered for a restore, never deleted."""
    if _server_url(db_or_path):
        return []  # a server's points are kept by where they were taken of
    if isinstance(db_or_path, Database):
        db = db_or_path
        return legacy.foreign(db.path, db.backup_dir, describe(db.conn))
    return legacy.foreign(Path(db_or_path), _root(settings))


def find_snapshot(path: Path, which: str, *, settings: Settings | None = None) -> Path:
    """One of the file's own restore points by its number in the list
    (1 = newest), ``latest``, its file name or its path; SnapshotError when
    it has no such one (another file's point is never found here)."""
    listed = list_snapshots(path, settings=settings)
    if which in ("latest", "newest"):
        which = "1"
    if which.isdigit():
        number = int(which)
        if not 1 <= number <= len(listed):
            raise SnapshotError(Reason("no_point_number", number=which, count=len(listed),
                                       db=Path(path).name))
        return listed[number - 1].path
    candidate = Path(which)
    for snap in listed:
        if snap.name == which or (candidate.is_file() and snap.path.resolve() ==
                                  candidate.resolve()):
            return snap.path
    if candidate.is_file():
        raise SnapshotError(Reason("not_own_point", name=candidate.name, db=Path(path).name))
    raise SnapshotError(Reason("no_point_named", name=which, db=Path(path).name))


def backup_to(db: Database, target: Path, *, replace: bool = False) -> Snapshot:
    """A checked copy of ``db`` at ``target`` (a file, or a folder such as a USB
    stick); it can be restored like a restore point."""
    snap = snapshots.backup_to(db.conn, db.path, Path(target), replace=replace)
    # The attachments' bytes go beside the copy (<copy>.files/), each checked by its hash.
    attachments.carry_to_copy(attachments.store_for(db.path),
                              attachments.named_by_copy(snap.path), snap.path)
    anchors.record(db.conn, "backup", str(snap.path), at=(snap.audit_seq, snap.audit_hash),
                   when=snap.taken_at, db_path=db.path, copy=snap.path)
    return snap


def restore_snapshot(db: Database, source: Path, *, force: bool = False) -> RestoreResult:
    """Put ``source`` back in place of the open database (held for writing):
    the current state becomes a restore point first, then the file is
    replaced in one step.  ``db.conn`` is a new connection afterwards; objects
    that kept the old one (repositories, table models) must be remade.  A
    copy of another file (another identity or credit code) is refused with
    ``restore.OtherFileError`` unless ``force`` (the clerk insisted)."""
    # A backup's attachments (<source>.files/) join the store first: once the
    # file is replaced, its rows name them.  A restore point shares the store.
    attachments.merge_from_copy(Path(source), attachments.store_for(db.path))
    result = restore.restore_into(db, Path(source), force=force)
    anchors.record(db.conn, "restore", Path(source).name, db_path=db.path)
    return result


def restore_file(path: Path, source: Path, *, settings: Settings | None = None,
                 force: bool = False) -> RestoreResult:
    """Restore by path, for the CLI and for a file that no longer opens: a
    damaged file is kept (as a restore point, or byte for byte) and replaced.
    Another file's copy is refused unless ``force``, as ``restore_snapshot``.
    A server's points are restored with ``restore_server_point``."""
    if _server_url(path):
        raise StorageError(Reason("pg.file_only", instead="magdesk-cli db restore URL POINT"))
    path = Path(path)
    root = _root(settings)
    try:
        db = open_database(path, backup_dir=root)
    except (DamagedFileError, NotMagdeskFileError, StorageError) as exc:
        if path.exists() and not isinstance(exc, (DamagedFileError, NotMagdeskFileError)):
            raise
        return _restore_by_path(path, Path(source), root, force)
    with db:
        foreign = getattr(db.read_only_reason, "code", "") == "schema_foreign"
        # (a file with planted objects also on a read-only drive: that is said)
        blocked = db.read_only_reason if not foreign else safety.read_only_reason(path)
        if db.read_only and blocked:
            raise StorageError(Reason("restore_read_only", name=path.name, reason=blocked))
        if not foreign:
            return restore_snapshot(db, _adopted(db, Path(source)), force=force)
        source = _adopted(db, Path(source))
    # Objects planted in the file must not run: it is replaced by path, as a
    # damaged one is (its state kept by the backup API first, which runs nothing).
    return _restore_by_path(path, source, root, force)


def _restore_by_path(path: Path, source: Path, root: Path | None, force: bool) -> RestoreResult:
    """Restore over a file that is not opened for writing (damaged, gone, or
    holding schema objects that are not magdesk's), then open it to check it
    and record the restore in its trail."""
    attachments.merge_from_copy(source, attachments.store_for(path))
    result = restore.restore_path(path, source, root=root, force=force)
    with open_database(path, backup_dir=root) as db:  # check it, and say so in its trail
        if db._audited and not db.read_only:  # read-only: foreign schema objects in it
            with db.write() as conn:
                damaged = str(result.damaged_copy) if result.damaged_copy else None
                before = result.before.name if result.before else None
                audit.record_event(conn, "RESTORE", "*", Path(source).name,
                                   new={"from": Path(source).name, "damaged_copy": damaged,
                                        "before": before})
            anchors.record(db.conn, "restore", Path(source).name, db_path=db.path)
    return result


def _adopted(db: Database, source: Path) -> Path:
    """Where a restore point of the previous release went when opening the
    file (a migration) adopted it into the file's own folder."""
    if source.exists():
        return source
    moved = [s.path for s in list_snapshots(db) if s.name == source.name]
    return moved[0] if moved else source


def close_database(db: Database, *, snapshot: bool = True) -> Snapshot | None:
    """Close the file, on exit with a restore point if this session changed
    it (since it opened, or since its last restore point); returns that one,
    else None.  The file is closed even if that fails (SnapshotError)."""
    return db.close(snapshot=snapshot)


def delete_records(db: Database, entity: str, ids: Iterable[int]) -> int:
    """Delete records in one transaction, after a restore point when there is
    more than one.  Returns how many were deleted."""
    from ..storage.repository import Repository

    ids = list(ids)
    if len(ids) > 1:
        db.snapshot(f"before deleting {len(ids)} {entity} records")
    repo = Repository(db)
    with db.write() as conn:
        attachments.delete_of_owners(conn, entity, ids)  # their rows go with them
        for record_id in ids:
            repo.delete(entity, record_id)
    return len(ids)


# --- the audit trail -------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditCheck:
    report: audit.VerifyReport
    total: int
    sealed_now: bool  # entries were sealed before checking (a writable session)
    anchors: AnchorReport = field(default_factory=AnchorReport)
    # workbooks given as anchors that hold none: (path, unreadable | no_anchor, error)
    unusable: tuple[tuple[Path, str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok and self.anchors.ok

    def as_dict(self) -> dict:
        return {**self.report.as_dict(), "ok": self.ok, "total": self.total,
                "anchors": self.anchors.as_dict(),
                "unusable": [{"file": str(p), "problem": c, "error": e}
                             for p, c, e in self.unusable]}


def verify_audit(db: Database, *, workbooks: Iterable[Path] = ()) -> AuditCheck:
    """Seal what is unsealed (when the file is writable), recompute the whole
    chain (the report names the first broken entry), then check it against
    every anchor held outside the file: the data folder's anchor list, the
    file's restore points and the filing ``workbooks`` given."""
    from ..filing.anchor import WorkbookAnchorError, workbook_anchor

    if not db._audited:
        raise StorageError(Reason("no_audit", name=db.path.name, schema=db.schema_version))
    sealed_now = False
    if not db.read_only and audit.needs_sealing(db.conn):
        with db.write():
            sealed_now = True
    total = audit.entry_count(db.conn)
    identity = file_identity(db.conn)
    found, set_aside = anchors.load(anchors.key(db.conn))
    found += _point_anchors(db, identity)
    unusable = []
    for path in workbooks:
        try:
            found.append(workbook_anchor(Path(path)))
        except WorkbookAnchorError as exc:
            unusable.append((exc.path, exc.code, exc.error))
    report = anchor_check.check(db.conn, identity, found)
    report.set_aside, report.path = set_aside, str(db.path.resolve())
    return AuditCheck(audit.verify(db.conn), total, sealed_now, report, tuple(unusable))


def _point_anchors(db: Database, identity: str) -> list[anchors.Anchor]:
    """The heads the file's restore points hold (each copy's own record)."""
    out = []
    for snap in list_snapshots(db):
        own = getattr(snap, "identity", None)  # restore points say whose they are
        if own is None:
            own = anchors.identity_of(snap.path)
        if snap.audit_seq > 0 and snap.audit_hash:
            out.append(anchors.Anchor(own, snap.audit_seq, snap.audit_hash, snap.taken_at,
                                      "point", snap.name, "point", str(snap.path),
                                      str(snap.path), snap.source))
    return out


def audit_log(db: Database, *, record: str | None = None, entity: str | None = None,
              limit: int | None = 200) -> list[audit.AuditEntry]:
    """Audit entries newest first: of a record (its document number, code,
    name or id) and/or of a table (``sale_out`` or the entity name ``sale``)."""
    table = _table(entity) if entity else None
    if table and record and record.isdigit():
        return list(audit.entries(db.conn, entity=table, records=(record,), limit=limit,
                                  children=_CHILDREN.get(table)))
    return list(audit.entries(db.conn, entity=table, key=record, limit=limit))


def record_history(db: Database, entity: str, record_id: int | str) -> list[audit.AuditEntry]:
    """The history of one record for the GUI (``entity`` as the repository
    names it: sale, batch, counterparty…), its lines included, newest first."""
    table = _table(entity)
    own = list(audit.entries(db.conn, entity=table, records=(str(record_id),),
                             children=_CHILDREN.get(table)))
    if str(record_id).isdigit():
        own += _bulk_entries(db, table, int(record_id))
        own += _attachment_entries(db, entity, int(record_id))
    return sorted(own, key=lambda e: -e.seq)


def _attachment_entries(db: Database, entity: str, record_id: int) -> list[audit.AuditEntry]:
    """Files attached to the record and detached from it (their rows name
    the owner by entity and id, not by a column of their own)."""
    out = []
    for entry in audit.entries(db.conn, entity="attachment"):
        row = {c.field: c.new if c.new is not None else c.old for c in entry.changes}
        if row.get("entity") == entity and row.get("record_id") == record_id:
            out.append(entry)
    return out


def _bulk_entries(db: Database, table: str, record_id: int) -> list[audit.AuditEntry]:
    """The bulk operations (the demo, an import) that added this record."""
    out = []
    for entry in audit.entries(db.conn, entity="*", records=()):
        if entry.action != "BULK":
            continue
        ids = {c.field: c.new for c in entry.changes}.get("ids") or {}
        first, last = (ids.get(table) or [0, -1])[:2]
        if first <= record_id <= last:
            out.append(entry)
    return out


def _table(entity: str) -> str:
    if entity in TABLES:
        return TABLES[entity].name
    if entity in audit.AUDITED:
        return entity
    raise ValueError(Reason("records.unknown_entity", entity=entity))


def point_note(note: str, lang: str = "zh") -> str:
    """A restore point's note in the clerk's language (one she typed, as typed)."""
    return snapshots.said_note(note, lang)


# --- a record's history in the clerk's words ---------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    """One line of the History dialog: when, who, what was done, and a field
    old → new, each as the forms show them (labels, names, kg, 元)."""

    at: object  # datetime (UTC)
    app: bool
    who: str
    what: str
    field: str = ""
    old: str = ""
    new: str = ""


# what a reference shows instead of its id: the columns of the record it names
_REF_COLUMNS = {"counterparty": ("name_cn",), "product": ("code", "name_cn"),
                "batch": ("batch_no",), "purchase": ("lot_no",), "sale": ("doc_no",),
                "licence": ("licence_no",), "export": ("customs_decl_no",)}
_ENTITY_OF_TABLE = {t.name: t.entity for t in TABLES.values()}
_ACTIONS = {"INSERT": "history.action.insert", "UPDATE": "history.action.update",
            "DELETE": "history.action.delete", "RESTORE": "history.action.restore",
            "REPAIR": "history.action.repair", "START": "history.action.start"}


def history_lines(db: Database, entity: str, record_id: int | str,
                  lang: str = "zh") -> list[HistoryLine]:
    """:func:`record_history` as the clerk reads it: field labels instead of
    column names, names instead of ids, kg and 元 as in the forms, 新增/修改/
    删除/导入 instead of INSERT/UPDATE/DELETE/BULK, an import's file and rows."""
    from .. import text
    from ..core import kinds
    from ..core.fields import field_spec
    from ..storage.repository import Repository

    table = _table(entity)
    repo = Repository(db)
    names: dict[tuple[str, object], str] = {}

    def ref_name(ref: str, value) -> str:
        if (ref, value) not in names:
            columns = _REF_COLUMNS.get(ref)
            record = None
            if columns and ref in TABLES and str(value).isdigit():
                record = repo.get(ref, int(value))
            row = [getattr(record, c, None) for c in columns or ()] if record else []
            names[(ref, value)] = (" ".join(str(v) for v in row if v not in (None, ""))
                                   or f"#{value}")
        return names[(ref, value)]

    def shown(child: str, name: str, value) -> str:
        if value is None or value == "":
            return ""
        spec = field_spec(child, name)
        if spec is None:
            return str(value)
        if spec.kind == "ref" and spec.ref:
            return ref_name(spec.ref, value)
        try:
            return kinds.display(spec, value, lang, True)
        except (TypeError, ValueError, AttributeError, ArithmeticError):
            return str(value)

    out = []
    for entry in record_history(db, entity, record_id):
        who = entry.clerk or entry.os_user or ""
        if entry.action == "BULK":
            out.append(HistoryLine(entry.at, entry.app, who, _bulk_said(entry, table, lang)))
            continue
        what = text.say(_ACTIONS[entry.action], lang) if entry.action in _ACTIONS else entry.action
        if entry.entity == "attachment":  # one line: the kind, the file's name
            out.append(_attachment_line(entry, who, what, lang))
            continue
        child = _ENTITY_OF_TABLE.get(entry.entity, entry.entity)
        if entry.entity != table:  # a line of the record (a batch's input)
            what += " · " + _entity_word(child, lang)
        changes = [c for c in entry.changes or () if c.field != "id"]
        if not changes:
            out.append(HistoryLine(entry.at, entry.app, who, what))
        for change in changes:
            spec = field_spec(child, change.field)
            out.append(HistoryLine(entry.at, entry.app, who, what,
                                   spec.label(lang) if spec else change.field,
                                   shown(child, change.field, change.old),
                                   shown(child, change.field, change.new)))
    return out


def _attachment_line(entry: audit.AuditEntry, who: str, what: str, lang: str) -> HistoryLine:
    from .. import text
    from .attachments import kind_label

    row = {c.field: (c.old, c.new) for c in entry.changes}
    old, new = row.get("name", (None, None))
    kind = next((k for k in row.get("kind", (None, None)) if k), "")
    return HistoryLine(entry.at, entry.app, who,
                       f"{what} · {text.say('attach.word', lang)}",
                       kind_label(kind, lang) if kind else "", old or "", new or "")


def _entity_word(entity: str, lang: str) -> str:
    from ..core.fields import entity_label

    return entity_label(entity, lang)


def _bulk_said(entry: audit.AuditEntry, table: str, lang: str) -> str:
    """A bulk write as the clerk names it: an import with its file and rows."""
    import re

    from .. import text

    said = {c.field: c.new for c in entry.changes}
    note = str(said.get("note") or "")
    rows = (said.get("rows") or {}).get(table, 0)
    step = re.fullmatch(r"(?:(undo|redo) )?import (\S+) (.+)", note)
    if step:
        line = text.say("history.import", lang, file=step.group(3), rows=f"{rows:,}")
        return text.say(f"history.{step.group(1)}", lang, what=line) if step.group(1) else line
    if note == "demo producer":
        return text.say("history.demo", lang, rows=f"{rows:,}")
    step = re.fullmatch(r"(undo|redo) (.+)", note)
    if step:
        return text.say(f"history.{step.group(1)}", lang, what=step.group(2))
    return text.say("history.bulk", lang, note=note, rows=f"{rows:,}")
