"""Agents ask "the last four digits?" all day: the search finds customers by them, from an index."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, insert, select, text

from agent_desk.services.customers.editing import CustomerInput, update_customer
from agent_desk.services.customers.search import find_customers, last_four_query, search_customers
from agent_desk.store import migrate
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import CustomerPhone
from tests.services.conftest import BEIJING


def _names(database: Database, query: str) -> list[str]:
    with database.factory() as s:
        return [m.name for m in search_customers(s, query)]


@pytest.mark.parametrize(
    "query", ["8000", " 8000 ", "****8000", "尾号8000", "尾号 8000", "８０００", "张 8000", "8000 张伟"]
)
def test_the_last_four_digits_find_the_customer(ref_db: Database, people: dict[str, int], query: str) -> None:
    assert _names(ref_db, query) == ["张伟"]


def test_every_customer_with_those_last_four_is_listed(ref_db: Database, people: dict[str, int]) -> None:
    # 王芳 and 王强 share 136 0013 6000; a landline's last four count as well as a mobile's.
    assert sorted(_names(ref_db, "6000")) == ["王强", "王芳"]
    assert _names(ref_db, "王芳 6000") == ["王芳"]
    assert _names(ref_db, "5678") == ["Li Na"]
    assert _names(ref_db, "Li 5678") == ["Li Na"]
    assert _names(ref_db, "张 6000") == []
    assert _names(ref_db, "1234") == []


def test_a_masked_list_still_shows_the_last_four_the_agent_searched_for(
    ref_db: Database, people: dict[str, int]
) -> None:
    with ref_db.factory() as s:
        (match,) = find_customers(s, "8000", role="auditor")
    assert [p.display for p in match.phones] == ["138****8000"]


@pytest.mark.parametrize("query", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "张", "张伟"])
def test_the_other_searches_still_work(ref_db: Database, people: dict[str, int], query: str) -> None:
    assert _names(ref_db, query) == ["张伟"]


def test_changed_phones_are_found_by_their_new_last_four(ref_db: Database, people: dict[str, int]) -> None:
    with transaction(ref_db.factory) as s:
        update_customer(s, people["vip"], CustomerInput("张伟", [("021-61001001", "work")], [BEIJING]))
    assert _names(ref_db, "1001") == ["张伟"]
    assert _names(ref_db, "8000") == []


def test_phones_written_past_the_orm_get_their_last_four_too(ref_db: Database, people: dict[str, int]) -> None:
    with transaction(ref_db.factory) as s:
        s.execute(insert(CustomerPhone), [{"customer_id": people["plain"], "e164": "+8618912344321", "label": "work"}])
    assert _names(ref_db, "4321") == ["Li Na"]


def test_demo_phones_carry_their_last_four(demo_db: Database) -> None:
    """The demo writes phones in bulk, past the ORM: each still gets its last four."""
    with demo_db.factory() as s:
        wrong = s.scalar(
            select(func.count())
            .select_from(CustomerPhone)
            .where(CustomerPhone.last_four != func.substr(CustomerPhone.e164, func.length(CustomerPhone.e164) - 3))
        )
        phone = s.scalars(select(CustomerPhone).order_by(CustomerPhone.id).limit(1)).one()
        found = [m.id for m in search_customers(s, phone.e164[-4:])]
    assert wrong == 0
    assert phone.customer_id in found


def _plan(db: Database, sql: str) -> str:
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            return " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        # 60 demo customers fit a page: make the planner show what it does at a million.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_bitmapscan = off")
        return " ".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + sql))


@pytest.mark.parametrize("name", ["", "张"])
def test_the_last_four_are_looked_up_in_their_index(demo_db: Database, name: str) -> None:
    from agent_desk.store.bulk import analyze

    with demo_db.engine.connect() as conn:
        analyze(conn)  # PostgreSQL: VACUUM, so index-only scans are possible
    statement = last_four_query("8000", name)
    sql = str(statement.compile(dialect=demo_db.engine.dialect, compile_kwargs={"literal_binds": True}))
    plan = _plan(demo_db, sql)
    if demo_db.dialect == "sqlite":
        expected = r"USING COVERING INDEX ix_customer_phones_last_four_customer \(last_four=\?\)"
    else:
        expected = r"Index Only Scan using ix_customer_phones_last_four_customer"
    assert re.search(expected, plan), plan
    assert "SCAN customer_phones" not in plan and "Seq Scan" not in plan, plan


def test_the_migration_fills_the_last_four_of_existing_phones(db: Database) -> None:
    from alembic import command

    command.downgrade(migrate.alembic_config(db.engine), "0005")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (id, name, gender, notes, vip, vip_note, blacklisted, "
                "blacklist_reason, created_at, updated_at) VALUES (1, '张伟', '', '', false, '', "
                "false, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO customer_phones (id, customer_id, e164, label, is_primary) VALUES "
                "(1, 1, '+8613800138000', 'mobile', true), (2, 1, '+861012345678', 'home', false)"
            )
        )
    migrate.upgrade(db.engine)
    assert _names(db, "8000") == ["张伟"]
    assert _names(db, "5678") == ["张伟"]
