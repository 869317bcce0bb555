"""A read the window shows when it arrives, made on a connection of a thread
of its own (the dashboard's licence tile: a decade's export lines summed
take 0.3 s, on a file as on a server, which on the window's thread would
hold a click that came meanwhile)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class ReadAside(QObject):
    """``read(worker_db)`` on a worker's connection to ``db``, its result
    handed to ``show`` on the window's thread; a read asked for again
    meanwhile (the data changed again) replaces the one under way."""

    arrived = Signal(int, object)  # the request it answers, its result

    def __init__(self, parent: QObject, db, read: Callable, show: Callable):
        super().__init__(parent)
        self.db, self.read, self.show = db, read, show
        self.asked = self.shown = 0  # requests made, the last one shown
        self.arrived.connect(self._arrived)

    def request(self) -> None:
        """Read again (the data changed): shown when it arrives."""
        self.asked += 1
        asked, db, read, signal = self.asked, self.db, self.read, self.arrived

        def work() -> None:
            try:
                worker = db.sibling()
            except Exception:  # noqa: BLE001 - the file closed meanwhile: nothing to show
                return
            try:
                signal.emit(asked, read(worker))
            except Exception:  # noqa: BLE001,S110 - closed meanwhile (the window with it)
                pass
            finally:
                worker.conn.close()

        threading.Thread(target=work, name="read aside", daemon=True).start()

    @property
    def pending(self) -> bool:
        """A read asked for has not been shown yet."""
        return self.shown != self.asked

    def _arrived(self, asked: int, result) -> None:
        if asked == self.asked:  # not one a later request replaced
            self.shown = asked
            self.show(result)
