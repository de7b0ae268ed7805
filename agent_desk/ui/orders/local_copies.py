"""The order forms' copies on this computer, written and removed off the GUI thread.

A slow or stuck disk (a roaming profile on a network share, an antivirus scan) must not freeze the
window the agent types in, so the copies are kept by a worker thread of their own, never by the
database worker (a copy is what is left when the database is away). One thread for all forms
keeps each form's writes and its removal in the order they were asked for; asks that pile up
behind a slow write collapse into the newest one, so the disk is only ever one step behind the
screen and a removal is never overtaken by an older write.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import LocalDraft, OpenedForm
from agent_desk.ui.tasks import Failure, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Ask:
    """What the disk must show next for one form: this form (``form``) or no copy at all (``None``)."""

    directory: Path
    user_id: int
    form: OpenedForm | None

    def carry_out(self, client_uuid: str) -> None:
        if self.form is None:
            order_drafts.delete_local_draft(client_uuid, self.directory)
        else:
            order_drafts.write_local_draft(self.form, user_id=self.user_id, directory=self.directory)


class LocalCopies:
    """Keeps and removes forms on this computer for one desk; owns the worker that does it.

    ``shutdown`` waits for what is still to be written; after it, asks are carried out at once on
    the caller's thread (the desk is going away, and what was typed must still reach the disk).
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory
        self._runner = TaskRunner(name="local-files")
        self._lock = threading.Lock()
        self._newest: dict[str, _Ask] = {}

    def keep(self, form: OpenedForm, *, user_id: int, on_failure: Failure | None = None) -> None:
        """Write ``form`` (replacing any older copy) as soon as the worker gets to it."""
        self._ask(form.data.client_uuid, _Ask(self._folder(), user_id, form), on_failure)

    def remove(self, client_uuid: str, *, on_failure: Failure | None = None) -> None:
        """Remove the form's copy, after any write of it asked for before."""
        self._ask(client_uuid, _Ask(self._folder(), 0, None), on_failure)

    def kept(self, user_id: int) -> list[LocalDraft]:
        """The user's kept forms, newest first, as they will be once the worker has caught up."""
        on_disk = {d.form.data.client_uuid: d for d in order_drafts.pending_local_drafts(user_id, self._directory)}
        with self._lock:
            waiting = dict(self._newest)
        now = datetime.now(UTC)
        for client_uuid, ask in waiting.items():
            if ask.form is None:
                on_disk.pop(client_uuid, None)
            elif ask.user_id == user_id:
                path = order_drafts.local_draft_path(client_uuid, ask.directory)
                on_disk[client_uuid] = LocalDraft(path, user_id, now, ask.form)
        return sorted(on_disk.values(), key=lambda d: d.saved_at, reverse=True)

    @property
    def idle(self) -> bool:
        """Nothing waits to be written or removed."""
        with self._lock:
            return not self._newest

    def shutdown(self) -> None:
        self._runner.shutdown()

    def _folder(self) -> Path:
        # Resolved where the ask is made: the worker writes where the desk was configured to.
        return self._directory or order_drafts.drafts_dir()

    def _ask(self, client_uuid: str, ask: _Ask, on_failure: Failure | None) -> None:
        with self._lock:
            self._newest[client_uuid] = ask
        job = partial(self._carry_out, client_uuid)
        failed = partial(_failed, client_uuid, on_failure)
        if not self._runner.closed:
            self._runner.run(job, None, failed)
            return
        try:
            job()
        except OSError as exc:
            failed(exc)

    def _carry_out(self, client_uuid: str) -> None:
        # On the worker. The newest ask is read when its turn comes, not when it was queued, and left
        # visible to ``kept`` until it is on disk.
        with self._lock:
            ask = self._newest.get(client_uuid)
        if ask is None:
            return  # an earlier turn already carried out the newest ask
        try:
            ask.carry_out(client_uuid)
        finally:
            with self._lock:
                if self._newest.get(client_uuid) is ask:
                    del self._newest[client_uuid]


def _failed(client_uuid: str, on_failure: Failure | None, exc: BaseException) -> None:
    # Logged here, whoever asked: the window that would show it may be gone by now.
    log.error("the copy of order form %s on this computer was not updated: %s", client_uuid, exc)
    if on_failure is None:
        return
    try:
        on_failure(exc)
    except RuntimeError as gone:
        if "already deleted" not in str(gone):
            raise
