"""The shift plan as an optimisation: which template (or none) each agent works each day, so that
the positions scheduled per interval meet the positions required, with OR-Tools CP-SAT.

The model (docs/staffing.md, "Shift plan"):

- ``x[a, d, t]`` is 1 when agent ``a`` works template ``t`` on day ``d``; an agent who is not
  available, or is off that day, has no variables for it.
- At most one shift per agent per day.
- Hours: per ISO week, the minutes of the agent's shifts (whole, breaks included) plus those
  already booked that week stay within ``max_hours_week``.
- Rest: for every two shifts of an agent on nearby days whose gap (the later start minus the
  earlier end, in real time, so DST nights count right) is under ``min_rest_hours``, at most one of
  them is chosen. The pairs are worked out per day pair, once per distinct rest rule.
- Coverage of interval ``i``: the minutes worked in it outside breaks, summed over the chosen
  shifts, ÷ the interval's minutes. Breaks sit at fixed offsets from the template's start.
- Objective, lexicographic by scaling: ``under`` (weight 10 per position-minute short) and
  ``over`` (weight 1 per position-minute too many) first, then a small term that can never
  outweigh one position-minute of either: the largest number of hours any agent works (so the
  work is spread rather than piled on a few).

How it is solved: first the plan without agents (how many of each template each day), which is
small and solves to optimality at once and whose cost no real plan can beat (core.shift_layout);
then those shifts dealt to agents within every rule, as the full model's first solution; then
CP-SAT improves on it until the time limit (or until it meets that bound).

The result is the best plan found with its status: ``OPTIMAL`` when its cost (under and over) is
proved the least possible — by CP-SAT, or by meeting the bound — or ``FEASIBLE`` when time ran
out first, with ``cost_bound`` and ``gap`` saying how far from proved it may be. The small term
is a tie-break and not part of that proof. The empty plan is always allowed, so a requirement
nobody can cover gives the least under-staffing, not an error. Pure: no database; the caller
gives the zone and the plan's interval starts.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, ClassVar

from ortools.sat.python import cp_model

from agent_desk.core.errors import CodedError
from agent_desk.core.shift_layout import Key, Layout, aggregate, cost_of, coverage_terms, deal, layout
from agent_desk.core.shift_times import AgentLimits, Shift, Template, coverage, week_of

Choices = dict[int, dict[Key, Any]]  # agent id → (day, template id) → x

DEFAULT_TIME_LIMIT_S = 50.0
WORKERS = 2


class ShiftSolverError(CodedError, ValueError):
    """A plan that cannot be asked for as given; nothing was solved."""

    messages: ClassVar[Mapping[str, str]] = {
        "shift_solver.required_count": "the requirement gives {given} intervals; the plan's days have {expected}",
        "shift_solver.required_negative": "interval {number} requires {positions} positions; "
        "it must be a whole number, 0 or more",
        "shift_solver.intervals_unordered": "interval {number} does not start after the one before it",
        "shift_solver.time_limit": "the time limit is {seconds} s; give more than 0 and at most 3600 seconds",
        "shift_solver.no_solution": "the solver found no plan within {seconds} s ({solver_status}); allow it more time",
    }


@dataclass(frozen=True)
class Weights:
    """Cost of one position-minute short (``under``) or too many (``over``); short costs more."""

    under: int = 10
    over: int = 1


@dataclass(frozen=True)
class PlanProblem:
    days: Sequence[date]
    interval_starts: Sequence[datetime]  # naive UTC, ascending (core.shift_times.plan_intervals)
    interval_minutes: int
    required: Sequence[int]  # positions per interval
    templates: Sequence[Template]
    agents: Sequence[AgentLimits]
    zone: tzinfo


@dataclass(frozen=True)
class Assignment:
    agent_id: int
    shift: Shift

    @property
    def day(self) -> date:
        return self.shift.day

    @property
    def template_id(self) -> int | None:
        return self.shift.template_id


@dataclass(frozen=True)
class PlanResult:
    status: str  # OPTIMAL or FEASIBLE
    seconds: float
    interval_starts: tuple[datetime, ...]
    interval_minutes: int
    required: tuple[int, ...]
    scheduled: tuple[float, ...]  # positions working (outside breaks) per interval
    assignments: tuple[Assignment, ...]
    cost: int  # weighted position-minutes short and over (Weights)
    cost_bound: int  # no plan costs less: the proved lower bound

    @property
    def gap(self) -> float:
        """How far the cost may be above the best possible, as a share of the cost (0 when OPTIMAL)."""
        return (self.cost - self.cost_bound) / self.cost if self.cost else 0.0

    def template_of(self, agent_id: int, day: date) -> int | None:
        """The template the agent works on that day, or None for a day off."""
        for a in self.assignments:
            if a.agent_id == agent_id and a.day == day:
                return a.template_id
        return None

    @property
    def under(self) -> tuple[float, ...]:
        return tuple(max(0.0, r - s) for r, s in zip(self.required, self.scheduled, strict=True))

    @property
    def over(self) -> tuple[float, ...]:
        return tuple(max(0.0, s - r) for r, s in zip(self.required, self.scheduled, strict=True))

    @property
    def under_hours(self) -> float:
        """Position-hours short over the plan."""
        return sum(self.under) * self.interval_minutes / 60

    @property
    def over_hours(self) -> float:
        return sum(self.over) * self.interval_minutes / 60


def solve(
    problem: PlanProblem,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    weights: Weights = Weights(),
    workers: int = WORKERS,
    log: bool = False,
) -> PlanResult:
    """The best plan found within ``time_limit_s`` (all told) on ``workers`` threads."""
    _check(problem, time_limit_s)
    began = time.perf_counter()
    p = problem
    required = [int(r) for r in p.required]
    lay = layout(p.days, p.interval_starts, p.interval_minutes, required, p.templates, p.agents, p.zone)
    counts, floor = aggregate(lay, weights.under, weights.over, min(10.0, time_limit_s / 5), workers)
    start = deal(lay, counts)

    model = cp_model.CpModel()
    x: Choices = {
        a: {key: model.new_bool_var(f"x_{a}_{key[0]}_{key[1]}") for key in keys} for a, keys in lay.open_keys.items()
    }
    for a, mine in x.items():
        by_day: dict[date, list[Any]] = defaultdict(list)
        for key, var in mine.items():
            by_day[key[0]].append(var)
        for day_vars in by_day.values():
            model.add_at_most_one(day_vars)
        _hours(model, lay, a, mine)
        close = lay.too_close[lay.agents[a].min_rest_hours]
        for key, var in mine.items():
            later = [mine[k] for k in close.get(key, ()) if k in mine]
            if later:
                model.add_at_most_one([var, *later])
    # How many agents work each shift: the coverage sums these, not every agent's x.
    takers: dict[Key, list[Any]] = defaultdict(list)
    for mine in x.values():
        for key, var in mine.items():
            takers[key].append(var)
    n = {}
    for key, chosen in takers.items():
        n[key] = model.new_int_var(0, len(chosen), f"n_{key[0]}_{key[1]}")
        model.add(n[key] == sum(chosen))
    cost, short, extra = cost_of(model, lay, n, {k: len(v) for k, v in takers.items()}, weights.under, weights.over)
    model.add(cost >= floor)  # the plan without agents is a relaxation: its bound holds here
    spread = _spread(model, lay, x)
    # The small term counts hours; one unit of the main terms must outweigh all its range.
    scale = len(lay.days) * 16 + 1
    model.minimize(scale * cost + spread)
    _hint(model, lay, start, x, n, short, extra, spread)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit_s - (time.perf_counter() - began))
    solver.parameters.num_search_workers = workers
    solver.parameters.random_seed = 0
    solver.parameters.log_search_progress = log
    code = solver.solve(model, _StopAtBound(cost, floor, spread, x, lay))
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ShiftSolverError("shift_solver.no_solution", seconds=time_limit_s, solver_status=solver.status_name(code))
    found = round(solver.value(cost))
    # The solver's bound on the whole objective, less all the small term could add, bounds the cost.
    proved = max(floor, -(-(round(solver.best_objective_bound) - len(lay.days) * 16) // scale))
    chosen_shifts = [
        Assignment(agent_id, lay.shifts[key])
        for agent_id, mine in x.items()
        for key, var in mine.items()
        if solver.boolean_value(var)
    ]
    chosen_shifts.sort(key=lambda a: (a.day, a.shift.start, a.agent_id))
    scheduled = coverage((a.shift for a in chosen_shifts), p.interval_starts, p.interval_minutes)
    return PlanResult(
        status="OPTIMAL" if code == cp_model.OPTIMAL or found <= proved else "FEASIBLE",
        seconds=time.perf_counter() - began,
        interval_starts=tuple(p.interval_starts),
        interval_minutes=p.interval_minutes,
        required=tuple(required),
        scheduled=tuple(round(s, 6) for s in scheduled),
        assignments=tuple(chosen_shifts),
        cost=found * lay.unit,
        cost_bound=min(found, proved) * lay.unit,
    )


class _StopAtBound(cp_model.CpSolverSolutionCallback):
    """Stops the search once the cost meets the plan-without-agents bound (nothing can beat it) and
    no agent works more hours than an even share of the plan's hours would give them."""

    def __init__(self, cost: Any, floor: int, spread: Any, x: Choices, lay: Layout) -> None:
        super().__init__()
        self.cost, self.floor, self.spread, self.x, self.lay = cost, floor, spread, x, lay

    def on_solution_callback(self) -> None:
        if self.value(self.cost) > self.floor or not self.x:
            return
        minutes = sum(
            self.lay.shifts[key].minutes for mine in self.x.values() for key, var in mine.items() if self.value(var)
        )
        if self.value(self.spread) * 60 * len(self.x) < minutes + 60 * len(self.x):
            self.stop_search()


