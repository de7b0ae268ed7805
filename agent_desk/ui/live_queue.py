"""Keeps a lazy table's id list live: a change watcher's thread → a queued signal → a reload.

Generic: the caller supplies ``load_ids`` (its SQL, sorted and filtered, run on the TaskRunner)
and a factory for the watcher (store/notify.ChangeWatcher in the app, a fake in tests). The
selection and the row at the top of the view are kept by id across reloads, so a new order
arriving above does not move what the auditor is reading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, QPoint, Signal
from PySide6.QtWidgets import QAbstractItemView

from agent_desk.ui.lazy_table import LazyTableModel
from agent_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

OnChange = Callable[[set[int] | None], None]
OnLink = Callable[[bool, str], None]


class Watcher(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...
    @property
    def running(self) -> bool: ...


# Given the callbacks to call from its own thread, returns a watcher not yet started.
WatcherFactory = Callable[[OnChange, OnLink], Watcher]

_NOTHING: frozenset[int] = frozenset()


def _merge(a: set[int] | frozenset[int] | None, b: set[int] | frozenset[int] | None) -> set[int] | None:
    return None if a is None or b is None else set(a) | set(b)


class LiveQueue(QObject):
    """Signals:
    reloaded(int): the id list was reloaded (its length), selection already restored.
    selection_lost(object): the set of selected ids that left the list, e.g. another auditor
        approved them; the selection is cleared rather than moved to a neighbour, so nobody acts
        on an order they did not choose.
    live_changed(bool, str): the watcher lost or regained its database link (and why).
    load_failed(object): loading the ids raised; the old list stays on screen.
    """

    reloaded = Signal(int)
    selection_lost = Signal(object)
    live_changed = Signal(bool, str)
    load_failed = Signal(object)

    _changed = Signal(object)  # emitted on the watcher's thread, delivered queued on ours
    _link = Signal(bool, str)

    def __init__(
        self,
        runner: TaskRunner,
        load_ids: Callable[[], list[int]],
        watcher_factory: WatcherFactory | None,
        model: LazyTableModel,
        view: QAbstractItemView | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._load_ids = load_ids
        self._watcher_factory = watcher_factory
        self._watcher: Watcher | None = None
        self._model = model
        self._view = view
        self._loading = False
        self._pending: set[int] | frozenset[int] | None = _NOTHING  # changes not yet reloaded
        self._stopped = False
        self._changed.connect(self._on_changed)
        self._link.connect(self.live_changed)

    def start(self) -> None:
        """Load the ids now, and again whenever the watcher reports a change."""
        self._stopped = False
        self.reload()
        if self._watcher_factory is not None and self._watcher is None:
            self._watcher = self._watcher_factory(self._changed.emit, self._link.emit)
            self._watcher.start()

    def stop(self) -> None:
        """Stop the watcher (joins its thread); results still in flight are ignored."""
        self._stopped = True
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.stop()

    def reload(self, changed: set[int] | None = None) -> None:
        """Reload the ids; ``changed`` rows (None: all) are fetched again even if still listed."""
        self._pending = _merge(self._pending, changed)
        if self._loading or self._stopped:
            return  # the load under way is followed by another that includes this change
        self._loading = True
        pending, self._pending = self._pending, _NOTHING
        try:
            self._runner.run(
                self._load_ids, lambda ids: self._on_loaded(ids, pending), lambda error: self._on_failed(error)
            )
        except RuntimeError:  # runner shut down: the window is closing
            self._loading = False

    def _on_changed(self, changed: set[int] | None) -> None:
        self.reload(changed)

    def _on_loaded(self, new_ids: list[int], changed: set[int] | frozenset[int] | None) -> None:
        self._loading = False
        if self._stopped:
            return
        model = self._model
        if new_ids == model.ids():
            model.invalidate(None if changed is None else set(changed))
        else:
            self._replace_ids(new_ids, changed)
        self.reloaded.emit(len(new_ids))
        if self._pending is None or self._pending:
            self.reload()

    def _on_failed(self, error: BaseException) -> None:
        self._loading = False
        if self._stopped:
            return
        log.warning("reloading the queue failed: %s", error)
        self.load_failed.emit(error)

    def _replace_ids(self, new_ids: list[int], changed: set[int] | frozenset[int] | None) -> None:
        model, view = self._model, self._view
        selection = view.selectionModel() if view is not None else None
        selected: list[int] = []
        current: tuple[int, int] | None = None
        top: int | None = None
        if view is not None and selection is not None:
            selected = [model.row_id(i.row()) for i in selection.selectedRows()]
            index = selection.currentIndex()
            if index.isValid():
                current = (model.row_id(index.row()), index.column())
            at_top = view.indexAt(QPoint(0, 0))
            if at_top.isValid():
                top = model.row_id(at_top.row())

        model.set_ids(new_ids, keep_rows=True)
        model.invalidate(None if changed is None else set(changed))

        if view is None or selection is None:
            return
        last_column = model.columnCount() - 1
        restored = QItemSelection()
        lost: set[int] = set()
        for row_id in selected:
            row = model.row_of(row_id)
            if row is None:
                lost.add(row_id)
            else:
                restored.select(model.index(row, 0), model.index(row, last_column))
        flags = QItemSelectionModel.SelectionFlag
        if current is not None and (row := model.row_of(current[0])) is not None:
            selection.setCurrentIndex(model.index(row, current[1]), flags.NoUpdate)
        if not restored.isEmpty():
            selection.select(restored, flags.ClearAndSelect)
        if top is not None and (row := model.row_of(top)) is not None:
            view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        if lost:
            self.selection_lost.emit(lost)
