"""Order entry: autosaved drafts, idempotent submit, duplicate warnings and the catalogue."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, and_, case, literal, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from agent_desk.core.orders import ROLE_ACTIONS, OrderAction, OrderState, Role, RoleNotAllowed
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.customers.records import OrderSummary
from agent_desk.services.orders.audit_trail import append_event
from agent_desk.services.orders.checks import CleanInput, canonical_uuid, clean_input, view_of
from agent_desk.services.orders.queries import summaries
from agent_desk.services.orders.transitions import apply_transition, stale_error
from agent_desk.services.orders.types import (
    DraftLine,
    OrderError,
    OrderInput,
    OrderView,
    ProductView,
)
from agent_desk.store.clock import utcnow
from agent_desk.store.db import transaction
from agent_desk.store.models import Address, BusinessLine, Customer, CustomerPhone, Order, OrderLine, Product

EDITABLE_STATES = (OrderState.DRAFT.value, OrderState.RETURNED.value)
DEFAULT_MAX_DISCOUNT_PCT = 20  # Settings.max_discount_pct

T = TypeVar("T")


def _require_order_taker(user: CurrentUser) -> None:
    role = Role(user.role)
    if OrderAction.SUBMIT not in ROLE_ACTIONS[role]:
        raise RoleNotAllowed(OrderState.DRAFT, OrderAction.SUBMIT, role)


def _order_number(order: Order) -> str:
    return f"SO{order.created_at:%y%m%d}{order.id:08d}"


def _create(session: Session, user: CurrentUser, clean: CleanInput) -> Order:
    # order_no is made from the id, which exists only after the INSERT; the uuid's hex (32
    # characters, unique like the uuid) holds its place for that instant.
    order = Order(
        client_uuid=clean.client_uuid,
        order_no=uuid.UUID(clean.client_uuid).hex,
        taken_by=user.id,
        state=OrderState.DRAFT.value,
        **clean.columns,
    )
    order.lines = [OrderLine(**vars(line)) for line in clean.lines]
    session.add(order)
    session.flush()
    number = _order_number(order)
    # A plain table UPDATE: through the ORM it would count as a second edit and bump the version.
    table = Order.__table__
    assert isinstance(table, Table)
    session.execute(update(table).where(table.c.id == order.id).values(order_no=number))
    set_committed_value(order, "order_no", number)
    return order


def _line_key(line: OrderLine) -> tuple[int, str, int, int, int]:
    return (line.product_id, line.product_name, line.unit_price_cents, line.quantity, line.discount_pct)


def _update(session: Session, user: CurrentUser, order: Order, clean: CleanInput) -> None:
    changes: dict[str, list[Any]] = {
        name: [getattr(order, name), value] for name, value in clean.columns.items() if getattr(order, name) != value
    }
    old_lines = [_line_key(ln) for ln in order.lines]
    new_lines = [(c.product_id, c.product_name, c.unit_price_cents, c.quantity, c.discount_pct) for c in clean.lines]
    if old_lines != new_lines:
        changes["lines"] = [
            "；".join(f"{n} ×{q}" + (f" -{d}%" if d else "") for _p, n, _u, q, d in rows)
            for rows in (old_lines, new_lines)
        ]
        order.lines = [OrderLine(**vars(line)) for line in clean.lines]
    if not changes:
        return  # an autosave of unchanged data writes nothing
    for name, value in clean.columns.items():
        setattr(order, name, value)
    order.updated_at = utcnow()
    if order.submitted_at is not None:
        # An edit after submission (a returned order being fixed) is on the audit record.
        with session.no_autoflush:
            append_event(
                session,
                order,
                action="edit",
                from_state=order.state,
                to_state=order.state,
                actor_id=user.id,
                actor_role=user.role,
                changes=changes,
            )
    session.flush()


def _save(
    session: Session,
    user: CurrentUser,
    data: OrderInput,
    *,
    max_discount_pct: int,
    region: str,
    for_submit: bool,
) -> tuple[Order, bool]:
    """Create or update the order of ``data.client_uuid``; returns it and whether it is still editable."""
    _require_order_taker(user)
    client_uuid = canonical_uuid(data.client_uuid)
    order = session.scalar(select(Order).where(Order.client_uuid == client_uuid))
    if order is not None:
        if order.taken_by != user.id:
            raise OrderError("order.taken_by_other", order_no=order.order_no)
        if order.state not in EDITABLE_STATES:
            if for_submit:
                return order, False  # a retried or double-clicked submit: the order as it is
            raise OrderError("order.not_editable", order_no=order.order_no, state=order.state)
    sold = {ln.product_id: ln for ln in order.lines} if order is not None else {}
    clean = clean_input(session, data, sold=sold, max_discount_pct=max_discount_pct, region=region)
    if order is None:
        return _create(session, user, clean), True
    _update(session, user, order, clean)
    return order, True


def _once_more_on_race(work: Callable[[], T]) -> T:
    """Run ``work``; if another desk won a race on the same order (double click), run it once more."""
    try:
        return work()
    except (IntegrityError, StaleDataError):
        return work()


def save_draft(
    factory: sessionmaker[Session],
    user: CurrentUser,
    data: OrderInput,
    *,
    max_discount_pct: int = DEFAULT_MAX_DISCOUNT_PCT,
    region: str = "CN",
) -> OrderView:
    """Autosave: create or update the user's draft (or returned order) named by ``data.client_uuid``.

    A draft may be incomplete (``OrderView.missing`` says what submit still needs) but never
    garbage: unknown products, impossible quantities or discounts and over-long text are refused.
    """

    def work() -> OrderView:
        with transaction(factory) as session:
            order, _editable = _save(
                session, user, data, max_discount_pct=max_discount_pct, region=region, for_submit=False
            )
            return view_of(order)

    return _once_more_on_race(work)


def submit(
    factory: sessionmaker[Session],
    user: CurrentUser,
    data: OrderInput,
    *,
    max_discount_pct: int = DEFAULT_MAX_DISCOUNT_PCT,
    region: str = "CN",
) -> OrderView:
    """Save, check completely, and submit for review. Idempotent by ``data.client_uuid``.

    The save is committed first, so an order that fails the full check keeps what was typed.
    """

    def save() -> tuple[int, int, OrderView | None]:
        with transaction(factory) as session:
            order, editable = _save(
                session, user, data, max_discount_pct=max_discount_pct, region=region, for_submit=True
            )
            return order.id, order.version, None if editable else view_of(order)

    order_id, version, done = _once_more_on_race(save)
    if done is not None:
        return done
    try:
        with transaction(factory) as session:
            order = session.get(Order, order_id)
            assert order is not None
            if order.state not in EDITABLE_STATES:
                return view_of(order)
            apply_transition(session, user, order, OrderAction.SUBMIT, expected_version=version)
            return view_of(order)
    except StaleDataError:
        with factory() as session:
            order = session.get(Order, order_id)
            if order is not None and order.state == OrderState.PENDING_REVIEW and order.taken_by == user.id:
                return view_of(order)  # the other click of a double click won
            raise stale_error(session, order_id) from None


def new_order_input(
    session: Session,
    customer_id: int,
    *,
    business_line_id: int | None = None,
    call_id: int | None = None,
) -> OrderInput:
    """A fresh form for a customer: new client id, recipient and address from the customer's card."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise OrderError("order.customer_not_found", customer_id=customer_id)
    phone = session.scalar(
        select(CustomerPhone.e164)
        .where(CustomerPhone.customer_id == customer_id)
        .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id)
        .limit(1)
    )
    address = session.scalar(
        select(Address).where(Address.customer_id == customer_id).order_by(Address.is_default.desc(), Address.id)
    )
    return OrderInput(
        client_uuid=str(uuid.uuid4()),
        customer_id=customer_id,
        recipient_name=customer.name,
        recipient_phone=phone or "",
        province=address.province if address else "",
        city=address.city if address else "",
        district=address.district if address else "",
        address_detail=address.detail if address else "",
        postcode=address.postcode if address else "",
        business_line_id=business_line_id,
        call_id=call_id,
        lines=(),
    )


