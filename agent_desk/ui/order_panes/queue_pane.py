"""A live, lazy order queue with filters: the upper half of the audit and logistics workspaces.

Ids come from services.orders.review in SQL order (oldest submission first); rows are loaded a page
at a time by LazyTableModel; LiveQueue reloads the ids whenever the database says orders changed
(PostgreSQL LISTEN/NOTIFY, SQLite data_version), keeping the auditor's selection by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import format_yuan
from agent_desk.services.orders.review import QueueQuery, business_lines, load_queue_ids, load_queue_rows
from agent_desk.ui.context import DeskContext
from agent_desk.ui.lazy_table import Column, LazyTableModel, Row, prepare_table_view
from agent_desk.ui.live_queue import LiveQueue, OnChange, OnLink, Watcher

SEARCH_DEBOUNCE_MS = 250
WAITING_REFRESH_MS = 60_000
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def waiting_text(seconds: Any) -> str:
    """Compact waiting time: 45 s, 12 min, 3 h 05, 2 d 4 h (45 秒, 12 分钟, 3 小时 05 分, 2 天 4 小时)."""
    if not isinstance(seconds, int):
        return ""
    translate = QCoreApplication.translate
    if seconds < 60:
        return translate("QueuePane", "{0} s").format(seconds)
    minutes = seconds // 60
    if minutes < 60:
        return translate("QueuePane", "{0} min").format(minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return translate("QueuePane", "{0} h {1}").format(hours, f"{minutes:02d}")
    days, hours = divmod(hours, 24)
    return translate("QueuePane", "{0} d {1} h").format(days, hours)


def _money(cents: Any) -> str:
    return format_yuan(cents) if isinstance(cents, int) else ""


class QueuePane(QWidget):
    """Signals:
    current_changed(object): the order under the cursor changed: its id, or None.
    selection_changed(int): how many orders are selected (for "Approve selected (n)").
    reloaded(int): the queue was reloaded from the database (its length).
    """

    current_changed = Signal(object)
    selection_changed = Signal(int)
    reloaded = Signal(int)

    def __init__(
        self,
        ctx: DeskContext,
        states: Sequence[tuple[str, str]],
        *,
        watch: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._states = [state for state, _title in states]
        self._query = QueueQuery(self._states[0])
        self._current_id: int | None = None

        self.state_tabs = QTabBar()
        self.state_tabs.setObjectName("queue_states")
        for _state, title in states:
            self.state_tabs.addTab(title)
        self.state_tabs.setExpanding(False)
        self.state_tabs.setVisible(len(states) > 1)
        self.state_tabs.currentChanged.connect(self._on_state_tab)

        self.line_filter = QComboBox()
        self.line_filter.setObjectName("line_filter")
        self.line_filter.addItem(self.tr("All business lines"), None)
        self.line_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.search = QLineEdit()
        self.search.setObjectName("queue_search")
        self.search.setPlaceholderText(self.tr("Order no., waybill, phone or name…"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._apply_filters)
        self.count = QLabel()
        self.count.setObjectName("queue_count")
        self.live = QLabel()
        self.live.setObjectName("queue_live")

        self.model = LazyTableModel(self._columns(), self._fetch_rows, ctx.runner, page_size=200, parent=self)
        self.view = QTableView()
        self.view.setObjectName("queue")
        prepare_table_view(self.view, self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        # The order shown is the current row *while it is selected*, and Qt changes the two apart: a click
        # makes the row current before it selects it, a key on the row already current only selects it,
        # a reload restores the current row before its selection. So both signals ask again.
        self._resetting = False  # from a reset of the ids to the reload's end: the selection is half restored
        # The filters the user just chose, until ids loaded with them arrive; the filters of the last ids loaded.
        self._narrowed: QueueQuery | None = None
        self._loaded: QueueQuery | None = None
        selection = self.view.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row)
        selection.selectionChanged.connect(self._on_selection)
        self.model.modelAboutToBeReset.connect(self._on_reset)

        factory = self._watcher if watch else None
        self.live_queue = LiveQueue(ctx.runner, self._load_ids, factory, self.model, self.view, parent=self)
        self.live_queue.reloaded.connect(self._on_reloaded)
        self.live_queue.live_changed.connect(self._on_live)
        self.live_queue.load_failed.connect(self._on_load_failed)
        self.model.fetch_failed.connect(lambda exc: self.count.setText(self.tr("Cannot load: {0}").format(exc)))

        # Waiting times age while nobody touches the queue: fetch the visible rows again now and then.
        self._ageing = QTimer(self)
        self._ageing.setInterval(WAITING_REFRESH_MS)
        self._ageing.timeout.connect(lambda: self.model.invalidate(None))
        self._ageing.start()

        filters = QHBoxLayout()
        filters.addWidget(self.line_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        filters.addWidget(self.live)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_tabs)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self._on_live(False, "")

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Order"), "order_no", sample="SO20261122-000001"),
            Column(
                self.tr("Waiting"),
                "waiting_seconds",
                _RIGHT,
                waiting_text,
                sample=waiting_text(999 * 86400 + 23 * 3600),
            ),
            Column(self.tr("Customer"), "customer_name", sample="欧阳明月月"),
            Column(self.tr("Recipient"), "recipient_name", sample="欧阳明月月"),
            Column(self.tr("Phone"), "recipient_phone", sample="138 0013 8000"),
            Column(self.tr("Total"), "total_cents", _RIGHT, _money, sample="12,345.00"),
            Column(self.tr("COD"), "cod_amount_cents", _RIGHT, _money, sample="12,345.00"),
            Column(self.tr("Business line"), "business_line_name", sample="保健品热线"),
            Column(self.tr("Agent"), "taken_by_name", sample="Chen Jing"),
            Column(self.tr("Waybill"), "waybill_no", sample="AD000000000000"),
        ]
        # No "last reason" column: no order in these queues got there with a reason (submit, approve,
        # print, hand over take none), and an older one is history, shown with the order's history.

    # --- the caller's API -----------------------------------------------------------------------

    def start(self) -> None:
        self.live_queue.start()
        self.ctx.runner.run(self._load_lines, self._fill_lines, lambda _exc: None)

    def stop(self) -> None:
        """Stop the change watcher (joins its thread) and the timers."""
        self._ageing.stop()
        self._debounce.stop()
        self.live_queue.stop()

    def reload(self, changed: set[int] | None = None) -> None:
        self.live_queue.reload(changed)

    @property
    def state(self) -> str:
        return self._query.state

    def set_state(self, state: str) -> None:
        self.state_tabs.setCurrentIndex(self._states.index(state))

    def current_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.row_id(index.row())

    def current_row(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        return index.row() if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.row_id(r) for r in rows]

    def selected_items(self) -> tuple[list[tuple[int, int]], list[int]]:
        """(id, version the user saw) of each selected order, and the ids not loaded yet (no version seen)."""
        items: list[tuple[int, int]] = []
        unseen: list[int] = []
        for row in sorted(i.row() for i in self.view.selectionModel().selectedRows()):
            data = self.model.row_data(row)
            if data is None or not isinstance(data.get("version"), int):
                unseen.append(self.model.row_id(row))
            else:
                items.append((int(data["id"]), int(data["version"])))
        return items, unseen

    def select_row(self, row: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        row = max(0, min(row, count - 1))
        flags = QItemSelectionModel.SelectionFlag
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.view.scrollTo(index)

    def select_id(self, order_id: int) -> bool:
        row = self.model.row_of(order_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def move_by(self, delta: int) -> None:
        """Select the order ``delta`` rows below the current one (above when negative).

        With no order selected (a filter took it away), the first move selects the row the cursor is
        on, or the first row: what the user sees highlighted is then what is shown.
        """
        row = self.current_row()
        if row is None:
            self.select_row(0)
        elif self.current_id() is None:
            self.select_row(row)
        else:
            self.select_row(row + delta)

    # --- loading --------------------------------------------------------------------------------

    def _watcher(self, on_change: OnChange, on_link: OnLink) -> Watcher:
        return self.ctx.database.watch_orders(on_change, on_link)

    def _load_ids(self) -> list[int]:
        query = self._query  # one immutable snapshot, read once on the worker
        with self.ctx.database.factory() as session:
            ids = load_queue_ids(session, query)
        self._loaded = query  # read on the GUI thread once these ids arrive there
        return ids

    def _fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        role = self.ctx.user.role
        with self.ctx.database.factory() as session:
            return list(load_queue_rows(session, ids, role))

    def _load_lines(self) -> list[tuple[int, str]]:
        with self.ctx.database.factory() as session:
            return business_lines(session)

    def _fill_lines(self, lines: list[tuple[int, str]]) -> None:
        for line_id, name in lines:
            self.line_filter.addItem(name, line_id)

    # --- slots ----------------------------------------------------------------------------------

    def _on_state_tab(self, index: int) -> None:
        self._apply_filters(state=self._states[index])

    def _apply_filters(self, state: str | None = None) -> None:
        self._debounce.stop()
        line = self.line_filter.currentData()
        query = QueueQuery(state or self._query.state, line if isinstance(line, int) else None, self.search.text())
        if query != self._query:
            self._query = query
            self._narrowed = query
            self.live_queue.reload(None)

    def _on_reloaded(self, count: int) -> None:
        self._resetting = False
        narrowed = self._narrowed is not None and self._narrowed == self._loaded
        if narrowed:
            self._narrowed = None
        self.count.setText(self.tr("%n order(s)", "", count))
        if narrowed and count == 1 and not self.selected_ids():
            # Typing an order or waybill number means "show me that order".
            self.select_row(0)
        self._emit_current()
        self.selection_changed.emit(len(self.selected_ids()))
        self.reloaded.emit(count)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._narrowed = None
        self.count.setText(self.tr("Cannot load: {0}").format(exc))

    def _on_reset(self) -> None:
        self._resetting = True

    def _on_current_row(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_current()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._emit_current()
        if not self._resetting:
            self.selection_changed.emit(len(self.selected_ids()))

    def _emit_current(self) -> None:
        if self._resetting:
            return  # the reload restores current row and selection one after the other; it ends by asking
        current = self.current_id()
        if current != self._current_id:
            self._current_id = current
            self.current_changed.emit(current)

    def _on_live(self, live: bool, reason: str) -> None:
        if live:
            self.live.setText('<span style="color:#2e7d32">●</span> ' + self.tr("Live"))
            self.live.setToolTip(self.tr("The queue updates by itself when orders change."))
        else:
            self.live.setText('<span style="color:gray">●</span> ' + self.tr("Not live"))
            self.live.setToolTip(reason or self.tr("Waiting for the database's change notifications."))
