"""A pop asks for the agent's attention; it never takes the keyboard from a window they are typing in."""

from __future__ import annotations

import uuid

import pytest

from PySide6.QtWidgets import QApplication

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.ui.orders.entry import OrderEntry
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000


def _call_id() -> str:
    return f"c-{uuid.uuid4().hex[:8]}"


def _pop(desk, qtbot, ani: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(desk.popped, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.offered", call_id=_call_id(), ani=ani, dnis="4008001001"))


def _open_order(desktop: Desktop, desk, qtbot) -> OrderEntry:  # type: ignore[no-untyped-def]
    assert desktop.orders is not None
    with qtbot.waitSignal(desktop.orders.entries.opened, timeout=TIMEOUT) as opened:
        desk.view.order_button.click()
    entry = opened.args[0]
    assert isinstance(entry, OrderEntry)
    entry.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is entry, timeout=TIMEOUT)
    return entry


def test_a_pop_while_the_agent_types_an_order_keeps_the_keyboard_in_the_order_and_signals_the_call(
    desktop: Desktop, qtbot, cast, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    alerts: list[object] = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, msec=0: alerts.append(widget))
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    qtbot.waitExposed(window)
    _pop(desk, qtbot, "13800138000")  # 张伟, the VIP: the agent takes an order for them
    entry = _open_order(desktop, desk, qtbot)
    notes = entry.fields["address_detail"]
    notes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes, timeout=TIMEOUT)
    notes.clear()
    qtbot.keyClicks(notes, "Room ")

    _pop(desk, qtbot, "13911112222")  # a new caller rings meanwhile
    QApplication.processEvents()

    assert QApplication.activeWindow() is entry
    assert QApplication.focusWidget() is notes
    qtbot.keyClicks(QApplication.focusWidget(), "12")
    assert notes.text() == "Room 12"  # what the agent goes on typing lands in the order
    assert "139 1111 2222" in window.windowTitle()  # the main window says who is calling
    assert window in alerts  # and asks the desktop for attention (taskbar)
    entry.close()


def test_a_pop_with_no_other_window_active_brings_the_main_window_forward(desktop: Desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    qtbot.waitExposed(window)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=TIMEOUT)
    _pop(desk, qtbot, "13911112222")
    qtbot.waitUntil(lambda: not window.isMinimized() and QApplication.activeWindow() is window, timeout=TIMEOUT)


def test_the_call_leaves_the_title_once_the_agent_looks_at_the_main_window(desktop: Desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    qtbot.waitExposed(window)
    _pop(desk, qtbot, "13800138000")
    entry = _open_order(desktop, desk, qtbot)
    _pop(desk, qtbot, "13911112222")
    assert "139 1111 2222" in window.windowTitle()
    window.activateWindow()
    qtbot.waitUntil(lambda: "139 1111 2222" not in window.windowTitle(), timeout=TIMEOUT)
    assert window.windowTitle().startswith("AgentDesk")
    entry.close()
