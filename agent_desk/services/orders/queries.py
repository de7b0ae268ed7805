"""Reading orders: one order in full, the id-backed audit and logistics queues, the agent's returned list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased

from agent_desk.core.orders import OrderState
from agent_desk.core.phone import InvalidPhoneNumber, format_display, mask_stored, try_normalize
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.customers.records import ORDER_SUMMARY_COLUMNS, OrderSummary, order_summaries
from agent_desk.services.orders.types import (
    ACTION_PAST,
    HistoryEntry,
    LineView,
    OrderDetail,
    OrderNotFound,
    QueueRow,
)
from agent_desk.services.orders.waybills import masks_phone
from agent_desk.store.clock import utcnow
from agent_desk.store.models import BusinessLine, Customer, Order, OrderEvent, User

# Why the order is where it is now: the reason of the action that brought it into its state (a
# returned order's "why", a cancelled or refused one's). Order.last_reason keeps the last reason ever
# given, so an order fixed, resubmitted and approved would still carry its old return reason; that
# reason is history (the audit trail tells it), not a fact of the order now. Edits and reprints keep
# the state, so they do not count as entering it.
_reason_now = func.coalesce(
    select(OrderEvent.reason)
    .where(OrderEvent.order_id == Order.id, OrderEvent.from_state.is_distinct_from(OrderEvent.to_state))
    .order_by(OrderEvent.seq.desc())
    .limit(1)
    .correlate(Order)
    .scalar_subquery(),
    "",
)

_Taker = aliased(User)
_queue_rows = (
    select(
        Order.id,
        Order.order_no,
        Order.state,
        Customer.name,
        Order.recipient_name,
        Order.recipient_phone,
        Order.total_cents,
        Order.payment_method,
        Order.cod_amount_cents,
        Order.submitted_at,
        _Taker.display_name,
        BusinessLine.name,
        _reason_now,
        Order.waybill_no,
        Order.version,
    )
    .join(Customer, Customer.id == Order.customer_id)
    .join(_Taker, _Taker.id == Order.taken_by)
    .outerjoin(BusinessLine, BusinessLine.id == Order.business_line_id)
    .where(Order.id.in_(bindparam("ids", expanding=True)))
)


def summaries(session: Session, where: Any, *order_by: Any) -> list[OrderSummary]:
    """Orders as the pop lists them (screen_pop.OrderSummary), items spelled out."""
    rows = session.execute(select(*ORDER_SUMMARY_COLUMNS).where(where).order_by(*order_by)).all()
    return order_summaries(session, rows)[0]


@lru_cache(maxsize=65_536)
def _display_phone(stored: str, *, masked: bool, region: str = "CN") -> str:
    # Cached: libphonenumber costs ~0.1 ms a number, most of a queue page's time; scrolling repeats them.
    if masked:
        return mask_stored(stored, region)
    try:
        return format_display(stored, region)
    except InvalidPhoneNumber:
        return stored  # a draft's half-typed number, shown as typed to a role that sees numbers


def _state_label(state: str | None) -> str:
    return OrderState(state).label if state else "new"


def _history_text(
    name: str, role: str, action: str, from_state: str | None, to_state: str, reason: str, changes: dict[str, Any]
) -> str:
    verb = ACTION_PAST.get(action, action)
    text = f"{name} ({role}) {verb}"
    if from_state != to_state:
        text += f": {_state_label(from_state)} → {_state_label(to_state)}"
    if reason:
        text += f". Reason: {reason}"
    if changes:
        parts = []
        for key, value in changes.items():
            if isinstance(value, list) and len(value) == 2:
                parts.append(f"{key} {value[0] if value[0] not in (None, '') else '(empty)'} → {value[1]}")
            else:
                parts.append(f"{key} {value}")
        text += ". Changed: " + "; ".join(parts)
    return text


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def get_order(session: Session, order_id: int, user: CurrentUser | None = None) -> OrderDetail:
    """Everything about one order: fields, lines, readable history, and ``user``'s possible actions."""
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        raise OrderNotFound("order.not_found", order_id=order_id)
    events = list(session.scalars(select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.seq)))
    names = _names(session, {order.taken_by, order.reviewed_by, order.logistics_by} | {e.actor_id for e in events})
    customer_name = session.scalar(select(Customer.name).where(Customer.id == order.customer_id)) or ""
    line = (
        session.execute(
            select(BusinessLine.name, BusinessLine.privacy_waybill).where(BusinessLine.id == order.business_line_id)
        ).first()
        if order.business_line_id is not None
        else None
    )
    line_name, line_privacy = (line.name, line.privacy_waybill) if line is not None else (None, None)
    history = tuple(
        HistoryEntry(
            id=e.id,
            seq=e.seq,
            at=e.at,
            actor_id=e.actor_id,
            actor_name=names.get(e.actor_id, f"user {e.actor_id}"),
            actor_role=e.actor_role,
            action=e.action,
            from_state=e.from_state,
            to_state=e.to_state,
            reason=e.reason,
            changes=dict(e.changes or {}),
            text=_history_text(
                names.get(e.actor_id, f"user {e.actor_id}"),
                e.actor_role,
                e.action,
                e.from_state,
                e.to_state,
                e.reason,
                dict(e.changes or {}),
            ),
        )
        for e in events
    )
    detail = OrderDetail(
        id=order.id,
        order_no=order.order_no,
        client_uuid=order.client_uuid,
        state=order.state,
        version=order.version,
        customer_id=order.customer_id,
        customer_name=customer_name,
        business_line_id=order.business_line_id,
        business_line_name=line_name or "",
        call_id=order.call_id,
        taken_by=order.taken_by,
        taken_by_name=names.get(order.taken_by, ""),
        reviewed_by=order.reviewed_by,
        reviewed_by_name=names.get(order.reviewed_by, "") if order.reviewed_by else "",
        logistics_by=order.logistics_by,
        logistics_by_name=names.get(order.logistics_by, "") if order.logistics_by else "",
        recipient_name=order.recipient_name,
        recipient_phone=order.recipient_phone,
        recipient_phone_display=_display_phone(order.recipient_phone, masked=False),
        province=order.province,
        city=order.city,
        district=order.district,
        address_detail=order.address_detail,
        postcode=order.postcode,
        payment_method=order.payment_method,
        cod_amount_cents=order.cod_amount_cents,
        subtotal_cents=order.subtotal_cents,
        discount_cents=order.discount_cents,
        total_cents=order.total_cents,
        notes=order.notes,
        last_reason=session.scalar(select(_reason_now).where(Order.id == order_id)) or "",
        waybill_no=order.waybill_no,
        created_at=order.created_at,
        submitted_at=order.submitted_at,
        updated_at=order.updated_at,
        lines=tuple(
            LineView(
                ln.product_id, ln.product_name, ln.unit_price_cents, ln.quantity, ln.discount_pct, ln.line_total_cents
            )
            for ln in order.lines
        ),
        history=history,
        privacy_waybill=order.privacy_waybill,
        masks_phone_on_label=masks_phone(order.privacy_waybill, line_privacy),
    )
    if user is None:
        return detail
    return replace(detail, actions=detail.actions_for(user))


