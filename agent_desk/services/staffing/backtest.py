"""The backtest: forecast the last complete week (Monday to Sunday in the centre's zone) from the weeks
before it, and score it against what happened and against the naive forecast.

WAPE (weighted absolute percentage error) = Σ |actual − forecast| ÷ Σ actual, over the week's
intervals: over all of them (the overall figure), or over the seven days' same interval of the day
(the per-interval figures; none where that interval had no call all week). The naive baseline is
the same interval one week earlier. A forecast worth having beats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.forecast import forecast_days
from agent_desk.services.staffing.forecast_codes import ForecastError
from agent_desk.services.staffing.history import read_history, slots_per_day
from agent_desk.services.staffing.special_days import line_id_of
from agent_desk.services.supervision.report_request import local
from agent_desk.services.supervision.rollup_sums import zone_name


@dataclass(frozen=True)
class IntervalScore:
    time: str  # the interval's local start, "08:30"
    actual: float
    forecast: float
    naive: float
    wape_forecast: float | None  # None: no call in this interval all week
    wape_naive: float | None


@dataclass(frozen=True)
class DayScore:
    day: date
    actual: float
    forecast: float
    naive: float


@dataclass(frozen=True)
class Backtest:
    first_day: date  # the Monday
    last_day: date  # the Sunday
    interval_minutes: int
    zone: str
    business_line: str | None
    actual_calls: float
    forecast_calls: float
    naive_calls: float
    wape_forecast: float
    wape_naive: float
    intervals: list[IntervalScore]
    days: list[DayScore]
    method: str
    history_days: int
    notes: list[str]

    @property
    def beats_naive(self) -> bool:
        return self.wape_forecast < self.wape_naive

    def to_json(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "interval_minutes": self.interval_minutes,
            "zone": self.zone,
            "business_line": self.business_line,
            "method": self.method,
            "history_days": self.history_days,
            "notes": [str(note) for note in self.notes],
            "actual_calls": round(self.actual_calls, 3),
            "forecast_calls": round(self.forecast_calls, 3),
            "naive_calls": round(self.naive_calls, 3),
            "wape_forecast": round(self.wape_forecast, 4),
            "wape_naive": round(self.wape_naive, 4),
            "beats_naive": self.beats_naive,
            "days": [
                {"day": d.day.isoformat(), "actual": d.actual, "forecast": round(d.forecast, 3), "naive": d.naive}
                for d in self.days
            ],
            "intervals": [
                {
                    "time": i.time,
                    "actual": i.actual,
                    "forecast": round(i.forecast, 3),
                    "naive": i.naive,
                    "wape_forecast": None if i.wape_forecast is None else round(i.wape_forecast, 4),
                    "wape_naive": None if i.wape_naive is None else round(i.wape_naive, 4),
                }
                for i in self.intervals
            ],
        }


def last_complete_week(now: datetime, zone: tzinfo) -> date:
    """The Monday of the last Monday-to-Sunday week that has ended by ``now`` (naive UTC) in ``zone``."""
    today = local(now, zone).date()
    return today - timedelta(days=today.weekday() + 7)


def wape(actual: np.ndarray, predicted: np.ndarray) -> float | None:
    total = float(actual.sum())
    return float(np.abs(actual - predicted).sum()) / total if total > 0 else None


def backtest(
    session: Session,
    *,
    interval_minutes: int,
    zone: tzinfo,
    now: datetime,
    business_line: str | None = None,
    viewer: CurrentUser | None = None,
) -> Backtest:
    """Score the forecast of the last complete week; refused when the record does not reach a week
    before it (no naive baseline) or the week had no call."""
    first = last_complete_week(now, zone)
    end = first + timedelta(days=7)
    grid, history = forecast_days(
        session,
        first_day=first,
        days=7,
        interval_minutes=interval_minutes,
        zone=zone,
        business_line=business_line,
        now=now,
        viewer=viewer,
    )
    needed = first - timedelta(days=7)
    if history.first_day > needed:
        raise ForecastError(
            "staffing.backtest.short_history",
            first=first.isoformat(),
            needed=needed.isoformat(),
            start=history.first_day.isoformat(),
        )
    line_id = line_id_of(session, business_line) if business_line is not None else None
    week = read_history(session, first=first, end=end, zone=zone, interval_minutes=interval_minutes, line_id=line_id)
    actual, predicted = week.offered, grid.calls
    start = history.index(needed)
    assert start is not None  # the record reaches it, checked above
    naive = history.offered[start : start + 7]
    overall_f, overall_n = wape(actual, predicted), wape(actual, naive)
    if overall_f is None or overall_n is None:
        last = end - timedelta(days=1)
        raise ForecastError("staffing.backtest.no_calls", first=first.isoformat(), last=last.isoformat())
    step = timedelta(minutes=interval_minutes)
    scores = [
        IntervalScore(
            (datetime.combine(first, time()) + s * step).strftime("%H:%M"),
            float(actual[:, s].sum()),
            float(predicted[:, s].sum()),
            float(naive[:, s].sum()),
            wape(actual[:, s], predicted[:, s]),
            wape(actual[:, s], naive[:, s]),
        )
        for s in range(slots_per_day(interval_minutes))
    ]
    days = [
        DayScore(first + timedelta(days=d), float(actual[d].sum()), float(predicted[d].sum()), float(naive[d].sum()))
        for d in range(7)
    ]
    return Backtest(
        first_day=first,
        last_day=end - timedelta(days=1),
        interval_minutes=interval_minutes,
        zone=zone_name(zone),
        business_line=business_line,
        actual_calls=float(actual.sum()),
        forecast_calls=float(predicted.sum()),
        naive_calls=float(naive.sum()),
        wape_forecast=overall_f,
        wape_naive=overall_n,
        intervals=scores,
        days=days,
        method=grid.method,
        history_days=history.days,
        notes=list(grid.notes),
    )


__all__ = ["Backtest", "DayScore", "IntervalScore", "backtest", "last_complete_week", "wape"]
