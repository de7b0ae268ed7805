"""The agents and scheduled positions each interval of a forecast needs, for one set of targets.

A thin loop over :func:`agent_desk.core.erlang.required_agents` (docs/staffing.md, "Required
agents"): the targets are checked once, before the first interval, so a bad target is one error
rather than one per interval; an interval without calls needs nobody and is not an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Protocol

from agent_desk.core.erlang import Staffing, StaffingError, check_targets, required_agents

__all__ = ["IntervalNeed", "StaffingError", "Targets", "requirements"]


class Interval(Protocol):
    """What a forecast gives per interval (services.staffing.forecast.IntervalForecast has it)."""

    @property
    def start(self) -> datetime: ...
    @property
    def calls(self) -> float: ...
    @property
    def aht_s(self) -> float: ...


@dataclass(frozen=True)
class Targets:
    """What the centre promises: a service level (or, with ``sl=None``, an ASA), and how it staffs.

    ``Targets(sl=None, asa_s=15)`` asks for a 15 s average speed of answer instead of 80/20;
    ``patience_s`` (the callers' mean patience) switches Erlang C to Erlang A.
    """

    sl: float | None = 0.8
    sl_seconds: float = 20
    asa_s: float | None = None
    patience_s: float | None = None
    max_occupancy: float | None = 0.85
    shrinkage: float = 0.3

    def __post_init__(self) -> None:
        check_targets(
            sl=self.sl,
            sl_seconds=self.sl_seconds,
            asa_s=self.asa_s,
            patience_s=self.patience_s,
            max_occupancy=self.max_occupancy,
            shrinkage=self.shrinkage,
        )


@dataclass(frozen=True)
class IntervalNeed:
    """One interval's need; the figures are those of ``agents`` agents on the phones."""

    start: datetime
    calls: float
    aht_s: float
    agents: int
    positions: int
    service_level: float
    asa_s: float
    occupancy: float
    abandon_rate: float | None


#: A forecast may print −0.0000001 calls where the history had none: that is no call, not an error.
_NO_CALLS = 1e-9


def requirements(
    intervals: Sequence[Interval], targets: Targets, *, interval_minutes: int | None = None
) -> list[IntervalNeed]:
    """Each interval's agents and positions. The length of an interval is ``interval_minutes``,
    else the shortest gap between two starts; one interval alone needs ``interval_minutes``.

    Raises :class:`StaffingError` for a bad interval (negative calls, no AHT with calls) or a
    target no number of agents meets.
    """
    if not intervals:
        return []
    interval_s = _interval_seconds(intervals, interval_minutes)
    known: dict[tuple[float, float], Staffing] = {}  # a week repeats its quiet intervals
    needs = []
    for interval in intervals:
        calls, aht_s = interval.calls, interval.aht_s
        if abs(calls) <= _NO_CALLS:
            needs.append(_nobody(interval, targets))
            continue
        staffing = known.get((calls, aht_s))
        if staffing is None:
            staffing = known[(calls, aht_s)] = required_agents(
                calls,
                interval_s,
                aht_s,
                sl=targets.sl,
                sl_seconds=targets.sl_seconds,
                asa_s=targets.asa_s,
                patience_s=targets.patience_s,
                max_occupancy=targets.max_occupancy,
                shrinkage=targets.shrinkage,
            )
        needs.append(
            IntervalNeed(
                start=interval.start,
                calls=calls,
                aht_s=aht_s,
                agents=staffing.agents,
                positions=staffing.positions,
                service_level=staffing.service_level,
                asa_s=staffing.asa_s,
                occupancy=staffing.occupancy,
                abandon_rate=staffing.abandon_rate,
            )
        )
    return needs


def _nobody(interval: Interval, targets: Targets) -> IntervalNeed:
    # Nobody waits when nobody calls: the service level is met, as the KPI report counts it.
    return IntervalNeed(
        start=interval.start,
        calls=0.0,
        aht_s=interval.aht_s,
        agents=0,
        positions=0,
        service_level=1.0,
        asa_s=0.0,
        occupancy=0.0,
        abandon_rate=0.0 if targets.patience_s is not None else None,
    )


def _interval_seconds(intervals: Sequence[Interval], minutes: int | None) -> int:
    if minutes is not None:
        if minutes <= 0:
            raise StaffingError("staffing.bad_interval", interval_s=f"{minutes * 60}")
        return minutes * 60
    starts = sorted({interval.start for interval in intervals})
    gaps = [int((b - a).total_seconds()) for a, b in pairwise(starts)]
    if not gaps:  # a caller's mistake, not the user's: say which argument is missing
        raise ValueError("one interval alone: pass interval_minutes")
    return min(gaps)
