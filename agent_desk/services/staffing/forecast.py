"""The forecast of calls offered and AHT per interval for the coming days, from the contact-centre record.

History is read per local day and interval (``history``: the KPI rollups, so "offered" and "AHT"
are the KPI report's), marked days are taken from ``special_days``, and the arithmetic is
``forecast_model``'s (Holt-Winters on daily totals × each weekday's interval shares; see there).
Days and intervals are those of the centre's zone; each interval's start is given in naive UTC,
as every time in the database. Only days before ``first_day`` and before today are learnt from, so
a forecast of a past week (the backtest) never sees that week.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from agent_desk.core.roles import supervises_floor
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.forecast_codes import ForecastError
from agent_desk.services.staffing.forecast_model import Grid, days_from, forecast_grid
from agent_desk.services.staffing.history import History, day_start_utc, read_history, slot_of
from agent_desk.services.staffing.special_days import line_id_of, marks_between
from agent_desk.services.supervision.report_request import local
from agent_desk.services.supervision.rollup_sums import zone_name

INTERVAL_MINUTES = (15, 30, 60)
MAX_DAYS = 62  # a forecast as far as a plan reaches; further out the weekly pattern is all it knows
MAX_LEAD_DAYS = 366
HISTORY_WEEKS = 26


@dataclass(frozen=True)
class IntervalForecast:
    start: datetime  # naive UTC
    calls: float
    aht_s: float


@dataclass(frozen=True)
class Forecast:
    intervals: list[IntervalForecast]
    method: str
    history_days: int  # days learnt from, from the record's first call in the window
    notes: list[str]  # Problem values: English sentences with a code the desk translates
    first_day: date
    days: int
    interval_minutes: int
    zone: str
    business_line: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "days": self.days,
            "interval_minutes": self.interval_minutes,
            "zone": self.zone,
            "business_line": self.business_line,
            "method": self.method,
            "history_days": self.history_days,
            "notes": [str(note) for note in self.notes],
            "intervals": [
                {"start": i.start.isoformat() + "Z", "calls": round(i.calls, 3), "aht_s": round(i.aht_s, 1)}
                for i in self.intervals
            ],
        }


def forecast(
    session: Session,
    *,
    first_day: date,
    days: int,
    interval_minutes: int,
    zone: tzinfo,
    business_line: str | None = None,
    now: datetime,
    viewer: CurrentUser | None = None,
) -> Forecast:
    """Calls offered and AHT for each interval of ``days`` local days from ``first_day``.

    ``now`` (naive UTC) says which day is today: today and later days are never learnt from.
    ``viewer`` None is the database's owner (the command line); otherwise supervisors and admins.
    Refused with a :class:`ForecastError` for a bad interval or range, an unknown line, or no
    calls at all in the :data:`HISTORY_WEEKS` weeks before.
    """
    grid, history = forecast_days(
        session,
        first_day=first_day,
        days=days,
        interval_minutes=interval_minutes,
        zone=zone,
        business_line=business_line,
        now=now,
        viewer=viewer,
    )
    return Forecast(
        intervals=intervals_of(grid, zone, interval_minutes),
        method=grid.method,
        history_days=history.days,
        notes=list(grid.notes),
        first_day=first_day,
        days=days,
        interval_minutes=interval_minutes,
        zone=zone_name(zone),
        business_line=business_line,
    )


def forecast_days(
    session: Session,
    *,
    first_day: date,
    days: int,
    interval_minutes: int,
    zone: tzinfo,
    business_line: str | None,
    now: datetime,
    viewer: CurrentUser | None,
) -> tuple[Grid, History]:
    """The forecast as local days × intervals of the day, with the history it learnt from."""
    if viewer is not None and not supervises_floor(viewer.role):
        raise ForecastError("staffing.forecast.not_allowed", role=viewer.role)
    if interval_minutes not in INTERVAL_MINUTES:
        raise ForecastError("staffing.forecast.interval", minutes=interval_minutes)
    if not 1 <= days <= MAX_DAYS:
        raise ForecastError("staffing.forecast.days", days=days, limit=MAX_DAYS)
    today = local(now, zone).date()
    if (first_day - today).days > MAX_LEAD_DAYS:
        raise ForecastError("staffing.forecast.too_far", day=first_day.isoformat(), limit=MAX_LEAD_DAYS)
    line_id = line_id_of(session, business_line) if business_line is not None else None
    until = min(first_day, today)
    start = until - timedelta(weeks=HISTORY_WEEKS)
    read = read_history(session, first=start, end=until, zone=zone, interval_minutes=interval_minutes, line_id=line_id)
    history = read.trimmed()
    if history is None:
        raise ForecastError("staffing.forecast.no_history", weeks=HISTORY_WEEKS, day=until.isoformat())
    end = first_day + timedelta(days=days)
    marks = marks_between(session, history.first_day, end, line_id)
    shares: dict[int, float] = {}
    if line_id is None:
        total = history.offered.sum()
        for marked in {m.line_id for day, of in marks.items() if day >= first_day for m in of} - {None}:
            assert marked is not None
            of_line = read_history(
                session,
                first=history.first_day,
                end=until,
                zone=zone,
                interval_minutes=interval_minutes,
                line_id=marked,
            )
            shares[marked] = float(of_line.offered.sum() / total)
    return forecast_grid(history, days_from(first_day, days), marks, shares), history


def intervals_of(grid: Grid, zone: tzinfo, interval_minutes: int) -> list[IntervalForecast]:
    """The grid as the real intervals of each local day, stepped in UTC: a day of a clock change has
    23 or 25 hours; an interval of the day that occurs twice shares its forecast between both."""
    step = timedelta(minutes=interval_minutes)
    out: list[IntervalForecast] = []
    for t, day in enumerate(grid.days):
        moment, stop = day_start_utc(day, zone), day_start_utc(day + timedelta(days=1), zone)
        starts: list[tuple[datetime, int]] = []
        while moment < stop:
            starts.append((moment, slot_of(local(moment, zone), interval_minutes)))
            moment += step
        seen = Counter(slot for _at, slot in starts)
        out += [
            IntervalForecast(at, float(grid.calls[t, slot]) / seen[slot], float(grid.aht_s[t, slot]))
            for at, slot in starts
        ]
    return out


__all__ = ["INTERVAL_MINUTES", "MAX_DAYS", "Forecast", "IntervalForecast", "forecast", "forecast_days", "intervals_of"]
