"""Follow-up calls (回访) after delivery: the agent's open list, and recording the customer's satisfaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.phone import InvalidPhoneNumber, format_display
from agent_desk.core.roles import covers_colleagues_followups
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError
from agent_desk.store.clock import utcnow
from agent_desk.store.db import transaction
from agent_desk.store.models import Customer, FollowUp, Order

MAX_NOTES = 2000
# Who may record a follow-up besides the agent it is assigned to: the shift lead covering absences.


class FollowUpError(ServiceError, ValueError):
    """A follow-up that cannot be recorded; ``code`` and ``params`` say why, nothing was changed."""

    messages: ClassVar[Mapping[str, str]] = {
        "followup.satisfaction_invalid": "Satisfaction must be a whole number from 1 to 5, not {given}.",
        "followup.notes_too_long": "The notes are {length} characters long; at most {limit} fit.",
        "followup.not_found": "Follow-up {followup_id} does not exist.",
        "followup.already_closed": "This follow-up was already {followup_status}; it cannot be recorded again.",
        "followup.assigned_to_other": "This follow-up is assigned to another agent.",
    }


@dataclass(frozen=True)
class FollowUpView:
    id: int
    customer_id: int
    customer_name: str
    order_id: int | None
    order_no: str
    recipient_phone: str
    due_at: datetime
    overdue: bool
    notes: str


def open_followups(session: Session, user_id: int, *, due_only: bool = False) -> list[FollowUpView]:
    """The open follow-ups assigned to ``user_id``, soonest due first (``due_only``: those due now)."""
    now = utcnow()
    stmt = (
        select(FollowUp, Customer.name, Order.order_no, Order.recipient_phone)
        .join(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(Order, Order.id == FollowUp.order_id)
        .where(FollowUp.assigned_to == user_id, FollowUp.status == "open")
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    if due_only:
        stmt = stmt.where(FollowUp.due_at <= now)
    result = []
    for f, name, order_no, phone in session.execute(stmt):
        try:
            shown = format_display(phone) if phone else ""
        except InvalidPhoneNumber:
            shown = phone
        result.append(
            FollowUpView(
                f.id, f.customer_id, name, f.order_id, order_no or "", shown, f.due_at, f.due_at <= now, f.notes
            )
        )
    return result


def complete_followup(
    factory: sessionmaker[Session],
    user: CurrentUser,
    followup_id: int,
    *,
    satisfaction: int,
    notes: str = "",
) -> FollowUpView:
    """Record the call: satisfaction 1 (very unhappy) to 5 (very happy) and what the customer said."""
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise FollowUpError("followup.satisfaction_invalid", given=repr(satisfaction))
    notes = notes.strip()
    if len(notes) > MAX_NOTES:
        raise FollowUpError("followup.notes_too_long", length=len(notes), limit=MAX_NOTES)
    with transaction(factory) as session:
        followup = session.get(FollowUp, followup_id, with_for_update=True)
        if followup is None:
            raise FollowUpError("followup.not_found", followup_id=followup_id)
        if followup.status != "open":
            raise FollowUpError("followup.already_closed", followup_status=followup.status)
        if followup.assigned_to not in (None, user.id) and not covers_colleagues_followups(user.role):
            raise FollowUpError("followup.assigned_to_other")
        followup.status = "done"
        followup.satisfaction = satisfaction
        followup.notes = notes
        followup.completed_at = utcnow()
        followup.assigned_to = followup.assigned_to or user.id
        session.flush()
        name = session.scalar(select(Customer.name).where(Customer.id == followup.customer_id)) or ""
        order_no = (
            session.scalar(select(Order.order_no).where(Order.id == followup.order_id)) if followup.order_id else None
        )
        return FollowUpView(
            followup.id,
            followup.customer_id,
            name,
            followup.order_id,
            order_no or "",
            "",
            followup.due_at,
            followup.due_at <= utcnow(),
            followup.notes,
        )
