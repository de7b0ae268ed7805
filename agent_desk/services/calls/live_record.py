"""The hub writing the contact-centre record as calls happen, without ever blocking its event loop.

:class:`LiveRecord` is a hub observer: the loop only puts the event on a queue; a writer thread maps
it to record events (core.hub_record), and writes them in batches: first each call's row (the same
``record_event`` the desks use, which links the customer and the business line), then, in one
transaction, the record events and the facts and agent intervals derived from them.

One writer for both on purpose: ``derive_calls`` creates a ``calls`` row it does not find, without
the customer link ``record_event`` makes, so two writers racing on a new call would lose that link
(and on SQLite would fail each other's transactions). In one thread the row always exists first,
and the two never write the same column differently: the derived facts (queued_at, wait, ring,
talk, hold, ACW, outcome) are the record's alone; what both know (answer and end times, agent,
end reason) ``derive_calls`` only fills where ``record_event`` left it empty.

A database that is down or stalled loses nothing: the batch in hand is kept and retried with
backoff while new events wait in the queue; only when that queue is full are events dropped, each
counted and loudly logged. An event that fails for another reason (bad data) is written alone,
and if it still fails it is logged with its trace and counted, and the others go on.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.backoff import backoff_delays
from agent_desk.core.contact_events import ContactEventIn
from agent_desk.core.hub_record import SOURCE, HubRecordState, hub_time, is_repeat, to_record
from agent_desk.core.protocol import CALL_EVENT_TYPES, CallEvent
from agent_desk.services.calls.contact_record import (
    agent_ids,
    append_events,
    close_open_intervals,
    derive_agent_intervals,
    derive_calls,
)
from agent_desk.services.calls.records import record_event

log = logging.getLogger(__name__)

RESTART_MARK = "restart"
_DROP_LOG_EVERY = 1000  # after the first drop of an outage, one line per this many


@dataclass(frozen=True)
class _Item:
    event: CallEvent
    at: datetime
    record: tuple[ContactEventIn, ...]
    repeat: bool  # a replayed call event: record_event would set the call back to an older state


class _Stopped(Exception):
    """Stop was asked while the database was still unavailable."""


def _is_outage(exc: BaseException) -> bool:
    """A database that cannot be reached or written now (down, dropped link, locked, read-only)."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def _earliest(events: list[ContactEventIn]) -> dict[str, datetime]:
    """Per agent, the time of its earliest event here: intervals are derived from then on."""
    earliest: dict[str, datetime] = {}
    for e in events:
        if e.agent and (e.agent not in earliest or e.occurred_at < earliest[e.agent]):
            earliest[e.agent] = e.occurred_at
    return earliest


