"""Shift plans: built by the solver from the positions required, edited by hand, published, and read
by the agents whose shifts they are.

- :func:`build_plan` turns the positions required per interval into a draft plan: the templates in
  use (``rota``) and each agent's limits go to ``core.shift_solver``; every planned shift keeps its
  start, end and breaks in naive UTC, worked out from the template's local time in the plan's zone
  (``core.shift_times``: the clock's changes are the zone's business, not the rota's). Shifts
  already published in other plans on the days around count towards the week's hours and the rest.
  The plan's ``summary`` keeps what the solver said and the positions required and scheduled.
- :func:`edit_shift` sets one agent's shift on one day (a template, or none), checked against the
  agent's rest and weekly hours; it works on drafts and published plans alike (agents see the
  change) and records who made it.
- :func:`publish_plan` makes a draft what the agents see; a plan is published once, and not over
  days another published plan covers.
- :func:`my_shifts` is an agent's own published shifts.

Supervisors and administrators plan (``viewer`` None is the command line); agents only read their
own published shifts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.shift_solver import DEFAULT_TIME_LIMIT_S, PlanProblem, ShiftSolverError, solve
from agent_desk.core.shift_times import (
    AgentLimits,
    Shift,
    ShiftRuleError,
    coverage,
    plan_intervals,
    rota_problems,
    shift_on,
    week_of,
)
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.plan_codes import PlanError, as_plan_error, may_plan
from agent_desk.services.staffing.rota import (
    AgentLimitsView,
    TemplateView,
    add_template,
    agent_limits,
    plannable,
    plannable_user,
    remove_template,
    set_agent_limits,
    template_by_id,
    templates,
    update_template,
)
from agent_desk.store.models import User
from agent_desk.store.staffing import PlannedShift, ShiftPlan, ShiftTemplate

INTERVAL_MINUTES = (15, 30, 60)
MAX_PLAN_DAYS = 31


@dataclass(frozen=True)
class PlanView:
    id: int
    first_day: date
    last_day: date
    interval_minutes: int
    status: str  # draft, published
    zone: str
    published_at: datetime | None
    summary: dict[str, Any]  # solver status, seconds, cost, under/over hours, required and scheduled


@dataclass(frozen=True)
class ShiftView:
    id: int
    plan_id: int
    user_id: int
    username: str
    display_name: str
    day: date  # the local day it starts on
    start: datetime  # naive UTC
    end: datetime
    breaks: tuple[tuple[datetime, datetime], ...]
    template_id: int | None
    template_name: str
    edited: bool  # changed by hand after the solver

    def as_shift(self) -> Shift:
        return Shift(self.day, self.start, self.end, self.breaks, self.template_id)


def build_plan(
    session: Session,
    viewer: CurrentUser | None,
    first_day: date,
    last_day: date,
    required: Sequence[int],
    *,
    interval_minutes: int = 30,
    zone: ZoneInfo,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> PlanView:
    """A draft plan covering ``required`` positions per interval (the plan's intervals in order,
    from local midnight of ``first_day``: :func:`core.shift_times.plan_intervals`)."""
    may_plan(viewer)
    if last_day < first_day:
        raise PlanError("staffing.plan.range_backwards", first=first_day.isoformat(), last=last_day.isoformat())
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    if len(days) > MAX_PLAN_DAYS:
        raise PlanError("staffing.plan.too_long", limit=MAX_PLAN_DAYS, days=len(days))
    if interval_minutes not in INTERVAL_MINUTES:
        raise PlanError("staffing.plan.interval", minutes=interval_minutes)
    offered = templates(session, viewer)
    if not offered:
        raise PlanError("staffing.plan.no_templates")
    agents = [limits for _view, limits in plannable(session) if limits.available]
    if not agents:
        raise PlanError("staffing.plan.no_agents")
    booked = _booked(session, [a.id for a in agents], first_day, last_day)
    agents = [AgentLimits(a.id, a.max_hours_week, a.min_rest_hours, True, booked=booked.get(a.id, ())) for a in agents]
    starts = plan_intervals(first_day, last_day, interval_minutes, zone)
    problem = PlanProblem(
        days, starts, interval_minutes, list(required), [t.as_template() for t in offered], agents, zone
    )
    try:
        result = solve(problem, time_limit_s=time_limit_s)
    except ShiftSolverError as exc:
        raise as_plan_error(exc) from None
    summary = {
        "solver_status": result.status,
        "seconds": round(result.seconds, 2),
        "time_limit_s": time_limit_s,
        "cost": result.cost,
        "cost_bound": result.cost_bound,
        "gap": round(result.gap, 6),
        "agents": len(agents),
        "templates": len(offered),
        "shifts": len(result.assignments),
        "edited": False,
        **_coverage_figures(list(result.required), list(result.scheduled), interval_minutes),
    }
    plan = ShiftPlan(
        first_day=first_day,
        last_day=last_day,
        interval_minutes=interval_minutes,
        status="draft",
        zone=zone.key,
        created_by=viewer.id if viewer else None,
        summary=json.dumps(summary),
    )
    session.add(plan)
    session.flush()
    session.add_all(
        PlannedShift(
            plan_id=plan.id,
            user_id=a.agent_id,
            day=a.day,
            template_id=a.template_id,
            start_at=a.shift.start,
            end_at=a.shift.end,
            breaks=_breaks_json(a.shift),
        )
        for a in result.assignments
    )
    session.flush()
    return _plan_view(plan)


def edit_shift(
    session: Session,
    viewer: CurrentUser | None,
    plan_id: int,
    agent: str | int,
    day: date,
    template_id: int | None,
) -> ShiftView | None:
    """Set what the agent works on ``day`` in the plan: the template's shift, or none (None). Refused
    with the rule it would break (rest, weekly hours), and nothing changed; the new shift is returned."""
    may_plan(viewer)
    plan = _plan_row(session, plan_id)
    if not plan.first_day <= day <= plan.last_day:
        raise PlanError(
            "staffing.plan.day_outside",
            day=day.isoformat(),
            plan_id=plan.id,
            first=plan.first_day.isoformat(),
            last=plan.last_day.isoformat(),
        )
    user = plannable_user(session, agent)
    zone = ZoneInfo(plan.zone)
    current = session.scalar(
        select(PlannedShift).where(
            PlannedShift.plan_id == plan.id, PlannedShift.user_id == user.id, PlannedShift.day == day
        )
    )
    if template_id is None:
        if current is not None:
            session.delete(current)
            _after_edit(session, plan)
        return None
    template = template_by_id(session, template_id)
    if not template.active:
        raise PlanError("staffing.template.retired", name=template.name)
    limits = next(limits for view, limits in plannable(session) if view.user_id == user.id)
    if not limits.available:
        raise PlanError("staffing.agent.unavailable", agent=user.username)
    shift = shift_on(day, template.as_template(), zone)
    others = [
        _shift_of(row)
        for row in session.scalars(
            select(PlannedShift).where(PlannedShift.plan_id == plan.id, PlannedShift.user_id == user.id)
        )
        if row.day != day
    ]
    booked = _booked(session, [user.id], plan.first_day, plan.last_day).get(user.id, ())
    rules = AgentLimits(user.id, limits.max_hours_week, limits.min_rest_hours, booked=booked)
    # Refused for what this change breaks; a rule the agent's other shifts already break is not its doing.
    before = {str(p) for p in rota_problems(others, rules, zone, user.username)}
    problems = [p for p in rota_problems([*others, shift], rules, zone, user.username) if str(p) not in before]
    if problems:
        raise as_plan_error(problems[0])
    if current is None:
        current = PlannedShift(plan_id=plan.id, user_id=user.id, day=day)
        session.add(current)
    current.template_id = template.id
    current.start_at, current.end_at, current.breaks = shift.start, shift.end, _breaks_json(shift)
    current.edited_by = viewer.id if viewer else None
    session.flush()
    _after_edit(session, plan)
    return _shift_view(current, user, template.name)


def publish_plan(session: Session, viewer: CurrentUser | None, plan_id: int, *, now: datetime) -> PlanView:
    """A draft made what its agents see. Refused when it was published already, when another
    published plan covers some of its days, or when an agent's shifts break a rule beside shifts
    published since the draft was built."""
    may_plan(viewer)
    plan = _plan_row(session, plan_id)
    if plan.status == "published":
        published = plan.published_at.strftime("%Y-%m-%d %H:%M") if plan.published_at else "?"
        raise PlanError("staffing.plan.already_published", plan_id=plan.id, published=published)
    other = session.scalar(
        select(ShiftPlan).where(
            ShiftPlan.status == "published",
            ShiftPlan.id != plan.id,
            ShiftPlan.first_day <= plan.last_day,
            ShiftPlan.last_day >= plan.first_day,
        )
    )
    if other is not None:
        raise PlanError(
            "staffing.plan.overlaps_published",
            other=other.id,
            first=other.first_day.isoformat(),
            last=other.last_day.isoformat(),
        )
    _check_beside_published(session, plan)
    plan.status = "published"
    plan.published_at = now
    session.flush()
    return _plan_view(plan)


def my_shifts(session: Session, viewer: CurrentUser, first_day: date, last_day: date) -> list[ShiftView]:
    """The viewer's own shifts in published plans on the days given, in order."""
    query = (
        select(PlannedShift)
        .join(ShiftPlan, ShiftPlan.id == PlannedShift.plan_id)
        .where(
            ShiftPlan.status == "published",
            PlannedShift.user_id == viewer.id,
            PlannedShift.day >= first_day,
            PlannedShift.day <= last_day,
        )
    )
    return _views(session, query)


