"""``magdesk-cli attach``: attachments kept with the records, one use-case
call per action (``magdesk/usecases/attachments.py``)::

    magdesk-cli attach add --db F --to sale:S-0001 --kind contract FILE [--note ..]
    magdesk-cli attach list --db F [--to OWNER] [--json]
    magdesk-cli attach export --db F ID --out DIR
    magdesk-cli attach delete --db F ID
    magdesk-cli attach check --db F
    magdesk-cli attach prune --db F

An owner is ``entity:key``: ``counterparty:<name or credit code>``,
``product:<code>``, ``licence:<number>``, ``sale:<document number>``,
``export:<declaration number>/<line>``.  Exit 0 done, 1 refused (the reason
on stderr in the clerk's language), 2 usage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import text, usecases
from .core.attachments import KINDS, size_text
from .storage.db import StorageError


def add_parsers(sub) -> None:
    """The ``attach`` command and its actions."""
    att = sub.add_parser("attach", help="attachments kept with the records: add, list, export, "
                                        "delete, check, prune")
    actions = att.add_subparsers(dest="attach_action", required=True)
    add = actions.add_parser("add", help="attach a file (PDF, JPG, PNG, OFD, …) to a record")
    add.add_argument("file", type=Path)
    add.add_argument("--to", required=True, metavar="ENTITY:KEY",
                     help="sale:S-0001, export:DECL/1, counterparty:NAME, product:CODE, "
                          "licence:NO")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--note", default="")
    lst = actions.add_parser("list", help="the attachments of the file, or of one record")
    lst.add_argument("--to", metavar="ENTITY:KEY")
    lst.add_argument("--json", action="store_true")
    out = actions.add_parser("export", help="copy an attachment out under its name")
    out.add_argument("id", type=int)
    out.add_argument("--out", required=True, type=Path, help="a folder (or a file name)")
    dele = actions.add_parser("delete", help="delete an attachment (audited)")
    dele.add_argument("id", type=int)
    actions.add_parser("check", help="name the attachments whose files are missing or damaged")
    actions.add_parser("prune", help="remove stored files no record and no restore point names")
    for action in (add, lst, out, dele, *(actions.choices[a] for a in ("check", "prune"))):
        action.add_argument("--db", required=True, type=usecases.db_target)


def _refused(message: str) -> int:
    print(f"magdesk-cli: {message}", file=sys.stderr)
    return 1


def run(args, lang: str, settings) -> int:
    """Run ``magdesk-cli attach <action>``."""
    with usecases.open_file(args.db, check=not args.no_check) as db:
        try:
            return _ACTIONS[args.attach_action](db, args, lang)
        except StorageError as exc:  # no such owner or attachment, a missing file
            return _refused(exc.message(lang))


def _add(db, args, lang: str) -> int:
    entity, record_id = usecases.owner_of(db, args.to)
    before = {a.sha256 for a in usecases.all_attachments(db)}
    changes = usecases.attach(db, entity, record_id, args.file, args.kind, note=args.note)
    if not changes.ok:
        return _refused(changes.why(lang))
    att = changes.edit.att
    print(text.say("attach.cli.added", lang, name=att.name, size=size_text(att.size), id=att.id,
             owner=usecases.owner_label(db, att, lang)))
    if att.sha256 in before:
        print(text.say("attach.cli.same_bytes", lang))
    return 0


def _list(db, args, lang: str) -> int:
    if args.to:
        atts = usecases.attachments_of(db, *usecases.owner_of(db, args.to))
    else:
        atts = usecases.all_attachments(db)
    if args.json:
        rows = [{"id": a.id, "owner": usecases.owner_label(db, a, "en"), "entity": a.entity,
                 "record_id": a.record_id, "kind": a.kind, "name": a.name, "size": a.size,
                 "sha256": a.sha256, "added_at": a.added_at, "added_by": a.added_by,
                 "note": a.note, "present": usecases.attachment_file(db, a) is not None}
                for a in atts]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not atts:
        print(text.say("attach.cli.none", lang))
    for a in atts:
        gone = "" if usecases.attachment_file(db, a) is not None else "  !"
        print(f"{a.id:>5}  {usecases.owner_label(db, a, lang)}  "
              f"{usecases.kind_label(a.kind, lang)}  {a.name}  {size_text(a.size)}  "
              f"{a.added_at[:16].replace('T', ' ')}  {a.added_by}{gone}")
    return 0


def _one(db, attachment_id: int):
    found = [a for a in usecases.all_attachments(db) if a.id == attachment_id]
    if not found:
        raise usecases.AttachmentError(_no_such(attachment_id))
    return found[0]


def _no_such(attachment_id: int):
    from .storage.reasons import Reason

    return Reason("attach.no_such", id=attachment_id)


def _export(db, args, lang: str) -> int:
    att = _one(db, args.id)
    if not args.out.exists() and not args.out.suffix:
        args.out.mkdir(parents=True)
    path = usecases.export_attachment(db, att, args.out)
    print(text.say("attach.cli.exported", lang, path=path))
    return 0


def _delete(db, args, lang: str) -> int:
    changes = usecases.detach(db, args.id)
    if not changes.ok:
        return _refused(changes.why(lang))
    print(text.say("attach.cli.deleted", lang, name=changes.edit.att.name, id=args.id))
    return 0


def _check(db, args, lang: str) -> int:
    report = usecases.check_attachments(db)
    for code, atts in (("attach.cli.check_missing", report.missing),
                       ("attach.cli.check_corrupt", report.damaged)):
        for a in atts:
            print(text.say(code, lang, id=a.id, name=a.name,
                           owner=usecases.owner_label(db, a, lang)))
    if report.ok:
        print(text.say("attach.cli.check_ok", lang, count=report.count, size=size_text(report.size)))
        return 0
    print(text.say("attach.cli.check_bad", lang, count=report.count,
             bad=len(report.missing) + len(report.damaged)))
    return 1


def _prune(db, args, lang: str) -> int:
    freed = usecases.prune_attachments(db)
    print(text.say("attach.cli.pruned", lang, size=size_text(freed)))
    return 0


def carried_line(copy_path: Path, lang: str) -> str | None:
    """What a backup carried of the attachments (None when it holds none)."""
    count, size = usecases.attachments_in_copy(copy_path)
    if not count:
        return None
    return text.say("attach.cli.carried", lang, count=count, size=size_text(size), folder=f"{copy_path}.files")


_ACTIONS = {"add": _add, "list": _list, "export": _export, "delete": _delete, "check": _check,
            "prune": _prune}
