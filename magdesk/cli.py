"""magdesk-cli: a thin shell over the services.  One call per command; errors
become a clear message and an exit code (0 fine, 1 findings/errors, 2 usage)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import __version__, services
from .core.findings import count
from .settings import load_settings
from .storage.db import StorageError, open_database

_TEXT = {
    "demo_done": ("已生成演示数据库 {path}:{summary}", "Demo database written to {path}: {summary}"),
    "valid_ok": ("校验通过:0 个错误,{warnings} 个警告", "Valid: 0 errors, {warnings} warnings"),
    "valid_bad": ("校验未通过:{errors} 个错误,{warnings} 个警告",
                  "Not valid: {errors} errors, {warnings} warnings"),
    "check": ("完整性:{integrity};外键问题:{fk};结构版本:{version}/{latest}",
              "Integrity: {integrity}; foreign-key problems: {fk}; schema: {version}/{latest}"),
    "read_only": ("只读打开:{reason}", "Opened read-only: {reason}"),
    "accepted": ("已接受 {record} 的 {code} 警告", "Accepted warning {code} for {record}"),
    "bad_period": ("期间“{value}”格式应为YYYY-MM", "Period '{value}' must be YYYY-MM"),
}


def _t(key: str, lang: str, **params) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**params)


def _period(value: str) -> str:
    if not re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(_t("bad_period", "en", value=value))
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="magdesk-cli", description="magdesk: records and monthly filing for magnet producers")
    parser.add_argument("--version", action="version", version=f"magdesk {__version__}")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="write a demo producer's database")
    demo.add_argument("--db", required=True, type=Path)
    demo.add_argument("--sales", type=int, default=2400)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--end-period", type=_period, help="last month of the year (default: last month)")
    demo.add_argument("--replace", action="store_true", help="replace an existing file")

    val = sub.add_parser("validate", help="check every record and the monthly balance")
    val.add_argument("--db", required=True, type=Path)
    val.add_argument("--period", type=_period)
    val.add_argument("--json", action="store_true", help="print findings as JSON")

    acc = sub.add_parser("accept", help="accept a warning with a reason")
    acc.add_argument("--db", required=True, type=Path)
    acc.add_argument("--entity", required=True, help="e.g. counterparty")
    acc.add_argument("--record", required=True, help="the record as validate names it")
    acc.add_argument("--code", required=True, help="e.g. uscc.check_digit")
    acc.add_argument("--reason", required=True)

    chk = sub.add_parser("check", help="integrity and schema version of a database file")
    chk.add_argument("--db", required=True, type=Path)
    chk.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings()
    lang = args.lang or settings.lang()
    try:
        return _COMMANDS[args.command](args, lang, settings)
    except StorageError as exc:
        print(f"magdesk-cli: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _demo(args, lang, settings) -> int:
    counts = services.create_demo(args.db, sales=args.sales, seed=args.seed,
                                  end_period=args.end_period, replace=args.replace)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(_t("demo_done", lang, path=args.db, summary=summary))
    return 0


def _validate(args, lang, settings) -> int:
    with open_database(args.db) as db:
        findings = services.validate_database(db, period=args.period, settings=settings)
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
    if lang == "zh":
        return "错误" if severity == "error" else "警告"
    return str(severity)


def _accept(args, lang, settings) -> int:
    with open_database(args.db) as db:
        try:
            services.accept_warning(db, args.entity, args.record, args.code, args.reason)
        except ValueError as exc:
            print(f"magdesk-cli: {exc}", file=sys.stderr)
            return 2
    print(_t("accepted", lang, code=args.code, record=args.record))
    return 0


def _check(args, lang, settings) -> int:
    with open_database(args.db) as db:
        report = services.check_database(db)
    if args.json:
        json.dump({"ok": report.ok, "integrity": report.integrity,
                   "foreign_key_violations": report.foreign_key_violations,
                   "schema_version": report.schema_version, "latest_schema": report.latest_schema,
                   "read_only": report.read_only, "counts": report.counts},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(_t("check", lang, integrity=report.integrity, fk=report.foreign_key_violations,
                 version=report.schema_version, latest=report.latest_schema))
        if report.read_only:
            print(_t("read_only", lang, reason=report.read_only))
        for name, n in report.counts.items():
            print(f"  {name}: {n}")
    return 0 if report.ok else 1


_COMMANDS = {"demo": _demo, "validate": _validate, "check": _check, "accept": _accept}

if __name__ == "__main__":
    sys.exit(main())
