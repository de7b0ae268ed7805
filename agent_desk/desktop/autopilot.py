"""A scripted agent for the end-to-end test: it uses the real windows the way an agent would.

Set ``AGENT_DESK_AUTOPILOT_PASSWORD`` in the environment of ``agent-desk-gui --user NAME``, and the
desktop, as soon as its login window is up, types that password and presses "Log in", then "Ready"
in the status bar (after login an agent is not ready); then, when the first call it pops has ended,
it types :data:`NOTE` into the wrap-up and presses "Save wrap-up" (keeping the disposition the panel
offers first). Everything after those key presses is the product:
the login check, the hub link, the pop, the call record and the saved wrap-up, each logged.

The password comes from the environment, never a flag, because command lines show up in process
lists and logs; it is removed from the environment once read, so no child process inherits it.
Without the variable nothing here runs.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialogButtonBox

from agent_desk.ui.login import LoginDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from agent_desk.services.access.auth import CurrentUser
    from agent_desk.services.calls.lifecycle import ActiveCall
    from agent_desk.ui.desk.state_control import StateControl
    from agent_desk.ui.desk.workspace import DeskWorkspace

    DeskLookup = Callable[[], DeskWorkspace | None]
    ControlLookup = Callable[[], StateControl | None]

PASSWORD_ENV = "AGENT_DESK_AUTOPILOT_PASSWORD"
NOTE = "autopilot: caller asked about delivery; told them the parcel ships tomorrow"

log = logging.getLogger(__name__)


class Autopilot(QObject):
    """Logs in through ``dialog``, then wraps up the first call the desk pops once it has ended.

    ``desk_of`` gives the desk workspace after login (None for roles without one); ``parent`` (the
    application) keeps the autopilot alive.
    """

    def __init__(
        self, password: str, dialog: LoginDialog, desk_of: DeskLookup, control_of: ControlLookup, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._password = password
        self._dialog = dialog
        self._desk_of = desk_of
        self._control_of = control_of
        self._desk: DeskWorkspace | None = None
        self._call: ActiveCall | None = None
        self._saving = False  # pressed "Save" once; the product does the rest
        # Connected after the app's own handler, so the main window exists when this one runs.
        dialog.logged_in.connect(self._on_logged_in)
        QTimer.singleShot(0, self, self._log_in)

    def _log_in(self) -> None:
        self._dialog.password.setText(self._password)
        self._dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def _on_logged_in(self, _user: CurrentUser) -> None:
        desk = self._desk_of()
        if desk is None:
            log.warning("autopilot: this user has no desk; nothing to do")
            return
        self._desk = desk
        desk.popped.connect(self._on_popped)
        desk.controller.call_state_changed.connect(self._on_call_state)
        control = self._control_of()
        if control is not None:
            log.info("autopilot: pressing Ready")
            control.ready_action.trigger()

    def _on_popped(self, call: ActiveCall) -> None:
        if self._call is None:
            self._call = call
            log.info("autopilot: waiting for call %s to end", call.call_id, extra={"call_id": call.call_id})
        self._wrap_up_if_ended(call)  # a pop from a resync may come after its call ended

    def _on_call_state(self, call: ActiveCall) -> None:
        self._wrap_up_if_ended(call)

    def _wrap_up_if_ended(self, call: ActiveCall) -> None:
        desk = self._desk
        if desk is None or call is not self._call or not call.ended or self._saving or desk.shown_call is not call:
            return
        panel = desk.wrap_up
        if not panel.disposition.count():
            log.warning("autopilot: no dispositions to choose from; the wrap-up cannot be saved")
            return
        self._saving = True
        panel.notes.setPlainText(NOTE)
        panel.save.click()


def start_autopilot(
    dialog: LoginDialog, desk_of: DeskLookup, control_of: ControlLookup, parent: QObject
) -> Autopilot | None:
    """The autopilot when :data:`PASSWORD_ENV` is set (and removed from the environment), else None."""
    password = os.environ.pop(PASSWORD_ENV, "")
    if not password:
        return None
    log.info("autopilot on: logging in and wrapping up the first call")
    return Autopilot(password, dialog, desk_of, control_of, parent)
