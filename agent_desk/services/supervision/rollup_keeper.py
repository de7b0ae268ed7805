"""Keeps the KPI rollups up to date as the record grows: the hub that writes the record refreshes
the quarter hours it marked, every few seconds, on its own thread and connection.

Without it the first report after a change pays for the recompute (at 10M calls, up to a second
for the quarter hour, its day, week and month); with it a report mostly finds nothing marked. The
report still refreshes what is left (the marks of the last seconds), so a figure is never stale.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.services.supervision.rollups import Refreshed, refresh

log = logging.getLogger(__name__)
DEFAULT_EVERY_S = 5.0


class RollupKeeper:
    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        every_s: float = DEFAULT_EVERY_S,
        on_refresh: Callable[[Refreshed], None] | None = None,
    ) -> None:
        if every_s <= 0:
            raise ValueError("the rollup refresh period must be a positive number of seconds")
        self._factory, self._every = factory, every_s
        self._on_refresh = on_refresh
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="agent-desk-rollups", daemon=True)
        self.refreshes = 0
        self.failures = 0

    def start(self) -> RollupKeeper:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def refresh_now(self) -> Refreshed:
        with self._factory() as session, session.begin():
            done = refresh(session)
        self.refreshes += 1
        if self._on_refresh is not None:
            self._on_refresh(done)
        return done

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            started = time.monotonic()
            try:
                done = self.refresh_now()
            except SQLAlchemyError as exc:
                # A database that is down or busy costs a report its speed, never the record: next time.
                self.failures += 1
                log.warning("KPI rollups not refreshed: %s", str(exc).splitlines()[0][:300])
                continue
            except Exception:
                # A bug in a refresh must not stop the keeper: the reports still refresh for themselves.
                self.failures += 1
                log.exception("KPI rollups not refreshed")
                continue
            if done.calls or done.agents:
                log.debug(
                    "KPI rollups refreshed",
                    extra={
                        "calls": done.calls,
                        "agents": done.agents,
                        "ms": round((time.monotonic() - started) * 1000),
                    },
                )


__all__ = ["DEFAULT_EVERY_S", "RollupKeeper"]
