"""``magdesk-cli db copy --from SRC --to DST [--replace]``: a company copied
exactly between a SQLite file and a PostgreSQL database, either way
(``usecases.copy_database``).  Each side is a path or a ``postgresql://``
URL; the password comes from the URL or libpq's PGPASSWORD / ``~/.pgpass``
and is never printed.  Exit 0 copied, 1 refused (why, on stderr, in the
clerk's language; nothing written), 2 usage."""

from __future__ import annotations

from . import text, usecases
from .core.attachments import size_text


def add_parsers(sub) -> None:
    """The ``db`` command and its actions."""
    db = sub.add_parser("db", help="the company's database: copy it between a SQLite file and "
                                   "a PostgreSQL server")
    actions = db.add_subparsers(dest="db_action", required=True)
    cp = actions.add_parser("copy", help="copy exactly (rows, audit chain verified on arrival, "
                                         "attachments) from a file to a server or back")
    cp.add_argument("--from", dest="source", required=True, metavar="SRC",
                    help="a .sqlite file or postgresql://user@host/db")
    cp.add_argument("--to", dest="target", required=True, metavar="DST",
                    help="a .sqlite file or postgresql://user@host/db")
    cp.add_argument("--replace", action="store_true",
                    help="replace a target that is not empty (default: refuse)")


def run(args, lang: str, settings) -> int:
    """Run ``magdesk-cli db copy``; a refusal is raised as a StorageError and
    said by the CLI's ``main``."""
    report = usecases.copy_database(args.source, args.target, replace=args.replace)
    for name, n in report.rows.items():
        print(f"  {name}: {n}")
    print(text.say("pg.cli.done", lang, source=report.source, target=report.target,
                   tables=len(report.rows), rows=report.total_rows,
                   attachments=report.attachments, size=size_text(report.attachment_bytes),
                   entries=report.audit_entries, head=report.audit_head,
                   seconds=f"{report.seconds:.2f}"))
    return 0
