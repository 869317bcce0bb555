"""The ``magdesk`` GUI entry point.

Until the full desktop lands this opens a small window on a database: the
company, its row counts and its validation summary.  ``--demo`` makes (or
reuses) a demo producer in the user's data folder first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, services
from .core.findings import count
from .settings import data_dir
from .storage.db import open_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="magdesk")
    parser.add_argument("--version", action="version", version=f"magdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="open a demo producer")
    parser.add_argument("--quit-after", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("db", nargs="?", type=Path)
    args = parser.parse_args(argv)
    path = args.db
    if args.demo:
        path = data_dir() / "magdesk-demo.sqlite"
        if not path.exists():
            services.create_demo(path)
    if path is None:
        parser.error("give a database file or --demo")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    with open_database(path) as db:
        company = services.Repository(db).company()
        report = services.check_database(db)
        errors, warnings = count(services.validate_database(db))
    window = QMainWindow()
    window.setWindowTitle(f"magdesk {__version__} — {path.name}")
    lines = [f"<h2>{company.name if company else path.name}</h2>"]
    lines += [f"{name}: {n}" for name, n in report.counts.items()]
    lines.append(f"<p>校验 / validation: {errors} 错误 errors, {warnings} 警告 warnings</p>")
    window.setCentralWidget(QLabel("<br>".join(lines)))
    window.resize(640, 480)
    window.show()
    if args.quit_after:
        QTimer.singleShot(args.quit_after, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
