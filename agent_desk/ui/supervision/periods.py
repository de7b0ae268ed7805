"""The quick picks of a report's date range; plain dates, so the rule reads without Qt."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    THIS_MONTH = "this_month"


def period_range(period: Period, today: date) -> tuple[date, date]:
    """First and last day (inclusive). Weeks start on Monday, as Chinese and ISO calendars do; a
    period still running ends today, not on a day that has not happened."""
    monday = today - timedelta(days=today.weekday())
    match period:
        case Period.TODAY:
            return today, today
        case Period.YESTERDAY:
            yesterday = today - timedelta(days=1)
            return yesterday, yesterday
        case Period.THIS_WEEK:
            return monday, today
        case Period.LAST_WEEK:
            return monday - timedelta(days=7), monday - timedelta(days=1)
        case Period.THIS_MONTH:
            return today.replace(day=1), today


def matching_period(first: date, last: date, today: date) -> Period | None:
    """The quick pick this range is, if any (the picker shows it, or "custom")."""
    return next((p for p in Period if period_range(p, today) == (first, last)), None)
