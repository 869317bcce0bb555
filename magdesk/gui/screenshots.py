"""Render each main screen to PNG, in Chinese and in English, for review.

    python -m magdesk.gui.screenshots OUT_DIR [--db FILE]

Uses the demo producer unless a database is given; runs offscreen."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m magdesk.gui.screenshots")
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..services import create_demo
    from ..settings import load_settings
    from .app import application, install_translations
    from .main_window import MainWindow

    db_path = args.db
    if db_path is None:
        db_path = Path(tempfile.mkdtemp()) / "demo.sqlite"
        create_demo(db_path, sales=2400)
    args.out.mkdir(parents=True, exist_ok=True)
    base = load_settings()
    app = application(base)
    from ..storage.db import open_database

    for lang in ("zh", "en"):
        settings = dataclasses.replace(base, language=lang)
        install_translations(app, lang)
        with open_database(db_path) as db:
            window = MainWindow(db, settings)
            window.resize(1280, 800)
            window.show()
            import time

            started = time.monotonic()
            while window.findings_task.running and time.monotonic() - started < 120:
                app.processEvents()
                time.sleep(0.02)
            app.processEvents()
            for index in range(window.nav.count()):
                window.select_section(index)
                app.processEvents()
                target = args.out / f"{lang}-{index:02d}.png"
                window.grab().save(str(target))
                print(target)
            form = window.open_record("sale", None)
            app.processEvents()
            form.grab().save(str(args.out / f"{lang}-form-sale.png"))
            form.close()
            window.close()
            QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
