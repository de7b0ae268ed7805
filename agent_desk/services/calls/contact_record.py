"""Writing the contact-centre record and deriving from it: per-call facts and agent state intervals.

Every writer (the hub live, a ``queue_log`` import) appends :class:`ContactEventIn` values here;
an event whose key is already recorded is skipped, so a replay never counts twice. The facts on
``calls`` and the rows of ``agent_state_intervals`` are then recomputed from the events alone, for
the calls and agents an append touched: derivation can run any number of times with one result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from agent_desk.core.contact_events import FINAL_KINDS, UNANSWERED_ENDS, ContactEventIn, EventKind
from agent_desk.services.calls.screen_pop import dnis_key
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.kpi_rollups import CALLS, bucket_of, mark_later
from agent_desk.store.models import BusinessLine, BusinessLineNumber, Call, User

_CHUNK = 500  # keys per IN (...) lookup: well under SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class Appended:
    new: int
    known: int
    calls: frozenset[str]
    agents: frozenset[str]


def agent_ids(session: Session) -> dict[str, int]:
    """The users the PBX knows by name (``SIP/8001``), for matching events to AgentDesk users."""
    return {
        telephony_id: user_id
        for telephony_id, user_id in session.execute(select(User.telephony_id, User.id))
        if telephony_id
    }


def append_events(session: Session, events: Sequence[ContactEventIn], users: Mapping[str, int]) -> Appended:
    """Add the events not yet in the record; returns how many were new and what they touched."""
    by_key = {e.key: e for e in events}
    known: set[str] = set()
    keys = list(by_key)
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        known.update(session.scalars(select(ContactEvent.event_key).where(ContactEvent.event_key.in_(chunk))))
    fresh = [e for k, e in by_key.items() if k not in known]
    if fresh:
        # A Core executemany: no ORM objects and no RETURNING of ids nobody reads (a queue_log
        # import appends millions; through the ORM PostgreSQL took four times as long).
        session.execute(
            insert(ContactEvent),
            [
                {
                    "event_key": e.key,
                    "occurred_at": e.occurred_at,
                    "source": e.source,
                    "kind": e.kind.value,
                    "call_id": e.call_id,
                    "queue": e.queue,
                    "agent": e.agent,
                    "agent_id": users.get(e.agent),
                    "data": dict(e.data),
                }
                for e in fresh
            ],
        )
        # Written past the ORM, so marked by hand: a ring at an agent counts in its quarter hour's KPIs.
        mark_later(session, ((bucket_of(e.occurred_at), CALLS) for e in fresh if e.kind is EventKind.RING_NO_ANSWER))
    return Appended(
        new=len(fresh),
        known=len(events) - len(fresh),
        calls=frozenset(e.call_id for e in fresh if e.call_id),
        agents=frozenset(e.agent for e in fresh if e.agent and e.kind in _AGENT_STATE_KINDS),
    )


# --- per-call facts ----------------------------------------------------------------------------


@dataclass
class CallFacts:
    call_id: str
    queue: str = ""
    ani: str = ""
    dnis: str = ""
    agent: str = ""
    queued_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    wait: int | None = None
    ring: int | None = None
    talk: int | None = None
    hold: int | None = None
    acw: int | None = None
    outcome: str = ""
    ended_by: str = ""


def facts_from(call_id: str, events: Iterable[ContactEvent]) -> CallFacts:
    """What the events of one call say about it, in the order they happened; nothing guessed.

    A time the event's data leaves out (a hub that restarted mid-call knows no start to measure from)
    is taken from the record's own times, which are the ones the data would have been measured on.
    """
    facts = CallFacts(call_id)
    for e in events:
        kind, data = EventKind(e.kind), e.data
        if kind is EventKind.ENTERED_QUEUE:
            facts.queued_at = facts.queued_at or e.occurred_at
            facts.queue, facts.ani = e.queue or facts.queue, str(data.get("ani") or facts.ani)
        elif kind is EventKind.DIALLED_NUMBER:
            facts.dnis = str(data.get("dnis") or facts.dnis)
        elif kind is EventKind.ANSWERED:
            if facts.answered_at is not None and not facts.outcome and e.agent == facts.agent:
                continue  # the same agent's answer told again (a hub rebuilding its calls after a restart)
            facts.answered_at, facts.agent, facts.queue = e.occurred_at, e.agent, e.queue or facts.queue
            facts.wait = _seconds(data, "wait", _between(facts.queued_at, e.occurred_at))
            facts.ring = _seconds(data, "ring")
            facts.outcome = ""
        elif kind in UNANSWERED_ENDS:
            facts.wait = _seconds(data, "wait", _between(facts.queued_at, e.occurred_at))
            facts.ended_at, facts.outcome = e.occurred_at, UNANSWERED_ENDS[kind]
        elif kind in (EventKind.ENDED, EventKind.TRANSFERRED):
            facts.talk = _seconds(data, "talk", _between(facts.answered_at, e.occurred_at))
            facts.hold = _seconds(data, "hold", facts.hold)
            facts.ended_at = e.occurred_at
            facts.agent = e.agent or facts.agent
            # A call transferred on stays transferred when it ends: its end gives the whole talk time.
            transferred = kind is EventKind.TRANSFERRED or facts.outcome == "transferred"
            facts.outcome = "transferred" if transferred else "answered"
            facts.ended_by = str(data.get("ended_by", ""))
        elif kind is EventKind.ACW_ENDED:
            acw = _seconds(data, "acw")
            if acw is not None:
                facts.acw = (facts.acw or 0) + acw
    return facts


def _seconds(data: Mapping[str, Any], key: str, default: int | None = None) -> int | None:
    value = data.get(key)
    return round(value) if isinstance(value, int | float) else default


def _between(start: datetime | None, end: datetime) -> int | None:
    return None if start is None else round(max(timedelta(0), end - start).total_seconds())


def derive_calls(session: Session, call_ids: Iterable[str], users: Mapping[str, int]) -> int:
    """Recompute the record's facts on ``calls`` for these platform call ids; creates missing rows."""
    ids = sorted(set(call_ids))
    lines = {q: i for q, i in session.execute(select(BusinessLine.queue_name, BusinessLine.id)) if q}
    numbers = dict(session.execute(select(BusinessLineNumber.dnis, BusinessLineNumber.business_line_id)).all())
    written = 0
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        grouped: dict[str, list[ContactEvent]] = defaultdict(list)
        for e in session.scalars(
            select(ContactEvent)
            .where(ContactEvent.call_id.in_(chunk))
            .order_by(ContactEvent.call_id, ContactEvent.occurred_at, ContactEvent.id)
        ):
            grouped[e.call_id].append(e)
        calls = {c.platform_call_id: c for c in session.scalars(select(Call).where(Call.platform_call_id.in_(chunk)))}
        for call_id, events in grouped.items():
            if not any(e.kind == EventKind.ENTERED_QUEUE for e in events) and call_id not in calls:
                continue  # agent events that carry a call id, for a call the record never saw queued
            facts = facts_from(call_id, events)
            call = calls.get(call_id)
            if call is None:
                call = Call(platform_call_id=call_id, ani=facts.ani[:40], dnis=facts.dnis[:32])
                session.add(call)
            _apply(call, facts, users, lines, numbers)
            written += 1
    session.flush()
    return written


