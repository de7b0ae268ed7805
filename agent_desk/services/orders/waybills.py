"""Courier labels for orders: waybill numbers and the :class:`Waybill` a label renderer draws.

A waybill number is a pure function of the order id (``make_waybill_number("AD", order_id)``), so
assigning one records no new fact: it needs no audit event and does not bump the order's version
(a logistics desk holding the order open is not told "someone changed it"). The ``print_label``
action records the number in its audit event.

Privacy waybills (隐私面单): the label prints the recipient's phone masked (``138****8000``) when
the order asks for it, or its business line does and the order says nothing; the :class:`Waybill`
keeps the full number for the courier's data. The order's notes are printed as delivery notes.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from agent_desk.core.phone import InvalidPhoneNumber, format_display, mask_stored, try_normalize
from agent_desk.core.waybill import Address, Waybill, make_waybill_number
from agent_desk.paths import RESOURCES
from agent_desk.services.errors import ServiceError
from agent_desk.store.models import BusinessLine, Order, OrderLine

WAYBILL_PREFIX = "AD"
# The demo resources (not imported from demo_data: that would load Faker for every label).
CATALOGUE = RESOURCES / "demo" / "catalogue.toml"
# States whose parcel may get a label: approved by the auditor, not yet handed to the courier.
PRINTABLE_STATES = ("pending_logistics", "label_printed")


class WaybillError(ServiceError, ValueError):
    """An order that cannot get a label now; ``code`` and ``params`` name the order and why."""

    messages: ClassVar[Mapping[str, str]] = {
        "waybill.order_not_found": "No order with id {order_ids}.",
        "waybill.no_number": "Order {order_no} has no waybill number yet.",
        "waybill.not_printable": (
            "Labels are printed only for orders pending logistics or already labelled: {orders}. "
            "Nothing was assigned or printed."
        ),
        "waybill.order_gone": "order {order_id} does not exist",
        "waybill.order_in_state": "order {order_no} (id {order_id}) is {state}",
    }

    @classmethod
    def english(cls, name: str, value: object) -> str:
        if name == "orders" and isinstance(value, list):
            return "; ".join(str(problem) for problem in value)
        return super().english(name, value)


@dataclass(frozen=True)
class SenderInfo:
    name: str
    phone: str
    address: str


# Used when the catalogue has no [sender] table: the demo company's warehouse.
DEMO_SENDER = SenderInfo(
    name="AgentDesk 电视购物 · 华东仓",
    phone="400-820-1234",
    address="上海市青浦区华新镇华腾路 1288 号 3 号库",
)


def default_sender(catalogue: Path = CATALOGUE) -> SenderInfo:
    """The sender printed on labels: ``[sender]`` of the catalogue resource, else the demo warehouse."""
    try:
        entry = tomllib.loads(catalogue.read_text(encoding="utf-8")).get("sender")
    except (OSError, tomllib.TOMLDecodeError):
        entry = None
    if not isinstance(entry, dict):
        return DEMO_SENDER
    return SenderInfo(
        name=str(entry.get("name", DEMO_SENDER.name)),
        phone=str(entry.get("phone", DEMO_SENDER.phone)),
        address=str(entry.get("address", DEMO_SENDER.address)),
    )


def waybill_number_for(order_id: int, prefix: str = WAYBILL_PREFIX) -> str:
    return make_waybill_number(prefix, order_id)


def assign_waybill_numbers(session: Session, order_ids: Iterable[int]) -> dict[int, str]:
    """Give each order a waybill number if it has none; return every order's number.

    ``WHERE waybill_no IS NULL`` makes two desks assigning at once harmless: both would write the
    same number, the second writes nothing. Raises :class:`WaybillError` for unknown ids.
    """
    ids = list(dict.fromkeys(order_ids))
    found = dict(session.execute(select(Order.id, Order.waybill_no).where(Order.id.in_(ids))).all())
    missing = [i for i in ids if i not in found]
    if missing:
        raise WaybillError("waybill.order_not_found", order_ids=", ".join(map(str, missing)))
    table = Order.__table__
    assert isinstance(table, Table)
    for order_id, number in found.items():
        if number is None:
            # Core UPDATE on the table: the ORM would count it as an edit and bump the version.
            session.execute(
                update(table)
                .where(table.c.id == order_id, table.c.waybill_no.is_(None))
                .values(waybill_no=waybill_number_for(order_id))
            )
    numbers = session.execute(select(Order.id, Order.waybill_no).where(Order.id.in_(ids))).all()
    # every order has its number now: the UPDATEs above filled the ones without
    return {order_id: number for order_id, number in numbers if number is not None}


def _phone_for_label(stored: str) -> str:
    try:
        return format_display(stored)
    except InvalidPhoneNumber:
        return stored


def masks_phone(order_choice: bool | None, line_default: bool | None) -> bool:
    """Whether the label prints the recipient's phone masked (a privacy waybill, 隐私面单): the
    order's own choice, else its business line's, else not."""
    if order_choice is not None:
        return order_choice
    return bool(line_default)


# What may be a phone number written into the notes ("请先打 138 0013 8000"); core.phone decides.
_NUMBER_IN_TEXT = re.compile(r"\+?\d[\d \-]{5,}\d")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
NOTES_ON_LABEL = 120  # characters: the label has two or three short lines for them


def notes_for_label(notes: str, *, privacy: bool) -> str:
    """The order's notes as the label prints them: one line, control characters gone, not too long;
    on a privacy waybill a number written into them is masked as the recipient's is."""
    text = _LINE_BREAKS.sub("；", notes.strip())
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    if privacy:
        text = _NUMBER_IN_TEXT.sub(lambda m: _masked_in_text(m.group()), text)
    return text[: NOTES_ON_LABEL - 1] + "…" if len(text) > NOTES_ON_LABEL else text


