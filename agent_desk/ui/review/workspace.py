"""The auditor's workspace: a live queue of orders pending review, the order beside the customer's
history, approve or return with a reason, keyboard first, and bulk approve.

Display only: rules come back from services (which actions this auditor may take, stale orders,
reasons), the database is reached through ``ctx.runner``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.orders import OrderAction, OrderState, TransitionError
from agent_desk.services.orders import BulkResult, OrderError, OrderView, StaleOrder, act, bulk_approve
from agent_desk.services.review_queue import OrderBeside, order_beside_customer
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import show_box
from agent_desk.ui.review.order_text import OrderText
from agent_desk.ui.review.queue_pane import QueuePane
from agent_desk.ui.review.reason_panel import OTHER, ReasonPanel

_RED = "#c62828"
_GREEN = "#2e7d32"
_KEY = Qt.ShortcutContext.WidgetWithChildrenShortcut


def banner_style(ok: bool) -> str:
    colour = _GREEN if ok else _RED
    return f"color: {colour}; padding: 4px; border: 1px solid {colour}; border-radius: 3px;"


class ReviewWorkspace(QWidget):
    """Signals:
    detail_shown(int): the order with this id is shown beside its customer.
    acted(str, object): an action succeeded: its name and the OrderView.
    action_failed(str): an action was refused (someone else was faster, rules, input); the message shown.
    bulk_done(object): a bulk approve finished with this BulkResult.
    """

    detail_shown = Signal(int)
    acted = Signal(str, object)
    action_failed = Signal(str)
    bulk_done = Signal(object)

    def __init__(self, ctx: DeskContext, *, watch: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.text = OrderText(self)
        self._shown: OrderBeside | None = None
        self._wanted: int | None = None  # the order whose detail is being loaded
        self._advance_from: int | None = None  # after an action, select what is now at this row
        self._busy = False

        self.queue = QueuePane(ctx, [(OrderState.PENDING_REVIEW.value, self.tr("Pending review"))], watch=watch)
        self.queue.current_changed.connect(self._on_current)
        self.queue.selection_changed.connect(self._on_selection_count)
        self.queue.reloaded.connect(self._on_reloaded)

        self.header = QLabel(self.tr("Choose an order in the queue (J/K or ↓/↑ to move)."))
        self.header.setObjectName("review_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.banner = QLabel()
        self.banner.setObjectName("review_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.order_view = QTextBrowser()
        self.order_view.setObjectName("review_order")
        self.customer_view = QTextBrowser()
        self.customer_view.setObjectName("review_customer")

        self.approve = QPushButton(self.tr("&Approve  (Ctrl+Enter)"))
        self.approve.setObjectName("approve")
        self.approve.setToolTip(self.tr("Approve and send on to logistics (Ctrl+Enter or A)"))
        self.approve.clicked.connect(self.approve_current)
        self.return_button = QPushButton(self.tr("&Return…  (R)"))
        self.return_button.setObjectName("return")
        self.return_button.clicked.connect(self.ask_return)
        self.previous = QPushButton(self.tr("Previous (K)"))
        self.previous.clicked.connect(lambda: self.queue.move(-1))
        self.next = QPushButton(self.tr("Next (J)"))
        self.next.clicked.connect(lambda: self.queue.move(1))
        self.bulk = QPushButton()
        self.bulk.setObjectName("bulk_approve")
        self.bulk.clicked.connect(self.approve_selected)
        self.reason = ReasonPanel()
        self.reason.submitted.connect(self._on_reason)
        self.reason.closed.connect(lambda: self.queue.view.setFocus())

        self._build_layout()
        self._shortcuts()
        self._on_selection_count(0)
        self._set_actions(())
        self.destroyed.connect(self.queue.stop)
        self.queue.start()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        buttons.addSpacing(24)
        buttons.addWidget(self.bulk)

        beside = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.tr("Order"), self.order_view), (self.tr("Customer"), self.customer_view)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(view)
            beside.addWidget(box)
        beside.setStretchFactor(0, 1)
        beside.setStretchFactor(1, 1)

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.banner)
        column.addWidget(beside, 1)
        column.addWidget(self.reason)
        column.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.queue)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _shortcuts(self) -> None:
        # Single letters do not fire while typing: line and text edits take them first.
        # Off while the reason panel is open: its Ctrl+Enter returns the order, and "A" never approves.
        self._decision_keys = [
            QShortcut(QKeySequence(keys), self, slot, context=_KEY)
            for keys, slot in (
                ("Ctrl+Return", self.approve_current),
                ("Ctrl+Enter", self.approve_current),
                ("A", self.approve_current),
                ("R", self.ask_return),
            )
        ]
        self.reason.open_changed.connect(self._on_reason_open)
        for keys, slot in (
            ("J", lambda: self.queue.move(1)),
            ("K", lambda: self.queue.move(-1)),
            ("Ctrl+F", self.queue.search.setFocus),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=_KEY)

    # --- public actions ---------------------------------------------------------------------------

    def approve_current(self) -> None:
        beside = self._shown
        if beside is None or OrderAction.APPROVE.value not in beside.order.actions:
            return
        self._act(beside, OrderAction.APPROVE.value, "")

    def ask_return(self) -> None:
        beside = self._shown
        if beside is None or OrderAction.REJECT_REVIEW.value not in beside.order.actions:
            return
        self.reason.ask(
            OrderAction.REJECT_REVIEW.value,
            self.tr("Return {0} to {1}").format(beside.order.order_no, beside.order.taken_by_name),
            self.tr("Return to agent (Ctrl+Enter)"),
            [
                ("address", self.tr("Address incomplete")),
                ("price", self.tr("Price or discount")),
                ("unreachable", self.tr("Customer unreachable")),
                ("duplicate", self.tr("Duplicate order")),
                (OTHER, self.tr("Other")),
            ],
        )

    def approve_selected(self) -> None:
        items, unseen = self.queue.selected_items()
        if not items or self._busy:
            return
        self._busy = True
        self.bulk.setEnabled(False)
        factory, user = self.ctx.database.factory, self.ctx.user
        self.ctx.runner.run(
            lambda: bulk_approve(factory, user, items),
            lambda result: self._on_bulk(result, unseen),
            self._on_bulk_failed,
        )

    def shutdown(self) -> None:
        """Stop the live queue's watcher thread; also done when the widget is destroyed."""
        self.queue.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- detail -----------------------------------------------------------------------------------

    def _on_current(self, order_id: int | None) -> None:
        self.reason.dismiss()
        self._wanted = order_id
        if order_id is None:
            self._clear_detail()
            return
        factory, user = self.ctx.database.factory, self.ctx.user
        self.ctx.runner.run(
            lambda: order_beside_customer(factory, user, order_id),
            lambda beside: self._show(order_id, beside),
            lambda exc: self._detail_failed(order_id, exc),
        )

    def _show(self, order_id: int, beside: OrderBeside) -> None:
        if order_id != self._wanted:
            return  # the auditor moved on while this was loading
        self._shown = beside
        self.header.setText(self.text.header(beside))
        self.order_view.setHtml(self.text.order_html(beside))
        self.customer_view.setHtml(self.text.customer_html(beside.customer))
        self._set_actions(beside.order.actions)
        if beside.order.state != OrderState.PENDING_REVIEW.value:
            self._say(False, self.tr("This order is {0} now.").format(self.text.state(beside.order.state)))
        self.detail_shown.emit(order_id)

    def _detail_failed(self, order_id: int, exc: BaseException) -> None:
        if order_id != self._wanted:
            return
        self._clear_detail()
        self._say(False, str(exc) if isinstance(exc, OrderError) else self.tr("Cannot load the order: {0}").format(exc))

    def _clear_detail(self) -> None:
        self._shown = None
        self.header.setText(self.tr("Choose an order in the queue (J/K or ↓/↑ to move)."))
        self.order_view.clear()
        self.customer_view.clear()
        self._set_actions(())

    def _set_actions(self, actions: tuple[str, ...]) -> None:
        self.approve.setEnabled(OrderAction.APPROVE.value in actions)
        self.return_button.setEnabled(OrderAction.REJECT_REVIEW.value in actions)

    # --- acting -----------------------------------------------------------------------------------

    def _on_reason_open(self, open_: bool) -> None:
        for key in self._decision_keys:
            key.setEnabled(not open_)

    def _on_reason(self, action: str, reason: str) -> None:
        if self._shown is not None:
            self._act(self._shown, action, reason)

    def _act(self, beside: OrderBeside, action: str, reason: str) -> None:
        if self._busy:
            return
        self._busy = True
        order = beside.order
        factory, user = self.ctx.database.factory, self.ctx.user
        self.ctx.runner.run(
            lambda: act(factory, user, order.id, action, expected_version=order.version, reason=reason),
            lambda view: self._on_acted(action, view),
            lambda exc: self._on_act_failed(order.id, exc),
        )

    def _on_acted(self, action: str, view: OrderView) -> None:
        self._busy = False
        self.reason.dismiss()
        verbs = {
            OrderAction.APPROVE.value: self.tr("{0} approved: on to logistics."),
            OrderAction.REJECT_REVIEW.value: self.tr("{0} returned to the agent."),
        }
        self._say(True, verbs.get(action, "{0}").format(view.order_no))
        self._advance_from = self.queue.current_row()
        self.queue.reload({view.id})
        self.acted.emit(action, view)

    def _on_act_failed(self, order_id: int, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, StaleOrder | TransitionError | OrderError):
            message = str(exc)
        else:
            message = self.tr("The order could not be saved: {0}. Nothing was changed; please try again.").format(exc)
        if self.reason.isVisible() and not isinstance(exc, StaleOrder):
            self.reason.show_error(message)
        else:
            self.reason.dismiss()
        self._say(False, message)
        # What the auditor saw is out of date: reload the queue and the order.
        self.queue.reload({order_id})
        self._on_current(self.queue.current_id())
        self.action_failed.emit(message)

    def _on_bulk(self, result: BulkResult, unseen: list[int]) -> None:
        self._busy = False
        total = len(result.approved) + len(result.failed)
        summary = self.tr("Approved {0} of {1} selected orders.").format(len(result.approved), total)
        if result.failed:
            summary += " " + self.tr("%n could not be approved.", "", len(result.failed))
        if unseen:
            summary += " " + self.tr("%n not loaded yet were skipped.", "", len(unseen))
        self._say(not result.failed, summary)
        if result.failed:
            details = "\n".join(message for _id, message in result.failed)
            show_box(self, self.tr("Bulk approve"), summary + "\n\n" + details, QMessageBox.Icon.Warning)
        self.queue.reload(set(result.approved) | {i for i, _m in result.failed})
        self._on_selection_count(len(self.queue.selected_ids()))
        self.bulk_done.emit(result)

    def _on_bulk_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._on_selection_count(len(self.queue.selected_ids()))
        self._say(False, self.tr("Bulk approve failed: {0}").format(exc))

    def _on_reloaded(self, _count: int) -> None:
        if self._advance_from is not None:
            row, self._advance_from = self._advance_from, None
            self.queue.select_row(row)  # the next order has moved up into this row
            self.queue.view.setFocus()

    def _on_selection_count(self, count: int) -> None:
        self.bulk.setText(self.tr("Approve selected (%n)", "", count))
        self.bulk.setEnabled(count > 1 and not self._busy)

    def _say(self, ok: bool, text: str) -> None:
        self.banner.setStyleSheet(banner_style(ok))
        self.banner.setText(text)
        self.banner.show()


def create(ctx: DeskContext) -> QWidget:
    return ReviewWorkspace(ctx)
