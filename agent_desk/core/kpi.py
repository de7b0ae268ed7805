"""The call KPIs of a contact centre, defined once: offered, answered, abandoned, service level, ASA, AHT.

Pure functions over per-call facts (the record's ``calls`` rows, however they were read). A
:class:`CallTally` is additive — two tallies of disjoint calls add up to the tally of both — so a
report over a month can be the sum of stored quarter-hour tallies and still equal a recompute from
the raw record. Thresholds (service level T, short abandon) are applied when the figures are read,
not when calls are counted: the tally keeps the waits as a histogram of whole seconds.

The formulas, with the reasons for each choice, are in ``docs/kpi.md``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

ANSWERED_OUTCOMES = frozenset({"answered", "transferred"})
#: Ways a call leaves the queue without an agent; each is reported under its own name.
UNANSWERED_OUTCOMES = frozenset({"abandoned", "timeout", "empty", "key"})


class SlDefinition(StrEnum):
    """The three service levels in use; a centre moving from another system picks the one it knew."""

    OFFERED = "offered"  # answered ≤ T ÷ (offered − short abandons): the default
    ANSWERED = "answered"  # answered ≤ T ÷ answered: Asterisk, Wazo, Asternic
    QUEUED = "queued"  # left the queue (answered or not) ≤ T ÷ offered: Amazon Connect


SL_DESCRIPTIONS: Mapping[SlDefinition, str] = {
    SlDefinition.OFFERED: "answered within T / (offered - short abandons)",
    SlDefinition.ANSWERED: "answered within T / answered (Asterisk, Wazo, Asternic)",
    SlDefinition.QUEUED: "left the queue within T / offered (Amazon Connect)",
}


@dataclass(frozen=True)
class KpiSettings:
    sl_seconds: int = 20
    short_abandon_seconds: int = 5
    sl_definition: SlDefinition = SlDefinition.OFFERED
    fcr_days: int = 7

    def __post_init__(self) -> None:
        if self.sl_seconds < 0 or self.short_abandon_seconds < 0 or self.fcr_days < 0:
            raise ValueError("KPI thresholds cannot be negative")

    def definitions(self) -> dict[str, Any]:
        """What a report states about how its figures were computed."""
        return {
            "sl_seconds": self.sl_seconds,
            "short_abandon_seconds": self.short_abandon_seconds,
            "sl_definition": self.sl_definition.value,
            "service_level": SL_DESCRIPTIONS[self.sl_definition].replace("T", f"{self.sl_seconds} s", 1),
            "fcr_days": self.fcr_days,
        }


@dataclass(frozen=True)
class CallFact:
    """One call as the KPIs see it. ``outcome`` is empty while the call has no final event."""

    queued_at: datetime | None
    outcome: str = ""
    wait_s: float | None = None
    talk_s: float | None = None
    hold_s: float | None = None
    acw_s: float | None = None
    ring_no_answer: int = 0


def _whole_seconds(value: float | None) -> int:
    # Waits are compared with T in whole seconds, rounded up: 20.4 s is not "within 20 s".
    return 0 if value is None or value <= 0 else math.ceil(value - 1e-9)


@dataclass
class CallTally:
    """Sums over a set of calls, from which every call KPI is read (see :meth:`figures`)."""

    answered_waits: Counter[int] = field(default_factory=Counter)
    abandoned_waits: Counter[int] = field(default_factory=Counter)
    other_exit_waits: Counter[int] = field(default_factory=Counter)  # timeout, empty, key
    timeout: int = 0
    unfinished: int = 0
    transferred: int = 0
    ring_no_answer: int = 0
    talk_s: float = 0.0
    hold_s: float = 0.0
    acw_s: float = 0.0
    answered_wait_s: float = 0.0  # exact, for ASA
    max_wait_s: float | None = None

    @classmethod
    def of(cls, calls: Iterable[CallFact]) -> CallTally:
        tally = cls()
        for call in calls:
            tally.add(call)
        return tally

    def add(self, call: CallFact) -> None:
        self.ring_no_answer += call.ring_no_answer
        wait = _whole_seconds(call.wait_s)
        if call.outcome and call.wait_s is not None:
            self.max_wait_s = max(self.max_wait_s or 0.0, call.wait_s)
        if call.outcome in ANSWERED_OUTCOMES:
            self.answered_waits[wait] += 1
            self.answered_wait_s += max(0.0, call.wait_s or 0.0)
            self.transferred += call.outcome == "transferred"
            self.talk_s += call.talk_s or 0.0
            self.hold_s += call.hold_s or 0.0
            self.acw_s += call.acw_s or 0.0
        elif call.outcome == "abandoned":
            self.abandoned_waits[wait] += 1
        elif call.outcome in UNANSWERED_OUTCOMES:
            self.other_exit_waits[wait] += 1
            self.timeout += call.outcome == "timeout"
        else:
            self.unfinished += 1

    def __add__(self, other: CallTally) -> CallTally:
        return CallTally(
            answered_waits=self.answered_waits + other.answered_waits,
            abandoned_waits=self.abandoned_waits + other.abandoned_waits,
            other_exit_waits=self.other_exit_waits + other.other_exit_waits,
            timeout=self.timeout + other.timeout,
            unfinished=self.unfinished + other.unfinished,
            transferred=self.transferred + other.transferred,
            ring_no_answer=self.ring_no_answer + other.ring_no_answer,
            talk_s=self.talk_s + other.talk_s,
            hold_s=self.hold_s + other.hold_s,
            acw_s=self.acw_s + other.acw_s,
            answered_wait_s=self.answered_wait_s + other.answered_wait_s,
            max_wait_s=_max(self.max_wait_s, other.max_wait_s),
        )

    def to_json(self) -> dict[str, Any]:
        """A plain form for storing a rollup (histogram keys become strings in JSON)."""
        return {
            "answered_waits": {str(k): v for k, v in sorted(self.answered_waits.items())},
            "abandoned_waits": {str(k): v for k, v in sorted(self.abandoned_waits.items())},
            "other_exit_waits": {str(k): v for k, v in sorted(self.other_exit_waits.items())},
            "timeout": self.timeout,
            "unfinished": self.unfinished,
            "transferred": self.transferred,
            "ring_no_answer": self.ring_no_answer,
            "talk_s": self.talk_s,
            "hold_s": self.hold_s,
            "acw_s": self.acw_s,
            "answered_wait_s": self.answered_wait_s,
            "max_wait_s": self.max_wait_s,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CallTally:
        def hist(name: str) -> Counter[int]:
            return Counter({int(k): int(v) for k, v in data.get(name, {}).items()})

        return cls(
            answered_waits=hist("answered_waits"),
            abandoned_waits=hist("abandoned_waits"),
            other_exit_waits=hist("other_exit_waits"),
            timeout=int(data.get("timeout", 0)),
            unfinished=int(data.get("unfinished", 0)),
            transferred=int(data.get("transferred", 0)),
            ring_no_answer=int(data.get("ring_no_answer", 0)),
            talk_s=float(data.get("talk_s", 0.0)),
            hold_s=float(data.get("hold_s", 0.0)),
            acw_s=float(data.get("acw_s", 0.0)),
            answered_wait_s=float(data.get("answered_wait_s", 0.0)),
            max_wait_s=None if data.get("max_wait_s") is None else float(data["max_wait_s"]),
        )

    def figures(self, settings: KpiSettings = KpiSettings()) -> CallFigures:
        short = sum(n for w, n in self.abandoned_waits.items() if w < settings.short_abandon_seconds)
        answered = sum(self.answered_waits.values())
        abandoned_all = sum(self.abandoned_waits.values())
        other = sum(self.other_exit_waits.values())
        offered = answered + abandoned_all + other
        answered_in_t = sum(n for w, n in self.answered_waits.items() if w <= settings.sl_seconds)
        left_in_t = answered_in_t + sum(
            n for h in (self.abandoned_waits, self.other_exit_waits) for w, n in h.items() if w <= settings.sl_seconds
        )
        sl_num, sl_den = {
            SlDefinition.OFFERED: (answered_in_t, offered - short),
            SlDefinition.ANSWERED: (answered_in_t, answered),
            SlDefinition.QUEUED: (left_in_t, offered),
        }[settings.sl_definition]
        handle_s = self.talk_s + self.hold_s + self.acw_s
        return CallFigures(
            offered=offered,
            answered=answered,
            abandoned=abandoned_all - short,
            short_abandoned=short,
            timeout=self.timeout,
            other_exits=other - self.timeout,
            unfinished=self.unfinished,
            answered_within_sl=answered_in_t,
            answer_rate=ratio(answered, offered - short),
            service_level=ratio(sl_num, sl_den),
            asa_s=ratio(self.answered_wait_s, answered),
            max_wait_s=self.max_wait_s,
            talk_s=self.talk_s,
            hold_s=self.hold_s,
            acw_s=self.acw_s,
            avg_talk_s=ratio(self.talk_s, answered),
            avg_hold_s=ratio(self.hold_s, answered),
            avg_acw_s=ratio(self.acw_s, answered),
            aht_s=ratio(handle_s, answered),
            transferred=self.transferred,
            transfer_rate=ratio(self.transferred, answered),
            ring_no_answer=self.ring_no_answer,
        )


@dataclass(frozen=True)
class CallFigures:
    """The call KPIs of a tally under one set of thresholds. Rates are fractions (0–1) or None."""

    offered: int
    answered: int
    abandoned: int  # after the short-abandon threshold
    short_abandoned: int
    timeout: int
    other_exits: int  # left the queue empty or by a key
    unfinished: int  # no final event yet (still queued, or the record lacks it)
    answered_within_sl: int
    answer_rate: float | None
    service_level: float | None
    asa_s: float | None
    max_wait_s: float | None
    talk_s: float
    hold_s: float
    acw_s: float
    avg_talk_s: float | None
    avg_hold_s: float | None
    avg_acw_s: float | None
    aht_s: float | None
    transferred: int
    transfer_rate: float | None
    ring_no_answer: int

    @property
    def handle_s(self) -> float:
        return self.talk_s + self.hold_s + self.acw_s


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def ratio(numerator: float, denominator: float) -> float | None:
    """A rate, or None where it has no meaning (nothing to divide by): never a misleading 0 %."""
    return numerator / denominator if denominator > 0 else None


__all__ = [
    "ANSWERED_OUTCOMES",
    "SL_DESCRIPTIONS",
    "UNANSWERED_OUTCOMES",
    "CallFact",
    "CallFigures",
    "CallTally",
    "KpiSettings",
    "SlDefinition",
    "ratio",
]
