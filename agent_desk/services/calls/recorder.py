"""Records every call the hub routes, abandoned ones included, without blocking the hub's event loop.

Desks record the calls offered to them; a call abandoned in the queue was offered to nobody, so the
hub records all of them. Both go through services.calls.records.record_event, which is idempotent per call.
The hub command uses services.calls.live_record.LiveRecord, which writes these rows too, with the
contact-centre record derived onto them, in one writer thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.records import record_event

log = logging.getLogger(__name__)


class CallRecorder:
    def __init__(self, factory: sessionmaker[Session], *, region: str = "CN", max_backlog: int = 100_000) -> None:
        self._factory = factory
        self._region = region
        self._queue: queue.Queue[tuple[CallEvent, datetime] | None] = queue.Queue(max_backlog)
        self._thread = threading.Thread(target=self._run, name="agent-desk-call-recorder", daemon=True)
        self.recorded = 0
        self.failed = 0
        self.dropped = 0

    def start(self) -> CallRecorder:
        self._thread.start()
        return self

    def __call__(self, event: CallEvent, ts: float) -> None:
        """The hub observer: queue the event; a full backlog (database down for long) drops, loudly."""
        try:
            self._queue.put_nowait((event, datetime.fromtimestamp(ts, UTC).replace(tzinfo=None)))
        except queue.Full:
            self.dropped += 1
            log.error("call recorder backlog full: %s %s not recorded", event.type, event.call_id)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:  # stop
                return
            event, at = item
            try:
                record_event(self._factory, event, at, region=self._region)
                self.recorded += 1
            except Exception:
                self.failed += 1
                log.exception("could not record %s for call %s", event.type, event.call_id)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what is queued, then stop."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)
