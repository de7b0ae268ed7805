"""Order audit events: the one definition of what is hashed, appending, and verifying the chains."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.audit_chain import GENESIS, chain_hash, verify_chain
from agent_desk.store.clock import utcnow
from agent_desk.store.models import Order, OrderEvent


def event_fields(
    *,
    order_id: int,
    seq: int,
    action: str,
    from_state: str | None,
    to_state: str,
    actor_id: int,
    actor_role: str,
    reason: str,
    changes: dict[str, Any],
    at: datetime | str,
) -> dict[str, Any]:
    """Everything an event asserts; the hash covers exactly these fields.

    ``at`` may be given as the exact text the chain hashes for it (the demo's bulk writer does).
    """
    return {
        "order_id": order_id,
        "seq": seq,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "actor_id": actor_id,
        "actor_role": actor_role,
        "reason": reason,
        "changes": changes,
        "at": at,
    }


def _fields_of(row: OrderEvent) -> dict[str, Any]:
    return event_fields(
        order_id=row.order_id,
        seq=row.seq,
        action=row.action,
        from_state=row.from_state,
        to_state=row.to_state,
        actor_id=row.actor_id,
        actor_role=row.actor_role,
        reason=row.reason,
        changes=row.changes or {},
        at=row.at,
    )


def append_event(
    session: Session,
    order: Order,
    *,
    action: str,
    from_state: str | None,
    to_state: str,
    actor_id: int,
    actor_role: str,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> OrderEvent:
    """Append one event to ``order``'s chain and move its head; call inside the order's transaction."""
    seq = (
        session.scalar(select(func.coalesce(func.max(OrderEvent.seq), 0)).where(OrderEvent.order_id == order.id)) or 0
    ) + 1
    # Whole seconds: every database keeps them exactly, so the hash re-computes identically.
    at = utcnow().replace(microsecond=0)
    fields = event_fields(
        order_id=order.id,
        seq=seq,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor_id=actor_id,
        actor_role=actor_role,
        reason=reason,
        changes=changes or {},
        at=at,
    )
    prev = order.audit_head or GENESIS
    digest = chain_hash(prev, fields)
    row = OrderEvent(**{k: v for k, v in fields.items()}, prev_hash=prev, hash=digest)
    session.add(row)
    order.audit_head = digest
    return row


@dataclass(frozen=True)
class ChainProblem:
    order_id: int
    event_id: int | None
    why: str


@dataclass(frozen=True)
class VerifyReport:
    orders_checked: int
    events_checked: int
    first_problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.first_problem is None


def _chains(session: Session, batch: int = 5_000) -> Iterator[tuple[Order | None, list[OrderEvent]]]:
    current: list[OrderEvent] = []
    stmt = select(OrderEvent).order_by(OrderEvent.order_id, OrderEvent.seq).execution_options(yield_per=batch)
    for row in session.scalars(stmt):
        if current and row.order_id != current[0].order_id:
            yield session.get(Order, current[0].order_id), current
            current = []
        current.append(row)
    if current:
        yield session.get(Order, current[0].order_id), current


def verify_all(factory: sessionmaker[Session]) -> VerifyReport:
    """Check every order's chain, and that each order's head is its newest event; stop at the first break."""
    orders = events = 0
    with factory() as session:
        for order, rows in _chains(session):
            orders += 1
            events += len(rows)
            result = verify_chain(
                ((r.id, r.prev_hash, r.hash, _fields_of(r)) for r in rows),
                expected_head=order.audit_head if order is not None else None,
            )
            if not result.ok:
                return VerifyReport(orders, events, ChainProblem(rows[0].order_id, result.broken_id, result.message))
        unchained = session.scalar(
            select(Order.id)
            .where(
                Order.audit_head != GENESIS,
                ~select(OrderEvent.id).where(OrderEvent.order_id == Order.id).exists(),
            )
            .limit(1)
        )
        if unchained is not None:
            return VerifyReport(
                orders,
                events,
                ChainProblem(unchained, None, "all of the order's events are missing"),
            )
    return VerifyReport(orders, events, None)
