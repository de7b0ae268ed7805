"""Everyone who had a hand in each audit stage of an order, from its audit events.

The order's stamps (``reviewed_by``, ``logistics_by``) name only the latest hands; separation of
duties must see every round an order went through (returned, resubmitted, reviewed again). Every
stamp is written together with its audit event, so the events alone tell all the hands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.orders import OrderAction, Stage, stage_of
from agent_desk.store.models import OrderEvent

_STAGE_ACTIONS = [a.value for a in OrderAction if stage_of(a) is not None]


@dataclass
class StageHands:
    reviewers: set[int] = field(default_factory=set)
    logistics: set[int] = field(default_factory=set)

    def add(self, actor_id: int | None, action: str) -> None:
        if actor_id is None:
            return
        stage = stage_of(OrderAction(action)) if action in _STAGE_ACTIONS else None
        if stage is Stage.REVIEW:
            self.reviewers.add(actor_id)
        elif stage is Stage.LOGISTICS:
            self.logistics.add(actor_id)


def hands_from(events: Iterable[tuple[int | None, str]]) -> StageHands:
    """The hands from ``(actor_id, action)`` pairs already loaded (an order's history)."""
    hands = StageHands()
    for actor_id, action in events:
        hands.add(actor_id, action)
    return hands


def past_hands(session: Session, order_ids: Sequence[int]) -> dict[int, StageHands]:
    """The hands per order, for every id given (an order with no stage events yet has empty sets)."""
    result = {order_id: StageHands() for order_id in order_ids}
    if not result:
        return result
    rows = session.execute(
        select(OrderEvent.order_id, OrderEvent.actor_id, OrderEvent.action).where(
            OrderEvent.order_id.in_(list(result)), OrderEvent.action.in_(_STAGE_ACTIONS)
        )
    )
    for order_id, actor_id, action in rows:
        result[order_id].add(actor_id, action)
    return result
