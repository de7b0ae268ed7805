"""Database and other slow work off the GUI thread (STYLE.md: Anki's taskman).

One worker thread serialises database work; results come back to the GUI thread as a
queued signal, so callbacks may touch widgets and never run on the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


def _alive(callback: Callable[..., Any]) -> bool:
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class TaskRunner(QObject):
    """Signals:
    finished(object): a task ended (its result or exception); for tests and busy indicators.
    failed(object): a task raised and had no failure callback of its own.
    """

    finished = Signal(object)
    failed = Signal(object)
    _done = Signal(object, object, object, object)  # success cb, failure cb, result, error

    def __init__(self, parent: QObject | None = None, name: str = "db") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"agent-desk-{name}")
        self._done.connect(self._on_done)
        self._closed = False

    def run(
        self, fn: Callable[[], Any], on_success: Success | None = None, on_failure: Failure | None = None
    ) -> Future[Any]:
        if self._closed:
            # Late work from a window being torn down (a watcher's last change): nobody waits for it.
            log.debug("task after shutdown dropped: %r", fn)
            future: Future[Any] = Future()
            future.cancel()
            return future
        future = self._pool.submit(fn)

        def report(f: Future[Any]) -> None:
            if f.cancelled():
                return
            error = f.exception()
            self._done.emit(on_success, on_failure, None if error else f.result(), error)

        future.add_done_callback(report)
        return future

    def _on_done(self, on_success: Success | None, on_failure: Failure | None, result: Any, error: Any) -> None:
        try:
            if error is not None:
                if on_failure is not None and _alive(on_failure):
                    on_failure(error)
                elif on_failure is None:
                    log.error("background task failed", exc_info=error)
                    self.failed.emit(error)
            elif on_success is not None and _alive(on_success):
                on_success(result)
        except RuntimeError as exc:
            # The widget that asked was closed while its query ran: the answer has nobody to go to.
            if "already deleted" not in str(exc):
                raise
            log.debug("dropped a result for a closed widget: %s", exc)
        self.finished.emit(error if error is not None else result)

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self) -> None:
        self._closed = True
        # Queued work runs to its end: a window's last autosave or wrap-up is still written.
        self._pool.shutdown(wait=True, cancel_futures=False)