class LiveRecord:
    """Hub observer writing ``contact_events``, the derived ``calls`` facts and agent intervals."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        region: str = "CN",
        write_calls: bool = True,
        batch: int = 500,
        max_backlog: int = 100_000,
        retry: tuple[float, float] = (0.5, 30.0),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._factory = factory
        self._region = region
        self._write_calls = write_calls
        self._batch = batch
        self._retry = retry
        self._started_at = hub_time(clock())
        self._queue: queue.Queue[tuple[CallEvent, float] | None] = queue.Queue(max_backlog)
        self._state = HubRecordState()
        self._thread = threading.Thread(target=self._run, name="agent-desk-live-record", daemon=True)
        self._stopping = threading.Event()
        self._stop_seen = False  # the writer thread's own
        self._progress = threading.Condition()
        self._received = 0  # counted on the loop thread, read under _progress
        self._settled = 0
        self.written = 0  # record events new to the record
        self.known = 0  # record events the record already had (replays, duplicates)
        self.failed = 0  # write attempts that failed (each retried) plus events given up on
        self.lost = 0  # events given up on after failing alone: logged with their trace
        self.dropped = 0  # events refused because the backlog was full: logged
        self.closed_at_start = 0  # intervals a previous run left open, closed at this start

    # --- the observer (event loop) ----------------------------------------------------------------

    def start(self) -> LiveRecord:
        self._thread.start()
        return self

    def __call__(self, event: CallEvent, ts: float) -> None:
        """Queue the event; a full backlog (the database down for long) drops it, counted and logged."""
        with self._progress:
            self._received += 1
        try:
            self._queue.put_nowait((event, ts))
        except queue.Full:
            with self._progress:
                self._received -= 1
            self.dropped += 1
            if self.dropped == 1 or self.dropped % _DROP_LOG_EVERY == 0:
                log.error(
                    "contact record backlog full: events are being lost",
                    extra={"dropped": self.dropped, "type": event.type, "call_id": event.call_id},
                )

    # --- lifecycle --------------------------------------------------------------------------------

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every event received so far is written (or given up on); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._progress:
            while self._settled < self._received:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._progress.wait(left)
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Write what is queued, then stop; what could not be written in time is reported."""
        if self._thread.is_alive():
            try:
                self._queue.put(None, timeout=timeout)
            except queue.Full:  # the database has been down for long: give up retrying
                self._stopping.set()
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._stopping.set()  # stop retrying a database that does not come back
                self._thread.join(10.0)
        with self._progress:
            unwritten = self._received - self._settled
        if unwritten:
            log.error("contact record stopped with events not written", extra={"unwritten": unwritten})
        log.info(
            "contact record stopped",
            extra={"written": self.written, "known": self.known, "failed": self.failed, "dropped": self.dropped},
        )

    # --- the writer thread ------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._until_written(self._close_previous_run, "closing the intervals of the previous run")
        except _Stopped:
            return
        except Exception:
            log.exception("could not close the agent state intervals of the previous hub run")
        while True:
            raw = self._take()
            items = [self._map(event, ts) for event, ts in raw]
            try:
                self._write_batch(items)
            except _Stopped:
                return
            self._settle(len(items))
            if self._stop_seen:
                return

    def _take(self) -> list[tuple[CallEvent, float]]:
        """The next events, waiting for the first; fewer than a batch (maybe none) once a stop is seen."""
        items: list[tuple[CallEvent, float]] = []
        item = None if self._stop_seen else self._queue.get()
        while item is not None:
            items.append(item)
            if len(items) >= self._batch:
                return items
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return items
        self._stop_seen = True
        return items

    def _map(self, event: CallEvent, ts: float) -> _Item:
        repeat = is_repeat(self._state, event, ts)
        try:
            record = tuple(to_record(self._state, event, ts))
        except Exception:
            self.lost += 1
            log.exception("could not read %s for call %s into the record", event.type, event.call_id)
            record = ()
        return _Item(event, hub_time(ts), record, repeat)

    def _settle(self, count: int) -> None:
        with self._progress:
            self._settled += count
            self._progress.notify_all()

    def _close_previous_run(self) -> None:
        with self._factory() as session, session.begin():
            self.closed_at_start = close_open_intervals(session, self._started_at, source=SOURCE, mark=RESTART_MARK)
        if self.closed_at_start:
            log.warning(
                "closed agent state intervals left open by the previous hub run",
                extra={"intervals": self.closed_at_start, "at": self._started_at.isoformat()},
            )

    def _write_batch(self, items: list[_Item]) -> None:
        if not items:
            return
        try:
            self._until_written(functools.partial(self._write, items), f"writing {len(items)} events")
            return
        except _Stopped:
            raise
        except Exception:
            self.failed += 1
            log.warning("a batch of the contact record failed; writing its events one by one", exc_info=True)
        for item in items:
            try:
                self._until_written(functools.partial(self._write, [item]), f"writing {item.event.type}")
            except _Stopped:
                raise
            except Exception:
                self.failed += 1
                self.lost += 1
                log.exception("could not record %s for call %s", item.event.type, item.event.call_id)

    def _until_written(self, write: Callable[[], None], what: str) -> None:
        """Run ``write`` until the database takes it; raises _Stopped if stopped first, other errors as they are."""
        delays: Iterator[float] | None = None
        while True:
            try:
                write()
            except Exception as exc:
                if not _is_outage(exc):
                    raise
                self.failed += 1
                if delays is None:
                    delays = backoff_delays(*self._retry)
                    log.error(
                        "contact record: the database is unavailable; events are kept and retried",
                        extra={"doing": what, "error": str(exc).splitlines()[0][:300], "waiting": self._queue.qsize()},
                    )
                if self._stopping.wait(next(delays)):
                    raise _Stopped from exc
                continue
            if delays is not None:
                log.warning("contact record: the database is back; writing resumed", extra={"doing": what})
            return

    def _write(self, items: list[_Item]) -> None:
        if self._write_calls:
            for item in items:
                if item.event.type in CALL_EVENT_TYPES and not item.repeat:
                    record_event(self._factory, item.event, item.at, region=self._region)
        events = [e for item in items for e in item.record]
        if not events:
            return
        with self._factory() as session, session.begin():
            users = agent_ids(session)
            appended = append_events(session, events, users)
            derive_calls(session, appended.calls, users)
            derive_agent_intervals(session, appended.agents, users, since=_earliest(events))
        self.written += appended.new
        self.known += appended.known
