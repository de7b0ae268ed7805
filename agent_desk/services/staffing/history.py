"""The record's calls per local day and interval of the day: what the forecast learns from and the backtest scores.

Read from the KPI rollups' quarter hours (brought up to date first, as a KPI report does), so a
forecast counts exactly what the KPI report shows: a call is *offered* in the interval it entered
the queue, once it has an outcome (answered, abandoned, timed out, left…; ``core.kpi``), and the
handling time of an answered call is its talk + hold + after-call work. Quarter hours are UTC;
every real zone's offset is a whole number of quarter hours, so each falls in one local interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

import numpy as np
from sqlalchemy.orm import Session

from agent_desk.core.kpi import CallTally
from agent_desk.services.supervision import rollup_read
from agent_desk.services.supervision.report_request import local, naive_utc
from agent_desk.services.supervision.rollups import refresh


@dataclass(frozen=True)
class History:
    """Calls of consecutive local days from ``first_day``: arrays of days × intervals of the day."""

    first_day: date
    interval_minutes: int
    offered: np.ndarray
    answered: np.ndarray
    handle_s: np.ndarray

    @property
    def days(self) -> int:
        return int(self.offered.shape[0])

    @property
    def end_day(self) -> date:
        """The day after the last one."""
        return self.first_day + timedelta(days=self.days)

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def index(self, day: date) -> int | None:
        i = (day - self.first_day).days
        return i if 0 <= i < self.days else None

    def trimmed(self) -> History | None:
        """From the first day with an offered call (None: none at all); a record starts somewhere."""
        busy = np.flatnonzero(self.offered.sum(axis=1) > 0)
        if not busy.size:
            return None
        first = int(busy[0])
        return History(
            self.day(first), self.interval_minutes, self.offered[first:], self.answered[first:], self.handle_s[first:]
        )


def slots_per_day(interval_minutes: int) -> int:
    return 1440 // interval_minutes


def slot_of(moment: datetime, interval_minutes: int) -> int:
    """The interval of the day a local time falls in (0 = the one starting at midnight)."""
    return (moment.hour * 60 + moment.minute) // interval_minutes


def day_start_utc(day: date, zone: tzinfo) -> datetime:
    return naive_utc(datetime.combine(day, time(), zone))


def read_history(
    session: Session, *, first: date, end: date, zone: tzinfo, interval_minutes: int, line_id: int | None
) -> History:
    """The calls of local days [first, end) in ``zone``: the whole centre, or one business line."""
    days, slots = max(0, (end - first).days), slots_per_day(interval_minutes)
    offered = np.zeros((days, slots))
    answered = np.zeros((days, slots))
    handle = np.zeros((days, slots))
    start_utc, end_utc = day_start_utc(first, zone), day_start_utc(end, zone)
    if days:
        table = rollup_read.CALL_TABLE
        dim, extra = ("*", ()) if line_id is None else ("l", (table.c.business_line_id == line_id,))
        # On a session of its own, as the KPI report refreshes: the caller's stays as it was.
        with Session(session.get_bind()) as s:
            with s.begin():
                refresh(s, start_utc, end_utc)
            where = rollup_read.cover(start_utc, end_utc, None)
            for row in rollup_read.rows_of(s, table, (dim, dim), where, *extra):
                at = local(row.period_start, zone)
                i = (at.date() - first).days
                if not 0 <= i < days:
                    continue
                figures = CallTally.from_json(row.tally).figures()
                j = slot_of(at, interval_minutes)
                offered[i, j] += figures.offered
                answered[i, j] += figures.answered
                handle[i, j] += figures.handle_s
    return History(first, interval_minutes, offered, answered, handle)


__all__ = ["History", "day_start_utc", "read_history", "slot_of", "slots_per_day"]
