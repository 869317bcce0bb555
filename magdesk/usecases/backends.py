"""Moving a company between back ends: ``copy_database(source, target)``
where each side is a SQLite file's path or a ``postgresql://`` URL (the
password from the URL, or libpq's PGPASSWORD / ``~/.pgpass``).  The copy
itself, exact both ways and verified on arrival, is
``storage/postgres/copy.py``; psycopg is loaded only when a server is named.

An administrator's operations on a server, each independent of the window:
restore points (``take_server_point``, ``list_server_points``,
``restore_server_point``) and the users of the clerk, filer and admin roles
(``install_server_roles``, ``add_server_user``, ``set_server_user_role``,
``list_server_users``, ``drop_server_user``)."""

from __future__ import annotations

from pathlib import Path

from ..storage.reasons import Reason


def is_server(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL server rather than a file."""
    from ..storage.postgres.connection import is_url

    return is_url(str(target))


def copy_database(source: str | Path, target: str | Path, *, replace: bool = False,
                  progress=None):
    """Copy the company at ``source`` to ``target`` (one a file, the other a
    server); a refused target that is not empty unless ``replace``.  Returns
    the ``CopyReport`` (rows per table, attachments, the audit chain checked
    on arrival, seconds); raises a ``StorageError`` saying why not."""
    from ..storage.postgres import copy
    from ..storage.postgres.connection import ServerError

    to_server, from_server = is_server(target), is_server(source)
    if to_server and from_server:
        if str(source) == str(target):
            raise ServerError(Reason("pg.same", where=copy.where(str(source))))
        raise ServerError(Reason("pg.two_servers"))
    if not (to_server or from_server):
        raise ServerError(Reason("pg.two_files"))
    if to_server:
        return copy.copy_sqlite_to_pg(Path(source), str(target), replace=replace,
                                      progress=progress)
    return copy.copy_pg_to_sqlite(str(source), Path(target), replace=replace, progress=progress)


# --- restore points of a server -----------------------------------------------------------


def take_server_point(url: str, note: str = "manual", *, root: Path | None = None):
    """A restore point of the company's database at ``url``: a consistent
    dump with what it holds beside it (``storage/postgres/points.py``);
    returns the ``ServerPoint``."""
    from ..storage.postgres import points

    return points.take(url, note, root=root)


def list_server_points(url: str, *, root: Path | None = None) -> list:
    """The restore points of the database at ``url``, newest first."""
    from ..storage.postgres import points

    return points.list_points(url, root)


def restore_server_point(url: str, point, *, root: Path | None = None,
                         lock_timeout: float | None = None):
    """Bring the database at ``url`` back to ``point`` (a ``ServerPoint`` or
    its name) in one transaction, after a point of the present state; the
    chain and the counts checked after.  Returns the ``RestoreReport``."""
    from ..storage.postgres import points

    if isinstance(point, str):
        point = points.find_point(url, point, root)
    extra = {} if lock_timeout is None else {"lock_timeout": lock_timeout}
    return points.restore(url, point, root=root, **extra)


# --- roles and users of a server ---------------------------------------------------------------


def install_server_roles(url: str) -> None:
    """Make (or bring up to date) the clerk, filer and admin groups of the
    database at ``url`` (``storage/postgres/roles.py``)."""
    from ..storage.postgres import roles

    roles.install_roles(url)


def upgrade_server(url: str) -> tuple[int, int]:
    """Bring the company at ``url`` up to this magdesk's schema, once, in one
    transaction (``storage/postgres/upgrade.py``): (version before, after)."""
    from ..storage.postgres import upgrade

    return upgrade.upgrade(url)


def add_server_user(url: str, name: str, role: str, password: str):
    """A server user ``name`` in ``role`` (clerk, filer, admin) of the
    database at ``url``; returns the ``ServerUser``."""
    from ..storage.postgres import roles

    return roles.add_user(url, name, role, password)


def set_server_user_role(url: str, name: str, role: str):
    """Move the user ``name`` of the database at ``url`` to ``role``."""
    from ..storage.postgres import roles

    return roles.set_role(url, name, role)


def list_server_users(url: str) -> list:
    """The users of the database at ``url`` with their roles, by name."""
    from ..storage.postgres import roles

    return roles.list_users(url)


def drop_server_user(url: str, name: str) -> bool:
    """Take the user ``name`` out of the database at ``url``; True when the
    server user itself was dropped (it works for no other database)."""
    from ..storage.postgres import roles

    return roles.drop_user(url, name)
