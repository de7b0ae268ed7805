"""What a KPI rollup row sums, and the periods of the rollup zone.

A :class:`CallSums` is everything a report row needs of some calls, kept additive (and, for the
refresh, subtractable): the core :class:`~agent_desk.core.kpi.CallTally`, orders and revenue,
follow-up scores, and first-contact resolution with the repeat gap in days so that N applies when
the report is read. An :class:`AgentSums` is the same for closed state intervals, in whole
microseconds so that no sum depends on the order it was added in. No formula lives here: figures
are read through ``core.kpi*``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent_desk.core.kpi import CallFact, CallTally
from agent_desk.core.kpi_agents import ACW, LOGGED_IN, NOT_READY, AgentTime, StateSpan, agent_times
from agent_desk.core.kpi_outcomes import Fcr, Satisfaction
from agent_desk.store.kpi_rollups import BUCKET

#: First-contact resolution is kept for windows of up to this many days (a longer N is read raw).
FCR_MAX_DAYS = 31
COARSE_GRAINS = ("d", "w", "m")  # day, ISO week, month of the rollup zone
_UTC = ZoneInfo("UTC")
_T0 = datetime(2000, 1, 1)


def repeat_days(gap: timedelta) -> int:
    """The gap to the next call in days, rounded up: "repeated within N days" is exactly ``≤ N``."""
    whole = gap.days
    return whole + 1 if gap > timedelta(days=whole) else whole


@dataclass
class CallSums:
    tally: CallTally = field(default_factory=CallTally)
    orders: int = 0
    revenue_cents: int = 0
    csat_answered: int = 0
    csat_satisfied: int = 0
    csat_score: int = 0
    fcr_eligible: int = 0
    fcr_resolving: int = 0
    fcr_repeats: Counter[int] = field(default_factory=Counter)

    def add_call(
        self,
        fact: CallFact,
        *,
        orders: int = 0,
        revenue_cents: int = 0,
        csat: Satisfaction | None = None,
        resolves: bool | None = None,
        repeat_within: int | None = None,
    ) -> None:
        """``resolves``: None when the call is not eligible for FCR (not answered, no number, no
        wrap-up); ``repeat_within``: days to the same number's next call on the line, if any."""
        self.tally.add(fact)
        self.orders += orders
        self.revenue_cents += revenue_cents
        if csat is not None:
            self.csat_answered += csat.answered_surveys
            self.csat_satisfied += csat.satisfied
            self.csat_score += csat.total_score
        if resolves is not None:
            self.fcr_eligible += 1
            if resolves:
                self.fcr_resolving += 1
                if repeat_within is not None and repeat_within <= FCR_MAX_DAYS:
                    self.fcr_repeats[repeat_within] += 1

    def merge(self, other: CallSums, sign: int = 1) -> None:
        """Add ``other`` (``sign`` -1: take it away, as a refresh does with a quarter hour's old sums;
        the maximum wait cannot be taken away, the caller recomputes it where it may have fallen)."""
        if sign > 0:
            _add_into(self.tally, other.tally)
        else:
            self.tally = _minus(self.tally, other.tally)
        self.orders += sign * other.orders
        self.revenue_cents += sign * other.revenue_cents
        self.csat_answered += sign * other.csat_answered
        self.csat_satisfied += sign * other.csat_satisfied
        self.csat_score += sign * other.csat_score
        self.fcr_eligible += sign * other.fcr_eligible
        self.fcr_resolving += sign * other.fcr_resolving
        if sign > 0:
            for within, n in other.fcr_repeats.items():
                self.fcr_repeats[within] += n
        else:
            self.fcr_repeats = _signed(self.fcr_repeats, other.fcr_repeats, sign)

    @property
    def calls(self) -> int:
        t = self.tally
        return (
            sum(t.answered_waits.values())
            + sum(t.abandoned_waits.values())
            + sum(t.other_exit_waits.values())
            + t.unfinished
        )

    @property
    def empty(self) -> bool:
        return self.calls == 0 and self.tally.ring_no_answer == 0

    def fcr(self, days: int) -> Fcr:
        repeated = sum(n for within, n in self.fcr_repeats.items() if within <= days)
        return Fcr(self.fcr_resolving - repeated, self.fcr_eligible)

    def satisfaction(self) -> Satisfaction:
        return Satisfaction(self.csat_answered, self.csat_satisfied, self.csat_score)

    def columns(self) -> dict[str, Any]:
        return {
            "tally": self.tally.to_json(),
            "orders": self.orders,
            "revenue_cents": self.revenue_cents,
            "csat_answered": self.csat_answered,
            "csat_satisfied": self.csat_satisfied,
            "csat_score": self.csat_score,
            "fcr_eligible": self.fcr_eligible,
            "fcr_resolving": self.fcr_resolving,
            "fcr_repeats": {str(k): v for k, v in sorted(self.fcr_repeats.items())},
        }

    def add_row(self, row: Any) -> None:
        """``merge(CallSums.of(row))`` without the objects in between: a month's report adds a row per agent."""
        stored, tally = row.tally, self.tally
        for name, mine in (
            ("answered_waits", tally.answered_waits),
            ("abandoned_waits", tally.abandoned_waits),
            ("other_exit_waits", tally.other_exit_waits),
        ):
            for wait, n in stored[name].items():
                mine[int(wait)] += n
        tally.timeout += stored["timeout"]
        tally.unfinished += stored["unfinished"]
        tally.transferred += stored["transferred"]
        tally.ring_no_answer += stored["ring_no_answer"]
        tally.talk_s += stored["talk_s"]
        tally.hold_s += stored["hold_s"]
        tally.acw_s += stored["acw_s"]
        tally.answered_wait_s += stored["answered_wait_s"]
        longest = stored["max_wait_s"]
        if longest is not None and (tally.max_wait_s is None or longest > tally.max_wait_s):
            tally.max_wait_s = float(longest)
        self.orders += row.orders
        self.revenue_cents += row.revenue_cents
        self.csat_answered += row.csat_answered
        self.csat_satisfied += row.csat_satisfied
        self.csat_score += row.csat_score
        self.fcr_eligible += row.fcr_eligible
        self.fcr_resolving += row.fcr_resolving
        for within, n in row.fcr_repeats.items():
            self.fcr_repeats[int(within)] += n

    @classmethod
    def of(cls, row: Any) -> CallSums:
        """From a ``kpi_call_rollups`` row (an ORM object or a result row)."""
        return cls(
            CallTally.from_json(row.tally),
            row.orders,
            row.revenue_cents,
            row.csat_answered,
            row.csat_satisfied,
            row.csat_score,
            row.fcr_eligible,
            row.fcr_resolving,
            Counter({int(k): int(v) for k, v in row.fcr_repeats.items()}),
        )


