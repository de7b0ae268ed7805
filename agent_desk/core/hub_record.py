"""What the hub's events mean for the contact-centre record: queue and agent events from call events.

Pure: a hub :class:`CallEvent` and the hub's time in, :class:`ContactEventIn` values out. What an
event means depends on what came before it (a ring that went unanswered needs the time it began, an
unpause needs the pause, a wait needs the time the call entered the queue), so the mapping keeps
that memory in an explicit :class:`HubRecordState`, bounded, and nothing else.

Each record event's key is made from the hub event alone (its type, call, agent and time) and the
kind it gives, never from the memory: the same event fed twice, or fed again to a fresh state after
a restart, gives the same keys, and the record refuses them the second time.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from agent_desk.core.agent_states import LOGGED_IN_REASON
from agent_desk.core.contact_events import ContactEventIn, EventKind
from agent_desk.core.protocol import AgentState, CallEvent, EndReason, EventType

SOURCE = "hub"
ACW_REASON = "acw"  # agent.state paused with this reason is after-call work, not a break
MAX_CALLS = 20_000  # calls in progress remembered; beyond that the oldest are forgotten
MAX_ENDED = 20_000  # ended calls remembered, so a repeated end is known for one
_KEY_LIMIT = 200  # contact_events.event_key

#: How a call that leaves the queue unanswered left it, from the end reason the source gave.
_QUEUE_EXITS = {
    EndReason.NO_ANSWER.value: EventKind.EXIT_TIMEOUT,
    "timeout": EventKind.EXIT_TIMEOUT,
    EndReason.BUSY.value: EventKind.EXIT_EMPTY,
    "empty": EventKind.EXIT_EMPTY,
    "key": EventKind.EXIT_KEY,
}
_MID_CALL = frozenset({EventType.CALL_ANSWERED.value, EventType.CALL_TRANSFERRED.value, EventType.CALL_ENDED.value})
_LOGGED_IN_STATES = frozenset({AgentState.AVAILABLE.value, AgentState.PAUSED.value})
_RECORDED_STATES = _LOGGED_IN_STATES | {AgentState.OFFLINE.value}

__all__ = [
    "ACW_REASON",
    "LOGGED_IN_REASON",
    "SOURCE",
    "HubRecordState",
    "event_key",
    "hub_time",
    "is_repeat",
    "to_record",
]


@dataclass
class _Call:
    queue: str = ""
    entered: float | None = None  # when it entered the queue it waits in (or last waited in)
    entry_position: int | None = None
    waiting: bool = False
    ringing: dict[str, float] = field(default_factory=dict)  # agent → when the phone began to ring
    answered: float | None = None
    agent: str = ""  # who talks to the caller now
    transferred: bool = False
    # First heard of mid-call (a hub that restarted): its times before that are in the record, not here.
    joined_late: bool = False
    last: float = 0.0


@dataclass
class _Agent:
    state: str = ""  # "" while unknown (a hub that just started), else available, paused, offline
    reason: str = ""
    since: float = 0.0  # when the current state began
    acw_call: str = ""  # the call the current after-call work is for
    last_call: str = ""  # the last call this agent talked on
    last: float = 0.0


@dataclass
class HubRecordState:
    """What the mapping remembers between events: calls in progress, agents, calls that ended."""

    calls: OrderedDict[str, _Call] = field(default_factory=OrderedDict)
    agents: dict[str, _Agent] = field(default_factory=dict)
    ended: OrderedDict[str, float] = field(default_factory=OrderedDict)
    max_calls: int = MAX_CALLS
    max_ended: int = MAX_ENDED

    def track(self, call_id: str) -> _Call:
        call = self.calls.get(call_id)
        if call is None:
            call = self.calls[call_id] = _Call()
            while len(self.calls) > self.max_calls:
                self.calls.popitem(last=False)
        return call

    def forget(self, call_id: str, ts: float) -> None:
        self.calls.pop(call_id, None)
        self.ended[call_id] = ts
        while len(self.ended) > self.max_ended:
            self.ended.popitem(last=False)

    def position(self, call_id: str, queue: str, entered: float) -> int:
        """1 for the call at the head of its queue: those that entered before it and still wait, plus one."""
        ahead = sum(
            1
            for other_id, other in self.calls.items()
            if other_id != call_id
            and other.waiting
            and other.queue == queue
            and other.entered is not None
            and other.entered <= entered
        )
        return ahead + 1


def hub_time(ts: float) -> datetime:
    """The hub's epoch seconds as the record keeps times: naive UTC."""
    return datetime.fromtimestamp(ts, UTC).replace(tzinfo=None)


