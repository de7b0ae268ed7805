"""Moving orders through the life cycle: one transaction per action, optimistic locking on ``version``.

The rules come from :mod:`agent_desk.core.orders` only; this module applies them: the state, the
stamps (reviewed_by / logistics_by), the waybill number, the follow-up, and one audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from agent_desk.core.orders import (
    OrderAction,
    OrderState,
    Role,
    RoleNotAllowed,
    Stage,
    TransitionError,
    plan_transition,
    stage_of,
)
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import Problem
from agent_desk.services.orders.audit_trail import append_event
from agent_desk.services.orders.checks import require_complete, view_of
from agent_desk.services.orders.hands import past_hands
from agent_desk.services.orders.types import (
    BulkResult,
    OrderError,
    OrderNotFound,
    OrderValidationFailed,
    OrderView,
    StaleOrder,
)
from agent_desk.services.orders.waybills import waybill_number_for
from agent_desk.store.clock import utcnow
from agent_desk.store.db import transaction
from agent_desk.store.models import FollowUp, Order, OrderEvent, User

MAX_REASON_LENGTH = 500


def parse_action(action: str) -> OrderAction:
    try:
        return OrderAction(action)
    except ValueError:
        known = ", ".join(a.value for a in OrderAction)
        raise OrderError("order.unknown_action", given=action, known=known) from None


def stale_error(session: Session, order_id: int) -> StaleOrder:
    """Who changed the order last, from its newest audit event, in words."""
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        return StaleOrder("order.stale.gone", by_user="", state="", order_id=order_id)
    row = session.execute(
        select(OrderEvent.action, OrderEvent.at, User.display_name)
        .join(User, User.id == OrderEvent.actor_id)
        .where(OrderEvent.order_id == order_id)
        .order_by(OrderEvent.seq.desc())
        .limit(1)
    ).first()
    state = OrderState(order.state)
    if row is None:
        # Drafts keep no history before their first submit; only their owner edits them.
        owner = session.scalar(select(User.display_name).where(User.id == order.taken_by)) or ""
        return StaleOrder("order.stale.changed", by_user=owner, state=state.value, order_no=order.order_no)
    action, at, name = row
    local = at.replace(tzinfo=UTC).astimezone()
    return StaleOrder(
        "order.stale.already_done",
        by_user=name,
        state=state.value,
        order_no=order.order_no,
        action_done=action,
        time=f"{local:%H:%M}",
    )


def apply_transition(
    session: Session,
    user: CurrentUser,
    order: Order,
    action: OrderAction,
    *,
    expected_version: int,
    reason: str = "",
    followup_delay_days: int = 3,
) -> None:
    """Check and apply one action to ``order`` (loaded in ``session``); the caller flushes and commits.

    Order of checks, as core.orders decides: role, then whether someone else moved the order
    (version), then state, ownership, separation of duties and reason.
    """
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise OrderValidationFailed("order.field_too_long", field="reason", length=len(reason), limit=MAX_REASON_LENGTH)
    problem: TransitionError | None = None
    hands = past_hands(session, [order.id])[order.id]
    try:
        target = plan_transition(
            OrderState(order.state),
            action,
            actor_id=user.id,
            actor_role=Role(user.role),
            reason=reason,
            taken_by=order.taken_by,
            reviewed_by=hands.reviewers,
            logistics_by=hands.logistics,
        )
    except RoleNotAllowed:
        raise
    except TransitionError as exc:
        problem = exc
    if order.version != expected_version:
        raise stale_error(session, order.id)
    if problem is not None:
        raise problem
    if action is OrderAction.SUBMIT:
        require_complete(order)
    from_state = order.state
    now = utcnow()
    changes: dict[str, list[str | None]] = {}
    order.state = target.value
    stage = stage_of(action)
    if stage is Stage.REVIEW:
        order.reviewed_by = user.id
    elif stage is Stage.LOGISTICS:
        order.logistics_by = user.id
    if reason:
        order.last_reason = reason
    if action is OrderAction.SUBMIT:
        order.submitted_at = now
    if action is OrderAction.PRINT_LABEL and order.waybill_no is None:
        order.waybill_no = waybill_number_for(order.id)
        changes["waybill_no"] = [None, order.waybill_no]
    if action is OrderAction.DELIVER:
        session.add(
            FollowUp(
                customer_id=order.customer_id,
                order_id=order.id,
                due_at=now + timedelta(days=followup_delay_days),
                assigned_to=order.taken_by,
                status="open",
            )
        )
    # No autoflush: the order's UPDATE … WHERE version = ? must go out once, with the new head.
    with session.no_autoflush:
        append_event(
            session,
            order,
            action=action.value,
            from_state=from_state,
            to_state=target.value,
            actor_id=user.id,
            actor_role=user.role,
            reason=reason,
            changes=changes,
        )
    session.flush()


def act(
    factory: sessionmaker[Session],
    user: CurrentUser,
    order_id: int,
    action: str,
    *,
    expected_version: int,
    reason: str = "",
    followup_delay_days: int = 3,
) -> OrderView:
    """Take ``action`` on an order the user saw at ``expected_version``.

    Raises :class:`StaleOrder` (naming who got there first) when the order changed since, a
    core ``TransitionError`` when the rules forbid it; in both cases nothing is written.
    """
    what = parse_action(action)
    try:
        with transaction(factory) as session:
            order = session.get(Order, order_id)
            if order is None:
                raise OrderNotFound("order.not_found", order_id=order_id)
            apply_transition(
                session,
                user,
                order,
                what,
                expected_version=expected_version,
                reason=reason,
                followup_delay_days=followup_delay_days,
            )
            return view_of(order)
    except StaleDataError:
        # Another desk committed between our read and our UPDATE … WHERE version = ?.
        with factory() as session:
            raise stale_error(session, order_id) from None


def bulk_act(
    factory: sessionmaker[Session], user: CurrentUser, action: str, items: Sequence[tuple[int, int]]
) -> BulkResult:
    """One action on ``(order_id, expected_version)`` pairs, one transaction each: one failure stops no other."""
    done: list[int] = []
    failed: list[tuple[int, Problem]] = []
    for order_id, version in items:
        try:
            act(factory, user, order_id, action, expected_version=version)
        except (OrderError, TransitionError) as exc:
            failed.append((order_id, exc.as_problem()))
        else:
            done.append(order_id)
    return BulkResult(done, failed)


def bulk_approve(factory: sessionmaker[Session], user: CurrentUser, items: Sequence[tuple[int, int]]) -> BulkResult:
    return bulk_act(factory, user, OrderAction.APPROVE.value, items)
