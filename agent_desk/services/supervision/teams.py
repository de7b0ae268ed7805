"""Teams (班组): making them, naming their leader, and placing agents in them.

A team has one leader, a supervisor (or an admin), who sees its agents' figures; a supervisor may
lead several. A user is in at most one team. Names are unique and never begin with "(": the
report's own keys, ``(none)`` and ``(no team)``, do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk.core.orders import Role
from agent_desk.services.errors import ServiceError
from agent_desk.store.models import Team, User

MAX_NAME = 64
_LEADS = {Role.SUPERVISOR, Role.ADMIN}


class TeamError(ServiceError, ValueError):
    """A team that cannot be made or filled as asked; nothing was changed."""

    messages: ClassVar[Mapping[str, str]] = {
        "team.name_invalid": "team name '{name}': use 1–64 characters, not beginning with '('",
        "team.exists": "a team named '{name}' already exists",
        "team.unknown": "there is no team named '{name}'",
        "team.user_unknown": "there is no user named '{username}'",
        "team.leader_role": "{username} has the {role} role: a team is led by a supervisor or an admin",
    }


@dataclass(frozen=True)
class TeamView:
    name: str
    leader: str  # the leader's user name; "" for none
    leader_name: str  # their display name
    members: int
    active: bool


def add_team(session: Session, name: str, *, leader: str | None = None) -> Team:
    """A new team, led by the user named ``leader`` (a supervisor or admin), if given."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or name.startswith("("):
        raise TeamError("team.name_invalid", name=name)
    if session.scalar(select(Team.id).where(Team.name == name)) is not None:
        raise TeamError("team.exists", name=name)
    leader_id = None
    if leader is not None:
        user = _user(session, leader)
        if user.role not in _LEADS:
            raise TeamError("team.leader_role", username=user.username, role=user.role)
        leader_id = user.id
    team = Team(name=name, leader_user_id=leader_id, active=True)
    session.add(team)
    session.flush()
    return team


def team_named(session: Session, name: str) -> Team:
    team = session.scalar(select(Team).where(Team.name == name.strip()))
    if team is None:
        raise TeamError("team.unknown", name=name)
    return team


def place_in_team(session: Session, usernames: Iterable[str], team: str) -> list[User]:
    """Move the users named into ``team`` (from whichever they were in); all or none of them."""
    target = team_named(session, team)
    users = [_user(session, username) for username in usernames]
    for user in users:
        user.team_id = target.id
    session.flush()
    return users


def team_list(session: Session) -> list[TeamView]:
    """Every team by name, with its leader and how many users are in it."""
    members = select(User.team_id, func.count()).where(User.team_id.is_not(None)).group_by(User.team_id)
    counts = dict(session.execute(members).all())
    leaders = {u.id: u for u in session.scalars(select(User).where(User.id.in_(select(Team.leader_user_id))))}
    views = []
    for team in session.scalars(select(Team).order_by(Team.name)):
        lead = leaders.get(team.leader_user_id) if team.leader_user_id is not None else None
        views.append(
            TeamView(
                team.name,
                lead.username if lead else "",
                lead.display_name if lead else "",
                int(counts.get(team.id, 0)),
                team.active,
            )
        )
    return views


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise TeamError("team.user_unknown", username=username)
    return user


__all__ = ["MAX_NAME", "TeamError", "TeamView", "add_team", "place_in_team", "team_list", "team_named"]
