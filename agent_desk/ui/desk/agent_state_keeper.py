"""Qt glue for this desk's agent state: the clock, the after-call work timer and the hub command.

:class:`~agent_desk.services.calls.agent_session.AgentSession` decides; this object feeds it the
agent's presses and the call life cycle's news with the time, sends what it says to send, arms its
after-call work timer, and tells widgets with :attr:`AgentStateKeeper.changed`. When after-call work
ends otherwise than by the saved wrap-ups (its limit, Ready, a reason), the life cycle is told: its
pause is over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from agent_desk.core.agent_states import AgentState, AgentStatus
from agent_desk.services.calls.agent_session import AgentSession, SessionUpdate
from agent_desk.services.calls.lifecycle import ActiveCall, Effect

__all__ = ["AgentStateKeeper"]

log = logging.getLogger(__name__)

Sender = Callable[[dict[str, str]], None]


class AgentStateKeeper(QObject):
    """Signals:
    changed(AgentState): the agent's state (or its after-call work deadline) changed.
    """

    changed = Signal(object)

    def __init__(
        self, sender: Callable[[], Sender | None], acw_over: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = AgentSession()
        self._sender = sender  # looked up at each send: the window sets the hub link after login
        self._acw_over = acw_over  # the life cycle's pause for after-call work is over
        self._acw_timer = QTimer(self)
        self._acw_timer.setSingleShot(True)
        self._acw_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._acw_timer.timeout.connect(lambda: self._apply(self.session.acw_deadline_reached(_now())))

    @property
    def state(self) -> AgentState:
        return self.session.state

    # --- the agent ------------------------------------------------------------------------------

    def log_in(self) -> None:
        self._apply(self.session.log_in(_now()))

    def ready(self) -> None:
        """Raises IllegalAgentMove when the agent cannot be ready now (logged out); nothing changes then."""
        self._apply(self.session.ready(_now()))

    def not_ready(self, reason: str) -> None:
        self._apply(self.session.not_ready(reason, _now()))

    def log_out(self, *, leaving: bool = False) -> None:
        self._apply(self.session.log_out(_now(), leaving=leaving))

    def announce(self) -> None:
        """Tell a (re)connected hub where the agent is."""
        told = self.session.announce()
        sender = self._sender()
        if told is not None and sender is not None:
            sender(told.command())

    # --- the call life cycle --------------------------------------------------------------------

    def hear(self, effect: Effect) -> None:
        """One of the call life cycle's effects, in its order: the session says what it means for the agent."""
        update = self.session.on_call_effect(effect, _now())
        if update is not None:
            self._apply(update)

    def keeps_screen_from(self, call: ActiveCall) -> bool:
        return self.session.keeps_screen_from(call.call_id)

    # --- carrying out ---------------------------------------------------------------------------

    def _apply(self, update: SessionUpdate) -> None:
        if update.send is not None:
            sender = self._sender()
            if sender is not None:
                sender(update.send.command())
            log.info(
                "agent state %s %s",
                update.send.state.value,
                update.send.reason,
                extra={"state": update.send.state.value, "reason": update.send.reason},
            )
        if update.cancel_acw:
            self._acw_timer.stop()
            if update.state.status is not AgentStatus.AFTER_CALL_WORK:
                self._acw_over()
        if update.arm_acw_seconds is not None:
            self._acw_timer.start(update.arm_acw_seconds * 1000)
        self.changed.emit(update.state)

    def acw_seconds_left(self) -> float | None:
        return self.session.acw_seconds_left(_now())

    @property
    def status(self) -> AgentStatus:
        return self.session.state.status


def _now() -> datetime:
    return datetime.now(UTC)
