"""The agent league table: the period's agents ranked on one figure, with the figures that balance it.

Built on the report by agent (the same figures, the same range and settings) and ranked by
:func:`agent_desk.core.league.league`: top 20 % and bottom 10 % marked, agents without the figure
last and unmarked. Beside each agent stand AHT, FCR, CSAT and the return rate of their orders, so
a short handle time bought with repeat calls, or a conversion bought with parcels refused at the
door, shows on the same line.

A league is per team and period: a supervisor's shows the agents of the teams they lead (all of
them, or the one picked), an admin's the whole floor or the team picked. Agents are in the team
they are in now (``scope``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk.core.kpi_outcomes import DeliveryOutcome
from agent_desk.core.league import Band, league
from agent_desk.core.orders import OrderState
from agent_desk.core.roles import supervises_floor
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.supervision.kpi_report import NO_KEY, GroupBy, KpiError, ReportRequest, kpi_report
from agent_desk.services.supervision.report_request import Keys
from agent_desk.services.supervision.scope import scope_of
from agent_desk.services.supervision.teams import team_named
from agent_desk.store.models import Order, Team, User


class LeagueFigure(StrEnum):
    """What agents may be ranked on; the value is the report's column."""

    FCR = "fcr"
    AHT = "aht_s"
    SERVICE_LEVEL = "service_level"
    CONVERSION = "conversion"
    CSAT = "csat"


#: A shorter handle time ranks higher; every other league figure ranks higher when it is higher.
LOWER_IS_BETTER = frozenset({LeagueFigure.AHT})


@dataclass(frozen=True)
class LeagueRow:
    rank: int | None
    band: Band
    agent: str
    value: float | None  # the ranked figure
    answered: int
    aht_s: float | None
    fcr: float | None
    csat: float | None
    return_rate: float | None  # refused at the door ÷ delivered or refused, of the orders taken in the period
    orders_settled: int
    team: str = ""  # the agent's team now; "" for none


@dataclass(frozen=True)
class LeagueTable:
    figure: LeagueFigure
    higher_is_better: bool
    definitions: dict[str, Any]
    rows: list[LeagueRow]
    team: str | None = None  # the team picked; None: all the viewer may see
    choices: tuple[str, ...] = ()  # the teams this viewer may pick, by name
    sees_floor: bool = True  # the viewer may see every agent (an admin); False: a supervisor's teams


def league_table(
    session: Session,
    request: ReportRequest,
    figure: LeagueFigure,
    *,
    now: datetime,
    viewer: CurrentUser | None = None,
    team: str | None = None,
) -> LeagueTable:
    """The league over ``request``'s range (its grouping is ignored: a league is by agent) of
    ``team``, or of every agent the viewer may see: a supervisor's teams, an admin's floor.

    A team the viewer does not lead is refused (``kpi.other_team``), an unknown one too (``team.unknown``).
    """
    if viewer is not None and not supervises_floor(viewer.role):
        # A league is other people's figures; an agent has their own on the desk.
        raise KpiError("kpi.not_allowed", role=viewer.role)
    scope = scope_of(session, viewer)
    keys = Keys(session)
    members_of = scope.teams  # None: the whole floor
    if team is not None:
        picked = team_named(session, team)
        if scope.teams is not None and picked.id not in scope.teams:
            raise KpiError("kpi.other_team", key=picked.name)
        members_of = frozenset({picked.id})
    by_agent = dataclasses.replace(request, by=GroupBy.AGENT)
    report = kpi_report(session, by_agent, now=now, viewer=viewer)

    def in_league(row: dict[str, Any]) -> bool:
        name = row[GroupBy.AGENT.value]
        if name == NO_KEY:
            return False  # calls nobody answered
        if members_of is None:
            return True
        user = keys.by_username.get(name)
        return user is not None and user.team_id in members_of

    rows = [r for r in report.rows if in_league(r)]
    returns = _delivery_outcomes(session, by_agent)
    higher = figure not in LOWER_IS_BETTER
    placed = league(rows, lambda r: r.get(figure.value), higher_is_better=higher)
    table = []
    for p in placed:
        row = p.item
        agent = str(row[GroupBy.AGENT.value])
        outcome = returns.get(agent, DeliveryOutcome(0, 0, 0))
        table.append(
            LeagueRow(
                rank=p.rank,
                band=p.band,
                agent=agent,
                value=row.get(figure.value),
                answered=int(row.get("answered") or 0),
                aht_s=row.get("aht_s"),
                fcr=row.get("fcr"),
                csat=row.get("csat"),
                return_rate=outcome.refusal_rate,
                orders_settled=outcome.settled,
                team=_team_name(keys, agent),
            )
        )
    covered = None if members_of is None else sorted(keys.teams[i] for i in members_of if i in keys.teams)
    definitions = report.definitions | {
        "league_figure": figure.value,
        "higher_is_better": higher,
        "teams": covered,  # None: the whole floor
    }
    return LeagueTable(
        figure, higher, definitions, table, team, _choices(session, scope.teams), sees_floor=scope.teams is None
    )


def _team_name(keys: Keys, agent: str) -> str:
    user = keys.by_username.get(agent)
    return keys.teams.get(user.team_id, "") if user is not None and user.team_id is not None else ""


def _choices(session: Session, led: frozenset[int] | None) -> tuple[str, ...]:
    """The active teams a viewer may pick: every one for an admin, those they lead for a supervisor."""
    query = select(Team.name).where(Team.active).order_by(Team.name)
    if led is not None:
        query = query.where(Team.id.in_(led))
    return tuple(session.scalars(query))


def _delivery_outcomes(session: Session, request: ReportRequest) -> dict[str, DeliveryOutcome]:
    """Per agent (user name), how the orders they took in the range ended at the door."""
    start, end = request.utc_window()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for username, state, n in session.execute(
        select(User.username, Order.state, func.count())
        .join(User, User.id == Order.taken_by)
        .where(
            Order.created_at >= start,
            Order.created_at < end,
            Order.state.in_((OrderState.DELIVERED.value, OrderState.REFUSED.value)),
        )
        .group_by(User.username, Order.state)
    ):
        counts[username][state] = int(n)
    return {
        name: DeliveryOutcome(c.get(OrderState.DELIVERED.value, 0), c.get(OrderState.REFUSED.value, 0), 0)
        for name, c in counts.items()
    }


__all__ = ["LOWER_IS_BETTER", "LeagueFigure", "LeagueRow", "LeagueTable", "league_table"]
