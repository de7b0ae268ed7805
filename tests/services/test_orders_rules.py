"""Forbidden actions are refused with a clear message and change nothing; stale versions name the winner."""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent_desk.core.orders import (
    IllegalTransition,
    NotOrderOwner,
    ReasonRequired,
    RoleNotAllowed,
    SeparationOfDuties,
    TransitionError,
)
from agent_desk.services.orders.entry import save_draft, submit
from agent_desk.services.orders.queries import get_order
from agent_desk.services.orders.transitions import act, bulk_approve
from agent_desk.services.orders.types import OrderError, OrderNotFound, OrderValidationFailed, StaleOrder
from agent_desk.store.database import Database
from agent_desk.store.models import FollowUp
from tests.services.test_orders_support import cast, count, drive, order_form, product_ids, snapshot, submitted


def test_every_forbidden_action_is_refused_and_nothing_changes(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    pending = submitted(f, users, people["vip"])
    shipped = drive(f, users, submitted(f, users, people["plain"]), "approve", "print_label", "handover")
    delivered = drive(
        f, users, submitted(f, users, people["family_a"]), "approve", "print_label", "handover", "deliver"
    )
    # The auditor who reviewed an order later moves to the warehouse: still may not do its logistics.
    moved = replace(users["auditor1"], role="logistics")
    approved = drive(f, users, submitted(f, users, people["family_b"]), "approve")

    cases: list[tuple[int, str, str, str, type[Exception], str]] = [
        (
            pending.id,
            "agent1",
            "approve",
            "",
            RoleNotAllowed,
            "The agent role may not approve orders; this is done by: auditor.",
        ),
        (pending.id, "logistics1", "cancel", "客户取消", RoleNotAllowed, "this is done by: agent, auditor, supervisor"),
        (pending.id, "admin", "cancel", "x", RoleNotAllowed, "The admin role may not cancel orders"),
        (pending.id, "auditor1", "print_label", "", RoleNotAllowed, "may not print the label for orders"),
        (pending.id, "auditor1", "reject_review", "   ", ReasonRequired, "Please give a reason to return to the agent"),
        (pending.id, "agent2", "cancel", "客户取消", NotOrderOwner, "it was taken by another agent"),
        (pending.id, "logistics1", "handover", "", IllegalTransition, "it is pending review"),
        (shipped.id, "agent1", "cancel", "客户取消", IllegalTransition, "Cannot cancel this order: it is shipped."),
        (shipped.id, "auditor1", "approve", "", IllegalTransition, "only possible for orders that are pending review"),
        (delivered.id, "logistics1", "refuse", "", IllegalTransition, "already delivered and can no longer change"),
        (approved.id, "moved", "print_label", "", SeparationOfDuties, "because you reviewed this order"),
        (pending.id, "auditor1", "ship_it", "", OrderError, "Unknown order action 'ship_it'"),
        (pending.id, "auditor1", "reject_review", "长" * 501, OrderValidationFailed, "at most 500 fit"),
    ]
    everyone = {**users, "moved": moved}
    before = {o.id: snapshot(f, o.id) for o in (pending, shipped, delivered, approved)}
    followups = count(f, FollowUp)
    for order_id, who, action, reason, error, message in cases:
        version = before[order_id].version
        with pytest.raises(error) as caught:
            act(f, everyone[who], order_id, action, expected_version=version, reason=reason)
        assert message in str(caught.value), (who, action, str(caught.value))
        assert snapshot(f, order_id) == before[order_id], (who, action)
    assert count(f, FollowUp) == followups
    with pytest.raises(OrderNotFound, match="Order 424242 does not exist"):
        act(f, users["auditor1"], 424242, "approve", expected_version=1)
    # Only order-taking roles save drafts, and only their own.
    with pytest.raises(RoleNotAllowed, match="The auditor role may not submit orders"):
        save_draft(f, users["auditor1"], order_form(people["vip"], product_ids(f)))
    with f() as s:
        assert get_order(s, pending.id, users["agent2"]).actions == ()
        assert get_order(s, pending.id, users["auditor1"]).actions == ("approve", "reject_review", "cancel")
        assert get_order(s, approved.id, moved).actions == ()
        assert get_order(s, approved.id, users["logistics1"]).actions == ("reject_logistics", "print_label")


def test_acting_on_an_outdated_version_names_who_got_there_first(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    seen = submitted(f, users, people["vip"])
    act(f, users["auditor1"], seen.id, "approve", expected_version=seen.version)
    after = snapshot(f, seen.id)
    with pytest.raises(StaleOrder) as caught:
        act(f, users["auditor2"], seen.id, "reject_review", expected_version=seen.version, reason="地址不全")
    assert caught.value.by_user == "赵审核" and caught.value.state == "pending_logistics"
    assert str(caught.value).startswith(f"Order {seen.order_no} was already approved by 赵审核 at ")
    assert str(caught.value).endswith("; it is now pending logistics.")
    assert snapshot(f, seen.id) == after
    # A role that may never act hears about the role, not about the race.
    with pytest.raises(RoleNotAllowed):
        act(f, users["agent1"], seen.id, "approve", expected_version=seen.version)


def test_bulk_approve_approves_what_it_can_and_explains_the_rest(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    a, b, c = (submitted(f, users, people[p]) for p in ("vip", "plain", "family_a"))
    act(f, users["auditor2"], b.id, "approve", expected_version=b.version)  # a colleague was faster
    cancelled = act(f, users["agent1"], c.id, "cancel", expected_version=c.version, reason="客户来电取消")
    result = bulk_approve(f, users["auditor1"], [(a.id, a.version), (b.id, b.version), (c.id, cancelled.version)])
    assert result.approved == [a.id]
    assert result.failed[0][0] == b.id and result.failed[0][1].startswith(f"Order {b.order_no} was already approved")
    assert result.failed[1][0] == c.id and "already cancelled" in result.failed[1][1]
    assert snapshot(f, a.id).reviewed_by == users["auditor1"].id
    assert snapshot(f, b.id).reviewed_by == users["auditor2"].id
    assert issubclass(StaleOrder, OrderError) and not issubclass(TransitionError, OrderError)


def test_a_reviewer_of_an_earlier_round_may_not_ship_the_order_after_moving_to_logistics(
    ref_db: Database, people: dict[str, int]
) -> None:
    from sqlalchemy import update

    from agent_desk.services.orders.logistics import prepare_labels
    from agent_desk.store.models import User

    f, users = ref_db.factory, cast(ref_db.factory)
    view = submitted(f, users, people["vip"])
    view = act(f, users["auditor2"], view.id, "approve", expected_version=view.version)
    view = drive(f, users, view, "reject_logistics")  # logistics sends it back; the agent fixes and resubmits
    view = submit(f, users["agent1"], replace(order_form(people["vip"], product_ids(f)), client_uuid=view.client_uuid))
    view = drive(f, users, view, "approve")  # auditor1 now holds the reviewed_by stamp
    with f() as s, s.begin():  # auditor2 moves to the logistics team
        s.execute(update(User).where(User.id == users["auditor2"].id).values(role="logistics"))
    mover = replace(users["auditor2"], role="logistics")
    before = snapshot(f, view.id)

    with pytest.raises(SeparationOfDuties, match="reviewed this order"):
        act(f, mover, view.id, "print_label", expected_version=view.version)
    assert snapshot(f, view.id) == before
    with f() as s:
        assert "print_label" not in get_order(s, view.id, mover).actions
        assert "print_label" in get_order(s, view.id, users["logistics1"]).actions
    batch = prepare_labels(f, mover, [view.id])
    assert batch.items == [] and "reviewed this order" in batch.refused[0][1]
