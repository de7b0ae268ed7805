"""A KPI report over a date range, grouped by queue, business line, agent, day or interval.

Reads the record's ``calls`` facts and ``agent_state_intervals`` for the range and hands them to
the pure formulas of ``core.kpi*``; nothing here defines a figure. Days and intervals are those of
the centre's time zone (the database keeps naive UTC).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from agent_desk.core.kpi import CallFact, CallTally, KpiSettings, ratio
from agent_desk.core.kpi_agents import AgentTime, StateSpan, agent_times
from agent_desk.core.kpi_outcomes import Contact, Satisfaction, first_contact_resolution
from agent_desk.core.roles import supervises_floor, takes_calls
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.models import BusinessLine, Call, Disposition, FollowUp, Order, User

NO_KEY = "(none)"
INTERVAL_MINUTES = (15, 30, 60)


class KpiError(ServiceError, ValueError):
    """A report that cannot be made as asked; nothing was read."""

    messages: ClassVar[Mapping[str, str]] = {
        "kpi.range_backwards": "the report's last day {last} is before its first day {first}",
        "kpi.interval": "an interval is 15, 30 or 60 minutes, not {minutes}",
        "kpi.not_allowed": "the {role} role has no figures to report",
    }


class GroupBy(StrEnum):
    QUEUE = "queue"
    LINE = "line"
    AGENT = "agent"
    DAY = "day"
    INTERVAL = "interval"


@dataclass(frozen=True)
class ReportRequest:
    first_day: date
    last_day: date  # inclusive
    by: GroupBy
    settings: KpiSettings = field(default_factory=KpiSettings)
    interval_minutes: int = 30
    zone: tzinfo = field(default_factory=lambda: local_zone())

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise KpiError("kpi.range_backwards", first=self.first_day.isoformat(), last=self.last_day.isoformat())
        if self.interval_minutes not in INTERVAL_MINUTES:
            raise KpiError("kpi.interval", minutes=self.interval_minutes)

    def utc_window(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.first_day, time(), self.zone)
        end = datetime.combine(self.last_day + timedelta(days=1), time(), self.zone)
        return _naive_utc(start), _naive_utc(end)


@dataclass(frozen=True)
class Report:
    definitions: dict[str, Any]
    rows: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"definitions": self.definitions, "rows": self.rows}


def local_zone() -> tzinfo:
    """This computer's zone: a report's days are the centre's days, not UTC's."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def _local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)


@dataclass
class _Group:
    tally: CallTally
    time: AgentTime
    contacts: list[Contact]
    orders: int = 0
    revenue_cents: int = 0
    scores: list[int | None] | None = None


