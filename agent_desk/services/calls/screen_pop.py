"""The screen pop: everything the agent needs about a caller, from ANI and DNIS, in a few milliseconds.

Runs without Qt (the desk calls it on its worker thread; ``agent-desk pop`` prints it). Queries
are prebuilt Core statements with bind parameters: ORM entity loading would triple the cost.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, literal_column, select
from sqlalchemy.orm import Session

from agent_desk.core.phone import InvalidPhoneNumber, display_number, is_withheld, normalize
from agent_desk.store.models import (
    Address,
    BlacklistEntry,
    BusinessLine,
    BusinessLineNumber,
    Call,
    Customer,
    CustomerPhone,
    Disposition,
    FollowUp,
    KnowledgeArticle,
    KnowledgeArticleLine,
    Order,
    OrderLine,
    User,
)

RECENT = 10

#: The tables and indexes a pop reads, most used first: what a desk prewarms at start.
POP_RELATIONS = (
    "ix_customer_phones_e164_customer",
    "ix_customer_phones_customer_id",
    "customer_phones",
    "customers",
    "addresses",
    "ix_addresses_customer_id",
    "ix_orders_customer_returned",
    "ix_orders_customer_history",
    "ix_order_lines_order_items",
    "ix_followups_customer_status_due",
    "followups",
    "ix_calls_customer_offered",
    "calls",
)


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


@dataclass(frozen=True)
class BusinessLineView:
    id: int
    code: str
    name: str
    product_line: str
    advert_name: str
    call_script: str


@dataclass(frozen=True)
class ArticleLink:
    id: int
    title: str


@dataclass
class PopResult:
    """What the pop shows. ``card`` and the histories are filled when exactly one customer matches."""

    ani: str
    dnis: str
    ani_e164: str | None = None
    withheld: bool = False
    invalid_reason: str = ""
    lookup_error: str = ""  # the database could not be read: the desk shows the number and retries
    business_line: BusinessLineView | None = None
    matches: list[CustomerMatch] = field(default_factory=list)
    number_blacklisted: bool = False
    number_blacklist_reason: str = ""
    card: CustomerCard | None = None
    recent_orders: list[OrderSummary] = field(default_factory=list)
    returned_orders: list[OrderSummary] = field(default_factory=list)
    recent_calls: list[CallSummary] = field(default_factory=list)
    open_followups: list[FollowUpSummary] = field(default_factory=list)
    suggested_articles: list[ArticleLink] = field(default_factory=list)

    @property
    def is_unknown(self) -> bool:
        return not self.withheld and not self.invalid_reason and not self.lookup_error and not self.matches

    @property
    def needs_picker(self) -> bool:
        return len(self.matches) > 1

    @property
    def blacklisted(self) -> bool:
        return self.number_blacklisted or any(m.blacklisted for m in self.matches)

    @property
    def vip(self) -> bool:
        return any(m.vip for m in self.matches)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["unknown"] = self.is_unknown
        data["blacklisted"] = self.blacklisted
        data["vip"] = self.vip
        return data


# --- prebuilt statements ---------------------------------------------------------------------------

_customers_by_phone = (
    select(Customer.id, Customer.name, Customer.vip, Customer.blacklisted)
    .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
    .where(CustomerPhone.e164 == bindparam("e164"))
    .distinct()
    .order_by(Customer.id)
)
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
_blacklisted_number = select(BlacklistEntry.reason).where(BlacklistEntry.e164 == bindparam("e164"))
_line_by_dnis = (
    select(
        BusinessLine.id,
        BusinessLine.code,
        BusinessLine.name,
        BusinessLine.product_line,
        BusinessLine.advert_name,
        BusinessLine.call_script,
    )
    .join(BusinessLineNumber, BusinessLineNumber.business_line_id == BusinessLine.id)
    .where(BusinessLineNumber.dnis == bindparam("dnis"), BusinessLine.active)
)
_line_articles = (
    select(KnowledgeArticle.id, KnowledgeArticle.title)
    .join(KnowledgeArticleLine, KnowledgeArticleLine.article_id == KnowledgeArticle.id)
    .where(KnowledgeArticleLine.business_line_id == bindparam("line"), KnowledgeArticle.status == "published")
    .order_by(KnowledgeArticle.updated_at.desc())
    .limit(5)
)


def dnis_key(dnis: str) -> str:
    """Platforms report the dialled number with or without +86 / 0086: compare digits, national form."""
    digits = "".join(ch for ch in dnis if ch.isdigit())
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 10:
            return digits[len(prefix) :]
    return digits


Db = Session | Connection


def _conn(db: Db) -> Connection:
    # Core statements on the Connection skip the ORM's per-statement work: a third of a pop's cost.
    return db.connection() if isinstance(db, Session) else db


def order_summaries(db: Db, *groups: Sequence[Row[Any]]) -> tuple[list[OrderSummary], ...]:
    """Each group of order rows as the pop lists them, items spelled out.

    The rows need the columns of ``OrderSummary`` bar ``items``; all groups share one item query.
    """
    ids = {r.id for rows in groups for r in rows}
    items: dict[int, list[str]] = {}
    if ids:
        for order_id, name, qty in _conn(db).execute(_order_items, {"ids": sorted(ids)}):
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


class _LineCache:
    """Business lines and their suggested articles change a few times a day; a pop needs them every call."""

    TTL = 60.0

    def __init__(self) -> None:
        self._entries: dict[tuple[int, str], tuple[float, BusinessLineView | None, list[ArticleLink]]] = {}

    def get(self, conn: Connection, dnis: str) -> tuple[BusinessLineView | None, list[ArticleLink]]:
        key = (id(conn.engine), dnis_key(dnis))
        hit = self._entries.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.TTL:
            return hit[1], hit[2]
        row = conn.execute(_line_by_dnis, {"dnis": key[1]}).first()
        line = BusinessLineView(*row) if row else None
        articles = [ArticleLink(*r) for r in conn.execute(_line_articles, {"line": line.id})] if line else []
        self._entries[key] = (time.monotonic(), line, articles)
        return line, articles

    def clear(self) -> None:
        self._entries.clear()


line_cache = _LineCache()


def lookup_business_line(db: Db, dnis: str) -> BusinessLineView | None:
    if not dnis:
        return None
    row = _conn(db).execute(_line_by_dnis, {"dnis": dnis_key(dnis)}).first()
    return BusinessLineView(*row) if row else None


def _phone_views(conn: Connection, ids: list[int], region: str) -> dict[int, list[PhoneView]]:
    phones: dict[int, list[PhoneView]] = {}
    for cid, number, label in conn.execute(_phones_of, {"ids": ids}):
        phones.setdefault(cid, []).append(PhoneView(number, display_number(number, region), label))
    return phones


def load_card(
    db: Db, customer_id: int, region: str = "CN", phones: list[PhoneView] | None = None
) -> CustomerCard | None:
    conn = _conn(db)
    row = conn.execute(_customer, {"cid": customer_id}).first()
    if row is None:
        return None
    if phones is None:
        phones = _phone_views(conn, [customer_id], region).get(customer_id, [])
    addresses = [AddressView(*a) for a in conn.execute(_addresses, {"cid": customer_id})]
    return CustomerCard(*row, phones=phones, addresses=addresses)


def fill_history(
    db: Db, result: PopResult, customer_id: int, region: str = "CN", phones: list[PhoneView] | None = None
) -> PopResult:
    """Load the card and histories of one customer (after a unique match, or once the agent picked one)."""
    conn = _conn(db)
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


def screen_pop(db: Db, ani: str, dnis: str = "", *, region: str = "CN") -> PopResult:
    """Everything the pop shows for a caller. Never raises for odd numbers: the result says what was wrong."""
    conn = _conn(db)
    result = PopResult(ani=ani, dnis=dnis)
    if dnis:
        result.business_line, result.suggested_articles = line_cache.get(conn, dnis)
    if is_withheld(ani):
        result.withheld = True
        return result
    try:
        e164 = normalize(ani, region)
    except InvalidPhoneNumber as exc:
        result.invalid_reason = str(exc)
        return result
    result.ani_e164 = e164
    reason = conn.execute(_blacklisted_number, {"e164": e164}).scalar()
    if reason is not None:
        result.number_blacklisted, result.number_blacklist_reason = True, reason
    rows = list(conn.execute(_customers_by_phone, {"e164": e164}))
    if rows:
        phones = _phone_views(conn, [r.id for r in rows], region)
        result.matches = [CustomerMatch(r.id, r.name, r.vip, r.blacklisted, phones.get(r.id, [])) for r in rows]
        if len(rows) == 1:
            fill_history(conn, result, rows[0].id, region, phones.get(rows[0].id, []))
    return result
