"""Reading a report's sums from the rollups: which rows cover a window, and whose group each joins.

A window (the report's range, or one of its days) is covered by the rollup zone's months, weeks and
days that lie inside it, and quarter hours for the rest; a report in another zone, or by interval,
reads quarter hours only. An agent sees their own figures from their quarter-hour rows. The keys a
row joins are given by the report (``kpi_report``), so both ways of computing it group alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from agent_desk.services.supervision.rollup_sums import AgentSums, CallSums, Periods
from agent_desk.store.kpi_rollups import NO_ID, RING_AGENT_ID, KpiAgentRollup, KpiCallRollup

CALL_TABLE: Table = KpiCallRollup.__table__  # type: ignore[assignment]
AGENT_TABLE: Table = KpiAgentRollup.__table__  # type: ignore[assignment]
_CHUNK = 500


@dataclass
class Cover:
    coarse: dict[str, list[datetime]] = field(default_factory=lambda: defaultdict(list))  # grain → starts
    quarters: list[tuple[datetime, datetime]] = field(default_factory=list)

    def add(self, other: Cover) -> None:
        for grain, starts in other.coarse.items():
            self.coarse[grain] += starts
        self.quarters += other.quarters


def cover(start: datetime, end: datetime, periods: Periods | None) -> Cover:
    """The rollup periods that make up [start, end) exactly: the largest of the zone's that fit, then
    quarter hours before and after them."""
    out = Cover()
    if periods is None:
        out.quarters.append((start, end))
        return out
    day = periods.day_of(start)
    if periods.start(day) < start:
        day = periods.following("d", day)
    at = periods.start(day)
    if at >= end:
        out.quarters.append((start, end))
        return out
    if start < at:
        out.quarters.append((start, at))
    while True:
        for grain in ("m", "w", "d"):
            first, stop = periods.span(grain, day)
            if first == at and stop <= end:
                out.coarse[grain].append(first)
                day, at = periods.following(grain, periods.first(grain, day)), stop
                break
        else:
            break
    if at < end:
        out.quarters.append((at, end))
    return out


def _merged(ranges: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def rows_of(session: Session, table: Table, dims: tuple[str, str], where: Cover, *extra: Any) -> Iterator[Any]:
    """The rows of ``where``: coarse rows of dimension ``dims[0]``, quarter hours of ``dims[1]``."""
    c = table.c
    for grain, starts in where.coarse.items():
        ordered = sorted(set(starts))
        for i in range(0, len(ordered), _CHUNK):
            yield from session.execute(
                select(table).where(
                    c.grain == grain, c.dim == dims[0], c.period_start.in_(ordered[i : i + _CHUNK]), *extra
                )
            )
    for lo, hi in _merged(where.quarters):
        yield from session.execute(
            select(table).where(c.grain == "q", c.dim == dims[1], c.period_start >= lo, c.period_start < hi, *extra)
        )


def own_rows(session: Session, table: Table, start: datetime, end: datetime, user_id: int, pbx: str) -> Iterator[Any]:
    """An agent's own quarter hours: the calls they took, and the rings and state intervals of their
    PBX name (as the raw report filters them)."""
    c = table.c
    dim = "f" if table is CALL_TABLE else "a"
    quarters = (c.grain == "q", c.dim == dim, c.period_start >= start, c.period_start < end)
    # Two reads, each down the agent index: an OR of the two would walk every quarter hour of the range.
    yield from session.execute(select(table).where(c.agent_id == user_id, *quarters))
    if table is CALL_TABLE:
        theirs = (c.agent_id == RING_AGENT_ID) & (c.agent == pbx)
    else:
        theirs = (c.agent_id != user_id) & (c.agent == pbx)
    yield from session.execute(select(table).where(theirs, *quarters))


CallKeyOf = Callable[[datetime, str, int | None, int | None, str], str]


def call_groups(rows: Iterable[Any], key_of: CallKeyOf, *, rings: bool = True) -> dict[str, CallSums]:
    """Rows summed by the report's key of (period start, queue, line, agent id, PBX name)."""
    groups: dict[str, CallSums] = {}
    for row in rows:
        if row.agent_id == RING_AGENT_ID and not rings:
            continue
        key = key_of(
            row.period_start,
            row.queue,
            row.business_line_id if row.business_line_id != NO_ID else None,
            row.agent_id if row.agent_id not in (NO_ID, RING_AGENT_ID) else None,
            row.agent,
        )
        sums = groups.get(key)
        if sums is None:
            sums = groups[key] = CallSums()
        sums.add_row(row)
    return groups


def agent_groups(rows: Iterable[Any], key_of: Callable[[int | None, str], str]) -> dict[str, AgentSums]:
    groups: dict[str, AgentSums] = defaultdict(AgentSums)
    for row in rows:
        groups[key_of(row.agent_id if row.agent_id != NO_ID else None, row.agent)].merge(AgentSums.of(row))
    return dict(groups)


def sums_by_start(rows: Iterable[Any]) -> list[tuple[datetime, AgentSums]]:
    return sorted(((row.period_start, AgentSums.of(row)) for row in rows), key=lambda pair: pair[0])


__all__ = ["AGENT_TABLE", "CALL_TABLE", "Cover", "agent_groups", "call_groups", "cover", "own_rows", "rows_of"]
