"""A rebuild writes exactly the rows the quarter-hour refresh writes, in both rollup tables.

The rebuild sums the whole record in one pass of its own (``rollup_build``); the refresh recomputes
marked quarter hours one at a time (``rollup_record``). Given one record with the odd cases of each
sum — repeats at exactly 31 and 32 days and at the same instant, waits below zero or missing, an
outcome no KPI knows, a call only offered, rings in a quarter hour without calls, orders and scores,
intervals across a Shanghai midnight that ends a week and a month, a not-ready reason in quotes and
Chinese, an interval that ends before it starts or when it starts — both must leave the same rows, and the rebuild must
leave the tables' keys and indexes as the schema has them (on PostgreSQL it drops them for the load).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, inspect, select

from agent_desk.services.supervision.rollups import rebuild, refresh
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.kpi_rollups import KpiAgentRollup, KpiCallRollup
from agent_desk.store.models import BusinessLine, Call, Customer, FollowUp, Order, User

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2026-04-30 is a Thursday; 16:00 UTC is midnight in Shanghai, where May and a new day begin.
T0 = datetime(2026, 4, 30, 15, 40)
TABLES: tuple[Table, ...] = (KpiCallRollup.__table__, KpiAgentRollup.__table__)  # type: ignore[assignment]


def _call(n: int, at: datetime | None, outcome: str, wait: int | None, **fields: Any) -> Call:
    values: dict[str, Any] = {
        "platform_call_id": f"build-{n}",
        "queue": "sales",
        "queued_at": at,
        "offered_at": at,
        "outcome": outcome,
        "wait_seconds": wait,
        "ani_e164": "+8613800138000",
        "dnis": "4008001001",
    }
    if outcome in ("answered", "transferred"):
        values.update(talk_seconds=120, hold_seconds=15, acw_seconds=30)
    values.update(fields)
    return Call(**values)


def _interval(
    n: int, agent: str, agent_id: int | None, state: str, start: datetime, end: datetime | None, reason: str = ""
) -> AgentStateInterval:
    return AgentStateInterval(
        opened_by=f"build-{n}", agent=agent, agent_id=agent_id, state=state, reason=reason,
        started_at=start, ended_at=end, source="hub",
    )  # fmt: skip


def _write_record(db: Database) -> None:
    with transaction(db.factory) as s:
        line, other_line = s.scalars(select(BusinessLine.id).order_by(BusinessLine.id).limit(2)).all()
        agent1, agent2 = (s.scalars(select(User.id).where(User.username == u)).one() for u in ("agent1", "agent2"))
        minute = timedelta(minutes=1)
        calls = [
            _call(1, T0, "answered", 12, business_line_id=line, agent_id=agent1, agent_telephony_id="SIP/8001",
                  disposition_code="sale"),
            # The same number on the same line 3 days, then exactly 31 and 32 days after the one before.
            _call(2, T0 + timedelta(days=3), "answered", 0, business_line_id=line, agent_id=agent1,
                  agent_telephony_id="SIP/8001", disposition_code="sale"),
            _call(3, T0 + timedelta(days=34), "answered", 5, business_line_id=line, agent_id=agent2,
                  agent_telephony_id="SIP/8002", disposition_code="enquiry"),
            _call(4, T0 + timedelta(days=66), "abandoned", 40, business_line_id=line),
            # Two calls at one instant: neither repeats the other, both are repeated by the one 2 days on.
            _call(5, T0 + 20 * minute, "transferred", 7, business_line_id=other_line, agent_id=agent2,
                  agent_telephony_id="SIP/8002", disposition_code="sale"),
            _call(6, T0 + 20 * minute, "answered", 7, business_line_id=other_line, agent_id=agent2,
                  agent_telephony_id="SIP/8002", disposition_code="sale"),
            _call(15, T0 + timedelta(days=2, minutes=20), "answered", 1, business_line_id=other_line,
                  agent_id=agent1, agent_telephony_id="SIP/8001", disposition_code="complaint"),  # resolves not
            _call(7, T0 + 21 * minute, "answered", 3, business_line_id=other_line, agent_id=agent1,
                  agent_telephony_id="SIP/8001", disposition_code="sale", ani_e164=None),
            _call(8, T0 + 2 * minute, "abandoned", -3),
            _call(9, T0 + 3 * minute, "timeout", None, queue="support"),
            _call(10, T0 + 4 * minute, "empty", 61, queue="support", ani_e164=""),
            _call(11, T0 + 5 * minute, "weird", 40),  # unfinished, but its wait is the longest
            _call(12, T0 + 6 * minute, "", None, agent_telephony_id="SIP/9999"),  # still open
            _call(13, None, "answered", 9, offered_at=T0 + timedelta(minutes=7, microseconds=999_999),
                  agent_id=agent1, agent_telephony_id="SIP/8001"),
            _call(14, T0 + timedelta(minutes=19, seconds=59, microseconds=999_999), "key", 2),
        ]  # fmt: skip
        s.add_all(calls)
        s.flush()
        customer = Customer(name="王五")
        s.add(customer)
        s.flush()
        orders = [_order(customer.id, calls[0].id, agent1, state) for state in ("delivered", "shipped", "draft")]
        s.add_all(orders)
        s.flush()
        s.add_all(
            [
                FollowUp(customer_id=customer.id, order_id=orders[0].id, due_at=T0, satisfaction=5),
                FollowUp(customer_id=customer.id, order_id=orders[2].id, due_at=T0, satisfaction=2),
            ]
        )
        rings = [(T0 + minute, "sales", "SIP/8001"), (T0 + timedelta(hours=2), "sales", "SIP/8002")]
        s.add_all(
            ContactEvent(event_key=f"build-ring-{i}", occurred_at=at, source="hub", kind="ring_no_answer",
                         call_id="", queue=queue, agent=agent)
            for i, (at, queue, agent) in enumerate(rings)
        )  # fmt: skip
        s.add_all(
            [
                _interval(1, "SIP/8001", agent1, "logged_in", T0 - timedelta(hours=3), T0 + timedelta(hours=2)),
                _interval(2, "SIP/8001", agent1, "not_ready", T0 + 5 * minute, T0 + 30 * minute, '午休 "lunch"'),
                _interval(3, "SIP/8001", agent1, "acw", T0 + minute, T0 + timedelta(minutes=1, seconds=30)),
                _interval(4, "SIP/8002", agent2, "acw", T0 + 20 * minute, T0 + timedelta(minutes=20, seconds=40)),
                _interval(5, "SIP/8002", agent2, "not_ready", T0 + 50 * minute, T0 + 65 * minute, "training"),
                _interval(6, "SIP/8002", agent2, "available", T0, T0 + timedelta(days=1)),
                _interval(7, "Agent/77", None, "not_ready", T0 + 9 * minute, T0 + 8 * minute, "break"),  # backwards
                _interval(8, "Agent/77", None, "logged_in", T0 + 9 * minute, None),  # open: read raw
                _interval(9, "Agent/77", None, "not_ready", T0 + 9 * minute, T0 + 9 * minute, "break"),  # no time
            ]
        )


def _order(customer_id: int, call_id: int, taker: int, state: str) -> Order:
    return Order(
        order_no=uuid.uuid4().hex[:20], client_uuid=str(uuid.uuid4()), customer_id=customer_id, call_id=call_id,
        state=state, taken_by=taker, recipient_name="王五", recipient_phone="+8613800138000", province="北京市",
        city="北京市", address_detail="中关村大街1号", total_cents=9_900,
    )  # fmt: skip


def _rows(db: Database) -> list[list[tuple[Any, ...]]]:
    with db.factory() as s:
        return [sorted(tuple(r) for r in s.execute(select(table))) for table in TABLES]


def test_a_rebuild_writes_the_rows_the_refresh_writes(ref_db: Database) -> None:
    with transaction(ref_db.factory) as s:
        rebuild(s, SHANGHAI)  # an empty record: from here on every write marks its quarter hours
    _write_record(ref_db)
    with transaction(ref_db.factory) as s:
        assert refresh(s).calls > 0
    refreshed = _rows(ref_db)
    calls, agents = refreshed
    assert {r[0] for r in calls} == {r[0] for r in agents} == {"q", "d", "w", "m"}
    assert any(r[9].get('午休 "lunch"') for r in agents)  # the reason came through as written
    with transaction(ref_db.factory) as s:
        rebuild(s)
    assert _rows(ref_db) == refreshed


def _keys_and_indexes(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        schema = inspect(conn)
        return [
            (
                schema.get_pk_constraint(table.name),
                sorted((i["name"], i["column_names"], i["unique"]) for i in schema.get_indexes(table.name)),
            )
            for table in TABLES
        ]


def test_a_rebuild_leaves_the_keys_and_indexes_of_the_schema(ref_db: Database) -> None:
    before = _keys_and_indexes(ref_db)
    for (key, indexes), table in zip(before, TABLES, strict=True):
        assert key["constrained_columns"] == [c.name for c in table.primary_key]
        assert [name for name, _columns, _unique in indexes] == sorted(i.name for i in table.indexes)
    _write_record(ref_db)
    with transaction(ref_db.factory) as s:
        written = rebuild(s, SHANGHAI)
    assert written == sum(len(rows) for rows in _rows(ref_db))
    assert _keys_and_indexes(ref_db) == before
    with transaction(ref_db.factory) as s:  # and a second rebuild over the first
        assert rebuild(s) == written
    assert _keys_and_indexes(ref_db) == before
