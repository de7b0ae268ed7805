"""The demo data's contact-centre record: what a supervisor's reports read must agree with itself.

The facts on ``calls`` and the agent state intervals are written in bulk by the generator; the
services derive the same things from the events alone. The two must give one answer.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from agent_desk.services.calls.contact_record import agent_ids, derive_agent_intervals, derive_calls, facts_from
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.services.demo.floor import CAP, prepare_floor, split
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.database import Database, open_database
from agent_desk.store.models import Call, User

INTERVAL_FIELDS = ("agent", "agent_id", "state", "reason", "started_at", "ended_at", "end_mark")


def _events_by_call(session: Session) -> dict[str, list[ContactEvent]]:
    grouped: dict[str, list[ContactEvent]] = defaultdict(list)
    for e in session.scalars(select(ContactEvent).order_by(ContactEvent.occurred_at, ContactEvent.id)):
        if e.call_id:
            grouped[e.call_id].append(e)
    return grouped


def _intervals(session: Session) -> dict[str, tuple[object, ...]]:
    return {
        i.opened_by: tuple(getattr(i, f) for f in INTERVAL_FIELDS) for i in session.scalars(select(AgentStateInterval))
    }


def test_every_call_has_the_facts_its_events_give(demo_db: Database) -> None:
    with demo_db.factory() as s:
        calls = list(s.scalars(select(Call)))
        events = _events_by_call(s)
        acw = {i.opened_by: i for i in s.scalars(select(AgentStateInterval).where(AgentStateInterval.state == "acw"))}
        assert calls and {c.platform_call_id for c in calls} == set(events)
        for call in calls:
            facts = facts_from(call.platform_call_id, events[call.platform_call_id])
            assert (facts.queued_at, facts.answered_at, facts.ended_at) == (
                call.queued_at,
                call.answered_at,
                call.ended_at,
            )
            assert (facts.wait, facts.ring, facts.talk, facts.outcome) == (
                call.wait_seconds,
                call.ring_seconds,
                call.talk_seconds,
                call.outcome,
            )
            assert facts.agent == call.agent_telephony_id
            assert call.queued_at is not None and call.offered_at is not None and call.ended_at is not None
            assert call.queued_at < call.ended_at and call.queued_at <= call.offered_at
            if call.outcome == "answered":
                assert call.answered_at is not None and call.wrapped_up_at is not None
                assert call.queued_at < call.offered_at < call.answered_at < call.ended_at < call.wrapped_up_at
                assert call.wait_seconds == (call.answered_at - call.queued_at).total_seconds()
                assert call.wait_seconds is not None and call.ring_seconds is not None
                assert call.ring_seconds <= call.wait_seconds
                hold = call.hold_seconds or 0
                assert call.ended_at - call.answered_at == timedelta(seconds=(call.talk_seconds or 0) + hold)
                # Hold comes with the end of the call; after-call work is the agent's acw interval.
                ended = [e for e in events[call.platform_call_id] if e.kind == "ended"]
                assert [e.data["hold"] for e in ended] == [call.hold_seconds]
                work = acw[f"demo:{call.id}:acw"]
                assert work.agent == call.agent_telephony_id and work.started_at == call.ended_at
                assert work.ended_at == call.wrapped_up_at
                assert call.acw_seconds == (work.ended_at - work.started_at).total_seconds() > 0
        # Deriving the facts over the generated events changes nothing on the rows.
        before = {c.id: _call_facts(c) for c in calls}
        assert derive_calls(s, list(events), agent_ids(s)) == len(calls)
        assert {c.id: _call_facts(c) for c in s.scalars(select(Call))} == before
        s.rollback()


def _call_facts(c: Call) -> tuple[object, ...]:
    return (
        c.queue,
        c.ani,
        c.dnis,
        c.agent_id,
        c.agent_telephony_id,
        c.business_line_id,
        c.queued_at,
        c.offered_at,
        c.answered_at,
        c.ended_at,
        c.wait_seconds,
        c.ring_seconds,
        c.talk_seconds,
        c.outcome,
        c.end_reason,
    )


def test_agent_intervals_are_what_their_events_derive_to(demo_db: Database) -> None:
    with demo_db.factory() as s:
        written = _intervals(s)
        agents = set(s.scalars(select(AgentStateInterval.agent).distinct()))
        assert agents and {state for _a, _id, state, *_ in written.values()} == {"logged_in", "not_ready", "acw"}
        derive_agent_intervals(s, agents, agent_ids(s))
        assert _intervals(s) == written
        s.rollback()


def _assert_no_agent_in_two_states_at_once(session: Session) -> None:
    by_agent: dict[str, dict[str, list[tuple[datetime, datetime]]]] = defaultdict(lambda: defaultdict(list))
    for i in session.scalars(select(AgentStateInterval)):
        assert i.ended_at is not None and i.started_at < i.ended_at, i.opened_by
        by_agent[i.agent]["shift" if i.state == "logged_in" else "busy"].append((i.started_at, i.ended_at))
    for call in session.scalars(select(Call).where(Call.outcome == "answered")):
        assert call.offered_at is not None and call.ended_at is not None
        by_agent[call.agent_telephony_id]["busy"].append((call.offered_at, call.ended_at))
    for agent, spans in by_agent.items():
        shifts = sorted(spans["shift"])
        for (_s1, end), (start, _e2) in pairwise(shifts):
            assert end <= start, f"{agent}: two shifts overlap at {start}"
        # Calls, pauses and after-call work of one agent follow one another, each within a shift.
        busy = sorted(spans["busy"])
        for (_s1, end), (start, _e2) in pairwise(busy):
            assert end <= start, f"{agent}: busy twice at {start}"
        for start, end in busy:
            assert any(s <= start and end <= e for s, e in shifts), f"{agent}: busy outside a shift at {start}"


def test_an_agent_is_never_in_two_states_at_once(demo_db: Database) -> None:
    with demo_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(AgentStateInterval)) > 0
        _assert_no_agent_in_two_states_at_once(s)


def test_adding_demo_data_again_keeps_every_agent_in_one_state_at_a_time(demo_db: Database) -> None:
    with demo_db.factory() as s:
        shifts = s.scalar(select(func.count()).where(AgentStateInterval.state == "logged_in"))
    again = generate(demo_db.engine, DemoSize(customers=40, orders_per_customer=0, calls_per_customer=3), seed=42)
    assert again.calls == 120 and again.contact_events > 120
    with demo_db.factory() as s:
        assert s.scalar(select(func.count()).where(AgentStateInterval.state == "logged_in")) > (shifts or 0)
        _assert_no_agent_in_two_states_at_once(s)
        calls_in_record = select(func.count(func.distinct(ContactEvent.call_id))).where(ContactEvent.call_id != "")
        assert s.scalar(calls_in_record) == s.scalar(select(func.count()).select_from(Call))


def test_paused_time_by_reason_is_what_a_shift_looks_like(demo_db: Database) -> None:
    with demo_db.factory() as s:
        shifts = s.scalar(select(func.count()).where(AgentStateInterval.state == "logged_in")) or 0
        paused: dict[str, list[float]] = defaultdict(list)
        for reason, started, ended in s.execute(
            select(AgentStateInterval.reason, AgentStateInterval.started_at, AgentStateInterval.ended_at).where(
                AgentStateInterval.state == "not_ready"
            )
        ):
            assert ended is not None
            paused[reason].append((ended - started).total_seconds() / 60)
        reasons = set(s.scalars(select(ContactEvent.data["reason"].as_string()).where(ContactEvent.kind == "paused")))
    assert shifts > 0
    # Two breaks and a lunch a shift, of the lengths the not-ready reasons allow (a few breaks run over).
    assert len(paused["lunch"]) == shifts and all(30 <= m <= 55 for m in paused["lunch"])
    assert len(paused["break"]) == 2 * shifts and all(10 <= m <= 20 for m in paused["break"])
    assert sum(m <= 15 for m in paused["break"]) >= len(paused["break"]) / 2
    assert reasons == set(paused) and {"break", "lunch"} <= reasons
    assert sum(sum(minutes) for minutes in paused.values()) / shifts < 180


def test_unanswered_calls_waited_and_had_no_agent(demo_db: Database) -> None:
    with demo_db.factory() as s:
        unanswered = list(s.scalars(select(Call).where(Call.outcome.in_(["abandoned", "timeout"]))))
        answered = s.scalar(select(func.count()).where(Call.outcome == "answered")) or 0
        agent_events = s.scalar(
            select(func.count()).where(
                ContactEvent.call_id.in_([c.platform_call_id for c in unanswered]), ContactEvent.agent != ""
            )
        )
    assert unanswered and answered > len(unanswered)
    for call in unanswered:
        assert call.agent_id is None and call.agent_telephony_id == "" and call.answered_at is None
        assert call.wait_seconds is not None and call.wait_seconds > 0 and call.queued_at is not None
        assert call.ended_at == call.queued_at + timedelta(seconds=call.wait_seconds)
        assert call.ring_seconds is None and call.talk_seconds is None and call.acw_seconds is None
        assert call.end_reason == "abandoned"
    assert agent_events == 0


def test_the_generated_record_stays_append_only(demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        for statement in ("UPDATE contact_events SET kind = 'ended'", "DELETE FROM contact_events"):
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
        assert conn.scalar(text("SELECT COUNT(*) FROM contact_events")) > 0


def test_the_same_seed_writes_the_same_record(sqlite_template: Path, tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 9, 30)
    records = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(sqlite_template, path)
        db = open_database(f"sqlite:///{path}")
        try:
            generate(db.engine, DemoSize(customers=50, orders_per_customer=0, calls_per_customer=2), seed=9, now=now)
            with db.factory() as s:
                events = {
                    e.event_key: (e.occurred_at, e.kind, e.call_id, e.agent, e.data)
                    for e in s.scalars(select(ContactEvent))
                }
                records.append((events, _intervals(s)))
        finally:
            db.dispose()
    assert records[0] == records[1] and len(records[0][0]) > 100
    assert max(occurred for occurred, *_ in records[0][0].values()) < now


def test_floor_agents_join_when_the_demo_agents_cannot_take_the_calls(ref_db: Database) -> None:
    now = datetime(2026, 3, 2, 9, 30)
    with ref_db.factory() as s:
        few = prepare_floor(s, 2_000, now)
        assert few.added == 0 and len(few.agents) == 4
        many = prepare_floor(s, 500_000, now)
        answered, unanswered = split(500_000)
        assert unanswered == 40_000 and many.added > 0
        shifts = many.shifts(answered)
        assert len(shifts) * CAP >= answered and len({(sh.agent, sh.day) for sh in shifts}) == len(shifts)
        floor_users = s.scalars(select(User).where(User.username.like("floor%"))).all()
        assert len(floor_users) == many.added and all(u.role == "agent" and u.telephony_id for u in floor_users)
        s.rollback()
