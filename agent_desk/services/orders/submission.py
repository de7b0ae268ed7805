"""Where one order form stands between typing and a submitted order: saving, submitting, retrying.

The order window used to keep this in loose flags; here it is one object the window asks before it
acts ("may I autosave now?", "may the closed window go?") and tells what happened ("the save failed
on the link"). It knows nothing of widgets, timers or the database, so every path, the odd ones too
(a second submit while one is under way, a retry after the order went through, a close while a save
is still out), is a plain unit test (tests/services/test_order_submission.py).

The promises it keeps (DESIGN.md §6): nothing typed is lost, since a change is only forgotten once
a save or a submit took it; an order is submitted at most once; and a submit waiting for the
database wins over a save, because the submit saves the same form too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


class Op(StrEnum):
    """What is retried once the database can be reached again."""

    SAVE = "save"
    SUBMIT = "submit"


class Close(Enum):
    """What closing the window asks for."""

    AGAIN = "again"  # it was closed before: nothing more to do
    SAVE = "save"  # closed now, the link is up: save what is typed
    KEEP = "keep"  # closed now, the link is down: the pending retry saves it when it is back


@dataclass(frozen=True)
class Answer:
    """What an answer from the database (or its silence) asks of the window.

    ``link_changed``: the link went down or came back with this answer (show or hide the banner).
    ``retry``: it failed on the link and this is what will be retried; ``None`` after a refusal,
    whose reason the window shows.
    ``autosave``: changes typed while the save ran still wait for one.
    """

    link_changed: bool = False
    retry: Op | None = None
    autosave: bool = False


class Submission:
    """The save / submit / retry state of one order form.

    Read it through the properties (what is true now, what may happen now); change it only through
    the methods, one per event. A method asked for something impossible (submit while submitting,
    save after the order went through) changes nothing and says so by its result.
    """

    def __init__(self) -> None:
        self._dirty = False
        self._saving = False
        self._submitting = False
        self._done = False
        self._closing = False
        self._finished = False
        self._link_down = False
        self._retry: Op | None = None
        self._duplicates_confirmed = False

    # --- what is true now ----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Something typed has not reached the database yet."""
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving

    @property
    def submitting(self) -> bool:
        """A submit (its duplicate check included) is under way."""
        return self._submitting

    @property
    def done(self) -> bool:
        """The order went through: nothing more is saved, submitted or retried."""
        return self._done

    @property
    def closing(self) -> bool:
        """Closed by the agent, still finishing a save or a submit in the background."""
        return self._closing

    @property
    def link_down(self) -> bool:
        return self._link_down

    @property
    def retry(self) -> Op | None:
        """What waits for the link to come back, if anything."""
        return self._retry

    @property
    def duplicates_confirmed(self) -> bool:
        """The agent said "submit anyway" to the likely duplicates, and changed nothing since."""
        return self._duplicates_confirmed

    # --- what may happen now -------------------------------------------------------------------

    @property
    def autosave_allowed(self) -> bool:
        """An autosave may be scheduled: none is running, no submit (which saves too) is under way."""
        return not (self._done or self._saving or self._submitting)

    @property
    def save_allowed(self) -> bool:
        """A save may start now: it is allowed and there is something to save."""
        return self.autosave_allowed and self._dirty

    @property
    def submit_allowed(self) -> bool:
        return not (self._done or self._submitting)

    def may_finish(self, tasks_in_flight: int) -> bool:
        """The closed window may go: nothing out, nothing unsaved, nothing waiting to be retried."""
        return (
            self._closing
            and not self._finished
            and tasks_in_flight == 0
            and not self._dirty
            and self._retry is None
            and not self._saving
            and not self._submitting
        )

    # --- typing and saving ---------------------------------------------------------------------

    def change(self) -> bool:
        """The agent changed the form; ``False`` once the order went through (nothing more to keep)."""
        if self._done:
            return False
        self._dirty = True
        self._duplicates_confirmed = False
        return True

    def ask_save(self) -> None:
        """A save is wanted even if nothing changed since the last one (Ctrl+S, a restored form)."""
        if not self._done:
            self._dirty = True

    def start_save(self) -> bool:
        """``True``: send a save now (what is typed at this moment). ``False``: not now, or nothing to save."""
        if not self.save_allowed:
            return False
        self._dirty = False
        self._saving = True
        return True

    def saved(self) -> Answer:
        self._saving = False
        return Answer(link_changed=self._link_back(), autosave=self._dirty)

    def save_failed(self, *, link_error: bool) -> Answer:
        self._saving = False
        if link_error:
            return self.lost_link(Op.SAVE)
        return Answer()

    # --- submitting ----------------------------------------------------------------------------

    def start_submit(self) -> bool:
        """``True``: check for duplicates and submit; ``False``: one is under way or the order went through."""
        if not self.submit_allowed:
            return False
        self._submitting = True
        return True

    def send_submit(self) -> None:
        """The submit itself goes out (after the duplicate check); it saves what is typed too."""
        self._dirty = False

    def hold_for_duplicates(self) -> None:
        """Likely duplicates were found: the submit waits for the agent's word."""
        self._submitting = False

    def confirm_duplicates(self) -> None:
        self._duplicates_confirmed = True

    def submitted(self) -> Answer:
        self._done = True
        self._submitting = False
        self._dirty = False  # the submit carried the form as typed; a save still waiting has nothing to add
        self._retry = None
        return Answer(link_changed=self._link_back())

    def submit_failed(self, *, link_error: bool) -> Answer:
        self._submitting = False
        if link_error:
            return self.lost_link(Op.SUBMIT)
        return Answer()

    def already_submitted(self) -> None:
        """A form restored from this computer whose order had gone through after all."""
        self._done = True
        self._dirty = False
        self._retry = None

    # --- the database link ---------------------------------------------------------------------

    def lost_link(self, op: Op) -> Answer:
        """``op`` could not reach the database: keep the form unsaved and retry later."""
        if self._done:
            # A save that was out when the submit went through: the submit carried the same form.
            return Answer()
        self._dirty = True
        # A submit waiting for the link wins over a save: it saves too, and once.
        if self._retry is not Op.SUBMIT:
            self._retry = op
        changed = not self._link_down
        self._link_down = True
        return Answer(link_changed=changed, retry=self._retry)

    def take_retry(self) -> Op | None:
        """The retry is due: what to try again (``None`` when nothing waits or the order went through)."""
        op, self._retry = self._retry, None
        if op is None or self._done:
            return None
        if op is Op.SAVE:
            self._dirty = True
        return op

    def _link_back(self) -> bool:
        changed = self._link_down
        self._link_down = False
        return changed

    # --- closing -------------------------------------------------------------------------------

    def close(self) -> Close:
        if self._closing:
            return Close.AGAIN
        self._closing = True
        return Close.KEEP if self._link_down else Close.SAVE

    def reopen(self) -> None:
        """On screen again (asked for again, or the agent is needed): no longer going away."""
        self._closing = False

    def finish(self, tasks_in_flight: int) -> bool:
        """``True`` once, when the closed window may go (see :meth:`may_finish`)."""
        if not self.may_finish(tasks_in_flight):
            return False
        self._finished = True
        return True
