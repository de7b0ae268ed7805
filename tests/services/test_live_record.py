"""The hub writing the contact-centre record live: facts, intervals, replays, restarts, outages."""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from agent_desk.core.hub_record import HubRecordState, hub_time, to_record
from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.contact_record import agent_ids, derive_agent_intervals, seconds_by_agent
from agent_desk.services.calls.live_record import LiveRecord
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.database import Database
from agent_desk.store.models import Call, User
from agent_desk.telephony.hub import Hub
from agent_desk.telephony.tokens import StaticTokens

T0 = 1_790_000_000.0
FAST_RETRY = (0.05, 0.2)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def agent(name: str, state: str, reason: str = "") -> CallEvent:
    return CallEvent("agent.state", agent=name, state=state, reason=reason)


def call(type_: str, call_id: str, **fields: str) -> CallEvent:
    return CallEvent(f"call.{type_}", call_id=call_id, **fields)


SHIFT = [
    (0, agent("SIP/8001", "paused", "logged_in")),
    (0, agent("SIP/8002", "paused", "logged_in")),
    (1, agent("SIP/8001", "available")),
    (1, agent("SIP/8002", "available")),
    (10, call("queued", "c1", queue="sales", ani="13800138000", dnis="4008001001")),
    (12, call("offered", "c1", agent="SIP/8001")),
    (20, call("queued", "c2", queue="sales", ani="13900139000", dnis="4008001001")),
    (27, call("queued", "c1", agent="SIP/8001", reason="no_answer")),  # rang 15 s, back to the queue
    (28, call("offered", "c1", agent="SIP/8002")),
    (31, call("answered", "c1", agent="SIP/8002")),
    (65, call("ended", "c2", reason="abandoned")),
    (151, call("ended", "c1", agent="SIP/8002", reason="completed", ended_by="caller")),
    (152, agent("SIP/8002", "paused", "acw")),
    (182, agent("SIP/8002", "available")),
    (200, agent("SIP/8001", "paused", "lunch")),
    (2000, agent("SIP/8001", "available")),
]


def play(hub: Hub, clock: Clock, script: list[tuple[float, CallEvent]]) -> None:
    for at, event in script:
        clock.now = T0 + at
        hub.publish(event)


def recording(database: Database, clock: Clock, **options: Any) -> tuple[LiveRecord, Hub]:
    record = LiveRecord(database.factory, clock=clock, retry=FAST_RETRY, **options).start()
    return record, Hub(StaticTokens(), observers=[record], clock=clock)


def everything(database: Database) -> tuple[object, ...]:
    """What a report would read: every record event, interval and call fact."""
    with database.factory() as s:
        return (
            sorted(s.execute(select(ContactEvent.event_key, ContactEvent.kind, ContactEvent.data)).all()),
            sorted(
                s.execute(
                    select(
                        AgentStateInterval.agent,
                        AgentStateInterval.state,
                        AgentStateInterval.reason,
                        AgentStateInterval.started_at,
                        AgentStateInterval.ended_at,
                        AgentStateInterval.end_mark,
                    )
                ).all(),
                key=repr,
            ),
            sorted(
                s.execute(
                    select(
                        Call.platform_call_id,
                        Call.queued_at,
                        Call.wait_seconds,
                        Call.ring_seconds,
                        Call.talk_seconds,
                        Call.acw_seconds,
                        Call.outcome,
                        Call.end_reason,
                        Call.agent_telephony_id,
                    )
                ).all()
            ),
        )


def assert_a_full_recompute_agrees(database: Database) -> None:
    """The live writer derives intervals from each batch on; deriving from the whole record gives the same."""
    before = everything(database)
    with database.factory() as s, s.begin():
        agents = set(s.scalars(select(AgentStateInterval.agent)))
        derive_agent_intervals(s, agents, agent_ids(s))
    assert everything(database) == before


