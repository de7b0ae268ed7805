"""Screen pop budget: event in → data ready, and frame in → pop painted.

    python benchmarks/screen_pop.py --url sqlite:////tmp/scale.sqlite3 [--url postgresql://…] [--samples 2000]

Each database should hold scale data (``agent-desk demo-data --customers 1000000
--orders-per-customer 5 --calls-per-customer 10 --url …``); ``--build N`` makes it first.
Beside every figure the floor measured in the same run: one indexed phone lookup via raw DB-API.
Budgets (DESIGN.md): data ready p99 < 5 ms on SQLite, < 10 ms on PostgreSQL; painted < 50 ms.

Passes, each over callers not seen before in the run (the repeat pass aside):
  cold    ``--drop-caches`` (root): the OS page cache is emptied first, so every page comes from
          the disk; the floor is measured cold too, on other numbers
  steady  a desk that has been running: the tables and indexes pops read are in the OS page cache,
          as the desk's own prewarm at start leaves them (SQLite, up to half the free memory), or as
          a server that has been running holds them (PostgreSQL: pg_prewarm of the same relations)
  repeat  the same callers again
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text

from agent_desk.services.calls.screen_pop import screen_pop
from agent_desk.store.database import Database, open_database
from agent_desk.store.models import BusinessLineNumber, Call, Customer, CustomerPhone, Order


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fmt(name: str, ms: list[float]) -> str:
    return (
        f"{name:<34} p50 {statistics.median(ms):7.3f} ms   p99 {pct(ms, 0.99):7.3f} ms   "
        f"max {max(ms):7.3f} ms   (n={len(ms)})"
    )


def sample_numbers(db: Database, n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    with db.factory() as s:
        max_id = s.scalar(select(func.max(CustomerPhone.id))) or 0
        numbers: list[str] = []
        while len(numbers) < n * 0.9 and max_id:
            pid = rng.randint(1, max_id)
            e164 = s.scalar(select(CustomerPhone.e164).where(CustomerPhone.id == pid))
            if e164:
                numbers.append(e164.removeprefix("+86"))
        numbers += [f"139{rng.randrange(10**8):08d}" for _ in range(n - len(numbers))]  # unknown callers
        dnis = list(s.scalars(select(BusinessLineNumber.dnis))) or [""]
    rng.shuffle(numbers)
    return numbers, dnis


def floor_lookup(db: Database, numbers: list[str]) -> list[float]:
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        mark = "?" if db.dialect == "sqlite" else "%s"
        sql = f"SELECT customer_id FROM customer_phones WHERE e164 = {mark}"
        out = []
        for n in numbers:
            t = time.perf_counter()
            cur.execute(sql, ("+86" + n,))
            cur.fetchall()
            out.append((time.perf_counter() - t) * 1000)
        return out
    finally:
        raw.close()


def disk_bytes() -> int | None:
    """Bytes this process has made the kernel fetch from the disk (Linux); page-cache hits not counted."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("read_bytes:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# Per pass: the pops that had to wait for the disk (SQLite reads in this process; PostgreSQL's
# reads happen in the server and are not seen here).
DISK_WAITS: list[tuple[float, bool]] = []


def data_ready(db: Database, numbers: list[str], dnis: list[str]) -> tuple[list[float], int]:
    out, matched = [], 0
    DISK_WAITS.clear()
    for i, n in enumerate(numbers):
        before = disk_bytes()
        t = time.perf_counter()
        with db.read_connection() as conn:  # as the desk does
            result = screen_pop(conn, n, dnis[i % len(dnis)])
        out.append((time.perf_counter() - t) * 1000)
        after = disk_bytes()
        DISK_WAITS.append((out[-1], before is not None and after is not None and after > before))
        matched += bool(result.matches)
    return out, matched


def disk_note() -> str:
    """How many pops of the last pass read from the disk, and the figures of those that did not."""
    from_disk = [ms for ms, disk in DISK_WAITS if disk]
    if not from_disk:
        return ""
    memory = [ms for ms, disk in DISK_WAITS if not disk]
    slow = statistics.median(from_disk)
    note = f"  {len(from_disk)} of {len(DISK_WAITS)} pops read from the disk (p50 {slow:.3f} ms)"
    if memory:
        note += f"; the others p50 {statistics.median(memory):.3f} ms, p99 {pct(memory, 0.99):.3f} ms"
    return note