def plan_shifts(session: Session, viewer: CurrentUser | None, plan_id: int) -> list[ShiftView]:
    """Every shift of a plan (draft or published), by day, start and agent: for those who plan."""
    may_plan(viewer)
    plan = _plan_row(session, plan_id)
    return _views(session, select(PlannedShift).where(PlannedShift.plan_id == plan.id))


def plan_view(session: Session, viewer: CurrentUser | None, plan_id: int) -> PlanView:
    may_plan(viewer)
    return _plan_view(_plan_row(session, plan_id))


def plans(session: Session, viewer: CurrentUser | None) -> list[PlanView]:
    """Every plan, the latest first."""
    may_plan(viewer)
    return [
        _plan_view(p)
        for p in session.scalars(select(ShiftPlan).order_by(ShiftPlan.first_day.desc(), ShiftPlan.id.desc()))
    ]


def published_plan_on(session: Session, day: date) -> ShiftPlan | None:
    """The published plan covering a day (publishing keeps them from overlapping)."""
    return session.scalar(
        select(ShiftPlan).where(ShiftPlan.status == "published", ShiftPlan.first_day <= day, ShiftPlan.last_day >= day)
    )


def shifts_of_plan(session: Session, plan_id: int) -> list[ShiftView]:
    return _views(session, select(PlannedShift).where(PlannedShift.plan_id == plan_id))


