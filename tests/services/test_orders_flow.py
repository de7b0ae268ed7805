"""Order entry and the whole life cycle, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from agent_desk.services.orders.audit_trail import verify_all
from agent_desk.services.orders.entry import catalogue, likely_duplicates, new_order_input, save_draft, submit
from agent_desk.services.orders.queries import get_order, order_for_client_uuid, returned_to
from agent_desk.services.orders.types import DraftLine, OrderError, OrderValidationFailed
from agent_desk.store.database import Database
from agent_desk.store.models import FollowUp, Order, OrderEvent
from tests.services.test_orders_support import cast, count, drive, order_form, product_ids, snapshot, submitted


def test_draft_autosaves_incomplete_and_submit_takes_it_all_the_way_to_delivered(
    ref_db: Database, people: dict[str, int]
) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    with f() as s:
        blank = new_order_input(s, people["vip"])
    assert (blank.recipient_name, blank.recipient_phone, blank.city) == ("张伟", "+8613800138000", "北京市")

    # An agent types half an order; the autosave keeps it although the street is still missing.
    half = replace(blank, address_detail="", lines=(DraftLine(skus["HL-FISHOIL-120"], 2, 10),))
    draft = save_draft(f, users["agent1"], half)
    assert draft.state == "draft" and draft.order_no.startswith("SO") and draft.version == 1
    assert draft.total_cents == 53_640  # 2 × 298.00 less 10 %
    assert draft.missing == (("address", "The address needs: street address."),)
    # After a crash the desk finds the form again by its own id, exactly as typed.
    with f() as s:
        recovered = order_for_client_uuid(s, blank.client_uuid)
    assert recovered is not None and recovered.business_line_name == "保健品热线"  # from the product, as none was given
    assert recovered.to_input() == replace(half, business_line_id=recovered.business_line_id)
    assert snapshot(f, draft.id).events == 0  # drafts keep no audit history before the first submit

    full = replace(half, address_detail="中关村大街1号3栋502室", lines=(*half.lines, DraftLine(skus["HL-GLUCO-60"], 1)))
    view = submit(f, users["agent1"], full)
    assert view.id == draft.id and view.state == "pending_review" and view.submitted_at is not None
    assert view.total_cents == view.cod_amount_cents == 53_640 + 19_900

    view = drive(f, users, view, "approve", "print_label")
    assert view.state == "label_printed" and view.waybill_no is not None and view.waybill_no.startswith("AD")
    view = drive(f, users, view, "print_label", "handover", "deliver")  # a reprint, then out of the door
    assert view.state == "delivered"

    with f() as s:
        detail = get_order(s, view.id, users["agent1"])
        followups = list(s.scalars(select(FollowUp).where(FollowUp.order_id == view.id)))
    assert [h.action for h in detail.history] == [
        "submit",
        "approve",
        "print_label",
        "print_label",
        "handover",
        "deliver",
    ]
    assert detail.history[1].text == "赵审核 (auditor) approved: pending review → pending logistics"
    assert detail.history[2].changes == {"waybill_no": [None, view.waybill_no]}
    assert (detail.reviewed_by_name, detail.logistics_by_name) == ("赵审核", "周物流")
    assert detail.actions == () and detail.recipient_phone_display == "138 0013 8000"
    assert len(followups) == 1 and followups[0].assigned_to == users["agent1"].id
    assert followups[0].due_at - detail.history[-1].at == timedelta(days=3) or (
        timedelta(days=3) <= followups[0].due_at - detail.history[-1].at < timedelta(days=3, seconds=2)
    )
    assert verify_all(f).ok


def test_returned_order_is_fixed_with_an_audited_edit_and_resubmitted(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    view = submitted(f, users, people["vip"], address_detail="中关村大街1号")
    view = drive(f, users, view, "reject_review", reason="地址缺少门牌号，请与客户确认")
    assert view.state == "returned"

    with f() as s:
        mine = returned_to(s, users["agent1"].id)
        detail = get_order(s, view.id, users["agent1"])
    assert [(o.id, o.last_reason) for o in mine] == [(view.id, "地址缺少门牌号，请与客户确认")]
    assert detail.actions == ("submit", "cancel")

    fixed = replace(detail.to_input(), address_detail="中关村大街1号3栋502室")
    saved = save_draft(f, users["agent1"], fixed)
    assert saved.state == "returned" and saved.version == view.version + 1
    assert save_draft(f, users["agent1"], fixed).version == saved.version  # unchanged autosave writes nothing
    view = submit(f, users["agent1"], fixed)
    assert view.state == "pending_review"
    view = drive(f, users, view, "approve", "reject_logistics", reason="电话打不通")
    assert view.state == "returned" and view.last_reason == "电话打不通"

    with f() as s:
        history = get_order(s, view.id).history
        assert returned_to(s, users["agent2"].id) == []
    assert [h.action for h in history] == ["submit", "reject_review", "edit", "submit", "approve", "reject_logistics"]
    edit = history[2]
    assert edit.changes == {"address_detail": ["中关村大街1号", "中关村大街1号3栋502室"]}
    assert edit.from_state == edit.to_state == "returned" and edit.actor_name == "王小燕"
    assert "地址缺少门牌号" in history[1].text and "returned to the agent" in history[1].text


def test_submit_is_idempotent_by_client_id(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    form = order_form(people["vip"], product_ids(f))
    first = submit(f, users["agent1"], form)
    again = submit(f, users["agent1"], replace(form, notes="a retry after a timeout"))
    assert again == first
    assert count(f, Order) == 1 and count(f, OrderEvent) == 1
    with pytest.raises(OrderError, match="pending review and can no longer be edited"):
        save_draft(f, users["agent1"], form)
    with pytest.raises(OrderError, match="taken by another agent"):
        submit(f, users["agent2"], form)
    assert snapshot(f, first.id).version == first.version


GARBAGE = [
    ({"lines": ((999_999, 1, 0),)}, "lines", "Line 1: product 999999 is not in the catalogue."),
    (
        {"lines": (("HL-FISHOIL-120", 0, 0),)},
        "lines",
        "Line 1 (深海鱼油软胶囊 120 粒): the quantity must be a whole number from 1 to 999, not 0.",
    ),
    ({"lines": (("HL-GLUCO-60", 1, 0), ("HL-FISHOIL-120", 1000, 0))}, "lines", "Line 2 (深海鱼油软胶囊 120 粒)"),
    ({"lines": (("HL-PROTEIN-900", 1, 15),)}, "lines", "15% discount is more than the 10% allowed on this product"),
    ({"lines": (("HL-GLUCO-60", 1, 25),)}, "lines", "a 25% discount is more than the 20% you may give"),
    ({"payment_method": "bitcoin"}, "payment_method", "cash on delivery (cod) or prepaid"),
    ({"recipient_name": "名" * 101}, "recipient_name", "101 characters long; at most 100"),
    ({"address_detail": "1号\n2号"}, "address_detail", "must be a single line"),
    ({"recipient_phone": "1" * 25}, "recipient_phone", "too long to be a phone number"),
    ({"client_uuid": "not-a-uuid"}, "client_uuid", "is not a UUID"),
    ({"customer_id": 987_654}, "customer_id", "Customer 987654 does not exist."),
]


def test_garbage_is_refused_even_in_a_draft_and_nothing_is_saved(ref_db: Database, people: dict[str, int]) -> None:
    f, skus = ref_db.factory, product_ids(ref_db.factory)
    agent = cast(f)["agent1"]
    for change, field, message in GARBAGE:
        if "lines" in change:
            change = {"lines": tuple(DraftLine(skus.get(p, p), q, d) for p, q, d in change["lines"])}
        form = replace(order_form(people["vip"], skus), **change)
        with pytest.raises(OrderValidationFailed) as caught:
            save_draft(f, agent, form)
        assert (caught.value.field, message in str(caught.value)) == (field, True), str(caught.value)
    assert count(f, Order) == 0


def test_incomplete_order_is_kept_when_submit_refuses_it(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    form = order_form(people["vip"], product_ids(f), province="", city=" ", recipient_phone="138 0013")
    with pytest.raises(OrderValidationFailed) as caught:
        submit(f, users["agent1"], form)
    assert [p[0] for p in caught.value.problems] == ["recipient_phone", "address"]
    assert "The address needs: province, city." in str(caught.value)
    with f() as s:
        kept = order_for_client_uuid(s, form.client_uuid)
    assert kept is not None and kept.state == "draft" and kept.recipient_phone == "138 0013"
    assert count(f, OrderEvent) == 0
    with pytest.raises(OrderValidationFailed, match="no products yet"):
        submit(
            f, users["agent1"], replace(form, province="北京市", city="北京市", recipient_phone="13800138000", lines=())
        )


def test_same_customer_same_items_soon_after_is_flagged(ref_db: Database, people: dict[str, int]) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    first = submitted(f, users, people["vip"])
    again = order_form(
        people["vip"], skus, lines=(DraftLine(skus["HL-GLUCO-60"], 3), DraftLine(skus["HL-FISHOIL-120"], 1))
    )
    save_draft(f, users["agent2"], again)
    wanted = {skus["HL-FISHOIL-120"], skus["HL-GLUCO-60"]}
    with f() as s:
        flagged = likely_duplicates(s, people["vip"], wanted, exclude_client_uuid=again.client_uuid)
        assert [o.id for o in flagged] == [first.id] and "深海鱼油" in flagged[0].items
        assert likely_duplicates(s, people["vip"], {skus["HL-GLUCO-60"]}) == []  # different items
        assert likely_duplicates(s, people["plain"], wanted) == []  # different customer
        assert likely_duplicates(s, people["vip"], wanted, within=timedelta(0)) == []  # long ago


def test_catalogue_puts_the_callers_line_first(ref_db: Database) -> None:
    with ref_db.factory() as s:
        kitchen = next(p.business_line_id for p in catalogue(s, query="KT-PAN"))
        products = catalogue(s, business_line_id=kitchen)
        found = catalogue(s, query="鱼油")
    lines = [p.in_caller_line for p in products]
    assert lines == sorted(lines, reverse=True) and lines.count(True) == 4 and len(products) > 4
    assert [p.sku for p in found] == ["HL-FISHOIL-120"]
    assert found[0].price_cents == 29_800 and found[0].business_line_name == "保健品热线"