def painted(db: Database, numbers: list[str], dnis: list[str]) -> list[float]:
    """Frames through the real controller and widgets (offscreen), lookup on the worker thread."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from agent_desk.config import Settings
    from agent_desk.core.protocol import CallEvent, encode_event, parse_hub_frame
    from agent_desk.services.access.auth import CurrentUser
    from agent_desk.ui.context import DeskContext
    from agent_desk.ui.desk.pop_controller import PopController
    from agent_desk.ui.desk.workspace import DeskWorkspace
    from agent_desk.ui.messages import bridge
    from agent_desk.ui.tasks import TaskRunner

    # The offscreen platform's "does not support propagateSizeHints" notes would drown the figures.
    qInstallMessageHandler(lambda _mode, _context, message: None if "does not support" in message else print(message))
    _app = QApplication.instance() or QApplication([])  # kept alive for the widgets below
    runner = TaskRunner()
    user = CurrentUser(1, "bench", "Bench", "agent", "SIP/8001")
    ctx = DeskContext(user, db, runner, Settings(db_url=db.url, hub_url=""), bridge())
    controller = PopController(ctx)
    desk = DeskWorkspace(ctx, controller)
    desk.resize(1200, 800)
    desk.show()
    out: list[float] = []
    # Wait in Qt's event loop, as the desk does: a Python loop spinning processEvents() would hold
    # the GIL and starve the worker thread doing the lookup.
    loop = QEventLoop()
    timeout = QTimer(singleShot=True)
    timeout.timeout.connect(loop.quit)
    controller.pop_ready.connect(lambda _c: (out.append(desk.last_pop_ms or 0.0), loop.quit()))
    for i, n in enumerate(numbers):
        event = CallEvent(type="call.offered", call_id=f"bench-{time.time_ns()}-{i}", ani=n,
                          dnis=dnis[i % len(dnis)], agent="SIP/8001")  # fmt: skip
        frame = parse_hub_frame(encode_event(event, epoch="bench", seq=i + 1, ts=time.time()))
        controller.on_frame(frame)
        timeout.start(5000)
        loop.exec()
        # The call's record and the access log are written next; calls ring seconds apart, so let
        # them finish before the next one instead of queueing it behind them.
        runner.run(lambda: None, lambda _r: loop.quit())
        timeout.start(5000)
        loop.exec()
    runner.shutdown()
    desk.close()
    return out


def drop_os_caches(db: Database) -> bool:
    """Empty the OS page cache, and this process's own (a fresh pool); PostgreSQL's shared buffers stay."""
    db.engine.dispose()
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError as exc:
        print(f"  (skipped: cannot drop the page cache: {exc}; run as root on Linux)")
        return False
    return True


def prewarm(db: Database) -> str:
    """Bring what pops read into the OS page cache, as on a desk (or server) that has been running."""
    from agent_desk.services.calls.screen_pop import POP_RELATIONS
    from agent_desk.store.prewarm import MEMORY_SHARE, available_memory, prewarm_objects, sqlite_file

    t = time.perf_counter()
    if db.dialect == "sqlite":
        path = sqlite_file(db.url)
        assert path is not None
        read = prewarm_objects(path, POP_RELATIONS, int((available_memory() or 0) * MEMORY_SHARE))
        took = time.perf_counter() - t
        return f"the desk's own prewarm read {read / 2**30:.2f} GiB of the pop's tables and indexes in {took:.0f} s"
    with db.engine.connect() as conn:
        try:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            pages = sum(conn.exec_driver_sql(f"SELECT pg_prewarm('{r}', 'read')").scalar() or 0 for r in POP_RELATIONS)
            conn.commit()
        except Exception as exc:
            return f"none: pg_prewarm unavailable ({exc.__class__.__name__})"
    took = time.perf_counter() - t
    return f"pg_prewarm read {pages * 8 / 2**20:.2f} GiB of the pop's tables and indexes in {took:.0f} s"


def describe_size(db: Database) -> str:
    with db.factory() as s:
        counts = [s.scalar(select(func.count()).select_from(m)) for m in (Customer, Order, Call)]
        if db.dialect == "sqlite":
            s.execute(text("SELECT 1"))
    return f"{counts[0]:,} customers / {counts[1]:,} orders / {counts[2]:,} calls"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", action="append", help="database(s) with scale data; default: build a 100k SQLite")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--painted-samples", type=int, default=300)
    parser.add_argument("--build", type=int, help="first add this many customers (5 orders, 10 calls each)")
    parser.add_argument(
        "--drop-caches", action="store_true", help="also measure cold: empty the OS page cache first (root only)"
    )
    args = parser.parse_args()
    if not args.url:
        import tempfile

        args.url = [f"sqlite:///{tempfile.mkdtemp(prefix='pop-bench-')}/pop.sqlite3"]
        args.build = args.build or 100_000
    rng = random.Random(7)
    for url in args.url:
        db = open_database(url, auto_upgrade=True)
        if args.build:
            from agent_desk.services.demo.data import DemoSize, generate

            t = time.perf_counter()
            generate(db.engine, DemoSize(args.build, 5, 10), seed=11)
            print(f"built in {time.perf_counter() - t:.0f} s")
        print(f"\n== {db.dialect}: {describe_size(db)}")
        n = args.samples
        numbers, dnis = sample_numbers(db, 3 * n + 200 + args.painted_samples, rng)
        cold_floor, cold, warm, steady, paint_numbers = (
            numbers[:n],
            numbers[n : 2 * n],
            numbers[2 * n : 2 * n + 200],
            numbers[2 * n + 200 : 3 * n + 200],
            numbers[3 * n + 200 :],
        )
        if args.drop_caches:
            print("cold (OS page cache dropped before each measurement):")
            if drop_os_caches(db):
                print(fmt("  floor: one indexed lookup (DB-API)", floor_lookup(db, cold_floor)))
                drop_os_caches(db)
                print(fmt("  event in -> data ready", data_ready(db, cold, dnis)[0]))
                if note := disk_note():
                    print(note)
        print(f"warm-up: {prewarm(db)}")
        data_ready(db, warm, dnis)  # the statement caches
        floor = floor_lookup(db, steady)
        ready, matched = data_ready(db, steady, dnis)
        print("steady (a running desk; each caller new to the run):")
        print(fmt("  floor: one indexed lookup (DB-API)", floor))
        print(fmt("  event in -> data ready", ready) + f"  matched {matched / len(steady):.0%}")
        print(f"{'':<36} p99 / floor p99 = {pct(ready, 0.99) / pct(floor, 0.99):.1f}x")
        if note := disk_note():
            print(note)
        again, _ = data_ready(db, steady, dnis)
        print("repeat (the same callers again):")
        print(fmt("  event in -> data ready", again))
        paint = painted(db, paint_numbers, dnis)
        print(fmt("frame in -> pop painted (steady)", paint))
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
