"""The agent's state on the desk: the status-bar control, after-call work, and what the hub hears."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from agent_desk.app import Desktop
from agent_desk.config import Settings
from agent_desk.core.protocol import CallEvent, EventType, encode_snapshot, parse_hub_frame
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.access.hub_tokens import DatabaseTokens
from agent_desk.services.calls.screen_pop import line_cache
from agent_desk.store.database import Database
from agent_desk.store.models import BusinessLine, BusinessLineNumber
from agent_desk.telephony.hub import Hub
from agent_desk.telephony.sources.simulator import SimulatorSource
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000
LINE_DNIS = "4008001001"


def _desk(desktop: Desktop, qtbot):  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    return window, window.workspaces[Workspace.DESK], window.state_control


def _pop(desk, qtbot, f):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT) as blocker:
        desk.controller.on_frame(f)
    return blocker.args[0]


def test_after_login_the_agent_is_not_ready_until_they_press_ready(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, _desk_ws, control = _desk(desktop, qtbot)
    assert control is not None and control.parent() is not None
    assert "Not ready: just logged in" in control.label.text()
    qtbot.waitUntil(lambda: "00:01" in control.label.text(), timeout=3000)  # the timer ticks
    assert control.ready_action.shortcut().toString() == "F7"
    control.ready_action.trigger()
    assert "Ready" in control.label.text() and "Not ready" not in control.label.text()
    assert not control.ready_action.isEnabled()  # ready already


def test_the_not_ready_menu_lists_the_reasons_in_the_desks_language(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        _window, _desk_ws, control = _desk(desktop, qtbot)
        qtbot.waitUntil(lambda: any(a.data() == "lunch" for a in control.not_ready_menu.actions()), timeout=TIMEOUT)
        lunch = next(a for a in control.not_ready_menu.actions() if a.data() == "lunch")
        assert lunch.text() == "午餐"
        lunch.trigger()
        assert "午餐" in control.label.text()
    finally:
        QLocale.setDefault(previous)


def test_a_call_offered_while_talking_does_not_take_the_screen(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    _pop(desk, qtbot, frame("call.offered", call_id="talking", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="talking"))
    assert "Talking" in control.label.text()
    _pop(desk, qtbot, frame("call.offered", call_id="intruder", ani="13911112222"))
    assert desk.shown_call.call_id == "talking" and "张伟" in desk.view.header.text()
    assert "Talking" in desk.wrap_up.status.text()
    assert desk.missed.count() == 1 and "ringing" in desk.missed.item(0).text()


def test_after_call_work_counts_down_the_lines_limit_then_the_agent_is_ready(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    with desktop.database.factory() as s, s.begin():
        line_id = s.scalar(select(BusinessLineNumber.business_line_id).where(BusinessLineNumber.dnis == LINE_DNIS))
        s.get(BusinessLine, line_id).acw_limit_seconds = 2
    line_cache.clear()
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    _pop(desk, qtbot, frame("call.offered", call_id="short", ani="13800138000", dnis=LINE_DNIS))
    desk.controller.on_frame(frame("call.answered", call_id="short"))
    desk.controller.on_frame(frame("call.ended", call_id="short", reason="completed"))
    assert "After-call work" in control.label.text() and "ready in 2 s" in control.label.text()
    # In after-call work another call waits: the wrap-up keeps the screen.
    _pop(desk, qtbot, frame("call.offered", call_id="next", ani="13911112222", dnis=LINE_DNIS))
    assert desk.shown_call.call_id == "short" and "wrap up" in desk.wrap_up.status.text()
    desk.controller.on_frame(frame("call.ended", call_id="next", reason="abandoned"))
    qtbot.waitUntil(lambda: control.keeper.state.status == "ready", timeout=4000)
    assert "Ready" in control.label.text()
    assert [(c["state"], c["reason"]) for c in sent] == [("paused", "acw"), ("available", "")]
    assert [c.call_id for c in desk.controller.unfinished()] == ["short"]  # still to wrap up, in the list


def test_a_break_chosen_mid_call_follows_the_wrap_up(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    qtbot.waitUntil(lambda: any(a.data() == "break" for a in control.not_ready_menu.actions()), timeout=TIMEOUT)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, frame("call.offered", call_id="c", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="c"))
    control.choose_not_ready("break")
    assert "then not ready: Break" in control.label.text()
    desk.controller.on_frame(frame("call.ended", call_id="c", reason="completed"))
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert [(c["state"], c["reason"]) for c in sent] == [("paused", "acw"), ("paused", "break")]
    assert "Not ready: Break" in control.label.text()


def test_a_call_that_rang_unanswered_stops_ringing_and_not_ready_reaches_the_pbx(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    qtbot.waitUntil(lambda: any(a.data() == "lunch" for a in control.not_ready_menu.actions()), timeout=TIMEOUT)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    _pop(desk, qtbot, frame("call.offered", call_id="rna", ani="13800138000"))
    assert "Ringing" in control.label.text()
    desk.controller.on_frame(frame("call.queued", call_id="rna", reason="no_answer"))  # Asterisk's RINGNOANSWER
    assert "Ready" in control.label.text() and "Ringing" not in control.label.text()
    control.choose_not_ready("lunch")
    assert "Not ready: Lunch" in control.label.text()
    assert sent == [{"op": "agent.state", "state": "paused", "reason": "lunch"}]
    control.ready_action.trigger()
    desk.controller.on_frame(frame("call.offered", call_id="rna", ani="13800138000"))  # the queue offers it here again
    assert "Ringing" in control.label.text()


def test_a_talked_call_missing_from_a_resync_snapshot_ends_in_after_call_work(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    _pop(desk, qtbot, frame("call.offered", call_id="t", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="t"))
    assert "Talking" in control.label.text()
    # The link dropped, the call ended meanwhile, the hub's replay buffer was too old: a snapshot, empty.
    desk.controller.on_snapshot(parse_hub_frame(encode_snapshot([], epoch="e2", seq=0, ts=1_790_000_100.0)))
    assert "After-call work" in control.label.text()
    assert sent == [{"op": "agent.state", "state": "paused", "reason": "acw"}]
    assert "wrap up" in desk.wrap_up.status.text() and desk.wrap_up.save.isEnabled()
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
        desk.wrap_up.save.click()
    assert "Ready" in control.label.text() and sent[-1]["state"] == "available"


def test_a_wrap_up_saved_mid_call_means_no_pause_though_an_older_call_awaits_one(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    with desktop.database.factory() as s, s.begin():
        line_id = s.scalar(select(BusinessLineNumber.business_line_id).where(BusinessLineNumber.dnis == LINE_DNIS))
        s.get(BusinessLine, line_id).acw_limit_seconds = 1
    line_cache.clear()
    _window, desk, control = _desk(desktop, qtbot)
    control.ready_action.trigger()
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    _pop(desk, qtbot, frame("call.offered", call_id="a", ani="13800138000", dnis=LINE_DNIS))
    desk.controller.on_frame(frame("call.answered", call_id="a"))
    desk.controller.on_frame(frame("call.ended", call_id="a", reason="completed"))
    qtbot.waitUntil(lambda: "Ready" in control.label.text(), timeout=4000)  # the line's limit ran out; a unsaved
    _pop(desk, qtbot, frame("call.offered", call_id="b", ani="13911112222", dnis=LINE_DNIS))
    desk.controller.on_frame(frame("call.answered", call_id="b"))
    assert desk.shown_call.call_id == "b"
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()  # while talking
    desk.controller.on_frame(frame("call.ended", call_id="b", reason="completed"))
    assert "Ready" in control.label.text()
    assert [c["state"] for c in sent] == ["paused", "available", "available"]  # one pause: call a's
    assert [c.call_id for c in desk.controller.unfinished()] == ["a"]


# --- with a real hub and its simulator -------------------------------------------------------------


class HubThread:
    """``agent-desk hub`` in a thread: the simulator as the source, the users' tokens, every agent state seen."""

    def __init__(self, database: Database) -> None:
        self.states: list[tuple[str, str]] = []
        self.hub = Hub(DatabaseTokens(database.factory), SimulatorSource(seed=1), observers=[self._seen])
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.port = 0
        self._thread = threading.Thread(target=self._run, name="test-hub", daemon=True)
        self._thread.start()
        assert self._ready.wait(10), "the hub did not start"

    def _seen(self, event: CallEvent, _now: float) -> None:
        if event.type == EventType.AGENT_STATE:
            self.states.append((event.state, event.reason))

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        _host, self.port = self.loop.run_until_complete(self.hub.start("127.0.0.1", 0))
        self._ready.set()
        self.loop.run_forever()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.hub.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@pytest.fixture
