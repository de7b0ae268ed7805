"""An agent's state through a shift: the one table of legal moves, and the time spent in each state.

Pure: the desk feeds it what happened (the agent pressed Ready, a call rang, the wrap-up was saved)
with the time it happened, and gets back the new state or an :class:`IllegalAgentMove`. The hub,
the PBX (AMI ``QueuePause``) and the record all follow what this machine decides.

A "not ready" chosen while a call is in progress is remembered (``pending_reason``) and applied
when the after-call work ends, so an agent can ask for a break mid-call and not be offered the next
caller.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Final


class AgentStatus(StrEnum):
    LOGGED_OUT = "logged_out"
    READY = "ready"
    NOT_READY = "not_ready"
    RINGING = "ringing"
    TALKING = "talking"
    ON_HOLD = "on_hold"
    AFTER_CALL_WORK = "acw"

    @property
    def takes_calls(self) -> bool:
        """Only a ready agent is offered a queue call; the PBX is told to pause all the others."""
        return self is AgentStatus.READY

    @property
    def on_call(self) -> bool:
        return self in _ON_CALL


class AgentMove(StrEnum):
    LOG_IN = "log_in"
    LOG_OUT = "log_out"
    READY = "ready"
    NOT_READY = "not_ready"  # with a reason code
    OFFERED = "offered"  # a call rings at this agent
    RING_STOPPED = "ring_stopped"  # the call rang unanswered, was abandoned or went to a colleague
    ANSWERED = "answered"
    HOLD = "hold"
    RESUME = "resume"
    CALL_ENDED = "call_ended"
    WRAP_UP_DONE = "wrap_up_done"  # the wrap-up was saved, or the ACW limit ran out


_S = AgentStatus
_M = AgentMove
_ON_CALL: Final = frozenset({_S.RINGING, _S.TALKING, _S.ON_HOLD})

#: The legal moves: (state, move) → next state. A move not listed here is refused.
MOVES: Final[dict[tuple[AgentStatus, AgentMove], AgentStatus]] = {
    (_S.LOGGED_OUT, _M.LOG_IN): _S.NOT_READY,
    **{(s, _M.LOG_OUT): _S.LOGGED_OUT for s in (_S.READY, _S.NOT_READY, _S.AFTER_CALL_WORK)},
    (_S.NOT_READY, _M.READY): _S.READY,
    (_S.AFTER_CALL_WORK, _M.READY): _S.READY,
    (_S.READY, _M.NOT_READY): _S.NOT_READY,
    (_S.NOT_READY, _M.NOT_READY): _S.NOT_READY,  # another reason: break → lunch
    (_S.AFTER_CALL_WORK, _M.NOT_READY): _S.NOT_READY,
    # Mid-call: the state stays, the reason waits for the end of after-call work.
    **{(s, _M.NOT_READY): s for s in _ON_CALL},
    **{(s, _M.READY): s for s in _ON_CALL},  # takes back a pending not ready
    (_S.READY, _M.OFFERED): _S.RINGING,
    (_S.RINGING, _M.RING_STOPPED): _S.READY,  # or not ready, when one is pending
    (_S.RINGING, _M.ANSWERED): _S.TALKING,
    (_S.TALKING, _M.HOLD): _S.ON_HOLD,
    (_S.ON_HOLD, _M.RESUME): _S.TALKING,
    (_S.TALKING, _M.CALL_ENDED): _S.AFTER_CALL_WORK,
    (_S.ON_HOLD, _M.CALL_ENDED): _S.AFTER_CALL_WORK,
    (_S.AFTER_CALL_WORK, _M.WRAP_UP_DONE): _S.READY,  # or not ready, when one is pending
}

#: The reason an agent is "not ready" right after logging in, before choosing Ready.
LOGGED_IN_REASON: Final = "logged_in"


class IllegalAgentMove(ValueError):
    """The move makes no sense from this state (Ready while logged out, answering with no call…)."""

    code = "agent_state.illegal_move"

    def __init__(self, state: AgentStatus, move: AgentMove) -> None:
        super().__init__(f"an agent who is {state.value} cannot {move.value.replace('_', ' ')}")
        self.state, self.move = state, move
        self.params = {"state": state.value, "move": move.value}


class ReasonRequired(ValueError):
    code = "agent_state.reason_required"

    def __init__(self) -> None:
        super().__init__("not ready needs a reason (break, lunch, training, …)")
        self.params: dict[str, str] = {}


@dataclass(frozen=True)
class AgentState:
    """Where an agent is now, since when, and the not-ready reason (now, or waiting for the call's end)."""

    status: AgentStatus = AgentStatus.LOGGED_OUT
    since: datetime | None = None
    reason: str = ""  # while not ready
    pending_reason: str = ""  # chosen during a call: applied when after-call work ends

    def seconds_in_state(self, now: datetime) -> float:
        return max(0.0, (now - self.since).total_seconds()) if self.since else 0.0

    def allows(self, move: AgentMove) -> bool:
        return (self.status, move) in MOVES

    def apply(self, move: AgentMove, at: datetime, *, reason: str = "") -> AgentState:
        """The state after ``move`` at ``at``; raises :class:`IllegalAgentMove` (and changes nothing)."""
        move = AgentMove(move)
        target = MOVES.get((self.status, move))
        if target is None:
            raise IllegalAgentMove(self.status, move)
        if move is AgentMove.NOT_READY:
            if not reason.strip():
                raise ReasonRequired()
            if self.status.on_call:
                return replace(self, pending_reason=reason.strip())
            if self.status is AgentStatus.NOT_READY and self.reason == reason.strip():
                return self
            return AgentState(AgentStatus.NOT_READY, at, reason.strip())
        if move is AgentMove.READY and self.status.on_call:
            return replace(self, pending_reason="")
        if move is AgentMove.LOG_IN:
            return AgentState(AgentStatus.NOT_READY, at, LOGGED_IN_REASON)
        if move in (AgentMove.WRAP_UP_DONE, AgentMove.RING_STOPPED) and self.pending_reason:
            return AgentState(AgentStatus.NOT_READY, at, self.pending_reason)
        if target is self.status:
            return self
        return AgentState(target, at, "", self.pending_reason if target.on_call or target is _S.AFTER_CALL_WORK else "")


def acw_deadline_seconds(limit_seconds: int | None, default: int = 60) -> int | None:
    """Seconds of after-call work before the agent is made ready again; None means until saved.

    A business line's limit wins over the desk's default; 0 means "until the wrap-up is saved".
    """
    limit = default if limit_seconds is None else limit_seconds
    if limit < 0:
        raise ValueError(f"an after-call work limit cannot be negative, got {limit}")
    return None if limit == 0 else limit