def likely_duplicates(
    session: Session,
    customer_id: int,
    product_ids: set[int],
    *,
    within: timedelta = timedelta(hours=24),
    exclude_client_uuid: str | None = None,
) -> list[OrderSummary]:
    """Orders of this customer with exactly these products, made within ``within``: warn before submit.

    Drafts and cancelled orders do not count; quantities may differ (a second call ordering "the
    same again" is what the warning is for).
    """
    if not product_ids:
        return []
    stmt = (
        select(Order.id)
        .where(
            Order.customer_id == customer_id,
            Order.created_at >= utcnow() - within,
            Order.state.not_in((OrderState.DRAFT.value, OrderState.CANCELLED.value)),
        )
        .order_by(Order.created_at.desc())
    )
    if exclude_client_uuid:
        stmt = stmt.where(Order.client_uuid != exclude_client_uuid)
    candidates = list(session.scalars(stmt))
    if not candidates:
        return []
    products: dict[int, set[int]] = {}
    for order_id, product_id in session.execute(
        select(OrderLine.order_id, OrderLine.product_id).where(OrderLine.order_id.in_(candidates))
    ):
        products.setdefault(order_id, set()).add(product_id)
    same = [i for i in candidates if products.get(i) == set(product_ids)]
    if not same:
        return []
    return summaries(session, Order.id.in_(same), Order.created_at.desc(), Order.id)


