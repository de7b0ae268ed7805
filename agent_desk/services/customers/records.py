"""The customer record: the card (name, flags, phones, addresses) and the customer's history.

What the screen pop, the Customers workspace and the audit desks show of a customer, read with
prebuilt Core statements (bind parameters, on the session's connection): ORM entity loading would
triple the pop's cost. The pop (:mod:`agent_desk.services.calls.screen_pop`) builds on this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, bindparam, literal_column, select
from sqlalchemy.orm import Session

from agent_desk.core.phone import display_number
from agent_desk.store.models import (
    Address,
    Call,
    Customer,
    CustomerPhone,
    Disposition,
    FollowUp,
    Order,
    OrderLine,
    User,
)

RECENT = 10


@dataclass(frozen=True)
class PhoneView:
    e164: str
    display: str
    label: str


@dataclass(frozen=True)
class AddressView:
    id: int
    province: str
    city: str
    district: str
    detail: str
    postcode: str
    is_default: bool

    @property
    def one_line(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


@dataclass(frozen=True)
class CustomerMatch:
    id: int
    name: str
    vip: bool
    blacklisted: bool
    phones: list[PhoneView]


@dataclass(frozen=True)
class CustomerCard:
    id: int
    name: str
    gender: str
    notes: str
    vip: bool
    vip_note: str
    blacklisted: bool
    blacklist_reason: str
    phones: list[PhoneView]
    addresses: list[AddressView]


@dataclass(frozen=True)
class OrderSummary:
    id: int
    order_no: str
    state: str
    total_cents: int
    payment_method: str
    created_at: datetime
    items: str
    last_reason: str


@dataclass(frozen=True)
class CallSummary:
    id: int
    offered_at: datetime | None
    answered_at: datetime | None
    end_reason: str
    disposition: str
    notes: str
    agent: str
    disposition_zh: str = ""


@dataclass(frozen=True)
class FollowUpSummary:
    id: int
    due_at: datetime
    order_id: int | None
    notes: str


@dataclass
class CustomerRecord:
    """One customer's card and histories; empty until :func:`fill_history` loads them."""

    card: CustomerCard | None = None
    recent_orders: list[OrderSummary] = field(default_factory=list)
    returned_orders: list[OrderSummary] = field(default_factory=list)
    recent_calls: list[CallSummary] = field(default_factory=list)
    open_followups: list[FollowUpSummary] = field(default_factory=list)


R = TypeVar("R", bound=CustomerRecord)


# --- prebuilt statements ---------------------------------------------------------------------------

_phones_of = (
    select(CustomerPhone.customer_id, CustomerPhone.e164, CustomerPhone.label)
    .where(CustomerPhone.customer_id.in_(bindparam("ids", expanding=True)))
    .order_by(CustomerPhone.customer_id, CustomerPhone.is_primary.desc(), CustomerPhone.id)
)
_customer = select(
    Customer.id,
    Customer.name,
    Customer.gender,
    Customer.notes,
    Customer.vip,
    Customer.vip_note,
    Customer.blacklisted,
    Customer.blacklist_reason,
).where(Customer.id == bindparam("cid"))
_addresses = (
    select(
        Address.id,
        Address.province,
        Address.city,
        Address.district,
        Address.detail,
        Address.postcode,
        Address.is_default,
    )
    .where(Address.customer_id == bindparam("cid"))
    .order_by(Address.is_default.desc(), Address.id)
)
# What OrderSummary needs from an order, items apart; order_summaries() adds those.
ORDER_SUMMARY_COLUMNS = (
    Order.id,
    Order.order_no,
    Order.state,
    Order.total_cents,
    Order.payment_method,
    Order.created_at,
    Order.last_reason,
)
# Only columns of ix_orders_customer_history: the history is read from the index, never the table.
# The reason matters for returned orders only, and comes with them.
_recent_orders = (
    select(*ORDER_SUMMARY_COLUMNS[:-1], literal_column("''").label("last_reason"))
    .where(Order.customer_id == bindparam("cid"))
    .order_by(Order.created_at.desc(), Order.id.desc())
    .limit(RECENT)
)
# The state as a literal, not a parameter: only then may the planner use the partial index.
_returned_orders = (
    select(*ORDER_SUMMARY_COLUMNS)
    .where(Order.customer_id == bindparam("cid"), Order.state == literal_column("'returned'"))
    .order_by(Order.created_at.desc())
    .limit(RECENT)
)
_order_items = (
    select(OrderLine.order_id, OrderLine.product_name, OrderLine.quantity)
    .where(OrderLine.order_id.in_(bindparam("ids", expanding=True)))
    .order_by(OrderLine.order_id, OrderLine.id)
)
_recent_calls = (
    select(
        Call.id,
        Call.offered_at,
        Call.answered_at,
        Call.end_reason,
        Disposition.label,
        Call.notes,
        User.display_name,
        Disposition.label_zh,
    )
    .outerjoin(Disposition, Disposition.code == Call.disposition_code)
    .outerjoin(User, User.id == Call.agent_id)
    .where(Call.customer_id == bindparam("cid"))
    .order_by(Call.offered_at.desc(), Call.id.desc())
    .limit(RECENT)
)
_open_followups = (
    select(FollowUp.id, FollowUp.due_at, FollowUp.order_id, FollowUp.notes)
    .where(FollowUp.customer_id == bindparam("cid"), FollowUp.status == "open")
    .order_by(FollowUp.due_at)
    .limit(RECENT)
)

