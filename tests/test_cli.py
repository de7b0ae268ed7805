"""The ``agent-desk`` command as a user or integrator runs it (in-process, real databases)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from agent_desk import __version__
from agent_desk.cli import main
from agent_desk.store.database import Database
from agent_desk.store.models import Customer, Order


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from agent_desk.store.migrate import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head
    return head


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_db_upgrade_creates_then_reports_up_to_date(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    head = _head()
    code, out, _ = run(capsys, "db", "upgrade", "--url", url)
    assert code == 0 and f"upgraded empty -> {head}" in out
    code, out, _ = run(capsys, "db", "upgrade", "--url", url)
    assert code == 0 and f"already at {head}" in out
    assert run(capsys, "db", "current", "--url", url)[0] == 0


@pytest.mark.postgres
def test_db_upgrade_on_postgresql(capsys, pg_template) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import _pg_admin, pg_url_for

    name = pg_template.replace("tmpl", "cli")
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        code, out, _ = run(capsys, "db", "upgrade", "--url", pg_url_for(name))
        assert code == 0 and f"upgraded empty -> {_head()}" in out
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_demo_data_on_both_databases(capsys, db: Database) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "demo-data", "--customers", "120", "--seed", "5", "-q", "--url", db.url)
    assert code == 0 and "120 customers" in out and "agent1/agent1123" in out
    assert "360 calls (" in out and "contact-centre events" in out and "agent state intervals" in out
    with db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 120
        assert s.scalar(select(func.count()).select_from(Order)) == 180


def test_pop_json_for_integrators(capsys, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.store.models import CustomerPhone

    with demo_db.factory() as s:
        number = s.scalar(select(CustomerPhone.e164).where(CustomerPhone.is_primary).limit(1))
    code, out, _ = run(capsys, "pop", "--ani", number, "--dnis", "4008001004", "--json", "--url", demo_db.url)
    data = json.loads(out)
    assert code == 0
    assert {"matches", "business_line", "recent_orders", "recent_calls"} <= data.keys()
    assert data["matches"][0]["phones"][0] == number
    assert {"id", "name", "phones", "vip", "blacklisted"} <= data["matches"][0].keys()
    assert data["business_line"]["code"] == "electronics"


def test_pop_refuses_what_cannot_be_a_number(capsys, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "pop", "--ani", "12", "--url", demo_db.url)
    assert code == 2 and out == "" and "not a phone number" in err


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://x@y/z", "unsupported database"), ("postgresql://nobody@127.0.0.1:1/none", "cannot reach")],
)
def test_bad_database_urls_exit_with_one_clear_line(capsys, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(capsys, "pop", "--ani", "13800138000", "--url", url)
    assert code == 2 and message in err and "Traceback" not in err


def test_secret_set_without_a_keyring_says_so(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    try:
        code, _out, err = run(capsys, "secret", "set", "db-password")
    finally:
        keyring.set_keyring(previous)
    assert code == 2 and "keyring" in err and "s3cret" not in err


def test_import_queue_log_reports_counts_and_bad_lines(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    url = f"sqlite:///{tmp_path / 'ql.sqlite3'}"
    handmade = Path(__file__).parent / "data" / "queue_log" / "handmade-rare-events.queue_log"
    assert main(["import", "queue-log", str(handmade), "--url", url, "-q"]) == 0
    out = capsys.readouterr().out
    assert ":29: skipped:" in out and "8 calls (3 answered, 1 abandoned, 2 without a final event)" in out
    assert main(["import", "queue-log", str(handmade), "--url", url, "-q"]) == 0
    assert "0 new events" in capsys.readouterr().out
    assert main(["import", "queue-log", str(tmp_path / "missing"), "--url", url]) == 2
