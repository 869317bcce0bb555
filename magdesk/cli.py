"""magdesk-cli: a thin shell over the use cases.  One call per command; errors
become a clear message and an exit code (0 fine, 1 findings/errors, 2 usage)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import cli_attach, cli_db, text, usecases
from .core.enums import EndUse, LicenceType
from .core.findings import count
from .resources import version_text
from .settings import load_settings
from .storage.db import StorageError
from .storage.reasons import said


def _t(key: str, lang: str, **params) -> str:
    """The CLI's own line ``key`` (the catalogue's ``cli.<key>``) in ``lang``."""
    return text.say(f"cli.{key}", lang, **params)


def _types(lang: str):
    """The checks of ``--period`` and ``--date``, saying a wrong value in ``lang``."""
    def period(value: str) -> str:
        if not re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", value):
            raise argparse.ArgumentTypeError(_t("bad_period", lang, value=value))
        return value

    def day(value: str):
        from datetime import date

        try:
            return date.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(_t("bad_date", lang, value=value)) from None

    return period, day


def _argv_lang(argv: list[str] | None) -> str:
    """``--lang`` as typed (else the settings'), before argparse has read it."""
    args = sys.argv[1:] if argv is None else list(argv)
    for i, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return load_settings().lang()


def _year_type(lang: str):
    """The check of ``--year``, saying a wrong value in ``lang``."""
    def year(value: str) -> str:
        if not re.fullmatch(r"20\d{2}", value):
            raise argparse.ArgumentTypeError(_t("bad_year", lang, value=value))
        return value

    return year


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    _period, _date = _types(lang)
    _year = _year_type(lang)
    parser = argparse.ArgumentParser(
        prog="magdesk-cli", description="magdesk: records and monthly filing for magnet producers")
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the integrity check when opening (about 3 s per million sales)")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="write a demo producer's database")
    demo.add_argument("--db", required=True, type=usecases.db_target)
    demo.add_argument("--sales", type=int, default=2400)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--end-period", type=_period, help="last month of the year (default: last month)")
    demo.add_argument("--months", type=int, default=12, choices=range(1, 61), metavar="1..60",
                      help="how many months of records (default 12)")
    demo.add_argument("--replace", action="store_true", help="replace an existing file")

    val = sub.add_parser("validate", help="check every record and the monthly balance")
    val.add_argument("--db", required=True, type=usecases.db_target)
    when = val.add_mutually_exclusive_group()
    when.add_argument("--period", type=_period)
    when.add_argument("--year", type=_year, help="the findings of the months of YYYY")
    val.add_argument("--json", action="store_true", help="print findings as JSON")

    acc = sub.add_parser("accept", help="accept a warning with a reason")
    acc.add_argument("--db", required=True, type=usecases.db_target)
    acc.add_argument("--entity", required=True, help="e.g. counterparty")
    acc.add_argument("--record", required=True, help="the record as validate names it")
    acc.add_argument("--code", required=True, help="e.g. uscc.check_digit")
    acc.add_argument("--reason", required=True)

    exp = sub.add_parser("export", help="write the monthly filing workbook")
    exp.add_argument("--db", required=True, type=usecases.db_target)
    exp.add_argument("--period", required=True, type=_period)
    exp.add_argument("--out", type=Path, default=Path("."), help="folder (default: here)")
    exp.add_argument("--at", type=_moment, help="the generation time stamped in the workbook "
                     "(ISO 8601, e.g. 2026-12-01T09:00:00+08:00; default now): the same data "
                     "at the same time gives the same file, from a file or a server")
    exp.add_argument("--draft", action="store_true", help="write even with errors, marked 草稿")
    exp.add_argument("--replace", action="store_true", help="replace a file of the same name")
    exp.add_argument("--template", help="template id (default REFLOW-1)")
    exp.add_argument("--json", action="store_true")

    per = sub.add_parser("period", help="filing periods: list, status, file, amend")
    per.add_argument("action", choices=("list", "status", "file", "amend"))
    per.add_argument("--db", required=True, type=usecases.db_target)
    per.add_argument("--period", type=_period)
    per.add_argument("--date", type=_date, help="upload date (file)")
    per.add_argument("--receipt", help="receipt number from the tracking system (file)")
    per.add_argument("--json", action="store_true")

    scr = sub.add_parser("screen", help="screen every customer, consignee and end user against "
                         "the restricted-party lists (import or update one with --list)")
    scr.add_argument("--db", required=True, type=usecases.db_target)
    scr.add_argument("--list", type=Path, help="a list to import first (xlsx, xls, csv): "
                     "name, other names, country, list, date listed, source")
    scr.add_argument("--list-name", help="the list's name for rows that give none "
                     "(default: the file's name)")
    scr.add_argument("--json", action="store_true")

    dec = sub.add_parser("declaration", help="the declaration texts of export lines: the "
                         "specification text (申报要素) and the remarks statement on control")
    dec.add_argument("--db", required=True, type=usecases.db_target)
    which = dec.add_mutually_exclusive_group(required=True)
    which.add_argument("--period", type=_period, help="the export lines declared in YYYY-MM")
    which.add_argument("--decl", help="one customs declaration number")
    dec.add_argument("--json", action="store_true")
    dec.add_argument("--out", type=Path, help="write a workbook, one sheet per declaration")
    dec.add_argument("--brand-type", help="keep the file's brand type (品牌类型) first, "
                     "e.g. 无品牌, 境内自主品牌; \"\" for the default")
    dec.add_argument("--export-preference", help="keep the file's export preference "
                     "(出口享惠情况) first; \"\" for the default")
    lic = sub.add_parser("licences", help="usage per export licence: drawn, left, "
                         "% used, days left, state and the lines drawn on it")
    lic.add_argument("--db", required=True, type=usecases.db_target)
    lic.add_argument("--on", type=_date, help="the day the figures are as of (default today)")
    lic.add_argument("--json", action="store_true")
    ctl = sub.add_parser("control", help="each product model's and each export line's control "
                         "decision and why; with new settings, which lines of the open months "
                         "would change")
    ctl.add_argument("--db", required=True, type=usecases.db_target)
    ctl.add_argument("--threshold", help="Dy/Tb above this percentage is controlled (e.g. 0.1)")
    ctl.add_argument("--mode", choices=("ANY", "REPORT_0_1"),
                     help="ANY: above the threshold; REPORT_0_1: Dy+Tb <= 0.1 %% with a test "
                     "report ships free")
    ctl.add_argument("--rule-on", action="append", default=[], metavar="NUMBER",
                     help="turn on a rule kept off (1C909.a.4, No.61-0.1%%); may repeat")
    ctl.add_argument("--json", action="store_true")

    chk = sub.add_parser("check", help="integrity and schema version of a database file")
    chk.add_argument("--db", required=True, type=usecases.db_target)
    chk.add_argument("--json", action="store_true")

    rep = sub.add_parser("repair", help="drop schema objects magdesk did not define (a planted "
                         "trigger or view) and recreate missing ones, after a restore point")
    rep.add_argument("--db", required=True, type=usecases.db_target)
    rep.add_argument("--json", action="store_true")

    summ = sub.add_parser("summary", help="print a monthly summary to an A4 PDF")
    summ.add_argument("--db", required=True, type=usecases.db_target)
    summ.add_argument("--period", required=True, type=_period)
    summ.add_argument("--report", required=True, choices=("flow", "inventory", "licences", "trace"),
                      help="flow: monthly flow; inventory: stock reconciliation; licences: "
                           "licence usage; trace: batch trace (with --lot or --sale)")
    summ.add_argument("--pdf", required=True, type=Path, help="the PDF file to write")
    subject = summ.add_mutually_exclusive_group()
    subject.add_argument("--lot", help="trace forward from this purchased lot number")
    subject.add_argument("--sale", help="trace backward from this sale document number")

    _dossier_parsers(sub)

    from .importing import KINDS, ON_DUPLICATE

    imp = sub.add_parser("import", help="import a spreadsheet (xlsx, xls, csv) all-or-nothing")
    imp.add_argument("--db", required=True, type=usecases.db_target)
    imp.add_argument("kind", choices=tuple(KINDS))
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet", help="sheet name (default: the sheet whose header fits KIND)")
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument("--json", action="store_true", help="print the result and findings as JSON")
    imp.add_argument("--report", type=Path, help="write an error report workbook here")
    imp.add_argument("--on-duplicate", choices=ON_DUPLICATE, default="error",
                     help="a record that already exists: report it (default), skip or update it")
    imp.add_argument("--map", action="append", default=[], metavar="HEADER=COLUMN",
                     help="map a header to an import column (empty COLUMN: ignore it); "
                          "remembered for this layout once the import succeeds")
    imp.add_argument("--accept-bad-bytes", action="store_true",
                     help="a csv with bytes not valid in its encoding: import it with U+FFFD "
                          "for them, each cell holding one listed as a warning (default: refuse)")

    tpl = sub.add_parser("import-template", help="write an empty workbook with the import headers")
    tpl.add_argument("kind", choices=tuple(KINDS))
    tpl.add_argument("file", type=Path)
    _safety_parsers(sub)
    cli_attach.add_parsers(sub)
    cli_db.add_parsers(sub)
    _template_parsers(sub, _period)
    return parser


def _template_parsers(sub, period_type) -> None:
    tpl = sub.add_parser("template", help="filing templates: the built-in ones and those kept "
                         "in the file (learn, list, show, check, save, default, delete, export)")
    actions = tpl.add_subparsers(dest="template_action", required=True)
    learn = actions.add_parser("learn", help="learn a template from the authority's sample "
                               "workbook: its sheets, header, units, drop-downs, each column's "
                               "field")
    learn.add_argument("sample", type=Path)
    learn.add_argument("--out", type=Path, required=True, help="the TOML to write")
    learn.add_argument("--name", help="the template's name (default: the sample's file name)")
    check = actions.add_parser("check", help="check a template (kept in the file, built in, or "
                               "a TOML file) whole")
    check.add_argument("db", type=usecases.db_target)
    check.add_argument("name")
    texp = actions.add_parser("export", help="export a month's filing through a template")
    texp.add_argument("db", type=usecases.db_target)
    texp.add_argument("name")
    texp.add_argument("--period", required=True, type=period_type)
    texp.add_argument("--out", required=True, type=Path)
    texp.add_argument("--draft", action="store_true")
    texp.add_argument("--replace", action="store_true")
    lst = actions.add_parser("list", help="the templates, the default marked *")
    lst.add_argument("db", type=usecases.db_target)
    lst.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="print a template's TOML")
    show.add_argument("db", type=usecases.db_target)
    show.add_argument("name")
    show.add_argument("--version", type=int, help="a version kept in the file (default: latest)")
    save = actions.add_parser("save", help="keep a template (TOML) in the file, as its "
                              "[template] id; saving it again adds a version")
    save.add_argument("db", type=usecases.db_target)
    save.add_argument("toml", type=Path)
    save.add_argument("--sample", type=Path, help="the sample workbook it was learned from")
    save.add_argument("--default", action="store_true", help="make it the default as well")
    default = actions.add_parser("default", help="choose the template export uses by default")
    default.add_argument("db", type=usecases.db_target)
    default.add_argument("name", nargs="?")
    default.add_argument("--builtin", action="store_true",
                         help="back to the built-in template (REFLOW-1)")
    delete = actions.add_parser("delete", help="delete a template (every version) from the file")
    delete.add_argument("db", type=usecases.db_target)
    delete.add_argument("name")


