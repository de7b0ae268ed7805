"""Waybill numbers and the label contents built from an order."""

from __future__ import annotations

from datetime import date

import pytest

from agent_desk.core.waybill import check_waybill_number, validate
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.waybills import (
    DEMO_SENDER,
    WaybillError,
    assign_waybill_numbers,
    default_sender,
    printable_waybills,
    waybill_for,
)
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from tests.services.test_orders_support import cast, drive, snapshot, submitted


def test_numbers_are_assigned_once_with_a_check_digit_and_no_version_bump(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    cod = drive(f, users, submitted(f, users, people["vip"]), "approve")
    prepaid = drive(f, users, submitted(f, users, people["plain"], payment_method="prepaid"), "approve")
    with transaction(f) as s:
        numbers = assign_waybill_numbers(s, [cod.id, prepaid.id, cod.id])
    assert set(numbers) == {cod.id, prepaid.id} and all(check_waybill_number(n) for n in numbers.values())
    assert len(set(numbers.values())) == 2
    # A logistics desk holding the order open is not told that someone changed it.
    assert snapshot(f, cod.id).version == cod.version and snapshot(f, cod.id).events == 2
    with transaction(f) as s:
        assert assign_waybill_numbers(s, [cod.id]) == {cod.id: numbers[cod.id]}
    printed = act(f, users["logistics1"], cod.id, "print_label", expected_version=cod.version)
    assert printed.waybill_no == numbers[cod.id]

    with f() as s:
        label = waybill_for(s, cod.id, DEMO_SENDER, today=date(2026, 11, 22))
        other = waybill_for(s, prepaid.id)
    validate(label)
    assert (label.recipient_name, label.recipient_phone) == ("张伟", "138 0013 8000")
    assert label.recipient_address.one_line() == "北京市 海淀区 中关村大街1号3栋502室"
    assert label.is_cod and label.cod_amount_cents == cod.total_cents
    assert label.item_summary == "深海鱼油软胶囊 120 粒 ×2；氨糖软骨素钙片 60 片 ×1"
    assert label.order_no == cod.order_no and label.created == date(2026, 11, 22)
    assert not other.is_cod and other.sender_name == default_sender().name


def test_labels_only_for_approved_orders_and_nothing_assigned_otherwise(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    ready = drive(f, users, submitted(f, users, people["vip"]), "approve")
    waiting = submitted(f, users, people["plain"])
    with pytest.raises(WaybillError) as caught, transaction(f) as s:
        printable_waybills(s, [ready.id, waiting.id, 999])
    assert "order 999 does not exist" in str(caught.value)
    assert f"order {waiting.order_no} (id {waiting.id}) is pending review" in str(caught.value)
    assert snapshot(f, ready.id).waybill_no is None
    with f() as s, pytest.raises(WaybillError, match="has no waybill number yet"):
        waybill_for(s, ready.id)
    with transaction(f) as s:
        labels, numbers = printable_waybills(s, [ready.id])
    assert [w.waybill_no for w in labels] == [numbers[ready.id]] == [snapshot(f, ready.id).waybill_no]
