from __future__ import annotations

from sqlalchemy import func, select

from agent_desk.core.phone import normalize
from agent_desk.services.access.auth import authenticate
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.services.orders.audit_trail import verify_all
from agent_desk.store.database import Database
from agent_desk.store.models import ORDER_STATES, Call, Customer, CustomerPhone, FollowUp, Order, OrderLine, User


def test_demo_data_covers_every_order_state_with_valid_audit_chains(db: Database) -> None:
    report = generate(db.engine, DemoSize(customers=300, orders_per_customer=2, calls_per_customer=2), seed=3)
    assert report.orders == 600 and report.calls == 600
    with db.factory() as s:
        states = set(s.scalars(select(Order.state).distinct()))
        assert states == set(ORDER_STATES)
        assert s.scalar(select(func.count()).select_from(Customer)) == 300
        # every order has lines whose totals add up
        for order in s.scalars(select(Order).limit(50)):
            assert order.lines
            assert order.total_cents == sum(line.line_total_cents for line in order.lines)
            assert order.subtotal_cents - order.discount_cents == order.total_cents
        assert s.scalar(select(func.count()).select_from(OrderLine)) >= 600
        delivered = s.scalar(select(func.count()).where(Order.state == "delivered"))
        assert s.scalar(select(func.count()).select_from(FollowUp)) == delivered
        assert s.scalar(select(func.count()).where(Call.end_reason == "abandoned")) > 0
    assert verify_all(db.factory).ok


def test_demo_phone_numbers_are_canonical(demo_db: Database) -> None:
    with demo_db.factory() as s:
        for number in s.scalars(select(CustomerPhone.e164)):
            assert normalize(number) == number


def test_demo_users_log_in_with_the_documented_passwords(demo_db: Database) -> None:
    with demo_db.factory() as s:
        roles = {u.role for u in s.scalars(select(User))}
    assert roles == {"agent", "auditor", "logistics", "supervisor", "admin"}
    assert authenticate(demo_db.factory, "agent1", "agent1123").telephony_id == "SIP/8001"
    assert authenticate(demo_db.factory, "auditor1", "auditor1123").role == "auditor"


def test_demo_data_can_be_added_twice(demo_db: Database) -> None:
    again = generate(demo_db.engine, DemoSize(customers=20, orders_per_customer=1, calls_per_customer=1), seed=4)
    assert again.users == 0 and again.business_lines == 0 and again.customers == 20
    with demo_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 80
    assert verify_all(demo_db.factory).ok
