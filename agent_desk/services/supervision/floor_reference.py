"""What the live floor needs from the database to read the hub's events: who each telephony id
is, which business line a dialled number or queue belongs to, and how long each state may run.

Read once when the board opens (and again on F5): the board itself is fed by the hub, not by
queries, so a thousand agents changing state cost the database nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.floor_view import NO_GROUP, FloorLimits
from agent_desk.core.roles import supervises_floor
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls.not_ready_reasons import ReasonView, not_ready_reasons
from agent_desk.services.calls.screen_pop import dnis_key
from agent_desk.services.errors import ServiceError
from agent_desk.store.contact_record import NotReadyReason
from agent_desk.store.models import BusinessLine, BusinessLineNumber, User

DEFAULT_ACW_SECONDS = 60  # core.agent_states.acw_deadline_seconds: the desk's default limit


class FloorError(ServiceError, PermissionError):
    messages: ClassVar[Mapping[str, str]] = {
        "floor.not_allowed": "the live floor is for supervisors and administrators, not the {role} role",
    }


@dataclass(frozen=True)
class FloorReference:
    agent_names: Mapping[str, str] = field(default_factory=dict)  # telephony id → display name
    line_names: Mapping[str, str] = field(default_factory=dict)  # line code → name
    line_by_dnis: Mapping[str, str] = field(default_factory=dict)  # dnis_key → line code
    line_by_queue: Mapping[str, str] = field(default_factory=dict)  # PBX queue → line code
    reasons: Mapping[str, ReasonView] = field(default_factory=dict)
    limits: FloorLimits = field(default_factory=FloorLimits)

    def line_of(self, queue: str, dnis: str) -> str:
        """The business line a call belongs to: by its dialled number, else by its queue."""
        return self.line_by_dnis.get(dnis_key(dnis)) or self.line_by_queue.get(queue) or NO_GROUP

    def line_name(self, code: str) -> str:
        return self.line_names.get(code, code)


def floor_reference(session: Session, viewer: CurrentUser, *, overwork_hours: float | None = 10.0) -> FloorReference:
    """The board's reference data; only supervisors and admins may open the floor."""
    if not supervises_floor(viewer.role):
        raise FloorError("floor.not_allowed", role=str(viewer.role))
    names = {tid: name for tid, name in session.execute(select(User.telephony_id, User.display_name)).all() if tid}
    lines = session.execute(
        select(BusinessLine.code, BusinessLine.name, BusinessLine.queue_name, BusinessLine.acw_limit_seconds)
    ).all()
    numbers = session.execute(
        select(BusinessLineNumber.dnis, BusinessLine.code).join(
            BusinessLine, BusinessLine.id == BusinessLineNumber.business_line_id
        )
    ).all()
    reasons = {r.code: r for r in not_ready_reasons(session, include_retired=True)}
    minutes: dict[str, int | None] = {
        code: limit for code, limit in session.execute(select(NotReadyReason.code, NotReadyReason.max_minutes))
    }
    limits = FloorLimits(
        acw_default_s=DEFAULT_ACW_SECONDS,
        acw_by_line={code: limit for code, _n, _q, limit in lines if limit is not None},
        not_ready_minutes=minutes,
        overwork_hours=overwork_hours,
    )
    return FloorReference(
        agent_names=names,
        line_names={code: name for code, name, _q, _l in lines},
        line_by_dnis={dnis_key(dnis): code for dnis, code in numbers},
        line_by_queue={queue: code for code, _n, queue, _l in lines if queue},
        reasons=reasons,
        limits=limits,
    )


__all__ = ["DEFAULT_ACW_SECONDS", "FloorError", "FloorReference", "floor_reference"]
