"""Moving a company between back ends: ``copy_database(source, target)``
where each side is a SQLite file's path or a ``postgresql://`` URL (the
password from the URL, or libpq's PGPASSWORD / ``~/.pgpass``).  The copy
itself, exact both ways and verified on arrival, is
``storage/postgres/copy.py``; psycopg is loaded only when a server is named."""

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
