"""What the audit and logistics workspaces read and do, on top of services.orders.

The queues themselves are :func:`~agent_desk.services.orders.queue_ids` and ``queue_rows``; this
module adds the order beside its customer's record (phones masked per role, access logged), the
business lines for the filter. Actions are services.orders.act / bulk_act: the session factory
announces every order change to the other desks' queues.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.phone import display_number, mask_stored
from agent_desk.core.roles import sees_full_numbers
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.customers.records import CustomerRecord
from agent_desk.services.customers.search import open_customer
from agent_desk.services.orders.queries import get_order, queue_ids, queue_rows
from agent_desk.services.orders.types import OrderDetail
from agent_desk.store.db import transaction
from agent_desk.store.models import BusinessLine


@dataclass(frozen=True)
class QueueQuery:
    """One queue as the workspace filters it; immutable, so the worker reads a consistent copy."""

    state: str
    business_line_id: int | None = None
    search: str = ""


@dataclass(frozen=True)
class OrderBeside:
    """An order and its customer's record side by side. ``recipient_phone_shown`` is masked per role;
    ``customer`` is None when the customer no longer exists."""

    order: OrderDetail
    recipient_phone_shown: str
    customer: CustomerRecord | None


def business_lines(session: Session) -> list[tuple[int, str]]:
    """Active business lines as (id, name), for the queue filter."""
    rows = session.execute(
        select(BusinessLine.id, BusinessLine.name).where(BusinessLine.active).order_by(BusinessLine.name)
    )
    return [(r.id, r.name) for r in rows]


def load_queue_ids(session: Session, query: QueueQuery) -> list[int]:
    return queue_ids(session, query.state, business_line_id=query.business_line_id, search=query.search)


def load_queue_rows(session: Session, ids: Sequence[int], role: str) -> list[dict[str, Any]]:
    """A page of queue rows as plain mappings (what LazyTableModel shows), phones masked per role."""
    return [dict(vars(row)) for row in queue_rows(session, ids, mask_phones=not sees_full_numbers(role))]


def shown_phone(e164: str, role: str) -> str:
    if sees_full_numbers(role):
        return display_number(e164)
    return mask_stored(e164)


def order_beside_customer(factory: sessionmaker[Session], user: CurrentUser, order_id: int) -> OrderBeside:
    """The order with ``user``'s possible actions, and its customer's record (logged as an access)."""
    with transaction(factory) as session:
        order = get_order(session, order_id, user)
        customer = open_customer(session, order.customer_id, user_id=user.id, role=user.role, context="order")
        return OrderBeside(order, shown_phone(order.recipient_phone, user.role), customer)
