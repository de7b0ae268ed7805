"""The live floor tab as a supervisor sees it: a real hub, a real link, the board drawn from the
hub's snapshot and moved by each event, flags when a state runs long, the big screen, a lost link."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from PySide6.QtCore import Qt

from agent_desk.app import Desktop
from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.access.auth import authenticate
from agent_desk.store.database import Database
from agent_desk.telephony.hub import Hub, HubLimits
from agent_desk.ui.context import DeskContext
from agent_desk.ui.hub_bridge import HubBridge
from agent_desk.ui.messages import bridge
from agent_desk.ui.supervision.floor_models import FloorAgentsModel
from agent_desk.ui.supervision.workspace import FLOOR, SupervisionWorkspace
from tests.telephony.helpers import TOKENS

TIMEOUT = 10_000


class LiveHub:
    """A hub on its own loop thread, with a clock the test moves."""

    def __init__(self) -> None:
        self.now = time.time()
        self.loop = asyncio.new_event_loop()
        self.hub = Hub(TOKENS, limits=HubLimits(heartbeat=0.3), clock=lambda: self.now)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        host, port = asyncio.run_coroutine_threadsafe(self.hub.start("127.0.0.1", 0), self.loop).result(5)
        self.url = f"ws://{host}:{port}"

    def publish(self, event: CallEvent, at: float | None = None) -> None:
        def run() -> None:
            if at is not None:
                self.now = at
            self.hub.publish(event)

        self.loop.call_soon_threadsafe(run)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.hub.stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def live_hub() -> Iterator[LiveHub]:
    hub = LiveHub()
    yield hub
    hub.stop()


def state(agent: str, value: str, reason: str = "") -> CallEvent:
    return CallEvent(EventType.AGENT_STATE, agent=agent, state=value, reason=reason)


def call(type_: EventType, call_id: str, **kw: Any) -> CallEvent:
    return CallEvent(type_, call_id=call_id, **kw)


@pytest.fixture
def floor_ws(desktop: Desktop, qtbot) -> Iterator[SupervisionWorkspace]:  # type: ignore[no-untyped-def]
    user = authenticate(desktop.database.factory, "supervisor1", "supervisor1123")
    ctx = DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())
    ws = SupervisionWorkspace(ctx)
    qtbot.addWidget(ws)
    ws.resize(1280, 760)
    ws.show()
    ws.tabs.setCurrentIndex(FLOOR)
    qtbot.waitUntil(lambda: ws.floor.reference.agent_names != {}, timeout=TIMEOUT)
    yield ws
    ws.shutdown()


def rows(ws: SupervisionWorkspace) -> dict[str, list[str]]:
    """The agents table as shown (through its sorting and filter), by agent name."""
    view = ws.floor.agents
    model = view.model()
    shown: dict[str, list[str]] = {}
    for r in range(model.rowCount()):
        cells = [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        shown[cells[0]] = cells
    return shown


def queue_cells(ws: SupervisionWorkspace) -> dict[str, list[str]]:
    model = ws.floor.queues.model()
    return {
        str(model.index(r, 0).data()): [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def test_the_board_comes_from_the_hub_and_each_event_moves_it(
    floor_ws: SupervisionWorkspace,
    live_hub: LiveHub,
    qtbot,
    ui_db: Database,  # type: ignore[no-untyped-def]
) -> None:
    ws = floor_ws
    assert not ws.report_head.isVisible()  # no date range on a live view
    t0 = live_hub.now
    live_hub.publish(state("SIP/8001", "available"), t0)
    live_hub.publish(state("SIP/8002", "paused", "lunch"), t0)
    live_hub.publish(call(EventType.CALL_QUEUED, "c1", queue="sales", dnis="4008001001", vip=True), t0)
    hub = HubBridge()
    ws.attach_hub(hub)
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        hub.connect_to_hub(live_hub.url, "tok-sup", "SUP/1")
    shown = rows(ws)
    assert shown["王小燕"][FloorAgentsModel.STATE] == "Ready"
    assert shown["李建国"][FloorAgentsModel.STATE] == "Not ready ▸ Lunch"
    assert queue_cells(ws)["sales  ★1"][1] == "1"  # one caller waiting, a VIP
    assert "Live" in ws.floor.link.text()
    # An answer: the agent talks, on the caller's business line; the queue empties.
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        live_hub.publish(call(EventType.CALL_ANSWERED, "c1", agent="SIP/8001"), t0 + 12)
    shown = rows(ws)
    assert shown["王小燕"][FloorAgentsModel.STATE] == "Talking"
    assert shown["王小燕"][FloorAgentsModel.LINE] == "保健品热线"
    assert shown["王小燕"][FloorAgentsModel.HANDLED] == "1"
    ws.floor.group.setCurrentIndex(1)  # by business line
    line = queue_cells(ws)["保健品热线"]
    assert line[1] == "0" and line[3] == "100 %"  # answered in 12 s: within 20 s
    hub.disconnect_from_hub()


def test_a_long_lunch_is_flagged_and_the_big_screen_says_who_needs_a_look(
    floor_ws: SupervisionWorkspace,
    live_hub: LiveHub,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ws = floor_ws
    t0 = live_hub.now
    hub = HubBridge()
    ws.attach_hub(hub)
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        hub.connect_to_hub(live_hub.url, "tok-sup", "SUP/1")
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        live_hub.publish(state("SIP/8002", "paused", "lunch"), t0)
    assert rows(ws)["李建国"][FloorAgentsModel.FLAGS] == ""
    # 61 minutes later on the hub's clock (the lunch limit is 60), another agent logs in.
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        live_hub.publish(state("SIP/8001", "available"), t0 + 61 * 60)
    ws.floor.tick()
    assert rows(ws)["李建国"][FloorAgentsModel.FLAGS] == "Not ready past its limit"
    assert rows(ws)["李建国"][FloorAgentsModel.TIME].startswith("1:01:")
    ws.floor.flagged.setChecked(True)
    assert list(rows(ws)) == ["李建国"]
    assert "Flagged 1" in ws.floor.heads.text()
    qtbot.keyClick(ws.floor.agents, Qt.Key.Key_F11)
    wall = ws.floor.big_screen
    assert wall is not None and wall.isVisible()
    assert "李建国 — Not ready ▸ Lunch 1:01:" in wall.flagged.text()
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert not wall.isVisible()
    hub.disconnect_from_hub()


def test_a_lost_link_says_the_board_is_not_live_and_a_new_link_brings_the_hubs_board(
    floor_ws: SupervisionWorkspace,
    live_hub: LiveHub,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ws = floor_ws
    hub = HubBridge()
    ws.attach_hub(hub)
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        hub.connect_to_hub(live_hub.url, "tok-sup", "SUP/1")
    with qtbot.waitSignal(ws.floor.board_changed, timeout=TIMEOUT):
        live_hub.publish(state("SIP/8001", "available"))
    # The hub drops every link without a closing handshake; meanwhile the floor moves on.
    with qtbot.waitSignal(hub.link_state_changed, check_params_cb=lambda s, d: s != "connected", timeout=TIMEOUT):
        live_hub.loop.call_soon_threadsafe(lambda: [d.ws.transport.abort() for d in list(live_hub.hub._supervisors)])
    assert "Not live since" in ws.floor.link.text()
    live_hub.publish(state("SIP/8001", "paused", "break"))
    qtbot.waitUntil(lambda: rows(ws)["王小燕"][FloorAgentsModel.STATE] == "Not ready ▸ Break", timeout=TIMEOUT)
    assert "Live" in ws.floor.link.text()
    hub.disconnect_from_hub()


def test_without_a_hub_the_floor_says_what_it_waits_for(floor_ws: SupervisionWorkspace) -> None:
    assert floor_ws.floor.link.text() == "Waiting for the hub…"
    assert rows(floor_ws) == {}
