"""A call that rang, was talked and hung up while the database was away: its wrap-up still saves once it is back."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select

from agent_desk.app import Desktop
from agent_desk.core.agent_states import AgentStatus
from agent_desk.core.protocol import CallEvent
from agent_desk.core.roles import Workspace
from agent_desk.services.calls.records import record_event
from agent_desk.store.database import Database, session_factory
from agent_desk.store.models import Call, User
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000


def _unreachable(database: Database, tmp_path: Path) -> Database:
    """The same database as the desk knows it, but out of reach: its file would have to live inside a regular file."""
    (tmp_path / "not-a-dir").write_text("")
    engine = create_engine(f"sqlite:///{tmp_path / 'not-a-dir' / 'db.sqlite3'}")
    return Database(database.url, engine, session_factory(engine))


def _calls(database: Database) -> list[Call]:
    with database.factory() as s:
        return list(s.scalars(select(Call).where(Call.platform_call_id == "away")))


def test_the_wrap_up_of_a_call_heard_only_while_the_database_was_away_saves_when_it_is_back(
    desktop: Desktop, qtbot: QtBot, ui_db: Database, cast: dict[str, int], tmp_path: Path
) -> None:
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    controller = desk.controller
    sent: list[dict[str, str]] = []
    controller.send_command = sent.append
    errors: list[str] = []
    controller.error.connect(errors.append)
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)

    window.ctx.database = lost = _unreachable(ui_db, tmp_path)  # away from the offer to the hang-up
    with qtbot.waitSignal(controller.pop_ready, timeout=TIMEOUT):  # the number, without its history
        controller.on_frame(frame("call.offered", call_id="away", ani="13800138000", dnis="4008001001"))
    controller.on_frame(frame("call.answered", call_id="away"))
    controller.on_frame(frame("call.ended", call_id="away", reason="completed"))
    qtbot.waitUntil(lambda: sum("Could not record the call" in e for e in errors) == 3, timeout=TIMEOUT)
    assert _calls(ui_db) == [] and controller.agent.status is AgentStatus.AFTER_CALL_WORK

    window.ctx.database = ui_db  # back; the hub does not record calls on this floor
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("sale"))
    desk.wrap_up.notes.setPlainText("两盒鱼油")
    with qtbot.waitSignal(controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()

    [call] = _calls(ui_db)
    with ui_db.factory() as s:
        agent1 = s.scalar(select(User.id).where(User.username == "agent1"))
    assert (call.disposition_code, call.notes, call.agent_id) == ("sale", "两盒鱼油", agent1)
    assert call.customer_id == cast["vip"] and call.business_line_id is not None and call.end_reason == "completed"
    # Out of after-call work at once, not when its timer runs out.
    assert controller.agent.status is not AgentStatus.AFTER_CALL_WORK and len(sent) == 2
    assert not controller.unfinished() and desk.missed.count() == 0

    # The call's events reach the database later (a retry, or a hub that records): still one call, same wrap-up.
    answered = datetime(2026, 11, 22, 9, 0, 5)
    record_event(ui_db.factory, CallEvent("call.answered", call_id="away", agent="SIP/8001"), answered)
    ended = answered + timedelta(seconds=90)
    record_event(ui_db.factory, CallEvent("call.ended", call_id="away", reason="completed"), ended)
    with ui_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Call).where(Call.platform_call_id == "away")) == 1
    [call] = _calls(ui_db)
    assert (call.disposition_code, call.notes, call.agent_id) == ("sale", "两盒鱼油", agent1)
    assert (call.answered_at, call.ended_at) == (answered, ended)  # the times the desk did not know
    lost.engine.dispose()