def _masked_in_text(found: str) -> str:
    e164 = try_normalize(found)
    return mask_stored(e164) if e164 else found


def waybill_for(
    session: Session, order_id: int, sender: SenderInfo | None = None, *, today: date | None = None
) -> Waybill:
    """The label of one order, which must already have a waybill number."""
    row = session.execute(select(Order).where(Order.id == order_id).execution_options(populate_existing=True)).scalar()
    if row is None:
        raise WaybillError("waybill.order_not_found", order_ids=str(order_id))
    if row.waybill_no is None:
        raise WaybillError("waybill.no_number", order_no=row.order_no)
    sender = sender or default_sender()
    line_default = (
        session.scalar(select(BusinessLine.privacy_waybill).where(BusinessLine.id == row.business_line_id))
        if row.business_line_id is not None
        else None
    )
    privacy = masks_phone(row.privacy_waybill, line_default)
    items = session.execute(
        select(OrderLine.product_name, OrderLine.quantity).where(OrderLine.order_id == order_id).order_by(OrderLine.id)
    ).all()
    return Waybill(
        waybill_no=row.waybill_no,
        order_no=row.order_no,
        recipient_name=row.recipient_name,
        recipient_phone=_phone_for_label(row.recipient_phone),
        privacy_phone=mask_stored(row.recipient_phone) if privacy else "",
        delivery_notes=notes_for_label(row.notes, privacy=privacy),
        recipient_address=Address(row.province, row.city, row.district, row.address_detail, row.postcode),
        cod_amount_cents=row.cod_amount_cents if row.payment_method == "cod" else 0,
        item_summary="；".join(f"{name} ×{qty}" for name, qty in items),
        sender_name=sender.name,
        sender_phone=sender.phone,
        sender_address=sender.address,
        created=today or date.today(),
    )


def printable_waybills(
    session: Session, order_ids: Sequence[int], sender: SenderInfo | None = None
) -> tuple[list[Waybill], dict[int, str]]:
    """Labels for a batch, numbers assigned where missing; refuses the whole batch if any order may not
    be labelled (unknown, or not approved / already shipped), naming each one."""
    ids = list(dict.fromkeys(order_ids))
    states = dict(session.execute(select(Order.id, Order.state).where(Order.id.in_(ids))).all())
    order_nos = dict(session.execute(select(Order.id, Order.order_no).where(Order.id.in_(ids))).all())
    problems = [WaybillError.problem("waybill.order_gone", order_id=i) for i in ids if i not in states]
    problems += [
        WaybillError.problem("waybill.order_in_state", order_no=order_nos[i], order_id=i, state=states[i])
        for i in ids
        if i in states and states[i] not in PRINTABLE_STATES
    ]
    if problems:
        raise WaybillError("waybill.not_printable", orders=problems)
    numbers = assign_waybill_numbers(session, ids)
    sender = sender or default_sender()
    return [waybill_for(session, i, sender) for i in ids], numbers
