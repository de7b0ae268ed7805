"""The order beside its customer, masked per role; bulk actions; the logistics check."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from agent_desk.core.waybill import check_waybill_number
from agent_desk.services.orders.logistics import compare_with_record, prepare_labels, record_labels_printed
from agent_desk.services.orders.review import (
    QueueQuery,
    business_lines,
    load_queue_ids,
    load_queue_rows,
    order_beside_customer,
)
from agent_desk.services.orders.transitions import act, bulk_approve
from agent_desk.store.database import Database
from agent_desk.store.models import CustomerAccess
from tests.services.test_orders_support import cast, drive, snapshot, submitted


def test_auditor_sees_the_order_beside_a_masked_customer_and_the_access_is_logged(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    order = submitted(f, users, people["vip"])
    beside = order_beside_customer(f, users["auditor1"], order.id)
    assert beside.order.actions == ("approve", "reject_review", "cancel")
    assert beside.recipient_phone_shown == "138****8000"
    assert beside.customer is not None and beside.customer.card is not None
    assert [p.display for p in beside.customer.card.phones] == ["138****8000"]
    assert [o.id for o in beside.customer.recent_orders] == [order.id]
    with f() as s:
        assert s.scalar(select(func.count()).select_from(CustomerAccess)) == 1
    assert order_beside_customer(f, users["logistics1"], order.id).recipient_phone_shown == "138 0013 8000"


def test_queue_rows_are_masked_for_auditors_and_filtered_by_line(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    first, second = submitted(f, users, people["vip"]), submitted(f, users, people["plain"])
    with f() as s:
        lines = business_lines(s)
        assert lines and all(name for _id, name in lines)
        ids = load_queue_ids(s, QueueQuery("pending_review"))
        assert ids == [first.id, second.id]
        assert load_queue_ids(s, QueueQuery("pending_review", search="Li")) == [second.id]
        rows = load_queue_rows(s, ids, "auditor")
    assert rows[0]["recipient_phone"] == "138****8000" and rows[0]["version"] == first.version


def test_actions_and_bulk_approve_report_each_order(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    a, b, c = (submitted(f, users, people["vip"]) for _ in range(3))
    act(f, users["auditor1"], a.id, "approve", expected_version=a.version)
    result = bulk_approve(f, users["auditor2"], [(a.id, a.version), (b.id, b.version), (c.id, c.version)])
    assert result.approved == [b.id, c.id]
    assert [i for i, _m in result.failed] == [a.id]
    assert f"already approved by {users['auditor1'].display_name}" in result.failed[0][1]
    assert snapshot(f, b.id).state == "pending_logistics"


def test_the_logistics_check_marks_what_differs_from_the_record(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    same = drive(f, users, submitted(f, users, people["vip"]), "approve")
    beside = order_beside_customer(f, users["logistics1"], same.id)
    assert [c.matches for c in compare_with_record(beside.order, beside.customer)] == [True, True, True]
    other = replace(beside.order, recipient_name="张伟妈妈", recipient_phone="+8613912345678", district="朝阳区")
    checks = compare_with_record(other, beside.customer)
    assert [(c.field, c.matches) for c in checks] == [("name", False), ("phone", False), ("address", False)]
    assert checks[1].on_record == "138 0013 8000" and checks[2].on_record.startswith("北京市北京市海淀区")
    assert not any(c.matches for c in compare_with_record(beside.order, None))


def test_labels_are_prepared_then_recorded_only_for_orders_the_user_may_label(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    ready = drive(f, users, submitted(f, users, people["vip"]), "approve")
    waiting = submitted(f, users, people["plain"])
    batch = prepare_labels(f, users["logistics1"], [ready.id, waiting.id])
    assert batch.items == [(ready.id, ready.version)] and [i for i, _m in batch.refused] == [waiting.id]
    assert check_waybill_number(batch.waybills[0].waybill_no)
    assert snapshot(f, ready.id).state == "pending_logistics", "nothing recorded before the labels came out"
    result = record_labels_printed(f, users["logistics1"], batch.items)
    assert result.approved == [ready.id]
    after = snapshot(f, ready.id)
    assert after.state == "label_printed" and after.waybill_no == batch.waybills[0].waybill_no
