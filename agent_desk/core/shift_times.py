"""Shifts in time: a template's local start on a day turned into UTC, the plan's intervals, and the
rules one agent's shifts must keep (rest between shifts, hours a week). Pure: no clock, no database.

A rota is written in local time ("08:30, 9 hours, breaks at +2 h and +4 h"); everything else in
AgentDesk is naive UTC. A shift starts at its template's local wall-clock time on its day and lasts
its length in real minutes, so on the night the clocks change a 22:00 shift of 9 hours ends at
06:00 or 08:00 local: the agent works 9 hours either way. A start that falls in the hour the
clocks skip is read with the offset before the change (02:30 in Paris on the last Sunday of
March is 03:30 summer time), as ``zoneinfo`` does. Breaks sit at fixed offsets from the start.

The plan's intervals step in real minutes from local midnight of its first day to local midnight
after its last, so a day in spring has 46 half-hours and one in autumn 50.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import ClassVar

from agent_desk.core.errors import CodedError, Problem

MINUTES_A_DAY = 1440
MAX_SHIFT_MINUTES = 960  # 16 hours, as the shift_templates table allows


class ShiftRuleError(CodedError, ValueError):
    """A shift or template that breaks a rule of the rota; nothing was changed."""

    messages: ClassVar[Mapping[str, str]] = {
        "shift.start_minute": "a shift starts between 00:00 and 23:59 (minute 0 to 1439), not at minute {minute}",
        "shift.length": "a shift lasts 1 to 960 minutes (16 hours), not {minutes} minutes",
        "shift.break_outside": "break {number} (+{offset} min for {minutes} min) must last at least a minute "
        "and lie inside the shift, which starts at +0 and ends at +{length} min",
        "shift.breaks_overlap": "breaks {first} and {second} overlap; put them one after the other",
        "shift.overlap": "{agent}'s shifts starting {first} and {second} would overlap",
        "shift.rest_too_short": "{agent} would rest only {hours} h between the shift ending {ended} and the "
        "one starting {starts}; the rule is at least {minimum} h",
        "shift.week_too_long": "{agent} would work {hours} h in the week of {week}; the limit is {limit} h",
    }


@dataclass(frozen=True)
class Template:
    """A shift as the rota writes it: local start (minutes after midnight), length, breaks."""

    id: int
    start_minute: int
    length_minutes: int
    breaks: tuple[tuple[int, int], ...] = ()  # (minutes after the start, length in minutes)


@dataclass(frozen=True)
class Shift:
    """One shift placed in time, in naive UTC."""

    day: date  # the local day it starts on
    start: datetime
    end: datetime
    breaks: tuple[tuple[datetime, datetime], ...] = ()
    template_id: int | None = None

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    def working(self) -> list[tuple[datetime, datetime]]:
        """The shift's time outside its breaks, in order."""
        pieces, at = [], self.start
        for lo, hi in sorted(self.breaks):
            if lo > at:
                pieces.append((at, lo))
            at = max(at, hi)
        if at < self.end:
            pieces.append((at, self.end))
        return pieces


@dataclass(frozen=True)
class AgentLimits:
    """What a plan must respect for one agent."""

    id: int
    max_hours_week: float = 40
    min_rest_hours: float = 11
    available: bool = True
    days_off: frozenset[date] = frozenset()  # days the agent cannot work
    # Shifts already fixed outside the plan (another published plan): they count in their week's
    # hours and in the rest before the plan's first shift.
    booked: tuple[Shift, ...] = field(default=())


def template_problems(start_minute: int, length_minutes: int, breaks: Sequence[tuple[int, int]]) -> list[Problem]:
    """What is wrong with a template, in order; empty when it is a valid shift."""
    problems = []
    if not 0 <= start_minute < MINUTES_A_DAY:
        problems.append(ShiftRuleError.problem("shift.start_minute", minute=start_minute))
    if not 0 < length_minutes <= MAX_SHIFT_MINUTES:
        problems.append(ShiftRuleError.problem("shift.length", minutes=length_minutes))
    for number, (offset, minutes) in enumerate(breaks, start=1):
        if offset <= 0 or minutes <= 0 or offset + minutes >= length_minutes:
            problems.append(
                ShiftRuleError.problem(
                    "shift.break_outside", number=number, offset=offset, minutes=minutes, length=length_minutes
                )
            )
    ordered = sorted(enumerate(breaks, start=1), key=lambda item: item[1][0])
    for (first, (offset, minutes)), (second, (next_offset, _)) in itertools.pairwise(ordered):
        if offset + minutes > next_offset:
            problems.append(ShiftRuleError.problem("shift.breaks_overlap", first=first, second=second))
    return problems


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def local_time(moment: datetime, zone: tzinfo) -> datetime:
    """A naive UTC moment on the zone's clock."""
    return moment.replace(tzinfo=UTC).astimezone(zone)


