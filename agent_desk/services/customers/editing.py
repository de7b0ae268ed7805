"""Creating and editing a customer: the one way every desk does it.

:func:`save_customer` is what the pop's new-caller form and the Customers workspace call: the
role check (only roles that see full numbers may edit them: an edit form with masked phones
could only destroy them), the length checks, the writes and the edit log, in the caller's
transaction. :func:`create_customer` and :func:`update_customer` are its writes, also used when
seeding data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session

from agent_desk.core.orders import ROLE_ACTIONS, OrderAction, Role
from agent_desk.core.phone import InvalidPhoneNumber, normalize
from agent_desk.core.roles import sees_full_numbers
from agent_desk.services.customers.records import CustomerRecord
from agent_desk.services.customers.search import log_access, record_for_role
from agent_desk.services.errors import ServiceError
from agent_desk.store.models import Address, Customer, CustomerPhone

# Column widths of the customers, customer_phones and addresses tables: PostgreSQL refuses longer
# text with a DataError, SQLite would store it; both should say which field is too long instead.
NAME_MAX, LABEL_MAX, NOTES_MAX = 100, 20, 4000
ADDRESS_MAX = {"province": 40, "city": 40, "district": 40, "detail": 200, "postcode": 10}


class CustomerError(ServiceError, ValueError):
    """Invalid customer data; ``code`` and ``params`` name the field. Nothing was written."""

    messages: ClassVar[Mapping[str, str]] = {
        "customer.address_incomplete": "the address needs: {parts}",
        "customer.postcode_invalid": "postcode '{postcode}' must be six digits",
        "customer.name_missing": "the customer needs a name",
        "customer.phone_missing": "the customer needs at least one phone number",
        "customer.not_found": "customer {customer_id} does not exist",
        "customer.name_too_long": "the name is longer than {limit} characters",
        "customer.notes_too_long": "the notes are longer than {limit} characters",
        "customer.phone_label_too_long": "the phone label '{label}'… is longer than {limit} characters",
        "customer.address_part_too_long": "the address {part} is longer than {limit} characters",
        "customer.edit_not_allowed": "the {role} role may not edit customers",
    }

    @classmethod
    def english(cls, name: str, value: object) -> str:
        if name == "parts" and value == "detail":
            return "street address"
        return super().english(name, value)


@dataclass(frozen=True)
class AddressInput:
    province: str
    city: str
    district: str
    detail: str
    postcode: str = ""

    def validate(self) -> None:
        missing = [
            part
            for part, value in (("province", self.province), ("city", self.city), ("detail", self.detail))
            if not value.strip()
        ]
        if missing:
            raise CustomerError("customer.address_incomplete", parts=missing)
        if self.postcode and not re.fullmatch(r"\d{6}", self.postcode.strip()):
            raise CustomerError("customer.postcode_invalid", postcode=self.postcode)


@dataclass(frozen=True)
class CustomerInput:
    name: str
    phones: list[tuple[str, str]]  # (number as typed, label)
    addresses: list[AddressInput]
    notes: str = ""
    gender: str = ""

    def validated_phones(self, region: str) -> list[tuple[str, str]]:
        if not self.name.strip():
            raise CustomerError("customer.name_missing")
        if not self.phones:
            raise CustomerError("customer.phone_missing")
        result: list[tuple[str, str]] = []
        for raw, label in self.phones:
            try:
                e164 = normalize(raw, region)
            except InvalidPhoneNumber as exc:
                raise CustomerError(exc.code, **exc.params) from exc
            if e164 not in {e for e, _ in result}:
                result.append((e164, label or "mobile"))
        for address in self.addresses:
            address.validate()
        return result


def may_edit(role: str) -> bool:
    """Editing phones needs seeing them: a masked number typed back would corrupt the record."""
    return sees_full_numbers(role)


def takes_orders(role: str) -> bool:
    return OrderAction.SUBMIT in ROLE_ACTIONS[Role(role)]


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
        raise CustomerError("customer.not_found", customer_id=customer_id)
    customer.name = data.name.strip()
    customer.notes = data.notes
    customer.gender = data.gender
    existing = {p.e164: p for p in customer.phones}
    customer.phones = [existing.get(e) or CustomerPhone(e164=e, label=label) for e, label in phones]
    for i, (phone, (_e, label)) in enumerate(zip(customer.phones, phones, strict=True)):
        phone.label, phone.is_primary = label, i == 0
    customer.addresses = _addresses(data.addresses)
    session.flush()


def _check_lengths(data: CustomerInput) -> None:
    if len(data.name.strip()) > NAME_MAX:
        raise CustomerError("customer.name_too_long", limit=NAME_MAX)
    if len(data.notes) > NOTES_MAX:
        raise CustomerError("customer.notes_too_long", limit=NOTES_MAX)
    for _number, label in data.phones:
        if len(label) > LABEL_MAX:
            raise CustomerError("customer.phone_label_too_long", label=label[:LABEL_MAX], limit=LABEL_MAX)
    for address in data.addresses:
        for field, limit in ADDRESS_MAX.items():
            if len(getattr(address, field).strip()) > limit:
                raise CustomerError("customer.address_part_too_long", part=field, limit=limit)


def save_customer(
    session: Session, customer_id: int | None, data: CustomerInput, *, user_id: int, role: str, region: str = "CN"
) -> CustomerRecord:
    """Create (``customer_id`` None) or replace a customer, log the edit, and return the saved record.

    Raises CustomerError with a message for the user; nothing is written then. The caller commits.
    """
    if not may_edit(role):
        raise CustomerError("customer.edit_not_allowed", role=role)
    _check_lengths(data)
    if customer_id is None:
        customer_id = create_customer(session, data, region=region)
    else:
        update_customer(session, customer_id, data, region=region)
    log_access(session, user_id=user_id, customer_id=customer_id, context="edit")
    result = record_for_role(session, customer_id, role, region)
    assert result is not None  # just written in this transaction
    return result
