"""Finding a customer and opening their record.

Two rules for personal data live here so that no widget has to know them: a role that does not
need full numbers gets them masked (core.roles), and every opening of a record is written to the
access log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.orm import Session

from agent_desk.core.phone import display_number, mask_stored, try_normalize
from agent_desk.core.roles import sees_full_numbers
from agent_desk.services.customers.records import CustomerMatch, CustomerRecord, PhoneView, fill_history
from agent_desk.store.models import Customer, CustomerAccess, CustomerPhone, Order

_ORDER_NO = re.compile(r"^(SO\d{6,}|AD\d{8,})$", re.IGNORECASE)
# "The last four digits?": 8000, ****8000 (as a masked list shows it) or 尾号8000, alone or with the
# start of the name before or after it (张 8000, 8000 张伟) when one tail is shared by too many.
_TAIL = r"(?:尾号\s*|\*+)?(?P<tail>[0-9]{4})"
_LAST_FOUR = (
    re.compile(rf"^{_TAIL}$"),
    re.compile(rf"^(?P<name>[^0-9*]+?)\s*{_TAIL}$"),
    re.compile(rf"^{_TAIL}\s+(?P<name>[^0-9*]+)$"),
)
ACCESS_CONTEXTS = ("pop", "search", "order", "edit")


def _matches(session: Session, ids: list[int], region: str) -> list[CustomerMatch]:
    if not ids:
        return []
    customers = {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(ids)))}
    phones: dict[int, list[PhoneView]] = {}
    for p in session.scalars(
        select(CustomerPhone)
        .where(CustomerPhone.customer_id.in_(ids))
        .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.id)
    ):
        phones.setdefault(p.customer_id, []).append(PhoneView(p.e164, display_number(p.e164, region), p.label))
    return [
        CustomerMatch(c.id, c.name, c.vip, c.blacklisted, phones.get(c.id, []))
        for c in (customers[i] for i in ids if i in customers)
    ]


def _name_starts(name: str) -> ColumnElement[bool]:
    # A range on the indexed column: a prefix search that SQLite and PostgreSQL both serve from the index.
    return and_(Customer.name >= name, Customer.name < name + "\U0010ffff")


def last_four_query(tail: str, name: str = "", *, limit: int = 50) -> Select[int]:
    """The customers with a phone ending in ``tail`` (and a name starting with ``name``), by name.

    The phones come from ``ix_customer_phones_last_four_customer`` alone: about a hundred entries per
    tail at a million customers, then one primary-key read each.
    """
    owners = select(CustomerPhone.customer_id).where(CustomerPhone.last_four == tail)
    query = select(Customer.id).where(Customer.id.in_(owners))
    if name:
        query = query.where(_name_starts(name))
    return query.order_by(Customer.name, Customer.id).limit(limit)


def _last_four(text: str) -> tuple[str, str] | None:
    text = unicodedata.normalize("NFKC", text)  # full-width digits from a Chinese input method
    for pattern in _LAST_FOUR:
        if found := pattern.match(text):
            return found["tail"], (found.groupdict().get("name") or "").strip()
    return None


def search_customers(session: Session, query: str, *, region: str = "CN", limit: int = 50) -> list[CustomerMatch]:
    """A phone number in any spelling, its last four digits (with or without the start of the name),
    an order or waybill number, or the start of a name."""
    text = query.strip()[:100]
    if not text:
        return []
    if _ORDER_NO.match(text):
        column = Order.waybill_no if text.upper().startswith("AD") else Order.order_no
        ids = list(session.scalars(select(Order.customer_id).where(column == text.upper()).limit(limit)))
        return _matches(session, ids, region)
    if tail := _last_four(text):
        return _matches(session, list(session.scalars(last_four_query(*tail, limit=limit))), region)
    e164 = try_normalize(text, region) if sum(ch.isdigit() for ch in text) >= 5 else None
    if e164:
        ids = list(
            session.scalars(select(CustomerPhone.customer_id).where(CustomerPhone.e164 == e164).distinct().limit(limit))
        )
        return _matches(session, sorted(ids), region)
    ids = list(
        session.scalars(select(Customer.id).where(_name_starts(text)).order_by(Customer.name, Customer.id).limit(limit))
    )
    return _matches(session, ids, region)


def _masked(phone: PhoneView, region: str) -> PhoneView:
    # The masked copy carries no full number at all, so nothing downstream can leak it.
    return PhoneView(e164="", display=mask_stored(phone.e164, region), label=phone.label)


def _phones_for(role: str, phones: list[PhoneView], region: str) -> list[PhoneView]:
    return phones if sees_full_numbers(role) else [_masked(p, region) for p in phones]


def find_customers(session: Session, query: str, *, role: str, region: str = "CN") -> list[CustomerMatch]:
    """Search by name prefix, phone in any spelling or its last four digits, order or waybill number;
    phones masked per role."""
    matches = search_customers(session, query, region=region)
    if sees_full_numbers(role):
        return matches
    return [replace(m, phones=_phones_for(role, m.phones, region)) for m in matches]


def record_for_role(session: Session, customer_id: int, role: str, region: str) -> CustomerRecord | None:
    """The record with phones as this role may see them; None if the customer no longer exists."""
    result = fill_history(session, CustomerRecord(), customer_id, region)
    if result.card is None:
        return None
    if not sees_full_numbers(role):
        result.card = replace(result.card, phones=_phones_for(role, result.card.phones, region))
    return result


def open_customer(
    session: Session, customer_id: int, *, user_id: int, role: str, region: str = "CN", context: str = "search"
) -> CustomerRecord | None:
    """The card and histories of one customer, and a row in the access log; None if it no longer exists.

    The caller commits: the log row and the read belong to one unit of work.
    """
    result = record_for_role(session, customer_id, role, region)
    if result is not None:
        log_access(session, user_id=user_id, customer_id=customer_id, context=context)
    return result


def log_access(session: Session, *, user_id: int, customer_id: int, context: str) -> None:
    if context not in ACCESS_CONTEXTS:
        raise ValueError(f"unknown access context {context!r}")
    session.add(CustomerAccess(user_id=user_id, customer_id=customer_id, context=context))
