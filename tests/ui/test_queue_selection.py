"""Issue 16 (12): in the audit and the logistics queue the details follow the selection, filtered or not.

Qt moves the current row and the selection one after the other (a click makes a row current before
selecting it, a key on the row already current only selects it, a reload restores the current row
before its selection); the order shown must be the one highlighted after every one of them.
"""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt

from agent_desk.store.database import Database
from agent_desk.ui.order_panes.order_workspace import OrderWorkspace
from tests.services.test_orders_support import cast as users_of
from tests.services.test_orders_support import drive, submitted
from tests.ui.test_logistics_workspace import logistics  # noqa: F401 (fixture)
from tests.ui.test_review_workspace import demo, review  # noqa: F401 (fixtures)

TIMEOUT = 10_000


@pytest.fixture(params=["review", "logistics"])
def ws(request: pytest.FixtureRequest, qtbot: Any) -> OrderWorkspace:
    workspace = request.getfixturevalue(request.param)
    assert isinstance(workspace, OrderWorkspace)
    qtbot.waitUntil(lambda: all(workspace.queue.model.is_loaded(r) for r in range(6)), timeout=TIMEOUT)
    return workspace


def _order_no(ws: OrderWorkspace, row: int) -> str:
    data = ws.queue.model.row_data(row)
    assert data is not None
    return str(data["order_no"])


def _shown(ws: OrderWorkspace) -> str:
    """What the user reads as the order shown: the header names its number."""
    return ws.header.text()


def _filter(ws: OrderWorkspace, qtbot: Any, text: str) -> None:
    with qtbot.waitSignal(ws.queue.reloaded, timeout=TIMEOUT):
        ws.queue.search.setText(text)
        qtbot.keyClick(ws.queue.search, Qt.Key.Key_Return)


def _click(ws: OrderWorkspace, qtbot: Any, row: int) -> None:
    view = ws.queue.view
    rect = view.visualRect(ws.queue.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_finding_an_order_by_its_number_shows_it(ws: OrderWorkspace, qtbot: Any) -> None:
    wanted, number = ws.queue.model.row_id(4), _order_no(ws, 4)
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
        _filter(ws, qtbot, number)
    assert shown.args == [wanted]
    assert ws.queue.model.ids() == [wanted] and ws.queue.selected_ids() == [wanted]
    assert number in _shown(ws) and ws.order_view.toPlainText()


def test_the_first_click_on_a_row_shows_it(ws: OrderWorkspace, qtbot: Any) -> None:
    for row in (2, 0):
        with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
            _click(ws, qtbot, row)
        assert shown.args == [ws.queue.model.row_id(row)]
        assert _order_no(ws, row) in _shown(ws)


def test_a_click_after_a_filter_took_the_selection_away_shows_the_row(ws: OrderWorkspace, qtbot: Any) -> None:
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT):
        ws.queue.select_row(3)
    gone, other = _order_no(ws, 3), _order_no(ws, 1)
    _filter(ws, qtbot, other)
    _filter(ws, qtbot, "")  # the one order found is shown; clearing the filter keeps it
    assert other in _shown(ws) and gone not in _shown(ws)
    row = ws.queue.model.row_of(ws.queue.model.row_id(3))
    assert row is not None
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
        _click(ws, qtbot, row)
    assert shown.args == [ws.queue.model.row_id(row)] and gone in _shown(ws)


def test_when_the_shown_order_is_filtered_out_the_details_clear_and_j_k_follow(
    ws: OrderWorkspace, ui_db: Database, cast: dict[str, int], qtbot: Any
) -> None:
    users = users_of(ui_db.factory)
    steps = ("approve",) if ws.queue.state == "pending_logistics" else ()
    mine = [drive(ui_db.factory, users, submitted(ui_db.factory, users, cast["family_a"]), *steps).id for _ in range(3)]
    qtbot.waitUntil(lambda: set(mine) <= set(ws.queue.model.ids()), timeout=TIMEOUT)
    row = next(r for r in range(6) if not str(ws.queue.model.row_data(r)["customer_name"]).startswith("王芳"))  # type: ignore[index]
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT):
        ws.queue.select_row(row)
    shown_before = _order_no(ws, row)

    with qtbot.waitSignal(ws.queue.current_changed, timeout=TIMEOUT) as cleared:
        _filter(ws, qtbot, "王芳")
    ids = ws.queue.model.ids()
    assert set(mine) <= set(ids)
    assert cleared.args == [None] and ws.queue.selected_ids() == []
    assert shown_before not in _shown(ws) and not ws.order_view.toPlainText()

    ws.queue.view.setFocus()  # the cursor lands on the first row, not selected
    for key, wanted in ((Qt.Key.Key_J, ids[0]), (Qt.Key.Key_J, ids[1]), (Qt.Key.Key_K, ids[0])):
        with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
            qtbot.keyClick(ws.queue.view, key)
        assert shown.args == [wanted] and ws.queue.selected_ids() == [wanted]
