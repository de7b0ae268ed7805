from __future__ import annotations

import re

import pytest

from agent_desk.services.calls.screen_pop import screen_pop
from agent_desk.store.database import Database


@pytest.mark.parametrize("ani", ["13800138000", "+86 138 0013 8000", "008613800138000", "86-138-0013-8000"])
def test_any_spelling_of_the_number_pops_the_vip(ref_db: Database, people: dict[str, int], ani: str) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, ani, "4008001001")
    assert [m.id for m in pop.matches] == [people["vip"]]
    assert pop.card is not None and pop.card.name == "张伟"
    assert pop.vip and pop.card.vip_note == "年消费满万元"
    assert not pop.blacklisted
    assert pop.business_line is not None and pop.business_line.code == "health"
    assert "夕阳红" in pop.business_line.advert_name
    assert pop.card.addresses[0].one_line.startswith("北京市北京市海淀区")


def test_landline_finds_its_customer(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, "(010) 1234 5678", "+86 4008001002")
    assert [m.name for m in pop.matches] == ["Li Na"]
    assert pop.business_line is not None and pop.business_line.code == "kitchen"


def test_unknown_caller_gets_an_empty_pop_with_the_number(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, "13911112222", "4008001003")
    assert pop.is_unknown and pop.ani_e164 == "+8613911112222"
    assert pop.card is None and pop.business_line is not None


def test_shared_phone_asks_which_customer(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, "13600136000", "")
    assert pop.needs_picker
    assert sorted(m.id for m in pop.matches) == sorted([people["family_a"], people["family_b"]])
    assert pop.card is None  # nothing is assumed until the agent picks


@pytest.mark.parametrize("ani", ["anonymous", "", "Restricted", "unknown"])
def test_withheld_number_pops_without_junk(ref_db: Database, people: dict[str, int], ani: str) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, ani, "4008001001")
    assert pop.withheld and not pop.matches and not pop.is_unknown
    assert pop.business_line is not None


def test_blacklisted_customer_and_number_are_flagged(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        by_customer = screen_pop(s, "13700137000", "")
        by_number = screen_pop(s, "13500135000", "")
    assert by_customer.blacklisted and by_customer.card is not None
    assert by_customer.card.blacklist_reason == "多次恶意拒收"
    assert by_number.blacklisted and by_number.number_blacklist_reason == "骚扰电话"
    assert by_number.is_unknown


def test_garbage_number_is_reported_not_matched(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        pop = screen_pop(s, "call me maybe", "")
    assert pop.invalid_reason and not pop.matches and not pop.is_unknown


def test_history_shows_orders_calls_and_followups(demo_db: Database) -> None:
    from sqlalchemy import func, select

    from agent_desk.store.models import Call, CustomerPhone, Order

    with demo_db.factory() as s:
        customer_id = s.scalar(
            select(Order.customer_id).group_by(Order.customer_id).order_by(func.count().desc()).limit(1)
        )
        phone = s.scalar(
            select(CustomerPhone.e164).where(CustomerPhone.customer_id == customer_id, CustomerPhone.is_primary)
        )
        orders = s.scalar(select(func.count()).where(Order.customer_id == customer_id))
        calls = s.scalar(select(func.count()).where(Call.customer_id == customer_id))
        pop = screen_pop(s, phone, "")
    if len(pop.matches) > 1:
        pytest.skip("seeded customer shares the phone")
    assert pop.card is not None and pop.card.id == customer_id
    assert len(pop.recent_orders) == min(orders, 10)
    assert all(o.items for o in pop.recent_orders)
    assert len(pop.recent_calls) == min(calls, 10)
    dates = [o.created_at for o in pop.recent_orders]
    assert dates == sorted(dates, reverse=True)


def _plan(db: Database, statement, **params) -> str:  # type: ignore[no-untyped-def]
    bound = statement.params(**params)
    sql = str(bound.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            return " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        # A 60-customer database fits a page: make the planner show what it does at a million.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_bitmapscan = off")
        return " ".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + sql))


def test_the_pops_history_is_read_from_per_customer_covering_indexes(demo_db: Database) -> None:
    """At 1M customers a customer's orders and lines sit on scattered table pages; their index entries
    sit together. A wrong plan here once walked every open follow-up on each pop (seconds, not ms)."""
    from agent_desk.services.calls import screen_pop as pop
    from agent_desk.services.customers import records
    from agent_desk.store.bulk import analyze

    with demo_db.engine.connect() as conn:
        analyze(conn)  # PostgreSQL: VACUUM, so index-only scans are possible
    covered = "USING COVERING INDEX {0}" if demo_db.dialect == "sqlite" else r"Index Only Scan (Backward )?using {0}"
    used = "USING INDEX {0}" if demo_db.dialect == "sqlite" else "using {0}"
    for statement, params, expected in (
        (pop._customers_by_phone, {"e164": "+8613800138000"}, covered.format("ix_customer_phones_e164_customer")),
        (records._recent_orders, {"cid": 1}, covered.format("ix_orders_customer_history")),
        (records._order_items, {"ids": [1, 2, 3]}, covered.format("ix_order_lines_order_items")),
        (records._returned_orders, {"cid": 1}, covered.format("ix_orders_customer_returned")),
        (records._recent_calls, {"cid": 1}, used.format("ix_calls_customer_offered")),
        (records._open_followups, {"cid": 1}, used.format("ix_followups_customer_status_due")),
    ):
        plan = _plan(demo_db, statement, **params)
        assert re.search(expected, plan), plan


def test_the_pop_reads_the_same_through_the_desks_quick_connection(demo_db: Database) -> None:
    from sqlalchemy import select

    from agent_desk.store.models import CustomerPhone

    with demo_db.factory() as s:
        number = s.scalar(select(CustomerPhone.e164).order_by(CustomerPhone.id).limit(1))
        through_session = screen_pop(s, number, "4008001001")
    with demo_db.read_connection() as conn:
        quick = screen_pop(conn, number, "4008001001")
        if demo_db.dialect == "postgresql":
            assert conn.connection.dbapi_connection.autocommit  # type: ignore[union-attr]  # no BEGIN/ROLLBACK
    assert quick == through_session and quick.card is not None
