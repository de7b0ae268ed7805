"""The agent's "returned to me" list: an order an auditor sent back is hard to miss, fixed and resubmitted."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.entry import submit
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import DraftLine, OrderView
from agent_desk.store.models import Order, Product, User
from agent_desk.ui.orders.returned import ReturnedOrdersPanel, install
from tests.ui.conftest import frame, login_window
from tests.ui.test_order_entry import type_text

TIMEOUT = 5000
REASON = "地址不详：请补充门牌号"


@pytest.fixture(autouse=True)
def _fresh_message_bridge(monkeypatch: pytest.MonkeyPatch) -> None:
    """One bridge per test: MainWindow connects lambdas to it, which outlive an earlier test's window."""
    monkeypatch.setattr("agent_desk.ui.messages._bridge", None)


def _user(desktop: Desktop, username: str) -> CurrentUser:
    with desktop.database.factory() as s:
        u = s.scalar(select(User).where(User.username == username))
        assert u is not None
        return CurrentUser(u.id, u.username, u.display_name, u.role, u.telephony_id)


def _returned_order(desktop: Desktop, customer_id: int) -> OrderView:
    """agent1 takes an order, auditor1 sends it back with a reason."""
    f = desktop.database.factory
    with f() as s:
        form = order_drafts.open_new(s, customer_id).data
        fish = s.scalar(select(Product.id).where(Product.sku == "HL-FISHOIL-120"))
    assert fish is not None
    view = submit(f, _user(desktop, "agent1"), replace(form, lines=(DraftLine(fish, 2),)))
    return act(f, _user(desktop, "auditor1"), view.id, "reject_review", expected_version=view.version, reason=REASON)


def _state(desktop: Desktop, order_id: int) -> str:
    with desktop.database.factory() as s:
        order = s.get(Order, order_id)
        assert order is not None
        return order.state


def test_returned_order_shows_with_a_badge_and_is_fixed_and_resubmitted(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    returned = _returned_order(desktop, cast["vip"])
    window = login_window(desktop, qtbot, "agent1")
    installed = install(window, window.ctx)
    assert installed is not None
    panel, entries = installed.panel, installed.entries
    qtbot.waitUntil(lambda: panel.count == 1, timeout=TIMEOUT)
    desk_index = window.tabs.indexOf(window.workspaces[Workspace.DESK])
    assert window.tabs.tabText(desk_index) == "&Desk (1)"
    assert installed.dock.windowTitle() == "Returned to me (1)"
    shown = panel.list.item(0).text()
    assert returned.order_no in shown and "张伟" in shown and REASON in shown
    assert re.search(r"↩ \d\d-\d\d \d\d:\d\d", shown)  # when it came back

    # Enter on the row opens it for fixing, with the auditor's reason on top.
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    entry = opened.args[0]
    assert entry.client_uuid == returned.client_uuid and entry.returned_bar.isVisibleTo(entry)
    assert REASON in entry.returned_bar.text()
    assert [ln.quantity for ln in entry.form_lines()] == [2]
    field = entry.fields["address_detail"]
    field.setFocus()
    field.end(False)
    type_text(qtbot, field, "（东门）")
    with (
        qtbot.waitSignal(entries.submitted, timeout=TIMEOUT) as done,
        qtbot.waitSignal(panel.count_changed, timeout=TIMEOUT) as count,
    ):
        entry.submit_order()
    assert done.args[0].id == returned.id and done.args[0].state == "pending_review"
    assert count.args == [0]
    assert _state(desktop, returned.id) == "pending_review"
    assert window.tabs.tabText(desk_index) == "&Desk"
    assert installed.dock.windowTitle() == "Returned to me"
    assert panel.empty.isVisibleTo(panel)


def test_returned_order_is_shown_again_on_the_customers_next_pop(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    returned = _returned_order(desktop, cast["vip"])
    window = login_window(desktop, qtbot, "agent1")
    installed = install(window, window.ctx)
    assert installed is not None
    desk = window.workspaces[Workspace.DESK]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.offered", call_id="call-returned", ani="13800138000", dnis="4008001001"))
    view = desk.view
    assert view.returned.rowCount() == 1 and view.tabs.currentWidget() is view.returned
    assert view.returned.item(0, 1).text() == REASON
    with qtbot.waitSignal(installed.entries.opened, timeout=TIMEOUT) as opened:
        view.returned.cellActivated.emit(0, 0)
    entry = opened.args[0]
    assert returned.order_no in entry.header.text()
    entry.close()


def test_the_panel_counts_only_the_agents_own_returned_orders(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    _returned_order(desktop, cast["vip"])
    window = login_window(desktop, qtbot, "agent2")
    panel = ReturnedOrdersPanel(window.ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.count_changed, timeout=TIMEOUT) as count:
        panel.refresh()
    assert count.args == [0] and panel.list.count() == 0 and panel.empty.isVisibleTo(panel)


def test_roles_that_take_no_orders_get_no_order_entry(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "auditor1")
    assert install(window, window.ctx) is None
