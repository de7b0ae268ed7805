"""Staffing tables: marked days, shift templates, each agent's limits, and shift plans.

Times of day are local minutes (the centre's zone, as a rota is written: "08:30, 9 hours");
planned shifts keep their start and end in naive UTC like every other time in the database, so
adherence compares them with the state intervals directly.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from agent_desk.store.clock import utcnow
from agent_desk.store.models import Base

SPECIAL_DAY_KINDS = ("holiday", "campaign")
PLAN_STATES = ("draft", "published")


class SpecialDay(Base):
    """A day the forecast must not take as ordinary: a public holiday, or a TV advert airing on a line."""

    __tablename__ = "staffing_special_days"
    __table_args__ = (
        CheckConstraint("kind IN ('holiday', 'campaign')", name="kind"),
        UniqueConstraint("day", "kind", "business_line_id", name="uq_staffing_special_days_day_kind_line"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))  # None: every line
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ShiftTemplate(Base):
    """A shift as the rota writes it: starts at a local time, lasts so long, with its breaks."""

    __tablename__ = "shift_templates"
    __table_args__ = (
        CheckConstraint("start_minute >= 0 AND start_minute < 1440", name="start_minute"),
        CheckConstraint("length_minutes > 0 AND length_minutes <= 960", name="length_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    start_minute: Mapped[int] = mapped_column(Integer)  # local minutes after midnight
    length_minutes: Mapped[int] = mapped_column(Integer)
    # JSON list of [minutes after the start, length in minutes]: [[120, 15], [240, 30], [390, 15]]
    breaks: Mapped[str] = mapped_column(Text, default="[]")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AgentStaffing(Base):
    """What a plan must respect for one agent; an agent without a row takes the defaults."""

    __tablename__ = "staffing_agents"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    max_hours_week: Mapped[int] = mapped_column(Integer, default=40)
    min_rest_hours: Mapped[int] = mapped_column(Integer, default=11)
    available: Mapped[bool] = mapped_column(Boolean, default=True)  # on leave, training away…


class ShiftPlan(Base):
    __tablename__ = "shift_plans"
    __table_args__ = (CheckConstraint("status IN ('draft', 'published')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    interval_minutes: Mapped[int] = mapped_column(Integer, default=30)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    zone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the solver said: under- and over-staffed interval-positions, seconds taken, status.
    summary: Mapped[str] = mapped_column(Text, default="{}")


class PlannedShift(Base):
    __tablename__ = "planned_shifts"
    __table_args__ = (UniqueConstraint("plan_id", "user_id", "day", name="uq_planned_shifts_one_shift_a_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("shift_plans.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    day: Mapped[date] = mapped_column(Date)  # the local day the shift starts on
    template_id: Mapped[int | None] = mapped_column(ForeignKey("shift_templates.id"))
    start_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive UTC
    end_at: Mapped[datetime] = mapped_column(DateTime)
    breaks: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[start ISO UTC, end ISO UTC], …]
    edited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # a supervisor's change by hand


__all__ = [
    "PLAN_STATES",
    "SPECIAL_DAY_KINDS",
    "AgentStaffing",
    "PlannedShift",
    "ShiftPlan",
    "ShiftTemplate",
    "SpecialDay",
]
