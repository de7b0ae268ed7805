"""KPI rollups: the record's figures summed per quarter hour, and the marks that say which are stale.

``kpi_call_rollups`` and ``kpi_agent_rollups`` hold sums (``services.supervision.rollups`` computes
them; ``docs/kpi.md`` explains the grains). They are derived data, never edited: a quarter hour whose
inputs change is marked in ``kpi_dirty_buckets`` in the same transaction, and the next report
recomputes it from the record before reading. :func:`watch` makes every session of the factory
mark what its flushes change (calls, orders, follow-up scores, agent intervals, ring-no-answer
events, dispositions), so no writer has to remember; writers that bypass the ORM (the ring events
of ``append_events``, bulk loads) mark with :func:`mark_buckets` or rebuild afterwards.

A mark carries a counter bumped by every writer: the refresh clears only the marks it read, so a
change committed while it was computing stays marked for the next one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Connection, DateTime, Index, Integer, String, Table, event, inspect, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.orm.base import NO_VALUE

from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.models import Base, BusinessLine, Call, Disposition, FollowUp, Order

BUCKET = timedelta(minutes=15)
CALLS, AGENTS = "calls", "agents"
NO_ID = 0  # no business line, no AgentDesk user: key columns are never NULL (NULLs are never equal)
RING_AGENT_ID = -1  # a row of ring-no-answer events: they name the PBX's agent, not a user
_CHUNK = 500

_EPOCH = datetime(2000, 1, 1)


def bucket_of(moment: datetime) -> datetime:
    """The quarter hour (UTC) a moment falls in. Every real time zone's offset is a whole number of
    quarter hours, so local days and 15/30/60-minute intervals are unions of these buckets."""
    return moment - (moment - _EPOCH) % BUCKET


def buckets_between(start: datetime, end: datetime) -> Iterator[datetime]:
    """The buckets [start, end) overlaps."""
    bucket = bucket_of(start)
    while bucket < end:
        yield bucket
        bucket += BUCKET


def contact_line(line_id: int | None, dnis: str, codes: Mapping[int, str]) -> str:
    """What "the same line" means for first-contact resolution: the business line's code, or the
    dialled number where no line is known (as the report's raw computation reads it)."""
    return codes.get(line_id, dnis) if line_id else dnis


class KpiDirtyBucket(Base):
    __tablename__ = "kpi_dirty_buckets"

    bucket_start: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    part: Mapped[str] = mapped_column(String(8), primary_key=True)  # calls, agents
    seq: Mapped[int] = mapped_column(Integer, default=1)


class KpiRollupMeta(Base):
    """``zone``: the time zone of the day, week and month sums; ``built``: when they were last
    rebuilt whole; ``lock``: the row refreshes update first, so they run one at a time."""

    __tablename__ = "kpi_rollup_meta"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(100), default="")


class KpiCallRollup(Base):
    """Call sums of one period (``grain`` q: a UTC quarter hour; d, w, m: a day, ISO week or month of
    the rollup zone) for one key of a dimension (``dim`` f: queue × line × agent, a: agent,
    q: queue, l: business line, ``*``: the floor); key columns outside the dimension hold ''/0."""

    __tablename__ = "kpi_call_rollups"
    # WITHOUT ROWID on SQLite: the rows live in their primary key's tree, one tree to write instead of two.
    __table_args__ = (
        Index("ix_kpi_call_rollups_agent", "agent_id", "agent", "grain", "dim", "period_start"),
        {"sqlite_with_rowid": False},
    )

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    dim: Mapped[str] = mapped_column(String(1), primary_key=True)
    period_start: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    queue: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_line_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent: Mapped[str] = mapped_column(String(80), primary_key=True)
    period_end: Mapped[datetime] = mapped_column(DateTime)
    tally: Mapped[dict[str, Any]]  # core.kpi.CallTally.to_json()
    orders: Mapped[int] = mapped_column(Integer, default=0)
    revenue_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    csat_answered: Mapped[int] = mapped_column(Integer, default=0)
    csat_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    csat_score: Mapped[int] = mapped_column(Integer, default=0)
    fcr_eligible: Mapped[int] = mapped_column(Integer, default=0)
    fcr_resolving: Mapped[int] = mapped_column(Integer, default=0)
    # Resolving calls repeated within k days (k = the gap rounded up): FCR at N days reads k ≤ N.
    fcr_repeats: Mapped[dict[str, Any]]


class KpiAgentRollup(Base):
    """Agent time of one period (grains as for calls) for one agent (``dim`` a) or the floor (``*``),
    from closed state intervals only; ``spans`` counts the intervals that overlap it."""

    __tablename__ = "kpi_agent_rollups"
    __table_args__ = (
        Index("ix_kpi_agent_rollups_agent", "agent_id", "agent", "grain", "dim", "period_start"),
        {"sqlite_with_rowid": False},
    )

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    dim: Mapped[str] = mapped_column(String(1), primary_key=True)
    period_start: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent: Mapped[str] = mapped_column(String(80), primary_key=True)
    period_end: Mapped[datetime] = mapped_column(DateTime)
    spans: Mapped[int] = mapped_column(Integer, default=0)
    login_us: Mapped[int] = mapped_column(BigInteger, default=0)
    acw_us: Mapped[int] = mapped_column(BigInteger, default=0)
    not_ready_us: Mapped[dict[str, Any]]  # reason as recorded → microseconds