def _found_in(word: str, *columns: Any) -> ColumnElement[bool]:
    return or_(*(column.icontains(word, autoescape=True) for column in columns))


def catalogue(session: Session, *, business_line_id: int | None = None, query: str = "") -> list[ProductView]:
    """Products on sale matching ``query``, the caller's business line first.

    Each word of the query is found anywhere, in any case, in the product's name or SKU: names and
    SKUs that start with the query come first, then by name. Where no name or SKU of a line has the
    words but the line's advert does, that line's products (the pop shows the advert and callers
    quote it: 夕阳红, 湖南卫视). A catalogue holds hundreds of products: a scan, no index needed.
    """
    text = query.strip()[:100]
    words = text.split()
    in_product = and_(*(_found_in(w, Product.name, Product.sku) for w in words)) if words else true()
    starts = or_(Product.name.istartswith(text, autoescape=True), Product.sku.istartswith(text, autoescape=True))
    # 0: a name or SKU starts with the query, 1: has its words, 2: only the advert has them.
    rank = case((and_(in_product, starts), 0), (in_product, 1), else_=2) if words else literal(0)
    stmt = (
        select(Product, BusinessLine.name, rank)
        .outerjoin(BusinessLine, BusinessLine.id == Product.business_line_id)
        .where(Product.active, *(_found_in(w, Product.name, Product.sku, BusinessLine.advert_name) for w in words))
    )
    first = [case((Product.business_line_id == business_line_id, 0), else_=1)] if business_line_id is not None else []
    # Browsing groups the catalogue by line; a search lists by relevance, then by name.
    within = (rank, Product.name) if words else (Product.business_line_id, Product.name)
    stmt = stmt.order_by(*first, *within, Product.id)
    rows = [(p, line, r) for p, line, r in session.execute(stmt)]
    # A line's whole range only when nothing of it has the words: 鱼油 lists the fish oil, not all
    # that its advert sells. Per line, so that "only the caller's line" still sees its advert's.
    named = {p.business_line_id for p, _line, r in rows if r < 2}
    rows = [row for row in rows if row[2] < 2 or row[0].business_line_id not in named]
    return [
        ProductView(
            id=p.id,
            sku=p.sku,
            name=p.name,
            business_line_id=p.business_line_id,
            business_line_name=line_name or "",
            price_cents=p.price_cents,
            max_discount_pct=p.max_discount_pct,
            description=p.description,
            in_caller_line=business_line_id is not None and p.business_line_id == business_line_id,
        )
        for p, line_name, _rank in rows
    ]


__all__ = [
    "DraftLine",
    "catalogue",
    "likely_duplicates",
    "new_order_input",
    "save_draft",
    "submit",
]
