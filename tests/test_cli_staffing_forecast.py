"""``agent-desk staffing forecast``, ``backtest`` and ``special-day``: output contracts and clear refusals."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from agent_desk.cli import main
from agent_desk.store.database import open_database
from tests.services.staffing_history import Pattern, write_history

ZONE = ["--tz", "Asia/Shanghai"]


@pytest.fixture
def url(sqlite_templates: dict[str, Path], tmp_path: Path) -> str:
    """The demo's business lines and users, and ten weeks of calls from Monday 5 January 2026; the
    commands run "as if" in the week after (--from, --at)."""
    path = tmp_path / "staffing.sqlite3"
    shutil.copyfile(sqlite_templates["reference"], path)
    db = open_database(f"sqlite:///{path}")
    try:
        write_history(db, Pattern(date(2026, 1, 5), 70, base=60), seed=21)
    finally:
        db.dispose()
    return f"sqlite:///{path}"


def test_the_forecast_as_json_gives_each_interval_in_utc_with_calls_and_aht(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["staffing", "forecast", "--days", "2", "--from", "2026-03-16", *ZONE, "--format", "json", "--url", url]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["first_day"], out["days"], out["interval_minutes"], out["zone"]) == (
        "2026-03-16",
        2,
        30,
        "Asia/Shanghai",
    )
    assert out["method"].startswith("Holt-Winters") and out["history_days"] == 70 and out["notes"] == []
    assert len(out["intervals"]) == 96 and out["intervals"][0]["start"] == "2026-03-15T16:00:00Z"
    one = out["intervals"][26]  # 13:00 in Shanghai on Monday: the busiest half hour (5.2 calls on average)
    assert 3.5 < one["calls"] < 7 and 200 < one["aht_s"] < 260
    assert main([*args[:-2], "--interval", "60", "--url", url]) == 0
    assert len(json.loads(capsys.readouterr().out)["intervals"]) == 48


def test_the_forecast_as_csv_and_as_a_table(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["staffing", "forecast", "--days", "1", "--from", "2026-03-16", *ZONE, "--url", url]
    assert main([*base, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 48 and rows[0]["start_local"] == "2026-03-16 00:00"
    assert rows[0]["start_utc"] == "2026-03-15T16:00:00Z" and float(rows[0]["calls"]) == 0
    assert main(base) == 0
    table = capsys.readouterr().out
    assert "method: Holt-Winters" in table and "2026-03-16 13:00" in table and "calls per day: 2026-03-16" in table


def test_the_backtest_prints_the_wape_of_the_forecast_and_of_the_naive(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["staffing", "backtest", "--at", "2026-03-18", *ZONE, "--url", url]) == 0
    table = capsys.readouterr().out
    assert "backtest of the week 2026-03-09 – 2026-03-15" in table
    assert "the forecast beats the naive" in table and "WAPE: forecast 0." in table
    assert main(["staffing", "backtest", "--at", "2026-03-18", *ZONE, "--format", "json", "--url", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["beats_naive"] is True and 0 < out["wape_forecast"] < out["wape_naive"]
    assert len(out["intervals"]) == 48 and out["intervals"][26]["time"] == "13:00" and len(out["days"]) == 7
    assert main(["staffing", "backtest", "--at", "2026-03-18", *ZONE, "--format", "csv", "--url", url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[6] == {
        "interval": "03:00",
        "actual": "0.0",
        "forecast": "0.000",
        "naive": "0.0",
        "wape_forecast": "—",
        "wape_naive": "—",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["forecast", "--days", "0", *ZONE], "a forecast covers 1 to 62 days, not 0"),
        (["forecast", "--line", "nope", *ZONE], "no business line has the code 'nope'"),
        (["forecast", "--from", "2025-01-01", *ZONE], "no calls were offered in the 26 weeks before 2025-01-01"),
        (["backtest", "--at", "2026-01-13", *ZONE], "no calls were offered in the 26 weeks before 2026-01-05"),
        (["forecast", "--tz", "Mars/Base"], "unknown time zone 'Mars/Base'"),
    ],
)
def test_bad_requests_end_with_one_line_and_exit_2(
    url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["staffing", *args, "--url", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("agent-desk: ") and message in err and "Traceback" not in err


def test_special_days_are_added_listed_and_removed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    add = ["staffing", "special-day", "add", "2026-03-18", "--kind", "holiday", "--note", "Qingming", "--url", url]
    assert main(add) == 0
    assert capsys.readouterr().out == "marked 2026-03-18 as a holiday for every line\n"
    assert main(add) == 2
    assert "2026-03-18 is already marked so" in capsys.readouterr().err
    campaign = ["staffing", "special-day", "add", "2026-03-17", "--kind", "campaign", "--line", "kitchen", "--url", url]
    assert main(campaign) == 0
    capsys.readouterr()
    assert main(["staffing", "special-day", "list", "--format", "json", "--url", url]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"day": "2026-03-17", "kind": "campaign", "line": "kitchen", "note": ""},
        {"day": "2026-03-18", "kind": "holiday", "line": None, "note": "Qingming"},
    ]
    # The forecast takes the marks: the holiday with no past one, at the default half day.
    assert main(["staffing", "forecast", "--from", "2026-03-16", *ZONE, "--format", "json", "--url", url]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert any(n.startswith("2026-03-18 is a holiday and the history has none") for n in notes)
    remove = ["staffing", "special-day", "remove", "2026-03-18", "--kind", "holiday", "--url", url]
    assert main(remove) == 0
    assert main(remove) == 2
    assert "2026-03-18 has no such mark to remove" in capsys.readouterr().err
    assert main(["staffing", "special-day", "list", "--url", url]) == 0
    assert "2026-03-17  campaign  kitchen" in capsys.readouterr().out
