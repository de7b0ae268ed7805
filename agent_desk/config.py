"""Settings: defaults < TOML file in the platform config dir < environment < command-line flags.

Secrets never live here: see :mod:`agent_desk.secrets`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "AgentDesk"
APP_AUTHOR = "AgentDesk"

ENV_PREFIX = "AGENT_DESK_"


class ConfigError(Exception):
    """A configuration file or value that cannot be used; the message says which and why."""


def config_dir() -> Path:
    override = os.environ.get(ENV_PREFIX + "CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    override = os.environ.get(ENV_PREFIX + "DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    override = os.environ.get(ENV_PREFIX + "LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'agent-desk.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """What a workstation needs to know. Every field can be set in config.toml,
    by ``AGENT_DESK_<FIELD>`` in the environment, or by a command-line flag."""

    db_url: str = field(default_factory=default_db_url)
    hub_url: str = "ws://127.0.0.1:8765"
    phone_region: str = "CN"
    locale: str = ""  # empty: follow the system locale
    agent_id: str = ""  # the PBX's name for this desk's agent, e.g. SIP/8001
    autosave_seconds: int = 5
    max_discount_pct: int = 20
    followup_delay_days: int = 3
    overwork_hours: int = 10  # the live floor flags an agent logged in longer (0: never)

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def _coerce(name: str, raw: object, to: type) -> object:
    if to is int:
        # of what TOML and flags can give, only text and numbers may become a whole number
        if isinstance(raw, str | int | float):
            try:
                return int(raw)
            except ValueError:
                pass
        raise ConfigError(f"setting {name!r} must be a whole number, not {raw!r}")
    if not isinstance(raw, str):
        raise ConfigError(f"setting {name!r} must be text, not {raw!r}")
    return raw


def _types() -> dict[str, type]:
    return {f.name: (int if f.type in ("int", int) else str) for f in fields(Settings)}


def load_settings(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: dict[str, object | None] | None = None,
) -> Settings:
    """Build the settings from file, environment and explicit overrides (``None`` values ignored)."""
    environment = os.environ if env is None else env
    types = _types()
    # each value is coerced to its field's type by _coerce, which mypy cannot follow
    values: dict[str, Any] = {}
    path = path or config_file()
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        section = raw.get("agent_desk", raw)
        for key, value in section.items():
            if key not in types:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, value, types[key])
    for key, to in types.items():
        env_value = environment.get(ENV_PREFIX + key.upper())
        if env_value:
            values[key] = _coerce(key, env_value, to)
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = _coerce(key, value, types[key])
    return replace(Settings(), **values)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    import tomli_w

    path = path or config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"agent_desk": {f.name: getattr(settings, f.name) for f in fields(Settings)}}
    path.write_text(tomli_w.dumps(body), encoding="utf-8")
    return path
