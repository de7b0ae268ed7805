"""The calls waiting for an agent, kept across restarts: unfinished wrap-ups and missed calls.

The desk's life cycle (:mod:`agent_desk.services.calls.lifecycle`) decides when a call starts
waiting for its agent and when it stops; this module keeps that in the database, one row per
agent and call (``store.pending_calls``), and lists it again at the next login:

* **an unfinished wrap-up**: a call this agent answered whose wrap-up is not saved, with what was
  typed so far (disposition, notes) and the customer picked for it;
* **a missed call**: offered to this agent and never answered by them (abandoned while ringing,
  or rang out here and went to a colleague or back to the queue);
* **cleared**: the wrap-up was saved, or the missed call was called back or dismissed.

Every write carries the desk's ``revision`` for that call: a write applies only when it is newer
than what is stored, so saving the same draft twice, or pushing a copy kept offline after a newer
one reached the database from elsewhere, changes nothing. An agent keeps and lists only their own
calls; the roles that supervise the floor (:func:`agent_desk.core.roles.supervises_floor`) may
list an agent's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.phone import mask_stored
from agent_desk.core.roles import sees_full_numbers, supervises_floor, takes_calls
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError
from agent_desk.store.clock import utcnow
from agent_desk.store.models import Customer
from agent_desk.store.pending_calls import PendingCall

LIST_LIMIT = 200  # an agent with more waiting than this has a supervisor's problem, not a list's


class PendingKind(StrEnum):
    WRAP_UP = "wrap_up"  # answered here, wrap-up not saved
    MISSED = "missed"  # offered here, never answered here


class Cleared(StrEnum):
    WRAPPED_UP = "wrapped_up"
    CALLED_BACK = "called_back"
    DISMISSED = "dismissed"


class PendingWorkError(ServiceError, PermissionError):
    messages: ClassVar[Mapping[str, str]] = {
        "pending.not_allowed": "the {role} role takes no calls",
        "pending.not_yours": "only the agent and the floor's supervisors see the calls waiting for an agent",
    }


@dataclass(frozen=True, slots=True)
class PendingWork:
    """One call waiting for its agent, as the desk knows it when it asks to keep it."""

    call_id: str  # the platform's call id
    kind: str  # PendingKind
    offered_at: datetime
    ani: str = ""
    dnis: str = ""
    queue: str = ""
    end_reason: str = ""
    customer_id: int | None = None
    disposition: str = ""
    notes: str = ""
    revision: int = 0
    cleared: str = ""  # a Cleared value once it waits no more
    customer_name: str = ""  # filled in by the listing

    def __post_init__(self) -> None:
        PendingKind(self.kind)
        if self.cleared:
            Cleared(self.cleared)


# --- keeping -------------------------------------------------------------------------------------


def keep(session: Session, user: CurrentUser, work: PendingWork) -> bool:
    """Store ``work`` for ``user``; False when what is stored is as new or newer (nothing changed)."""
    _may_take_calls(user)
    return _keep(session, user.id, work)


def keep_all(session: Session, user: CurrentUser, works: Iterable[PendingWork]) -> list[bool]:
    """:func:`keep` for several calls in one transaction (a copy kept offline, pushed when the link is back)."""
    _may_take_calls(user)
    return [_keep(session, user.id, work) for work in works]


def keep_each(session: Session, user: CurrentUser, works: Iterable[PendingWork]) -> list[PendingWork | None]:
    """:func:`keep_all`, telling for each write the database refused what it holds instead, newer or as
    new (None: it holds this write now, or held this very write already, e.g. sent again after a lost answer)."""
    _may_take_calls(user)
    full = sees_full_numbers(user.role)
    answers: list[PendingWork | None] = []
    for work in works:
        row = _held_instead(session, user.id, work)
        held = _work(row, "", full) if row is not None else None
        answers.append(None if held is None or _same_write(held, work) else held)
    return answers


def _same_write(held: PendingWork, work: PendingWork) -> bool:
    return (held.revision, held.kind, held.disposition, held.notes, held.customer_id, held.cleared) == (
        work.revision, work.kind, work.disposition, work.notes, work.customer_id, work.cleared,
    )  # fmt: skip


def _keep(session: Session, user_id: int, work: PendingWork) -> bool:
    return _held_instead(session, user_id, work) is None


def _held_instead(session: Session, user_id: int, work: PendingWork) -> PendingCall | None:
    """Store ``work``; the row as it stays when what it holds is as new or newer (None: stored)."""
    row = session.scalar(
        select(PendingCall).where(PendingCall.user_id == user_id, PendingCall.platform_call_id == work.call_id)
    )
    if row is None:
        row = PendingCall(user_id=user_id, platform_call_id=work.call_id[:64])
        session.add(row)
    elif row.revision >= work.revision:
        return row
    now = utcnow()
    row.kind = work.kind
    row.ani, row.dnis, row.queue = work.ani[:40], work.dnis[:32], work.queue[:64]
    row.offered_at = work.offered_at
    row.end_reason = work.end_reason[:30]
    row.customer_id = work.customer_id
    row.disposition = work.disposition[:30]
    row.notes = work.notes  # all of it: the wrap-up's own checks refuse an overlong one when it is saved
    row.revision = work.revision
    row.updated_at = now
    row.cleared_how = work.cleared
    row.cleared_at = (row.cleared_at or now) if work.cleared else None
    session.flush()
    return None


def _may_take_calls(user: CurrentUser) -> None:
    if not takes_calls(user.role):
        raise PendingWorkError("pending.not_allowed", role=user.role)


# --- listing -------------------------------------------------------------------------------------


def list_for(session: Session, user: CurrentUser, agent_user_id: int | None = None) -> list[PendingWork]:
    """The calls waiting for an agent (``user`` themselves by default), newest first."""
    agent = user.id if agent_user_id is None else agent_user_id
    if agent != user.id and not supervises_floor(user.role):
        raise PendingWorkError("pending.not_yours")
    if agent == user.id:
        _may_take_calls(user)
    rows = session.execute(
        select(PendingCall, Customer.name)
        .outerjoin(Customer, Customer.id == PendingCall.customer_id)
        .where(PendingCall.user_id == agent, PendingCall.cleared_at.is_(None))
        .order_by(PendingCall.offered_at.desc(), PendingCall.id.desc())
        .limit(LIST_LIMIT)
    )
    full = sees_full_numbers(user.role)
    return [_work(row, name or "", full) for row, name in rows]


def sync_and_list(session: Session, user: CurrentUser, kept_offline: Sequence[PendingWork]) -> list[PendingWork]:
    """At login: push what this computer kept while the database was away, then list what waits."""
    keep_all(session, user, kept_offline)
    return list_for(session, user)


def newest_first(works: Iterable[PendingWork]) -> list[PendingWork]:
    """Those still waiting, newest first: the listing's order, for a copy read offline."""
    return sorted((w for w in works if not w.cleared), key=lambda w: w.offered_at, reverse=True)


def _work(row: PendingCall, customer_name: str, full_numbers: bool) -> PendingWork:
    return PendingWork(
        call_id=row.platform_call_id,
        kind=row.kind,
        offered_at=row.offered_at or row.updated_at or utcnow(),
        ani=row.ani if full_numbers or not row.ani else mask_stored(row.ani),
        dnis=row.dnis,
        queue=row.queue,
        end_reason=row.end_reason,
        customer_id=row.customer_id,
        disposition=row.disposition,
        notes=row.notes,
        revision=row.revision,
        cleared=(row.cleared_how or "") if row.cleared_at is not None else "",
        customer_name=customer_name,
    )


__all__ = [
    "LIST_LIMIT",
    "Cleared",
    "PendingKind",
    "PendingWork",
    "PendingWorkError",
    "keep",
    "keep_all",
    "keep_each",
    "list_for",
    "newest_first",
    "sync_and_list",
]
