from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from agent_desk.store import migrate
from agent_desk.store.database import DatabaseUnavailable, SchemaOutOfDate, open_database
from agent_desk.store.db import DatabaseUrlError, describe, make_engine, normalize_url


def test_embedded_database_creates_itself_on_first_start(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "desk.sqlite3"
    db = open_database(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert migrate.is_up_to_date(db.engine)
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_shared_database_is_not_upgraded_behind_the_admins_back(pg_template: str) -> None:
    from tests.conftest import _pg_admin, pg_url_for

    name = "agentdesk_empty_" + pg_template[-10:]
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with pytest.raises(SchemaOutOfDate, match="agent-desk db upgrade"):
            open_database(pg_url_for(name))
        engine = make_engine(pg_url_for(name))
        assert migrate.current_revision(engine) is None
        engine.dispose()
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_unreachable_database_gives_a_clear_message() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot reach the database"):
        open_database("postgresql://nobody:secret@127.0.0.1:1/none")


def test_unreachable_message_never_shows_the_password() -> None:
    with pytest.raises(DatabaseUnavailable) as info:
        open_database("postgresql://nobody:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize("url", ["mysql://x@y/z", "not a url", "oracle://a"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        normalize_url(url)


def test_plain_postgresql_urls_use_psycopg3() -> None:
    assert normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_shared_database_password_comes_from_the_keyring(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    memory_keyring.set_password("agent-desk", "db-password", "s3cret")
    assert normalize_url("postgresql://desk@db.example/crm") == "postgresql+psycopg://desk:s3cret@db.example/crm"
    assert "s3cret" not in describe(normalize_url("postgresql://desk@db.example/crm"))
