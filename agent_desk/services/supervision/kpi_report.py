"""A KPI report over a date range, grouped by queue, business line, agent, team, day, ISO week, month
or interval.

Reads the KPI rollups (``rollups``: sums per quarter hour, day, week and month, recomputed first
where the record changed) and hands the sums to the pure formulas of ``core.kpi*``; nothing here
defines a figure. ``source="raw"`` computes the same report from the record itself (the calls, their
orders and follow-ups, ring-no-answer events and state intervals): the tests and the benchmark
check that the two agree, and it serves the few reports the rollups cannot (see
:func:`_rollups_answer`). Days, weeks, months and intervals are those of the centre's time zone
(the database keeps naive UTC). Who sees which rows is decided in ``scope``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.kpi import ratio
from agent_desk.core.kpi_agents import AgentTime, StateSpan, agent_times
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.supervision import rollup_read
from agent_desk.services.supervision.kpi_record import from_record
from agent_desk.services.supervision.report_request import (
    BY_AGENTS,
    BY_TIME,
    CALENDAR,
    INTERVAL_MINUTES,
    NO_KEY,
    NO_TEAM,
    WITH_AGENT_TIME,
    GroupBy,
    Keys,
    KpiError,
    Report,
    ReportRequest,
    Sums,
    local_zone,
    own_intervals,
    windows,
)
from agent_desk.services.supervision.rollup_sums import FCR_MAX_DAYS, AgentSums, CallSums, Periods
from agent_desk.services.supervision.rollups import refresh, rollup_zone
from agent_desk.services.supervision.scope import scope_of
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.kpi_rollups import bucket_of

Source = Literal["rollups", "raw"]


def kpi_report(
    session: Session,
    request: ReportRequest,
    *,
    now: datetime,
    viewer: CurrentUser | None = None,
    source: Source = "rollups",
) -> Report:
    """The report; ``now`` (naive UTC) ends the intervals still open.

    ``viewer`` None is the database's owner (the command line). Admins see everything; supervisors
    the centre's totals, and by agent or team only the teams they lead; an agent their own calls
    and time only, whatever the grouping (``scope``). From the rollups (the default), the quarter
    hours of the range whose record changed are recomputed and committed first, on a session of
    their own.
    """
    scope = scope_of(session, viewer)
    only = scope.only
    keys = Keys(session, request)
    if source == "rollups" and _rollups_answer(request):
        groups = _from_rollups(session, request, now, only, keys)
    else:
        groups = from_record(session, request, now, only, keys)
    rows = [_row(request, key, g) for key, g in sorted(groups.items()) if scope.shows_row(request.by, key, keys)]
    return Report(request.settings.definitions() | {"by": request.by.value, "zone": str(request.zone)}, rows)


def _rollups_answer(request: ReportRequest) -> bool:
    """Whether the rollups hold this report: first-contact resolution within the days they keep, and
    days (or intervals) that begin on quarter hours, as every zone's do since local mean time ended."""
    if request.settings.fcr_days > FCR_MAX_DAYS:
        return False
    bounds = list(request.utc_window())
    if request.by in BY_TIME:
        bounds += [moment for _key, start, end in windows(request) for moment in (start, end)]
    return all(bucket_of(moment) == moment for moment in bounds)


# --- from the rollups ----------------------------------------------------------------------------


@dataclass
class _Rolled:
    calls: CallSums = field(default_factory=CallSums)
    time: AgentTime = field(default_factory=AgentTime)


def _from_rollups(
    session: Session, request: ReportRequest, now: datetime, only: CurrentUser | None, keys: Keys
) -> dict[str, Sums]:
    start, end = request.utc_window()
    with Session(session.get_bind()) as s:
        with s.begin():
            refresh(s, start, end)
        zone = rollup_zone(s)
        periods = Periods(zone) if zone is not None else None
        groups: dict[str, _Rolled] = defaultdict(_Rolled)
        for key, sums in _rolled_calls(s, request, start, end, only, keys, periods).items():
            groups[key].calls = sums
        if request.by in WITH_AGENT_TIME:
            _rolled_time(s, request, start, end, now, only, keys, periods, groups)
    days = request.settings.fcr_days
    return {
        key: Sums(
            g.calls.tally, g.time, g.calls.fcr(days), g.calls.orders, g.calls.revenue_cents, g.calls.satisfaction()
        )
        for key, g in groups.items()
    }