def _coverage_figures(required: list[int], scheduled: list[float], interval_minutes: int) -> dict[str, Any]:
    under = sum(max(0.0, r - s) for r, s in zip(required, scheduled, strict=True))
    over = sum(max(0.0, s - r) for r, s in zip(required, scheduled, strict=True))
    return {
        "under_hours": round(under * interval_minutes / 60, 4),
        "over_hours": round(over * interval_minutes / 60, 4),
        "required": required,
        "scheduled": [round(s, 4) for s in scheduled],
    }


def _after_edit(session: Session, plan: ShiftPlan) -> None:
    """The summary's scheduled positions and totals, again from the plan's shifts as they now are."""
    session.flush()
    summary = json.loads(plan.summary or "{}")
    starts = plan_intervals(plan.first_day, plan.last_day, plan.interval_minutes, ZoneInfo(plan.zone))
    shifts = [_shift_of(row) for row in session.scalars(select(PlannedShift).where(PlannedShift.plan_id == plan.id))]
    required = list(summary.get("required") or [0] * len(starts))
    summary.update(_coverage_figures(required, coverage(shifts, starts, plan.interval_minutes), plan.interval_minutes))
    summary["edited"] = True
    summary["shifts"] = len(shifts)
    plan.summary = json.dumps(summary)
    session.flush()


