"""The forecast's arithmetic, on arrays and without the database: a standard two-level method.

1. **Daily totals** of offered calls: Holt-Winters exponential smoothing (statsmodels'
   ``ExponentialSmoothing``) with a damped additive trend and a weekly season — multiplicative
   when every day had calls (a weekday's share scales with the level), additive otherwise (a day
   closed, or too few calls) — fitted on at most the last :data:`FIT_DAYS` days. The damped trend
   follows a growth without extrapolating it for ever.
2. **The day's shape**: each weekday's share of calls per interval over the last
   :data:`PROFILE_DAYS` days, shrunk towards the all-days shape by :data:`PROFILE_PRIOR_CALLS`
   calls (a Dirichlet prior: with a few calls a weekday's shape is mostly the pooled one, with
   thousands it is its own). Calls of an interval = the day's total × its share.
3. **AHT** per weekday × interval: handle seconds ÷ answered calls over the same days, shrunk by
   :data:`AHT_PRIOR_CALLS` calls towards the interval's AHT over all weekdays, itself shrunk
   towards the overall AHT.

Marked days (holidays, campaign days) are left out of all three: a marked day's total is replaced,
for the daily model, by its *ordinary level* (the mean of the ordinary same weekdays one and two
weeks either side). A future marked day is its ordinary forecast × a factor: the mean, over the past
days of the same mark (same kind and line, else same kind), of their total ÷ their ordinary level;
with no past example, :data:`DEFAULT_FACTORS` (for the whole centre and a mark of one line, applied
to that line's share of the calls only). With fewer than :data:`MIN_HW_DAYS` days, or if the
fit fails, a day's total is the mean of the past days of its weekday. Each fallback is a note.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from agent_desk.core.errors import Problem
from agent_desk.services.staffing.forecast_codes import ForecastError
from agent_desk.services.staffing.history import History
from agent_desk.services.staffing.special_days import Mark

MIN_HW_DAYS = 14  # two weekly seasons: fewer cannot tell a weekday's effect from noise
FIT_DAYS = 26 * 7
PROFILE_DAYS = 8 * 7
PROFILE_PRIOR_CALLS = 50.0
AHT_PRIOR_CALLS = 10.0
#: Used when the history has no day of the same mark: half an ordinary day on a holiday, half
#: again as many calls on a campaign day. Mark past days so the factors are learnt instead.
DEFAULT_FACTORS: Mapping[str, float] = {"holiday": 0.5, "campaign": 1.5}
_PRECEDENCE = ("holiday", "campaign")  # a day with both marks takes the holiday's factor
HOLT_WINTERS = "Holt-Winters (damped additive trend, {season} weekly season) on daily totals × weekday interval shares"
WEEKDAY_MEANS = "weekday means of daily totals × weekday interval shares"


@dataclass(frozen=True)
class Grid:
    """The forecast of consecutive local days × intervals of the day."""

    days: list[date]
    calls: np.ndarray
    aht_s: np.ndarray
    method: str
    notes: list[Problem]


def forecast_grid(
    history: History,
    targets: Sequence[date],
    marks: Mapping[date, Sequence[Mark]],
    line_shares: Mapping[int, float] | None = None,
) -> Grid:
    """Forecast ``targets`` (days on or after ``history.end_day``) from ``history``; ``marks`` holds
    the marked days of both, past and future. ``line_shares``: for the whole centre's forecast, each
    marked line's share of its calls, so that a line's default factor is not the centre's."""
    notes: list[Problem] = []
    totals = history.offered.sum(axis=1)
    weekdays = np.array([history.day(i).weekday() for i in range(history.days)])
    special = np.array([bool(marks.get(history.day(i))) for i in range(history.days)], dtype=bool)
    if special.any():
        notes.append(ForecastError.problem("staffing.forecast.special_excluded", count=int(special.sum())))
    ordinary = ~special if (~special).any() else np.ones_like(special)
    level = ordinary_level(totals, ordinary, weekdays)
    series = np.where(ordinary, totals, level)
    daily, method = _daily(series, weekdays, history.end_day, targets, notes)
    shares = _shares(history, ordinary, weekdays)
    aht = _aht(history, ordinary, weekdays, notes)
    calls = np.zeros((len(targets), shares.shape[1]))
    aht_s = np.zeros_like(calls)
    factors: dict[Mark, float] = {}
    for t, day in enumerate(targets):
        factor = 1.0
        if marks.get(day):
            mark = min(marks[day], key=lambda m: _PRECEDENCE.index(m.kind))
            if mark not in factors:
                factors[mark] = _factor(mark, history, marks, totals, level, line_shares or {})
            factor = factors[mark]
            notes.append(_factor_note(day, mark.kind, factor, _examples(mark, history, marks, level)))
        calls[t] = daily[t] * factor * shares[day.weekday()]
        aht_s[t] = aht[day.weekday()]
    return Grid(list(targets), calls, aht_s, method, notes)


