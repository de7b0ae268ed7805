"""The Qt bridge hands hub events to the GUI thread as signals."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QThread

from agent_desk.core.protocol import CallEvent
from agent_desk.telephony.hub import Hub
from agent_desk.ui.hub_bridge import HubBridge

from .helpers import make_hub


@pytest.fixture
def hub_url() -> Iterator[tuple[str, Hub, asyncio.AbstractEventLoop]]:
    loop = asyncio.new_event_loop()
    hub = make_hub()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    host, port = asyncio.run_coroutine_threadsafe(hub.start("127.0.0.1", 0), loop).result(5)
    yield f"ws://{host}:{port}", hub, loop
    asyncio.run_coroutine_threadsafe(hub.stop(), loop).result(5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


def test_pop_arrives_as_a_signal_on_the_gui_thread(
    qtbot: QtBot, hub_url: tuple[str, Hub, asyncio.AbstractEventLoop]
) -> None:
    url, hub, loop = hub_url
    bridge = HubBridge()
    threads: list[bool] = []
    bridge.call_event.connect(lambda f: threads.append(QThread.currentThread().isMainThread()))
    with qtbot.waitSignal(bridge.link_state_changed, check_params_cb=lambda s, d: s == "connected"):
        bridge.connect_to_hub(url, "tok-801", "PJSIP/801")
    event = CallEvent("call.offered", call_id="c1", agent="PJSIP/801", ani="13800138000")
    with qtbot.waitSignal(bridge.call_event, timeout=5000) as blocker:
        loop.call_soon_threadsafe(hub.publish, event)
    assert blocker.args[0].event == event
    assert threads == [True]
    with qtbot.waitSignal(bridge.command_result, timeout=5000) as result:
        bridge.send_command({"op": "dial", "number": "13800138000", "id": "d1"})
    assert result.args[0].data["ok"] is False  # no source behind this hub
    bridge.disconnect_from_hub()
    with qtbot.waitSignal(bridge.command_failed, timeout=5000):
        bridge.send_command({"op": "dial", "number": "1"})
