"""The window's months: their states read in the background once the window
has painted, then the chart's monthly sums and every record's findings
counted.  The main window mixes this in; its ``on_changes`` calls ``refresh_periods``
and ``run_task``."""

from __future__ import annotations

from ..usecases import reads
from ..usecases.kinds import said
from .lazy import made
from .tasks import Task


class MonthCounts:
    """Part of MainWindow (its dashboard, filing page, status bar and tasks)."""

    def refresh_periods(self, with_findings: bool = True) -> None:
        from .. import usecases

        self._show_periods(usecases.period_statuses(self.db, settings=self.settings),
                           with_findings)

    def follow_months(self) -> None:
        """After an edit: a record in a month new to the file (or the last of
        a month gone) changes the months offered everywhere."""
        if reads.months_with_data(self.db) != self.periods:
            self.refresh_periods(with_findings=False)

    def _show_periods(self, statuses, with_findings: bool = True) -> None:
        periods = [s.period for s in statuses]
        if periods != self.periods:
            self.periods = periods
            for section in self.sections.values():
                section.set_periods(periods)
            self.inventory.set_periods(periods)
        self.dashboard.set_periods(statuses)
        if self.dashboard.findings is not None:  # else no count to mark yet
            self.findings_flow.mark_counts()
        self.filing.set_periods(statuses)
        self._update_status()
        if with_findings:
            self._count_findings(statuses)

    def _read_periods(self) -> None:
        """On opening, the months' states are read in the background (the
        filing rules take a while to load) once the window has painted, then
        the sums and the findings follow."""

        def work(_progress, _cancelled):
            from .. import usecases

            worker_db = self.db.sibling()  # its own connection, opened in its thread
            try:
                return usecases.period_statuses(worker_db, settings=self.settings)
            finally:
                worker_db.conn.close()

        def done(statuses, error):
            if task.worker.cancel_requested:  # the window closed meanwhile
                return
            if error is not None:
                self.statusBar().showMessage(said(error, self.lang), 10000)
            else:
                self._show_periods(statuses)

        self._check_asked = False
        if reads.size_hint(self.db) > self.AUTO_CHECK_LIMIT:  # offered at once
            self.dashboard.offer_check(lambda: setattr(self, "_check_asked", True))
        task = self.findings_task = Task(self, self.tr("Summing the months…"), work)
        task.done.connect(done)
        self.tasks.append(task)
        task.start_after(self.later, load=("magdesk.usecases.periods", "magdesk.filing.periods"))

    AUTO_CHECK_LIMIT = 200_000  # sales; a bigger file is checked when the clerk asks

    def _count_findings(self, statuses, asked: bool = False) -> None:
        """In the background: the chart's monthly flows and, unless the file is
        large (then on request), every record's findings."""
        check = asked or self._check_asked or \
            reads.size_hint(self.db) <= self.AUTO_CHECK_LIMIT
        if not check:
            self.dashboard.offer_check(lambda: self._count_findings(statuses, asked=True))
        worker_db = self.db.sibling()

        def work(progress, _cancelled):
            from .. import usecases  # imported by then (load, below)

            try:
                flows = usecases.monthly_flows(worker_db)
                findings = usecases.findings_by_period(
                    worker_db, settings=self.settings, progress=progress) if check else None
                return flows, findings
            finally:
                worker_db.conn.close()

        title = self.tr("Checking every record…") if check else self.tr("Summing the months…")
        # What the work needs is imported first, here, a module a step of the
        # window's queue, not in the worker: a thread running Python stalls
        # this one at each of the hundreds of hand-overs of the interpreter
        # lock a frame takes; the worker then mostly waits on SQLite, which
        # lets go of it.
        self.findings_task = self.run_task(  # the sums alone: when a processor is free
            title, work, lambda result, error: self._counted(statuses, result, error),
            idle=not check, load=("magdesk.usecases.validation", "magdesk.core.model",
                                  "magdesk.storage.repository"))

    def run_task(self, title: str, work, done, *, idle: bool = False,
                 load: tuple[str, ...] = ()) -> Task:
        """Run ``work(progress, cancelled)`` in the background; ``done(result, error)``.
        With ``load``, those modules are imported first, between the window's
        other steps (``IdleQueue``), and the work starts after them."""
        task = Task(self, title, work, idle=idle)
        task.done.connect(done)
        self.tasks = [t for t in self.tasks if t.running] + [task]
        if load:
            task.start_after(self.later, load)
        else:
            task.start()
        return task

    def _counted(self, statuses, result, error) -> None:
        if error is not None:
            self.statusBar().showMessage(said(error, self.lang), 10000)
            return
        flows, findings = result
        self.dashboard.chart.set_flows(flows)
        if findings is not None:
            self.dashboard.set_periods(statuses, findings)
            self.findings_flow.mark_counts()

    def _count_clicked(self, row: int, column: int) -> None:
        """The findings list is made when the findings arrive or a count is
        first clicked (it hears the clicks itself from then on)."""
        if made(self, "findings_flow") is None:
            self.findings_flow._clicked(row, column)
