"""What the audit and logistics workspaces share: a live order queue, the chosen order beside its
customer, and acting on it with the version the user saw.

Each stage adds its own buttons, reasons and messages; see ui.review.workspace and
ui.logistics.workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from agent_desk.core.orders import TransitionError
from agent_desk.services.errors import Problem
from agent_desk.services.orders.review import OrderBeside, order_beside_customer
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import OrderError, OrderView, StaleOrder
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_detail, error_text
from agent_desk.ui.messages import show_box
from agent_desk.ui.order_panes.order_text import OrderText
from agent_desk.ui.order_panes.queue_pane import QueuePane
from agent_desk.ui.order_panes.reason_panel import ReasonPanel

_RED = "#c62828"
_GREEN = "#2e7d32"
KEY_CONTEXT = Qt.ShortcutContext.WidgetWithChildrenShortcut


def banner_style(ok: bool) -> str:
    colour = _GREEN if ok else _RED
    return f"color: {colour}; padding: 4px; border: 1px solid {colour}; border-radius: 3px;"


class OrderWorkspace(QWidget):
    """Signals:
    detail_shown(int): the order with this id is shown.
    acted(str, object): an action succeeded: its name and the OrderView.
    action_failed(str): an action was refused or failed; the message shown.
    """

    detail_shown = Signal(int)
    acted = Signal(str, object)
    action_failed = Signal(str)

    def __init__(self, ctx: DeskContext, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.text = OrderText(self)
        self._shown: OrderBeside | None = None
        self._wanted: int | None = None  # the order whose detail is being loaded
        self._busy = False

        self.header = QLabel(self._choose_text())
        self.header.setObjectName(f"{name}_header")
        self.banner = QLabel()
        self.banner.setObjectName(f"{name}_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.order_view = QTextBrowser()
        self.order_view.setObjectName(f"{name}_order")
        self.customer_view = QTextBrowser()
        self.customer_view.setObjectName(f"{name}_customer")
        self.reason = ReasonPanel()
        self.reason.submitted.connect(self._on_reason)
        self.reason.closed.connect(lambda: self.queue.view.setFocus())

    def _choose_text(self) -> str:
        return self.tr("Choose an order in the queue (J/K or ↓/↑ to move).")

    # --- building ---------------------------------------------------------------------------------

    @staticmethod
    def _button(text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        return button

    def _make_queue(self, states: list[tuple[str, str]], *, watch: bool) -> None:
        self.queue = QueuePane(self.ctx, states, watch=watch)
        self.queue.current_changed.connect(self._on_current)
        self.queue.selection_changed.connect(self._on_selection_count)

    def _beside(self) -> QSplitter:
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
        return beside

    def _place_under_queue(self, detail: QWidget) -> None:
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.queue)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(split)

    def _queue_keys(self) -> None:
        # Single letters do not fire while typing: line and text edits take them first.
        for keys, slot in (
            ("J", lambda: self.queue.move_by(1)),
            ("K", lambda: self.queue.move_by(-1)),
            ("Ctrl+F", self.queue.search.setFocus),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=KEY_CONTEXT)

    def _start(self) -> None:
        """Last in a stage's constructor: the buttons as for no order, then the live queue."""
        self._set_actions(())
        self._on_selection_count(0)
        self.destroyed.connect(self.queue.stop)
        self.queue.start()

    def shutdown(self) -> None:
        """Stop the live queue's watcher thread; also done when the widget is destroyed."""
        self.queue.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- what each stage fills in -----------------------------------------------------------------

    def _set_actions(self, actions: tuple[str, ...]) -> None:
        raise NotImplementedError

    def _on_selection_count(self, count: int) -> None:
        raise NotImplementedError

    @staticmethod
    def _with_detail(beside: OrderBeside) -> Any:
        """Extra detail worked out with the load, on the worker thread: must not touch widgets."""
        return None

    def _show_extra(self, beside: OrderBeside, extra: Any) -> None:
        """Called once the order is shown and its actions set, with what ``_with_detail`` returned."""

    def _done_texts(self) -> dict[str, str]:
        """What each action's success says; ``{0}`` is the order number."""
        return {}

    def _load_error_text(self, exc: BaseException) -> str:
        return error_detail(exc)

    def _save_error_text(self, exc: BaseException) -> str:
        """The message for a failure that is not one of the rules' own refusals."""
        raise NotImplementedError

    # --- detail -----------------------------------------------------------------------------------

    def _on_current(self, order_id: int | None) -> None:
        self.reason.dismiss()
        self._wanted = order_id
        if order_id is None:
            self._clear_detail()
            return
        factory, user, extra = self.ctx.database.factory, self.ctx.user, self._with_detail

        def load() -> tuple[OrderBeside, Any]:
            beside = order_beside_customer(factory, user, order_id)
            return beside, extra(beside)

        self.ctx.runner.run(
            load, lambda result: self._show(order_id, *result), lambda exc: self._detail_failed(order_id, exc)
        )

    def _show(self, order_id: int, beside: OrderBeside, extra: Any) -> None:
        if order_id != self._wanted:
            return  # the user moved on while this was loading
        self._shown = beside
        self.header.setText(self.text.header(beside))
        self.order_view.setHtml(self.text.order_html(beside))
        self.customer_view.setHtml(self.text.customer_html(beside.customer))
        self._set_actions(beside.order.actions)
        self._show_extra(beside, extra)
        self.detail_shown.emit(order_id)

    def _detail_failed(self, order_id: int, exc: BaseException) -> None:
        if order_id != self._wanted:
            return
        self._clear_detail()
        self._say(False, self._load_error_text(exc))

    def _clear_detail(self) -> None:
        self._shown = None
        self.header.setText(self._choose_text())
        self.order_view.clear()
        self.customer_view.clear()
        self._set_actions(())

    # --- acting -----------------------------------------------------------------------------------

    def _ask_return(self, action: str, reasons: list[tuple[str, str]]) -> None:
        beside = self._shown
        if beside is None or action not in beside.order.actions:
            return
        self.reason.ask(
            action,
            self.tr("Return {0} to {1}").format(beside.order.order_no, beside.order.taken_by_name),
            self.tr("Return to agent (Ctrl+Enter)"),
            reasons,
        )

    def _act_current(self, action: str, reason: str = "") -> None:
        """Act on the order shown, if this user may take ``action`` on it now."""
        beside = self._shown
        if beside is None or action not in beside.order.actions:
            return
        self._act(beside, action, reason)

    def _on_reason(self, action: str, reason: str) -> None:
        self._act_current(action, reason)

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
        self._say(True, self._done_texts().get(action, "{0}").format(view.order_no))
        self.queue.reload({view.id})
        self.acted.emit(action, view)

    def _on_act_failed(self, order_id: int, exc: BaseException) -> None:
        self._busy = False
        known = isinstance(exc, StaleOrder | TransitionError | OrderError)
        message = error_text(exc) if known else self._save_error_text(exc)
        # A stale order closes the reason panel: the reason was written for what is no longer there.
        if self.reason.isVisible() and not isinstance(exc, StaleOrder):
            self.reason.show_error(message)
        else:
            self.reason.dismiss()
        self._say(False, message)
        # What the user saw is out of date: reload the queue and the order.
        self.queue.reload({order_id})
        self._on_current(self.queue.current_id())
        self.action_failed.emit(message)

    def _say(self, ok: bool, text: str) -> None:
        self.banner.setStyleSheet(banner_style(ok))
        self.banner.setText(text)
        self.banner.show()

    def _say_with_details(self, title: str, summary: str, problems: Sequence[tuple[int, Problem]]) -> None:
        """A bulk result: the summary in the banner and, when orders were left undone, why in a box."""
        self._say(not problems, summary)
        if problems:
            details = "\n".join(error_text(problem) for _id, problem in problems)
            show_box(self, title, summary + "\n\n" + details, QMessageBox.Icon.Warning)
