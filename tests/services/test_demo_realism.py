"""The demo looks like a real centre's last weeks: named agents, wrap-ups that agree, nothing in the future.

What a user of the demo notices first: who took a call, whether its disposition and notes tell one
story, how long the audit and logistics queues have been waiting, and dates that have not happened yet.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import DateTime, func, select

from agent_desk.services.demo.call_plan import demo_call_plan
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.services.demo.floor import prepare_floor
from agent_desk.services.orders.queries import queue_ids, queue_rows
from agent_desk.store.clock import utcnow
from agent_desk.store.database import Database
from agent_desk.store.models import Base, Call, FollowUp, Order, OrderEvent, User

# A person's name: two to four Chinese characters, or a given name and a family name.
PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+ [A-Z][a-z]+")
# What each disposition's notes talk about; a wrong number talks about no order at all.
TOPIC = {
    "sale": r"下单|订购|order",
    "enquiry": r"咨询|问|asked|enquir",
    "order_status": r"物流|快递|单号|到货|发货|派送|deliver|parcel|tracking",
    "return": r"退|换|refund|return",
    "complaint": r"投诉|不满|态度|complain",
    "callback": r"回电|回拨|call back|callback",
    "wrong_number": r"打错|骚扰|无声|推销|wrong number|nuisance",
}
ORDERISH = re.compile(r"下单|订|单号|物流|快递|发货|到货|退|换货|投诉|order|deliver|parcel|refund|return", re.I)
# Follow-ups are planned ahead: their due date is the one time that may lie in the future.
# A follow-up may fall due later; a KPI rollup of this month or day ends when the period does.
MAY_BE_FUTURE = {("followups", "due_at"), ("kpi_call_rollups", "period_end"), ("kpi_agent_rollups", "period_end")}


def _build(db: Database) -> datetime:
    generate(db.engine, DemoSize(customers=200, orders_per_customer=2, calls_per_customer=3), seed=15)
    return utcnow()


def test_no_demo_timestamp_lies_in_the_future(db: Database) -> None:
    now = _build(db)
    with db.factory() as s:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, DateTime) and (table.name, column.name) not in MAY_BE_FUTURE:
                    latest = s.scalar(select(func.max(column)))
                    assert latest is None or latest <= now, f"{table.name}.{column.name} = {latest} after {now}"
        # A follow-up that is done was done after it fell due, and not later than now.
        done = list(s.scalars(select(FollowUp).where(FollowUp.status == "done")))
        assert done and all(f.completed_at is not None and f.due_at <= f.completed_at <= now for f in done)
        assert all(
            f.due_at > now - timedelta(days=14) for f in s.scalars(select(FollowUp).where(FollowUp.status == "open"))
        )


def test_the_queues_are_hours_deep_and_the_history_older(db: Database) -> None:
    now = _build(db)
    with db.factory() as s:
        for state in ("pending_review", "pending_logistics", "label_printed"):
            oldest = queue_rows(s, queue_ids(s, state, limit=1))
            assert oldest, state
            assert oldest[0].waiting_seconds < 86_400, f"the oldest {state} order waited {oldest[0].waiting_seconds} s"
        for state in ("draft", "returned"):
            last = s.scalar(select(func.min(Order.updated_at)).where(Order.state == state))
            assert last is not None and now - last < timedelta(days=1), state
        # Each submitted order was submitted when its audit trail says so.
        submits = dict(s.execute(select(OrderEvent.order_id, OrderEvent.at).where(OrderEvent.action == "submit")).all())
        for oid, submitted in s.execute(select(Order.id, Order.submitted_at).where(Order.state != "draft")):
            assert submitted == submits[oid]
        delivered = s.scalar(select(func.min(Order.created_at)).where(Order.state == "delivered"))
        assert delivered is not None and now - delivered > timedelta(days=60)


def test_dispositions_and_notes_tell_one_story(db: Database) -> None:
    _build(db)
    with db.factory() as s:
        wrapped = s.execute(select(Call.disposition_code, Call.notes).where(Call.outcome == "answered")).all()
    assert {code for code, _notes in wrapped} == set(TOPIC)
    assert sum(1 for _code, notes in wrapped if notes) > len(wrapped) / 2
    for code, notes in wrapped:
        if notes:
            assert re.search(TOPIC[code], notes, re.I), f"{code}: {notes!r}"
        if code == "wrong_number":
            assert not ORDERISH.search(notes), notes


def test_the_calls_are_taken_by_named_users_the_simulator_rings(db: Database) -> None:
    _build(db)
    with db.factory() as s:
        users = {u.telephony_id: u for u in s.scalars(select(User).where(User.telephony_id.is_not(None)))}
        takers = s.execute(
            select(Call.agent_id, Call.agent_telephony_id).where(Call.outcome == "answered").distinct()
        ).all()
        order_takers = set(s.scalars(select(User.display_name).join(Order, Order.taken_by == User.id).distinct()))
    assert takers and order_takers
    for agent_id, telephony_id in takers:
        assert users[telephony_id].id == agent_id
    agents, _anis, _dnis = demo_call_plan(db.factory)
    assert agents and set(agents) <= set(users)
    names = {users[t].display_name for t in agents} | order_takers
    for name in names:
        assert PERSON.fullmatch(name), name


def test_floor_agents_have_real_looking_names(ref_db: Database) -> None:
    with ref_db.factory() as s:
        floor = prepare_floor(s, 500_000, datetime(2026, 3, 2, 9, 30))
        names = list(s.scalars(select(User.display_name).where(User.username.like("floor%"))))
        s.rollback()
    assert floor.added > 10 and len(names) == floor.added
    assert all(PERSON.fullmatch(name) for name in names), names[:5]
    assert len(set(names)) == len(names)
