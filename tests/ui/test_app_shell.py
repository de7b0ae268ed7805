"""Login, remember-me, the crash dialog and the status bar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from agent_desk.app import Desktop
from agent_desk.desktop.credentials import remembered_password
from agent_desk.ui.messages import install_crash_handler
from tests.ui.conftest import login_window

TIMEOUT = 5000


def test_wrong_password_is_refused_in_the_dialog(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = desktop.login_dialog("agent1")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=TIMEOUT)
    assert "wrong password" in dialog.error.text()
    assert dialog.buttons.isEnabled()


def test_right_password_logs_in_and_can_be_remembered(desktop: Desktop, qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    dialog = desktop.login_dialog("agent1")
    qtbot.addWidget(dialog)
    assert dialog.remember_me.isEnabled()
    dialog.password.setText("agent1123")
    dialog.remember_me.setChecked(True)
    with qtbot.waitSignal(dialog.logged_in, timeout=TIMEOUT) as blocker:
        dialog.buttons.accepted.emit()
    assert blocker.args[0].username == "agent1"
    assert memory_keyring.store[("agent-desk", "login:agent1")] == "agent1123"
    again = desktop.login_dialog("agent1")
    qtbot.addWidget(again)
    assert again.password.text() == "agent1123" and again.remember_me.isChecked()
    again.remember_me.setChecked(False)
    with qtbot.waitSignal(again.logged_in, timeout=TIMEOUT):
        again.buttons.accepted.emit()
    assert remembered_password("agent1") is None


def test_an_unexpected_error_opens_a_crash_dialog_with_the_log(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("AGENT_DESK_NO_CRASH_DIALOG", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = tmp_path / "agent-desk.log"
    install_crash_handler(log_file)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes, "no crash dialog"
    assert str(log_file) in boxes[-1].text() and "ValueError: boom" in boxes[-1].detailedText()
    for box in boxes:
        box.close()


@pytest.mark.parametrize(("state", "text"), [("connected", "connected"), ("reconnecting", "reconnecting"),
                                              ("refused", "refused")])  # fmt: skip
def test_status_bar_shows_the_hub_link(desktop: Desktop, qtbot, state: str, text: str) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    window.set_hub_state(state, "detail")
    assert text in window.hub_label.text()
    assert "SQLite" in window.db_label.text()


def test_a_second_login_gets_its_own_message_path(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    first = login_window(desktop, qtbot, "agent1")
    old_messages = first.ctx.messages
    first.close()
    first.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    second = login_window(desktop, qtbot, "auditor1")
    assert second.ctx.messages is not old_messages
    second.ctx.messages.info.emit("hello again")  # the closed window must not receive (or crash on) it
    assert second.statusBar().currentMessage() == "hello again"


@pytest.mark.postgres
def test_a_lost_database_shows_in_the_status_bar(pg_templates, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A real outage: the shared database goes away under an open window."""
    from agent_desk.config import Settings
    from agent_desk.services.access.auth import authenticate
    from tests.conftest import _pg_admin, _pg_copy

    for db in _pg_copy(pg_templates["reference"]):
        desktop = Desktop(Settings(db_url=db.url, hub_url=""), db)
        window = desktop.open_main_window(authenticate(db.factory, "auditor1", "auditor1123"), connect_hub=False)
        qtbot.addWidget(window)
        window._check_database()
        qtbot.waitUntil(lambda w=window: "PostgreSQL" in w.db_label.text() and "unreachable" not in w.db_label.text())
        database = db.engine.url.database
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        window._check_database()
        qtbot.waitUntil(lambda w=window: "unreachable" in w.db_label.text(), timeout=10_000)
        assert "retrying" in window.statusBar().currentMessage()
        window.close()
        desktop.runner.shutdown()
