"""Marked days: public holidays and campaign days (a TV advert airing on a business line).

A mark without a line concerns every line. The forecast leaves marked days out of the ordinary
pattern it learns and forecasts them with a factor of their own (``forecast_model``). Supervisors
and administrators mark days; ``viewer`` None is the database's owner (the command line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.roles import supervises_floor
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.forecast_codes import ForecastError
from agent_desk.store.models import BusinessLine
from agent_desk.store.staffing import SPECIAL_DAY_KINDS, SpecialDay

NOTE_LIMIT = 200  # the column's length


@dataclass(frozen=True)
class SpecialDayView:
    id: int
    day: date
    kind: str
    line: str | None  # the business line's code; None: every line
    note: str


@dataclass(frozen=True)
class Mark:
    """A mark as the forecast uses it: its kind and the line it concerns (None: every line)."""

    kind: str
    line_id: int | None


def line_id_of(session: Session, code: str) -> int:
    found = session.scalar(select(BusinessLine.id).where(BusinessLine.code == code))
    if found is None:
        raise ForecastError("staffing.forecast.line_unknown", line=code)
    return found


def _allowed(viewer: CurrentUser | None) -> None:
    if viewer is not None and not supervises_floor(viewer.role):
        raise ForecastError("staffing.special_day.not_allowed", role=viewer.role)


def _same(session: Session, day: date, kind: str, line_id: int | None) -> SpecialDay | None:
    # Looked up, not left to the unique index: NULLs (every line) are never equal there.
    line = SpecialDay.business_line_id.is_(None) if line_id is None else SpecialDay.business_line_id == line_id
    return session.scalar(select(SpecialDay).where(SpecialDay.day == day, SpecialDay.kind == kind, line))


def add_special_day(
    session: Session, day: date, kind: str, *, line: str | None = None, note: str = "", viewer: CurrentUser | None
) -> SpecialDayView:
    """Mark ``day``; refused (nothing written) for other roles, an unknown kind or line, or a mark already there."""
    _allowed(viewer)
    if kind not in SPECIAL_DAY_KINDS:
        raise ForecastError("staffing.special_day.kind", kind=kind)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ForecastError("staffing.special_day.note_too_long", length=len(note), limit=NOTE_LIMIT)
    line_id = line_id_of(session, line) if line is not None else None
    if _same(session, day, kind, line_id) is not None:
        raise ForecastError("staffing.special_day.exists", day=day.isoformat())
    row = SpecialDay(
        day=day, kind=kind, business_line_id=line_id, note=note, created_by=viewer.id if viewer is not None else None
    )
    session.add(row)
    session.flush()
    return SpecialDayView(row.id, day, kind, line, note)


def remove_special_day(
    session: Session, day: date, kind: str, *, line: str | None = None, viewer: CurrentUser | None
) -> None:
    _allowed(viewer)
    if kind not in SPECIAL_DAY_KINDS:
        raise ForecastError("staffing.special_day.kind", kind=kind)
    row = _same(session, day, kind, line_id_of(session, line) if line is not None else None)
    if row is None:
        raise ForecastError("staffing.special_day.not_found", day=day.isoformat())
    session.delete(row)
    session.flush()


def list_special_days(
    session: Session, *, first: date | None = None, last: date | None = None, viewer: CurrentUser | None
) -> list[SpecialDayView]:
    """The marks from ``first`` to ``last`` (both included, either open), by day."""
    _allowed(viewer)
    query = select(SpecialDay, BusinessLine.code).outerjoin(
        BusinessLine, BusinessLine.id == SpecialDay.business_line_id
    )
    if first is not None:
        query = query.where(SpecialDay.day >= first)
    if last is not None:
        query = query.where(SpecialDay.day <= last)
    rows = session.execute(query.order_by(SpecialDay.day, SpecialDay.kind, BusinessLine.code))
    return [SpecialDayView(r.id, r.day, r.kind, code, r.note) for r, code in rows]


def marks_between(session: Session, first: date, end: date, line_id: int | None) -> dict[date, list[Mark]]:
    """The marks that concern a forecast of local days [first, end): of ``line_id`` and of every line;
    for the whole centre (``line_id`` None), every mark — a campaign on one line is not an ordinary
    day for the centre either."""
    query = select(SpecialDay.day, SpecialDay.kind, SpecialDay.business_line_id).where(
        SpecialDay.day >= first, SpecialDay.day < end
    )
    if line_id is not None:
        query = query.where((SpecialDay.business_line_id == line_id) | SpecialDay.business_line_id.is_(None))
    marks: dict[date, list[Mark]] = defaultdict(list)
    for day, kind, line in session.execute(query):
        marks[day].append(Mark(kind, line))
    return dict(marks)


__all__ = [
    "Mark",
    "SpecialDayView",
    "add_special_day",
    "line_id_of",
    "list_special_days",
    "marks_between",
    "remove_special_day",
]
