"""Keeps the calls waiting for this agent (unfinished wrap-ups, missed calls) on disk and in the database.

Every change the call life cycle asks to keep goes first to the copy on this computer, written
by a worker thread of its own (never the GUI thread, never the database worker: the copy is
what is left when the database is away), then to the database through the desk's database
worker. When the database cannot be reached the copy holds what was typed, and the keeper tries
again with backoff until the database has it; at login it pushes what the database lacks and
lists what waits, from the database, or from the copy when the database is away.

Nothing goes to the database before that list has answered: a call heard first (the hub's snapshot
after a crash) does not know yet what an earlier login kept for it, and writing it blind could
replace kept notes with an empty draft. The life cycle merges the list into such calls and writes
them again. A write the database refuses because it holds a copy as new or newer is not counted
as kept: :attr:`PendingKeeper.kept_elsewhere` hands that copy to the life cycle, which merges it
and writes the call again past it.

Writes of the copy that pile up behind a slow disk collapse into the newest, as for the order
forms' copies (``ui/orders/local_copies.py``): the disk is never more than one write behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desk.core.backoff import backoff_delays
from agent_desk.services.calls import pending_work
from agent_desk.services.calls.pending_local import LocalCopy, copy_path, read_copies, write_copies
from agent_desk.services.calls.pending_work import PendingWork
from agent_desk.services.orders.drafts import is_link_error
from agent_desk.ui.context import DeskContext
from agent_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["PendingKeeper"]

log = logging.getLogger(__name__)

RETRY_FIRST_S, RETRY_MAX_S = 1.0, 15.0


class PendingKeeper(QObject):
    """Signals:
    synced(bool): the database has everything kept (True), or some of it waits on this computer (False).
    kept_elsewhere(list): PendingWork the database holds instead of writes it refused (as new or newer).
    """

    synced = Signal(bool)
    kept_elsewhere = Signal(list)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None, *, directory: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._path = copy_path(ctx.user.id, ctx.database.label, directory)
        self._files = TaskRunner(self, name="pending-calls-copy")
        self._lock = threading.Lock()
        self._to_write: list[LocalCopy] | None = None  # the newest state for the disk, taken by the worker
        self._copies: dict[str, LocalCopy] = {}  # GUI thread only: what the copy on disk is to hold
        self._loaded = False  # the copy on disk has been read: writing before would lose it
        self._listed = False  # the login's list answered (or failed): the database may be written
        self._in_flight: dict[str, int] = {}  # call id → the revision the database worker is writing
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._push)
        self._delays: Iterator[float] = backoff_delays(RETRY_FIRST_S, RETRY_MAX_S)

    @property
    def path(self) -> Path:
        return self._path

    def unsynced(self) -> list[PendingWork]:
        """What the database does not have yet."""
        return [c.work for c in self._copies.values() if not c.synced]

    # --- at login -------------------------------------------------------------------------------

    def load(self, on_loaded: Callable[[list[PendingWork]], None]) -> None:
        """Read the copy, push what the database lacks, and hand over what waits for this agent, newest first."""
        path = self._path
        self._files.run(lambda: read_copies(path), partial(self._read, on_loaded), partial(self._unread, on_loaded))

    def _unread(self, on_loaded: Callable[[list[PendingWork]], None], exc: BaseException) -> None:
        log.error("the copy of waiting calls could not be read: %s", exc)
        self._read(on_loaded, [])

    def _read(self, on_loaded: Callable[[list[PendingWork]], None], kept: list[LocalCopy]) -> None:
        # A call kept while the file was read did not know the file's copy of it: the file's copy stays
        # (it may be the only one), and the life cycle writes the call again once the list is merged.
        self._copies |= {c.work.call_id: c for c in kept}
        self._loaded = True
        offline = self.unsynced()
        user = self.ctx.user

        def listed(works: list[PendingWork]) -> None:
            pushed = {w.call_id: w.revision for w in offline}
            fresh = {w.call_id: LocalCopy(w, synced=True) for w in works}
            for call_id, copy in self._copies.items():  # kept since the push was asked for
                if not copy.synced and copy.work.revision > pushed.get(call_id, -1):
                    fresh[call_id] = copy
            self._copies = fresh
            self._listed = True
            self._write_copy()
            on_loaded(works)
            self._push_or_synced()  # what was kept while the list was asked for, merged by now

        def not_listed(exc: BaseException) -> None:
            self._listed = True
            self._failed(offline, exc)
            on_loaded(pending_work.newest_first(c.work for c in self._copies.values()))

        self._write_copy()
        self.ctx.write(lambda session: pending_work.sync_and_list(session, user, offline), listed, not_listed)

    # --- as the agent works ---------------------------------------------------------------------

    def keep(self, work: PendingWork) -> None:
        """Keep ``work`` on this computer now and in the database as soon as it answers."""
        self._copies[work.call_id] = LocalCopy(work, synced=False)
        self._write_copy()
        # Before the login's list: sent once it is merged. The database away: the next retry takes this too.
        if self._listed and not self._retry.isActive():
            self._send([work])

    def shutdown(self) -> None:
        """Stop retrying and finish writing the copy (what the database lacks is pushed at the next login)."""
        self._retry.stop()
        self._files.shutdown()

    # --- the database ---------------------------------------------------------------------------

    def _send(self, works: list[PendingWork]) -> None:
        user = self.ctx.user
        self._in_flight.update((w.call_id, w.revision) for w in works)

        def keep_each(session: Session) -> list[PendingWork | None]:
            return pending_work.keep_each(session, user, works)

        self.ctx.write(keep_each, partial(self._sent, works), partial(self._failed, works))

    def _sent(self, works: list[PendingWork], answers: list[PendingWork | None]) -> None:
        self._landed(works)
        refused: list[PendingWork] = []
        for work, held in zip(works, answers, strict=True):
            if held is not None:
                refused.append(held)
            copy = self._copies.get(work.call_id)
            if copy is None or copy.work.revision != work.revision:
                continue  # a newer one is on its way
            kept = held or work  # refused: the copy says what the database holds until the call is written again
            if kept.cleared:
                del self._copies[work.call_id]  # waits no more, and the database knows it
            else:
                self._copies[work.call_id] = LocalCopy(kept, synced=True)
        self._write_copy()
        self._delays = backoff_delays(RETRY_FIRST_S, RETRY_MAX_S)
        if refused:
            self.kept_elsewhere.emit(refused)  # the life cycle merges them and writes those calls again
        self._push_or_synced()

    def _push_or_synced(self) -> None:
        if self.unsynced():
            self._push()  # kept while the database was away, or before the login's list
        else:
            self._synced_now()

    def _failed(self, works: list[PendingWork], exc: BaseException) -> None:
        self._landed(works)
        self.synced.emit(False)
        if not is_link_error(exc):
            # Refused, not unreachable: retrying would be refused again. The copy keeps it for the next login.
            log.error("calls waiting for the agent not kept in the database: %s", exc, exc_info=exc)
            return
        log.warning("database away: %d waiting call(s) kept on this computer (%s)", len(works), exc)
        if not self._retry.isActive():
            self._retry.start(int(next(self._delays) * 1000))

    def _landed(self, works: list[PendingWork]) -> None:
        for work in works:
            if self._in_flight.get(work.call_id) == work.revision:
                del self._in_flight[work.call_id]

    def _push(self) -> None:
        waiting = [w for w in self.unsynced() if self._in_flight.get(w.call_id) != w.revision]
        if waiting:
            self._send(waiting)

    def _synced_now(self) -> None:
        if not self.unsynced():
            self.synced.emit(True)

    # --- the copy on this computer --------------------------------------------------------------

    def _write_copy(self) -> None:
        if not self._loaded:
            return  # the read merges what is kept meanwhile, and writes it
        with self._lock:
            self._to_write = list(self._copies.values())
        if self._files.closed:
            self._write_newest()  # the desk is closing: what was typed must still reach the disk
        else:
            self._files.run(self._write_newest, None, self._copy_failed)

    def _write_newest(self) -> None:
        # On the file worker: the newest state when this turn comes; older turns find nothing left.
        with self._lock:
            copies, self._to_write = self._to_write, None
        if copies is not None:
            write_copies(self._path, self.ctx.user.id, copies)

    def _copy_failed(self, exc: BaseException) -> None:
        log.error("the copy of waiting calls on this computer was not updated: %s", exc)
