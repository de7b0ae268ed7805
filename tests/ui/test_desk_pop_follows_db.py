"""What the pop shows follows the database: orders taken and calls wrapped up appear on it."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import func, select

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.entry import submit
from agent_desk.services.orders.types import DraftLine, OrderView
from agent_desk.store.database import Database
from agent_desk.store.models import Order, Product
from agent_desk.ui.customer_card import CALLS_TAB, ORDERS_TAB
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000
VIP = "13800138000"  # 张伟


def _desk(desktop: Desktop, qtbot):  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    return window, window.workspaces[Workspace.DESK]


def _pop(desk, qtbot, call_id: str, ani: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(desk.popped, timeout=TIMEOUT) as popped:
        desk.controller.on_frame(frame("call.offered", call_id=call_id, ani=ani, dnis="4008001001"))
    return popped.args[0]


def _take_order(db: Database, user: CurrentUser, customer_id: int) -> OrderView:
    """An order for the customer, submitted as the order window does."""
    with db.factory() as s:
        fish = s.scalar(select(Product).where(Product.sku == "HL-FISHOIL-120"))
        assert fish is not None
        opened = order_drafts.open_new(s, customer_id)
    return submit(db.factory, user, replace(opened.data, lines=(DraftLine(fish.id, 1),)))


def _orders_of(db: Database, customer_id: int) -> int:
    with db.factory() as s:
        return int(s.scalar(select(func.count()).select_from(Order).where(Order.customer_id == customer_id)) or 0)


def _order_numbers(desk) -> list[str]:  # type: ignore[no-untyped-def]
    table = desk.view.orders
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_an_order_taken_while_the_pop_is_on_screen_appears_on_it_and_the_agent_stays_on_their_tab(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, "vip-1", VIP)
    before = _orders_of(ui_db, cast["vip"])
    assert desk.view.tabs.tabText(ORDERS_TAB).endswith(f"({min(before, 10)})")
    desk.view.tabs.setCurrentIndex(ORDERS_TAB)

    order = _take_order(ui_db, window.ctx.user, cast["vip"])

    qtbot.waitUntil(lambda: order.order_no in _order_numbers(desk), timeout=TIMEOUT)
    assert desk.view.tabs.currentIndex() == ORDERS_TAB  # read again, not popped again


def test_reopening_a_call_from_the_list_shows_the_order_taken_since_it_rang(
    desktop: Desktop, qtbot, ui_db: Database, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    window, desk = _desk(desktop, qtbot)
    _pop(desk, qtbot, "vip-2", VIP)
    with qtbot.waitSignal(desk.controller.missed_changed, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.queued", call_id="vip-2", reason="no_answer"))  # rang out here
    _pop(desk, qtbot, f"other-{uuid.uuid4().hex[:6]}", "13911112222")  # the next caller takes the screen
    order = _take_order(ui_db, window.ctx.user, cast["vip"])  # meanwhile (an order window, a colleague)

    row = next(i for i in range(desk.missed.count()) if "张伟" in desk.missed.item(i).text())
    desk.missed.itemActivated.emit(desk.missed.item(row))

    qtbot.waitUntil(lambda: order.order_no in _order_numbers(desk), timeout=TIMEOUT)
    assert "张伟" in desk.view.header.text()


def test_a_saved_wrap_up_shows_its_result_on_the_calls_tab(desktop: Desktop, qtbot, cast: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    _window, desk = _desk(desktop, qtbot)
    qtbot.waitUntil(lambda: desk.wrap_up.disposition.findData("sale") >= 0, timeout=TIMEOUT)
    _pop(desk, qtbot, "vip-3", VIP)
    desk.controller.on_frame(frame("call.answered", call_id="vip-3"))
    desk.controller.on_frame(frame("call.ended", call_id="vip-3", reason="completed"))
    desk.wrap_up.disposition.setCurrentIndex(desk.wrap_up.disposition.findData("sale"))
    desk.wrap_up.notes.setPlainText("两盒鱼油，周五送")
    sale = desk.wrap_up.disposition.currentText()

    with qtbot.waitSignal(desk.controller.wrap_up_saved, timeout=TIMEOUT):
        desk.wrap_up.save.click()

    calls = desk.view.calls

    def ours() -> list[str]:
        return [
            calls.item(r, 1).text()
            for r in range(calls.rowCount())
            if calls.item(r, 3) is not None and calls.item(r, 3).text() == "两盒鱼油，周五送"
        ]

    qtbot.waitUntil(lambda: ours() == [sale], timeout=TIMEOUT)
    assert desk.view.tabs.tabText(CALLS_TAB) != "C&alls (0)"
