"""The Customers workspace: search, masking per role, the access log, editing and creating."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import Qt

from agent_desk.app import Desktop
from agent_desk.services.customers.editing import CustomerError, CustomerInput, save_customer
from agent_desk.services.customers.search import find_customers
from agent_desk.store.db import transaction
from agent_desk.store.models import Address, Customer, CustomerAccess, CustomerPhone, Order, User
from agent_desk.ui.customers.workspace import CustomersWorkspace, create
from tests.ui.conftest import login_window

TIMEOUT = 5000


def _workspace(desktop: Desktop, qtbot, username: str = "agent1") -> CustomersWorkspace:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, username)
    workspace = create(window.ctx)
    assert isinstance(workspace, CustomersWorkspace)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 700)
    workspace.show()
    return workspace


def _search(ws: CustomersWorkspace, qtbot, text: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    ws.search.clear()
    with qtbot.waitSignal(ws.searched, timeout=TIMEOUT):
        ws.search.insert(text)  # as an input method commits it (QTest cannot type CJK)
        qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    return _rows(ws)


def _type(ws: CustomersWorkspace, qtbot, text: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Search as you type, without Enter: nothing is opened by itself."""
    with qtbot.waitSignal(ws.searched, timeout=TIMEOUT):
        ws.search.insert(text)
    return _rows(ws)


def _search_and_open(ws: CustomersWorkspace, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.customer_opened, timeout=TIMEOUT):
        assert len(_search(ws, qtbot, text)) == 1  # Enter on a single match opens it


def _rows(ws: CustomersWorkspace) -> list[tuple[str, str, str]]:
    table = ws.results
    return [
        (table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())
    ]


def _open_row(ws: CustomersWorkspace, qtbot, row: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.customer_opened, timeout=TIMEOUT):
        ws.results.setCurrentCell(row, 0)


def _access_rows(desktop: Desktop) -> list[tuple[str, int, str]]:
    with desktop.database.factory() as s:
        return [
            (user, customer, context)
            for user, customer, context in s.execute(
                select(User.username, CustomerAccess.customer_id, CustomerAccess.context)
                .join(User, User.id == CustomerAccess.user_id)
                .order_by(CustomerAccess.id)
            )
        ]


def _phones_and_addresses(desktop: Desktop, customer_id: int) -> tuple[str, list[str], list[str]]:
    with desktop.database.factory() as s:
        name = s.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""
        phones = list(
            s.scalars(select(CustomerPhone.e164).where(CustomerPhone.customer_id == customer_id).order_by("id"))
        )
        addresses = list(s.scalars(select(Address.detail).where(Address.customer_id == customer_id).order_by("id")))
    return name, phones, addresses


