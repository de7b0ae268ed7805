"""Helpers shared by the order tests (no tests here): the demo cast as CurrentUsers, forms, snapshots."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.orders.entry import submit
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import DraftLine, OrderInput, OrderView
from agent_desk.store.models import Order, OrderEvent, Product, User

# Which cast member takes each action in the happy path (core.orders decides the roles).
ACTOR_OF = {
    "approve": "auditor1",
    "reject_review": "auditor1",
    "reject_logistics": "logistics1",
    "print_label": "logistics1",
    "handover": "logistics1",
    "deliver": "logistics1",
    "refuse": "logistics1",
    "cancel": "agent1",
}


def cast(factory: sessionmaker[Session]) -> dict[str, CurrentUser]:
    with factory() as s:
        return {
            u.username: CurrentUser(u.id, u.username, u.display_name, u.role, u.telephony_id)
            for u in s.scalars(select(User))
        }


def product_ids(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as s:
        return dict(s.execute(select(Product.sku, Product.id)).all())


def order_form(customer_id: int, skus: dict[str, int], **changes: Any) -> OrderInput:
    form = OrderInput(
        client_uuid=str(uuid.uuid4()),
        customer_id=customer_id,
        recipient_name="张伟",
        recipient_phone="138 0013 8000",
        province="北京市",
        city="北京市",
        district="海淀区",
        address_detail="中关村大街1号3栋502室",
        postcode="100080",
        payment_method="cod",
        notes="下午送货",
        lines=(DraftLine(skus["HL-FISHOIL-120"], 2, 10), DraftLine(skus["HL-GLUCO-60"], 1)),
    )
    return replace(form, **changes)


@dataclass(frozen=True)
class Snapshot:
    state: str
    version: int
    events: int
    reviewed_by: int | None
    logistics_by: int | None
    waybill_no: str | None
    last_reason: str


def snapshot(factory: sessionmaker[Session], order_id: int) -> Snapshot:
    with factory() as s:
        o = s.get(Order, order_id)
        assert o is not None
        events = s.scalar(select(func.count()).select_from(OrderEvent).where(OrderEvent.order_id == order_id))
        return Snapshot(
            o.state, o.version, int(events or 0), o.reviewed_by, o.logistics_by, o.waybill_no, o.last_reason
        )


def count(factory: sessionmaker[Session], model: type[Any]) -> int:
    with factory() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def drive(
    factory: sessionmaker[Session],
    users: dict[str, CurrentUser],
    view: OrderView,
    *actions: str,
    reason: str = "请核对",
) -> OrderView:
    """Walk an order through ``actions``, each by its usual actor, with the version just seen."""
    for action in actions:
        view = act(
            factory,
            users[ACTOR_OF[action]],
            view.id,
            action,
            expected_version=view.version,
            reason=reason if action in ("reject_review", "reject_logistics", "cancel") else "",
        )
    return view


def submitted(
    factory: sessionmaker[Session], users: dict[str, CurrentUser], customer_id: int, **changes: Any
) -> OrderView:
    return submit(factory, users["agent1"], order_form(customer_id, product_ids(factory), **changes))
