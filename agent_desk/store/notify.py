"""Change notification between desks: "these orders changed, refresh your queue".

Writers call :func:`notify_orders_changed` inside their transaction. On PostgreSQL that is a
``pg_notify`` which the server delivers to every listener at commit, and never on rollback.
On SQLite nothing needs to be sent: a :class:`ChangeWatcher` polls ``PRAGMA data_version`` on a
connection of its own, which changes whenever *another* connection commits, so every write in
this process or any other is seen, but without knowing which rows changed (callback ``None``).

The watcher runs one daemon thread and calls ``on_change`` on it: with the set of changed ids,
or ``None`` for "anything may have changed, reload everything" (SQLite; a PostgreSQL payload too
large to carry ids; and every (re)connection, since notifications sent while the watcher was
not listening are lost). The UI turns that call into a queued Qt signal (ui/live_queue.py).
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from agent_desk.core.backoff import backoff_delays
from agent_desk.store.db import normalize_url

log = logging.getLogger(__name__)

ORDERS_CHANNEL = "agent_desk_orders"

# PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; past that we say "everything".
_MAX_PAYLOAD = 7900
# How long a PostgreSQL listener waits before looking at its stop flag: bounds stop()'s delay.
_PG_TICK = 0.2

OnChange = Callable[[set[int] | None], None]
OnLink = Callable[[bool, str], None]


# --- writing ----------------------------------------------------------------------------------------


def encode_ids(ids: Iterable[int]) -> str:
    """The NOTIFY payload: ids joined by commas; empty means "everything" (too many to list)."""
    payload = ",".join(str(int(i)) for i in sorted(set(ids)))
    return "" if len(payload) > _MAX_PAYLOAD else payload


def decode_payload(payload: str) -> set[int] | None:
    if not payload:
        return None
    try:
        return {int(part) for part in payload.split(",")}
    except ValueError:
        # Someone else's NOTIFY on our channel: treat it as "something changed".
        log.warning("unreadable change notification payload %r", payload[:80])
        return None


def notify_changed(target: Session | Connection, channel: str, ids: Iterable[int] | None) -> None:
    """Announce, from inside the writer's transaction, that rows changed (``None``: unknown rows).

    Delivered at commit, dropped on rollback. A no-op on SQLite, where watchers detect commits
    by themselves.
    """
    bind = target.get_bind() if isinstance(target, Session) else target
    if bind.dialect.name != "postgresql":
        return
    if ids is None:
        payload = ""
    else:
        ids = list(ids)
        if not ids:
            return
        payload = encode_ids(ids)
    target.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload})


def notify_orders_changed(target: Session | Connection, order_ids: Iterable[int]) -> None:
    """Call in the transaction that changes orders, so every desk's queues refresh at commit."""
    notify_changed(target, ORDERS_CHANNEL, order_ids)


def announce_flushed_orders(session: Session, _flush_context: object) -> None:
    """``after_flush`` hook: every flushed change to an order is announced, so no writer can forget."""
    from agent_desk.store.models import Order

    ids = {o.id for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, Order) and o.id}
    if ids:
        notify_orders_changed(session.connection(), ids)


# --- watching ---------------------------------------------------------------------------------------


class _Coalescer:
    """Turns a burst of changes into one callback at once, then at most one per ``window`` seconds.

    Leading edge: a lone change is reported without delay; what follows within the window is
    merged and reported when the window ends.
    """

    def __init__(self, window: float) -> None:
        self.window = window
        self._pending = False
        self._ids: set[int] | None = set()
        self._last_flush = -math.inf

    def add(self, ids: set[int] | None) -> None:
        if not self._pending:
            self._pending = True
            self._ids = set()
        if ids is None or self._ids is None:
            self._ids = None
        else:
            self._ids |= ids

    def wait_time(self, now: float) -> float | None:
        """Seconds until a flush is due, or None if nothing is pending."""
        if not self._pending:
            return None
        return max(0.0, self._last_flush + self.window - now)

    def take(self, now: float) -> tuple[bool, set[int] | None]:
        """(True, ids) when a flush is due now; (False, None) otherwise."""
        wait = self.wait_time(now)
        if wait is None or wait > 0:
            return False, None
        ids, self._ids, self._pending = self._ids, set(), False
        self._last_flush = now
        return True, ids