def kpi_report(session: Session, request: ReportRequest, *, now: datetime, viewer: CurrentUser | None = None) -> Report:
    """The report; ``now`` (naive UTC) ends the intervals still open.

    ``viewer`` None is the database's owner (the command line). Supervisors and admins see the
    whole floor; an agent sees their own calls and time only, whatever the grouping.
    """
    only = _own_figures(viewer)
    start, end = request.utc_window()
    users = {u.id: u for u in session.scalars(select(User))}
    by_pbx_name = {u.telephony_id: u for u in users.values() if u.telephony_id}
    # Result has keys(): dict() would take it for a mapping.
    lines = {i: code for i, code in session.execute(select(BusinessLine.id, BusinessLine.code))}
    resolving = {code: r for code, r in session.execute(select(Disposition.code, Disposition.resolves))}
    groups: dict[str, _Group] = defaultdict(lambda: _Group(CallTally(), AgentTime(), [], 0, 0, []))

    def agent_key(agent_id: int | None, pbx_name: str) -> str:
        user = users.get(agent_id) if agent_id is not None else by_pbx_name.get(pbx_name)
        return user.username if user is not None else (pbx_name or NO_KEY)

    def key_of(at: datetime | None, queue: str, line_id: int | None, agent_id: int | None, pbx: str) -> str:
        match request.by:
            case GroupBy.QUEUE:
                return queue or NO_KEY
            case GroupBy.LINE:
                return lines.get(line_id, NO_KEY) if line_id is not None else NO_KEY
            case GroupBy.AGENT:
                return agent_key(agent_id, pbx)
            case GroupBy.DAY:
                return _local(at, request.zone).date().isoformat() if at else NO_KEY
            case GroupBy.INTERVAL:
                return _interval_start(_local(at, request.zone), request.interval_minutes) if at else NO_KEY

    call_ids_by_key: dict[int, str] = {}
    for row in _calls_in(session, start, end, only):
        at = row.queued_at or row.offered_at
        key = key_of(at, row.queue, row.business_line_id, row.agent_id, row.agent_telephony_id)
        group = groups[key]
        group.tally.add(
            CallFact(at, row.outcome, row.wait_seconds, row.talk_seconds, row.hold_seconds, row.acw_seconds)
        )
        call_ids_by_key[row.id] = key
        if row.outcome in ("answered", "transferred"):
            group.contacts.append(
                Contact(
                    row.ani_e164 or "",
                    lines.get(row.business_line_id, row.dnis) if row.business_line_id else row.dnis,
                    at or start,
                    resolved=resolving.get(row.disposition_code) if row.disposition_code else None,
                )
            )
    if request.by is not GroupBy.LINE:  # a ring at an agent carries no business line
        _count_ring_no_answer(session, start, end, groups, key_of, by_pbx_name, only)
    _count_orders(session, call_ids_by_key, groups)
    _count_satisfaction(session, call_ids_by_key, groups)
    if request.by in (GroupBy.AGENT, GroupBy.DAY, GroupBy.INTERVAL):
        _add_agent_time(session, start, end, now, request, groups, agent_key, only)
    later = _later_contacts(session, start, end + timedelta(days=request.settings.fcr_days), lines)
    rows = [_row(request, key, g, later) for key, g in sorted(groups.items())]
    return Report(request.settings.definitions() | {"by": request.by.value, "zone": str(request.zone)}, rows)


def _own_figures(viewer: CurrentUser | None) -> CurrentUser | None:
    """The agent whose figures alone this viewer may see; None for the whole floor."""
    if viewer is None or supervises_floor(viewer.role):
        return None
    if takes_calls(viewer.role):
        return viewer
    raise KpiError("kpi.not_allowed", role=viewer.role)


def _interval_start(moment: datetime, minutes: int) -> str:
    floored = moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)
    return floored.strftime("%Y-%m-%d %H:%M")


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
    ).where(when >= start, when < end)
    if only is not None:
        query = query.where(Call.agent_id == only.id)
    yield from session.execute(query)


