"""The agent's state in the status bar: what they are, for how long, and the control to change it.

Shown for users with a desk: "Ready 03:12", "Not ready: Lunch 12:40", "Ringing", "Talking 01:05",
"After-call work 00:20 · ready in 40 s". The dot's colour helps; the words say it all without it.

Keys (the desk already uses F9 for a test call; F10 opens the menu bar on many desktops):
F7 Ready (in after-call work: end it now), F8 the Not ready ▸ reasons menu.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QLocale, QPoint, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from agent_desk.core.agent_states import LOGGED_IN_REASON, AgentState, AgentStatus, IllegalAgentMove, ReasonRequired
from agent_desk.services.calls.not_ready_reasons import ReasonView, not_ready_reasons
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.agent_state_keeper import AgentStateKeeper

__all__ = ["NOT_READY_KEY", "READY_KEY", "StateControl"]

READY_KEY = "F7"
NOT_READY_KEY = "F8"

_COLOURS = {
    AgentStatus.READY: "#2e7d32",
    AgentStatus.NOT_READY: "#c62828",
    AgentStatus.RINGING: "#1565c0",
    AgentStatus.TALKING: "#1565c0",
    AgentStatus.ON_HOLD: "#6a1b9a",
    AgentStatus.AFTER_CALL_WORK: "#ef6c00",
    AgentStatus.LOGGED_OUT: "gray",
}


class StateControl(QWidget):
    """The state and its timer, ticking every second, and the Ready / Not ready ▸ menu."""

    def __init__(self, ctx: DeskContext, keeper: AgentStateKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.keeper = keeper
        self._reasons: list[ReasonView] = []
        self.label = QLabel()
        self.label.setObjectName("agent_state")
        self.button = QToolButton()
        self.button.setObjectName("agent_state_menu")
        self.button.setText(self.tr("State"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.ready_action = QAction(self.tr("&Ready"), self)
        self.ready_action.setShortcut(QKeySequence(READY_KEY))
        self.ready_action.triggered.connect(self.choose_ready)
        self.not_ready_menu = QMenu(self.tr("&Not ready"), self)
        self.menu.addAction(self.ready_action)
        self.menu.addMenu(self.not_ready_menu)
        self.button.setMenu(self.menu)
        self.button.setToolTip(
            self.tr("Ready: {0} (ends after-call work now). Not ready: {1}").format(READY_KEY, NOT_READY_KEY)
        )
        # The keys work wherever the focus is in the window, as the menu's own shortcuts would not
        # while the menu is closed.
        self.addAction(self.ready_action)
        QShortcut(QKeySequence(NOT_READY_KEY), self, self.open_not_ready_menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)

        self._tick = QTimer(self)
        self._tick.timeout.connect(self.refresh)
        self._tick.start(1000)
        keeper.changed.connect(lambda _state: self.refresh())
        self._fill_reasons([])
        ctx.read(not_ready_reasons, self._fill_reasons)
        self.refresh()

    # --- the menu -------------------------------------------------------------------------------

    def _fill_reasons(self, reasons: list[ReasonView]) -> None:
        self._reasons = reasons
        self.not_ready_menu.clear()
        chinese = QLocale().language() == QLocale.Language.Chinese
        for reason in reasons:
            action = self.not_ready_menu.addAction(reason.label_for("zh" if chinese else "en"))
            action.setData(reason.code)
            action.triggered.connect(lambda _checked=False, code=reason.code: self.choose_not_ready(code))
        if not reasons:
            self.not_ready_menu.addAction(self.tr("(loading reasons…)")).setEnabled(False)
        self.refresh()

    def open_not_ready_menu(self) -> None:
        self.not_ready_menu.popup(self.button.mapToGlobal(QPoint(0, 0)))

    def choose_ready(self) -> None:
        self._act(self.keeper.ready)

    def choose_not_ready(self, code: str) -> None:
        self._act(lambda: self.keeper.not_ready(code))

    def _act(self, move: Callable[[], None]) -> None:
        try:
            move()
        except (IllegalAgentMove, ReasonRequired):
            self.ctx.messages.info.emit(
                self.tr("Not possible now: you are {0}.").format(self.state_name(self.keeper.state))
            )

    # --- what is shown --------------------------------------------------------------------------

    def reason_label(self, code: str) -> str:
        if code == LOGGED_IN_REASON:
            return self.tr("just logged in")
        chinese = QLocale().language() == QLocale.Language.Chinese
        for reason in self._reasons:
            if reason.code == code:
                return reason.label_for("zh" if chinese else "en")
        return code

    def state_name(self, state: AgentState) -> str:
        match state.status:
            case AgentStatus.READY:
                return self.tr("Ready")
            case AgentStatus.NOT_READY:
                return self.tr("Not ready: {0}").format(self.reason_label(state.reason))
            case AgentStatus.RINGING:
                return self.tr("Ringing")
            case AgentStatus.TALKING:
                return self.tr("Talking")
            case AgentStatus.ON_HOLD:
                return self.tr("On hold")
            case AgentStatus.AFTER_CALL_WORK:
                return self.tr("After-call work")
            case _:
                return self.tr("Logged out")

    def text(self) -> str:
        """What the label says, without the colour: the state, the time in it, what comes next."""
        state = self.keeper.state
        parts = [self.state_name(state)]
        if state.status is not AgentStatus.LOGGED_OUT:
            parts.append(_clock(state.seconds_in_state(datetime.now(UTC))))
        if state.status is AgentStatus.AFTER_CALL_WORK:
            left = self.keeper.acw_seconds_left()
            parts.append(
                self.tr("until the wrap-up is saved")
                if left is None
                else self.tr("ready in {0} s").format(int(left + 0.999))
            )
        if state.pending_reason and state.status is not AgentStatus.NOT_READY:
            parts.append(self.tr("then not ready: {0}").format(self.reason_label(state.pending_reason)))
        return " · ".join(parts)

    def refresh(self) -> None:
        state = self.keeper.state
        colour = _COLOURS.get(state.status, "gray")
        self.label.setText(f'<span style="color:{colour}">●</span> {html.escape(self.text())}')
        self.ready_action.setEnabled(
            state.status not in (AgentStatus.READY, AgentStatus.LOGGED_OUT)
            and not (state.status.on_call and not state.pending_reason)
        )
        self.not_ready_menu.setEnabled(state.status is not AgentStatus.LOGGED_OUT)


def _clock(seconds: float) -> str:
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"
