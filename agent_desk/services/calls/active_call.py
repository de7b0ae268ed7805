"""One call offered to this desk as the desk knows it: its phase, the pop, the wrap-up typed for it.

Changed only by :class:`agent_desk.services.calls.lifecycle.CallLifecycle`, where the rules are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final

from agent_desk.services.calls.screen_pop import PopResult

__all__ = ["ActiveCall", "CallPhase", "WrapUpDraft"]


class CallPhase(StrEnum):
    RINGING = "ringing"  # offered to this desk, not answered yet
    RANG_OUT = "rang_out"  # rang here unanswered, back in the queue: missed here, may be offered here again
    TALKING = "talking"  # answered at this desk
    ENDED = "ended"  # hung up after this desk answered
    MISSED = "missed"  # ended before this desk answered
    TRANSFERRED = "transferred"  # sent on to another agent or number
    ANSWERED_ELSEWHERE = "answered_elsewhere"  # a colleague took it

    @property
    def is_final(self) -> bool:
        return self not in _LIVE


_LIVE: Final = frozenset({CallPhase.RINGING, CallPhase.RANG_OUT, CallPhase.TALKING})


@dataclass(frozen=True, slots=True)
class WrapUpDraft:
    """A wrap-up as typed: the disposition code and the notes."""

    disposition: str = ""
    notes: str = ""


@dataclass(eq=False)
class ActiveCall:
    """One call offered to this desk, as the desk knows it. Changed only by :class:`CallLifecycle`."""

    call_id: str
    ani: str
    dnis: str
    queue: str
    offered_at: datetime
    frame_received: float = 0.0  # perf_counter when the frame arrived: the pop budget is measured from here
    phase: CallPhase = CallPhase.RINGING
    answered: bool = False  # answered at this desk, whatever happened after
    end_reason: str = ""
    pop: PopResult | None = None
    customer_id: int | None = None
    wrapped_up: bool = False
    draft: WrapUpDraft = field(default_factory=WrapUpDraft)  # kept while another call is on screen
    events: list[str] = field(default_factory=list)  # the event types heard after the offer
    restored: bool = False  # listed again from the database after a restart: not a live call
    caller_name: str = ""  # a restored call's customer, until its pop is loaded
    pending_kind: str = ""  # PendingKind while the call waits for this agent in the database
    revision: int = 0  # of the call's PendingWork: every write is newer than the last
    cleared: str = ""  # a Cleared value once the database was told the call waits no more
    pop_requested: bool = False  # a restored call's pop is being looked up

    @property
    def ended(self) -> bool:
        """Over for this desk: hung up, missed, transferred away or answered by a colleague."""
        return self.phase.is_final

    @property
    def needs_wrap_up(self) -> bool:
        return self.answered and not self.wrapped_up

    @property
    def can_wrap_up(self) -> bool:
        """A wrap-up may be saved: not saved yet, and not a colleague's call (one talked here is ours too)."""
        return not self.wrapped_up and (self.answered or self.phase is not CallPhase.ANSWERED_ELSEWHERE)

    @property
    def keeps_agent_busy(self) -> bool:
        """Being talked, or answered and waiting for its wrap-up: the agent is not available."""
        return self.answered and not self.restored and (not self.ended or not self.wrapped_up)
