"""The data model. All times are UTC, stored without a zone; money is integer fen (cents).

Migrations in ``migrations/`` are generated from these classes and are the only way
the schema changes; ``tests/store/test_migrations.py`` proves the two agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from agent_desk.core.orders import OrderState, Role
from agent_desk.core.phone import last_four_of
from agent_desk.store.clock import utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The values the CHECK constraints allow come from the core enums: one list, never restated.
ROLES = tuple(role.value for role in Role)
ORDER_STATES = tuple(state.value for state in OrderState)
PAYMENT_METHODS = ("cod", "prepaid")
ARTICLE_STATUSES = ("draft", "proposed", "published", "archived")
FOLLOWUP_STATUSES = ("open", "done", "cancelled")

# BigInteger ids on PostgreSQL (10M calls grow), plain INTEGER PRIMARY KEY (the rowid) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON}


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    # What the PBX calls this agent's queue member (SIP/777, PJSIP/801): routes call events.
    telephony_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    extension: Mapped[str | None] = mapped_column(String(20))
    # Hashed like a password; lets a desk or the hub authenticate this agent's websocket.
    hub_token_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The team (班组) the agent works in now; reports group an agent's past calls by it too.
    # use_alter: teams name their leader, so the two tables point at each other.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", use_alter=True), index=True)


class Team(Base):
    """A team of agents (班组) and the supervisor who leads it: they see its agents' figures."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    leader_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BusinessLine(Base):
    """A product line or TV advert, recognised by the number the caller dialled (DNIS)."""

    __tablename__ = "business_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    product_line: Mapped[str] = mapped_column(String(100), default="")
    advert_name: Mapped[str] = mapped_column(String(200), default="")
    call_script: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The PBX queue whose calls belong to this line (queue_log and AMI name queues, not numbers).
    queue_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Seconds of after-call work before the agent is made ready again; None: the desk's default, 0: until saved.
    acw_limit_seconds: Mapped[int | None] = mapped_column(Integer)
    # Privacy waybills (隐私面单): labels of this line's orders print the recipient's phone masked
    # (138****8000) unless an order says otherwise; the courier's data keeps the full number.
    privacy_waybill: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    numbers: Mapped[list[BusinessLineNumber]] = relationship(back_populates="business_line")


