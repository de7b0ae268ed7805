"""This desk's agent state through a login: what the agent presses and what the calls do, one state.

Pure: the desk feeds it what happened, with the time, and carries out the :class:`SessionUpdate` it
gets back (the hub command to send, the after-call work timer to arm or cancel, the state to show).
The moves the agent makes (log in, Ready, Not ready with a reason, log out) go through the core's
move table (:mod:`agent_desk.core.agent_states`); a move it refuses raises there and changes nothing.

Decisions recorded here:

* **Login** puts the agent in not ready (``logged_in``) until they choose Ready; logging out is
  refused mid-call, leaving (quitting the desk) is not.
* **The hub hears each change once**: ``available`` (ready), ``paused`` with the reason (not ready;
  ``acw`` in after-call work) and ``offline``. Ringing and talking are not sent: the PBX knows them.
* **The calls' word wins over the move table.** A call may ring while the agent is not ready (a
  direct call, a PBX that ignored the pause): it rings, and the reason waits for the call's end as if
  chosen during it, so an agent on "outbound" or a break stays there afterwards. A call that rings
  during after-call work leaves the agent in after-call work until they answer it.
* **After-call work** starts when the call life cycle says so (a call this agent answered left
  their hands with its wrap-up due) and lasts until the life cycle says every wrap-up is saved, the
  business line's limit runs out (default 60 s, 0 = until saved), or the agent presses Ready or
  chooses a reason. Then the agent is ready, or not ready for the reason chosen during the call.
  Once it is over, a later "all saved" changes nothing: the agent may be on a break by then.
* **The calls' news comes from the call life cycle** (:meth:`AgentSession.on_call_effect`, the one
  path the desk feeds): a call that rang out here (back in the queue) rings no more, and one offered
  here again rings again; a call that leaves the agent's hands starts after-call work only when
  *its* wrap-up is due (another call waiting for its wrap-up does not count: it had its own).
* **The screen** belongs to the call being talked, and in after-call work to its wrap-up: another
  call offered then does not take it (:meth:`AgentSession.keeps_screen_from`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from agent_desk.core.agent_states import (
    AgentMove,
    AgentState,
    AgentStatus,
    acw_deadline_seconds,
)
from agent_desk.core.protocol import AgentState as HubAgentState
from agent_desk.services.calls.active_call import ActiveCall, CallPhase
from agent_desk.services.calls.call_effects import AgentStateCommand, CallStateChanged, Effect, LoadPop
from agent_desk.services.calls.lifecycle import AFTER_CALL_WORK

__all__ = ["DEFAULT_ACW_SECONDS", "AgentSession", "HubState", "SessionUpdate", "hub_state_for"]

DEFAULT_ACW_SECONDS: Final = 60
#: A timer may fire a little early; a deadline this close counts as reached.
_DEADLINE_SLACK: Final = timedelta(milliseconds=500)

_S = AgentStatus
_M = AgentMove


@dataclass(frozen=True, slots=True)
class HubState:
    """What the hub, and through it the PBX, is told about the agent: the ``agent.state`` command."""

    state: HubAgentState
    reason: str = ""

    def command(self) -> dict[str, str]:
        return {"op": "agent.state", "state": self.state.value, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class SessionUpdate:
    """What to do after one input: send ``send`` (None: the hub knows already), arm the after-call
    work timer for ``arm_acw_seconds`` or cancel it, and show ``state``."""

    state: AgentState
    send: HubState | None = None
    arm_acw_seconds: int | None = None
    cancel_acw: bool = False


def hub_state_for(state: AgentState) -> HubState | None:
    """The hub's word for ``state``; None for ringing and talking, which the PBX reports itself."""
    match state.status:
        case _S.LOGGED_OUT:
            return HubState(HubAgentState.OFFLINE)
        case _S.READY:
            return HubState(HubAgentState.AVAILABLE)
        case _S.NOT_READY:
            return HubState(HubAgentState.PAUSED, state.reason)
        case _S.AFTER_CALL_WORK:
            return HubState(HubAgentState.PAUSED, AFTER_CALL_WORK)
        case _:
            return None