def test_a_shift_gives_the_calls_facts_and_the_agent_state_intervals(ref_db: Database, people: dict[str, int]) -> None:
    clock = Clock()
    record, hub = recording(ref_db, clock)
    play(hub, clock, SHIFT)
    assert record.wait_idle(30)
    record.stop()
    with ref_db.factory() as s:
        calls = {c.platform_call_id: c for c in s.scalars(select(Call))}
        answered, abandoned = calls["c1"], calls["c2"]
        assert answered.queued_at == hub_time(T0 + 10)
        assert (answered.wait_seconds, answered.ring_seconds, answered.talk_seconds) == (21, 3, 120)
        assert (answered.acw_seconds, answered.outcome, answered.end_reason) == (30, "answered", "completed")
        assert answered.agent_id == s.scalar(select(User.id).where(User.telephony_id == "SIP/8002"))
        assert answered.customer_id == people["vip"] and answered.business_line_id is not None  # record_event's part
        assert (abandoned.wait_seconds, abandoned.outcome, abandoned.end_reason) == (45, "abandoned", "abandoned")
        assert abandoned.answered_at is None
        rna = s.scalars(select(ContactEvent).where(ContactEvent.kind == "ring_no_answer")).one()
        assert (rna.agent, rna.call_id, rna.data) == ("SIP/8001", "c1", {"ring": 15.0})
        left = s.scalars(select(ContactEvent).where(ContactEvent.kind == "abandoned")).one()
        assert (left.data["position"], left.data["entry_position"]) == (1, 2)
        intervals = sorted(
            (i.agent, i.state, i.reason, (i.started_at - hub_time(T0)).total_seconds(), i.ended_at)
            for i in s.scalars(select(AgentStateInterval))
        )
        assert intervals == [
            ("SIP/8001", "logged_in", "", 0.0, None),
            ("SIP/8001", "not_ready", "logged_in", 0.0, hub_time(T0 + 1)),
            ("SIP/8001", "not_ready", "lunch", 200.0, hub_time(T0 + 2000)),
            ("SIP/8002", "acw", "", 152.0, hub_time(T0 + 182)),
            ("SIP/8002", "logged_in", "", 0.0, None),
            ("SIP/8002", "not_ready", "logged_in", 0.0, hub_time(T0 + 1)),
        ]
        assert seconds_by_agent(s, "not_ready") == {"SIP/8001": 1801.0, "SIP/8002": 1.0}
        assert seconds_by_agent(s, "acw") == {"SIP/8002": 30.0}
    assert (record.failed, record.lost, record.dropped) == (0, 0, 0)
    assert_a_full_recompute_agrees(ref_db)


def test_the_same_events_fed_twice_change_nothing(ref_db: Database) -> None:
    clock = Clock()
    record, hub = recording(ref_db, clock)
    play(hub, clock, SHIFT)
    assert record.wait_idle(30)
    before, written = everything(ref_db), record.written
    play(hub, clock, SHIFT)  # a replayed stretch: same events, same hub times
    play(hub, clock, SHIFT[4:6])
    assert record.wait_idle(30)
    record.stop()
    assert everything(ref_db) == before and record.written == written


def test_a_restart_mid_call_closes_what_was_open_at_the_restart_marked_so(ref_db: Database) -> None:
    clock = Clock()
    crashed, hub = recording(ref_db, clock)
    play(
        hub,
        clock,
        [*SHIFT[:6], (30, call("answered", "c1", agent="SIP/8001")), (40, agent("SIP/8002", "paused", "lunch"))],
    )
    assert crashed.wait_idle(30)  # … and then the hub process dies: nothing more from this one
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).where(AgentStateInterval.ended_at.is_(None))) == 3

    clock.now = T0 + 500
    record, hub = recording(ref_db, clock)
    # The new hub hears the call in progress again, then its end; a replay of the old run adds nothing.
    play(hub, clock, [(505, call("answered", "c1", agent="SIP/8001")), (600, call("ended", "c1", agent="SIP/8001"))])
    play(hub, clock, SHIFT[:6])
    assert record.wait_idle(30)
    record.stop()
    crashed.stop()
    assert record.closed_at_start == 3
    with ref_db.factory() as s:
        closed = s.scalars(select(AgentStateInterval).where(AgentStateInterval.end_mark == "restart")).all()
        assert sorted((i.agent, i.state, i.reason) for i in closed) == [
            ("SIP/8001", "logged_in", ""),
            ("SIP/8002", "logged_in", ""),
            ("SIP/8002", "not_ready", "lunch"),
        ]
        assert {i.ended_at for i in closed} == {hub_time(T0 + 500)}
        assert s.scalar(select(func.count()).where(AgentStateInterval.ended_at.is_(None))) == 0
        c1 = s.scalars(select(Call).where(Call.platform_call_id == "c1")).one()
        # Timed from the first run's answer, which the record kept, not from when the new hub heard of it.
        assert (c1.wait_seconds, c1.talk_seconds, c1.outcome) == (20, 570, "answered")
        assert c1.answered_at == hub_time(T0 + 30)
    assert_a_full_recompute_agrees(ref_db)


