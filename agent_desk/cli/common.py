"""What every subcommand shares: the one-line error, the settings and database of a command, --url."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

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


def iana_zone(name: str) -> ZoneInfo:
    """The time zone a command was given by name; CliError for one that does not exist."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CliError(f"unknown time zone {name!r} (an IANA name such as Asia/Shanghai or UTC)") from None


def run_refusing(args: argparse.Namespace, work: Callable[[Any], Any], refusals: tuple[type[Exception], ...]) -> Any:
    """``work(session)`` in one transaction on the command's database; a refusal is one line on stderr."""
    from agent_desk.store.db import transaction

    db = open_db(args)
    try:
        with transaction(db.factory) as session:
            return work(session)
    except refusals as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()


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