def _safety_parsers(sub) -> None:
    snaps = sub.add_parser("snapshots", help="list the restore points of a database, newest first")
    snaps.add_argument("--db", required=True, type=usecases.db_target)
    snaps.add_argument("--json", action="store_true")

    bak = sub.add_parser("backup", help="take a restore point now, or --to copy to a file")
    bak.add_argument("--db", required=True, type=usecases.db_target)
    bak.add_argument("--to", type=Path, help="a file or folder (a USB stick) for a checked copy")
    bak.add_argument("--note", help="what the restore point is for")
    bak.add_argument("--replace", action="store_true", help="replace an existing --to file")
    bak.add_argument("--json", action="store_true")

    res = sub.add_parser("restore", help="put a restore point (or a backup) back in place")
    res.add_argument("--db", required=True, type=usecases.db_target)
    which = res.add_mutually_exclusive_group(required=True)
    which.add_argument("--snapshot", help="number in `snapshots` (1 = newest), 'latest', or name")
    which.add_argument("--from", dest="source", type=Path, help="a backup file")
    res.add_argument("--force-other-company", action="store_true",
                     help="restore --from a copy of another file or company all the same")
    res.add_argument("--json", action="store_true")

    aud = sub.add_parser("audit", help="the audit trail: verify the hash chain, or list history")
    aud.add_argument("action", choices=("verify", "log"))
    aud.add_argument("--db", required=True, type=usecases.db_target)
    aud.add_argument("--record", help="document number, code, name or id (log)")
    aud.add_argument("--entity", help="table or entity, e.g. sale_out or sale (log)")
    aud.add_argument("--limit", type=int, default=200, help="newest N entries (log; 0: all)")
    aud.add_argument("--anchor", action="append", default=[], type=Path, metavar="WORKBOOK",
                     help="a filing workbook exported from this file: check the chain against "
                          "its 审计链 row as well (verify; repeatable)")
    aud.add_argument("--json", action="store_true")