def _signed(a: Counter[Any], b: Mapping[Any, int], sign: int) -> Counter[Any]:
    out = Counter(a)
    for key, n in b.items():
        out[key] += sign * n
    if any(n < 0 for n in out.values()):
        raise ValueError("a rollup would go below zero: it no longer matches what it sums")
    return Counter({k: n for k, n in out.items() if n})


def _add_into(a: CallTally, b: CallTally) -> None:
    """``a += b`` in place: what ``CallTally.__add__`` returns, without new counters (a rebuild adds
    millions of rows)."""
    for mine, theirs in (
        (a.answered_waits, b.answered_waits),
        (a.abandoned_waits, b.abandoned_waits),
        (a.other_exit_waits, b.other_exit_waits),
    ):
        for wait, n in theirs.items():
            mine[wait] += n
    a.timeout += b.timeout
    a.unfinished += b.unfinished
    a.transferred += b.transferred
    a.ring_no_answer += b.ring_no_answer
    a.talk_s += b.talk_s
    a.hold_s += b.hold_s
    a.acw_s += b.acw_s
    a.answered_wait_s += b.answered_wait_s
    if b.max_wait_s is not None and (a.max_wait_s is None or b.max_wait_s > a.max_wait_s):
        a.max_wait_s = b.max_wait_s


def _minus(a: CallTally, b: CallTally) -> CallTally:
    return CallTally(
        answered_waits=_signed(a.answered_waits, b.answered_waits, -1),
        abandoned_waits=_signed(a.abandoned_waits, b.abandoned_waits, -1),
        other_exit_waits=_signed(a.other_exit_waits, b.other_exit_waits, -1),
        timeout=a.timeout - b.timeout,
        unfinished=a.unfinished - b.unfinished,
        transferred=a.transferred - b.transferred,
        ring_no_answer=a.ring_no_answer - b.ring_no_answer,
        talk_s=a.talk_s - b.talk_s,
        hold_s=a.hold_s - b.hold_s,
        acw_s=a.acw_s - b.acw_s,
        answered_wait_s=a.answered_wait_s - b.answered_wait_s,
        max_wait_s=a.max_wait_s,
    )


