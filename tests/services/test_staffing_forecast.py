"""The call forecast on a history whose true pattern is known (tests/services/staffing_history.py).

Ten weeks of Poisson calls from Monday 5 January 2026 (Asia/Shanghai); "now" is the Monday after,
so the forecast week is 16–22 March. Poisson noise on 100–200 calls a day is 7–10 % a day, which
sets the errors the forecast is held to.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import func, select

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.staffing.backtest import backtest
from agent_desk.services.staffing.forecast import Forecast, forecast
from agent_desk.services.staffing.forecast_codes import ForecastError
from agent_desk.services.staffing.special_days import add_special_day, remove_special_day
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import BusinessLine, User
from agent_desk.store.staffing import SpecialDay
from tests.services.staffing_history import SHANGHAI, UTC, Pattern, write_history

FIRST = date(2026, 1, 5)  # a Monday
DAYS = 70
NEXT = date(2026, 3, 16)  # the Monday after the history
NOW = datetime(2026, 3, 16, 2, 0)  # 10:00 in Shanghai


def run(db: Database, **kwargs: object) -> Forecast:
    args: dict[str, object] = {"first_day": NEXT, "days": 7, "interval_minutes": 30, "zone": SHANGHAI, "now": NOW}
    with db.factory() as s:
        return forecast(s, **(args | kwargs))  # type: ignore[arg-type]


def by_day(result: Forecast) -> np.ndarray:
    """Calls per local day × half hour (a week without clock changes: 48 a day)."""
    return np.array([i.calls for i in result.intervals]).reshape(result.days, 48)


def viewer(db: Database, username: str) -> CurrentUser:
    with db.factory() as s:
        u = s.scalars(select(User).where(User.username == username)).one()
        return CurrentUser(u.id, u.username, u.display_name, u.role, u.telephony_id)


def truth(pattern: Pattern, first: date, days: int) -> np.ndarray:
    return np.array([pattern.mean(first + timedelta(days=d)) for d in range(days)])


def test_a_weekly_pattern_with_a_trend_is_forecast_within_its_stated_error(ref_db: Database) -> None:
    # 100 calls on a weekday of factor 1 at the start, growing 1 % a day: 70 % more by the end.
    pattern = Pattern(FIRST, DAYS, base=100, growth=0.01)
    write_history(ref_db, pattern, seed=3)
    result = run(ref_db)
    assert "Holt-Winters" in result.method and result.history_days == DAYS and result.notes == []
    calls, expected = by_day(result), truth(pattern, NEXT, 7)
    # The week within 8 % (a forecast without the trend, the ten weeks' mean, would be 22 % short),
    # each day within 15 %, and the half hours' absolute errors under 15 % of the calls.
    assert abs(calls.sum() / expected.sum() - 1) < 0.08
    assert np.abs(calls.sum(axis=1) / expected.sum(axis=1) - 1).max() < 0.15
    assert np.abs(calls - expected).sum() / expected.sum() < 0.15
    # Monday is the busiest day and Sunday the quietest, as in the history (1.3 and 0.5).
    assert calls.sum(axis=1).argmax() == 0 and calls.sum(axis=1).argmin() == 6


def test_intervals_are_the_centres_half_hours_in_utc_with_no_calls_when_it_is_closed(ref_db: Database) -> None:
    write_history(ref_db, Pattern(FIRST, DAYS), seed=4)
    result = run(ref_db, days=2)
    starts = [i.start for i in result.intervals]
    # Midnight in Shanghai is 16:00 UTC the day before; 2 days of 48 half hours.
    assert starts[0] == datetime(2026, 3, 15, 16, 0) and len(starts) == 96
    assert all(b - a == timedelta(minutes=30) for a, b in pairwise(starts))
    calls = by_day(result)
    assert calls[:, :16].sum() == 0 and calls[:, 44:].sum() == 0  # no call before 08:00 or from 22:00
    assert calls[:, 26].min() > calls[:, 18].max()  # 13:00 is busier than 09:00


def test_aht_follows_the_time_of_day(ref_db: Database) -> None:
    write_history(ref_db, Pattern(FIRST, DAYS), seed=5)
    aht = np.array([i.aht_s for i in run(ref_db).intervals]).reshape(7, 48)
    # Answered calls take 200 s of talk + 30 s of wrap-up before 14:00, 300 + 30 s from 14:00.
    assert aht[:, 18:28] == pytest.approx(230, rel=0.06)
    assert aht[:, 28:42] == pytest.approx(330, rel=0.06)


def test_a_marked_holiday_does_not_drag_the_ordinary_days_down_and_a_marked_future_one_is_forecast_low(
    ref_db: Database,
) -> None:
    holiday, coming = date(2026, 3, 9), date(2026, 3, 18)  # the last Monday of the history; a Wednesday
    pattern = Pattern(FIRST, DAYS, marked={holiday: 0.2})
    write_history(ref_db, pattern, seed=6)
    with transaction(ref_db.factory) as s:
        add_special_day(s, holiday, "holiday", note="Labour day", viewer=None)
        add_special_day(s, coming, "holiday", viewer=None)
    ordinary = np.array([pattern.ordinary_total(NEXT + timedelta(days=d)) for d in range(7)])
    share = by_day(run(ref_db)).sum(axis=1) / ordinary
    assert share[0] == pytest.approx(1, abs=0.1)  # next Monday: an ordinary Monday
    assert 0.1 < share[2] < 0.3  # the coming holiday: like the past one, a fifth of a day
    assert all(share[d] == pytest.approx(1, abs=0.1) for d in (1, 3, 4, 5, 6))
    result = run(ref_db)
    assert [n.code for n in result.notes] == [
        "staffing.forecast.special_excluded",
        "staffing.forecast.holiday_factor",
    ]
    assert result.notes[1].startswith("2026-03-18 is a holiday: forecast at 0.")
    assert result.notes[1].endswith("× an ordinary day, the mean of 1 past holidays")
    # Unmarked, the same past holiday is taken for an ordinary Monday and drags the next one down;
    # the coming holiday, with no past one to learn from, takes the default half day.
    with transaction(ref_db.factory) as s:
        remove_special_day(s, holiday, "holiday", viewer=None)
    unmarked = run(ref_db)
    dragged = by_day(unmarked).sum(axis=1) / ordinary
    assert dragged[0] < share[0] - 0.05
    assert dragged[2] == pytest.approx(0.5, abs=0.06)
    assert [n.code for n in unmarked.notes] == ["staffing.forecast.holiday_default"]


def test_a_line_forecast_counts_that_lines_calls_and_its_campaign_day(ref_db: Database) -> None:
    with ref_db.factory() as s:
        lines = dict(s.execute(select(BusinessLine.code, BusinessLine.id)).all())
    write_history(ref_db, Pattern(FIRST, DAYS, base=60), seed=7, line_id=lines["health"])
    write_history(ref_db, Pattern(FIRST, DAYS, base=30), seed=8, line_id=lines["kitchen"])
    with transaction(ref_db.factory) as s:
        add_special_day(s, date(2026, 3, 17), "campaign", line="kitchen", note="TV advert", viewer=None)
    health, kitchen, centre = run(ref_db, business_line="health"), run(ref_db, business_line="kitchen"), run(ref_db)
    assert health.business_line == "health"
    # Tuesday 17 March: factor 1.2 × 60 and × 30 calls; the kitchen line's campaign (no past one: × 1.5).
    tuesday = [by_day(r)[1].sum() for r in (health, kitchen)]
    assert tuesday[0] == pytest.approx(72, rel=0.15) and tuesday[1] == pytest.approx(54, rel=0.15)
    assert [n.code for n in health.notes] == []
    assert [n.code for n in kitchen.notes] == ["staffing.forecast.campaign_default"]
    # The centre: the two lines' calls; the kitchen line's campaign raises its day by the line's part
    # of it only (a third of the calls × 0.5 more: × 1.17), not by the half a whole day would take.
    assert by_day(centre)[0].sum() == pytest.approx(by_day(health)[0].sum() + by_day(kitchen)[0].sum(), rel=0.1)
    assert by_day(centre)[1].sum() == pytest.approx(90 * 1.2 * (1 + 0.5 / 3), rel=0.12)


def test_the_backtest_scores_the_last_complete_week_against_the_naive_forecast(ref_db: Database) -> None:
    pattern = Pattern(FIRST, DAYS)
    counts = write_history(ref_db, pattern, seed=9)
    with ref_db.factory() as s:
        result = backtest(s, interval_minutes=30, zone=SHANGHAI, now=datetime(2026, 3, 18, 4))  # a Wednesday
    assert (result.first_day, result.last_day) == (date(2026, 3, 9), date(2026, 3, 15))
    assert result.history_days == DAYS - 7  # learnt from the nine weeks before only
    actual, week_before = counts[63:70], counts[56:63]
    assert result.actual_calls == actual.sum() and result.naive_calls == week_before.sum()
    # Naive: the same half hour a week earlier, WAPE = Σ|actual − naive| ÷ Σ actual.
    assert result.wape_naive == pytest.approx(np.abs(actual - week_before).sum() / actual.sum(), abs=1e-12)
    at_one = result.intervals[26]
    assert at_one.time == "13:00"
    assert at_one.wape_naive == pytest.approx(
        np.abs(actual[:, 26] - week_before[:, 26]).sum() / actual[:, 26].sum(), abs=1e-12
    )
    assert result.intervals[6].time == "03:00" and result.intervals[6].wape_forecast is None  # closed
    # Knowing the true means would score Σ|actual − mean| ÷ Σ actual; the forecast comes within
    # 20 % of that, and beats the naive forecast, whose error is two weeks' noise, not one.
    oracle = np.abs(actual - truth(pattern, date(2026, 3, 9), 7)).sum() / actual.sum()
    assert result.beats_naive and result.wape_forecast < 1.2 * oracle
    assert [d.day for d in result.days] == [date(2026, 3, 9) + timedelta(days=d) for d in range(7)]


def test_the_backtest_needs_a_week_before_it_and_calls_in_it(ref_db: Database) -> None:
    # From Tuesday 3 March: the week of 9 March has 6 days before it, not 7.
    write_history(ref_db, Pattern(date(2026, 3, 3), 13), seed=10)
    with ref_db.factory() as s, pytest.raises(ForecastError) as refused:
        backtest(s, interval_minutes=30, zone=SHANGHAI, now=datetime(2026, 3, 18))
    assert refused.value.code == "staffing.backtest.short_history"
    assert refused.value.params == {"first": "2026-03-09", "needed": "2026-03-02", "start": "2026-03-03"}
    # Three weeks later: the last complete week (30 March – 5 April) had no call.
    with ref_db.factory() as s, pytest.raises(ForecastError) as refused:
        backtest(s, interval_minutes=30, zone=SHANGHAI, now=datetime(2026, 4, 8))
    assert refused.value.code == "staffing.backtest.no_calls"


def test_less_than_two_weeks_of_history_falls_back_to_weekday_means_and_says_so(ref_db: Database) -> None:
    pattern = Pattern(date(2026, 3, 6), 10)  # Friday 6 to Sunday 15 March
    write_history(ref_db, pattern, seed=11)
    result = run(ref_db)
    assert result.method.startswith("weekday means") and result.history_days == 10
    assert [n.code for n in result.notes] == ["staffing.forecast.short_history"]
    assert "only 10 days of history" in result.notes[0]
    calls = by_day(result).sum(axis=1)
    # Monday 16 March was seen once (the 9th), Sunday twice: each day is the mean of its weekday.
    assert calls[0] == pytest.approx(pattern.ordinary_total(NEXT), rel=0.2)
    assert calls[6] == pytest.approx(pattern.ordinary_total(date(2026, 3, 22)), rel=0.2)


def test_a_day_of_a_clock_change_has_its_own_number_of_intervals(ref_db: Database) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    write_history(ref_db, Pattern(date(2026, 2, 23), 28, zone=berlin), seed=12)
    result = run(ref_db, first_day=date(2026, 3, 28), days=3, zone=berlin, now=datetime(2026, 3, 23))
    per_day: dict[date, int] = {}
    for i in result.intervals:
        day = i.start.replace(tzinfo=UTC).astimezone(berlin).date()
        per_day[day] = per_day.get(day, 0) + 1
    # Sunday 29 March 2026: clocks go forward at 02:00, the day has 23 hours.
    assert per_day == {date(2026, 3, 28): 48, date(2026, 3, 29): 46, date(2026, 3, 30): 48}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"interval_minutes": 20}, "staffing.forecast.interval"),
        ({"days": 0}, "staffing.forecast.days"),
        ({"days": -7}, "staffing.forecast.days"),
        ({"days": 63}, "staffing.forecast.days"),
        ({"first_day": date(2027, 6, 1)}, "staffing.forecast.too_far"),
        ({"business_line": "nope"}, "staffing.forecast.line_unknown"),
        ({"first_day": date(2025, 6, 1)}, "staffing.forecast.no_history"),  # before the record
    ],
)
def test_bad_requests_are_refused_with_a_clear_reason(ref_db: Database, change: dict[str, object], code: str) -> None:
    write_history(ref_db, Pattern(FIRST, 14), seed=13)
    with pytest.raises(ForecastError) as refused:
        run(ref_db, **change)
    assert refused.value.code == code and str(refused.value)


def test_an_empty_record_and_an_agent_are_refused(ref_db: Database) -> None:
    with pytest.raises(ForecastError) as refused:
        run(ref_db)
    assert refused.value.code == "staffing.forecast.no_history"
    assert str(refused.value) == (
        "no calls were offered in the 26 weeks before 2026-03-16: there is nothing to forecast from"
    )
    with pytest.raises(ForecastError) as refused:
        run(ref_db, viewer=viewer(ref_db, "agent1"))
    assert refused.value.code == "staffing.forecast.not_allowed"
    with pytest.raises(ForecastError, match="no calls were offered"):  # a supervisor is let through
        run(ref_db, viewer=viewer(ref_db, "supervisor1"))


def test_special_days_are_marked_by_supervisors_and_refused_to_others(ref_db: Database) -> None:
    day = date(2026, 5, 1)
    agent, lead = viewer(ref_db, "agent1"), viewer(ref_db, "supervisor1")
    with transaction(ref_db.factory) as s:
        add_special_day(s, day, "holiday", note="Labour day", viewer=lead)
        add_special_day(s, day, "campaign", line="health", viewer=lead)  # another mark on the same day
    refusals = [
        (lambda s: add_special_day(s, day, "holiday", viewer=agent), "staffing.special_day.not_allowed"),
        (lambda s: add_special_day(s, day, "holiday", viewer=lead), "staffing.special_day.exists"),
        (lambda s: add_special_day(s, day, "campaign", line="health", viewer=lead), "staffing.special_day.exists"),
        (lambda s: add_special_day(s, day, "festival", viewer=lead), "staffing.special_day.kind"),
        (lambda s: add_special_day(s, day, "campaign", line="nope", viewer=lead), "staffing.forecast.line_unknown"),
        (
            lambda s: add_special_day(s, day, "campaign", note="x" * 201, viewer=lead),
            "staffing.special_day.note_too_long",
        ),
        (lambda s: remove_special_day(s, day, "holiday", viewer=agent), "staffing.special_day.not_allowed"),
        (lambda s: remove_special_day(s, day, "campaign", viewer=lead), "staffing.special_day.not_found"),
    ]
    for act, code in refusals:
        with pytest.raises(ForecastError) as refused, transaction(ref_db.factory) as s:
            act(s)
        assert refused.value.code == code
    from agent_desk.services.staffing.special_days import list_special_days

    with ref_db.factory() as s:
        marks = list_special_days(s, viewer=lead)
        assert [(m.day, m.kind, m.line, m.note) for m in marks] == [
            (day, "campaign", "health", ""),
            (day, "holiday", None, "Labour day"),
        ]
        with pytest.raises(ForecastError):
            list_special_days(s, viewer=agent)
        assert s.scalar(select(func.count()).select_from(SpecialDay)) == 2  # nothing changed by a refusal
    with transaction(ref_db.factory) as s:
        remove_special_day(s, day, "campaign", line="health", viewer=lead)
    with ref_db.factory() as s:
        assert [m.kind for m in list_special_days(s, first=day, last=day, viewer=None)] == ["holiday"]
