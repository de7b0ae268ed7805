"""Keeping the KPI rollups equal to the record: recompute the marked quarter hours, or rebuild all.

A marked quarter hour is recomputed whole from the record (calls, their orders and follow-up scores,
ring-no-answer events, closed state intervals), its old rows are replaced, and the day, week and month
rows of the rollup zone that contain it change by the difference, so that each coarse row stays the
sum of the quarter hours it spans (a maximum wait that may have fallen is recomputed from the rows
below). Nothing here is a formula: the sums are those of ``rollup_sums``, read by ``core.kpi*``.

Refreshes take turns on the ``lock`` row of ``kpi_rollup_meta``; both run in the caller's transaction.
"""

from __future__ import annotations

import heapq
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from agent_desk.core.kpi_outcomes import Satisfaction
from agent_desk.services.supervision.rollup_record import (
    Context,
    Key,
    add_call,
    add_span,
    call_in,
    context,
    eligible_for_fcr,
    quarter_agents,
    quarter_calls,
    ring_keys,
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


class _Builder:
    """Quarter-hour sums arriving in time order, written with the day, week and month rows they make.

    Each quarter hour is added to its day; a finished day to its week and month.
    """

    def __init__(self, session: Session, kind: _Kind, periods: Periods) -> None:
        self.kind, self.periods = kind, periods
        self.out = _BulkRows(session, kind)
        self.open: dict[datetime, dict[Key, Sums]] = {}
        self.days: dict[date, dict[Key, Sums]] = {}
        self.coarse: dict[tuple[str, datetime, datetime], dict[Key, Sums]] = {}
        self.closed = datetime.min

    def close_before(self, moment: datetime) -> None:
        """No more sums will come for quarter hours that end by ``moment``."""
        if moment <= self.closed:
            return
        self.closed = moment
        coarse = self.kind.coarse
        for bucket in sorted(b for b in self.open if b + BUCKET <= moment):
            rows = self.open.pop(bucket)
            day = self.periods.day_of(bucket)
            into = self.days.get(day)
            if into is None:
                into = self.days[day] = {}
            for key, sums in rows.items():
                self.out.add("q", bucket, bucket + BUCKET, key, sums)
                target = into.get(coarse(key))
                if target is None:
                    target = into[coarse(key)] = self.kind.sums()
                target.merge(sums)  # type: ignore[arg-type]
        for day in [d for d in self.days if self.periods.span("d", d)[1] <= moment]:
            rows = self.days.pop(day)
            start, end = self.periods.span("d", day)
            for grain in ("w", "m"):
                period = (grain, *self.periods.span(grain, day))
                into = self.coarse.get(period)
                if into is None:
                    into = self.coarse[period] = {}
                for key, sums in rows.items():
                    target = into.get(key)
                    if target is None:
                        target = into[key] = self.kind.sums()
                    target.merge(sums)  # type: ignore[arg-type]
            for key, sums in rows.items():
                self.out.add("d", start, end, key, sums)
        for period in [p for p in self.coarse if p[2] <= moment]:
            grain, start, end = period
            for key, sums in self.coarse.pop(period).items():
                self.out.add(grain, start, end, key, sums)

    def finish(self) -> int:
        self.close_before(datetime.max)
        return self.out.flush()


class _BulkRows:
    """Rows written by the driver itself (executemany on SQLite, COPY on PostgreSQL): the rebuild
    writes millions, and SQLAlchemy's per-row parameter handling would cost more than computing them."""

    def __init__(self, session: Session, kind: _Kind) -> None:
        connection = session.connection()
        self.sqlite = connection.dialect.name == "sqlite"
        dbapi = connection.connection.driver_connection
        assert dbapi is not None
        self.dbapi: Any = dbapi
        columns = ", ".join(["grain", "period_start", "period_end", *kind.keys, *kind.sums().columns()])
        marks = ", ".join("?" * (3 + len(kind.keys) + len(kind.sums().columns())))
        self.sql = f"INSERT INTO {kind.table.name} ({columns}) VALUES ({marks})"
        self.copy = f"COPY {kind.table.name} ({columns}) FROM STDIN"
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, grain: str, start: datetime, end: datetime, key: Key, sums: Sums) -> None:
        if self.sqlite:  # SQLAlchemy's own text form, so that its comparisons and reads agree
            self.rows.append((grain, _text(start), _text(end), *key, *sums.texts()))
        else:
            self.rows.append((grain, start, end, *key, *sums.texts()))
        if len(self.rows) >= _BATCH:
            self.flush()

    def flush(self) -> int:
        if self.rows:
            cursor = self.dbapi.cursor()
            try:
                if self.sqlite:
                    cursor.executemany(self.sql, self.rows)
                else:
                    with cursor.copy(self.copy) as copy:
                        for row in self.rows:
                            copy.write_row(row)
            finally:
                cursor.close()
            self.written += len(self.rows)
            self.rows = []
        return self.written


def _text(moment: datetime) -> str:
    return moment.isoformat(" ", "microseconds")


def _time(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _raw_rows(session: Session, sql: str, name: str) -> Iterator[tuple[Any, ...]]:
    """A query's rows straight from the driver, a batch at a time (on PostgreSQL a server-side cursor)."""
    dbapi: Any = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "sqlite":
        cursor = dbapi.cursor()
    else:
        cursor = dbapi.cursor(name=name)
        cursor.itersize = _BATCH
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_BATCH):
            yield from rows
    finally:
        cursor.close()