@pytest.mark.postgres
def test_a_database_that_goes_away_loses_no_event_once_it_is_back(
    pg_database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.conftest import _pg_admin

    name = make_url(pg_database.url).database
    clock = Clock()
    record, hub = recording(pg_database, clock)
    play(hub, clock, SHIFT[:4])
    assert record.wait_idle(30)
    with _pg_admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        try:
            with caplog.at_level(logging.WARNING, logger="agent_desk.services.calls.live_record"):
                started = time.monotonic()
                play(hub, clock, SHIFT[4:])
                assert time.monotonic() - started < 1.0  # the hub's loop never waits for the database
                assert not record.wait_idle(1.0)  # nothing can be written now…
                assert record.failed > 0
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert record.wait_idle(30)  # …and everything once it is back
    record.stop()
    assert any("database is unavailable" in r.getMessage() for r in caplog.records)
    assert record.dropped == record.lost == 0
    memory = HubRecordState()
    expected = {e.key for at, event in SHIFT for e in to_record(memory, event, T0 + at)}
    with pg_database.factory() as s:
        calls = dict(s.execute(select(Call.platform_call_id, Call.outcome)).all())
        assert calls == {"c1": "answered", "c2": "abandoned"}
        assert seconds_by_agent(s, "not_ready") == {"SIP/8001": 1801.0, "SIP/8002": 1.0}
        assert set(s.scalars(select(ContactEvent.event_key))) == expected


def test_a_stalled_sqlite_database_holds_events_until_it_is_free(sqlite_database: Database) -> None:
    clock = Clock()
    record, hub = recording(sqlite_database, clock)
    play(hub, clock, SHIFT[:4])
    assert record.wait_idle(30)
    path = make_url(sqlite_database.url).database
    assert path is not None
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # another process holding the write lock
        started = time.monotonic()
        play(hub, clock, SHIFT[4:])
        assert time.monotonic() - started < 1.0
        assert not record.wait_idle(1.0)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert record.wait_idle(30)
    record.stop()
    assert record.dropped == record.lost == 0
    with sqlite_database.factory() as s:
        assert dict(s.execute(select(Call.platform_call_id, Call.outcome)).all()) == {
            "c1": "answered",
            "c2": "abandoned",
        }
        lunch = s.scalars(select(AgentStateInterval).where(AgentStateInterval.reason == "lunch")).one()
        assert lunch.ended_at is not None and lunch.ended_at - lunch.started_at == timedelta(seconds=1800)


def test_a_full_backlog_drops_loudly_and_counts(sqlite_database: Database, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    record = LiveRecord(sqlite_database.factory, clock=clock, max_backlog=2)  # never started: nothing drains
    hub = Hub(StaticTokens(), observers=[record], clock=clock)
    with caplog.at_level(logging.ERROR, logger="agent_desk.services.calls.live_record"):
        play(hub, clock, SHIFT[:5])
    assert record.dropped == 3
    assert [r.getMessage() for r in caplog.records] == ["contact record backlog full: events are being lost"]