def event_key(event: CallEvent, ts: float, kind: EventKind, agent: str) -> str:
    """The record's key for what one hub event gives: the same event always gives the same key."""
    micros = round(ts * 1_000_000)
    key = f"{SOURCE}:{event.type}:{event.call_id}:{event.agent}:{micros}:{kind.value}"
    if agent != event.agent:
        key += f":{agent}"
    if len(key) > _KEY_LIMIT:
        key = f"{SOURCE}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def _seconds(start: float | None, end: float) -> float | None:
    return None if start is None else round(max(0.0, end - start), 3)


def _talk(call: _Call, now: float) -> float | None:
    # Measured from an answer this memory saw; a call joined late leaves it to the record's own answer time.
    return None if call.joined_late else _seconds(call.answered, now)


class _Out:
    """Collects the record events of one hub event."""

    def __init__(self, event: CallEvent, ts: float) -> None:
        self.event, self.ts, self.at = event, ts, hub_time(ts)
        self.items: list[ContactEventIn] = []

    def add(self, kind: EventKind, *, agent: str = "", queue: str = "", call_id: str = "", **data: Any) -> None:
        self.items.append(
            ContactEventIn(
                key=event_key(self.event, self.ts, kind, agent),
                occurred_at=self.at,
                kind=kind,
                source=SOURCE,
                call_id=call_id,
                queue=queue,
                agent=agent,
                data={k: v for k, v in data.items() if v is not None and v != ""},
            )
        )


def is_repeat(state: HubRecordState, event: CallEvent, ts: float) -> bool:
    """A call event about a call that already ended, or older than what the call already told: a replay."""
    if event.type not in _CALL_HANDLERS and event.type != EventType.CALL_RINGING:
        return False
    if event.call_id in state.ended:
        return True
    call = state.calls.get(event.call_id)
    return call is not None and ts < call.last


def to_record(state: HubRecordState, event: CallEvent, ts: float) -> list[ContactEventIn]:
    """The record events one hub event gives (often none), updating what ``state`` remembers."""
    if event.type == EventType.AGENT_STATE:
        return _agent_state(state, event, ts)
    if not event.call_id or is_repeat(state, event, ts):
        return []
    new = event.call_id not in state.calls
    call = state.track(event.call_id)
    if new and event.type in _MID_CALL:
        call.joined_late = True
    call.last = ts
    out = _Out(event, ts)
    handler = _CALL_HANDLERS.get(event.type)
    if handler is not None:
        handler(state, call, event, out)
    return out.items


# --- calls -----------------------------------------------------------------------------------------


def _queued(state: HubRecordState, call: _Call, event: CallEvent, out: _Out) -> None:
    if event.reason == EndReason.NO_ANSWER and event.agent:
        began = call.ringing.pop(event.agent, None)
        if began is not None:  # else: this ring's end was told already
            out.add(
                EventKind.RING_NO_ANSWER,
                agent=event.agent,
                queue=call.queue or event.queue,
                call_id=event.call_id,
                ring=_seconds(began, out.ts),
            )
        return
    if call.waiting:
        return  # still in the queue: a repeat, or the queue taking it back after a ring
    first = call.entered is None
    call.queue, call.entered, call.waiting = event.queue or call.queue, out.ts, True
    call.answered, call.transferred, call.agent = None, False, ""
    call.entry_position = state.position(event.call_id, call.queue, out.ts)
    out.add(
        EventKind.ENTERED_QUEUE,
        queue=call.queue,
        call_id=event.call_id,
        position=call.entry_position,
        ani=event.ani,
    )
    if first and event.dnis:
        out.add(EventKind.DIALLED_NUMBER, queue=call.queue, call_id=event.call_id, dnis=event.dnis)


def _offered(state: HubRecordState, call: _Call, event: CallEvent, out: _Out) -> None:
    if event.agent:
        call.ringing.setdefault(event.agent, out.ts)
    if event.queue and not call.queue:
        call.queue = event.queue


def _answered(state: HubRecordState, call: _Call, event: CallEvent, out: _Out) -> None:
    agent = event.agent
    if call.answered is not None:
        call.agent = agent or call.agent  # a transfer's target taking the call, or a repeat
        return
    began = call.ringing.get(agent)
    call.ringing.clear()
    call.answered, call.agent, call.waiting = out.ts, agent, False
    out.add(
        EventKind.ANSWERED,
        agent=agent,
        queue=call.queue or event.queue,
        call_id=event.call_id,
        wait=_seconds(call.entered, out.ts),
        ring=_seconds(began, out.ts),
        position=call.entry_position,
    )