class AgentSession:
    """The agent state of one desk, and the calls that shape it (by the platform's call id)."""

    def __init__(self, default_acw_seconds: int = DEFAULT_ACW_SECONDS) -> None:
        self.state = AgentState()
        self.acw_ends_at: datetime | None = None  # None in after-call work: until the wrap-up is saved
        self._default_acw = default_acw_seconds
        self._told: HubState | None = None
        self._ringing: set[str] = set()
        self._talking: set[str] = set()

    # --- what the agent does --------------------------------------------------------------------

    def log_in(self, at: datetime) -> SessionUpdate:
        return self._move(_M.LOG_IN, at)

    def ready(self, at: datetime) -> SessionUpdate:
        """Ready: from not ready, or ending after-call work now; mid-call it takes back a pending reason."""
        return self._move(_M.READY, at)

    def not_ready(self, reason: str, at: datetime) -> SessionUpdate:
        """Not ready for ``reason`` (a reason code); mid-call it waits for the end of after-call work."""
        return self._move(_M.NOT_READY, at, reason=reason)

    def log_out(self, at: datetime, *, leaving: bool = False) -> SessionUpdate:
        """Log out; refused mid-call unless the desk is ``leaving`` (quit), which always goes offline."""
        if leaving and not self.state.allows(_M.LOG_OUT):
            if self.state.status is _S.LOGGED_OUT:
                return SessionUpdate(self.state)
            self._ringing.clear()
            self._talking.clear()
            return self._become(AgentState(_S.LOGGED_OUT, at), at)
        update = self._move(_M.LOG_OUT, at)
        self._ringing.clear()
        self._talking.clear()
        return update

    def announce(self) -> HubState | None:
        """What the hub should know now: after a (re)connect, the hub may have forgotten."""
        told = hub_state_for(self.state) or self._told  # on a call: what it was told last
        if told is not None:
            self._told = told
        return told

    # --- what the calls do ----------------------------------------------------------------------

    def on_call_effect(self, effect: Effect, at: datetime) -> SessionUpdate | None:
        """What one of the call life cycle's effects means for the agent (None: nothing), in its order."""
        match effect:
            case LoadPop(call=call) if not call.restored:  # a restored call is looked up to be shown: it does not ring
                return self.call_offered(call.call_id, at)
            case CallStateChanged(call=call):
                return self._call_changed(call, at)
            case AgentStateCommand(state=HubAgentState.AVAILABLE):
                return self.wrap_ups_done(at)
            case AgentStateCommand(call=call):
                line = call.pop.business_line if call is not None and call.pop is not None else None
                limit = line.acw_limit_seconds if line is not None else None
                return self.after_call_work(call.call_id if call is not None else "", at, limit)
            case _:
                return None

    def _call_changed(self, call: ActiveCall, at: datetime) -> SessionUpdate:
        if call.ended:
            return self.call_left(call.call_id, at, wrap_up_due=call.needs_wrap_up)
        if call.phase is CallPhase.RANG_OUT:  # rang unanswered here, back in the queue: nothing rings here now
            return self.call_left(call.call_id, at, wrap_up_due=False)
        if call.answered:
            return self.call_answered(call.call_id, at)
        return self.call_offered(call.call_id, at)  # offered here again after it rang out

    def call_offered(self, call_id: str, at: datetime) -> SessionUpdate:
        if call_id in self._ringing or call_id in self._talking or self.state.status is _S.LOGGED_OUT:
            return SessionUpdate(self.state)
        self._ringing.add(call_id)
        return self._become(self.state, at)

    def call_answered(self, call_id: str, at: datetime) -> SessionUpdate:
        if call_id in self._talking or self.state.status is _S.LOGGED_OUT:
            return SessionUpdate(self.state)
        self._ringing.discard(call_id)
        self._talking.add(call_id)
        if self.state.status is _S.RINGING:
            return self._become(self.state.apply(_M.ANSWERED, at), at)
        return self._become(self.state, at)

    def call_left(self, call_id: str, at: datetime, *, wrap_up_due: bool) -> SessionUpdate:
        """The call is over for this desk (ended, missed, transferred, a colleague's); ``wrap_up_due``:
        a call this agent answered still waits for its wrap-up."""
        if call_id not in self._ringing and call_id not in self._talking:
            return SessionUpdate(self.state)
        self._ringing.discard(call_id)
        self._talking.discard(call_id)
        status = self.state.status
        if status is _S.RINGING and not self._ringing:
            return self._become(self.state.apply(_M.RING_STOPPED, at), at)
        if status.on_call and status is not _S.RINGING and not self._talking:
            # Ended with its wrap-up saved while talking: no after-call work for it.
            return self._start_after_call_work(at, None) if wrap_up_due else self._leave_call(at)
        return self._become(self.state, at)

    def after_call_work(self, call_id: str, at: datetime, limit_seconds: int | None) -> SessionUpdate:
        """The life cycle's pause: ``call_id`` left the agent's hands with its wrap-up due;
        ``limit_seconds`` is its business line's after-call work limit (None: the default)."""
        self._ringing.discard(call_id)
        self._talking.discard(call_id)
        if self._talking or self.state.status in (_S.AFTER_CALL_WORK, _S.LOGGED_OUT):
            return SessionUpdate(self.state)  # another call is being talked: its end decides
        return self._start_after_call_work(at, limit_seconds)

    def wrap_ups_done(self, at: datetime) -> SessionUpdate:
        """The life cycle's "available": every wrap-up due is saved and no call is being talked."""
        if self.state.status is not _S.AFTER_CALL_WORK:
            return SessionUpdate(self.state)
        return self._move(_M.WRAP_UP_DONE, at)

    def acw_deadline_reached(self, at: datetime) -> SessionUpdate:
        deadline = self.acw_ends_at
        if self.state.status is not _S.AFTER_CALL_WORK or deadline is None or at + _DEADLINE_SLACK < deadline:
            return SessionUpdate(self.state)
        return self._move(_M.WRAP_UP_DONE, at)

    # --- what the desk shows --------------------------------------------------------------------

    def keeps_screen_from(self, call_id: str) -> bool:
        """The agent talks on another call or does its after-call work: ``call_id`` must not take the screen."""
        if self.state.status is _S.AFTER_CALL_WORK:
            return True
        return self.state.status in (_S.TALKING, _S.ON_HOLD) and call_id not in self._talking

    def acw_seconds_left(self, now: datetime) -> float | None:
        if self.state.status is not _S.AFTER_CALL_WORK or self.acw_ends_at is None:
            return None
        return max(0.0, (self.acw_ends_at - now).total_seconds())

    # --- the machinery --------------------------------------------------------------------------

    def _move(self, move: AgentMove, at: datetime, *, reason: str = "") -> SessionUpdate:
        return self._become(self.state.apply(move, at, reason=reason), at)  # raises, changing nothing

    def _start_after_call_work(self, at: datetime, limit_seconds: int | None) -> SessionUpdate:
        state = self.state
        if state.status in (_S.TALKING, _S.ON_HOLD):
            state = state.apply(_M.CALL_ENDED, at)
        else:  # a call whose answer the desk did not hear (a snapshot): after-call work all the same
            pending = state.reason if state.status is _S.NOT_READY else state.pending_reason
            state = AgentState(_S.AFTER_CALL_WORK, at, "", pending)
        try:
            seconds = acw_deadline_seconds(limit_seconds, self._default_acw)
        except ValueError:  # a damaged business line: the desk's default
            seconds = acw_deadline_seconds(None, self._default_acw)
        update = self._become(state, at)
        self.acw_ends_at = at + timedelta(seconds=seconds) if seconds is not None else None
        return SessionUpdate(update.state, update.send, arm_acw_seconds=seconds, cancel_acw=seconds is None)

    def _leave_call(self, at: datetime) -> SessionUpdate:
        # Said again even when the hub's last word was the same: a queue holds a talked agent back
        # until the desk speaks after the call (the simulator does; a PBX's wrap-up time alike).
        self._told = None
        ended = self.state.apply(_M.CALL_ENDED, at)
        return self._become(ended.apply(_M.WRAP_UP_DONE, at), at)

    def _become(self, chosen: AgentState, at: datetime) -> SessionUpdate:
        """Take ``chosen`` (what the moves gave), tell the hub if its word changed, and let the calls
        shape what is shown: a ringing or talked call outranks ready and not ready."""
        was_acw = self.state.status is _S.AFTER_CALL_WORK
        told = hub_state_for(chosen)
        send = told if told is not None and told != self._told else None
        if send is not None:
            self._told = send
        self.state = self._with_calls(chosen, at)
        leaves_acw = was_acw and self.state.status is not _S.AFTER_CALL_WORK
        if leaves_acw:
            self.acw_ends_at = None
        return SessionUpdate(self.state, send, cancel_acw=leaves_acw)

    def _with_calls(self, state: AgentState, at: datetime) -> AgentState:
        if state.status not in (_S.READY, _S.NOT_READY, _S.AFTER_CALL_WORK):
            return state
        pending = state.reason if state.status is _S.NOT_READY else state.pending_reason
        if self._talking:
            return AgentState(_S.TALKING, at, "", pending)
        if self._ringing and state.status is not _S.AFTER_CALL_WORK:
            return AgentState(_S.RINGING, at, "", pending)
        return state
