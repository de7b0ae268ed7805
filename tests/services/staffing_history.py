"""A synthetic call history with a known pattern, written into the record as a PBX would leave it.

Calls arrive as a Poisson process whose mean per local day and half hour is known exactly:
``base`` × the weekday's factor × (1 + ``growth`` × day number) × the half hour's share of the
day (a bell from 08:00 to 22:00, busiest at 13:00) × a marked day's factor. Nine in ten are
answered, after 200 s of talk on average before 14:00 and 300 s from 14:00, plus 30 s of wrap-up
(AHT 230 s, then 330 s); the rest are abandoned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import insert

from agent_desk.services.supervision.rollups import rebuild
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import Call

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")
WEEK = (1.3, 1.2, 1.1, 1.1, 1.0, 0.7, 0.5)  # Monday … Sunday
SLOTS = 48  # half hours


def day_shape() -> np.ndarray:
    slot = np.arange(SLOTS)
    shape = np.exp(-0.5 * ((slot - 26) / 6.0) ** 2)
    shape[(slot < 16) | (slot >= 44)] = 0.0  # closed before 08:00 and from 22:00
    return shape / shape.sum()


@dataclass
class Pattern:
    first: date  # the first local day of the history
    days: int
    base: float = 150.0  # calls on a day whose weekday factor is 1, at day 0
    growth: float = 0.0  # per day
    marked: dict[date, float] = field(default_factory=dict)  # a marked day's factor
    zone: ZoneInfo = SHANGHAI

    def mean(self, day: date) -> np.ndarray:
        """The true mean calls of each half hour of ``day`` (also after the history: its forecast's truth)."""
        i = (day - self.first).days
        level = self.base * WEEK[day.weekday()] * (1 + self.growth * i) * self.marked.get(day, 1.0)
        return level * day_shape()

    def ordinary_total(self, day: date) -> float:
        i = (day - self.first).days
        return self.base * WEEK[day.weekday()] * (1 + self.growth * i)


def write_history(db: Database, pattern: Pattern, *, seed: int, line_id: int | None = None) -> np.ndarray:
    """Write the calls and build the KPI rollups; returns the calls written per day × half hour."""
    rng = np.random.default_rng(seed)
    counts = np.zeros((pattern.days, SLOTS))
    rows: list[dict[str, object]] = []
    for i in range(pattern.days):
        day = pattern.first + timedelta(days=i)
        drawn = rng.poisson(pattern.mean(day))
        counts[i] = drawn
        for slot in np.flatnonzero(drawn):
            start = datetime.combine(day, time(), pattern.zone) + timedelta(minutes=30 * int(slot))
            for _ in range(int(drawn[slot])):
                at = (start + timedelta(seconds=int(rng.integers(0, 1800)))).astimezone(UTC).replace(tzinfo=None)
                rows.append(_call(f"syn-{seed}-{line_id}-{len(rows)}", at, slot, rng, line_id))
    with db.engine.begin() as conn:
        for k in range(0, len(rows), 5_000):
            conn.execute(insert(Call.__table__), rows[k : k + 5_000])
    with transaction(db.factory) as s:
        rebuild(s, pattern.zone)
    return counts


def _call(cid: str, at: datetime, slot: int, rng: np.random.Generator, line_id: int | None) -> dict[str, object]:
    row: dict[str, object] = {
        "platform_call_id": cid,
        "queue": "sales",
        "business_line_id": line_id,
        "queued_at": at,
        "offered_at": at,
        "answered_at": None,
        "talk_seconds": None,
        "hold_seconds": None,
        "acw_seconds": None,
    }
    if rng.random() < 0.9:
        talk = (150 if slot < 28 else 250) + int(rng.integers(0, 101))
        wait = 5
        row |= {
            "outcome": "answered",
            "answered_at": at + timedelta(seconds=wait),
            "wait_seconds": wait,
            "talk_seconds": talk,
            "hold_seconds": 0,
            "acw_seconds": 30,
            "ended_at": at + timedelta(seconds=wait + talk),
        }
    else:
        row |= {"outcome": "abandoned", "wait_seconds": 40, "ended_at": at + timedelta(seconds=40)}
    return row