def _check(problem: PlanProblem, time_limit_s: float) -> None:
    if len(problem.required) != len(problem.interval_starts):
        raise ShiftSolverError(
            "shift_solver.required_count", given=len(problem.required), expected=len(problem.interval_starts)
        )
    for number, (before, after) in enumerate(itertools.pairwise(problem.interval_starts), start=2):
        if after <= before:
            raise ShiftSolverError("shift_solver.intervals_unordered", number=number)
    for number, positions in enumerate(problem.required, start=1):
        if positions < 0 or positions != int(positions):
            raise ShiftSolverError("shift_solver.required_negative", number=number, positions=positions)
    if not 0 < time_limit_s <= 3600:
        raise ShiftSolverError("shift_solver.time_limit", seconds=time_limit_s)


def _hint(
    model: cp_model.CpModel,
    lay: Layout,
    start: dict[int, list[Key]],
    x: Choices,
    n: dict[Key, Any],
    short: list[Any],
    extra: list[Any],
    spread: Any,
) -> None:
    """The dealt plan as a complete first solution: every variable hinted, so the solver starts from it."""
    dealt: dict[Key, int] = defaultdict(int)
    for a, mine in x.items():
        given = set(start.get(a, ()))
        for key, var in mine.items():
            model.add_hint(var, key in given)
            dealt[key] += key in given
    for key, var in n.items():
        model.add_hint(var, dealt[key])
    worked = [0] * len(lay.need)
    for index, terms in coverage_terms(lay).items():
        worked[index] = sum(units * dealt[key] for key, units in terms)
    for index, need in enumerate(lay.need):
        model.add_hint(short[index], max(0, need - worked[index]))
        model.add_hint(extra[index], max(0, worked[index] - need))
    most = max((sum(lay.shifts[k].minutes for k in keys) for keys in start.values()), default=0)
    model.add_hint(spread, -(-most // 60))


def _hours(model: cp_model.CpModel, lay: Layout, agent: int, mine: dict[Key, Any]) -> None:
    by_week: dict[date, list[tuple[int, Any]]] = defaultdict(list)
    longest: dict[date, int] = defaultdict(int)  # the longest shift open to the agent each day
    for key, var in mine.items():
        minutes = lay.shifts[key].minutes
        by_week[week_of(key[0])].append((minutes, var))
        longest[key[0]] = max(longest[key[0]], minutes)
    for week, terms in by_week.items():
        allowed = lay.allowed[agent][week]
        if sum(m for d, m in longest.items() if week_of(d) == week) > allowed:  # else it cannot go over
            model.add(sum(m * v for m, v in terms) <= allowed)


def _spread(model: cp_model.CpModel, lay: Layout, x: Choices) -> Any:
    """The most hours any agent works in the plan (rounded up), to be kept small."""
    top = model.new_int_var(0, len(lay.days) * 16, "most_hours")
    for mine in x.values():
        if mine:
            model.add(sum(lay.shifts[key].minutes * var for key, var in mine.items()) <= 60 * top)
    return top


__all__ = [
    "DEFAULT_TIME_LIMIT_S",
    "WORKERS",
    "Assignment",
    "PlanProblem",
    "PlanResult",
    "ShiftSolverError",
    "Weights",
    "solve",
]
