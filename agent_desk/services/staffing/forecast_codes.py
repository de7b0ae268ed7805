"""What the forecast, its backtest and the marked days say when they refuse, and the notes a forecast carries.

A refusal is a :class:`ForecastError` (nothing was read or changed). A forecast that could be made
but with a caveat (too little history for the full method, a marked day with no past example) says
so in ``Forecast.notes``: :class:`~agent_desk.core.errors.Problem` values of the same class, which
read as English sentences and carry a code the desk translates (``agent_desk/ui/errors.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from agent_desk.services.errors import ServiceError


class ForecastError(ServiceError, ValueError):
    messages: ClassVar[Mapping[str, str]] = {
        # --- refusals: nothing was read or changed
        "staffing.forecast.interval": "an interval is 15, 30 or 60 minutes, not {minutes}",
        "staffing.forecast.days": "a forecast covers 1 to {limit} days, not {days}",
        "staffing.forecast.too_far": "a forecast starts at most {limit} days after today, not on {day}",
        "staffing.forecast.line_unknown": "no business line has the code '{line}'",
        "staffing.forecast.no_history": (
            "no calls were offered in the {weeks} weeks before {day}: there is nothing to forecast from"
        ),
        "staffing.forecast.not_allowed": "the forecast is for supervisors and administrators, not the {role} role",
        "staffing.backtest.short_history": (
            "the backtest of the week from {first} needs the record to start by {needed} (a week before it, "
            "for the naive baseline); its first call is on {start}"
        ),
        "staffing.backtest.no_calls": (
            "no calls were offered in the week from {first} to {last}: there is nothing to score the forecast on"
        ),
        "staffing.special_day.not_allowed": (
            "special days are marked by supervisors and administrators, not the {role} role"
        ),
        "staffing.special_day.kind": "a special day is a holiday or a campaign, not '{kind}'",
        "staffing.special_day.exists": "{day} is already marked so; remove that mark first to change it",
        "staffing.special_day.not_found": "{day} has no such mark to remove",
        "staffing.special_day.note_too_long": "the note is {length} characters long; at most {limit} fit",
        # --- notes on a forecast that was made
        "staffing.forecast.short_history": (
            "only {days} days of history (fewer than 14): each day is forecast as the mean of the past days of its "
            "weekday (of all past days where its weekday was not seen), without trend"
        ),
        "staffing.forecast.fit_failed": (
            "the Holt-Winters fit failed on this history: each day is forecast as the mean of the past days of its "
            "weekday, without trend"
        ),
        "staffing.forecast.special_excluded": (
            "{count} marked days in the history were left out of the ordinary pattern"
        ),
        "staffing.forecast.holiday_factor": (
            "{day} is a holiday: forecast at {factor} × an ordinary day, the mean of {examples} past holidays"
        ),
        "staffing.forecast.holiday_default": (
            "{day} is a holiday and the history has none to learn from: forecast at the default {factor} × an "
            "ordinary day"
        ),
        "staffing.forecast.campaign_factor": (
            "{day} is a campaign day: forecast at {factor} × an ordinary day, the mean of {examples} past campaign days"
        ),
        "staffing.forecast.campaign_default": (
            "{day} is a campaign day and the history has none to learn from: forecast at the default {factor} × an "
            "ordinary day"
        ),
        "staffing.forecast.no_aht": (
            "no call in the history was answered: the handling time is unknown and given as 0 s"
        ),
    }


__all__ = ["ForecastError"]
