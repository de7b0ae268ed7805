"""The desk's call life cycle: which calls are this agent's, and what each call event changes.

One desk, one agent. Every call offered to it goes through these phases (one transition table,
:data:`TRANSITIONS`)::

    offered here ──▶ RINGING ──answered here──▶ TALKING ──ended──────────────▶ ENDED       (after-call work)
                      │ │ │ │                    │  └──transferred away──────▶ TRANSFERRED (after-call work)
                      │ │ │ │                    └─────answered elsewhere────▶ ANSWERED_ELSEWHERE (after-call work)
                      │ │ │ └─ended──────────────▶ MISSED               (the missed list)
                      │ │ └───answered elsewhere─▶ ANSWERED_ELSEWHERE   (a ring-all queue: not ours, not missed)
                      │ └─────transferred away───▶ TRANSFERRED          (never ours: no wrap-up due)
                      └─rang out here (RNA)──▶ RANG_OUT ──answered elsewhere, ended, transferred──▶ MISSED
                                                 │ (the missed list)
                                                 ├──offered here again──▶ RINGING
                                                 └──answered here───────▶ TALKING   (off the missed list)

    ENDED, MISSED, TRANSFERRED and ANSWERED_ELSEWHERE are final: later events change nothing here.

Decisions recorded here so that the Qt glue need not make them again:

* **One pop per call.** Only the first offer of a call id creates the call and its pop; offers
  repeated by the hub (replays, a snapshot after a resync) change nothing; an offer after the call
  rang out here makes it ring again, without a second pop. Calls offered to another agent are
  recorded, never popped.
* **Whose event.** An event without an agent is about this desk. An answer by another agent
  means a colleague took it; a transfer counts when its target is someone else.
* **Missed.** A call is missed by this agent when it was offered here and this agent never
  answered it: it ended while ringing here (abandoned, the queue gave up), or it rang out here
  (``call.queued`` with reason ``no_answer`` naming this agent, Asterisk's RINGNOANSWER) and then
  went to a colleague, back to the queue or ended. It is listed from the ring-out on, and leaves
  the list when this agent answers it after all, saves a wrap-up for it or dismisses it. A call
  of a ring-all queue that a colleague answered *without* a ring-out here is not missed: every
  phone rang and somebody took it, as it should be.
* **After-call work.** When a call this agent answered leaves their hands (ended, transferred
  away, or taken over by a colleague when the source lost the transfer) and its wrap-up is not
  saved yet, the hub is told to pause the agent. Once per call: the final phases ignore the
  second end a transfer brings. A wrap-up saved while talking means no pause at all.
* **Available again** when this desk paused the agent for after-call work and no call this agent
  answered is still being talked or waits for its wrap-up (checked when a wrap-up is saved and
  when a call ends). Saving the wrap-up of a missed call, or one saved mid-call, frees nobody:
  the agent may have chosen to be not ready, and the end of a call decides.
* **Kept across restarts.** A call that waits for this agent (answered here and not wrapped up,
  or missed) is kept in the database with what was typed for it (:class:`MarkUnfinished`,
  :class:`MarkMissed`, :class:`SaveDraft`, :class:`ClearPending`, each with a newer
  ``revision`` of the call's :class:`~agent_desk.services.calls.pending_work.PendingWork`).
  At the next login :meth:`CallLifecycle.restore` lists them again; they keep nobody busy, and a
  restored call offered here again (or in a snapshot) becomes a live call with its draft.
* **Never the older draft.** Revisions count per login, so a call heard before the login's list
  answered (the hub's snapshot comes first) starts below what an earlier login kept. The list,
  or a write the database refuses because it holds a copy as new or newer
  (:meth:`CallLifecycle.kept_elsewhere`), is merged into the call: what the call holds now wins,
  what was kept fills a call that holds nothing yet, and the call is written again past both.
* **The snapshot is the truth.** After a resync the hub lists every call in progress that
  concerns this desk: a live call it no longer lists has ended (reason ``unknown``), with the
  usual consequences (missed, or after-call work for a call talked here). The desk does not
  record that end: the hub recorded the real one.
* **Drafts.** What was typed into a wrap-up stays with its call while another call is on screen.
* **The screen.** A new pop takes the screen; later news about another call (a retried lookup,
  a reloaded history) must not replace the call the agent is looking at.
* **The pop follows the database.** The customer's record is read again (no new access logged)
  when a call is shown again from the list, when its wrap-up is saved and when orders change
  while it is on screen; an answer that changes nothing, or is for a customer no longer shown,
  repaints nothing.

The machine does no I/O: every method returns :data:`Effect` values, in the order the glue must
carry them out (look the caller up first: the pop is what the agent waits for).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from itertools import chain
from typing import Final

from agent_desk.core.protocol import AgentState, CallEvent, EndReason, EventType, HubFrame
from agent_desk.services.calls.active_call import ActiveCall, CallPhase, WrapUpDraft
from agent_desk.services.calls.call_effects import (
    AgentStateCommand,
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
    WrapUpSaved,
)
from agent_desk.services.calls.call_phases import (
    ANSWERED_ELSEWHERE,
    END_REASONS,
    STARTS_AFTER_CALL_WORK,
    TRANSFERRED,
    TRANSITIONS,
    Heard,
)
from agent_desk.services.calls.pending_work import Cleared, PendingKind, PendingWork
from agent_desk.services.calls.screen_pop import PopResult

__all__ = [
    "AFTER_CALL_WORK",
    "ANSWERED_ELSEWHERE",
    "TRANSFERRED",
    "TRANSITIONS",
    "ActiveCall",
    "AgentStateCommand",
    "CallLifecycle",
    "CallPhase",
    "CallStateChanged",
    "ClearPending",
    "DraftRestored",
    "Effect",
    "Heard",
    "LoadHistory",
    "LoadPop",
    "LogAccess",
    "MarkMissed",
    "MarkUnfinished",
    "MissedChanged",
    "PopReady",
    "PopUpdated",
    "RecordEvent",
    "RetryPopLater",
    "SaveDraft",
    "WrapUpDraft",
    "WrapUpSaved",
]

AFTER_CALL_WORK: Final = "acw"  # the pause reason the hub is given (core.agent_states: AgentStatus.AFTER_CALL_WORK)

_CALL_EVENT_TYPES: Final = frozenset(t.value for t in EventType if t.value.startswith("call."))


class CallLifecycle:
    """The calls of one desk (agent ``agent``), the missed list and the call on screen."""

    def __init__(self, agent: str) -> None:
        self.agent = agent
        self._calls: dict[str, ActiveCall] = {}
        self._restored: dict[str, ActiveCall] = {}  # listed again after a restart, not heard of since
        self._missed: list[ActiveCall] = []
        self._on_screen: ActiveCall | None = None
        self._paused_for_acw = False  # this desk told the hub to pause the agent for after-call work

    # --- what the desk shows -------------------------------------------------------------------

    @property
    def calls(self) -> Mapping[str, ActiveCall]:
        """Every call offered to this desk since login, by the platform's call id."""
        return self._calls

    @property
    def missed(self) -> list[ActiveCall]:
        """Calls this desk never answered and has not wrapped up, newest first."""
        return list(self._missed)

    def unfinished(self) -> list[ActiveCall]:
        """Calls this desk answered and has not wrapped up yet (restored ones too), newest first."""
        waiting = (c for c in chain(self._calls.values(), self._restored.values()) if c.needs_wrap_up)
        return sorted(waiting, key=lambda c: c.offered_at, reverse=True)

    def busy(self) -> bool:
        """A call of this desk is being talked, or waits for its wrap-up: the agent is not available."""
        return any(c.keeps_agent_busy for c in self._calls.values())

    def reopen(self, call_id: str) -> ActiveCall | None:
        """A call to show again (from the missed or unfinished list); None if it has no pop yet."""
        call = self._calls.get(call_id) or self._restored.get(call_id)
        return call if call is not None and call.pop is not None else None

    # --- kept across restarts ------------------------------------------------------------------

    def restore(self, waiting: Iterable[PendingWork]) -> list[Effect]:
        """List again what waited for this agent at the last logout (newest first), with its drafts.

        A call heard since login (the hub's snapshot may come before this list) is that same call:
        what was kept for it is merged into the live call (:meth:`_merge_kept`), never skipped.
        """
        missed: list[ActiveCall] = []
        effects: list[Effect] = []
        added = False
        for work in waiting:
            live = self._calls.get(work.call_id)
            if live is not None:
                effects += self._merge_kept(live, work, resend=bool(live.pending_kind))
                continue
            if work.cleared or work.call_id in self._restored:
                continue
            unfinished = work.kind == PendingKind.WRAP_UP
            call = ActiveCall(
                work.call_id, work.ani, work.dnis, work.queue, work.offered_at,
                phase=CallPhase.ENDED if unfinished else CallPhase.MISSED,
                answered=unfinished, end_reason=work.end_reason, customer_id=work.customer_id,
                draft=WrapUpDraft(work.disposition, work.notes), restored=True, caller_name=work.customer_name,
                pending_kind=work.kind, revision=work.revision,
            )  # fmt: skip
            self._restored[work.call_id] = call
            added = True
            if not unfinished:
                missed.append(call)
        self._missed += sorted(missed, key=lambda c: c.offered_at, reverse=True)
        return [*effects, MissedChanged(tuple(self._missed))] if added else effects

    def kept_elsewhere(self, stored: Iterable[PendingWork]) -> list[Effect]:
        """Writes the database refused because it holds a copy as new or newer (an earlier login,
        another desk): merge each into its call and write the call again, past that copy."""
        effects: list[Effect] = []
        for work in stored:
            call = self._calls.get(work.call_id) or self._restored.get(work.call_id)
            if call is not None and work.revision >= call.revision:  # else ours, newer still, is on its way
                effects += self._merge_kept(call, work, resend=True)
        return effects

    def _merge_kept(self, call: ActiveCall, kept: PendingWork, *, resend: bool) -> list[Effect]:
        """The newer of the two drafts survives: what the call holds now, or what was kept when the
        call holds no notes yet (a disposition alone may be the panel's first choice, never picked);
        the next write is past both revisions."""
        call.revision = max(call.revision, kept.revision)
        effects: list[Effect] = []
        if not call.wrapped_up and not call.draft.notes and (kept.disposition or kept.notes):
            call.draft = WrapUpDraft(kept.disposition, kept.notes)
            effects.append(DraftRestored(call))
        if call.customer_id is None:
            call.customer_id = kept.customer_id
        if not call.pending_kind:
            call.pending_kind = kept.kind
        if resend:
            work = self._work(call, cleared=call.cleared)
            effects.append(ClearPending(work) if work.cleared else SaveDraft(work))
        return effects

    def fetch_pop(self, call_id: str, *, received: float = 0.0) -> list[Effect]:
        """A restored call has no pop: look the caller up to show it (once), when the agent reopens it."""
        call = self._restored.get(call_id)
        if call is None or call.pop is not None or call.pop_requested:
            return []
        call.pop_requested, call.frame_received = True, received
        return [LoadPop(call)]

    def draft_typed(self, call: ActiveCall, draft: WrapUpDraft) -> list[Effect]:
        """What the wrap-up panel holds for ``call`` now (the desk debounces): kept with the call, and
        in the database while the call waits for this agent."""
        if call.wrapped_up or draft == call.draft:
            return []
        call.draft = draft
        return [SaveDraft(self._work(call))] if call.pending_kind else []

    def dismiss(self, call_id: str, how: Cleared = Cleared.DISMISSED) -> list[Effect]:
        """The agent takes a missed call off the list (dismissed, or called back)."""
        call = next((c for c in self._missed if c.call_id == call_id), None)
        if call is None:
            return []
        self._missed.remove(call)
        effects: list[Effect] = [MissedChanged(tuple(self._missed))]
        if call.pending_kind:
            effects.append(ClearPending(self._work(call, cleared=how)))
        return effects

    def _work(self, call: ActiveCall, kind: PendingKind | None = None, cleared: str = "") -> PendingWork:
        """The call as the database is to keep it: one revision newer than the last write."""
        call.revision += 1
        call.pending_kind = kind or call.pending_kind
        call.cleared = cleared
        return PendingWork(
            call_id=call.call_id, kind=call.pending_kind, offered_at=call.offered_at,
            ani=call.ani, dnis=call.dnis, queue=call.queue, end_reason=call.end_reason,
            customer_id=call.customer_id, disposition=call.draft.disposition, notes=call.draft.notes,
            revision=call.revision, cleared=cleared,
        )  # fmt: skip

    # --- call events ---------------------------------------------------------------------------

    def on_frame(self, frame: HubFrame, *, now: datetime, received: float = 0.0) -> list[Effect]:
        """A frame from the hub; ``now`` (naive UTC) dates a call whose frame has no time stamp."""
        if frame.event is None:
            return []
        at = datetime.fromtimestamp(frame.ts, UTC).replace(tzinfo=None) if frame.ts else None
        return self.on_event(frame.event, at, now=now, received=received)

    def on_snapshot(self, frame: HubFrame, *, now: datetime, received: float = 0.0) -> list[Effect]:
        """After a resync the hub lists the calls in progress that concern this desk: pop those offered
        here that this desk never saw, and end the live ones it no longer lists (they ended while the
        link was down). Calls it still lists follow their own events."""
        effects: list[Effect] = []
        for event in frame.calls:
            if event.agent == self.agent and event.call_id not in self._calls:
                effects += self.on_event(replace(event, type=EventType.CALL_OFFERED), None, now=now, received=received)
                if event.type != EventType.CALL_OFFERED:
                    effects += self.on_event(event, None, now=now, received=received)  # e.g. answered before a restart
        listed = {event.call_id for event in frame.calls}
        for call in [c for c in self._calls.values() if not c.ended and c.call_id not in listed]:
            ended = CallEvent(EventType.CALL_ENDED, call_id=call.call_id, agent=self.agent, reason=EndReason.UNKNOWN)
            # Not recorded: the hub recorded the real end, with its time and reason; this desk only infers it.
            effects += [e for e in self.on_event(ended, None, now=now) if not isinstance(e, RecordEvent)]
        return effects

    def on_event(self, event: CallEvent, at: datetime | None, *, now: datetime, received: float = 0.0) -> list[Effect]:
        if not event.call_id:
            return []
        effects: list[Effect] = []
        call = self._calls.get(event.call_id)
        if event.type == EventType.CALL_OFFERED:
            if call is None and self._ours(event):
                call = ActiveCall(event.call_id, event.ani, event.dnis, event.queue, at or now, received)
                self._calls[event.call_id] = call
                effects.append(LoadPop(call))
                effects += self._revive(call)
            effects.append(RecordEvent(event, at))
            if call is None or call.phase is not CallPhase.RANG_OUT or not self._ours(event):
                return effects  # one call never pops twice, however often the event repeats
        elif event.type in _CALL_EVENT_TYPES:
            effects.append(RecordEvent(event, at))
        if call is None:
            return effects
        call.events.append(event.type)
        if call.ended:
            return effects  # transferred away, answered elsewhere or ended: nothing changes for this desk
        phase = TRANSITIONS.get((call.phase, self._heard(event)), call.phase)
        if phase is not call.phase:
            effects += self._enter(call, phase, event)
        effects.append(CallStateChanged(call))
        return effects

    def _revive(self, call: ActiveCall) -> list[Effect]:
        """A restored call is offered here again: the live call takes over its draft and customer."""
        old = self._restored.pop(call.call_id, None)
        if old is None:
            return []
        call.draft, call.customer_id = old.draft, old.customer_id
        call.pending_kind, call.revision = old.pending_kind, old.revision
        if self._on_screen is old:
            self._on_screen = None
        if old not in self._missed:
            return []
        self._missed.remove(old)
        return [MissedChanged(tuple(self._missed))]

    def _ours(self, event: CallEvent) -> bool:
        return not event.agent or event.agent == self.agent

    def _heard(self, event: CallEvent) -> Heard:
        if event.type == EventType.CALL_OFFERED:
            return Heard.OFFERED_HERE  # offers to others never reach here (see on_event)
        if event.type == EventType.CALL_ANSWERED:
            return Heard.ANSWERED_HERE if self._ours(event) else Heard.ANSWERED_ELSEWHERE
        if event.type == EventType.CALL_TRANSFERRED and event.target and event.target != self.agent:
            return Heard.TRANSFERRED_AWAY
        if event.type == EventType.CALL_ENDED:
            return Heard.ENDED
        if event.type == EventType.CALL_QUEUED and self._rang_out_here(event):
            return Heard.RANG_OUT_HERE
        return Heard.NOTHING_NEW

    def _rang_out_here(self, event: CallEvent) -> bool:
        return bool(event.agent) and event.agent == self.agent and event.reason == EndReason.NO_ANSWER

    def _enter(self, call: ActiveCall, phase: CallPhase, event: CallEvent) -> list[Effect]:
        call.phase = phase
        if phase is CallPhase.TALKING:
            call.answered = True
            effects = self._off_missed(call)
            if not call.wrapped_up:  # owed from now on: a crash mid-call must not forget it
                effects.append(MarkUnfinished(self._work(call, PendingKind.WRAP_UP)))
            return effects
        if phase is CallPhase.RINGING:
            return []  # offered here again after it rang out: still on the missed list until answered
        if phase is CallPhase.RANG_OUT:
            call.end_reason = EndReason.NO_ANSWER
            return self._mark_missed(call)
        call.end_reason = END_REASONS.get(phase) or event.reason or call.end_reason
        if phase is CallPhase.MISSED:
            return self._mark_missed(call)
        if phase in STARTS_AFTER_CALL_WORK and call.needs_wrap_up:
            self._paused_for_acw = True
            return [AgentStateCommand(AgentState.PAUSED, AFTER_CALL_WORK, call), MarkUnfinished(self._work(call))]
        return self._available_if_free()

    def _mark_missed(self, call: ActiveCall) -> list[Effect]:
        if call.wrapped_up:
            return []  # wrapped up while it rang: nothing left to do for it
        effects: list[Effect] = []
        if call not in self._missed:
            self._missed.insert(0, call)
            effects.append(MissedChanged(tuple(self._missed)))
        effects.append(MarkMissed(self._work(call, PendingKind.MISSED)))
        return effects

    def _off_missed(self, call: ActiveCall) -> list[Effect]:
        if call not in self._missed:
            return []
        self._missed.remove(call)
        return [MissedChanged(tuple(self._missed))]

    def after_call_work_over(self) -> None:
        """The agent's after-call work ended otherwise than by the wrap-ups (its limit ran out, Ready,
        a reason chosen): this desk's pause is over, and a wrap-up saved later frees nobody."""
        self._paused_for_acw = False

    def _available_if_free(self) -> list[Effect]:
        if not self._paused_for_acw or self.busy():
            return []
        self._paused_for_acw = False
        return [AgentStateCommand(AgentState.AVAILABLE)]

    # --- the pop -------------------------------------------------------------------------------

    def pop_loaded(self, call: ActiveCall, result: PopResult) -> list[Effect]:
        """The lookup answered. One customer on the number: they are the caller, and see their record.

        A restored call keeps the customer the agent had picked for it, whatever the number finds.
        """
        first = call.pop is None
        call.pop = result
        effects: list[Effect] = []
        picked = call.customer_id if call.restored else None
        if picked is not None and (result.card is None or result.card.id != picked):
            effects.append(PopReady(call) if first else PopUpdated(call))
            return [*effects, LoadHistory(call, picked, replace(result))]
        if result.card is not None:
            call.customer_id = result.card.id
            effects.append(LogAccess(call, result.card.id))
        effects.append(PopReady(call) if first else PopUpdated(call))
        return effects

    def pop_failed(self, call: ActiveCall, error: str) -> list[Effect]:
        """The caller's number is on screen even when the history cannot be read; try again while the call lasts."""
        first = call.pop is None
        call.pop = PopResult(ani=call.ani, dnis=call.dnis, lookup_error=error)
        effects: list[Effect] = [PopReady(call) if first else PopUpdated(call)]
        if not call.ended:
            effects.append(RetryPopLater(call))
        return effects

    def choose_customer(self, call: ActiveCall, customer_id: int) -> list[Effect]:
        """The agent picked one of several customers on one number."""
        call.customer_id = customer_id
        kept: list[Effect] = [SaveDraft(self._work(call))] if call.pending_kind and not call.wrapped_up else []
        if call.pop is None:
            return [LogAccess(call, customer_id), *kept]
        return [LoadHistory(call, customer_id, replace(call.pop)), *kept]

    def customer_created(self, call: ActiveCall, customer_id: int) -> list[Effect]:
        """The agent created the caller as a new customer: the pop shows them, not the form or a picker."""
        if call.pop is not None:
            call.pop = replace(call.pop, matches=[])
        return self.choose_customer(call, customer_id)

    def history_loaded(self, call: ActiveCall, pop: PopResult) -> list[Effect]:
        if pop.card is not None and call.customer_id is not None and pop.card.id != call.customer_id:
            return []  # read for a customer the agent has replaced since: the newer read is on its way
        if pop == call.pop:
            return []  # read again, nothing changed: the screen stays as the agent left it
        call.pop = pop
        return [PopUpdated(call)]

    def refresh(self, call: ActiveCall | None) -> list[Effect]:
        """Read the customer on ``call``'s pop again (none known, or the lookup retried: nothing to read)."""
        if call is None or call.pop is None or call.customer_id is None or call.pop.lookup_error:
            return []
        return [LoadHistory(call, call.customer_id, replace(call.pop), log_access=False)]

    def orders_changed(self) -> list[Effect]:
        """Orders changed (taken here, returned by an auditor…): the pop on screen reads its customer again."""
        return self.refresh(self._on_screen)

    # --- the screen and the wrap-up ------------------------------------------------------------

    @property
    def on_screen(self) -> ActiveCall | None:
        """The call whose pop and wrap-up the agent sees."""
        return self._on_screen

    def put_on_screen(self, call: ActiveCall, typed: WrapUpDraft) -> bool:
        """Show ``call``; ``typed`` is the wrap-up as typed for the call shown so far, kept with it.

        Returns False when ``call`` is already on screen: what is being typed stays as it is.
        """
        previous = self._on_screen
        if previous is call:
            return False
        if previous is not None and not previous.wrapped_up:
            previous.draft = typed
        self._on_screen = call
        return True

    def repaints(self, call: ActiveCall) -> bool:
        """News about ``call`` may be painted: it is on screen, or nothing is."""
        return self._on_screen is None or self._on_screen is call

    def wrap_up_saved(self, call: ActiveCall, saved: WrapUpDraft) -> list[Effect]:
        call.wrapped_up = True
        call.draft = saved
        effects = self._off_missed(call)
        if call.pending_kind:
            effects.append(ClearPending(self._work(call, cleared=Cleared.WRAPPED_UP)))
        if call.ended:  # saved while talking: the end of the call decides
            effects += self._available_if_free()
        effects.append(WrapUpSaved(call))
        if call is self._on_screen:  # its own line in the caller's history has a result now
            effects += self.refresh(call)
        return effects