BROKEN_PIPE = 141  # as a shell reports a writer whose reader went away (128 + SIGPIPE)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends as one line in the clerk's language
    and an exit code, never a traceback (an unforeseen one is logged)."""
    args = build_parser(_argv_lang(argv)).parse_args(argv)
    settings = load_settings()
    lang = args.lang or settings.lang()
    code = BROKEN_PIPE
    try:
        code = _COMMANDS[args.command](args, lang, settings)
        sys.stdout.flush()  # here, so that a reader gone away (| head) is heard here
    except BrokenPipeError:
        from .storage.failures import quiet_stdout

        quiet_stdout()
        return code
    except StorageError as exc:
        _say(f"magdesk-cli: {exc.message(lang)}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: said, logged
        return _failed(args.command, exc, lang)
    return code


def _failed(command: str, exc: Exception, lang: str) -> int:
    """``exc`` as one line on stderr (failures.explain: a refusal or an OS
    error in words, exit 1; anything else logged with its traceback, exit 70)."""
    from .storage.failures import CRASHED, explain

    line, code = explain(f"magdesk-cli {command}", exc, lang)
    _say(line if code == CRASHED else f"magdesk-cli: {line}")  # (the line names the command)
    return code


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except OSError:  # stderr gone too: the exit code still tells
        pass


def _demo(args, lang, settings) -> int:
    counts = usecases.create_demo(args.db, sales=args.sales, seed=args.seed,
                                  end_period=args.end_period, months=args.months,
                                  replace=args.replace)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(_t("demo_done", lang, path=args.db, summary=summary))
    return 0


def _validate(args, lang, settings) -> int:
    with _open(args) as db:
        findings = usecases.validate_database(db, period=args.period or args.year,
                                              settings=settings)
    errors, warnings = count(findings)
    if args.json:
        json.dump([f.as_dict(lang) for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in findings:
            print(f"[{_severity(f.severity, lang)}] {f.code}  {f.message(lang)}")
        key = "valid_bad" if errors else "valid_ok"
        print(_t(key, lang, errors=errors, warnings=warnings))
    return 1 if errors else 0


def _severity(severity, lang: str) -> str:
    return text.say(f"severity.{severity}", lang)


def _screen(args, lang, settings) -> int:
    """Import a list (when given), then screen every name; exit 1 when a name
    is listed or an end use forbidden, 0 otherwise (close matches are warnings)."""
    with _open(args) as db:
        if args.list is not None:
            changes = usecases.import_screening_list(db, args.list, args.list_name)
            if not changes.ok:
                print(f"magdesk-cli: {changes.why(lang)}", file=sys.stderr)
                return 1
        lists = usecases.screening_lists(db)
        hits = usecases.screen_all(db)
    if args.json:
        json.dump({"lists": [{"list": i.list_name, "entries": i.entries,
                              "newest_listed": i.newest_listed, "imported_at": i.imported_at}
                             for i in lists],
                   "hits": [{**h.finding.as_dict(lang), "name": h.name} for h in hits]},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for i in lists:
            print(_t("screen_list", lang, list=i.list_name, entries=i.entries,
                     newest=i.newest_listed or "—", imported=i.imported_at))
        if not lists:
            print(_t("screen_no_list", lang))
        for h in hits:
            print(f"[{_severity(h.finding.severity, lang)}] {h.entity} {h.record}  "
                  f"{h.finding.message(lang)}")
        print(_t("screen_done", lang, hits=len(hits),
                 listed=sum(h.finding.is_error for h in hits)))
    return 1 if any(h.finding.is_error for h in hits) else 0


def _declaration(args, lang, settings) -> int:
    """Print (or write, --out) the declaration texts; exit 1 when there is no
    export line to speak of."""
    with _open(args) as db:
        for name in ("brand_type", "export_preference"):
            value = getattr(args, name)
            if value is not None:
                changes = usecases.set_declaration_setting(db, name, value)
                if not changes.ok:
                    _say(f"magdesk-cli: {changes.why(lang)}")
                    return 1
        if args.out is not None:
            _path, texts = usecases.write_declarations(db, args.out, args.period, args.decl)
        else:
            texts = usecases.declaration_texts(db, args.period, args.decl)
    if args.json:
        json.dump([{"decl_no": t.decl_no, "line_no": t.line_no, "hs_code": t.hs_code,
                    "name": t.name, "spec_text": t.spec_text, "remarks": t.remarks,
                    "elements": [{"label": k, "value": v} for k, v in t.elements]}
                   for t in texts], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for t in texts:
            print(_t("decl_line", lang, decl_no=t.decl_no, line_no=t.line_no, hs=t.hs_code,
                     name=t.name))
            print(f"  {t.spec_text}")
            print(f"  {t.remarks}")
        if args.out is not None and texts:
            print(_t("decl_written", lang, path=args.out, lines=len(texts),
                     decls=len({t.decl_no for t in texts})))
    if not texts:
        _say(_t("decl_none", lang, what=args.period or args.decl))
        return 1
    return 0


def _licences(args, lang, settings) -> int:
    """Usage per licence; exit 1 when a licence is exceeded, 0 otherwise."""
    from .core.licences import State, split_names
    from .core.units import format_kg

    with _open(args) as db:
        usage = usecases.licence_usage(db, args.on)
        names = usecases.counterparty_names(db)
    if args.json:
        json.dump([usecases.usage_as_dict(u, names) for u in usage], sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 1 if any(u.state == State.EXCEEDED for u in usage) else 0
    sep = "、" if lang == "zh" else ", "
    no_qty = text.say("licences.no_qty", lang)
    anything = text.say("licences.any", lang)
    for u in usage:
        lic = u.licence
        kind = LicenceType(lic.licence_type).label(lang)
        print(text.say(
            "licences.usage_line", lang, licence=lic.licence_no, kind=kind,
            valid_from=lic.valid_from, valid_to=lic.valid_to,
            licensed=no_qty if lic.qty_g is None else f"{format_kg(lic.qty_g)} kg",
            drawn=format_kg(u.drawn_g),
            left=no_qty if u.left_g is None else f"{format_kg(u.left_g)} kg",
            pct="—" if u.pct_used is None else f"{u.pct_used:.1f}%", days=u.days_left,
            state=text.say(f"licences.state.{u.state.lower()}", lang)))
        print(text.say(
            "licences.permits", lang,
            consignees=sep.join(names.get(c, str(c)) for c in lic.consignee_ids) or anything,
            end_users=sep.join(split_names(lic.end_user)) or anything,
            end_uses=sep.join(EndUse(e).label(lang) if e in EndUse.__members__ else e
                              for e in lic.end_uses) or anything))
        for line in u.lines:
            print(text.say("licences.drawn_line", lang, line=line.key, day=line.day,
                           qty=format_kg(line.qty_g), consignee=line.consignee))
    if not usage:
        print(text.say("licences.none", lang))
    else:
        print(text.say("licences.summary", lang, count=len(usage),
                       in_use=sum(u.in_use for u in usage),
                       attention=sum(u.state in State.ATTENTION for u in usage)))
    return 1 if any(u.state == State.EXCEEDED for u in usage) else 0


def _control(args, lang, settings) -> int:
    """Each model's and each export line's decision with its reason; with
    --threshold, --mode or --rule-on, the lines of the open months whose
    decision would change.  Exit 1 when a new setting cannot be read."""
    import dataclasses

    from .core.control import parse_rules_on

    current = settings.control_policy()
    new = None
    if args.threshold is not None or args.mode or args.rule_on:
        changed = dataclasses.replace(
            settings,
            control_mode=args.mode or settings.control_mode,
            control_threshold_pct=(args.threshold if args.threshold is not None
                                   else settings.control_threshold_pct),
            control_rules_on=", ".join(sorted(parse_rules_on(settings.control_rules_on)
                                              | set(args.rule_on))))
        try:
            new = changed.control_policy()
        except ValueError:
            print(_t("control_bad_setting", lang, value=args.threshold), file=sys.stderr)
            return 1
    with _open(args) as db:
        models = usecases.model_decisions(db, policy=new or current)
        lines = usecases.line_decisions(db, policy=new or current)
        changes = usecases.control_changes(db, new, old_policy=current) if new else None
    if args.json:
        out = {"models": [{"product": m.product.code, "on": m.on.isoformat(),
                           **m.decision.as_dict(lang)} for m in models],
               "lines": [line.as_dict(lang) for line in lines]}
        if changes is not None:
            out["changes"] = [c.as_dict(lang) for c in changes]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(_t("control_models", lang, on=models[0].on if models else "-"))
    for m in models:
        print(f"  {m.product.code}  {m.decision.message(lang)}")
    print(_t("control_lines", lang))
    for line in lines:
        print(f"  {line.key}  {line.period}  {line.product_code}  {line.decision.message(lang)}")
    if changes is not None:
        print(_t("control_changes", lang, count=len(changes)))
        for c in changes:
            print(f"  {c.key}  {c.period}  {c.product_code}  {c.old.remark(lang)} → "
                  f"{c.new.remark(lang)}  {c.new.message(lang)}")
    return 0


def _accept(args, lang, settings) -> int:
    with _open(args) as db:
        try:
            changes = usecases.accept_warning(db, args.entity, args.record, args.code,
                                              args.reason)
        except ValueError as exc:
            print(f"magdesk-cli: {said(exc, lang)}", file=sys.stderr)
            return 2
    if not changes.ok:  # nothing written (a read-only file, a full disk)
        print(f"magdesk-cli: {changes.why(lang)}", file=sys.stderr)
        return 1
    print(_t("accepted", lang, code=args.code, record=args.record))
    return 0


def _export(args, lang, settings) -> int:
    from .filing.export import ExportError
    from .filing.readback import ReadBackError
    from .filing.template import TemplateError

    with _open(args) as db:
        try:
            result = usecases.export_filing(db, args.period, args.out, draft=args.draft,
                                            replace=args.replace, template_id=args.template,
                                            settings=settings, at=getattr(args, "at", None))
        except (ExportError, ReadBackError, TemplateError, OSError) as exc:
            from .storage.failures import path_problem

            if isinstance(exc, OSError):
                exc = path_problem(exc)
            print(f"magdesk-cli: {said(exc, lang)}", file=sys.stderr)
            return 1
    if args.json:
        json.dump({"period": result.period, "file": str(result.path) if result.path else None,
                   "sha256": result.sha256, "data_sha256": result.data_sha256,
                   "revision": result.revision, "draft": result.draft, "rows": result.counts,
                   "findings": [f.as_dict(lang) for f in result.findings]},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif result.refused:
        for f in result.findings:
            if f.is_error:
                print(f"[{_severity(f.severity, lang)}] {f.code}  {f.message(lang)}")
        errors, _ = count(result.findings)
        print(_t("export_refused", lang, period=args.period, errors=errors), file=sys.stderr)
    else:
        print(_t("exported", lang, path=result.path, sha=result.sha256, data=result.data_sha256))
    return 1 if result.refused else 0


def _period_cmd(args, lang, settings) -> int:
    from .filing.periods import PeriodError

    with _open(args) as db:
        try:
            if args.action == "list":
                statuses = usecases.period_statuses(db, settings=settings)
            elif not args.period:
                print(f"magdesk-cli: {_t('period_required', lang)}", file=sys.stderr)
                return 1
            elif args.action == "status":
                statuses = [usecases.period_status(db, args.period, settings=settings)]
            elif args.action == "file":
                if args.date is None or not args.receipt:
                    print(f"magdesk-cli: {_t('file_needs', lang)}", file=sys.stderr)
                    return 1
                statuses = [usecases.file_period(db, args.period, args.date, args.receipt)]
            else:
                statuses = [usecases.amend_period(db, args.period)]
        except PeriodError as exc:
            print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
            return 1
    if args.json:
        json.dump([s.as_dict() for s in statuses], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for s in statuses:
        print(_t("period_line", lang, period=s.period, state=_state(s.state, lang),
                 revision=s.revision, deadline=s.deadline, days=s.days_left,
                 receipt=s.receipt_no or "-", file=s.last_file or "-"))
    return 0


def _state(state: str, lang: str) -> str:
    from .core.enums import PeriodState

    return PeriodState(state).label(lang)


def _check(args, lang, settings) -> int:
    with _open(args) as db:
        report = usecases.check_database(db)
    if args.json:
        json.dump({"ok": report.ok, "integrity": report.integrity,
                   "foreign_key_violations": report.foreign_key_violations,
                   "schema_version": report.schema_version, "latest_schema": report.latest_schema,
                   "read_only": report.read_only, "counts": report.counts,
                   "schema": report.schema.as_dict() if report.schema else None,
                   "movement_totals_wrong": report.movement_totals},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(_t("check", lang, integrity=report.integrity, fk=report.foreign_key_violations,
                 version=report.schema_version, latest=report.latest_schema))
        if report.schema is not None and not report.schema.ok:
            print(_t("check_schema", lang, version=report.schema.version,
                     objects=report.schema.describe(lang)))
        if report.movement_totals:
            print(_t("check_totals", lang, n=report.movement_totals))
        if report.read_only:
            print(_t("read_only", lang, reason=said(report.read_only, lang)))
        for name, n in report.counts.items():
            print(f"  {name}: {n}")
    return 0 if report.ok else 1


def _repair(args, lang, settings) -> int:
    from .storage.repair import RepairRefused

    try:
        result = usecases.repair_schema(args.db, settings=settings)
    except RepairRefused as exc:
        print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
        return 1
    if result.plan.needed:  # opened as usual: brought up to date, writable again
        _open(args).close()
    if args.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif not result.plan.needed:
        print(_t("repair_none", lang, name=args.db.name))
    else:
        print(_t("repaired", lang, name=args.db.name, done=result.plan.describe(lang),
                 point=result.point.path))
    return 0


def _summary(args, lang, settings) -> int:
    from .reports import ReportError

    if (args.report == "trace") != bool(args.lot or args.sale):
        key = "summary_trace" if args.report == "trace" else "summary_subject"
        print(f"magdesk-cli: {_t(key, lang)}", file=sys.stderr)
        return 2
    with _open(args) as db:
        try:
            report = usecases.summary_report(db, args.report, args.period, lot=args.lot,
                                             sale=args.sale)
        except ReportError as exc:
            print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
            return 1
    from .gui import printing  # PySide6 only now: the other commands run without it

    printing.ensure_app()
    try:
        pages = printing.save_pdf(report, args.pdf)
    except OSError as exc:
        from .storage.failures import path_problem
        from .storage.reasons import said

        error = said(path_problem(exc), lang) if exc.errno else exc
        print(f"magdesk-cli: {_t('summary_failed', lang, error=error)}", file=sys.stderr)
        return 1
    print(_t("summary_done", lang, title=report.title, period=args.period, pages=pages,
             path=args.pdf))
    return 0


def _import(args, lang, settings) -> int:
    from .importing import ImportFileError

    chosen = _mapping_arg(args.map, lang)
    if chosen is False:
        return 2
    with _open(args) as db:
        try:
            result = usecases.import_file(
                db, args.kind, args.file, sheet=args.sheet, mapping=chosen, dry_run=args.dry_run,
                on_duplicate=args.on_duplicate, report=args.report, settings=settings, lang=lang,
                accept_bad_bytes=args.accept_bad_bytes)
        except ImportFileError as exc:
            if args.json:
                json.dump({"status": "error", "code": exc.code, "message": exc.message(lang)},
                          sys.stdout, ensure_ascii=False, indent=1)
                print()
            print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
            if exc.code == "import.bad_bytes":
                print(f"magdesk-cli: {_t('bad_bytes_hint', lang)}", file=sys.stderr)
            return 2
    if args.json:
        json.dump(result.as_dict(lang), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print_import(result, lang)
    return {"imported": 0, "dry_run": 0, "rejected": 1}.get(result.status, 2)


def _mapping_arg(pairs: list[str], lang: str):
    """``--map`` pairs as a header -> column dict (None when none were given)."""
    if not pairs:
        return None
    chosen = {}
    for pair in pairs:
        header, sep, column = pair.partition("=")
        if not sep or not header.strip():
            print(f"magdesk-cli: {_t('bad_map', lang, value=pair)}", file=sys.stderr)
            return False
        chosen[header.strip()] = column.strip() or None
    return chosen


def _print_import(result, lang: str) -> None:
    for f in result.findings:
        print(f"[{_severity(f.severity, lang)}] {f.code}  {f.message(lang)}")
    from .importing.columns import KINDS

    for d in result.derived:  # what the rows implied, as the form would have filled it
        print(f"[{'推导' if lang == 'zh' else 'derived'}] {d.rule}  "
              f"{d.message(KINDS[result.kind].entity, lang)}")
    params = {"file": result.file.name, "sheet": result.sheet, "inserted": result.inserted,
              "updated": result.updated, "skipped": result.skipped, "errors": result.errors,
              "warnings": result.warnings, "backup": result.backup or "-",
              "row": result.header_row}
    if result.status == "columns":
        params["columns"] = "、".join(f.finding.params.get("label", "?") for f in result.findings
                                     if f.code == "import.column_missing")
        print(_t("import_columns", lang, **params), file=sys.stderr)
    else:
        key = {"imported": "imported", "dry_run": "import_dry"}.get(result.status, "import_bad")
        print(_t(key, lang, **params))
    if result.report:
        print(_t("import_report", lang, path=result.report))
    if result.report_error:  # the import's outcome (and exit code) stands; the report failed
        from .storage.reasons import said

        print(f"magdesk-cli: {said(result.report_error, lang)}", file=sys.stderr)


def _import_template(args, lang, settings) -> int:
    path = usecases.write_import_template(args.kind, args.file, lang=lang)
    print(_t("template_done", lang, path=path))
    return 0


def _moment(value: str):
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {value}") from None
    return moment if moment.tzinfo else moment.astimezone()


def _open(args, **kw):
    db = usecases.open_file(args.db, check=not args.no_check, **kw)
    if getattr(db.read_only_reason, "code", "") == "schema_foreign":  # every command says so
        lang = args.lang or load_settings().lang()
        print(f"magdesk-cli: {said(db.read_only_reason, lang)}", file=sys.stderr)
    return db


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


def _snapshots(args, lang, settings) -> int:
    listed = usecases.list_snapshots(args.db, settings=settings)
    if args.json:
        json.dump([s.as_dict() for s in listed], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not listed:
        print(_t("snap_none", lang, db=args.db))
    for n, snap in enumerate(listed, 1):
        print(_t("snap_line", lang, n=n, time=f"{snap.taken_at:%Y-%m-%d %H:%M:%S}",
                 note=usecases.point_note(snap.note, lang), kind=snap.kind, size=_size(snap.size), name=snap.name))
    if listed:
        print(_t("snap_folder", lang, folder=listed[0].path.parent))
    _print_foreign(usecases.foreign_snapshots(args.db, settings=settings), args.db, lang)
    return 0


def _print_foreign(found, db: Path, lang: str) -> None:
    """Files among the restore points that are another file's: named, not offered."""
    if found:
        print(_t("snap_foreign", lang, db=db))
    for item in found:
        if item.point is None:
            print(_t("snap_unreadable", lang, name=item.path.name))
        else:
            print(_t("snap_foreign_line", lang, name=item.path.name,
                     company=item.point.company or "-", code=item.point.uscc or "-"))