def test_typing_a_name_prefix_lists_the_family_with_full_numbers_for_an_agent(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    assert _type(ws, qtbot, "王") == [("王强", "", "136 0013 6000"), ("王芳", "", "136 0013 6000")]
    assert "2" in ws.status.text()
    assert ws.stack.currentWidget() is ws.placeholder  # several matches: nothing is opened by itself
    assert _access_rows(desktop) == []


def test_typing_searches_once_after_a_pause_and_enter_at_once(desktop, qtbot, cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    tasks: list[object] = []
    real_read = ws.ctx.read

    def counting(op, *rest):  # type: ignore[no-untyped-def]
        # Other workspaces share the context (e.g. the knowledge workspace): count only searches.
        if "CustomersWorkspace._search_now" in op.__qualname__:
            tasks.append(op)
        return real_read(op, *rest)

    monkeypatch.setattr(ws.ctx, "read", counting)
    with qtbot.waitSignal(ws.searched, timeout=TIMEOUT):
        for key in "Li Na":
            ws.search.insert(key)
    assert len(tasks) == 1 and _rows(ws)[0][0] == "Li Na"
    ws.search.insert("x")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert len(tasks) == 2  # Enter did not wait for the pause
    qtbot.waitUntil(lambda: "No customer" in ws.status.text(), timeout=TIMEOUT)


def test_a_phone_in_another_spelling_finds_and_opens_the_vip(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    with qtbot.waitSignal(ws.customer_opened, timeout=TIMEOUT) as opened:
        _search(ws, qtbot, "+86 138-0013-8000")
    assert opened.args == [cast["vip"]]
    assert _rows(ws) == [("张伟", "★VIP", "138 0013 8000")]
    assert "张伟" in ws.detail.header.text() and "VIP" in ws.detail.header.text()
    assert "北京市北京市海淀区中关村大街1号3栋502室" in ws.detail.card.toPlainText()
    assert _search(ws, qtbot, "(010) 1234-5678") == [("Li Na", "", "139 0013 9000, 010 1234 5678")]


def test_an_order_number_finds_its_customer_and_the_order_shows(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    with transaction(desktop.database.factory) as s:
        agent = s.scalar(select(User.id).where(User.username == "agent1"))
        assert agent is not None
        s.add(
            Order(
                order_no="SO26112200000042",
                client_uuid=str(uuid.uuid4()),
                customer_id=cast["plain"],
                taken_by=agent,
                recipient_name="Li Na",
                recipient_phone="+8613900139000",
                province="北京市",
                city="北京市",
                address_detail="中关村大街1号",
                total_cents=19800,
            )
        )
    ws = _workspace(desktop, qtbot)
    with qtbot.waitSignal(ws.customer_opened, timeout=TIMEOUT):
        assert _search(ws, qtbot, "so26112200000042")[0][0] == "Li Na"
    assert ws.detail.orders.rowCount() == 1
    assert ws.detail.orders.item(0, 0).text() == "SO26112200000042"
    assert "(1)" in ws.detail.tabs.tabText(1)


def test_an_auditor_sees_masked_numbers_and_cannot_edit(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot, "auditor1")
    assert _type(ws, qtbot, "Li") == [("Li Na", "", "139****9000, 010****5678")]
    _open_row(ws, qtbot, 0)
    card = ws.detail.card.toPlainText()
    assert "139****9000" in card and "010****5678" in card
    assert "0013" not in card + ws.detail.header.text()
    assert not ws.detail.edit_button.isVisible()
    assert not ws.new_button.isEnabled()
    assert not ws.detail.order_button.isVisible()  # auditors approve orders, they do not take them
    with transaction(desktop.database.factory) as s, pytest.raises(CustomerError, match="may not edit"):
        data = CustomerInput("改名", [("13900139000", "mobile")], [])
        save_customer(s, cast["plain"], data, user_id=ws.ctx.user.id, role="auditor")  # the service refuses too
    assert _phones_and_addresses(desktop, cast["plain"])[0] == "Li Na"


def test_opening_a_record_writes_one_access_log_row(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    assert _type(ws, qtbot, "刘")[0][:2] == ("刘骗", "⚠")
    assert ws.stack.currentWidget() is ws.placeholder
    assert _access_rows(desktop) == []  # a list of names is not an opening
    _open_row(ws, qtbot, 0)
    assert _access_rows(desktop) == [("agent1", cast["black"], "search")]
    assert ws.detail.banner.isVisible() and "多次恶意拒收" in ws.detail.banner.text()


def test_an_invalid_phone_is_refused_inline_and_nothing_changes(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    _search_and_open(ws, qtbot, "13800138000")
    ws.detail.edit_button.click()
    editor = ws.editor
    assert ws.stack.currentWidget() is editor and not ws.results.isEnabled()
    editor.name.setText("张伟伟")
    editor.phones.item(0, 0).setText("12")
    editor.save.click()
    qtbot.waitUntil(lambda: editor.error.isVisible(), timeout=TIMEOUT)
    assert "too few digits" in editor.error.text()
    assert ws.stack.currentWidget() is editor  # still editing, nothing typed is lost
    assert editor.name.text() == "张伟伟" and editor.phones.item(0, 0).text() == "12"
    assert editor.save.isEnabled()
    assert _phones_and_addresses(desktop, cast["vip"]) == ("张伟", ["+8613800138000"], ["中关村大街1号3栋502室"])
    assert all(context != "edit" for *_rest, context in _access_rows(desktop))


def test_adding_a_phone_and_an_address_persists(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    _search_and_open(ws, qtbot, "13800138000")
    ws.detail.edit_button.click()
    editor = ws.editor
    editor.add_address.click()
    for column, text in enumerate(("上海市", "上海市", "静安区", "南京西路100号", "200040")):
        editor.addresses.item(1, column).setText(text)
    editor.phones.item(0, 1).setText("own mobile")
    editor.add_phone.click()
    editor.phones.item(1, 1).setText("work")
    cell_editor = editor.phones.indexWidget(editor.phones.model().index(1, 0))
    assert cell_editor is not None  # the new row's number is open for typing
    qtbot.keyClicks(cell_editor, "021 6543 2100")
    with qtbot.waitSignal(ws.saved, timeout=TIMEOUT):
        qtbot.keyClick(cell_editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # cell still open
    assert _phones_and_addresses(desktop, cast["vip"]) == (
        "张伟",
        ["+8613800138000", "+862165432100"],
        ["中关村大街1号3栋502室", "南京西路100号"],
    )
    with desktop.database.factory() as s:
        labels = list(
            s.scalars(select(CustomerPhone.label).where(CustomerPhone.customer_id == cast["vip"]).order_by("id"))
        )
    assert labels == ["own mobile", "work"]
    assert ws.stack.currentWidget() is ws.detail and ws.results.isEnabled()
    assert "021 6543 2100" in ws.detail.card.toPlainText() and "南京西路100号" in ws.detail.card.toPlainText()
    assert _access_rows(desktop)[-1] == ("agent1", cast["vip"], "edit")


def test_ctrl_n_after_a_fruitless_search_creates_the_customer(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    assert _search(ws, qtbot, "139 1111 2222") == []
    assert "No customer" in ws.status.text()
    qtbot.keyClick(ws.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert ws.stack.currentWidget() is ws.editor
    assert ws.editor.phones.item(0, 0).text() == "139 1111 2222"
    ws.editor.name.setText("陈新")
    with qtbot.waitSignal(ws.saved, timeout=TIMEOUT) as saved:
        ws.editor.save.click()
    assert _phones_and_addresses(desktop, saved.args[0]) == ("陈新", ["+8613911112222"], [])
    qtbot.waitUntil(lambda: _rows(ws) == [("陈新", "", "139 1111 2222")], timeout=TIMEOUT)


def test_ctrl_f_focuses_the_search_box(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    _search(ws, qtbot, "王")
    ws.activateWindow()
    ws.results.setFocus()
    qtbot.waitUntil(ws.results.hasFocus, timeout=TIMEOUT)
    qtbot.keyClick(ws.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ws.search.hasFocus() and ws.search.selectedText() == "王"


def test_garbage_finds_nothing_and_reports_no_error(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    failures: list[object] = []
    ws.ctx.runner.failed.connect(failures.append)
    ws.ctx.messages.error.connect(failures.append)
    for garbage in ("%", "' OR 1=1 --", "王%", "_", "x" * 5000, "1" * 5000):
        assert _search(ws, qtbot, garbage) == [], garbage[:20]
        assert ws.status.property("error") is False
    assert failures == []
    with desktop.database.factory() as s:  # the service itself, beyond what the search box lets through
        assert find_customers(s, "1" * 5000, role="agent") == []
        assert find_customers(s, "%" * 5000, role="agent") == []
        assert s.scalar(select(func.count()).select_from(CustomerAccess)) == 0
