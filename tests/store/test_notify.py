"""Change notification on the real databases: what an auditor's queue relies on to stay live."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.notify import (
    ChangeWatcher,
    _Coalescer,
    decode_payload,
    encode_ids,
    notify_orders_changed,
)

WAIT = 10.0  # generous: only a failure ever waits this long


class Recorder:
    """Collects on_change calls from the watcher thread; tests wait on conditions, never sleep."""

    def __init__(self) -> None:
        self.calls: list[set[int] | None] = []
        self.links: list[tuple[bool, str]] = []
        self._cond = threading.Condition()

    def on_change(self, ids: set[int] | None) -> None:
        with self._cond:
            self.calls.append(ids)
            self._cond.notify_all()

    def on_link(self, live: bool, reason: str) -> None:
        with self._cond:
            self.links.append((live, reason))
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[Recorder], bool], timeout: float = WAIT) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: predicate(self), timeout), f"timed out; calls={self.calls}"

    def wait_calls(self, n: int) -> None:
        self.wait_for(lambda r: len(r.calls) >= n)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def watch(recorder: Recorder) -> Iterator[Callable[..., ChangeWatcher]]:
    started: list[ChangeWatcher] = []

    def start(target: str | object, **kwargs: object) -> ChangeWatcher:
        watcher = ChangeWatcher(target, on_change=recorder.on_change, on_link=recorder.on_link, **kwargs)  # type: ignore[arg-type]
        watcher.start()
        started.append(watcher)
        return watcher

    yield start
    for watcher in started:
        watcher.stop()
    assert not [t for t in threading.enumerate() if t.name.startswith("agent-desk-watch")]


def _commit_change(database: Database, order_id: int) -> None:
    """A real write plus the notification, committed the way a service would.

    The row written is a knowledge category, not an order: the watcher must not care what
    changed, and SQLite's data_version only moves when something is really written.
    """
    with transaction(database.factory) as session:
        session.execute(text("INSERT INTO kb_categories (name) VALUES (:n)"), {"n": f"change {order_id}"})
        notify_orders_changed(session, [order_id])


def _expected(database: Database, ids: set[int]) -> set[int] | None:
    # SQLite can only say "something changed"; PostgreSQL carries the ids.
    return None if database.dialect == "sqlite" else ids


def test_commit_in_another_connection_reaches_the_watcher(db: Database, recorder: Recorder, watch) -> None:
    watch(db.engine)
    recorder.wait_calls(1)
    assert recorder.calls == [None], "a live watcher first says 'reload everything'"
    order_id = 41
    _commit_change(db, order_id)

    recorder.wait_calls(2)
    assert recorder.calls[1] == _expected(db, {order_id})
    assert recorder.links == [(True, "")]


def test_commit_in_another_process_reaches_the_watcher(db: Database, recorder: Recorder, watch) -> None:
    watch(db.url)
    recorder.wait_calls(1)
    order_id = 42
    script = (
        "import sys\n"
        "from sqlalchemy import text\n"
        "from agent_desk.store.database import session_factory\n"
        "from agent_desk.store.db import make_engine, transaction\n"
        "from agent_desk.store.notify import notify_orders_changed\n"
        "engine = make_engine(sys.argv[1])\n"
        "with transaction(session_factory(engine)) as s:\n"
        "    s.execute(text('INSERT INTO kb_categories (name) VALUES (:n)'), {'n': 'from another desk'})\n"
        "    notify_orders_changed(s, [int(sys.argv[2])])\n"
        "engine.dispose()\n"
    )
    subprocess.run([sys.executable, "-c", script, db.url, str(order_id)], check=True, timeout=60)

    recorder.wait_calls(2)
    assert recorder.calls[1] == _expected(db, {order_id})


@pytest.mark.postgres
def test_rolled_back_transaction_notifies_nothing(pg_database: Database, recorder: Recorder, watch) -> None:
    watch(pg_database.engine)
    recorder.wait_calls(1)

    with pg_database.engine.connect() as conn:
        with conn.begin() as tx:
            notify_orders_changed(conn, [111])
            tx.rollback()
        with conn.begin():
            notify_orders_changed(conn, [222])

    # PostgreSQL delivers in commit order: had the rollback leaked, 111 would arrive before 222.
    recorder.wait_for(lambda r: any(c and 222 in c for c in r.calls))
    assert not any(c and 111 in c for c in recorder.calls)


def test_a_burst_of_commits_is_coalesced_and_nothing_is_lost(db: Database, recorder: Recorder, watch) -> None:
    watch(db.engine)
    recorder.wait_calls(1)
    order_ids = list(range(100, 120))
    for order_id in order_ids:
        _commit_change(db, order_id)

    if db.dialect == "sqlite":
        recorder.wait_calls(2)
    else:
        recorder.wait_for(lambda r: set().union(*(c or set() for c in r.calls[1:])) >= set(order_ids))
    assert len(recorder.calls) - 1 < len(order_ids), "twenty commits must not cost twenty refreshes"


@pytest.mark.postgres
def test_too_many_ids_for_one_notification_mean_everything(pg_database: Database, recorder: Recorder, watch) -> None:
    watch(pg_database.engine)
    recorder.wait_calls(1)
    with pg_database.engine.begin() as conn:
        notify_orders_changed(conn, range(1_000_000, 1_003_000))  # ~24 kB of ids: over the 8000-byte limit
    recorder.wait_calls(2)
    assert recorder.calls[1] is None


@pytest.mark.postgres
def test_watcher_reconnects_after_its_connection_is_killed(pg_database: Database, recorder: Recorder, watch) -> None:
    watch(pg_database.engine)
    recorder.wait_calls(1)
    with pg_database.engine.connect() as conn:
        killed = (
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'agent-desk-watcher' AND datname = current_database()"
                )
            )
            .scalars()
            .all()
        )
    assert killed == [True]

    # Notifications sent while it was away are lost, so it must say "reload everything".
    recorder.wait_calls(2)
    assert recorder.calls[1] is None
    assert [live for live, _ in recorder.links] == [True, False, True]

    with pg_database.engine.begin() as conn:
        notify_orders_changed(conn, [7])
    recorder.wait_calls(3)
    assert recorder.calls[2] == {7}


def test_stop_returns_promptly_and_leaves_no_thread(db: Database, recorder: Recorder) -> None:
    watcher = ChangeWatcher(db.engine, on_change=recorder.on_change)
    watcher.start()
    recorder.wait_calls(1)

    started = time.monotonic()
    watcher.stop()

    assert time.monotonic() - started < 2.0
    assert not watcher.running
    assert not [t for t in threading.enumerate() if t.name.startswith("agent-desk-watch")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_stop_is_prompt_while_the_server_is_unreachable(recorder: Recorder) -> None:
    watcher = ChangeWatcher(
        f"postgresql://nobody:pw@127.0.0.1:{_free_port()}/none", on_change=recorder.on_change, on_link=recorder.on_link
    )
    watcher.start()
    time.sleep(0.5)  # not a wait for a result: let it fail and back off a few times before we stop it

    started = time.monotonic()
    watcher.stop()

    assert time.monotonic() - started < 2.0
    assert not watcher.running
    assert recorder.calls == [] and recorder.links == []


def test_a_missing_sqlite_file_is_not_created_by_the_watcher(tmp_path: Path, recorder: Recorder) -> None:
    path = tmp_path / "gone.sqlite3"
    watcher = ChangeWatcher(f"sqlite:///{path}", on_change=recorder.on_change, poll_interval=0.05)
    watcher.start()
    time.sleep(0.3)  # several polls: each one must fail to open, not create, the file
    watcher.stop()
    assert not path.exists()
    assert recorder.calls == []


def test_a_failing_consumer_does_not_stop_the_watcher(db: Database, watch) -> None:
    first, second = threading.Event(), threading.Event()

    def flaky(ids: set[int] | None) -> None:
        if not first.is_set():
            first.set()
            raise RuntimeError("consumer bug")
        second.set()

    watcher = ChangeWatcher(db.engine, on_change=flaky)
    watcher.start()
    try:
        assert first.wait(WAIT)
        _commit_change(db, 43)
        assert second.wait(WAIT)
    finally:
        watcher.stop()


def test_an_in_memory_database_cannot_be_watched() -> None:
    with pytest.raises(ValueError, match="in-memory"):
        ChangeWatcher("sqlite://", on_change=lambda ids: None)


# --- pure parts --------------------------------------------------------------------------------------


def test_payload_round_trip_and_oversize() -> None:
    assert decode_payload(encode_ids([3, 1, 2, 3])) == {1, 2, 3}
    assert encode_ids(range(10_000)) == ""
    assert decode_payload("") is None
    assert decode_payload("not,ids") is None


def test_coalescer_reports_a_lone_change_at_once_and_merges_a_burst() -> None:
    c = _Coalescer(window=0.1)
    assert c.take(now=10.0) == (False, None)
    c.add({1})
    assert c.take(now=10.0) == (True, {1})  # leading edge: no delay for a single change
    c.add({2})
    c.add({3})
    assert c.wait_time(now=10.05) == pytest.approx(0.05)
    assert c.take(now=10.05) == (False, None)
    assert c.take(now=10.1) == (True, {2, 3})
    c.add({4})
    c.add(None)
    c.add({5})
    assert c.take(now=10.3) == (True, None)  # "everything" absorbs ids
    assert c.wait_time(now=11.0) is None


@pytest.mark.postgres
def test_an_order_action_notifies_other_desks_at_commit(pg_templates) -> None:  # type: ignore[no-untyped-def]
    """Writers never call notify themselves: the session factory announces every flushed order."""
    import threading

    from sqlalchemy import select

    from agent_desk.services.access.auth import authenticate
    from agent_desk.services.demo.data import DemoSize, generate
    from agent_desk.services.orders.transitions import act
    from agent_desk.store.models import Order
    from tests.conftest import _pg_copy

    for db in _pg_copy(pg_templates["reference"]):
        generate(db.engine, DemoSize(20, 2, 0), seed=9)
        with db.factory() as s:
            order = s.scalars(select(Order).where(Order.state == "pending_review")).first()
        assert order is not None
        seen: list[set[int] | None] = []
        changed = threading.Event()

        def on_change(ids: set[int] | None, seen=seen, changed=changed, wanted=order.id) -> None:
            seen.append(ids)
            if ids and wanted in ids:
                changed.set()

        watcher = ChangeWatcher(db.engine, on_change=on_change)
        watcher.start()
        try:
            auditor = authenticate(db.factory, "auditor2", "auditor2123")
            if order.taken_by == auditor.id or order.reviewed_by == auditor.id:
                auditor = authenticate(db.factory, "auditor1", "auditor1123")
            act(db.factory, auditor, order.id, "approve", expected_version=order.version)
            assert changed.wait(10), f"no notification for order {order.id}; saw {seen}"
        finally:
            watcher.stop()
