"""Shared fixtures: a fresh, migrated database per test on SQLite and (when configured) PostgreSQL.

PostgreSQL tests read the server from ``AGENT_DESK_TEST_PG_URL`` (e.g.
``postgresql://postgres@127.0.0.1:5432/test``). Under ``CI=true`` they must run: a missing
URL or an unreachable server fails the session instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from agent_desk.store import migrate
from agent_desk.store.database import Database, open_database
from agent_desk.store.db import make_engine

# Hypothesis's timing checks judge the machine, not the code: on two loaded CI cores a property
# test's data generation alone can pass its "too slow" threshold. What the properties assert stays.
settings.register_profile("agent_desk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("agent_desk")

PG_ENV = "AGENT_DESK_TEST_PG_URL"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI and not os.environ.get(PG_ENV):
        raise pytest.UsageError(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests must run under CI")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the real user's config, data or database."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("AGENT_DESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("AGENT_DESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("AGENT_DESK_LOG_DIR", str(base / "log"))
    for name in ("AGENT_DESK_DB_URL", "AGENT_DESK_HUB_URL", "AGENT_DESK_AMI_SECRET"):
        monkeypatch.delenv(name, raising=False)


class MemoryKeyring(KeyringBackend):
    """A real keyring backend kept in memory: the code under test goes through keyring's API."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# --- databases ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg

    url = make_url(pg_admin_url() or "")
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
    )


def pg_url_for(database: str) -> str:
    return make_url(pg_admin_url() or "").set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated database used as CREATE DATABASE … TEMPLATE for each test; dropped at the end."""
    if not pg_admin_url():
        if IN_CI:
            pytest.fail(f"{PG_ENV} is not set under CI")
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    name = f"agentdesk_tmpl_{uuid.uuid4().hex[:10]}"
    try:
        admin = _pg_admin()
    except Exception as exc:  # psycopg.OperationalError and friends
        if IN_CI:
            pytest.fail(f"cannot reach PostgreSQL at {PG_ENV}: {exc}")
        pytest.skip(f"cannot reach PostgreSQL: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        engine = make_engine(pg_url_for(name))
        migrate.upgrade(engine)
        engine.dispose()
        yield name
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reference_fill(url: str) -> None:
    from agent_desk.services.demo.data import seed_reference
    from agent_desk.store.database import session_factory
    from agent_desk.store.db import transaction

    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        seed_reference(session)
    engine.dispose()


def _demo_fill(url: str) -> None:
    from agent_desk.services.demo.data import DemoSize, generate

    engine = make_engine(url)
    generate(engine, DemoSize(customers=60, orders_per_customer=1.5, calls_per_customer=2), seed=42)
    engine.dispose()


_FILLS = {"reference": _reference_fill, "demo": _demo_fill}


@pytest.fixture(scope="session")
def pg_templates(pg_template: str) -> Iterator[dict[str, str]]:
    """Filled templates made on first use: {"reference": name, "demo": name}."""
    made: dict[str, str] = {}

    class Lazy(dict):  # type: ignore[type-arg]
        def __missing__(self, kind: str) -> str:
            name = pg_template.replace("tmpl", kind)
            with _pg_admin() as admin:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
            _FILLS[kind](pg_url_for(name))
            made[kind] = self[kind] = name
            return name

    yield Lazy()
    with _pg_admin() as admin:
        for name in made.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_templates(sqlite_template: Path) -> dict[str, Path]:
    class Lazy(dict):  # type: ignore[type-arg]
        def __missing__(self, kind: str) -> Path:
            path = sqlite_template.with_name(f"{kind}.sqlite3")
            shutil.copyfile(sqlite_template, path)
            _FILLS[kind](f"sqlite:///{path}")
            engine = make_engine(f"sqlite:///{path}")
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
            self[kind] = path
            return path

    return Lazy()


def _pg_copy(template: str) -> Iterator[Database]:
    name = f"agentdesk_t_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    db = open_database(pg_url_for(name))
    try:
        yield db
    finally:
        db.dispose()
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sqlite_copy(template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "agent-desk.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(f"sqlite:///{path}")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[Database]:
    yield from _pg_copy(pg_template)


@pytest.fixture
def sqlite_database(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    yield from _sqlite_copy(sqlite_template, tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> Database:
    """A fresh, migrated, empty database: every test that takes it runs on both engines."""
    return request.getfixturevalue("sqlite_database" if request.param == "sqlite" else "pg_database")


def _filled(request: pytest.FixtureRequest, tmp_path: Path, kind: str) -> Iterator[Database]:
    if request.param == "sqlite":
        yield from _sqlite_copy(request.getfixturevalue("sqlite_templates")[kind], tmp_path)
    else:
        yield from _pg_copy(request.getfixturevalue("pg_templates")[kind])


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ref_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database with the demo business lines, catalogue, dispositions and users only."""
    yield from _filled(request, tmp_path, "reference")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database with the reference data and 60 demo customers, orders and calls (seed 42)."""
    yield from _filled(request, tmp_path, "demo")
