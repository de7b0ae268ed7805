"""What one quarter hour of the KPI rollups sums, read from the record.

The calls of the quarter hour (queued, else offered, in it) with their orders, follow-up scores and
the same number's next call on the line; its ring-no-answer events; the closed state intervals that
overlap it. Each is added under every key it counts for: queue × line × agent (``f``), queue, line
and the floor, so that one pass over the record gives all of a quarter hour's rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from agent_desk.core.kpi import ANSWERED_OUTCOMES, CallFact
from agent_desk.core.kpi_outcomes import Satisfaction
from agent_desk.services.supervision.rollup_sums import (
    FCR_MAX_DAYS,
    AgentSums,
    CallSums,
    Periods,
    microseconds,
    repeat_days,
)
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.kpi_rollups import BUCKET, NO_ID, RING_AGENT_ID, bucket_of, buckets_between, contact_line
from agent_desk.store.models import BusinessLine, Call, Disposition, FollowUp, Order

_CHUNK = 500
_FLOOR = ("*", NO_ID, "")
_SECOND = timedelta(seconds=1)
Key = tuple[Any, ...]


@dataclass(frozen=True)
class CallIn:
    id: int
    at: datetime
    queue: str
    line_id: int | None
    agent_id: int | None
    agent: str
    outcome: str
    wait: int | None
    talk: int | None
    hold: int | None
    acw: int | None
    number: str
    dnis: str
    disposition: str | None


def call_keys(c: CallIn) -> tuple[Key, ...]:
    line = c.line_id or NO_ID
    return (
        ("f", c.queue, line, c.agent_id or NO_ID, c.agent),
        ("q", c.queue, NO_ID, NO_ID, ""),
        ("l", "", line, NO_ID, ""),
        ("*", "", NO_ID, NO_ID, ""),
    )


def ring_keys(queue: str, agent: str) -> tuple[Key, ...]:
    # A ring at an agent carries no business line: the line rows never count it.
    return (("f", queue, NO_ID, RING_AGENT_ID, agent), ("q", queue, NO_ID, NO_ID, ""), ("*", "", NO_ID, NO_ID, ""))


def eligible_for_fcr(c: CallIn, resolving: dict[str, bool]) -> bool | None:
    """Whether the call resolves (None: not eligible), as the raw report reads it."""
    if c.outcome in ANSWERED_OUTCOMES and c.number and c.disposition:
        return resolving.get(c.disposition)
    return None


def add_call(
    into: dict[Key, CallSums],
    c: CallIn,
    *,
    resolves: bool | None,
    next_at: datetime | None,
    orders: int = 0,
    revenue_cents: int = 0,
    csat: Satisfaction | None = None,
) -> None:
    fact = CallFact(c.at, c.outcome, c.wait, c.talk, c.hold, c.acw)
    within = repeat_days(next_at - c.at) if resolves and next_at is not None else None
    # CallSums.add_call, unrolled: a rebuild adds every call of the record four times.
    repeat = within is not None and within <= FCR_MAX_DAYS
    for key in call_keys(c):
        sums = into.get(key)
        if sums is None:
            sums = into[key] = CallSums()
        sums.tally.add(fact)
        if orders:
            sums.orders += orders
            sums.revenue_cents += revenue_cents
        if csat is not None:
            sums.csat_answered += csat.answered_surveys
            sums.csat_satisfied += csat.satisfied
            sums.csat_score += csat.total_score
        if resolves is not None:
            sums.fcr_eligible += 1
            if resolves:
                sums.fcr_resolving += 1
                if repeat:
                    sums.fcr_repeats[within] += 1  # type: ignore[index]


def add_span(
    into: dict[datetime, dict[Key, AgentSums]],
    span: Any,
    lo: datetime,
    hi: datetime,
    wanted: set[datetime] | None = None,
) -> None:
    """A closed interval's microseconds in each quarter hour of [lo, hi) it overlaps."""
    start, end = span.started_at, span.ended_at
    agent = ("a", span.agent_id or NO_ID, span.agent)
    for bucket in buckets_between(max(start, lo), min(end, hi)):
        if wanted is not None and bucket not in wanted:
            continue
        us = microseconds(min(end, bucket + BUCKET) - max(start, bucket))
        if us <= 0:
            continue
        rows = into.get(bucket)
        if rows is None:
            rows = into[bucket] = {}
        for key in (agent, _FLOOR):
            sums = rows.get(key)
            if sums is None:
                sums = rows[key] = AgentSums()
            sums.add_span(span.state, span.reason, us)


