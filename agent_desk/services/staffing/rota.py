"""What a plan is made from: shift templates ("08:30, 9 hours, breaks at +2 h, +4 h, +6 h 30") and
each agent's limits (hours a week, rest between shifts, available or not).

A template keeps its breaks as JSON ``[[minutes after the start, minutes], …]``; changing or
retiring a template leaves the shifts already planned with it as they are (they keep their own
times). A template no plan uses is deleted; one in use is retired (kept, no longer offered).
The agents a plan covers are the active users with the agent role; one without limits of their
own takes the defaults (40 hours a week, 11 hours' rest, available).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk.core.orders import Role
from agent_desk.core.shift_times import AgentLimits, Template, template_problems
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.plan_codes import PlanError, as_plan_error, may_plan
from agent_desk.store.models import User
from agent_desk.store.staffing import AgentStaffing, PlannedShift, ShiftTemplate

NAME_LIMIT = 60  # the column's length
DEFAULT_MAX_HOURS_WEEK = 40
DEFAULT_MIN_REST_HOURS = 11


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    start_minute: int  # local minutes after midnight
    length_minutes: int
    breaks: tuple[tuple[int, int], ...]  # (minutes after the start, minutes)
    active: bool

    @property
    def start(self) -> str:
        return f"{self.start_minute // 60:02d}:{self.start_minute % 60:02d}"

    def as_template(self) -> Template:
        return Template(self.id, self.start_minute, self.length_minutes, self.breaks)


@dataclass(frozen=True)
class AgentLimitsView:
    user_id: int
    username: str
    display_name: str
    max_hours_week: int
    min_rest_hours: int
    available: bool


def add_template(
    session: Session,
    viewer: CurrentUser | None,
    name: str,
    *,
    start_minute: int,
    length_minutes: int,
    breaks: Sequence[tuple[int, int]] = (),
) -> TemplateView:
    may_plan(viewer)
    name = _valid_name(session, name)
    _valid_times(start_minute, length_minutes, breaks)
    row = ShiftTemplate(
        name=name,
        start_minute=start_minute,
        length_minutes=length_minutes,
        breaks=json.dumps([list(b) for b in sorted(breaks)]),
        active=True,
    )
    session.add(row)
    session.flush()
    return _view(row)


def update_template(
    session: Session,
    viewer: CurrentUser | None,
    template_id: int,
    *,
    name: str | None = None,
    start_minute: int | None = None,
    length_minutes: int | None = None,
    breaks: Sequence[tuple[int, int]] | None = None,
    active: bool | None = None,
) -> TemplateView:
    """Change what is given; the shifts already planned with the template keep their times."""
    may_plan(viewer)
    row = _template_row(session, template_id)
    current = _view(row)
    start = current.start_minute if start_minute is None else start_minute
    length = current.length_minutes if length_minutes is None else length_minutes
    pauses = current.breaks if breaks is None else tuple(breaks)
    _valid_times(start, length, pauses)
    if name is not None and name.strip() != row.name:
        row.name = _valid_name(session, name)
    row.start_minute, row.length_minutes = start, length
    row.breaks = json.dumps([list(b) for b in sorted(pauses)])
    if active is not None:
        row.active = active
    session.flush()
    return _view(row)


def remove_template(session: Session, viewer: CurrentUser | None, template_id: int) -> str:
    """ "deleted" when no plan uses it, else "retired" (kept for those plans, no longer offered)."""
    may_plan(viewer)
    row = _template_row(session, template_id)
    used = session.scalar(select(func.count()).select_from(PlannedShift).where(PlannedShift.template_id == row.id))
    if used:
        row.active = False
        session.flush()
        return "retired"
    session.delete(row)
    session.flush()
    return "deleted"


def templates(session: Session, viewer: CurrentUser | None, *, retired: bool = False) -> list[TemplateView]:
    """The templates by start time (and the retired ones too with ``retired``)."""
    may_plan(viewer)
    query = select(ShiftTemplate).order_by(ShiftTemplate.start_minute, ShiftTemplate.length_minutes, ShiftTemplate.name)
    if not retired:
        query = query.where(ShiftTemplate.active)
    return [_view(row) for row in session.scalars(query)]


def template_by_id(session: Session, template_id: int) -> TemplateView:
    return _view(_template_row(session, template_id))


def set_agent_limits(
    session: Session,
    viewer: CurrentUser | None,
    agent: str | int,
    *,
    max_hours_week: int | None = None,
    min_rest_hours: int | None = None,
    available: bool | None = None,
) -> AgentLimitsView:
    """An agent's limits (by user name or id); what is not given keeps its value or the default."""
    may_plan(viewer)
    user = plannable_user(session, agent)
    row = session.get(AgentStaffing, user.id)
    if row is None:
        row = AgentStaffing(
            user_id=user.id,
            max_hours_week=DEFAULT_MAX_HOURS_WEEK,
            min_rest_hours=DEFAULT_MIN_REST_HOURS,
            available=True,
        )
        session.add(row)
    hours = row.max_hours_week if max_hours_week is None else max_hours_week
    rest = row.min_rest_hours if min_rest_hours is None else min_rest_hours
    if not (1 <= hours <= 168 and 0 <= rest <= 24):
        raise PlanError("staffing.agent.limits_invalid", hours=hours, rest=rest)
    row.max_hours_week, row.min_rest_hours = hours, rest
    if available is not None:
        row.available = available
    session.flush()
    return AgentLimitsView(user.id, user.username, user.display_name, hours, rest, row.available)


