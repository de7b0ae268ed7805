"""The forecast's arithmetic on arrays (no database): the cases a real record seldom shows."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from agent_desk.services.staffing.forecast_model import days_from, forecast_grid
from agent_desk.services.staffing.history import History
from agent_desk.services.staffing.special_days import Mark

FIRST = date(2026, 1, 5)  # a Monday
DAYS = 35


def flat_history(calls_a_slot: float = 4.0, answered: float = 1.0) -> History:
    """Five weeks of the same calls in the ten half hours from 09:00, every day."""
    offered = np.zeros((DAYS, 48))
    offered[:, 18:28] = calls_a_slot
    return History(FIRST, 30, offered, offered * answered, offered * answered * 200)


def test_a_history_where_nobody_answered_has_no_aht_and_says_so() -> None:
    grid = forecast_grid(flat_history(answered=0.0), days_from(FIRST + timedelta(days=DAYS), 2), {})
    assert [n.code for n in grid.notes] == ["staffing.forecast.no_aht"]
    assert (grid.aht_s == 0).all()
    assert abs(grid.calls.sum() - 80) < 1  # 40 calls a day still forecast


def test_a_campaign_factor_is_learnt_from_the_same_lines_past_campaigns_first() -> None:
    history = flat_history()
    kitchen, health = Mark("campaign", 2), Mark("campaign", 1)
    # Past campaigns: kitchen's day had 3 × its calls, health's 2 ×.
    history.offered[14] *= 3
    history.offered[21] *= 2
    marks = {FIRST + timedelta(days=14): [kitchen], FIRST + timedelta(days=21): [health]}
    coming = FIRST + timedelta(days=DAYS + 1)
    grid = forecast_grid(history, [coming], marks | {coming: [kitchen]})
    assert abs(grid.calls[0].sum() / 40 - 3) < 0.05
    assert [n.code for n in grid.notes] == [
        "staffing.forecast.special_excluded",
        "staffing.forecast.campaign_factor",
    ]
    assert str(grid.notes[1]).endswith("the mean of 1 past campaign days")
    # A line with no campaign of its own learns from the other lines' ones: (3 + 2) ÷ 2.
    other = forecast_grid(history, [coming], marks | {coming: [Mark("campaign", 3)]})
    assert abs(other.calls[0].sum() / 40 - 2.5) < 0.05


def test_a_day_with_a_holiday_and_a_campaign_takes_the_holidays_factor() -> None:
    coming = FIRST + timedelta(days=DAYS)
    grid = forecast_grid(flat_history(), [coming], {coming: [Mark("campaign", None), Mark("holiday", None)]})
    assert abs(grid.calls.sum() / 40 - 0.5) < 0.02  # the default half day of a holiday
    assert [n.code for n in grid.notes] == ["staffing.forecast.holiday_default"]