def _calls_in_time_order(session: Session) -> Iterator[tuple[Any, ...]]:
    """Every call with its next call from the number on the line, orders and scores, oldest first."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    when = "COALESCE(c.queued_at, c.offered_at)"
    # SQLite keeps times as text, and bulk writers leave out the microseconds: one width for all,
    # so that equal times are equal for the window (a repeat is a later call, never one at the same time).
    at = f"substr({when} || '.000000', 1, 26)" if sqlite else when
    sql = f"""
        SELECT c.id, c.queued_at, c.offered_at, c.queue, c.business_line_id, c.agent_id, c.agent_telephony_id,
               c.outcome, c.wait_seconds, c.talk_seconds, c.hold_seconds, c.acw_seconds, c.ani_e164, c.dnis,
               c.disposition_code, o.n, o.revenue, f.answered, f.satisfied, f.score,
               MIN({at}) OVER (PARTITION BY c.ani_e164, COALESCE(bl.code, c.dnis) ORDER BY {at}
                               GROUPS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) AS next_at
        FROM calls c
        LEFT JOIN business_lines bl ON bl.id = c.business_line_id
        LEFT JOIN (SELECT call_id, COUNT(*) AS n, SUM(total_cents) AS revenue FROM orders
                   WHERE call_id IS NOT NULL AND state NOT IN ('draft', 'cancelled') GROUP BY call_id) o
               ON o.call_id = c.id
        LEFT JOIN (SELECT od.call_id, COUNT(*) AS answered,
                          SUM(CASE WHEN fu.satisfaction >= 4 THEN 1 ELSE 0 END) AS satisfied,
                          SUM(fu.satisfaction) AS score
                   FROM followups fu JOIN orders od ON od.id = fu.order_id
                   WHERE fu.satisfaction IS NOT NULL AND od.call_id IS NOT NULL GROUP BY od.call_id) f
               ON f.call_id = c.id
        WHERE {when} IS NOT NULL
        ORDER BY {at}
    """
    for r in _raw_rows(session, sql, "kpi_rebuild_calls"):
        yield (r[0], _time(r[1]), _time(r[2]), *r[3:20], _time(r[20]))


def _rebuild_calls(session: Session, ctx: Context) -> int:
    builder = _Builder(session, CALL_ROWS, ctx.periods)
    rings = (
        (_time(at), queue, agent)
        for at, queue, agent in _raw_rows(
            session,
            "SELECT occurred_at, queue, agent FROM contact_events WHERE kind = 'ring_no_answer' ORDER BY occurred_at",
            "kpi_rebuild_rings",
        )
    )
    calls = ((bucket_of(r[1] or r[2]), 0, r) for r in _calls_in_time_order(session))
    events = heapq.merge(calls, ((bucket_of(r[0]), 1, r) for r in rings), key=lambda e: e[0])
    for bucket, what, r in events:
        builder.close_before(bucket)
        rows = builder.open.get(bucket)
        if rows is None:
            rows = builder.open[bucket] = {}
        if what == 1:
            for key in ring_keys(r[1], r[2]):
                sums = rows.get(key)
                if sums is None:
                    sums = rows[key] = CallSums()
                sums.tally.ring_no_answer += 1  # type: ignore[union-attr]
            continue
        c = call_in(r)
        resolves = eligible_for_fcr(c, ctx.resolving)
        csat = Satisfaction(r[17], r[18], r[19]) if r[17] else None
        add_call(rows, c, resolves=resolves, next_at=r[20], orders=r[15] or 0, revenue_cents=r[16] or 0, csat=csat)  # type: ignore[arg-type]
    return builder.finish()


class _Span(NamedTuple):
    agent: str
    agent_id: int | None
    state: str
    reason: str
    started_at: datetime
    ended_at: datetime


def _rebuild_agents(session: Session, ctx: Context) -> int:
    builder = _Builder(session, AGENT_ROWS, ctx.periods)
    rows = _raw_rows(
        session,
        "SELECT agent, agent_id, state, reason, started_at, ended_at FROM agent_state_intervals"
        " WHERE ended_at IS NOT NULL ORDER BY started_at",
        "kpi_rebuild_spans",
    )
    for agent, agent_id, state, reason, started, ended in rows:
        span = _Span(agent, agent_id, state, reason, _time(started), _time(ended))
        # Quarter hours before this interval's start get nothing more: every later one starts later.
        builder.close_before(bucket_of(span.started_at))
        add_span(builder.open, span, span.started_at, span.ended_at)  # type: ignore[arg-type]
    return builder.finish()


def rebuild(session: Session, zone: Any = None, *, locked: bool = False) -> int:
    """Build every rollup again from the whole record (for data written without the hooks, or a new
    zone); returns the rows written. ``zone`` defaults to the one already kept, else this computer's."""
    if not locked:
        _lock(session)
    zone = zone or rollup_zone(session) or computer_zone()
    marks = session.execute(select(KpiDirtyBucket.bucket_start, KpiDirtyBucket.part, KpiDirtyBucket.seq)).all()
    session.execute(delete(KpiCallRollup))
    session.execute(delete(KpiAgentRollup))
    ctx = context(session, zone)
    # Their secondary indexes are built once after the load: one sort instead of millions of inserts.
    indexes = [index for kind in _PARTS.values() for index in kind.table.indexes]
    connection = session.connection()
    for index in indexes:
        index.drop(connection)
    written = _rebuild_calls(session, ctx) + _rebuild_agents(session, ctx)
    for index in indexes:
        index.create(connection)
    # Fresh statistics, or the planners guess the new tables empty and walk the wrong index.
    for kind in _PARTS.values():
        connection.exec_driver_sql(f"ANALYZE {kind.table.name}")
    _clear(session, marks)
    _set_meta(session, "zone", zone_name(zone))
    _set_meta(session, "built", utcnow().isoformat(timespec="seconds"))
    log.info("KPI rollups rebuilt in zone %s: %s rows", zone_name(zone), written)
    return written


__all__ = ["Refreshed", "rebuild", "refresh", "rollup_zone"]
