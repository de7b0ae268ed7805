"""Order entry as the agent uses it: catalogue, lines, totals, validation, autosave, local copy, submit."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from agent_desk.config import Settings
from agent_desk.core.money import LineInput, compute_totals, format_yuan
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import OpenedForm
from agent_desk.services.orders.entry import submit
from agent_desk.services.orders.queries import order_for_client_uuid
from agent_desk.services.orders.types import DraftLine
from agent_desk.store.database import Database, session_factory
from agent_desk.store.models import BusinessLine, Order, Product
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import MessageBridge
from agent_desk.ui.orders.entry import OrderEntries, OrderEntry, install_order_entry
from agent_desk.ui.tasks import TaskRunner
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000
MakeCtx = Callable[..., DeskContext]


@pytest.fixture
def make_ctx(qtbot, ui_db: Database, cast: dict[str, int]) -> Iterator[MakeCtx]:  # type: ignore[no-untyped-def]
    """A desk context for agent1 with the given settings (a short autosave by default)."""
    runners: list[TaskRunner] = []

    def make(**settings: object) -> DeskContext:
        values: dict[str, object] = {"autosave_seconds": 1, **settings}
        user = authenticate(ui_db.factory, "agent1", "agent1123")
        runner = TaskRunner()
        runners.append(runner)
        return DeskContext(user, ui_db, runner, Settings(db_url=ui_db.url, hub_url="", **values), MessageBridge())  # type: ignore[arg-type]

    yield make
    for widget in list(_entries()):
        widget.close()
    for runner in runners:
        runner.shutdown()


def _entries() -> Iterator[OrderEntry]:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, OrderEntry) and widget.isVisible():
            yield widget


@pytest.fixture
def host(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _line_id(db: Database, code: str) -> int:
    with db.factory() as s:
        found = s.scalar(select(BusinessLine.id).where(BusinessLine.code == code))
    assert found is not None
    return found


def _product(db: Database, sku: str) -> Product:
    with db.factory() as s:
        found = s.scalar(select(Product).where(Product.sku == sku))
    assert found is not None
    return found


def _open(qtbot, ctx: DeskContext, host: QWidget, customer_id: int, line: str | None = "health") -> OrderEntry:  # type: ignore[no-untyped-def]
    entries = OrderEntries(ctx, host)
    line_id = _line_id(ctx.database, line) if line else None
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened:
        entries.new_order(customer_id, business_line_id=line_id)
    entry = opened.args[0]
    assert isinstance(entry, OrderEntry)
    host._entries = entries  # type: ignore[attr-defined]  # keep the opener alive with the test's window
    return entry


def _add(qtbot, entry: OrderEntry, query: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    entry.search.clear()
    type_text(qtbot, entry.search, query)
    qtbot.waitUntil(
        lambda: entry.results.count() > 0 and expect in entry.results.item(0).text() and entry.search.text() == query,
        timeout=TIMEOUT,
    )
    before = len(entry.form_lines())
    qtbot.keyClick(entry.search, Qt.Key.Key_Return)
    assert len(entry.form_lines()) in (before, before + 1)
    assert any(expect in ln.name for ln in entry.form_lines())


def _orders(db: Database, customer_id: int, state: str | None = None) -> int:
    with db.factory() as s:
        stmt = select(func.count()).select_from(Order).where(Order.customer_id == customer_id)
        if state:
            stmt = stmt.where(Order.state == state)
        return int(s.scalar(stmt) or 0)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as an agent does: Latin keys one by one, Chinese committed by the input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type_over(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        type_text(qtbot, edit, text)


def test_order_from_the_catalogue_totals_and_a_double_clicked_submit_make_one_order(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    assert entry.fields["recipient_name"].text() == "张伟"
    assert entry.fields["recipient_phone"].text() == "138 0013 8000"
    assert (entry.fields["city"].text(), entry.fields["address_detail"].text()) == ("北京市", "中关村大街1号3栋502室")
    assert "保健品热线" in entry.header.text() and entry.only_line.isChecked()

    # The caller's business line only, by default: kitchenware is not offered on the health line.
    type_text(qtbot, entry.search, "锅")
    qtbot.waitUntil(lambda: "No product matches" in entry.error_text("search"), timeout=TIMEOUT)
    entry.only_line.setChecked(False)
    qtbot.waitUntil(lambda: entry.results.count() > 0 and "不粘锅" in entry.results.item(0).text(), timeout=TIMEOUT)

    _add(qtbot, entry, "鱼油", "深海鱼油")
    _add(qtbot, entry, "HL-GLUCO", "氨糖")
    entry.spin(0, "quantity").setValue(2)
    entry.spin(0, "discount").setValue(10)
    fish, gluco = _product(ctx.database, "HL-FISHOIL-120"), _product(ctx.database, "HL-GLUCO-60")
    expected = compute_totals(
        [LineInput(fish.price_cents, 2, 10), LineInput(gluco.price_cents, 1, 0)], ctx.settings.max_discount_pct
    )
    assert entry.total.text().endswith(format_yuan(expected.total_cents, symbol=True))
    assert format_yuan(expected.discount_cents, symbol=True) in entry.discount.text()
    assert entry.lines.item(0, 4).text() == format_yuan(expected.lines[0].net_cents, symbol=True)
    assert format_yuan(expected.total_cents, symbol=True) in entry.collect.text()  # cash on delivery: the total
    entry.prepaid.setChecked(True)
    assert "nothing to collect" in entry.collect.text()
    entry.cod.setChecked(True)

    entry.show()
    typed = entry.current_input()
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT) as done:
        qtbot.mouseDClick(entry.submit_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
        assert not entry.submit_button.isEnabled()  # in flight: further clicks do nothing
    view = done.args[0]
    assert view.state == "pending_review" and view.total_cents == view.cod_amount_cents == expected.total_cents
    assert _orders(ctx.database, cast["vip"]) == 1
    assert _orders(ctx.database, cast["vip"], "pending_review") == 1
    # A retry of the same form (same client id) is the same order, not a second one.
    again = submit(ctx.database.factory, ctx.user, typed)
    assert again.id == view.id and _orders(ctx.database, cast["vip"]) == 1


def test_missing_city_is_shown_beside_the_city_and_nothing_is_submitted(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    _type_over(qtbot, entry.fields["city"], "")
    qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "city" in entry.error_text("city"), timeout=TIMEOUT)
    assert entry.error_text("province") == "" and entry.error_text("address_detail") == ""
    assert entry.submit_button.isEnabled()
    assert _orders(ctx.database, cast["vip"], "pending_review") == 0
    # What was typed is kept: the draft is in the database, the city still empty.
    with ctx.database.factory() as s:
        kept = order_for_client_uuid(s, entry.client_uuid)
    assert kept is not None and kept.state == "draft" and kept.city == "" and len(kept.lines) == 1
    # Typing in the field clears its message.
    type_text(qtbot, entry.fields["city"], "北京市")
    assert entry.error_text("city") == ""


def test_unknown_product_and_impossible_quantity_are_refused(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    type_text(qtbot, entry.search, "no such thing")
    qtbot.waitUntil(lambda: "No product matches" in entry.error_text("search"), timeout=TIMEOUT)
    qtbot.keyClick(entry.search, Qt.Key.Key_Return)
    assert entry.form_lines() == []
    _add(qtbot, entry, "鱼油", "深海鱼油")
    entry.spin(0, "quantity").setValue(5000)
    assert entry.form_lines()[0].quantity == 999
    entry.spin(0, "quantity").setValue(0)
    assert entry.form_lines()[0].quantity == 1


def test_discount_is_limited_by_the_product_and_by_the_desk(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60, max_discount_pct=20)
    entry = _open(qtbot, ctx, host, cast["vip"], line=None)
    _add(qtbot, entry, "HL-FISHOIL", "深海鱼油")  # the product allows 15 %
    _add(qtbot, entry, "BT-SET", "焕颜套装")  # the product allows 25 %, the desk only 20 %
    fish, kit = entry.spin(0, "discount"), entry.spin(1, "discount")
    assert (fish.maximum(), kit.maximum()) == (15, 20)
    fish.setValue(50)
    assert fish.value() == 15 and entry.form_lines()[0].discount_pct == 15
    kit.setFocus()
    kit.selectAll()
    qtbot.keyClicks(kit, "25")
    assert entry.form_lines()[1].discount_pct <= 20


def test_autosave_writes_a_draft_after_the_interval(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=1)
    entry = _open(qtbot, ctx, host, cast["vip"])
    _add(qtbot, entry, "鱼油", "深海鱼油")
    type_text(qtbot, entry.notes, "下午送货")

    def saved() -> str | None:
        with ctx.database.factory() as s:
            found = order_for_client_uuid(s, entry.client_uuid)
        return found.notes if found else None

    assert saved() is None  # not on every keystroke: after the interval
    with qtbot.waitSignal(entry.saved, timeout=TIMEOUT) as done:
        pass
    assert done.args[0].state == "draft" and done.args[0].order_no.startswith("SO")
    qtbot.waitUntil(lambda: saved() == "下午送货", timeout=TIMEOUT)
    assert "saved" in entry.status.text()
    assert order_drafts.local_draft_path(entry.client_uuid).exists()  # kept locally until submitted


def test_local_copy_is_written_on_change_restored_after_a_crash_and_removed_after_submit(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    path = order_drafts.local_draft_path(entry.client_uuid)
    assert not path.exists()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    type_text(qtbot, entry.notes, "门卫代收")
    qtbot.waitUntil(lambda: path.exists() and "门卫代收" in path.read_text(encoding="utf-8"), timeout=TIMEOUT)
    assert not list(path.parent.glob("*.tmp"))  # written through a temporary file, then renamed
    uuid_ = entry.client_uuid

    # A crash: the window is gone without closing; nothing reached the database yet.
    entry.deleteLater()
    qtbot.waitUntil(lambda: not list(_entries()), timeout=TIMEOUT)
    with ctx.database.factory() as s:
        assert order_for_client_uuid(s, uuid_) is None

    # Next "New order" for the customer offers the kept form back, exactly as typed.
    entries = OrderEntries(ctx, host)
    with qtbot.waitSignal(entries.offered, timeout=TIMEOUT) as offered:
        entries.new_order(cast["vip"])
    offer = offered.args[0]
    assert offer.list.count() == 1 and "张伟" in offer.list.item(0).text() and "深海鱼油" in offer.list.item(0).text()
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened:
        offer.restore_button.click()
    restored = opened.args[0]
    assert restored.client_uuid == uuid_ and restored.notes.toPlainText() == "门卫代收"
    assert [ln.name for ln in restored.form_lines()] == ["深海鱼油软胶囊 120 粒"]
    with qtbot.waitSignal(restored.saved, timeout=TIMEOUT):
        pass  # a restored form is saved at once

    with qtbot.waitSignal(restored.submitted, timeout=TIMEOUT):
        restored.submit_order()
    # Removed by the local-files worker, after any copy still on its way.
    qtbot.waitUntil(lambda: not path.exists(), timeout=TIMEOUT)
    assert order_drafts.pending_local_drafts(ctx.user.id) == []


def test_likely_duplicate_is_flagged_before_submit(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    fish = _product(ctx.database, "HL-FISHOIL-120")
    with ctx.database.factory() as s:
        first_form = order_drafts.open_new(s, cast["vip"]).data
    first = submit(ctx.database.factory, ctx.user, replace(first_form, lines=(DraftLine(fish.id, 1),)))

    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    entry.spin(0, "quantity").setValue(3)  # quantities may differ: still "the same again"
    qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entry.duplicate_bar.isVisible, timeout=TIMEOUT)
    assert first.order_no in entry.duplicate_text.text()
    assert _orders(ctx.database, cast["vip"], "pending_review") == 1
    entry.duplicate_cancel.click()
    assert not entry.duplicate_bar.isVisible() and entry.submit_button.isEnabled()

    qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entry.duplicate_bar.isVisible, timeout=TIMEOUT)
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT):
        entry.submit_anyway.click()
    assert _orders(ctx.database, cast["vip"], "pending_review") == 2


def _lose_the_database(ctx: DeskContext, tmp_path: Path) -> Engine:
    """Point the desk at a database that cannot be reached: its file would have to live inside a regular file."""
    (tmp_path / "not-a-dir").write_text("")
    engine = create_engine(f"sqlite:///{tmp_path / 'not-a-dir' / 'db.sqlite3'}")
    ctx.database = Database(ctx.database.url, engine, session_factory(engine))
    return engine


def test_database_outage_shows_a_banner_keeps_the_form_and_saves_when_back(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], ui_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=1)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    engine = _lose_the_database(ctx, tmp_path)
    with qtbot.waitSignal(entry.link_changed, timeout=TIMEOUT) as lost:
        type_text(qtbot, entry.notes, "放快递柜")
    assert lost.args == [False] and entry.banner.isVisible()
    assert "database unreachable" in entry.banner.text().lower()
    kept = order_drafts.read_local_draft(order_drafts.local_draft_path(entry.client_uuid))
    assert kept.form.data.notes == "放快递柜" and kept.form.lines[0].name == "深海鱼油软胶囊 120 粒"

    ctx.database = ui_db  # the link is back: the retry saves what was typed
    with qtbot.waitSignal(entry.link_changed, timeout=TIMEOUT) as back:
        pass
    assert back.args == [True] and not entry.banner.isVisible()
    qtbot.waitUntil(lambda: _saved_notes(ui_db, entry.client_uuid) == "放快递柜", timeout=TIMEOUT)
    engine.dispose()


def test_an_order_submitted_during_an_outage_is_submitted_after_its_window_closed(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], ui_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=1)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    client_uuid = entry.client_uuid
    engine = _lose_the_database(ctx, tmp_path)
    with qtbot.waitSignal(entry.link_changed, timeout=TIMEOUT):
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    submitted: list[object] = []
    entry.submitted.connect(submitted.append)
    entry.close()  # the agent moves on; the banner said the order is kept and retried

    ctx.database = ui_db
    qtbot.waitUntil(lambda: bool(submitted), timeout=TIMEOUT)
    assert _orders(ui_db, cast["vip"], "pending_review") == 1 and _orders(ui_db, cast["vip"]) == 1
    qtbot.waitUntil(lambda: order_drafts.pending_local_drafts(ctx.user.id) == [], timeout=TIMEOUT)
    assert _saved_notes(ui_db, client_uuid) is not None
    engine.dispose()


def test_a_closed_form_still_submitting_is_brought_back_not_opened_twice(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], ui_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=1)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entries: OrderEntries = host._entries  # type: ignore[attr-defined]
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    engine = _lose_the_database(ctx, tmp_path)
    with qtbot.waitSignal(entry.link_changed, timeout=TIMEOUT):
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    entry.close()
    assert entries.entries == {entry.client_uuid: entry}  # hidden, still retrying, still tracked

    offer = entries.offer_kept()  # e.g. "New order" for the same caller offers what was kept
    assert offer is not None and offer.list.count() == 1
    with qtbot.waitSignal(entries.opened, timeout=500, raising=False) as reopened:
        offer.restore_button.click()
    assert not reopened.signal_triggered and entry.isVisible() and not entry.closing  # the same window

    ctx.database = ui_db
    with qtbot.waitSignal(entry.finished, timeout=TIMEOUT):
        pass  # submitted when the link came back, then gone
    assert _orders(ui_db, cast["vip"], "pending_review") == 1 and _orders(ui_db, cast["vip"]) == 1
    assert entries.entries == {}
    engine.dispose()


def test_a_closed_order_whose_delayed_submit_finds_a_duplicate_comes_back_to_ask(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], ui_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=1)
    fish = _product(ctx.database, "HL-FISHOIL-120")
    with ctx.database.factory() as s:
        earlier = order_drafts.open_new(s, cast["vip"]).data
    submit(ctx.database.factory, ctx.user, replace(earlier, lines=(DraftLine(fish.id, 1),)))
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    engine = _lose_the_database(ctx, tmp_path)
    with qtbot.waitSignal(entry.link_changed, timeout=TIMEOUT):
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    entry.close()
    assert not entry.isVisible()

    ctx.database = ui_db
    qtbot.waitUntil(lambda: entry.isVisible() and entry.duplicate_bar.isVisible(), timeout=TIMEOUT)
    assert _orders(ui_db, cast["vip"], "pending_review") == 1  # nothing submitted behind the agent's back
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT):
        entry.submit_anyway.click()
    assert _orders(ui_db, cast["vip"], "pending_review") == 2
    engine.dispose()


class SlowDisk:
    """The local drafts folder on a disk that hangs (a network profile, a virus scan) until released.

    Writes still go to the real folder through the real ``write_local_draft``; they only wait first,
    each at most ``limit`` seconds, so a window that waited for its disk fails the test instead of hanging it.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, limit: float = 10.0) -> None:
        self.released = threading.Event()
        self.waiting = threading.Event()
        self.threads: list[int] = []
        self._limit = limit
        self._write = order_drafts.write_local_draft
        monkeypatch.setattr(order_drafts, "write_local_draft", self.write)

    def write(self, form: OpenedForm, *, user_id: int, directory: Path | None = None) -> Path:
        self.threads.append(threading.get_ident())
        self.waiting.set()
        self.released.wait(self._limit)
        return self._write(form, user_id=user_id, directory=directory)

    def hang(self) -> None:
        self.released.clear()
        self.waiting.clear()


