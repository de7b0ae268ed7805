"""Call records from call events, and the agent's wrap-up.

Every event is applied idempotently on the platform's call id: the desk (its own calls) and the
hub (every call, abandoned ones included) may both record the same call, in any order, any number of times.
A wrap-up saved for a call no event reached the database for (it was away while the call rang) records
the call from what the desk knew of it, the same way; the events recorded later change neither the row
count nor the wrap-up.
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
from agent_desk.core.protocol import CallEvent, EndReason, EventType
from agent_desk.services.calls.active_call import ActiveCall, CallPhase
from agent_desk.services.calls.screen_pop import dnis_key, lookup_business_line
from agent_desk.services.errors import ServiceError
from agent_desk.store.clock import utcnow
from agent_desk.store.models import Call, CustomerPhone, Disposition, User

MAX_NOTES = 10_000
# What the platform says when a call ends; not the desk's own "answered elsewhere" or "transferred",
# nor "no answer", which for the desk means it rang out here and may go on at a colleague's.
_ENDS_THE_CALL = frozenset(EndReason) - {EndReason.NO_ANSWER}


class WrapUpError(ServiceError, ValueError):
    """A wrap-up that cannot be saved; nothing was changed."""

    messages: ClassVar[Mapping[str, str]] = {
        "wrap_up.call_not_recorded": "no call '{call_id}' was recorded",
        "wrap_up.disposition_unknown": "'{disposition}' is not a known disposition code",
        "wrap_up.notes_too_long": "the notes are longer than {limit} characters",
    }


@dataclass(frozen=True, slots=True)
class CallDescription:
    """What the desk knew of a call (from its events and its pending row), to record it with its wrap-up.

    A time the desk does not know stays ``None``: an event recorded later fills it in, while a guess
    would stay for good (recording keeps the first time it hears).
    """

    call_id: str  # the platform's call id
    offered_at: datetime
    ani: str = ""
    dnis: str = ""
    queue: str = ""
    agent: str = ""  # the agent's telephony id
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str = ""


def describe(call: ActiveCall, agent: str) -> CallDescription:
    """The description of a call offered to the desk of ``agent`` (a telephony id), as the desk knows it."""
    ended = call.phase in (CallPhase.ENDED, CallPhase.MISSED) and call.end_reason in _ENDS_THE_CALL
    return CallDescription(
        call.call_id, call.offered_at, ani=call.ani, dnis=call.dnis, queue=call.queue, agent=agent,
        end_reason=call.end_reason if ended else "",
    )  # fmt: skip


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
        if target != call.agent_telephony_id or call.agent_id is None:
            # The same agent again keeps the user the wrap-up named (a desk's telephony id may map to no user).
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


def _record_described(session: Session, known: CallDescription, region: str) -> Call:
    """The call's row from what the desk knew, through the events' own path (line, customer, agent)."""
    offered = CallEvent(
        EventType.CALL_OFFERED, call_id=known.call_id, ani=known.ani, dnis=known.dnis, queue=known.queue,
        agent=known.agent,
    )  # fmt: skip
    call = _apply(session, offered, known.offered_at, region)
    if known.answered_at is not None:
        _apply(session, offered.with_(type=EventType.CALL_ANSWERED), known.answered_at, region)
    if known.ended_at is not None:
        _apply(session, offered.with_(type=EventType.CALL_ENDED, reason=known.end_reason), known.ended_at, region)
    elif known.end_reason:
        call.end_reason = known.end_reason  # heard to end, not when: the hub's call.ended brings the time
    return call


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
    call: CallDescription | None = None,
    region: str = "CN",
) -> None:
    """Save the agent's disposition and notes; picking the customer links the call to them.

    ``call`` describes the call as the desk knew it: with it, a call no event reached the database
    for is recorded now (``region`` reads its caller's number); without it such a call is refused.
    """
    if call is not None and call.call_id != platform_call_id:
        raise ValueError(f"the description is of call {call.call_id!r}, not {platform_call_id!r}")
    if len(notes) > MAX_NOTES:
        raise WrapUpError("wrap_up.notes_too_long", limit=f"{MAX_NOTES:,}")
    for attempt in range(2):
        try:
            with factory() as session, session.begin():
                _save_wrap_up(session, platform_call_id, disposition, notes, agent_user_id, customer_id, call, region)
                return
        except IntegrityError:
            # The hub or the desk's own retry recorded the call a moment ago: save on its row instead.
            if attempt or call is None:
                raise


def _save_wrap_up(
    session: Session,
    platform_call_id: str,
    disposition: str,
    notes: str,
    agent_user_id: int,
    customer_id: int | None,
    known: CallDescription | None,
    region: str,
) -> None:
    if session.get(Disposition, disposition) is None:
        raise WrapUpError("wrap_up.disposition_unknown", disposition=disposition)
    call = session.scalar(select(Call).where(Call.platform_call_id == platform_call_id))
    if call is None:
        if known is None:
            raise WrapUpError("wrap_up.call_not_recorded", call_id=platform_call_id)
        call = _record_described(session, known, region)
    call.disposition_code = disposition
    call.notes = notes
    call.wrapped_up_at = utcnow()
    if call.agent_id is None:
        call.agent_id = agent_user_id
    if customer_id is not None:
        call.customer_id = customer_id
