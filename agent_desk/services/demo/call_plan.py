"""Who the demo's simulated calls ring and who calls: taken from the demo database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.store.models import BusinessLineNumber, Customer, CustomerPhone, User


def demo_call_plan(factory: sessionmaker[Session]) -> tuple[list[str], list[str], list[str]]:
    """Agents, caller numbers and dialled numbers for simulated calls, taken from the demo database."""
    with factory() as session:
        agents = [t for t in session.scalars(select(User.telephony_id).where(User.telephony_id.is_not(None))) if t]
        known = list(session.scalars(select(CustomerPhone.e164).order_by(CustomerPhone.id).limit(200)))
        vips = list(
            session.scalars(
                select(CustomerPhone.e164).join(Customer).where(Customer.vip | Customer.blacklisted).limit(10)
            )
        )
        dnis = list(session.scalars(select(BusinessLineNumber.dnis)))
    # Known customers, VIP and blacklisted ones, and a few new callers (the new-customer form).
    anis = [n.removeprefix("+86") for n in known + vips * 3] + ["13912345678", "18600001111", "anonymous"]
    return agents, anis, dnis
