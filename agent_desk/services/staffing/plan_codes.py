"""The refusals of the shift plan's services (templates, agents' limits, plans, adherence), and who
may plan: supervisors and administrators; ``viewer`` None is the database's owner (the command line).
An agent reads only their own published shifts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from agent_desk.core.errors import CodedError, Problem
from agent_desk.core.roles import supervises_floor
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError


class PlanError(ServiceError, ValueError):
    """A template, limit, plan or shift change that cannot be made as asked; nothing was changed.

    The rules of one agent's rota (rest, weekly hours) and of a template's breaks keep the codes
    of ``core.shift_times`` (``shift.*``); the solver's refusals those of ``core.shift_solver``."""

    messages: ClassVar[Mapping[str, str]] = {
        "staffing.plan.not_allowed": "the {role} role does not plan shifts; supervisors and administrators do",
        "staffing.template.name_invalid": "a shift template's name is 1 to 60 characters, not '{name}'",
        "staffing.template.exists": "a shift template named '{name}' already exists",
        "staffing.template.unknown": "there is no shift template {template}",
        "staffing.template.retired": "the shift template '{name}' is retired; plan with an active one",
        "staffing.agent.unknown": "there is no agent {agent} to plan (an active user with the agent role)",
        "staffing.agent.limits_invalid": "an agent works 1 to 168 hours a week and rests 0 to 24 hours between "
        "shifts; given {hours} h and {rest} h",
        "staffing.agent.unavailable": "{agent} is marked unavailable; mark them available before giving them a shift",
        "staffing.plan.range_backwards": "the plan's last day {last} is before its first day {first}",
        "staffing.plan.too_long": "a plan covers at most {limit} days, not {days}",
        "staffing.plan.interval": "an interval is 15, 30 or 60 minutes, not {minutes}",
        "staffing.plan.no_templates": "there is no active shift template to plan with; add one first",
        "staffing.plan.no_agents": "there is no available agent to plan",
        "staffing.plan.unknown": "there is no shift plan {plan_id}",
        "staffing.plan.already_published": "plan {plan_id} was published on {published}; "
        "it cannot be published again (edit its shifts instead)",
        "staffing.plan.overlaps_published": "plan {other} is already published for {first} to {last}, "
        "which overlaps these days",
        "staffing.plan.day_outside": "{day} is not a day of plan {plan_id} ({first} to {last})",
        "staffing.plan.no_published_plan": "no published shift plan covers {day}",
        "staffing.plan.required_count": "the requirement gives {given} intervals; {day} has {expected}",
    }


def may_plan(viewer: CurrentUser | None) -> None:
    """Refuse anyone but supervisors, administrators and the command line."""
    if viewer is not None and not supervises_floor(viewer.role):
        raise PlanError("staffing.plan.not_allowed", role=viewer.role)


def as_plan_error(error: CodedError | Problem) -> PlanError:
    """A core refusal (a rota rule, the solver's input) as this service's, with its code and words."""
    return PlanError(error.code, **error.params)


__all__ = ["PlanError", "as_plan_error", "may_plan"]
