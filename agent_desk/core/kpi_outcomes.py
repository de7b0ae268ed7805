"""What the calls achieved: first-contact resolution, conversion, satisfaction, audit and delivery rates.

Pure functions over plain facts; the formulas and their edge cases are in ``docs/kpi.md``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from agent_desk.core.kpi import ratio


@dataclass(frozen=True)
class Contact:
    """A call for first-contact resolution: who called which line when, and how it was closed."""

    number: str  # the caller's number as stored (E.164); empty when withheld
    line: str  # business line code (or the dialled number where no line is known)
    at: datetime
    answered: bool = True
    resolved: bool | None = None  # the wrap-up disposition resolves; None: no wrap-up


@dataclass(frozen=True)
class Fcr:
    resolved_first: int  # closed with a resolving disposition, no repeat within the window
    eligible: int  # answered, wrapped up, caller's number known

    @property
    def rate(self) -> float | None:
        return ratio(self.resolved_first, self.eligible)


def first_contact_resolution(calls: Iterable[Contact], later: Iterable[Contact], *, days: int = 7) -> Fcr:
    """FCR of ``calls``: a repeat is any call in ``later`` (which may include ``calls`` themselves) from
    the same number to the same line within ``days`` after it, answered or not.

    A withheld number cannot be followed, so it is not eligible; nor is a call without a wrap-up.
    """
    window = timedelta(days=days)
    times: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for c in later:
        if c.number:
            times[(c.number, c.line)].append(c.at)
    for series in times.values():
        series.sort()
    resolved = eligible = 0
    for c in calls:
        if not (c.answered and c.number and c.resolved is not None):
            continue
        eligible += 1
        if not c.resolved:
            continue
        series = times.get((c.number, c.line), [])
        after = bisect_right(series, c.at)
        repeated = after < len(series) and series[after] <= c.at + window
        resolved += not repeated
    return Fcr(resolved, eligible)


@dataclass(frozen=True)
class Conversion:
    answered: int
    orders: int
    revenue_cents: int

    @property
    def orders_per_call(self) -> float | None:
        return ratio(self.orders, self.answered)

    @property
    def revenue_per_call_cents(self) -> float | None:
        return ratio(self.revenue_cents, self.answered)


@dataclass(frozen=True)
class Satisfaction:
    """CSAT from follow-up surveys scored 1–5: the share of 4 and 5 among answered surveys, and the mean."""

    answered_surveys: int
    satisfied: int
    total_score: int

    @classmethod
    def of(cls, scores: Iterable[int | None]) -> Satisfaction:
        answered = satisfied = total = 0
        for score in scores:
            if score is None:
                continue  # a follow-up the customer did not answer is not a score
            if not 1 <= score <= 5:
                raise ValueError(f"a satisfaction score is 1 to 5, not {score}")
            answered += 1
            satisfied += score >= 4
            total += score
        return cls(answered, satisfied, total)

    @property
    def csat(self) -> float | None:
        return ratio(self.satisfied, self.answered_surveys)

    @property
    def mean(self) -> float | None:
        return ratio(self.total_score, self.answered_surveys)


@dataclass(frozen=True)
class AuditOutcome:
    """Orders that reached the auditor in the period: approved at the first review, or returned."""

    reviewed: int
    approved_first_time: int

    @property
    def pass_rate(self) -> float | None:
        return ratio(self.approved_first_time, self.reviewed)


@dataclass(frozen=True)
class DeliveryOutcome:
    """Shipped orders with a known end: delivered, refused at the door, or returned by the courier."""

    delivered: int
    refused: int
    returned: int

    @property
    def settled(self) -> int:
        return self.delivered + self.refused + self.returned

    @property
    def refusal_rate(self) -> float | None:
        return ratio(self.refused, self.settled)

    @property
    def return_rate(self) -> float | None:
        return ratio(self.returned, self.settled)


__all__ = [
    "AuditOutcome",
    "Contact",
    "Conversion",
    "DeliveryOutcome",
    "Fcr",
    "Satisfaction",
    "first_contact_resolution",
]
