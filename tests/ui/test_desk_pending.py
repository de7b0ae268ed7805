"""Unfinished wrap-ups and missed calls survive a restart: the desk lists them again at the next login."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, select

from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from agent_desk.app import Desktop
from agent_desk.config import Settings
from agent_desk.core.agent_states import AgentStatus
from agent_desk.core.protocol import CallEvent, encode_snapshot, parse_hub_frame
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.calls import pending_work
from agent_desk.services.calls.pending_local import read_copies
from agent_desk.services.calls.pending_work import PendingKind, PendingWork
from agent_desk.store.database import Database, session_factory
from agent_desk.store.models import Call
from agent_desk.store.pending_calls import PendingCall
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000
RETRY_TIMEOUT = 20_000  # the keeper retries with backoff (1 s, 2 s, 4 s … at most 15 s)


def _type(qtbot, widget: QPlainTextEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type at the end, as an agent does: Latin keys one by one, Chinese committed by the input method."""
    widget.setFocus()
    widget.moveCursor(QTextCursor.MoveOperation.End)
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _desk(desktop: Desktop, qtbot):  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    return window, window.workspaces[Workspace.DESK]


def _restart(desktop: Desktop, database: Database) -> Desktop:
    """Close the desk as the agent does at the end of the shift; a new one on the same database."""
    assert desktop.window is not None
    desktop.window.close()
    desktop.runner.shutdown()
    return Desktop(Settings(db_url=database.url, hub_url=""), database)


def _close(desktop: Desktop) -> None:
    if desktop.window is not None:
        desktop.window.close()
    desktop.runner.shutdown()


def _pop(desk, qtbot, f):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT) as blocker:
        desk.controller.on_frame(f)
    return blocker.args[0]


def _talked_and_ended(desk, qtbot, call_id: str = "talked") -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, frame("call.offered", call_id=call_id, ani="13800138000", dnis="4008001001"))
    desk.controller.on_frame(frame("call.answered", call_id=call_id))
    desk.controller.on_frame(frame("call.ended", call_id=call_id, reason="completed"))


def _row(database: Database, call_id: str) -> PendingCall | None:
    with database.factory() as s:
        return s.scalars(select(PendingCall).where(PendingCall.platform_call_id == call_id)).one_or_none()


def _stored_notes(database: Database, call_id: str) -> str | None:
    row = _row(database, call_id)
    return row.notes if row is not None else None


def _unreachable(database: Database, tmp_path: Path) -> Database:
    """The same database as the desk knows it, but out of reach: its file would have to live inside a regular file."""
    (tmp_path / "not-a-dir").write_text("")
    engine = create_engine(f"sqlite:///{tmp_path / 'not-a-dir' / 'db.sqlite3'}")
    return Database(database.url, engine, session_factory(engine))


def _items(desk) -> list[str]:  # type: ignore[no-untyped-def]
    return [desk.missed.item(i).text() for i in range(desk.missed.count())]


def test_a_typed_wrap_up_is_listed_again_after_a_restart_and_reopens_with_what_was_typed(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _talked_and_ended(desk, qtbot)
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("enquiry"))
    _type(qtbot, desk.wrap_up.notes, "客户问鱼油的保质期")
    qtbot.waitUntil(lambda: _stored_notes(ui_db, "talked") == "客户问鱼油的保质期", timeout=TIMEOUT)

    again = _restart(desktop, ui_db)
    try:
        _window, desk = _desk(again, qtbot)
        qtbot.waitUntil(lambda: desk.missed.count() == 1, timeout=TIMEOUT)
        assert "wrap up" in _items(desk)[0] and "张伟" in _items(desk)[0]
        with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
            desk.missed.itemActivated.emit(desk.missed.item(0))
        assert desk.wrap_up.notes.toPlainText() == "客户问鱼油的保质期"
        assert desk.wrap_up.disposition.currentData() == "enquiry" and desk.wrap_up.save.isEnabled()
        assert "张伟" in desk.view.header.text() and "wrap up" in desk.wrap_up.status.text()
        _type(qtbot, desk.wrap_up.notes, "，已答复")
        with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
            desk.wrap_up.save.click()
        with ui_db.factory() as s:
            call = s.scalars(select(Call).where(Call.platform_call_id == "talked")).one()
        assert (call.disposition_code, call.notes) == ("enquiry", "客户问鱼油的保质期，已答复")
        qtbot.waitUntil(lambda: (row := _row(ui_db, "talked")) is not None and row.cleared_how == "wrapped_up")
        assert desk.missed.count() == 0
    finally:
        _close(again)

    third = Desktop(Settings(db_url=ui_db.url, hub_url=""), ui_db)
    try:
        _window, desk = _desk(third, qtbot)
        with qtbot.waitSignal(desk.controller.pending.synced, timeout=TIMEOUT) as listed:
            pass  # the login's list, read on the database worker
        assert listed.args == [True] and desk.missed.count() == 0 and not desk.controller.unfinished()
    finally:
        _close(third)


