"""Waybill numbers and the label contents built from an order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import update

from agent_desk.core.waybill import check_waybill_number, validate
from agent_desk.labels.courier import courier_record
from agent_desk.services.orders.entry import save_draft
from agent_desk.services.orders.queries import get_order
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import DraftLine
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
from agent_desk.store.models import BusinessLine
from tests.services.test_orders_support import cast, drive, product_ids, snapshot, submitted


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


def test_a_privacy_waybill_masks_the_printed_phone_by_line_or_by_order_and_keeps_the_full_one(
    ref_db: Database, people: dict[str, int]
) -> None:
    # Issue 16 (14): 隐私面单. The health line masks by default; an order may ask either way.
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    with transaction(f) as s:
        s.execute(update(BusinessLine).where(BusinessLine.name == "保健品热线").values(privacy_waybill=True))
    by_line = submitted(f, users, people["vip"], notes="请先打电话\n工作日 18:00 后")
    in_full = submitted(f, users, people["vip"], privacy_waybill=False, notes="")
    kitchen = (DraftLine(skus["KT-PAN-SET3"], 1),)
    asked = submitted(f, users, people["vip"], lines=kitchen, privacy_waybill=True, notes="门卫 138 0013 8000 代收")
    plain = submitted(f, users, people["vip"], lines=kitchen)
    ids = [drive(f, users, o, "approve").id for o in (by_line, in_full, asked, plain)]

    with transaction(f) as s:
        labels, _numbers = printable_waybills(s, ids)
        details = [get_order(s, i) for i in ids]
    assert [w.printed_phone for w in labels] == ["138****8000", "138 0013 8000", "138****8000", "138 0013 8000"]
    assert [w.is_privacy for w in labels] == [True, False, True, False]
    assert [d.masks_phone_on_label for d in details] == [True, False, True, False]
    assert [d.privacy_waybill for d in details] == [None, False, True, None]
    # What the courier's system gets keeps the full number, whatever the label prints.
    assert all(w.recipient_phone == "138 0013 8000" for w in labels)
    assert all(courier_record(w)["recipient_phone"] == "138 0013 8000" for w in labels)
    # The notes go on the label as one line; on a privacy waybill a number in them is masked too.
    assert [w.delivery_notes for w in labels] == [
        "请先打电话；工作日 18:00 后",
        "",
        "门卫 138****8000 代收",
        "下午送货",
    ]
    for label in labels:
        validate(label)


def test_the_order_choice_is_kept_when_a_returned_order_is_reopened_and_its_change_audited(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    view = drive(f, users, submitted(f, users, people["vip"]), "reject_review")
    with f() as s:
        form = get_order(s, view.id).to_input()
    assert form.privacy_waybill is None
    save_draft(f, users["agent1"], replace(form, privacy_waybill=True))
    with f() as s:
        detail = get_order(s, view.id)
    assert detail.to_input().privacy_waybill is True and detail.masks_phone_on_label
    assert detail.history[-1].action == "edit" and detail.history[-1].changes == {"privacy_waybill": [None, True]}
