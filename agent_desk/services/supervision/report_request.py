"""What a KPI report is asked for and how its rows are keyed: the same for every way of computing it.

A request names a date range, a grouping and the thresholds; :class:`Keys` gives the group a call,
ring or interval joins, and :func:`windows` the report's days, ISO weeks, months or intervals in
naive UTC. A team is the agent's team when the report is read, not when the call was taken.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from agent_desk.core.kpi import CallTally, KpiSettings
from agent_desk.core.kpi_agents import AgentTime
from agent_desk.core.kpi_outcomes import Fcr, Satisfaction
from agent_desk.core.roles import supervises_floor, takes_calls
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError
from agent_desk.services.supervision.rollup_sums import computer_zone
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.models import BusinessLine, Team, User

NO_KEY = "(none)"  # calls nobody answered (by agent or team), no queue, no line
NO_TEAM = "(no team)"  # calls of agents in no team (or not AgentDesk users at all)
INTERVAL_MINUTES = (15, 30, 60)


# SQLite compares times as text, and bulk writers leave out the microseconds: ``10:00:00`` sorts
# before the bound ``10:00:00.000000`` of the same instant. Readers ask for this much more and cut
# the rows to their window in Python.
TEXT_TIME_SLACK = timedelta(seconds=1)


class KpiError(ServiceError, ValueError):
    """A report that cannot be made as asked; nothing was read."""

    messages: ClassVar[Mapping[str, str]] = {
        "kpi.range_backwards": "the report's last day {last} is before its first day {first}",
        "kpi.interval": "an interval is 15, 30 or 60 minutes, not {minutes}",
        "kpi.not_allowed": "the {role} role has no figures to report",
        "kpi.other_team": "only the agents and teams you lead are shown to you, not {key}",
    }


class GroupBy(StrEnum):
    QUEUE = "queue"
    LINE = "line"
    AGENT = "agent"
    DAY = "day"
    INTERVAL = "interval"
    TEAM = "team"
    WEEK = "week"  # ISO week of the report's zone, "2026-W48"
    MONTH = "month"  # "2026-11"


#: Groupings by a stretch of the calendar: rows are the days, weeks or months of the range, cut to it.
CALENDAR = frozenset({GroupBy.DAY, GroupBy.WEEK, GroupBy.MONTH})
#: Groupings whose rows are periods of time (their windows are read one by one).
BY_TIME = CALENDAR | {GroupBy.INTERVAL}
#: Groupings whose rows are agents or sets of agents: each agent's time is read over the whole range.
BY_AGENTS = frozenset({GroupBy.AGENT, GroupBy.TEAM})
#: Groupings whose rows carry agent time (login, not ready, occupancy): all but queue and line.
WITH_AGENT_TIME = frozenset(GroupBy) - {GroupBy.QUEUE, GroupBy.LINE}


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
        return naive_utc(start), naive_utc(end)


@dataclass(frozen=True)
class Report:
    definitions: dict[str, Any]
    rows: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"definitions": self.definitions, "rows": self.rows}


def local_zone() -> tzinfo:
    """This computer's zone: a report's days are the centre's days, not UTC's. Its IANA zone where
    the system names one, so that a past day keeps the daylight-saving offset it had."""
    return computer_zone()


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)


@dataclass
class Sums:
    """What one report row is computed from, however it was read."""

    tally: CallTally
    time: AgentTime
    fcr: Fcr
    orders: int
    revenue_cents: int
    csat: Satisfaction


class Keys:
    """The group a call, ring or interval joins: one rule for both sources."""

    def __init__(self, session: Session, request: ReportRequest | None = None) -> None:
        self.request = request  # None: agent names only (a single call's record)
        self.users = {u.id: u for u in session.scalars(select(User))}
        self.by_pbx_name = {u.telephony_id: u for u in self.users.values() if u.telephony_id}
        self.by_username = {u.username: u for u in self.users.values()}
        self.teams = {i: name for i, name in session.execute(select(Team.id, Team.name))}
        # Result has keys(): dict() would take it for a mapping.
        self.lines = {i: code for i, code in session.execute(select(BusinessLine.id, BusinessLine.code))}

    def user(self, agent_id: int | None, pbx_name: str) -> User | None:
        """The AgentDesk user who took a call or rang (None: nobody, or a PBX name no user has)."""
        return self.users.get(agent_id) if agent_id is not None else self.by_pbx_name.get(pbx_name)

    def agent(self, agent_id: int | None, pbx_name: str) -> str:
        user = self.user(agent_id, pbx_name)
        return user.username if user is not None else (pbx_name or NO_KEY)

    def team(self, agent_id: int | None, pbx_name: str) -> str:
        """The agent's team now (a report rereads the past by today's teams), as :meth:`agent` finds them."""
        user = self.user(agent_id, pbx_name)
        if user is None:
            return NO_TEAM if pbx_name else NO_KEY
        return self.teams.get(user.team_id, NO_TEAM) if user.team_id is not None else NO_TEAM

    def call(self, at: datetime | None, queue: str, line_id: int | None, agent_id: int | None, pbx: str) -> str:
        request = self.request
        assert request is not None, "a call's key needs the report it is grouped for"
        match request.by:
            case GroupBy.QUEUE:
                return queue or NO_KEY
            case GroupBy.LINE:
                return self.lines.get(line_id, NO_KEY) if line_id is not None else NO_KEY
            case GroupBy.AGENT:
                return self.agent(agent_id, pbx)
            case GroupBy.TEAM:
                return self.team(agent_id, pbx)
            case GroupBy.DAY | GroupBy.WEEK | GroupBy.MONTH:
                return period_key(request.by, local(at, request.zone).date()) if at else NO_KEY
            case GroupBy.INTERVAL:
                return interval_start(local(at, request.zone), request.interval_minutes) if at else NO_KEY


def interval_start(moment: datetime, minutes: int) -> str:
    floored = moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)
    return floored.strftime("%Y-%m-%d %H:%M")


def period_key(by: GroupBy, day: date) -> str:
    """The row key of the day, ISO week or month a local day falls in."""
    if by is GroupBy.WEEK:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by is GroupBy.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def period_days(by: GroupBy, key: str) -> tuple[date, date]:
    """The local days [first, after) of a day, week or month key; ValueError for a key no report makes."""
    if by is GroupBy.WEEK:
        year, week = key.split("-W")
        first = date.fromisocalendar(int(year), int(week), 1)
        return first, first + timedelta(days=7)
    if by is GroupBy.MONTH:
        year, month = key.split("-")
        first = date(int(year), int(month), 1)
        return first, _next_period(GroupBy.MONTH, first)
    first = date.fromisoformat(key)
    return first, first + timedelta(days=1)


def _next_period(by: GroupBy, day: date) -> date:
    """The first day of the period after the one ``day`` is in."""
    if by is GroupBy.WEEK:
        return day + timedelta(days=7 - day.weekday())
    if by is GroupBy.MONTH:
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def windows(request: ReportRequest) -> Iterator[tuple[str, datetime, datetime]]:
    """The report's days, weeks, months or intervals, keyed as its rows are, as naive UTC [start, end).
    A week or month is cut to the range: a report from a Wednesday starts with the rest of its week."""
    zone = request.zone
    if request.by in CALENDAR:
        day, stop = request.first_day, request.last_day + timedelta(days=1)
        while day < stop:
            after = min(_next_period(request.by, day), stop)
            start, end = datetime.combine(day, time(), zone), datetime.combine(after, time(), zone)
            yield period_key(request.by, day), naive_utc(start), naive_utc(end)
            day = after
        return
    step = timedelta(minutes=request.interval_minutes)
    moment = datetime.combine(request.first_day, time(), zone)
    stop_at = datetime.combine(request.last_day + timedelta(days=1), time(), zone)
    while moment < stop_at:
        nxt = (moment + step).astimezone(zone)
        yield moment.strftime("%Y-%m-%d %H:%M"), naive_utc(moment), naive_utc(nxt)
        moment = nxt


def own_figures(viewer: CurrentUser | None) -> CurrentUser | None:
    """The agent whose figures alone this viewer may see; None for the whole floor (supervisors,
    admins, and the command line as the database's owner). Reports and drill-downs both ask here."""
    if viewer is None or supervises_floor(viewer.role):
        return None
    if takes_calls(viewer.role):
        return viewer
    raise KpiError("kpi.not_allowed", role=viewer.role)


def own_intervals(only: CurrentUser) -> Any:
    return or_(AgentStateInterval.agent_id == only.id, AgentStateInterval.agent == (only.telephony_id or ""))


__all__ = [
    "BY_AGENTS",
    "BY_TIME",
    "CALENDAR",
    "INTERVAL_MINUTES",
    "NO_KEY",
    "NO_TEAM",
    "TEXT_TIME_SLACK",
    "WITH_AGENT_TIME",
    "GroupBy",
    "Keys",
    "KpiError",
    "Report",
    "ReportRequest",
    "Sums",
    "interval_start",
    "local",
    "local_zone",
    "naive_utc",
    "own_figures",
    "own_intervals",
    "period_days",
    "period_key",
    "windows",
]
