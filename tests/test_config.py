from __future__ import annotations

from pathlib import Path

import pytest

from agent_desk.config import ConfigError, Settings, load_settings, save_settings


def test_defaults_point_at_the_embedded_database(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.toml", env={})
    assert settings.db_url.startswith("sqlite:///")
    assert settings.db_url.endswith("agent-desk.sqlite3")
    assert settings.phone_region == "CN"


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[agent_desk]\nhub_url = "ws://file:1"\nphone_region = "HK"\nmax_discount_pct = 15\n')
    env = {"AGENT_DESK_HUB_URL": "ws://env:2"}
    settings = load_settings(path, env=env, overrides={"hub_url": "ws://flag:3", "db_url": None})
    assert settings.hub_url == "ws://flag:3"
    assert settings.phone_region == "HK"
    assert settings.max_discount_pct == 15
    assert load_settings(path, env=env).hub_url == "ws://env:2"
    assert load_settings(path, env={}).hub_url == "ws://file:1"


def test_environment_numbers_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="whole number"):
        load_settings(tmp_path / "none.toml", env={"AGENT_DESK_MAX_DISCOUNT_PCT": "lots"})


@pytest.mark.parametrize(
    ("content", "message"),
    [("hub_url = [", "not valid TOML"), ("colour = 'red'", "unknown setting 'colour'")],
)
def test_broken_config_files_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(path, env={})


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = save_settings(Settings(hub_url="ws://hub:9", agent_id="SIP/8001"), tmp_path / "c.toml")
    loaded = load_settings(path, env={})
    assert (loaded.hub_url, loaded.agent_id) == ("ws://hub:9", "SIP/8001")
