"""Whose figures a viewer sees: every report, league and drill-down asks here.

- The command line (no viewer, the database's owner) and admins see everything.
- A supervisor (班组长) sees the centre's totals whole — by queue, business line, day, week, month
  and interval, as the shift lead runs the floor on them — but per agent or per team only the
  agents of the teams they lead (and their own calls, if they take some). The row of calls nobody
  answered is the centre's, like the queue totals, and stays. In the calls behind a figure the
  names of other teams' agents are withheld, and their calls' records are not opened.
- An agent sees their own calls and time only, whatever the grouping (``own_figures``).
- Other roles have no figures.

A team is the agent's team when the report is read: a supervisor who takes over a team sees its
agents' past figures, and an agent who moves takes their history along.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.orders import Role
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.supervision.report_request import NO_KEY, GroupBy, Keys, own_figures
from agent_desk.store.models import Team, User

# Roles that see every team's agents; the other floor roles (supervisors) see the teams they lead.
_SEES_EVERY_TEAM = {Role.ADMIN}


@dataclass(frozen=True)
class Scope:
    viewer: CurrentUser | None
    only: CurrentUser | None = None  # an agent: their own calls and time, whatever the grouping
    teams: frozenset[int] | None = None  # a supervisor: the teams they lead; None: no limit

    @property
    def limited_to_teams(self) -> bool:
        return self.teams is not None

    def shows_user(self, user: User | None) -> bool:
        """Whether this agent's own figures (a row by agent, their name on a call) may be shown."""
        if self.only is not None:
            return user is not None and user.id == self.only.id
        if self.teams is None:
            return True
        if user is None:
            return False  # a PBX name AgentDesk does not know is in no team the viewer leads
        return user.team_id in self.teams or (self.viewer is not None and user.id == self.viewer.id)

    def shows_row(self, by: GroupBy, key: str, keys: Keys) -> bool:
        """Whether a report row keyed ``key`` is shown; rows of periods, queues and lines always are."""
        if self.teams is None or key == NO_KEY:
            return True
        if by is GroupBy.AGENT:
            return self.shows_user(keys.by_username.get(key))
        if by is GroupBy.TEAM:
            return any(keys.teams.get(team_id) == key for team_id in self.teams)
        return True


def scope_of(session: Session, viewer: CurrentUser | None) -> Scope:
    """The viewer's scope; :class:`KpiError` ``kpi.not_allowed`` for a role without figures."""
    only = own_figures(viewer)
    if viewer is None or only is not None:
        return Scope(viewer, only)
    if viewer.role in _SEES_EVERY_TEAM:
        return Scope(viewer)
    led = session.scalars(select(Team.id).where(Team.leader_user_id == viewer.id, Team.active))
    return Scope(viewer, teams=frozenset(led))


__all__ = ["Scope", "scope_of"]