def _backup(args, lang, settings) -> int:
    with _open(args) as db:
        if args.to is None:
            snap = usecases.take_snapshot(db, args.note or "manual", kind="manual")
        else:
            snap = usecases.backup_to(db, args.to, replace=args.replace)
    if args.json:
        json.dump(snap.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(_t("snap_done" if args.to is None else "backup_done", lang, path=snap.path,
                 size=_size(snap.size)))
        carried = cli_attach.carried_line(snap.path, lang) if args.to is not None else None
        if carried:
            print(carried)
    return 0


def _restore(args, lang, settings) -> int:
    from .usecases.safety import OtherFileError

    try:
        source = args.source or usecases.find_snapshot(args.db, args.snapshot, settings=settings)
        result = usecases.restore_file(args.db, source, settings=settings,
                                       force=args.force_other_company)
    except StorageError as exc:  # in the clerk's language; another file's copy: how to insist
        print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
        if isinstance(exc, OtherFileError):
            print(_t("restore_force", lang), file=sys.stderr)
        return 1
    if args.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(_t("restored", lang, db=args.db, source=Path(source).name))
    if result.before:
        print(_t("restored_before", lang, name=result.before.name))
    if result.damaged_copy:
        print(_t("restored_damaged", lang, path=result.damaged_copy))
    return 0


def _audit(args, lang, settings) -> int:
    with _open(args) as db:
        if args.action == "verify":
            check = usecases.verify_audit(db, workbooks=args.anchor)
        else:
            try:
                entries = usecases.audit_log(db, record=args.record, entity=args.entity,
                                             limit=args.limit)
            except ValueError as exc:
                print(f"magdesk-cli: {said(exc, lang)}", file=sys.stderr)
                return 2
    if args.action == "log":
        return _print_audit_log(entries, args, lang)
    r = check.report
    if args.json:
        json.dump(check.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif r.ok:
        if check.anchors.ok:  # else the anchors' lines below say what was rewritten
            print(_t("audit_ok", lang, total=check.total))
        for key, n in (("audit_outside", r.outside), ("audit_pending", r.pending)):
            if n:
                print(_t(key, lang, n=n))
    else:
        problem = _stored("problem", r.problem, lang)
        print(_t("audit_broken", lang, seq=r.broken_at, problem=problem,
                 detail=r.detail_text(lang)),
              file=sys.stderr)
    if not args.json:
        from .text.anchors import lines

        for line, bad in lines(check, lang):
            print(line, file=sys.stderr if bad else sys.stdout)
    return 0 if check.ok else 1


def _print_audit_log(entries, args, lang) -> int:
    if args.json:
        json.dump([e.as_dict() for e in entries], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not entries:
        print(_t("audit_none", lang))
    for e in entries:
        who = f"{e.clerk or '-'} ({e.os_user})" if e.app else _t("outside", lang)
        action = _stored("action", e.action, lang)
        changes = "; ".join(f"{c.field}: {_value(c.old)} → {_value(c.new)}"
                            for c in e.changes[:12])
        print(f"{e.seq:>6}  {e.at.astimezone():%Y-%m-%d %H:%M:%S}  {who}  {action}  "
              f"{e.entity} {e.record_key or e.record}{'' if e.sealed else ' *'}  {changes}")
    return 0


def _stored(area: str, value: str, lang: str) -> str:
    """An audit action or problem, stored as a code, in ``lang`` (unknown: as stored)."""
    code = f"audit.{area}.{value.lower()}"
    return text.say(code, lang) if code in text.CATALOGUE else value


def _value(value) -> str:
    if value is None:
        return "∅"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)


def _template(args, lang, settings) -> int:
    """``template list|show|save|default|delete``; a refusal is one line on
    stderr and exit 1 (a template that is not there: from main)."""
    action = args.template_action
    if action == "learn":
        return _template_learn(args, lang)
    if action == "export":
        args.template, args.json = args.name, False
        return _export(args, lang, settings)
    if action == "default" and bool(args.name) == args.builtin:
        print(f"magdesk-cli: {_t('template_default_needs', lang)}", file=sys.stderr)
        return 2
    if action == "save":
        try:
            body = args.toml.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            print(f"magdesk-cli: {_t('template_unreadable', lang, path=args.toml, error=exc)}",
                  file=sys.stderr)
            return 1
        sample = args.sample.read_bytes() if args.sample else None
    with _open(args) as db:
        if action == "list":
            return _print_templates(usecases.list_templates(db), args, lang)
        if action == "check":
            return _template_check(db, args.name, lang)
        if action == "show":
            body = usecases.template_text(db, args.name, args.version)
            sys.stdout.write(body if body.endswith("\n") else body + "\n")
            return 0
        if action == "save":
            changes = usecases.save_template(db, None, body, sample,
                                             args.sample.name if args.sample else "",
                                             make_default=args.default)
        elif action == "default":
            changes = usecases.set_default_template(db, None if args.builtin else args.name)
        else:
            versions = [t.versions for t in usecases.list_templates(db)
                        if t.name == args.name and not t.builtin]
            changes = usecases.delete_template(db, args.name)
        if not changes.ok:
            print(f"magdesk-cli: {changes.why(lang)}", file=sys.stderr)
            return 1
        if action == "save":
            name = _saved_name(body)
            kept = next(t for t in usecases.list_templates(db)
                        if t.name == name and not t.builtin)
            print(_t("template_saved", lang, name=kept.name, version=kept.version,
                     default=_t("template_saved_default", lang) if args.default else ""))
        elif action == "default":
            print(_t("template_now_default", lang, name=usecases.default_template(db)))
        else:
            print(_t("template_deleted", lang, name=args.name, versions=versions[0]))
    return 0


def _template_learn(args, lang: str) -> int:
    """Learn the sample, write the drafted TOML (its open questions listed in
    it as comments and said here); exit 0 when it holds, 1 when a question
    must be settled first."""
    from .filing.learn import SampleError

    try:
        learned = usecases.learn_template(args.sample)
    except SampleError as exc:
        print(f"magdesk-cli: {exc.message(lang)}", file=sys.stderr)
        return 1
    name = args.name or args.sample.stem
    template = learned.draft(name)
    problems = learned.problems(template)
    notes = [f"learned by magdesk from {args.sample.name} (SHA-256 {learned.layout.sha256})",
             "every column of the sample is listed; field = \"\" leaves it empty"]
    notes += [("! " if p.blocking else "? ") + p.message(lang) for p in problems]
    args.out.write_text(usecases.template_toml(template, "\n".join(notes)), encoding="utf-8")
    columns = [c for s in template.sheets for c in s.columns]
    print(_t("template_learned", lang, name=name, sample=args.sample.name, out=args.out,
             sheets=len(template.sheets), mapped=sum(c.mapped for c in columns),
             columns=len(columns)))
    if problems:
        print(_t("template_problems", lang, count=len(problems)))
        for p in problems:
            print(f"  {'!' if p.blocking else '?'} {p.message(lang)}")
    return 1 if any(p.blocking for p in problems) else 0


def _template_check(db, name: str, lang: str) -> int:
    from .filing.template import TemplateError

    try:
        template = usecases.check_template(db, name)
    except TemplateError as exc:
        print(f"magdesk-cli: {said(exc, lang)}", file=sys.stderr)
        return 1
    sheets = "; ".join(f"{s.name} ({s.source}, {len(s.written)})" for s in template.sheets)
    print(_t("template_ok", lang, name=template.id, version=template.version, sheets=sheets))
    return 0


def _saved_name(body: str) -> str:
    import tomllib

    return str(tomllib.loads(body)["template"]["id"])


def _print_templates(entries, args, lang: str) -> int:
    if args.json:
        json.dump([t.as_dict() for t in entries], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for t in entries:
        sample = f"{t.sample_name or '-'} {t.sample_sha256[:12]}" if t.sample_sha256 else "-"
        print(_t("template_line", lang, mark="*" if t.is_default else " ", name=t.name,
                 version=t.version, versions=t.versions,
                 kind=_t("template_builtin" if t.builtin else "template_in_file", lang),
                 saved=t.saved_at or "-", sample=sample))
    print(_t("template_default", lang))
    return 0


# --- dossier and licence application sheet -----------------------------------------


def _dossier_parsers(sub) -> None:
    """The two commands' parsers, on the CLI's subparsers."""
    dos = sub.add_parser("dossier", help="the dossier of an export declaration for customs: "
                         "PDF, xlsx, statement and a zip with the attachments")
    dos.add_argument("--db", required=True, type=usecases.db_target)
    dos.add_argument("--decl", required=True, help="the customs declaration number")
    dos.add_argument("--out", type=Path, help="the folder to write into")
    dos.add_argument("--statement", type=Path,
                     help="the statement of performance and use as edited (UTF-8 text)")
    dos.add_argument("--draft-statement", action="store_true",
                     help="only print the drafted statement of performance and use")
    sheet = sub.add_parser("licence-sheet", help="the licence application data of a sale or "
                           "contract: PDF and xlsx, with the attachments needed ticked")
    sheet.add_argument("--db", required=True, type=usecases.db_target)
    which = sheet.add_mutually_exclusive_group(required=True)
    which.add_argument("--sale", help="a sale document number")
    which.add_argument("--contract", help="a contract number")
    sheet.add_argument("--out", required=True, type=Path, help="the folder to write into")


def _pdf_renderer():
    from .gui import printing  # PySide6 only now: the other commands run without it

    printing.ensure_app()
    return printing.save_pdf


def _dossier_failed(exc: Exception, lang: str) -> int:
    from .reports import ReportError
    from .storage.failures import path_problem
    from .storage.reasons import said

    if isinstance(exc, ReportError):
        message = exc.message(lang)
    else:
        error = said(path_problem(exc), lang) if getattr(exc, "errno", None) else exc
        message = _t("dossier_failed", lang, error=error)
    print(f"magdesk-cli: {message}", file=sys.stderr)
    return 1


def _dossier(args, lang, settings) -> int:
    from .reports import ReportError

    if not args.draft_statement and args.out is None:
        print(f"magdesk-cli: {_t('dossier_out', lang)}", file=sys.stderr)
        return 2
    try:
        statement = (args.statement.read_text(encoding="utf-8-sig")
                     if args.statement else None)
        with _open(args) as db:
            if args.draft_statement:
                print(usecases.draft_statement(db, args.decl, lang))
                return 0
            result = usecases.write_dossier(db, args.decl, args.out, render_pdf=_pdf_renderer(),
                                            statement=statement)
    except (ReportError, OSError) as exc:  # a refusal or a path: said, exit 1
        return _dossier_failed(exc, lang)
    print(_t("dossier_done", lang, decl=args.decl, pages=result.pages, pdf=result.pdf,
             xlsx=result.xlsx, statement=result.statement, zip=result.zip,
             attachments=result.attachments))
    print(_t("dossier_missing", lang, count=len(result.missing)))
    for m in result.missing:
        print(f"  - {m.message(lang)}")
    return 0


def _licence_sheet(args, lang, settings) -> int:
    from .reports import ReportError

    try:
        with _open(args) as db:
            result = usecases.write_licence_sheet(db, args.out, render_pdf=_pdf_renderer(),
                                                  sale=args.sale, contract=args.contract)
    except (ReportError, OSError) as exc:  # a refusal or a path: said, exit 1
        return _dossier_failed(exc, lang)
    print(_t("sheet_done", lang, pages=result.pages, pdf=result.pdf, xlsx=result.xlsx))
    for zh, en, present in result.ticks:
        print(f"  {'☑' if present else '☐'} {zh if lang == 'zh' else en}")
    return 0


_COMMANDS = {"demo": _demo, "validate": _validate, "check": _check, "repair": _repair,
             "accept": _accept,
             "import": _import, "import-template": _import_template,
             "export": _export, "period": _period_cmd, "summary": _summary,
             "snapshots": _snapshots, "backup": _backup, "restore": _restore, "audit": _audit,
             "template": _template, "screen": _screen, "declaration": _declaration,
             "licences": _licences, "control": _control, "attach": cli_attach.run,
             "dossier": _dossier, "licence-sheet": _licence_sheet, "db": cli_db.run}


if __name__ == "__main__":
    sys.exit(main())