def _apply(
    call: Call, facts: CallFacts, users: Mapping[str, int], lines: Mapping[str, int], numbers: Mapping[str, int]
) -> None:
    call.queue = call.queue or facts.queue
    call.dnis = call.dnis or facts.dnis[:32]
    call.ani = call.ani or facts.ani[:40]
    call.queued_at = facts.queued_at
    call.offered_at = call.offered_at or facts.queued_at
    call.answered_at = call.answered_at or facts.answered_at
    call.ended_at = call.ended_at or facts.ended_at
    call.wait_seconds, call.ring_seconds, call.talk_seconds = facts.wait, facts.ring, facts.talk
    call.hold_seconds, call.acw_seconds = facts.hold, facts.acw
    call.outcome = facts.outcome
    if facts.agent:
        call.agent_telephony_id = call.agent_telephony_id or facts.agent[:64]
        call.agent_id = call.agent_id or users.get(facts.agent)
    if call.business_line_id is None:
        call.business_line_id = numbers.get(dnis_key(call.dnis)) if call.dnis else None
        call.business_line_id = call.business_line_id or lines.get(call.queue)
    if not call.end_reason and facts.outcome:
        call.end_reason = {"answered": "completed", "transferred": "completed"}.get(facts.outcome, "abandoned")


# --- agent state intervals ----------------------------------------------------------------------

_AGENT_STATE_KINDS = frozenset(
    {
        EventKind.PAUSED,
        EventKind.UNPAUSED,
        EventKind.AGENT_LOGIN,
        EventKind.AGENT_LOGOUT,
        EventKind.ACW_STARTED,
        EventKind.ACW_ENDED,
    }
)
# What opens an interval (its state) and what closes the one of that state.
_OPENS = {EventKind.PAUSED: "not_ready", EventKind.AGENT_LOGIN: "logged_in", EventKind.ACW_STARTED: "acw"}
_CLOSES = {EventKind.UNPAUSED: "not_ready", EventKind.AGENT_LOGOUT: "logged_in", EventKind.ACW_ENDED: "acw"}