def ordinary_level(totals: np.ndarray, ordinary: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """What each day would have had as an ordinary day: the mean of the ordinary same weekdays one
    and two weeks either side; else of every ordinary day of its weekday; else of every ordinary day."""
    n = len(totals)
    level = np.zeros(n)
    overall = float(totals[ordinary].mean()) if ordinary.any() else 0.0
    for i in range(n):
        near = [totals[i + k] for k in (-14, -7, 7, 14) if 0 <= i + k < n and ordinary[i + k]]
        if near:
            level[i] = float(np.mean(near))
        else:
            same = ordinary & (weekdays == weekdays[i])
            level[i] = float(totals[same].mean()) if same.any() else overall
    return level


def _daily(
    series: np.ndarray, weekdays: np.ndarray, end_day: date, targets: Sequence[date], notes: list[Problem]
) -> tuple[np.ndarray, str]:
    horizon = (max(targets) - end_day).days + 1
    ahead = [(day - end_day).days for day in targets]
    fit = series[-FIT_DAYS:]
    if len(fit) >= MIN_HW_DAYS:
        season = "mul" if fit.min() > 0 else "add"
        path = _holt_winters(fit, season, horizon)
        if path is not None:
            wording = "multiplicative" if season == "mul" else "additive"
            return path[ahead], HOLT_WINTERS.format(season=wording)
        notes.append(ForecastError.problem("staffing.forecast.fit_failed"))
    else:
        notes.append(ForecastError.problem("staffing.forecast.short_history", days=len(series)))
    overall = float(series.mean())
    means = [float(series[weekdays == w].mean()) if (weekdays == w).any() else overall for w in range(7)]
    return np.array([means[day.weekday()] for day in targets]), WEEKDAY_MEANS


def _holt_winters(fit: np.ndarray, season: str, horizon: int) -> np.ndarray | None:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # a second to import: only when used

    try:
        with warnings.catch_warnings():
            # Convergence and "optimization failed" warnings: the result is checked below.
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(
                fit,
                trend="add",
                damped_trend=True,
                seasonal=season,
                seasonal_periods=7,
                initialization_method="estimated",
            ).fit()
            path = np.asarray(model.forecast(horizon), dtype=float)
    except (ValueError, ArithmeticError, IndexError, np.linalg.LinAlgError):
        # A fit the optimiser cannot make on this series: the caller falls back and says so.
        return None
    if not np.isfinite(path).all():
        return None
    clipped: np.ndarray = np.clip(path, 0.0, None)
    return clipped


def _rows(history: History, ordinary: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The days the shape and AHT are read from: the recent ordinary ones that have ``weights``."""
    recent = np.arange(history.days) >= history.days - PROFILE_DAYS
    for rows in (recent & ordinary, ordinary, np.ones_like(ordinary)):
        if weights[rows].sum() > 0:
            return rows
    return np.ones_like(ordinary)


def _shares(history: History, ordinary: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    offered = history.offered
    rows = _rows(history, ordinary, offered)
    pooled = offered[rows].sum(axis=0)
    total = pooled.sum()
    prior = pooled / total if total > 0 else np.full(offered.shape[1], 1.0 / offered.shape[1])
    shares = np.zeros((7, offered.shape[1]))
    for w in range(7):
        counts = offered[rows & (weekdays == w)].sum(axis=0)
        shares[w] = (counts + PROFILE_PRIOR_CALLS * prior) / (counts.sum() + PROFILE_PRIOR_CALLS)
    return shares


def _aht(history: History, ordinary: np.ndarray, weekdays: np.ndarray, notes: list[Problem]) -> np.ndarray:
    answered, handle = history.answered, history.handle_s
    rows = _rows(history, ordinary, answered)
    n_all = answered[rows].sum()
    if n_all <= 0:
        notes.append(ForecastError.problem("staffing.forecast.no_aht"))
        return np.zeros((7, answered.shape[1]))
    overall = handle[rows].sum() / n_all
    by_slot = (handle[rows].sum(axis=0) + AHT_PRIOR_CALLS * overall) / (answered[rows].sum(axis=0) + AHT_PRIOR_CALLS)
    aht = np.zeros((7, answered.shape[1]))
    for w in range(7):
        sel = rows & (weekdays == w)
        aht[w] = (handle[sel].sum(axis=0) + AHT_PRIOR_CALLS * by_slot) / (answered[sel].sum(axis=0) + AHT_PRIOR_CALLS)
    return aht


def _examples(mark: Mark, history: History, marks: Mapping[date, Sequence[Mark]], level: np.ndarray) -> list[int]:
    """Past days of the same mark (kind and line), else of the same kind, with an ordinary level to compare."""
    days = [(i, marks.get(history.day(i), ())) for i in range(history.days)]
    same = [i for i, of in days if mark in of and level[i] > 0]
    return same or [i for i, of in days if any(m.kind == mark.kind for m in of) and level[i] > 0]


def _factor(
    mark: Mark,
    history: History,
    marks: Mapping[date, Sequence[Mark]],
    totals: np.ndarray,
    level: np.ndarray,
    line_shares: Mapping[int, float],
) -> float:
    examples = _examples(mark, history, marks, level)
    if examples:
        return float(np.mean([totals[i] / level[i] for i in examples]))
    default = DEFAULT_FACTORS[mark.kind]
    if mark.line_id is not None and mark.line_id in line_shares:
        # One line's campaign moves the centre's day by that line's part of it only.
        return 1.0 + line_shares[mark.line_id] * (default - 1.0)
    return default


def _factor_note(day: date, kind: str, factor: float, examples: list[int]) -> Problem:
    shown, when = f"{factor:.2f}", day.isoformat()
    if kind == "holiday":
        if examples:
            return ForecastError.problem(
                "staffing.forecast.holiday_factor", day=when, factor=shown, examples=len(examples)
            )
        return ForecastError.problem("staffing.forecast.holiday_default", day=when, factor=shown)
    if examples:
        return ForecastError.problem(
            "staffing.forecast.campaign_factor", day=when, factor=shown, examples=len(examples)
        )
    return ForecastError.problem("staffing.forecast.campaign_default", day=when, factor=shown)


def days_from(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


__all__ = ["DEFAULT_FACTORS", "MIN_HW_DAYS", "Grid", "days_from", "forecast_grid", "ordinary_level"]
