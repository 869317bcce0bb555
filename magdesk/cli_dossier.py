"""magdesk-cli ``dossier`` and ``licence-sheet``: the dossier of an export
declaration and the licence application sheet of a sale or contract (the
use cases in ``usecases/dossier.py``; the PDF drawn by ``gui.printing``,
imported only when a PDF is written)."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parsers(sub) -> None:
    """The two commands' parsers, on the CLI's subparsers."""
    dos = sub.add_parser("dossier", help="the dossier of an export declaration for customs: "
                         "PDF, xlsx, statement and a zip with the attachments")
    dos.add_argument("--db", required=True, type=Path)
    dos.add_argument("--decl", required=True, help="the customs declaration number")
    dos.add_argument("--out", type=Path, help="the folder to write into")
    dos.add_argument("--statement", type=Path,
                     help="the statement of performance and use as edited (UTF-8 text)")
    dos.add_argument("--draft-statement", action="store_true",
                     help="only print the drafted statement of performance and use")
    sheet = sub.add_parser("licence-sheet", help="the licence application data of a sale or "
                           "contract: PDF and xlsx, with the attachments needed ticked")
    sheet.add_argument("--db", required=True, type=Path)
    which = sheet.add_mutually_exclusive_group(required=True)
    which.add_argument("--sale", help="a sale document number")
    which.add_argument("--contract", help="a contract number")
    sheet.add_argument("--out", required=True, type=Path, help="the folder to write into")


def _printing():
    from .gui import printing  # PySide6 only now: the other commands run without it

    printing.ensure_app()
    return printing.save_pdf


def _failed(exc: Exception, lang: str) -> int:
    from .cli import _t
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


def dossier(args, lang, settings) -> int:
    from . import usecases
    from .cli import _open, _t
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
            result = usecases.write_dossier(db, args.decl, args.out, render_pdf=_printing(),
                                            statement=statement)
    except (ReportError, OSError) as exc:  # a refusal or a path: said, exit 1
        return _failed(exc, lang)
    print(_t("dossier_done", lang, decl=args.decl, pages=result.pages, pdf=result.pdf,
             xlsx=result.xlsx, statement=result.statement, zip=result.zip,
             attachments=result.attachments))
    print(_t("dossier_missing", lang, count=len(result.missing)))
    for m in result.missing:
        print(f"  - {m.message(lang)}")
    return 0


def licence_sheet(args, lang, settings) -> int:
    from . import usecases
    from .cli import _open, _t
    from .reports import ReportError

    try:
        with _open(args) as db:
            result = usecases.write_licence_sheet(db, args.out, render_pdf=_printing(),
                                                  sale=args.sale, contract=args.contract)
    except (ReportError, OSError) as exc:  # a refusal or a path: said, exit 1
        return _failed(exc, lang)
    print(_t("sheet_done", lang, pages=result.pages, pdf=result.pdf, xlsx=result.xlsx))
    for zh, en, present in result.ticks:
        print(f"  {'☑' if present else '☐'} {zh if lang == 'zh' else en}")
    return 0


COMMANDS = {"dossier": dossier, "licence-sheet": licence_sheet}
