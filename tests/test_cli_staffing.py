"""``agent-desk staffing required``: the JSON contract, the table, and one clear line for bad input."""

from __future__ import annotations

import json

import pytest

from agent_desk.cli import main

EXAMPLE = ["staffing", "required", "--calls", "100", "--interval-min", "30", "--aht-s", "180"]


def test_json_carries_agents_positions_and_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    # Call Centre Helper's worked example: 80 % in 20 s, 85 % occupancy, 30 % shrinkage → 14, 20
    args = [*EXAMPLE, "--sl", "0.8", "--sl-seconds", "20", "--shrinkage", "0.3", "--max-occupancy", "0.85"]
    assert main([*args, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["agents"], result["positions"]) == (14, 20)
    assert result["service_level"] == pytest.approx(0.888, abs=0.001)
    assert result["asa_s"] == pytest.approx(7.8, abs=0.05)
    assert result["occupancy"] == pytest.approx(10 / 14, abs=1e-6)
    assert "abandon_rate" not in result and result["model"] == "erlang_c"


def test_patience_models_abandons_and_reports_their_rate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*EXAMPLE, "--patience-s", "60", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "erlang_a" and 0 < result["abandon_rate"] < 0.2
    assert result["agents"] < 14 and result["service_level"] >= 0.8


def test_an_asa_target_replaces_the_service_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*EXAMPLE, "--asa-s", "3", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["asa_s"] <= 3 and result["agents"] == 16


def test_the_table_names_the_model_the_target_and_each_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*EXAMPLE, "--patience-s", "90"]) == 0
    out = capsys.readouterr().out
    assert "10.00 Erlangs (Erlang A; target 80% within 20 s)" in out
    for label in ("agents", "positions", "service level", "ASA", "occupancy", "abandon rate"):
        assert f"\n{label} " in f"\n{out}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--calls", "0", "--interval-min", "30", "--aht-s", "180"], "calls offered must be a number above 0"),
        (["--calls", "-4", "--interval-min", "30", "--aht-s", "180"], "given -4"),
        (["--calls", "100", "--interval-min", "30", "--aht-s", "0"], "handling time must be above 0"),
        (["--calls", "100", "--interval-min", "0", "--aht-s", "180"], "--interval-min must be"),
        ([*EXAMPLE[2:], "--sl", "1.5"], "below 1"),
        ([*EXAMPLE[2:], "--asa-s", "0"], "no caller ever waits"),
        ([*EXAMPLE[2:], "--asa-s", "5", "--sl-seconds", "10"], "--sl-seconds goes with --sl"),
        ([*EXAMPLE[2:], "--shrinkage", "1"], "shrinkage must be 0 or more and below 1"),
        ([*EXAMPLE[2:], "--max-occupancy", "0"], "occupancy cap"),
        ([*EXAMPLE[2:], "--patience-s", "-1"], "patience must be above 0"),
        ([*EXAMPLE[2:], "--asa-s", "1e-300"], "ease the target"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["staffing", "required", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.out == ""


def test_words_where_numbers_go_and_two_targets_are_refused_by_the_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as words:
        main([*EXAMPLE[:3], "lots", *EXAMPLE[4:]])
    assert words.value.code == 2 and "not a number: 'lots'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as both:
        main([*EXAMPLE, "--sl", "0.8", "--asa-s", "20"])
    assert both.value.code == 2 and "not allowed with" in capsys.readouterr().err
