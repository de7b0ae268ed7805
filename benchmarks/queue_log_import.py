"""Importing an Asterisk queue_log: lines per second, first import and re-import, SQLite and PostgreSQL.

Writes a synthetic queue_log in the shape of the real files of tests/data/queue_log (ENTERQUEUE,
RINGNOANSWER, CONNECT, COMPLETE*, ABANDON, EXITWITHTIMEOUT, PAUSE/UNPAUSE with reasons, the
CONFIGRELOAD noise) for ``--calls`` calls over ``--agents`` agents, then runs the real
``import_queue_log`` on a fresh database and a second time on the same file (which must change
nothing). Prints lines/s for both and the calls the record holds afterwards.

    .venv/bin/python benchmarks/queue_log_import.py [--calls 20000] [--agents 50] [--skip-pg]

PostgreSQL: ``AGENT_DESK_BENCH_PG_URL`` (or ``AGENT_DESK_TEST_PG_URL``) names a server; a scratch
database is created there and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from agent_desk.services.calls.queue_log_import import call_counts, import_queue_log  # noqa: E402
from agent_desk.store import migrate  # noqa: E402
from agent_desk.store.contact_record import ContactEvent  # noqa: E402
from agent_desk.store.database import session_factory  # noqa: E402
from agent_desk.store.db import make_engine  # noqa: E402

_QUEUES = ("sales", "support", "billing")
_REASONS = ("break", "lunch", "training", "meeting")


def write_queue_log(path: Path, calls: int, agents: int, seed: int = 11) -> int:
    """A plausible day of a floor; returns the number of lines written."""
    rng = random.Random(seed)
    members = [f"SIP/{8000 + i}" for i in range(agents)]
    now = 1_700_000_000.0
    lines: list[str] = [f"{int(now)}|NONE|NONE|NONE|CONFIGRELOAD|"]
    for member in members:
        lines.append(f"{int(now)}|REALTIME|support|{member}|ADDMEMBER|")
    for n in range(calls):
        now += rng.expovariate(1 / 4.0)
        call_id = f"{int(now)}.{n}"
        queue = rng.choice(_QUEUES)
        t = now
        lines.append(f"{t:.0f}|{call_id}|{queue}|NONE|ENTERQUEUE||138{rng.randrange(10**8):08d}|{rng.randint(1, 5)}")
        wait = 0
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            ring = rng.randint(5, 15)
            wait += ring
            lines.append(f"{t + wait:.0f}|{call_id}|{queue}|{rng.choice(members)}|RINGNOANSWER|{ring * 1000}")
        fate = rng.random()
        if fate < 0.08:
            lines.append(f"{t + wait + 20:.0f}|{call_id}|{queue}|NONE|ABANDON|1|1|{wait + 20}")
        elif fate < 0.10:
            lines.append(f"{t + 300:.0f}|{call_id}|{queue}|NONE|EXITWITHTIMEOUT|1|1|300")
        else:
            agent = rng.choice(members)
            ring = rng.randint(1, 8)
            wait += ring
            talk = int(rng.expovariate(1 / 180.0)) + 5
            lines.append(f"{t + wait:.0f}|{call_id}|{queue}|{agent}|CONNECT|{wait}|{call_id}1|{ring}")
            ended = rng.choice(("COMPLETECALLER", "COMPLETEAGENT"))
            lines.append(f"{t + wait + talk:.0f}|{call_id}|{queue}|{agent}|{ended}|{wait}|{talk}|1")
        if rng.random() < 0.03:
            agent, reason = rng.choice(members), rng.choice(_REASONS)
            lines.append(f"{t:.0f}|NONE|NONE|{agent}|PAUSE|{reason}")
            lines.append(f"{t + rng.randint(300, 1800):.0f}|NONE|NONE|{agent}|UNPAUSE|{reason}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def measure(label: str, engine: Engine, log: Path, lines: int) -> None:
    factory = session_factory(engine)
    started = time.perf_counter()
    report = import_queue_log(factory, log)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = import_queue_log(factory, log)
    second = time.perf_counter() - started
    assert again.changed_nothing, "re-importing the same file changed the record"
    with factory() as s:
        counts = call_counts(s, report.calls)
        events = s.scalar(select(func.count()).select_from(ContactEvent))
    print(f"\n{label}: {lines:,} lines, {events:,} events, {counts.calls:,} calls")
    print(f"  first import  {first:7.2f} s  {lines / first:10,.0f} lines/s")
    print(f"  re-import     {second:7.2f} s  {lines / second:10,.0f} lines/s  (changed nothing)")
    print(f"  answered {counts.answered:,}  abandoned {counts.abandoned:,}  unfinished {counts.unfinished:,}")


def _pg(log: Path, lines: int) -> None:
    base = os.environ.get("AGENT_DESK_BENCH_PG_URL") or os.environ.get("AGENT_DESK_TEST_PG_URL")
    if not base:
        print("\nPostgreSQL: skipped (set AGENT_DESK_BENCH_PG_URL)")
        return
    import psycopg

    url = make_url(base)
    name = f"agentdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password,
        dbname=url.database or "postgres", autocommit=True,
    )  # fmt: skip
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
            migrate.upgrade(engine)
            measure("PostgreSQL", engine, log, lines)
            engine.dispose()
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "queue_log"
        lines = write_queue_log(log, args.calls, args.agents)
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        migrate.upgrade(engine)
        measure("SQLite", engine, log, lines)
        engine.dispose()
        if not args.skip_pg:
            _pg(log, lines)


if __name__ == "__main__":
    main()
