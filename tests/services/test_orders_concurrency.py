"""Two auditors on one order at once, on PostgreSQL with two real connections: exactly one wins."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from agent_desk.core.orders import OrderAction
from agent_desk.services.customers.editing import CustomerInput, create_customer
from agent_desk.services.demo.data import seed_reference
from agent_desk.services.orders.queries import get_order
from agent_desk.services.orders.transitions import act, apply_transition
from agent_desk.services.orders.types import OrderView, StaleOrder
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import Order
from tests.services.conftest import BEIJING
from tests.services.test_orders_support import cast, snapshot, submitted

pytestmark = pytest.mark.postgres


@pytest.fixture
def shop(pg_database: Database) -> tuple[Database, int]:
    with transaction(pg_database.factory) as s:
        seed_reference(s)
        customer = create_customer(s, CustomerInput("张伟", [("13800138000", "mobile")], [BEIJING]))
    return pg_database, customer


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_second_auditor_waiting_on_the_row_lock_is_told_who_won(shop: tuple[Database, int]) -> None:
    db, customer = shop
    f, users = db.factory, cast(db.factory)
    seen = submitted(f, users, customer)
    with f() as first:
        first.begin()
        order = first.get(Order, seen.id)
        assert order is not None
        # Auditor 1's UPDATE … WHERE version = ? has run and holds the row until commit.
        apply_transition(first, users["auditor1"], order, OrderAction.APPROVE, expected_version=seen.version)
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(
                act, f, users["auditor2"], seen.id, "reject_review", expected_version=seen.version, reason="地址不全"
            )

            def blocked() -> bool:
                with db.engine.connect() as probe:
                    waiting = probe.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                        )
                    ).scalar_one()
                return bool(waiting) or second.done()

            _wait_for(blocked)
            assert not second.done(), "the second auditor should be waiting for the first one's row lock"
            first.commit()
            with pytest.raises(StaleOrder) as caught:
                second.result(timeout=10)
    assert caught.value.by_user == "赵审核" and caught.value.state == "pending_logistics"
    assert "was already approved by 赵审核" in str(caught.value)
    with f() as s:
        detail = get_order(s, seen.id)
    assert [h.action for h in detail.history] == ["submit", "approve"]
    assert (detail.state, detail.version) == ("pending_logistics", seen.version + 1)


def test_two_auditors_clicking_at_the_same_moment_exactly_one_wins(shop: tuple[Database, int]) -> None:
    db, customer = shop
    f, users = db.factory, cast(db.factory)
    auditors = [users["auditor1"], users["auditor2"]]
    for _round in range(5):
        seen = submitted(f, users, customer)
        start = threading.Barrier(2)

        def click(i: int, order: OrderView = seen, start: threading.Barrier = start) -> OrderView | StaleOrder:
            action = "approve" if i == 0 else "reject_review"
            start.wait(timeout=10)
            try:
                return act(f, auditors[i], order.id, action, expected_version=order.version, reason="电话不对")
            except StaleOrder as exc:
                return exc

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(click, range(2)))
        winners = [i for i, o in enumerate(outcomes) if isinstance(o, OrderView)]
        assert len(winners) == 1, outcomes
        loser = outcomes[1 - winners[0]]
        assert isinstance(loser, StaleOrder) and loser.by_user == auditors[winners[0]].display_name
        after = snapshot(f, seen.id)
        assert after.events == 2 and after.version == seen.version + 1
        assert after.state == ("pending_logistics" if winners[0] == 0 else "returned")
