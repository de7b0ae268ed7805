"""The one place that maps a role to the workspaces it sees (order actions live in core.orders)."""

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


_WORKSPACES: dict[Role, tuple[Workspace, ...]] = {
    Role.AGENT: (Workspace.DESK, Workspace.CUSTOMERS, Workspace.KNOWLEDGE),
    Role.AUDITOR: (Workspace.REVIEW, Workspace.CUSTOMERS, Workspace.KNOWLEDGE),
    Role.LOGISTICS: (Workspace.LOGISTICS, Workspace.KNOWLEDGE),
    Role.SUPERVISOR: (
        Workspace.SUPERVISION,
        Workspace.DESK,
        Workspace.REVIEW,
        Workspace.CUSTOMERS,
        Workspace.KNOWLEDGE,
    ),
    Role.ADMIN: tuple(Workspace),
}

# Roles that see full phone numbers in lists; the others see 138****8000 (personal data).
_SEES_FULL_NUMBERS = {Role.AGENT, Role.LOGISTICS, Role.SUPERVISOR, Role.ADMIN}


def workspaces_for(role: str) -> tuple[Workspace, ...]:
    return _WORKSPACES.get(Role(role), ())


def sees_full_numbers(role: str) -> bool:
    return Role(role) in _SEES_FULL_NUMBERS


def takes_calls(role: str) -> bool:
    return Workspace.DESK in workspaces_for(role)
