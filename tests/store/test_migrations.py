"""Migrations are the only way the schema is made: they must agree with the models, both ways."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from agent_desk.store import migrate
from agent_desk.store.database import Database
from agent_desk.store.models import Base


def _drift(db: Database) -> list:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)


def test_models_and_migrations_agree(db: Database) -> None:
    assert migrate.is_up_to_date(db.engine)
    assert _drift(db) == []


def test_a_model_change_without_migration_is_caught(db: Database) -> None:
    from sqlalchemy import Column, MetaData, String

    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["customers"].append_column(Column("nickname", String(20)))
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), changed)
    assert any(d[0] == "add_column" and d[3].name == "nickname" for d in diff)


def test_downgrade_then_upgrade_round_trips(db: Database) -> None:
    from alembic import command

    cfg = migrate.alembic_config(db.engine)
    command.downgrade(cfg, "base")
    assert migrate.current_revision(db.engine) is None
    migrate.upgrade(db.engine)
    assert _drift(db) == []


def test_this_waves_migrations_step_down_and_up_on_a_filled_database(demo_db: Database) -> None:
    # An empty database hides what a filled one shows: SQLite's batch copy of a table that other
    # rows point at fails its foreign keys.
    from alembic import command

    cfg = migrate.alembic_config(demo_db.engine)
    command.downgrade(cfg, "0005")
    assert migrate.current_revision(demo_db.engine) == "0005"
    migrate.upgrade(demo_db.engine)
    assert _drift(demo_db) == []
    with demo_db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM orders")).scalar_one() > 0


def test_teams_step_down_and_up_with_agents_in_them(demo_db: Database) -> None:
    # 0009 on a database whose users point at teams and are pointed at by calls, orders and events:
    # SQLite must neither copy users nor lose them.
    from alembic import command
    from sqlalchemy import inspect

    def count(sql: str) -> int:
        with demo_db.engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())

    users = count("SELECT COUNT(*) FROM users")
    assert count("SELECT COUNT(*) FROM users WHERE team_id IS NOT NULL") > 0
    command.downgrade(migrate.alembic_config(demo_db.engine), "0008")
    schema = inspect(demo_db.engine)
    assert "teams" not in schema.get_table_names()
    assert "team_id" not in {c["name"] for c in schema.get_columns("users")}
    assert count("SELECT COUNT(*) FROM users") == users
    migrate.upgrade(demo_db.engine)
    assert _drift(demo_db) == []
    assert count("SELECT COUNT(*) FROM users") == users and count("SELECT COUNT(*) FROM teams") == 0
    assert count("SELECT COUNT(*) FROM users WHERE team_id IS NOT NULL") == 0


def test_audit_events_are_append_only_in_the_database(demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        event_id = conn.execute(text("SELECT MIN(id) FROM order_events")).scalar_one()
    for statement in (
        "UPDATE order_events SET reason = 'edited' WHERE id = :id",
        "DELETE FROM order_events WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), demo_db.engine.begin() as conn:
            conn.execute(text(statement), {"id": event_id})
    with demo_db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT reason FROM order_events WHERE id = :id"), {"id": event_id}).scalar_one()
            is not None
        )


def test_the_schema_version_the_desk_checks_at_start_is_alembics_head(db: Database) -> None:
    from agent_desk.store.database import SCHEMA_HEAD

    assert SCHEMA_HEAD == migrate.head_revision(db.engine) == migrate.current_revision(db.engine)


def test_an_older_schema_is_still_upgraded_or_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.store.database import SchemaOutOfDate, open_database
    from agent_desk.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine, "0002")
    engine.dispose()
    with pytest.raises(SchemaOutOfDate, match="at schema 0002"):
        open_database(url, auto_upgrade=False)
    db = open_database(url)  # the embedded database upgrades itself
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    db.dispose()
