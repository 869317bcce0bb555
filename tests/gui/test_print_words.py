"""Printouts as the clerk reads them: the generation time local and to the
minute, full-width punctuation after Chinese words, and the preview's title in
the window's language."""

import dataclasses
import re
from datetime import UTC, datetime, timedelta, timezone

from magdesk.reports import build_report
from magdesk.storage import open_database

from .conftest import lang_settings

NOW = datetime(2026, 12, 6, 8, 28, 41, tzinfo=UTC)
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff）][:,;]")


def _texts(value, out):
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _texts(item, out)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _texts(getattr(value, f.name), out)
    return out


def test_footer_time_is_local_and_plain():
    from magdesk.gui.printing import footer_time

    shanghai = timezone(timedelta(hours=8))
    assert footer_time(NOW.astimezone(shanghai)) == NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    assert "+" not in footer_time(NOW) and len(footer_time(NOW)) == 16


def test_footer_in_the_pdf_has_no_offset(qtbot, demo_copy, tmp_path):
    import subprocess

    from magdesk.gui.printing import save_pdf

    with open_database(demo_copy) as db:
        report = build_report(db, "flow", "2026-06", now=NOW)
    save_pdf(report, tmp_path / "flow.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "flow.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert f"{NOW.astimezone():%Y-%m-%d %H:%M}" in text
    assert "+00:00" not in text and ":41" not in text


def test_chinese_words_take_full_width_punctuation(demo_copy):
    with open_database(demo_copy) as db:
        reports = [build_report(db, kind, "2026-06", now=NOW)
                   for kind in ("flow", "inventory", "licences")]
        lot = db.conn.execute("SELECT p.lot_no FROM purchase_in p JOIN batch_input b ON b.purchase_id = p.id ORDER BY p.id LIMIT 1").fetchone()[0]
        sale = db.conn.execute("SELECT doc_no FROM sale_out ORDER BY id LIMIT 1").fetchone()[0]
        reports += [build_report(db, "trace", "2026-06", lot=lot, now=NOW),
                    build_report(db, "trace", "2026-06", sale=sale, now=NOW)]
    bad = [t for r in reports for t in _texts(r, []) if HALF_WIDTH.search(t)]
    assert bad == []


def test_preview_title_follows_the_window_language(qtbot, demo_copy):
    from magdesk.gui.app import application
    from magdesk.gui.printing import ReportPreview

    with open_database(demo_copy) as db:
        report = build_report(db, "flow", "2026-06", now=NOW)
    app = application(lang_settings("en"))
    try:
        english = ReportPreview(report)
        qtbot.addWidget(english)
        assert english.windowTitle().startswith("Print preview — ")
    finally:
        application(lang_settings("zh"))
    chinese = ReportPreview(report)
    qtbot.addWidget(chinese)
    assert chinese.windowTitle().startswith("打印预览 — ")
    assert app is not None