# What the refresh reads by, on the record's own tables. One index serves both halves of
# coalesce(queued_at, offered_at): a range of queued_at, or queued_at NULL and a range of offered_at.
Index("ix_calls_queued_offered", Call.__table__.c.queued_at, Call.__table__.c.offered_at)
Index("ix_agent_state_intervals_ended", AgentStateInterval.__table__.c.ended_at)
Index(
    "ix_contact_events_ring_no_answer",
    ContactEvent.__table__.c.occurred_at,
    sqlite_where=text("kind = 'ring_no_answer'"),
    postgresql_where=text("kind = 'ring_no_answer'"),
)


# --- marking -------------------------------------------------------------------------------------


def mark_buckets(connection: Connection, marks: Iterable[tuple[datetime, str]]) -> int:
    """Mark (bucket, part) pairs stale; sorted, so two writers never wait on each other in a circle."""
    rows = [{"bucket_start": b, "part": p, "seq": 1} for b, p in sorted(set(marks))]
    if not rows:
        return 0
    table = KpiDirtyBucket.__table__
    assert isinstance(table, Table)
    dialect_insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    stmt = dialect_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["bucket_start", "part"], set_={"seq": stmt.excluded.seq + table.c.seq}
    )
    for i in range(0, len(rows), _CHUNK):
        connection.execute(stmt, rows[i : i + _CHUNK])
    return len(rows)


def mark_later(session: Session, marks: Iterable[tuple[datetime, str]]) -> None:
    """Mark at this session's commit (with everything its flushes changed), not now."""
    _pending(session).marks.update(marks)


@dataclass
class _Pending:
    marks: set[tuple[datetime, str]] = field(default_factory=set)
    calls: set[int] = field(default_factory=set)  # call ids whose bucket is stale
    orders: set[int] = field(default_factory=set)  # order ids whose call's bucket is stale
    codes: set[str] = field(default_factory=set)  # dispositions whose calls' buckets are stale
    # (number, line id, dnis, when, call id): the call before it on that line has a new next call.
    repeats: set[tuple[str, int | None, str, datetime, int | None]] = field(default_factory=set)


_KEY = "kpi_rollups_pending"


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_KEY)
    if pending is None:
        pending = session.info[_KEY] = _Pending()
    return pending


_CALL_FIELDS = (
    "queued_at",
    "offered_at",
    "queue",
    "business_line_id",
    "agent_id",
    "agent_telephony_id",
    "outcome",
    "wait_seconds",
    "talk_seconds",
    "hold_seconds",
    "acw_seconds",
    "ani_e164",
    "dnis",
    "disposition_code",
)
_REPEAT_FIELDS = frozenset({"queued_at", "offered_at", "ani_e164", "business_line_id", "dnis"})
_WATCHED: dict[type, tuple[str, ...]] = {
    Call: _CALL_FIELDS,
    Order: ("state", "call_id", "total_cents"),
    FollowUp: ("satisfaction", "order_id"),
    AgentStateInterval: ("agent", "agent_id", "state", "reason", "started_at", "ended_at"),
    Disposition: ("resolves",),
}


def _values(obj: Any, fields: tuple[str, ...], new: bool) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """(before, after, changed) of ``fields`` as this flush wrote them.

    Read from the instance's own record of replaced values (``committed_state``, still there in
    ``after_flush``): asking each attribute for its history would cost more than the flush it follows."""
    state = inspect(obj)
    after = {name: state.dict.get(name) for name in fields}
    if new:
        return after, after, True
    replaced = state.committed_state
    before = dict(after)
    changed = False
    for name in fields:
        if name in replaced:
            old = replaced[name]
            old = None if old is NO_VALUE else old
            if old != after[name]:
                before[name], changed = old, True
    return before, after, changed


def _when(values: Mapping[str, Any]) -> datetime | None:
    when = values.get("queued_at") or values.get("offered_at")
    return when if isinstance(when, datetime) else None


def _span_marks(values: Mapping[str, Any]) -> Iterator[tuple[datetime, str]]:
    start, end = values.get("started_at"), values.get("ended_at")
    if isinstance(start, datetime) and isinstance(end, datetime):  # open intervals are read raw
        for bucket in buckets_between(start, end):
            yield bucket, AGENTS


