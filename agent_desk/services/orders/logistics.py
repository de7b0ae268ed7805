"""The logistics desk's second check and its labels.

The check compares what the order ships to (recipient name, phone, address) with the customer's
record; a difference is a reason to look twice (a gift to a relative is legitimate), not a block.
Labels are prepared first (waybill numbers assigned, which bumps no version) and the
``print_label`` action is recorded only once the labels really came out, so a cancelled print
dialog or batch records nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.orders import OrderAction, OrderState, Role, TransitionError, plan_transition
from agent_desk.core.phone import display_number
from agent_desk.core.waybill import Waybill
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.customers.records import CustomerRecord
from agent_desk.services.errors import Problem
from agent_desk.services.orders.hands import past_hands
from agent_desk.services.orders.transitions import bulk_act
from agent_desk.services.orders.types import BulkResult, OrderDetail, OrderNotFound
from agent_desk.services.orders.waybills import printable_waybills
from agent_desk.store.db import transaction
from agent_desk.store.models import Order

_SPACES = re.compile(r"[\s\u3000,，]+")


@dataclass(frozen=True)
class CheckItem:
    """One line of the side-by-side check: ``field`` is "name", "phone" or "address"."""

    field: str
    on_order: str
    on_record: str
    matches: bool


@dataclass(frozen=True)
class LabelBatch:
    """Labels ready to print: ``waybills[i]`` is the label of ``items[i]`` = (order id, version).
    ``refused`` names the orders this user may not label now, and why."""

    waybills: list[Waybill]
    items: list[tuple[int, int]]
    refused: list[tuple[int, Problem]]


def _squash(text: str) -> str:
    return _SPACES.sub("", text).casefold()


def compare_with_record(order: OrderDetail, customer: CustomerRecord | None) -> list[CheckItem]:
    """Recipient name, phone and address of ``order`` against the customer's card."""
    card = customer.card if customer is not None else None
    if card is None:
        missing = "—"
        return [
            CheckItem("name", order.recipient_name, missing, False),
            CheckItem("phone", display_number(order.recipient_phone), missing, False),
            CheckItem("address", _order_address(order), missing, False),
        ]
    name_ok = order.recipient_name.strip() == card.name.strip()
    phone_match = next((p for p in card.phones if p.e164 and p.e164 == order.recipient_phone), None)
    phones_text = " / ".join(p.display for p in card.phones) or "—"
    wanted = _squash(_order_address(order))
    address_match = next((a for a in card.addresses if _squash(a.one_line) == wanted), None)
    shown_address = address_match or (card.addresses[0] if card.addresses else None)
    return [
        CheckItem("name", order.recipient_name, card.name, name_ok),
        CheckItem(
            "phone",
            display_number(order.recipient_phone),
            phone_match.display if phone_match else phones_text,
            phone_match is not None,
        ),
        CheckItem(
            "address",
            _order_address(order),
            shown_address.one_line if shown_address else "—",
            address_match is not None,
        ),
    ]


def _order_address(order: OrderDetail) -> str:
    return f"{order.province}{order.city}{order.district}{order.address_detail}"


def prepare_labels(factory: sessionmaker[Session], user: CurrentUser, order_ids: Sequence[int]) -> LabelBatch:
    """Waybill numbers assigned and labels built for the orders ``user`` may label now."""
    ids = list(dict.fromkeys(order_ids))
    with transaction(factory) as session:
        rows = {
            r.id: r
            for r in session.execute(
                select(
                    Order.id, Order.state, Order.version, Order.taken_by, Order.reviewed_by, Order.logistics_by
                ).where(Order.id.in_(ids))
            )
        }
        refused: list[tuple[int, Problem]] = []
        items: list[tuple[int, int]] = []
        hands = past_hands(session, list(rows))
        for order_id in ids:
            row = rows.get(order_id)
            if row is None:
                refused.append((order_id, OrderNotFound.problem("order.not_found", order_id=order_id)))
                continue
            try:
                plan_transition(
                    OrderState(row.state),
                    OrderAction.PRINT_LABEL,
                    actor_id=user.id,
                    actor_role=Role(user.role),
                    reason="",
                    taken_by=row.taken_by,
                    reviewed_by=hands[order_id].reviewers,
                    logistics_by=hands[order_id].logistics,
                )
            except TransitionError as exc:
                refused.append((order_id, exc.as_problem()))
                continue
            items.append((order_id, row.version))
        waybills, _numbers = printable_waybills(session, [i for i, _v in items]) if items else ([], {})
    return LabelBatch(waybills, items, refused)


def record_labels_printed(
    factory: sessionmaker[Session], user: CurrentUser, items: Sequence[tuple[int, int]]
) -> BulkResult:
    """The labels came out: ``print_label`` for each (pending → label printed; a reprint is audited too)."""
    return bulk_act(factory, user, OrderAction.PRINT_LABEL.value, items)
