"""Keeping the KPI rollups equal to the record: recompute the marked quarter hours, or rebuild all.

A marked quarter hour is recomputed whole from the record (calls, their orders and follow-up scores,
ring-no-answer events, closed state intervals), its old rows are replaced, and the day, week and month
rows of the rollup zone that contain it change by the difference, so that each coarse row stays the
sum of the quarter hours it spans (a maximum wait that may have fallen is recomputed from the rows
below). Nothing here is a formula: the sums are those of ``rollup_sums``, read by ``core.kpi*``. A
rebuild writes every row again in one pass over the record (``rollup_build``).

Refreshes take turns on the ``lock`` row of ``kpi_rollup_meta``; both run in the caller's transaction.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, DropConstraint

from agent_desk.services.supervision.rollup_build import build
from agent_desk.services.supervision.rollup_record import (
    Context,
    Key,
    context,
    quarter_agents,
    quarter_calls,
)
from agent_desk.services.supervision.rollup_sums import (
    COARSE_GRAINS,
    AgentSums,
    CallSums,
    Periods,
    computer_zone,
    zone_name,
    zone_named,
)
from agent_desk.store.clock import utcnow
from agent_desk.store.kpi_rollups import (
    AGENTS,
    BUCKET,
    CALLS,
    NO_ID,
    KpiAgentRollup,
    KpiCallRollup,
    KpiDirtyBucket,
    KpiRollupMeta,
    bucket_of,
)

log = logging.getLogger(__name__)

_CHUNK = 500
_BATCH = 5_000
Sums = CallSums | AgentSums


@dataclass(frozen=True)
class _Kind:
    """One of the two rollup tables: its key columns and how a quarter hour's key sums up coarser."""

    table: Table
    keys: tuple[str, ...]
    sums: type[CallSums] | type[AgentSums]
    quarter_dims: tuple[str, ...]  # named in every query of quarter hours: the key's second column

    def key(self, row: Any) -> Key:
        return tuple(getattr(row, c) for c in self.keys)

    def coarse(self, key: Key) -> Key:
        # Calls: a quarter hour's queue × line × agent rows make the day's agent rows.
        return ("a", "", NO_ID, key[3], key[4]) if self is CALL_ROWS and key[0] == "f" else key

    def row(self, grain: str, start: datetime, end: datetime, key: Key, sums: Sums) -> dict[str, Any]:
        return {
            "grain": grain,
            "period_start": start,
            "period_end": end,
            **dict(zip(self.keys, key, strict=True)),
            **sums.columns(),
        }


_CALL_TABLE: Table = KpiCallRollup.__table__  # type: ignore[assignment]
_AGENT_TABLE: Table = KpiAgentRollup.__table__  # type: ignore[assignment]
CALL_ROWS = _Kind(
    _CALL_TABLE, ("dim", "queue", "business_line_id", "agent_id", "agent"), CallSums, ("f", "q", "l", "*")
)
AGENT_ROWS = _Kind(_AGENT_TABLE, ("dim", "agent_id", "agent"), AgentSums, ("a", "*"))
_PARTS = {CALLS: CALL_ROWS, AGENTS: AGENT_ROWS}


@dataclass(frozen=True)
class Refreshed:
    calls: int  # quarter hours of calls recomputed
    agents: int  # quarter hours of agent time recomputed
    rebuilt: bool


# --- refresh ---------------------------------------------------------------------------------------


def _lock(session: Session) -> None:
    """Wait for any other refresh to finish, and keep the next one waiting until this one commits."""
    done = session.execute(update(KpiRollupMeta).where(KpiRollupMeta.name == "lock").values(value=KpiRollupMeta.value))
    if not done.rowcount:  # type: ignore[attr-defined]
        session.execute(insert(KpiRollupMeta).values(name="lock", value=""))


def _meta(session: Session) -> dict[str, str]:
    return dict(session.execute(select(KpiRollupMeta.name, KpiRollupMeta.value)).all())


def _set_meta(session: Session, name: str, value: str) -> None:
    session.execute(delete(KpiRollupMeta).where(KpiRollupMeta.name == name))
    session.execute(insert(KpiRollupMeta).values(name=name, value=value))


def rollup_zone(session: Session) -> Any:
    """The zone of the day, week and month rows (None before the rollups are first built)."""
    name = session.scalar(select(KpiRollupMeta.value).where(KpiRollupMeta.name == "zone"))
    return zone_named(name) if name else None


