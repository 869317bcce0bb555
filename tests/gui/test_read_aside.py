"""A read the window shows when it arrives (the dashboard's licence tile) is
made on a connection of a thread of its own: asking for it returns at once,
and a read asked for again meanwhile replaces the one under way."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from magdesk import usecases
from magdesk.gui.aside import ReadAside
from magdesk.storage import open_database


def test_a_read_aside_leaves_the_window_free_and_shows_the_last_asked(qtbot, demo_copy):
    shown = []
    with open_database(demo_copy) as db:
        def read(worker):
            assert worker is not db and threading.current_thread().name == "read aside"
            time.sleep(0.3)  # a decade's export lines summed
            return usecases.licence_usage(worker, lines=False)

        owner = QObject()
        reads = ReadAside(owner, db, read, shown.append)
        start = time.perf_counter()
        reads.request()
        reads.request()  # the data changed again meanwhile
        assert time.perf_counter() - start < 0.2 and reads.pending
        qtbot.waitUntil(lambda: not reads.pending, timeout=10000)
        qtbot.wait(400)  # the first read arrives too: replaced, not shown
        assert len(shown) == 1
        assert [u.licence.id for u in shown[0]] == \
            [u.licence.id for u in usecases.licence_usage(db, lines=False)]
