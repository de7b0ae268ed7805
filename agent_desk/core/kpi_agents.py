"""An agent's time KPIs from the state intervals of the record: login time, not ready by reason,
occupancy and utilisation.

The record keeps three layers of intervals per agent (``logged_in``, ``not_ready`` with a reason,
``acw``), which may overlap: a pause inside a login, ACW inside a login. Handle time (talk + hold
+ ACW) comes from the calls, so occupancy and AHT agree. Intervals are clipped to the report's
window; one still open counts up to ``now``. Pure: no clock, no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from agent_desk.core.kpi import ratio

LOGGED_IN = "logged_in"
NOT_READY = "not_ready"
ACW = "acw"
#: A pause the desk sends for after-call work: ACW, not a "not ready" reason of its own.
ACW_PAUSE_REASON = "acw"


@dataclass(frozen=True)
class StateSpan:
    agent: str
    state: str  # logged_in, not_ready, acw
    started_at: datetime
    ended_at: datetime | None  # None while open
    reason: str = ""


def clipped_seconds(span: StateSpan, start: datetime, end: datetime, now: datetime) -> float:
    """Seconds of ``span`` inside [start, end); an open span runs to ``now`` (and never past ``end``)."""
    stop = span.ended_at if span.ended_at is not None else now
    lo, hi = max(span.started_at, start), min(stop, end)
    return max(0.0, (hi - lo).total_seconds())


@dataclass
class AgentTime:
    """Seconds of one agent (or team) in a window; additive like :class:`~agent_desk.core.kpi.CallTally`."""

    login_s: float = 0.0
    acw_state_s: float = 0.0
    not_ready_s: dict[str, float] = field(default_factory=dict)  # reason → seconds

    def __add__(self, other: AgentTime) -> AgentTime:
        reasons = dict(self.not_ready_s)
        for reason, seconds in other.not_ready_s.items():
            reasons[reason] = reasons.get(reason, 0.0) + seconds
        return AgentTime(self.login_s + other.login_s, self.acw_state_s + other.acw_state_s, reasons)

    @property
    def paused_s(self) -> float:
        return sum(self.not_ready_s.values())

    def figures(self, handle_s: float) -> AgentTimeFigures:
        """``handle_s`` is the agent's talk + hold + ACW in the same window (from their calls)."""
        ready_idle = max(0.0, self.login_s - self.paused_s - handle_s)
        return AgentTimeFigures(
            login_s=self.login_s,
            paused_s=self.paused_s,
            not_ready_s=dict(sorted(self.not_ready_s.items())),
            ready_idle_s=ready_idle,
            occupancy=ratio(handle_s, handle_s + ready_idle),
            utilisation=ratio(handle_s, self.login_s),
        )


@dataclass(frozen=True)
class AgentTimeFigures:
    login_s: float
    paused_s: float
    not_ready_s: dict[str, float]
    ready_idle_s: float
    occupancy: float | None  # handle ÷ (handle + ready idle)
    utilisation: float | None  # handle ÷ logged in


def agent_times(spans: Iterable[StateSpan], start: datetime, end: datetime, now: datetime) -> dict[str, AgentTime]:
    """Per agent, their time in the window [start, end) as of ``now``."""
    times: dict[str, AgentTime] = defaultdict(AgentTime)
    for span in spans:
        seconds = clipped_seconds(span, start, end, now)
        if seconds <= 0:
            continue
        time = times[span.agent]
        if span.state == LOGGED_IN:
            time.login_s += seconds
        elif span.state == ACW:
            time.acw_state_s += seconds
        elif span.state == NOT_READY and span.reason != ACW_PAUSE_REASON:
            reason = span.reason or "unspecified"
            time.not_ready_s[reason] = time.not_ready_s.get(reason, 0.0) + seconds
    return dict(times)


def long_running(span: StateSpan, now: datetime, limit_s: float | None) -> bool:
    """A state past its limit (a break over its minutes, ACW over the line's limit): the floor flags it."""
    if span.ended_at is not None or not limit_s:
        return False
    return (now - span.started_at).total_seconds() > limit_s


__all__ = [
    "ACW",
    "ACW_PAUSE_REASON",
    "LOGGED_IN",
    "NOT_READY",
    "AgentTime",
    "AgentTimeFigures",
    "StateSpan",
    "agent_times",
    "clipped_seconds",
    "long_running",
]
