"""The auditor's workspace: a live queue of orders pending review, the order beside the customer's
history, approve or return with a reason, keyboard first, and bulk approve.

Display only: rules come back from services (which actions this auditor may take, stale orders,
reasons), the database is reached through ``ctx.runner``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from agent_desk.core.orders import OrderAction, OrderState
from agent_desk.services.orders.review import OrderBeside
from agent_desk.services.orders.transitions import bulk_approve
from agent_desk.services.orders.types import BulkResult, OrderError, OrderView
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_detail, error_text
from agent_desk.ui.order_panes.order_workspace import KEY_CONTEXT, OrderWorkspace
from agent_desk.ui.order_panes.reason_panel import OTHER


class ReviewWorkspace(OrderWorkspace):
    """Signals (besides OrderWorkspace's):
    bulk_done(object): a bulk approve finished with this BulkResult.
    """

    bulk_done = Signal(object)

    def __init__(self, ctx: DeskContext, *, watch: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(ctx, name="review", parent=parent)
        self._advance_from: int | None = None  # after an action, select what is now at this row
        self._make_queue([(OrderState.PENDING_REVIEW.value, self.tr("Pending review"))], watch=watch)
        self.queue.reloaded.connect(self._on_reloaded)
        self.header.setTextFormat(Qt.TextFormat.RichText)

        self.approve = self._button(self.tr("&Approve  (Ctrl+Enter)"), "approve")
        self.approve.setToolTip(self.tr("Approve and send on to logistics (Ctrl+Enter or A)"))
        self.approve.clicked.connect(self.approve_current)
        self.return_button = self._button(self.tr("&Return…  (R)"), "return")
        self.return_button.clicked.connect(self.ask_return)
        self.previous = QPushButton(self.tr("Previous (K)"))
        self.previous.clicked.connect(lambda: self.queue.move_by(-1))
        self.next = QPushButton(self.tr("Next (J)"))
        self.next.clicked.connect(lambda: self.queue.move_by(1))
        self.bulk = self._button("", "bulk_approve")
        self.bulk.clicked.connect(self.approve_selected)

        self._build_layout()
        self._shortcuts()
        self._start()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        buttons.addSpacing(24)
        buttons.addWidget(self.bulk)

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.banner)
        column.addWidget(self._beside(), 1)
        column.addWidget(self.reason)
        column.addLayout(buttons)

        self._place_under_queue(detail)

    def _shortcuts(self) -> None:
        # Off while the reason panel is open: its Ctrl+Enter returns the order, and "A" never approves.
        self._decision_keys = [
            QShortcut(QKeySequence(keys), self, slot, context=KEY_CONTEXT)
            for keys, slot in (
                ("Ctrl+Return", self.approve_current),
                ("Ctrl+Enter", self.approve_current),
                ("A", self.approve_current),
                ("R", self.ask_return),
            )
        ]
        self.reason.open_changed.connect(self._on_reason_open)
        self._queue_keys()

    # --- public actions ---------------------------------------------------------------------------

    def approve_current(self) -> None:
        self._act_current(OrderAction.APPROVE.value)

    def ask_return(self) -> None:
        self._ask_return(
            OrderAction.REJECT_REVIEW.value,
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

    # --- detail -----------------------------------------------------------------------------------

    def _show_extra(self, beside: OrderBeside, extra: object) -> None:
        if beside.order.state != OrderState.PENDING_REVIEW.value:
            self._say(False, self.tr("This order is {0} now.").format(self.text.state(beside.order.state)))

    def _load_error_text(self, exc: BaseException) -> str:
        if isinstance(exc, OrderError):
            return error_text(exc)
        return self.tr("Cannot load the order: {0}").format(error_detail(exc))

    def _set_actions(self, actions: tuple[str, ...]) -> None:
        self.approve.setEnabled(OrderAction.APPROVE.value in actions)
        self.return_button.setEnabled(OrderAction.REJECT_REVIEW.value in actions)

    # --- acting -----------------------------------------------------------------------------------

    def _on_reason_open(self, open_: bool) -> None:
        for key in self._decision_keys:
            key.setEnabled(not open_)

    def _done_texts(self) -> dict[str, str]:
        return {
            OrderAction.APPROVE.value: self.tr("{0} approved: on to logistics."),
            OrderAction.REJECT_REVIEW.value: self.tr("{0} returned to the agent."),
        }

    def _on_acted(self, action: str, view: OrderView) -> None:
        self._advance_from = self.queue.current_row()
        super()._on_acted(action, view)

    def _save_error_text(self, exc: BaseException) -> str:
        return self.tr("The order could not be saved: {0}. Nothing was changed; please try again.").format(exc)

    def _on_bulk(self, result: BulkResult, unseen: list[int]) -> None:
        self._busy = False
        total = len(result.approved) + len(result.failed)
        summary = self.tr("Approved {0} of {1} selected orders.").format(len(result.approved), total)
        if result.failed:
            summary += " " + self.tr("%n could not be approved.", "", len(result.failed))
        if unseen:
            summary += " " + self.tr("%n not loaded yet were skipped.", "", len(unseen))
        self._say_with_details(self.tr("Bulk approve"), summary, result.failed)
        self.queue.reload(set(result.approved) | {i for i, _m in result.failed})
        self._on_selection_count(len(self.queue.selected_ids()))
        self.bulk_done.emit(result)

    def _on_bulk_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._on_selection_count(len(self.queue.selected_ids()))
        self._say(False, self.tr("Bulk approve failed: {0}").format(error_detail(exc)))

    def _on_reloaded(self, _count: int) -> None:
        if self._advance_from is not None:
            row, self._advance_from = self._advance_from, None
            self.queue.select_row(row)  # the next order has moved up into this row
            self.queue.view.setFocus()

    def _on_selection_count(self, count: int) -> None:
        self.bulk.setText(self.tr("Approve selected (%n)", "", count))
        self.bulk.setEnabled(count > 1 and not self._busy)


def create(ctx: DeskContext) -> QWidget:
    return ReviewWorkspace(ctx)