def _transferred(state: HubRecordState, call: _Call, event: CallEvent, out: _Out) -> None:
    if call.transferred:
        return
    agent = event.agent or call.agent
    call.transferred, call.waiting = True, False
    if agent:
        state.agents.setdefault(agent, _Agent()).last_call = event.call_id
    out.add(
        EventKind.TRANSFERRED,
        agent=agent,
        queue=call.queue or event.queue,
        call_id=event.call_id,
        target=event.target,
        wait=_seconds(call.entered, call.answered) if call.answered is not None else None,
        talk=_talk(call, out.ts),
    )
    call.agent = event.target


def _ended(state: HubRecordState, call: _Call, event: CallEvent, out: _Out) -> None:
    queue = call.queue or event.queue
    if call.answered is not None or (call.transferred and call.agent):
        agent = call.agent or event.agent
        if agent:
            state.agents.setdefault(agent, _Agent()).last_call = event.call_id
        out.add(
            EventKind.ENDED,
            agent=agent,
            queue=queue,
            call_id=event.call_id,
            wait=_seconds(call.entered, call.answered) if call.answered is not None else None,
            talk=_talk(call, out.ts),
            ended_by=event.ended_by,
            reason=event.reason,
        )
    else:
        for agent, began in call.ringing.items():
            out.add(
                EventKind.RING_CANCELED, agent=agent, queue=queue, call_id=event.call_id, ring=_seconds(began, out.ts)
            )
        if call.waiting:
            kind = _QUEUE_EXITS.get(event.reason, EventKind.ABANDONED)
            assert call.entered is not None
            out.add(
                kind,
                queue=queue,
                call_id=event.call_id,
                position=state.position(event.call_id, call.queue, call.entered),
                entry_position=call.entry_position,
                wait=_seconds(call.entered, out.ts),
                ended_by=event.ended_by or ("caller" if kind is EventKind.ABANDONED else ""),
                reason=event.reason,
            )
    state.forget(event.call_id, out.ts)


_CALL_HANDLERS = {
    EventType.CALL_QUEUED.value: _queued,
    EventType.CALL_OFFERED.value: _offered,
    EventType.CALL_ANSWERED.value: _answered,
    EventType.CALL_TRANSFERRED.value: _transferred,
    EventType.CALL_ENDED.value: _ended,
}


# --- agents ----------------------------------------------------------------------------------------


def _agent_state(state: HubRecordState, event: CallEvent, ts: float) -> list[ContactEventIn]:
    new = event.state
    if new not in _RECORDED_STATES or not event.agent:
        return []  # ringing, busy: the call events tell those
    agent = state.agents.setdefault(event.agent, _Agent())
    if ts < agent.last:
        return []  # older than what this agent already told: a replay
    agent.last = ts
    reason = event.reason if new == AgentState.PAUSED else ""
    if (agent.state, agent.reason) == (new, reason):
        return []  # the same state told again
    out = _Out(event, ts)
    name = event.agent
    logged_in = agent.state in _LOGGED_IN_STATES
    if logged_in:
        _leave(agent, name, out)
    if new == AgentState.OFFLINE:
        if logged_in:
            out.add(EventKind.AGENT_LOGOUT, agent=name)
    else:
        if not logged_in:
            # First seen logged in (a login, or a hub that just started and hears the agent's state).
            out.add(EventKind.AGENT_LOGIN, agent=name)
        if new == AgentState.PAUSED and reason == ACW_REASON:
            agent.acw_call = agent.last_call
            out.add(EventKind.ACW_STARTED, agent=name, call_id=agent.acw_call)
        elif new == AgentState.PAUSED:
            out.add(EventKind.PAUSED, agent=name, reason=reason)
    agent.state, agent.reason, agent.since = new, reason, ts
    return out.items


def _leave(agent: _Agent, name: str, out: _Out) -> None:
    """End the pause or the after-call work the agent was in, if any."""
    if agent.state != AgentState.PAUSED:
        return
    if agent.reason == ACW_REASON:
        out.add(EventKind.ACW_ENDED, agent=name, call_id=agent.acw_call, acw=_seconds(agent.since, out.ts))
        agent.acw_call = ""
    else:
        out.add(EventKind.UNPAUSED, agent=name, reason=agent.reason, paused=_seconds(agent.since, out.ts))
