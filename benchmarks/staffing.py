"""Staffing budgets (issue 13): one interval's required agents well under 1 ms up to 2,000 agents;
a week's shift plan (30-min intervals, 200 agents, 10 templates) under 60 s on two cores.

    .venv/bin/python benchmarks/staffing.py [--repeats 300] [--no-plan]

Erlang: ``required_agents`` for one half hour sized to need about 10, 100, 500, 1,000 and 2,000
agents (AHT 300 s, 80 % in 20 s), under Erlang C and under Erlang A (mean patience 120 s), each
timed ``--repeats`` times; p50 and p99 beside a floor from the same run: the textbook Erlang B
recursion up to that many agents once (what one table lookup costs in pure Python). The plan:
benchmarks/staffing_plan.py, run after, when it is there.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent_desk.core.erlang import required_agents  # noqa: E402

BUDGET_MS = 1.0
SIZES = (10, 100, 500, 1_000, 2_000)
INTERVAL_S, AHT_S, PATIENCE_S = 1800, 300.0, 120.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def calls_for(agents: int, patience_s: float | None) -> float:
    """The calls of a half hour that need about ``agents`` agents: stepping down 0.5 % at a time
    from half as many again as they could carry (Erlang A may staff below the offered load)."""
    calls = 1.5 * agents * INTERVAL_S / AHT_S
    while required_agents(calls, INTERVAL_S, AHT_S, sl=0.8, patience_s=patience_s).agents > agents:
        calls *= 0.995
    return calls


def erlang_b_floor(agents: int, load: float) -> float:
    started = time.perf_counter()
    b = 1.0
    for k in range(1, agents + 1):
        b = load * b / (k + load * b)
    return (time.perf_counter() - started) * 1000


def bench_erlang(repeats: int) -> bool:
    print(f"required_agents, one interval: p50 / p99 over {repeats} runs (budget: well under {BUDGET_MS:g} ms)")
    ok = True
    for model, patience in (("Erlang C", None), ("Erlang A", PATIENCE_S)):
        for size in SIZES:
            calls = calls_for(size, patience)
            load = calls * AHT_S / INTERVAL_S
            ms = []
            for _ in range(repeats):
                started = time.perf_counter()
                staffing = required_agents(calls, INTERVAL_S, AHT_S, sl=0.8, sl_seconds=20, patience_s=patience)
                ms.append((time.perf_counter() - started) * 1000)
            floor = statistics.median(erlang_b_floor(staffing.agents, load) for _ in range(20))
            p50, p99 = statistics.median(ms), pct(ms, 0.99)
            ok = ok and p50 < BUDGET_MS
            print(
                f"  {model}  {calls:9,.0f} calls ({load:7.1f} Erlangs) → {staffing.agents:5,} agents   "
                f"p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   floor (Erlang B recursion) {floor:6.3f} ms"
            )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=300)
    parser.add_argument("--no-plan", action="store_true", help="the Erlang part only")
    args = parser.parse_args()
    ok = bench_erlang(args.repeats)
    # --- the shift plan: another part's benchmark, run as it is (its own options and budget) ----
    plan = ROOT / "benchmarks" / "staffing_plan.py"
    if not args.no_plan and plan.exists():
        print(f"\n{plan.relative_to(ROOT)}:", flush=True)
        ok = subprocess.call([sys.executable, str(plan)]) == 0 and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
