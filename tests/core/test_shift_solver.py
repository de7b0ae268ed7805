"""The shift plan's solver on instances small enough to work out by hand, its rules (rest, weekly
hours, days off, breaks), a day the clocks change, and bad input.

Times are UTC unless a test says otherwise; "E" is 06:00–14:00 and "L" 14:00–22:00, no breaks.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agent_desk.core.shift_solver import PlanProblem, PlanResult, ShiftSolverError, Weights, solve
from agent_desk.core.shift_times import (
    AgentLimits,
    Shift,
    ShiftRuleError,
    Template,
    coverage,
    plan_intervals,
    rota_problems,
    shift_on,
    template_problems,
)

UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
MON = date(2026, 3, 2)
E = Template(1, 6 * 60, 480)
L = Template(2, 14 * 60, 480)


def need(days: list[date], zone: ZoneInfo = UTC, **hours: int) -> tuple[list[datetime], list[int]]:
    """Half-hour intervals of the days, and positions required: ``d0="6-14"`` style ranges per day index."""
    starts = plan_intervals(days[0], days[-1], 30, zone)
    required = [0] * len(starts)
    for name, positions in hours.items():
        index, span = name[1:].split("_")
        lo, hi = (int(h) for h in span.split("to"))
        day = days[int(index)]
        for i, start in enumerate(starts):
            local = start.replace(tzinfo=UTC).astimezone(zone)
            if local.date() == day and lo <= local.hour < hi:
                required[i] = positions
    return starts, required


def plan(
    days: list[date],
    agents: list[AgentLimits],
    templates: list[Template],
    required: tuple[list[datetime], list[int]],
    zone: ZoneInfo = UTC,
    **kw: object,
) -> PlanResult:
    starts, positions = required
    return solve(PlanProblem(days, starts, 30, positions, templates, agents, zone), time_limit_s=20, **kw)  # type: ignore[arg-type]


# --- optimum known by hand -----------------------------------------------------------------------


def test_one_early_and_one_late_is_the_only_arrangement_that_covers_the_day() -> None:
    days = [MON]
    result = plan(days, [AgentLimits(1), AgentLimits(2)], [E, L], need(days, d0_6to22=1))
    assert result.status == "OPTIMAL" and result.cost == 0
    assert {result.template_of(1, MON), result.template_of(2, MON)} == {E.id, L.id}
    assert result.under_hours == 0 and result.over_hours == 0
    assert list(result.scheduled) == [float(r) for r in result.required]


def test_nobody_is_sent_in_when_one_agent_covers_it() -> None:
    days = [MON]
    result = plan(days, [AgentLimits(1), AgentLimits(2)], [E, L], need(days, d0_6to14=1))
    assert result.status == "OPTIMAL" and result.cost == 0
    assert len(result.assignments) == 1 and result.assignments[0].template_id == E.id


def test_a_requirement_nobody_can_cover_gives_the_least_under_staffing_not_an_error() -> None:
    days = [MON]
    result = plan(days, [AgentLimits(1)], [E, L], need(days, d0_6to22=3))
    # One agent, one shift: 8 of the 48 position-hours asked for are covered, whichever shift.
    assert result.status == "OPTIMAL"
    assert len(result.assignments) == 1
    assert result.under_hours == 40 and result.over_hours == 0


def test_under_staffing_weighs_more_than_over_staffing() -> None:
    # Two hours short at the end of the day: a late shift covers them and is 6 hours too many.
    days = [MON]
    short = need(days, d0_20to22=1)
    assert [a.template_id for a in plan(days, [AgentLimits(1)], [E, L], short).assignments] == [L.id]
    # Weighted the other way (over costs 10, short 1) nobody is sent in.
    assert plan(days, [AgentLimits(1)], [E, L], short, weights=Weights(under=1, over=10)).assignments == ()


# --- the rules --------------------------------------------------------------------------------------


def test_a_late_shift_is_not_followed_by_an_early_one_with_too_little_rest() -> None:
    days = [MON, MON + timedelta(days=1)]
    required = need(days, d0_14to22=1, d1_6to14=1)  # late Monday, early Tuesday: 8 h apart
    result = plan(days, [AgentLimits(1, min_rest_hours=11)], [E, L], required)
    assert result.status == "OPTIMAL" and len(result.assignments) == 1 and result.under_hours == 8
    rested = plan(days, [AgentLimits(1, min_rest_hours=8)], [E, L], required)
    assert rested.cost == 0 and [a.template_id for a in rested.assignments] == [L.id, E.id]


def test_weekly_hours_are_not_exceeded_even_when_the_requirement_asks_for_more() -> None:
    days = [MON + timedelta(days=i) for i in range(3)]
    required = need(days, d0_6to14=1, d1_6to14=1, d2_6to14=1)
    result = plan(days, [AgentLimits(1, max_hours_week=16)], [E, L], required)
    assert len(result.assignments) == 2 and result.under_hours == 8
    # Shifts already booked that week (another plan) count too.
    booked = shift_on(MON + timedelta(days=4), E, UTC)
    result = plan(days, [AgentLimits(1, max_hours_week=16, booked=(booked,))], [E, L], required)
    assert len(result.assignments) == 1


def test_days_off_and_agents_away_get_no_shift() -> None:
    days = [MON, MON + timedelta(days=1)]
    required = need(days, d0_6to14=1, d1_6to14=1)
    result = plan(days, [AgentLimits(1, days_off=frozenset({MON})), AgentLimits(2, available=False)], [E], required)
    assert [(a.agent_id, a.day) for a in result.assignments] == [(1, MON + timedelta(days=1))]


def test_a_bigger_plan_keeps_every_rule_for_every_agent() -> None:
    rng = random.Random(5)
    days = [MON + timedelta(days=i) for i in range(7)]
    templates = [Template(i + 1, (6 + 2 * i) * 60, 480, ((120, 15), (240, 30))) for i in range(6)]
    agents = [
        AgentLimits(i, max_hours_week=rng.choice((24, 32, 40)), min_rest_hours=rng.choice((8, 11, 12)))
        for i in range(12)
    ]
    starts = plan_intervals(days[0], days[-1], 30, UTC)
    required = [rng.randint(0, 6) if 7 <= s.hour < 23 else 0 for s in starts]
    result = solve(PlanProblem(days, starts, 30, required, templates, agents, UTC), time_limit_s=10)
    assert result.status in ("OPTIMAL", "FEASIBLE") and result.cost_bound <= result.cost
    for agent in agents:
        mine = [a.shift for a in result.assignments if a.agent_id == agent.id]
        assert len({s.day for s in mine}) == len(mine)  # one shift a day at most
        assert rota_problems(mine, agent, UTC, str(agent.id)) == []
    assert list(result.scheduled) == pytest.approx(coverage((a.shift for a in result.assignments), starts, 30))


# --- breaks -----------------------------------------------------------------------------------------


def test_an_agent_on_a_break_is_not_counted_in_that_interval() -> None:
    days = [MON]
    lunch = Template(3, 6 * 60, 480, ((180, 30), (360, 15)))  # lunch 09:00–09:30, a break 12:00–12:15
    result = plan(days, [AgentLimits(1)], [lunch], need(days, d0_6to14=1))
    starts = plan_intervals(MON, MON, 30, UTC)
    by_time = dict(zip((s.strftime("%H:%M") for s in starts), result.scheduled, strict=True))
    assert (by_time["08:30"], by_time["09:00"], by_time["09:30"]) == (1.0, 0.0, 1.0)
    assert by_time["12:00"] == 0.5  # a quarter-hour of the half hour on a break
    assert result.under_hours == 0.75


# --- the day the clocks change --------------------------------------------------------------------


def test_the_plan_follows_the_clock_on_the_days_it_changes() -> None:
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert len(plan_intervals(spring, spring, 30, PARIS)) == 46
    assert len(plan_intervals(autumn, autumn, 30, PARIS)) == 50
    night = Template(4, 60, 360)  # 01:00 local, 6 hours
    shift = shift_on(spring, night, PARIS)
    # 01:00 CET is 00:00 UTC; six real hours later it is 08:00 summer time.
    assert (shift.start, shift.end) == (datetime(2026, 3, 29, 0, 0), datetime(2026, 3, 29, 6, 0))
    assert shift_on(spring, E, PARIS).start == datetime(2026, 3, 29, 4, 0)  # 06:00 CEST
    assert shift_on(spring - timedelta(days=1), E, PARIS).start == datetime(2026, 3, 28, 5, 0)  # 06:00 CET


def test_a_plan_over_the_spring_night_covers_the_real_hours() -> None:
    spring = date(2026, 3, 29)
    night = Template(4, 60, 360)  # 01:00–08:00 local that night: six real hours
    starts = plan_intervals(spring, spring, 30, PARIS)
    required = [1 if s < datetime(2026, 3, 29, 6, 0) and s >= datetime(2026, 3, 29, 0, 0) else 0 for s in starts]
    result = solve(PlanProblem([spring], starts, 30, required, [night], [AgentLimits(1)], PARIS), time_limit_s=10)
    assert result.status == "OPTIMAL" and result.cost == 0 and len(result.assignments) == 1


def test_rest_is_measured_in_real_hours_across_the_autumn_night() -> None:
    autumn = date(2026, 10, 25)
    late = Template(5, 19 * 60, 300)  # Saturday 19:00–00:00 local
    early = Template(6, 10 * 60, 300)  # Sunday 10:00
    saturday, sunday = shift_on(autumn - timedelta(days=1), late, PARIS), shift_on(autumn, early, PARIS)
    # 00:00 to 10:00 on the clock is 11 real hours that night.
    assert sunday.start - saturday.end == timedelta(hours=11)
    assert rota_problems([saturday, sunday], AgentLimits(1, min_rest_hours=11), PARIS, "agent1") == []
    assert rota_problems([saturday, sunday], AgentLimits(1, min_rest_hours=12), PARIS, "agent1")[0].code == (
        "shift.rest_too_short"
    )


# --- rules on their own, and bad input --------------------------------------------------------------


def test_rota_problems_name_what_is_wrong() -> None:
    mon, tue = shift_on(MON, L, UTC), shift_on(MON + timedelta(days=1), E, UTC)
    [rest] = rota_problems([mon, tue], AgentLimits(1), UTC, "agent1")
    assert rest.code == "shift.rest_too_short"
    assert str(rest) == (
        "agent1 would rest only 8 h between the shift ending 2026-03-02 22:00 and the one starting "
        "2026-03-03 06:00; the rule is at least 11 h"
    )
    overlap = Shift(MON, datetime(2026, 3, 2, 20), datetime(2026, 3, 3, 4))
    assert [p.code for p in rota_problems([mon, overlap], AgentLimits(1), UTC, "agent1")] == ["shift.overlap"]
    week = [shift_on(MON + timedelta(days=i), E, UTC) for i in range(6)]
    [long] = rota_problems(week, AgentLimits(1), UTC, "agent1")
    assert long.code == "shift.week_too_long" and long.params["hours"] == "48" and long.params["week"] == "2026-03-02"


def test_template_problems() -> None:
    assert template_problems(510, 540, [(120, 15), (240, 30), (390, 15)]) == []
    assert [p.code for p in template_problems(1440, 0, [])] == ["shift.start_minute", "shift.length"]
    assert [p.code for p in template_problems(0, 961, [])] == ["shift.length"]
    assert [p.code for p in template_problems(0, 480, [(0, 15), (470, 15), (100, 0)])] == ["shift.break_outside"] * 3
    assert [p.code for p in template_problems(0, 480, [(120, 30), (140, 15)])] == ["shift.breaks_overlap"]
    assert isinstance(ShiftRuleError("shift.length", minutes=0), ValueError)


@pytest.mark.parametrize(
    ("required", "limit", "code"),
    [
        ([1] * 47, 10, "shift_solver.required_count"),
        ([1] * 47 + [-1], 10, "shift_solver.required_negative"),
        ([1] * 47 + [1.5], 10, "shift_solver.required_negative"),
        ([1] * 48, 0, "shift_solver.time_limit"),
    ],
)
def test_bad_input_is_refused_with_its_reason(required: list[int], limit: float, code: str) -> None:
    starts = plan_intervals(MON, MON, 30, UTC)
    with pytest.raises(ShiftSolverError) as caught:
        solve(PlanProblem([MON], starts, 30, required, [E], [AgentLimits(1)], UTC), time_limit_s=limit)
    assert caught.value.code == code


def test_no_agents_or_no_templates_leave_everything_short() -> None:
    days = [MON]
    assert plan(days, [], [E], need(days, d0_6to14=2)).under_hours == 16
    assert plan(days, [AgentLimits(1)], [], need(days, d0_6to14=2)).under_hours == 16
