"""A table model that holds only ids and loads rows a page at a time, off the GUI thread.

STYLE.md (Anki's browser table): a queue of 100k orders costs a list of ints until someone
looks at it. The caller sorts and filters in SQL and hands over ids in display order; rows are
fetched through the TaskRunner only for pages the view actually paints, shown as a placeholder
until they arrive. DESIGN.md: QSortFilterProxyModel and resizeColumnsToContents do not scale,
so neither is used here (see :func:`prepare_table_view`).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from shiboken6 import isValid

from agent_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

Row = Mapping[str, Any]
FetchRows = Callable[[Sequence[int]], list[Row]]
AnyIndex = QModelIndex | QPersistentModelIndex

PLACEHOLDER = "…"
ROW_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the row's id, known before the row is loaded

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_MISSING: Row = {}  # asked for, not returned: the row was deleted since the ids were loaded
_MAX_PAGES_PER_FETCH = 4  # keeps one fetch well under SQLite's and PostgreSQL's bound-parameter limits


@dataclass(frozen=True)
class Column:
    """One column: ``title`` already translated by the caller (self.tr), ``key`` into the row."""

    title: str
    key: str
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    formatter: Callable[[Any], str] | None = None
    # A typical value, used once to size the column (never the rows: they are not loaded).
    sample: str = ""


class LazyTableModel(QAbstractTableModel):
    """Signals:
    fetch_failed(object): loading rows raised; the rows stay placeholders and are retried on the next paint.
    """

    fetch_failed = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column],
        fetch_rows: FetchRows,
        runner: TaskRunner,
        page_size: int = 200,
        *,
        id_key: str = "id",
        cache_rows: int = 20_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self._columns = list(columns)
        self._align = [int(c.align.value) for c in self._columns]
        self._fetch_rows = fetch_rows
        self._runner = runner
        self._page_size = page_size
        self._id_key = id_key
        self._cache_rows = max(cache_rows, page_size * _MAX_PAGES_PER_FETCH)
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None  # built on first use: most resets never need it
        # Rows by id, oldest load first, so the cache can be bounded without an LRU's per-read cost.
        self._rows: OrderedDict[int, Row] = OrderedDict()
        self._stale: set[int] = set()  # shown, but to be fetched again when next painted
        self._generation = 0  # bumped by every reset: results fetched for an older id list are dropped
        self._wanted: dict[int, None] = {}  # pages asked for by data(), in order of asking
        self._in_flight: set[int] = set()  # pages of the fetch under way
        self._in_flight_ids: set[int] = set()
        self._dirty_in_flight: set[int] = set()  # invalidated while being fetched: stay stale
        self._busy = False  # at most one fetch at a time: the runner is shared with every other query
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)  # all data() calls of one paint become one fetch
        self._flush_timer.timeout.connect(self._on_flush)

    # --- the caller's API -----------------------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_ids(self, ids: Iterable[int], *, keep_rows: bool = False) -> None:
        """Show these ids, in this order. ``keep_rows`` keeps loaded rows of ids still present
        (shown at once instead of a placeholder), for a reload after a change notification."""
        new_ids = list(ids)
        self.beginResetModel()
        self._ids = new_ids
        self._row_of = None
        self._generation += 1
        self._wanted.clear()
        self._in_flight.clear()
        self._in_flight_ids.clear()
        self._dirty_in_flight.clear()
        if keep_rows:
            present = set(new_ids)
            for gone in [i for i in self._rows if i not in present]:
                del self._rows[gone]
            self._stale &= present
        else:
            self._rows.clear()
            self._stale.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row_id: int) -> int | None:
        """The row showing ``row_id``, or None if it is not in the list."""
        if self._row_of is None:
            self._row_of = {i: r for r, i in enumerate(self._ids)}
        return self._row_of.get(row_id)

    def row_data(self, row: int) -> Row | None:
        """The loaded row (possibly stale), or None while it is still a placeholder or deleted."""
        found = self._rows.get(self._ids[row])
        return None if found is None or found is _MISSING else found

    def is_loaded(self, row: int) -> bool:
        return self._ids[row] in self._rows

    def invalidate(self, ids: Iterable[int] | None = None) -> None:
        """These rows changed (None: any row may have): fetch them again, in place, without a reset.

        The old values stay on screen until the new ones arrive; only rows that are painted are
        fetched, so invalidating a 100k queue costs what one screenful costs.
        """
        # Rows being fetched count too: the fetch may have read them before the change.
        if ids is None:
            changed = set(self._rows) | self._in_flight_ids
            rows: list[int] | None = None
        else:
            changed = {i for i in ids if i in self._rows or i in self._in_flight_ids}
            rows = sorted(r for r in (self.row_of(i) for i in changed) if r is not None)
        if not changed:
            return
        self._stale |= changed
        self._dirty_in_flight |= changed & self._in_flight_ids
        if rows is None or len(rows) > 64:
            first, last = (0, len(self._ids) - 1) if rows is None else (rows[0], rows[-1])
            self._emit_rows_changed(first, last)
        else:
            for row in rows:
                self._emit_rows_changed(row, row)

    # --- QAbstractTableModel --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell on every paint: keep the common path short.
        role = int(role)
        if role in (_DISPLAY, _TOOLTIP):
            if not index.isValid():
                return None
            row = index.row()
            row_id = self._ids[row]
            found = self._rows.get(row_id)
            if found is None or row_id in self._stale:
                self._want(row // self._page_size)
                if found is None:
                    return PLACEHOLDER if role == _DISPLAY else None
            if found is _MISSING:
                return ""
            column = self._columns[index.column()]
            value = found.get(column.key)
            if column.formatter is not None:
                return column.formatter(value)
            return "" if value is None else str(value)
        if role == _ALIGN:
            return self._align[index.column()] if index.isValid() else None
        if role == ROW_ID_ROLE:
            return self._ids[index.row()] if index.isValid() else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            role = int(role)
            if role == _DISPLAY:
                return self._columns[section].title
            if role == _ALIGN:
                return self._align[section]
            return None
        return super().headerData(section, orientation, role)

    # --- loading --------------------------------------------------------------------------------------

    def _want(self, page: int) -> None:
        if page in self._wanted or page in self._in_flight:
            return
        self._wanted[page] = None
        if not self._busy and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _on_flush(self) -> None:
        if self._busy or not self._wanted:
            return
        # The newest requests are what is on screen now; older ones wait for the next round.
        pages = list(self._wanted)[-_MAX_PAGES_PER_FETCH:]
        for page in pages:
            del self._wanted[page]
        size = self._page_size
        wanted_ids = [
            row_id
            for page in pages
            for row_id in self._ids[page * size : (page + 1) * size]
            if row_id not in self._rows or row_id in self._stale
        ]
        if not wanted_ids:
            self._schedule()
            return
        generation = self._generation
        self._busy = True
        self._in_flight = set(pages)
        self._in_flight_ids = set(wanted_ids)
        self._dirty_in_flight = set()
        fetch = self._fetch_rows
        try:
            self._runner.run(
                lambda: fetch(wanted_ids),
                lambda rows: self._on_rows(generation, pages, wanted_ids, rows),
                lambda error: self._on_fetch_failed(generation, error),
            )
        except RuntimeError:  # the runner is shut down: the window is closing
            self._busy = False

    def _on_rows(self, generation: int, pages: list[int], asked: list[int], rows: list[Row]) -> None:
        if not isValid(self):  # the model was deleted while its rows were being fetched
            return
        self._busy = False
        if generation != self._generation:
            # Fetched for the id list before a reset, possibly before the change that caused it.
            self._schedule()
            return
        key = self._id_key
        by_id = {row[key]: row for row in rows}
        cache = self._rows
        dirty = self._dirty_in_flight
        for row_id in asked:
            cache.pop(row_id, None)
            cache[row_id] = by_id.get(row_id, _MISSING)
            if row_id not in dirty:
                self._stale.discard(row_id)
        while len(cache) > self._cache_rows:
            evicted, _ = cache.popitem(last=False)
            self._stale.discard(evicted)
        self._in_flight.clear()
        self._in_flight_ids.clear()
        self._dirty_in_flight = set()
        last_row = len(self._ids) - 1
        for page in sorted(pages):
            first = page * self._page_size
            self._emit_rows_changed(first, min(last_row, first + self._page_size - 1))
        self._schedule()

    def _on_fetch_failed(self, generation: int, error: BaseException) -> None:
        if not isValid(self):
            return
        self._busy = False
        self._in_flight.clear()
        self._in_flight_ids.clear()
        if generation == self._generation:
            log.warning("loading rows failed: %s", error)
            # No retry loop against a dead database: the pages are asked for again on the next paint.
            self._wanted.clear()
            self.fetch_failed.emit(error)
        else:
            self._schedule()

    def _schedule(self) -> None:
        if self._wanted and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _emit_rows_changed(self, first: int, last: int) -> None:
        if first > last or not self._columns:
            return
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1), [_DISPLAY])


def prepare_table_view(view: QTableView, model: LazyTableModel, *, padding: int = 24) -> None:
    """Set up a view for a long lazy list: fixed row height, columns sized once by header and sample.

    Never ``resizeColumnsToContents``: it samples 1000 rows, which would load them all (DESIGN.md).
    """
    view.setModel(model)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    rows.hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    metrics = view.fontMetrics()
    for section, column in enumerate(model.columns):
        width = max(header.sectionSizeHint(section), metrics.horizontalAdvance(column.sample) + padding)
        header.resizeSection(section, width)
