"""The agent's "returned to me" list: orders an auditor or logistics sent back, to fix and resubmit.

It is hard to miss on purpose: a count on the Desk tab, a dock that comes forward when the count
grows, and the pop's own Returned tab (in red) when that customer calls again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import format_yuan
from agent_desk.core.orders import ROLE_ACTIONS, OrderAction, Role
from agent_desk.core.roles import Workspace
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import ReturnedOrder
from agent_desk.ui.context import DeskContext
from agent_desk.ui.orders.entry import OrderEntries, install_order_entry, local_time

log = logging.getLogger(__name__)

REFRESH_MS = 30_000
_ID = Qt.ItemDataRole.UserRole


class ReturnedOrdersPanel(QWidget):
    """Signals:
    count_changed(int): how many orders wait for the agent to fix them (after each refresh that changed it).
    open_requested(int): the agent chose an order (double-click or Enter) to fix it.
    """

    count_changed = Signal(int)
    open_requested = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("returned_orders")
        self.rows: list[ReturnedOrder] = []
        self._count: int | None = None
        self._loading = False
        self._again = False
        # Two lines per order, wrapped: a narrow dock must still show the whole reason.
        self.list = QListWidget()
        self.list.setObjectName("returned_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(lambda item: self._open_row(self.list.row(item)))
        self.empty = QLabel(self.tr("Nothing returned to you. 👍"))
        self.empty.setObjectName("returned_empty")
        self.empty.setStyleSheet("color: gray;")
        self.hint = QLabel(self.tr("Double-click or Enter opens the order to fix and resubmit it."))
        self.hint.setStyleSheet("color: gray;")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    @property
    def count(self) -> int:
        return self._count or 0

    def refresh(self) -> None:
        """Reload the list on the database worker; a refresh asked for while one runs follows it."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        factory, user_id = self.ctx.database.factory, self.ctx.user.id

        def load() -> list[ReturnedOrder]:
            with factory() as session:
                return order_drafts.returned_orders(session, user_id)

        self.ctx.runner.run(load, self._show, self._failed)

    def _show(self, rows: list[ReturnedOrder]) -> None:
        self._loading = False
        self.rows = rows
        self.list.clear()
        red = QColor("#b71c1c")
        for order in rows:
            when = local_time(order.returned_at).strftime("%m-%d %H:%M") if order.returned_at else ""
            total = format_yuan(order.total_cents, symbol=True)
            reason = order.reason or self.tr("no reason given")
            item = QListWidgetItem(f"{order.order_no}  {order.customer_name}  {total}\n↩ {when}  {reason}")
            item.setData(_ID, order.id)
            item.setToolTip(order.items)
            item.setForeground(red)
            self.list.addItem(item)
        if rows and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
        if len(rows) != self._count:
            self._count = len(rows)
            self.count_changed.emit(len(rows))
        self._follow_up()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        # The next refresh retries; the list keeps what it showed, the status bar says why.
        log.warning("returned orders not refreshed: %s", exc)
        self._follow_up()

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_requested.emit(self.rows[row].id)

    def open_selected(self) -> None:
        self._open_row(self.list.currentRow())


@dataclass
class OrderDesk:
    """What :func:`install` put in the window, for the app (and tests) to reach."""

    entries: OrderEntries
    panel: ReturnedOrdersPanel
    dock: QDockWidget


# lupdate sees translate("Context", "literal") calls, not a helper that passes a variable.
translate = QCoreApplication.translate


def install(window: QMainWindow, ctx: DeskContext) -> OrderDesk | None:
    """Order entry and the returned list for a user who takes orders; ``None`` for other roles.

    Adds a "Returned to me" dock, a count on the Desk tab ("Desk (2)"), answers the pop's (and the
    customer record's) "New order", and offers back forms a crash or an outage left on this computer.
    ``window`` is the MainWindow (``workspaces`` by Workspace, ``tabs``).
    """
    if OrderAction.SUBMIT not in ROLE_ACTIONS[Role(ctx.user.role)]:
        return None
    workspaces: dict[Workspace, QWidget] = getattr(window, "workspaces", {})
    desk = workspaces.get(Workspace.DESK)
    if desk is None:
        return None
    entries = install_order_entry(desk, ctx)
    customers = workspaces.get(Workspace.CUSTOMERS)
    if customers is not None and hasattr(customers, "new_order_requested"):
        customers.new_order_requested.connect(lambda customer_id: entries.new_order(customer_id))

    panel = ReturnedOrdersPanel(ctx)
    dock = QDockWidget(translate("ReturnedOrders", "Returned to me"), window)
    dock.setObjectName("returned_dock")
    dock.setWidget(panel)
    panel.setMinimumWidth(280)
    # Not closable: the list must not be lost from sight by a stray click.
    features = QDockWidget.DockWidgetFeature
    dock.setFeatures(features.DockWidgetMovable | features.DockWidgetFloatable)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    panel.open_requested.connect(entries.open_order)
    entries.submitted.connect(lambda _view: panel.refresh())

    tabs: QTabWidget | None = getattr(window, "tabs", None)
    index = tabs.indexOf(desk) if tabs is not None else -1
    if index < 0:
        tabs = None  # no Desk tab to put the count on
    base = tabs.tabText(index) if tabs is not None else ""
    normal = tabs.tabBar().tabTextColor(index) if tabs is not None else QColor()
    previous = {"count": 0}

    def on_count(count: int) -> None:
        if tabs is not None:
            tabs.setTabText(index, translate("ReturnedOrders", "{0} ({1})").format(base, count) if count else base)
            tabs.tabBar().setTabTextColor(index, QColor("#c62828") if count else normal)
        title = translate("ReturnedOrders", "Returned to me ({0})").format(count) if count else None
        dock.setWindowTitle(title or translate("ReturnedOrders", "Returned to me"))
        if count > previous["count"]:
            dock.show()
            dock.raise_()
            ctx.messages.info.emit(
                translate("ReturnedOrders", "Orders returned to you: {0}. Fix and resubmit them.").format(count)
            )
        previous["count"] = count

    panel.count_changed.connect(on_count)
    # Forms a crash or a database outage left behind are offered back once the window is up.
    QTimer.singleShot(0, entries.offer_kept)
    return OrderDesk(entries, panel, dock)