def shift_on(day: date, template: Template, zone: tzinfo) -> Shift:
    """The template worked on ``day``: it starts at the template's local time, lasts its length in real minutes."""
    hour, minute = divmod(template.start_minute, 60)
    start = naive_utc(datetime.combine(day, time(hour, minute), tzinfo=zone))
    breaks = tuple(
        (start + timedelta(minutes=offset), start + timedelta(minutes=offset + minutes))
        for offset, minutes in template.breaks
    )
    return Shift(day, start, start + timedelta(minutes=template.length_minutes), breaks, template.id)


def plan_intervals(first_day: date, last_day: date, interval_minutes: int, zone: tzinfo) -> list[datetime]:
    """The starts (naive UTC) of the plan's intervals, from local midnight of ``first_day`` to local
    midnight after ``last_day``, stepping in real minutes."""
    start = naive_utc(datetime.combine(first_day, time(), tzinfo=zone))
    stop = naive_utc(datetime.combine(last_day + timedelta(days=1), time(), tzinfo=zone))
    step = timedelta(minutes=interval_minutes)
    starts, at = [], start
    while at < stop:
        starts.append(at)
        at += step
    return starts


def coverage(shifts: Iterable[Shift], interval_starts: Sequence[datetime], interval_minutes: int) -> list[float]:
    """Agents working in each interval, outside their breaks: the minutes worked in the interval ÷ its
    minutes (a 15-minute break in a half hour counts the agent as half a position there)."""
    minutes = [0.0] * len(interval_starts)
    for shift in shifts:
        for lo, hi in shift.working():
            for index, seconds in overlaps(lo, hi, interval_starts, interval_minutes):
                minutes[index] += seconds / 60
    return [m / interval_minutes for m in minutes]


def overlaps(
    lo: datetime, hi: datetime, interval_starts: Sequence[datetime], interval_minutes: int
) -> Iterable[tuple[int, float]]:
    """(interval index, seconds of [lo, hi) inside it) for each interval the span touches."""
    length = timedelta(minutes=interval_minutes)
    index = max(0, bisect_right(interval_starts, lo) - 1)
    while index < len(interval_starts) and interval_starts[index] < hi:
        start = interval_starts[index]
        seconds = (min(hi, start + length) - max(lo, start)).total_seconds()
        if seconds > 0:
            yield index, seconds
        index += 1


def week_of(day: date) -> date:
    """The Monday of the ISO week a day is in: the week whose hours are limited."""
    return day - timedelta(days=day.weekday())


def rota_problems(shifts: Iterable[Shift], limits: AgentLimits, zone: tzinfo, agent: str) -> list[Problem]:
    """What breaks the rules in one agent's shifts (with those booked in ``limits``): overlaps, too
    little rest between one shift's end and the next one's start, too many hours in an ISO week
    (a shift counts whole, breaks included, in the week of the day it starts)."""
    every = sorted([*shifts, *limits.booked], key=lambda s: s.start)
    problems = []

    def shown(moment: datetime) -> str:
        return local_time(moment, zone).strftime("%Y-%m-%d %H:%M")

    for before, after in itertools.pairwise(every):
        rest = after.start - before.end
        if rest < timedelta(0):
            problems.append(
                ShiftRuleError.problem(
                    "shift.overlap", agent=agent, first=shown(before.start), second=shown(after.start)
                )
            )
        elif rest < timedelta(hours=limits.min_rest_hours):
            problems.append(
                ShiftRuleError.problem(
                    "shift.rest_too_short",
                    agent=agent,
                    hours=_hours(rest.total_seconds() / 60),
                    ended=shown(before.end),
                    starts=shown(after.start),
                    minimum=_hours(limits.min_rest_hours * 60),
                )
            )
    weeks: dict[date, int] = defaultdict(int)
    for shift in every:
        weeks[week_of(shift.day)] += shift.minutes
    for week, minutes in sorted(weeks.items()):
        if minutes > limits.max_hours_week * 60:
            problems.append(
                ShiftRuleError.problem(
                    "shift.week_too_long",
                    agent=agent,
                    hours=_hours(minutes),
                    week=week.isoformat(),
                    limit=_hours(limits.max_hours_week * 60),
                )
            )
    return problems


def _hours(minutes: float) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


__all__ = [
    "MAX_SHIFT_MINUTES",
    "MINUTES_A_DAY",
    "AgentLimits",
    "Shift",
    "ShiftRuleError",
    "Template",
    "coverage",
    "local_time",
    "naive_utc",
    "overlaps",
    "plan_intervals",
    "rota_problems",
    "shift_on",
    "template_problems",
    "week_of",
]
