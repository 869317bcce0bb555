"""Long work off the GUI thread: a worker thread runs a plain function that
takes ``progress(done, total)`` and ``cancelled()``; a progress dialog shows
after half a second and offers cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """Raised inside a task when the user pressed cancel."""


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, exception

    def __init__(self, fn: Callable):
        super().__init__()
        self.fn = fn
        self.cancel_requested = False

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self.cancel_requested:
                raise Cancelled()
            self.progressed.emit(done, total)

        try:
            result = self.fn(progress, lambda: self.cancel_requested)
        except BaseException as exc:  # handed to the GUI thread, shown there
            self.finished.emit(None, exc)
            return
        self.finished.emit(result, None)


class Task(QObject):
    """Run ``fn(progress, cancelled)`` in a thread; ``done(result, error)`` on the GUI thread."""

    done = Signal(object, object)

    def __init__(self, parent: QWidget, title: str, fn: Callable, *, idle: bool = False):
        """``idle``: work nobody waits for (the dashboard's sums) runs only
        when a processor is free, so it never slows the window the clerk uses."""
        super().__init__(parent)
        self.idle = idle
        self.thread = QThread(self)
        self.worker = _Worker(fn)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.progressed.connect(self._progress)
        self._title, self._parent = title, parent
        self._dialog: QProgressDialog | None = None
        self._running = self._waiting = False

    @property
    def running(self) -> bool:
        """Started and not ended yet, or waiting to start and not cancelled
        (a window closed before its background work began)."""
        return self._running and not (self._waiting and self.worker.cancel_requested)

    @running.setter
    def running(self, value: bool) -> None:
        self._running = value

    @property
    def dialog(self) -> QProgressDialog:
        """The progress dialog, made when first needed (most tasks end before it shows)."""
        if self._dialog is None:
            cancel = QCoreApplication.translate("Task", "Cancel")
            self._dialog = QProgressDialog(self._title, cancel, 0, 0, self._parent)
            self._dialog.setMinimumDuration(500)
            self._dialog.setAutoClose(False)
            self._dialog.canceled.connect(self._cancel)
        return self._dialog

    def start(self) -> None:
        self._waiting = False
        if self.thread.isRunning() or self.thread.isFinished():
            return
        self.running = True
        self.thread.start(QThread.Priority.IdlePriority if self.idle
                          else QThread.Priority.InheritPriority)
        QTimer.singleShot(500, self._maybe_show)

    def start_after(self, queue, load: tuple[str, ...] = ()) -> None:
        """Start when ``queue`` (an IdleQueue) comes to it, after importing
        ``load`` there, a module a step; the task counts as running from now,
        until it ends or is cancelled unstarted.

        The modules are imported on the GUI thread, between its other steps:
        Python running in the worker stalls the GUI at every call from Qt
        into Python (they take turns on the interpreter lock, 5 ms a turn)."""
        self.running = self._waiting = True
        queue.imports(*load)
        queue.add(self._start_waiting)

    def _start_waiting(self) -> None:
        if not self._waiting:
            return
        if self.worker.cancel_requested:  # closed before it began
            self._waiting = self.running = False
            return
        self.start()

    def _maybe_show(self) -> None:
        if self.running:
            self.dialog.show()

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _cancel(self) -> None:
        self.worker.cancel_requested = True

    def stop(self, wait_ms: int = 5000) -> None:
        """Ask a running task to cancel and wait for its thread (window closing)."""
        if self.running:
            self.worker.cancel_requested = True
            self.thread.quit()
            self.thread.wait(wait_ms)

    def _finished(self, result, error) -> None:
        self.running = False
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.hide()
        self.thread.quit()
        self.thread.wait()
        self.done.emit(result, error)
