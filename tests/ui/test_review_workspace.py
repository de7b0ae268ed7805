"""The auditor's workspace on demo data: the live queue, approve, return with a reason, stale orders, bulk."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agent_desk.app import Desktop
from agent_desk.services.access.auth import authenticate
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.services.orders.transitions import act
from agent_desk.store.database import Database, session_factory
from agent_desk.store.db import make_engine
from agent_desk.store.models import Order
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import bridge
from agent_desk.ui.review import ReviewWorkspace, create
from tests.services.test_orders_support import cast, submitted
from tests.ui.conftest import login_window

TIMEOUT = 5000


@pytest.fixture
def demo(ui_db: Database) -> Database:
    generate(ui_db.engine, DemoSize(200, 2, 0), seed=1)
    return ui_db


def _ctx(desktop: Desktop, username: str) -> DeskContext:
    user = authenticate(desktop.database.factory, username, username + "123")
    return DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())


def _open(qtbot, ctx: DeskContext, *, watch: bool = True) -> ReviewWorkspace:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ctx.runner.finished, timeout=TIMEOUT):
        ws = ReviewWorkspace(ctx, watch=watch)
    qtbot.addWidget(ws)
    ws.resize(1200, 760)
    ws.show()
    qtbot.waitUntil(lambda: ws.queue.model.rowCount() > 0, timeout=TIMEOUT)
    return ws


@pytest.fixture
def review(desktop: Desktop, demo: Database, qtbot) -> Iterator[ReviewWorkspace]:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "auditor1")
    ws = create(window.ctx)
    assert isinstance(ws, ReviewWorkspace)
    qtbot.addWidget(ws)
    ws.resize(1200, 760)
    ws.show()
    qtbot.waitUntil(lambda: ws.queue.model.rowCount() > 0, timeout=TIMEOUT)
    yield ws
    ws.shutdown()


def _pending(db: Database) -> list[int]:
    with db.factory() as s:
        return list(
            s.scalars(select(Order.id).where(Order.state == "pending_review").order_by(Order.submitted_at, Order.id))
        )


def _state(db: Database, order_id: int) -> tuple[str, str]:
    with db.factory() as s:
        order = s.get(Order, order_id)
        assert order is not None
        return order.state, order.last_reason


def _version(db: Database, order_id: int) -> int:
    with db.factory() as s:
        order = s.get(Order, order_id)
        assert order is not None
        return order.version


def _open_row(ws: ReviewWorkspace, qtbot, row: int) -> int:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
        ws.queue.select_row(row)
    return int(shown.args[0])


def _shift_select_first_three(ws: ReviewWorkspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: all(ws.queue.model.is_loaded(r) for r in range(3)), timeout=TIMEOUT)
    ws.queue.select_row(0)
    ws.queue.view.setFocus()
    qtbot.keyClick(ws.queue.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(ws.queue.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def _cell(ws: ReviewWorkspace, row: int, column: int) -> str:
    return str(ws.queue.model.data(ws.queue.model.index(row, column)))


def test_queue_lists_pending_review_oldest_first_with_waiting_time_and_masked_phones(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    pending = _pending(demo)
    assert len(pending) > 5
    assert ws.queue.model.ids() == pending
    qtbot.waitUntil(lambda: ws.queue.model.is_loaded(0), timeout=TIMEOUT)
    assert _cell(ws, 0, 1).endswith(("s", "min", "h", "d")) or " h " in _cell(ws, 0, 1)
    assert "****" in _cell(ws, 0, 4), "auditors see masked phone numbers"
    assert ws.queue.count.text().startswith(str(len(pending)))

    order_id = _open_row(ws, qtbot, 0)
    assert order_id == pending[0]
    assert "****" in ws.order_view.toPlainText() and "History" in ws.order_view.toPlainText()
    assert "Recent orders" in ws.customer_view.toPlainText()


def test_ctrl_enter_approves_and_moves_on_to_the_next_order(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    first, second = _pending(demo)[:2]
    _open_row(ws, qtbot, 0)
    ws.queue.view.setFocus()
    with qtbot.waitSignals([ws.acted, ws.detail_shown], timeout=TIMEOUT):
        qtbot.keyClick(ws.queue.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _state(demo, first)[0] == "pending_logistics"
    assert first not in ws.queue.model.ids()
    assert ws.queue.current_id() == second
    assert "approved" in ws.banner.text()


def test_return_needs_a_reason_and_sends_the_order_back(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    order_id = _open_row(ws, qtbot, 0)
    ws.queue.view.setFocus()
    qtbot.keyClick(ws.queue.view, Qt.Key.Key_R)
    assert ws.reason.isVisible()
    ws.reason.confirm.click()
    assert "choose a reason" in ws.reason.error.text()
    assert _state(demo, order_id)[0] == "pending_review"

    ws.reason.code.setCurrentIndex(ws.reason.code.findData("other"))
    ws.reason.confirm.click()
    assert "describe" in ws.reason.error.text()

    ws.reason.code.setCurrentIndex(ws.reason.code.findData("address"))
    ws.reason.text.setPlainText("缺门牌号")
    with qtbot.waitSignal(ws.acted, timeout=TIMEOUT):
        qtbot.keyClick(ws.reason.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _state(demo, order_id) == ("returned", "Address incomplete: 缺门牌号")
    assert not ws.reason.isVisible()
    qtbot.waitUntil(lambda: order_id not in ws.queue.model.ids(), timeout=TIMEOUT)


def test_the_slower_of_two_auditors_is_told_who_was_first(review, desktop, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    mine = review
    # The other desk does not watch, so it still shows the order when its auditor clicks.
    theirs = _open(qtbot, _ctx(desktop, "auditor2"), watch=False)
    order_id = _open_row(mine, qtbot, 0)
    assert _open_row(theirs, qtbot, 0) == order_id

    with qtbot.waitSignal(mine.acted, timeout=TIMEOUT):
        mine.approve.click()
    with qtbot.waitSignal(theirs.action_failed, timeout=TIMEOUT) as failed:
        theirs.approve.click()
    assert "already approved by 赵审核" in failed.args[0]
    assert "already approved by 赵审核" in theirs.banner.text()
    qtbot.waitUntil(lambda: order_id not in theirs.queue.model.ids(), timeout=TIMEOUT)
    theirs.shutdown()


def test_changes_from_another_connection_appear_without_refresh(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    engine = make_engine(demo.url)  # another desk: its own engine and connections
    try:
        other = session_factory(engine)
        users = cast(other)
        gone = _pending(demo)[3]
        with other() as s:
            version = s.get(Order, gone).version  # type: ignore[union-attr]
        act(other, users["auditor2"], gone, "approve", expected_version=version)
        qtbot.waitUntil(lambda: gone not in ws.queue.model.ids(), timeout=TIMEOUT)

        with other() as s:
            customer_id = s.scalar(select(Order.customer_id).limit(1))
        new = submitted(other, users, int(customer_id or 0))
        qtbot.waitUntil(lambda: ws.queue.model.ids()[-1:] == [new.id], timeout=TIMEOUT)
    finally:
        engine.dispose()


def test_bulk_approve_of_three_orders(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    chosen = _pending(demo)[:3]
    _shift_select_first_three(ws, qtbot)
    assert ws.queue.selected_ids() == chosen
    assert ws.bulk.text() == "Approve selected (3)" and ws.bulk.isEnabled()
    with qtbot.waitSignal(ws.bulk_done, timeout=TIMEOUT) as done:
        ws.bulk.click()
    assert done.args[0].approved == chosen and not done.args[0].failed
    assert "Approved 3 of 3" in ws.banner.text()
    assert all(_state(demo, i)[0] == "pending_logistics" for i in chosen)
    qtbot.waitUntil(lambda: not set(chosen) & set(ws.queue.model.ids()), timeout=TIMEOUT)


def test_j_and_k_and_the_next_previous_buttons_walk_the_queue(review, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = review
    first, second, third = _pending(demo)[:3]
    assert _open_row(ws, qtbot, 0) == first
    ws.queue.view.setFocus()
    steps = (
        (lambda: qtbot.keyClick(ws.queue.view, Qt.Key.Key_J), second),
        (ws.next.click, third),
        (lambda: qtbot.keyClick(ws.queue.view, Qt.Key.Key_K), second),
        (ws.previous.click, first),
    )
    for step, expected in steps:
        with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
            step()
        assert shown.args[0] == expected
    assert ws.queue.current_id() == first


def test_bulk_approve_says_which_orders_could_not_be_approved_and_why(desktop, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    # This desk does not watch, so it still lists the order another auditor approves meanwhile.
    ws = _open(qtbot, _ctx(desktop, "auditor1"), watch=False)
    chosen = _pending(demo)[:3]
    _shift_select_first_three(ws, qtbot)
    assert ws.queue.selected_ids() == chosen
    other = authenticate(desktop.database.factory, "auditor2", "auditor2123")
    taken = act(demo.factory, other, chosen[1], "approve", expected_version=_version(demo, chosen[1]))

    with qtbot.waitSignal(ws.bulk_done, timeout=TIMEOUT) as done:
        ws.bulk.click()
    assert done.args[0].approved == [chosen[0], chosen[2]]
    assert [order_id for order_id, _problem in done.args[0].failed] == [chosen[1]]
    assert "Approved 2 of 3" in ws.banner.text() and "1 could not be approved" in ws.banner.text()
    boxes = [box for box in ws.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and boxes[0].windowTitle() == "Bulk approve"
    assert "Approved 2 of 3" in boxes[0].text() and taken.order_no in boxes[0].text()
    ws.shutdown()


def test_the_watcher_thread_ends_with_the_widget(desktop, demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = set(threading.enumerate())
    ws = _open(qtbot, _ctx(desktop, "auditor1"))
    qtbot.waitUntil(lambda: "Not live" not in ws.queue.live.text(), timeout=TIMEOUT)
    mine = [t for t in threading.enumerate() if t not in before and t.name.startswith("agent-desk-watch")]
    assert len(mine) == 1
    ws.deleteLater()
    qtbot.waitUntil(lambda: not mine[0].is_alive(), timeout=TIMEOUT)
