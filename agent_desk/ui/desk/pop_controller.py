"""Turns this desk's call events into screen pops: one pop per call, lookups off the GUI thread.

Widgets never see events; they get the signals below. Call records are written by
``services.calls.records`` on the database worker, in event order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desk.core.protocol import CallEvent, EventType, HubFrame
from agent_desk.services.calls import records as call_service
from agent_desk.services.calls.screen_pop import PopResult, screen_pop
from agent_desk.services.customers.editing import CustomerError, CustomerInput, save_customer
from agent_desk.services.customers.records import fill_history
from agent_desk.services.customers.search import log_access
from agent_desk.ui.context import DeskContext

log = logging.getLogger(__name__)
POP_RETRY_MS = 3000


@dataclass
class ActiveCall:
    call_id: str
    ani: str
    dnis: str
    queue: str
    offered_at: datetime
    frame_received: float  # perf_counter when the frame arrived: the pop budget is measured from here
    answered: bool = False
    ended: bool = False
    end_reason: str = ""
    pop: PopResult | None = None
    customer_id: int | None = None
    wrapped_up: bool = False
    events: list[str] = field(default_factory=list)
    # The wrap-up as typed, kept while another call's pop is on screen.
    wrap_disposition: str = ""
    wrap_notes: str = ""

    @property
    def needs_wrap_up(self) -> bool:
        return self.answered and not self.wrapped_up


class PopController(QObject):
    """Signals:
    pop_ready(ActiveCall): the pop's data is loaded (first time for this call).
    pop_updated(ActiveCall): the same call's pop changed (customer picked, created).
    call_state_changed(ActiveCall): answered, transferred or ended.
    missed_changed(list): calls offered to this desk that it never answered, newest first.
    wrap_up_saved(str): call id.
    create_failed(str): the new customer was not saved, and why (the form keeps what was typed).
    error(str): something the agent should see.
    """

    pop_ready = Signal(object)
    pop_updated = Signal(object)
    call_state_changed = Signal(object)
    missed_changed = Signal(list)
    wrap_up_saved = Signal(str)
    create_failed = Signal(str)
    error = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.calls: dict[str, ActiveCall] = {}
        self.missed: list[ActiveCall] = []
        self._agent = ctx.settings.agent_id or (ctx.user.telephony_id or "")
        # Set by the window when a hub link exists; a desk also works without telephony.
        self.send_command: Callable[[dict[str, str]], None] | None = None

    # --- events ---------------------------------------------------------------------------------

    def on_frame(self, frame: HubFrame) -> None:
        if frame.event is not None:
            self.on_event(frame.event, datetime.fromtimestamp(frame.ts, UTC).replace(tzinfo=None) if frame.ts else None)

    def on_snapshot(self, frame: HubFrame) -> None:
        """After a resync the hub lists calls in progress: pop any offered to us that we never saw."""
        for event in frame.calls:
            if event.agent == self._agent and event.call_id not in self.calls:
                self.on_event(replace(event, type=EventType.CALL_OFFERED), None)
                if event.type != EventType.CALL_OFFERED:
                    self.on_event(event, None)  # e.g. already answered before the desk restarted

    def on_event(self, event: CallEvent, at: datetime | None) -> None:
        if not event.call_id:
            return
        call = self.calls.get(event.call_id)
        if event.type == EventType.CALL_OFFERED and (not event.agent or event.agent == self._agent) and call is None:
            call = ActiveCall(event.call_id, event.ani, event.dnis, event.queue, at or _now(), time.perf_counter())
            self.calls[event.call_id] = call
            self._load_pop(call)  # before the call record's write: the pop is what the agent waits for
        if event.type.startswith("call."):
            self._record(event, at)
        if call is None or event.type == EventType.CALL_OFFERED:
            return  # one call never pops twice, however often the event repeats
        call.events.append(event.type)
        if call.ended:
            return  # already transferred away, answered elsewhere or ended: nothing changes for this desk
        mine = not event.agent or event.agent == self._agent
        if event.type == EventType.CALL_ANSWERED:
            if mine:
                call.answered = True
            else:
                # A ring-all queue: a colleague took it. Not missed, not ours to wrap up.
                call.ended, call.end_reason = True, "answered_elsewhere"
        elif event.type == EventType.CALL_TRANSFERRED and event.target and event.target != self._agent:
            call.ended, call.end_reason = True, "transferred"
            if call.needs_wrap_up:
                self._report_state("paused", "after_call_work")
        elif event.type == EventType.CALL_ENDED:
            call.ended, call.end_reason = True, event.reason or ""
            if not call.answered and call not in self.missed:
                self.missed.insert(0, call)
                self.missed_changed.emit(list(self.missed))
            elif call.needs_wrap_up:
                # After-call work: not offered new calls until the wrap-up is saved (not when the agent
                # already wrapped up while talking).
                self._report_state("paused", "after_call_work")
        self.call_state_changed.emit(call)

    def _record(self, event: CallEvent, at: datetime | None) -> None:
        factory, region = self.ctx.database.factory, self.ctx.settings.phone_region
        self.ctx.runner.run(
            lambda: call_service.record_event(factory, event, at, region=region),
            on_failure=lambda exc: self.error.emit(self.tr("Could not record the call: {0}").format(exc)),
        )

    # --- pops -----------------------------------------------------------------------------------

    def _load_pop(self, call: ActiveCall) -> None:
        database, region = self.ctx.database, self.ctx.settings.phone_region

        def lookup() -> PopResult:
            with database.read_connection() as conn:
                return screen_pop(conn, call.ani, call.dnis, region=region)

        def done(result: PopResult) -> None:
            first = call.pop is None
            call.pop = result
            if result.card is not None:
                self._select(call, result.card.id, reload=False)
            (self.pop_ready if first else self.pop_updated).emit(call)

        def failed(exc: BaseException) -> None:
            # The caller's number is on screen even when the history cannot be read; try again shortly.
            first = call.pop is None
            call.pop = PopResult(ani=call.ani, dnis=call.dnis, lookup_error=str(exc))
            (self.pop_ready if first else self.pop_updated).emit(call)
            if not call.ended:
                QTimer.singleShot(POP_RETRY_MS, self, lambda: self._load_pop(call))

        self.ctx.runner.run(lookup, done, failed)

    def choose_customer(self, call: ActiveCall, customer_id: int) -> None:
        """The agent picked one of several customers on one number, or created a new one."""
        self._select(call, customer_id, reload=True)

    def _select(self, call: ActiveCall, customer_id: int, *, reload: bool) -> None:
        call.customer_id = customer_id
        factory, region, user_id = self.ctx.database.factory, self.ctx.settings.phone_region, self.ctx.user.id
        pop = call.pop

        def load() -> PopResult | None:
            with factory() as session, session.begin():
                log_access(session, user_id=user_id, customer_id=customer_id, context="pop")
                if reload and pop is not None:
                    return fill_history(session, pop, customer_id, region)
            return None

        def done(result: PopResult | None) -> None:
            if result is not None:
                self.pop_updated.emit(call)

        self.ctx.runner.run(load, done, lambda exc: self.error.emit(str(exc)))

    def create_customer(self, call: ActiveCall, data: CustomerInput) -> None:
        factory, region, user = self.ctx.database.factory, self.ctx.settings.phone_region, self.ctx.user

        def create() -> int:
            # The same service as the Customers workspace: role check, length checks, edit log.
            with factory() as session, session.begin():
                record = save_customer(session, None, data, user_id=user.id, role=user.role, region=region)
                assert record.card is not None  # written in this transaction
                return record.card.id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, CustomerError):
                self.create_failed.emit(str(exc))
            else:
                self.create_failed.emit(self.tr("Could not save the customer: {0}").format(exc))

        def created(customer_id: int) -> None:
            if call.pop is not None:
                call.pop.matches = []
            self._select(call, customer_id, reload=True)

        self.ctx.runner.run(create, created, failed)

    def reopen(self, call_id: str) -> ActiveCall | None:
        """A call to show again (from the missed or unfinished list); None if it has no pop yet."""
        call = self.calls.get(call_id)
        return call if call is not None and call.pop is not None else None

    def _busy(self) -> bool:
        """A call of this desk is being talked, or waits for its wrap-up: the agent is not available."""
        return any(c.answered and (not c.ended or not c.wrapped_up) for c in self.calls.values())

    def unfinished(self) -> list[ActiveCall]:
        """Calls this desk answered and has not wrapped up yet, newest first."""
        return sorted((c for c in self.calls.values() if c.needs_wrap_up), key=lambda c: c.offered_at, reverse=True)

    # --- wrap-up --------------------------------------------------------------------------------

    def save_wrap_up(self, call: ActiveCall, disposition: str, notes: str) -> None:
        factory, user_id = self.ctx.database.factory, self.ctx.user.id

        def save() -> None:
            call_service.wrap_up(
                factory, call.call_id, disposition=disposition, notes=notes,
                agent_user_id=user_id, customer_id=call.customer_id,
            )  # fmt: skip

        def done(_result: None) -> None:
            call.wrapped_up = True
            call.wrap_disposition, call.wrap_notes = disposition, notes
            if call in self.missed:
                self.missed.remove(call)
                self.missed_changed.emit(list(self.missed))
            if call.ended and not self._busy():  # saved while talking: the end of the call decides
                self._report_state("available", "")
            self.wrap_up_saved.emit(call.call_id)

        self.ctx.runner.run(save, done, lambda exc: self.error.emit(str(exc)))

    def _report_state(self, state: str, reason: str) -> None:
        if self.send_command is not None:
            self.send_command({"op": "agent.state", "state": state, "reason": reason})


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