def refresh(session: Session, start: datetime | None = None, end: datetime | None = None) -> Refreshed:
    """Recompute the marked quarter hours in [start, end) (all, without a range); the first time,
    build everything. Commit afterwards: the marks it read are cleared in the same transaction."""
    _lock(session)
    meta = _meta(session)
    if "built" not in meta:
        rebuild(session, zone_named(meta["zone"]) if meta.get("zone") else None, locked=True)
        return Refreshed(0, 0, True)
    ctx = context(session, zone_named(meta["zone"]))
    query = select(KpiDirtyBucket.bucket_start, KpiDirtyBucket.part, KpiDirtyBucket.seq)
    if start is not None:
        query = query.where(KpiDirtyBucket.bucket_start >= bucket_of(start))
    if end is not None:
        query = query.where(KpiDirtyBucket.bucket_start < end)
    marks = session.execute(query).all()
    done = {CALLS: 0, AGENTS: 0}
    for part, kind in _PARTS.items():
        compute = quarter_calls if kind is CALL_ROWS else quarter_agents
        buckets = sorted(b for b, p, _seq in marks if p == part)
        for run in _runs(buckets):
            _recompute(session, ctx, kind, run, compute)  # type: ignore[arg-type]
            done[part] += len(run)
    _clear(session, marks)
    return Refreshed(done[CALLS], done[AGENTS], False)


def _runs(buckets: list[datetime]) -> Iterator[list[datetime]]:
    """Marked quarter hours in runs read together: near each other, and at most a day."""
    run: list[datetime] = []
    for bucket in buckets:
        if run and (bucket - run[-1] > timedelta(hours=1) or bucket - run[0] >= timedelta(days=1)):
            yield run
            run = []
        run.append(bucket)
    if run:
        yield run


def _clear(session: Session, marks: Iterable[Any]) -> None:
    """Clear the marks read, unless a writer marked them again since (its change is not in yet)."""
    t = KpiDirtyBucket.__table__
    assert isinstance(t, Table)
    stmt = delete(t).where(
        and_(t.c.bucket_start == bindparam("b"), t.c.part == bindparam("p"), t.c.seq == bindparam("s"))
    )
    params = [{"b": b, "p": p, "s": s} for b, p, s in marks]
    for i in range(0, len(params), _BATCH):
        session.execute(stmt, params[i : i + _BATCH])


def _recompute(
    session: Session,
    ctx: Context,
    kind: _Kind,
    run: list[datetime],
    compute: Callable[[Session, Context, datetime, datetime, set[datetime]], dict[datetime, dict[Key, Sums]]],
) -> None:
    lo, hi, wanted = run[0], run[-1] + BUCKET, set(run)
    new = compute(session, ctx, lo, hi, wanted)
    t = kind.table
    old: dict[datetime, dict[Key, Sums]] = defaultdict(dict)
    quarters = (t.c.grain == "q", t.c.dim.in_(kind.quarter_dims))
    for row in session.execute(select(t).where(*quarters, t.c.period_start >= lo, t.c.period_start < hi)):
        if row.period_start in wanted:
            old[row.period_start][kind.key(row)] = kind.sums.of(row)
    # Only the rows that came out different are rewritten: one call changed leaves its neighbours be.
    gone, fresh = [], []
    for bucket in run:
        before, after = old.get(bucket, {}), new.get(bucket, {})
        for key in before.keys() | after.keys():
            was, now = before.get(key), after.get(key)
            if was is not None and now is not None and was.columns() == now.columns():
                continue
            if was is not None:
                gone.append({"b_start": bucket, **{f"k_{c}": v for c, v in zip(kind.keys, key, strict=True)}})
            if now is not None:
                fresh.append(kind.row("q", bucket, bucket + BUCKET, key, now))
    pk = and_(
        t.c.grain == "q", t.c.period_start == bindparam("b_start"), *(t.c[c] == bindparam(f"k_{c}") for c in kind.keys)
    )
    for i in range(0, len(gone), _BATCH):
        session.execute(delete(t).where(pk), gone[i : i + _BATCH])
    _insert(session, t, fresh)
    _change_coarse(session, ctx.periods, kind, old, new)


