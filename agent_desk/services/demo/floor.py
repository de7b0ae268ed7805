"""Who works the demo's calls: agents, their shifts over the year, and the not-ready reasons they use.

Ten million calls a year are ~800 agents' work, not four people's: when the demo agents cannot take
the calls in shifts of at most :data:`CAP` calls, "floor" agents are added (one shared, unguessable
password hash: they exist for the record and the reports, the documented demo logins stay the way in),
each in one of the demo's teams in turn.
A shift is one agent's day; a day that already has a shift for that agent in the record (an earlier
run, an imported ``queue_log``) is left alone, so adding demo data twice never makes overlapping shifts.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from faker import Faker
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk.services.access.auth import hash_password
from agent_desk.store.contact_record import AgentStateInterval, NotReadyReason
from agent_desk.store.models import Team, User

DAYS = 360  # the record covers the days before today, as far back as the demo's orders go
CAP = 45  # answered calls one shift can hold at ~75% occupancy
DENSE = 30  # answered calls a shift gets before calls are spread over more shifts
UNANSWERED = 0.08  # abandoned in the queue or timed out
WORK_DAYS = 5  # of every 7: agent k works day d when (d + k) % 7 < WORK_DAYS
FLOOR_PREFIX = "floor"


@dataclass(frozen=True)
class Shift:
    day: date
    agent_id: int
    agent: str  # the PBX's name for the agent (SIP/8001)
    late: bool  # the afternoon shift rather than the morning one


@dataclass(frozen=True)
class Floor:
    today: date
    agents: list[tuple[int, str]]  # user id, PBX name
    reasons: list[str]  # active not-ready codes, in their display order
    taken: frozenset[tuple[str, date]]  # (agent, day) that already has a shift in the record
    added: int  # floor agents this run created

    def slots(self) -> Iterator[Shift]:
        """Every free agent-day of the horizon, oldest day first."""
        for back in range(DAYS, 0, -1):
            day = self.today - timedelta(days=back)
            for k, (user_id, agent) in enumerate(self.agents):
                if (back + k) % 7 < WORK_DAYS and (agent, day) not in self.taken:
                    yield Shift(day, user_id, agent, late=k % 2 == 1)

    def shifts(self, answered: int) -> list[Shift]:
        """The shifts that take ``answered`` calls: spread evenly over the year, at most CAP calls each."""
        free = list(self.slots())
        wanted = min(len(free), math.ceil(answered / DENSE))
        if not wanted:
            return []
        # Every (len/wanted)-th free slot: the record reaches back over the whole horizon.
        return [s for j, s in enumerate(free) if (j * wanted) // len(free) != ((j + 1) * wanted) // len(free)]


def split(total: int) -> tuple[int, int]:
    """Answered and unanswered calls among ``total``: fixed counts, so the shifts can be planned first."""
    unanswered = round(total * UNANSWERED)
    return total - unanswered, unanswered


def prepare_floor(session: Session, calls: int, now: datetime) -> Floor:
    """The agents, reasons and free days for ``calls`` more calls; adds floor agents when they are short."""
    today = now.date()
    horizon = datetime.combine(today - timedelta(days=DAYS), datetime.min.time())
    taken = frozenset(
        (agent, started.date())
        for agent, started in session.execute(
            select(AgentStateInterval.agent, AgentStateInterval.started_at).where(
                AgentStateInterval.state == "logged_in", AgentStateInterval.started_at >= horizon
            )
        )
    )
    reasons = list(
        session.scalars(select(NotReadyReason.code).where(NotReadyReason.active).order_by(NotReadyReason.sort))
    )
    floor = Floor(today, _agents(session), reasons, taken, 0)
    answered, _ = split(calls)
    short = answered - sum(1 for _ in floor.slots()) * CAP
    if short <= 0:
        return floor
    per_agent = DAYS * WORK_DAYS // 7 - 1
    added = _add_floor_agents(session, math.ceil(short / (per_agent * CAP)))
    return Floor(today, _agents(session), reasons, taken, added)


def _agents(session: Session) -> list[tuple[int, str]]:
    return [
        (user_id, telephony_id)
        for user_id, telephony_id in session.execute(
            select(User.id, User.telephony_id).where(User.role == "agent", User.active).order_by(User.id)
        )
        if telephony_id
    ]


def _add_floor_agents(session: Session, count: int) -> int:
    existing = session.scalar(select(func.count()).where(User.username.like(f"{FLOOR_PREFIX}%"))) or 0
    # argon2 costs ~50 ms a hash: one hash of a secret nobody keeps serves every floor agent.
    locked = hash_password(secrets.token_urlsafe(24))
    # Colleagues are people on every screen that names who took a call or an order; two of one name
    # would be a puzzle on a report, so a taken name is drawn again.
    fake, taken = Faker("zh_CN"), set(session.scalars(select(User.display_name)))
    teams = list(session.scalars(select(Team.id).where(Team.active).order_by(Team.id)))
    for n in range(existing + 1, existing + count + 1):
        fake.seed_instance(n)  # floor agent n has one name in every build
        name = fake.name()
        while name in taken:
            name = fake.name()
        taken.add(name)
        session.add(
            User(
                username=f"{FLOOR_PREFIX}{n:04d}",
                display_name=name,
                role="agent",
                password_hash=locked,
                telephony_id=f"SIP/6{n:04d}",
                extension=f"6{n:04d}",
                team_id=teams[n % len(teams)] if teams else None,
            )
        )
    session.flush()
    return count
