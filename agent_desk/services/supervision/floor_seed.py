"""The live floor of a hub that (re)starts mid-day, from the record: today's finished calls and who
is logged in since when.

Without it a hub restarted at 14:00 would show the morning as if it never happened: a service level
of the last ten minutes under the heading "today". Calls still in progress are left out: the source
reports them again (AMI ``QueueStatus``), and they are counted when they end, once.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk.core.floor import FloorState
from agent_desk.core.kpi import CallFact, CallTally
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.models import Call

STALE_LOGIN_HOURS = 24


def _utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def seed_floor(session: Session, zone: tzinfo, now: float) -> FloorState:
    """The board as of ``now`` (hub seconds): today's tallies, calls answered per agent, logins."""
    local_now = datetime.fromtimestamp(now, UTC).astimezone(zone)
    midnight = datetime.combine(local_now.date(), time(0), zone)
    start, end = _utc_naive(midnight), _utc_naive(local_now) + timedelta(seconds=1)
    floor = FloorState(zone=zone, day=local_now.date())
    rows = session.execute(
        select(Call.queue, Call.dnis, Call.outcome, Call.wait_seconds, Call.agent_telephony_id).where(
            Call.queued_at >= start, Call.queued_at < end, Call.outcome != ""
        )
    )
    for queue, dnis, outcome, wait, agent in rows:
        key = (queue or "", dnis or "")
        tally = floor.tallies.get(key)
        if tally is None:
            tally = floor.tallies[key] = CallTally()
        tally.add(CallFact(None, outcome, wait_s=wait))
        if agent and outcome in ("answered", "transferred"):
            floor.agent(agent).handled_today += 1
    logins = session.execute(
        select(AgentStateInterval.agent, func.min(AgentStateInterval.started_at))
        .where(
            AgentStateInterval.state == "logged_in",
            AgentStateInterval.ended_at.is_(None),
            # A login older than a day whose logout was never heard is a lost event, not a shift.
            AgentStateInterval.started_at >= end - timedelta(hours=STALE_LOGIN_HOURS),
        )
        .group_by(AgentStateInterval.agent)
    )
    for agent, since in logins:
        if agent and since is not None:
            floor.agent(agent).logged_in_since = since.replace(tzinfo=UTC).timestamp()
    return floor


__all__ = ["seed_floor"]
