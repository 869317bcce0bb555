"""Work the window does ahead while the clerk is only looking: short steps,
one per turn of the event loop, so that a click or a key waits for one step
at most, never for all of them (benchmarks/bench_gui.py measures a click at
each moment of the first second)."""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer


class IdleQueue(QObject):
    """Steps run in the order added, each in a turn of its own once the
    queue has been started (the window starts it when it has painted).
    A step should take a few milliseconds; importing a module is one step."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._steps: deque[Callable[[], object]] = deque()
        self._started = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # fires once the loop has nothing else pending
        self._timer.timeout.connect(self._next)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(lambda: self._steps and self._timer.start())

    def add(self, *steps: Callable[[], object]) -> None:
        self._steps.extend(steps)
        if self._started and not self._timer.isActive():
            self._timer.start()

    def imports(self, *modules: str) -> None:
        """Import ``modules`` (absolute names), one a step."""
        self.add(*(partial(importlib.import_module, m) for m in modules))

    def start(self) -> None:
        if not self._started:
            self._started = True
            if self._steps:
                self._timer.start()

    def stop(self) -> None:
        """No more steps (the window closes: its file may close next)."""
        self._started = True
        self._steps.clear()
        self._timer.stop()
        self._resume.stop()

    HOLD_MS = 250

    def hold(self) -> None:
        """The clerk has just asked for something (a section, say): let it
        be done and painted before the next step runs."""
        if self._timer.isActive():
            self._timer.stop()
            self._resume.start(self.HOLD_MS)

    @property
    def pending(self) -> int:
        return len(self._steps)

    def _next(self) -> None:
        if not self._steps:
            self._timer.stop()
            return
        self._steps.popleft()()
