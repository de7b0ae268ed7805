"""A KPI report computed from the record itself: the reference the rollups are checked against.

Reads the record's ``calls`` facts, their orders and follow-up scores, ring-no-answer events and
``agent_state_intervals`` for the range, call by call, and hands them to the formulas of ``core.kpi*``.
It serves the reports the rollups do not hold, the tests that prove the two agree, and the benchmark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from agent_desk.core.kpi import CallFact, CallTally
from agent_desk.core.kpi_agents import AgentTime, StateSpan, agent_times
from agent_desk.core.kpi_outcomes import Contact, Satisfaction, first_contact_resolution
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.supervision.report_request import (
    BY_AGENTS,
    TEXT_TIME_SLACK,
    WITH_AGENT_TIME,
    GroupBy,
    Keys,
    ReportRequest,
    Sums,
    own_intervals,
    windows,
)
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.kpi_rollups import contact_line
from agent_desk.store.models import Call, Disposition, FollowUp, Order


@dataclass
class _Group:
    tally: CallTally
    time: AgentTime
    contacts: list[Contact]
    orders: int = 0
    revenue_cents: int = 0
    scores: list[int | None] | None = None


def from_record(
    session: Session, request: ReportRequest, now: datetime, only: CurrentUser | None, keys: Keys
) -> dict[str, Sums]:
    start, end = request.utc_window()
    lines = keys.lines
    resolving = {code: r for code, r in session.execute(select(Disposition.code, Disposition.resolves))}
    groups: dict[str, _Group] = defaultdict(lambda: _Group(CallTally(), AgentTime(), [], 0, 0, []))
    call_ids_by_key: dict[int, str] = {}
    for row in _calls_in(session, start, end, only):
        at = row.queued_at or row.offered_at
        key = keys.call(at, row.queue, row.business_line_id, row.agent_id, row.agent_telephony_id)
        group = groups[key]
        group.tally.add(
            CallFact(at, row.outcome, row.wait_seconds, row.talk_seconds, row.hold_seconds, row.acw_seconds)
        )
        call_ids_by_key[row.id] = key
        if row.outcome in ("answered", "transferred"):
            group.contacts.append(
                Contact(
                    row.ani_e164 or "",
                    contact_line(row.business_line_id, row.dnis, lines),
                    at or start,
                    resolved=resolving.get(row.disposition_code) if row.disposition_code else None,
                )
            )
    if request.by is not GroupBy.LINE:  # a ring at an agent carries no business line
        _count_ring_no_answer(session, start, end, groups, keys, only)
    _count_orders(session, call_ids_by_key, groups)
    _count_satisfaction(session, call_ids_by_key, groups)
    if request.by in WITH_AGENT_TIME:
        _add_agent_time(session, start, end, now, request, groups, keys, only)
    later = _later_contacts(session, start, end + timedelta(days=request.settings.fcr_days), lines)
    days = request.settings.fcr_days
    return {
        key: Sums(
            g.tally,
            g.time,
            first_contact_resolution(g.contacts, later, days=days),
            g.orders,
            g.revenue_cents,
            Satisfaction.of(g.scores or []),
        )
        for key, g in groups.items()
    }


def _calls_in(session: Session, start: datetime, end: datetime, only: CurrentUser | None) -> Iterator[Any]:
    when = func.coalesce(Call.queued_at, Call.offered_at)
    query = select(
        Call.id,
        Call.queue,
        Call.business_line_id,
        Call.agent_id,
        Call.agent_telephony_id,
        Call.queued_at,
        Call.offered_at,
        Call.outcome,
        Call.wait_seconds,
        Call.talk_seconds,
        Call.hold_seconds,
        Call.acw_seconds,
        Call.ani_e164,
        Call.dnis,
        Call.disposition_code,
    ).where(when >= start - TEXT_TIME_SLACK, when < end)
    if only is not None:
        query = query.where(Call.agent_id == only.id)
    for row in session.execute(query):
        if start <= (row.queued_at or row.offered_at) < end:
            yield row


def _count_ring_no_answer(
    session: Session,
    start: datetime,
    end: datetime,
    groups: dict[str, _Group],
    keys: Keys,
    only: CurrentUser | None,
) -> None:
    query = select(ContactEvent.occurred_at, ContactEvent.queue, ContactEvent.agent).where(
        ContactEvent.kind == "ring_no_answer",
        ContactEvent.occurred_at >= start - TEXT_TIME_SLACK,
        ContactEvent.occurred_at < end,
    )
    if only is not None:
        query = query.where(ContactEvent.agent == (only.telephony_id or ""))
    for at, queue, agent in session.execute(query):
        if start <= at < end:
            user = keys.by_pbx_name.get(agent)
            groups[keys.call(at, queue, None, user.id if user else None, agent)].tally.ring_no_answer += 1


def _count_orders(session: Session, call_ids_by_key: dict[int, str], groups: dict[str, _Group]) -> None:
    ids = list(call_ids_by_key)
    for i in range(0, len(ids), 500):
        for call_id, total in session.execute(
            select(Order.call_id, Order.total_cents).where(
                Order.call_id.in_(ids[i : i + 500]), Order.state.not_in(("draft", "cancelled"))
            )
        ):
            if call_id is None:
                continue
            group = groups[call_ids_by_key[call_id]]
            group.orders += 1
            group.revenue_cents += total


def _count_satisfaction(session: Session, call_ids_by_key: dict[int, str], groups: dict[str, _Group]) -> None:
    ids = list(call_ids_by_key)
    for i in range(0, len(ids), 500):
        # A follow-up (回访) asks about a delivered order: its score belongs to the call that took it.
        for call_id, score in session.execute(
            select(Order.call_id, FollowUp.satisfaction)
            .join(FollowUp, FollowUp.order_id == Order.id)
            .where(Order.call_id.in_(ids[i : i + 500]), FollowUp.satisfaction.is_not(None))
        ):
            if call_id is None:
                continue
            scores = groups[call_ids_by_key[call_id]].scores
            assert scores is not None
            scores.append(score)


def _add_agent_time(
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime,
    request: ReportRequest,
    groups: dict[str, _Group],
    keys: Keys,
    only: CurrentUser | None,
) -> None:
    query = select(AgentStateInterval).where(
        AgentStateInterval.started_at < end,
        or_(AgentStateInterval.ended_at.is_(None), AgentStateInterval.ended_at > start),
    )
    if only is not None:
        query = query.where(own_intervals(only))
    key_of = keys.team if request.by is GroupBy.TEAM else keys.agent
    spans = [
        StateSpan(key_of(i.agent_id, i.agent), i.state, i.started_at, i.ended_at, i.reason)
        for i in session.scalars(query)
    ]
    if request.by in BY_AGENTS:  # an agent's or a team's time over the whole range
        for agent, spent in agent_times(spans, start, end, now).items():
            groups[agent].time = groups[agent].time + spent
        return
    for key, lo, hi in windows(request):
        per_agent = agent_times([s for s in spans if s.started_at < hi], lo, hi, now)
        if per_agent:
            total = AgentTime()
            for t in per_agent.values():
                total = total + t
            if total.login_s or total.paused_s or key in groups:
                groups[key].time = groups[key].time + total


def _later_contacts(session: Session, start: datetime, until: datetime, lines: dict[int, str]) -> list[Contact]:
    when = func.coalesce(Call.queued_at, Call.offered_at)
    return [
        Contact(ani, contact_line(line_id, dnis, lines), at)
        for ani, line_id, dnis, at in session.execute(
            select(Call.ani_e164, Call.business_line_id, Call.dnis, when).where(
                when >= start, when < until, Call.ani_e164.is_not(None)
            )
        )
        if ani and at is not None
    ]


__all__ = ["from_record"]
