"""The Customers workspace's view of the data: search, open and save a customer record.

Three rules for personal data live here so that no widget has to know them:
a role that does not need full numbers gets them masked (core.roles), every
opening of a record is written to the access log, and only roles that see full
numbers may edit them (an edit form with masked phones could only destroy them).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from agent_desk.core.orders import ROLE_ACTIONS, OrderAction, Role
from agent_desk.core.phone import InvalidPhoneNumber, mask
from agent_desk.core.roles import sees_full_numbers
from agent_desk.services.calls.screen_pop import CustomerMatch, PhoneView, PopResult, fill_history
from agent_desk.services.customers.editing import (
    CustomerError,
    CustomerInput,
    create_customer,
    log_access,
    search_customers,
    update_customer,
)

# Column widths of the customers, customer_phones and addresses tables: PostgreSQL refuses longer
# text with a DataError, SQLite would store it; both should say which field is too long instead.
NAME_MAX, LABEL_MAX, NOTES_MAX = 100, 20, 4000
ADDRESS_MAX = {"province": 40, "city": 40, "district": 40, "detail": 200, "postcode": 10}


def may_edit(role: str) -> bool:
    """Editing phones needs seeing them: a masked number typed back would corrupt the record."""
    return sees_full_numbers(role)


def takes_orders(role: str) -> bool:
    return OrderAction.SUBMIT in ROLE_ACTIONS[Role(role)]


def _masked(phone: PhoneView, region: str) -> PhoneView:
    try:
        shown = mask(phone.e164, region)
    except InvalidPhoneNumber:
        # A record stored before validation tightened: never show more than the last four characters.
        shown = "****" + phone.e164[-4:]
    # The masked copy carries no full number at all, so nothing downstream can leak it.
    return PhoneView(e164="", display=shown, label=phone.label)


def _phones_for(role: str, phones: list[PhoneView], region: str) -> list[PhoneView]:
    return phones if sees_full_numbers(role) else [_masked(p, region) for p in phones]


def find_customers(session: Session, query: str, *, role: str, region: str = "CN") -> list[CustomerMatch]:
    """Search by name prefix, phone in any spelling, order or waybill number; phones masked per role."""
    matches = search_customers(session, query, region=region)
    if sees_full_numbers(role):
        return matches
    return [replace(m, phones=_phones_for(role, m.phones, region)) for m in matches]


def _record(session: Session, customer_id: int, role: str, region: str) -> PopResult | None:
    result = fill_history(session, PopResult(ani="", dnis=""), customer_id, region)
    if result.card is None:
        return None
    if not sees_full_numbers(role):
        result.card = replace(result.card, phones=_phones_for(role, result.card.phones, region))
    return result


def open_customer(
    session: Session, customer_id: int, *, user_id: int, role: str, region: str = "CN", context: str = "search"
) -> PopResult | None:
    """The card and histories of one customer, and a row in the access log; None if it no longer exists.

    The caller commits: the log row and the read belong to one unit of work.
    """
    result = _record(session, customer_id, role, region)
    if result is not None:
        log_access(session, user_id=user_id, customer_id=customer_id, context=context)
    return result


def _check_lengths(data: CustomerInput) -> None:
    if len(data.name.strip()) > NAME_MAX:
        raise CustomerError(f"the name is longer than {NAME_MAX} characters")
    if len(data.notes) > NOTES_MAX:
        raise CustomerError(f"the notes are longer than {NOTES_MAX} characters")
    for _number, label in data.phones:
        if len(label) > LABEL_MAX:
            raise CustomerError(f"the phone label {label[:LABEL_MAX]!r}… is longer than {LABEL_MAX} characters")
    for address in data.addresses:
        for field, limit in ADDRESS_MAX.items():
            if len(getattr(address, field).strip()) > limit:
                raise CustomerError(f"the address {field} is longer than {limit} characters")


def save_customer(
    session: Session, customer_id: int | None, data: CustomerInput, *, user_id: int, role: str, region: str = "CN"
) -> PopResult:
    """Create (``customer_id`` None) or replace a customer, log the edit, and return the saved record.

    Raises CustomerError with a message for the user; nothing is written then. The caller commits.
    """
    if not may_edit(role):
        raise CustomerError(f"the {role} role may not edit customers")
    _check_lengths(data)
    if customer_id is None:
        customer_id = create_customer(session, data, region=region)
    else:
        update_customer(session, customer_id, data, region=region)
    log_access(session, user_id=user_id, customer_id=customer_id, context="edit")
    result = _record(session, customer_id, role, region)
    assert result is not None  # just written in this transaction
    return result
