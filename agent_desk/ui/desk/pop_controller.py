"""Glue between the hub and the desk's widgets for the call life cycle.

Call events go to :class:`~agent_desk.services.calls.lifecycle.CallLifecycle`, which decides
what they mean for this desk (one pop per call, a colleague's call, transfers, missed calls,
one after-call pause per call). This controller carries out what it decides: lookups and call
records through the desk context's operations, agent-state commands to the hub, and the signals
below for widgets, which never see events.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, assert_never

from sqlalchemy.exc import SQLAlchemyError

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desk.core.protocol import CallEvent, HubFrame
from agent_desk.services.calls import records as call_service
from agent_desk.services.calls.lifecycle import (
    ActiveCall,
    AgentStateCommand,
    CallLifecycle,
    CallStateChanged,
    ClearPending,
    DraftRestored,
    Effect,
    LoadHistory,
    LoadPop,
    LogAccess,
    MarkMissed,
    MarkUnfinished,
    MissedChanged,
    PopReady,
    PopUpdated,
    RecordEvent,
    RetryPopLater,
    SaveDraft,
    WrapUpDraft,
    WrapUpSaved,
)
from agent_desk.services.calls.screen_pop import PopResult, screen_pop
from agent_desk.services.customers.editing import CustomerError, CustomerInput, save_customer
from agent_desk.services.customers.records import fill_history
from agent_desk.services.customers.search import log_access
from agent_desk.services.orders.drafts import is_link_error
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.agent_state_keeper import AgentStateKeeper
from agent_desk.ui.desk.pending_keeper import PendingKeeper
from agent_desk.ui.errors import error_text
from agent_desk.ui.live_queue import Watcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["POP_RETRY_MS", "ActiveCall", "PopController"]

log = logging.getLogger(__name__)
POP_RETRY_MS = 3000
ORDERS_SETTLE_MS = 250  # a burst of order changes (a submit, a bulk approve) reads the pop again once


class PopController(QObject):
    """Signals:
    pop_ready(ActiveCall): the pop's data is loaded (first time for this call).
    pop_updated(ActiveCall): the same call's pop changed (customer picked, created).
    call_state_changed(ActiveCall): answered, transferred or ended.
    missed_changed(list): calls offered to this desk that it never answered, newest first.
    wrap_up_saved(str): call id.
    wrap_up_failed(str, str): call id, and why its wrap-up was not saved (what was typed stays).
    draft_restored(ActiveCall): what an earlier login kept for the call is its draft now.
    create_failed(str): the new customer was not saved, and why (the form keeps what was typed).
    error(str): something the agent should see.
    """

    pop_ready = Signal(object)
    pop_updated = Signal(object)
    call_state_changed = Signal(object)
    missed_changed = Signal(list)
    wrap_up_saved = Signal(str)
    wrap_up_failed = Signal(str, str)
    draft_restored = Signal(object)
    create_failed = Signal(str)
    error = Signal(str)

    _orders_changed = Signal()  # from the order watcher's thread, delivered queued on ours

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lifecycle = CallLifecycle(ctx.settings.agent_id or (ctx.user.telephony_id or ""))
        # Set by the window when a hub link exists; a desk also works without telephony.
        self.send_command: Callable[[dict[str, str]], None] | None = None
        # The agent's state: the life cycle's pauses go through it, so the two never disagree.
        self.agent = AgentStateKeeper(lambda: self.send_command, self.lifecycle.after_call_work_over, self)
        # Unfinished wrap-ups and missed calls, kept on this computer and in the database.
        self.pending = PendingKeeper(ctx, self)
        self.pending.kept_elsewhere.connect(lambda works: self._carry_out(self.lifecycle.kept_elsewhere(works)))
        # Orders changed anywhere: the pop on screen reads its customer again (follow_orders).
        self._orders_watcher: Watcher | None = None
        self._orders_settle = QTimer(self)
        self._orders_settle.setSingleShot(True)
        self._orders_settle.setInterval(ORDERS_SETTLE_MS)
        self._orders_settle.timeout.connect(lambda: self._carry_out(self.lifecycle.orders_changed()))
        self._orders_changed.connect(self._orders_settle.start)

    # --- what the life cycle knows --------------------------------------------------------------

    @property
    def calls(self) -> Mapping[str, ActiveCall]:
        return self.lifecycle.calls

    @property
    def missed(self) -> list[ActiveCall]:
        """Calls offered to this desk that it never answered, newest first."""
        return self.lifecycle.missed

    def unfinished(self) -> list[ActiveCall]:
        """Calls this desk answered and has not wrapped up yet, newest first."""
        return self.lifecycle.unfinished()

    def reopen(self, call_id: str) -> ActiveCall | None:
        """A call to show again (from the missed or unfinished list); None if it has no pop yet.

        A call listed again after a restart is looked up first: its pop comes as ``pop_ready``.
        """
        call = self.lifecycle.reopen(call_id)
        if call is None:
            self._carry_out(self.lifecycle.fetch_pop(call_id, received=time.perf_counter()))
        else:
            self._carry_out(self.lifecycle.refresh(call))  # read when it rang: orders and calls moved on since
        return call

    def restore_pending(self) -> None:
        """At login: list again the calls that wait for this agent, with what was typed for them."""
        self.pending.load(lambda waiting: self._carry_out(self.lifecycle.restore(waiting)))

    def draft_typed(self, call: ActiveCall, disposition: str, notes: str) -> None:
        """What the wrap-up panel holds for ``call`` (debounced by the desk): kept while the call waits."""
        self._carry_out(self.lifecycle.draft_typed(call, WrapUpDraft(disposition, notes)))

    def dismiss(self, call_id: str) -> None:
        """Take a missed call off the list (an unfinished wrap-up stays until it is saved)."""
        self._carry_out(self.lifecycle.dismiss(call_id))

    def follow_orders(self) -> None:
        """Watch the orders (any desk's) so the pop on screen shows its customer's as they are now."""
        try:
            self._orders_watcher = self.ctx.database.watch_orders(lambda _ids: self._orders_changed.emit())
        except ValueError as exc:  # an in-memory database: nothing else can change it
            log.info("orders not watched for the pop: %s", exc)
            return
        self._orders_watcher.start()

    def shutdown(self) -> None:
        self._orders_settle.stop()
        if self._orders_watcher is not None:
            self._orders_watcher.stop()
            self._orders_watcher = None
        self.pending.shutdown()

    # --- events ---------------------------------------------------------------------------------

    def on_frame(self, frame: HubFrame) -> None:
        self._carry_out(self.lifecycle.on_frame(frame, now=_now(), received=time.perf_counter()))

    def on_snapshot(self, frame: HubFrame) -> None:
        """After a resync the hub lists calls in progress: pop any offered to us that we never saw."""
        self._carry_out(self.lifecycle.on_snapshot(frame, now=_now(), received=time.perf_counter()))

    # --- what the agent does --------------------------------------------------------------------

    def choose_customer(self, call: ActiveCall, customer_id: int) -> None:
        """The agent picked one of several customers on one number."""
        self._carry_out(self.lifecycle.choose_customer(call, customer_id))

    def create_customer(self, call: ActiveCall, data: CustomerInput) -> None:
        region, user = self.ctx.settings.phone_region, self.ctx.user

        def create(session: Session) -> int:
            # The same service as the Customers workspace: role check, length checks, edit log.
            record = save_customer(session, None, data, user_id=user.id, role=user.role, region=region)
            assert record.card is not None  # written in this transaction
            return record.card.id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, CustomerError):
                self.create_failed.emit(error_text(exc))
            else:
                self.create_failed.emit(self.tr("Could not save the customer: {0}").format(exc))

        def created(customer_id: int) -> None:
            self._carry_out(self.lifecycle.customer_created(call, customer_id))

        self.ctx.write(create, created, failed)

    def save_wrap_up(self, call: ActiveCall, disposition: str, notes: str) -> None:
        user_id, customer_id = self.ctx.user.id, call.customer_id
        # Recorded with its wrap-up if no event of it reached the database (it was away meanwhile).
        known, region = call_service.describe(call, self.lifecycle.agent), self.ctx.settings.phone_region

        def save(factory: sessionmaker[Session]) -> None:
            call_service.wrap_up(
                factory, call.call_id, disposition=disposition, notes=notes,
                agent_user_id=user_id, customer_id=customer_id, call=known, region=region,
            )  # fmt: skip

        def done(_result: None) -> None:
            log.info("wrap-up of %s saved", call.call_id, extra={"call_id": call.call_id, "disposition": disposition})
            self._carry_out(self.lifecycle.wrap_up_saved(call, WrapUpDraft(disposition, notes)))

        def failed(exc: BaseException) -> None:
            if is_link_error(exc):
                why = self.tr(
                    "The wrap-up was not saved: the database could not be reached. "
                    "What you typed stays here; save again in a moment."
                )
            else:
                why = self.tr("The wrap-up was not saved: {0}").format(self._why(exc))
            log.warning("wrap-up of %s not saved: %s", call.call_id, exc, extra={"call_id": call.call_id})
            self.wrap_up_failed.emit(call.call_id, why)
            self.error.emit(why)

        self.ctx.call(save, done, failed)

    def _why(self, exc: BaseException) -> str:
        """What the agent is told about a failure: never a driver's text with SQL in it (that goes to the log)."""
        if is_link_error(exc):
            return self.tr("the database could not be reached")
        if isinstance(exc, SQLAlchemyError):
            log.error("the database refused a desk operation: %s", exc, exc_info=exc)
            return self.tr("the database refused it (the details are in the log)")
        return error_text(exc)

    # --- carrying out what the life cycle decided -----------------------------------------------

    def _carry_out(self, effects: list[Effect]) -> None:
        for effect in effects:
            match effect:
                case LoadPop(call=call):
                    self.agent.hear(effect)  # a live call rings
                    self._load_pop(call)
                case RetryPopLater(call=call):
                    QTimer.singleShot(POP_RETRY_MS, self, partial(self._load_pop, call))
                case RecordEvent(event=event, at=at):
                    self._record(event, at)
                case PopReady(call=call):
                    self.pop_ready.emit(call)
                case PopUpdated(call=call):
                    self.pop_updated.emit(call)
                case LogAccess(customer_id=customer_id):
                    self._log_access(customer_id)
                case LoadHistory(call=call, customer_id=customer_id, pop=pop, log_access=log_it):
                    self._load_history(call, customer_id, pop, log_it=log_it)
                case CallStateChanged(call=call):
                    self.agent.hear(effect)
                    self.call_state_changed.emit(call)
                case MissedChanged(calls=calls):
                    self.missed_changed.emit(list(calls))
                case AgentStateCommand():
                    self.agent.hear(effect)
                case WrapUpSaved(call=call):
                    self.wrap_up_saved.emit(call.call_id)
                case MarkMissed(work=work) | MarkUnfinished(work=work) | SaveDraft(work=work) | ClearPending(work=work):
                    self.pending.keep(work)
                case DraftRestored(call=call):
                    self.draft_restored.emit(call)
                case _:
                    assert_never(effect)

    def _record(self, event: CallEvent, at: datetime | None) -> None:
        region = self.ctx.settings.phone_region
        self.ctx.call(
            lambda factory: call_service.record_event(factory, event, at, region=region),
            on_failure=lambda exc: self.error.emit(self.tr("Could not record the call: {0}").format(self._why(exc))),
        )

    def _load_pop(self, call: ActiveCall) -> None:
        ani, dnis, region = call.ani, call.dnis, self.ctx.settings.phone_region
        self.ctx.quick_read(
            lambda conn: screen_pop(conn, ani, dnis, region=region),
            lambda result: self._carry_out(self.lifecycle.pop_loaded(call, result)),
            lambda exc: self._carry_out(self.lifecycle.pop_failed(call, self._why(exc))),
        )

    def _log_access(self, customer_id: int) -> None:
        user_id = self.ctx.user.id
        self.ctx.write(
            lambda session: log_access(session, user_id=user_id, customer_id=customer_id, context="pop"),
            None,
            lambda exc: self.error.emit(self._why(exc)),
        )

    def _load_history(self, call: ActiveCall, customer_id: int, pop: PopResult, *, log_it: bool = True) -> None:
        user_id, region = self.ctx.user.id, self.ctx.settings.phone_region

        def loaded(result: PopResult) -> None:
            self._carry_out(self.lifecycle.history_loaded(call, result))

        if not log_it:  # read again for a pop showing it already: a read, quick as the pop's
            self.ctx.quick_read(
                lambda conn: fill_history(conn, pop, customer_id, region),
                loaded,
                lambda exc: log.warning("the pop's customer could not be read again: %s", exc),
            )
            return

        def load(session: Session) -> PopResult:
            log_access(session, user_id=user_id, customer_id=customer_id, context="pop")
            return fill_history(session, pop, customer_id, region)

        self.ctx.write(load, loaded, lambda exc: self.error.emit(self._why(exc)))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
