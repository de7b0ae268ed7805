"""The one place that maps a role to what it sees and may do (order actions live in core.orders)."""

from __future__ import annotations

from enum import StrEnum

from agent_desk.core.orders import Role


class Workspace(StrEnum):
    DESK = "desk"  # screen pop, wrap-up, order entry
    CUSTOMERS = "customers"
    REVIEW = "review"  # first-stage audit
    LOGISTICS = "logistics"  # second-stage audit and labels
    KNOWLEDGE = "knowledge"
    SUPERVISION = "supervision"
    STAFFING = "staffing"  # forecast, shift plans, adherence; an agent's own shifts


_WORKSPACES: dict[Role, tuple[Workspace, ...]] = {
    Role.AGENT: (Workspace.DESK, Workspace.CUSTOMERS, Workspace.KNOWLEDGE, Workspace.STAFFING),
    Role.AUDITOR: (Workspace.REVIEW, Workspace.CUSTOMERS, Workspace.KNOWLEDGE),
    Role.LOGISTICS: (Workspace.LOGISTICS, Workspace.KNOWLEDGE),
    Role.SUPERVISOR: (
        Workspace.SUPERVISION,
        Workspace.STAFFING,
        Workspace.DESK,
        Workspace.REVIEW,
        Workspace.CUSTOMERS,
        Workspace.KNOWLEDGE,
    ),
    Role.ADMIN: tuple(Workspace),
}

# Roles that see full phone numbers in lists; the others see 138****8000 (personal data).
_SEES_FULL_NUMBERS = {Role.AGENT, Role.LOGISTICS, Role.SUPERVISOR, Role.ADMIN}


# Roles whose hub link receives every call on the floor, not only their own.
_SUPERVISES_FLOOR = {Role.SUPERVISOR, Role.ADMIN}
# Roles that edit and publish any knowledge article (the others propose).
_EDITS_KNOWLEDGE = {Role.SUPERVISOR, Role.ADMIN}
# Roles that may work a follow-up assigned to a colleague.
_COVERS_FOLLOWUPS = {Role.SUPERVISOR}


def workspaces_for(role: str) -> tuple[Workspace, ...]:
    return _WORKSPACES.get(Role(role), ())


def sees_full_numbers(role: str) -> bool:
    return Role(role) in _SEES_FULL_NUMBERS


def takes_calls(role: str) -> bool:
    return Workspace.DESK in workspaces_for(role)


def supervises_floor(role: str) -> bool:
    return role in _SUPERVISES_FLOOR  # StrEnum members equal their values; an unknown role is simply not in


def edits_any_article(role: str) -> bool:
    return role in _EDITS_KNOWLEDGE  # StrEnum members equal their values; an unknown role is simply not in


def covers_colleagues_followups(role: str) -> bool:
    return role in _COVERS_FOLLOWUPS  # StrEnum members equal their values; an unknown role is simply not in