_CALL_COLUMNS = (
    Call.id,
    Call.queued_at,
    Call.offered_at,
    Call.queue,
    Call.business_line_id,
    Call.agent_id,
    Call.agent_telephony_id,
    Call.outcome,
    Call.wait_seconds,
    Call.talk_seconds,
    Call.hold_seconds,
    Call.acw_seconds,
    Call.ani_e164,
    Call.dnis,
    Call.disposition_code,
)


def call_in(row: Any) -> CallIn:
    return CallIn(
        row[0], row[1] or row[2], row[3] or "", row[4], row[5], row[6] or "", row[7] or "",
        row[8], row[9], row[10], row[11], row[12] or "", row[13] or "", row[14],
    )  # fmt: skip


def calls_between(session: Session, lo: datetime, hi: datetime, *, agent_id: int | None = None) -> list[CallIn]:
    """Calls whose time (queued, else offered) is in [lo, hi), read by the index on (queued, offered).

    The range is widened by a second and cut again here: SQLite compares times as text, and a bulk
    writer's ``10:00:00`` sorts before the bound ``10:00:00.000000`` of the same instant.
    """
    early = lo - _SECOND
    queries = [
        select(*_CALL_COLUMNS).where(Call.queued_at >= early, Call.queued_at < hi),
        select(*_CALL_COLUMNS).where(Call.queued_at.is_(None), Call.offered_at >= early, Call.offered_at < hi),
    ]
    if agent_id is not None:
        queries = [q.where(Call.agent_id == agent_id) for q in queries]
    return [c for q in queries for c in map(call_in, session.execute(q)) if lo <= c.at < hi]


def next_calls(session: Session, calls: Iterable[CallIn], codes: dict[int, str]) -> dict[int, datetime]:
    """Per call, the first later call from the same number to the same line (any outcome)."""
    wanted = [c for c in calls if c.number]
    numbers = sorted({c.number for c in wanted})
    series: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for i in range(0, len(numbers), _CHUNK):
        for number, line_id, dnis, queued, offered in session.execute(
            select(Call.ani_e164, Call.business_line_id, Call.dnis, Call.queued_at, Call.offered_at).where(
                Call.ani_e164.in_(numbers[i : i + _CHUNK])
            )
        ):
            if number and (when := queued or offered):
                series[(number, contact_line(line_id, dnis, codes))].append(when)
    for times in series.values():
        times.sort()
    found: dict[int, datetime] = {}
    for c in wanted:
        times = series.get((c.number, contact_line(c.line_id, c.dnis, codes)), [])
        after = bisect_right(times, c.at)
        if after < len(times):
            found[c.id] = times[after]
    return found


def outcomes_of(session: Session, ids: list[int]) -> tuple[dict[int, tuple[int, int]], dict[int, Satisfaction]]:
    """Per call, its orders (not drafts or cancelled) with their total, and its follow-up scores."""
    orders: dict[int, tuple[int, int]] = {}
    scores: dict[int, list[int]] = defaultdict(list)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        for call_id, total in session.execute(
            select(Order.call_id, Order.total_cents).where(
                Order.call_id.in_(chunk), Order.state.not_in(("draft", "cancelled"))
            )
        ):
            if call_id is None:
                continue
            n, revenue = orders.get(call_id, (0, 0))
            orders[call_id] = (n + 1, revenue + total)
        for call_id, score in session.execute(
            select(Order.call_id, FollowUp.satisfaction)
            .join(FollowUp, FollowUp.order_id == Order.id)
            .where(Order.call_id.in_(chunk), FollowUp.satisfaction.is_not(None))
        ):
            if call_id is not None and score is not None:
                scores[call_id].append(score)
    return orders, {call_id: Satisfaction.of(s) for call_id, s in scores.items()}


