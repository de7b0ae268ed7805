"""Shift templates, agents' limits, plans built by the solver, edited, published and read by agents,
and who may do what — on SQLite and PostgreSQL.

The reference data has four agents (agent1, agent2, agent3, agent777); most tests make only
agent1 and agent2 available, so the plan that covers the requirement is known by hand. "E" is
06:00–14:00, "L" 14:00–22:00 (local), no breaks; days are in UTC unless a test says otherwise.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from agent_desk.core.shift_times import plan_intervals
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.plans import (
    PlanError,
    add_template,
    agent_limits,
    build_plan,
    edit_shift,
    my_shifts,
    plan_shifts,
    plan_view,
    publish_plan,
    remove_template,
    set_agent_limits,
    templates,
    update_template,
)
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.staffing import AgentStaffing, PlannedShift, ShiftPlan, ShiftTemplate
from tests.services.test_orders_support import cast

UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
MON = date(2026, 3, 2)
TUE = MON + timedelta(days=1)
NOW = datetime(2026, 3, 1, 12, 0)


@pytest.fixture
def people(ref_db: Database) -> dict[str, CurrentUser]:
    return cast(ref_db.factory)


@pytest.fixture
def rota(ref_db: Database) -> dict[str, int]:
    """Templates E and L; only agent1 and agent2 available."""
    with transaction(ref_db.factory) as s:
        early = add_template(s, None, "E", start_minute=6 * 60, length_minutes=480)
        late = add_template(s, None, "L", start_minute=14 * 60, length_minutes=480)
        for name in ("agent3", "agent777"):
            set_agent_limits(s, None, name, available=False)
    return {"E": early.id, "L": late.id}


def _required(days: list[date], zone: ZoneInfo, **hours: tuple[int, int, int]) -> list[int]:
    """Positions per half hour: name=(day index, from hour, to hour) sets 1 position in that range."""
    starts = plan_intervals(days[0], days[-1], 30, zone)
    required = [0] * len(starts)
    for index, lo, hi in hours.values():
        for i, start in enumerate(starts):
            local = start.replace(tzinfo=UTC).astimezone(zone)
            if local.date() == days[index] and lo <= local.hour < hi:
                required[i] += 1
    return required


def _build(
    db: Database, days: list[date], required: list[int], zone: ZoneInfo = UTC, viewer: CurrentUser | None = None
) -> int:
    with transaction(db.factory) as s:
        return build_plan(s, viewer, days[0], days[-1], required, zone=zone, time_limit_s=10).id


def _shifts(db: Database, plan_id: int) -> dict[tuple[str, date], str]:
    with db.factory() as s:
        return {(v.username, v.day): v.template_name for v in plan_shifts(s, None, plan_id)}


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.factory() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t))
            for t in (ShiftTemplate, AgentStaffing, ShiftPlan, PlannedShift)
        )


# --- templates and limits ---------------------------------------------------------------------------


def test_templates_are_listed_by_start_and_validated(ref_db: Database) -> None:
    with transaction(ref_db.factory) as s:
        add_template(s, None, "Late", start_minute=14 * 60, length_minutes=480)
        day = add_template(s, None, " Day ", start_minute=510, length_minutes=540, breaks=[(240, 30), (120, 15)])
    assert (day.name, day.start, day.breaks) == ("Day", "08:30", ((120, 15), (240, 30)))
    bad = [
        ({"name": "Day"}, "staffing.template.exists"),
        ({"name": ""}, "staffing.template.name_invalid"),
        ({"start_minute": 1440}, "shift.start_minute"),
        ({"length_minutes": 961}, "shift.length"),
        ({"breaks": [(470, 15)]}, "shift.break_outside"),
        ({"breaks": [(120, 30), (140, 15)]}, "shift.breaks_overlap"),
    ]
    for change, code in bad:
        form = {"name": "New", "start_minute": 480, "length_minutes": 480, "breaks": []} | change
        with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
            add_template(s, None, **form)  # type: ignore[arg-type]
        assert caught.value.code == code, change
    with ref_db.factory() as s:
        assert [t.name for t in templates(s, None)] == ["Day", "Late"]
    assert "must last at least a minute and lie inside the shift" in str(
        PlanError("shift.break_outside", number=1, offset=470, minutes=15, length=480)
    )


def test_a_template_in_use_is_retired_not_deleted_and_its_shifts_keep_their_times(
    ref_db: Database, rota: dict[str, int]
) -> None:
    plan = _build(ref_db, [MON], _required([MON], UTC, a=(0, 6, 14)))
    with transaction(ref_db.factory) as s:
        update_template(s, None, rota["E"], start_minute=7 * 60)
        assert remove_template(s, None, rota["E"]) == "retired"
        assert remove_template(s, None, rota["L"]) == "deleted"
    with ref_db.factory() as s:
        assert templates(s, None) == []
        assert [t.name for t in templates(s, None, retired=True)] == ["E"]
        [shift] = plan_shifts(s, None, plan)
    assert shift.start == datetime(2026, 3, 2, 6, 0)


def test_agents_take_the_default_limits_until_given_their_own(ref_db: Database) -> None:
    with ref_db.factory() as s:
        limits = {v.username: (v.max_hours_week, v.min_rest_hours, v.available) for v in agent_limits(s, None)}
    assert limits == dict.fromkeys(("agent1", "agent2", "agent3", "agent777"), (40, 11, True))
    with transaction(ref_db.factory) as s:
        view = set_agent_limits(s, None, "agent1", max_hours_week=24)
    assert (view.max_hours_week, view.min_rest_hours, view.available) == (24, 11, True)
    for agent, change, code in [
        ("agent1", {"max_hours_week": 0}, "staffing.agent.limits_invalid"),
        ("agent1", {"min_rest_hours": 25}, "staffing.agent.limits_invalid"),
        ("supervisor1", {}, "staffing.agent.unknown"),
        ("nobody", {}, "staffing.agent.unknown"),
    ]:
        with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
            set_agent_limits(s, None, agent, **change)  # type: ignore[arg-type]
        assert caught.value.code == code
    with ref_db.factory() as s:
        assert s.get(AgentStaffing, view.user_id).max_hours_week == 24  # type: ignore[union-attr]


# --- building ---------------------------------------------------------------------------------------


def test_a_plan_covers_the_day_with_one_early_and_one_late_shift(ref_db: Database, rota: dict[str, int]) -> None:
    plan_id = _build(ref_db, [MON], _required([MON], UTC, day=(0, 6, 22)))
    shifts = _shifts(ref_db, plan_id)
    assert set(shifts) == {("agent1", MON), ("agent2", MON)} and sorted(shifts.values()) == ["E", "L"]
    with ref_db.factory() as s:
        view = plan_view(s, None, plan_id)
        rows = {r.template_id: r for r in s.scalars(select(PlannedShift).where(PlannedShift.plan_id == plan_id))}
    assert view.status == "draft" and view.zone == "UTC"
    assert view.summary["solver_status"] == "OPTIMAL" and view.summary["under_hours"] == 0
    assert view.summary["over_hours"] == 0 and len(view.summary["scheduled"]) == 48
    assert (rows[rota["L"]].start_at, rows[rota["L"]].end_at) == (datetime(2026, 3, 2, 14), datetime(2026, 3, 2, 22))


def test_shift_times_are_kept_in_utc_from_the_local_template_across_the_spring_change(
    ref_db: Database, rota: dict[str, int]
) -> None:
    saturday, sunday = date(2026, 3, 28), date(2026, 3, 29)
    days = [saturday, sunday]
    plan_id = _build(ref_db, days, _required(days, PARIS, sat=(0, 6, 14), sun=(1, 6, 14)), zone=PARIS)
    with ref_db.factory() as s:
        starts = {v.day: (v.start, v.end) for v in plan_shifts(s, None, plan_id)}
        view = plan_view(s, None, plan_id)
    # 06:00 in Paris is 05:00 UTC in winter time, 04:00 UTC from the Sunday the clocks go forward.
    assert starts[saturday] == (datetime(2026, 3, 28, 5), datetime(2026, 3, 28, 13))
    assert starts[sunday] == (datetime(2026, 3, 29, 4), datetime(2026, 3, 29, 12))
    assert len(view.summary["required"]) == 48 + 46 and view.summary["under_hours"] == 0


def test_a_published_shift_next_door_counts_for_the_rest(ref_db: Database, rota: dict[str, int]) -> None:
    with transaction(ref_db.factory) as s:
        set_agent_limits(s, None, "agent2", available=False)
    monday = _build(ref_db, [MON], _required([MON], UTC, late=(0, 14, 22)))
    with transaction(ref_db.factory) as s:
        publish_plan(s, None, monday, now=NOW)
    # Tuesday early would leave agent1 8 hours' rest after Monday's late shift: nobody is planned.
    tuesday = _build(ref_db, [TUE], _required([TUE], UTC, early=(0, 6, 14)))
    with ref_db.factory() as s:
        assert plan_shifts(s, None, tuesday) == []
        assert plan_view(s, None, tuesday).summary["under_hours"] == 8


@pytest.mark.parametrize(
    ("days", "required", "interval", "code"),
    [
        ([TUE, MON], [], 30, "staffing.plan.range_backwards"),
        ([MON, MON + timedelta(days=31)], [], 30, "staffing.plan.too_long"),
        ([MON], [0] * 48, 20, "staffing.plan.interval"),
        ([MON], [0] * 47, 30, "shift_solver.required_count"),
        ([MON], [-1] + [0] * 47, 30, "shift_solver.required_negative"),
    ],
)
def test_a_plan_asked_for_wrongly_is_refused_and_nothing_is_written(
    ref_db: Database, rota: dict[str, int], days: list[date], required: list[int], interval: int, code: str
) -> None:
    before = _counts(ref_db)
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
        build_plan(s, None, days[0], days[-1], required, interval_minutes=interval, zone=UTC, time_limit_s=5)
    assert caught.value.code == code
    assert _counts(ref_db) == before


def test_a_plan_needs_templates_and_agents(ref_db: Database) -> None:
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
        build_plan(s, None, MON, MON, [0] * 48, zone=UTC)
    assert caught.value.code == "staffing.plan.no_templates"
    with transaction(ref_db.factory) as s:
        add_template(s, None, "E", start_minute=360, length_minutes=480)
        for name in ("agent1", "agent2", "agent3", "agent777"):
            set_agent_limits(s, None, name, available=False)
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
        build_plan(s, None, MON, MON, [0] * 48, zone=UTC)
    assert caught.value.code == "staffing.plan.no_agents"


# --- editing ----------------------------------------------------------------------------------------


def test_a_supervisor_moves_adds_and_removes_shifts_and_the_summary_follows(
    ref_db: Database, rota: dict[str, int], people: dict[str, CurrentUser]
) -> None:
    with transaction(ref_db.factory) as s:
        set_agent_limits(s, None, "agent2", available=False)
    days = [MON, TUE]
    plan_id = _build(ref_db, days, _required(days, UTC, mon=(0, 6, 14), tue=(1, 6, 14)))
    assert _shifts(ref_db, plan_id) == {("agent1", MON): "E", ("agent1", TUE): "E"}
    boss = people["supervisor1"]
    with transaction(ref_db.factory) as s:
        moved = edit_shift(s, boss, plan_id, "agent1", TUE, rota["L"])
    assert moved is not None and moved.template_name == "L" and moved.edited
    assert (moved.start, moved.end) == (datetime(2026, 3, 3, 14), datetime(2026, 3, 3, 22))
    with ref_db.factory() as s:
        summary = plan_view(s, None, plan_id).summary
        row = s.scalars(select(PlannedShift).where(PlannedShift.plan_id == plan_id, PlannedShift.day == TUE)).one()
    assert row.edited_by == boss.id
    assert (summary["edited"], summary["under_hours"], summary["over_hours"]) == (True, 8, 8)
    with transaction(ref_db.factory) as s:
        set_agent_limits(s, None, "agent2", available=True)
        added = edit_shift(s, boss, plan_id, "agent2", TUE, rota["E"])
        assert edit_shift(s, boss, plan_id, "agent1", TUE, None) is None
    assert added is not None and added.start == datetime(2026, 3, 3, 6)
    assert _shifts(ref_db, plan_id) == {("agent1", MON): "E", ("agent2", TUE): "E"}
    with ref_db.factory() as s:
        summary = plan_view(s, None, plan_id).summary
    assert (summary["under_hours"], summary["over_hours"], summary["shifts"]) == (0, 0, 2)


def test_an_edit_that_breaks_the_rest_or_the_weeks_hours_is_refused_and_nothing_changes(
    ref_db: Database, rota: dict[str, int], people: dict[str, CurrentUser]
) -> None:
    days = [MON, TUE]
    plan_id = _build(ref_db, days, [0] * 96)  # nothing required: an empty plan to fill by hand
    boss = people["supervisor1"]
    with transaction(ref_db.factory) as s:
        edit_shift(s, boss, plan_id, "agent1", TUE, rota["E"])
        set_agent_limits(s, None, "agent2", max_hours_week=8)
        edit_shift(s, boss, plan_id, "agent2", MON, rota["E"])
    before = _shifts(ref_db, plan_id)
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as rest:
        edit_shift(s, boss, plan_id, "agent1", MON, rota["L"])
    assert rest.value.code == "shift.rest_too_short"
    assert str(rest.value) == (
        "agent1 would rest only 8 h between the shift ending 2026-03-02 22:00 and the one starting "
        "2026-03-03 06:00; the rule is at least 11 h"
    )
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as hours:
        edit_shift(s, boss, plan_id, "agent2", TUE, rota["E"])
    assert hours.value.code == "shift.week_too_long" and "the limit is 8 h" in str(hours.value)
    refusals = [
        ("agent3", MON, rota["E"], "staffing.agent.unavailable"),
        ("agent1", MON + timedelta(days=2), rota["E"], "staffing.plan.day_outside"),
        ("auditor1", MON, rota["E"], "staffing.agent.unknown"),
        ("agent1", MON, 9999, "staffing.template.unknown"),
    ]
    for agent, day, template, code in refusals:
        with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
            edit_shift(s, boss, plan_id, agent, day, template)
        assert caught.value.code == code
    with transaction(ref_db.factory) as s:
        update_template(s, None, rota["L"], active=False)
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
        edit_shift(s, boss, plan_id, "agent1", MON, rota["L"])
    assert caught.value.code == "staffing.template.retired"
    assert _shifts(ref_db, plan_id) == before


# --- publishing and reading -------------------------------------------------------------------------


def test_publishing_makes_the_shifts_the_agents_see_once(
    ref_db: Database, rota: dict[str, int], people: dict[str, CurrentUser]
) -> None:
    plan_id = _build(ref_db, [MON], _required([MON], UTC, day=(0, 6, 22)))
    agent1 = people["agent1"]
    with ref_db.factory() as s:
        assert my_shifts(s, agent1, MON, MON) == []  # a draft is nobody's yet
    with transaction(ref_db.factory) as s:
        view = publish_plan(s, people["supervisor1"], plan_id, now=NOW)
    assert view.status == "published" and view.published_at == NOW
    with ref_db.factory() as s:
        [mine] = my_shifts(s, agent1, MON, TUE)
        assert mine.username == "agent1" and mine.plan_id == plan_id
        assert [v.username for v in my_shifts(s, people["agent2"], MON, MON)] == ["agent2"]
        assert my_shifts(s, agent1, TUE, TUE) == []
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as again:
        publish_plan(s, None, plan_id, now=NOW)
    assert again.value.code == "staffing.plan.already_published"
    assert "was published on 2026-03-01 12:00; it cannot be published again" in str(again.value)
    other = _build(ref_db, [MON], _required([MON], UTC, day=(0, 6, 14)))
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as overlap:
        publish_plan(s, None, other, now=NOW)
    assert overlap.value.code == "staffing.plan.overlaps_published" and overlap.value.params["other"] == plan_id
    with ref_db.factory() as s:
        assert s.get(ShiftPlan, other).status == "draft"  # type: ignore[union-attr]
    with transaction(ref_db.factory) as s, pytest.raises(PlanError) as unknown:
        publish_plan(s, None, 9999, now=NOW)
    assert unknown.value.code == "staffing.plan.unknown"


@pytest.mark.parametrize("name", ["agent1", "auditor1", "logistics1"])
def test_only_supervisors_and_admins_plan_and_nothing_changes_when_others_try(
    ref_db: Database, rota: dict[str, int], people: dict[str, CurrentUser], name: str
) -> None:
    plan_id = _build(ref_db, [MON], _required([MON], UTC, day=(0, 6, 14)), viewer=people["admin"])
    before = (_counts(ref_db), _shifts(ref_db, plan_id))
    who = people[name]
    attempts = [
        lambda s: add_template(s, who, "X", start_minute=0, length_minutes=60),
        lambda s: update_template(s, who, rota["E"], start_minute=0),
        lambda s: remove_template(s, who, rota["E"]),
        lambda s: templates(s, who),
        lambda s: set_agent_limits(s, who, "agent1", max_hours_week=1),
        lambda s: agent_limits(s, who),
        lambda s: build_plan(s, who, MON, MON, [0] * 48, zone=UTC),
        lambda s: edit_shift(s, who, plan_id, "agent1", MON, None),
        lambda s: publish_plan(s, who, plan_id, now=NOW),
        lambda s: plan_shifts(s, who, plan_id),
        lambda s: plan_view(s, who, plan_id),
    ]
    for attempt in attempts:
        with transaction(ref_db.factory) as s, pytest.raises(PlanError) as caught:
            attempt(s)
        assert caught.value.code == "staffing.plan.not_allowed"
        assert (
            str(caught.value)
            == f"the {name.rstrip('0123456789')} role does not plan shifts; supervisors and administrators do"
        )
    assert (_counts(ref_db), _shifts(ref_db, plan_id)) == before
    with ref_db.factory() as s:
        assert json.loads(s.get(ShiftPlan, plan_id).summary)["edited"] is False  # type: ignore[union-attr]