def _rolled_calls(
    s: Session,
    request: ReportRequest,
    start: datetime,
    end: datetime,
    only: CurrentUser | None,
    keys: Keys,
    periods: Periods | None,
) -> dict[str, CallSums]:
    by, table = request.by, rollup_read.CALL_TABLE
    if only is not None:
        rows = rollup_read.own_rows(s, table, start, end, only.id, only.telephony_id or "")
        return rollup_read.call_groups(rows, keys.call, rings=by is not GroupBy.LINE)
    if by is GroupBy.INTERVAL:
        where = rollup_read.cover(start, end, None)
    elif by in CALENDAR:
        # Each day, week or month by itself: a whole week or month of the rollup zone is one row,
        # a week cut by the range (or in another zone) its days and quarter hours.
        where = rollup_read.Cover()
        for _key, day_start, day_end in windows(request):
            where.add(rollup_read.cover(day_start, day_end, periods))
    else:
        where = rollup_read.cover(start, end, periods)
    if by in BY_AGENTS:
        dims = ("a", "f")  # the agents' rows: quarter hours of queue × line × agent
    else:
        dims = {GroupBy.QUEUE: ("q", "q"), GroupBy.LINE: ("l", "l")}.get(by, ("*", "*"))
    return rollup_read.call_groups(rollup_read.rows_of(s, table, dims, where), keys.call)


def _rolled_time(
    s: Session,
    request: ReportRequest,
    start: datetime,
    end: datetime,
    now: datetime,
    only: CurrentUser | None,
    keys: Keys,
    periods: Periods | None,
    groups: dict[str, _Rolled],
) -> None:
    """Closed intervals from the rollups, the few still open (agents logged in now) from the record."""
    table = rollup_read.AGENT_TABLE
    by_agents = request.by in BY_AGENTS
    key_of = keys.team if request.by is GroupBy.TEAM else keys.agent
    query = select(AgentStateInterval).where(AgentStateInterval.ended_at.is_(None), AgentStateInterval.started_at < end)
    if only is not None:
        query = query.where(own_intervals(only))
    opened = [StateSpan(key_of(i.agent_id, i.agent), i.state, i.started_at, None, i.reason) for i in s.scalars(query)]
    spans = list(windows(request)) if not by_agents else [("", start, end)]
    if only is not None:
        rows = rollup_read.own_rows(s, table, start, end, only.id, only.telephony_id or "")
    else:
        where = rollup_read.Cover()
        for _key, lo, hi in spans:
            where.add(rollup_read.cover(lo, hi, periods if request.by is not GroupBy.INTERVAL else None))
        dims = ("a", "a") if by_agents else ("*", "*")
        rows = rollup_read.rows_of(s, table, dims, where)
    if by_agents:
        # An agent's (or a team's) time over the whole range: their rows, summed under the row's key.
        closed_by_agent = rollup_read.agent_groups(rows, key_of)
        spent = agent_times(opened, start, end, now)
        for agent in closed_by_agent.keys() | spent.keys():
            total = closed_by_agent[agent].time() if agent in closed_by_agent else AgentTime()
            groups[agent].time = groups[agent].time + total + spent.get(agent, AgentTime())
        return
    by_start = rollup_read.sums_by_start(rows)
    starts = [at for at, _sums in by_start]
    for key, lo, hi in spans:
        closed = AgentSums()
        for _at, sums in by_start[bisect_left(starts, lo) : bisect_left(starts, hi)]:
            closed.merge(sums)
        per_agent = agent_times([sp for sp in opened if sp.started_at < hi], lo, hi, now)
        if closed.empty and not per_agent:
            continue
        total = closed.time()
        for t in per_agent.values():
            total = total + t
        if total.login_s or total.paused_s or key in groups:
            groups[key].time = groups[key].time + total


# --- one row -----------------------------------------------------------------------------------------


def _exact(time: AgentTime) -> AgentTime:
    """Seconds to the record's microsecond: sums of the same intervals added in another order agree."""
    reasons = {reason: round(seconds, 6) for reason, seconds in time.not_ready_s.items()}
    return AgentTime(round(time.login_s, 6), round(time.acw_state_s, 6), reasons)


def _row(request: ReportRequest, key: str, group: Sums) -> dict[str, Any]:
    f = group.tally.figures(request.settings)
    spent = _exact(group.time).figures(handle_s=f.handle_s)
    fcr, csat = group.fcr, group.csat
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
    if request.by in WITH_AGENT_TIME:
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


__all__ = [
    "INTERVAL_MINUTES",
    "NO_KEY",
    "NO_TEAM",
    "GroupBy",
    "KpiError",
    "Report",
    "ReportRequest",
    "Source",
    "kpi_report",
    "local_zone",
]
