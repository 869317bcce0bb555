"""A table model over a paged SQL window: the view asks for rows by index,
the model fetches 200-row pages on demand and keeps a few in a cache.

Nothing on the way to a first table names QtCore.Qt: PySide6 builds that
namespace's ~100 enums (~40 ms) on first use, and the window has them built
after its first paint, ahead of the clerk's first click
(``sections.build_qt_namespace``).  So the model leaves ``headerData`` to Qt's own (row numbers; the sections give
the column titles their own header model) - a Python ``headerData`` would be
handed a Qt.Orientation at each call - and a table made before the namespace
keeps Qt's own row numbers (``number_rows``)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal
from PySide6.QtWidgets import QHeaderView, QTableView

from ..core.fields import field_label
from ..usecases.kinds import VIEWS, Database, PagedQuery
from .display import right_aligned, show

_ROOT = QModelIndex()
# Qt.ItemDataRole and Qt.AlignmentFlag values; the view asks each cell for seven
# roles as it paints, compared here as plain ints.  (Overriding multiData to
# answer them in one call was measured slower: PySide wraps each role's slot.)
_DISPLAY, _ALIGNMENT = 0, 7
_RIGHT = 0x0002 | 0x0080  # AlignRight | AlignVCenter
_DESCENDING = 1  # Qt.SortOrder.DescendingOrder


class _Counted(QObject):
    """Hands a count made in a worker thread to the GUI thread."""

    counted = Signal(object, object)  # the generation of the rows counted, their count


class RecordTableModel(QAbstractTableModel):
    def __init__(self, db: Database, entity: str, lang: str, parent=None):
        super().__init__(parent)
        self.db = db
        self.view = VIEWS[entity]
        self.lang = lang
        self.text = ""
        self.period: str | None = None
        self.sort_column: str | None = None
        self.descending = False
        self.query = PagedQuery(db, self.view)
        self._right = [right_aligned(c.kind) for c in self.view.columns]
        self._generation = 0  # moves when the rows may be others (a filter, a change)
        self._counting: int | None = None  # the generation being counted
        self._counted = _Counted(self)
        self._counted.counted.connect(self._settle)

    # --- what the view shows ---------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        if parent.isValid():
            return 0
        rows = self.query.count()
        if self.query.estimated and self._counting != self._generation:
            self._count_aside(self.query)
        return rows

    def _count_aside(self, query: PagedQuery) -> None:
        """A big table shows the span of its ids as its rows at once; they
        are counted meanwhile on a connection of a thread of its own (SQLite
        lets go of the interpreter while it counts), and the table follows
        if rows were deleted (``_settle``)."""
        self._counting = generation = self._generation
        db, signal = self.db, self._counted.counted

        def count() -> None:
            try:
                worker = db.sibling()
            except Exception:  # noqa: BLE001 - the file closed meanwhile: the estimate stays
                return
            try:
                signal.emit(generation, PagedQuery(worker, query.view, query.text,
                                                   query.period).exact_count())
            except Exception:  # noqa: BLE001,S110 - as above
                pass
            finally:
                worker.conn.close()

        threading.Thread(target=count, name="count rows", daemon=True).start()

    def _settle(self, generation: int, rows: int) -> None:
        """The count arrived: taken by the query of the same rows (in any
        order sorted meanwhile), not by one filtered or changed since."""
        if generation == self._generation and self.query.estimated \
                and self.query.settle(rows):
            self.beginResetModel()  # fewer rows than the ids spanned
            self.endResetModel()

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.view.columns)

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if role == _DISPLAY:
            return self.cell_text(index.row(), index.column()) if index.isValid() else None
        if role == _ALIGNMENT and index.isValid() and self._right[index.column()]:
            return _RIGHT
        return None

    def cell_text(self, row: int, column: int) -> str | None:
        """What the cell shows (None for a row gone since it was counted)."""
        values = self.query.row(row)
        if not values:
            return None
        spec = self.view.columns[column]
        return show(self.view.entity, spec.name, spec.kind, values[column + 1], self.lang)

    def right_aligned(self, column: int) -> bool:
        """A number's column (its cells are right-aligned)."""
        return self._right[column]

    def title(self, column: int) -> str:
        """The column's title in the clerk's language."""
        return field_label(self.view.entity, self.view.columns[column].name, self.lang)

    def sort(self, column: int, order=0) -> None:
        # -1 (no sort indicator) is the view's own order, not the last column.
        name = self.view.columns[column].name if column >= 0 else None
        descending = getattr(order, "value", order) == _DESCENDING
        if (name, descending) != (self.sort_column, self.descending):
            self.sort_column, self.descending = name, descending
            # the same rows in another order: counted once (ten million: 100 ms)
            self.refresh(rows=None if self.query.estimated else self.query.count(),
                         same_rows=True)

    # --- what the section asks of it --------------------------------------------------------

    def set_filter(self, text: str, period: str | None) -> None:
        if (text, period) != (self.text, self.period):
            self.text, self.period = text, period
            self.refresh()

    def refresh(self, rows: int | None = None, same_rows: bool = False) -> None:
        """Re-read after a change, keeping filter and order (``same_rows``:
        only the order changed; ``rows``: their count, when known)."""
        if not same_rows:
            self._generation += 1
        self.beginResetModel()
        self.query = PagedQuery(self.db, self.view, self.text, self.period, self.sort_column,
                                self.descending, rows=rows)
        self.endResetModel()

    def record_id(self, row: int) -> int | None:
        values = self.query.row(row)
        return values[0] if values else None


def number_rows(table: QTableView) -> None:
    """Give ``table`` the row numbers below once Qt's namespace is built (the
    window builds it ahead, ``sections.build_qt_namespace``): making them names
    Qt.Orientation, which would build it here, ~40 ms of a first click that
    came sooner.  A table made before keeps Qt's own header till then."""
    from PySide6 import QtCore

    qt_own = table.verticalHeader()
    if "Qt" in vars(QtCore) and not isinstance(qt_own, RowNumbers):
        rows = RowNumbers(QtCore.Qt.Orientation.Vertical, table)
        rows.setSectionsClickable(True)  # a click on a number selects the row, as Qt's own
        rows.setHighlightSections(True)
        rows.setDefaultSectionSize(qt_own.defaultSectionSize())
        table.setVerticalHeader(rows)


class RowNumbers(QHeaderView):
    """A table's row numbers, as wide as the last one.  Qt's own header
    measures the first and the last hundred labels whenever the rows change
    (a tenth of showing a first table of a million rows); the digits of a UI
    font are all as wide, so the last label, which has the most, is measured
    alone."""

    def sizeHint(self):  # noqa: N802 - Qt override
        last = self.count() - 1
        return self.sectionSizeFromContents(last) if last >= 0 else super().sizeHint()
