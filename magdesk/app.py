"""The ``magdesk`` GUI entry point: ``magdesk [--lang zh|en] [--demo] [FILE]``.

``--help`` speaks the clerk's language: ``--lang`` as typed, else the
settings' language, else the system locale's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import text
from .resources import version_text


def _argv_lang(args: list[str]) -> str:
    """``--lang`` as typed (when it is zh or en), else the settings' language."""
    for i, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else \
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if value in ("zh", "en"):
            return value
    from .settings import load_settings

    return load_settings().lang()


class _Formatter(argparse.HelpFormatter):
    lang = "en"

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = text.say("cli.gui_usage", self.lang)
        return super().add_usage(usage, actions, groups, prefix)

    def format_help(self) -> str:
        help_text = super().format_help()
        if self.lang == "zh":  # a Chinese heading takes a full-width colon
            for code in ("cli.gui_arguments", "cli.gui_options"):
                heading = text.say(code, "zh")
                help_text = help_text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return help_text


def _target(arg: str) -> Path | str:
    """A file's path, or a server's ``postgresql://`` URL kept as typed (a
    path would fold its ``//``)."""
    return arg if arg.startswith(("postgresql://", "postgres://")) else Path(arg)


def build_parser(lang: str) -> argparse.ArgumentParser:
    def t(code: str) -> str:
        return text.say(f"cli.gui_{code}", lang)

    formatter = type("Formatter", (_Formatter,), {"lang": lang})
    parser = argparse.ArgumentParser(prog="magdesk", description=t("description"),
                                     add_help=False, formatter_class=formatter)
    files = parser.add_argument_group(t("arguments"))
    files.add_argument("db", nargs="?", type=_target, metavar=t("file"), help=t("db"))
    options = parser.add_argument_group(t("options"))
    options.add_argument("-h", "--help", action="help", help=t("help"))
    options.add_argument("--version", action="version", version=version_text(),
                         help=t("version"))
    options.add_argument("--lang", choices=("zh", "en"), help=t("lang"))
    options.add_argument("--demo", action="store_true", help=t("demo"))
    options.add_argument("--quit-after", type=int, default=0, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_argv_lang(args_in)).parse_args(args_in)
    from .gui.app import run

    return run(args.db, args.demo, args.quit_after, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