def derive_agent_intervals(
    session: Session,
    agents: Iterable[str],
    users: Mapping[str, int],
    *,
    since: Mapping[str, datetime] | None = None,
) -> int:
    """Recompute the state intervals of these agents from their events; returns how many it looked at.

    With ``since`` (agent → the time of its earliest new event) only the events from then on are
    read, starting from the intervals that were open then: what a live writer needs, so each append
    costs the agent's latest events rather than its whole history. The result is the same.
    """
    total = 0
    for agent in sorted(set(agents)):
        start = since.get(agent) if since else None
        kinds = [k.value for k in _AGENT_STATE_KINDS]
        query = select(ContactEvent).where(ContactEvent.agent == agent, ContactEvent.kind.in_(kinds))
        intervals = select(AgentStateInterval).where(AgentStateInterval.agent == agent)
        open_by_state: dict[str, AgentStateInterval] = {}
        if start is not None:
            query = query.where(ContactEvent.occurred_at >= start)
            intervals = intervals.where(AgentStateInterval.started_at >= start)
            open_by_state = _open_at(session, agent, start)
        events = session.scalars(query.order_by(ContactEvent.occurred_at, ContactEvent.id)).all()
        existing = {i.opened_by: i for i in session.scalars(intervals)}
        for e in events:
            kind = EventKind(e.kind)
            state = _OPENS.get(kind) or _CLOSES[kind]
            current = open_by_state.pop(state, None)
            if kind in _CLOSES:
                if current is not None and current.ended_at != e.occurred_at:
                    current.ended_at, current.end_mark = e.occurred_at, ""
                continue
            if current is not None and current.ended_at is None:
                # A second pause without an unpause (PAUSE break, then PAUSE lunch): the first ends here.
                current.ended_at = e.occurred_at
            interval = existing.get(e.event_key)
            if interval is None:
                interval = AgentStateInterval(
                    opened_by=e.event_key,
                    agent=agent,
                    agent_id=users.get(agent),
                    state=state,
                    reason=str(e.data.get("reason", ""))[:30],
                    started_at=e.occurred_at,
                    ended_at=None,
                    end_mark="",
                    source=e.source,
                )
                session.add(interval)
                existing[e.event_key] = interval
            open_by_state[state] = interval
        total += len(existing)
    session.flush()
    return total


def _open_at(session: Session, agent: str, at: datetime) -> dict[str, AgentStateInterval]:
    """Per state, the interval the agent's events before ``at`` left current, unless it had ended by then."""
    current: dict[str, AgentStateInterval] = {}
    for state in sorted(set(_OPENS.values())):
        latest = session.scalars(
            select(AgentStateInterval)
            .where(
                AgentStateInterval.agent == agent,
                AgentStateInterval.state == state,
                AgentStateInterval.started_at < at,
            )
            .order_by(AgentStateInterval.started_at.desc(), AgentStateInterval.id.desc())
            .limit(1)
        ).first()
        if latest is not None and (latest.ended_at is None or latest.ended_at >= at):
            current[state] = latest
    return current


def close_open_intervals(session: Session, at: datetime, *, source: str, mark: str = "restart") -> int:
    """End every interval of ``source`` still open at ``at`` (a hub that restarted mid-state), marked so."""
    count = 0
    for interval in session.scalars(
        select(AgentStateInterval).where(AgentStateInterval.source == source, AgentStateInterval.ended_at.is_(None))
    ):
        interval.ended_at, interval.end_mark = max(at, interval.started_at), mark
        count += 1
    session.flush()
    return count


def seconds_by_agent(session: Session, state: str, *, until: datetime | None = None) -> dict[str, float]:
    """Seconds each agent spent in ``state`` (closed intervals; open ones up to ``until`` if given)."""
    totals: dict[str, float] = defaultdict(float)
    for agent, started, ended in session.execute(
        select(AgentStateInterval.agent, AgentStateInterval.started_at, AgentStateInterval.ended_at).where(
            AgentStateInterval.state == state
        )
    ):
        end = ended or until
        if end is not None:
            totals[agent] += max(timedelta(0), end - started).total_seconds()
    return dict(totals)


__all__ = [
    "FINAL_KINDS",
    "Appended",
    "CallFacts",
    "agent_ids",
    "append_events",
    "close_open_intervals",
    "derive_agent_intervals",
    "derive_calls",
    "facts_from",
    "seconds_by_agent",
]