def test_a_hanging_disk_does_not_stall_the_window_and_the_newest_copy_lands_once_it_is_back(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    path = order_drafts.local_draft_path(entry.client_uuid)
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    disk = SlowDisk(monkeypatch)
    disk.hang()

    type_text(qtbot, entry.notes, "门卫")
    qtbot.waitUntil(disk.waiting.is_set, timeout=TIMEOUT)  # the copy is being written, and the disk hangs
    # The window goes on: typing is taken, the draft reaches the database, the disk has the older copy.
    type_text(qtbot, entry.notes, "代收")
    with qtbot.waitSignal(entry.saved, timeout=TIMEOUT):
        qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert _saved_notes(ctx.database, entry.client_uuid) == "门卫代收"
    assert not disk.released.is_set() and "门卫" not in path.read_text(encoding="utf-8")

    disk.released.set()  # the disk is back: the newest form is what it keeps
    qtbot.waitUntil(lambda: "门卫代收" in path.read_text(encoding="utf-8"), timeout=TIMEOUT)
    assert threading.get_ident() not in disk.threads  # never written by the GUI thread

    # A copy still on its way when the submit goes through: removed after it, not overtaken by it.
    disk.hang()
    type_text(qtbot, entry.notes, "，放门卫室")
    qtbot.waitUntil(disk.waiting.is_set, timeout=TIMEOUT)
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT):
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    assert path.exists()  # the removal waits behind the hanging write
    local_copies = host._entries.local_copies  # type: ignore[attr-defined]
    disk.released.set()
    qtbot.waitUntil(lambda: local_copies.idle, timeout=TIMEOUT)
    assert not path.exists() and order_drafts.pending_local_drafts(ctx.user.id) == []
    assert _orders(ctx.database, cast["vip"], "pending_review") == 1