def rings_between(
    session: Session, lo: datetime, hi: datetime, *, agent: str | None = None
) -> list[tuple[datetime, str, str]]:
    query = select(ContactEvent.occurred_at, ContactEvent.queue, ContactEvent.agent).where(
        text("kind = 'ring_no_answer'"), ContactEvent.occurred_at >= lo - _SECOND, ContactEvent.occurred_at < hi
    )
    if agent is not None:
        query = query.where(ContactEvent.agent == agent)
    return [(at, queue, pbx) for at, queue, pbx in session.execute(query) if lo <= at < hi]


def closed_spans_between(session: Session, lo: datetime, hi: datetime) -> list[Any]:
    i = AgentStateInterval
    return list(
        session.execute(
            select(i.agent, i.agent_id, i.state, i.reason, i.started_at, i.ended_at).where(
                i.ended_at.is_not(None), i.ended_at > lo, i.started_at < hi
            )
        )
    )


@dataclass(frozen=True)
class Context:
    periods: Periods
    codes: dict[int, str]  # business line id → code
    resolving: dict[str, bool]  # disposition → resolves


def context(session: Session, zone: Any) -> Context:
    return Context(
        Periods(zone),
        dict(session.execute(select(BusinessLine.id, BusinessLine.code)).all()),
        dict(session.execute(select(Disposition.code, Disposition.resolves)).all()),
    )


def quarter_calls(
    session: Session, ctx: Context, lo: datetime, hi: datetime, wanted: set[datetime]
) -> dict[datetime, dict[Key, CallSums]]:
    """The call sums of the quarter hours ``wanted`` (within [lo, hi)), from the record."""
    calls = [c for c in calls_between(session, lo, hi) if bucket_of(c.at) in wanted]
    resolves = {c.id: eligible_for_fcr(c, ctx.resolving) for c in calls}
    nexts = next_calls(session, [c for c in calls if resolves[c.id]], ctx.codes)
    orders, csat = outcomes_of(session, sorted(c.id for c in calls))
    out: dict[datetime, dict[Key, CallSums]] = defaultdict(dict)
    for c in calls:
        n, revenue = orders.get(c.id, (0, 0))
        add_call(
            out[bucket_of(c.at)], c, resolves=resolves[c.id], next_at=nexts.get(c.id),
            orders=n, revenue_cents=revenue, csat=csat.get(c.id),
        )  # fmt: skip
    for at, queue, agent in rings_between(session, lo, hi):
        bucket = bucket_of(at)
        if bucket in wanted:
            for key in ring_keys(queue, agent):
                out[bucket].setdefault(key, CallSums()).tally.ring_no_answer += 1
    return out


def quarter_agents(
    session: Session, _ctx: Context, lo: datetime, hi: datetime, wanted: set[datetime]
) -> dict[datetime, dict[Key, AgentSums]]:
    out: dict[datetime, dict[Key, AgentSums]] = defaultdict(dict)
    for span in closed_spans_between(session, lo, hi):
        add_span(out, span, lo, hi, wanted)
    return out


__all__ = [
    "CallIn",
    "Context",
    "Key",
    "add_call",
    "add_span",
    "call_in",
    "call_keys",
    "calls_between",
    "context",
    "eligible_for_fcr",
    "quarter_agents",
    "quarter_calls",
    "ring_keys",
]
