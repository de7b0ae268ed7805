"""``agent-desk kpi report``: the JSON contract, CSV and table output, and refusals of bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from agent_desk.cli import main

HANDMADE = Path(__file__).parent / "data" / "queue_log" / "handmade-rare-events.queue_log"
RANGE = ["--from", "2023-11-14", "--to", "2023-11-15", "--tz", "UTC"]


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'kpi.sqlite3'}"
    assert main(["import", "queue-log", str(HANDMADE), "--url", url, "-q"]) == 0
    capsys.readouterr()
    return url


def test_json_carries_the_definitions_and_one_keyed_row_per_queue(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "report", *RANGE, "--by", "queue", "--format", "json", "--url", url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["definitions"]["sl_definition"] == "offered" and report["definitions"]["sl_seconds"] == 20
    [row] = report["rows"]
    assert row["queue"] == "sales"
    for field in (
        "offered",
        "answered",
        "abandoned",
        "short_abandoned",
        "timeout",
        "answer_rate",
        "service_level",
        "asa_s",
        "max_wait_s",
        "avg_talk_s",
        "aht_s",
        "talk_s",
        "ring_no_answer",
        "fcr",
        "conversion",
        "csat",
    ):
        assert field in row, field
    assert (row["offered"], row["answered"], row["service_level"]) == (6, 3, 0.5)


def test_settings_change_the_figures_and_the_stated_definition(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "kpi",
        "report",
        *RANGE,
        "--format",
        "json",
        "--url",
        url,
        "--sl-definition",
        "answered",
        "--sl-seconds",
        "5",
    ]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["definitions"]["service_level"].startswith("answered within 5 s / answered")
    assert report["rows"][0]["service_level"] == pytest.approx(1 / 3, abs=1e-4)  # only .7 (3 s) of 3 answered


def test_csv_by_agent_spreads_not_ready_reasons_into_columns(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "report", *RANGE, "--by", "agent", "--format", "csv", "--url", url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all("agent" in r for r in rows)
    assert any(r.get("not_ready_lunch_s") == "3600.0" for r in rows)


def test_the_table_says_which_service_level_it_shows(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "report", *RANGE, "--url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("service level: answered within 20 s / (offered - short abandons)")
    assert "sales" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-11-15", "--to", "2023-11-14"], "before its first day"),
        (["--from", "2023-11-14", "--to", "2023-11-15", "--tz", "Mars/Base"], "unknown time zone"),
    ],
)
def test_bad_ranges_and_zones_get_one_clear_line(
    url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["kpi", "report", *args, "--url", url]) == 2
    assert message in capsys.readouterr().err


def test_a_date_that_is_not_a_date_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["kpi", "report", "--from", "yesterday", "--to", "2023-11-15"])
    assert "not a date" in capsys.readouterr().err
