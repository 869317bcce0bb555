"""``magdesk-cli db copy --from SRC --to DST [--replace]``: a company copied
exactly between a SQLite file and a PostgreSQL database, either way
(``usecases.copy_database``).  ``db points URL``, ``db point URL --note``,
``db restore URL POINT_NAME``: a server database's restore points; ``db
upgrade URL``: its schema brought up to this magdesk's; ``db user
add|set|list|drop``: its users and their roles (the password asked, or read
from stdin with ``--password-stdin``; never printed).  Each side is a path or a ``postgresql://``
URL; the password comes from the URL or libpq's PGPASSWORD / ``~/.pgpass``
and is never printed.  Exit 0 copied, 1 refused (why, on stderr, in the
clerk's language; nothing written), 2 usage."""

from __future__ import annotations

import getpass
import json
import sys

from . import text, usecases
from .core.attachments import size_text


def add_parsers(sub) -> None:
    """The ``db`` command and its actions."""
    db = sub.add_parser("db", help="the company's database: copy it between a SQLite file and "
                                   "a PostgreSQL server; a server's restore points and users")
    actions = db.add_subparsers(dest="db_action", required=True)
    cp = actions.add_parser("copy", help="copy exactly (rows, audit chain verified on arrival, "
                                         "attachments) from a file to a server or back")
    cp.add_argument("--from", dest="source", required=True, metavar="SRC",
                    help="a .sqlite file or postgresql://user@host/db")
    cp.add_argument("--to", dest="target", required=True, metavar="DST",
                    help="a .sqlite file or postgresql://user@host/db")
    cp.add_argument("--replace", action="store_true",
                    help="replace a target that is not empty (default: refuse)")
    add_admin_parsers(actions)


def run(args, lang: str, settings) -> int:
    """Run ``magdesk-cli db copy``; a refusal is raised as a StorageError and
    said by the CLI's ``main``."""
    admin = {"points": _points, "point": _point, "restore": _restore, "user": _user,
             "upgrade": _upgrade}
    if args.db_action in admin:
        return admin[args.db_action](args, lang)
    report = usecases.copy_database(args.source, args.target, replace=args.replace)
    for name, n in report.rows.items():
        print(f"  {name}: {n}")
    print(text.say("pg.cli.done", lang, source=report.source, target=report.target,
                   tables=len(report.rows), rows=report.total_rows,
                   attachments=report.attachments, size=size_text(report.attachment_bytes),
                   entries=report.audit_entries, head=report.audit_head,
                   seconds=f"{report.seconds:.2f}"))
    return 0


def add_admin_parsers(actions) -> None:
    """``db points|point|restore|user``: an administrator's operations on a server."""
    pts = actions.add_parser("points", help="list the restore points of a server database")
    pts.add_argument("url", metavar="URL", help="postgresql://user@host/db")
    pts.add_argument("--json", action="store_true", help="as JSON")
    pt = actions.add_parser("point", help="take a restore point of a server database "
                                          "(a consistent pg_dump)")
    pt.add_argument("url", metavar="URL")
    pt.add_argument("--note", default="manual", help="what is about to happen")
    res = actions.add_parser("restore", help="restore a server database to one of its points "
                                             "(a point of the present state is taken first)")
    res.add_argument("url", metavar="URL")
    res.add_argument("point", metavar="POINT_NAME", help="as `db points` lists it")
    up = actions.add_parser("upgrade", help="bring a server database up to this magdesk's "
                                            "schema (once, by the owner of its tables)")
    up.add_argument("url", metavar="URL")
    user = actions.add_parser("user", help="the users of a server database and their roles "
                                           "(clerk, filer, admin)")
    acts = user.add_subparsers(dest="user_action", required=True)
    add = acts.add_parser("add", help="a new user in a role (the password is asked)")
    for parser in (add, acts.add_parser("set", help="move a user to another role")):
        parser.add_argument("url", metavar="URL")
        parser.add_argument("name")
        parser.add_argument("--role", required=True, choices=("clerk", "filer", "admin"))
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin")
    acts.add_parser("list", help="the users and their roles").add_argument("url", metavar="URL")
    drop = acts.add_parser("drop", help="take a user out of the database")
    drop.add_argument("url", metavar="URL")
    drop.add_argument("name")


def _points(args, lang: str) -> int:
    listed = usecases.list_server_points(args.url)
    if args.json:
        json.dump([p.as_dict() for p in listed], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not listed:
        print(text.say("pg.cli.no_points", lang, where=usecases.server_where(args.url)))
    for n, point in enumerate(listed, 1):
        print(text.say("cli.snap_line", lang, n=n, time=f"{point.taken_at:%Y-%m-%d %H:%M:%S}",
                       note=usecases.point_note(point.note, lang), kind=point.kind,
                       size=size_text(point.size), name=point.name))
    if listed:
        print(text.say("cli.snap_folder", lang, folder=listed[0].path.parent))
    return 0


def _point(args, lang: str) -> int:
    point = usecases.take_server_point(args.url, args.note)
    print(text.say("pg.cli.point", lang, name=point.name, where=point.where,
                   seq=point.audit_seq, rows=sum(point.counts.values()),
                   size=size_text(point.size)))
    return 0


def _restore(args, lang: str) -> int:
    report = usecases.restore_server_point(args.url, args.point)
    print(text.say("pg.cli.restored", lang, where=report.point.where, name=report.point.name,
                   entries=report.audit_entries, seconds=f"{report.seconds:.2f}",
                   before=report.before.name))
    return 0


def _upgrade(args, lang: str) -> int:
    before, now = usecases.upgrade_server(args.url)
    print(text.say("pg.cli.upgraded" if before != now else "pg.cli.up_to_date", lang,
                   where=usecases.server_where(args.url), before=before, now=now))
    return 0


def _user(args, lang: str) -> int:
    where = usecases.server_where(args.url)
    if args.user_action == "list":
        users = usecases.list_server_users(args.url)
        if not users:
            print(text.say("pg.cli.no_users", lang, where=where))
        for user in users:
            print(text.say("pg.cli.user_set", lang, name=user.name, role=user.role))
        return 0
    if args.user_action == "drop":
        dropped = usecases.drop_server_user(args.url, args.name)
        print(text.say("pg.cli.user_dropped" if dropped else "pg.cli.user_kept", lang,
                       name=args.name, where=where))
        return 0
    if args.user_action == "set":
        user = usecases.set_server_user_role(args.url, args.name, args.role)
    else:
        user = usecases.add_server_user(args.url, args.name, args.role, _password(args, lang))
    print(text.say("pg.cli.user_set", lang, name=user.name, role=user.role))
    return 0


def _password(args, lang: str) -> str:
    """The new user's password: stdin's first line, or asked without echo;
    never printed."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(text.say("pg.cli.password", lang, name=args.name))
    if not password:
        print(text.say("pg.cli.no_password", lang), file=sys.stderr)
        raise SystemExit(2)
    return password
