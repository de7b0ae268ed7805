"""What a KPI report is asked for and how its rows are keyed: the same for every way of computing it.

A request names a date range, a grouping and the thresholds; :class:`Keys` gives the group a call,
ring or interval joins, and :func:`windows` the report's days or intervals in naive UTC.
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
from agent_desk.store.models import BusinessLine, User

NO_KEY = "(none)"
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
        # Result has keys(): dict() would take it for a mapping.
        self.lines = {i: code for i, code in session.execute(select(BusinessLine.id, BusinessLine.code))}

    def agent(self, agent_id: int | None, pbx_name: str) -> str:
        user = self.users.get(agent_id) if agent_id is not None else self.by_pbx_name.get(pbx_name)
        return user.username if user is not None else (pbx_name or NO_KEY)

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
            case GroupBy.DAY:
                return local(at, request.zone).date().isoformat() if at else NO_KEY
            case GroupBy.INTERVAL:
                return interval_start(local(at, request.zone), request.interval_minutes) if at else NO_KEY


def interval_start(moment: datetime, minutes: int) -> str:
    floored = moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)
    return floored.strftime("%Y-%m-%d %H:%M")


def windows(request: ReportRequest) -> Iterator[tuple[str, datetime, datetime]]:
    """The report's days or intervals, keyed as its rows are, as naive UTC [start, end)."""
    step = timedelta(days=1) if request.by is GroupBy.DAY else timedelta(minutes=request.interval_minutes)
    local = datetime.combine(request.first_day, time(), request.zone)
    stop = datetime.combine(request.last_day + timedelta(days=1), time(), request.zone)
    while local < stop:
        nxt = (local + step).astimezone(request.zone)
        if request.by is GroupBy.DAY:
            nxt = datetime.combine(local.date() + timedelta(days=1), time(), request.zone)
        key = local.date().isoformat() if request.by is GroupBy.DAY else local.strftime("%Y-%m-%d %H:%M")
        yield key, naive_utc(local), naive_utc(nxt)
        local = nxt


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
    "INTERVAL_MINUTES",
    "NO_KEY",
    "TEXT_TIME_SLACK",
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
    "windows",
]
