"""What the desk's call life cycle asks the glue to do, in the order it must be done.

The life cycle (:mod:`agent_desk.services.calls.lifecycle`) does no I/O; every method returns
these values and the Qt glue carries them out: lookups and writes on the database worker,
commands to the hub, signals to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from agent_desk.core.protocol import AgentState, CallEvent
from agent_desk.services.calls.active_call import ActiveCall
from agent_desk.services.calls.pending_work import PendingWork
from agent_desk.services.calls.screen_pop import PopResult

__all__ = [
    "AgentStateCommand",
    "CallStateChanged",
    "ClearPending",
    "DraftRestored",
    "Effect",
    "LoadHistory",
    "LoadPop",
    "LogAccess",
    "MarkMissed",
    "MarkUnfinished",
    "MissedChanged",
    "PopReady",
    "PopUpdated",
    "RecordEvent",
    "RetryPopLater",
    "SaveDraft",
    "WrapUpSaved",
]


@dataclass(frozen=True, slots=True)
class LoadPop:
    """Look the caller up for the pop (the first time, or again when the retry is due)."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class RetryPopLater:
    """The lookup failed and the call goes on: look it up again shortly."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class RecordEvent:
    """Write the event to the call records (every call event this desk hears, ours or not)."""

    event: CallEvent
    at: datetime | None  # when the hub stamped it; None: now


@dataclass(frozen=True, slots=True)
class PopReady:
    """The call's pop is there for the first time: it takes the screen."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class PopUpdated:
    """The same call's pop changed (a retried lookup, a customer picked or created)."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class LogAccess:
    """The agent sees this customer's record on the pop: log who opened it."""

    call: ActiveCall
    customer_id: int


@dataclass(frozen=True, slots=True)
class LoadHistory:
    """Log the access and fill the customer's card and histories into ``pop`` (a copy of the
    call's), then hand it back with :meth:`CallLifecycle.history_loaded`.

    ``log_access`` is False when the record is read again for a pop that shows it already (it
    follows the database): that access was logged when it was first shown.
    """

    call: ActiveCall
    customer_id: int
    pop: PopResult
    log_access: bool = True


@dataclass(frozen=True, slots=True)
class CallStateChanged:
    """Answered, transferred, ended, or news about it: the status shown may change."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class MissedChanged:
    """Calls offered to this desk that it never answered and not wrapped up, newest first."""

    calls: tuple[ActiveCall, ...]


@dataclass(frozen=True, slots=True)
class AgentStateCommand:
    """Tell the hub (and through it the platform) what the agent is: paused for after-call work, or available."""

    state: AgentState
    reason: str = ""
    call: ActiveCall | None = field(default=None, compare=False)  # the call whose end starts after-call work


@dataclass(frozen=True, slots=True)
class WrapUpSaved:
    call: ActiveCall


@dataclass(frozen=True, slots=True)
class MarkMissed:
    """Keep in the database that the call is a missed call of this agent (rang here, never answered here)."""

    work: PendingWork


@dataclass(frozen=True, slots=True)
class MarkUnfinished:
    """Keep in the database that this agent answered the call and owes its wrap-up."""

    work: PendingWork


@dataclass(frozen=True, slots=True)
class SaveDraft:
    """Keep what was typed (or the customer picked) for a waiting call."""

    work: PendingWork


@dataclass(frozen=True, slots=True)
class DraftRestored:
    """What an earlier login kept for the call is its draft now (it held none): show it if the call is on screen."""

    call: ActiveCall


@dataclass(frozen=True, slots=True)
class ClearPending:
    """The call waits no more (wrapped up, called back, dismissed): keep that too."""

    work: PendingWork


Effect = (
    LoadPop
    | RetryPopLater
    | RecordEvent
    | PopReady
    | PopUpdated
    | LogAccess
    | LoadHistory
    | CallStateChanged
    | MissedChanged
    | AgentStateCommand
    | WrapUpSaved
    | MarkMissed
    | MarkUnfinished
    | SaveDraft
    | ClearPending
    | DraftRestored
)
