"""The contact-centre record: every queue and agent event, and the agent state intervals derived from it.

``contact_events`` is append-only (database triggers, as for ``order_events``) and idempotent: each
event carries a key made from its source and its own identity, so a replayed hub frame or a
re-imported ``queue_log`` line is refused by the unique index instead of counted twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from agent_desk.store.models import Base, BigId


class ContactEvent(Base):
    """One queue or agent event (the information of Asterisk's ``queue_log``)."""

    __tablename__ = "contact_events"
    __table_args__ = (
        Index("ix_contact_events_call", "call_id", "occurred_at"),
        Index("ix_contact_events_agent", "agent", "occurred_at"),
        Index("ix_contact_events_occurred", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200), unique=True)
    occurred_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(20))  # hub, queue_log, desk
    kind: Mapped[str] = mapped_column(String(24))  # core.contact_events.EventKind
    call_id: Mapped[str] = mapped_column(String(64), default="")
    queue: Mapped[str] = mapped_column(String(64), default="")
    agent: Mapped[str] = mapped_column(String(80), default="")  # the PBX's name: SIP/8001, Agent/1001
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class NotReadyReason(Base):
    """A reason an agent may give for not taking calls, with its labels and how long it may last."""

    __tablename__ = "not_ready_reasons"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    label: Mapped[str] = mapped_column(String(60))
    label_zh: Mapped[str] = mapped_column(String(60), default="")
    max_minutes: Mapped[int | None] = mapped_column(Integer)  # the floor view flags a longer one
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AgentStateInterval(Base):
    """An agent in one state (not ready for a reason, logged in…) from a start to an end.

    ``opened_by`` is the key of the event that opened it, so deriving twice never makes two rows;
    ``ended_at`` stays empty while the record has no event that ends it, and ``end_mark`` says when
    an end was set by something other than the agent (``restart``: the hub restarted mid-state).
    """

    __tablename__ = "agent_state_intervals"
    __table_args__ = (Index("ix_agent_state_intervals_agent", "agent", "started_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    opened_by: Mapped[str] = mapped_column(String(200), unique=True)
    agent: Mapped[str] = mapped_column(String(80))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(20))  # core.agent_states.AgentStatus, or logged_in
    reason: Mapped[str] = mapped_column(String(30), default="")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_mark: Mapped[str] = mapped_column(String(20), default="")
    source: Mapped[str] = mapped_column(String(20))