Db = Session | Connection


def as_connection(db: Db) -> Connection:
    # Core statements on the Connection skip the ORM's per-statement work: a third of a pop's cost.
    return db.connection() if isinstance(db, Session) else db


def order_summaries(db: Db, *groups: Sequence[Row[*tuple[Any, ...]]]) -> tuple[list[OrderSummary], ...]:
    """Each group of order rows as the pop lists them, items spelled out.

    The rows need the columns of ``OrderSummary`` bar ``items``; all groups share one item query.
    """
    ids = {r.id for rows in groups for r in rows}
    items: dict[int, list[str]] = {}
    if ids:
        for order_id, name, qty in as_connection(db).execute(_order_items, {"ids": sorted(ids)}):
            items.setdefault(order_id, []).append(f"{name} ×{qty}")
    return tuple(
        [
            OrderSummary(
                r.id,
                r.order_no,
                r.state,
                r.total_cents,
                r.payment_method,
                r.created_at,
                "，".join(items.get(r.id, [])),
                r.last_reason,
            )
            for r in rows
        ]
        for rows in groups
    )


def phone_views(conn: Connection, ids: list[int], region: str) -> dict[int, list[PhoneView]]:
    phones: dict[int, list[PhoneView]] = {}
    for cid, number, label in conn.execute(_phones_of, {"ids": ids}):
        phones.setdefault(cid, []).append(PhoneView(number, display_number(number, region), label))
    return phones


def load_card(
    db: Db, customer_id: int, region: str = "CN", phones: list[PhoneView] | None = None
) -> CustomerCard | None:
    conn = as_connection(db)
    row = conn.execute(_customer, {"cid": customer_id}).first()
    if row is None:
        return None
    if phones is None:
        phones = phone_views(conn, [customer_id], region).get(customer_id, [])
    addresses = [AddressView(*a) for a in conn.execute(_addresses, {"cid": customer_id})]
    return CustomerCard(*row, phones=phones, addresses=addresses)


def fill_history(db: Db, result: R, customer_id: int, region: str = "CN", phones: list[PhoneView] | None = None) -> R:
    """Load the card and histories of one customer into ``result`` (a record, or a pop that builds on one)."""
    conn = as_connection(db)
    result.card = load_card(conn, customer_id, region, phones)
    recent, returned = order_summaries(
        conn,
        list(conn.execute(_recent_orders, {"cid": customer_id})),
        list(conn.execute(_returned_orders, {"cid": customer_id})),
    )
    reasons = {o.id: o.last_reason for o in returned}
    result.recent_orders = [replace(o, last_reason=reasons[o.id]) if o.id in reasons else o for o in recent]
    result.returned_orders = returned
    result.recent_calls = [
        CallSummary(*(r[:4]), r[4] or "", r[5], r[6] or "", r[7] or "")
        for r in conn.execute(_recent_calls, {"cid": customer_id})
    ]
    result.open_followups = [FollowUpSummary(*r) for r in conn.execute(_open_followups, {"cid": customer_id})]
    return result
