"""A hub restarted mid-day starts its floor from the record: today's calls, not an empty morning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from agent_desk.core.floor import FloorStatus
from agent_desk.core.floor_view import queue_rows
from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.supervision.floor_seed import seed_floor
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.database import Database
from agent_desk.store.models import Call

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 4, 14, 0, tzinfo=SHANGHAI)  # 06:00 UTC


def utc(local: datetime) -> datetime:
    return local.astimezone(UTC).replace(tzinfo=None)


def test_the_seed_holds_todays_finished_calls_and_open_logins_only(db: Database) -> None:
    today_9 = NOW.replace(hour=9)
    calls = [
        ("a", today_9, "answered", 12, "SIP/8001"),
        ("b", today_9, "answered", 31, "SIP/8001"),
        ("c", today_9, "abandoned", 40, ""),
        ("d", today_9, "abandoned", 2, ""),  # a short abandon
        ("e", today_9, "", None, ""),  # still in progress: the source reports it again
        ("f", NOW.replace(hour=0, minute=0) - timedelta(minutes=1), "answered", 5, "SIP/8001"),  # yesterday
    ]
    with db.factory() as s, s.begin():
        for cid, at, outcome, wait, agent in calls:
            s.add(Call(platform_call_id=cid, queue="sales", dnis="4008001001", queued_at=utc(at), outcome=outcome,
                       wait_seconds=wait, agent_telephony_id=agent))  # fmt: skip
        s.add(AgentStateInterval(opened_by="login-1", agent="SIP/8001", state="logged_in",
                                 started_at=utc(NOW.replace(hour=8)), source="hub"))  # fmt: skip
        s.add(AgentStateInterval(opened_by="login-old", agent="SIP/8002", state="logged_in",
                                 started_at=utc(NOW - timedelta(days=3)), source="hub"))  # fmt: skip
    with db.factory() as s:
        floor = seed_floor(s, SHANGHAI, NOW.timestamp())
    (sales,) = queue_rows(floor, NOW.timestamp())
    assert (sales.today.offered, sales.today.answered, sales.today.short_abandoned) == (4, 2, 1)
    assert sales.today.service_level == 1 / 3  # 1 answered within 20 s of 4 − 1 short abandon
    agent = floor.agents["SIP/8001"]
    assert agent.handled_today == 2
    assert agent.logged_in_since == NOW.replace(hour=8).timestamp()
    assert "SIP/8002" not in floor.agents  # a login three days old is a lost logout, not a shift
    # The desk's announcement, once it relinks, keeps the login time the record had.
    floor.apply(CallEvent(EventType.AGENT_STATE, agent="SIP/8001", state="available"), NOW.timestamp())
    assert floor.agents["SIP/8001"].status is FloorStatus.READY
    assert floor.agents["SIP/8001"].logged_in_since == NOW.replace(hour=8).timestamp()
