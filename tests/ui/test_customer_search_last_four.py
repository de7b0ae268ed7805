"""The Customers workspace lists everyone whose phone ends in the four digits the caller gave."""

from __future__ import annotations

from agent_desk.app import Desktop
from tests.ui.test_customers_workspace import _search, _search_and_open, _workspace


def test_the_last_four_digits_list_every_match_and_the_name_narrows_them(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    rows = _search(ws, qtbot, "6000")  # 王芳 and 王强 share 136 0013 6000
    assert sorted(name for name, _flags, _phones in rows) == ["王强", "王芳"]
    assert all("6000" in phones for _name, _flags, phones in rows)
    assert ws.status.text() == "Customers found: 2"
    _search_and_open(ws, qtbot, "王芳 6000")  # one match: Enter opens it
    assert "王芳" in ws.detail.header.text()


def test_an_auditor_sees_the_last_four_in_the_masked_list(desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot, "auditor1")
    assert _search(ws, qtbot, "8000") == [("张伟", "★VIP", "138****8000")]
