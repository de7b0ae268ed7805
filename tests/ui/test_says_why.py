"""What cannot work here says so, and what to do: "Ring me" without a hub, "Remember me" without a keyring."""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.ui.login import LoginDialog
from agent_desk.ui.tasks import TaskRunner
from tests.ui.conftest import login_window


def _ring_me(window, qtbot) -> list[None]:  # type: ignore[no-untyped-def]
    desk = window.workspaces[Workspace.DESK]
    asked: list[None] = []
    desk.ring_me_requested.connect(lambda: asked.append(None))
    desk.ring_me.click()
    return asked


def test_ring_me_without_a_hub_says_so_and_what_to_do(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")  # the test desktop has no hub_url
    desk = window.workspaces[Workspace.DESK]
    asked = _ring_me(window, qtbot)
    assert asked == []
    assert desk.ring_me_note.isVisibleTo(desk)
    assert "No test call" in desk.ring_me_note.text() and "hub_url" in desk.ring_me_note.text()
    assert window.statusBar().currentMessage() == desk.ring_me_note.text()


def test_ring_me_with_the_hub_down_says_so_and_rings_once_it_is_up(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop.settings = replace(desktop.settings, hub_url="ws://127.0.0.1:9")
    user = authenticate(desktop.database.factory, "agent1", "agent1123")
    window = desktop.open_main_window(user, connect_hub=False)
    qtbot.addWidget(window)
    desk = window.workspaces[Workspace.DESK]
    window.set_hub_state("reconnecting", "connection refused")
    asked = _ring_me(window, qtbot)
    assert asked == []
    assert "ws://127.0.0.1:9" in desk.ring_me_note.text() and "not connected" in desk.ring_me_note.text()
    assert "not connected" in window.statusBar().currentMessage()

    window.set_hub_state("connected", "")
    assert not desk.ring_me_note.isVisibleTo(desk)
    assert _ring_me(window, qtbot) == [None]


def test_remember_me_greyed_out_says_why_and_how_to_get_a_keyring(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.platform", "linux")
    runner = TaskRunner()
    try:
        dialog = LoginDialog(lambda _u, _p: None, runner, keyring_available=False)  # type: ignore[arg-type, return-value]
        qtbot.addWidget(dialog)
        assert not dialog.remember_me.isEnabled()
        assert dialog.keyring_hint.isVisibleTo(dialog)
        for text in (dialog.keyring_hint.text(), dialog.remember_me.toolTip()):
            assert "no keyring" in text and "GNOME Keyring" in text and "KWallet" in text
    finally:
        runner.shutdown()


def test_remember_me_with_a_keyring_shows_no_hint(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    try:
        dialog = LoginDialog(lambda _u, _p: None, runner, keyring_available=True)  # type: ignore[arg-type, return-value]
        qtbot.addWidget(dialog)
        assert dialog.remember_me.isEnabled() and not dialog.keyring_hint.isVisibleTo(dialog)
    finally:
        runner.shutdown()
