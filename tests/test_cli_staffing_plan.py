"""``agent-desk staffing template|plan|publish|adherence``: what they print, and one clear line
with exit code 2 for what they refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent_desk.cli import main

DAYS = ["--from", "2026-03-02", "--to", "2026-03-02", "--tz", "UTC", "--time-limit", "10"]


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'plan.sqlite3'}"
    assert main(["demo-data", "--customers", "5", "--url", url]) == 0
    assert main(["staffing", "template", "add", "Early", "--start", "06:00", "--hours", "8", "--url", url]) == 0
    assert main(["staffing", "template", "add", "Late", "--start", "14:00", "--hours", "8", "--url", url]) == 0
    capsys.readouterr()
    return url


def test_templates_are_added_and_listed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["staffing", "template", "add", "Day", "--start", "08:30", "--hours", "9", "--break", "120:15"]
    assert main([*args, "--break", "240:30", "--url", url]) == 0
    assert capsys.readouterr().out.strip() == (
        "template 3 'Day': 08:30, 9 h, break +120 min for 15, break +240 min for 30"
    )
    assert main(["staffing", "template", "list", "--format", "json", "--url", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["name"], t["start"], t["length_minutes"]) for t in listed] == [
        ("Early", "06:00", 480),
        ("Day", "08:30", 540),
        ("Late", "14:00", 480),
    ]
    assert listed[1]["breaks"] == [[120, 15], [240, 30]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Early", "--start", "07:00", "--hours", "8"], "a shift template named 'Early' already exists"),
        (["X", "--start", "07:00", "--hours", "8", "--break", "470:15"], "lie inside the shift"),
        (["X", "--start", "07:00", "--hours", "17"], "--hours is the shift's length, above 0 and at most 16"),
        (["X", "--start", "7h", "--hours", "8"], "not a time of day (HH:MM)"),
        (["X", "--start", "07:00", "--hours", "8", "--break", "15"], "not a break"),
    ],
)
def test_a_bad_template_is_one_line_and_exit_2(
    url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert _exit(["staffing", "template", "add", *args, "--url", url]) == 2
    assert message in capsys.readouterr().err


def _exit(argv: list[str]) -> int:
    """The exit code, whether the command returned it or argparse exited with it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_plan_publish_and_adherence(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["staffing", "plan", *DAYS, "--flat", "1", "--url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("plan 1 (draft): 2026-03-02 to 2026-03-02, 30-min intervals, zone UTC\n")
    assert "solver: OPTIMAL (the least possible)" in out
    # 06:00–22:00 covered by one early and one late shift; the night's 8 hours are short.
    assert "under-staffed 8 position-hours, over-staffed 0\n" in out
    assert "publish it with: agent-desk staffing publish 1" in out
    assert main(["staffing", "publish", "1", "--url", url]) == 0
    assert capsys.readouterr().out.startswith("plan 1 published: 2026-03-02 to 2026-03-02")
    assert main(["staffing", "publish", "1", "--url", url]) == 2
    assert "it cannot be published again" in capsys.readouterr().err
    assert main(["staffing", "adherence", "--day", "2026-03-02", "--format", "json", "--url", url]) == 0
    day = json.loads(capsys.readouterr().out)
    assert day["plan_id"] == 1 and len(day["intervals"]) == 48
    assert {i["scheduled"] for i in day["intervals"] if i["start_local"] >= "2026-03-02 06:00"} == {1.0, 0.0}
    assert [a["scheduled_s"] for a in day["agents"]] == [28800, 28800]
    assert main(["staffing", "adherence", "--day", "2026-03-03", "--url", url]) == 2
    assert capsys.readouterr().err.strip() == "agent-desk: no published shift plan covers 2026-03-03"


def test_the_required_file_by_start_time(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need = tmp_path / "need.csv"
    need.write_text(
        "start_local,positions\n" + "".join(f"2026-03-02 {h:02d}:{m:02d},1\n" for h in range(6, 14) for m in (0, 30))
    )
    assert main(["staffing", "plan", *DAYS, "--required-file", str(need), "--url", url]) == 0
    out = capsys.readouterr().out
    assert "under-staffed 0 position-hours, over-staffed 0" in out
    assert "Early" in out and "Late" not in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("positions\n1\n2\n", "2 rows for the plan's 48 intervals"),
        ("start_local,positions\n2026-03-02 06:15,1\n", "'2026-03-02 06:15' is not the start of one of the plan's"),
        ("start_local,positions\n2026-03-02 06:00,-1\n", "positions must be a whole number, 0 or more"),
        ("start_local,positions\nsoon,1\n", "start_local 'soon' is not a time"),
        ("when,count\n", "expected a header with a 'positions' column"),
    ],
)
def test_a_bad_required_file_is_one_line_and_exit_2(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    need = tmp_path / "need.csv"
    need.write_text(text)
    assert main(["staffing", "plan", *DAYS, "--required-file", str(need), "--url", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("agent-desk: ") and message in err and err.count("\n") == 1
    assert main(["staffing", "plan", *DAYS, "--required-file", str(tmp_path / "none.csv"), "--url", url]) == 2
    assert "cannot read" in capsys.readouterr().err
