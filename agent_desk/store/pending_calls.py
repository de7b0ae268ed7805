"""The calls waiting for an agent: unfinished wrap-ups with what was typed, and missed calls.

One row per agent and call. ``calls`` holds one wrap-up per call and names the agent who has it
now (a transfer moves it on), so it cannot say which agent still owes a wrap-up, nor that a call
rang at three desks unanswered before a fourth took it: each of those agents has a row here.
A row stays once cleared (``cleared_at``, and how), so the desk that typed it offline can tell
an older copy from a newer one (``revision``) when it pushes what it kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from agent_desk.store.models import Base, BigId

PENDING_KINDS = ("wrap_up", "missed")
CLEAR_REASONS = ("", "wrapped_up", "called_back", "dismissed")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class PendingCall(Base):
    __tablename__ = "pending_calls"
    __table_args__ = (
        UniqueConstraint("user_id", "platform_call_id"),
        CheckConstraint(_in("kind", PENDING_KINDS), name="kind"),
        CheckConstraint(_in("cleared_how", CLEAR_REASONS), name="cleared_how"),
        # The login's one query: this agent's rows not cleared, newest first.
        Index("ix_pending_calls_user_open", "user_id", "cleared_at", "offered_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The platform's call id, not calls.id: a call offered while the database was away has no row
    # there yet when the desk pushes what the agent typed for it.
    platform_call_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10))
    ani: Mapped[str] = mapped_column(String(40), default="")
    dnis: Mapped[str] = mapped_column(String(32), default="")
    queue: Mapped[str] = mapped_column(String(64), default="")
    offered_at: Mapped[datetime | None] = mapped_column(DateTime)
    end_reason: Mapped[str] = mapped_column(String(30), default="")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    disposition: Mapped[str] = mapped_column(String(30), default="")  # as picked; checked when the wrap-up is saved
    notes: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime)
    cleared_how: Mapped[str] = mapped_column(String(12), default="")
