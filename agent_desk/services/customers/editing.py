"""Customers: search by name, phone in any format or order number; create and edit; the access log."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.phone import InvalidPhoneNumber, display_number, normalize, try_normalize
from agent_desk.services.calls.screen_pop import CustomerMatch, PhoneView
from agent_desk.store.models import Address, Customer, CustomerAccess, CustomerPhone, Order

_ORDER_NO = re.compile(r"^(SO\d{6,}|AD\d{8,})$", re.IGNORECASE)
ACCESS_CONTEXTS = ("pop", "search", "order", "edit")


class CustomerError(ValueError):
    """Invalid customer data; the message names the field."""


@dataclass(frozen=True)
class AddressInput:
    province: str
    city: str
    district: str
    detail: str
    postcode: str = ""

    def validate(self) -> None:
        missing = [
            label
            for label, value in (("province", self.province), ("city", self.city), ("street address", self.detail))
            if not value.strip()
        ]
        if missing:
            raise CustomerError("the address needs: " + ", ".join(missing))
        if self.postcode and not re.fullmatch(r"\d{6}", self.postcode.strip()):
            raise CustomerError(f"postcode {self.postcode!r} must be six digits")


@dataclass(frozen=True)
class CustomerInput:
    name: str
    phones: list[tuple[str, str]]  # (number as typed, label)
    addresses: list[AddressInput]
    notes: str = ""
    gender: str = ""

    def validated_phones(self, region: str) -> list[tuple[str, str]]:
        if not self.name.strip():
            raise CustomerError("the customer needs a name")
        if not self.phones:
            raise CustomerError("the customer needs at least one phone number")
        result: list[tuple[str, str]] = []
        for raw, label in self.phones:
            try:
                e164 = normalize(raw, region)
            except InvalidPhoneNumber as exc:
                raise CustomerError(str(exc)) from exc
            if e164 not in {e for e, _ in result}:
                result.append((e164, label or "mobile"))
        for address in self.addresses:
            address.validate()
        return result


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


def search_customers(session: Session, query: str, *, region: str = "CN", limit: int = 50) -> list[CustomerMatch]:
    """A phone number in any spelling, an order or waybill number, or the start of a name."""
    text = query.strip()[:100]
    if not text:
        return []
    if _ORDER_NO.match(text):
        column = Order.waybill_no if text.upper().startswith("AD") else Order.order_no
        ids = list(session.scalars(select(Order.customer_id).where(column == text.upper()).limit(limit)))
        return _matches(session, ids, region)
    e164 = try_normalize(text, region) if sum(ch.isdigit() for ch in text) >= 5 else None
    if e164:
        ids = list(
            session.scalars(select(CustomerPhone.customer_id).where(CustomerPhone.e164 == e164).distinct().limit(limit))
        )
        return _matches(session, sorted(ids), region)
    # A range on the indexed column: a prefix search that SQLite and PostgreSQL both serve from the index.
    ids = list(
        session.scalars(
            select(Customer.id)
            .where(Customer.name >= text, Customer.name < text + "\U0010ffff")
            .order_by(Customer.name, Customer.id)
            .limit(limit)
        )
    )
    return _matches(session, ids, region)


def _addresses(inputs: list[AddressInput]) -> list[Address]:
    # The first address typed is the one orders default to.
    return [
        Address(
            province=a.province.strip(),
            city=a.city.strip(),
            district=a.district.strip(),
            detail=a.detail.strip(),
            postcode=a.postcode.strip(),
            is_default=i == 0,
        )
        for i, a in enumerate(inputs)
    ]


def create_customer(session: Session, data: CustomerInput, *, region: str = "CN") -> int:
    phones = data.validated_phones(region)
    customer = Customer(name=data.name.strip(), notes=data.notes, gender=data.gender)
    customer.phones = [CustomerPhone(e164=e, label=label, is_primary=i == 0) for i, (e, label) in enumerate(phones)]
    customer.addresses = _addresses(data.addresses)
    session.add(customer)
    session.flush()
    return customer.id


def update_customer(session: Session, customer_id: int, data: CustomerInput, *, region: str = "CN") -> None:
    """Replace name, notes, phones and addresses; an invalid field leaves everything as it was."""
    phones = data.validated_phones(region)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CustomerError(f"customer {customer_id} does not exist")
    customer.name = data.name.strip()
    customer.notes = data.notes
    customer.gender = data.gender
    existing = {p.e164: p for p in customer.phones}
    customer.phones = [existing.get(e) or CustomerPhone(e164=e, label=label) for e, label in phones]
    for i, (phone, (_e, label)) in enumerate(zip(customer.phones, phones, strict=True)):
        phone.label, phone.is_primary = label, i == 0
    customer.addresses = _addresses(data.addresses)
    session.flush()


def log_access(session: Session, *, user_id: int, customer_id: int, context: str) -> None:
    if context not in ACCESS_CONTEXTS:
        raise ValueError(f"unknown access context {context!r}")
    session.add(CustomerAccess(user_id=user_id, customer_id=customer_id, context=context))