class ChangeWatcher:
    """Watches one channel of changes on its own connection and thread.

    ``on_change(ids)`` runs on the watcher's thread: keep it short and thread-safe (emit a
    queued signal). It is called with ``None`` once the watcher is live and after every
    reconnection, so a consumer that loads on that call never misses a change.
    ``on_link(live, reason)``, if given, reports losing and regaining the connection.
    """

    def __init__(
        self,
        url_or_engine: str | Engine,
        channel: str = ORDERS_CHANNEL,
        *,
        on_change: OnChange,
        poll_interval: float = 0.5,
        coalesce: float = 0.1,
        on_link: OnLink | None = None,
        reconnect_delay: tuple[float, float] = (0.2, 15.0),
        connect_timeout: int = 3,
    ) -> None:
        url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(normalize_url(url_or_engine))
        self.backend = url.get_backend_name()
        if self.backend == "sqlite":
            if not url.database or url.database == ":memory:":
                raise ValueError("an in-memory SQLite database cannot be watched from another connection")
            self._target = str(Path(url.database).expanduser().resolve())
        elif self.backend == "postgresql":
            self._target = _libpq_uri(url)
        else:
            raise ValueError(f"cannot watch a {self.backend} database")
        self.channel = channel
        self.poll_interval = poll_interval
        self._on_change = on_change
        self._on_link = on_link
        self._coalescer = _Coalescer(coalesce)
        self._reconnect_delay = reconnect_delay
        self._connect_timeout = connect_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            raise RuntimeError("the change watcher is already running")
        self._stop.clear()
        run = self._run_postgres if self.backend == "postgresql" else self._run_sqlite
        self._thread = threading.Thread(target=run, name=f"agent-desk-watch-{self.channel}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop and join the thread: returns within about ``poll_interval`` (or a connect timeout)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # --- shared -----------------------------------------------------------------------------------

    def _offer(self, ids: set[int] | None) -> None:
        self._coalescer.add(ids)
        self._flush_if_due()

    def _flush_if_due(self) -> None:
        due, ids = self._coalescer.take(time.monotonic())
        if not due:
            return
        try:
            self._on_change(ids)
        except Exception:
            log.exception("change callback failed")  # the watcher must outlive a faulty consumer

    def _wait(self, default: float) -> float:
        pending = self._coalescer.wait_time(time.monotonic())
        return default if pending is None else min(default, pending)

    def _link(self, live: bool, reason: str = "") -> None:
        if self._on_link is None:
            return
        try:
            self._on_link(live, reason)
        except Exception:
            log.exception("link callback failed")

    # --- PostgreSQL: LISTEN on a dedicated connection ------------------------------------------------

    def _run_postgres(self) -> None:
        import psycopg
        from psycopg import sql

        delays = backoff_delays(*self._reconnect_delay)
        was_live = False
        while not self._stop.is_set():
            try:
                conn = psycopg.connect(
                    self._target,
                    autocommit=True,
                    connect_timeout=self._connect_timeout,
                    application_name="agent-desk-watcher",
                    # A silently dead link (cable, NAT timeout) otherwise looks like a quiet queue.
                    keepalives=1,
                    keepalives_idle=30,
                    keepalives_interval=10,
                    keepalives_count=3,
                )
            except psycopg.Error as exc:
                self._lost(was_live, exc)
                was_live = False
                self._stop.wait(next(delays))
                continue
            try:
                with conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    delays = backoff_delays(*self._reconnect_delay)
                    was_live = True
                    log.info("listening for %s changes", self.channel)
                    self._link(True)
                    self._offer(None)
                    self._pump(conn)
            except psycopg.Error as exc:
                self._lost(was_live, exc)
                was_live = False
                self._stop.wait(next(delays))

    def _pump(self, conn: Any) -> None:
        while not self._stop.is_set():
            # stop_after=1 ends the wait after one packet, so the coalescing deadline is honoured;
            # never break out of the loop: the rest of a packet would be lost with the generator.
            notifies = conn.notifies(timeout=self._wait(min(self.poll_interval, _PG_TICK)), stop_after=1)
            with closing(notifies):
                for note in notifies:
                    self._coalescer.add(decode_payload(note.payload))
            self._flush_if_due()

    def _lost(self, was_live: bool, exc: BaseException) -> None:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if was_live:
            log.warning("lost the %s change listener: %s; reconnecting", self.channel, reason)
            self._link(False, reason)
        else:
            log.debug("change listener cannot connect: %s", reason)

    # --- SQLite: poll data_version on a connection of our own -----------------------------------------

    def _run_sqlite(self) -> None:
        delays = backoff_delays(*self._reconnect_delay)
        conn: sqlite3.Connection | None = None
        last = None
        try:
            while not self._stop.is_set():
                try:
                    if conn is None:
                        # mode=rw: never create an empty database where the real one went missing.
                        conn = sqlite3.connect(
                            f"{Path(self._target).as_uri()}?mode=rw", uri=True, timeout=5, isolation_level=None
                        )
                        last = conn.execute("PRAGMA data_version").fetchone()[0]
                        delays = backoff_delays(*self._reconnect_delay)
                        self._link(True)
                        self._offer(None)
                    else:
                        version = conn.execute("PRAGMA data_version").fetchone()[0]
                        if version != last:
                            last = version
                            self._coalescer.add(None)
                        self._flush_if_due()
                except sqlite3.Error as exc:
                    if conn is not None:
                        conn.close()
                        conn = None
                        self._link(False, str(exc))
                    log.warning("cannot watch %s: %s", self._target, exc)
                    self._stop.wait(next(delays))
                    continue
                self._stop.wait(self._wait(self.poll_interval))
        finally:
            if conn is not None:
                conn.close()


def _libpq_uri(url: URL) -> str:
    """The SQLAlchemy URL as a libpq URI (no ``+psycopg`` driver suffix), password included."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
