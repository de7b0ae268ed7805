"""What every subcommand shares: the one-line error, the settings and database of a command, --url."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_desk.config import Settings
    from agent_desk.store.database import Database


class CliError(Exception):
    """A failure worth one clear line on stderr and a non-zero exit, no traceback."""


def settings_for(args: argparse.Namespace) -> Settings:
    from agent_desk.config import load_settings

    return load_settings(overrides={"db_url": getattr(args, "url", None)})


def open_db(args: argparse.Namespace, *, auto_upgrade: bool | None = None) -> Database:
    from agent_desk.store.database import open_database

    return open_database(settings_for(args).db_url, auto_upgrade=auto_upgrade)


def add_url(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--url",
        help="database URL (sqlite:///FILE or postgresql://USER@HOST/DB); "
        "default: AGENT_DESK_DB_URL, then config.toml, then the embedded SQLite file",
    )


def read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("again: ") != first:
            raise CliError("the two entries differ; nothing was stored")
        return first
    return sys.stdin.readline().rstrip("\n")


def progress_bar() -> Callable[[str, int, int], None]:
    from tqdm import tqdm

    bars: dict[str, tqdm[Any]] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"{stage:>10}", unit=" rows", unit_scale=True, leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
