"""Re-emits the hub client's callbacks as Qt signals on the GUI thread.

The client calls back on its own asyncio thread. Those callbacks only emit a
private signal; Qt queues it to this object's thread (the GUI thread), where a
slot re-emits the public signals. So every handler of the public signals runs
on the GUI thread, whatever its connection type (Electrum's QtEventListener).
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from agent_desk.core.protocol import EventType, HubFrame
from agent_desk.telephony.client import HubClient, LinkState


class HubBridge(QObject):
    """Signals:
    call_event(HubFrame): a call.* or agent.state event for this desk.
    snapshot(HubFrame): calls in progress, after a (re)connect the hub could not replay.
    command_result(HubFrame): the hub's answer to a desk command.
    floor(HubFrame): supervisor desks: the whole live floor, after each (re)connect.
    link_state_changed(str, str): LinkState value and a detail, for the status bar.
    command_failed(str, str): op and why, when a command could not even be sent.
    """

    call_event = Signal(object)
    snapshot = Signal(object)
    command_result = Signal(object)
    floor = Signal(object)
    link_state_changed = Signal(str, str)
    command_failed = Signal(str, str)

    _frame_arrived = Signal(object)
    _link_arrived = Signal(str, str)
    _send_failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client: HubClient | None = None
        self._frame_arrived.connect(self._on_frame)
        self._link_arrived.connect(self._on_link)
        self._send_failed.connect(self._on_send_failed)

    # Called on the client thread: emit only, touch nothing else.
    def deliver_frame(self, frame: HubFrame) -> None:
        self._frame_arrived.emit(frame)

    def deliver_link_state(self, state: LinkState, detail: str) -> None:
        self._link_arrived.emit(str(state), detail)

    def connect_to_hub(self, url: str, token: str, agent: str, resume: tuple[str, int] | None = None) -> HubClient:
        """Start a client whose events arrive as this bridge's signals."""
        self.disconnect_from_hub()
        self._client = HubClient(url, token, agent, self.deliver_frame, self.deliver_link_state, resume=resume)
        self._client.start()
        return self._client

    def disconnect_from_hub(self) -> None:
        if self._client is not None:
            self._client.stop()
            self._client = None

    @property
    def position(self) -> tuple[str, int] | None:
        return None if self._client is None else self._client.position

    def send_command(self, command: Mapping[str, Any]) -> None:
        op = str(command.get("op", ""))
        if self._client is None:
            self._send_failed.emit(op, self.tr("not connected to the hub"))
            return

        def done(future: concurrent.futures.Future[None]) -> None:
            exc = future.exception()
            if exc is not None:
                self._send_failed.emit(op, str(exc))

        self._client.send_command(command).add_done_callback(done)

    @Slot(object)
    def _on_frame(self, frame: HubFrame) -> None:
        if frame.type == EventType.SNAPSHOT:
            self.snapshot.emit(frame)
        elif frame.type == EventType.COMMAND_RESULT:
            self.command_result.emit(frame)
        elif frame.type == EventType.FLOOR:
            self.floor.emit(frame)
        elif frame.event is not None:
            self.call_event.emit(frame)

    @Slot(str, str)
    def _on_link(self, state: str, detail: str) -> None:
        self.link_state_changed.emit(state, detail)

    @Slot(str, str)
    def _on_send_failed(self, op: str, detail: str) -> None:
        self.command_failed.emit(op, detail)
