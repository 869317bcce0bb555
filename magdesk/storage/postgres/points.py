"""Restore points of a company kept on a PostgreSQL server.

**Taking one**: one repeatable-read transaction exports its snapshot
(``pg_export_snapshot``); what the point holds is read in it (the audit
head, every table's row count, the filed periods) and ``pg_dump`` dumps
that same snapshot (custom format, ``--no-owner --no-privileges``), so the
JSON beside the dump says exactly what the dump holds.  Both are written to
temporary names, synced, and renamed (the dump first, then the JSON: a point
exists once its JSON does), so a failure or a kill leaves no half a point.
They live in ``<data dir>/server-points/<host>_<port>_<database>/``, with
the rotation of the file's restore points (``snapshots_keep`` newest, and
always the newest holding each filed period revision).

**Restoring one**: first a point of the present state (so a restore can be
undone), then ``pg_restore`` writes the point as a script (drop and
recreate every object of the dump) and ``psql --single-transaction`` runs
it, followed by the roles' grants when the database has magdesk's roles
(the dump holds no privileges), as ONE transaction.  Chosen over restoring
into a fresh database and swapping names: a kill or a failure anywhere
leaves the database exactly as it was (the server rolls the transaction
back), the database keeps its name, owner, settings and grants on itself,
the clerks need not be disconnected (the restore waits, at most
``lock_timeout``, for their transactions), and no second database is left
behind to clean.  After the commit the audit chain is recomputed on the
server and it and every count are compared with the point's JSON."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import audit
from ..durable import fsync, fsync_dir, pid_alive
from ..reasons import Reason
from . import roles, tools
from .connection import ServerError, _said, connect, server_errors, where
from .schema import owned_tables

FOLDER = "server-points"
LOCK_TIMEOUT = 30  # seconds a restore waits for a clerk's transaction before it gives up


@dataclass(frozen=True)
class ServerPoint:
    """A restore point of a server database: its dump and what it holds."""

    path: Path  # the dump (custom format); the JSON is beside it
    taken_at: datetime
    note: str
    kind: str  # manual, restore (taken before one)
    where: str  # user@host:port/database
    database: str
    server_version: int
    audit_seq: int
    audit_hash: str
    counts: dict[str, int] = field(default_factory=dict)
    filed: tuple[str, ...] = ()  # "YYYY-MM@revision" of every filed period
    size: int = 0

    @property
    def name(self) -> str:
        return self.path.name

    def as_dict(self) -> dict:
        return {"name": self.name, "taken_at": self.taken_at.isoformat(timespec="milliseconds"),
                "note": self.note, "kind": self.kind, "where": self.where,
                "database": self.database, "server_version": self.server_version,
                "audit_seq": self.audit_seq, "audit_hash": self.audit_hash,
                "counts": dict(self.counts), "filed": list(self.filed), "size": self.size}


@dataclass
class RestoreReport:
    """What a restore did: the point restored, the point of the state before
    it, the chain verified after it, and how long it took."""

    point: ServerPoint
    before: ServerPoint
    audit_entries: int = 0
    seconds: float = 0.0


def folder_for(url: str, root: Path | None = None) -> Path:
    """The folder of the restore points of the database at ``url``."""
    from psycopg.conninfo import conninfo_to_dict

    from ..snapshots import default_root

    info = conninfo_to_dict(url)
    parts = (info.get("host") or "localhost", info.get("port") or "5432",
             info.get("dbname") or info.get("user") or "postgres")
    name = "_".join(re.sub(r"[^\w.-]+", "-", str(p)) for p in parts)
    return Path(root or default_root()) / FOLDER / name


# --- taking ---------------------------------------------------------------------------------


def take(url: str, note: str, *, kind: str = "manual", root: Path | None = None,
         keep: int | None = None, protect: tuple[Path, ...] = (),
         lock_timeout: float = LOCK_TIMEOUT) -> ServerPoint:
    """A restore point of the database at ``url`` (see the module's
    docstring), then the rotation; a ``ServerError`` says why not (a
    table another session holds locked for longer than ``lock_timeout``
    seconds is one: the point is not waited for forever)."""
    from ..snapshots import default_keep, slug

    folder = folder_for(url, root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServerError(Reason("pg.point_not_written", folder=folder, error=str(exc))) from None
    _clean_temporaries(folder)
    with connect(url) as pg, _failing(url):
        pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        pg.execute("SELECT set_config('lock_timeout', %s, true)", (f"{lock_timeout}s",))
        exported = pg.execute("SELECT pg_export_snapshot()").fetchone()[0]
        state = _state(pg, url)
        now = datetime.now().astimezone()
        stem = f"{state['database']}.{now:%Y%m%d-%H%M%S}-{now.microsecond // 1000:03d}"
        target = folder / f"{stem}.{slug(note)}.dump"
        _dump(url, state["server_version"], exported, target, lock_timeout)
    info = {"taken_at": now.isoformat(timespec="milliseconds"), "note": note, "kind": kind,
            "where": where(url), **state}
    _write_json(target, info)
    point = read(target)
    rotate(folder, keep if keep is not None else default_keep(), protect=(target, *protect))
    return point


def _state(pg, url: str) -> dict:
    """What the snapshot holds: the audit head, the rows of every table, the
    filed periods, and the server's major version."""
    if not pg.execute("SELECT to_regclass('magdesk_meta') IS NOT NULL").fetchone()[0]:
        raise ServerError(Reason("pg.not_magdesk", where=where(url)))
    database, version = pg.execute(
        "SELECT current_database(), current_setting('server_version_num')::int / 10000"
        ).fetchone()
    head = pg.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, "")
    counts = {t: pg.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in owned_tables()}
    filed = [f"{p}@{r}" for p, r in pg.execute(
        "SELECT period, revision FROM period WHERE state = 'FILED' ORDER BY period")]
    return {"database": database, "server_version": version, "audit_seq": head[0],
            "audit_hash": head[1], "counts": counts, "filed": filed}