def test_a_call_that_rang_out_here_and_went_to_a_colleague_is_a_missed_call_after_a_restart(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    _pop(desk, qtbot, frame("call.offered", call_id="rna", ani="13800138000"))
    with qtbot.waitSignal(desk.controller.missed_changed, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.queued", call_id="rna", reason="no_answer"))
    assert desk.missed.count() == 1 and "张伟" in _items(desk)[0]
    assert "unanswered" in desk.wrap_up.status.text()
    desk.controller.on_frame(frame("call.answered", call_id="rna", agent="SIP/8002"))
    assert [c.call_id for c in desk.controller.missed] == ["rna"] and not desk.controller.unfinished()
    assert [c for c in sent if c.get("state") == "paused"] == []  # nothing was talked: no after-call work
    qtbot.waitUntil(lambda: (row := _row(ui_db, "rna")) is not None and row.kind == "missed", timeout=TIMEOUT)

    again = _restart(desktop, ui_db)
    try:
        _window, desk = _desk(again, qtbot)
        qtbot.waitUntil(lambda: desk.missed.count() == 1, timeout=TIMEOUT)
        assert "张伟" in _items(desk)[0] and "wrap up" not in _items(desk)[0]
        assert [c.call_id for c in desk.controller.missed] == ["rna"]
        desk.missed.setCurrentRow(0)
        desk.controller.dismiss("rna")
        assert desk.missed.count() == 0
        qtbot.waitUntil(lambda: (row := _row(ui_db, "rna")) is not None and row.cleared_how == "dismissed")
    finally:
        _close(again)


def test_typing_while_the_database_is_away_is_kept_on_this_computer_and_reaches_the_database(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    _talked_and_ended(desk, qtbot, "offline")
    keeper = desk.controller.pending
    qtbot.waitUntil(lambda: not keeper.unsynced() and _row(ui_db, "offline") is not None, timeout=TIMEOUT)
    window.ctx.database = lost = _unreachable(ui_db, tmp_path)
    with qtbot.waitSignal(keeper.synced, timeout=TIMEOUT) as reported:
        _type(qtbot, desk.wrap_up.notes, "断网时记下的备注")
    assert reported.args == [False]  # the database could not take it

    def kept_here() -> bool:
        kept = {c.work.call_id: c for c in read_copies(keeper.path)}
        return kept["offline"].work.notes == "断网时记下的备注" and not kept["offline"].synced

    qtbot.waitUntil(kept_here, timeout=TIMEOUT)
    assert _stored_notes(ui_db, "offline") == ""

    window.ctx.database = ui_db  # the link is back: the retry pushes what was typed
    qtbot.waitUntil(lambda: _stored_notes(ui_db, "offline") == "断网时记下的备注", timeout=RETRY_TIMEOUT)
    qtbot.waitUntil(lambda: all(c.synced for c in read_copies(keeper.path)), timeout=TIMEOUT)
    lost.engine.dispose()


def test_a_desk_closed_during_an_outage_pushes_its_copy_at_the_next_login_and_lists_offline_from_it(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    _talked_and_ended(desk, qtbot, "kept")
    qtbot.waitUntil(lambda: _row(ui_db, "kept") is not None, timeout=TIMEOUT)
    lost = _unreachable(ui_db, tmp_path)
    window.ctx.database = lost
    _type(qtbot, desk.wrap_up.notes, "只在本机")
    path = desk.controller.pending.path
    qtbot.waitUntil(lambda: any(c.work.notes == "只在本机" for c in read_copies(path)), timeout=TIMEOUT)
    _close(desktop)  # the shift ends with the database still away (a crash would leave the same copy)
    assert _stored_notes(ui_db, "kept") == ""

    # Logging in while the database is still away: the list comes from the copy on this computer.
    user = authenticate(ui_db.factory, "agent1", "agent1123")
    offline = Desktop(Settings(db_url=ui_db.url, hub_url=""), lost)
    try:
        window = offline.open_main_window(user, connect_hub=False)
        qtbot.addWidget(window)
        desk = window.workspaces[Workspace.DESK]
        qtbot.waitUntil(lambda: desk.missed.count() == 1, timeout=TIMEOUT)
        assert "wrap up" in _items(desk)[0] and [c.draft.notes for c in desk.controller.unfinished()] == ["只在本机"]
    finally:
        _close(offline)

    online = Desktop(Settings(db_url=ui_db.url, hub_url=""), ui_db)
    try:
        _window, desk = _desk(online, qtbot)
        qtbot.waitUntil(lambda: _stored_notes(ui_db, "kept") == "只在本机", timeout=TIMEOUT)
        qtbot.waitUntil(lambda: desk.missed.count() == 1, timeout=TIMEOUT)
        assert [c.draft.notes for c in desk.controller.unfinished()] == ["只在本机"]
        qtbot.waitUntil(lambda: all(c.synced for c in read_copies(path)), timeout=TIMEOUT)
    finally:
        _close(online)
    lost.engine.dispose()


def test_a_colleague_taking_over_a_call_talked_here_leaves_a_wrap_up_that_can_be_saved(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, frame("call.offered", call_id="taken-over", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="taken-over"))
    desk.controller.on_frame(frame("call.answered", call_id="taken-over", agent="SIP/8002"))  # the transfer was lost
    assert desk.wrap_up.save.isEnabled() and "wrap up" in desk.wrap_up.status.text()
    # After-call work for the part talked here, until the wrap-up is saved.
    assert sent == [{"op": "agent.state", "state": "paused", "reason": "acw"}]
    assert desk.controller.agent.status is AgentStatus.AFTER_CALL_WORK
    _type(qtbot, desk.wrap_up.notes, "转给了同事")
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert desk.controller.agent.status is not AgentStatus.AFTER_CALL_WORK and len(sent) == 2
    assert not desk.controller.unfinished()


def test_saving_the_wrap_up_of_a_missed_call_does_not_make_the_agent_available(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("callback") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, frame("call.offered", call_id="missed", ani="13800138000"))
    desk.controller.on_frame(frame("call.ended", call_id="missed", reason="abandoned"))
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("callback"))
    _type(qtbot, desk.wrap_up.notes, "回电无人接")
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert sent == [] and desk.missed.count() == 0  # the agent may be not ready on purpose
    qtbot.waitUntil(lambda: (row := _row(ui_db, "missed")) is not None and row.cleared_how == "wrapped_up")


def test_a_call_the_snapshot_brings_before_the_login_list_shows_its_kept_notes_and_is_cleared_when_saved(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    # The desk crashed mid-call: the notes typed so far are kept (four writes into the call).
    agent = authenticate(ui_db.factory, "agent1", "agent1123")
    with ui_db.factory() as s, s.begin():
        pending_work.keep(s, agent, PendingWork("c", PendingKind.WRAP_UP, datetime(2026, 12, 1, 9), ani="13800138000",
                                                notes="两盒鱼油，周五送", revision=4))  # fmt: skip
    _window, desk = _desk(desktop, qtbot)
    # The call is still up: the hub's snapshot reaches the desk before the login's list answers.
    assert not desk.controller.pending._listed  # the order this test is about
    talking = CallEvent(type="call.answered", call_id="c", agent="SIP/8001", ani="13800138000")
    snapshot = parse_hub_frame(encode_snapshot([talking], epoch="e2", seq=0, ts=1_790_000_100.0))
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
        desk.controller.on_snapshot(snapshot)
    qtbot.waitUntil(lambda: desk.wrap_up.notes.toPlainText() == "两盒鱼油，周五送", timeout=TIMEOUT)
    assert desk.wrap_up.status.text() == "Talking" and desk.missed.count() == 0  # one call, not two

    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("sale"))
    _type(qtbot, desk.wrap_up.notes, "；地址已确认")
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    with ui_db.factory() as s:
        call = s.scalars(select(Call).where(Call.platform_call_id == "c")).one()
    assert call.notes == "两盒鱼油，周五送；地址已确认"
    qtbot.waitUntil(lambda: (row := _row(ui_db, "c")) is not None and row.cleared_how == "wrapped_up", timeout=TIMEOUT)
    assert _stored_notes(ui_db, "c") == "两盒鱼油，周五送；地址已确认"

    again = _restart(desktop, ui_db)
    try:
        _window, desk = _desk(again, qtbot)
        with qtbot.waitSignal(desk.controller.pending.synced, timeout=TIMEOUT) as listed:
            pass  # the login's list
        assert listed.args == [True] and desk.missed.count() == 0 and not desk.controller.unfinished()
    finally:
        _close(again)


def test_notes_the_database_refused_for_a_newer_copy_are_written_again_past_it(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _talked_and_ended(desk, qtbot, "both")
    keeper = desk.controller.pending
    qtbot.waitUntil(lambda: not keeper.unsynced() and _row(ui_db, "both") is not None, timeout=TIMEOUT)
    # Meanwhile the same agent's other desk kept a copy far ahead of this desk's revisions.
    agent = authenticate(ui_db.factory, "agent1", "agent1123")
    with ui_db.factory() as s, s.begin():
        pending_work.keep(s, agent, PendingWork("both", PendingKind.WRAP_UP, datetime(2026, 12, 1, 9), notes="旧的",
                                                revision=50))  # fmt: skip
    _type(qtbot, desk.wrap_up.notes, "这台电脑上刚写的")
    qtbot.waitUntil(lambda: _stored_notes(ui_db, "both") == "这台电脑上刚写的", timeout=TIMEOUT)
    row = _row(ui_db, "both")
    assert row is not None and row.revision > 50
    qtbot.waitUntil(lambda: not keeper.unsynced() and all(c.synced for c in read_copies(keeper.path)), timeout=TIMEOUT)
    assert [c.work.notes for c in read_copies(keeper.path)] == ["这台电脑上刚写的"]


def test_the_list_shows_an_unknown_callers_number_as_the_rest_of_the_desk_does(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, frame("call.offered", call_id="stranger", ani="13809216919", dnis="4008001001"))
    desk.controller.on_frame(frame("call.answered", call_id="stranger"))
    desk.controller.on_frame(frame("call.ended", call_id="stranger", reason="completed"))
    qtbot.waitUntil(lambda: _row(ui_db, "stranger") is not None, timeout=TIMEOUT)
    assert desk.view.new_customer.phone.text() == "138 0921 6919"  # how the pop's form writes it

    again = _restart(desktop, ui_db)
    try:
        _window, desk = _desk(again, qtbot)
        qtbot.waitUntil(lambda: desk.missed.count() == 1, timeout=TIMEOUT)
        assert _items(desk)[0].startswith("wrap up: ") and _items(desk)[0].endswith("  138 0921 6919")
        assert "13809216919" not in _items(desk)[0]
    finally:
        _close(again)
