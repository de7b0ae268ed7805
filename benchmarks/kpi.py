"""KPI report budget: a month's report by agent and a day's report by half hour, p99 < 300 ms.

    python benchmarks/kpi.py --url sqlite:////tmp/scale.sqlite3 [--url postgresql://…] [--samples 50]

Each database should hold scale data (``agent-desk demo-data --customers 1000000
--calls-per-customer 10 --url …``, which builds the rollups at its end); ``--build N`` makes it first
(N customers, 10 calls each). Without ``--url`` nothing is built: this benchmark needs a database.
``--rebuild`` first times ``agent-desk kpi rebuild`` (every rollup built again from the record, in
its kept zone) and commits it. The reports are made in the rollup zone the database keeps (``--tz``
for another: then they read quarter hours instead of days and months, and are slower).

Measured, each beside a floor from the same run (the same rows the month's report reads, fetched
by raw DB-API: what reading them costs before anything is computed):
  clean   the rollups are up to date
  live    before each report one of the latest calls of its range changes (the hub's writer, through
          the ORM), so the report first recomputes that quarter hour and the day, week and month
          around it: a floor at work, whose latest pages are in memory
  late    the same with any call of the range (a follow-up score weeks after the call): the pages
          of that quarter hour are read from the disk when the database does not fit in memory
  raw     the same reports computed from the record (``source="raw"``), once, and checked equal
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from agent_desk.services.supervision.kpi_report import GroupBy, ReportRequest, kpi_report
from agent_desk.services.supervision.rollup_sums import Periods, zone_named
from agent_desk.services.supervision.rollups import rebuild, rollup_zone
from agent_desk.store.database import Database, open_database
from agent_desk.store.kpi_rollups import KpiCallRollup
from agent_desk.store.models import Call


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fmt(name: str, ms: list[float]) -> str:
    return (
        f"{name:<40} p50 {statistics.median(ms):8.1f} ms   p99 {pct(ms, 0.99):8.1f} ms   "
        f"max {max(ms):8.1f} ms   (n={len(ms)})"
    )


def describe(db: Database) -> tuple[str, datetime, datetime]:
    with db.factory() as s:
        calls = s.scalar(select(func.count()).select_from(Call)) or 0
        rollups = s.scalar(select(func.count()).select_from(KpiCallRollup)) or 0
        first, last = s.execute(select(func.min(Call.queued_at), func.max(Call.queued_at))).one()
    return f"{calls:,} calls, {rollups:,} call rollup rows", first, last


def timed(db: Database, request: ReportRequest, now: datetime, source: str = "rollups") -> tuple[float, int]:
    started = time.perf_counter()
    with db.factory() as s:
        rows = kpi_report(s, request, now=now, source=source).rows  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000, len(rows)


def floor_rows(db: Database, period: datetime) -> list[float]:
    """The month's agent rows fetched by raw DB-API: the floor under the month's report."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        mark = "?" if db.dialect == "sqlite" else "%s"
        stamp = period.isoformat(" ", "microseconds") if db.dialect == "sqlite" else period
        sql = f"SELECT * FROM kpi_call_rollups WHERE grain = 'm' AND dim = 'a' AND period_start = {mark}"
        out = []
        for _ in range(20):
            t = time.perf_counter()
            cur.execute(sql, (stamp,))
            cur.fetchall()
            out.append((time.perf_counter() - t) * 1000)
        return out
    finally:
        raw.close()


def calls_of(db: Database, start: datetime, end: datetime, *, latest: bool, n: int = 200) -> list[int]:
    """Answered calls of [start, end): the latest (what the hub is writing now), or any (a late change)."""
    with db.factory() as s:
        query = select(Call.id).where(Call.queued_at >= start, Call.queued_at < end, Call.outcome == "answered")
        if latest:
            return list(s.scalars(query.order_by(Call.queued_at.desc()).limit(n)))
        ids = list(s.scalars(query))
    return random.Random(11).sample(ids, min(n, len(ids)))


def touch_a_call(db: Database, call_id: int) -> None:
    """What the hub does many times a minute: a call's facts change (here its talk time), one commit."""
    with db.factory() as s, s.begin():
        call = s.get(Call, call_id)
        assert call is not None
        call.talk_seconds = (call.talk_seconds or 0) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", action="append", required=True, help="database(s) with scale data")
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--build", type=int, help="first add this many customers (10 calls each)")
    parser.add_argument("--tz", help="zone of the reports (default: the rollup zone the database keeps)")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw recompute (minutes at 10M calls)")
    parser.add_argument("--rebuild", action="store_true", help="first time a rebuild of every rollup")
    args = parser.parse_args()
    rng = random.Random(7)
    for url in args.url:
        db = open_database(url, auto_upgrade=True)
        if args.build:
            from agent_desk.services.demo.data import DemoSize, generate

            t = time.perf_counter()
            generate(db.engine, DemoSize(args.build, 1.5, 10), seed=7)
            print(f"built in {time.perf_counter() - t:.0f} s")
        size, _first, last = describe(db)
        print(f"\n== {db.dialect}: {size}")
        if args.rebuild:
            t = time.perf_counter()
            with db.factory() as s, s.begin():
                written = rebuild(s)
            print(f"rebuild: {written:,} rows in {time.perf_counter() - t:.1f} s")
        with db.factory() as s:
            kept = rollup_zone(s)
        zone = zone_named(args.tz) if args.tz else kept or zone_named("UTC")
        periods = Periods(zone)
        # The last whole month of the record, and its busiest-looking day (a weekday mid-month).
        last_day = last.replace(tzinfo=None).date()
        month = (last_day.replace(day=1) - timedelta(days=1)).replace(day=1)
        month_end = last_day.replace(day=1) - timedelta(days=1)
        day = month + timedelta(days=14)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        now = last + timedelta(hours=1)
        by_agent = ReportRequest(month, month_end, GroupBy.AGENT, zone=zone)
        by_half_hour = ReportRequest(day, day, GroupBy.INTERVAL, interval_minutes=30, zone=zone)
        print(f"zone {zone} (rollups kept in {kept}); month {month:%Y-%m}; day {day}")
        timed(db, by_agent, now)  # anything marked is recomputed once, and the caches are warm
        timed(db, by_half_hour, now)
        floor = floor_rows(db, periods.span("m", month)[0])
        print(fmt("floor: the month's agent rows (DB-API)", floor))
        for name, request in (("month by agent", by_agent), ("day by half hour", by_half_hour)):
            clean = [timed(db, request, now) for _ in range(args.samples)]
            print(fmt(f"clean  {name} ({clean[0][1]} rows)", [ms for ms, _ in clean]))
            start, end = request.utc_window()
            for label, latest in (("live", True), ("late", False)):
                changed = calls_of(db, start, end, latest=latest)
                ms = []
                for _ in range(max(10, args.samples // 2)):
                    touch_a_call(db, rng.choice(changed))
                    ms.append(timed(db, request, now)[0])
                what = "one of its latest calls" if latest else "any of its calls"
                print(fmt(f"{label:6} {name} ({what} changed before each)", ms))
            print(f"{'':<42}clean p99 / floor p99 = {pct([ms for ms, _ in clean], 0.99) / pct(floor, 0.99):.1f}x")
            if not args.no_raw:
                raw_ms, _rows = timed(db, request, now, source="raw")
                with db.factory() as s:
                    same = kpi_report(s, request, now=now).rows == kpi_report(s, request, now=now, source="raw").rows
                print(f"  raw    {name}: {raw_ms:8.0f} ms, the same rows as the rollups: {same}")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
