"""``agent-desk team …``, ``user add --team`` and ``kpi report --by team|week|month`` as an
administrator runs them (in-process, real databases: SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from agent_desk.cli import main
from agent_desk.store.database import Database
from agent_desk.store.models import Team, User

HANDMADE = Path(__file__).parent / "data" / "queue_log" / "handmade-rare-events.queue_log"
RANGE = ["--from", "2023-11-14", "--to", "2023-11-15", "--tz", "UTC"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _counts(db: Database) -> tuple[int, int]:
    with db.factory() as s:
        return (
            s.scalar(select(func.count()).select_from(Team)) or 0,
            s.scalar(select(func.count()).select_from(User)) or 0,
        )


def test_teams_are_added_listed_and_filled(capsys, ref_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = ref_db.url
    code, out, _ = run(capsys, "team", "add", "夜班组", "--leader", "supervisor2", "--url", url)
    assert code == 0 and "team 夜班组 created" in out and "led by supervisor2" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    code, out, _ = run(capsys, "user", "add", "agent9", "--role", "agent", "--team", "夜班组", "--url", url)
    assert code == 0 and "user agent9 (agent) created" in out and "in team 夜班组" in out
    code, out, _ = run(capsys, "team", "assign", "夜班组", "agent3", "--url", url)
    assert code == 0 and "agent3 now in team 夜班组" in out
    code, out, _ = run(capsys, "team", "list", "--url", url)
    assert code == 0
    lines = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert lines["夜班组"][1:] == ["supervisor2", "(郑班长)", "2", "yes"]  # agent9 and agent3
    assert lines["销售二组"][-2:] == ["1", "yes"]  # agent777: agent3 moved out
    assert lines["销售一组"][1:3] == ["supervisor1", "(吴班长)"]
    with ref_db.factory() as s:
        teams = dict(s.execute(select(User.username, Team.name).join(Team, Team.id == User.team_id)).all())
    assert teams["agent9"] == teams["agent3"] == "夜班组" and teams["agent1"] == "销售一组"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["team", "add", "早班组", "--leader", "nobody"], "there is no user named 'nobody'"),
        (["team", "add", "早班组", "--leader", "agent1"], "a team is led by a supervisor or an admin"),
        (["team", "add", "销售一组"], "a team named '销售一组' already exists"),
        (["team", "add", "(no team)"], "not beginning with '('"),
        (["team", "assign", "早班组", "agent1"], "there is no team named '早班组'"),
        (["team", "assign", "销售二组", "agent1", "nobody"], "there is no user named 'nobody'"),
        (["user", "add", "agent9", "--role", "agent", "--team", "早班组"], "there is no team named '早班组'"),
    ],
)
def test_unknown_teams_and_users_get_one_clear_line_and_change_nothing(
    capsys, ref_db: Database, monkeypatch, argv: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    stdin = io.StringIO("s3cret-pass\n")
    monkeypatch.setattr("sys.stdin", stdin)
    before = _counts(ref_db)
    code, _out, err = run(capsys, *argv, "--url", ref_db.url)
    assert code == 2 and message in err and "Traceback" not in err
    assert stdin.read() == "s3cret-pass\n"  # an unknown team is said before a password is asked for
    assert _counts(ref_db) == before
    with ref_db.factory() as s:  # agent1 did not move in the half-done assign
        team_of_agent1 = s.scalar(
            select(Team.name).join(User, User.team_id == Team.id).where(User.username == "agent1")
        )
    assert team_of_agent1 == "销售一组"


def test_a_team_list_of_an_empty_database_says_how_to_start(capsys, db: Database) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "team", "list", "--url", db.url)
    assert code == 0 and "no teams yet" in out


@pytest.fixture
def record(ref_db: Database, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["import", "queue-log", str(HANDMADE), "--url", ref_db.url, "-q"]) == 0
    capsys.readouterr()
    return ref_db.url


def test_kpi_report_by_team_week_and_month_in_json_csv_and_table(capsys, record: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "kpi", "report", *RANGE, "--by", "team", "--format", "json", "--url", record)
    report = json.loads(out)
    assert code == 0 and report["definitions"]["by"] == "team"
    teams = {row["team"]: row for row in report["rows"]}
    assert set(teams) == {"销售一组", "(none)"} and teams["销售一组"]["answered"] == 3
    # agent1's lunch and agent2's break (their training pause is still open: it runs to the range's end).
    assert {k: v for k, v in teams["销售一组"]["not_ready_s"].items() if k != "training"} == {
        "lunch": 3600,
        "break": 900,
    }

    code, out, _ = run(capsys, "kpi", "report", *RANGE, "--by", "week", "--format", "csv", "--url", record)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and out.startswith("week,")
    assert [(r["week"], r["offered"], r["not_ready_lunch_s"]) for r in rows] == [("2023-W46", "6", "3600.0")]

    code, out, _ = run(capsys, "kpi", "report", *RANGE, "--by", "month", "--url", record)
    header, month = out.splitlines()[1:3]
    assert code == 0 and header.split()[:3] == ["month", "offered", "answered"]
    assert month.split()[:3] == ["2023-11", "6", "3"]