def order_for_client_uuid(session: Session, client_uuid: str, user: CurrentUser | None = None) -> OrderDetail | None:
    """The order a desk's form became, if it was saved at all (crash recovery, retried submits)."""
    order_id = session.scalar(select(Order.id).where(Order.client_uuid == client_uuid.strip()))
    return None if order_id is None else get_order(session, order_id, user)


def queue_ids(
    session: Session,
    state: str,
    *,
    business_line_id: int | None = None,
    search: str = "",
    oldest_first: bool = True,
    limit: int | None = None,
) -> list[int]:
    """Ids of the orders in ``state``, oldest submission first (FIFO audit); cheap at 10k+ rows.

    ``search`` narrows by order or waybill number, recipient phone (any spelling), or the start of
    the recipient's or customer's name. Drafts (never submitted) sort by creation time.
    """
    state = OrderState(state).value
    key = Order.created_at if state == OrderState.DRAFT.value else Order.submitted_at
    stmt = select(Order.id).where(Order.state == state)
    if business_line_id is not None:
        stmt = stmt.where(Order.business_line_id == business_line_id)
    text = search.strip()[:100]
    if text:
        e164 = try_normalize(text) if sum(ch.isdigit() for ch in text) >= 7 else None
        if e164:
            stmt = stmt.where(Order.recipient_phone == e164)
        else:
            upper = text.upper()
            customers = select(Customer.id).where(Customer.name.startswith(text, autoescape=True))
            stmt = stmt.where(
                Order.order_no.startswith(upper, autoescape=True)
                | (Order.waybill_no == upper)
                | Order.recipient_name.startswith(text, autoescape=True)
                | Order.customer_id.in_(customers)
            )
    stmt = stmt.order_by(key.asc() if oldest_first else key.desc(), Order.id.asc() if oldest_first else Order.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    # Core, not ORM: plain ids need no entity loading, which was most of the time at 10k rows.
    return list(session.connection().execute(stmt).scalars())


def queue_rows(session: Session, ids: Sequence[int], *, mask_phones: bool = True) -> list[QueueRow]:
    """The rows of a queue page, in the order of ``ids``; phones masked unless the role needs them."""
    if not ids:
        return []
    now = utcnow()
    by_id: dict[int, QueueRow] = {}
    for r in session.connection().execute(_queue_rows, {"ids": list(ids)}):
        (
            oid,
            no,
            state,
            customer,
            recipient,
            phone,
            total,
            payment,
            cod,
            submitted,
            taker,
            line,
            reason,
            waybill,
            version,
        ) = r
        by_id[oid] = QueueRow(
            id=oid,
            order_no=no,
            state=state,
            customer_name=customer,
            recipient_name=recipient,
            recipient_phone=_display_phone(phone, masked=mask_phones),
            total_cents=total,
            payment_method=payment,
            cod_amount_cents=cod,
            submitted_at=submitted,
            waiting_seconds=max(0, int((now - submitted).total_seconds())) if submitted else 0,
            taken_by_name=taker,
            business_line_name=line or "",
            last_reason=reason,
            waybill_no=waybill,
            version=version,
        )
    return [by_id[i] for i in ids if i in by_id]


def returned_to(session: Session, user_id: int) -> list[OrderSummary]:
    """The agent's "returned to me" list: their orders sent back for fixing, newest return first."""
    return summaries(
        session,
        (Order.taken_by == user_id) & (Order.state == OrderState.RETURNED.value),
        Order.updated_at.desc(),
        Order.id.desc(),
    )


__all__ = ["get_order", "order_for_client_uuid", "queue_ids", "queue_rows", "returned_to"]