def _after_flush(session: Session, _context: Any) -> None:
    pending = _pending(session)
    for kind, objects in (("new", session.new), ("dirty", session.dirty), ("deleted", session.deleted)):
        for obj in objects:
            fields = _WATCHED.get(type(obj))
            if fields is None or (kind == "new" and isinstance(obj, Disposition)):  # no call has a new code
                if kind == "new" and isinstance(obj, ContactEvent) and obj.kind == "ring_no_answer":
                    pending.marks.add((bucket_of(obj.occurred_at), CALLS))
                continue
            before, after, changed = _values(obj, fields, kind == "new")
            if not changed and kind != "deleted":
                continue
            states = {"new": (after,), "dirty": (before, after), "deleted": (before,)}[kind]
            for values in states:
                _note(pending, obj, values, kind == "new" or kind == "deleted" or _moved(before, after))


def _moved(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    return any(before.get(name) != after.get(name) for name in _REPEAT_FIELDS)


def _note(pending: _Pending, obj: Any, values: Mapping[str, Any], moved: bool) -> None:
    if isinstance(obj, Call):
        when = _when(values)
        if when is not None:
            pending.marks.add((bucket_of(when), CALLS))
            if moved and values.get("ani_e164"):
                number = str(values["ani_e164"])
                pending.repeats.add((number, values.get("business_line_id"), values.get("dnis") or "", when, obj.id))
    elif isinstance(obj, Order):
        if values.get("call_id") is not None:
            pending.calls.add(int(values["call_id"]))
    elif isinstance(obj, FollowUp):
        if values.get("order_id") is not None:
            pending.orders.add(int(values["order_id"]))
    elif isinstance(obj, AgentStateInterval):
        pending.marks.update(_span_marks(values))
    elif isinstance(obj, Disposition):
        pending.codes.add(obj.code)


def _before_commit(session: Session) -> None:
    session.flush()  # what is still pending reaches _after_flush first
    pending = session.info.pop(_KEY, None)
    if pending is None:
        return
    connection = session.connection()
    marks = set(pending.marks)
    marks.update(_resolve(connection, pending))
    mark_buckets(connection, marks)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_KEY, None)


def _resolve(connection: Connection, pending: _Pending) -> Iterator[tuple[datetime, str]]:
    """The buckets behind the ids and numbers the flushes noted, read now that all are written."""
    call_ids = set(pending.calls)
    orders = sorted(pending.orders)
    for i in range(0, len(orders), _CHUNK):
        query = select(Order.call_id).where(Order.id.in_(orders[i : i + _CHUNK]), Order.call_id.is_not(None))
        call_ids.update(c for c in connection.scalars(query) if c is not None)
    ids = sorted(call_ids)
    for i in range(0, len(ids), _CHUNK):
        for queued, offered in connection.execute(
            select(Call.queued_at, Call.offered_at).where(Call.id.in_(ids[i : i + _CHUNK]))
        ):
            if when := queued or offered:
                yield bucket_of(when), CALLS
    codes = sorted(pending.codes)
    if codes:
        for queued, offered in connection.execute(
            select(Call.queued_at, Call.offered_at).where(Call.disposition_code.in_(codes))
        ):
            if when := queued or offered:
                yield bucket_of(when), CALLS
    yield from _previous_calls(connection, pending.repeats)


def _previous_calls(
    connection: Connection, repeats: set[tuple[str, int | None, str, datetime, int | None]]
) -> Iterator[tuple[datetime, str]]:
    """A call that arrives, leaves or moves changes the next call of the one before it from that
    number on that line: that earlier call's first-contact resolution, in its own bucket."""
    if not repeats:
        return
    codes = dict(connection.execute(select(BusinessLine.id, BusinessLine.code)).all())
    numbers = sorted({r[0] for r in repeats})
    calls: dict[str, list[tuple[int, str, datetime]]] = defaultdict(list)
    for i in range(0, len(numbers), _CHUNK):
        for call_id, number, line_id, dnis, queued, offered in connection.execute(
            select(Call.id, Call.ani_e164, Call.business_line_id, Call.dnis, Call.queued_at, Call.offered_at).where(
                Call.ani_e164.in_(numbers[i : i + _CHUNK])
            )
        ):
            if number and (when := queued or offered):
                calls[number].append((call_id, contact_line(line_id, dnis, codes), when))
    for number, line_id, dnis, moment, moved in repeats:
        line = contact_line(line_id, dnis, codes)
        before = [at for other, ln, at in calls[number] if ln == line and at < moment and other != moved]
        if before:
            yield bucket_of(max(before)), CALLS


def _wants_old_values(*_args: Any) -> None:
    """A listener that only asks for the value being replaced (``active_history``)."""


def watch(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` mark the rollups its writes make stale, at its commit."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _forget)


# The replaced value of a watched column must be known even when it was not loaded: its bucket is stale too.
for _model, _fields in _WATCHED.items():
    for _name in _fields:
        event.listen(getattr(_model, _name), "set", _wants_old_values, active_history=True)


__all__ = [
    "AGENTS",
    "BUCKET",
    "CALLS",
    "NO_ID",
    "RING_AGENT_ID",
    "KpiAgentRollup",
    "KpiCallRollup",
    "KpiDirtyBucket",
    "KpiRollupMeta",
    "bucket_of",
    "buckets_between",
    "contact_line",
    "mark_buckets",
    "mark_later",
    "watch",
]
