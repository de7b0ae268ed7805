"""The logistics workspace on demo data: the check, labels to PDF (one and a batch, cancel), ZPL, hand-over,
delivered and refused."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from agent_desk.app import Desktop
from agent_desk.core.waybill import check_waybill_number
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.services.orders.entry import save_draft, submit
from agent_desk.services.orders.queries import get_order, queue_ids
from agent_desk.store.database import Database
from agent_desk.store.models import FollowUp, Order
from agent_desk.ui.logistics import LogisticsWorkspace, create
from agent_desk.ui.logistics.label_actions import RenderWorker
from tests.services.test_orders_support import cast as users_of
from tests.services.test_orders_support import drive, submitted
from tests.ui.conftest import login_window

TIMEOUT = 10_000


@pytest.fixture
def logistics(desktop: Desktop, ui_db: Database, qtbot) -> Iterator[LogisticsWorkspace]:  # type: ignore[no-untyped-def]
    generate(ui_db.engine, DemoSize(200, 2, 0), seed=1)
    window = login_window(desktop, qtbot, "logistics1")
    ws = create(window.ctx)
    assert isinstance(ws, LogisticsWorkspace)
    qtbot.addWidget(ws)
    ws.resize(1200, 800)
    ws.show()
    qtbot.waitUntil(lambda: ws.queue.model.rowCount() > 0, timeout=TIMEOUT)
    yield ws
    ws.shutdown()


def _order(db: Database, order_id: int) -> Order:
    with db.factory() as s:
        order = s.get(Order, order_id)
        assert order is not None
        return order


def _open_row(ws: LogisticsWorkspace, qtbot, row: int) -> int:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
        ws.queue.select_row(row)
    return int(shown.args[0])


def _tab(ws: LogisticsWorkspace, qtbot, state: str) -> None:  # type: ignore[no-untyped-def]
    ws.queue.set_state(state)
    with ws.ctx.database.factory() as s:
        wanted = queue_ids(s, state)
    assert wanted
    qtbot.waitUntil(lambda: ws.queue.model.ids() == wanted, timeout=TIMEOUT)


def _save_as(ws: LogisticsWorkspace, qtbot, click, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.labels.dialog_opened, timeout=TIMEOUT) as opened:
        click()
    dialog = opened.args[0]
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_check_marks_recipient_against_the_record(logistics, ui_db, cast, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    users = users_of(ui_db.factory)
    order = drive(ui_db.factory, users, submitted(ui_db.factory, users, cast["vip"]), "approve")
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT) as shown:
        ws.queue.search.setText(order.order_no)  # the one order found is shown
    assert shown.args == [order.id] and ws.queue.model.ids() == [order.id]
    marks = [ws.check.item(r, 3).text() for r in range(3)]
    assert marks == ["✓ matches"] * 3
    assert ws.check.item(1, 1).text() == "138 0013 8000", "logistics see the full number they must check"
    assert ws.print_button.isEnabled() and ws.return_button.isEnabled() and not ws.handover_button.isEnabled()


def test_accept_and_label_to_pdf_assigns_the_waybill(logistics, ui_db, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    order_id = _open_row(ws, qtbot, 0)
    assert _order(ui_db, order_id).waybill_no is None
    path = tmp_path / "one.pdf"
    with qtbot.waitSignal(ws.labels_done, timeout=TIMEOUT) as done:
        _save_as(ws, qtbot, ws.pdf_button.click, path)
    assert done.args[0].approved == [order_id]
    order = _order(ui_db, order_id)
    assert order.state == "label_printed" and check_waybill_number(order.waybill_no or "")
    assert _pages(path) == 1
    qtbot.waitUntil(lambda: order_id not in ws.queue.model.ids(), timeout=TIMEOUT)


def test_a_batch_goes_into_one_pdf_page_per_order(logistics, ui_db, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    ws.queue.view.selectAll()
    chosen = ws.queue.selected_ids()
    assert len(chosen) >= 5
    path = tmp_path / "batch.pdf"
    with qtbot.waitSignal(ws.labels_done, timeout=TIMEOUT) as done:
        _save_as(ws, qtbot, ws.batch_pdf.click, path)
    assert sorted(done.args[0].approved) == sorted(chosen)
    assert _pages(path) == len(chosen)
    assert {_order(ui_db, i).state for i in chosen} == {"label_printed"}
    assert f"for {len(chosen)} of {len(chosen)}" in ws.banner.text()


def test_cancel_stops_the_batch_and_records_nothing(logistics, ui_db, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    ws.queue.view.selectAll()
    chosen = ws.queue.selected_ids()
    seen: list[int] = []

    def press_cancel_after_the_first_label(worker: RenderWorker) -> None:
        assert ws.labels.progress_dialog is not None
        cancel = ws.labels.progress_dialog.findChild(QPushButton)

        def on_progress(done: int, _total: int) -> None:  # runs on the render thread
            seen.append(done)
            if done == 1:
                # As the user would: click the progress dialog's Cancel (on the GUI thread) before label 2.
                QMetaObject.invokeMethod(cancel, "click", Qt.ConnectionType.BlockingQueuedConnection)

        worker.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)

    ws.labels.render_started.connect(press_cancel_after_the_first_label)
    path = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(ws.labels.cancelled, timeout=TIMEOUT):
        _save_as(ws, qtbot, ws.batch_pdf.click, path)
    assert seen == [0, 1], "no label after the cancel"
    assert not path.exists()
    assert {_order(ui_db, i).state for i in chosen} == {"pending_logistics"}
    assert "nothing was recorded" in ws.banner.text()


def test_zpl_export_writes_one_label_per_order(logistics, ui_db, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    ws.queue.select_row(0)
    ws.queue.view.setFocus()
    qtbot.keyClick(ws.queue.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = ws.queue.selected_ids()
    assert len(chosen) == 2
    path = tmp_path / "labels.zpl"
    with qtbot.waitSignal(ws.labels_done, timeout=TIMEOUT):
        _save_as(ws, qtbot, ws.batch_zpl.click, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("^XA") == 2 and all(_order(ui_db, i).waybill_no in text for i in chosen)


def test_hand_over_then_delivered_creates_a_follow_up(logistics, ui_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    _tab(ws, qtbot, "label_printed")
    order_id = _open_row(ws, qtbot, 0)
    with qtbot.waitSignal(ws.acted, timeout=TIMEOUT):
        ws.handover_button.click()
    assert _order(ui_db, order_id).state == "shipped"

    _tab(ws, qtbot, "shipped")
    assert ws.queue.select_id(order_id)
    qtbot.waitUntil(lambda: ws.deliver_button.isEnabled(), timeout=TIMEOUT)
    with ui_db.factory() as s:
        before = s.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.order_id == order_id))
    with qtbot.waitSignal(ws.acted, timeout=TIMEOUT):
        ws.deliver_button.click()
    assert _order(ui_db, order_id).state == "delivered"
    with ui_db.factory() as s:
        after = s.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.order_id == order_id))
    assert after == (before or 0) + 1
    assert "follow-up" in ws.banner.text()


def test_refused_needs_a_reason(logistics, ui_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = logistics
    _tab(ws, qtbot, "shipped")
    order_id = _open_row(ws, qtbot, 0)
    ws.refuse_button.click()
    assert ws.reason.isVisible()
    ws.reason.confirm.click()
    assert "choose a reason" in ws.reason.error.text()
    assert _order(ui_db, order_id).state == "shipped"
    ws.reason.code.setCurrentIndex(ws.reason.code.findData("damaged"))
    with qtbot.waitSignal(ws.acted, timeout=TIMEOUT):
        ws.reason.confirm.click()
    order = _order(ui_db, order_id)
    assert (order.state, order.last_reason) == ("refused", "Parcel damaged")


def test_a_fixed_and_approved_order_shows_no_old_return_reason(logistics, ui_db, cast, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Issue 16 (13): the queue and the label step still said why the order had once been returned.
    ws, f = logistics, ui_db.factory
    users = users_of(f)
    returned = drive(f, users, submitted(f, users, cast["vip"]), "reject_review", reason="Address incomplete: 缺门牌号")
    with f() as s:
        fixed = replace(get_order(s, returned.id).to_input(), address_detail="中关村大街1号3栋502室")
    save_draft(f, users["agent1"], fixed)
    order = drive(f, users, submit(f, users["agent1"], fixed), "approve")

    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT):
        ws.queue.search.setText(order.order_no)
    qtbot.waitUntil(lambda: ws.queue.model.is_loaded(0), timeout=TIMEOUT)
    model = ws.queue.model
    row = [str(model.data(model.index(0, c))) for c in range(model.columnCount())]
    assert order.order_no in row and not any("缺门牌号" in cell for cell in row)
    text = ws.order_view.toPlainText()
    now, _, history = text.partition("History")
    assert "缺门牌号" not in now and "reason" not in now.lower(), now
    assert "缺门牌号" in history, "the old reason stays in the order's history"


def test_a_privacy_waybill_is_said_masked_on_the_label_and_whole_in_the_courier_file(  # type: ignore[no-untyped-def]
    logistics, ui_db, cast, qtbot, tmp_path
) -> None:
    # Issue 16 (14): the label prints 138****8000; the courier's file keeps 138 0013 8000.
    ws, f = logistics, ui_db.factory
    users = users_of(f)
    order = drive(f, users, submitted(f, users, cast["vip"], privacy_waybill=True, notes="请先打电话"), "approve")
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT):
        ws.queue.search.setText(order.order_no)
    text = ws.order_view.toPlainText()
    assert "Privacy waybill: the label prints the phone as 138****8000" in text
    assert "Notes (printed on the label)" in text and "请先打电话" in text

    courier = tmp_path / "courier.csv"
    with qtbot.waitSignal(ws.labels.courier_written, timeout=TIMEOUT):
        _save_as(ws, qtbot, ws.batch_courier.click, courier)
    assert "138 0013 8000" in courier.read_text(encoding="utf-8-sig") and "****" not in courier.read_text("utf-8-sig")
    assert _order(ui_db, order.id).state == "pending_logistics", "a courier file is no label: nothing recorded"
    assert "Courier file written for 1 order" in ws.banner.text()

    pdf = tmp_path / "label.pdf"
    with qtbot.waitSignal(ws.labels_done, timeout=TIMEOUT):
        _save_as(ws, qtbot, ws.pdf_button.click, pdf)
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "138****8000" in printed and "138 0013 8000" not in printed and "请先打电话" in printed