def test_a_form_gone_while_its_newest_copy_still_hangs_on_the_disk_is_offered_back_as_last_typed(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entries: OrderEntries = host._entries  # type: ignore[attr-defined]
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    path = order_drafts.local_draft_path(entry.client_uuid)
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    disk = SlowDisk(monkeypatch)
    disk.hang()
    type_text(qtbot, entry.notes, "放前台")
    qtbot.waitUntil(disk.waiting.is_set, timeout=TIMEOUT)
    with qtbot.waitSignal(entry.finished, timeout=TIMEOUT):
        entry.close()  # saved and gone; its newest copy is still on its way to the disk
    assert "放前台" not in path.read_text(encoding="utf-8")

    offer = entries.offer_kept()
    assert offer is not None and offer.list.count() == 1
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened:
        offer.restore_button.click()
    restored = opened.args[0]
    # As last typed, not as the disk still has it: restoring an older copy would save it over the newer draft.
    assert restored.notes.toPlainText() == "放前台"
    disk.released.set()
    with qtbot.waitSignal(restored.saved, timeout=TIMEOUT):
        pass
    assert _saved_notes(ctx.database, restored.client_uuid) == "放前台"
    qtbot.waitUntil(lambda: "放前台" in path.read_text(encoding="utf-8"), timeout=TIMEOUT)


def test_a_desk_going_away_waits_for_the_copies_on_their_way_and_later_ones_are_written_at_once(
    qtbot, make_ctx: MakeCtx, cast: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    desk = QWidget()
    entry = _open(qtbot, ctx, desk, cast["vip"])
    local_copies = desk._entries.local_copies  # type: ignore[attr-defined]
    path = order_drafts.local_draft_path(entry.client_uuid)
    form = entry.current_form()
    disk = SlowDisk(monkeypatch, limit=0.3)  # slow, not stuck: the desk must wait for it
    disk.hang()
    local_copies.keep(replace(form, data=replace(form.data, notes="最后一笔")), user_id=ctx.user.id)

    desk.deleteLater()  # logging out: the desk and its order windows go
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert "最后一笔" in path.read_text(encoding="utf-8")
    # Asked for after the worker went (a window's very last copy): written before the call returns.
    local_copies.keep(replace(form, data=replace(form.data, notes="关窗前")), user_id=ctx.user.id)
    assert "关窗前" in path.read_text(encoding="utf-8")


def _saved_notes(db: Database, client_uuid: str) -> str | None:
    with db.factory() as s:
        found = order_for_client_uuid(s, client_uuid)
    return found.notes if found else None


def test_pop_new_order_opens_a_form_for_the_caller_line_and_call(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    entries = install_order_entry(desk, window.ctx)
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
        desk.controller.on_frame(
            frame("call.offered", call_id=f"c-{uuid.uuid4().hex[:8]}", ani="13800138000", dnis="4008001001")
        )
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened:
        desk.view.order_button.click()
    entry = opened.args[0]
    data = entry.current_input()
    assert data.customer_id == cast["vip"] and data.call_id is not None
    assert data.business_line_id == _line_id(desktop.database, "health")
    assert "张伟" in entry.header.text() and "保健品热线" in entry.header.text()
    qtbot.waitUntil(lambda: entry.results.count() == 4, timeout=TIMEOUT)  # the health line's four products
    entry.close()


def test_a_kept_copy_of_an_order_submitted_after_all_is_not_offered_twice(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    fish = _product(ctx.database, "HL-FISHOIL-120")
    with ctx.database.factory() as s:
        opened = order_drafts.open_new(s, cast["vip"])
    form = replace(opened, data=replace(opened.data, lines=(DraftLine(fish.id, 1),)))
    # The desk crashed between the submit and removing its local copy.
    order_drafts.write_local_draft(form, user_id=ctx.user.id)
    view = submit(ctx.database.factory, ctx.user, form.data)
    entries = OrderEntries(ctx, host)
    offer = entries.offer_kept()
    assert offer is not None and offer.list.count() == 1
    with qtbot.waitSignal(entries.opened, timeout=TIMEOUT) as opened_signal:
        offer.restore_button.click()
    entry = opened_signal.args[0]
    qtbot.waitUntil(lambda: "already submitted" in entry.error_text("general"), timeout=TIMEOUT)
    assert view.order_no in entry.error_text("general") and not entry.submit_button.isEnabled()
    qtbot.waitUntil(lambda: order_drafts.pending_local_drafts(ctx.user.id) == [], timeout=TIMEOUT)
    assert _orders(ctx.database, cast["vip"]) == 1
    entry.close()


def test_a_submit_retried_after_the_order_moved_on_says_where_it_is(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int], ui_db: Database
) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.services.orders.transitions import act

    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    _add(qtbot, entry, "鱼油", "深海鱼油")
    # The first click went through, but its answer was lost; an auditor approved the order since.
    first = submit(ui_db.factory, ctx.user, entry.current_input())
    auditor = authenticate(ui_db.factory, "auditor1", "auditor1123")
    act(ui_db.factory, auditor, first.id, "approve", expected_version=first.version)
    infos: list[str] = []
    ctx.messages.info.connect(infos.append)
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT):
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    assert infos and "already submitted" in infos[-1] and "pending logistics" in infos[-1]
    assert _orders(ui_db, cast["vip"]) == 1


def test_keyboard_saves_submits_and_closes(qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    entry.activateWindow()
    qtbot.waitUntil(entry.isActiveWindow, timeout=TIMEOUT)
    _add(qtbot, entry, "鱼油", "深海鱼油")
    entry.notes.setFocus()
    qtbot.keyClick(entry.notes, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert entry.search.hasFocus()
    with qtbot.waitSignal(entry.saved, timeout=TIMEOUT):
        qtbot.keyClick(entry.search, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT):
        qtbot.keyClick(entry.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _orders(ctx.database, cast["vip"], "pending_review") == 1


def test_escape_closes_and_the_form_is_saved(qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    entry.show()
    entry.activateWindow()
    qtbot.waitUntil(entry.isActiveWindow, timeout=TIMEOUT)
    _add(qtbot, entry, "鱼油", "深海鱼油")
    client_uuid = entry.client_uuid
    with qtbot.waitSignal(entry.closed, timeout=TIMEOUT):
        qtbot.keyClick(entry.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _saved_notes(ctx.database, client_uuid) is not None, timeout=TIMEOUT)
    assert order_drafts.local_draft_path(client_uuid).exists()  # offered back until it is submitted


def test_the_agent_chooses_how_the_label_prints_the_phone(
    qtbot, make_ctx: MakeCtx, host: QWidget, cast: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    # Issue 16 (14): a customer who asks for a privacy waybill (隐私面单) gets one on this order.
    ctx = make_ctx(autosave_seconds=60)
    entry = _open(qtbot, ctx, host, cast["vip"])
    assert entry.privacy.currentData() is None, "as the business line decides, until the customer asks"
    _add(qtbot, entry, "鱼油", "深海鱼油")
    entry.privacy.setCurrentIndex(entry.privacy.findData(True))
    entry.show()
    with qtbot.waitSignal(entry.submitted, timeout=TIMEOUT) as done:
        qtbot.mouseClick(entry.submit_button, Qt.MouseButton.LeftButton)
    with ctx.database.factory() as s:
        order = s.get(Order, done.args[0].id)
        assert order is not None and order.privacy_waybill is True