def _insert(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    batch: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            session.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        session.execute(insert(table), batch)
        count += len(batch)
    return count


def _change_coarse(
    session: Session,
    periods: Periods,
    kind: _Kind,
    old: dict[datetime, dict[Key, Sums]],
    new: dict[datetime, dict[Key, Sums]],
) -> None:
    """Add each quarter hour's new sums to its day, week and month rows and take its old ones away."""
    deltas: dict[Any, dict[Key, list[Sums]]] = defaultdict(dict)  # local day → key → [added, removed]
    for side, buckets in ((0, new), (1, old)):
        for bucket, rows in buckets.items():
            day = deltas[periods.day_of(bucket)]
            for key, sums in rows.items():
                pair = day.get(kind.coarse(key))
                if pair is None:
                    pair = day[kind.coarse(key)] = [kind.sums(), kind.sums()]
                pair[side].merge(sums)  # type: ignore[arg-type]
    for grain in COARSE_GRAINS:  # days first: weeks and months recompute a fallen maximum from them
        by_period: dict[tuple[datetime, datetime], dict[Key, list[Sums]]] = defaultdict(dict)
        for day, changes in deltas.items():
            target = by_period[periods.span(grain, day)]
            for key, (added, removed) in changes.items():
                if added.columns() == removed.columns():
                    continue  # this key's quarter hour came out as it was
                pair = target.get(key)
                if pair is None:
                    target[key] = [kind.sums(), kind.sums()]
                    pair = target[key]
                pair[0].merge(added)  # type: ignore[arg-type]
                pair[1].merge(removed)  # type: ignore[arg-type]
        for (start, end), changes in by_period.items():
            if changes:
                _apply(session, kind, grain, start, end, changes)


def _apply(
    session: Session, kind: _Kind, grain: str, start: datetime, end: datetime, changes: dict[Key, list[Sums]]
) -> None:
    t = kind.table
    current: dict[Key, Sums] = {}
    for dim in {k[0] for k in changes}:
        query = select(t).where(t.c.grain == grain, t.c.dim == dim, t.c.period_start == start)
        if dim == "a":  # a day of a big floor has hundreds of agents: read only those that changed
            query = query.where(t.c.agent_id.in_({k[-2] for k in changes if k[0] == "a"}))
        current.update((kind.key(r), kind.sums.of(r)) for r in session.execute(query))
    rows = []
    for key, (added, removed) in changes.items():
        sums = current.get(key) or kind.sums()
        before = sums.tally.max_wait_s if isinstance(sums, CallSums) else None
        sums.merge(added)  # type: ignore[arg-type]
        sums.merge(removed, -1)  # type: ignore[arg-type]
        if isinstance(sums, CallSums) and isinstance(removed, CallSums) and isinstance(added, CallSums):
            gone = removed.tally.max_wait_s
            if gone is not None and before is not None and gone >= before and not _reaches(added, gone):
                sums.tally.max_wait_s = _max_below(session, grain, start, end, key)
        if not sums.empty:
            rows.append(kind.row(grain, start, end, key, sums))
    pk = and_(t.c.grain == grain, t.c.period_start == start, *(t.c[c] == bindparam(f"k_{c}") for c in kind.keys))
    session.execute(
        delete(t).where(pk), [{f"k_{c}": v for c, v in zip(kind.keys, key, strict=True)} for key in changes]
    )
    _insert(session, t, rows)


def _reaches(added: CallSums, value: float) -> bool:
    return added.tally.max_wait_s is not None and added.tally.max_wait_s >= value


def _max_below(session: Session, grain: str, start: datetime, end: datetime, key: Key) -> float | None:
    """The longest wait in the rows a coarse row sums (the quarter hours of a day, the days of a
    week or month): what its maximum is when the one it had was taken away."""
    t = KpiCallRollup.__table__
    dim, queue, line, agent_id, agent = key
    lower = "q" if grain == "d" else "d"
    query = select(t.c.tally).where(t.c.grain == lower, t.c.period_start >= start, t.c.period_start < end)
    if lower == "q" and dim == "a":
        query = query.where(t.c.dim == "f", t.c.agent_id == agent_id, t.c.agent == agent)
    else:
        query = query.where(
            t.c.dim == dim,
            t.c.queue == queue,
            t.c.business_line_id == line,
            t.c.agent_id == agent_id,
            t.c.agent == agent,
        )
    waits = [tally["max_wait_s"] for tally in session.scalars(query) if tally.get("max_wait_s") is not None]
    return float(max(waits)) if waits else None


# --- rebuild ---------------------------------------------------------------------------------------


def rebuild(session: Session, zone: Any = None, *, locked: bool = False) -> int:
    """Build every rollup again from the whole record (for data written without the hooks, or a new
    zone); returns the rows written. ``zone`` defaults to the one already kept, else this computer's."""
    if not locked:
        _lock(session)
    zone = zone or rollup_zone(session) or computer_zone()
    marks = session.execute(select(KpiDirtyBucket.bucket_start, KpiDirtyBucket.part, KpiDirtyBucket.seq)).all()
    connection = session.connection()
    tables = [kind.table for kind in _PARTS.values()]
    # The indexes are built once after the load: one sort instead of an insert into each per row.
    indexes = [index for table in tables for index in table.indexes]
    for index in indexes:
        index.drop(connection)
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:  # the rows' primary keys too; TRUNCATE leaves no dead rows behind (the locks are taken)
        connection.exec_driver_sql(f"TRUNCATE {', '.join(table.name for table in tables)}")
        for table in tables:
            connection.execute(DropConstraint(table.primary_key))
    else:  # on SQLite the rows live in their primary key's tree
        for table in tables:
            connection.execute(delete(table))
    written = build(session, Periods(zone))
    if postgresql:
        for table in tables:
            connection.execute(AddConstraint(table.primary_key))
    for index in indexes:
        index.create(connection)
    # Fresh statistics, or the planners guess the new tables empty and walk the wrong index.
    for table in tables:
        connection.exec_driver_sql(f"ANALYZE {table.name}")
    _clear(session, marks)
    _set_meta(session, "zone", zone_name(zone))
    _set_meta(session, "built", utcnow().isoformat(timespec="seconds"))
    log.info("KPI rollups rebuilt in zone %s: %s rows", zone_name(zone), written)
    return written


__all__ = ["Refreshed", "rebuild", "refresh", "rollup_zone"]
