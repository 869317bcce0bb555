"""The ``magdesk`` GUI entry point."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="magdesk")
    parser.add_argument("--version", action="version", version=f"magdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="open a demo producer")
    parser.add_argument("--quit-after", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("db", nargs="?", type=Path, help="a magdesk database file")
    args = parser.parse_args(argv)
    from .gui.app import run

    return run(args.db, args.demo, args.quit_after)


if __name__ == "__main__":
    sys.exit(main())