def linked(qtbot, ui_db: Database, cast: dict[str, int]) -> Iterator[tuple[Desktop, HubThread]]:  # type: ignore[no-untyped-def]
    hub = HubThread(ui_db)
    desktop = Desktop(Settings(db_url=ui_db.url, hub_url=f"ws://127.0.0.1:{hub.port}"), ui_db)
    window = desktop.open_main_window(authenticate(ui_db.factory, "agent1", "agent1123"))
    qtbot.addWidget(window)
    yield desktop, hub
    if desktop.window is not None:
        desktop.window.close()
    if desktop.hub is not None:
        desktop.hub.disconnect_from_hub()
    if desktop.login is not None:
        desktop.login.close()
    desktop.runner.shutdown()
    hub.stop()


def test_the_hub_hears_login_ready_a_break_and_after_call_work_once_each(linked, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    desktop, hub = linked
    window = desktop.window
    control = window.state_control
    qtbot.waitUntil(lambda: hub.states == [("paused", "logged_in")], timeout=TIMEOUT)
    control.ready_action.trigger()
    qtbot.waitUntil(lambda: hub.states[-1:] == [("available", "")], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(a.data() == "lunch" for a in control.not_ready_menu.actions()), timeout=TIMEOUT)
    next(a for a in control.not_ready_menu.actions() if a.data() == "lunch").trigger()
    qtbot.waitUntil(lambda: hub.states[-1:] == [("paused", "lunch")], timeout=TIMEOUT)
    control.ready_action.trigger()

    # A call from the simulator, answered and hung up at once: after-call work, the wrap-up unsaved.
    with qtbot.waitSignal(desktop.controller.pop_ready, timeout=TIMEOUT):
        desktop.hub.send_command({"op": "simulate", "action": "ring", "answer_after": 0.2, "talk": 0.3})
    qtbot.waitUntil(lambda: hub.states[-1:] == [("paused", "acw")], timeout=TIMEOUT)
    assert hub.states == [("paused", "logged_in"), ("available", ""), ("paused", "lunch"),
                          ("available", ""), ("paused", "acw")]  # fmt: skip

    # Quitting with the wrap-up unsaved asks first; Cancel keeps the desk as it was.
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def box(_parent, title, text, _buttons, default):  # type: ignore[no-untyped-def]
            asked.append(text)
            assert default == QMessageBox.StandardButton.Cancel
            return button

        return box

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Cancel))
    window.quit()
    assert window.isVisible() and asked and "wrap-up" in asked[0]
    assert hub.states[-1] == ("paused", "acw")
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Yes))
    window.quit()
    qtbot.waitUntil(lambda: hub.states[-1:] == [("offline", "")], timeout=TIMEOUT)
    assert not window.isVisible() and len(asked) == 2


def test_logging_out_sends_offline_and_shows_the_login_window(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop, hub = linked
    window = desktop.window
    qtbot.waitUntil(lambda: hub.states == [("paused", "logged_in")], timeout=TIMEOUT)
    logout = next(a for a in window.menuBar().actions()[0].menu().actions() if "Log" in a.text())
    logout.trigger()
    qtbot.waitUntil(lambda: hub.states[-1:] == [("offline", "")], timeout=TIMEOUT)
    assert desktop.window is None and desktop.login is not None and desktop.login.isVisible()
    assert desktop.login.username.text() == "agent1"