class BusinessLineNumber(Base):
    __tablename__ = "business_line_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_line_id: Mapped[int] = mapped_column(ForeignKey("business_lines.id"), index=True)
    # Digits only, as the platform reports the dialled number (400/800 numbers are not E.164-friendly).
    dnis: Mapped[str] = mapped_column(String(32), unique=True)

    business_line: Mapped[BusinessLine] = relationship(back_populates="numbers")


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    gender: Mapped[str] = mapped_column(String(1), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    vip_note: Mapped[str] = mapped_column(String(200), default="")
    blacklisted: Mapped[bool] = mapped_column(Boolean, default=False)
    blacklist_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    phones: Mapped[list[CustomerPhone]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerPhone.id"
    )
    addresses: Mapped[list[Address]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Address.id"
    )


class CustomerPhone(Base):
    __tablename__ = "customer_phones"
    # The pop's first lookup, answered from the index alone (number → customers); and the agent's
    # "the last four digits?", the same way.
    __table_args__ = (
        Index("ix_customer_phones_e164_customer", "e164", "customer_id"),
        Index("ix_customer_phones_last_four_customer", "last_four", "customer_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    # Canonical E.164 from agent_desk.core.phone: the one match key for screen pops.
    e164: Mapped[str] = mapped_column(String(20))
    # The number's last four digits, stored: an expression index cannot be compared by Alembic on
    # SQLite, and a generated column reads back differently on PostgreSQL. Filled from e164 here
    # for the ORM and Core inserts; raw bulk writers (services/demo) write it themselves, and NOT
    # NULL makes one that forgets fail instead of hiding its customers from the search.
    last_four: Mapped[str] = mapped_column(
        String(4), default=lambda ctx: last_four_of(ctx.get_current_parameters()["e164"])
    )
    label: Mapped[str] = mapped_column(String(20), default="mobile")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="phones")

    @validates("e164")
    def _keep_last_four(self, _key: str, e164: str) -> str:
        self.last_four = last_four_of(e164)
        return e164


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(10), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="addresses")


class BlacklistEntry(Base):
    """A number refused or flagged on every pop, whether or not a customer owns it."""

    __tablename__ = "blacklist"

    id: Mapped[int] = mapped_column(primary_key=True)
    e164: Mapped[str] = mapped_column(String(20), unique=True)
    reason: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
        CheckConstraint("max_discount_pct BETWEEN 0 AND 100", name="discount_pct_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"), index=True)
    price_cents: Mapped[int] = mapped_column(Integer)
    max_discount_pct: Mapped[int] = mapped_column(Integer, default=10)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(_in("state", ORDER_STATES), name="state"),
        CheckConstraint(_in("payment_method", PAYMENT_METHODS), name="payment_method"),
        CheckConstraint("cod_amount_cents >= 0", name="cod_not_negative"),
        Index("ix_orders_state_submitted", "state", "submitted_at"),
        # The pop's order history, newest first, read from the index alone: a customer's orders are
        # scattered over the table (they arrive over months), their index entries sit together.
        Index(
            "ix_orders_customer_history",
            "customer_id",
            "created_at",
            "id",
            "state",
            "order_no",
            "total_cents",
            "payment_method",
        ),
        # Returned orders are few: the pop reads a customer's (with the reason) from this small index alone,
        # or learns there are none.
        Index(
            "ix_orders_customer_returned",
            "customer_id",
            "created_at",
            "id",
            "state",
            "order_no",
            "total_cents",
            "payment_method",
            "last_reason",
            sqlite_where=text("state = 'returned'"),
            postgresql_where=text("state = 'returned'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(32), unique=True)
    # Generated by the desk before the first save: a retried or double-clicked submit finds it.
    client_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    taken_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    logistics_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recipient_name: Mapped[str] = mapped_column(String(100))
    recipient_phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(40), default="")
    address_detail: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(10), default="")
    payment_method: Mapped[str] = mapped_column(String(10), default="cod")
    cod_amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    subtotal_cents: Mapped[int] = mapped_column(Integer, default=0)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    # Printed on the label too (备注): delivery wishes such as "call first" or a time window.
    notes: Mapped[str] = mapped_column(Text, default="")
    last_reason: Mapped[str] = mapped_column(String(500), default="")
    # The phone masked on the label (True) or printed in full (False); None: as the business line decides.
    privacy_waybill: Mapped[bool | None] = mapped_column(Boolean)
    waybill_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    # Hash of the newest audit event: deleting the tail of the chain is detectable.
    audit_head: Mapped[str] = mapped_column(String(64), default="0" * 64)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("discount_pct BETWEEN 0 AND 100", name="discount_pct_range"),
        # What the pop lists of an order ("鱼油 ×2"), read from the index alone.
        Index("ix_order_lines_order_items", "order_id", "id", "product_name", "quantity"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    # Name and price as sold, so a later catalogue change never rewrites an order.
    product_name: Mapped[str] = mapped_column(String(200))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    discount_pct: Mapped[int] = mapped_column(Integer, default=0)
    line_total_cents: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderEvent(Base):
    """Append-only, hash-chained per order (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "order_events"
    __table_args__ = (UniqueConstraint("order_id", "seq", name="uq_order_events_order_seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500), default="")
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Disposition(Base):
    """Wrap-up codes the supervisor configures (sale, enquiry, complaint, …)."""

    __tablename__ = "dispositions"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    label_zh: Mapped[str] = mapped_column(String(100), default="")
    resolves: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        Index("ix_calls_customer_offered", "customer_id", "offered_at"),
        Index("ix_calls_agent_offered", "agent_id", "offered_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # The platform's id (Asterisk Linkedid, the hub's call_id): one call, one row.
    platform_call_id: Mapped[str] = mapped_column(String(64), unique=True)
    ani: Mapped[str] = mapped_column(String(40), default="")
    ani_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    dnis: Mapped[str] = mapped_column(String(32), default="")
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))
    queue: Mapped[str] = mapped_column(String(64), default="")
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agent_telephony_id: Mapped[str] = mapped_column(String(64), default="")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    offered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    end_reason: Mapped[str] = mapped_column(String(30), default="")
    disposition_code: Mapped[str | None] = mapped_column(ForeignKey("dispositions.code"))
    notes: Mapped[str] = mapped_column(Text, default="")
    recording_url: Mapped[str] = mapped_column(String(500), default="")
    wrapped_up_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Facts derived from the contact-centre record (services.calls.contact_record); None until known.
    queued_at: Mapped[datetime | None] = mapped_column(DateTime)
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    ring_seconds: Mapped[int | None] = mapped_column(Integer)
    talk_seconds: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    acw_seconds: Mapped[int | None] = mapped_column(Integer)
    # answered, abandoned, timeout, empty, key, transferred; "" while the record has no final event.
    outcome: Mapped[str] = mapped_column(String(20), default="")


class FollowUp(Base):
    """回访: a call back after delivery, recording the customer's satisfaction."""

    __tablename__ = "followups"
    __table_args__ = (
        CheckConstraint(_in("status", FOLLOWUP_STATUSES), name="status"),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction"),
        # The pop lists a customer's open follow-ups by due date: one index serves the filter and the order.
        Index("ix_followups_customer_status_due", "customer_id", "status", "due_at"),
        Index("ix_followups_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), unique=True)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)


class KnowledgeCategory(Base):
    __tablename__ = "kb_categories"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_kb_categories_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("kb_categories.id"))
    name: Mapped[str] = mapped_column(String(100))


class KnowledgeArticle(Base):
    __tablename__ = "kb_articles"
    __table_args__ = (CheckConstraint(_in("status", ARTICLE_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("kb_categories.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source_call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, index=True)

    tags: Mapped[list[KnowledgeTag]] = relationship(cascade="all, delete-orphan")
    business_lines: Mapped[list[KnowledgeArticleLine]] = relationship(cascade="all, delete-orphan")


class KnowledgeVersion(Base):
    __tablename__ = "kb_versions"
    __table_args__ = (UniqueConstraint("article_id", "version", name="uq_kb_versions_article_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class KnowledgeTag(Base):
    __tablename__ = "kb_tags"

    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(60), primary_key=True)


class KnowledgeArticleLine(Base):
    __tablename__ = "kb_article_lines"

    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True)
    business_line_id: Mapped[int] = mapped_column(ForeignKey("business_lines.id"), primary_key=True)


class CustomerAccess(Base):
    """Who opened which customer record, when, and from where (pop, search, order)."""

    __tablename__ = "customer_access_log"
    __table_args__ = (Index("ix_customer_access_customer_at", "customer_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    context: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# The contact-centre record's tables share this metadata; importing them here registers them
# wherever the models are used (Alembic, the drift test, the services).
from agent_desk.store import contact_record, kpi_rollups, pending_calls, staffing  # noqa: E402, F401
