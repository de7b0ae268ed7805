"""The agent's screen pop, driven by call events as the hub delivers them."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.services.customers.editing import NAME_MAX, CustomerInput
from agent_desk.store.database import Database, session_factory
from agent_desk.store.models import Call, Customer, CustomerAccess
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000


def _desk(desktop: Desktop, qtbot):  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    return window, window.workspaces[Workspace.DESK]


def _pop(desk, qtbot, f):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT) as blocker:
        desk.controller.on_frame(f)
    return blocker.args[0]


def _agent_states(desk) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The agent-state commands the desk sends to the hub, recorded."""
    sent: list[dict[str, str]] = []
    desk.controller.send_command = sent.append
    return sent


def _dispositions_loaded(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)


def _answer_and_hang_up(desk, call_id: str) -> None:  # type: ignore[no-untyped-def]
    desk.controller.on_frame(frame("call.answered", call_id=call_id))
    desk.controller.on_frame(frame("call.ended", call_id=call_id, reason="completed"))


def test_offered_call_pops_the_vip_with_business_line(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    call = _pop(desk, qtbot, frame("call.offered", ani="+86 138 0013 8000", dnis="4008001001"))
    assert call.customer_id == cast["vip"]
    assert "张伟" in desk.view.header.text() and "VIP" in desk.view.header.text()
    assert "保健品热线" in desk.view.line.text()
    assert "康元保健热线" in desk.view.script.toPlainText()
    assert not desk.view.banner.isVisible()
    assert desk.view.order_button.isEnabled()
    assert desk.last_pop_ms is not None
    qtbot.waitUntil(lambda: _count(desktop, CustomerAccess) == 1, timeout=TIMEOUT)


def test_blacklisted_caller_shows_a_red_warning(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    window.show()
    _pop(desk, qtbot, frame("call.offered", ani="13700137000"))
    assert desk.view.banner.isVisible()
    assert "BLACKLISTED" in desk.view.banner.text() and "多次恶意拒收" in desk.view.banner.text()


def test_unknown_caller_gets_a_prefilled_form_and_becomes_a_customer(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", ani="13911112222", dnis="4008001002"))
    form = desk.view.new_customer
    assert desk.view.stack.currentWidget() is form
    assert form.phone.text() == "139 1111 2222"
    form.save.click()  # no name yet
    qtbot.waitUntil(lambda: "name" in form.error.text(), timeout=TIMEOUT)
    form.name.setText("陈新")
    form.province.setText("上海市")
    form.city.setText("上海市")
    form.detail.setText("南京西路100号")
    with qtbot.waitSignal(desk.controller.pop_updated, timeout=TIMEOUT):
        form.save.click()
    assert "陈新" in desk.view.header.text()
    assert desk.view.stack.currentWidget() is desk.view.tabs
    with desktop.database.factory() as s:
        assert s.scalar(select(Customer.name).where(Customer.name == "陈新")) == "陈新"


def test_a_caller_created_from_the_pop_goes_through_the_customer_service(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    """The same checks and edit log as the Customers workspace: too long is refused, a save is logged."""
    _window, desk = _desk(desktop, qtbot)
    call = _pop(desk, qtbot, frame("call.offered", ani="13911113333", dnis="4008001002"))
    too_long = CustomerInput("长" * (NAME_MAX + 1), [("13911113333", "mobile")], [])
    with qtbot.waitSignal(desk.controller.create_failed, timeout=TIMEOUT) as failed:
        desk.controller.create_customer(call, too_long)
    assert "longer than" in failed.args[0]
    with qtbot.waitSignal(desk.controller.pop_updated, timeout=TIMEOUT):
        desk.controller.create_customer(call, CustomerInput("陈新", [("13911113333", "mobile")], []))
    with desktop.database.factory() as s:
        customer_id = s.scalar(select(Customer.id).where(Customer.name == "陈新"))
        contexts = set(s.scalars(select(CustomerAccess.context).where(CustomerAccess.customer_id == customer_id)))
        assert s.scalar(select(Customer.id).where(Customer.name == too_long.name)) is None
    assert contexts == {"edit", "pop"}


def test_shared_number_offers_a_picker(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", ani="13600136000"))
    assert desk.view.picker.count() == 2
    assert desk.view.stack.currentIndex() == 1
    desk.view.picker.setCurrentRow(1)
    with qtbot.waitSignal(desk.controller.pop_updated, timeout=TIMEOUT):
        desk.view.picker.itemActivated.emit(desk.view.picker.currentItem())
    assert "王强" in desk.view.header.text()


def test_withheld_number_pops_without_a_form(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", ani="anonymous", dnis="4008001003"))
    assert "Withheld" in desk.view.header.text()
    assert desk.view.stack.currentWidget() is desk.view.tabs
    assert not desk.view.order_button.isEnabled()


def test_a_call_pops_once_however_often_it_is_offered(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    pops: list[object] = []
    desk.controller.pop_ready.connect(pops.append)
    offered = frame("call.offered", ani="13800138000")
    _pop(desk, qtbot, offered)
    for _ in range(3):
        desk.controller.on_frame(frame("call.offered", ani="13800138000"))
    desk.controller.on_frame(frame("call.offered", call_id="other-agent", agent="SIP/8002", ani="13800138000"))
    qtbot.waitUntil(lambda: _count(desktop, Call) == 2, timeout=TIMEOUT)  # both calls are recorded...
    assert len(pops) == 1  # ...but this desk popped only its own, once


def test_wrap_up_is_saved_with_the_call(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", ani="13800138000", dnis="4008001001"))
    desk.controller.on_frame(frame("call.answered", ani="13800138000"))
    desk.controller.on_frame(frame("call.ended", ani="13800138000", reason="completed"))
    assert "wrap up" in desk.wrap_up.status.text()
    index = desk.wrap_up.disposition.findData("sale")
    _dispositions_loaded(desk, qtbot)
    index = desk.wrap_up.disposition.findData("sale")
    desk.wrap_up.disposition.setCurrentIndex(index)
    desk.wrap_up.notes.setPlainText("两盒鱼油，货到付款")
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    with desktop.database.factory() as s:
        call = s.scalars(select(Call)).one()
    assert (call.disposition_code, call.notes, call.customer_id) == ("sale", "两盒鱼油，货到付款", cast["vip"])
    assert call.answered_at is not None and call.end_reason == "completed"


def test_unanswered_pop_stays_in_the_missed_list(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", ani="13800138000"))
    with qtbot.waitSignal(desk.controller.missed_changed, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.ended", ani="13800138000", reason="no_answer"))
    assert desk.missed.count() == 1 and "张伟" in desk.missed.item(0).text()


def test_workspaces_follow_the_role(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "auditor1")
    assert Workspace.DESK not in window.workspaces


def _count(desktop: Desktop, model: type) -> int:
    from sqlalchemy import func

    with desktop.database.factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_restarted_desk_pops_calls_in_progress_from_the_snapshot(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.core.protocol import CallEvent, encode_snapshot, parse_hub_frame

    _window, desk = _desk(desktop, qtbot)
    calls = [
        CallEvent(type="call.answered", call_id="talking", ani="13800138000", agent="SIP/8001"),
        CallEvent(type="call.offered", call_id="someone-else", ani="13900139000", agent="SIP/8002"),
    ]
    snapshot = parse_hub_frame(encode_snapshot(calls, epoch="e2", seq=1, ts=1_790_000_000.0))
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT) as blocker:
        desk.controller.on_snapshot(snapshot)
    call = blocker.args[0]
    assert call.call_id == "talking" and call.answered
    assert "张伟" in desk.view.header.text()
    assert set(desk.controller.calls) == {"talking"}


def test_a_call_a_colleague_answered_neither_pauses_nor_counts_as_missed(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent = _agent_states(desk)
    _pop(desk, qtbot, frame("call.offered", call_id="ring-all", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="ring-all", agent="SIP/8002"))
    desk.controller.on_frame(frame("call.ended", call_id="ring-all", agent="SIP/8002", reason="completed"))
    assert desk.controller.calls["ring-all"].end_reason == "answered_elsewhere"
    assert not desk.controller.missed and sent == []
    assert not desk.wrap_up.save.isEnabled() and "colleague" in desk.wrap_up.status.text()


def test_after_a_transfer_the_final_end_does_not_pause_the_agent_again(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent = _agent_states(desk)
    _pop(desk, qtbot, frame("call.offered", call_id="xfer", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="xfer"))
    desk.controller.on_frame(frame("call.transferred", call_id="xfer", target="SIP/8002"))
    desk.controller.on_frame(frame("call.ended", call_id="xfer", agent="SIP/8002"))
    desk.controller.on_frame(frame("call.ended", call_id="xfer", agent="SIP/8002"))
    assert [c["state"] for c in sent] == ["paused"]  # one after-call work, for the agent's own part


def test_a_pop_shows_the_number_when_the_database_fails_and_retries(desktop, qtbot, cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.ui.desk import pop_controller

    _window, desk = _desk(desktop, qtbot)
    monkeypatch.setattr(pop_controller, "POP_RETRY_MS", 50)
    real = pop_controller.screen_pop
    attempts: list[int] = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(pop_controller, "screen_pop", flaky)
    call = _pop(desk, qtbot, frame("call.offered", call_id="flaky", ani="13800138000"))
    assert call.pop.lookup_error and "13800138000" in desk.view.header.text()
    assert "retrying" in desk.view.banner.text()
    qtbot.waitUntil(lambda: "张伟" in desk.view.header.text(), timeout=TIMEOUT)
    assert not desk.view.banner.isVisible()


def test_a_new_pop_during_after_call_work_keeps_the_unsaved_wrap_up(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    window.state_control.ready_action.trigger()  # a ready agent, as a queue offers calls only to them
    sent = _agent_states(desk)
    _dispositions_loaded(desk, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id="first", ani="13800138000"))
    _answer_and_hang_up(desk, "first")
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("sale"))
    desk.wrap_up.notes.setPlainText("两盒鱼油，周五送")

    # In after-call work a new call does not take the screen: it waits in the list beside.
    _pop(desk, qtbot, frame("call.offered", call_id="second", ani="13911112222"))
    assert desk.wrap_up.notes.toPlainText() == "两盒鱼油，周五送" and "wrap up" in desk.wrap_up.status.text()
    assert desk.missed.count() == 1 and "ringing" in desk.missed.item(0).text()

    desk.missed.itemActivated.emit(desk.missed.item(0))  # the agent looks at it all the same
    assert desk.wrap_up.notes.toPlainText() == "" and "Ringing" in desk.wrap_up.status.text()
    assert desk.missed.count() == 1 and "wrap up" in desk.missed.item(0).text() and "张伟" in desk.missed.item(0).text()

    desk.missed.itemActivated.emit(desk.missed.item(0))
    assert desk.wrap_up.notes.toPlainText() == "两盒鱼油，周五送"
    assert desk.wrap_up.disposition.currentData() == "sale" and "wrap up" in desk.wrap_up.status.text()
    assert "张伟" in desk.view.header.text()
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    with desktop.database.factory() as s:
        first = s.scalars(select(Call).where(Call.platform_call_id == "first")).one()
        second = s.scalars(select(Call).where(Call.platform_call_id == "second")).one()
    assert (first.disposition_code, first.notes) == ("sale", "两盒鱼油，周五送")
    assert second.disposition_code is None and not second.notes
    assert desk.missed.count() == 1 and "ringing" in desk.missed.item(0).text()  # the second still rings
    assert [c["state"] for c in sent] == ["paused", "available"]


def test_saving_one_wrap_up_while_talking_on_another_call_keeps_the_agent_paused(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent = _agent_states(desk)
    _dispositions_loaded(desk, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id="first", ani="13800138000"))
    _answer_and_hang_up(desk, "first")
    _pop(desk, qtbot, frame("call.offered", call_id="second", ani="13911112222"))
    desk.controller.on_frame(frame("call.answered", call_id="second"))
    desk.missed.itemActivated.emit(desk.missed.item(0))
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert [c["state"] for c in sent] == ["paused"]  # still talking on the second call


def test_a_wrap_up_saved_while_talking_leaves_the_agent_available_throughout(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    sent = _agent_states(desk)
    _dispositions_loaded(desk, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id="quick", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="quick"))
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert sent == []  # never paused, never "available" in the middle of the call
    desk.controller.on_frame(frame("call.ended", call_id="quick", reason="completed"))
    # No after-call work; once the call is over the desk says again what the agent was before it
    # (here still "logged in"), as a queue that holds a talked agent back waits to hear.
    assert [(c["state"], c.get("reason")) for c in sent] == [("paused", "logged_in")]


def test_reopening_the_call_on_screen_keeps_the_notes_being_typed(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id="missed", ani="13800138000"))
    with qtbot.waitSignal(desk.controller.missed_changed, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.ended", call_id="missed", reason="no_answer"))
    desk.wrap_up.notes.setPlainText("回电无人接")
    desk.missed.itemActivated.emit(desk.missed.item(0))
    assert desk.wrap_up.notes.toPlainText() == "回电无人接"


def test_picking_a_customer_acts_on_the_call_on_screen_not_a_newer_one(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    first = _pop(desk, qtbot, frame("call.offered", call_id="family", ani="13600136000"))
    assert desk.view.picker.count() == 2
    # Another call rings; its pop is still being looked up when the agent picks on the first one.
    desk.controller.on_frame(frame("call.offered", call_id="next", ani="13800138000"))
    desk.view.picker.setCurrentRow(1)
    # The new call's pop, then the first call's history for the pick: it must not replace what is shown.
    with qtbot.waitSignals([desk.controller.pop_ready, desk.controller.pop_updated], timeout=TIMEOUT):
        desk.view.picker.itemActivated.emit(desk.view.picker.currentItem())
    assert first.customer_id == cast["family_b"]
    second = desk.controller.calls["next"]
    assert second.customer_id == cast["vip"] and "张伟" in desk.view.header.text()


def _ended_call_on_screen(desk, qtbot, call_id: str) -> None:  # type: ignore[no-untyped-def]
    _dispositions_loaded(desk, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id=call_id, ani="13800138000"))
    _answer_and_hang_up(desk, call_id)
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("sale"))


def test_a_refused_wrap_up_says_why_beside_save_and_keeps_what_was_typed(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    told: list[str] = []
    window.ctx.messages.info.connect(told.append)
    _ended_call_on_screen(desk, qtbot, "long")
    too_long = ("客户详细描述了鱼油的服用方法和注意事项" * 5 + "\n") * 110  # over the 10,000 characters a wrap-up holds
    desk.wrap_up.notes.setPlainText(too_long)
    desk.wrap_up.save.click()
    qtbot.waitUntil(desk.wrap_up.error.isVisible, timeout=TIMEOUT)
    assert "longer than 10,000 characters" in desk.wrap_up.error.text()
    assert desk.wrap_up.save.isEnabled() and desk.wrap_up.notes.toPlainText() == too_long  # fix it and save again
    assert desk.wrap_up.error.text() in told  # the status bar says it too
    desk.wrap_up.notes.setPlainText("两盒鱼油")
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert not desk.wrap_up.error.isVisible() and desk.wrap_up.status.text() == "Wrap-up saved"


def test_a_wrap_up_saved_while_the_database_is_away_says_so_without_its_sql(desktop, qtbot, cast, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    _ended_call_on_screen(desk, qtbot, "away")
    qtbot.waitUntil(lambda: not desk.controller.pending.unsynced(), timeout=TIMEOUT)
    reachable = window.ctx.database
    (tmp_path / "not-a-dir").write_text("")  # a database file inside a regular file cannot be opened
    engine = create_engine(f"sqlite:///{tmp_path / 'not-a-dir' / 'db.sqlite3'}")
    window.ctx.database = Database(reachable.url, engine, session_factory(engine))
    desk.wrap_up.notes.setPlainText("两盒鱼油")
    desk.wrap_up.save.click()
    qtbot.waitUntil(desk.wrap_up.error.isVisible, timeout=TIMEOUT)
    shown = desk.wrap_up.error.text()
    assert "database could not be reached" in shown and "save again" in shown
    assert "SQL" not in shown and "sqlite" not in shown.lower()
    assert desk.wrap_up.save.isEnabled() and "wrap up" in desk.wrap_up.status.text()
    window.ctx.database = reachable  # back: the agent saves again
    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    assert not desk.wrap_up.error.isVisible()
    engine.dispose()


def test_a_refused_wrap_up_says_why_beside_the_notes_and_keeps_them(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    _dispositions_loaded(desk, qtbot)
    _pop(desk, qtbot, frame("call.offered", call_id="long", ani="13800138000"))
    desk.controller.on_frame(frame("call.answered", call_id="long"))
    desk.controller.on_frame(frame("call.ended", call_id="long", reason="completed"))
    desk.wrap_up.notes.setPlainText("x" * 20_000)  # over the 10,000 characters a call's notes hold
    with qtbot.waitSignal(desk.controller.wrap_up_failed, timeout=TIMEOUT):
        desk.wrap_up.save.click()
    qtbot.waitUntil(lambda: desk.wrap_up.error.isVisible(), timeout=TIMEOUT)
    assert "10,000" in desk.wrap_up.error.text() and "not saved" in desk.wrap_up.error.text()
    assert desk.wrap_up.save.isEnabled() and len(desk.wrap_up.notes.toPlainText()) == 20_000
