"""Workspace keys: each workspace has one key, the same for every role that has it."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from tests.ui.conftest import login_window

TIMEOUT = 5000
_KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}


def _press(qtbot, window, number: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, _KEYS[number], Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(
    ("username", "keys"),
    [
        ("agent1", {1: Workspace.DESK, 2: Workspace.CUSTOMERS, 5: Workspace.KNOWLEDGE}),
        ("auditor1", {2: Workspace.CUSTOMERS, 3: Workspace.REVIEW, 5: Workspace.KNOWLEDGE}),
        ("supervisor1", {1: Workspace.DESK, 2: Workspace.CUSTOMERS, 3: Workspace.REVIEW, 5: Workspace.KNOWLEDGE}),
        ("logistics1", {4: Workspace.LOGISTICS, 5: Workspace.KNOWLEDGE}),
    ],
)
def test_a_workspace_key_means_the_same_workspace_for_every_role(
    desktop: Desktop, qtbot, username: str, keys: dict[int, Workspace]
) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, username)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    for number in sorted(keys, reverse=True):  # away from the first tab first, so each key is seen to act
        _press(qtbot, window, number)
        assert window.tabs.currentWidget() is window.workspaces[keys[number]], f"Ctrl+{number}"
    for number in set(_KEYS) - set(keys):  # a workspace this role lacks: its key does nothing
        before = window.tabs.currentWidget()
        _press(qtbot, window, number)
        assert window.tabs.currentWidget() is before, f"Ctrl+{number}"
