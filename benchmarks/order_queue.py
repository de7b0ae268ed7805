"""The audit queue at 10k pending orders (budget: opens in under 200 ms), beside a floor.

Measures ``queue_ids`` (every id of the queue, FIFO) plus ``queue_rows`` for the first page, on
SQLite and PostgreSQL, among ``--others`` orders in other states. The floor is one indexed
lookup by primary key through the same session in the same run.

    .venv/bin/python benchmarks/order_queue.py [--pending 10000] [--others 40000] [--repeats 60]

PostgreSQL: ``AGENT_DESK_BENCH_PG_URL`` (or ``AGENT_DESK_TEST_PG_URL``) names a server; a scratch
database is created there and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from agent_desk.services.demo.data import CUSTOMER_COLUMNS, seed_reference
from agent_desk.services.orders.queries import queue_ids, queue_rows
from agent_desk.store import migrate
from agent_desk.store.bulk import BulkWriter
from agent_desk.store.clock import utcnow
from agent_desk.store.database import session_factory
from agent_desk.store.db import make_engine, transaction
from agent_desk.store.models import BusinessLine, Order, User

BUDGET_MS = 200.0
PAGE = 60
_OTHER_STATES = ("shipped", "delivered", "delivered", "delivered", "pending_logistics", "refused", "cancelled")


def fill(engine: Engine, pending: int, others: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    factory = session_factory(engine)
    with transaction(factory) as s:
        seed_reference(s)
        agents = list(s.scalars(select(User.id).where(User.role == "agent")))
        lines = list(s.scalars(select(BusinessLine.id)))
    sqlite = engine.dialect.name == "sqlite"
    now = utcnow().replace(microsecond=0)

    def ts(value: Any) -> Any:
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite and value is not None else value

    n_customers = max(1, (pending + others) // 2)
    with engine.begin() as conn:
        bulk = BulkWriter(conn)
        bulk.insert(
            "customers",
            CUSTOMER_COLUMNS,
            ((i, f"客户{i}", "", "", False, "", False, "", ts(now), ts(now)) for i in range(1, n_customers + 1)),
        )

        def orders() -> Iterator[tuple[Any, ...]]:
            for oid in range(1, pending + others + 1):
                state = "pending_review" if oid <= pending else rng.choice(_OTHER_STATES)
                created = now - timedelta(minutes=rng.randint(1, 60 * 24 * 30))
                submitted = created + timedelta(minutes=2)
                total = rng.randint(49, 2_000) * 100
                yield (
                    oid, f"SO{created:%y%m%d}{oid:08d}", str(uuid.UUID(int=oid)), rng.randint(1, n_customers),
                    rng.choice(lines), state, 1, rng.choice(agents), f"收件人{oid % 997}",
                    f"+86138{oid:08d}", "广东省", "深圳市", "南山区", f"科技园 {oid} 号", "518057", "cod",
                    total, total, 0, total, "", "", "0" * 64, ts(created), ts(submitted), ts(submitted),
                )  # fmt: skip

        bulk.insert(
            "orders",
            [
                "id", "order_no", "client_uuid", "customer_id", "business_line_id", "state", "version", "taken_by",
                "recipient_name", "recipient_phone", "province", "city", "district", "address_detail", "postcode",
                "payment_method", "cod_amount_cents", "subtotal_cents", "discount_cents", "total_cents", "notes",
                "last_reason", "audit_head", "created_at", "submitted_at", "updated_at",
            ],
            orders(),
        )  # fmt: skip
        bulk.reset_sequences(["customers", "orders"])
    if sqlite:
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    fn()  # warm the statement cache and the page cache
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1] if len(samples) > 1 else samples[0]


def measure(name: str, engine: Engine, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    fill(engine, args.pending, args.others)
    print(f"\n{name}: {args.pending:,} pending_review among {args.pending + args.others:,} orders "
          f"(filled in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    factory = session_factory(engine)
    with factory() as session:
        ids = queue_ids(session, "pending_review")
        assert len(ids) == args.pending, len(ids)
        target = ids[len(ids) // 2]
        floor_stmt = select(Order.id).where(Order.id == target)
        results = {
            "floor: one indexed lookup": timed(lambda: session.execute(floor_stmt).scalar_one(), args.repeats),
            "queue_ids (all 10k ids)": timed(lambda: queue_ids(session, "pending_review"), args.repeats),
            f"queue_rows (first {PAGE})": timed(
                lambda: queue_rows(session, ids[:PAGE], mask_phones=True), args.repeats
            ),
            "queue open = ids + first page": timed(
                lambda: queue_rows(session, queue_ids(session, "pending_review")[:PAGE], mask_phones=True),
                args.repeats,
            ),
            "queue_ids search (name prefix)": timed(
                lambda: queue_ids(session, "pending_review", search="收件人12"), args.repeats
            ),
        }
    floor = statistics.median(results["floor: one indexed lookup"])
    for label, samples in results.items():
        p50, p99 = statistics.median(samples), p(samples, 99)
        print(f"  {label:<32} p50 {p50:8.3f} ms   p99 {p99:8.3f} ms   ×floor {p50 / floor:8.1f}")
    open_p99 = p(results["queue open = ids + first page"], 99)
    verdict = "within" if open_p99 < BUDGET_MS else "OVER"
    print(f"  queue open p99 {open_p99:.1f} ms: {verdict} the {BUDGET_MS:.0f} ms budget")


def _pg(args: argparse.Namespace) -> None:
    import psycopg

    base = os.environ.get("AGENT_DESK_BENCH_PG_URL") or os.environ.get("AGENT_DESK_TEST_PG_URL")
    if not base:
        print("\nPostgreSQL: skipped (set AGENT_DESK_BENCH_PG_URL)")
        return
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
            measure("PostgreSQL", engine, args)
            engine.dispose()
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument("--others", type=int, default=40_000)
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        migrate.upgrade(engine)
        measure("SQLite", engine, args)
        engine.dispose()
    if not args.skip_pg:
        _pg(args)


if __name__ == "__main__":
    main()