def _count_ring_no_answer(
    session: Session,
    start: datetime,
    end: datetime,
    groups: dict[str, _Group],
    key_of: Callable[..., str],
    by_pbx_name: dict[str, User],
    only: CurrentUser | None,
) -> None:
    query = select(ContactEvent.occurred_at, ContactEvent.queue, ContactEvent.agent).where(
        ContactEvent.kind == "ring_no_answer", ContactEvent.occurred_at >= start, ContactEvent.occurred_at < end
    )
    if only is not None:
        query = query.where(ContactEvent.agent == (only.telephony_id or ""))
    for at, queue, agent in session.execute(query):
        user = by_pbx_name.get(agent)
        groups[key_of(at, queue, None, user.id if user else None, agent)].tally.ring_no_answer += 1


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
    agent_key: Callable[[int | None, str], str],
    only: CurrentUser | None,
) -> None:
    query = select(AgentStateInterval).where(
        AgentStateInterval.started_at < end,
        or_(AgentStateInterval.ended_at.is_(None), AgentStateInterval.ended_at > start),
    )
    if only is not None:
        query = query.where(
            or_(AgentStateInterval.agent_id == only.id, AgentStateInterval.agent == (only.telephony_id or ""))
        )
    spans = [
        StateSpan(agent_key(i.agent_id, i.agent), i.state, i.started_at, i.ended_at, i.reason)
        for i in session.scalars(query)
    ]
    if request.by is GroupBy.AGENT:
        for agent, spent in agent_times(spans, start, end, now).items():
            groups[agent].time = groups[agent].time + spent
        return
    step = timedelta(days=1) if request.by is GroupBy.DAY else timedelta(minutes=request.interval_minutes)
    local = datetime.combine(request.first_day, time(), request.zone)
    stop = datetime.combine(request.last_day + timedelta(days=1), time(), request.zone)
    while local < stop:
        nxt = (local + step).astimezone(request.zone)
        if request.by is GroupBy.DAY:
            nxt = datetime.combine(local.date() + timedelta(days=1), time(), request.zone)
        window = [s for s in spans if s.started_at < _naive_utc(nxt)]
        per_agent = agent_times(window, _naive_utc(local), _naive_utc(nxt), now)
        if per_agent:
            key = local.date().isoformat() if request.by is GroupBy.DAY else local.strftime("%Y-%m-%d %H:%M")
            total = AgentTime()
            for t in per_agent.values():
                total = total + t
            if total.login_s or total.paused_s or key in groups:
                groups[key].time = groups[key].time + total
        local = nxt


def _later_contacts(session: Session, start: datetime, until: datetime, lines: dict[int, str]) -> list[Contact]:
    when = func.coalesce(Call.queued_at, Call.offered_at)
    return [
        Contact(ani, lines.get(line_id, dnis) if line_id else dnis, at)
        for ani, line_id, dnis, at in session.execute(
            select(Call.ani_e164, Call.business_line_id, Call.dnis, when).where(
                when >= start, when < until, Call.ani_e164.is_not(None)
            )
        )
        if ani and at is not None
    ]


def _row(request: ReportRequest, key: str, group: _Group, later: list[Contact]) -> dict[str, Any]:
    f = group.tally.figures(request.settings)
    spent = group.time.figures(handle_s=f.handle_s)
    fcr = first_contact_resolution(group.contacts, later, days=request.settings.fcr_days)
    csat = Satisfaction.of(group.scores or [])
    row: dict[str, Any] = {
        request.by.value: key,
        "offered": f.offered,
        "answered": f.answered,
        "abandoned": f.abandoned,
        "short_abandoned": f.short_abandoned,
        "timeout": f.timeout,
        "unfinished": f.unfinished,
        "answer_rate": _round(f.answer_rate),
        "service_level": _round(f.service_level),
        "asa_s": _round(f.asa_s, 1),
        "max_wait_s": f.max_wait_s,
        "avg_talk_s": _round(f.avg_talk_s, 1),
        "avg_hold_s": _round(f.avg_hold_s, 1),
        "avg_acw_s": _round(f.avg_acw_s, 1),
        "aht_s": _round(f.aht_s, 1),
        "talk_s": f.talk_s,
        "transfer_rate": _round(f.transfer_rate),
        "ring_no_answer": f.ring_no_answer,
        "fcr": _round(fcr.rate),
        "orders": group.orders,
        "conversion": _round(ratio(group.orders, f.answered)),
        "revenue_cents": group.revenue_cents,
        "csat": _round(csat.csat),
        "csat_mean": _round(csat.mean, 2),
    }
    if request.by is not GroupBy.QUEUE and request.by is not GroupBy.LINE:
        row |= {
            "login_s": spent.login_s,
            "paused_s": spent.paused_s,
            "not_ready_s": spent.not_ready_s,
            "occupancy": _round(spent.occupancy),
            "utilisation": _round(spent.utilisation),
        }
    return row


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


__all__ = ["GroupBy", "KpiError", "Report", "ReportRequest", "kpi_report"]
