"""What the wallboard reads off a :class:`FloorState`: one row per queue or business line, the
agents' flags, and the floor's head counts. Pure; ``now`` is the hub's time.

The flags are the supervisor's "look here": after-call work past the line's ACW limit, a not-ready
reason past its limit (``not_ready_reasons.max_minutes``), and an agent logged in past the
overwork limit (overwork is a KPI failure too, not a credit).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from agent_desk.core.floor import FloorAgent, FloorState, FloorStatus
from agent_desk.core.kpi import CallFigures, CallTally, KpiSettings

NO_GROUP = ""  # calls whose queue and number belong to no line


class FloorFlag(StrEnum):
    LONG_ACW = "long_acw"
    LONG_NOT_READY = "long_not_ready"
    OVERWORK = "overwork"


@dataclass(frozen=True)
class FloorLimits:
    """How long each state may run before the board flags it. None: never flagged."""

    acw_default_s: int | None = 60  # a line with no ACW limit of its own (services.calls: the desk's default)
    acw_by_line: Mapping[str, int | None] = field(default_factory=dict)  # line → seconds (0: until saved)
    not_ready_minutes: Mapping[str, int | None] = field(default_factory=dict)  # reason code → minutes
    overwork_hours: float | None = 10.0

    def __post_init__(self) -> None:
        if self.overwork_hours is not None and self.overwork_hours <= 0:
            raise ValueError("the overwork limit must be a positive number of hours")


def agent_flags(
    agent: FloorAgent, now: float, limits: FloorLimits, line_of: Callable[[str, str], str] | None = None
) -> frozenset[FloorFlag]:
    flags: set[FloorFlag] = set()
    status = agent.status
    in_state = agent.seconds_in_state(now)
    if status is FloorStatus.ACW:
        line = line_of(agent.queue, agent.dnis) if line_of else NO_GROUP
        limit = limits.acw_by_line.get(line, limits.acw_default_s) if line else limits.acw_default_s
        if limit == 0:
            limit = limits.acw_default_s  # "until saved" still has a point past which it is long
        if limit is not None and in_state > limit:
            flags.add(FloorFlag.LONG_ACW)
    elif status is FloorStatus.NOT_READY:
        minutes = limits.not_ready_minutes.get(agent.reason)
        if minutes is not None and in_state > minutes * 60:
            flags.add(FloorFlag.LONG_NOT_READY)
    if (
        limits.overwork_hours is not None
        and agent.logged_in_since is not None
        and status is not FloorStatus.OFFLINE
        and now - agent.logged_in_since > limits.overwork_hours * 3600
    ):
        flags.add(FloorFlag.OVERWORK)
    return frozenset(flags)


@dataclass(frozen=True)
class QueueNow:
    """One queue's (or business line's) row: now, and so far today."""

    key: str
    waiting: int
    vip_waiting: int
    longest_wait_s: float | None
    today: CallFigures


def queue_rows(
    state: FloorState,
    now: float,
    settings: KpiSettings | None = None,
    group_of: Callable[[str, str], str] | None = None,
) -> list[QueueNow]:
    """A row per queue (``group_of`` None) or per whatever ``group_of(queue, dnis)`` names, by key."""

    def key(queue: str, dnis: str) -> str:
        return group_of(queue, dnis) if group_of else queue

    settings = settings or KpiSettings()
    tallies: dict[str, CallTally] = {}
    for (queue, dnis), tally in state.tallies.items():
        k = key(queue, dnis)
        tallies[k] = tallies[k] + tally if k in tallies else tally
    waiting: Counter[str] = Counter()
    vip: Counter[str] = Counter()
    oldest: dict[str, float] = {}
    for call in state.waiting():
        k = key(call.queue, call.dnis)
        waiting[k] += 1
        vip[k] += call.vip
        if call.entered is not None:
            oldest[k] = min(oldest.get(k, call.entered), call.entered)
    rows = []
    for k in sorted(set(tallies) | set(waiting)):
        figures = tallies.get(k, CallTally()).figures(settings)
        first = oldest.get(k)
        rows.append(QueueNow(k, waiting[k], vip[k], None if first is None else max(0.0, now - first), figures))
    return rows


def head_counts(state: FloorState) -> Counter[FloorStatus]:
    """Agents by what they do now; offline and never-heard-of agents are counted too."""
    return Counter(agent.status for agent in state.agents.values())


__all__ = ["NO_GROUP", "FloorFlag", "FloorLimits", "QueueNow", "agent_flags", "head_counts", "queue_rows"]
