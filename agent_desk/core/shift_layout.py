"""What the shift solver works from, computed once: every (day, template) shift placed in time, the
worked minutes it gives each interval, which shift pairs are too close for an agent's rest, and
each agent's open days and weekly minutes; plus the two steps that give the solver its start.

- :func:`aggregate` solves the plan without agents: how many of each template each day, under
  what any set of agents must respect (no more shifts a day than agents free that day, no more
  minutes a week than they may work, nor more shifts of a length than their minutes hold whole,
  no more late-then-early pairs than agents). It is small and solves to optimality in moments;
  being a relaxation of the whole plan, its optimum is a lower bound on the whole plan's cost.
- :func:`deal` hands those shifts out to agents, day by day, earliest template first (they are
  the ones a late shift the day before rules out), each to the free agent with the most of the
  week's minutes left; a shift nobody can take is then given by passing one or two others along
  (:meth:`_Hand.route`), or left out. The result respects every rule and is the solver's first
  solution (its hint).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from ortools.sat.python import cp_model

from agent_desk.core.shift_times import AgentLimits, Shift, Template, overlaps, shift_on, week_of

Key = tuple[date, int]  # (day, template id)


@dataclass
class Layout:
    days: list[date]
    templates: list[Template]
    agents: dict[int, AgentLimits]  # the available ones
    shifts: dict[Key, Shift]
    cover: dict[Key, dict[int, int]]  # interval index → units worked there
    unit: int  # minutes in a unit of coverage
    need: list[int]  # units required per interval
    open_keys: dict[int, list[Key]]  # per agent: the shifts they may be given at all
    allowed: dict[int, dict[date, int]]  # per agent: minutes left to plan in each ISO week
    too_close: dict[float, dict[Key, list[Key]]]  # per rest rule: a shift → later shifts too close to it

    @property
    def keys(self) -> list[Key]:
        return list(self.shifts)


def layout(
    days: Sequence[date],
    interval_starts: Sequence[datetime],
    interval_minutes: int,
    required: Sequence[int],
    templates: Sequence[Template],
    agents: Sequence[AgentLimits],
    zone: tzinfo,
) -> Layout:
    starts = list(interval_starts)
    shifts = {(d, t.id): shift_on(d, t, zone) for d in days for t in templates}
    minutes_in: dict[Key, dict[int, int]] = {}
    for key, shift in shifts.items():
        per: dict[int, int] = defaultdict(int)
        for lo, hi in shift.working():
            for index, seconds in overlaps(lo, hi, starts, interval_minutes):
                per[index] += round(seconds / 60)
        minutes_in[key] = {i: m for i, m in per.items() if m}
    unit = math.gcd(interval_minutes, *(m for per in minutes_in.values() for m in per.values()))
    cover = {key: {i: m // unit for i, m in per.items()} for key, per in minutes_in.items()}
    longest = max((t.length_minutes for t in templates), default=0)
    available = {a.id: a for a in agents if a.available}
    too_close = {
        a.min_rest_hours: _too_close(days, templates, shifts, a.min_rest_hours, longest) for a in available.values()
    }
    open_keys, allowed = {}, {}
    for agent in available.values():
        rest = timedelta(hours=agent.min_rest_hours)
        open_keys[agent.id] = [
            key
            for key, shift in shifts.items()
            if key[0] not in agent.days_off
            and not any(b.start < shift.end + rest and shift.start < b.end + rest for b in agent.booked)
        ]
        weeks: dict[date, int] = {}
        for d in days:
            week = week_of(d)
            if week not in weeks:
                booked = sum(s.minutes for s in agent.booked if week_of(s.day) == week)
                weeks[week] = max(0, math.floor(agent.max_hours_week * 60) - booked)
        allowed[agent.id] = weeks
    need = [positions * interval_minutes // unit for positions in required]
    return Layout(list(days), list(templates), available, shifts, cover, unit, need, open_keys, allowed, too_close)


def _too_close(
    days: Sequence[date], templates: Sequence[Template], shifts: dict[Key, Shift], rest_hours: float, longest: int
) -> dict[Key, list[Key]]:
    """For each shift, the shifts of later days that start less than the rest after it ends."""
    rest = timedelta(hours=rest_hours)
    reach = 1 + int((longest + rest.total_seconds() / 60) // 1440)  # days a shift and its rest can span
    pairs = {}
    for d in days:
        for t in templates:
            end = shifts[d, t.id].end + rest
            close = [
                (e, u.id) for e in days if 0 < (e - d).days <= reach for u in templates if shifts[e, u.id].start < end
            ]
            if close:
                pairs[d, t.id] = close
    return pairs


def coverage_terms(lay: Layout) -> dict[int, list[tuple[Key, int]]]:
    """Per interval, the shifts that work in it and their units there."""
    terms: dict[int, list[tuple[Key, int]]] = defaultdict(list)
    for key, per in lay.cover.items():
        for index, units in per.items():
            terms[index].append((key, units))
    return terms


def aggregate(
    lay: Layout, under_weight: int, over_weight: int, time_limit_s: float, workers: int
) -> tuple[dict[Key, int], int]:
    """How many of each shift to plan, agents aside, and the cost's lower bound for the whole plan."""
    model = cp_model.CpModel()
    takers: dict[Key, int] = defaultdict(int)
    for keys in lay.open_keys.values():
        for key in keys:
            takers[key] += 1
    n = {key: model.new_int_var(0, takers[key], f"n_{key[0]}_{key[1]}") for key in lay.shifts if takers[key]}
    for d in lay.days:
        free = sum(1 for keys in lay.open_keys.values() if any(k[0] == d for k in keys))
        model.add(sum(v for (e, _), v in n.items() if e == d) <= free)
    for week in {week_of(d) for d in lay.days}:
        may = sum(weeks[week] for weeks in lay.allowed.values())
        model.add(sum(lay.shifts[key].minutes * v for key, v in n.items() if week_of(key[0]) == week) <= may)
    _late_then_early(model, lay, n)
    for length in sorted({lay.shifts[k].minutes for k in n}):
        # Each agent works at most (weekly minutes ÷ length) shifts this long or longer in a week.
        for week in {week_of(d) for d in lay.days}:
            most = sum(weeks[week] // length for weeks in lay.allowed.values())
            longer = [v for key, v in n.items() if lay.shifts[key].minutes >= length and week_of(key[0]) == week]
            model.add(sum(longer) <= most)
    cost, _, _ = cost_of(model, lay, n, takers, under_weight, over_weight)
    model.minimize(cost)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_search_workers = workers
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, 0
    return {key: int(solver.value(v)) for key, v in n.items()}, math.ceil(solver.best_objective_bound - 1e-6)


def _late_then_early(model: cp_model.CpModel, lay: Layout, n: dict[Key, Any]) -> None:
    """An agent works at most one of two shifts too close together: for a shift and the ones ending
    no earlier the same day, with the later shifts too close to it, at most as many as there are agents."""
    if not lay.agents:
        return
    # Under the shortest rest rule of all, a pair too close is too close for every agent.
    shortest = min(a.min_rest_hours for a in lay.agents.values())
    for (d, t), later in lay.too_close[shortest].items():
        end = lay.shifts[d, t].end
        ending_later = [v for (e, u), v in n.items() if e == d and lay.shifts[e, u].end >= end]
        # The next day only: an agent off on ``d`` could work two shifts of two later days.
        next_day = [n[k] for k in later if k in n and k[0] == d + timedelta(days=1)]
        if ending_later and next_day:
            model.add(sum(ending_later) + sum(next_day) <= len(lay.agents))


def cost_of(
    model: cp_model.CpModel,
    lay: Layout,
    n: dict[Key, Any],
    takers: dict[Key, int],
    under_weight: int,
    over_weight: int,
) -> tuple[Any, list[Any], list[Any]]:
    """Weighted units short and over, summed over the intervals (with the variables of both per
    interval): ``n`` counts each shift, given to at most ``takers`` agents."""
    terms = coverage_terms(lay)
    short, extra = [], []
    for index, need in enumerate(lay.need):
        here = [(key, units) for key, units in terms.get(index, []) if key in n]
        s = model.new_int_var(0, need, f"under_{index}")
        o = model.new_int_var(0, sum(units * takers[key] for key, units in here), f"over_{index}")
        model.add(sum(units * n[key] for key, units in here) + s - o == need)
        short.append(s)
        extra.append(o)
    return under_weight * sum(short) + over_weight * sum(extra), short, extra


def deal(lay: Layout, counts: dict[Key, int]) -> dict[int, list[Key]]:
    """The counted shifts handed to agents within every rule (see the module's docstring)."""
    hand = _Hand(lay)
    missing: list[Key] = []
    order = sorted(lay.templates, key=lambda t: (t.start_minute, t.length_minutes))
    for d in lay.days:
        for template in order:
            key = (d, template.id)
            for _ in range(counts.get(key, 0)):
                if not hand.place(key):
                    missing.append(key)
    for key in missing:  # what the first pass could not give, with room made
        hand.route(key)
    return hand.given


class _Hand:
    """Shifts given so far, and what each agent may still take."""

    def __init__(self, lay: Layout) -> None:
        self.lay = lay
        self.given: dict[int, list[Key]] = {a: [] for a in lay.agents}
        self.minutes_left = {a: dict(weeks) for a, weeks in lay.allowed.items()}
        self.open = {a: set(keys) for a, keys in lay.open_keys.items()}
        self.close = {rest: {key: set(later) for key, later in pairs.items()} for rest, pairs in lay.too_close.items()}

    def left(self, agent: int, key: Key) -> int:
        return self.minutes_left[agent][week_of(key[0])]

    def fits(self, agent: int, key: Key, *, hours: bool = True) -> bool:
        """Whether the agent may take the shift beside the ones given (``hours``: their week's minutes too)."""
        if (hours and self.left(agent, key) < self.lay.shifts[key].minutes) or key not in self.open[agent]:
            return False
        close = self.close[self.lay.agents[agent].min_rest_hours]
        return not any(
            other[0] == key[0] or key in close.get(other, ()) or other in close.get(key, ())
            for other in self.given[agent]
        )

    def give(self, agent: int, key: Key) -> None:
        self.given[agent].append(key)
        self.minutes_left[agent][week_of(key[0])] -= self.lay.shifts[key].minutes

    def take_back(self, agent: int, key: Key) -> None:
        self.given[agent].remove(key)
        self.minutes_left[agent][week_of(key[0])] += self.lay.shifts[key].minutes

    def place(self, key: Key) -> bool:
        """Give a shift to the free agent with the most minutes left that week."""
        free = [a for a in self.lay.agents if self.fits(a, key)]
        if not free:
            return False
        self.give(max(free, key=lambda a: (self.left(a, key), -a)), key)
        return True

    def route(self, key: Key) -> bool:
        """Give a shift nobody can take by passing others along: an agent with minutes to spare takes
        a colleague's shift, who then has the minutes for this one — or for a third colleague's, who
        then takes this one (two agents with 4 hours spare each make room for an 8-hour shift).
        On failure nothing has changed."""
        week = week_of(key[0])
        spare = [a for a in self.lay.agents if self.minutes_left[a][week] > 0]
        for receiver in spare:
            for holder, moved in self._takeable(receiver, week, exclude={receiver}):
                self._move(moved, holder, receiver)
                if self.fits(holder, key):
                    self.give(holder, key)
                    return True
                for second_holder, second in self._takeable(holder, week, exclude={receiver, holder}):
                    self._move(second, second_holder, holder)
                    if self.fits(second_holder, key):
                        self.give(second_holder, key)
                        return True
                    self._move(second, holder, second_holder)
                self._move(moved, receiver, holder)
        return False

    def _takeable(self, agent: int, week: date, exclude: set[int]) -> list[tuple[int, Key]]:
        """Colleagues' shifts of the week the agent could take over as things stand."""
        room = self.minutes_left[agent][week]
        return [
            (holder, key)
            for holder, keys in self.given.items()
            if holder not in exclude
            for key in keys
            if week_of(key[0]) == week and self.lay.shifts[key].minutes <= room and self.fits(agent, key)
        ]

    def _move(self, key: Key, source: int, target: int) -> None:
        self.take_back(source, key)
        self.give(target, key)


__all__ = ["Key", "Layout", "aggregate", "cost_of", "coverage_terms", "deal", "layout"]