@dataclass
class AgentSums:
    spans: int = 0  # intervals overlapping the period: an agent with any is in the report
    login_us: int = 0
    acw_us: int = 0
    not_ready_us: Counter[str] = field(default_factory=Counter)

    def add_span(self, state: str, reason: str, microseconds: int) -> None:
        self.spans += 1
        if state == LOGGED_IN:
            self.login_us += microseconds
        elif state == ACW:
            self.acw_us += microseconds
        elif state == NOT_READY:
            self.not_ready_us[reason] += microseconds

    def merge(self, other: AgentSums, sign: int = 1) -> None:
        self.spans += sign * other.spans
        self.login_us += sign * other.login_us
        self.acw_us += sign * other.acw_us
        if sign > 0:
            for reason, us in other.not_ready_us.items():
                self.not_ready_us[reason] += us
        else:
            self.not_ready_us = _signed(self.not_ready_us, other.not_ready_us, sign)

    @property
    def empty(self) -> bool:
        return self.spans == 0

    def time(self) -> AgentTime:
        """The agent time these sums stand for, classified by ``core.kpi_agents`` itself."""
        spans = [
            StateSpan("", LOGGED_IN, _T0, _T0 + _us(self.login_us)),
            StateSpan("", ACW, _T0, _T0 + _us(self.acw_us)),
        ]
        spans += [StateSpan("", NOT_READY, _T0, _T0 + _us(us), reason) for reason, us in self.not_ready_us.items()]
        end = _T0 + _us(max(self.login_us, self.acw_us, *self.not_ready_us.values(), 0))
        return agent_times(spans, _T0, end, end).get("", AgentTime())

    def columns(self) -> dict[str, Any]:
        return {
            "spans": self.spans,
            "login_us": self.login_us,
            "acw_us": self.acw_us,
            "not_ready_us": dict(sorted(self.not_ready_us.items())),
        }

    @classmethod
    def of(cls, row: Any) -> AgentSums:
        return cls(row.spans, row.login_us, row.acw_us, Counter({k: int(v) for k, v in row.not_ready_us.items()}))


def _us(microseconds: int) -> timedelta:
    return timedelta(microseconds=microseconds)


def microseconds(span: timedelta) -> int:
    return span // timedelta(microseconds=1)


# --- the rollup zone's periods ---------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Periods:
    """Days, ISO weeks and months of the rollup zone, as spans of whole quarter hours in naive UTC.

    A quarter hour belongs to the local day its start falls in; a local midnight that is not on a
    quarter hour (local mean time before 1900) is rounded up to one, so every span is whole buckets.
    """

    zone: tzinfo
    # Zone arithmetic is slow and a rebuild asks the same questions millions of times.
    _days: dict[datetime, date] = field(default_factory=dict, repr=False)
    _spans: dict[tuple[str, date], tuple[datetime, datetime]] = field(default_factory=dict, repr=False)

    def day_of(self, bucket: datetime) -> date:
        day = self._days.get(bucket)
        if day is None:
            day = self._days[bucket] = bucket.replace(tzinfo=_UTC).astimezone(self.zone).date()
        return day

    def first(self, grain: str, day: date) -> date:
        if grain == "w":
            return day - timedelta(days=day.weekday())
        if grain == "m":
            return day.replace(day=1)
        return day

    def following(self, grain: str, first: date) -> date:
        if grain == "w":
            return first + timedelta(days=7)
        if grain == "m":
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first + timedelta(days=1)

    def start(self, day: date) -> datetime:
        moment = datetime.combine(day, time(), self.zone).astimezone(_UTC).replace(tzinfo=None)
        floored = moment - (moment - _T0) % BUCKET
        return floored if floored == moment else floored + BUCKET

    def span(self, grain: str, day: date) -> tuple[datetime, datetime]:
        span = self._spans.get((grain, day))
        if span is None:
            first = self.first(grain, day)
            span = self._spans[(grain, day)] = (self.start(first), self.start(self.following(grain, first)))
        return span


def computer_zone() -> tzinfo:
    """This computer's time zone: the IANA zone the system names (so past days keep their own
    daylight-saving offset), else its offset now."""
    import os

    names = [os.environ.get("TZ", "").lstrip(":")]
    target = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in target:
        names.append(target.split("zoneinfo/", 1)[1])
    for name in filter(None, names):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def zone_named(name: str) -> tzinfo:
    """A stored zone name: an IANA key, or a fixed offset such as ``+08:00`` where none was known."""
    if name[:1] in "+-" and ":" in name:
        hours, minutes = name[1:].split(":")
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(offset if name[0] == "+" else -offset)
    return ZoneInfo(name)


def zone_name(zone: tzinfo) -> str:
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = datetime.now(zone).utcoffset() or timedelta(0)
    sign, offset = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    minutes = int(offset.total_seconds()) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


__all__ = [
    "COARSE_GRAINS",
    "FCR_MAX_DAYS",
    "AgentSums",
    "CallSums",
    "Periods",
    "computer_zone",
    "microseconds",
    "repeat_days",
    "zone_name",
    "zone_named",
]
