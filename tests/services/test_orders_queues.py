"""The audit and logistics queues: ids in FIFO order, narrowed by line and search; rows with masked phones."""

from __future__ import annotations

from dataclasses import replace

from agent_desk.services.orders.entry import save_draft, submit
from agent_desk.services.orders.queries import get_order, queue_ids, queue_rows
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import DraftLine
from agent_desk.store.database import Database
from tests.services.test_orders_support import cast, drive, product_ids, submitted


def test_queue_is_oldest_first_searchable_and_masks_phones(ref_db: Database, people: dict[str, int]) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)

    first = submitted(f, users, people["vip"])
    second = submitted(f, users, people["plain"], recipient_name="Li Na", recipient_phone="+86 139 0013 9000")
    kitchen = submitted(f, users, people["family_a"], lines=(DraftLine(skus["KT-PAN-SET3"], 1),), recipient_name="王芳")
    moved_on = drive(f, users, submitted(f, users, people["family_b"]), "approve")

    with f() as s:
        pending = queue_ids(s, "pending_review")
        assert pending == [first.id, second.id, kitchen.id]
        assert queue_ids(s, "pending_review", oldest_first=False, limit=2) == [kitchen.id, second.id]
        assert queue_ids(s, "pending_logistics") == [moved_on.id]
        rows = queue_rows(s, [kitchen.id, first.id], mask_phones=True)
        assert [(r.id, r.business_line_name) for r in rows] == [(kitchen.id, "厨具电视购物"), (first.id, "保健品热线")]
        assert rows[1].recipient_phone == "138****8000" and rows[1].taken_by_name == "王小燕"
        assert rows[1].total_cents == first.total_cents and rows[1].version == first.version
        assert rows[1].waiting_seconds >= 0 and rows[1].customer_name == "张伟"
        assert queue_rows(s, [first.id], mask_phones=False)[0].recipient_phone == "138 0013 8000"
        kitchen_line = get_order(s, kitchen.id).business_line_id
        assert queue_ids(s, "pending_review", business_line_id=kitchen_line) == [kitchen.id]
        # Search: order number prefix, phone in any spelling, the start of a recipient or customer name.
        assert queue_ids(s, "pending_review", search=second.order_no) == [second.id]
        assert queue_ids(s, "pending_review", search="139-0013-9000") == [second.id]
        assert queue_ids(s, "pending_review", search="Li") == [second.id]
        assert queue_ids(s, "pending_review", search="王") == [kitchen.id]
        assert queue_ids(s, "pending_review", search="%") == []
        assert queue_rows(s, []) == []

    act(f, users["auditor1"], first.id, "approve", expected_version=first.version)
    with f() as s:
        assert queue_ids(s, "pending_review") == [second.id, kitchen.id]
        assert queue_ids(s, "pending_logistics") == [first.id, moved_on.id]  # by submission time, not approval


def test_a_fixed_and_approved_order_carries_no_old_reason_but_its_history_does(
    ref_db: Database, people: dict[str, int]
) -> None:
    # Issue 16 (13): the logistics queue showed the return reason of an order fixed long ago.
    f, users = ref_db.factory, cast(ref_db.factory)
    view = submitted(f, users, people["vip"], address_detail="中关村大街1号")
    view = drive(f, users, view, "reject_review", reason="Address incomplete: 缺门牌号")
    with f() as s:
        assert queue_rows(s, [view.id])[0].last_reason == "Address incomplete: 缺门牌号"
        assert get_order(s, view.id).last_reason == "Address incomplete: 缺门牌号", "why it is returned, now"
        fixed = replace(get_order(s, view.id).to_input(), address_detail="中关村大街1号3栋502室")
    save_draft(f, users["agent1"], fixed)
    view = drive(f, users, submit(f, users["agent1"], fixed), "approve")

    with f() as s:
        assert queue_ids(s, "pending_logistics") == [view.id]
        assert queue_rows(s, [view.id])[0].last_reason == ""
        detail = get_order(s, view.id)
    assert detail.state == "pending_logistics" and detail.last_reason == ""
    assert [h.reason for h in detail.history if h.action == "reject_review"] == ["Address incomplete: 缺门牌号"]

    # A reason given again is the order's reason again; an optional one left out brings no old one back.
    view = drive(f, users, view, "reject_logistics", reason="电话打不通")
    with f() as s:
        assert queue_rows(s, [view.id])[0].last_reason == "电话打不通"
    view = drive(f, users, submit(f, users["agent1"], fixed), "approve", "print_label", "handover", "refuse")
    with f() as s:
        assert get_order(s, view.id).state == "refused"
        assert get_order(s, view.id).last_reason == "" and queue_rows(s, [view.id])[0].last_reason == ""
