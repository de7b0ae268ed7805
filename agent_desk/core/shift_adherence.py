"""Adherence to the shift plan, from the agent state intervals of the record. Pure: no clock, no database.

- **Working** (ready or busy with calls): logged in and not in a not-ready interval — except the
  pause the desk takes for after-call work (reason ``acw``), which is work, as in
  ``core.kpi_agents``. An interval still open counts up to ``now``.
- **Actual agents** in an interval: the seconds agents were working in it ÷ its seconds (an agent
  who worked half of it counts a half); for the interval under way, ÷ the seconds gone so far.
- **Adherence** of an agent: the time they were in the state the plan had for them — working
  during their shift outside its breaks, not working (paused or logged out) during its breaks —
  ÷ the shift's time, both counted up to ``now``. A shift not begun has no adherence yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from agent_desk.core.kpi_agents import ACW_PAUSE_REASON, LOGGED_IN, NOT_READY, StateSpan
from agent_desk.core.shift_times import Shift, overlaps

Segment = tuple[datetime, datetime]


@dataclass(frozen=True)
class Adherence:
    scheduled_s: float  # the shift's time up to now
    in_adherence_s: float  # of it, in the state the plan had
    working_s: float  # working during the shift's work time
    break_s: float  # not working during its breaks

    @property
    def ratio(self) -> float | None:
        return self.in_adherence_s / self.scheduled_s if self.scheduled_s > 0 else None


def working_time(spans: Iterable[StateSpan], now: datetime) -> dict[str, list[Segment]]:
    """Per agent, the disjoint stretches they were working, in order."""
    logged: dict[str, list[Segment]] = defaultdict(list)
    paused: dict[str, list[Segment]] = defaultdict(list)
    for span in spans:
        end = span.ended_at if span.ended_at is not None else now
        if end <= span.started_at:
            continue
        if span.state == LOGGED_IN:
            logged[span.agent].append((span.started_at, end))
        elif span.state == NOT_READY and span.reason != ACW_PAUSE_REASON:
            paused[span.agent].append((span.started_at, end))
    return {agent: _minus(_union(pieces), _union(paused.get(agent, []))) for agent, pieces in logged.items()}


def adherence(shifts: Iterable[Shift], working: Sequence[Segment], start: datetime, until: datetime) -> Adherence:
    """One agent's adherence to their shifts, counted within [start, until)."""
    work = [s for shift in shifts for s in _clip(shift.working(), start, until)]
    pauses = [s for shift in shifts for s in _clip(list(shift.breaks), start, until)]
    work_s, break_s = _seconds(work), _seconds(pauses)
    worked = _seconds(_meet(_union(work), list(working)))
    worked_on_break = _seconds(_meet(_union(pauses), list(working)))
    on_break = break_s - worked_on_break
    return Adherence(work_s + break_s, worked + on_break, worked, on_break)


def actual_agents(
    working: Iterable[Sequence[Segment]], interval_starts: Sequence[datetime], interval_minutes: int, now: datetime
) -> list[float | None]:
    """Agents working in each interval on average; None for an interval not yet begun."""
    seconds = [0.0] * len(interval_starts)
    for pieces in working:
        for lo, hi in pieces:
            for index, inside in overlaps(lo, min(hi, now), interval_starts, interval_minutes):
                seconds[index] += inside
    length = timedelta(minutes=interval_minutes)
    figures: list[float | None] = []
    for start, total in zip(interval_starts, seconds, strict=True):
        gone = (min(start + length, now) - start).total_seconds()
        figures.append(total / gone if gone > 0 else None)
    return figures


def _union(pieces: Iterable[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for lo, hi in sorted(pieces):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _minus(pieces: list[Segment], holes: list[Segment]) -> list[Segment]:
    """``pieces`` without ``holes`` (both disjoint and in order)."""
    left: list[Segment] = []
    for lo, hi in pieces:
        at = lo
        for h_lo, h_hi in holes:
            if h_hi <= at or h_lo >= hi:
                continue
            if h_lo > at:
                left.append((at, h_lo))
            at = max(at, h_hi)
        if at < hi:
            left.append((at, hi))
    return left


def _meet(a: list[Segment], b: list[Segment]) -> list[Segment]:
    """Where two disjoint, ordered lists of stretches overlap."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _clip(pieces: Iterable[Segment], start: datetime, until: datetime) -> list[Segment]:
    return [(max(lo, start), min(hi, until)) for lo, hi in pieces if min(hi, until) > max(lo, start)]


def _seconds(pieces: Iterable[Segment]) -> float:
    return sum((hi - lo).total_seconds() for lo, hi in pieces)


__all__ = ["Adherence", "Segment", "actual_agents", "adherence", "working_time"]
