"""The day as it goes: per interval, the positions required, scheduled (the plan's shifts outside
their breaks) and actually working (the agent state intervals), with the gap; and per agent their
adherence to the plan. The rules are ``core.shift_adherence``'s (docs/staffing.md, "Adherence").

The plan is the published one covering the day unless one is named; the positions required are
the plan's own (kept in its summary when it was built) unless given. A state interval belongs to
the user it names, or to the user whose PBX name it carries; agents AgentDesk does not know still
count among those working. For supervisors and administrators (``viewer`` None: the command line).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from agent_desk.core.kpi_agents import StateSpan
from agent_desk.core.shift_adherence import actual_agents, adherence, working_time
from agent_desk.core.shift_times import Shift, coverage, naive_utc, plan_intervals
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.plan_codes import PlanError, may_plan
from agent_desk.services.staffing.plans import published_plan_on, shifts_of_plan
from agent_desk.services.supervision.report_request import TEXT_TIME_SLACK
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.models import User
from agent_desk.store.staffing import ShiftPlan


@dataclass(frozen=True)
class IntervalFigures:
    start: datetime  # naive UTC
    local_start: str  # "YYYY-MM-DD HH:MM" on the plan's clock
    required: int
    scheduled: float  # positions working by the plan
    actual: float | None  # agents working; None before the interval begins
    gap: float | None  # actual − required: below 0 is short

    @property
    def short(self) -> bool:
        """The interval to highlight: fewer agents working than required."""
        return self.gap is not None and self.gap < 0


@dataclass(frozen=True)
class AgentFigures:
    user_id: int
    username: str
    display_name: str
    scheduled_s: float  # their shift's time so far
    in_adherence_s: float
    working_s: float
    break_s: float
    adherence: float | None  # in_adherence ÷ scheduled; None before the shift begins


@dataclass(frozen=True)
class DayAdherence:
    day: date
    plan_id: int
    zone: str
    interval_minutes: int
    intervals: list[IntervalFigures]
    agents: list[AgentFigures]


def day_adherence(
    session: Session,
    viewer: CurrentUser | None,
    day: date,
    *,
    now: datetime,
    plan_id: int | None = None,
    required: Sequence[int] | None = None,
) -> DayAdherence:
    may_plan(viewer)
    plan = _plan(session, day, plan_id)
    zone = ZoneInfo(plan.zone)
    minutes = plan.interval_minutes
    start = naive_utc(datetime.combine(day, time(), tzinfo=zone))
    end = naive_utc(datetime.combine(day + timedelta(days=1), time(), tzinfo=zone))
    starts = plan_intervals(day, day, minutes, zone)
    needed = _required(plan, day, starts, required)

    # Shifts of the day before may run past midnight into this one.
    shifts = [s for s in shifts_of_plan(session, plan.id) if s.start < end and s.end > start]
    scheduled = coverage((s.as_shift() for s in shifts), starts, minutes)
    working = working_time(_spans(session, start, end), now)
    actual = actual_agents(working.values(), starts, minutes, now)
    intervals = [
        IntervalFigures(
            at,
            at.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            need,
            round(plan_here, 4),
            None if real is None else round(real, 4),
            None if real is None else round(real - need, 4),
        )
        for at, need, plan_here, real in zip(starts, needed, scheduled, actual, strict=True)
    ]
    by_user: dict[int, list[Shift]] = defaultdict(list)
    names: dict[int, tuple[str, str]] = {}
    for s in shifts:
        by_user[s.user_id].append(s.as_shift())
        names[s.user_id] = (s.username, s.display_name)
    until = min(end, max(now, start))
    agents = []
    for user_id, theirs in sorted(by_user.items(), key=lambda item: names[item[0]][0]):
        figures = adherence(theirs, working.get(str(user_id), []), start, until)
        username, display = names[user_id]
        agents.append(
            AgentFigures(
                user_id,
                username,
                display,
                figures.scheduled_s,
                figures.in_adherence_s,
                figures.working_s,
                figures.break_s,
                None if figures.ratio is None else round(figures.ratio, 4),
            )
        )
    return DayAdherence(day, plan.id, plan.zone, minutes, intervals, agents)


def _plan(session: Session, day: date, plan_id: int | None) -> ShiftPlan:
    if plan_id is not None:
        plan = session.get(ShiftPlan, plan_id)
        if plan is None:
            raise PlanError("staffing.plan.unknown", plan_id=plan_id)
        if not plan.first_day <= day <= plan.last_day:
            raise PlanError(
                "staffing.plan.day_outside",
                day=day.isoformat(),
                plan_id=plan.id,
                first=plan.first_day.isoformat(),
                last=plan.last_day.isoformat(),
            )
        return plan
    found = published_plan_on(session, day)
    if found is None:
        raise PlanError("staffing.plan.no_published_plan", day=day.isoformat())
    return found


def _required(plan: ShiftPlan, day: date, starts: list[datetime], given: Sequence[int] | None) -> list[int]:
    if given is not None:
        if len(given) != len(starts):
            raise PlanError("staffing.plan.required_count", given=len(given), day=day.isoformat(), expected=len(starts))
        return list(given)
    every = plan_intervals(plan.first_day, plan.last_day, plan.interval_minutes, ZoneInfo(plan.zone))
    kept = json.loads(plan.summary or "{}").get("required") or []
    by_start = dict(zip(every, kept, strict=False))
    return [int(by_start.get(at, 0)) for at in starts]


def _spans(session: Session, start: datetime, end: datetime) -> list[StateSpan]:
    """The day's state intervals, each keyed by its user's id (or the PBX name AgentDesk does not know)."""
    by_pbx = {pbx: user_id for user_id, pbx in session.execute(select(User.id, User.telephony_id)) if pbx}
    query = select(AgentStateInterval).where(
        AgentStateInterval.started_at < end + TEXT_TIME_SLACK,
        or_(AgentStateInterval.ended_at.is_(None), AgentStateInterval.ended_at > start - TEXT_TIME_SLACK),
    )
    spans = []
    for row in session.scalars(query):
        user = row.agent_id if row.agent_id is not None else by_pbx.get(row.agent)
        key = str(user) if user is not None else f"pbx:{row.agent}"
        spans.append(StateSpan(key, row.state, row.started_at, row.ended_at, row.reason))
    return spans


__all__ = ["AgentFigures", "DayAdherence", "IntervalFigures", "day_adherence"]
