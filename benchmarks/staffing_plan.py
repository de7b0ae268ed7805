"""A week's shift plan: 7 days of 30-minute intervals, 200 agents, 10 templates, a call centre's curve.

The required positions follow a working day's two humps (mid-morning and mid-afternoon), lower at
the weekend, open 07:00–23:00 in Asia/Shanghai, sized so that the demand takes about 90 % of what
200 agents at 40 h a week can give. Eight 8-hour templates start on the hour from 07:00 to 14:00
(breaks +2 h 15 min, +4 h 30 min, +6 h 15 min) and two 4-hour part-time ones at 10:00 and 18:00
(a break +2 h 15 min); every agent has the defaults (40 h a week, 11 h rest), a few have fewer
hours or days off. The solver runs on two workers with its time limit.

    .venv/bin/python benchmarks/staffing_plan.py                    # 200 agents, limit 50 s
    .venv/bin/python benchmarks/staffing_plan.py --agents 60 --time-limit 20
Budget (issue 13): the week's plan under 60 s on two cores.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent_desk.core.shift_solver import PlanProblem, solve
from agent_desk.core.shift_times import AgentLimits, Template, local_time, plan_intervals

ZONE = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 3, 2)
FULL = ((120, 15), (240, 30), (360, 15))


def templates() -> list[Template]:
    full = [Template(i + 1, hour * 60, 480, FULL) for i, hour in enumerate((7, 8, 9, 10, 11, 12, 13, 15))]
    return [*full, Template(9, 10 * 60, 240, ((120, 15),)), Template(10, 19 * 60, 240, ((120, 15),))]


def curve(starts: list, agents: int, interval_minutes: int) -> list[int]:
    """A day's two humps, weekend lower, scaled to ~90 % of the agents' weekly hours."""
    shape = []
    for start in starts:
        moment = local_time(start, ZONE)
        hour = moment.hour + moment.minute / 60
        if not 7 <= hour < 23:
            shape.append(0.0)
            continue
        hump = math.exp(-(((hour - 10.5) / 2.0) ** 2)) + 0.85 * math.exp(-(((hour - 15.5) / 2.5) ** 2))
        weekend = 0.6 if moment.weekday() >= 5 else 1.0
        shape.append((0.25 + hump) * weekend)
    # The work of agents is at most 7/8 of their hours (breaks): aim for 90 % of that.
    capacity = agents * 40 * 60 * 7 / 8 * 0.9 / interval_minutes
    scale = capacity / sum(shape)
    return [round(s * scale) for s in shape]


def agents(count: int, days: list[date], seed: int = 13) -> list[AgentLimits]:
    rng = random.Random(seed)
    made = []
    for i in range(count):
        if i % 10 == 0:  # part-timers
            made.append(AgentLimits(1000 + i, max_hours_week=24))
        elif i % 17 == 0:  # a day off asked for
            made.append(AgentLimits(1000 + i, days_off=frozenset({rng.choice(days)})))
        else:
            made.append(AgentLimits(1000 + i))
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--interval", type=int, default=30)
    parser.add_argument("--time-limit", type=float, default=50.0)
    args = parser.parse_args()
    days = [MONDAY + timedelta(days=i) for i in range(args.days)]
    starts = plan_intervals(days[0], days[-1], args.interval, ZONE)
    required = curve(starts, args.agents, args.interval)
    problem = PlanProblem(days, starts, args.interval, required, templates(), agents(args.agents, days), ZONE)
    began = time.perf_counter()
    result = solve(problem, time_limit_s=args.time_limit)
    wall = time.perf_counter() - began
    need_hours = sum(required) * args.interval / 60
    print(
        f"{args.agents} agents, {len(problem.templates)} templates, {len(days)} days, {len(starts)} intervals "
        f"of {args.interval} min; peak {max(required)} positions, {need_hours:,.0f} position-hours required"
    )
    print(
        f"status {result.status}, {wall:.1f} s wall (solver {result.seconds:.1f} s), {len(result.assignments)} shifts"
    )
    print(
        f"under {result.under_hours:,.1f} position-hours ({result.under_hours / need_hours:.1%}), "
        f"over {result.over_hours:,.1f}; cost {result.cost:,} (bound {result.cost_bound:,}, gap {result.gap:.2%})"
    )
    print(f"budget: < 60 s — {'met' if wall < 60 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
