"""Call records from call events, and the agent's wrap-up.

Every event is applied idempotently on the platform's call id: the desk (its own calls) and the
hub (every call, abandoned ones included) may both record the same call, in any order, any number of times.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.phone import try_normalize
from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.calls.screen_pop import dnis_key, lookup_business_line
from agent_desk.services.errors import ServiceError
from agent_desk.store.clock import utcnow
from agent_desk.store.models import Call, CustomerPhone, Disposition, User

MAX_NOTES = 10_000


class WrapUpError(ServiceError, ValueError):
    """A wrap-up that cannot be saved; nothing was changed."""

    messages: ClassVar[Mapping[str, str]] = {
        "wrap_up.call_not_recorded": "no call '{call_id}' was recorded",
        "wrap_up.disposition_unknown": "'{disposition}' is not a known disposition code",
        "wrap_up.notes_too_long": "the notes are longer than {limit} characters",
    }


@dataclass(frozen=True)
class DispositionView:
    code: str
    label: str
    label_zh: str
    resolves: bool


def _agent_user_id(session: Session, telephony_id: str) -> int | None:
    if not telephony_id:
        return None
    return session.scalar(select(User.id).where(User.telephony_id == telephony_id))


def _unique_customer(session: Session, e164: str | None) -> int | None:
    if not e164:
        return None
    ids = list(session.scalars(select(CustomerPhone.customer_id).where(CustomerPhone.e164 == e164).distinct().limit(2)))
    return ids[0] if len(ids) == 1 else None


def _apply(session: Session, event: CallEvent, at: datetime, region: str) -> Call:
    call = session.scalar(select(Call).where(Call.platform_call_id == event.call_id))
    if call is None:
        e164 = try_normalize(event.ani, region)
        line = lookup_business_line(session, event.dnis)
        call = Call(
            platform_call_id=event.call_id,
            ani=event.ani[:40],
            ani_e164=e164,
            dnis=dnis_key(event.dnis),
            business_line_id=line.id if line else None,
            queue=event.queue,
            customer_id=_unique_customer(session, e164),
            recording_url=event.recording_url,
        )
        session.add(call)
    if event.agent and event.type in (EventType.CALL_OFFERED, EventType.CALL_ANSWERED, EventType.CALL_TRANSFERRED):
        target = event.target if event.type == EventType.CALL_TRANSFERRED and event.target else event.agent
        call.agent_telephony_id = target
        call.agent_id = _agent_user_id(session, target)
    if event.queue and not call.queue:
        call.queue = event.queue
    if event.recording_url:
        call.recording_url = event.recording_url
    if event.type in (EventType.CALL_OFFERED, EventType.CALL_RINGING, EventType.CALL_QUEUED):
        call.offered_at = call.offered_at or at
    elif event.type == EventType.CALL_ANSWERED:
        call.offered_at = call.offered_at or at
        call.answered_at = call.answered_at or at
    elif event.type == EventType.CALL_ENDED:
        call.offered_at = call.offered_at or at
        call.ended_at = call.ended_at or at
        call.end_reason = event.reason or ("completed" if call.answered_at else "abandoned")
    return call


def record_event(
    factory: sessionmaker[Session], event: CallEvent, at: datetime | None = None, *, region: str = "CN"
) -> int | None:
    """Apply one call event; returns the call's row id (``None`` for events that are not about a call)."""
    if not event.call_id or event.type not in {t.value for t in EventType if t.value.startswith("call.")}:
        return None
    at = at or utcnow()
    for attempt in range(2):
        try:
            with factory() as session, session.begin():
                call = _apply(session, event, at, region)
                session.flush()
                return call.id
        except IntegrityError:
            # Another desk or the hub inserted this call a moment ago: apply to its row instead.
            if attempt:
                raise
    return None


def call_id_for(session: Session, platform_call_id: str | None) -> int | None:
    """The call record's id for the platform's call id (the desk knows only the latter)."""
    if not platform_call_id:
        return None
    return session.scalar(select(Call.id).where(Call.platform_call_id == platform_call_id))


def dispositions(session: Session) -> list[DispositionView]:
    rows = session.scalars(select(Disposition).where(Disposition.active).order_by(Disposition.sort_order))
    return [DispositionView(d.code, d.label, d.label_zh, d.resolves) for d in rows]


def wrap_up(
    factory: sessionmaker[Session],
    platform_call_id: str,
    *,
    disposition: str,
    notes: str,
    agent_user_id: int,
    customer_id: int | None = None,
) -> None:
    """Save the agent's disposition and notes; picking the customer links the call to them."""
    with factory() as session, session.begin():
        call = session.scalar(select(Call).where(Call.platform_call_id == platform_call_id))
        if call is None:
            raise WrapUpError("wrap_up.call_not_recorded", call_id=platform_call_id)
        if session.get(Disposition, disposition) is None:
            raise WrapUpError("wrap_up.disposition_unknown", disposition=disposition)
        if len(notes) > MAX_NOTES:
            raise WrapUpError("wrap_up.notes_too_long", limit=f"{MAX_NOTES:,}")
        call.disposition_code = disposition
        call.notes = notes
        call.wrapped_up_at = utcnow()
        if call.agent_id is None:
            call.agent_id = agent_user_id
        if customer_id is not None:
            call.customer_id = customer_id
