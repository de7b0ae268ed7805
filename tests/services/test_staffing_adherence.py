"""The day as it goes, worked by hand on a small day (UTC), on SQLite and PostgreSQL.

The plan: 2 positions required 08:00–12:00; agent1 and agent2 each work the template "M"
(08:00, 4 hours, a break +120 for 30 minutes: 10:00–10:30). What the record says they did:

- agent1 (by user id): logged in 07:55–12:05, on a break 10:00–10:30, a 5-minute ACW pause
  at 09:00 (after-call work is work): in the planned state all the time, adherence 100 %.
- agent2 (by PBX name SIP/8002 only): logged in 08:10–11:00, no break. In adherence 08:10–10:00
  and 10:30–11:00 (140 of the 240 minutes); working through the break is not adherent: 58.33 %.
- SIP/9999, a PBX name AgentDesk does not know, logged in 09:00–09:30: working, in no plan.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.adherence import DayAdherence, day_adherence
from agent_desk.services.staffing.plans import PlanError, add_template, build_plan, publish_plan, set_agent_limits
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from tests.services.test_orders_support import cast

DAY = date(2026, 3, 2)
UTC_ZONE = ZoneInfo("UTC")


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute)


@pytest.fixture
def people(ref_db: Database) -> dict[str, CurrentUser]:
    return cast(ref_db.factory)


@pytest.fixture
def plan_id(ref_db: Database, people: dict[str, CurrentUser]) -> int:
    with transaction(ref_db.factory) as s:
        add_template(s, None, "M", start_minute=8 * 60, length_minutes=240, breaks=[(120, 30)])
        for name in ("agent3", "agent777"):
            set_agent_limits(s, None, name, available=False)
        required = [2 if 16 <= i < 24 else 0 for i in range(48)]  # 08:00–12:00
        plan = build_plan(s, None, DAY, DAY, required, zone=UTC_ZONE, time_limit_s=10)
        publish_plan(s, None, plan.id, now=at(0))
    return plan.id


def _state(
    s: object,
    key: str,
    agent: str,
    agent_id: int | None,
    state: str,
    lo: datetime,
    hi: datetime | None,
    reason: str = "",
) -> None:
    s.add(  # type: ignore[attr-defined]
        AgentStateInterval(
            opened_by=key,
            agent=agent,
            agent_id=agent_id,
            state=state,
            reason=reason,
            started_at=lo,
            ended_at=hi,
            source="desk",
        )
    )


@pytest.fixture
def record(ref_db: Database, people: dict[str, CurrentUser], plan_id: int) -> Database:
    one = people["agent1"].id
    with transaction(ref_db.factory) as s:
        _state(s, "a1-login", "SIP/8001", one, "logged_in", at(7, 55), at(12, 5))
        _state(s, "a1-break", "SIP/8001", one, "not_ready", at(10), at(10, 30), "break")
        _state(s, "a1-acw", "SIP/8001", one, "not_ready", at(9), at(9, 5), "acw")
        _state(s, "a2-login", "SIP/8002", None, "logged_in", at(8, 10), at(11))
        _state(s, "x-login", "SIP/9999", None, "logged_in", at(9), at(9, 30))
    return ref_db


def _day(db: Database, now: datetime, viewer: CurrentUser | None = None, **kw: object) -> DayAdherence:
    with db.factory() as s:
        return day_adherence(s, viewer, DAY, now=now, **kw)  # type: ignore[arg-type]


def test_required_scheduled_and_actual_per_interval_with_the_gap(record: Database) -> None:
    day = _day(record, at(13))
    rows = {row.local_start[11:]: row for row in day.intervals}
    assert len(day.intervals) == 48
    figures = {
        key: (rows[key].required, rows[key].scheduled, rows[key].actual, rows[key].gap, rows[key].short)
        for key in ("07:30", "08:00", "09:00", "10:00", "10:30", "11:00", "12:00")
    }
    assert figures == {
        "07:30": (0, 0.0, pytest.approx(1 / 6, abs=1e-4), pytest.approx(1 / 6, abs=1e-4), False),
        "08:00": (2, 2.0, pytest.approx(50 / 30, abs=1e-4), pytest.approx(-10 / 30, abs=1e-4), True),
        "09:00": (2, 2.0, 3.0, 1.0, False),  # the ACW pause is work; SIP/9999 counts too
        "10:00": (2, 0.0, 1.0, -1.0, True),  # both planned on a break; agent2 worked
        "10:30": (2, 2.0, 2.0, 0.0, False),
        "11:00": (2, 2.0, 1.0, -1.0, True),  # agent2 gone
        "12:00": (0, 0.0, pytest.approx(1 / 6, abs=1e-4), pytest.approx(1 / 6, abs=1e-4), False),
    }


def test_adherence_per_agent_is_the_time_in_the_planned_state(record: Database) -> None:
    agents = {a.username: a for a in _day(record, at(13)).agents}
    assert set(agents) == {"agent1", "agent2"}
    one, two = agents["agent1"], agents["agent2"]
    assert (one.scheduled_s, one.in_adherence_s, one.working_s, one.break_s, one.adherence) == (
        14400,
        14400,
        12600,
        1800,
        1.0,
    )
    assert (two.scheduled_s, two.in_adherence_s, two.working_s, two.break_s) == (14400, 8400, 8400, 0)
    assert two.adherence == pytest.approx(0.5833, abs=1e-4)


def test_during_the_day_only_the_time_gone_counts(record: Database) -> None:
    with transaction(record.factory) as s:
        _state(s, "x-again", "SIP/9999", None, "logged_in", at(10, 5), None)  # still logged in
    day = _day(record, at(10, 15))
    rows = {row.local_start[11:]: row for row in day.intervals}
    # 15 minutes of the half hour gone: agent2 all of them, SIP/9999 the last 10 (open until now).
    assert rows["10:00"].actual == pytest.approx(1 + 10 / 15, abs=1e-4)
    assert rows["10:30"].actual is None and rows["10:30"].gap is None and not rows["10:30"].short
    agents = {a.username: a for a in day.agents}
    # Up to 10:15: 120 minutes of work and 15 of break each.
    assert (agents["agent1"].scheduled_s, agents["agent1"].adherence) == (8100, 1.0)
    assert (agents["agent2"].scheduled_s, agents["agent2"].in_adherence_s) == (8100, 6600)
    assert all(a.adherence is None for a in _day(record, at(7)).agents)  # no shift begun yet


def test_the_requirement_can_be_given_and_must_fit_the_day(record: Database, plan_id: int) -> None:
    day = _day(record, at(13), plan_id=plan_id, required=[1] * 48)
    assert {row.required for row in day.intervals} == {1}
    with pytest.raises(PlanError) as caught:
        _day(record, at(13), required=[1] * 47)
    assert caught.value.code == "staffing.plan.required_count"
    assert str(caught.value) == "the requirement gives 47 intervals; 2026-03-02 has 48"


def test_a_day_without_a_published_plan_is_refused(record: Database, plan_id: int) -> None:
    with record.factory() as s, pytest.raises(PlanError) as caught:
        day_adherence(s, None, date(2026, 3, 3), now=at(13))
    assert caught.value.code == "staffing.plan.no_published_plan"
    with record.factory() as s, pytest.raises(PlanError) as outside:
        day_adherence(s, None, date(2026, 3, 3), now=at(13), plan_id=plan_id)
    assert outside.value.code == "staffing.plan.day_outside"


@pytest.mark.parametrize("name", ["agent1", "auditor1"])
def test_only_supervisors_and_admins_read_adherence(
    record: Database, people: dict[str, CurrentUser], name: str
) -> None:
    with pytest.raises(PlanError) as caught:
        _day(record, at(13), people[name])
    assert caught.value.code == "staffing.plan.not_allowed"
    assert _day(record, at(13), people["supervisor1"]).agents
