"""Help ▸ User guide: the offline guide in the window's language, with its pictures."""

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QTextDocument

from magdesk.resources import resource_path

from .conftest import lang_settings, wait_for_tasks

HEADINGS = {
    "zh": ["第一次使用", "录入一个月", "导入台账", "导出与申报", "更正已申报的月份", "还原点",
           "只读提示条", "修复"],
    "en": ["First start", "Entering a month", "Importing a ledger", "Exporting and filing",
           "Amending a filed month", "Restore points", "read-only banner", "Repair"],
}


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def _sources(page):
    parser = _Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.sources


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_files_and_their_pictures_exist(lang):
    page = resource_path("guide", lang, "index.html")
    sources = _sources(page)
    assert len(sources) >= 6
    for src in sources:
        assert (page.parent / src).resolve().is_file(), src
        assert re.fullmatch(rf"\.\./img/{lang}-[a-z]+\.png", src), src  # pictures in its language


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_opens_the_guide_in_the_window_language(qtbot, demo_copy, lang):
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    settings = lang_settings(lang)
    application(settings)
    db = open_database(demo_copy)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    try:
        assert QKeySequence(QKeySequence.StandardKey.HelpContents) in win.guide_action.shortcuts()
        assert win.guide_action.text() == {"zh": "使用说明(&U)", "en": "&User guide"}[lang]
        win.guide_action.trigger()
        dialog = win.guide
        assert dialog is not None and dialog.isVisible()
        browser = dialog.browser
        qtbot.waitUntil(lambda: browser.document().characterCount() > 200)
        text = browser.toPlainText()
        for heading in HEADINGS[lang]:
            assert heading in text
        sources = _sources(resource_path("guide", lang, "index.html"))
        for src in sources:  # each picture resolves to an image in the document
            url = browser.source().resolved(QUrl(src))
            image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, url)
            assert image is not None and not image.isNull(), src
        dialog.browser.verticalScrollBar().setValue(10_000)
        dialog.close()
    finally:
        wait_for_tasks(qtbot, win)
        win.close()
        db.close()