@contextlib.contextmanager
def _failing(url: str):
    """Inside: an error of the server is a ``ServerError`` saying that the
    point was not taken, and why."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise ServerError(Reason("pg.point_failed", where=where(url),
                                 error=_said(exc, url))) from None


def _dump(url: str, major: int, exported: str, target: Path, lock_timeout: float) -> None:
    conninfo, env = tools.without_password(url)
    tmp = _temporary(target)
    try:
        tools.run([str(tools.find("pg_dump", major)), "--format=custom", "--no-owner",
                   "--no-privileges", f"--snapshot={exported}", f"--file={tmp}",
                   f"--lock-wait-timeout={int(lock_timeout * 1000)}",
                   f"--dbname={conninfo}"], url, env)
        fsync(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_json(target: Path, info: dict) -> None:
    side = target.with_suffix(".json")
    tmp = _temporary(side)
    try:
        tmp.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        fsync(tmp)
        os.replace(tmp, side)
        fsync_dir(side.parent)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise ServerError(Reason("pg.point_not_written", folder=target.parent,
                                 error=str(exc))) from None
    finally:
        tmp.unlink(missing_ok=True)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _clean_temporaries(folder: Path) -> None:
    """What a process killed while writing a point left: its temporary
    files, and a dump whose JSON was never written."""
    for tmp in folder.glob(".*.tmp"):
        pid = tmp.name[:-len(".tmp")].rsplit(".", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)
    for dump in folder.glob("*.dump"):
        if not dump.with_suffix(".json").exists() and time.time() - dump.stat().st_mtime > 3600:
            dump.unlink(missing_ok=True)


# --- listing, rotating -----------------------------------------------------------------------


def read(path: Path) -> ServerPoint:
    """The point whose dump is at ``path``, from the JSON beside it."""
    path = Path(path)
    try:
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        size = path.stat().st_size
        return ServerPoint(path, datetime.fromisoformat(info["taken_at"]), info["note"],
                           info["kind"], info["where"], info["database"],
                           int(info["server_version"]), int(info["audit_seq"]),
                           info["audit_hash"], dict(info["counts"]), tuple(info["filed"]), size)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ServerError(Reason("pg.point_unreadable", name=path.name, error=str(exc))) from None


def list_points(url: str, root: Path | None = None) -> list[ServerPoint]:
    """The restore points of the database at ``url``, newest first (an
    unreadable one left out)."""
    folder = folder_for(url, root)
    out = []
    for dump in folder.glob("*.dump") if folder.is_dir() else ():
        with contextlib.suppress(ServerError):
            out.append(read(dump))
    return sorted(out, key=lambda p: (p.taken_at, p.name), reverse=True)


def find_point(url: str, name: str, root: Path | None = None) -> ServerPoint:
    """The point of this database called ``name`` (with or without ``.dump``)."""
    for point in list_points(url, root):
        if name in (point.name, point.path.stem):
            return point
    raise ServerError(Reason("pg.no_point", name=name, where=where(url)))


def rotate(folder: Path, keep: int, protect: tuple[Path, ...] = ()) -> list[Path]:
    """Delete the points beyond the newest ``keep``, except the protected
    ones and the newest holding each filed period revision."""
    from ..snapshots import beyond_keep

    removed = []
    for point in beyond_keep(_readable(folder), max(1, keep), protect):
        with contextlib.suppress(OSError):
            point.path.with_suffix(".json").unlink()  # first: no point without its JSON
            point.path.unlink()
            removed.append(point.path)
    return removed


def _readable(folder: Path) -> list[ServerPoint]:
    out = []
    for dump in folder.glob("*.dump"):
        with contextlib.suppress(ServerError):
            out.append(read(dump))
    return out


# --- restoring ------------------------------------------------------------------------------


def restore(url: str, point: ServerPoint, *, root: Path | None = None,
            lock_timeout: float = LOCK_TIMEOUT) -> RestoreReport:
    """Bring the database at ``url`` back to ``point`` (see the module's
    docstring); a ``ServerError`` says why not, the database unchanged."""
    started = time.perf_counter()
    if point.path.parent != folder_for(url, root) or not point.path.exists():
        raise ServerError(Reason("pg.no_point", name=point.name, where=where(url)))
    before = take(url, f"before restoring {point.name}", kind="restore", root=root,
                  protect=(point.path,))
    with tempfile.TemporaryDirectory(prefix="magdesk-restore-") as work:
        # The script holds the company's rows: in a folder only this user reads.
        script, grants = Path(work) / "restore.sql", Path(work) / "grants.sql"
        conninfo, env = tools.without_password(url)
        tools.run([str(tools.find("pg_restore", point.server_version)), "--clean",
                   "--if-exists", "--no-owner", "--no-privileges", f"--file={script}",
                   str(point.path)], url, env)
        _wait_at_most(script)
        grants.write_text(_grants(url), encoding="utf-8")
        # A killed psql is noticed by the server even while the restore waits for a lock.
        env["PGOPTIONS"] = (f"-c lock_timeout={int(lock_timeout * 1000)} "
                            "-c client_connection_check_interval=1000")
        env["PGAPPNAME"] = "magdesk restore"
        tools.run([str(tools.find("psql", point.server_version)), "--no-psqlrc", "--quiet",
                   "--set=ON_ERROR_STOP=1", "--single-transaction", f"--file={script}",
                   f"--file={grants}", f"--dbname={conninfo}"], url, env)
    report = RestoreReport(point, before)
    report.audit_entries = _check_restored(url, point)
    report.seconds = time.perf_counter() - started
    return report


def _wait_at_most(script: Path) -> None:
    """pg_restore's script waits for locks for ever (``SET lock_timeout = 0``
    in its header): that line is made a comment, in place (the script may
    be large), so that the session's ``lock_timeout`` holds and a restore
    fails, rolled back, rather than keep every other clerk waiting behind it."""
    header = b"SET lock_timeout = 0;\n"
    with script.open("r+b") as f:
        at = f.read(8192).find(header)
        if at < 0:
            raise ServerError(Reason("pg.point_unreadable", name=script.name,
                                     error="no lock_timeout in the script's header"))
        f.seek(at)
        f.write(b"--- ")  # "SET " -> "--- ": the same length


def _grants(url: str) -> str:
    """The roles' grants, as a script run after the restore's (its
    search_path is empty: every name in it is qualified)."""
    with connect(url) as pg, server_errors(url):
        if not roles.installed(pg):
            return ""
        return "".join(f"{s};\n" for s in roles.install_script(pg))


def _check_restored(url: str, point: ServerPoint) -> int:
    """After the commit: the chain recomputed, its head and every count the
    point's; the number of entries."""
    with connect(url) as pg, server_errors(url):
        chain = audit.verify(pg)
        if not chain.ok:
            raise ServerError(Reason("pg.restore_check", name=point.name, where=where(url),
                                     detail=chain.detail))
        head = pg.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        if tuple(head) != (point.audit_seq, point.audit_hash):
            raise ServerError(Reason("pg.restore_check", name=point.name, where=where(url),
                                     detail=f"audit head {head[0]}, point {point.audit_seq}"))
        for table, want in point.counts.items():
            got = pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if got != want:
                raise ServerError(Reason("pg.restore_check", name=point.name, where=where(url),
                                         detail=f"{table}: {got} rows, point {want}"))
    return chain.entries