def _booked(session: Session, user_ids: list[int], first_day: date, last_day: date) -> dict[int, tuple[Shift, ...]]:
    """Published shifts outside [first_day, last_day] in its weeks or close enough to need rest."""
    lo = min(week_of(first_day), first_day - timedelta(days=2))
    hi = max(week_of(last_day) + timedelta(days=6), last_day + timedelta(days=2))
    rows = session.scalars(
        select(PlannedShift)
        .join(ShiftPlan, ShiftPlan.id == PlannedShift.plan_id)
        .where(
            ShiftPlan.status == "published",
            PlannedShift.user_id.in_(user_ids),
            PlannedShift.day >= lo,
            PlannedShift.day <= hi,
        )
    )
    found: dict[int, list[Shift]] = {}
    for row in rows:
        if not first_day <= row.day <= last_day:
            found.setdefault(row.user_id, []).append(_shift_of(row))
    return {user: tuple(shifts) for user, shifts in found.items()}


def _check_beside_published(session: Session, plan: ShiftPlan) -> None:
    zone = ZoneInfo(plan.zone)
    rows = list(session.scalars(select(PlannedShift).where(PlannedShift.plan_id == plan.id)))
    limits = {view.user_id: (view, lim) for view, lim in plannable(session)}
    booked = _booked(session, sorted({r.user_id for r in rows}), plan.first_day, plan.last_day)
    for user_id in sorted(booked):
        if user_id not in limits:
            continue
        view, lim = limits[user_id]
        rules = AgentLimits(user_id, lim.max_hours_week, lim.min_rest_hours, booked=booked[user_id])
        problems = rota_problems([_shift_of(r) for r in rows if r.user_id == user_id], rules, zone, view.username)
        if problems:
            raise as_plan_error(problems[0])


def _plan_row(session: Session, plan_id: int) -> ShiftPlan:
    plan = session.get(ShiftPlan, plan_id)
    if plan is None:
        raise PlanError("staffing.plan.unknown", plan_id=plan_id)
    return plan


def _plan_view(plan: ShiftPlan) -> PlanView:
    return PlanView(
        plan.id,
        plan.first_day,
        plan.last_day,
        plan.interval_minutes,
        plan.status,
        plan.zone,
        plan.published_at,
        json.loads(plan.summary or "{}"),
    )


def _breaks_json(shift: Shift) -> str:
    return json.dumps([[lo.isoformat(), hi.isoformat()] for lo, hi in shift.breaks])


def _shift_of(row: PlannedShift) -> Shift:
    breaks = tuple(
        (datetime.fromisoformat(lo), datetime.fromisoformat(hi)) for lo, hi in json.loads(row.breaks or "[]")
    )
    return Shift(row.day, row.start_at, row.end_at, breaks, row.template_id)


def _views(session: Session, query: Any) -> list[ShiftView]:
    rows = list(session.scalars(query))
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_({r.user_id for r in rows})))}
    names: dict[int, str] = {i: name for i, name in session.execute(select(ShiftTemplate.id, ShiftTemplate.name))}
    views = [_shift_view(r, users[r.user_id], names.get(r.template_id, "") if r.template_id else "") for r in rows]
    return sorted(views, key=lambda v: (v.day, v.start, v.username))


def _shift_view(row: PlannedShift, user: User, template_name: str) -> ShiftView:
    shift = _shift_of(row)
    return ShiftView(
        row.id,
        row.plan_id,
        user.id,
        user.username,
        user.display_name,
        row.day,
        row.start_at,
        row.end_at,
        shift.breaks,
        row.template_id,
        template_name,
        row.edited_by is not None,
    )


__all__ = [
    "DEFAULT_TIME_LIMIT_S",
    "INTERVAL_MINUTES",
    "MAX_PLAN_DAYS",
    "AgentLimitsView",
    "PlanError",
    "PlanView",
    "ShiftRuleError",
    "ShiftView",
    "TemplateView",
    "add_template",
    "agent_limits",
    "build_plan",
    "edit_shift",
    "my_shifts",
    "plan_shifts",
    "plan_view",
    "plans",
    "publish_plan",
    "published_plan_on",
    "remove_template",
    "set_agent_limits",
    "shifts_of_plan",
    "templates",
    "update_template",
]
