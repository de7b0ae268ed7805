"""The shift lead's question in one call: the calls forecast for the coming days, the agents each
interval needs, and a draft plan that covers them.

The Staffing workspace and ``agent-desk staffing`` both ask through here, so the forecast the
plan is built on is the one on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.forecast import Forecast, forecast
from agent_desk.services.staffing.plans import DEFAULT_TIME_LIMIT_S, PlanView, build_plan
from agent_desk.services.staffing.requirements import IntervalNeed, Targets, requirements


@dataclass(frozen=True)
class WeekNeeds:
    forecast: Forecast
    needs: list[IntervalNeed]
    targets: Targets

    @property
    def positions(self) -> list[int]:
        return [need.positions for need in self.needs]


def week_needs(
    session: Session,
    viewer: CurrentUser | None,
    *,
    first_day: date,
    days: int,
    interval_minutes: int,
    zone: ZoneInfo,
    targets: Targets,
    now: datetime,
    business_line: str | None = None,
) -> WeekNeeds:
    """The forecast of ``days`` days from ``first_day`` and the agents and positions per interval."""
    predicted = forecast(
        session,
        first_day=first_day,
        days=days,
        interval_minutes=interval_minutes,
        zone=zone,
        business_line=business_line,
        now=now,
        viewer=viewer,
    )
    needs = requirements(predicted.intervals, targets, interval_minutes=interval_minutes)
    return WeekNeeds(predicted, needs, targets)


def plan_week(
    session: Session,
    viewer: CurrentUser | None,
    needs: WeekNeeds,
    *,
    zone: ZoneInfo,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> PlanView:
    """A draft plan for the days of ``needs``, covering its positions (the workspace's Build plan)."""
    predicted = needs.forecast
    last_day = predicted.first_day + timedelta(days=predicted.days - 1)
    return build_plan(
        session,
        viewer,
        predicted.first_day,
        last_day,
        needs.positions,
        interval_minutes=predicted.interval_minutes,
        zone=zone,
        time_limit_s=time_limit_s,
    )


__all__ = ["WeekNeeds", "plan_week", "week_needs"]
