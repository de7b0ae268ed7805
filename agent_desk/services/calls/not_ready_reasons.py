"""The reasons an agent may give for not taking calls, as the desk's "Not ready ▸" menu lists them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.store.contact_record import NotReadyReason


@dataclass(frozen=True)
class ReasonView:
    code: str
    label: str  # English
    label_zh: str
    active: bool
    sort: int

    def label_for(self, language: str) -> str:
        """The label in ``language`` ("zh", "en"…); the English one when there is no Chinese one."""
        return self.label_zh if language == "zh" and self.label_zh else self.label or self.code


def not_ready_reasons(session: Session, *, include_retired: bool = False) -> list[ReasonView]:
    """The reasons in menu order; retired ones only when asked (a supervisor's list)."""
    query = select(NotReadyReason).order_by(NotReadyReason.sort, NotReadyReason.code)
    if not include_retired:
        query = query.where(NotReadyReason.active)
    return [ReasonView(r.code, r.label, r.label_zh, r.active, r.sort) for r in session.scalars(query)]