def agent_limits(session: Session, viewer: CurrentUser | None) -> list[AgentLimitsView]:
    """Every agent a plan covers, by user name, with their limits (the defaults where none are set)."""
    may_plan(viewer)
    return [view for view, _limits in plannable(session)]


def plannable(session: Session) -> list[tuple[AgentLimitsView, AgentLimits]]:
    """The agents a plan covers, with their limits as the solver takes them (booked shifts aside)."""
    rows = {row.user_id: row for row in session.scalars(select(AgentStaffing))}
    found = []
    for user in session.scalars(select(User).where(User.role == Role.AGENT.value, User.active).order_by(User.username)):
        row = rows.get(user.id)
        hours = row.max_hours_week if row else DEFAULT_MAX_HOURS_WEEK
        rest = row.min_rest_hours if row else DEFAULT_MIN_REST_HOURS
        available = row.available if row else True
        view = AgentLimitsView(user.id, user.username, user.display_name, hours, rest, available)
        found.append((view, AgentLimits(user.id, hours, rest, available)))
    return found


def plannable_user(session: Session, agent: str | int) -> User:
    """The active agent named (or numbered) ``agent``; ``staffing.agent.unknown`` otherwise."""
    where = User.id == agent if isinstance(agent, int) else User.username == agent.strip()
    user = session.scalar(select(User).where(where))
    if user is None or user.role != Role.AGENT.value or not user.active:
        raise PlanError("staffing.agent.unknown", agent=agent)
    return user


def _valid_name(session: Session, name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_LIMIT:
        raise PlanError("staffing.template.name_invalid", name=name)
    if session.scalar(select(ShiftTemplate.id).where(ShiftTemplate.name == name)) is not None:
        raise PlanError("staffing.template.exists", name=name)
    return name


def _valid_times(start_minute: int, length_minutes: int, breaks: Sequence[tuple[int, int]]) -> None:
    problems = template_problems(start_minute, length_minutes, breaks)
    if problems:
        raise as_plan_error(problems[0])


def _template_row(session: Session, template_id: int) -> ShiftTemplate:
    row = session.get(ShiftTemplate, template_id)
    if row is None:
        raise PlanError("staffing.template.unknown", template=template_id)
    return row


def _view(row: ShiftTemplate) -> TemplateView:
    breaks = tuple((int(offset), int(minutes)) for offset, minutes in json.loads(row.breaks or "[]"))
    return TemplateView(row.id, row.name, row.start_minute, row.length_minutes, breaks, row.active)


__all__ = [
    "DEFAULT_MAX_HOURS_WEEK",
    "DEFAULT_MIN_REST_HOURS",
    "AgentLimitsView",
    "TemplateView",
    "add_template",
    "agent_limits",
    "plannable",
    "plannable_user",
    "remove_template",
    "set_agent_limits",
    "template_by_id",
    "templates",
    "update_template",
]
